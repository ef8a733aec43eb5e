"""The pre-flight panel: the core's check (:func:`briefing.deck.preflight.preflight`) run in a
worker, on demand and a moment after edits stop, its findings listed errors first.

The check builds a trial deck (a second or two), so it never runs on the GUI thread. A run works
on a copy of the briefing; when the briefing changes while it runs, the run is cancelled and its
result ignored, and the next run starts when the edits pause. Each result remembers the
fingerprint of what it checked, so the panel can say whether it still describes the briefing
(after an undo it does again).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from briefing.gui import roles
from briefing.gui.delegates import PAD, _mix, _wrapped_lines
from briefing.gui.icons import icon
from briefing.gui.outline_model import AGENDA_KEY, SOURCES_KEY, TITLE_KEY, item_key
from briefing.gui.worker import Task
from briefing.model import Briefing
from briefing.progress import ProgressSink

if TYPE_CHECKING:
    from briefing.deck.preflight import Finding
    from briefing.deck.registry import TemplateEntry

AUTO_DELAY_MS = 1500  # a check starts this long after the last edit
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
SEVERITY_NAMES = {"error": "Error", "warning": "Warning", "info": "Note"}
_Index = QModelIndex | QPersistentModelIndex


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then notes; deck-wide ones before those of a slide."""
    return sorted(
        findings,
        key=lambda f: (
            SEVERITY_RANK.get(f.severity, 3),
            f.slide is not None,
            f.slide or 0,
        ),
    )


def where(finding: Finding) -> str:
    return f"Slide {finding.slide}" if finding.slide is not None else "Whole deck"


def short_line(finding: Finding) -> str:
    """``Slide 6: the message`` (the fix is in the panel)."""
    return f"{where(finding)}: {finding.message}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass
class CheckResult:
    """What one run found, and what it checked."""

    findings: list[Finding]
    fingerprint: str  # of the briefing, template and folder it checked
    slide_keys: dict[int, str] = field(default_factory=dict)  # deck slide number -> outline key
    checked_at: datetime = field(default_factory=datetime.now)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count("error")

    def summary(self) -> str:
        """``2 errors, 1 warning, 3 notes`` (``No problems`` when none)."""
        parts = [
            plural(self.count(severity), word)
            for severity, word in (("error", "error"), ("warning", "warning"), ("info", "note"))
            if self.count(severity)
        ]
        return ", ".join(parts) if parts else "No problems"


def fingerprint(briefing: Briefing, base: Path | None) -> str:
    """A digest of everything a check depends on: the briefing (with its template id) and the
    folder its data-file paths start from."""
    from briefing.gui.exact import fingerprint as briefing_fingerprint

    return f"{briefing_fingerprint(briefing)}:{base or ''}"


def slide_keys(
    briefing: Briefing, template: TemplateEntry | str, base: Path | None
) -> dict[int, str]:
    """Which outline row each slide of the deck belongs to, from the deck's plan (a continued
    slide belongs to its item); one slide per row when the plan cannot be made."""
    from briefing.deck.build import chart_book, plan_briefing, prepare_template
    from briefing.errors import BriefingError
    from briefing.gui.exact import outline_keys

    try:
        prepared = prepare_template(template)
        plan = plan_briefing(briefing, prepared, chart_book(briefing, prepared, base))
    except BriefingError:
        return {n + 1: key for key, n in outline_keys(briefing).items()}
    fixed = {"title": TITLE_KEY, "agenda": AGENDA_KEY, "sources": SOURCES_KEY}
    keys: dict[int, str] = {}
    for slide in plan.slides:
        key = item_key(slide.item_uid) if slide.item_uid else fixed.get(slide.kind, "")
        if key:
            keys[slide.number] = key
    return keys


