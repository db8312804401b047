"""Chinese first: every GUI string has a finished zh_CN translation, and switching language works."""

from __future__ import annotations

import importlib.util
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop_app.paths import I18N

TS = I18N / "joint_acceptance_zh_CN.ts"
lupdate_missing = pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="pyside6-lupdate is not installed")


def _update_script():
    """resources/i18n/update_translations.py, the wrapper around lupdate and lrelease."""
    spec = importlib.util.spec_from_file_location("update_translations", I18N / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(context.findtext("name"), message.findtext("source")): message.find("translation")
            for context in root.iter("context") for message in context.iter("message")}


def test_every_source_string_has_a_finished_translation():
    messages = _messages(TS)
    assert len(messages) > 150
    unfinished = [source for source, translation in messages.items()
                  if translation.get("type") in ("unfinished", "vanished", "obsolete")
                  or not (translation.text or "").strip()]
    assert not unfinished, unfinished


@lupdate_missing
def test_lupdate_finds_no_string_missing_from_the_ts(tmp_path):
    """Every string in every module under desktop_app/ui (subfolders included) is in the shipped .ts."""
    script = _update_script()
    assert any("/dialogs/" in path for path in script.source_files())
    fresh, qm = tmp_path / "fresh.ts", tmp_path / "fresh.qm"
    shutil.copy(TS, fresh)
    assert script.main(fresh, qm) == 0, "run python resources/i18n/update_translations.py"
    assert set(_messages(fresh)) == set(_messages(TS))


@lupdate_missing
def test_a_translators_edit_in_the_ts_survives_an_update(tmp_path):
    """The .ts is the source: what a translator changed (Linguist or by hand) stays, and is compiled."""
    edited, qm = tmp_path / "edited.ts", tmp_path / "edited.qm"
    tree = ET.parse(TS)
    message = next(m for m in tree.getroot().iter("message") if m.findtext("source") == "Cannot open the database")
    message.find("translation").text = "数据库打不开"
    tree.write(edited, encoding="utf-8", xml_declaration=True)
    assert _update_script().main(edited, qm) == 0
    assert _messages(edited)[("App", "Cannot open the database")].text == "数据库打不开"
    from PySide6.QtCore import QTranslator
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("App", "Cannot open the database") == "数据库打不开"


def test_compiled_qm_is_newer_than_the_ts():
    qm = I18N / "joint_acceptance_zh_CN.qm"
    assert qm.exists() and qm.stat().st_mtime >= TS.stat().st_mtime - 1


def test_switching_language_shows_chinese(window, qtbot, qapp):
    from desktop_app.core.model import messages

    sidebar_texts = lambda: [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert "Requests" in sidebar_texts()
    settings_page = window.pages["settings"]
    settings_page.language.setCurrentIndex(settings_page.language.findData("zh_CN"))
    qtbot.waitUntil(lambda: "验收申请" in sidebar_texts(), timeout=5000)
    assert sidebar_texts() == ["工作台", "验收申请", "排期日历", "整改跟踪", "部门", "验收事项", "地点与路程", "节假日", "设置"]
    assert messages.language() == "zh_CN"
    requests = window.pages["requests"]
    headers = [requests.model.headerData(c, qapp_horizontal()) for c in range(requests.model.columnCount())]
    assert headers[:3] == ["编码", "项目", "建设单位"]
    # Dates the Chinese way, and Qt's own dialogs in Chinese too (qtbase_zh_CN).
    assert "年" in requests.model.index(0, 6).data() and "星期" in requests.model.index(0, 6).data()
    from PySide6.QtCore import QCoreApplication
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def qapp_horizontal():
    from PySide6.QtCore import Qt
    return Qt.Orientation.Horizontal
