"""Bringing files in: templates (installed and chosen) and data files (previewed, then charted),
from a file dialog or dropped anywhere on the window."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTimer
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QWidget,
)

from briefing.deck.registry import TEMPLATE_SUFFIXES
from briefing.errors import BriefingError
from briefing.gui import fields
from briefing.gui.chart_render import ChartRenderer
from briefing.gui.document import Document
from briefing.gui.window.messages import Messages
from briefing.gui.window.store import SettingsStore
from briefing.model import ChartItem, ChartSpec, ImpressionItem, Item

if TYPE_CHECKING:
    from briefing.gui.data_import import ImportDialog

DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".ods")
DATA_FILTER = "Data files (*.csv *.tsv *.txt *.xlsx *.xlsm *.ods);;All files (*)"
TEMPLATE_DROP_SUFFIXES = (*TEMPLATE_SUFFIXES, ".zip")
TEMPLATE_FILTER = "Templates (*.pptx *.potx *.pptm *.zip);;All files (*)"


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local files a drag carries that briefing can import (data files and templates)."""
    if not mime.hasUrls():
        return []
    found: list[Path] = []
    for url in mime.urls():
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.suffix.lower() in (*DATA_SUFFIXES, *TEMPLATE_DROP_SUFFIXES):
            found.append(path)
    return found


class _DropForwarder(QObject):
    """Sends drags of importable files over text fields to ``drop``, as text fields would
    otherwise paste the files' names."""

    def __init__(self, drop: Callable[[QDropEvent], None], parent: QObject) -> None:
        super().__init__(parent)
        self._drop = drop

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        if not isinstance(event, QDropEvent) or not dropped_files(event.mimeData()):
            return False
        if kind == QEvent.Type.Drop:
            self._drop(event)
        else:
            event.acceptProposedAction()
        return True


