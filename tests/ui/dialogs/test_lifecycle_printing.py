"""Printing after the visit from the GUI: the print dialog offers the rectification notice (整改通知书) of a
rectifying request and the joint acceptance opinion (联合验收意见书) of an accepted one; previews take no number,
the first print or PDF takes number 1; the PDF can be signed with the bureau's certificate; the 整改跟踪 page's
button and the requests page's actions open the dialog on the request."""

from __future__ import annotations

import dataclasses
import sqlite3
import unicodedata

import pytest
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

from desktop_app.core.model.domain import RequestStatus
from desktop_app.core.store import acceptance_records, history
from desktop_app.printing.signing import KEYRING_SERVICE, PASSWORD_VARIABLE
from desktop_app.ui.dialogs.print_dialog import OPINION, RECTIFICATION
from tests.printing.acceptance_flow import (
    FINDINGS,
    PROJECT,
    accepted_after_reinspection,
)
from tests.printing.conftest import joined, pdf_text
from tests.printing.test_signing import (
    BUREAU,
    PASSWORD,
    _pyhanko_status,
    make_certificates,
)
from tests.ui.test_lifecycle_views import CODE as RECTIFYING
from tests.ui.test_lifecycle_views import rectify

NUMBER_1 = "济经开联验〔2026〕第1号"        # as pdftotext gives it, white space removed


def _dump(db_path) -> list[str]:
    with sqlite3.connect(db_path) as connection:
        return list(connection.iterdump())


def _number(window) -> str | None:
    number = acceptance_records.opinion_number(window.workspace.db, PROJECT)
    return number.number if number else None


@pytest.fixture
def after_the_visits(window, past_visit, demo_today):
    """XM2026-005 accepted after a re-inspection, XM2026-004 rectifying (the fire department's two findings)."""
    repo = window.workspace.repo
    accepted_after_reinspection(repo, demo_today)
    rectify(window, past_visit)
    window.workspace.reload()
    assert repo.project(PROJECT).status is RequestStatus.DONE
    assert repo.project(RECTIFYING).status is RequestStatus.RECTIFYING
    return window


def _items(combo) -> list[str]:
    return [combo.itemData(i) for i in range(combo.count())]


def _rendered_preview(dialog, qtbot):
    preview = dialog.preview()
    assert preview is not None, dialog.message.text()
    widget = preview.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    qtbot.waitUntil(lambda: widget.pageCount() >= 1, timeout=20_000)
    return preview, widget


def test_the_dialog_offers_each_document_for_the_right_requests_and_previews_take_no_number(
        after_the_visits, qtbot, db_path):
    window = after_the_visits
    dialog = window.schedule_actions.print_documents()          # Ctrl+P
    assert _items(dialog.rectification_request) == [RECTIFYING]
    assert _items(dialog.opinion_request) == [PROJECT]
    before = _dump(db_path)

    dialog.rectification_choice.setChecked(True)
    notice = dialog.documents()[0]
    assert "整改通知书" in notice.html and "消防通道被占用" in notice.html and "喷淋末端试水压力不足" in notice.html
    preview, _ = _rendered_preview(dialog, qtbot)
    preview.close()

    dialog.opinion_choice.setChecked(True)
    assert not dialog.sign.isEnabled()             # no certificate in the settings
    opinion = dialog.documents()[0]
    assert "联合验收意见书" in opinion.html and "第 （预览） 号" in opinion.html and opinion.formal
    preview, _ = _rendered_preview(dialog, qtbot)
    # The official page of GB/T 9704: top 37 mm, binding side 28 mm.
    margins = preview._printer.pageLayout().margins(QPageLayout.Unit.Millimeter)
    assert (round(margins.top()), round(margins.left())) == (37, 28)
    preview.close()

    assert _dump(db_path) == before and _number(window) is None
    assert "opinion" not in {e.event for e in history.entries(window.workspace.db, PROJECT)}


def test_saving_the_opinion_takes_number_1_and_a_later_preview_shows_it(after_the_visits, tmp_path):
    window = after_the_visits
    dialog = window.schedule_actions.print_documents(OPINION, PROJECT)
    assert dialog.chosen() == OPINION and dialog.opinion_request.currentData() == PROJECT
    out = tmp_path / "opinion.pdf"

    pages = dialog.export_pdf(out)

    assert pages >= 1, dialog.message.text()
    text = joined(pdf_text(out))
    assert NUMBER_1 in text and "联合验收意见书" in text and "（预览）" not in text
    for code in FINDINGS:
        assert joined(unicodedata.normalize("NFKC", window.workspace.repo.department(code).name)) in text
    assert _number(window) == "济经开联验〔2026〕第 1 号"
    assert "第 1 号" in dialog.message.text() and "第 1 号" in dialog.opinion_request.currentText()
    assert [e.event for e in history.entries(window.workspace.db, PROJECT)].count("opinion") == 1
    assert "第 1 号" in dialog.documents()[0].html          # the preview now shows the number it was given
    # A second copy keeps number 1.
    assert dialog.export_pdf(tmp_path / "again.pdf") >= 1 and NUMBER_1 in joined(pdf_text(tmp_path / "again.pdf"))
    assert acceptance_records.opinion_number(window.workspace.db, PROJECT).sequence == 1


