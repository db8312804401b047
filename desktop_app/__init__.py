"""联合验收排期 — Joint Acceptance Scheduler. The version: desktop_app.version.app_version()."""
