"""build_table: filters, groups, years, ranking, missing values, totals, scatter, formats."""

from __future__ import annotations

import math

import pytest

from briefing.charts.numfmt import NumberFormat, decimals_for_step, nice_scale, resolve_formats
from briefing.charts.table import SeriesTable, build_table
from briefing.data.dataset import Dataset
from briefing.errors import BriefingError, ChartError
from briefing.model.chart import ChartSpec, ReferenceLine


def _values(table: SeriesTable, series: int = 0) -> dict[str, float | None]:
    return dict(zip(table.categories, table.series[series].values, strict=True))


class DescribeFilters:
    def it_keeps_the_countries_asked_for_in_order(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", countries=["Spain", "Poland"], years=[2023])
        table = build_table(spec, shares)
        assert table.categories == ["Spain", "Poland"]
        assert table.category_kind == "country"
        assert [s.name for s in table.series] == ["2023"]
        assert table.series[0].values == [1.2, 3.9]

    def it_matches_names_whatever_their_case(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", countries=["poland"], years=[2023])
        assert build_table(spec, shares).categories == ["Poland"]

    def it_expands_group_ids(self, shares: Dataset) -> None:
        spec = ChartSpec(
            id="c", dataset="x", countries=["baltics", "Poland", "Estonia"], years=[2023]
        )
        table = build_table(spec, shares)
        assert table.categories == ["Estonia", "Latvia", "Lithuania", "Poland"]

    def it_takes_every_country_when_none_is_named(self, shares: Dataset) -> None:
        table = build_table(ChartSpec(id="c", dataset="x", years=[2023]), shares)
        # Iceland has no figure at all: it is left out, and the table says so.
        assert table.categories == ["Poland", "Estonia", "Latvia", "Lithuania", "Germany", "Spain"]
        assert "No data for Iceland." in table.notes

    def it_names_close_matches_for_an_unknown_country(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", countries=["Polnad", "Atlantis"], years=[2023])
        with pytest.raises(ChartError) as caught:
            build_table(spec, shares)
        message = str(caught.value)
        assert "'Polnad' (did you mean Poland?)" in message
        assert "'Atlantis'" in message
        assert isinstance(caught.value, BriefingError)
        assert caught.value.hint

    def it_says_the_range_when_a_year_is_outside_it(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", countries=["Poland"], years=[2025])
        with pytest.raises(ChartError, match="covers 2020-2024; 2025 is outside"):
            build_table(spec, shares)
        spec = ChartSpec(id="c", dataset="x", kind="line", years=(2014, 2024))
        with pytest.raises(ChartError, match="2020-2024"):
            build_table(spec, shares)

    def it_refuses_a_filter_that_leaves_nothing(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", countries=["Iceland"], years=[2023])
        with pytest.raises(ChartError, match="No figures for Iceland in 2023"):
            build_table(spec, shares)

    def it_refuses_a_spec_that_does_not_validate(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", top_n=0, years=[2023])
        with pytest.raises(ChartError, match="'top N' must be between"):
            build_table(spec, shares)

    def it_refuses_a_group_with_no_member_in_the_data(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", countries=["g7-allies"], years=[2023])
        table = build_table(spec, shares)  # Germany is a G7 ally
        assert table.categories == ["Germany"]
        spec = ChartSpec(id="c", dataset="x", countries=["nordics"], years=[2023])
        with pytest.raises(ChartError):
            build_table(spec, shares)  # only Iceland, which has no figures


class DescribeMissingValues:
    def it_keeps_a_missing_figure_as_none_never_zero(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", countries=["Spain", "Poland"], years=[2023, 2024])
        table = build_table(spec, shares)
        assert [s.name for s in table.series] == ["2023", "2024"]
        assert _values(table, 1) == {"Spain": None, "Poland": 4.1}

    def it_keeps_gaps_in_a_trend(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", kind="line", countries=["Spain"])
        table = build_table(spec, shares)
        assert table.categories == ["2020", "2021", "2022", "2023", "2024"]
        assert table.series[0].values == [1.0, 1.0, 1.1, 1.2, None]


class DescribeRanking:
    def it_sorts_descending_with_missing_figures_last(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", kind="bar", years=[2023, 2024], sort="desc")
        table = build_table(spec, shares)
        assert table.categories == ["Poland", "Estonia", "Latvia", "Lithuania", "Germany", "Spain"]
        assert table.series[-1].values[-1] is None
        assert table.series[0].values[-1] == 1.2

    def it_leaves_out_a_country_with_no_figure_in_the_year(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", kind="bar", years=[2024], sort="desc")
        table = build_table(spec, shares)
        assert "Spain" not in table.categories
        assert "No data for Spain, Iceland." in table.notes

    def it_sorts_ascending(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", kind="bar", years=[2023], sort="asc")
        table = build_table(spec, shares)
        assert table.categories[:2] == ["Spain", "Germany"]
        assert table.categories[-1] == "Poland"

    def it_keeps_the_top_n_highest(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", kind="bar", years=[2024], top_n=3, sort="asc")
        table = build_table(spec, shares)
        assert table.categories == ["Latvia", "Estonia", "Poland"]

    def it_keeps_the_order_given_for_top_n_without_sorting(self, shares: Dataset) -> None:
        spec = ChartSpec(
            id="c", dataset="x", countries=["Germany", "Poland", "Estonia"], years=[2024], top_n=2
        )
        assert build_table(spec, shares).categories == ["Poland", "Estonia"]

    def it_ranks_by_the_latest_year_of_several(self, shares: Dataset) -> None:
        spec = ChartSpec(
            id="c", dataset="x", countries=["Lithuania", "Latvia"], years=[2022, 2024], sort="desc"
        )
        table = build_table(spec, shares)
        assert table.categories == ["Latvia", "Lithuania"]  # 3.2 > 2.9 in 2024


class DescribeTrends:
    def it_puts_years_on_the_axis_and_countries_in_series(self, shares: Dataset) -> None:
        spec = ChartSpec(
            id="c", dataset="x", kind="line", countries=["Poland", "Germany"], years=(2021, 2023)
        )
        table = build_table(spec, shares)
        assert table.category_kind == "year"
        assert table.categories == ["2021", "2022", "2023"]
        assert [s.name for s in table.series] == ["Poland", "Germany"]
        assert table.series[1].values == [1.3, 1.4, 1.6]
        assert table.years == [2021, 2022, 2023]
        assert table.legend == "bottom"

    def it_marks_estimated_years(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", kind="line", countries=["Poland"])
        table = build_table(spec, shares)
        assert table.display_categories()[-2:] == ["2023", "2024e"]
        assert table.series[0].estimates == [False, False, False, False, True]
        assert "2024 figures are NATO estimates." in table.notes
        assert table.legend == "none"  # one series needs no legend

    def it_says_when_only_some_figures_are_estimates(self, dataset_factory: type) -> None:
        ds = dataset_factory([("Poland", 2024, 4.0, True), ("Spain", 2024, 1.3, False)])
        table = build_table(ChartSpec(id="c", dataset="x", years=[2024]), ds)
        assert "Some 2024 figures are NATO estimates." in table.notes


class DescribeGroupTotals:
    def it_adds_up_a_group_into_one_series(self, money: Dataset) -> None:
        spec = ChartSpec(
            id="c",
            dataset="x",
            countries=["baltics", "United States"],
            years=(2022, 2023),
            group_totals=True,
        )
        table = build_table(spec, money)
        assert [s.name for s in table.series] == ["Baltic states", "United States"]
        assert table.series[0].values == [3500.0, 4200.0]
        assert "Totals include some NATO estimates." not in table.notes

    def it_leaves_a_total_missing_when_a_member_is(self, money: Dataset) -> None:
        spec = ChartSpec(
            id="c", dataset="x", countries=["baltics"], years=(2022, 2024), group_totals=True
        )
        table = build_table(spec, money)
        assert table.series[0].values == [3500.0, 4200.0, None]  # Latvia lacks 2024
        assert "Totals include some NATO estimates." in table.notes

    def it_refuses_to_add_up_shares_of_gdp(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", countries=["baltics"], group_totals=True)
        with pytest.raises(ChartError, match="Shares of GDP cannot be added up"):
            build_table(spec, shares)

    def it_refuses_to_stack_shares_of_gdp(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", kind="stacked_column", countries=["baltics"])
        with pytest.raises(ChartError, match="Stacking shares of GDP"):
            build_table(spec, shares)

    def it_stacks_money(self, money: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", kind="stacked_column", countries=["baltics"])
        table = build_table(spec, money)
        assert table.stacked
        assert table.data_range() == (0.0, 4200.0)


class DescribeHighlight:
    def it_resolves_names_and_groups_to_what_is_drawn(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", years=[2023], highlight=["baltics", "spain"])
        table = build_table(spec, shares)
        assert set(table.highlight) == {"Estonia", "Latvia", "Lithuania", "Spain"}
        assert table.highlighted_categories() == {1, 2, 3, 5}

    def it_highlights_series_in_a_trend(self, shares: Dataset) -> None:
        spec = ChartSpec(
            id="c", dataset="x", kind="line", countries=["Poland", "Germany"], highlight=["Germany"]
        )
        table = build_table(spec, shares)
        assert table.highlighted_series() == {1}
        assert table.highlighted_categories() == set()

    def it_highlights_a_group_total(self, money: Dataset) -> None:
        spec = ChartSpec(
            id="c",
            dataset="x",
            countries=["baltics", "United States"],
            group_totals=True,
            highlight=["baltics"],
        )
        assert build_table(spec, money).highlight == ["Baltic states"]

    def it_refuses_an_unknown_highlight(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", years=[2023], highlight=["Germny"])
        with pytest.raises(ChartError, match="did you mean Germany"):
            build_table(spec, shares)


class DescribeScatter:
    def it_plots_one_year_against_another(self, shares: Dataset) -> None:
        spec = ChartSpec(
            id="c",
            dataset="x",
            kind="scatter",
            years=[2020, 2024],
            countries=["Poland", "Spain", "Germany"],
        )
        table = build_table(spec, shares)
        assert table.categories == ["Poland", "Germany"]  # Spain lacks 2024
        assert table.x_values == [2.2, 1.4]
        assert table.series[0].values == [4.1, 2.1]
        assert table.x_title == "2020 (% of GDP)"
        assert any("Spain" in n for n in table.notes)

    def it_plots_two_datasets(self, shares: Dataset, money: Dataset) -> None:
        spec = ChartSpec(
            id="c",
            dataset="x",
            kind="scatter",
            years=[2023],
            countries=["baltics"],
            x_dataset="test-usd",
        )
        table = build_table(spec, shares, x_dataset=money)
        assert table.x_values == [1000.0, 1100.0, 2100.0]
        assert table.series[0].values == [2.7, 2.4, 2.7]
        with pytest.raises(ChartError, match="needs the dataset 'test-usd'"):
            build_table(spec, shares)

    def it_names_every_point_of_a_small_scatter(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", kind="scatter", years=[2020, 2023])
        table = build_table(spec, shares)
        assert table.scatter_labels() == set(range(len(table.categories)))
        assert len(table.scatter_labels(limit=3)) < len(table.categories)


class DescribeLabelsAndFormats:
    def it_takes_measure_unit_and_source_from_the_dataset(self, shares: Dataset) -> None:
        spec = ChartSpec(id="c", dataset="x", years=[2023], source_note="Iceland: none.")
        table = build_table(spec, shares)
        assert table.measure == "Defence expenditure as a share of GDP"
        assert table.unit == "% of GDP"
        assert table.title == "Defence expenditure as a share of GDP, 2023"
        assert table.source == f"{shares.source_line()} Iceland: none."
        assert table.y_title == "% of GDP" and table.x_title == ""
        assert table.footnote().endswith("No data for Iceland.")

    def it_lets_the_spec_override_labels(self, shares: Dataset) -> None:
        spec = ChartSpec(
            id="c",
            dataset="x",
            kind="bar",
            years=[2023],
            measure="Spending",
            x_title="",
            y_title="Ally",
            title="T",
        )
        table = build_table(spec, shares)
        assert (table.measure, table.x_title, table.y_title, table.title) == (
            "Spending",
            "",
            "Ally",
            "T",
        )

    def it_formats_shares_as_percentages(self, shares: Dataset) -> None:
        table = build_table(ChartSpec(id="c", dataset="x", years=[2023]), shares)
        assert table.number_format == '0.0"%"'
        assert table.python_format == "{:.1f}%"
        assert table.format_value(3.94) == "3.9%"
        assert table.format_value(None) == "\u2013"

    def it_formats_money_with_thousands_and_scaling(self, money: Dataset) -> None:
        table = build_table(ChartSpec(id="c", dataset="x", years=[2024]), money)
        assert table.number_format == "#,##0"
        assert table.format_value(997000.0) == "997,000"
        spec = ChartSpec(id="c", dataset="x", years=[2024], number_format='"$"#,##0,"bn"')
        table = build_table(spec, money)
        assert table.python_format == "${:,.0f}bn"
        assert table.format_value(997000.0) == "$997bn"

    def it_scales_the_value_axis_to_take_in_reference_lines(self, shares: Dataset) -> None:
        spec = ChartSpec(
            id="c", dataset="x", years=[2023], reference_lines=[ReferenceLine(5.0, "5%")]
        )
        assert build_table(spec, shares).value_scale() == (0.0, 5.0, 1.0)
        spec = ChartSpec(id="c", dataset="x", years=[2023], countries=["Spain", "Germany"])
        assert build_table(spec, shares).value_scale() == (0.0, 2.0, 0.5)


class DescribeNumberFormats:
    @pytest.mark.parametrize(
        ("code", "value", "text"),
        [
            ("0", 2.5, "2"),
            ("0.0", 2.46, "2.5"),
            ('0.0"%"', 4.5, "4.5%"),
            ("0%", 0.045, "4%"),
            ("0.0%", 0.045, "4.5%"),
            ("#,##0", 1234567.0, "1,234,567"),
            ("#,##0,", 997000.0, "997"),
            ('"$"#,##0.0,,"tn"', 1.2e6, "$1.2tn"),
            ("\\£#,##0", 12.0, "£12"),
        ],
    )
    def it_reads_the_excel_formats_charts_use(self, code: str, value: float, text: str) -> None:
        parsed = NumberFormat.from_excel(code)
        assert parsed is not None
        assert parsed.format(value) == text

    def it_writes_back_equivalent_codes(self) -> None:
        parsed = NumberFormat.from_excel('"$"#,##0.0,"bn"')
        assert parsed is not None
        assert parsed.excel() == '"$"#,##0.0,"bn"'
        assert parsed.excel(0) == '"$"#,##0,"bn"'

    def it_leaves_exotic_codes_to_excel(self) -> None:
        assert NumberFormat.from_excel("[Red]0.0;[Blue]-0.0") is None
        formats = resolve_formats("[Red]0.0", "", "% of GDP")
        assert formats.excel == "[Red]0.0"
        assert formats.python == "{:.1f}%"  # from the unit

    def it_reads_python_formats(self) -> None:
        parsed = NumberFormat.from_python("{:,.2f} bn")
        assert parsed == NumberFormat(suffix=" bn", decimals=2, thousands=True)
        assert resolve_formats("", "{:,.2f} bn", "").excel == '#,##0.00" bn"'

    @pytest.mark.parametrize(
        ("low", "high", "exact", "expected"),
        [
            (0.0, 4.5, (), (0.0, 5.0, 1.0)),
            (0.0, 4.5, (2.0, 3.5, 5.0), (0.0, 5.0, 1.0)),
            (0.0, 1006.0, (), (0.0, 1200.0, 200.0)),
            (-1.2, 3.0, (), (-2.0, 4.0, 1.0)),
            (0.0, 0.034, (), (0.0, 0.04, 0.01)),
        ],
    )
    def it_picks_round_axis_scales(
        self,
        low: float,
        high: float,
        exact: tuple[float, ...],
        expected: tuple[float, float, float],
    ) -> None:
        assert nice_scale(low, high, exact=exact) == expected

    def it_survives_odd_ranges(self) -> None:
        assert nice_scale(0.0, 0.0) == (0.0, 1.2, 0.2)
        lo, hi, step = nice_scale(math.nan, 1.0)
        assert (lo, hi, step) == (0.0, 1.0, 0.2)

    @pytest.mark.parametrize(("step", "decimals"), [(1.0, 0), (0.5, 1), (0.25, 2), (200, 0)])
    def it_knows_how_many_decimals_ticks_need(self, step: float, decimals: int) -> None:
        assert decimals_for_step(step) == decimals
