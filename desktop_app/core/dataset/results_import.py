"""Results sent as a spreadsheet (departments often do): one row per department and visit.

Columns (English or Chinese headers): visit, department, opinion (通过 / 需整改 / 不通过 / 未到场 /
未准备, or passed / rectify / failed / absent / not_ready), findings (a ；-separated list, for 需整改), items and
attachments (lists aligned with the findings, optional), reason (for 不通过 or a visit not held). The file is
read with the dataset's encodings and limits, every row is checked, and the results are recorded visit by
visit through the same core call as `visit record`, all in one transaction: one problem anywhere and
nothing is recorded (like a dataset import), each problem named by file, row and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.acceptance.results import ResultError, record_results
from desktop_app.core.dataset.dataset_import import DatasetError, Problem, read_sheet, split_list
from desktop_app.core.model.domain import DepartmentResult, Finding, Opinion, RequestStatus
from desktop_app.core.model.messages import tr
from desktop_app.core.store.repository import Repository

OPINIONS = {
    "passed": Opinion.PASSED, "通过": Opinion.PASSED, "合格": Opinion.PASSED,
    "rectify": Opinion.RECTIFY, "需整改": Opinion.RECTIFY, "整改": Opinion.RECTIFY,
    "failed": Opinion.FAILED, "不通过": Opinion.FAILED, "不合格": Opinion.FAILED,
    "absent": Opinion.ABSENT, "未到场": Opinion.ABSENT, "部门未到场": Opinion.ABSENT,
    "not_ready": Opinion.NOT_READY, "未准备": Opinion.NOT_READY, "建设单位未准备就绪": Opinion.NOT_READY,
}


@dataclass(frozen=True)
class ResultsImported:
    visits: int
    results: int
    statuses: dict[str, RequestStatus]     # request -> its status after the import


def _row_result(label: str, line: int, cells: dict[str, str], problems: list[Problem]) -> tuple[int, DepartmentResult] | None:
    before = len(problems)
    visit_text = cells.get("visit", "").strip()
    if not visit_text.isdigit():
        problems.append(Problem(label, tr("bad visit number {value!r}", value=visit_text), line, "visit"))
    department = cells.get("department", "").strip()
    if not department:
        problems.append(Problem(label, tr("the department is missing"), line, "department"))
    opinion = OPINIONS.get(cells.get("opinion", "").strip().lower())
    if opinion is None:
        problems.append(Problem(label, tr("unknown opinion {value!r} (use 通过, 需整改, 不通过, 未到场 or 未准备)",
                                          value=cells.get("opinion", "")), line, "opinion"))
    texts, items, attachments = (split_list(cells.get(c, "")) for c in ("findings", "items", "attachments"))
    if len(items) > len(texts) or len(attachments) > len(texts):
        problems.append(Problem(label, tr("more items or attachments than findings"), line, "items"))
    if len(problems) > before:
        return None
    findings = tuple(Finding(text, items[i] if i < len(items) and items[i] else None,
                             attachments[i] if i < len(attachments) else "") for i, text in enumerate(texts))
    return int(visit_text), DepartmentResult(department, opinion, findings, cells.get("reason", "").strip())


def import_results(path: str | Path, repo: Repository, *, now: dt.datetime, clerk: str,
                   progress: Callable[[int, int], None] | None = None) -> ResultsImported:
    """Check and record every result of the file, or none (DatasetError listing every problem)."""
    raw = read_sheet(path, "results")
    problems = list(raw.problems)
    sheet = raw.sheets.get("results")
    by_visit: dict[int, list[tuple[int, DepartmentResult]]] = {}
    if sheet is not None:
        for line, cells in sheet.rows:
            parsed = _row_result(sheet.label, line, cells, problems)
            if parsed is not None:
                by_visit.setdefault(parsed[0], []).append((line, parsed[1]))
    if sheet is not None and not sheet.rows and not problems:
        problems.append(Problem(sheet.label, tr("{file}: the file has no results", file=sheet.label)))
    statuses: dict[str, RequestStatus] = {}
    count = 0
    with repo.db.atomic():   # one problem anywhere rolls every visit back
        for done, (visit_id, rows) in enumerate(by_visit.items(), start=1):
            try:
                recorded = record_results(repo, visit_id, [r for _, r in rows], now=now, clerk=clerk)
            except ResultError as error:
                problems.append(Problem(sheet.label, str(error), rows[0][0]))
                continue
            statuses[recorded.project_after.code] = recorded.project_after.status
            count += len(rows)
            if progress is not None:
                progress(done, len(by_visit))
        if problems:
            raise DatasetError(problems)
    return ResultsImported(len(by_visit), count, statuses)
