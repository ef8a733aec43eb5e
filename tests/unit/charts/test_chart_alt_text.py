"""Alt text and the speaker-notes data summary say what the chart shows."""

from __future__ import annotations

from briefing.charts.alt_text import alt_text, data_summary
from briefing.charts.table import build_table
from briefing.data.dataset import Dataset
from briefing.model.chart import ChartSpec, ReferenceLine

LINES = [ReferenceLine(2.0, "2% guideline"), ReferenceLine(3.5, "")]


class DescribeAltText:
    def it_describes_a_ranked_bar_chart(self, shares: Dataset) -> None:
        spec = ChartSpec(
            id="c", dataset="x", kind="bar", years=[2023], sort="desc", reference_lines=LINES
        )
        text = alt_text(build_table(spec, shares))
        assert text.startswith(
            "Ranked horizontal bar chart of defence expenditure as a share of GDP in 2023 "
            "for Poland, Estonia, Lithuania, Latvia, Germany and Spain (NATO)."
        )
        assert "Highest: Poland 3.9%; lowest: Spain 1.2%." in text
        assert "2 of 6 are below the 2% guideline." in text
        assert "5 of 6 are below the 3.5% line." in text
        assert "No data for Iceland." in text

    def it_counts_countries_when_they_are_many(self, dataset_factory: type) -> None:
        ds = dataset_factory([(f"Country {i}", 2024, float(i), False) for i in range(12)])
        spec = ChartSpec(id="c", dataset="x", kind="bar", years=[2024])
        assert "in 2024 for 12 countries (NATO)." in alt_text(build_table(spec, ds))

    def it_counts_allies_when_the_chart_shows_the_alliance(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", kind="bar", countries=["allies"], years=[2023])
        assert "for 6 allies (NATO)" in alt_text(build_table(spec, shares))

    def it_names_a_few_countries(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", countries=["Poland", "Spain"], years=[2023])
        assert "for Poland and Spain (NATO)" in alt_text(build_table(spec, shares))

    def it_describes_a_trend(self, shares: Dataset) -> None:
        spec = ChartSpec(
            id="c",
            dataset="x",
            kind="line",
            countries=["Poland", "Germany"],
            reference_lines=[LINES[0]],
        )
        text = alt_text(build_table(spec, shares))
        assert text.startswith(
            "Line chart of defence expenditure as a share of GDP from 2020 "
            "to 2024 for Poland and Germany (NATO)."
        )
        assert "In 2024, highest: Poland 4.1%; lowest: Germany 2.1%." in text
        assert "Largest rise: Poland, from 2.2% in 2020 to 4.1% in 2024." in text
        assert "In 2024, none is below the 2% guideline." in text
        assert "2024 figures are NATO estimates." in text

    def it_describes_one_series_over_time(self, shares: Dataset) -> None:
        spec = ChartSpec(
            id="c", dataset="x", kind="column", countries=["Germany"], reference_lines=[LINES[0]]
        )
        text = alt_text(build_table(spec, shares))
        assert "It rises from 1.4% in 2020 to 2.1% in 2024." in text
        assert "It is at or above the 2% guideline." in text

    def it_gives_the_unit_when_figures_carry_none(self, money: Dataset) -> None:
        spec = ChartSpec(
            id="c", dataset="x", countries=["baltics"], years=(2022, 2023), group_totals=True
        )
        text = alt_text(build_table(spec, money))
        assert "Figures in US$ m (constant 2024)." in text
        assert "It rises from 3,500 in 2022 to 4,200 in 2023." in text

    def it_describes_a_scatter_chart(self, shares: Dataset) -> None:
        spec = ChartSpec(
            id="c", dataset="x", kind="scatter", years=[2020, 2024], reference_lines=[LINES[0]]
        )
        text = alt_text(build_table(spec, shares))
        assert text.startswith(
            "Scatter chart of defence expenditure as a share of GDP, 2020 against 2024"
        )
        assert "Highest: Poland (2.2% across, 4.1% up)." in text

    def it_totals_stacks(self, money: Dataset) -> None:
        spec = ChartSpec(
            id="c",
            dataset="x",
            kind="stacked_bar",
            countries=["baltics"],
            years=[2022, 2023],
            sort="desc",
        )
        text = alt_text(build_table(spec, money))
        assert "Highest total: Lithuania 3,900; lowest total: Estonia 1,800." in text


class DescribeDataSummary:
    def it_lists_the_figures_with_missing_and_estimated_ones_marked(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", countries=["Poland", "Spain"], years=[2023, 2024])
        summary = data_summary(build_table(spec, shares))
        lines = summary.splitlines()
        assert lines[0] == "Defence expenditure as a share of GDP, 2023 and 2024 (% of GDP)"
        assert lines[1].split() == ["Country", "2023", "2024"]
        assert lines[2].split() == ["Poland", "3.9%", "4.1%", "e"]
        assert lines[3].split() == ["Spain", "1.2%", "\u2013"]
        assert "e = estimate; \u2013 = no data" in summary
        assert lines[-1].startswith("Source: NATO, Test tables, 2024.")

    def it_lists_a_trend_by_year(self, shares: Dataset) -> None:
        spec = ChartSpec(
            id="c", dataset="x", kind="line", countries=["Germany"], years=(2020, 2021)
        )
        lines = data_summary(build_table(spec, shares)).splitlines()
        assert lines[1].split() == ["Year", "Germany"]
        assert lines[2].split() == ["2020", "1.4%"]

    def it_lists_a_scatter_chart_by_country(self, shares: Dataset) -> None:
        spec = ChartSpec(
            id="c", dataset="x", kind="scatter", years=[2020, 2023], countries=["Poland"]
        )
        lines = data_summary(build_table(spec, shares)).splitlines()
        assert lines[1].startswith("Country")
        assert lines[2].split() == ["Poland", "2.2%", "3.9%"]
