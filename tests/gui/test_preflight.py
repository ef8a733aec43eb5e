"""The pre-flight panel: the core's check in a worker, on demand and when edits pause; findings
listed errors first lead to their slide; exports warn (never block) after a check with errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from briefing.gui.main_window import MainWindow
from briefing.gui.outline_model import TITLE_KEY, item_key
from briefing.gui.preflight import AUTO_DELAY_MS, PreflightChecker
from briefing.gui.worker import running_tasks
from briefing.model import ChartItem

CHECK_TIMEOUT = 60_000
EXPORT_TIMEOUT = 120_000


def checked(window: MainWindow, qtbot: QtBot) -> None:
    """Wait until a check of the briefing as it is now has finished."""
    checker = window.preflight
    qtbot.waitUntil(
        lambda: checker.task is None and not checker.pending and checker.is_current(),
        timeout=CHECK_TIMEOUT,
    )


def check(window: MainWindow, qtbot: QtBot) -> None:
    window.checks.check_now()
    checked(window, qtbot)


def secret_item(window: MainWindow) -> ChartItem:
    """Mark the first chart slide SECRET in the UNCLASSIFIED default briefing."""
    item = next(i for i in window.doc.briefing.items if isinstance(i, ChartItem))
    assert window.doc.briefing.marking == "UNCLASSIFIED"
    window.doc.edit_item_field(item.uid, "marking", "SECRET")
    return item


def answer_next_box(button: str) -> list[str]:
    """Press ``button`` in the next modal message box; returns the texts it showed."""
    seen: list[str] = []

    def press(tries: int = 50) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries:
                QTimer.singleShot(20, lambda: press(tries - 1))
            return
        seen.append(f"{box.text()}\n{box.informativeText()}")
        seen.append(" | ".join(b.text() for b in box.buttons()))
        for candidate in box.buttons():
            if candidate.text().replace("&", "") == button:
                candidate.click()
                return
        box.reject()

    QTimer.singleShot(0, press)
    return seen


class DescribeThePreflightPanel:
    def it_shows_a_marking_error_and_going_to_it_selects_the_item(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        item = secret_item(window)
        check(window, qtbot)
        panel = window.panels.preflight_panel
        assert window.panels.preflight_dock.isVisible()
        findings = panel.model.findings()
        assert findings[0].severity == "error"
        assert findings[0].kind == "marking" and findings[0].item_uid == item.uid
        assert "SECRET" in findings[0].message
        assert [f.severity for f in findings] == sorted(
            (f.severity for f in findings), key=["error", "warning", "info"].index
        )
        assert window.checks.problems_button.text().startswith("\u2716 1 error")
        assert "1 error" in panel.summary.text()

        window.select_key(TITLE_KEY)
        panel.view.setFocus()
        panel.view.setCurrentIndex(panel.model.index(0, 0))
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
        assert window.panels.outline.current_key() == item_key(item.uid)
        assert window.panels.editor.heading.text() == item.title

        window.select_key(TITLE_KEY)
        rect = panel.view.visualRect(panel.model.index(0, 0))
        # a double-click, as the window system sends it: a click, then the second press
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.panels.outline.current_key() == item_key(item.uid)

    def it_finds_no_errors_in_the_default_briefing(
        self, window: MainWindow, qtbot: QtBot, office_fonts: None
    ) -> None:
        check(window, qtbot)
        result = window.preflight.result
        assert result is not None
        assert result.errors == 0, [f.line() for f in result.findings]
        assert window.checks.problems_button.text() == "\u2713 Ready to export"
        assert window.panels.preflight_panel.summary.text().startswith(result.summary())

    def it_goes_to_the_slide_of_a_finding_about_no_item(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        window.doc.edit_briefing_field("marking", "")
        check(window, qtbot)
        result = window.preflight.result
        assert result is not None
        unmarked = next(f for f in result.findings if f.kind == "marking")
        assert (unmarked.slide, unmarked.item_uid) == (1, None)
        window.select_key(item_key(window.doc.briefing.items[0].uid))
        assert window.checks.go_to_finding(unmarked)
        assert window.panels.outline.current_key() == TITLE_KEY

    def it_opens_from_the_status_bar_and_the_view_menu(self, window: MainWindow) -> None:
        assert not window.panels.preflight_dock.isVisible()
        toggle = window.panels.preflight_dock.toggleViewAction()
        view_menu = next(
            a.menu() for a in window.menuBar().actions() if a.text() == "&View" and a.menu()
        )
        assert toggle in view_menu.actions()
        window.checks.problems_button.click()
        assert window.panels.preflight_dock.isVisible()
        assert window.preflight.busy  # nothing was checked yet: it checks at once
        toggle.trigger()
        assert not window.panels.preflight_dock.isVisible()


class DescribeCheckingInTheBackground:
    def it_checks_when_the_edits_pause_and_drops_runs_of_an_older_briefing(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        checker = window.preflight
        assert checker.timer.interval() == AUTO_DELAY_MS == 1500
        checker.timer.setInterval(50)  # the same, sooner
        runs = checker.runs
        item = secret_item(window)
        assert checker.pending and checker.runs == runs  # waits for a pause in the edits
        assert window.checks.problems_button.text() == "Checking\u2026"
        checked(window, qtbot)
        assert checker.runs == runs + 1
        assert checker.result is not None and checker.result.errors == 1

        # an edit while a check runs: that run is stopped, its findings never shown
        window.doc.edit_item_field(item.uid, "title", "Still secret")
        assert checker.check_now()
        assert not checker.check_now()  # already checking the briefing as it is
        stale = checker.task
        assert stale is not None
        ended: list[bool] = []
        stale.finished.connect(lambda: ended.append(True))
        shown: list[object] = []
        checker.checked.connect(shown.append)
        window.doc.edit_item_field(item.uid, "title", "Secret, and edited again")
        assert stale.cancel_requested()
        checked(window, qtbot)
        assert ended == [True]
        assert [r.fingerprint for r in shown] == [checker.current_fingerprint()]  # type: ignore[attr-defined]
        assert checker.runs == runs + 3
        assert "Secret, and edited again" in checker.result.findings[0].message

        # undone to a briefing that was checked: its findings hold again, nothing runs
        window.undo_stack.undo()
        window.undo_stack.undo()
        assert checker.is_current() is False  # "Who spends what" was last checked as secret
        window.undo_stack.redo()
        window.undo_stack.redo()
        assert checker.is_current() and not checker.pending

    def it_never_blocks_the_window_while_checking(self, window: MainWindow, qtbot: QtBot) -> None:
        assert window.preflight.check_now()
        assert window.preflight.task is not None and window.preflight.task.isRunning()
        window.action.add_text.trigger()  # the window takes edits meanwhile
        assert window.preflight.task is None or window.preflight.task.cancel_requested()
        checked(window, qtbot)

    def it_stops_checking_when_the_window_closes(
        self, make_window: Callable[..., MainWindow]
    ) -> None:
        window = make_window()
        window.preflight.check_now()
        task = window.preflight.task
        assert task is not None
        assert window.close()
        assert task.isFinished()
        assert task not in running_tasks()
        assert not window.preflight.check_now()


class DescribeExportAfterACheckWithErrors:
    def it_warns_and_exports_anyway_when_asked(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        secret_item(window)
        check(window, qtbot)
        out = tmp_path / "anyway.pptx"
        seen = answer_next_box("Cancel")
        assert not window.exports.export_pptx(out)
        assert "1 error" in seen[0] and "SECRET" in seen[0]
        assert "Export anyway" in seen[1]
        assert window.exports.task is None and not out.exists()

        answer_next_box("Export anyway")
        assert window.exports.export_pptx(out)
        qtbot.waitUntil(lambda: window.exports.task is None, timeout=EXPORT_TIMEOUT)
        assert out.is_file()

    def it_shows_the_problems_when_asked(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        secret_item(window)
        check(window, qtbot)
        window.panels.preflight_dock.hide()
        window.exports.pdf_unavailable = ""  # the warning comes before LibreOffice is needed
        answer_next_box("Show the Problems")
        assert not window.exports.export_pdf(tmp_path / "deck.pdf")
        assert window.panels.preflight_dock.isVisible()
        assert window.exports.task is None

    def it_does_not_ask_when_the_last_check_found_no_errors(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        check(window, qtbot)
        out = tmp_path / "clean.pptx"
        assert window.exports.export_pptx(out)
        qtbot.waitUntil(lambda: window.exports.task is None, timeout=EXPORT_TIMEOUT)
        assert out.is_file()


def test_a_checker_without_auto_waits_to_be_asked(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, office_fonts: None
) -> None:
    checker: PreflightChecker = window.preflight
    window.panels.preflight_panel.auto_box.setChecked(False)
    assert not checker.auto
    window.action.add_section.trigger()
    assert not checker.pending
    assert window.checks.problems_button.text() == "Not checked"
    window.panels.preflight_panel.check_button.click()
    checked(window, qtbot)
    assert window.checks.problems_button.text() == "\u2713 Ready to export"
    window.action.add_text.trigger()
    assert window.checks.problems_button.text() == "Changed since the last check"
    assert "no problems" in window.checks.problems_button.toolTip()


def test_a_check_that_fails_says_so(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.deck import preflight as core

    def broken(*_args: object, **_kwargs: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(core, "preflight", broken)
    window.checks.check_now()
    qtbot.waitUntil(lambda: window.preflight.task is None, timeout=CHECK_TIMEOUT)
    assert window.preflight.result is None
    assert "RuntimeError: boom" in window.panels.preflight_panel.summary.text()


def test_a_new_briefing_forgets_the_findings(
    window: MainWindow, qtbot: QtBot, office_fonts: None
) -> None:
    secret_item(window)
    check(window, qtbot)
    assert window.panels.preflight_panel.model.rowCount() == 1
    window.files.new_briefing()  # "Discard" the changes
    assert window.preflight.result is None
    assert window.panels.preflight_panel.model.rowCount() == 0
    assert window.checks.problems_button.text() == "Checking\u2026"
    assert window.exports.confirm()  # no check with errors: no question
