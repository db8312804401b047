"""GUI fixtures: isolated QSettings per test, a main window on the demo database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from desktop_app.ui.app import set_language


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path, qapp):
    """Window state and the chosen language go to a per-test folder, never the user's."""
    QCoreApplication.setOrganizationName("JointAcceptanceTests")
    QCoreApplication.setApplicationName("joint-acceptance-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    set_language(qapp, "en")
    yield
    set_language(qapp, "en")


@pytest.fixture
def window(qtbot, demo_db, db_path, demo_today):
    from desktop_app.ui.main_window import MainWindow

    main = MainWindow(demo_db, db_path, today=demo_today)
    qtbot.addWidget(main)
    yield main
    main.workspace.jobs.cancel()
    main.workspace.jobs.wait()
