"""设置: the bureau's identity, the scheduling defaults and what follows the visit (rectification time, the
opinion's number, the clerk's name, the signing certificate); each field is saved when it is left."""

from __future__ import annotations

import dataclasses
import zoneinfo

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QScrollArea, QSpinBox, QVBoxLayout, QWidget,
)

from desktop_app.core.acceptance.opinion import number_pattern_problem
from desktop_app.core.model.domain import MAX_DAILY_CAPACITY, Settings
from desktop_app.core.store.history import clerk_name
from desktop_app.ui.widgets import formatting as fmt
from desktop_app.ui.controllers.workspace import ALL, SETTINGS, Workspace

translate = QCoreApplication.translate
LANGUAGE_KEY = "ui/language"
CONTENT_MAX_WIDTH = 820
SPIN_CHROME = 44      # frame, padding and the up/down buttons around a spin box's text
COMBO_CHROME = 44     # frame, padding and the drop-down arrow around a combo box's text


def align_form_labels(forms) -> None:
    """Give the labels of several forms one width, so their fields start in one column."""
    labels = [form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
              for form in forms for row in range(form.rowCount())
              if form.itemAt(row, QFormLayout.ItemRole.LabelRole) is not None]
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class SettingsPage(QWidget):
    KINDS = frozenset((SETTINGS, ALL))
    language_requested = Signal(str)

    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.fields: dict[str, QWidget] = {}
        self._loading = False
        bureau = QFormLayout()
        for name, label in (("bureau_name", translate("Settings", "Bureau name")),
                            ("bureau_address", translate("Settings", "Address")),
                            ("bureau_contact", translate("Settings", "Contact")),
                            ("bureau_phone", translate("Settings", "Phone")),
                            ("bureau_email", translate("Settings", "Email"))):
            bureau.addRow(label, self._text(name))
        rules = QFormLayout()
        self.timezone = QComboBox()
        self.timezone.setEditable(False)
        self.timezone.addItems(sorted(z for z in zoneinfo.available_timezones() if "/" in z))
        self.timezone.currentTextChanged.connect(lambda text: self._save("timezone", text))
        rules.addRow(translate("Settings", "Time zone"), self.timezone)
        for name, label, minimum, maximum, suffix in (
                ("grain_minutes", translate("Settings", "Start times every"), 5, 120, translate("Settings", " min")),
                ("allowance_minutes", translate("Settings", "Opening and closing allowance"), 0, 240,
                 translate("Settings", " min")),
                ("deadline_working_days", translate("Settings", "Deadline after the application"), 1, 60,
                 translate("Settings", " working days")),
                ("notice_working_days", translate("Settings", "Notice for departments"), 0, 20,
                 translate("Settings", " working days")),
                ("late_search_working_days", translate("Settings", "Search past the deadline"), 0, 120,
                 translate("Settings", " working days")),
                ("default_capacity", translate("Settings", "Default visits per department and day"), 1,
                 MAX_DAILY_CAPACITY, ""),
                ("default_travel_minutes", translate("Settings", "Default travel between places"), 0, 480,
                 translate("Settings", " min"))):
            rules.addRow(label, self._number(name, minimum, maximum, suffix))
        publishing = QFormLayout()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self._text("export_folder"), 1)
        choose = QPushButton(translate("Settings", "Choose…"))
        choose.clicked.connect(self._choose_folder)
        folder_row.addWidget(choose)
        publishing.addRow(translate("Settings", "Export folder"), folder_row)
        publishing.addRow(translate("Settings", "CalDAV server URL"), self._text("caldav_url"))
        publishing.addRow(translate("Settings", "CalDAV user name"), self._text("caldav_username"))
        city = QFormLayout()     # DESIGN §12: the city's CalDAV server, shared city departments
        server = self._text("city_server_url")
        server.setPlaceholderText(translate("Settings", "Empty: the CalDAV server of publishing"))
        city.addRow(translate("Settings", "City CalDAV server"), server)
        account = self._text("city_username")
        account.setPlaceholderText(translate("Settings", "Empty: the CalDAV user name of publishing"))
        city.addRow(translate("Settings", "This bureau's account"), account)
        city.addRow(translate("Settings", "Travel to another bureau's unknown place"),
                    self._number("city_travel_minutes", 0, 480, translate("Settings", " min")))
        interval = self._number("calendar_refresh_minutes", 0, 1440, translate("Settings", " min"))
        # 0 is the core's "each feed's own REFRESH-INTERVAL, else an hour" (city.due_sources).
        interval.setSpecialValueText(translate("Settings", "each calendar's own"))
        interval.setToolTip(translate("Settings", "How often busy-time calendars are read again. 0: each calendar's "
                                                  "own refresh interval (REFRESH-INTERVAL), else every hour."))
        city.addRow(translate("Settings", "Refresh busy-time calendars every"), interval)
        background = QCheckBox(translate("Settings", "Refresh them in the background while the program is open"))
        background.toggled.connect(lambda checked: self._save("background_refresh", checked))
        self.fields["background_refresh"] = background
        city.addRow("", background)
        after = QFormLayout()
        for name, label, minimum, maximum, suffix in (
                ("rectification_days", translate("Settings", "Time for the owner's rectification"), 1, 365,
                 translate("Settings", " days")),
                ("reinspection_working_days", translate("Settings", "Re-inspection after the owner's report"), 1, 60,
                 translate("Settings", " working days"))):
            after.addRow(label, self._number(name, minimum, maximum, suffix))
        self.pattern = QLineEdit()
        self.pattern.setToolTip(translate("Settings", "The joint acceptance opinion's document number: {year} is the "
                                                      "year, {number} the opinion's sequence number in that year"))
        self.pattern.textEdited.connect(self._show_pattern_example)
        self.pattern.editingFinished.connect(self._save_pattern)
        self.pattern_example = QLabel(wordWrap=True)
        pattern_box = QVBoxLayout()
        pattern_box.setSpacing(2)
        pattern_box.addWidget(self.pattern)
        pattern_box.addWidget(self.pattern_example)
        after.addRow(translate("Settings", "Opinion number"), pattern_box)
        clerk = self._text("clerk_name")
        clerk.setPlaceholderText(translate("Settings", "Empty: the computer's user name ({name})").format(
            name=clerk_name(dataclasses.replace(Settings(), clerk_name=""))))
        after.addRow(translate("Settings", "Clerk's name in the history"), clerk)
        certificate_row = QHBoxLayout()
        certificate = self._text("signing_certificate")
        certificate.setPlaceholderText(translate("Settings", "The bureau's PKCS#12 file (.p12/.pfx), for the "
                                                             "electronic seal"))
        certificate_row.addWidget(certificate, 1)
        choose_certificate = QPushButton(translate("Settings", "Choose…"))
        choose_certificate.clicked.connect(self._choose_certificate)
        certificate_row.addWidget(choose_certificate)
        after.addRow(translate("Settings", "Signing certificate"), certificate_row)
        interface = QFormLayout()
        self.language = QComboBox()
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData("zh_CN" if fmt.chinese() else "en"))
        self.language.currentIndexChanged.connect(self._language_changed)
        interface.addRow(translate("Settings", "Language"), self.language)

        content = QWidget()
        # A form a person reads: one column of labels, fields no wider than what they hold, and the
        # whole form no wider than a page (a "30 min" box 1,100 px wide reads as a bug).
        content.setMaximumWidth(CONTENT_MAX_WIDTH)
        layout = QVBoxLayout(content)
        forms = (bureau, rules, after, publishing, city, interface)
        for title, form in zip((translate("Settings", "Bureau"), translate("Settings", "Scheduling rules"),
                                translate("Settings", "After the visit"), translate("Settings", "Publishing"),
                                translate("Settings", "City departments shared with other bureaus"),
                                translate("Settings", "Interface")), forms):
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            box = QGroupBox(title)
            box.setLayout(form)
            layout.addWidget(box)
        align_form_labels(forms)
        self._size_fields()
        self.note = QLabel(translate("Settings", "Every change is saved as soon as you leave the field "
                                                 "and can be undone (Ctrl+Z)."), wordWrap=True)
        layout.addWidget(self.note)
        layout.addStretch(1)
        holder = QWidget()
        holder_layout = QHBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(content, 3)
        holder_layout.addStretch(1)
        content = holder
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.reload()

    def _size_fields(self) -> None:
        """Numbers and choices as wide as their longest value; names, addresses and URLs stay wide."""
        metrics = QFontMetrics(self.font())
        spins = [w for w in self.fields.values() if isinstance(w, QSpinBox)]
        # One width for all the numbers, so the column reads as a column.
        width = max(metrics.horizontalAdvance(f"{spin.maximum()}{spin.suffix()}") for spin in spins) + SPIN_CHROME
        for spin in spins:
            spin.setFixedWidth(width)
        self.timezone.setMaximumWidth(metrics.horizontalAdvance("America/Argentina/Buenos_Aires") + COMBO_CHROME)
        self.language.setMaximumWidth(max(metrics.horizontalAdvance("简体中文"),
                                          metrics.horizontalAdvance("English")) + COMBO_CHROME + 20)
        for name in ("bureau_phone", "bureau_contact", "caldav_username", "clerk_name", "city_username"):
            self.fields[name].setMaximumWidth(metrics.horizontalAdvance("0" * 28))

    def _text(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.editingFinished.connect(lambda: self._save(name, edit.text().strip()))
        self.fields[name] = edit
        return edit

    def _number(self, name: str, minimum: int, maximum: int, suffix: str) -> QSpinBox:
        spin = QSpinBox(minimum=minimum, maximum=maximum, suffix=suffix)
        spin.editingFinished.connect(lambda: self._save(name, spin.value()))
        self.fields[name] = spin
        return spin

    def reload(self) -> None:
        self._loading = True
        settings = self.workspace.repo.settings()
        for name, widget in self.fields.items():
            value = getattr(settings, name)
            if isinstance(widget, QSpinBox):
                widget.setValue(value)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(value)
            else:
                widget.setText(value)
        self.timezone.setCurrentText(settings.timezone)
        self.pattern.setText(settings.opinion_number_pattern)
        self._show_pattern_example()
        self._loading = False

    def _save(self, name: str, value) -> None:
        if self._loading:
            return
        before: Settings = self.workspace.repo.settings()
        if getattr(before, name) == value:
            return
        self.workspace.save_settings(before, dataclasses.replace(before, **{name: value}))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, translate("Settings", "Export folder"))
        if folder:
            self.fields["export_folder"].setText(folder)
            self._save("export_folder", folder)

    def _show_pattern_example(self) -> bool:
        """Under the field: the number the first opinion of this year would get, or what is wrong."""
        text = self.pattern.text()
        problem = number_pattern_problem(text)
        if problem is None:
            example = text.format(year=self.workspace.today().year, number=1)
            self.pattern_example.setStyleSheet("color: palette(placeholder-text);")
            self.pattern_example.setText(translate("Settings", "e.g. {example}").format(example=example))
        else:
            self.pattern_example.setStyleSheet("color: #b91c1c;")
            self.pattern_example.setText(problem)
        return problem is None

    def _save_pattern(self) -> None:
        """Saved only when it makes a number: a pattern without {number} would give every opinion the same one."""
        if self._show_pattern_example():
            self._save("opinion_number_pattern", self.pattern.text().strip())

    def _choose_certificate(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("Settings", "Signing certificate"),
                                              self.fields["signing_certificate"].text(),
                                              translate("Settings", "PKCS#12 certificates (*.p12 *.pfx)"))
        if path:
            self.fields["signing_certificate"].setText(path)
            self._save("signing_certificate", path)

    def _language_changed(self) -> None:
        language = self.language.currentData()
        QSettings().setValue(LANGUAGE_KEY, language)
        self.language_requested.emit(language)
