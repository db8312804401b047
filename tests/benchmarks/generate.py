"""A seeded generator of large, realistic datasets in the DESIGN §5 folder format.

Used by the benchmarks (and by GUI tests that need a 5,000-project database):
    python tests/benchmarks/generate.py OUT_DIR --projects 5000 --departments 60 --items 100
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

PARKS = ("新能源新材料产业园", "节能环保产业园", "电子信息产业园", "智能制造产业园", "教育装备产业园", "智慧谷")
DEPARTMENT_KINDS = ("自然资源和规划局", "住房和城乡建设局", "人民防空办公室", "城建档案馆", "建设工程质量安全监督站",
                    "气象局", "水务局", "综合行政执法局", "供电中心", "通信发展办公室", "生态环境分局", "卫生健康局")
ITEM_KINDS = ("规划条件核实", "消防验收", "人防验收", "城建档案验收", "工程质量监督", "节能验收", "防雷装置检测",
              "绿化工程验收", "供水验收", "排水接入验收", "供电验收", "通信设施验收", "环保设施验收", "卫生学评价")
HOURS = ("MO-FR 08:30-12:00,14:00-17:30", "MO-FR 09:00-12:00,13:30-17:00",
         "MO-FR 08:30-12:00,14:00-17:30; SA 09:00-11:30")


def _write(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def generate(out: Path, *, projects: int = 5000, departments: int = 60, items: int = 100,
             places: int = 30, seed: int = 7, start: dt.date = dt.date(2026, 11, 30)) -> Path:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    place_codes = [f"P{i:03d}" for i in range(1, places + 1)]
    _write(out / "places.csv", ["code", "name", "address"],
           [[code, f"{PARKS[i % len(PARKS)]}{i // len(PARKS) + 1}区", f"经济技术开发区 {i + 1} 号路"]
            for i, code in enumerate(place_codes)])
    _write(out / "travel.csv", ["from", "to", "minutes"],
           [[a, b, rng.randrange(10, 60, 5)] for i, a in enumerate(place_codes) for b in place_codes[i + 1:]])
    department_codes = [f"D{i:03d}" for i in range(1, departments + 1)]
    _write(out / "departments.csv",
           ["code", "name", "level", "base", "email", "phone", "contact", "daily_capacity", "office_hours"],
           [[code, f"{'市' if i % 3 == 0 else f'第{i // 12 + 1}区'}{DEPARTMENT_KINDS[i % len(DEPARTMENT_KINDS)]}",
             "city" if i % 3 == 0 else "district", rng.choice(place_codes), f"d{i}@example.cn",
             f"0537-{2300000 + i}", f"联系人{i}", rng.choice((1, 2, 2, 3)), rng.choice(HOURS)]
            for i, code in enumerate(department_codes)])
    item_codes = [f"I{i:03d}" for i in range(1, items + 1)]
    _write(out / "items.csv", ["code", "name", "department", "duration_minutes", "materials"],
           [[code, f"{ITEM_KINDS[i % len(ITEM_KINDS)]}{i // len(ITEM_KINDS) + 1}", department_codes[i % departments],
             rng.choice((30, 45, 60, 90, 120)), ";".join(f"材料{i}-{k}" for k in range(rng.randint(2, 5)))]
            for i, code in enumerate(item_codes)])
    rows = []
    for number in range(1, projects + 1):
        applied = start + dt.timedelta(days=rng.randrange(0, 140))
        ready = applied + dt.timedelta(days=rng.choice((0, 0, 1, 3, 7)))
        chosen = rng.sample(item_codes[:6], rng.randint(4, 6)) + rng.sample(item_codes[6:], rng.randint(0, 3))
        rows.append([f"XM-{number:05d}", f"标准化厂房工程{number}号", f"山东某某实业有限公司{number % 400}",
                     f"联系人{number % 97}", f"1380537{number:04d}", rng.choice(place_codes), f"{number % 20 + 1}号厂房",
                     ";".join(chosen), applied.isoformat(), ready.isoformat(), "", rng.choice((0, 0, 0, 1, 2)),
                     rng.choice(("any", "any", "am", "pm"))])
    _write(out / "projects.csv", ["code", "name", "owner", "contact", "phone", "place", "address", "items",
                                  "applied_on", "ready_on", "deadline", "priority", "preferred"], rows)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--departments", type=int, default=60)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, projects=args.projects, departments=args.departments, items=args.items, seed=args.seed)


if __name__ == "__main__":
    main()
