"""Departments' answers as iTIP REPLY files (`confirmations import FILE...`, issue 15 item 5).

A department answers the e-mailed invitation (METHOD:REQUEST, one ATTENDEE per department) in Outlook or
Thunderbird; the client mails back a REPLY: the same UID and SEQUENCE, one ATTENDEE with its PARTSTAT, and
perhaps the department's words (Thunderbird: the ATTENDEE's X-RESPONSE-COMMENT parameter; Outlook: the
event's COMMENT). The clerk saves the attachments and imports them.

All files are checked and recorded in one transaction: the first file that cannot be taken refuses the
whole import with one message naming the file, the UID and the attendee, and nothing is recorded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.acceptance.confirmations import check_answer, record_answer
from desktop_app.core.calendar.ical_reader import read_feed_file
from desktop_app.core.model.domain import ConfirmationSource, Partstat, Visit, VisitStatus
from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr
from desktop_app.core.store import confirmation_records as records
from desktop_app.core.store import history
from desktop_app.core.store.repository import Repository
from desktop_app.core.store.uid_tokens import own_uid_suffix, stored_uid_token

# A REPLY is one event and one attendee: a few kilobytes. Anything much larger is not one.
MAX_REPLY_BYTES = 1024 * 1024
_VISIT_UID = re.compile(r"^visit-(\d+)@")


class ReplyError(InputError):
    """A REPLY file that cannot be taken; nothing was recorded."""


@dataclass(frozen=True)
class ReplyAnswer:
    """One attendee's answer read from a REPLY file, before it is checked against the database."""

    file: str
    uid: str
    attendee: str        # the e-mail address, lower case
    partstat: Partstat
    reason: str
    sequence: int
    answered_at: dt.datetime | None


@dataclass(frozen=True)
class ImportedReplies:
    files: int
    recorded: int        # answers recorded
    unchanged: int       # answers already recorded from an earlier import of the same reply

    def message(self) -> str:
        return tr("{files} reply file(s) read: {recorded} answer(s) recorded, {unchanged} already recorded.",
                  files=self.files, recorded=self.recorded, unchanged=self.unchanged)


def _refuse(file: str, problem: str, uid: str = "", attendee: str = "") -> ReplyError:
    if uid and attendee:
        return ReplyError(tr("{file}: UID {uid}, attendee {attendee}: {problem}", file=file, uid=uid,
                             attendee=attendee, problem=problem))
    if uid:
        return ReplyError(tr("{file}: UID {uid}: {problem}", file=file, uid=uid, problem=problem))
    return ReplyError(tr("{file}: {problem}", file=file, problem=problem))


def _mail(value: object) -> str:
    text = str(value).strip()
    return (text[7:] if text.lower().startswith("mailto:") else text).strip().lower()


def read_reply(data: bytes, file: str) -> list[ReplyAnswer]:
    """Every attendee answer of one REPLY file (ReplyError if it is not a usable REPLY)."""
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as error:   # icalendar raises many kinds on a damaged file; none may escape as a crash
        raise _refuse(file, tr("not iCalendar data ({reason})", reason=error)) from None
    if not isinstance(calendar, icalendar.Calendar) or calendar.name != "VCALENDAR":
        raise _refuse(file, tr("not iCalendar data ({reason})", reason=getattr(calendar, "name", "?")))
    method = str(calendar.get("METHOD", "")).strip().upper()
    if method != "REPLY":
        raise _refuse(file, tr("METHOD is {method}, not REPLY: this is not a department's answer to an invitation",
                               method=method or tr("missing")))
    events = calendar.walk("VEVENT")
    if not events:
        raise _refuse(file, tr("the REPLY holds no event (VEVENT)"))
    answers = []
    for event in events:
        uid = str(event.get("UID", "")).strip()
        if not uid:
            raise _refuse(file, tr("an event has no UID"))
        attendees = event.get("ATTENDEE")
        attendees = attendees if isinstance(attendees, list) else [attendees] if attendees is not None else []
        if not attendees:
            raise _refuse(file, tr("the REPLY names no attendee (ATTENDEE)"), uid)
        try:
            sequence = int(str(event.get("SEQUENCE", 0)).strip() or 0)
        except ValueError:
            raise _refuse(file, tr("SEQUENCE {value!r} is not a number", value=str(event.get("SEQUENCE"))),
                          uid) from None
        stamp = event.get("DTSTAMP")
        answered_at = getattr(stamp, "dt", None) if stamp is not None else None
        if not isinstance(answered_at, dt.datetime):
            answered_at = None
        elif answered_at.tzinfo is None:
            answered_at = answered_at.replace(tzinfo=dt.timezone.utc)   # DTSTAMP is UTC by definition
        comment = event.get("COMMENT")
        comment = comment[0] if isinstance(comment, list) and comment else comment
        for attendee in attendees:
            address = _mail(attendee)
            value = str(attendee.params.get("PARTSTAT", "")).strip().upper()
            try:
                partstat = Partstat(value)
            except ValueError:
                raise _refuse(file, tr("PARTSTAT {value!r} is missing or unknown (ACCEPTED, DECLINED, TENTATIVE, "
                                       "DELEGATED or NEEDS-ACTION)", value=value), uid, address) from None
            reason = str(attendee.params.get("X-RESPONSE-COMMENT", "") or (comment or "")).strip()
            answers.append(ReplyAnswer(file, uid, address, partstat, reason, sequence, answered_at))
    return answers


