"""The PDF files the program writes: a full disk, clashing or overlong codes, read-only files, ligatures."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.model.file_names import MAX_STEM_BYTES, safe_file_stem
from desktop_app.core.store.repository import Repository
from desktop_app.printing.print_jobs import print_project_notice
from tests.disk_full import fill_up
from tests.printing.conftest import add_visit, at, joined, page_count, pdf_text

LIGATURES = "fifteen office certificate ffi ffl fi fl"
COMMON = ["--today", "2026-11-30"]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop_app", "--lang", "en", *args], check=False,
                          capture_output=True, text=True, timeout=120)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


# --- a full disk ------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [
    ["notice", "XM2026-005"],
    ["day", "2026-12-03"],
    ["week", "2026-12-03"],
])
def test_a_full_disk_keeps_the_old_pdf_and_exits_2(demo_repo, db_path, small_disk, command):
    """48-88 KB free used to give a cut-off PDF (no trailer) over the good one, reported as printed."""
    add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"))
    out = small_disk / "document.pdf"
    first = _cli("print", *command, "--db", str(db_path), "--out", str(out), *COMMON)
    assert first.returncode == 0, first.stderr
    good = out.read_bytes()
    fill_up(small_disk, leave=len(good) // 2)        # room for half of the new PDF

    result = _cli("print", *command, "--db", str(db_path), "--out", str(out), *COMMON)
    assert result.returncode == 2, result.stderr
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "the disk is full" in message and str(out) in message and ".tmp" not in message
    assert out.read_bytes() == good and page_count(out) >= 1
    assert sorted(p.name for p in small_disk.iterdir()) == ["ballast", "document.pdf"]     # no temporary


def test_a_full_disk_midway_through_out_dir_replaces_none_of_the_files(demo_repo, db_path, small_disk):
    add_visit(demo_repo, "XM2026-001", at("2026-12-01", "09:00"))
    add_visit(demo_repo, "XM2026-004", at("2026-12-02", "14:00"))
    command = ["print", "notice", "--from", "2026-11-30", "--to", "2026-12-06", "--out-dir", str(small_disk),
               "--db", str(db_path), *COMMON]
    assert _cli(*command).returncode == 0
    before = _files(small_disk)
    assert sorted(before) == ["XM2026-001.pdf", "XM2026-004.pdf"]
    fill_up(small_disk, leave=150 * 1024)             # room for one new notice, not for two

    result = _cli(*command)
    assert result.returncode == 2 and "the disk is full" in result.stderr
    assert "XM2026-00" in result.stderr and ".tmp" not in result.stderr
    after = _files(small_disk)
    after.pop("ballast")
    assert after == before


# --- file names --------------------------------------------------------------------------------
def _copy_project(repo: Repository, code: str, template: str = "XM2026-001") -> None:
    repo.save_project(dataclasses.replace(repo.project(template), code=code))


def test_codes_that_would_share_a_file_are_refused_before_anything_is_written(demo_repo, db_path, tmp_path):
    """a/b and a_b both became a_b.pdf: "printed 30" with 29 files."""
    for code, day in (("a/b", "2026-12-01"), ("a_b", "2026-12-02"), ("XM2026-004", "2026-12-03")):
        if code != "XM2026-004":
            _copy_project(demo_repo, code)
        add_visit(demo_repo, code, at(day, "09:00"))
    folder = tmp_path / "each"
    folder.mkdir()
    result = _cli("print", "notice", "--from", "2026-11-30", "--to", "2026-12-06", "--out-dir", str(folder),
                  "--db", str(db_path), *COMMON)
    assert result.returncode == 2
    assert "'a/b'" in result.stderr and "'a_b'" in result.stderr and "a_b.pdf" in result.stderr
    assert list(folder.iterdir()) == []


def test_a_300_byte_code_prints_under_a_capped_unique_file_name(demo_repo, db_path, tmp_path):
    """A 300-byte code crashed with "File name too long" (exit 1)."""
    long_codes = ["长" * 100, "长" * 99 + "短"]        # 300 bytes each, alike up to the capped length
    for number, code in enumerate(long_codes):
        _copy_project(demo_repo, code)
        add_visit(demo_repo, code, at("2026-12-0" + str(number + 1), "09:00"))
    folder = tmp_path / "each"
    folder.mkdir()
    result = _cli("print", "notice", "--from", "2026-11-30", "--to", "2026-12-06", "--out-dir", str(folder),
                  "--db", str(db_path), *COMMON)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 2 and all(len(name.encode()) <= MAX_STEM_BYTES + len(".pdf") for name in names)
    assert sorted(f"{safe_file_stem(code)}.pdf" for code in long_codes) == names
    for code in long_codes:
        assert code in joined(pdf_text(folder / f"{safe_file_stem(code)}.pdf"))


def test_printing_onto_a_read_only_file_exits_2_and_leaves_it(demo_repo, db_path, tmp_path, make_read_only):
    add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"))
    out = tmp_path / "notice.pdf"
    out.write_bytes(b"%PDF-1.4 kept\n")
    make_read_only(out)
    result = _cli("print", "notice", "XM2026-005", "--db", str(db_path), "--out", str(out), *COMMON)
    assert result.returncode == 2
    assert result.stderr.strip() == f"The file {out} is read-only; nothing was printed."
    assert out.read_bytes() == b"%PDF-1.4 kept\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# --- ligatures ---------------------------------------------------------------------------------
def test_latin_ligatures_come_out_of_the_pdf_text_exactly(demo_repo, tmp_path):
    """"fifteen office certificate" extracted as "fteen o ce certi cate"; "——" vanished."""
    project = demo_repo.project("XM2026-005")
    demo_repo.save_project(dataclasses.replace(project, name=f"Project {LIGATURES}", owner=f"Owner {LIGATURES}",
                                               contact="王——玥"))
    demo_repo.save_settings(dataclasses.replace(demo_repo.settings(),
                                                bureau_email="fifteen.office@certificate-ffl.cn"))
    add_visit(demo_repo, "XM2026-005", at("2026-12-03", "09:00"))
    out = tmp_path / "notice.pdf"
    print_project_notice(demo_repo, "XM2026-005", out, at("2026-11-30", "09:00").date())

    # pdftotext as it is, without the NFKC of pdf_text(): that would turn a ligature ﬁ back into fi.
    text = subprocess.run([shutil.which("pdftotext"), "-enc", "UTF-8", str(out), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert f"Project {LIGATURES}" in text and f"Owner {LIGATURES}" in text
    assert "fifteen.office@certificate-ffl.cn" in text
    assert "王——玥" in text
    assert not [c for c in text if 0xFB00 <= ord(c) <= 0xFB06]          # no ﬀ ﬁ ﬂ ﬃ ﬄ presentation forms


def test_the_bundled_fonts_have_no_ligature_features():
    """The fix lives in the font (resources/fonts/make_subset.py), whatever Qt version shapes the text."""
    fonttools = pytest.importorskip("fontTools.ttLib")
    from desktop_app.paths import FONTS

    for path in sorted(FONTS.glob("*.otf")):
        font = fonttools.TTFont(str(path), lazy=True)
        features = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
        assert not features & {"liga", "clig", "dlig", "ccmp"}, (path.name, sorted(features))


def test_qt_6_8s_unterminated_information_dictionary_is_mended_in_place():
    """Qt 6.8 writes "2" where ">>" closes the /Info dictionary; pyHanko cannot sign such a file. The mend
    keeps every byte offset, so the cross-reference table stays right."""
    from desktop_app.printing.paged_output import _mend_info_dictionary

    broken = b"%PDF-1.4\n1 0 obj\n<<\n/Producer (Qt 6.8.0)\n/Trapped /False\n2\nendobj\n2 0 obj\n<<>>\nendobj\n"
    mended = _mend_info_dictionary(broken)
    assert len(mended) == len(broken) and b"/Trapped /False>>\nendobj" in mended
    assert _mend_info_dictionary(mended) == mended
