"""The main window: for now the list of acceptance requests of the open database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QTableView

from desktop_app.core.model import Project
from desktop_app.core.repository import Repository


class ProjectTableModel(QAbstractTableModel):
    """Acceptance requests, one row each."""

    def __init__(self, projects: list[Project], parent=None) -> None:
        super().__init__(parent)
        self._projects = projects
        self._headers = [self.tr("Code"), self.tr("Project"), self.tr("Owner"), self.tr("Place"),
                         self.tr("Applied"), self.tr("Ready"), self.tr("Status")]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._projects)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        project = self._projects[index.row()]
        values = (project.code, project.name, project.owner, project.place, project.applied_on.isoformat(),
                  project.ready_on.isoformat(), str(project.status))
        return values[index.column()]


class MainWindow(QMainWindow):
    def __init__(self, db, path: Path) -> None:
        super().__init__()
        self.repo = Repository(db)
        self.setWindowTitle(self.tr("Joint Acceptance Scheduler"))
        self.table = QTableView(self)
        self.table.setModel(ProjectTableModel(self.repo.projects(), self))
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        self.setCentralWidget(self.table)
        self.statusBar().addPermanentWidget(QLabel(str(path)))
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)

    def closeEvent(self, event) -> None:
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
