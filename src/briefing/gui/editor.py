"""The editor for the slide selected in the outline: one page per kind of item.

Every change a user makes here becomes an undoable edit on the document; when the document
changes (undo, redo), the page shows the new values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from briefing.gui import fields
from briefing.gui.chart_section import ChartSection
from briefing.gui.document import Document
from briefing.gui.focus import FocusWatcher as _FocusWatcher
from briefing.gui.list_editor import ListEditor
from briefing.gui.outline_model import (
    AGENDA_KEY,
    SOURCES_KEY,
    TITLE_KEY,
    agenda_entries,
    item_problems,
    uid_of_key,
)
from briefing.gui.sources_editor import SourcesEditor
from briefing.model import ChartItem, ImpressionItem, Item

if TYPE_CHECKING:
    from briefing.gui.chart_render import ChartRenderer


@dataclass(frozen=True)
class _Field:
    name: str
    label: str
    widget: str  # "line", "text", "list"
    lines: int = 3
    noun: str = ""
    placeholder: str = ""


_SPECS: dict[str, list[_Field]] = {
    "impression": [
        _Field("title", "&Title", "line", placeholder="A short headline (at most 80 characters)"),
        _Field("key_judgement", "&Key judgement", "text", 3, placeholder="One sentence"),
        _Field("points", "Key &points", "list", noun="key point"),
        _Field("narrative", "&Narrative", "text", 6),
        _Field("notes", "&Speaker notes", "text", 4),
    ],
    "section": [
        _Field("title", "&Title", "line"),
        _Field("subtitle", "S&ubtitle", "line"),
        _Field("notes", "&Speaker notes", "text", 4),
    ],
    "chart": [
        _Field("title", "&Title", "line"),
        _Field("message", "&Message", "text", 3, placeholder="What the chart shows, in one line"),
        _Field("notes", "&Speaker notes", "text", 4),
    ],
    "text": [
        _Field("title", "&Title", "line"),
        _Field("paragraphs", "&Paragraphs", "list", noun="paragraph"),
        _Field("notes", "&Speaker notes", "text", 4),
    ],
}


def _caption(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    label.setObjectName("caption")
    return label


def _plain_name(label: str) -> str:
    return label.replace("&", "")


_CHART_AFTER = {"chart": "message", "impression": "notes"}
_WITH_SOURCES = ("impression", "chart")  # the kinds of item that cite sources


class ItemPage(QWidget):
    """Edits one kind of item. ``widgets`` maps field names to their editors."""

    def __init__(
        self,
        kind: str,
        doc: Document,
        parent: QWidget | None = None,
        renderer: ChartRenderer | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self._doc = doc
        self._uid: str | None = None
        self._loading = False
        self._session = 0
        self._watcher = _FocusWatcher(self._end_burst, self)
        self.widgets: dict[str, QWidget] = {}
        self.chart_section: ChartSection | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.problems = QLabel(self)
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.hide()
        layout.addWidget(self.problems)
        for spec in _SPECS[kind]:
            widget = self._make(spec)
            self.widgets[spec.name] = widget
            focus = widget.list if isinstance(widget, ListEditor) else widget
            layout.addSpacing(6)
            layout.addWidget(_caption(spec.label, focus, self))
            layout.addWidget(widget, 1 if spec.widget != "line" else 0)
            if renderer is not None and _CHART_AFTER.get(kind) == spec.name:
                self.chart_section = ChartSection(kind, doc, renderer, self)
                layout.addSpacing(10)
                layout.addWidget(self.chart_section)
        self.extra = QLabel(self)
        self.extra.setObjectName("extra")
        self.extra.setWordWrap(True)
        self.extra.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sources_editor: SourcesEditor | None = None
        if kind in _WITH_SOURCES:
            self.sources_editor = SourcesEditor(doc, self)
            self.sources_editor.setObjectName("sources")
            self.sources_caption = _caption("S&ources", self.sources_editor.table, self)
            layout.addSpacing(6)
            layout.addWidget(self.sources_caption)
            layout.addWidget(self.sources_editor)
        layout.addWidget(self.extra)
        layout.addStretch(0)
        doc.item_changed.connect(self._item_changed)

    def _make(self, spec: _Field) -> QWidget:
        name = _plain_name(spec.label)
        widget: QWidget
        if spec.widget == "line":
            line = QLineEdit(self)
            line.setPlaceholderText(spec.placeholder)
            line.textEdited.connect(lambda text, n=spec.name: self._edit(n, text))
            line.installEventFilter(self._watcher)
            widget = line
        elif spec.widget == "text":
            text = QPlainTextEdit(self)
            text.setPlaceholderText(spec.placeholder)
            text.setTabChangesFocus(True)
            text.setUndoRedoEnabled(False)  # the briefing's undo stack covers it
            lh = QFontMetrics(text.font()).lineSpacing()
            text.setMinimumHeight(spec.lines * lh + 14)
            if spec.lines <= 3:
                text.setMaximumHeight(spec.lines * lh + 14)
            text.textChanged.connect(lambda t=text, n=spec.name: self._edit(n, t.toPlainText()))
            text.installEventFilter(self._watcher)
            widget = text
        else:
            editor = ListEditor(spec.noun, self)
            editor.changed.connect(lambda values, n=spec.name: self._edit_list(n, values))
            widget = editor
        widget.setAccessibleName(name)
        widget.setObjectName(spec.name)
        return widget

    @property
    def uid(self) -> str | None:
        return self._uid

    def _end_burst(self) -> None:
        self._session += 1

    def load(self, item: Item) -> None:
        self._uid = item.uid
        self._session += 1
        self._loading = True
        try:
            for name in self.widgets:
                self._show(name, fields.get_field(item, name))
        finally:
            self._loading = False
        if self.chart_section is not None:
            self.chart_section.load(item.uid)
        if self.sources_editor is not None:
            self.sources_editor.load(item.uid)
        self._show_extras(item)

    def _show(self, name: str, value: Any) -> None:
        widget = self.widgets[name]
        if isinstance(widget, QLineEdit):
            if widget.text() != value:
                widget.setText(value)
                widget.setCursorPosition(len(value))
        elif isinstance(widget, QPlainTextEdit):
            if widget.toPlainText() != value:
                widget.setPlainText(value)
        elif isinstance(widget, ListEditor):
            widget.set_values(list(value))

    def _show_extras(self, item: Item) -> None:
        problems = item_problems(item)
        self.problems.setText("\n".join(f"\u26a0 {p}" for p in problems))
        self.problems.setVisible(bool(problems))
        extra: list[str] = []
        if isinstance(item, ImpressionItem):
            imp = item.impression
            if imp.tags:
                extra.append("Tags: " + ", ".join(imp.tags))
            extra.append(f"Library id: {imp.id}")
        elif isinstance(item, ChartItem):
            extra.append(f"Chart id: {item.chart.id}")
        self.extra.setText("\n".join(extra))
        self.extra.setVisible(bool(extra))

    def _edit(self, name: str, value: str) -> None:
        if self._loading or self._uid is None:
            return
        self._doc.edit_item_field(self._uid, name, value, merge_key=("typing", self._session))

    def _edit_list(self, name: str, values: list[str]) -> None:
        if self._loading or self._uid is None:
            return
        self._session += 1
        self._doc.edit_item_field(self._uid, name, list(values))

    def _item_changed(self, uid: str, name: str) -> None:
        if uid != self._uid:
            return
        item = self._doc.item(uid)
        if item is None:
            return
        if name in self.widgets:
            self._loading = True
            try:
                self._show(name, fields.get_field(item, name))
            finally:
                self._loading = False
        self._show_extras(item)


class InfoPage(QWidget):
    """The generated slides (title, agenda, sources): what they show and where it comes from."""

    properties_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.button = QPushButton("Edit briefing properties\u2026", self)
        self.button.setAccessibleName("Edit briefing properties")
        self.button.clicked.connect(self.properties_requested)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addWidget(self.text)
        layout.addSpacing(8)
        layout.addLayout(row)
        layout.addStretch(1)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _PageStack(QWidget):
    """Pages of which one shows, the stack as tall as that page: a QStackedWidget is as tall
    as its tallest page, which stretched a short page's text boxes to fill the height."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._current: QWidget | None = None

    def addWidget(self, page: QWidget) -> None:
        page.hide()
        self._layout.addWidget(page)

    def currentWidget(self) -> QWidget | None:
        return self._current

    def setCurrentWidget(self, page: QWidget) -> None:
        if page is self._current:
            return
        if self._current is not None:
            self._current.hide()
        self._current = page
        page.show()


