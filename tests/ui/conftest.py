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


@pytest.fixture
def past_visit(window):
    """A published visit of XM2026-004 on the Thursday before the demo's today: ended, its results due."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from desktop_app.core.model.domain import RequestStatus, Visit, VisitStatus

    repo = window.workspace.repo
    project = repo.project("XM2026-004")
    items = {i.code: i for i in repo.items()}
    start = dt.datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    visit_id = repo.insert_visit(Visit(None, project.code, start, start + dt.timedelta(hours=3), project.place,
                                       tuple(sorted({items[i].department for i in project.items})), project.items,
                                       status=VisitStatus.PUBLISHED))
    repo.set_project_status(project.code, RequestStatus.SCHEDULED)
    window.workspace.reload()
    return repo.visit(visit_id)
