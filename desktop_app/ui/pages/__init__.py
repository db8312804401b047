"""The sidebar's pages, one module each (with the panels and helpers only that page uses).

Pages lay out widgets and ask ui.controllers to change anything.
"""
