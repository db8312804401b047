"""File names made from users' codes: the exported feeds and the printed notices share them.

A code may hold any character and any length; the file name keeps letters and digits of any
script, '.', '-' and '_', and at most MAX_STEM_BYTES bytes. Longer stems are cut and end in a
hash of the whole code, so two long codes that differ only at the end still get two files.
Two codes that still map to one name (``a/b`` and ``a_b``) are refused, never overwritten.
A stem Windows reserves for a device (``CON``, ``nul.txt``, ``Com1``) gets a leading '_':
Windows would open the device instead of the file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Literal

from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr

_UNSAFE_FILE_CHARACTERS = re.compile(r"[^\w.\-]")
# File systems allow 255 bytes per name (eCryptfs 143); the stem leaves room for the suffix and
# for the temporary's ".<name>.<pid>-<n>.tmp" written beside it.
MAX_STEM_BYTES = 100
HASH_CHARACTERS = 12
# Windows device names: reserved in any case, with any extension, and with trailing dots or spaces
# ("NUL .txt"); COM and LPT take the digits 1-9 and the superscripts ¹²³ (Windows counts those too).
_WINDOWS_RESERVED = re.compile(r"CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|(COM|LPT)[1-9¹²³]", re.IGNORECASE)


class FileNameClash(InputError):
    """Two codes would be written to the same file."""


def safe_file_stem(code: str) -> str:
    """A file name for a code: letters, digits (any script), '.', '-' and '_'; the rest become '_'."""
    stem = _UNSAFE_FILE_CHARACTERS.sub("_", code).strip(".") or "_"
    if is_windows_reserved(stem):
        stem = f"_{stem}"
    if len(stem.encode("utf-8")) <= MAX_STEM_BYTES:
        return stem
    digest = hashlib.sha256(code.encode("utf-8")).hexdigest()[:HASH_CHARACTERS]
    kept = stem.encode("utf-8")[:MAX_STEM_BYTES - HASH_CHARACTERS - 1].decode("utf-8", "ignore")
    return f"{kept}-{digest}"


def is_windows_reserved(name: str) -> bool:
    """True if Windows would take ``name`` (with or without extension) for a device such as CON or COM1."""
    # Windows looks at the part before the first dot, trailing spaces dropped ("CON .pdf", "con.tar.gz").
    return _WINDOWS_RESERVED.fullmatch(name.split(".", 1)[0].rstrip(" ")) is not None


_NOT_IN_WINDOWS_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def suggested_file_name(title: str, suffix: str) -> str:
    """A file name offered in a save dialog for a document titled ``title``: readable (spaces and Chinese
    kept), but without what Windows refuses in a name (``: \\ / * ? " < > |``, trailing dots or spaces,
    device names)."""
    stem = _NOT_IN_WINDOWS_NAMES.sub("-", title).strip().rstrip(". ") or "_"
    if is_windows_reserved(stem):
        stem = f"_{stem}"
    encoded = stem.encode("utf-8")
    if len(encoded) > MAX_STEM_BYTES:
        stem = encoded[:MAX_STEM_BYTES].decode("utf-8", "ignore").rstrip(". ")
    return f"{stem}{suffix}"


def file_stems(kind: Literal["department", "project"], codes: Iterable[str], suffix: str) -> dict[str, str]:
    """The file stem of each code; FileNameClash names two codes that would share a file.

    Names are compared case-insensitively: Windows shares and macOS would make them one file.
    """
    stems: dict[str, str] = {}
    seen: dict[str, str] = {}
    for code in codes:
        stem = safe_file_stem(code)
        key = stem.casefold()
        if key in seen:
            file = f"{stem}{suffix}"
            if kind == "department":
                raise FileNameClash(tr("The department codes {first!r} and {second!r} would share the file "
                                       "{file}; rename one of them", first=seen[key], second=code, file=file))
            raise FileNameClash(tr("The project codes {first!r} and {second!r} would share the file "
                                   "{file}; rename one of them", first=seen[key], second=code, file=file))
        seen[key] = code
        stems[code] = stem
    return stems
