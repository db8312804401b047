"""Previewing the joint acceptance opinion takes no number: the register and the history stay as they were
until the opinion is printed or saved; a preview after that shows the number it was given."""

from __future__ import annotations

import sqlite3

import pytest

from desktop_app.core.acceptance.opinion import PREVIEW_NUMBER
from desktop_app.core.model.errors import InputError
from desktop_app.core.store import acceptance_records, history
from desktop_app.printing.print_jobs import opinion_documents, opinion_preview_documents
from tests.printing.acceptance_flow import CLERK, PROJECT, accepted_after_reinspection


def _dump(db_path) -> list[str]:
    with sqlite3.connect(db_path) as connection:
        return list(connection.iterdump())


def _opinion_events(repo) -> list:
    return [e for e in history.entries(repo.db, PROJECT) if e.event == "opinion"]


def test_a_preview_shows_a_provisional_number_and_writes_nothing(demo_repo, demo_today, db_path):
    accepted_after_reinspection(demo_repo, demo_today)
    before = _dump(db_path)

    preview = opinion_preview_documents(demo_repo, PROJECT, demo_today)

    assert PREVIEW_NUMBER == "（预览）"
    assert "济经开联验〔2026〕第 （预览） 号" in preview[0].html and preview[0].formal
    assert "联合验收意见书" in preview[0].html and PROJECT in preview[0].html
    assert _dump(db_path) == before
    assert acceptance_records.opinion_number(demo_repo.db, PROJECT) is None and _opinion_events(demo_repo) == []

    # Printing takes number 1; a preview after that shows it and still writes nothing more.
    printed = opinion_documents(demo_repo, PROJECT, demo_today, CLERK)
    assert "济经开联验〔2026〕第 1 号" in printed[0].html
    after = _dump(db_path)
    again = opinion_preview_documents(demo_repo, PROJECT, demo_today, signed=True)
    assert "济经开联验〔2026〕第 1 号" in again[0].html and PREVIEW_NUMBER not in again[0].html
    assert "盖章" not in again[0].html           # laid out for the signature, as the signed PDF is
    assert _dump(db_path) == after and len(_opinion_events(demo_repo)) == 1


def test_no_preview_of_the_opinion_of_a_request_not_accepted(demo_repo, demo_today, db_path):
    before = _dump(db_path)
    with pytest.raises(InputError, match="every department has passed"):
        opinion_preview_documents(demo_repo, "XM2026-001", demo_today)
    assert _dump(db_path) == before
