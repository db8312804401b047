"""The documents after the visit, as real PDFs: the rectification notice (整改通知书) and the joint
acceptance opinion (联合验收意见书), printed through the command line and read back with poppler."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import shutil
import sqlite3
import subprocess
import unicodedata

import pytest

from desktop_app.core.acceptance.opinion import issue_opinion
from desktop_app.core.acceptance.rectification import report_rectified
from desktop_app.core.acceptance.results import record_results
from desktop_app.core.model.domain import DepartmentResult, Finding, Opinion, ProjectDetails, VisitStatus
from desktop_app.core.planning.scheduler import run_schedule
from desktop_app.core.store import acceptance_records, history
from desktop_app.printing.chinese_text import chinese_date
from tests.printing.acceptance_flow import (
    CLERK, FINDINGS, PROJECT, accepted_after_reinspection, active_visits, all_passed, cli, rectifying,
)
from tests.printing.conftest import joined, page_count, page_size, pdf_text, pdf_words, A4_PORTRAIT

MM = 72 / 25.4


def n(text: str) -> str:
    """Expected text as it comes out of pdf_text + joined: NFKC, no white space."""
    return joined(unicodedata.normalize("NFKC", text))


def _names(repo) -> tuple[dict[str, str], dict[str, str]]:
    return {d.code: d.name for d in repo.departments()}, {i.code: i.name for i in repo.items()}


def _dump(db_path) -> list[str]:
    with sqlite3.connect(db_path) as connection:
        return list(connection.iterdump())


# --- the rectification notice ------------------------------------------------------------------
def test_rectification_notice_tells_every_finding_of_every_department_at_once(demo_repo, demo_today, db_path,
                                                                               tmp_path):
    visit = rectifying(demo_repo, demo_today)
    out = tmp_path / "rectification.pdf"

    result = cli("print", "rectification", PROJECT, "--db", str(db_path), "--out", str(out), "--today", "2026-12-04")

    assert result.returncode == 0, result.stderr
    departments, items = _names(demo_repo)
    text = joined(pdf_text(out))
    project = demo_repo.project(PROJECT)
    assert n("整改通知书") in text and n(project.owner) in text and PROJECT in text and n(project.name) in text
    for code, findings in FINDINGS.items():
        assert n(departments[code]) in text
        for finding in findings:
            assert n(finding.text) in text and n(items[finding.item]) in text
    assert n("附件：xm005-sprinkler.jpg") in text and "/srv/photos" not in text
    day = visit.start.date()
    assert n(f"{chinese_date(day)}现场验收") in text
    deadline = day + dt.timedelta(days=demo_repo.settings().rectification_days)
    assert n(f"整改期限：{chinese_date(deadline)}前") in text
    assert n("一次性告知") in text and n("2个部门提出整改意见共3项") in text
    # What the owner does next: report before the deadline; only the departments with findings come again.
    assert n(f"请于{chinese_date(deadline)}前完成上述全部整改，并向我局书面报告整改情况") in text
    assert n(f"复验仅由提出整改意见的部门（{departments['D02']}、{departments['D14']}）") in text
    passed = [departments[d] for d in visit.departments if d not in FINDINGS]
    assert n("、".join(passed) + "已验收通过，不再参加复验") in text
    settings = demo_repo.settings()
    assert n(settings.bureau_name) in text and n(settings.bureau_phone) in text
    assert n(chinese_date(dt.date(2026, 12, 4))) in text
    assert page_count(out) == 1 and page_size(out) == A4_PORTRAIT


def test_two_departments_of_one_name_each_keep_their_findings_on_the_notice(demo_repo, demo_today, db_path,
                                                                            tmp_path):
    """Department names are not unique: findings are grouped by the department's code, never merged by name."""
    rectifying(demo_repo, demo_today)
    d02, d14 = demo_repo.department("D02"), demo_repo.department("D14")
    demo_repo.replace_department(d14, dataclasses.replace(d14, name=d02.name))
    out = tmp_path / "rectification.pdf"

    result = cli("print", "rectification", PROJECT, "--db", str(db_path), "--out", str(out), "--today", "2026-12-04")

    assert result.returncode == 0, result.stderr
    text = joined(pdf_text(out))
    assert n("2个部门提出整改意见共3项") in text
    for findings in FINDINGS.values():
        for finding in findings:
            assert n(finding.text) in text