class ItemEditor(QScrollArea):
    """The right-hand panel: a heading and the page for the selected slide."""

    properties_requested = Signal()
    attach_chart_requested = Signal(str, str)  # uid, preset id (FROM_FILE: a data file)
    choose_data_requested = Signal(str)  # uid
    choose_sheet_requested = Signal(str)  # uid: another sheet of the chart's workbook
    widgets_created = Signal(QWidget)  # a part of the editor made after start-up

    def __init__(
        self, doc: Document, parent: QWidget | None = None, renderer: ChartRenderer | None = None
    ) -> None:
        super().__init__(parent)
        self._doc = doc
        self._key = ""
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        body.setObjectName("editorBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 16)
        self.badge = QLabel(body)
        self.badge.setObjectName("badge")
        self.heading = QLabel(body)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.badge)
        layout.addWidget(self.heading)
        layout.addSpacing(4)
        self.stack = _PageStack(body)
        self.pages: dict[str, ItemPage] = {}
        for kind in _SPECS:
            page = ItemPage(kind, doc, self.stack, renderer)
            self.pages[kind] = page
            if page.chart_section is not None:
                page.chart_section.attach_requested.connect(self.attach_chart_requested)
                page.chart_section.choose_file_requested.connect(self.choose_data_requested)
                page.chart_section.choose_sheet_requested.connect(self.choose_sheet_requested)
                page.chart_section.form_created.connect(self.widgets_created)
            self.stack.addWidget(page)
        self.info = InfoPage(self.stack)
        self.info.properties_requested.connect(self.properties_requested)
        self.stack.addWidget(self.info)
        layout.addWidget(self.stack, 1)
        self.setWidget(body)
        doc.item_changed.connect(self._refresh_heading)
        doc.briefing_changed.connect(self._refresh_info)
        doc.structure_changed.connect(self._refresh_info)

    @property
    def key(self) -> str:
        return self._key

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def show_key(self, key: str) -> None:
        self._key = key
        uid = uid_of_key(key)
        item = self._doc.item(uid) if uid else None
        if item is not None:
            page = self.pages[item.kind]
            page.load(item)
            self.stack.setCurrentWidget(page)
            self.badge.setText(fields.KIND_LABELS[item.kind].upper())
            self.heading.setText(item.title or "(untitled)")
        else:
            self.stack.setCurrentWidget(self.info)
            self._refresh_info()
        self.verticalScrollBar().setValue(0)

    def _refresh_heading(self, uid: str, name: str) -> None:
        if uid_of_key(self._key) == uid and name == "title":
            item = self._doc.item(uid)
            if item is not None:
                self.heading.setText(item.title or "(untitled)")

    def _refresh_info(self, *_args: object) -> None:
        key = self._key
        if uid_of_key(key) is not None:
            return
        b = self._doc.briefing
        self.info.button.setVisible(key == TITLE_KEY)
        if key == AGENDA_KEY:
            self.badge.setText("AGENDA \u00b7 AUTOMATIC")
            self.heading.setText("Agenda")
            entries = "".join(f"<li>{_esc(t)}</li>" for t in agenda_entries(self._doc))
            self.info.text.setText(
                "<p>The agenda is generated from the section dividers, in order (or from the "
                "slide titles when there are no dividers). Add, rename or move a section "
                f"divider to change it.</p><ol>{entries}</ol>"
            )
        elif key == SOURCES_KEY:
            self.badge.setText("SOURCES \u00b7 AUTOMATIC")
            self.heading.setText("Sources")
            entries = "".join(f"<li>{_esc(s.citation())}</li>" for s in b.sources())
            self.info.text.setText(
                "<p>Every work the impressions and charts cite, once, numbered in order of "
                f"first citation. The speaker notes refer to these numbers.</p><ol>{entries}</ol>"
            )
        else:
            self.badge.setText("TITLE SLIDE")
            self.heading.setText(b.title or "(untitled)")
            rows = [
                ("Subtitle", b.subtitle),
                ("Author", b.author),
                ("Organisation", b.organisation),
                ("Date", f"{b.date.day} {b.date:%B %Y}"),
                ("Audience", b.audience),
                ("Marking", b.marking),
                ("Template", b.template),
            ]
            dash = "\u2014"
            table = "".join(
                f"<tr><td style='padding:3px 16px 3px 0; color:palette(mid)'>{k}</td>"
                f"<td style='padding:3px 0'>{_esc(v) or dash}</td></tr>"
                for k, v in rows
            )
            self.info.text.setText(
                "<p>The title slide shows the briefing's title, subtitle, author and date; the "
                f"marking appears on every slide.</p><table>{table}</table>"
            )
