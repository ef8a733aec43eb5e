"""The pre-flight check in the window: its panel, the status bar's summary (click to open the
panel) and going from a finding to the slide it is about."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow, QToolButton

from briefing.gui.document import Document
from briefing.gui.outline_model import item_key
from briefing.gui.preflight import PreflightChecker, plural, short_line
from briefing.gui.window.messages import Messages
from briefing.gui.window.panels import Panels
from briefing.model import briefing_problems


class CheckController(QObject):
    def __init__(
        self,
        window: QMainWindow,
        doc: Document,
        checker: PreflightChecker,
        panels: Panels,
        messages: Messages,
    ) -> None:
        super().__init__(window)
        self._doc = doc
        self._checker = checker
        self._panels = panels
        self._messages = messages
        self._problems: list[str] = []
        button = QToolButton(window)
        button.setAutoRaise(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setAccessibleName("Pre-flight check: problems to fix before export")
        button.setObjectName("preflightIndicator")
        button.clicked.connect(self.show_problems)
        window.statusBar().addPermanentWidget(button)
        self.problems_button = button
        checker.state_changed.connect(self.update_indicator)
        panels.preflight_panel.go_to.connect(self.go_to_finding)

    def changed(self) -> None:
        """The briefing changed: its own rules now, a new check a moment later."""
        self._problems = briefing_problems(self._doc.briefing)
        self._checker.changed()  # updates the indicator

    def forget(self) -> None:
        """A different briefing: the last check's findings are not about it."""
        self._checker.forget()

    def show_problems(self) -> None:
        """Open the pre-flight check (checking now when its findings are out of date)."""
        self._panels.open_preflight()
        if not self._checker.is_current() and not self._checker.busy:
            self._checker.check_now()

    def check_now(self) -> None:
        """Run the pre-flight check and show its panel."""
        self._panels.open_preflight()
        self._checker.check_now()

    def go_to_finding(self, finding: object) -> bool:
        """Select what a finding is about in the outline: its item, else its slide."""
        uid = getattr(finding, "item_uid", None)
        key = item_key(uid) if uid and self._doc.item(uid) is not None else ""
        slide = getattr(finding, "slide", None)
        result = self._checker.result
        if not key and slide is not None and result is not None:
            key = result.slide_keys.get(slide, "")
        if not key or self._panels.outline_model.row_of_key(key) < 0:
            self._messages.status("This finding is about the whole deck")
            return False
        self._panels.select_key(key)
        return True

    def update_indicator(self) -> None:
        """The status bar's summary of the pre-flight check (the model's own rules while no
        check of the briefing as it is has finished); clicking it opens the check."""
        checker = self._checker
        result = checker.result
        colour = ""
        if result is not None and checker.is_current():
            errors, warnings = result.count("error"), result.count("warning")
            if errors:
                text = f"\u2716 {plural(errors, 'error')}" + (
                    f", {plural(warnings, 'warning')}" if warnings else ""
                )
                colour = "#B3261E"
            elif warnings:
                text = f"\u26a0 {plural(warnings, 'warning')}"
                colour = "#8A5A00"
            else:
                text = "\u2713 Ready to export"
            shown = [f for f in result.findings if f.severity != "info"][:12]
            tip = "\n".join(f"\u2022 {short_line(f)}" for f in shown) or (
                "The pre-flight check found nothing to fix."
            )
        elif self._problems:
            n = len(self._problems)
            text = f"\u26a0 {plural(n, 'problem')} to fix"
            tip = "\n".join(f"\u2022 {p}" for p in self._problems[:20])
            colour = "#8A5A00"
        elif checker.busy or checker.pending:
            text = "Checking\u2026"
            tip = "The pre-flight check runs a moment after your last change."
        elif result is not None:
            text = "Changed since the last check"
            tip = f"The last check found: {result.summary().lower()}. Check again (F7)."
        else:
            text = "Not checked"
            tip = "Run the pre-flight check (F7) to see what to fix before export."
        self.problems_button.setText(text)
        self.problems_button.setToolTip(f"{tip}\n\nClick to open the pre-flight check.")
        self.problems_button.setStyleSheet(f"color: {colour};" if colour else "")