@pytest.mark.parametrize("state", ["scheduled", "unknown"])
def test_rectification_notice_of_a_request_not_rectifying_exits_2_and_writes_nothing(demo_repo, demo_today, db_path,
                                                                                      tmp_path, state):
    from desktop_app.core.planning.scheduler import run_schedule

    run_schedule(demo_repo, demo_today, solver="greedy")
    code = PROJECT if state == "scheduled" else "XM-NONE"
    out = tmp_path / "out" / "r.pdf"
    out.parent.mkdir()
    before = _dump(db_path)
    result = cli("print", "rectification", code, "--db", str(db_path), "--out", str(out))
    assert result.returncode == 2
    assert code in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert ("不在整改中" if state == "scheduled" else "没有编码为") in result.stderr
    assert list(out.parent.iterdir()) == [] and _dump(db_path) == before


# --- the joint acceptance opinion --------------------------------------------------------------
def test_opinion_shows_number_project_every_visit_and_every_opinion_of_every_round(demo_repo, demo_today, db_path,
                                                                                   tmp_path):
    first, again = accepted_after_reinspection(demo_repo, demo_today)
    out = tmp_path / "opinion.pdf"

    result = cli("print", "opinion", PROJECT, "--db", str(db_path), "--out", str(out), "--today", "2026-12-11")

    assert result.returncode == 0, result.stderr
    number = f"济经开联验〔{dt.date(2026, 12, 11).year}〕第 1 号"
    assert number in result.stdout
    departments, items = _names(demo_repo)
    raw = pdf_text(out, raw=True)        # cell by cell: a finding's wrapped lines stay together
    text = joined(raw)
    project = demo_repo.project(PROJECT)
    assert n("联合验收意见书") in text and n(number) in text
    for fact in (project.code, project.name, project.owner, project.address):
        assert n(fact) in text
    for code in first.departments:
        assert n(departments[code]) in text
    for code in project.items:
        assert n(items[code]) in text
    for finding in (f for findings in FINDINGS.values() for f in findings):
        assert n(finding.text) in text
    for code, findings in FINDINGS.items():    # D02 and D14 at the first visit, with their findings
        assert n("需整改" + "；".join(f.text for f in findings)) in text
    for visit, round_name in ((first, "首次验收"), (again, "第1次复验")):
        assert n(f"{chinese_date(visit.start.date())}{round_name}") in text
    assert n("准予通过联合验收") in text
    settings = demo_repo.settings()
    assert n(settings.bureau_name) in text and n("（盖章）") in text and n(chinese_date(dt.date(2026, 12, 11))) in text
    assert page_size(out) == A4_PORTRAIT and "— 1 —" in raw
    assert [e.detail["number"] for e in history.entries(demo_repo.db, PROJECT) if e.event == "opinion"] == [number]


def test_opinion_is_laid_out_on_the_official_page(demo_repo, demo_today, db_path, tmp_path):
    """GB/T 9704: text area from 28 mm (binding side) to 26 mm from the right, 37 mm from the top; the
    title larger than the 16 pt body; the issuer's name and the date right of the page's middle."""
    accepted_after_reinspection(demo_repo, demo_today)
    out = tmp_path / "opinion.pdf"
    assert cli("print", "opinion", PROJECT, "--db", str(db_path), "--out", str(out)).returncode == 0

    words, sizes = pdf_words(out)
    body = [w for w in words if not w.text.startswith("—") and w.text.strip("0123456789")]
    width, height = sizes[0]
    assert min(w.x_min for w in body) >= 28 * MM - 1
    assert max(w.x_max for w in body) <= width - 26 * MM + 1
    assert min(w.y_min for w in body if w.page == 1) >= 37 * MM - 1
    assert max(w.y_max for w in body) <= height - 35 * MM + 1
    title = next(w for w in words if w.text == "联合验收意见书")
    owner = next(w for w in words if w.text.startswith(demo_repo.project(PROJECT).owner))
    assert title.y_max - title.y_min > (owner.y_max - owner.y_min) * 1.2
    assert abs((title.x_min + title.x_max) / 2 - width / 2) < 3            # centred
    seal = [w for w in words if unicodedata.normalize("NFKC", w.text) == "(盖章)"]
    assert len(seal) == 1 and seal[0].x_min > width / 2                   # the seal line on the right