def test_printing_from_the_preview_window_takes_the_number(after_the_visits, qtbot, tmp_path):
    window = after_the_visits
    dialog = window.schedule_actions.print_documents(OPINION, PROJECT)
    preview, widget = _rendered_preview(dialog, qtbot)
    assert _number(window) is None
    printer = preview._printer
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    widget.print()                                   # the preview's own print button
    preview.close()
    assert _number(window) == "济经开联验〔2026〕第 1 号"
    assert NUMBER_1 in joined(pdf_text(tmp_path / "printed.pdf"))
    assert "第 1 号" in dialog.message.text()


@pytest.fixture
def certificate(after_the_visits, tmp_path, monkeypatch):
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    certificates = make_certificates(tmp_path)
    workspace = after_the_visits.workspace
    before = workspace.repo.settings()
    workspace.save_settings(before, dataclasses.replace(before, signing_certificate=str(certificates.p12)))
    return certificates


def test_a_signed_opinion_pdf_validates_and_the_password_is_remembered(after_the_visits, certificate, tmp_path,
                                                                      memory_keyring):
    window = after_the_visits
    dialog = window.schedule_actions.print_documents(OPINION, PROJECT)
    assert dialog.sign.isEnabled() and not dialog.password.isEnabled()
    dialog.sign.setChecked(True)
    assert dialog.password.isEnabled() and dialog.remember.isEnabled()
    dialog.password.setText(PASSWORD)
    dialog.remember.setChecked(True)
    out = tmp_path / "signed.pdf"

    assert dialog.export_pdf(out) >= 1, dialog.message.text()

    field, status, _ = _pyhanko_status(out, certificate.root_der)
    assert field == "BureauSeal" and status.intact and status.valid and status.bottom_line
    assert status.signing_cert.subject.native["common_name"] == BUREAU
    assert NUMBER_1 in joined(pdf_text(out))
    assert BUREAU in dialog.message.text() and "keyring" in dialog.message.text()
    assert memory_keyring.passwords == {(KEYRING_SERVICE, str(certificate.p12.resolve())): PASSWORD}
    assert PASSWORD not in "".join(_dump(window.workspace.path))
    # Next time the keyring gives the password: nothing to type.
    again = window.schedule_actions.print_documents(OPINION, PROJECT)
    again.sign.setChecked(True)
    assert again.export_pdf(tmp_path / "again.pdf") >= 1, again.message.text()
    assert _pyhanko_status(tmp_path / "again.pdf", certificate.root_der)[1].bottom_line


@pytest.mark.parametrize("password, message", [("not the password", "password is wrong"),
                                               ("", "needs its password")])
def test_a_signing_problem_is_shown_in_the_dialog_and_nothing_is_written(after_the_visits, certificate, tmp_path,
                                                                        memory_keyring, password, message):
    window = after_the_visits
    dialog = window.schedule_actions.print_documents(OPINION, PROJECT)
    dialog.sign.setChecked(True)
    dialog.password.setText(password)
    folder = tmp_path / "out"
    folder.mkdir()
    before = _dump(window.workspace.path)

    assert dialog.export_pdf(folder / "o.pdf") is None

    assert message in dialog.message.text() and "b91c1c" in dialog.message.styleSheet()
    assert list(folder.iterdir()) == [] and _dump(window.workspace.path) == before and _number(window) is None
    assert memory_keyring.passwords == {}


def test_the_rectification_page_and_the_requests_page_open_the_dialog_on_the_request(after_the_visits, tmp_path):
    window = after_the_visits
    window.show_page("rectification")
    page = window.pages["rectification"]
    assert not page.print_button.isEnabled()           # nothing selected
    page.select(RECTIFYING)
    assert page.print_button.isEnabled()
    page.print_button.click()
    dialog = window.schedule_actions.dialogs["print"]
    assert dialog.chosen() == RECTIFICATION and dialog.rectification_request.currentData() == RECTIFYING
    assert dialog.export_pdf(tmp_path / "notice.pdf") == 1
    text = joined(pdf_text(tmp_path / "notice.pdf"))
    assert "整改通知书" in text and "消防通道被占用" in text and "喷淋末端试水压力不足" in text

    window.show_page("requests")
    requests = window.pages["requests"]
    requests.select(RECTIFYING)
    assert not requests.opinion_button.isEnabled()
    texts = [a.text() for a in requests.context_menu().actions()]
    assert "Print rectification notice…" in texts and "Print joint acceptance opinion…" not in texts
    requests.select(PROJECT)
    assert requests.opinion_button.isEnabled()
    menu = requests.context_menu()
    action = next(a for a in menu.actions() if a.text() == "Print joint acceptance opinion…")
    action.trigger()
    dialog = window.schedule_actions.dialogs["print"]
    assert dialog.chosen() == OPINION and dialog.opinion_request.currentData() == PROJECT
    requests.opinion_button.click()
    assert window.schedule_actions.dialogs["print"].chosen() == OPINION

    # The 验收 menu's actions print for the request selected on the page on show.
    window.acceptance_actions.print_opinion_action.trigger()
    assert window.schedule_actions.dialogs["print"].opinion_request.currentData() == PROJECT
