"""Departments' confirmations of published visits (回执): the state rule, recording by hand, the lists.

The one rule (``confirmation_state``): only published visits have confirmations. For each department of
the visit the answer that counts is the latest one for the visit's current SEQUENCE (a visit moved since
awaits confirmation of its new time; older answers stay as history). ACCEPTED / DELEGATED → 已确认,
DECLINED → 已拒绝 (with the department's reason); no answer, NEEDS-ACTION or TENTATIVE → 待确认 while the
visit is more than 2 working days away, 未答复 once it is within 2 working days or past.

Answers come from three sources, all through ``record_answer``: the clerk (a phone call,
``record_confirmation``), an iTIP REPLY file (acceptance/replies.py) and the attendee's PARTSTAT on the
CalDAV server (feeds/publishing.py). A decline is busy time of that department over the visit
(calendar/availability.py), so the visit becomes a conflict and moves avoid that time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop_app.core.calendar.workdays import WorkingCalendar, calendar_for
from desktop_app.core.model.domain import (
    Confirmation, ConfirmationSource, ConfirmationState, Partstat, Visit, VisitStatus,
)
from desktop_app.core.model.errors import InputError
from desktop_app.core.model.messages import tr
from desktop_app.core.store import confirmation_records as records
from desktop_app.core.store import history
from desktop_app.core.store.confirmation_records import Answer
from desktop_app.core.store.repository import Repository

# Closer than this many working days, an unanswered invitation is 未答复 (the clerk should phone).
REPLY_WORKING_DAYS = 2

_CONFIRMING = (Partstat.ACCEPTED, Partstat.DELEGATED)


class ConfirmationError(InputError):
    """An answer that cannot be recorded as given; nothing was written."""


def confirmation_state(visit: Visit, answer: Answer | None, today: dt.date,
                       calendar: WorkingCalendar) -> ConfirmationState:
    """The state of one department of a published visit, given the answer that counts (see the module)."""
    if answer is not None and answer.sequence == visit.sequence:
        if answer.partstat in _CONFIRMING:
            return ConfirmationState.CONFIRMED
        if answer.partstat is Partstat.DECLINED:
            return ConfirmationState.DECLINED
    day = visit.start.date()
    if day > today and calendar.working_days_between(today, day) > REPLY_WORKING_DAYS:
        return ConfirmationState.PENDING
    return ConfirmationState.NO_REPLY


def _confirmation(visit: Visit, department: str, answer: Answer | None, today: dt.date,
                  calendar: WorkingCalendar) -> Confirmation:
    state = confirmation_state(visit, answer, today, calendar)
    if answer is None:
        return Confirmation(visit.id, department, state)
    return Confirmation(visit.id, department, state, reason=answer.reason, source=answer.source,
                        answered_at=answer.answered_at or answer.recorded_at, partstat=answer.partstat)


@dataclass(frozen=True)
class VisitConfirmations:
    """A published visit and each of its departments' confirmation, in the visit's department order."""

    visit: Visit
    confirmations: tuple[Confirmation, ...]

    def with_state(self, *states: ConfirmationState) -> tuple[Confirmation, ...]:
        return tuple(c for c in self.confirmations if c.state in states)

    @property
    def all_confirmed(self) -> bool:
        return all(c.state is ConfirmationState.CONFIRMED for c in self.confirmations)


def confirmations_of(repo: Repository, visits: Iterable[Visit], today: dt.date,
                     calendar: WorkingCalendar | None = None) -> list[VisitConfirmations]:
    """Each published visit among ``visits`` with its departments' confirmations (others are left out)."""
    published = [v for v in visits if v.status is VisitStatus.PUBLISHED and v.id is not None]
    if not published:
        return []
    calendar = calendar or calendar_for(repo)
    answers = records.current_answers(repo.db, [v.id for v in published])
    return [VisitConfirmations(v, tuple(_confirmation(v, d, answers.get((v.id, d)), today, calendar)
                                        for d in v.departments)) for v in published]


