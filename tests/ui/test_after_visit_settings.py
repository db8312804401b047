"""设置 ▸ 验收后续: the rectification time, the re-inspection's deadline, the opinion's number pattern (refused
without {number}, an example shown), the clerk's name and the signing certificate — saved, undoable, reloaded."""

from __future__ import annotations

import getpass

from desktop_app.core.acceptance.opinion import number_pattern_problem


def test_the_new_settings_round_trip_and_undo(window, demo_repo):
    window.show_page("settings")
    page = window.pages["settings"]
    values = {"rectification_days": 20, "reinspection_working_days": 7}
    for name, value in values.items():
        page.fields[name].setValue(value)
        page.fields[name].editingFinished.emit()
    for name, text in (("clerk_name", "王玥"), ("signing_certificate", "/srv/ca/bureau.p12")):
        page.fields[name].setText(text)
        page.fields[name].editingFinished.emit()
    page.pattern.setText("经开联验〔{year}〕{number}号")
    page.pattern.textEdited.emit(page.pattern.text())
    assert page.pattern_example.text() == "e.g. 经开联验〔2026〕1号"
    page.pattern.editingFinished.emit()

    settings = demo_repo.settings()
    assert (settings.rectification_days, settings.reinspection_working_days) == (20, 7)
    assert (settings.clerk_name, settings.signing_certificate) == ("王玥", "/srv/ca/bureau.p12")
    assert settings.opinion_number_pattern == "经开联验〔{year}〕{number}号"
    assert window.workspace.clerk() == "王玥"
    # A page built again shows what is stored; Ctrl+Z takes the last change back.
    window.workspace.reload()
    page.reload()
    assert page.fields["rectification_days"].value() == 20 and page.pattern.text() == "经开联验〔{year}〕{number}号"
    window.workspace.undo_stack.undo()
    assert demo_repo.settings().opinion_number_pattern == "济经开联验〔{year}〕第 {number} 号"
    assert page.pattern.text() == "济经开联验〔{year}〕第 {number} 号"
    assert page.pattern_example.text() == "e.g. 济经开联验〔2026〕第 1 号"


def test_a_pattern_without_number_is_refused_with_the_reason_and_not_saved(window, demo_repo):
    page = window.pages["settings"]
    before = demo_repo.settings()
    for bad, reason in (("济经开联验〔{year}〕第 号", "must contain {number}"), ("", "must contain {number}"),
                        ("{number}-{serial}", "Only {year} and {number}"), ("{number}}", "Only {year} and {number}")):
        page.pattern.setText(bad)
        page.pattern.editingFinished.emit()
        assert reason in page.pattern_example.text() and "b91c1c" in page.pattern_example.styleSheet()
        assert demo_repo.settings() == before
        assert number_pattern_problem(bad) is not None
    assert window.workspace.undo_stack.count() == 0
    assert number_pattern_problem("{year}-{number}") is None
    assert number_pattern_problem("{year}-{number:03d}") is not None     # a preview puts text in its place


def test_the_clerk_field_says_whose_name_is_used_when_empty(window):
    assert getpass.getuser() in window.pages["settings"].fields["clerk_name"].placeholderText()


def test_the_after_the_visit_settings_in_chinese(window, qapp):
    from desktop_app.ui.app import set_language

    set_language(qapp, "zh_CN")
    window.rebuild()
    page = window.pages["settings"]
    assert page.pattern_example.text() == "示例：济经开联验〔2026〕第 1 号"
    assert page.fields["rectification_days"].suffix() == " 天"
    page.pattern.setText("第 号")
    page.pattern.editingFinished.emit()
    assert "{number}" in page.pattern_example.text() and "未保存" in page.pattern_example.text()


def test_a_time_zone_chosen_in_the_settings_is_the_bureaus_clock_at_once_and_undo_restores_it(window, demo_repo):
    """The workspace keeps the zone between calls (every view asks for today); a change must not be missed."""
    workspace = window.workspace
    assert workspace.now().tzinfo.key == "Asia/Shanghai"
    window.show_page("settings")
    window.pages["settings"].timezone.setCurrentText("America/New_York")
    assert demo_repo.settings().timezone == "America/New_York"
    assert workspace.now().tzinfo.key == "America/New_York"
    workspace.undo_stack.undo()
    assert workspace.now().tzinfo.key == "Asia/Shanghai"
