"""Charts: a ChartSpec and a Dataset become a SeriesTable, drawn as a native chart or a picture.

Nothing here imports python-pptx; pandas and matplotlib are imported inside the functions that
need them, so importing this package is cheap.
"""

from briefing.charts.alt_text import alt_text, data_summary
from briefing.charts.image import RenderJob, RenderStats, render_many, render_png
from briefing.charts.style import DEFAULT_STYLE, ChartStyle
from briefing.charts.table import Series, SeriesTable, build_table

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