def test_project_details_print_when_the_bureau_keeps_them(demo_repo, demo_today, db_path, tmp_path):
    accepted_after_reinspection(demo_repo, demo_today)
    details = ProjectDetails(unified_code="2026-370871-39-03-012345", floor_area=12850.5, floors=6,
                             builder="山东鲁建建设集团有限公司", supervisor="济宁正信工程监理有限公司",
                             surveyor="济宁市勘察测绘研究院", designer="山东省建筑设计研究院有限公司")
    demo_repo.save_project(dataclasses.replace(demo_repo.project(PROJECT), details=details))
    out = tmp_path / "opinion.pdf"
    assert cli("print", "opinion", PROJECT, "--db", str(db_path), "--out", str(out)).returncode == 0
    text = joined(pdf_text(out, raw=True))
    for label, value in (("项目统一代码", details.unified_code), ("建筑面积", "12,850.50平方米"), ("层数", "6层"),
                         ("施工单位", details.builder), ("监理单位", details.supervisor),
                         ("勘察单位", details.surveyor), ("设计单位", details.designer)):
        assert n(label + value) in text


def test_opinion_numbers_run_1_2_and_a_reprint_keeps_its_number(demo_repo, demo_today, db_path, tmp_path):
    from desktop_app.core.planning.scheduler import run_schedule

    run_schedule(demo_repo, demo_today, solver="greedy")
    codes = ["XM2026-001", "XM2026-002"]
    for code in codes:
        all_passed(demo_repo, active_visits(demo_repo, code)[0])
    texts = {}
    for code in [*codes, codes[0]]:
        out = tmp_path / f"{code}-{len(texts)}.pdf"
        assert cli("print", "opinion", code, "--db", str(db_path), "--out", str(out),
                   "--today", "2026-12-05").returncode == 0
        texts[out.name] = pdf_text(out)
    first, second, reprint = texts.values()
    assert n("济经开联验〔2026〕第 1 号") in joined(first) and n("济经开联验〔2026〕第 2 号") in joined(second)
    assert reprint == first
    assert [acceptance_records.opinion_number(demo_repo.db, c).sequence for c in codes] == [1, 2]


def test_a_reprint_on_a_later_day_keeps_the_issue_date(demo_repo, demo_today, db_path, tmp_path):
    accepted_after_reinspection(demo_repo, demo_today)
    for day, name in (("2026-12-11", "a.pdf"), ("2027-01-20", "b.pdf")):
        assert cli("print", "opinion", PROJECT, "--db", str(db_path), "--out", str(tmp_path / name),
                   "--today", day).returncode == 0
    assert pdf_text(tmp_path / "a.pdf") == pdf_text(tmp_path / "b.pdf")
    assert "2027" not in pdf_text(tmp_path / "b.pdf")


@pytest.mark.parametrize("case", ["rectifying", "unknown", "missing_folder", "folder_is_a_file"])
def test_opinion_bad_input_exits_2_writes_nothing_and_takes_no_number(demo_repo, demo_today, db_path, tmp_path, case):
    if case == "rectifying":
        rectifying(demo_repo, demo_today)
    else:
        accepted_after_reinspection(demo_repo, demo_today)
    code = "XM-NONE" if case == "unknown" else PROJECT
    folder = tmp_path / "out"
    folder.mkdir()
    out = {"missing_folder": folder / "missing" / "o.pdf", "folder_is_a_file": folder}.get(case, folder / "o.pdf")
    before = _dump(db_path)
    result = cli("print", "opinion", code, "--db", str(db_path), "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    expected = {"rectifying": "各部门均通过后才能出具", "unknown": "XM-NONE", "missing_folder": "missing",
                "folder_is_a_file": str(folder)}[case]
    assert expected in result.stderr
    assert list(folder.iterdir()) == [] and _dump(db_path) == before
    assert acceptance_records.opinion_number(demo_repo.db, PROJECT) is None