def check_job(
    briefing: Briefing, template: TemplateEntry | None, base: Path | None, shown: str
) -> Callable[[ProgressSink], CheckResult]:
    """Check ``briefing`` (a copy no one else edits) as the core does; ``shown`` is its
    fingerprint, kept with the result."""

    def job(sink: ProgressSink) -> CheckResult:
        from briefing.deck.preflight import preflight

        findings = preflight(briefing, template, base=base, progress=sink)
        keys: dict[int, str] = {}
        if any(f.slide is not None and not f.item_uid for f in findings):
            keys = slide_keys(briefing, template or briefing.template, base)
        return CheckResult(sort_findings(findings), shown, keys)

    return job


class PreflightChecker(QObject):
    """Runs the check for one document: on demand (:meth:`check_now`) and, when ``auto`` is on,
    :data:`AUTO_DELAY_MS` after the last change (:meth:`changed`). One run at a time."""

    state_changed = Signal()  # running, finished, or the briefing changed
    checked = Signal(object)  # a CheckResult of the briefing as it was when the run started
    progress = Signal(float, str)

    def __init__(
        self,
        briefing: Callable[[], Briefing],
        template: Callable[[str], TemplateEntry | None],
        base: Callable[[], Path | None],
        parent: QObject | None = None,
        delay_ms: int = AUTO_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._briefing = briefing
        self._template = template
        self._base = base
        self.auto = True
        self.result: CheckResult | None = None
        self.error = ""  # why the last run failed (a bug: the core's check raises nothing else)
        self.task: Task | None = None
        self.runs = 0  # checks started (tests count them)
        self._running = ""  # the fingerprint being checked
        self._again = False  # start another run when the (cancelled) one ends
        self._closed = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.check_now)

    # -- state ----------------------------------------------------------------------------

    def current_fingerprint(self) -> str:
        return fingerprint(self._briefing(), self._base())

    @property
    def busy(self) -> bool:
        """A run for the briefing as it is now (or a newer one) is under way or waiting."""
        return (self.task is not None and not self.task.cancel_requested()) or self._again

    @property
    def pending(self) -> bool:
        """An automatic run is waiting for the edits to pause."""
        return self.timer.isActive()

    def is_current(self) -> bool:
        """The last result describes the briefing as it is now."""
        return self.result is not None and self.result.fingerprint == self.current_fingerprint()

    # -- running --------------------------------------------------------------------------

    def changed(self) -> None:
        """The briefing (or its template or folder) changed: a running check of the old one is
        stopped, and a new one starts when the edits pause (if ``auto``)."""
        if self._closed:
            return
        if self.task is not None and self._running != self.current_fingerprint():
            self.task.cancel()
            self._again = False
        if self.is_current():
            self.timer.stop()  # undone back to what was checked: its findings hold again
        elif self.auto:
            self.timer.start()
        self.state_changed.emit()

    def set_auto(self, on: bool) -> None:
        self.auto = on
        if not on:
            self.timer.stop()
        elif not self.is_current() and not self.busy:
            self.timer.start()
        self.state_changed.emit()

    def check_now(self) -> bool:
        """Start a check of the briefing as it is now; False when one is already under way."""
        self.timer.stop()
        if self._closed:
            return False
        shown = self.current_fingerprint()
        if self.task is not None:
            if self._running == shown and not self.task.cancel_requested():
                return False
            self.task.cancel()  # a run of an older briefing: replace it when it stops
            self._again = True
            self.state_changed.emit()
            return True
        snapshot = copy.deepcopy(self._briefing())
        task = Task(check_job(snapshot, self._template(snapshot.template), self._base(), shown))
        task.progress.connect(self.progress)
        task.succeeded.connect(lambda result: self._done(task, result))
        task.failed.connect(lambda exc, _details: self._failed(task, exc))
        task.finished.connect(lambda: self._finished(task))
        self.error = ""
        self.task = task
        self._running = shown
        self.runs += 1
        task.start_task()
        self.state_changed.emit()
        return True

    def _done(self, task: Task, result: object) -> None:
        if task.cancel_requested() or not isinstance(result, CheckResult):
            return  # the briefing changed while it ran: its findings are not wanted
        self.result = result
        self.checked.emit(result)

    def _failed(self, task: Task, exc: object) -> None:
        if not task.cancel_requested():
            self.error = f"{type(exc).__name__}: {exc}"

    def _finished(self, task: Task) -> None:
        if task is self.task:
            self.task = None
            self._running = ""
        task.deleteLater()
        again, self._again = self._again, False
        if again and not self._closed:
            self.check_now()
        self.state_changed.emit()

    def forget(self) -> None:
        """Another briefing was loaded: its findings are not the last result's."""
        self.result = None
        self.error = ""

    def shutdown(self) -> None:
        """Stop checking (the window closes): cancel a run and wait for its thread."""
        self._closed = True
        self.timer.stop()
        self._again = False
        task = self.task
        if task is not None:
            task.cancel()
            task.wait()


