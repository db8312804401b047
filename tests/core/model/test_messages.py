"""Every core message has a Chinese text, and Chinese is what users get by default."""

import ast
from pathlib import Path

import desktop_app
from desktop_app.core.model import messages

PACKAGE = Path(desktop_app.__file__).parent


def _tr_literals() -> list[tuple[str, str]]:
    """(file, literal) for every tr("...") call with a literal first argument outside the UI."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "ui" in path.relative_to(PACKAGE).parts:
            continue  # the GUI uses Qt's own translation files (tests/ui)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.append((str(path.relative_to(PACKAGE)), node.args[0].value))
    return found


def test_every_core_message_has_a_chinese_translation():
    literals = _tr_literals()
    assert len(literals) > 50
    missing = [f"{file}: {text!r}" for file, text in literals if text not in messages.ZH_CN]
    assert not missing, "messages without zh_CN text:\n" + "\n".join(missing)


def test_translations_keep_every_placeholder():
    import string

    for english, chinese in messages.ZH_CN.items():
        names = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        assert names == {f for _, f, _, _ in string.Formatter().parse(chinese) if f}, english


def test_chinese_is_the_default_and_english_selectable():
    messages.set_language("zh_CN")
    assert messages.tr("unknown place {code!r}", code="P99") == "未知的地点“P99”"
    messages.set_language("en")
    assert messages.tr("unknown place {code!r}", code="P99") == "unknown place 'P99'"