def visit_confirmations(repo: Repository, today: dt.date, first: dt.date | None = None,
                        last: dt.date | None = None) -> list[VisitConfirmations]:
    """Every published visit starting in [first, last] (dates, inclusive; open ends allowed), by start."""
    zone = _zone(repo)
    start = dt.datetime.combine(first, dt.time(), zone) if first else None
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), zone) if last else None
    return confirmations_of(repo, repo.visits(start=start, end=end), today)


def unconfirmed_soon(repo: Repository, today: dt.date) -> list[VisitConfirmations]:
    """The dashboard's list: published visits from ``today`` to 2 working days ahead that some department has
    not confirmed (未答复 or 已拒绝), earliest first."""
    calendar = calendar_for(repo)
    last = calendar.add_working_days(today, REPLY_WORKING_DAYS)
    zone = _zone(repo)
    visits = repo.visits(start=dt.datetime.combine(today, dt.time(), zone),
                         end=dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), zone))
    return [v for v in confirmations_of(repo, visits, today, calendar) if not v.all_confirmed]


def _zone(repo: Repository):
    from zoneinfo import ZoneInfo

    return ZoneInfo(repo.settings().timezone)


def check_answer(repo: Repository, visit_id: int, department: str) -> Visit:
    """The visit if ``department`` may answer it now; otherwise ConfirmationError saying why."""
    visit = repo.visit(visit_id)
    if visit is None:
        raise ConfirmationError(tr("There is no visit {id}.", id=visit_id))
    if visit.status is VisitStatus.CANCELLED:
        raise ConfirmationError(tr("Visit {id} was cancelled; it takes no confirmations.", id=visit_id))
    if visit.status is VisitStatus.DONE:
        raise ConfirmationError(tr("Visit {id} has already taken place; it takes no confirmations.", id=visit_id))
    if visit.status is not VisitStatus.PUBLISHED:
        raise ConfirmationError(tr("Visit {id} is not published yet: the departments have not been invited, so "
                                   "there is nothing to confirm.", id=visit_id))
    if department not in visit.departments:
        raise ConfirmationError(tr("Department {department} is not at visit {id} (its departments: "
                                   "{departments}).", department=department, id=visit_id,
                                   departments="、".join(visit.departments)))
    return visit


def record_answer(repo: Repository, visit: Visit, department: str, partstat: Partstat, reason: str,
                  source: ConfirmationSource, answered_at: dt.datetime | None, clerk: str) -> int:
    """Append one checked answer for the visit's current SEQUENCE and its history entry (the caller's
    transaction); returns the row id."""
    reason = reason.strip()
    answer_id = records.insert_answer(repo.db, visit.id, department, visit.sequence, partstat, reason, source,
                                      answered_at)
    history.append(repo.db, clerk, visit.project, "confirmation",
                   {"department": department, "partstat": str(partstat), "reason": reason, "source": str(source),
                    "sequence": visit.sequence}, visit.id)
    return answer_id


def record_confirmation(repo: Repository, visit_id: int, department: str, partstat: Partstat | str,
                        reason: str = "", source: ConfirmationSource | str = ConfirmationSource.HAND, *,
                        answered_at: dt.datetime | None = None, today: dt.date | None = None,
                        clerk: str | None = None) -> Confirmation:
    """Record a department's answer to a published visit (by hand: one click, a phone call).

    Refused with ConfirmationError, nothing written, for an unknown visit, a visit not published (planned,
    cancelled, done) or a department not at it. The row and its history entry are one transaction. Returns
    the department's confirmation as it now stands (``today`` for the 待确认/未答复 distinction).
    """
    partstat, source = _partstat(partstat), ConfirmationSource(source)
    with repo.db.atomic():
        visit = check_answer(repo, visit_id, department)
        clerk = clerk or history.clerk_name(repo.settings())
        if answered_at is None and source is ConfirmationSource.HAND:
            answered_at = dt.datetime.now(dt.timezone.utc).astimezone().replace(microsecond=0)
        record_answer(repo, visit, department, partstat, reason, source, answered_at, clerk)
        current = records.current_answers(repo.db, [visit.id]).get((visit.id, department))
    return _confirmation(visit, department, current, today or dt.date.today(), calendar_for(repo))


