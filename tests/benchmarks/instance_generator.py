"""Seeded, realistic scheduling instances (issue 4's benchmark), written as a DESIGN §5 dataset folder.

Structure, as in a real prefecture-level city:
- several districts; each has its own district departments (quality supervision, energy saving,
  greening, water, power, environment); city departments (planning, fire, civil air defence,
  archives, lightning, drainage, special equipment) are shared by groups of districts;
- most projects need the 4–6 core departments (planning, fire, civil air defence, archives,
  quality supervision) plus a few optional ones;
- projects cluster in a few big parks per district; deadlines are 5 working days; capacity 2 a day;
- districts with more parks get more projects;
- departments have busy events (weekly meetings, irregular inspections) and the official holidays apply.
``busiest_load`` reports how much of its capacity the busiest department is asked for: visits asked
of it over what it can give in the ready-date span plus the deadline (one visit per office-hours
period, two a day, less the periods its inspections take). The large shape is sized for about 80%.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.calendar.workdays import WorkingCalendar

CITY_KINDS = [("PLAN", "自然资源和规划局", 60, True), ("FIRE", "消防验收科", 90, True), ("CAD", "人民防空办公室", 60, True),
              ("ARCH", "城建档案馆", 30, True), ("LGT", "气象局（防雷）", 45, False), ("DRN", "排水管理处", 45, False),
              ("SPE", "特种设备安全监察科", 30, False)]
DISTRICT_KINDS = [("QS", "建设工程质量安全监督站", 90, True), ("ENE", "建筑节能办公室", 45, False),
                  ("GRN", "园林绿化所", 30, False), ("WAT", "水务局", 45, False), ("PWR", "供电中心", 60, False),
                  ("ENV", "生态环境分局", 60, False)]
HOURS = "MO-FR 08:30-12:00,14:00-17:30"


@dataclass(frozen=True)
class Shape:
    name: str
    requests: int
    districts: int
    city_groups: int          # city departments are duplicated per group of districts
    parks: tuple[int, ...]    # parks per district (bigger districts have more); plus one office each
    ready_span_working_days: int
    seed: int


# typical: 7 city + 6 district + 2 special = 15 departments; 4 parks + district office + city office = 6 places
TYPICAL = Shape("typical", 40, 1, 1, (4,), 30, 11)
# large: 4×7 city + 8×4 district = 60 departments; 18 parks + 8 district offices + 4 city offices = 30 places
LARGE = Shape("large", 600, 8, 4, (3, 3, 2, 2, 2, 2, 2, 2), 100, 12)


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _ics(events: list[tuple[dt.datetime, dt.datetime, str]]) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//benchmark//instance generator//ZH",
             "X-WR-TIMEZONE:Asia/Shanghai"]
    for index, (start, end, title) in enumerate(events):
        lines += ["BEGIN:VEVENT", f"UID:bench-{index}@example.cn", "DTSTAMP:20261101T000000Z",
                  f"DTSTART;TZID=Asia/Shanghai:{start:%Y%m%dT%H%M%S}",
                  f"DTEND;TZID=Asia/Shanghai:{end:%Y%m%dT%H%M%S}", f"SUMMARY:{title}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def generate(shape: Shape, out: Path, start: dt.date = dt.date(2026, 11, 30)) -> dict:
    """Write the instance to ``out``; returns facts about it (today, department count, load)."""
    rng = random.Random(shape.seed)
    calendar = WorkingCalendar()
    out.mkdir(parents=True, exist_ok=True)
    (out / "availability").mkdir(exist_ok=True)
    district_kinds = DISTRICT_KINDS if shape.districts == 1 else DISTRICT_KINDS[:4]
    places, departments, items = [], [], []
    parks: dict[int, list[str]] = {}
    for district in range(shape.districts):
        parks[district] = []
        for index in range(shape.parks[district]):
            code = f"Q{district}{index}"
            parks[district].append(code)
            places.append([code, f"第{district + 1}区第{index + 1}园区", f"第{district + 1}区 {index + 1} 号路"])
        places.append([f"O{district}", f"第{district + 1}区政务中心", ""])
    for group in range(shape.city_groups):
        places.append([f"C{group}", f"市级办公点{group + 1}", ""])
    travel = []
    codes = [p[0] for p in places]
    for i, first in enumerate(codes):
        for second in codes[i + 1:]:
            same_district = first[1] == second[1] and first[0] in "QO" and second[0] in "QO"
            travel.append([first, second, rng.randrange(10, 25, 5) if same_district else rng.randrange(30, 60, 5)])
    core: dict[int, list[str]] = {d: [] for d in range(shape.districts)}
    optional: dict[int, list[str]] = {d: [] for d in range(shape.districts)}
    extra_departments = 2 if shape.districts == 1 else 0
    for group in range(shape.city_groups):
        members = [d for d in range(shape.districts) if d % shape.city_groups == group]
        for kind, name, minutes, is_core in CITY_KINDS:
            code = f"{kind}{group}"
            departments.append([code, f"市{name}（{group + 1}组）", "city", f"C{group}", "", "", "", 2, HOURS])
            items.append([f"I{code}", f"{name}验收", code, minutes, "申请表;竣工图"])
            for member in members:
                (core if is_core else optional)[member].append(f"I{code}")
    for district in range(shape.districts):
        for kind, name, minutes, is_core in district_kinds:
            code = f"{kind}{district}"
            departments.append([code, f"第{district + 1}区{name}", "district", f"O{district}", "", "", "", 2, HOURS])
            items.append([f"I{code}", f"{name}验收", code, minutes, "申请表"])
            (core if is_core else optional)[district].append(f"I{code}")
    for extra in range(extra_departments):
        code = f"X{extra}"
        departments.append([code, f"专项部门{extra + 1}", "district", "O0", "", "", "", 1, HOURS])
        items.append([f"I{code}", f"专项验收{extra + 1}", code, 30, "申请表"])
        optional[0].append(f"I{code}")
    days = calendar.working_days(start, start + dt.timedelta(days=shape.ready_span_working_days * 2))
    days = days[: shape.ready_span_working_days]
    projects = []
    for index in range(shape.requests):
        # Districts with more parks get more projects.
        district = rng.choices(range(shape.districts), weights=shape.parks)[0]
        # Big parks get most projects: weights 6, 3, 2, 1, ...
        place = rng.choices(parks[district], weights=[6, 3, 2, 1, 1, 1][: len(parks[district])])[0]
        wanted = rng.sample(core[district], k=max(len(core[district]) - rng.choice([0, 0, 1]), 1))
        wanted += rng.sample(optional[district], k=min(rng.choice([0, 1, 1, 2]), len(optional[district])))
        applied = days[min(int(index * len(days) / shape.requests), len(days) - 1)]
        projects.append([f"B{index:04d}", f"项目{index:04d}", f"建设单位{index % 50}", "", "", place, "",
                         ";".join(sorted(wanted)), applied.isoformat(), applied.isoformat(), "",
                         rng.choices([0, 1, 2], weights=[8, 2, 1])[0], rng.choice(["any"] * 6 + ["am", "pm"])])
    _write(out / "places.csv", ["code", "name", "address"], places)
    _write(out / "travel.csv", ["from", "to", "minutes"], travel)
    _write(out / "departments.csv", ["code", "name", "level", "base", "email", "phone", "contact", "daily_capacity",
                                     "office_hours"], departments)
    _write(out / "items.csv", ["code", "name", "department", "duration_minutes", "materials"], items)
    _write(out / "projects.csv", ["code", "name", "owner", "contact", "phone", "place", "address", "items",
                                  "applied_on", "ready_on", "deadline", "priority", "preferred"], projects)
    horizon = calendar.working_days(start, start + dt.timedelta(days=(shape.ready_span_working_days + 30) * 2))
    window = set(horizon[: shape.ready_span_working_days + 5])   # ready dates plus the 5-day deadline
    lost_periods: Counter[str] = Counter()
    for department in departments:
        events = []
        zone = dt.timezone(dt.timedelta(hours=8))
        for day in horizon[: shape.ready_span_working_days + 30]:
            if day.weekday() == 0:   # the weekly Monday meeting (a visit still fits after it)
                events.append((dt.datetime.combine(day, dt.time(8, 30), zone),
                               dt.datetime.combine(day, dt.time(10, 0), zone), "局务会"))
            elif rng.random() < 0.08:   # an inspection or training takes half a day now and then
                hour = rng.choice([8, 14])
                events.append((dt.datetime.combine(day, dt.time(hour, 30), zone),
                               dt.datetime.combine(day, dt.time(hour + 3, 30), zone),
                               rng.choice(["专项督查", "业务培训", "执法检查"])))
                lost_periods[department[0]] += day in window
        (out / "availability" / f"{department[0]}.ics").write_bytes(_ics(events))
    # What a department can give: one visit per office-hours period (two a day, its capacity),
    # less the periods its inspections take.
    demand = Counter(item.split("I", 1)[1] for p in projects for item in p[7].split(";"))
    capacity = {d[0]: min(int(d[7]), 2) * len(window) - lost_periods[d[0]] for d in departments}
    busiest = max(demand[code] / capacity[code] for code in demand)
    return {"today": start - dt.timedelta(days=1), "departments": len(departments), "places": len(places),
            "requests": len(projects), "busiest_load": busiest}
