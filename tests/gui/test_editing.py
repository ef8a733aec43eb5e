"""Editing in the main window: library, outline, editor; every edit undoes and redoes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QModelIndex, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from briefing.gui.library_model import IMPRESSION_MIME
from briefing.gui.list_editor import ListEditor
from briefing.gui.main_window import MainWindow
from briefing.gui.outline_model import AGENDA_KEY, SOURCES_KEY, TITLE_KEY, item_key
from briefing.gui.properties import PropertiesDialog
from briefing.model import ImpressionItem, SectionItem, TextItem, briefing_problems

from .helpers import click_check, impression_ids, library_index, uid_of


class DescribeTheMainWindow:
    def it_opens_on_the_default_briefing_with_its_slides_listed(self, window: MainWindow) -> None:
        items = window.doc.briefing.items
        assert window.doc.briefing.title == "The State of NATO"
        assert len(items) >= 10
        keys = window.panels.outline_model.row_keys()
        assert keys == [TITLE_KEY, AGENDA_KEY, *(item_key(i.uid) for i in items), SOURCES_KEY]
        view = window.panels.outline.view
        shown = [view.model().index(r, 0).data() for r in range(view.model().rowCount())]
        assert shown[2:-1] == [i.title for i in items]
        assert window.windowTitle() == "Untitled \u2014 Briefing"
        assert not window.doc.modified
        assert window.panels.outline.current_key() == TITLE_KEY

    def it_shows_the_selected_item_in_the_editor_and_the_preview(self, window: MainWindow) -> None:
        uid = uid_of(window, "spending")
        window.select_key(item_key(uid))
        page = window.panels.editor.current_page()
        assert page is window.panels.editor.pages["impression"]
        title = window.panels.editor.pages["impression"].widgets["title"]
        assert isinstance(title, QLineEdit)
        assert title.text() == window.doc.item(uid).title  # type: ignore[union-attr]
        sketch = window.panels.preview.sketch
        assert sketch is not None and sketch.title == title.text()
        assert sketch.bullets[0] == window.doc.item(uid).impression.points[0]  # type: ignore[union-attr]
        assert not window.panels.preview.grab().isNull()

    def it_starts_without_the_optional_counterpoints(self, window: MainWindow) -> None:
        assert "counterpoint-us-weapons" not in impression_ids(window)


class DescribeAddingFromTheLibrary:
    def it_adds_a_ticked_impression_after_the_selected_slide(self, window: MainWindow) -> None:
        after = uid_of(window, "spending")
        window.select_key(item_key(after))
        click_check(window, library_index(window, "counterpoint-us-weapons"))
        ids = impression_ids(window)
        assert ids[ids.index("spending") + 1] == "counterpoint-us-weapons"
        added = uid_of(window, "counterpoint-us-weapons")
        assert window.panels.outline.current_key() == item_key(added)
        assert window.doc.modified
        assert window.windowTitle().startswith("Untitled*")
        index = library_index(window, "counterpoint-us-weapons")
        assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked

    def it_adds_with_the_button_and_undo_takes_it_out(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        index = library_index(window, "counterpoint-sceptical-view")
        window.panels.library_panel.tree.setCurrentIndex(index)
        button = window.panels.library_panel.add_button
        assert button.isEnabled()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert "counterpoint-sceptical-view" in impression_ids(window)
        assert not button.isEnabled()  # already in the briefing
        window.action.undo.trigger()
        assert "counterpoint-sceptical-view" not in impression_ids(window)
        assert not window.doc.modified
        window.action.redo.trigger()
        assert "counterpoint-sceptical-view" in impression_ids(window)

    def it_removes_an_impression_when_it_is_unticked(self, window: MainWindow) -> None:
        click_check(window, library_index(window, "china"))
        assert "china" not in impression_ids(window)
        window.action.undo.trigger()
        assert "china" in impression_ids(window)

    def it_filters_the_library_by_the_search_box(self, window: MainWindow, qtbot: QtBot) -> None:
        proxy = window.panels.library_panel.proxy
        before = sum(proxy.rowCount(proxy.index(r, 0)) for r in range(proxy.rowCount()))
        qtbot.keyClicks(window.panels.library_panel.search, "Arctic")
        after = sum(proxy.rowCount(proxy.index(r, 0)) for r in range(proxy.rowCount()))
        assert 1 <= after < before
        library_index(window, "china")


class DescribeDraggingFromTheLibrary:
    def _library_mime(self, window: MainWindow, impression_id: str) -> QMimeData:
        """What the library tree hands the drag (through its search filter, as the view does)."""
        index = library_index(window, impression_id)
        proxy = window.panels.library_panel.proxy
        assert proxy.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
        assert window.panels.library_panel.tree.dragEnabled()
        mime = proxy.mimeData([index])
        assert mime.hasFormat(IMPRESSION_MIME)
        return mime

    def it_inserts_a_dropped_impression_at_the_drop_row_in_one_undo_step(
        self, window: MainWindow
    ) -> None:
        model = window.panels.outline_model
        mime = self._library_mime(window, "counterpoint-us-weapons")
        before = [i.uid for i in window.doc.briefing.items]
        steps = window.doc.undo_stack.count()
        copy = Qt.DropAction.CopyAction
        assert model.canDropMimeData(mime, copy, 5, 0, QModelIndex())
        assert model.dropMimeData(mime, copy, 5, 0, QModelIndex())
        uid = uid_of(window, "counterpoint-us-weapons")
        assert model.key_at(5) == item_key(uid)
        items = window.doc.briefing.items
        assert items[5 - model.first_item_row()].uid == uid
        assert [i.uid for i in items if i.uid != uid] == before
        assert window.panels.outline.current_key() == item_key(uid)
        assert window.doc.undo_stack.count() == steps + 1
        index = library_index(window, "counterpoint-us-weapons")
        assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        window.action.undo.trigger()
        assert "counterpoint-us-weapons" not in impression_ids(window)
        assert [i.uid for i in window.doc.briefing.items] == before
        assert not window.doc.modified

    def it_adds_nothing_when_the_impression_is_already_in_the_briefing(
        self, window: MainWindow
    ) -> None:
        model = window.panels.outline_model
        mime = self._library_mime(window, "china")
        before = [i.uid for i in window.doc.briefing.items]
        assert not model.dropMimeData(mime, Qt.DropAction.CopyAction, 3, 0, QModelIndex())
        assert [i.uid for i in window.doc.briefing.items] == before
        assert window.doc.undo_stack.count() == 0
        assert "already in the briefing" in window.statusBar().currentMessage()

    def it_accepts_library_drops_and_its_own_moves_in_the_view(self, window: MainWindow) -> None:
        view = window.panels.outline.view
        assert view.dragDropMode() == view.DragDropMode.DragDrop
        assert view.defaultDropAction() == Qt.DropAction.MoveAction
        model = window.panels.outline_model
        own = model.mimeData([model.index(model.first_item_row(), 0)])
        move = Qt.DropAction.MoveAction
        assert model.canDropMimeData(own, move, 4, 0, QModelIndex())
        assert IMPRESSION_MIME in model.mimeTypes()
        assert model.supportedDropActions() & Qt.DropAction.CopyAction


class DescribeTheOutline:
    def it_moves_the_selected_slide_with_undo_and_redo(self, window: MainWindow) -> None:
        before = [i.uid for i in window.doc.briefing.items]
        uid = uid_of(window, "china")
        window.select_key(item_key(uid))
        window.action.move_up.trigger()
        after = [i.uid for i in window.doc.briefing.items]
        assert after.index(uid) == before.index(uid) - 1
        assert window.panels.outline.current_key() == item_key(uid)
        window.action.undo.trigger()
        assert [i.uid for i in window.doc.briefing.items] == before
        window.action.redo.trigger()
        assert [i.uid for i in window.doc.briefing.items] == after

    def it_moves_a_slide_dropped_in_the_view(self, window: MainWindow) -> None:
        model = window.panels.outline_model
        uid = uid_of(window, "bottom-line")
        row = model.row_of_key(item_key(uid))
        assert model.moveRows(QModelIndex(), row, 1, QModelIndex(), model.first_item_row())
        assert window.doc.briefing.items[0].uid == uid
        window.action.undo.trigger()
        assert window.doc.briefing.items[0].uid != uid

    def it_duplicates_with_a_fresh_id_and_deletes(self, window: MainWindow) -> None:
        uid = uid_of(window, "russia")
        window.select_key(item_key(uid))
        window.action.duplicate.trigger()
        ids = impression_ids(window)
        assert ids[ids.index("russia") + 1] == "russia-copy"
        assert briefing_problems(window.doc.briefing) == []
        window.action.delete.trigger()
        assert "russia-copy" not in impression_ids(window)
        window.action.undo.trigger()
        assert "russia-copy" in impression_ids(window)

    def it_adds_section_dividers_and_text_slides(self, window: MainWindow) -> None:
        n = len(window.doc.briefing.items)
        window.select_key(item_key(uid_of(window, "unity")))
        window.action.add_section.trigger()
        window.action.add_text.trigger()
        items = window.doc.briefing.items
        assert len(items) == n + 2
        position = [i.uid for i in items].index(uid_of(window, "unity"))
        assert isinstance(items[position + 1], SectionItem)
        assert isinstance(items[position + 2], TextItem)
        assert window.panels.editor.current_page() is window.panels.editor.pages["text"]
        window.action.undo.trigger()
        window.action.undo.trigger()
        assert len(window.doc.briefing.items) == n

    def it_cannot_delete_or_move_the_generated_slides(self, window: MainWindow) -> None:
        window.select_key(TITLE_KEY)
        assert not window.action.delete.isEnabled()
        assert not window.action.move_up.isEnabled()
        window.select_key(SOURCES_KEY)
        assert not window.action.duplicate.isEnabled()


class DescribeTheEditor:
    def it_edits_a_key_point_and_undo_restores_it(self, window: MainWindow) -> None:
        uid = uid_of(window, "spending")
        window.select_key(item_key(uid))
        points = window.panels.editor.pages["impression"].widgets["points"]
        assert isinstance(points, ListEditor)
        original = points.values()
        points.list.item(1).setText("Only the Nordics are on course")
        item = window.doc.item(uid)
        assert isinstance(item, ImpressionItem)
        assert item.impression.points[1] == "Only the Nordics are on course"
        window.action.undo.trigger()
        assert item.impression.points == original
        assert points.values() == original
        window.action.redo.trigger()
        assert item.impression.points[1] == "Only the Nordics are on course"
        assert points.values()[1] == "Only the Nordics are on course"

    def it_adds_removes_and_reorders_key_points(self, window: MainWindow) -> None:
        uid = uid_of(window, "unity")
        window.select_key(item_key(uid))
        points = window.panels.editor.pages["impression"].widgets["points"]
        assert isinstance(points, ListEditor)
        item = window.doc.item(uid)
        assert isinstance(item, ImpressionItem)
        original = list(item.impression.points)
        points.list.setCurrentRow(0)
        points.down_button.click()
        assert item.impression.points[:2] == [original[1], original[0]]
        assert points.list.currentRow() == 1
        points.add_button.click()
        assert item.impression.points[2] == "New key point"
        QApplication.processEvents()
        points.list.setCurrentRow(2)
        points.remove_button.click()
        assert item.impression.points == [original[1], original[0], *original[2:]]
        for _ in range(3):
            window.action.undo.trigger()
        assert item.impression.points == original

    def it_undoes_a_burst_of_typing_in_one_step(self, window: MainWindow, qtbot: QtBot) -> None:
        uid = uid_of(window, "china")
        window.select_key(item_key(uid))
        title = window.panels.editor.pages["impression"].widgets["title"]
        assert isinstance(title, QLineEdit)
        original = title.text()
        title.setFocus()
        title.end(False)
        qtbot.keyClicks(title, " today")
        assert window.doc.item(uid).title == original + " today"  # type: ignore[union-attr]
        assert window.panels.outline_model.index_of_key(item_key(uid)).data() == original + " today"
        window.action.undo.trigger()
        assert window.doc.item(uid).title == original  # type: ignore[union-attr]
        assert title.text() == original

    def it_edits_the_narrative_and_notes(self, window: MainWindow, qtbot: QtBot) -> None:
        uid = uid_of(window, "russia")
        window.select_key(item_key(uid))
        notes = window.panels.editor.pages["impression"].widgets["notes"]
        assert isinstance(notes, QPlainTextEdit)
        notes.setPlainText("Say it slowly.")
        item = window.doc.item(uid)
        assert isinstance(item, ImpressionItem)
        assert item.impression.notes == "Say it slowly."
        window.action.undo.trigger()
        assert item.impression.notes != "Say it slowly."

    def it_edits_section_dividers(self, window: MainWindow, qtbot: QtBot) -> None:
        section = next(i for i in window.doc.briefing.items if isinstance(i, SectionItem))
        window.select_key(item_key(section.uid))
        title = window.panels.editor.pages["section"].widgets["title"]
        assert isinstance(title, QLineEdit)
        title.selectAll()
        qtbot.keyClicks(title, "Part one")
        assert section.title == "Part one"
        agenda = window.panels.outline_model.index_of_key(AGENDA_KEY).data(
            Qt.ItemDataRole.UserRole + 2
        )
        assert "Part one" in agenda


class DescribeTemplatesAndProperties:
    def it_switches_the_template_as_an_undoable_edit(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        picker = window.panels.template_picker
        assert picker.currentData() == "navy"
        target = picker.findData("paper")
        assert target >= 0
        picker.setFocus()
        picker.setCurrentIndex(target)
        picker.activated.emit(target)
        assert window.doc.briefing.template == "paper"
        window.action.undo.trigger()
        assert window.doc.briefing.template == "navy"
        assert picker.currentData() == "navy"

    def it_edits_the_briefing_properties_in_the_dialog(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        def fill() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, PropertiesDialog)
            dialog.title.setText("NATO after The Hague")
            dialog.audience.setText("The minister")
            dialog.marking.setCurrentText("OFFICIAL")
            dialog.accept()

        QTimer.singleShot(0, fill)
        window.action.properties.trigger()
        b = window.doc.briefing
        assert (b.title, b.audience, b.marking) == (
            "NATO after The Hague",
            "The minister",
            "OFFICIAL",
        )
        assert window.panels.outline_model.index(0, 0).data() == "NATO after The Hague"
        window.action.undo.trigger()
        assert b.title == "The State of NATO"
        assert window.doc.undo_stack.count() == 1


def test_window_can_be_made_twice(make_window: Callable[..., MainWindow]) -> None:
    first = make_window()
    second = make_window()
    assert first.files.recovery.path != second.files.recovery.path


class DescribeKeyboard:
    def it_sends_ctrl_z_in_a_field_to_the_briefing_undo_stack(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        uid = uid_of(window, "china")
        window.select_key(item_key(uid))
        window.select_key(SOURCES_KEY)
        window.select_key(item_key(uid))
        judgement = window.panels.editor.pages["impression"].widgets["key_judgement"]
        assert isinstance(judgement, QPlainTextEdit)
        original = judgement.toPlainText()
        judgement.setFocus()
        judgement.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.waitUntil(judgement.hasFocus)
        qtbot.keyClicks(judgement, "!!")
        assert window.doc.item(uid).impression.key_judgement == original + "!!"  # type: ignore[union-attr]
        qtbot.keyClick(judgement, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert window.doc.item(uid).impression.key_judgement == original  # type: ignore[union-attr]
        assert judgement.toPlainText() == original
        assert window.doc.undo_stack.index() == 0

    def it_names_its_controls_for_assistive_technology(self, window: MainWindow) -> None:
        for widget in (
            window.panels.library_panel.search,
            window.panels.library_panel.tree,
            window.panels.outline.view,
            window.panels.template_picker,
            window.panels.preview,
            *window.panels.editor.pages["impression"].widgets.values(),
        ):
            assert widget.accessibleName(), widget

    def it_moves_focus_from_the_library_to_the_outline_with_tab(
        self, window: MainWindow, qtbot: QtBot
    ) -> None:
        panel = window.panels.library_panel
        panel.search.setFocus()
        qtbot.waitUntil(panel.search.hasFocus)
        seen = []
        for _ in range(3):
            focused = QApplication.focusWidget()
            assert focused is not None
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
            seen.append(QApplication.focusWidget())
        assert seen[0] is panel.tree
        assert window.panels.outline.view in seen[1:]
