"""Fixtures for printed documents: visits on the demo data, and poppler's PDF tools."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop_app.core.model.domain import Visit
from desktop_app.core.store.repository import Repository

ZONE = ZoneInfo("Asia/Shanghai")
A4_PORTRAIT = (595, 842)


@pytest.fixture(autouse=True)
def _qt_application(qapp):
    """A QApplication, as the GUI has: printing must work under it as well as headless."""
    return qapp


def at(day: str, clock: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=ZONE)


def add_visit(repo: Repository, project: str, start: dt.datetime, minutes: int = 90,
              departments: tuple[str, ...] | None = None) -> Visit:
    """A visit with every item of the project (or those of ``departments``), as the scheduler stores it."""
    chosen = repo.project(project)
    items = {i.code: i for i in repo.items()}
    codes = tuple(c for c in chosen.items if departments is None or items[c].department in departments)
    attending = tuple(sorted({items[c].department for c in codes}))
    visit = Visit(None, project, start, start + dt.timedelta(minutes=minutes), chosen.place, attending, codes)
    return repo.visit(repo.insert_visit(visit))


# --- poppler ----------------------------------------------------------------------------------
def _run(*command: str) -> str:
    tool = shutil.which(command[0])
    assert tool, f"{command[0]} (poppler-utils) is required: apt-get install -y poppler-utils"
    return subprocess.run([tool, *command[1:]], check=True, capture_output=True, text=True).stdout


def pdf_text(path: Path, page: int | None = None, raw: bool = False) -> str:
    """The PDF's text as pdftotext gives it, NFKC-normalised (the only normalisation allowed).

    ``raw`` keeps the order in which text was drawn (cell by cell) instead of pdftotext's
    reading order, which merges the lines of side-by-side table cells.
    """
    options = ["-f", str(page), "-l", str(page)] if page else []
    if raw:
        options.append("-raw")
    return unicodedata.normalize("NFKC", _run("pdftotext", "-enc", "UTF-8", *options, str(path), "-"))


def joined(text: str) -> str:
    """Text with the line breaks of wrapping removed, for strings long enough to wrap."""
    return re.sub(r"\s+", "", text)


def pdf_info(path: Path) -> dict[str, str]:
    return dict(line.split(":", 1) for line in _run("pdfinfo", str(path)).splitlines() if ":" in line)


def page_count(path: Path) -> int:
    return int(pdf_info(path)["Pages"])


def page_size(path: Path) -> tuple[int, int]:
    width, _, height = pdf_info(path)["Page size"].split()[:3]
    return round(float(width)), round(float(height))


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    lines = _run("pdffonts", str(path)).splitlines()[2:]
    fonts = []
    for line in lines:
        parts = line.split()
        # name, type words..., encoding, emb, sub, uni, object, generation
        fonts.append({"name": parts[0], "emb": parts[-5], "uni": parts[-3], "line": line})
    return fonts


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def pdf_words(path: Path) -> tuple[list[Word], list[tuple[float, float]]]:
    """Every word with its box (points), and each page's size, from `pdftotext -bbox`."""
    out = _run("pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-")
    words, sizes = [], []
    for number, page in enumerate(re.findall(r"<page (.*?)</page>", out, re.DOTALL), start=1):
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', page)
        sizes.append((float(size[1]), float(size[2])))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                             page):
            words.append(Word(number, html.unescape(m[5]), *(float(m[i]) for i in range(1, 5))))
    return words, sizes
