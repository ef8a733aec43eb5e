"""The briefing properties dialog: title, subtitle, author, date, audience, marking."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from briefing.model import Briefing

MARKINGS = (
    "UNCLASSIFIED",
    "OFFICIAL",
    "OFFICIAL-SENSITIVE",
    "NATO UNCLASSIFIED",
    "RESTRICTED",
    "NATO RESTRICTED",
    "CONFIDENTIAL",
    "SECRET",
)


class PropertiesDialog(QDialog):
    def __init__(self, briefing: Briefing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Briefing properties")
        self.setMinimumWidth(520)
        self.title = QLineEdit(briefing.title, self)
        self.subtitle = QLineEdit(briefing.subtitle, self)
        self.author = QLineEdit(briefing.author, self)
        self.organisation = QLineEdit(briefing.organisation, self)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.setDate(QDate(briefing.date.year, briefing.date.month, briefing.date.day))
        self.audience = QLineEdit(briefing.audience, self)
        self.marking = QComboBox(self)
        self.marking.setEditable(True)
        self.marking.addItems(list(MARKINGS))
        if briefing.marking not in MARKINGS:
            self.marking.addItem(briefing.marking)
        self.marking.setCurrentText(briefing.marking)
        self.title.setPlaceholderText("Required; at most 80 characters")
        self.subtitle.setPlaceholderText("Optional")
        self.audience.setPlaceholderText("Who the briefing is for")

        form = QFormLayout()
        for label, widget, name in (
            ("&Title:", self.title, "Title"),
            ("&Subtitle:", self.subtitle, "Subtitle"),
            ("&Author:", self.author, "Author"),
            ("&Organisation:", self.organisation, "Organisation"),
            ("&Date:", self.date, "Date"),
            ("Au&dience:", self.audience, "Audience"),
            ("&Marking:", self.marking, "Protective marking"),
        ):
            widget.setAccessibleName(name)
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        qdate = self.date.date()
        return {
            "title": self.title.text().strip(),
            "subtitle": self.subtitle.text().strip(),
            "author": self.author.text().strip(),
            "organisation": self.organisation.text().strip(),
            "date": dt.date(qdate.year(), qdate.month(), qdate.day()),
            "audience": self.audience.text().strip(),
            "marking": self.marking.currentText().strip(),
        }
