"""Print from the GUI: the preview renders the owner's notice offscreen; PDF through the same code."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

from desktop_app.core.planning.scheduler import run_schedule
from desktop_app.printing.print_jobs import project_notice_documents
from desktop_app.ui.dialogs.print_dialog import DAY, NOTICES, WEEK, preview_dialog
from tests.disk_full import fill_up


@pytest.fixture
def scheduled(window, demo_today):
    run_schedule(window.workspace.repo, demo_today, solver="greedy")
    window.workspace.reload()
    return window


def test_the_print_preview_renders_the_selected_projects_notices(scheduled, qtbot):
    window = scheduled
    visit = window.workspace.repo.visits()[0]
    window.pages["requests"].select(visit.project)
    dialog = window.schedule_actions.print_documents()   # Ctrl+P
    assert dialog.chosen() == NOTICES and dialog.selected_projects() == [visit.project]
    documents = dialog.documents()
    assert "联合验收告知书" in documents[0].html and visit.project in documents[0].html
    preview = preview_dialog(documents, window)
    qtbot.addWidget(preview)
    preview.show()     # not exec(): offscreen, nothing blocks
    widget = preview.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    qtbot.waitUntil(lambda: widget.pageCount() >= 1, timeout=10_000)
    preview.close()


def test_day_sheet_and_week_overview_and_pdf(scheduled, qtbot, tmp_path):
    window = scheduled
    dialog = window.schedule_actions.print_documents()
    dialog.week_choice.setChecked(True)
    assert dialog.chosen() == WEEK and dialog.documents()[0].landscape
    dialog.day_choice.setChecked(True)
    assert dialog.chosen() == DAY
    dialog.notice_choice.setChecked(True)
    dialog.projects.clearSelection()
    dialog.notice_choice.setChecked(True)
    assert dialog.export_pdf(tmp_path / "none.pdf") is None and "Select" in dialog.message.text()
    dialog.projects.item(0).setSelected(True)
    dialog.projects.item(1).setSelected(True)
    pages = dialog.export_pdf(tmp_path / "notices.pdf")
    assert pages >= 2 and (tmp_path / "notices.pdf").stat().st_size > 1000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "notices.pdf"), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "联合验收告知书" in text.replace(" ", "")


def test_save_as_pdf_on_a_full_disk_says_so_and_keeps_the_old_file(scheduled, small_disk):
    dialog = scheduled.schedule_actions.print_documents()
    dialog.notice_choice.setChecked(True)
    dialog.projects.item(0).setSelected(True)
    out = small_disk / "notices.pdf"
    assert dialog.export_pdf(out) >= 1
    good = out.read_bytes()
    fill_up(small_disk, leave=60 * 1024)
    assert dialog.export_pdf(out) is None
    assert "the disk is full" in dialog.message.text() and str(out) in dialog.message.text()
    assert out.read_bytes() == good
    assert sorted(p.name for p in small_disk.iterdir()) == ["ballast", "notices.pdf"]


def test_after_a_move_the_changed_notice_is_offered_and_previewed(scheduled, qtbot):
    window, repo = scheduled, scheduled.workspace.repo
    actions = window.schedule_actions
    visit = min((v for v in repo.visits() if v.start.date().isoformat() >= "2026-12-02"), key=lambda v: v.start)
    options = actions.edits.options(visit.id)
    assert actions.edits.move(visit.id, options.slots[0].slot.start_at).ok
    box = actions.notice_offer
    preview_button = next(b for b in box.buttons() if "Preview" in b.text())
    before = set(window.findChildren(QPrintPreviewDialog))
    preview_button.click()
    opened = set(window.findChildren(QPrintPreviewDialog)) - before
    assert opened
    html = project_notice_documents(repo, visit.project, window.workspace.today())[0].html
    assert "变更" in html
    for dialog in opened:
        dialog.close()


def test_save_as_pdf_offers_a_name_windows_accepts(scheduled, monkeypatch, tmp_path):
    """A project code may hold ':' or '\\' (the dataset allows any character): the offered name must still
    be one Windows can save, or the clerk gets a baffling refusal from the file dialog."""
    from PySide6.QtWidgets import QFileDialog

    window = scheduled
    dialog = window.schedule_actions.print_documents()
    dialog.notice_choice.setChecked(True)
    monkeypatch.setattr(dialog, "selected_projects", lambda: ["XM:2026\\001"])
    offered = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, caption, name, filters: (offered.append(name), ("", ""))[1])
    dialog.ask_pdf()
    assert offered and offered[0].endswith("XM-2026-001.pdf") and not set(offered[0]) & set(':\\/*?"<>|')