# -- the list ------------------------------------------------------------------------------


class FindingsModel(QAbstractListModel):
    """The findings of a check, in the order given (errors first)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def finding(self, index: _Index) -> Finding | None:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        return self._findings[index.row()]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        finding = self.finding(index)
        if finding is None:
            return None
        place = where(finding)
        if role == Qt.ItemDataRole.DisplayRole:
            return finding.message
        if role == roles.SUBTITLE:
            return finding.fix
        if role == roles.KIND:
            return finding.severity
        if role == roles.NUMBER:
            return finding.slide
        if role == roles.UID:
            return finding.item_uid or ""
        if role == roles.BADGE:
            return place
        if role == Qt.ItemDataRole.DecorationRole:
            return icon(finding.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{SEVERITY_NAMES.get(finding.severity, '')} \u00b7 {place}\n{finding.message}"
            return f"{tip}\n\nTo fix: {finding.fix}" if finding.fix else tip
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = f"{SEVERITY_NAMES.get(finding.severity, '')}, {place}: {finding.message}"
            return f"{text} To fix: {finding.fix}" if finding.fix else text
        return None


class FindingDelegate(QStyledItemDelegate):
    """A finding as its severity icon, where it is, its message and (muted) the fix, wrapped
    to the width of the list."""

    ICON = 18
    MESSAGE_LINES = 5
    FIX_LINES = 3

    def _fonts(self, base: QFont) -> tuple[QFont, QFont]:
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.9))
        return bold, small

    def _columns(self, left: int, width: int, bold: QFont) -> tuple[int, int, int]:
        """x of the "where" column, x of the text, width of the text."""
        where_x = left + self.ICON + PAD
        text_x = where_x + QFontMetrics(bold).horizontalAdvance("Whole deck") + 2 * PAD
        return where_x, text_x, max(40, left + width - text_x)

    def _lines(
        self, index: _Index, font: QFont, small: QFont, width: int
    ) -> tuple[list[str], list[str]]:
        message = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        fix = str(index.data(roles.SUBTITLE) or "")
        return (
            _wrapped_lines(message, font, width, self.MESSAGE_LINES),
            _wrapped_lines(f"Fix: {fix}", small, width, self.FIX_LINES) if fix else [],
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        bold, small = self._fonts(option.font)
        view = option.widget
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else 600
        _x, _tx, text_w = self._columns(PAD, width - 2 * PAD, bold)
        message, fix = self._lines(index, option.font, small, text_w)
        height = (
            max(1, len(message)) * QFontMetrics(option.font).height()
            + len(fix) * QFontMetrics(small).height()
            + (2 if fix else 0)
        )
        return QSize(width, max(height, self.ICON) + 2 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        opt.text = ""
        opt.icon = QIcon()
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        palette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        fg = palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        bg = palette.color(
            group, QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
        )
        muted = _mix(fg, bg, 0.32)
        bold, small = self._fonts(opt.font)
        rect = opt.rect.adjusted(PAD, PAD, -PAD, -PAD)
        where_x, text_x, text_w = self._columns(rect.left(), rect.width(), bold)
        painter.save()
        severity = str(index.data(roles.KIND) or "")
        icon(severity).paint(painter, QRect(rect.left(), rect.top(), self.ICON, self.ICON))
        fm = QFontMetrics(opt.font)
        painter.setFont(bold)
        painter.setPen(fg)
        painter.drawText(
            where_x, rect.top() + QFontMetrics(bold).ascent(), str(index.data(roles.BADGE) or "")
        )
        message, fix = self._lines(index, opt.font, small, text_w)
        painter.setFont(opt.font)
        y = rect.top()
        for line in message:
            painter.drawText(text_x, y + fm.ascent(), line)
            y += fm.height()
        if fix:
            sm = QFontMetrics(small)
            painter.setFont(small)
            painter.setPen(muted)
            y += 2
            for line in fix:
                painter.drawText(text_x, y + sm.ascent(), line)
                y += sm.height()
        painter.restore()


class FindingsView(QListView):
    """The findings; Enter (or a double-click) goes to the finding's slide."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class PreflightPanel(QWidget):
    """A summary line with Check now, the findings, and the selected finding in full."""

    go_to = Signal(object)  # the Finding to show in the outline

    def __init__(self, checker: PreflightChecker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checker = checker
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.check_button = QPushButton("Check now", self)
        self.check_button.setToolTip(
            "Check the briefing as the deck will be built: markings, text that does not fit, "
            "charts and their sources, empty placeholders, alt text"
        )
        self.check_button.clicked.connect(self.checker.check_now)
        self.auto_box = QCheckBox("Check as I edit", self)
        self.auto_box.setChecked(checker.auto)
        self.auto_box.setToolTip("Check again a moment after each change")
        self.auto_box.toggled.connect(checker.set_auto)

        self.model = FindingsModel(self)
        self.view = FindingsView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(FindingDelegate(self.view))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # rows wrap to the width
        self.view.setMinimumHeight(90)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setAccessibleName("Pre-flight findings, errors first")
        self.view.activated.connect(self._activated)
        self.empty = QLabel(self)
        self.empty.setObjectName("hint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)

        header = QHBoxLayout()
        header.addWidget(self.summary, 1)
        header.addWidget(self.auto_box)
        header.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.view)

        checker.state_changed.connect(self.refresh)
        checker.checked.connect(self._checked)
        checker.progress.connect(self._progress)
        self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(640, 230)

    # -- showing --------------------------------------------------------------------------

    def _checked(self, result: object) -> None:
        if isinstance(result, CheckResult):
            self.model.set_findings(result.findings)
            if result.findings:
                self.view.setCurrentIndex(self.model.index(0, 0))
        self.refresh()

    def _progress(self, fraction: float, message: str) -> None:
        if self.checker.busy:
            self.summary.setText(f"Checking\u2026 {message} ({fraction:.0%})")

    def status(self) -> str:
        """What the summary line says about the last check."""
        checker = self.checker
        result = checker.result
        if checker.busy:
            return "Checking the briefing\u2026"
        if checker.error:
            return f"The check could not be run ({checker.error}); please report this."
        if result is None:
            return "Not checked yet." if not checker.pending else "Checking when you pause\u2026"
        when = f"{result.checked_at:%H:%M}"
        if checker.is_current():
            return f"{result.summary()} \u2014 checked at {when}."
        if checker.pending:
            return f"{result.summary()} at {when}; the briefing changed, checking again shortly."
        return f"{result.summary()} at {when}; the briefing has changed since: check again."

    def refresh(self) -> None:
        checker = self.checker
        self.summary.setText(self.status())
        self.check_button.setEnabled(not checker.busy or not checker.is_current())
        result = checker.result
        if result is None and self.model.rowCount():
            self.model.set_findings([])
        if result is not None and result.findings:
            self.stack.setCurrentWidget(self.view)
        else:
            self.stack.setCurrentWidget(self.empty)
            if result is None:
                self.empty.setText("Run a check to see what to fix before the deck goes out.")
            else:
                self.empty.setText("\u2713 Nothing to fix: the deck is ready to go out.")

    def _activated(self, index: QModelIndex) -> None:
        finding = self.model.finding(index)
        if finding is not None:
            self.go_to.emit(finding)

    def select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))
