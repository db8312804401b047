"""The owner's notice as a PDF: what pdftotext, pdffonts and pdfinfo see in it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import unicodedata
from pathlib import Path

import pytest

from PySide6.QtGui import QRawFont

from desktop_app.core.model.errors import InputError
from desktop_app.printing.fonts import document_font
from desktop_app.printing.document_data import NoVisitError, UnknownCodeError
from desktop_app.printing.paged_output import MARGINS_MM, OutputPathError
from desktop_app.printing.print_jobs import print_project_notice, print_range_notices
from tests.printing.conftest import (
    A4_PORTRAIT,
    add_visit,
    at,
    joined,
    page_count,
    page_size,
    pdf_fonts,
    pdf_text,
    pdf_words,
)

ISSUED = dt.date(2026, 11, 30)
MM = 72 / 25.4


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def test_notice_holds_project_owner_date_departments_and_every_material(demo_repo, tmp_path):
    add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"), minutes=90)
    out = tmp_path / "notice.pdf"

    result = print_project_notice(demo_repo, "XM2026-005", out, ISSUED)

    text = pdf_text(out)
    project = demo_repo.project("XM2026-005")
    items = [i for i in demo_repo.items() if i.code in project.items]
    departments = {d.code: d for d in demo_repo.departments()}
    assert result.files == (out,) and result.pages == page_count(out)
    assert nfkc(project.name) in text
    assert nfkc(project.owner) in text
    assert nfkc(project.contact) in text and nfkc(project.phone) in text
    assert "2026年12月3日 星期四" in text
    assert "09:00–10:30" in text
    for item in items:
        department = departments[item.department]
        assert nfkc(department.name) in text
        assert nfkc(department.contact) in text and department.phone in text
        for material in item.materials:
            assert nfkc(material) in text, material
    place = {p.code: p for p in demo_repo.places()}[project.place]
    assert nfkc(place.name) in text
    settings = demo_repo.settings()
    assert nfkc(settings.bureau_name) in text and settings.bureau_phone in text
    assert "联合验收告知书" in text and "变更通知" not in text
    assert nfkc("（盖章）") in text and "2026年11月30日" in text      # issue date under the seal space
    assert "15分钟" in text                                      # arrive 15 minutes early


def test_notice_is_one_small_a4_page_with_the_bundled_font_embedded(demo_repo, tmp_path):
    add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"))
    out = tmp_path / "notice.pdf"
    print_project_notice(demo_repo, "XM2026-005", out, ISSUED)

    assert page_size(out) == A4_PORTRAIT
    assert page_count(out) == 1
    assert out.stat().st_size <= 150_000
    fonts = pdf_fonts(out)
    assert fonts and all(f["name"].startswith("JASNotoSansSC") for f in fonts), fonts
    assert all(f["emb"] == "yes" and f["uni"] == "yes" for f in fonts), fonts


def test_pdf_text_has_ideographs_not_the_radicals_noto_shares_glyphs_with(demo_repo, tmp_path):
    # D03 is 济宁市人民防空办公室: 民 (U+6C11) shares its glyph with the radical ⺠ (U+2EA0) in Noto CJK.
    add_visit(demo_repo, "XM2026-001", at("2026-12-03", "09:00"))
    out = tmp_path / "notice.pdf"
    print_project_notice(demo_repo, "XM2026-001", out, ISSUED)

    raw = pdf_text(out)
    assert "人民防空" in raw
    assert not [c for c in raw if 0x2E80 <= ord(c) <= 0x2FDF], "CJK radicals in the PDF text"


def test_name_characters_beyond_gb2312_print_with_the_bundled_font(demo_repo, tmp_path):
    """Names often hold characters GB2312 lacks (堃 喆 玥 珺 镕), some in Extension A (䶮) or B (𠮷):
    they must print with our font, not a system font the office computer may not have."""
    project = demo_repo.project("XM2026-005")
    demo_repo.save_project(dataclasses.replace(project, name="堃喆科技研发楼", contact="王玥", owner="山东珺镕䶮𠮷实业有限公司"))
    add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"))
    out = tmp_path / "notice.pdf"
    print_project_notice(demo_repo, "XM2026-005", out, ISSUED)

    text = joined(pdf_text(out))
    # Qt's PDF writer leaves characters beyond the BMP out of the text layer (𠮷 is drawn, not extractable).
    for name in ("堃喆科技研发楼", "王玥", "山东珺镕䶮"):
        assert name in text, name
    fonts = pdf_fonts(out)
    assert fonts and all(f["name"].startswith("JASNotoSansSC") for f in fonts), fonts
    raw = QRawFont.fromFont(document_font())
    assert all(raw.supportsCharacter(ord(c)) for c in "堃喆玥珺镕䶮𠮷")


def test_a_moved_visit_prints_a_changed_notice_with_the_previous_time(demo_repo, tmp_path):
    visit = add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"))
    demo_repo.update_visit(dataclasses.replace(visit, start=at("2026-12-04", "14:00"), end=at("2026-12-04", "15:30")))
    out = tmp_path / "changed.pdf"
    print_project_notice(demo_repo, "XM2026-005", out, ISSUED)

    text = pdf_text(out)
    assert "变更通知" in text
    assert "原定时间" in text and "2026年12月3日 星期四 09:00–10:30" in text
    assert "2026年12月4日 星期五 14:00–15:30" in text


def test_a_project_without_a_visit_is_refused_and_no_file_is_left(demo_repo, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(NoVisitError, match="XM2026-005.*no scheduled visit"):
        print_project_notice(demo_repo, "XM2026-005", folder / "notice.pdf", ISSUED)
    assert list(folder.iterdir()) == []


def test_a_cancelled_visit_does_not_count_as_scheduled(demo_repo, tmp_path):
    from desktop_app.core.model.domain import VisitStatus

    visit = add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"))
    demo_repo.update_visit(dataclasses.replace(visit, status=VisitStatus.CANCELLED))
    with pytest.raises(NoVisitError):
        print_project_notice(demo_repo, "XM2026-005", tmp_path / "n.pdf", ISSUED)


def test_an_unknown_project_is_named(demo_repo, tmp_path):
    with pytest.raises(UnknownCodeError, match="XM9999"):
        print_project_notice(demo_repo, "XM9999", tmp_path / "n.pdf", ISSUED)


def test_a_missing_folder_is_named_and_an_existing_file_survives_a_failure(demo_repo, tmp_path):
    add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"))
    missing = tmp_path / "no" / "such" / "notice.pdf"
    with pytest.raises(OutputPathError, match=str(missing.parent)):
        print_project_notice(demo_repo, "XM2026-005", missing, ISSUED)
    assert not missing.parent.exists()

    previous = tmp_path / "previous.pdf"
    previous.write_bytes(b"the notice printed yesterday")
    with pytest.raises(NoVisitError):
        print_project_notice(demo_repo, "XM2026-001", previous, ISSUED)
    assert previous.read_bytes() == b"the notice printed yesterday"


def test_a_folder_that_cannot_be_written_is_named(demo_repo, tmp_path):
    add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"))
    if os.geteuid() == 0:
        folder = Path("/proc")      # root ignores permission bits; /proc refuses new files to everyone
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)
    out = folder / "notice.pdf"
    with pytest.raises(OutputPathError, match=str(folder)):
        print_project_notice(demo_repo, "XM2026-005", out, ISSUED)
    assert not out.exists()


def test_user_text_is_escaped_and_prints_literally(demo_repo, tmp_path):
    project = demo_repo.project("XM2026-005")
    demo_repo.save_project(dataclasses.replace(project, name="<b>Test</b> & 公司", owner="A&B <i>建设</i>"))
    add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"))
    out = tmp_path / "notice.pdf"
    print_project_notice(demo_repo, "XM2026-005", out, ISSUED)

    text = pdf_text(out)
    assert "<b>Test</b> & 公司" in text
    assert "A&B <i>建设</i>" in text


def _content_box(size: tuple[float, float]) -> tuple[float, float, float, float]:
    width, height = size
    return (MARGINS_MM.left() * MM, MARGINS_MM.top() * MM,
            width - MARGINS_MM.right() * MM, height - MARGINS_MM.bottom() * MM)


def _assert_inside_pages(out):
    words, sizes = pdf_words(out)
    assert words
    for word in words:
        left, top, right, bottom = _content_box(sizes[word.page - 1])
        # pdftotext boxes use the font's full ascent, a little taller than Qt's line box.
        assert left - 1.0 <= word.x_min and word.x_max <= right + 1.0, word
        assert top - 4.0 <= word.y_min and word.y_max <= bottom + 1.0, word
    return words


def test_a_very_long_name_wraps_inside_the_page(demo_repo, tmp_path):
    name = "济宁经济技术开发区" * 12 + "Extraordinarily" * 8 + "新型储能电站项目"
    project = demo_repo.project("XM2026-005")
    demo_repo.save_project(dataclasses.replace(project, name=name, owner="山东" + "长盛" * 30 + "有限公司"))
    add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"))
    out = tmp_path / "notice.pdf"
    print_project_notice(demo_repo, "XM2026-005", out, ISSUED)

    _assert_inside_pages(out)
    assert joined(nfkc(name)) in joined(pdf_text(out, raw=True))


def test_twelve_departments_with_long_material_lists_fit_their_pages_without_cuts(demo_repo, tmp_path):
    db = demo_repo.db
    long_materials = {}
    for item in demo_repo.items():
        materials = [f"{item.name}第{n}项材料：{'竣工验收相关技术资料及证明文件' * (1 + n % 3)}" for n in range(1, 13)]
        long_materials[item.code] = materials
        db["items"].update(item.code, {"materials": json.dumps(materials, ensure_ascii=False)})
    project = demo_repo.project("XM2026-005")
    all_items = tuple(i.code for i in demo_repo.items())
    demo_repo.save_project(dataclasses.replace(project, items=all_items))
    visit = add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"))
    assert len(visit.departments) >= 12
    out = tmp_path / "big.pdf"
    result = print_project_notice(demo_repo, "XM2026-005", out, ISSUED)

    pages = page_count(out)
    assert result.pages == pages >= 2
    assert page_size(out) == A4_PORTRAIT
    _assert_inside_pages(out)
    # Drawing order, without the footers that sit between a page's last line and the next page's first.
    text = joined("\n".join(line for line in pdf_text(out, raw=True).splitlines() if "页 共" not in line))
    for code in visit.departments:
        assert joined(nfkc(demo_repo.department(code).name)) in text
    for materials in long_materials.values():
        for material in materials:
            # Exactly once: a line cut at a page edge would be drawn on both pages.
            assert text.count(joined(nfkc(material))) == 1, material
    for page in range(1, pages + 1):
        assert f"第{page}页共{pages}页" in joined(pdf_text(out, page))


def _add_week_of_visits(repo):
    add_visit(repo, "XM2026-004", at("2026-12-02", "14:00"))
    add_visit(repo, "XM2026-001", at("2026-12-01", "09:00"))
    add_visit(repo, "XM2026-005", at("2026-12-02", "09:00"))
    add_visit(repo, "XM2026-009", at("2026-12-09", "09:00"))    # outside the range below


def test_a_date_range_prints_one_notice_per_project_each_from_a_new_page(demo_repo, tmp_path):
    _add_week_of_visits(demo_repo)
    out = tmp_path / "week.pdf"
    result = print_range_notices(demo_repo, dt.date(2026, 12, 1), dt.date(2026, 12, 2), ISSUED, out=out)

    assert result.documents == 3 and result.pages == page_count(out)
    firsts = [page for page in range(1, result.pages + 1) if "第1页共" in joined(pdf_text(out, page))]
    assert len(firsts) == 3
    codes = [next(c for c in ("XM2026-001", "XM2026-005", "XM2026-004") if c in pdf_text(out, p)) for p in firsts]
    assert codes == ["XM2026-001", "XM2026-005", "XM2026-004"]     # in visit order
    assert "XM2026-009" not in pdf_text(out)


def test_a_date_range_can_print_one_pdf_per_project(demo_repo, tmp_path):
    _add_week_of_visits(demo_repo)
    folder = tmp_path / "notices"
    folder.mkdir()
    result = print_range_notices(demo_repo, dt.date(2026, 12, 1), dt.date(2026, 12, 2), ISSUED, out_dir=folder)

    assert sorted(p.name for p in folder.iterdir()) == ["XM2026-001.pdf", "XM2026-004.pdf", "XM2026-005.pdf"]
    assert result.files == tuple(folder / f"{c}.pdf" for c in ("XM2026-001", "XM2026-005", "XM2026-004"))
    for path in result.files:
        assert path.stem in pdf_text(path)
        assert demo_repo.project(path.stem).owner in pdf_text(path)


def test_an_empty_or_reversed_range_prints_nothing(demo_repo, tmp_path):
    out = tmp_path / "none.pdf"
    with pytest.raises(NoVisitError, match="2026-12-01"):
        print_range_notices(demo_repo, dt.date(2026, 12, 1), dt.date(2026, 12, 5), ISSUED, out=out)
    with pytest.raises(InputError, match="before it starts"):
        print_range_notices(demo_repo, dt.date(2026, 12, 5), dt.date(2026, 12, 1), ISSUED, out=out)
    assert not out.exists()


def test_a_project_with_two_visits_lists_both(demo_repo, tmp_path):
    add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"), departments=("D02", "D04", "D08"))
    add_visit(demo_repo, "XM2026-005", at("2026-12-04", "14:00"), departments=("D12", "D14"))
    out = tmp_path / "two.pdf"
    print_project_notice(demo_repo, "XM2026-005", out, ISSUED)
    text = pdf_text(out)
    assert "第一场" in text and "第二场" in text
    assert "2026年12月3日 星期四" in text and "2026年12月4日 星期五" in text


def test_chinese_errors_for_the_owner_of_the_tool(demo_repo, tmp_path):
    from desktop_app.core.model import messages

    messages.set_language("zh_CN")
    with pytest.raises(NoVisitError, match="尚未安排现场验收"):
        print_project_notice(demo_repo, "XM2026-005", tmp_path / "n.pdf", ISSUED)
