"""The domain in plain data: dataclasses of DESIGN §2, the office-hours grammar, messages, errors.

The bottom layer: imports nothing else of desktop_app.core (import-linter enforces the order
model ← store ← calendar ← acceptance ← planning | feeds | dataset ← reports).
"""
