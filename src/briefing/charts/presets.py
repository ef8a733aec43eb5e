"""Ready-made chart specs that the bundled content library refers to by id.

Impressions list chart ids in their ``charts`` field (``"spending-2025-ranked"``...); these are
the specs behind those ids. Each call returns fresh copies, so callers may edit them.
"""

from __future__ import annotations

from briefing.model.chart import ChartSpec, ReferenceLine

# NATO's 2014 Wales guideline and the 2025 Hague pledge (3.5% core defence + 1.5% related, by 2035).
NATO_LINES: tuple[ReferenceLine, ...] = (
    ReferenceLine(2.0, "2% guideline"),
    ReferenceLine(3.5, "3.5% core (2035)"),
    ReferenceLine(5.0, "5% total (2035)"),
)

TREND_COUNTRIES: tuple[str, ...] = (
    "Poland",
    "Estonia",
    "Germany",
    "France",
    "Italy",
    "Spain",
    "United Kingdom",
    "United States",
)


def preset_specs() -> dict[str, ChartSpec]:
    """The bundled chart specs by id."""
    specs = [
        ChartSpec(
            id="spending-2025-ranked",
            dataset="sipri-gdp-share",
            kind="bar",
            countries=["allies"],
            years=[2025],
            sort="desc",
            reference_lines=list(NATO_LINES),
            data_labels=True,
            title="Military spending as a share of GDP, 2025",
        ),
        ChartSpec(
            id="trend-2014-2025",
            dataset="sipri-gdp-share",
            kind="line",
            countries=list(TREND_COUNTRIES),
            years=(2014, 2025),
            reference_lines=[NATO_LINES[0]],
            data_labels=True,
            title="Military spending as a share of GDP, 2014-2025",
        ),
        ChartSpec(
            id="europe-vs-us",
            dataset="sipri-constant-usd",
            kind="column",
            countries=["european-allies-and-canada", "United States"],
            years=(2014, 2025),
            group_totals=True,
            number_format="#,##0,",
            python_format="{:,.0f}",
            y_title="US$ bn (constant 2024 prices)",
            title="Military spending: European allies and Canada against the United States",
        ),
    ]
    return {spec.id: spec for spec in specs}


def preset(chart_id: str) -> ChartSpec | None:
    """The bundled spec with this id, or None."""
    return preset_specs().get(chart_id)
