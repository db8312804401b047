"""What the documents after the visit show (Qt-free): the rectification notice (整改通知书) and the
joint acceptance opinion (联合验收意见书), gathered from the acceptance core and the catalog.

The core decides what they say (``core.acceptance.opinion``); this adds what paper needs besides:
the departments' contacts, the visits in the bureau's time zone, the QR code's hash.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.core.acceptance.opinion import (
    OpinionDocument,
    RectificationNotice,
    issue_opinion,
    preview_opinion,
    rectification_notice,
)
from desktop_app.core.acceptance.standing import standing
from desktop_app.core.model.domain import Department, Finding, Project, Settings
from desktop_app.core.store import acceptance_records
from desktop_app.core.store.repository import Repository
from desktop_app.printing.document_data import Catalog, department_order
from desktop_app.printing.verification import content_digest, qr_payload


# --- the rectification notice ------------------------------------------------------------------
@dataclass(frozen=True)
class FindingGroup:
    """One department's findings, as the owner reads them: who found what, on which item, when."""

    department: Department
    found_on: dt.date
    findings: tuple[tuple[str, Finding], ...]     # (the item's name or '', the finding)


@dataclass(frozen=True)
class RectificationSheet:
    project: Project
    settings: Settings
    groups: tuple[FindingGroup, ...]
    passed: tuple[Department, ...]     # departments that passed: they do not come again
    deadline: dt.date
    round: int                         # 0: found at the first visit; n: at the n-th re-inspection
    issued_on: dt.date

    @property
    def finding_count(self) -> int:
        return sum(len(g.findings) for g in self.groups)


def _groups(notice: RectificationNotice, catalog: Catalog) -> tuple[FindingGroup, ...]:
    groups: dict[str, list] = {}
    for line in notice.findings:   # by code: two departments may share a name
        groups.setdefault(line.department_code, []).append(line)
    result = []
    for code, lines in groups.items():
        department = catalog.department(code)
        result.append(FindingGroup(department, max(line.found_on for line in lines),
                                   tuple((line.item, line.finding) for line in lines)))
    return tuple(sorted(result, key=lambda g: department_order(g.department)))


def rectification_sheet(repo: Repository, code: str, issued_on: dt.date) -> RectificationSheet:
    """The notice of a request that is rectifying; refused (InputError) for any other request."""
    notice = rectification_notice(repo, code)
    catalog = Catalog.load(repo)
    now = standing(notice.project, catalog.items, acceptance_records.results(repo.db, project=code))
    passed = tuple(sorted((catalog.department(c) for c in now.passed), key=department_order))
    return RectificationSheet(notice.project, catalog.settings, _groups(notice, catalog), passed,
                              notice.deadline, notice.round, issued_on)


# --- the joint acceptance opinion --------------------------------------------------------------
@dataclass(frozen=True)
class HeldVisit:
    day: dt.date                       # in the bureau's zone
    round: int
    departments: tuple[Department, ...]


@dataclass(frozen=True)
class OpinionSheet:
    document: OpinionDocument
    settings: Settings
    visits: tuple[HeldVisit, ...]
    digest: str                        # SHA-256 of verification.canonical_text
    qr_text: str
    signed: bool                       # laid out for an electronic signature over the seal line

    @property
    def issued_on(self) -> dt.date:
        return self.document.number.issued_on


def opinion_sheet(repo: Repository, code: str, today: dt.date, clerk: str, signed: bool = False) -> OpinionSheet:
    """The opinion of an accepted request; the first call takes its number from the register."""
    return _opinion_sheet(repo, issue_opinion(repo, code, today, clerk), signed)


def opinion_preview_sheet(repo: Repository, code: str, today: dt.date, signed: bool = False) -> OpinionSheet:
    """The opinion as a preview shows it: its number if it has one, else a provisional "（预览）" one; writes nothing."""
    return _opinion_sheet(repo, preview_opinion(repo, code, today), signed)


def _opinion_sheet(repo: Repository, document: OpinionDocument, signed: bool) -> OpinionSheet:
    catalog = Catalog.load(repo)
    visits = tuple(
        HeldVisit(v.start.astimezone(catalog.zone).date(), v.round,
                  tuple(sorted((catalog.department(c) for c in v.departments), key=department_order)))
        for v in sorted(document.visits, key=lambda v: v.start))
    return OpinionSheet(document, catalog.settings, visits, content_digest(document), qr_payload(document), signed)