def _visit_of(repo: Repository, answer: ReplyAnswer, suffix: str | None) -> Visit:
    match = _VISIT_UID.match(answer.uid)
    visit = repo.visit(int(match.group(1))) if match and suffix and answer.uid.endswith(suffix) else None
    if visit is None:
        raise _refuse(answer.file, tr("not a visit of this database (不是本库的验收)"), answer.uid, answer.attendee)
    return visit


def _check(repo: Repository, answer: ReplyAnswer, suffix: str | None, emails: dict[str, str]) -> tuple[Visit, str]:
    """The visit and the department the answer is for, or ReplyError with the reason."""
    visit = _visit_of(repo, answer, suffix)
    if visit.status is VisitStatus.CANCELLED:
        raise _refuse(answer.file, tr("visit {id} of {project} was cancelled", id=visit.id, project=visit.project),
                      answer.uid, answer.attendee)
    department = next((d for d in visit.departments if emails.get(d) == answer.attendee), None)
    if department is None:
        raise _refuse(answer.file, tr("an attendee that was not invited to visit {id} (未邀请的参加人)", id=visit.id),
                      answer.uid, answer.attendee)
    if answer.sequence < visit.sequence:
        raise _refuse(answer.file, tr("the answer is for an earlier time of this visit (回复的是此验收先前的时间): "
                                      "SEQUENCE {old}, the visit is at {current} now", old=answer.sequence,
                                      current=visit.sequence), answer.uid, answer.attendee)
    try:
        check_answer(repo, visit.id, department)
    except InputError as error:
        raise _refuse(answer.file, str(error), answer.uid, answer.attendee) from None
    return visit, department


def import_replies(repo: Repository, paths: Sequence[str | Path]) -> ImportedReplies:
    """Record every answer of the REPLY files (source 'reply'), all or nothing (see the module)."""
    read: list[ReplyAnswer] = []
    for path in paths:
        data = read_feed_file(path, limit=MAX_REPLY_BYTES)
        read += read_reply(data, str(path))
    return record_replies(repo, read, files=len(paths))


def record_replies(repo: Repository, answers: Iterable[ReplyAnswer], *, files: int) -> ImportedReplies:
    """Check and record answers already read, in one transaction (nothing recorded on the first refusal)."""
    recorded = unchanged = 0
    with repo.db.atomic():
        suffix = own_uid_suffix(token) if (token := stored_uid_token(repo.db)) else None
        emails = {d.code: d.email.strip().lower() for d in repo.departments() if d.email.strip()}
        clerk = history.clerk_name(repo.settings())
        for answer in answers:
            visit, department = _check(repo, answer, suffix, emails)
            latest = records.latest_from(repo.db, visit.id, department, visit.sequence, ConfirmationSource.REPLY)
            if latest is not None and (latest.partstat, latest.reason, latest.answered_at) == \
                    (answer.partstat, answer.reason, answer.answered_at):
                unchanged += 1      # the same reply imported again
                continue
            record_answer(repo, visit, department, answer.partstat, answer.reason, ConfirmationSource.REPLY,
                          answer.answered_at, clerk)
            recorded += 1
    return ImportedReplies(files, recorded, unchanged)