def _canonical_text(repo, today: dt.date) -> str:
    """The canonical text as README "Printing" specifies it, written out independently of the program."""
    document = issue_opinion(repo, PROJECT, today, CLERK)
    words = {"passed": "通过", "rectify": "需整改", "failed": "不通过"}
    project = document.project
    lines = ["联合验收意见书", f"文号：{document.number.number}", f"项目编号：{project.code}",
             f"项目名称：{project.name}", f"建设单位：{project.owner}"]
    lines += [f"意见：{r.department}|{r.item}|{words[str(r.opinion)]}|{r.day.isoformat()}|{r.round}|{r.remarks}"
              for r in document.rows]
    lines.append(f"成文日期：{document.number.issued_on.isoformat()}")
    return "\n".join(lines)


@pytest.mark.skipif(not shutil.which("zbarimg"), reason="zbarimg (Debian zbar-tools) decodes the QR code")
def test_the_qr_code_holds_the_number_and_the_hash_of_the_canonical_text(demo_repo, demo_today, db_path, tmp_path):
    accepted_after_reinspection(demo_repo, demo_today)
    out = tmp_path / "opinion.pdf"
    assert cli("print", "opinion", PROJECT, "--db", str(db_path), "--out", str(out), "--today",
               "2026-12-11").returncode == 0
    decoded = decode_qr(out, tmp_path)
    digest = hashlib.sha256(_canonical_text(demo_repo, dt.date(2026, 12, 11)).encode("utf-8")).hexdigest()
    assert decoded == ["联合验收意见书", "文号：济经开联验〔2026〕第 1 号", f"项目编号：{PROJECT}", f"SHA-256：{digest}"]


def decode_qr(pdf, folder) -> list[str]:
    """The QR code on the opinion's last page, read by zbar from a 150 dpi rendering."""
    last = page_count(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", str(last), "-l", str(last), str(pdf),
                    str(folder / "qr")], check=True)
    image = next(folder.glob("qr*.png"))
    result = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True)
    return result.stdout.strip().splitlines()


# --- pagination: whole table rows, the seal with the closing text ------------------------------------------
def _long_finding(department: str, number: int) -> Finding:
    return Finding(f"{department}第{number}项问题：现场检查发现该部位施工做法与审查合格的施工图设计文件不一致，"
                   f"相关检测报告和隐蔽工程验收记录缺失，需补充完善后报请复验（{department}-{number}完）")


def _accepted_with_long_findings(repo, today) -> dict[str, str]:
    """Every department of the first visit finds two long problems; the re-inspection passes. Returns each
    department's remarks as the opinion's table prints them."""
    run_schedule(repo, today, solver="greedy")
    visit = active_visits(repo)[0]
    findings = {d: (_long_finding(d, 1), _long_finding(d, 2)) for d in visit.departments}
    record_results(repo, visit.id, [DepartmentResult(d, Opinion.RECTIFY, f) for d, f in findings.items()],
                   now=visit.start + dt.timedelta(hours=2), clerk=CLERK)
    reported = visit.start.date() + dt.timedelta(days=3)
    report_rectified(repo, PROJECT, reported, today=reported, clerk=CLERK)
    run_schedule(repo, reported, solver="greedy")
    all_passed(repo, next(v for v in active_visits(repo) if v.status is not VisitStatus.DONE))
    return {d: "；".join(f.text for f in found) for d, found in findings.items()}


def test_opinion_rows_never_split_and_the_seal_stays_with_the_closing_text(demo_repo, demo_today, db_path, tmp_path):
    remarks = _accepted_with_long_findings(demo_repo, demo_today)
    out = tmp_path / "opinion.pdf"
    assert cli("print", "opinion", PROJECT, "--db", str(db_path), "--out", str(out)).returncode == 0

    pages = [joined(pdf_text(out, page, raw=True)) for page in range(1, page_count(out) + 1)]
    assert len(pages) >= 4
    departments, _ = _names(demo_repo)
    for code, text in remarks.items():       # each row whole on one page: department, findings, date
        holding = [number for number, page in enumerate(pages, start=1) if n(text) in page]
        assert holding, f"{code}: the row's findings are cut between two pages"
        assert all(n(departments[code]) in pages[number - 1] for number in holding)
    continued = [page for page in pages[1:] if n(_long_finding("D", 1).text[:4]) in page or "需整改" in page]
    assert all(n("验收意见日期（轮次）") in page for page in continued)     # the header repeats
    last = pages[-1]
    assert n("准予通过联合验收") in last and n("（盖章）") in last
    assert n(demo_repo.settings().bureau_name) in last and "联合验收意见书" not in last


