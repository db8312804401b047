"""A lock on a folder that several programs write to (the feed export's folder, often a share).

A lock file in the folder, locked with the operating system's byte-range lock: ``fcntl.lockf``
on POSIX, ``msvcrt.locking`` on Windows. Both reach across NFS and SMB shares, and the lock
dies with its process, so an export killed half-way never leaves the folder locked. POSIX
locks belong to a process, not to a thread, so the threads of one process (the GUI's publish
beside its automatic one) queue on a lock of their own first.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

LOCK_FILE = ".joint-acceptance.lock"
_POLL_SECONDS = 0.1
# A file system without byte-range locks (some NAS and FUSE mounts) answers with these.
_NO_LOCKS = {errno.ENOLCK, errno.ENOSYS, errno.EOPNOTSUPP, getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)}

_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


class FolderLocked(Exception):
    """Another program (or another computer) holds the folder's lock."""


def _thread_lock(folder: Path) -> threading.Lock:
    key = os.path.normcase(os.path.realpath(folder))
    with _thread_locks_guard:
        return _thread_locks.setdefault(key, threading.Lock())


if os.name == "nt":
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        os.lseek(descriptor, 0, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if error.errno in (errno.EACCES, errno.EDEADLOCK):
                return False
            raise
        return True

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EACCES, errno.EAGAIN):
                return False
            raise
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.lockf(descriptor, fcntl.LOCK_UN)


def _wait_for_lock(descriptor: int, folder: Path, deadline: float) -> bool:
    """Lock the file, polling until ``deadline``; False when the file system has no locks."""
    try:
        while not _try_lock(descriptor):
            if time.monotonic() >= deadline:
                raise FolderLocked(folder)
            time.sleep(_POLL_SECONDS)
    except OSError as error:
        if error.errno not in _NO_LOCKS:
            raise
        return False
    return True


@contextlib.contextmanager
def folder_lock(folder: Path, wait_seconds: float) -> Iterator[bool]:
    """Hold ``folder``'s lock for the ``with`` block; yields whether it is really held.

    Waits up to ``wait_seconds`` for another holder to finish, then raises FolderLocked. On a
    file system that has no locks it yields False: the caller must then assume others may be
    writing. OSError when the lock file cannot be created (a read-only folder).
    """
    deadline = time.monotonic() + wait_seconds
    in_process = _thread_lock(folder)
    if not in_process.acquire(timeout=max(wait_seconds, 0)):
        raise FolderLocked(folder)
    try:
        descriptor = os.open(Path(folder) / LOCK_FILE, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
        if hasattr(os, "fchmod"):
            # Other users exporting to the same share must open it for writing too; it holds no data.
            with contextlib.suppress(OSError):
                os.fchmod(descriptor, 0o666)
        try:
            held = _wait_for_lock(descriptor, folder, deadline)
            try:
                yield held
            finally:
                if held:
                    with contextlib.suppress(OSError):
                        _unlock(descriptor)
        finally:
            os.close(descriptor)
    finally:
        in_process.release()
