"""File names from users' codes (core/model/file_names.py): the feeds and the printed notices share them."""

from __future__ import annotations

import pytest

from desktop_app.core.model.file_names import (
    MAX_STEM_BYTES, FileNameClash, file_stems, is_windows_reserved, safe_file_stem, suggested_file_name,
)


def test_unsafe_characters_become_underscores_and_every_script_stays():
    assert safe_file_stem("XM2026-001") == "XM2026-001"
    assert safe_file_stem("../etc/passwd") == "_etc_passwd"
    assert safe_file_stem("开发区/一期 A") == "开发区_一期_A"
    assert safe_file_stem("...") == "_"


def test_long_codes_are_capped_and_stay_apart():
    first, second = "长" * 100, "长" * 99 + "短"          # 300 bytes, alike in their first 297
    stems = [safe_file_stem(first), safe_file_stem(second)]
    assert all(len(stem.encode("utf-8")) <= MAX_STEM_BYTES for stem in stems)
    assert stems[0] != stems[1] and all(stem.startswith("长" * 29) for stem in stems)
    assert safe_file_stem(first) == stems[0]                # stable from one run to the next
    assert safe_file_stem("x" * MAX_STEM_BYTES) == "x" * MAX_STEM_BYTES


def test_codes_sharing_a_file_name_are_named_in_the_refusal():
    assert file_stems("project", ["a/b", "c"], ".pdf") == {"a/b": "a_b", "c": "c"}
    with pytest.raises(FileNameClash, match=r"'a/b' and 'a_b' would share the file a_b\.pdf"):
        file_stems("project", ["a/b", "a_b"], ".pdf")
    with pytest.raises(FileNameClash, match=r"department codes 'D1' and 'd1'"):
        file_stems("department", ["D1", "d1"], ".ics")      # one file on Windows and macOS


@pytest.mark.parametrize("code", ["CON", "con", "Prn", "aux", "NUL", "nul.txt", "Con.tar.gz", "COM1", "com9",
                                  "LPT1", "lpt9.log", "COM¹", "CON.", "NUL..", "..AUX"])
def test_windows_device_names_get_a_leading_underscore(code):
    stem = safe_file_stem(code)
    assert stem == "_" + code.strip(".")
    assert not is_windows_reserved(f"{stem}.pdf")


@pytest.mark.parametrize("name", ["CON", "cOn.pdf", "NUL .txt", "AUX  ", "com3.tar.gz", "LPT²", "PRN..pdf"])
def test_what_windows_reserves(name):
    assert is_windows_reserved(name)
    assert not is_windows_reserved(safe_file_stem(name))    # spaces become '_', the rest gets the prefix


@pytest.mark.parametrize("code", ["CONSOLE", "COM0", "COM10", "LPT", "NULL", "XCON", "AUXILIARY", "CON-1", "PRN_A"])
def test_names_that_only_look_like_devices_stay_as_they_are(code):
    assert safe_file_stem(code) == code


def test_a_device_name_and_its_safe_form_are_one_file_and_refused():
    assert file_stems("project", ["CON", "CON2"], ".pdf") == {"CON": "_CON", "CON2": "CON2"}
    with pytest.raises(FileNameClash, match=r"'CON' and '_con' would share the file _con\.pdf"):
        file_stems("project", ["CON", "_con"], ".pdf")


@pytest.mark.parametrize(("title", "expected"), [
    ("联合验收告知书 XM2026-001 XM2026-002", "联合验收告知书 XM2026-001 XM2026-002.pdf"),   # readable: spaces kept
    ("Notices XM/2026:001", "Notices XM-2026-001.pdf"),
    ('a\\b*c?d"e<f>g|h', "a-b-c-d-e-f-g-h.pdf"),
    ("CON", "_CON.pdf"),
    ("nul. ", "_nul.pdf"),
    ("...", "_.pdf"),
])
def test_a_save_dialog_offers_a_name_windows_accepts(title, expected):
    assert suggested_file_name(title, ".pdf") == expected


def test_a_suggested_name_is_cut_without_breaking_a_character():
    name = suggested_file_name("验" * 200, ".pdf")
    assert name.endswith(".pdf") and len(name.removesuffix(".pdf").encode("utf-8")) <= MAX_STEM_BYTES
    assert set(name.removesuffix(".pdf")) == {"验"}
