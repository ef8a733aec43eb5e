"""The Qt models over the briefing and the library: consistent for Qt, in step with the model."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from briefing.gui import roles
from briefing.gui.document import Document
from briefing.gui.library_model import (
    IMPRESSION_MIME,
    LibraryFilter,
    LibraryModel,
    group_impressions,
    impression_ids_from_mime,
)
from briefing.gui.outline_model import (
    AGENDA_KEY,
    SOURCES_KEY,
    TITLE_KEY,
    OutlineModel,
    item_key,
)
from briefing.library import Library, default_briefing, load_library
from briefing.model import Briefing, SectionItem, TextItem


def a_document() -> Document:
    return Document(default_briefing())


class DescribeTheOutlineModel:
    def it_lists_title_agenda_items_and_sources_in_deck_order(self) -> None:
        doc = a_document()
        model = OutlineModel(doc)
        keys = model.row_keys()
        assert keys[0] == TITLE_KEY
        assert keys[1] == AGENDA_KEY
        assert keys[-1] == SOURCES_KEY
        assert keys[2:-1] == [item_key(item.uid) for item in doc.briefing.items]
        titles = [model.index(r, 0).data() for r in range(2, model.rowCount() - 1)]
        assert titles == [item.title for item in doc.briefing.items]

    def it_passes_the_qt_model_tester_through_edits(self, qtmodeltester: ModelTester) -> None:
        doc = a_document()
        model = OutlineModel(doc)
        qtmodeltester.check(model)
        first = doc.briefing.items[0].uid
        doc.move_item(first, 4)
        doc.insert_items(2, [SectionItem("New part")], "add")
        doc.remove_items([doc.briefing.items[3].uid])
        doc.undo_stack.undo()
        doc.undo_stack.undo()
        doc.undo_stack.undo()
        assert doc.briefing.items[0].uid == first
        doc.load(Briefing(title="Empty"), None)
        assert model.row_keys() == [TITLE_KEY]

    def it_drops_the_agenda_and_sources_rows_when_nothing_feeds_them(self) -> None:
        doc = Document(Briefing(title="Small"))
        model = OutlineModel(doc)
        assert model.row_keys() == [TITLE_KEY]
        doc.insert_items(0, [TextItem("Words", ["One"])], "add")
        assert model.row_keys()[:2] == [TITLE_KEY, AGENDA_KEY]
        assert SOURCES_KEY not in model.row_keys()

    def it_moves_rows_as_a_drop_does_with_one_undoable_step(self) -> None:
        doc = a_document()
        model = OutlineModel(doc)
        uids = [item.uid for item in doc.briefing.items]
        first = model.first_item_row()
        # drag the first item to below the third (a drop "before row first+3")
        assert model.moveRows(QModelIndex(), first, 1, QModelIndex(), first + 3)
        assert [i.uid for i in doc.briefing.items][:3] == [uids[1], uids[2], uids[0]]
        assert doc.undo_stack.count() == 1
        doc.undo_stack.undo()
        assert [i.uid for i in doc.briefing.items] == uids

    def it_refuses_to_move_the_generated_slides(self) -> None:
        doc = a_document()
        model = OutlineModel(doc)
        assert not model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 5)
        assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
        assert model.flags(model.index(2, 0)) & Qt.ItemFlag.ItemIsDragEnabled

    def it_keeps_drops_after_the_title_and_agenda(self) -> None:
        doc = a_document()
        model = OutlineModel(doc)
        last = model.rowCount() - 2
        moved = model.key_at(last)
        assert model.moveRows(QModelIndex(), last, 1, QModelIndex(), 0)
        assert model.key_at(model.first_item_row()) == moved


class DescribeTheLibraryModel:
    def it_groups_impressions_by_their_first_tag(self) -> None:
        library = load_library()
        groups = group_impressions(library.impressions())
        assert sum(len(g.impressions) for g in groups) == len(library.entries)
        for group in groups:
            assert all(imp.tags[0] == group.tag for imp in group.impressions)

    def it_passes_the_qt_model_tester(self, qtmodeltester: ModelTester) -> None:
        doc = a_document()
        model = LibraryModel(load_library(), doc)
        qtmodeltester.check(model)
        doc.remove_items([doc.briefing.items[1].uid])
        model.set_library(Library())
        assert model.rowCount() == 0

    def it_passes_the_qt_model_tester_behind_the_search_filter(
        self, qtmodeltester: ModelTester
    ) -> None:
        model = LibraryModel(load_library(), a_document())
        proxy = LibraryFilter()
        proxy.setSourceModel(model)
        qtmodeltester.check(proxy)
        proxy.setFilterFixedString("china")
        assert proxy.rowCount() >= 1

    def it_drags_impressions_as_their_ids_into_the_outline(
        self, qtmodeltester: ModelTester
    ) -> None:
        doc = a_document()
        library = LibraryModel(load_library(), doc)
        outline = OutlineModel(doc, impressions=library.impression)
        group = library.index(0, 0)
        assert not library.flags(group) & Qt.ItemFlag.ItemIsDragEnabled
        index = library.index(0, 0, group)
        assert library.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
        assert library.mimeTypes() == [IMPRESSION_MIME]
        imp_id = index.data(roles.IMPRESSION_ID)
        mime = library.mimeData([index, index])
        assert impression_ids_from_mime(mime) == [imp_id]
        doc.remove_items([i.uid for i in doc.briefing.items if getattr(i, "impression", None)])
        steps = doc.undo_stack.count()
        assert outline.dropMimeData(mime, Qt.DropAction.CopyAction, -1, 0, QModelIndex())
        assert imp_id in doc.impression_ids()
        assert doc.undo_stack.count() == steps + 1
        assert not OutlineModel(doc).canDropMimeData(
            mime, Qt.DropAction.CopyAction, 2, 0, QModelIndex()
        )
        qtmodeltester.check(library)
        qtmodeltester.check(outline)

    def it_checks_the_impressions_in_the_briefing_and_asks_to_add_the_others(self) -> None:
        doc = a_document()
        model = LibraryModel(load_library(), doc)
        in_briefing = doc.impression_ids()
        asked: list[str] = []
        model.add_requested.connect(lambda imp: asked.append(imp.id))
        for row in range(model.rowCount()):
            parent = model.index(row, 0)
            for child in range(model.rowCount(parent)):
                index = model.index(child, 0, parent)
                imp_id = index.data(roles.IMPRESSION_ID)
                state = index.data(Qt.ItemDataRole.CheckStateRole)
                expected = imp_id in in_briefing
                assert (state == Qt.CheckState.Checked) == expected
                if not expected:
                    model.setData(
                        index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
                    )
        assert asked and not set(asked) & in_briefing
