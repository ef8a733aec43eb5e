"""Small datasets built in memory, so chart tests do not depend on the bundled files."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import pandas as pd
import pytest

from briefing.data.dataset import Dataset, DatasetInfo

NaN = math.nan

# Share of GDP by country and year; NaN is a missing figure.
SHARES: dict[str, list[float]] = {
    #            2020  2021  2022  2023  2024
    "Poland": [2.2, 2.2, 2.4, 3.9, 4.1],
    "Estonia": [2.3, 2.0, 2.1, 2.7, 3.4],
    "Latvia": [2.2, 2.1, 2.1, 2.4, 3.2],
    "Lithuania": [2.0, 2.0, 2.5, 2.7, 2.9],
    "Germany": [1.4, 1.3, 1.4, 1.6, 2.1],
    "Spain": [1.0, 1.0, 1.1, 1.2, NaN],
    "Iceland": [NaN, NaN, NaN, NaN, NaN],
}
YEARS = [2020, 2021, 2022, 2023, 2024]
ESTIMATE_YEARS = {2024}


def make_info(
    *, id: str = "test-share", unit: str = "% of GDP", publisher: str = "NATO"
) -> DatasetInfo:
    return DatasetInfo(
        id=id,
        title="Defence expenditure as a share of GDP" if "%" in unit else "Defence spending",
        measure="Defence expenditure",
        unit=unit,
        publisher=publisher,
        source_title="Test tables",
        release="2024",
        licence="test",
    )


def make_dataset(
    rows: Iterable[tuple[str, int, float, bool]], info: DatasetInfo | None = None
) -> Dataset:
    frame = pd.DataFrame(list(rows), columns=["country", "year", "value", "estimate"])
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    frame["estimate"] = frame["estimate"].astype(bool)
    return Dataset(info=info or make_info(), frame=frame)


def share_rows(
    table: dict[str, list[float]] = SHARES, years: list[int] = YEARS
) -> list[tuple[str, int, float, bool]]:
    return [
        (country, year, value, year in ESTIMATE_YEARS)
        for country, values in table.items()
        for year, value in zip(years, values, strict=True)
    ]


@pytest.fixture
def shares() -> Dataset:
    """Seven countries, 2020-2024, 2024 estimated, Spain's 2024 and all of Iceland missing."""
    return make_dataset(share_rows())


@pytest.fixture
def money() -> Dataset:
    """Spending in US$ m: three Baltic states and the United States, 2022-2024."""
    rows = [
        ("Estonia", 2022, 800.0, False),
        ("Estonia", 2023, 1000.0, False),
        ("Estonia", 2024, 1300.0, True),
        ("Latvia", 2022, 900.0, False),
        ("Latvia", 2023, 1100.0, False),
        ("Latvia", 2024, NaN, False),
        ("Lithuania", 2022, 1800.0, False),
        ("Lithuania", 2023, 2100.0, False),
        ("Lithuania", 2024, 2400.0, False),
        ("United States", 2022, 877000.0, False),
        ("United States", 2023, 916000.0, False),
        ("United States", 2024, 997000.0, False),
    ]
    return make_dataset(rows, make_info(id="test-usd", unit="US$ m (constant 2024)"))


DatasetFactory = Callable[..., Dataset]


@pytest.fixture
def dataset_factory() -> DatasetFactory:
    return make_dataset
