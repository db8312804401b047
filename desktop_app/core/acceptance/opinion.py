"""The joint acceptance opinion (联合验收意见书) and the rectification notice (整改通知书): their contents
as plain data, and the opinion's number from the bureau's register (sequential per year, never reused).
Printing lays them out; this module decides what they say.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.core.acceptance.rectification import deadline_after
from desktop_app.core.acceptance.results import ResultError, status_label
from desktop_app.core.acceptance.standing import standing
from desktop_app.core.model.domain import (
    DepartmentResult, Finding, Item, Opinion, Project, RequestStatus, Visit,
)
from desktop_app.core.model.messages import tr
from desktop_app.core.store import acceptance_records as records
from desktop_app.core.store import history
from desktop_app.core.store.acceptance_records import OpinionNumber
from desktop_app.core.store.repository import Repository


@dataclass(frozen=True)
class OpinionRow:
    """One line of the opinion's table: a department's opinion on one item at one visit."""

    department: str          # the department's name
    item: str                # the item's name
    opinion: Opinion
    day: dt.date
    round: int
    remarks: str = ""        # findings or the reason


@dataclass(frozen=True)
class FindingLine:
    department: str          # the department's name, as the owner reads it
    item: str
    finding: Finding
    found_on: dt.date
    department_code: str     # names are not unique: group and look up by the code


@dataclass(frozen=True)
class RectificationNotice:
    project: Project
    findings: tuple[FindingLine, ...]
    deadline: dt.date
    round: int


@dataclass(frozen=True)
class OpinionDocument:
    project: Project
    number: OpinionNumber
    visits: tuple[Visit, ...]
    rows: tuple[OpinionRow, ...]


def _catalog(repo: Repository) -> tuple[dict[str, str], dict[str, Item]]:
    """The departments' names and the items by code, each read once."""
    return repo.department_names(), {i.code: i for i in repo.items()}


def rectification_notice(repo: Repository, code: str) -> RectificationNotice:
    """Every open finding of every department, told to the owner at once (一次性告知), with the deadline."""
    project = repo.project(code)
    if project is None:
        raise ResultError(tr("There is no request {code}.", code=code))
    if project.status is not RequestStatus.RECTIFYING:
        raise ResultError(tr("Request {code} is {status}, not rectifying; there is no rectification notice.",
                             code=code, status=status_label(project.status)))
    departments, items = _catalog(repo)
    now = standing(project, items, records.results(repo.db, project=code))
    lines = [FindingLine(departments.get(d, d), items[f.item].name if f.item in items else "", f,
                         now.latest[d].recorded_on, d) for d in now.open for f in now.latest[d].findings]
    deadline = deadline_after(now, repo.settings().rectification_days)
    if deadline is None:     # no department it still needs has an open finding (its items were edited)
        raise ResultError(tr("Request {code} is rectifying, but no department it still needs has an open finding "
                             "(its items were changed); there is no rectification notice to print. Check the "
                             "request's items.", code=code))
    return RectificationNotice(project, tuple(lines), deadline, project.round)


def accepted_request(repo: Repository, code: str) -> Project:
    """The request if its opinion may be issued (every department passed); ResultError otherwise."""
    project = repo.project(code)
    if project is None:
        raise ResultError(tr("There is no request {code}.", code=code))
    if project.status is not RequestStatus.DONE:
        raise ResultError(tr("Request {code} is {status}; the joint acceptance opinion is issued only once "
                             "every department has passed.", code=code, status=status_label(project.status)))
    return project


def issue_opinion(repo: Repository, code: str, today: dt.date, clerk: str) -> OpinionDocument:
    """The opinion of an accepted request; its number is taken from the register the first time."""
    db = repo.db
    with db.atomic():
        project = accepted_request(repo, code)
        number = records.opinion_number(db, code)
        if number is None:
            settings = repo.settings()
            number = records.issue_opinion_number(db, code, today.year, today, settings.opinion_number_pattern,
                                                  clerk)
            history.append(db, clerk, code, "opinion", {"number": number.number})
    return opinion_document(repo, project, number)


PREVIEW_NUMBER = "（预览）"      # stands for the sequence number in a preview's document number


def number_pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot number opinions (the message for the user), or None when it can.

    The settings page and `settings opinion_number_pattern` both ask here before saving: a bad pattern
    would fail (or give every opinion one number) only when the next opinion is issued."""
    try:   # a number, and the text a preview shows in its place
        first, second = pattern.format(year=2026, number=1), pattern.format(year=2026, number=2)
        pattern.format(year=2026, number=PREVIEW_NUMBER)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return tr("Only {year} and {number} may stand in braces in the opinion number; not saved.")
    if first == second:     # no {number} ("{{number}}" is the literal text): every opinion would get one number
        return tr("The opinion number must contain {number}, where each opinion's sequence number goes "
                  "(e.g. 济经开联验〔{year}〕第 {number} 号); not saved.")
    return None


def preview_opinion(repo: Repository, code: str, today: dt.date) -> OpinionDocument:
    """The opinion as it would print now, without taking a number: the number it already has, else the
    bureau's pattern with "（预览）" for the sequence. Nothing is written (a preview is not an issue)."""
    project = accepted_request(repo, code)
    number = records.opinion_number(repo.db, code)
    if number is None:
        pattern = repo.settings().opinion_number_pattern
        number = OpinionNumber(code, today.year, 0, pattern.format(year=today.year, number=PREVIEW_NUMBER), today)
    return opinion_document(repo, project, number)


def opinion_document(repo: Repository, project: Project, number: OpinionNumber) -> OpinionDocument:
    departments, items = _catalog(repo)
    results: list[DepartmentResult] = [r for r in records.results(repo.db, project=project.code) if r.opinion.held]
    visits = tuple(v for v in repo.visits(project=project.code) if v.id in {r.visit for r in results})
    rows = []
    for result in sorted(results, key=lambda r: (r.recorded_on, r.round, r.department)):
        remarks = "；".join(f.text for f in result.findings) or result.reason
        for item in sorted(i for i in project.items if i in items and items[i].department == result.department):
            rows.append(OpinionRow(departments.get(result.department, result.department), items[item].name,
                                   result.opinion, result.recorded_on, result.round, remarks))
    return OpinionDocument(project, number, visits, tuple(rows))