def test_the_closing_part_moves_whole_when_the_seal_would_stand_alone(tmp_path):
    """Filler pushes the closing paragraph to a page's foot: it moves with the seal to the next page."""
    from desktop_app.printing.document_style import formal_page
    from desktop_app.printing.paged_output import PrintDocument, write_pdf

    def opinion_like(filler: int, keep: bool) -> PrintDocument:
        html = formal_page("".join(f"<p>第{i}段：各验收部门依法履行职责。</p>" for i in range(filler))
                           + "<p><a name='end'></a>结束语：准予通过联合验收。</p>"
                           + "<table width='100%'><tr><td height='300'><a name='seal'></a>（盖章）</td></tr></table>")
        return PrintDocument("t", html, formal=True, anchors=("seal",),
                             keep_together=(("end", "seal"),) if keep else ())

    # The fewest filler paragraphs that, without the rule, leave the seal alone on the last page.
    filler = next(count for count in range(10, 120) if _seal_alone(tmp_path, opinion_like(count, False)))
    out = tmp_path / "kept.pdf"
    write_pdf(out, [opinion_like(filler, True)], "t")
    last = joined(pdf_text(out, page_count(out), raw=True))
    assert n("结束语") in last and n("（盖章）") in last


def _seal_alone(folder, document) -> bool:
    from desktop_app.printing.paged_output import write_pdf

    probe = folder / "alone.pdf"
    write_pdf(probe, [document], "t")
    last = joined(pdf_text(probe, page_count(probe), raw=True))
    return n("（盖章）") in last and n("结束语") not in last


def test_the_demo_opinions_conclusion_shares_the_seals_page(demo_repo, demo_today, db_path, tmp_path):
    accepted_after_reinspection(demo_repo, demo_today)
    out = tmp_path / "opinion.pdf"
    assert cli("print", "opinion", PROJECT, "--db", str(db_path), "--out", str(out)).returncode == 0
    last = joined(pdf_text(out, page_count(out), raw=True))
    assert all(n(text) in last for text in ("四、验收结论", "经各验收部门现场验收", "准予通过联合验收", "（盖章）"))


def test_rectification_notice_rows_never_split_across_pages(demo_repo, demo_today, db_path, tmp_path):
    """Fourteen long findings of one department fill more than a page: each finding's row is whole on one
    page (the owner cuts the notice into tasks per finding), and the table's header repeats."""
    run_schedule(demo_repo, demo_today, solver="greedy")
    visit = next(v for v in active_visits(demo_repo) if v.project == PROJECT)
    first, *others = visit.departments
    findings = tuple(Finding(f"第{number}处：消防通道宽度不足，应按照《建筑设计防火规范》GB 50016-2014（2018年版）第7.1.8条"
                             f"的要求整改，确保净宽度和净空高度均不小于4.0米，且转弯半径满足消防车转弯的要求；"
                             f"整改完成后提交整改前后照片及说明（第{number}处完）。") for number in range(1, 15))
    record_results(demo_repo, visit.id, [DepartmentResult(first, Opinion.RECTIFY, findings)]
                   + [DepartmentResult(d, Opinion.PASSED) for d in others],
                   now=visit.start + dt.timedelta(hours=2), clerk=CLERK)
    out = tmp_path / "rectification.pdf"
    assert cli("print", "rectification", PROJECT, "--db", str(db_path), "--out", str(out)).returncode == 0
    pages = [joined(pdf_text(out, page, raw=True)) for page in range(1, page_count(out) + 1)]
    assert len(pages) >= 2
    for finding in findings:
        assert any(n(finding.text) in page for page in pages), f"{finding.text[-8:]} is cut between two pages"
    assert all(n("整改意见") in page for page in pages if n(findings[-1].text) in page)
