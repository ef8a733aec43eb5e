"""The preset charts against the bundled datasets (skipped when they are not built)."""

from __future__ import annotations

from typing import Any

import pytest

from briefing.charts.alt_text import alt_text, data_summary
from briefing.charts.presets import preset_specs
from briefing.charts.table import build_table


def _load(dataset_id: str) -> Any:
    try:
        from briefing.data import load_bundled

        return load_bundled(dataset_id)
    except (ImportError, FileNotFoundError, LookupError) as exc:  # pragma: no cover
        pytest.skip(f"bundled dataset {dataset_id!r} unavailable: {exc}")


class DescribePresetsOnBundledData:
    def it_ranks_all_allies_in_2025(self) -> None:
        spec = preset_specs()["spending-2025-ranked"]
        table = build_table(spec, _load(spec.dataset))
        assert len(table.categories) == 32
        assert table.categories[0] == "Poland"
        assert table.format_value(table.series[0].values[0]) == "4.5%"
        text = alt_text(table)
        assert "for 32 allies (SIPRI)" in text
        assert "Highest: Poland 4.5%" in text
        assert "below the 2% guideline" in text
        assert "SIPRI" in table.source

    def it_draws_the_trend_for_eight_allies(self) -> None:
        spec = preset_specs()["trend-2014-2025"]
        table = build_table(spec, _load(spec.dataset))
        assert table.categories[0] == "2014" and table.categories[-1].startswith("2025")
        assert [s.name for s in table.series] == list(spec.countries)
        assert all(v is not None for s in table.series for v in s.values)

    def it_adds_up_europe_and_canada_against_the_united_states(self) -> None:
        spec = preset_specs()["europe-vs-us"]
        table = build_table(spec, _load(spec.dataset))
        europe, us = table.series
        assert us.name == "United States"
        assert europe.values[-1] is not None and us.values[-1] is not None
        assert 300_000 < europe.values[-1] < us.values[-1] < 1_500_000
        assert table.format_value(us.values[-1]).isdigit()  # US$ bn: '#,##0,' drops thousands
        assert "European" in data_summary(table)

    def it_marks_natos_estimated_years(self) -> None:
        from briefing.model.chart import ChartSpec

        spec = ChartSpec(id="n", dataset="nato-gdp-share", kind="line", countries=["NATO Total"])
        table = build_table(spec, _load(spec.dataset))
        assert table.display_categories()[-2:] == ["2023e", "2024e"]
        assert "2023 and 2024 figures are NATO estimates." in table.notes
