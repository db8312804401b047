"""Shared pieces every part of the window uses: formatting of dates and numbers, the table model,
window sizes that fit the screen."""