def record_server_answers(repo: Repository, answers: Iterable) -> int:
    """Record the departments' PARTSTATs read on the CalDAV server (source 'server'); returns how many were new.

    ``answers`` have visit, department, sequence, partstat, reason (feeds.publishing.ServerAnswer). One is
    recorded only when it differs from the latest server answer for that visit, department and SEQUENCE, so a
    later phone call is not reverted by every publish; NEEDS-ACTION from the server never overrides anything,
    and an answer to an older time (a lower SEQUENCE: the event not yet rewritten) or to a visit not published
    is ignored. A higher SEQUENCE counts for the current time: some clients raise it when the attendee answers.
    """
    answers = [a for a in answers if str(a.partstat).upper() in _SERVER_PARTSTATS]
    if not answers:
        return 0
    recorded = 0
    with repo.db.atomic():
        clerk = history.clerk_name(repo.settings())
        for answer in answers:
            visit = repo.visit(answer.visit)
            if visit is None or visit.status is not VisitStatus.PUBLISHED or answer.department not in visit.departments \
                    or answer.sequence < visit.sequence:
                continue
            partstat = Partstat(str(answer.partstat).upper())
            latest = records.latest_from(repo.db, visit.id, answer.department, visit.sequence,
                                         ConfirmationSource.SERVER)
            if latest is not None and (latest.partstat, latest.reason) == (partstat, answer.reason.strip()):
                continue
            record_answer(repo, visit, answer.department, partstat, answer.reason, ConfirmationSource.SERVER, None,
                          clerk)
            recorded += 1
    return recorded


_SERVER_PARTSTATS = {p.value for p in Partstat if p is not Partstat.NEEDS_ACTION}


def _partstat(value: Partstat | str) -> Partstat:
    try:
        return Partstat(str(value).upper())
    except ValueError:
        raise ConfirmationError(tr("Unknown answer {value!r} (use ACCEPTED, DECLINED, TENTATIVE, DELEGATED or "
                                   "NEEDS-ACTION).", value=value)) from None


# The three answers a clerk records by hand (the CLI's words) and what they store.
HAND_ANSWERS: dict[str, Partstat] = {"confirmed": Partstat.ACCEPTED, "declined": Partstat.DECLINED,
                                     "pending": Partstat.NEEDS_ACTION}


def state_label(state: ConfirmationState) -> str:
    return {ConfirmationState.PENDING: tr("awaiting confirmation"), ConfirmationState.CONFIRMED: tr("confirmed"),
            ConfirmationState.DECLINED: tr("declined"), ConfirmationState.NO_REPLY: tr("no reply")}[state]


def source_label(source: ConfirmationSource | None) -> str:
    if source is None:
        return ""
    return {ConfirmationSource.HAND: tr("by hand"), ConfirmationSource.REPLY: tr("reply file"),
            ConfirmationSource.SERVER: tr("calendar server")}[source]


def confirmation_json(item: VisitConfirmations, names: dict[str, str] | None = None) -> dict:
    """One visit's confirmations for `visit confirmations --json` (keys documented in the README)."""
    names = names or {}
    visit = item.visit
    return {"visit": visit.id, "project": visit.project, "start": visit.start.isoformat(),
            "end": visit.end.isoformat(), "sequence": visit.sequence,
            "departments": [{"department": c.department, "name": names.get(c.department, c.department),
                             "state": str(c.state), "label": state_label(c.state),
                             "partstat": str(c.partstat) if c.partstat else None, "reason": c.reason,
                             "source": str(c.source) if c.source else None,
                             "answered_at": (c.answered_at.astimezone(visit.start.tzinfo).isoformat()
                                             if c.answered_at else None)}
                            for c in item.confirmations]}


def summary_counts(items: Sequence[VisitConfirmations]) -> dict[ConfirmationState, int]:
    counts = {state: 0 for state in ConfirmationState}
    for item in items:
        for confirmation in item.confirmations:
            counts[confirmation.state] += 1
    return counts
