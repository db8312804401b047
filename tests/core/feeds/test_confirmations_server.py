"""Departments answer in their CalDAV client (回执 from the server, issue 15 item 5), against a real Radicale:
our event in a department's calendar carries ORGANIZER and the department as ATTENDEE (SCHEDULE-AGENT=CLIENT);
the department changes its PARTSTAT there; publishing does not overwrite the answer, records it and the visit
becomes a conflict; `confirmations fetch` reads it without publishing."""

from __future__ import annotations

import datetime as dt

import caldav

from desktop_app import cli
from desktop_app.core.acceptance.confirmations import record_confirmation, visit_confirmations
from desktop_app.core.calendar.availability import BlockKind
from desktop_app.core.feeds.publishing import CalDAVTarget, calendar_id, fetch_confirmations, publish_caldav, \
    publish_folder
from desktop_app.core.model.domain import ConfirmationSource, ConfirmationState
from desktop_app.core.planning.conflicts import find_conflicts
from desktop_app.core.store.uid_tokens import uid_token, visit_uid
from tests.core.feeds.test_ical_export import SHANGHAI, add_visit, ical_js, move_visit
from tests.radicale_server import read_back

REASON = "当天局里迎检，人手不足，请改期"


def _department_resource(radicale, code: str, uid: str):
    principal = caldav.DAVClient(url=radicale.url, username="bureau", password="",
                                 enable_rfc6764=False).principal()
    calendar = next(c for c in principal.calendars() if str(c.url).rstrip("/").endswith("/" + calendar_id(code)))
    return calendar, next(r for r in calendar.events() if uid in (r.data or ""))


def _answer_on_server(radicale, code: str, uid: str, partstat: str, comment: str = "") -> None:
    """What the department's CalDAV client does: PUT the same event back with its PARTSTAT (and a comment)."""
    calendar, resource = _department_resource(radicale, code, uid)
    data = resource.data.replace("\r\n ", "").replace("\n ", "")
    assert "PARTSTAT=NEEDS-ACTION" in data
    extra = f';X-RESPONSE-COMMENT="{comment}"' if comment else ""
    caldav.Event(client=calendar.client, url=resource.url, parent=calendar,
                 data=data.replace("PARTSTAT=NEEDS-ACTION", f"PARTSTAT={partstat}{extra}")).save(increase_seqno=False)


def _state(repo, visit, department, today):
    item = next(i for i in visit_confirmations(repo, today) if i.visit.id == visit.id)
    return next(c for c in item.confirmations if c.department == department)


