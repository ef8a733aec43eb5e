"""Editing the sources of impressions and chart slides: every change undoes and redoes, and the
exported deck lists the sources on its Sources slide."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from briefing.gui.main_window import MainWindow
from briefing.gui.outline_model import item_key
from briefing.gui.sources_editor import SourcesEditor
from briefing.model import ChartItem, ImpressionItem, Source

from .helpers import uid_of

EXPORT_TIMEOUT = 120_000


def _editor(window: MainWindow, kind: str = "impression") -> SourcesEditor:
    editor = window.panels.editor.pages[kind].sources_editor
    assert editor is not None
    return editor


def _cell(editor: SourcesEditor, row: int, column: int) -> str:
    cell = editor.table.item(row, column)
    assert cell is not None
    return cell.text()


def _impression(window: MainWindow, impression_id: str) -> ImpressionItem:
    uid = uid_of(window, impression_id)
    window.select_key(item_key(uid))
    item = window.doc.item(uid)
    assert isinstance(item, ImpressionItem)
    return item


def _undo(window: MainWindow, times: int = 1) -> None:
    for _ in range(times):
        window.action.undo.trigger()


def _redo(window: MainWindow, times: int = 1) -> None:
    for _ in range(times):
        window.action.redo.trigger()


class DescribeTheSourcesEditor:
    def it_shows_the_sources_of_the_selected_impression(self, window: MainWindow) -> None:
        item = _impression(window, "spending")
        editor = _editor(window)
        assert editor.isVisibleTo(window)
        assert editor.table.rowCount() == len(item.impression.sources) == 3
        assert _cell(editor, 0, 0) == item.impression.sources[0].title
        assert editor.fields["title"].text() == item.impression.sources[0].title
        assert editor.fields["url"].text() == item.impression.sources[0].url

    def it_adds_a_source_typed_in_the_fields_with_one_undo_step_per_field(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        item = _impression(window, "china")
        original = list(item.impression.sources)
        editor = _editor(window)
        editor.select_row(len(original) - 1)
        steps = window.doc.undo_stack.index()

        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        assert item.impression.sources == [*original, Source("")]
        assert editor.current_row() == len(original)
        assert editor.title_problem.isVisibleTo(editor)  # the empty title, said inline
        qtbot.keyClicks(editor.fields["title"], "Defence Budget Survey")
        assert not editor.title_problem.isVisibleTo(editor)
        qtbot.keyClicks(editor.fields["publisher"], "IISS")

        added = Source("Defence Budget Survey", "IISS")
        assert item.impression.sources == [*original, added]
        assert _cell(editor, len(original), 1) == "IISS"
        assert window.doc.undo_stack.index() == steps + 3  # add, title, publisher

        _undo(window)
        assert item.impression.sources == [*original, Source("Defence Budget Survey")]
        assert editor.fields["publisher"].text() == ""
        _undo(window, 2)
        assert item.impression.sources == original
        assert editor.table.rowCount() == len(original)
        _redo(window, 3)
        assert item.impression.sources == [*original, added]
        assert editor.table.rowCount() == len(original) + 1
        assert "Defence Budget Survey" in [s.title for s in window.doc.briefing.sources()]

    def it_shows_the_missing_title_inline_and_in_the_table(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        item = _impression(window, "russia")
        editor = _editor(window)
        editor.select_row(0)
        title = editor.fields["title"]
        title.selectAll()
        qtbot.keyClick(title, Qt.Key.Key_Delete)
        assert item.impression.sources[0].title == ""
        assert editor.title_problem.isVisibleTo(editor)
        assert "needs a title" in editor.title_problem.text()
        assert title.accessibleDescription() == editor.title_problem.text()
        assert _cell(editor, 0, 0) == "(no title)"
        page = window.panels.editor.pages["impression"]
        assert "source 1 has no title" in page.problems.text()
        _undo(window)
        assert item.impression.sources[0].title
        assert not editor.title_problem.isVisibleTo(editor)

    def it_reorders_sources_with_undo_and_redo(self, window: MainWindow, qtbot: QtBot) -> None:
        item = _impression(window, "spending")
        original = list(item.impression.sources)
        editor = _editor(window)
        editor.select_row(0)
        assert not editor.up_button.isEnabled()
        qtbot.mouseClick(editor.down_button, Qt.MouseButton.LeftButton)
        moved = [original[1], original[0], original[2]]
        assert item.impression.sources == moved
        assert editor.current_row() == 1
        assert editor.fields["title"].text() == original[0].title
        editor.select_row(2)
        assert not editor.down_button.isEnabled()
        qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
        assert item.impression.sources == [original[1], original[2], original[0]]
        _undo(window)
        assert item.impression.sources == moved
        _undo(window)
        assert item.impression.sources == original
        assert [_cell(editor, r, 0) for r in range(3)] == [s.title for s in original]
        _redo(window)
        assert item.impression.sources == moved

    def it_removes_a_source_and_undo_puts_it_back(self, window: MainWindow, qtbot: QtBot) -> None:
        item = _impression(window, "spending")
        original = list(item.impression.sources)
        editor = _editor(window)
        editor.select_row(1)
        qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
        assert item.impression.sources == [original[0], original[2]]
        assert editor.current_row() == 1
        assert editor.fields["title"].text() == original[2].title
        _undo(window)
        assert item.impression.sources == original
        _redo(window)
        assert item.impression.sources == [original[0], original[2]]

    def it_removes_the_last_source_and_says_none_are_cited(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        item = _impression(window, "unity")
        editor = _editor(window)
        editor.select_row(0)
        qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
        assert item.impression.sources == []
        assert editor.empty_hint.isVisibleTo(editor)
        assert not editor.table.isVisibleTo(editor)
        assert not editor.remove_button.isEnabled()
        assert not editor.form.isEnabled()
        _undo(window)
        assert len(item.impression.sources) == 1
        assert editor.form.isEnabled()

    def it_edits_the_sources_of_a_chart_slide(self, window: MainWindow, qtbot: QtBot) -> None:
        chart = next(i for i in window.doc.briefing.items if isinstance(i, ChartItem))
        window.select_key(item_key(chart.uid))
        assert window.panels.editor.current_page() is window.panels.editor.pages["chart"]
        editor = _editor(window, "chart")
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(editor.fields["title"], "SIPRI Military Expenditure Database")
        qtbot.keyClicks(editor.fields["date"], "April 2025")
        qtbot.keyClicks(editor.fields["url"], "https://sipri.org/databases/milex")
        assert chart.sources == [
            Source(
                "SIPRI Military Expenditure Database",
                date="April 2025",
                url="https://sipri.org/databases/milex",
            )
        ]
        _undo(window, 4)
        assert chart.sources == []

    def it_names_its_controls_and_tabs_through_them_in_order(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        _impression(window, "spending")
        editor = _editor(window)
        chain = editor.focus_chain()
        for widget in (*chain, editor.title_problem):
            assert widget.accessibleName(), widget
        editor.table.setFocus()
        qtbot.waitUntil(editor.table.hasFocus)
        assert not editor.up_button.isEnabled()  # the first row: Up takes no focus
        for expected in [w for w in chain[1:] if w.isEnabled()]:
            focused = QApplication.focusWidget()
            assert focused is not None
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is expected


class DescribeExportingSources:
    def it_lists_a_new_source_on_the_sources_slide(
        self, window: MainWindow, qtbot: QtBot, tmp_path: Path
    ) -> None:
        item = _impression(window, "ukraine")
        editor = _editor(window)
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(editor.fields["title"], "Arctic Posture Review")
        qtbot.keyClicks(editor.fields["publisher"], "Nordic Defence Institute")
        assert item.impression.sources[-1] == Source(
            "Arctic Posture Review", "Nordic Defence Institute"
        )
        out = tmp_path / "sources.pptx"
        assert window.exports.export_pptx(out)
        qtbot.waitUntil(lambda: window.exports.task is None, timeout=EXPORT_TIMEOUT)
        assert window.exports.last_export == out

        deck = Presentation(str(out))
        texts = [
            [
                p.text
                for shape in slide.shapes
                if shape.has_text_frame
                for p in shape.text_frame.paragraphs
                if p.text.strip()
            ]
            for slide in deck.slides
        ]
        sources_slide = next(t for t in texts if t and "Sources" in t[0])
        assert any(
            "Arctic Posture Review" in line and "Nordic Defence Institute" in line
            for line in sources_slide
        )
