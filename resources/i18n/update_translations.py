"""Refresh the zh_CN translation the Qt way: lupdate extracts, translators edit the .ts, lrelease compiles.

The .ts is the source of the translations: edit it in Qt Linguist (``pyside6-linguist
resources/i18n/joint_acceptance_zh_CN.ts``) or by hand, then run

    python resources/i18n/update_translations.py

which (1) runs ``pyside6-lupdate`` over every module of desktop_app/ui, merging new source strings into the .ts as unfinished and dropping strings the code no longer has, and
(2) compiles the .qm with ``pyside6-lrelease``. Finished translations are never touched. It lists every
unfinished string and exits 1 while any is left; tests/ui/test_translations.py fails on them too.
Core and printing messages (CLI and GUI alike) are not here: they live in desktop_app/core/model/messages.py.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "joint_acceptance_zh_CN.ts"
QM = HERE / "joint_acceptance_zh_CN.qm"
UI = ROOT / "desktop_app" / "ui"


def source_files() -> list[str]:
    """Every module lupdate reads, sorted so the .ts does not churn."""
    return sorted(str(p) for p in UI.rglob("*.py"))


def unfinished(ts: Path) -> list[str]:
    """Source strings whose translation is missing or marked unfinished."""
    return [message.findtext("source") or "" for message in ET.parse(ts).getroot().iter("message")
            if message.find("translation").get("type") == "unfinished"
            or not (message.find("translation").text or "").strip()]


def main(ts: Path = TS, qm: Path = QM) -> int:
    subprocess.run(["pyside6-lupdate", *source_files(), "-no-obsolete", "-locations", "relative",
                    "-source-language", "en", "-target-language", "zh_CN", "-ts", str(ts)],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(qm)], check=True, stdout=subprocess.DEVNULL)
    missing = unfinished(ts)
    for source in missing:
        print(f"unfinished: {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
