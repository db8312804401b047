"""The figures the bureau reports: `stats`, the dashboard's numbers and chart series.

The top of the core: may import every other part of it.
"""
