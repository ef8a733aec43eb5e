"""Live chart pictures: a chart spec drawn with the core's renderer off the GUI thread.

The editor's chart preview and the slide preview both show the picture of the selected chart.
Requests are debounced (a burst of edits draws once, when it pauses) and cached by what they
show; a spec that does not fit its data gives the core's message instead of a picture.
"""

from __future__ import annotations

import copy
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from briefing.gui import background
from briefing.model import ChartSpec

if TYPE_CHECKING:
    from briefing.charts.table import SeriesTable
    from briefing.data import Dataset
    from briefing.deck.registry import Palette

DEBOUNCE_MS = 300
CACHE_SIZE = 24
PREVIEW_DPI = 110

# Picture sizes (inches) close to where the chart sits on a slide: a chart slide gives the chart
# the width of the slide; an impression puts it beside the points.
CHART_SLIDE_SIZE = (10.0, 4.6)
BESIDE_POINTS_SIZE = (5.8, 4.4)


@dataclass(frozen=True)
class RenderRequest:
    spec: ChartSpec
    base: Path | None = None  # where relative data-file paths start (the project's folder)
    palette: Palette | None = None
    font: str = "Calibri"
    size: tuple[float, float] = CHART_SLIDE_SIZE
    dpi: int = PREVIEW_DPI

    def key(self) -> str:
        return json.dumps(
            {
                "spec": self.spec.to_dict(),
                "base": str(self.base) if self.base else None,
                "palette": repr(self.palette),
                "font": self.font,
                "size": self.size,
                "dpi": self.dpi,
            },
            sort_keys=True,
        )


@dataclass
class RenderResult:
    key: str
    image: QImage | None = None
    error: str = ""
    dataset: str = ""
    dataset_title: str = ""
    unit: str = ""
    countries: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    table: SeriesTable | None = None  # what the picture shows (categories, series, values)


# -- the work (worker thread; no widgets) ----------------------------------------------------

_datasets: dict[tuple[str, str, str], tuple[float, Dataset]] = {}
_datasets_lock = threading.Lock()


def _stamp(ref: str, base: Path | None) -> float:
    path = Path(ref).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def load_dataset(ref: str, base: Path | None = None, sheet: str = "") -> Dataset:
    """The core's dataset for ``ref`` (a bundled id or a file), kept while the file is unchanged."""
    from briefing.deck.charting import load_dataset as core_load

    key = (ref, str(base or ""), sheet)
    stamp = _stamp(ref, base)
    with _datasets_lock:
        hit = _datasets.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
    dataset = core_load(ref, base, sheet)
    with _datasets_lock:
        _datasets[key] = (stamp, dataset)
    return dataset


def render(request: RenderRequest, key: str) -> RenderResult:
    """Draw ``request`` as the deck would (the core's table and picture renderer)."""
    from briefing.charts import build_table, render_png
    from briefing.deck.charting import chart_style
    from briefing.errors import BriefingError

    spec = request.spec
    result = RenderResult(key, dataset=spec.dataset)
    if not spec.dataset.strip():
        result.error = "Choose a dataset to draw the chart."
        return result
    try:
        dataset = load_dataset(spec.dataset, request.base, spec.sheet)
    except BriefingError as exc:
        result.error = str(exc)
        return result
    result.dataset_title = dataset.info.title
    result.unit = dataset.info.unit
    result.countries = dataset.countries()
    result.years = dataset.years()
    result.warnings = list(dataset.warnings)
    try:
        x_dataset = (
            load_dataset(spec.x_dataset, request.base)
            if spec.kind == "scatter" and spec.x_dataset
            else None
        )
        table = build_table(spec, dataset, x_dataset=x_dataset)
        style = chart_style(request.palette, [], request.font)
        width, height = request.size
        result.table = table
        png = render_png(table, style, width, height, request.dpi, draw_source=True)
    except BriefingError as exc:
        result.error = str(exc)
        return result
    except (ValueError, KeyError, TypeError, ArithmeticError) as exc:  # a bug, said plainly
        result.error = f"The chart could not be drawn ({type(exc).__name__}: {exc})."
        return result
    image = QImage.fromData(png)
    if image.isNull():
        result.error = "The chart picture could not be read."
    else:
        result.image = image
    return result


# -- the service (GUI thread) ----------------------------------------------------------------


class ChartRenderer(QObject):
    """Draws the chart views ask for: one request at a time, the latest one wins."""

    finished = Signal(object)  # RenderResult
    started = Signal(str)  # the key being drawn

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._cache: OrderedDict[str, RenderResult] = OrderedDict()
        self._pending: tuple[str, RenderRequest] | None = None
        self._running: str | None = None
        self._token = 0
        self.wanted = ""  # the key of the latest request
        self.renders = 0  # how many pictures were drawn (tests count them)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start_pending)

    def result(self, key: str) -> RenderResult | None:
        return self._cache.get(key)

    @property
    def busy(self) -> bool:
        return self._running is not None or self._pending is not None

    def request(self, request: RenderRequest, *, now: bool = False) -> str:
        """Ask for a picture; ``finished`` brings it (at once when it is cached). Returns its
        key, which views compare with the results they get."""
        request = RenderRequest(
            copy.deepcopy(request.spec),
            request.base,
            request.palette,
            request.font,
            request.size,
            request.dpi,
        )
        key = request.key()
        self.wanted = key
        cached = self._cache.get(key)
        if cached is not None:
            self._pending = None
            self._timer.stop()
            self._cache.move_to_end(key)
            self.finished.emit(cached)
            return key
        if self._running == key:
            self._pending = None
            self._timer.stop()
            return key
        self._pending = (key, request)
        if now:
            self._timer.stop()
            self._start_pending()
        else:
            self._timer.start()
        self.started.emit(key)
        return key

    def _start_pending(self) -> None:
        if self._pending is None or self._running is not None:
            return  # a drawing is under way: the pending one starts when it ends
        key, request = self._pending
        self._pending = None
        self._running = key
        self._token = background.submit(
            lambda: render(request, key), self, self._done, self._failed
        )

    def _done(self, result: object) -> None:
        self._running = None
        if isinstance(result, RenderResult):
            self.renders += 1
            self._cache[result.key] = result
            self._cache.move_to_end(result.key)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
            self.finished.emit(result)
        self._start_pending()

    def _failed(self, exc: BaseException, _details: str) -> None:
        key, self._running = self._running or "", None
        self.finished.emit(RenderResult(key, error=f"The chart could not be drawn ({exc})."))
        self._start_pending()

    def forget_files(self) -> None:
        """Drop cached pictures (data files may have changed on disk)."""
        self._cache.clear()

    def shutdown(self) -> None:
        """Stop drawing: nothing pending, the running picture is not wanted."""
        self._timer.stop()
        self._pending = None
        if self._running is not None:
            background.forget(self._token)
            self._running = None
