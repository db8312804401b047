"""The rows of the acceptance lifecycle (DESIGN §11): results with findings, rectification reports and
the register of joint acceptance opinion numbers. Plain reads and writes; the rules are in
desktop_app.core.acceptance.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from desktop_app.core.model.domain import DepartmentResult, Finding, Opinion
from desktop_app.core.store.database import now_iso


@dataclass(frozen=True)
class RectificationReport:
    project: str
    round: int             # the round whose findings were fixed
    reported_on: dt.date


@dataclass(frozen=True)
class OpinionNumber:
    project: str
    year: int
    sequence: int
    number: str
    issued_on: dt.date


def insert_results(db: Database, results: Iterable[DepartmentResult], clerk: str) -> list[int]:
    """Store results with their findings (the caller holds the transaction); returns their ids."""
    ids = []
    at = now_iso()
    for result in results:
        cursor = db.execute(
            "INSERT INTO results (visit, project, department, round, opinion, reason, recorded_on, recorded_at, "
            "clerk) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [result.visit, result.project, result.department, result.round, str(result.opinion), result.reason,
             result.recorded_on.isoformat(), at, clerk])
        ids.append(cursor.lastrowid)
        for finding in result.findings:
            db.execute("INSERT INTO findings (result, item, text, attachment) VALUES (?, ?, ?, ?)",
                       [cursor.lastrowid, finding.item, finding.text, finding.attachment])
    return ids


def delete_results(db: Database, ids: Iterable[int]) -> None:
    """Remove results (an undo of their recording; the history keeps both entries)."""
    for result_id in ids:
        db.execute("DELETE FROM results WHERE id = ?", [result_id])


def results(db: Database, project: str | None = None, visit: int | None = None) -> list[DepartmentResult]:
    """Results with their findings, in the order they were recorded."""
    clauses, params = [], []
    if project is not None:
        clauses.append("r.project = ?")
        params.append(project)
    if visit is not None:
        clauses.append("r.visit = ?")
        params.append(visit)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    found: dict[int, list[Finding]] = defaultdict(list)
    for row in db.execute(f"SELECT f.result, f.item, f.text, f.attachment FROM findings f "
                          f"JOIN results r ON r.id = f.result {where} ORDER BY f.id", params):
        found[row[0]].append(Finding(row[2], row[1], row[3]))
    rows = db.execute(f"SELECT r.id, r.visit, r.project, r.department, r.round, r.opinion, r.reason, r.recorded_on "
                      f"FROM results r {where} ORDER BY r.id", params).fetchall()
    return [DepartmentResult(department=r[3], opinion=Opinion(r[5]), findings=tuple(found.get(r[0], ())),
                             reason=r[6], id=r[0], visit=r[1], project=r[2], round=r[4],
                             recorded_on=dt.date.fromisoformat(r[7])) for r in rows]


def results_by_project(db: Database) -> dict[str, list[DepartmentResult]]:
    """Every result, grouped by request (reports and the scheduler read them all at once)."""
    grouped: dict[str, list[DepartmentResult]] = defaultdict(list)
    for result in results(db):
        grouped[result.project].append(result)
    return grouped


def add_report(db: Database, report: RectificationReport, clerk: str) -> int:
    return db.execute("INSERT INTO rectification_reports (project, round, reported_on, recorded_at, clerk) "
                      "VALUES (?, ?, ?, ?, ?)", [report.project, report.round, report.reported_on.isoformat(),
                                                  now_iso(), clerk]).lastrowid


def delete_report(db: Database, project: str, round_: int) -> None:
    db.execute("DELETE FROM rectification_reports WHERE project = ? AND round = ?", [project, round_])


def reports(db: Database, project: str | None = None) -> list[RectificationReport]:
    where, params = ("WHERE project = ?", [project]) if project else ("", [])
    return [RectificationReport(r[0], r[1], dt.date.fromisoformat(r[2])) for r in db.execute(
        f"SELECT project, round, reported_on FROM rectification_reports {where} ORDER BY project, round", params)]


def opinion_number(db: Database, project: str) -> OpinionNumber | None:
    row = db.execute("SELECT project, year, sequence, number, issued_on FROM opinions WHERE project = ?",
                     [project]).fetchone()
    return OpinionNumber(row[0], row[1], row[2], row[3], dt.date.fromisoformat(row[4])) if row else None


def opinion_numbers(db: Database) -> dict[str, OpinionNumber]:
    """The whole register by request code, in one query (for lists of requests)."""
    rows = db.execute("SELECT project, year, sequence, number, issued_on FROM opinions").fetchall()
    return {row[0]: OpinionNumber(row[0], row[1], row[2], row[3], dt.date.fromisoformat(row[4])) for row in rows}


def issue_opinion_number(db: Database, project: str, year: int, issued_on: dt.date, pattern: str,
                         clerk: str) -> OpinionNumber:
    """The next number of ``year`` (the caller holds a write transaction, so two clerks never share one)."""
    sequence = db.execute("SELECT coalesce(max(sequence), 0) + 1 FROM opinions WHERE year = ?", [year]).fetchone()[0]
    number = pattern.format(year=year, number=sequence)
    db.execute("INSERT INTO opinions (project, year, sequence, number, issued_on, issued_at, clerk) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)", [project, year, sequence, number, issued_on.isoformat(), now_iso(),
                                                 clerk])
    return OpinionNumber(project, year, sequence, number, issued_on)
