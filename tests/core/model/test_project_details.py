"""The rules of a project's details for the opinion, shared by the import, the editor and the repository."""

from __future__ import annotations

import pytest

from desktop_app.core.model.domain import ProjectDetails
from desktop_app.core.model.project_details import details_problems, details_texts, parse_details

GOOD = {"unified_code": " 2026-370871-47-01-503117 ", "floor_area": "12,850.5", "floors": "4",
        "builder": "山东鲁城建设集团有限公司", "designer": "设" * 100}


def test_good_text_becomes_details_and_shows_again_the_same():
    details, problems = parse_details(GOOD)
    assert problems == []
    assert details == ProjectDetails("2026-370871-47-01-503117", 12850.5, 4, "山东鲁城建设集团有限公司", "", "",
                                     "设" * 100)
    assert details_texts(details)["floor_area"] == "12850.5"
    assert parse_details(details_texts(details)) == (details, [])
    assert parse_details({}) == (ProjectDetails(), [])                       # all optional


@pytest.mark.parametrize(("field", "text", "message"), [
    ("unified_code", "2026-370871-47-01-50311", "is not a project code like 2026-370871-47-01-503117"),
    ("unified_code", "XM2026-001", "is not a project code"),
    ("floor_area", "100.001", "at most 2 decimals"),
    ("floor_area", "-5", "more than 0"),
    ("floor_area", "nan", "more than 0"),
    ("floor_area", "10000000.01", "at most 10000000 square metres"),
    ("floor_area", "12 850", "bad floor area"),
    ("floors", "201", "from 1 to 200"),
    ("floors", "-1", "bad whole number"),
    ("floors", "9" * 40, "bad whole number"),
    ("surveyor", "勘" * 101, "at most 100 characters, not 101"),
])
def test_each_bad_field_is_named_with_its_reason_and_left_empty(field, text, message):
    details, problems = parse_details({**GOOD, field: text})
    assert [p.field for p in problems] == [field] and message in problems[0].message
    assert details == parse_details({**GOOD, field: ""})[0]


def test_typed_details_follow_the_same_rules():
    assert details_problems(ProjectDetails(floor_area=0.01, floors=200)) == []
    bad = ProjectDetails(unified_code="2026", floor_area=12.345, floors=0, builder="x" * 101)
    assert [p.field for p in details_problems(bad)] == ["unified_code", "floor_area", "floors", "builder"]


def test_a_value_stored_before_the_rules_is_shown_as_it_is_not_rounded():
    assert details_texts(ProjectDetails(floor_area=12850.555))["floor_area"] == "12850.555"
    assert details_texts(ProjectDetails(floor_area=8620.0))["floor_area"] == "8620"
