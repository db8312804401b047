"""Passwords never live in the database: they come from an environment variable or the system keyring
(Windows Credential Manager, macOS Keychain, Secret Service). One place for the lookups the CalDAV
account, the busy-time sources and the signing certificate share.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping


def secret(variables: Iterable[str], entries: Iterable[tuple[str, str]],
           environ: Mapping[str, str] | None = None) -> str | None:
    """The first of the environment ``variables`` that is set, else the first keyring entry (service, key)
    that holds a password; None when there is none (a locked or missing keyring is not an error)."""
    environ = os.environ if environ is None else environ
    for variable in variables:
        if environ.get(variable):
            return environ[variable]
    try:
        import keyring
    except ImportError:
        return None
    for service, key in entries:
        try:
            found = keyring.get_password(service, key)
        except Exception:   # a locked or missing keyring backend: no password
            found = None
        if found:
            return found
    return None


def keyring_available() -> bool:
    """Whether this computer has a system keyring a password can be stored in."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:   # a broken keyring configuration is the same as none
        return False


class NoKeyring(Exception):
    """This computer has no system keyring to store a password in."""


def store_secret(service: str, key: str, password: str) -> None:
    """Keep ``password`` in the system keyring, where ``secret`` finds it next time.

    Raises NoKeyring without a keyring, or the keyring's own exception when it refuses; the caller says
    in its own words that the password was used this once only.
    """
    if not keyring_available():
        raise NoKeyring()
    import keyring

    keyring.set_password(service, key, password)
