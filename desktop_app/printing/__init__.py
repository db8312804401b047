"""Printed documents (DESIGN §7): owners' notices, day sheets and the week overview.

QtGui and QtPrintSupport only, no widgets, so everything here runs from the command line
with the offscreen platform. Entry points are in ``print_jobs``.
"""