def test_a_decline_in_the_departments_calendar_is_kept_recorded_and_a_conflict(demo_repo, demo_today, radicale,
                                                                               tmp_path):
    visit = add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=3), 9)
    code = visit.departments[0]
    department = demo_repo.department(code)
    target = CalDAVTarget(radicale.url, "bureau")
    publish_caldav(demo_repo, target)
    uid = visit_uid(visit.id, uid_token(demo_repo))

    seen = read_back(radicale.url)
    event = seen[calendar_id(code)][uid]
    attendee = event["ATTENDEE"]
    assert str(attendee).lower() == f"mailto:{department.email}"
    assert (attendee.params["PARTSTAT"], attendee.params["SCHEDULE-AGENT"], attendee.params["CUTYPE"]) == \
        ("NEEDS-ACTION", "CLIENT", "GROUP")
    assert str(event["ORGANIZER"]).lower() == f"mailto:{demo_repo.settings().bureau_email}"
    assert "ATTENDEE" not in seen["joint-acceptance"][uid], "the shared calendar has no attendees"
    # What Thunderbird's engine reads from the server's copy: the department, asked to answer.
    stored = tmp_path / "department-event.ics"
    stored.write_text(caldav.DAVClient(url=radicale.url, username="bureau", password="").principal()
                      .calendar(cal_id=calendar_id(code)).event_by_uid(uid).data, encoding="utf-8")
    [read] = ical_js(stored)
    [event_js] = read["events"]
    assert event_js["organizer"].lower() == f"mailto:{demo_repo.settings().bureau_email}"
    attendees = [(a["value"].lower(), a["cn"], a["partstat"], a["schedule_agent"], a["rsvp"])
                 for a in event_js["attendees"]]
    assert attendees == [(f"mailto:{department.email}", department.name, "NEEDS-ACTION", "CLIENT", "TRUE")]
    folder = publish_folder(demo_repo, tmp_path / "feeds")
    assert not any(b"ATTENDEE" in path.read_bytes() for path in (tmp_path / "feeds").rglob("*.ics")
                   if "invitations" not in path.parts), f"the folder's feeds stay PUBLISH without attendees: {folder}"

    _answer_on_server(radicale, code, uid, "DECLINED", REASON)
    again = publish_caldav(demo_repo, target)
    assert (again.updated, again.created, again.removed, again.answers_recorded) == (0, 0, 0, 1)
    on_server = read_back(radicale.url)[calendar_id(code)][uid]["ATTENDEE"]
    assert on_server.params["PARTSTAT"] == "DECLINED", "publishing did not overwrite the department's answer"
    state = _state(demo_repo, visit, code, demo_today)
    assert (state.state, state.reason, state.source) == \
        (ConfirmationState.DECLINED, REASON, ConfirmationSource.SERVER)
    conflicts = find_conflicts(demo_repo, demo_today, demo_today + dt.timedelta(days=10))[visit.id]
    assert [(c.department, c.reason) for c in conflicts if c.kind is BlockKind.DECLINED] == [(code, REASON)]

    # Publishing again records nothing new; a later phone call is not reverted by the server's old answer.
    assert publish_caldav(demo_repo, target).answers_recorded == 0
    record_confirmation(demo_repo, visit.id, code, "ACCEPTED", today=demo_today)
    assert publish_caldav(demo_repo, target).answers_recorded == 0
    assert _state(demo_repo, visit, code, demo_today).state is ConfirmationState.CONFIRMED

    # Moved: the event is rewritten with the new SEQUENCE and PARTSTAT back to NEEDS-ACTION; the new time awaits.
    move_visit(demo_repo, visit, dt.datetime.combine(demo_today + dt.timedelta(days=4), dt.time(14), SHANGHAI))
    moved = publish_caldav(demo_repo, target)
    assert moved.updated == 1 + len(visit.departments) and moved.answers_recorded == 0
    rewritten = read_back(radicale.url)[calendar_id(code)][uid]
    assert rewritten["ATTENDEE"].params["PARTSTAT"] == "NEEDS-ACTION" and int(rewritten["SEQUENCE"]) == 1
    assert _state(demo_repo, visit, code, demo_today).state is ConfirmationState.PENDING


def test_confirmations_fetch_reads_the_answers_without_publishing(demo_repo, demo_today, db_path, radicale,
                                                                  capsys):
    visit = add_visit(demo_repo, "XM2026-001", demo_today + dt.timedelta(days=3), 9)
    first, second = visit.departments[:2]
    publish_caldav(demo_repo, CalDAVTarget(radicale.url, "bureau"))
    uid = visit_uid(visit.id, uid_token(demo_repo))
    _answer_on_server(radicale, first, uid, "ACCEPTED")
    _answer_on_server(radicale, second, uid, "TENTATIVE")
    before = {name: {u: e.to_ical() for u, e in events.items()} for name, events in read_back(radicale.url).items()}

    status = cli.main(["--lang", "en", "confirmations", "fetch", "--caldav", radicale.url, "--caldav-user", "bureau",
                       "--db", str(db_path)])
    assert status == 0
    assert "2 new answer(s)" in capsys.readouterr().out
    assert _state(demo_repo, visit, first, demo_today).state is ConfirmationState.CONFIRMED
    assert _state(demo_repo, visit, second, demo_today).state is ConfirmationState.PENDING     # TENTATIVE
    after = {name: {u: e.to_ical() for u, e in events.items()} for name, events in read_back(radicale.url).items()}
    assert after == before, "fetching changes nothing on the server"
    assert fetch_confirmations(demo_repo, CalDAVTarget(radicale.url, "bureau")) == 0


def test_fetch_from_a_server_that_is_down_is_bad_input(demo_repo, db_path, capsys):
    status = cli.main(["--lang", "en", "confirmations", "fetch", "--caldav", "http://127.0.0.1:9/", "--db",
                       str(db_path), "--timeout", "2"])
    assert status == 2
    assert "Cannot reach the CalDAV server http://127.0.0.1:9/" in capsys.readouterr().err
