"""ChartSpec: strict JSON round trip and user-readable validation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from briefing.charts.presets import preset, preset_specs
from briefing.model.chart import ChartSpec, ReferenceLine


def _full_spec() -> ChartSpec:
    return ChartSpec(
        id="spending-2025-ranked",
        dataset="sipri-gdp-share",
        kind="bar",
        measure="Military spending",
        countries=["allies", "Russia"],
        years=[2025],
        series_by="year",
        sort="desc",
        top_n=10,
        highlight=["Poland", "baltics"],
        reference_lines=[ReferenceLine(2.0, "2% guideline"), ReferenceLine(3.5, "")],
        data_labels=True,
        number_format='0.0"%"',
        python_format="{:.1f}%",
        x_title="% of GDP",
        y_title="",
        legend="none",
        title="Who spends what",
        subtitle="Share of GDP, 2025",
        source_note="Iceland has no armed forces.",
        renderer="image",
        group_totals=False,
    )


class DescribeChartSpecJson:
    def it_round_trips_through_json(self) -> None:
        spec = _full_spec()
        again = ChartSpec.from_dict(json.loads(json.dumps(spec.to_dict())))
        assert again == spec

    def it_round_trips_a_year_range_as_start_and_end(self) -> None:
        spec = ChartSpec(id="trend", dataset="nato-gdp-share", kind="line", years=(2014, 2024))
        data = spec.to_dict()
        assert data["years"] == {"start": 2014, "end": 2024}
        assert ChartSpec.from_dict(json.loads(json.dumps(data))) == spec

    def it_round_trips_the_defaults(self) -> None:
        spec = ChartSpec(id="c", dataset="d")
        assert ChartSpec.from_dict(spec.to_dict()) == spec

    def it_needs_only_an_id_and_a_dataset(self) -> None:
        spec = ChartSpec.from_dict({"id": "c", "dataset": "d"})
        assert spec.kind == "column"
        assert spec.countries == []

    def it_refuses_unknown_keys_and_names_them(self) -> None:
        with pytest.raises(ValueError, match=r"unknown key.*colour"):
            ChartSpec.from_dict({"id": "c", "dataset": "d", "colour": "red"})

    def it_refuses_a_missing_dataset(self) -> None:
        with pytest.raises(ValueError, match="needs 'dataset'"):
            ChartSpec.from_dict({"id": "c"})

    @pytest.mark.parametrize(
        ("key", "value", "message"),
        [
            ("kind", "pie", "chart.kind must be one of"),
            ("kind", 3, "chart.kind must be one of"),
            ("top_n", "5", "chart.top_n must be a whole number"),
            ("top_n", True, "chart.top_n must be a whole number"),
            ("top_n", 2.5, "chart.top_n must be a whole number"),
            ("years", "2025", "chart.years must be a list of years or a range"),
            ("years", [2024, "2025"], "whole-number years"),
            ("years", {"start": 2014}, "as a range must be"),
            ("countries", "Poland", "chart.countries must be a list of text"),
            ("highlight", [1], "chart.highlight must be a list of text"),
            ("data_labels", "yes", "chart.data_labels must be true or false"),
            ("x_title", 5, "chart.x_title must be text or null"),
            ("title", None, "chart.title must be text, not null"),
            ("reference_lines", {"value": 2}, "chart.reference_lines must be a list"),
            ("reference_lines", [{"value": "2"}], r"reference_lines\[0\]\.value must be a number"),
            ("reference_lines", [{"value": 2, "colour": "red"}], "unknown key"),
            ("reference_lines", [{"label": "x"}], "needs a 'value'"),
        ],
    )
    def it_refuses_wrong_types_with_a_clear_message(
        self, key: str, value: Any, message: str
    ) -> None:
        with pytest.raises(ValueError, match=message):
            ChartSpec.from_dict({"id": "c", "dataset": "d", key: value})

    def it_refuses_a_non_object(self) -> None:
        with pytest.raises(ValueError, match="must be an object"):
            ChartSpec.from_dict(["id", "c"])

    def it_accepts_whole_numbers_for_reference_values(self) -> None:
        spec = ChartSpec.from_dict(
            {"id": "c", "dataset": "d", "reference_lines": [{"value": 2, "label": "2%"}]}
        )
        assert spec.reference_lines == [ReferenceLine(2.0, "2%")]
        assert isinstance(spec.reference_lines[0].value, float)


class DescribeChartSpecValidation:
    def it_finds_nothing_wrong_with_a_sound_spec(self) -> None:
        assert _full_spec().validate() == []

    def it_finds_nothing_wrong_with_the_presets(self) -> None:
        for spec in preset_specs().values():
            assert spec.validate() == [], spec.id

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"id": ""}, "Chart has no id."),
            ({"id": "has space"}, "the id may hold only letters"),
            ({"dataset": " "}, "choose a dataset"),
            ({"years": (2025, 2014)}, "the year range 2025-2014 runs backwards"),
            ({"years": [2024, 2024]}, "year(s) listed twice: 2024"),
            ({"years": [1066]}, "1066 is not a plausible year"),
            ({"top_n": 0}, "'top N' must be between 1 and 500"),
            ({"countries": ["Poland", " "]}, "country entry 2 is empty"),
            ({"python_format": "{:.1f}% and {:.1f}"}, "exactly one"),
            ({"python_format": "{0.real}"}, "plain field"),
            ({"python_format": "{:d}"}, "does not format a number"),
            ({"number_format": '0.0"%'}, "is not a valid Excel format"),
            (
                {"reference_lines": [ReferenceLine(float("nan"), "x")]},
                "reference line 1 needs a finite value",
            ),
            ({"reference_lines": [ReferenceLine(1.0, "x" * 61)]}, "longer than 60"),
            ({"reference_lines": [ReferenceLine(float(i)) for i in range(6)]}, "at most 5"),
        ],
    )
    def it_explains_each_problem_in_plain_words(
        self, changes: dict[str, Any], message: str
    ) -> None:
        data = {**ChartSpec(id="c", dataset="d").__dict__, **changes}
        problems = ChartSpec(**data).validate()
        assert any(message in p for p in problems), problems

    def it_says_a_ranking_needs_countries_on_the_axis(self) -> None:
        spec = ChartSpec(id="c", dataset="d", years=(2014, 2024), sort="desc")
        (problem,) = spec.validate()
        assert "sorting and 'top N' rank countries" in problem
        assert problem.startswith("Chart 'c':")

    def it_says_a_line_chart_runs_along_the_years(self) -> None:
        spec = ChartSpec(id="c", dataset="d", kind="line", series_by="year")
        assert any("a line chart runs along the years" in p for p in spec.validate())

    def it_says_a_scatter_chart_needs_two_years_or_two_datasets(self) -> None:
        spec = ChartSpec(id="c", dataset="d", kind="scatter", years=[2024])
        assert any("give exactly two years" in p for p in spec.validate())
        ok = ChartSpec(id="c", dataset="d", kind="scatter", years=[2024], x_dataset="e")
        assert ok.validate() == []
        assert ChartSpec(id="c", dataset="d", kind="scatter", years=[2014, 2024]).validate() == []

    def it_keeps_x_dataset_to_scatter_charts(self) -> None:
        spec = ChartSpec(id="c", dataset="d", x_dataset="e")
        assert any("x_dataset applies only to scatter" in p for p in spec.validate())

    def it_reports_bad_choices_made_in_code(self) -> None:
        spec = ChartSpec(id="c", dataset="d")
        spec.kind = "pie"  # type: ignore[assignment]
        spec.legend = "left"  # type: ignore[assignment]
        problems = spec.validate()
        assert any("unknown chart kind 'pie'" in p for p in problems)
        assert any("legend must be" in p for p in problems)


class DescribeSeriesBy:
    @pytest.mark.parametrize(
        ("kind", "years", "expected"),
        [
            ("bar", [2025], "year"),
            ("column", [2014, 2025], "year"),
            ("column", (2014, 2025), "country"),
            ("column", [], "country"),
            ("line", [2014, 2025], "country"),
            ("scatter", [2014, 2025], "country"),
        ],
    )
    def it_chooses_what_the_series_are(self, kind: Any, years: Any, expected: str) -> None:
        spec = ChartSpec(id="c", dataset="d", kind=kind, years=years)
        assert spec.effective_series_by() == expected

    def it_keeps_an_explicit_choice(self) -> None:
        spec = ChartSpec(id="c", dataset="d", years=[2025], series_by="country")
        assert spec.effective_series_by() == "country"


class DescribePresets:
    def it_has_the_charts_the_content_library_names(self) -> None:
        ids = set(preset_specs())
        assert {"spending-2025-ranked", "trend-2014-2025", "europe-vs-us"} <= ids

    def it_hands_out_copies(self) -> None:
        first = preset("spending-2025-ranked")
        assert first is not None
        first.countries.append("Russia")
        again = preset("spending-2025-ranked")
        assert again is not None and again.countries == ["allies"]
        assert preset("no-such-chart") is None


def it_charts_a_chosen_sheet_of_a_workbook(tmp_path: Path) -> None:
    """A data file's sheet travels in the spec and reaches the importer."""
    import shutil

    from briefing.deck.charting import load_dataset
    from briefing.model.chart import ChartSpec

    workbook = (
        Path(__file__).resolve().parents[3].parent
        / "shared"
        / "data"
        / ("SIPRI-Milex-data-1949-2025_v1.2.xlsx")
    )
    if not workbook.is_file():
        pytest.skip("../shared/data not found")
    shutil.copy(workbook, tmp_path / "sipri.xlsx")
    spec = ChartSpec(
        id="poland",
        dataset="sipri.xlsx",
        sheet="Share of GDP",
        kind="line",
        countries=["Poland"],
        years=(2020, 2025),
    )
    assert ChartSpec.from_dict(spec.to_dict()) == spec
    dataset = load_dataset(spec.dataset, tmp_path, spec.sheet)
    assert round(dataset.value("Poland", 2025), 2) == 4.50
