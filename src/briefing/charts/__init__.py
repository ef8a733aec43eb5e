"""Charts: a ChartSpec and a Dataset become a SeriesTable, drawn as a native chart or a picture.

Nothing here imports python-pptx; pandas and matplotlib are imported inside the functions that
need them, and each name loads its module on first use, so importing this package is cheap (a
deck of native charts never loads the picture code).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# ``alt_text`` names a module and its function: imported here, the function wins, as it must.
from briefing.charts.alt_text import alt_text, data_summary
from briefing.lazy import exports

if TYPE_CHECKING:
    from briefing.charts.image import RenderJob, RenderStats, render_many, render_png
    from briefing.charts.style import DEFAULT_STYLE, ChartStyle
    from briefing.charts.table import Series, SeriesTable, build_table

_WHERE = {
    "briefing.charts.image": ("RenderJob", "RenderStats", "render_many", "render_png"),
    "briefing.charts.style": ("DEFAULT_STYLE", "ChartStyle"),
    "briefing.charts.table": ("Series", "SeriesTable", "build_table"),
}

__all__ = [
    "DEFAULT_STYLE",
    "ChartStyle",
    "RenderJob",
    "RenderStats",
    "Series",
    "SeriesTable",
    "alt_text",
    "build_table",
    "data_summary",
    "render_many",
    "render_png",
]

__getattr__, __dir__ = exports(__name__, _WHERE, globals())
