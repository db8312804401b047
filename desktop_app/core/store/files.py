"""Writing files that others read: a temporary beside the target, then one rename.

The feed export (core/feeds/publishing.py) and the PDF writer (printing/paged_output.py) both
write this way, so a reader never sees half a file and a failed write (disk full, read-only
share) leaves the old file as it was. Temporaries are named ".<target name>.<tag>-<n>.tmp".
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from pathlib import Path

from desktop_app.core.model.messages import tr

_TEMPORARY_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
REPLACE_RETRY_SECONDS = (0.05, 0.1, 0.2, 0.4, 0.8)
DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


class IncompleteWrite(OSError):
    """The disk holds less than was written, though the system reported no error."""


def os_error_reason(error: OSError) -> str:
    """The operating system's refusal in the user's words."""
    if error.errno in DISK_FULL:
        return tr("the disk is full")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return tr("permission denied (the folder is read-only)")
    return error.strerror or str(error)


def fsync_directory(folder: str | Path) -> None:
    """Make a rename in ``folder`` durable; Windows cannot open a directory for this."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_temporary(path: str | Path, content: bytes, tag: str, *, durable: bool = False) -> str:
    """Write ``content`` to a new file beside ``path``; returns its name.

    ``durable`` flushes it to the disk and checks that the disk holds every byte: a network
    share or a full disk may report a failure only then. On any failure the temporary is
    removed and the OSError raised. Ordinary permissions (umask), since others read the files.
    Plain os.write, not a file object: a 10,000-file export would pay three extra system
    calls per file.
    """
    directory, name = os.path.split(os.fspath(path))
    for attempt in range(100):
        temporary = os.path.join(directory, f".{name}.{tag}-{attempt}.tmp")
        try:
            descriptor = os.open(temporary, _TEMPORARY_FLAGS, 0o666)
        except FileExistsError:   # left by a killed run: try the next name
            continue
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(descriptor, view):]
            if durable:
                os.fsync(descriptor)
                if os.fstat(descriptor).st_size != len(content):
                    raise IncompleteWrite(errno.EIO, "the file on disk is shorter than what was written", temporary)
        except BaseException:
            os.close(descriptor)
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        os.close(descriptor)
        return temporary
    raise FileExistsError(errno.EEXIST, "too many temporary files", os.fspath(path))


def replace_file(temporary: str | Path, target: str | Path) -> None:
    """Rename over the old file, waiting a little while another program holds it open.

    On Windows a file that a web server, sync tool, PDF viewer or virus scanner has open cannot
    be replaced (a sharing violation, seen as PermissionError) until it lets go, usually within
    a second.
    """
    for delay in REPLACE_RETRY_SECONDS:
        try:
            os.replace(temporary, target)
            return
        except PermissionError:
            time.sleep(delay)
    os.replace(temporary, target)
