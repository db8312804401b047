"""Day sheets and the week overview as PDFs."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from desktop_app.printing.document_data import UnknownCodeError
from desktop_app.printing.print_jobs import print_day_sheet, print_week
from tests.printing.conftest import (
    A4_PORTRAIT,
    add_visit,
    at,
    joined,
    page_size,
    pdf_text,
)

ISSUED = dt.date(2026, 11, 30)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@pytest.fixture
def busy_day(demo_repo):
    # D01 (base P08) attends all three: P03 at 09:00, P01 at 10:30, back to P03 at 14:00.
    add_visit(demo_repo, "XM2026-002", at("2026-12-02", "14:00"))
    add_visit(demo_repo, "XM2026-001", at("2026-12-02", "09:00"))
    add_visit(demo_repo, "XM2026-004", at("2026-12-02", "10:30"))
    add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"))
    return demo_repo


def test_department_day_sheet_lists_its_visits_in_order_with_travel(busy_day, tmp_path):
    out = tmp_path / "d01.pdf"
    print_day_sheet(busy_day, dt.date(2026, 12, 2), out, ISSUED, department="D01")

    text = pdf_text(out)
    travel = busy_day.travel_matrix()
    assert "2026年12月2日 星期三" in text and nfkc(busy_day.department("D01").name) in text
    positions = [text.index(code) for code in ("XM2026-001", "XM2026-004", "XM2026-002")]
    assert positions == sorted(positions)
    assert "XM2026-005" not in text                                   # another day
    assert f"{travel[('P08', 'P03')]} 分钟" in text                   # from the department's base
    assert f"{travel[('P03', 'P01')]} 分钟" in text                   # between two parks
    assert "规划条件核实" in text and "消防验收" not in text           # its own items only
    owner = busy_day.project("XM2026-001")
    assert nfkc(owner.contact) in text and owner.phone in text
    assert page_size(out) == A4_PORTRAIT


def test_bureau_day_sheet_lists_every_visit_and_each_departments_route(busy_day, tmp_path):
    out = tmp_path / "bureau.pdf"
    print_day_sheet(busy_day, dt.date(2026, 12, 2), out, ISSUED)

    text = pdf_text(out)
    for code in ("XM2026-001", "XM2026-004", "XM2026-002"):
        assert code in text
    assert "共 3 场" in text and "各部门行程" in text
    assert "09:00–11:00" in joined(text) or "09:00–10:30" in joined(text)
    for department in ("D01", "D02", "D08"):
        assert joined(nfkc(busy_day.department(department).name)) in joined(text)


def test_an_empty_day_prints_a_sheet_saying_so_and_a_holiday_is_named(demo_repo, tmp_path):
    out = tmp_path / "empty.pdf"
    print_day_sheet(demo_repo, dt.date(2027, 1, 1), out, ISSUED)
    text = pdf_text(out)
    assert "当日无现场验收安排" in text
    assert "2027年1月1日 星期五" in text
    assert "元旦" in text or "New Year" in text


def test_an_unknown_department_is_named_and_nothing_is_written(busy_day, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(UnknownCodeError, match="D99"):
        print_day_sheet(busy_day, dt.date(2026, 12, 2), out, ISSUED, department="D99")
    assert not out.exists()


def test_week_overview_is_a_landscape_table_of_the_weeks_visits(busy_day, tmp_path):
    add_visit(busy_day, "XM2026-009", at("2026-12-09", "09:00"))          # next week
    out = tmp_path / "week.pdf"
    result = print_week(busy_day, dt.date(2026, 12, 3), out, ISSUED)

    assert page_size(out) == (A4_PORTRAIT[1], A4_PORTRAIT[0])
    text = joined(pdf_text(out, raw=True))
    for header in ("11月30日星期一", "12月1日星期二", "12月2日星期三", "12月3日星期四", "12月4日星期五"):
        assert header in text
    assert "星期六" not in text and "星期日" not in text                  # an ordinary weekend, nothing on it
    for code in ("XM2026-001", "XM2026-002", "XM2026-004", "XM2026-005"):
        assert code in text
        assert joined(nfkc(busy_day.project(code).name)) in text
    assert "XM2026-009" not in text
    assert "共4场" in text and "上午" in text and "下午" in text
    assert result.pages >= 1
