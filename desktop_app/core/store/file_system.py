"""Whether a database file lies on a network file system, where SQLite's WAL journal cannot work.

WAL keeps its index in shared memory (the -shm file mapped by every process), which SMB/CIFS and NFS
do not share between computers: two clerks' computers would each see their own index and corrupt the
file. On such a file the program uses a rollback journal instead (DESIGN §12), with the busy timeout
and the per-record compare-and-set that keep several clerks from overwriting each other.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

# Linux /proc/mounts types of network file systems (fuse.sshfs and the like count too).
NETWORK_TYPES = frozenset({"cifs", "smb", "smb2", "smb3", "smbfs", "nfs", "nfs4", "ncpfs", "afs", "9p",
                           "davfs", "fuse.sshfs", "fuse.davfs2", "fuse.rclone", "ceph", "glusterfs", "lustre"})
DRIVE_REMOTE = 4   # GetDriveTypeW: a network drive


def mount_type(path: Path, mounts: str | None = None) -> str:
    """The file system type of the mount holding ``path`` on Linux ('' where unknown)."""
    try:
        text = mounts if mounts is not None else Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    target = os.path.realpath(path.parent if not path.is_dir() else path)
    best, kind = "", ""
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (target == point or target.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
            best, kind = point, parts[2]
    return kind


def on_network_drive(path: Path) -> bool:
    """True for a UNC path or mapped network drive (Windows) or a network mount (elsewhere)."""
    if sys.platform == "win32":
        text = str(path)
        if text.startswith(("\\\\", "//")):
            return True
        drive = os.path.splitdrive(os.path.abspath(text))[0]
        return bool(drive) and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE
    return mount_type(path) in NETWORK_TYPES
