"""The rules of a project's details for the joint acceptance opinion (ProjectDetails: 项目统一代码, 建筑面积, 层数,
施工/监理/勘察/设计单位), in one place: the dataset import, the request editor and the repository all ask here,
so a value one of them takes is never refused by another.

Every detail is optional (empty: not kept). Text comes in as typed or as a spreadsheet cell holds it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from desktop_app.core.model.domain import ProjectDetails
from desktop_app.core.model.messages import tr

# The national investment project code (全国投资项目在线审批监管平台 项目代码) the demo data uses:
# year - administrative division - industry - kind of approval - serial, e.g. 2026-370871-47-01-503117.
UNIFIED_CODE = re.compile(r"[0-9]{4}-[0-9]{6}-[0-9]{2}-[0-9]{2}-[0-9]{6}")
UNIFIED_CODE_EXAMPLE = "2026-370871-47-01-503117"
MAX_FLOORS = 200
MAX_FLOOR_AREA = 10_000_000      # m²: the largest buildings in the world are a tenth of this
AREA_DECIMALS = 2                # 建筑面积 is stated to the hundredth of a square metre
MAX_NAME_LENGTH = 100            # a company's registered name is far shorter

DETAIL_FIELDS = ("unified_code", "floor_area", "floors", "builder", "supervisor", "surveyor", "designer")
NAME_FIELDS = ("builder", "supervisor", "surveyor", "designer")


@dataclass(frozen=True)
class DetailProblem:
    """What is wrong with one detail: the field (a DETAIL_FIELDS name, also the import's column) and why."""

    field: str
    message: str


def detail_label(field: str) -> str:
    """A detail's name in the user's words (core messages; the GUI's form has its own translated labels)."""
    return {"unified_code": tr("unified project code"), "floor_area": tr("floor area"), "floors": tr("floors"),
            "builder": tr("builder"), "supervisor": tr("supervisor"), "surveyor": tr("surveyor"),
            "designer": tr("designer")}[field]


def _shown(text: str, limit: int = 24) -> str:
    """The start of a long value, enough to find it, without pasting a thousand digits into a message."""
    return text if len(text) <= limit else text[:limit] + "…"


def unified_code_problem(code: str) -> str | None:
    if code and not UNIFIED_CODE.fullmatch(code):
        return tr("{value!r} is not a project code like {example} (year-area-industry-type-serial)",
                  value=_shown(code), example=UNIFIED_CODE_EXAMPLE)
    return None


def floor_area_problem(area: Decimal | float) -> str | None:
    """Why a floor area (m²) cannot be kept, or None."""
    value = Decimal(str(area)) if isinstance(area, float) else area
    if not value.is_finite() or not 0 < value <= MAX_FLOOR_AREA:
        return tr("{value} is out of range: the floor area is more than 0 and at most {maximum} square metres",
                  value=_shown(str(area)), maximum=MAX_FLOOR_AREA)
    if value != value.quantize(Decimal(1).scaleb(-AREA_DECIMALS)):
        return tr("{value}: at most {decimals} decimals (square metres, e.g. 12850.5)", value=_shown(str(area)),
                  decimals=AREA_DECIMALS)
    return None


def floors_problem(floors: int) -> str | None:
    if not 1 <= floors <= MAX_FLOORS:
        return tr("{value} is out of range: use a whole number from {minimum} to {maximum}",
                  value=floors, minimum=1, maximum=MAX_FLOORS)
    return None


def name_problem(name: str) -> str | None:
    if len(name) > MAX_NAME_LENGTH:
        return tr("at most {maximum} characters, not {length}", maximum=MAX_NAME_LENGTH, length=len(name))
    return None


def details_problems(details: ProjectDetails) -> list[DetailProblem]:
    """What is wrong with details already typed (the repository's check before a save); empty = valid."""
    problems = [("unified_code", unified_code_problem(details.unified_code))]
    if details.floor_area is not None:
        problems.append(("floor_area", floor_area_problem(details.floor_area)))
    if details.floors is not None:
        problems.append(("floors", floors_problem(details.floors)))
    problems += [(name, name_problem(getattr(details, name))) for name in NAME_FIELDS]
    return [DetailProblem(name, message) for name, message in problems if message]


def parse_floor_area(text: str) -> tuple[float | None, str | None]:
    """(square metres, None) or (None, why not); thousands separators as Excel writes them are allowed."""
    cleaned = text.replace(",", "").replace("，", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None, tr("bad floor area {value!r} (square metres, e.g. 12850.5)", value=_shown(text))
    problem = floor_area_problem(value)
    return (None, problem) if problem else (float(value), None)


def parse_floors(text: str) -> tuple[int | None, str | None]:
    if not re.fullmatch(r"\d{1,18}", text):
        return None, tr("bad whole number {value!r}", value=_shown(text))
    floors = int(text)
    problem = floors_problem(floors)
    return (None, problem) if problem else (floors, None)


def parse_details(texts: Mapping[str, str]) -> tuple[ProjectDetails, list[DetailProblem]]:
    """Details from text (a missing or blank field: not kept) and every problem, field by field.

    A field with a problem is left empty in the details returned, so callers can go on checking the rest."""
    cleaned = {name: (texts.get(name) or "").strip() for name in DETAIL_FIELDS}
    problems: list[DetailProblem] = []
    values: dict[str, object] = {}
    for name, parse in (("floor_area", parse_floor_area), ("floors", parse_floors)):
        if cleaned[name]:
            values[name], problem = parse(cleaned[name])
            if problem:
                problems.append(DetailProblem(name, problem))
    for name, check in (("unified_code", unified_code_problem),
                        *((name, name_problem) for name in NAME_FIELDS)):
        problem = check(cleaned[name])
        if problem:
            problems.append(DetailProblem(name, problem))
        else:
            values[name] = cleaned[name]
    problems.sort(key=lambda p: DETAIL_FIELDS.index(p.field))
    return ProjectDetails(**values), problems


def details_texts(details: ProjectDetails) -> dict[str, str]:
    """The details as an editor shows them (the inverse of parse_details): 12850.5 stays 12850.5, and a value
    stored before the rules were checked is shown exactly as it is, never silently rounded."""
    area = "" if details.floor_area is None else repr(details.floor_area).removesuffix(".0")
    return {"unified_code": details.unified_code, "floor_area": area,
            "floors": "" if details.floors is None else str(details.floors),
            **{name: getattr(details, name) for name in NAME_FIELDS}}
