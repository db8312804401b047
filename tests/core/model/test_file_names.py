"""File names from users' codes (core/model/file_names.py): the feeds and the printed notices share them."""

from __future__ import annotations

import pytest

from desktop_app.core.model.file_names import MAX_STEM_BYTES, FileNameClash, file_stems, safe_file_stem


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
