"""联合验收排期 — Joint Acceptance Scheduler."""

__version__ = "0.1.0"
