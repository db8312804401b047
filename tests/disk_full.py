"""A real full disk for tests: a tiny tmpfs, filled up to what the test leaves free.

Disk-full handling cannot be trusted from a mocked os.write alone: Qt's PDF writer, for one,
never calls it. Mounting needs root (CI runs as root); elsewhere the tests that use it skip.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

BLOCK = 4096


@contextlib.contextmanager
def small_disk_at(folder: Path, size: str = "512k") -> Iterator[Path]:
    """Mount a tmpfs of ``size`` on ``folder`` (created) for the block; skips the test without root."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True) if shutil.which("mount") else None
    if mounted is None or mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def free_bytes(folder: Path) -> int:
    status = os.statvfs(folder)
    return status.f_bavail * status.f_frsize


def fill_up(folder: Path, leave: int = 0) -> Path:
    """Write a ballast file into ``folder`` until at most ``leave`` bytes are free; returns it."""
    ballast = folder / "ballast"
    with open(ballast, "wb", buffering=0) as stream:
        with contextlib.suppress(OSError):      # the disk is full: that was the point
            while free_bytes(folder) > leave:
                stream.write(b"\0" * min(BLOCK, max(free_bytes(folder) - leave, 1)))
    return ballast
