"""Confirmations (回执, issue 15 item 5): importing REPLY files and computing every published visit's states.

Run: python tests/benchmarks/bench_confirmations.py
On the demo's departments with 1,000 published visits (two a working day from 2026-12-01, 5–8 departments
each): targets: `confirmations import` of 500 REPLY files (Outlook's shape) <= 5 s in the core (the whole command
is printed too); the states of all 1,000 visits (`visit_confirmations`) <= 0.5 s; the dashboard's list and
`find_conflicts` over the period with 100 declines in it are printed as well.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop_app.core.acceptance.confirmations import unconfirmed_soon, visit_confirmations  # noqa: E402
from desktop_app.core.acceptance.replies import import_replies  # noqa: E402
from desktop_app.core.calendar.availability import store_calendar_bytes  # noqa: E402
from desktop_app.core.calendar.workdays import calendar_for  # noqa: E402
from desktop_app.core.dataset.demo import ANCHOR_MONDAY, load_demo  # noqa: E402
from desktop_app.core.model.domain import Visit, VisitStatus  # noqa: E402
from desktop_app.core.planning.conflicts import find_conflicts  # noqa: E402
from desktop_app.core.store.database import open_database  # noqa: E402
from desktop_app.core.store.repository import Repository  # noqa: E402
from desktop_app.core.store.uid_tokens import uid_token, visit_uid  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

VISITS, REPLIES = 1000, 500
ZONE = ZoneInfo("Asia/Shanghai")


def _visits(repo: Repository) -> list[Visit]:
    calendar = calendar_for(repo)
    departments = [d.code for d in repo.departments()]
    projects = repo.projects()
    day, made = ANCHOR_MONDAY, []
    with repo.db.atomic():
        while len(made) < VISITS:
            day = calendar.next_working_day(day)
            for hour in (9, 14):
                n = len(made)
                codes = tuple(sorted({departments[(n + k * 3) % len(departments)] for k in range(5 + n % 4)}))
                start = dt.datetime.combine(day, dt.time(hour), ZONE)
                project = projects[n % len(projects)]
                visit = Visit(None, project.code, start, start + dt.timedelta(hours=2), project.place, codes, (),
                              status=VisitStatus.PUBLISHED)
                made.append(repo.visit(repo.insert_visit(visit)))
    return made


def _reply(uid: str, email: str, name: str, partstat: str, comment: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "METHOD:REPLY", "PRODID:Microsoft Exchange Server 2010", "VERSION:2.0",
             "BEGIN:VEVENT", f"ATTENDEE;PARTSTAT={partstat};CN={name}:MAILTO:{email.upper()}",
             f"COMMENT;LANGUAGE=zh-CN:{comment}", f"UID:{uid}", "DTSTAMP:20261130T031544Z", "SEQUENCE:0",
             "X-MICROSOFT-CDO-BUSYSTATUS:BUSY", "END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-confirmations-"))
    path = folder / "bureau.sqlite"
    db = open_database(path)
    load_demo(db, today=ANCHOR_MONDAY, availability_writer=store_calendar_bytes)
    repo = Repository(db)
    db.execute("DELETE FROM visits")
    visits = _visits(repo)
    token = uid_token(repo)
    departments = {d.code: d for d in repo.departments()}
    files = []
    for n in range(REPLIES):
        visit = visits[n * 2]
        department = departments[visit.departments[n % len(visit.departments)]]
        declined = n % 5 == 0
        file = folder / f"reply-{n:03d}.ics"
        file.write_bytes(_reply(visit_uid(visit.id, token), department.email, department.name,
                                "DECLINED" if declined else "ACCEPTED", "当天另有安排" if declined else ""))
        files.append(file)

    started = time.perf_counter()
    done = import_replies(repo, files)
    imported = time.perf_counter() - started
    print(f"import {REPLIES} REPLY files in the core: {imported:.2f} s ({done.recorded} answers recorded)"
          f"   target <= 5 s")

    times = []
    for _ in range(5):
        started = time.perf_counter()
        items = visit_confirmations(repo, ANCHOR_MONDAY)
        times.append(time.perf_counter() - started)
    print(f"states of {len(items)} published visits ({sum(len(i.confirmations) for i in items)} departments): "
          f"best {min(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms   target <= 500 ms")
    started = time.perf_counter()
    soon = unconfirmed_soon(repo, ANCHOR_MONDAY)
    print(f"dashboard list (within 2 working days): {len(soon)} visits in {(time.perf_counter() - started) * 1000:.0f} ms")
    last = max(v.start for v in visits).date()
    started = time.perf_counter()
    conflicts = find_conflicts(repo, ANCHOR_MONDAY, last)
    print(f"find_conflicts over {ANCHOR_MONDAY} – {last}: {len(conflicts)} visits with conflicts in "
          f"{time.perf_counter() - started:.2f} s")
    db.close()

    again = folder / "again.sqlite"
    again.write_bytes(path.read_bytes())
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "desktop_app", "confirmations", "import", *map(str, files),
                             "--db", str(again)], capture_output=True, text=True)
    print(f"whole command `confirmations import` of the same {REPLIES} files (all already recorded): "
          f"{time.perf_counter() - started:.2f} s, exit {result.returncode}")


if __name__ == "__main__":
    main()
