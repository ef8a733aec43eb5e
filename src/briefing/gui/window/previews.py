"""What the preview shows for the selected slide: its approximate sketch in the template's look
with the chart as the renderer draws it, or its page of the exact preview (the built deck as
LibreOffice draws it) while that is current."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from briefing.deck.registry import TemplateEntry
from briefing.errors import BriefingError
from briefing.gui.chart_render import (
    BESIDE_POINTS_SIZE,
    CHART_SLIDE_SIZE,
    ChartRenderer,
    RenderRequest,
    RenderResult,
)
from briefing.gui.document import Document
from briefing.gui.sketch import sketch_for
from briefing.gui.templates import look_of
from briefing.gui.window.messages import Messages
from briefing.gui.window.panels import Panels
from briefing.gui.worker import Task
from briefing.model import ChartItem, ImpressionItem

if TYPE_CHECKING:
    from briefing.gui.exact import ExactPages


def exact_unavailable_reason() -> str:
    """Why the exact preview cannot run here (no LibreOffice or page renderer), or ""."""
    from briefing.gui.exact import unavailable_reason

    return unavailable_reason()


class PreviewController(QObject):
    """Keeps the preview in step with the selection, the briefing and the template;
    ``busy_changed`` says an exact preview started or ended."""

    busy_changed = Signal()

    def __init__(
        self,
        doc: Document,
        panels: Panels,
        charts: ChartRenderer,
        template: Callable[[], TemplateEntry | None],
        base_dir: Callable[[], Path | None],
        messages: Messages,
    ) -> None:
        super().__init__(panels.preview)
        self._doc = doc
        self._panels = panels
        self._charts = charts
        self._template = template
        self._base_dir = base_dir
        self._messages = messages
        self.preview = panels.preview
        self.exact: ExactPages | None = None
        self.exact_task: Task | None = None
        self.exact_progress = 0.0
        self.exact_unavailable = exact_unavailable_reason()
        charts.finished.connect(self._chart_rendered)

    @property
    def exact_busy(self) -> bool:
        return self.exact_task is not None

    # -- the approximate preview -------------------------------------------------------------

    def update(self) -> None:
        """Show the selected slide as the briefing and template are now."""
        key = self._panels.current_key()
        self.preview.set_look(look_of(self._template()))
        self._request_chart()
        self._show_exact_page()
        if not key:
            self.preview.set_sketch(None)
            return
        row = self._panels.outline_model.row_of_key(key)
        self.preview.set_sketch(sketch_for(self._doc.briefing, key, row + 1))

    def _request_chart(self) -> None:
        """Draw the selected slide's chart (debounced); both previews show it."""
        item = self._panels.current_item()
        spec = item.chart if isinstance(item, ImpressionItem | ChartItem) else None
        if spec is None:
            self._charts.wanted = ""
            self.preview.set_chart_image(None)
            return
        entry = self._template()
        manifest = entry.manifest if entry is not None else None
        request = RenderRequest(
            spec,
            self._base_dir(),
            manifest.palette if manifest is not None else None,
            manifest.body_font if manifest is not None and manifest.body_font else "Calibri",
            CHART_SLIDE_SIZE if isinstance(item, ChartItem) else BESIDE_POINTS_SIZE,
        )
        key = self._charts.request(request)
        cached = self._charts.result(key)
        self.preview.set_chart_image(cached.image if cached is not None else None)

    def _chart_rendered(self, result: object) -> None:
        if isinstance(result, RenderResult) and result.key == self._charts.wanted:
            self.preview.set_chart_image(result.image)

    # -- the exact preview -------------------------------------------------------------------

    def render_exact_preview(self) -> bool:
        """Build the deck and convert it with LibreOffice in a worker; show the pages."""
        if self.exact_unavailable:
            self._messages.error(
                "The exact preview is not available", BriefingError(self.exact_unavailable)
            )
            return False
        if self.exact_task is not None:
            return False
        from briefing.gui.exact import exact_preview_job, fingerprint

        snapshot = copy.deepcopy(self._doc.briefing)
        shown = fingerprint(snapshot)
        task = Task(exact_preview_job(snapshot, self._template(), self._base_dir()), self)
        task.progress.connect(self._exact_progress)
        task.succeeded.connect(lambda result: self._exact_done(result, shown))
        task.failed.connect(self._exact_failed)
        task.finished.connect(self._exact_finished)
        self.exact_task = task
        self.exact_progress = 0.0
        self._panels.preview_panel.set_status("Rendering the exact preview\u2026")
        self.busy_changed.emit()
        task.start_task()
        return True

    def _exact_progress(self, fraction: float, message: str) -> None:
        self.exact_progress = fraction
        self._panels.preview_panel.set_status(f"{message} ({fraction:.0%})")

    def _exact_done(self, result: object, shown: str) -> None:
        from briefing.gui.exact import ExactPages

        if not isinstance(result, ExactPages):
            return
        result.fingerprint = shown
        self.exact = result
        self._show_exact_page()
        if not self.exact_is_current():
            self._messages.status(
                "The briefing changed while the exact preview was rendered; render it again",
                8000,
            )

    def _exact_failed(self, exc: object, details: str) -> None:
        self._panels.preview_panel.set_status("The exact preview failed")
        error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        self._messages.error("The exact preview could not be rendered", error, details)

    def _exact_finished(self) -> None:
        task = self.exact_task
        self.exact_task = None
        if task is not None:
            task.deleteLater()
        self._show_exact_page()
        self.busy_changed.emit()

    def exact_is_current(self) -> bool:
        return self.exact is not None and self.exact.shows(self._doc.briefing)

    def _show_exact_page(self) -> None:
        panel = self._panels.preview_panel
        if self.exact_task is not None:
            self.preview.set_page(None)
            return
        exact = self.exact
        if exact is None:
            self.preview.set_page(None)
            panel.set_status("")
            return
        if not self.exact_is_current():
            self.preview.set_page(None)
            panel.set_status(
                "Exact preview out of date",
                "The briefing changed since the exact preview was rendered; render it again.",
            )
            return
        page = exact.page_for(self._panels.current_key())
        self.preview.set_page(page)
        panel.set_status(
            f"Exact preview: {len(exact.pages)} pages"
            if page is not None
            else "This slide is not in the exact preview"
        )

    def shutdown(self) -> None:
        """The window closes: stop a running exact preview."""
        if self.exact_task is not None:
            self.exact_task.cancel()
            self.exact_task.wait()
