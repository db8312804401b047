"""A real Radicale CalDAV server on 127.0.0.1 for the publishing tests, and an independent reader."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import caldav


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Radicale exited: {process.stderr.read().decode(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("Radicale did not start")


class RadicaleServer:
    def __init__(self, folder: Path, users: dict[str, str] | None = None, rights: str | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        folder.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "radicale", "--storage-filesystem-folder", str(folder / "storage"),
                   "--server-hosts", f"127.0.0.1:{self.port}", "--logging-level", "warning"]
        if users:
            htpasswd = folder / "users"
            htpasswd.write_text("".join(f"{user}:{password}\n" for user, password in users.items()),
                                encoding="utf-8")
            command += ["--auth-type", "htpasswd", "--auth-htpasswd-filename", str(htpasswd),
                        "--auth-htpasswd-encryption", "plain"]
        else:
            command += ["--auth-type", "none"]
        if rights:
            # owner_write: every account reads every calendar, writes only its own (a city's bureaus).
            command += ["--rights-type", rights]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _wait_for_port(self.port, self.process)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def read_back(url: str, user: str = "bureau", password: str = "") -> dict[str, dict[str, object]]:
    """What an independent CalDAV client sees: {calendar id: {uid: icalendar VEVENT}}."""
    client = caldav.DAVClient(url=url, username=user, password=password, enable_rfc6764=False)
    seen = {}
    for calendar in client.principal().calendars():
        name = str(calendar.url).rstrip("/").rsplit("/", 1)[-1]
        events = {}
        for resource in calendar.events():
            event = resource.icalendar_component
            events[str(event["UID"])] = event
        seen[name] = events
    return seen
