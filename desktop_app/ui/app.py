"""Starting the GUI: application identity, fonts, translations, the database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.paths import FONTS, I18N

ORGANIZATION = "JointAcceptance"
APPLICATION = "joint-acceptance"


def register_fonts() -> list[str]:
    """Register the bundled CJK font so Chinese never shows as empty boxes; returns its families."""
    families: list[str] = []
    for path in sorted(FONTS.glob("*.[ot]tf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return list(dict.fromkeys(families))


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load Qt's own and our zh_CN translations (nothing is needed for English); replaces earlier ones."""
    for translator in getattr(app, "_translators", []):
        app.removeTranslator(translator)
    translators: list[QTranslator] = []
    app._translators = translators  # keep references alive
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return translators
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase_zh_CN", qt_folder), ("joint_acceptance_zh_CN", str(I18N))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            translators.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return translators


def set_language(app: QCoreApplication, language: str) -> None:
    """Switch the GUI and the core messages to ``language`` (widgets built afterwards use it)."""
    from desktop_app.core.model.messages import set_language as set_core_language

    set_core_language(language)
    install_translators(app, language)
    app.setApplicationDisplayName(
        "联合验收排期" if language != "en" else "Joint Acceptance Scheduler")


def chosen_language(requested: str | None) -> str:
    """--lang wins, then the language chosen in Settings, then Chinese."""
    from PySide6.QtCore import QSettings

    from desktop_app.ui.pages.settings_page import LANGUAGE_KEY

    language = requested or QSettings().value(LANGUAGE_KEY, "zh_CN")
    return language if language in ("zh_CN", "en") else "zh_CN"


def create_application(argv: list[str], language: str | None) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    families = register_fonts()
    if families and not _has_system_cjk_font():
        font = app.font()
        font.setFamilies([font.family(), *families])
        app.setFont(font)
    set_language(app, chosen_language(language))
    return app


def _has_system_cjk_font() -> bool:
    return any(QFontDatabase.writingSystems(family).count(QFontDatabase.WritingSystem.SimplifiedChinese)
               for family in QFontDatabase.families() if not family.startswith("JAS "))


def run_gui(db_path: Path | None, language: str | None) -> int:
    from desktop_app.core.dataset.first_run import open_or_create
    from desktop_app.core.model.errors import InputError
    from desktop_app.ui.main_window import MainWindow

    app = create_application(sys.argv[:1], language)
    try:
        db, path, loaded_demo = open_or_create(db_path)
    except InputError as error:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Cannot open the database"), str(error))
        return 2
    window = MainWindow(db, path)
    window.show()
    if loaded_demo:
        window.statusBar().showMessage(
            QCoreApplication.translate("App", "First run: the demo data was loaded into {path}").format(path=path),
            15000)
    return app.exec()
