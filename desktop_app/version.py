"""The program's version, for `--version` and Help ▸ About: light, imports nothing heavy."""

from __future__ import annotations

from desktop_app.paths import ROOT

DISTRIBUTION = "joint-acceptance-scheduler"


def app_version() -> str:
    """The installed distribution's version; pyproject.toml's when run from a source tree without one."""
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return _pyproject_version() or "unknown"


def _pyproject_version() -> str | None:
    import tomllib

    try:
        with open(ROOT / "pyproject.toml", "rb") as file:
            return tomllib.load(file)["project"]["version"]
    except (OSError, tomllib.TOMLDecodeError, KeyError):
        return None