class ImportController(QObject):
    """Imports for the window. ``insert`` adds a new chart slide after the selected slide;
    ``templates_changed`` asks the window to list the templates again."""

    def __init__(
        self,
        window: QMainWindow,
        doc: Document,
        charts: ChartRenderer,
        current_item: Callable[[], Item | None],
        insert: Callable[[Item, str], None],
        reload_templates: Callable[[], None],
        base_dir: Callable[[], Path | None],
        store: SettingsStore,
        messages: Messages,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._doc = doc
        self._charts = charts
        self._current_item = current_item
        self._insert = insert
        self._reload_templates = reload_templates
        self._base_dir = base_dir
        self._store = store
        self._messages = messages
        self.import_dialog: ImportDialog | None = None
        self.drop_forwarder = _DropForwarder(self.drop, self)

    def _dialog_dir(self) -> str:
        return self._store.dialog_dir(self._doc.path)

    # -- templates -------------------------------------------------------------------------

    def import_template_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self._window, "Import template", self._dialog_dir(), TEMPLATE_FILTER
        )
        if name:
            self.import_template_file(Path(name))

    def import_template_file(self, path: Path) -> bool:
        """Install a template file or pack into the user's templates and use it."""
        from briefing.deck.sharing import import_template

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            entry = import_template(path)
        except BriefingError as exc:
            self._messages.error("The template cannot be imported", exc)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self._reload_templates()
        self._doc.edit_briefing_field("template", entry.id)
        self._messages.status(f"Imported the template \u201c{entry.name}\u201d", 6000)
        return True

    # -- data files ------------------------------------------------------------------------

    def _chart_uid(self) -> str:
        """The selected slide's uid when it can have a chart, else "" (a new chart slide)."""
        item = self._current_item()
        return item.uid if isinstance(item, ImpressionItem | ChartItem) else ""

    def choose_data_for_current(self) -> None:
        self.choose_data_file(self._chart_uid())

    def choose_data_file(self, uid: str) -> None:
        """Ask for a data file for the chart of ``uid`` (a new chart slide when empty)."""
        name, _ = QFileDialog.getOpenFileName(
            self._window, "Chart a data file", self._dialog_dir(), DATA_FILTER
        )
        if name:
            self.import_data_file(Path(name), uid)

    def import_data_file(self, path: Path, uid: str | None = None) -> ImportDialog:
        """Show what the importer makes of ``path``; if the user accepts, the chart of ``uid``
        (by default the selected slide's; a new chart slide when it has none) uses it."""
        from briefing.gui.data_import import ImportDialog

        if uid is None:
            uid = self._chart_uid()
        if self.import_dialog is not None:
            self.import_dialog.close()
        dialog = ImportDialog(path, self._window, sheet=self._sheet_of(uid, path))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self.use_data(dialog, uid or ""))
        dialog.destroyed.connect(self._import_dialog_gone)
        self.import_dialog = dialog
        dialog.load()
        dialog.open()
        return dialog

    def _data_path(self, ref: str) -> Path | None:
        """The data file a chart's dataset names (None for a bundled dataset)."""
        if not ref or not Path(ref).suffix:
            return None
        path = Path(ref).expanduser()
        base = self._base_dir()
        return base / path if not path.is_absolute() and base is not None else path

    def _spec_of(self, uid: str) -> ChartSpec | None:
        item = self._doc.item(uid) if uid else None
        return item.chart if isinstance(item, ImpressionItem | ChartItem) else None

    def _sheet_of(self, uid: str, path: Path) -> str:
        """The sheet the chart of ``uid`` reads when it reads ``path`` (to show it first)."""
        spec = self._spec_of(uid)
        if spec is None or not spec.sheet:
            return ""
        current = self._data_path(spec.dataset)
        try:
            same = current is not None and current.resolve() == path.resolve()
        except OSError:
            same = False
        return spec.sheet if same else ""

    def choose_sheet(self, uid: str) -> ImportDialog | None:
        """Show the workbook the chart of ``uid`` reads, to choose another of its sheets."""
        spec = self._spec_of(uid)
        path = self._data_path(spec.dataset) if spec is not None else None
        if path is None:
            return None
        if not path.is_file():
            self._messages.error(
                "The data file cannot be found",
                BriefingError(f"{path} does not exist; choose the file again with File\u2026."),
            )
            return None
        return self.import_data_file(path, uid)

    def _import_dialog_gone(self, *_args: object) -> None:
        self.import_dialog = None

    def use_data(self, dialog: ImportDialog, uid: str) -> None:
        """The user accepted the import preview: the chart of ``uid`` draws the file (a new
        chart slide when ``uid`` has no chart and is not an impression)."""
        ref = str(dialog.path.resolve())
        sheet = dialog.sheet_name
        where = f"{dialog.path.name} ({sheet})" if sheet else dialog.path.name
        self._charts.forget_files()
        item = self._doc.item(uid) if uid else None
        if isinstance(item, ImpressionItem | ChartItem) and item.chart is not None:
            spec = copy.deepcopy(item.chart)
            what = "data sheet" if spec.dataset == ref and spec.sheet != sheet else "dataset"
            spec.dataset = ref
            spec.sheet = sheet
            self._doc.edit_chart(item.uid, spec, what)
            self._messages.status(f"The chart now draws {where}", 6000)
            return
        latest = dialog.latest_year()
        renderer = self._store.settings.default_renderer
        spec = ChartSpec(
            id=fields.fresh_chart_id(self._doc.briefing, dialog.path.stem.lower()),
            dataset=ref,
            sheet=sheet,
            kind="bar",
            years=[latest] if latest else [],
            sort="desc" if latest else "none",
            data_labels=True,
            title=dialog.path.stem,
            renderer="image" if renderer == "image" else "native",
        )
        if isinstance(item, ImpressionItem):
            self._doc.edit_chart(item.uid, spec, "chart")
        else:
            self._insert(ChartItem(dialog.path.stem, spec), f"Add a chart of {dialog.path.name}")

    # -- dropping files --------------------------------------------------------------------

    def forward_drops_in(self, parent: QWidget) -> None:
        """Text fields take a dragged file's name as text; lists and trees refuse foreign
        drops, which then reach the window by themselves."""
        for field in parent.findChildren(QLineEdit):
            field.installEventFilter(self.drop_forwarder)
        for text in parent.findChildren(QPlainTextEdit):
            text.viewport().installEventFilter(self.drop_forwarder)

    def drag(self, event: QDropEvent) -> None:
        """A drag enters or moves over the window: take it when it carries files to import."""
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def drop(self, event: QDropEvent) -> None:
        """A template is imported and chosen; a data file is charted (after its preview)."""
        files = dropped_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        path = files[0]
        if path.suffix.lower() in TEMPLATE_DROP_SUFFIXES:
            QTimer.singleShot(0, self, lambda: self.import_template_file(path))
        else:
            self.import_data_file(path)
