"""Preferences: who the user is, the defaults for new briefings, and the team's shared folders.

The dialog edits a copy of :class:`briefing.settings.Settings`; the main window saves it and
reloads the library and templates when the team folders changed.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing.deck.registry import TemplateCatalogue
from briefing.gui.properties import MARKINGS
from briefing.settings import Settings


class FolderList(QWidget):
    """An ordered list of folders with Add and Remove."""

    def __init__(self, what: str, folders: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._what = what
        self.list = QListWidget(self)
        self.list.setAccessibleName(what)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMaximumHeight(96)
        self.add_button = QPushButton("Add\u2026", self)
        self.add_button.setAccessibleName(f"Add to {what.lower()}")
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setAccessibleName(f"Remove from {what.lower()}")
        self.add_button.clicked.connect(self._choose)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.currentRowChanged.connect(self._update)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        for folder in folders:
            self.add(folder)
        self._update()

    def folders(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def add(self, folder: str) -> None:
        if not folder or folder in self.folders():
            return
        entry = QListWidgetItem(folder)
        if not Path(folder).expanduser().is_dir():
            entry.setForeground(Qt.GlobalColor.darkRed)
            entry.setToolTip("This folder does not exist (or cannot be reached) now.")
        self.list.addItem(entry)
        self.list.setCurrentRow(self.list.count() - 1)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
        self._update()

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, f"Add a folder to {self._what.lower()}")
        if folder:
            self.add(folder)

    def _update(self, *_args: object) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0)


class SettingsDialog(QDialog):
    def __init__(
        self, settings: Settings, catalogue: TemplateCatalogue, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle("Preferences")
        self.setMinimumWidth(600)

        self.author = QLineEdit(settings.author, self)
        self.author.setPlaceholderText("Your name, as new briefings show it")
        self.organisation = QLineEdit(settings.organisation, self)
        self.template = QComboBox(self)
        for entry in sorted(catalogue.entries.values(), key=lambda e: e.name.casefold()):
            self.template.addItem(entry.name, entry.id)
        if self.template.findData(settings.default_template) < 0:
            self.template.addItem(
                f"{settings.default_template} (not installed)", settings.default_template
            )
        self.template.setCurrentIndex(self.template.findData(settings.default_template))
        self.marking = QComboBox(self)
        self.marking.setEditable(True)
        self.marking.addItems(list(MARKINGS))
        if settings.default_marking not in MARKINGS:
            self.marking.addItem(settings.default_marking)
        self.marking.setCurrentText(settings.default_marking)
        self.renderer = QComboBox(self)
        self.renderer.addItem("Native PowerPoint charts (editable)", "native")
        self.renderer.addItem("Pictures (look the same everywhere)", "image")
        self.renderer.setCurrentIndex(max(0, self.renderer.findData(settings.default_renderer)))
        self.template_dirs = FolderList("Team template folders", settings.team_template_dirs, self)
        self.library_dirs = FolderList("Team library folders", settings.team_library_dirs, self)

        you = QGroupBox("You", self)
        you_form = QFormLayout(you)
        new = QGroupBox("New briefings and charts", self)
        new_form = QFormLayout(new)
        team = QGroupBox("Shared with your team", self)
        team_form = QFormLayout(team)
        for form, label, widget, name in (
            (you_form, "&Author:", self.author, "Author"),
            (you_form, "&Organisation:", self.organisation, "Organisation"),
            (new_form, "&Template:", self.template, "Default template"),
            (new_form, "&Marking:", self.marking, "Default marking"),
            (new_form, "&Charts:", self.renderer, "Default chart renderer"),
            (team_form, "T&emplates:", self.template_dirs, "Team template folders"),
            (team_form, "&Library:", self.library_dirs, "Team library folders"),
        ):
            widget.setAccessibleName(name)
            caption = QLabel(label, self)
            caption.setBuddy(widget.list if isinstance(widget, FolderList) else widget)
            form.addRow(caption, widget)
        hint = QLabel(
            "Team folders are read after the bundled and your own; a team's template or "
            "impression with the same id and a newer version wins.",
            team,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        team_form.addRow(hint)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(you)
        layout.addWidget(new)
        layout.addWidget(team)
        layout.addWidget(buttons)

    def values(self) -> Settings:
        """A copy of the settings with the dialog's values (recent files unchanged)."""
        out = copy.deepcopy(self._settings)
        out.author = self.author.text().strip()
        out.organisation = self.organisation.text().strip()
        out.default_template = str(self.template.currentData() or out.default_template)
        out.default_marking = self.marking.currentText().strip() or out.default_marking
        out.default_renderer = str(self.renderer.currentData())
        out.team_template_dirs = self.template_dirs.folders()
        out.team_library_dirs = self.library_dirs.folders()
        return out
