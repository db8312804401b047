"""A guard against a PySide6 6.12 reference-counting bug that would crash long print runs.

With PySide6/shiboken6 6.12.0 on Python 3.11, every call of a Qt method returning void
(QPainter.save, QTextDocument.setPageSize, ...) releases one reference to None that it never
took. None's count starts in the thousands, so a batch of a few hundred notices drives it to
zero and the interpreter aborts ("Fatal Python error: none_dealloc"). Python 3.12 made None
immortal, where this guard does nothing. It gives back exactly the references lost inside it.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_IMMORTAL = sys.version_info >= (3, 12)
_restored = 0


@contextmanager
def keep_none_alive() -> Iterator[None]:
    if _IMMORTAL:
        yield
        return
    before = sys.getrefcount(None)
    try:
        yield
    finally:
        lost = before - sys.getrefcount(None)
        if lost > 0:
            _give_back(lost)


def _give_back(count: int) -> None:
    # Increments that are never undone: references held by a Python object would be dropped
    # again while the interpreter shuts down, and the crash would only move to exit.
    global _restored
    none = ctypes.py_object(None)
    for _ in range(count):
        ctypes.pythonapi.Py_IncRef(none)
    _restored += count


def restored_references() -> int:
    """How many references to None the guard has given back (for tests and benchmarks)."""
    return _restored
