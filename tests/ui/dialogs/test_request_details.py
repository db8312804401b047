"""The project's details for the joint acceptance opinion in the request editor (项目统一代码, 建筑面积, 层数,
施工/监理/勘察/设计单位): saved to the real SQLite file, refused next to the field when wrong, undone exactly,
printed on the opinion (a real PDF read back with pdftotext), and the warning once an opinion is numbered."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.core.acceptance.opinion import opinion_document
from desktop_app.core.model.domain import ProjectDetails
from desktop_app.core.store import acceptance_records
from desktop_app.printing.verification import content_digest
from tests.printing.acceptance_flow import PROJECT, accepted_after_reinspection, cli
from tests.printing.conftest import joined, pdf_text

CODE = "XM2026-004"
TYPED = {"unified_code": "2026-370871-47-01-503117", "floor_area": "12,850.25", "floors": "6",
         "builder": "山东鲁城建设集团有限公司", "supervisor": "济宁诚信工程监理有限公司",
         "surveyor": "济宁市勘察测绘研究院", "designer": "济宁市建筑设计研究院有限公司"}
SAVED = ProjectDetails("2026-370871-47-01-503117", 12850.25, 6, "山东鲁城建设集团有限公司", "济宁诚信工程监理有限公司",
                       "济宁市勘察测绘研究院", "济宁市建筑设计研究院有限公司")


def _type(dialog, texts: dict[str, str]) -> None:
    for name, text in texts.items():
        dialog.detail_edits[name].setText(text)


def _ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def _dump(db_path) -> list[str]:
    with sqlite3.connect(db_path) as connection:
        return list(connection.iterdump())


def test_details_are_saved_and_shown_again(window, demo_repo):
    dialog = window.edit_request(demo_repo.project(CODE))
    assert all(edit.text() == "" for edit in dialog.detail_edits.values())    # the demo keeps none for it
    _type(dialog, TYPED)
    assert _ok(dialog).isEnabled(), dialog.problems_label.text()
    _ok(dialog).click()
    assert demo_repo.project(CODE).details == SAVED

    again = window.edit_request(demo_repo.project(CODE))
    assert {name: edit.text() for name, edit in again.detail_edits.items()} == {**TYPED, "floor_area": "12850.25"}
    again.detail_edits["floors"].setText("7")
    _ok(again).click()
    assert demo_repo.project(CODE).details.floors == 7


@pytest.mark.parametrize(("field", "text", "message"), [
    ("floor_area", "12850.555", "at most 2 decimals"),
    ("floor_area", "0", "more than 0"),
    ("floor_area", "很大", "bad floor area '很大'"),
    ("floors", "201", "from 1 to 200"),
    ("floors", "0", "from 1 to 200"),
    ("floors", "3.5", "bad whole number '3.5'"),
    ("unified_code", "2026-37087-47-01-503117", "is not a project code like 2026-370871-47-01-503117"),
    ("builder", "建" * 101, "at most 100 characters, not 101"),
])
def test_a_bad_detail_is_refused_next_to_its_field_and_nothing_is_saved(window, demo_repo, db_path,
                                                                         field, text, message):
    dialog = window.edit_request(demo_repo.project(CODE))
    before = _dump(db_path)
    _type(dialog, {**TYPED, field: text})

    shown = dialog.detail_messages[field]
    assert not shown.isHidden() and message in shown.text()
    assert [name for name, label in dialog.detail_messages.items() if not label.isHidden()] == [field]
    assert message in dialog.problems_label.text()
    assert not _ok(dialog).isEnabled()
    assert not dialog.tabs.tabIcon(dialog.details_index).isNull()    # the tab shows where the problem is
    dialog.accept()                                                  # Enter: the dialog stays open
    assert dialog.result() != dialog.DialogCode.Accepted
    assert _dump(db_path) == before

    dialog.detail_edits[field].setText(TYPED[field])                 # corrected: the message goes
    assert shown.isHidden() and _ok(dialog).isEnabled()
    assert dialog.tabs.tabIcon(dialog.details_index).isNull()


def test_the_repository_refuses_bad_details_as_the_editor_does(demo_repo):
    """The same rules for anything that saves a request (one core function)."""
    project = demo_repo.project(CODE)
    bad = dataclasses.replace(project, details=ProjectDetails(floor_area=10.123, floors=300))
    problems = demo_repo.project_problems(bad, new=False)
    assert "floor area: 10.123: at most 2 decimals (square metres, e.g. 12850.5)" in problems
    assert "floors: 300 is out of range: use a whole number from 1 to 200" in problems


def test_undo_and_redo_restore_the_details_exactly(window, demo_repo):
    demo_repo.save_project(dataclasses.replace(demo_repo.project(CODE),
                                               details=ProjectDetails(builder="原施工单位", floor_area=100.5)))
    window.workspace.reload()
    original = demo_repo.project(CODE)
    dialog = window.edit_request(original)
    _type(dialog, {"builder": "新施工单位", "floor_area": "", "floors": "3"})
    _ok(dialog).click()
    edited = demo_repo.project(CODE)
    assert edited.details == ProjectDetails(builder="新施工单位", floors=3)

    window.undo_action.trigger()
    assert demo_repo.project(CODE) == original
    assert demo_repo.project(CODE).details == ProjectDetails(builder="原施工单位", floor_area=100.5)
    window.redo_action.trigger()
    assert demo_repo.project(CODE) == edited


def test_a_duplicate_does_not_copy_the_details(window, demo_repo):
    source = demo_repo.project(CODE)
    demo_repo.save_project(dataclasses.replace(source, details=SAVED))
    dialog = window.duplicate_request(demo_repo.project(CODE))
    assert all(edit.text() == "" for edit in dialog.detail_edits.values())


@pytest.fixture
def accepted(window, demo_today):
    repo = window.workspace.repo
    accepted_after_reinspection(repo, demo_today)
    window.workspace.reload()
    return repo


def test_the_printed_opinion_shows_the_edited_builder_under_its_number(window, accepted, db_path, tmp_path):
    repo = accepted
    dialog = window.edit_request(repo.project(PROJECT))
    assert dialog.opinion_label.isHidden()               # no opinion numbered yet: nothing to warn about
    dialog.reject()
    first = tmp_path / "first.pdf"
    assert cli("print", "opinion", PROJECT, "--db", str(db_path), "--out", str(first)).returncode == 0
    number = acceptance_records.opinion_number(repo.db, PROJECT)
    digest = content_digest(opinion_document(repo, repo.project(PROJECT), number))

    dialog = window.edit_request(repo.project(PROJECT))
    assert not dialog.opinion_label.isHidden()
    assert f"Opinion {number.number} has been issued" in dialog.opinion_label.text()
    _type(dialog, {"builder": "济宁市第三建筑工程有限公司", "floors": "5"})
    assert "it stays the same" in dialog.opinion_label.text()
    _ok(dialog).click()
    assert repo.project(PROJECT).details.builder == "济宁市第三建筑工程有限公司"

    reprint = tmp_path / "reprint.pdf"
    assert cli("print", "opinion", PROJECT, "--db", str(db_path), "--out", str(reprint)).returncode == 0
    text = joined(pdf_text(reprint, raw=True))
    assert "施工单位济宁市第三建筑工程有限公司" in text and "层数5层" in text
    assert joined(number.number) in text and "施工单位" not in joined(pdf_text(first, raw=True))
    assert acceptance_records.opinion_number(repo.db, PROJECT) == number          # the same number and day
    assert content_digest(opinion_document(repo, repo.project(PROJECT), number)) == digest


def test_renaming_a_numbered_request_warns_of_a_new_hash(window, accepted, db_path, tmp_path):
    repo = accepted
    assert cli("print", "opinion", PROJECT, "--db", str(db_path), "--out", str(tmp_path / "o.pdf")).returncode == 0
    dialog = window.edit_request(repo.project(PROJECT))
    dialog.name.setText(repo.project(PROJECT).name + "（一期）")
    assert "new content hash" in dialog.opinion_label.text()
    assert _ok(dialog).isEnabled()                       # allowed, with the warning


def test_details_tab_in_chinese(window, demo_repo, qapp):
    from desktop_app.ui.app import set_language

    set_language(qapp, "zh_CN")
    try:
        dialog = window.edit_request(demo_repo.project(CODE))
        titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        assert titles[dialog.details_index] == "意见书信息"
        dialog.detail_edits["floor_area"].setText("12850.555")
        assert dialog.detail_messages["floor_area"].text() == "12850.555：最多保留 2 位小数（单位平方米，例如 12850.5）"
        assert "建筑面积：12850.555：最多保留 2 位小数" in dialog.problems_label.text()
    finally:
        set_language(qapp, "en")
