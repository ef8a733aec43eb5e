"""Dataset, bundled datasets and country groups."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import briefing
from briefing.data import (
    GROUPS,
    NATO_ALLIES,
    Dataset,
    DatasetInfo,
    list_bundled,
    load_bundled,
    load_file,
    normalise_country,
    resolve_countries,
)
from briefing.errors import DataImportError

BUNDLED = ["nato-gdp-share", "sipri-constant-usd", "sipri-gdp-share"]


def test_list_bundled() -> None:
    infos = list_bundled()
    assert [i.id for i in infos] == BUNDLED
    by_id = {i.id: i for i in infos}
    nato = by_id["nato-gdp-share"]
    assert nato.publisher == "NATO"
    assert nato.unit == "% of GDP"
    assert nato.measure == "Defence expenditure"
    assert nato.release == "17 June 2024"
    assert by_id["sipri-gdp-share"].measure == "Military expenditure"
    assert by_id["sipri-constant-usd"].unit == "US$ m (constant 2024)"
    assert all(i.licence and i.source_title and i.title for i in infos)


@pytest.mark.parametrize("dataset_id", BUNDLED)
def test_bundled_frames_are_tidy(dataset_id: str) -> None:
    ds = load_bundled(dataset_id)
    frame = ds.frame
    assert list(frame.columns) == ["country", "year", "value", "estimate"]
    assert str(frame["year"].dtype) == "int64"
    assert str(frame["value"].dtype) == "float64"
    assert str(frame["estimate"].dtype) == "bool"
    assert frame["country"].map(type).eq(str).all()
    assert not frame.duplicated(["country", "year"]).any()
    assert frame["value"].notna().all()  # every ally has a figure for every year
    wide = ds.wide()
    assert wide.shape == (len(ds.countries()), len(ds.years()))


def test_nato_bundled_values() -> None:
    ds = load_bundled("nato-gdp-share")
    assert ds.years() == list(range(2014, 2025))
    assert len(ds.countries()) == 33
    assert "Iceland" not in ds.countries()
    assert {"NATO Europe and Canada", "NATO Total", "Türkiye", "Slovakia", "Czechia"} <= set(
        ds.countries()
    )
    expected = {
        "Poland": 4.12,
        "Estonia": 3.43,
        "United States": 3.38,
        "Latvia": 3.15,
        "Greece": 3.08,
        "Spain": 1.28,
        "NATO Total": 2.71,
    }
    for country, value in expected.items():
        assert round(ds.value(country, 2024), 2) == value, country
    estimated = ds.frame.groupby("year")["estimate"].agg(["all", "any"])
    assert estimated.loc[2023, "all"] and estimated.loc[2024, "all"]
    assert not estimated.loc[2014:2022, "any"].any()
    assert ds.source_line() == (
        "Source: NATO, Defence Expenditure of NATO Countries (2014-2024), 17 June 2024"
    )


def test_sipri_bundled_values() -> None:
    share = load_bundled("sipri-gdp-share")
    assert share.years() == list(range(2014, 2026))
    assert sorted(share.countries()) == sorted([*NATO_ALLIES, "Russia", "Ukraine"])
    expected = {
        "Poland": 4.50,
        "Estonia": 3.37,
        "United States": 3.12,
        "Germany": 2.27,
        "Spain": 2.13,
        "Russia": 7.50,
        "Ukraine": 39.56,
    }
    for country, value in expected.items():
        assert round(share.value(country, 2025), 2) == value, country
    assert share.source_line() == "Source: SIPRI Military Expenditure Database, 2026 (v1.2)"
    usd = load_bundled("sipri-constant-usd")
    assert usd.value("United States", 2025) > usd.value("Germany", 2025) > 0
    # SIPRI prints estimates in blue: Ukraine's wartime figures are estimates
    ukraine = share.frame[share.frame["country"] == "Ukraine"]
    assert ukraine["estimate"].all()
    assert not share.frame[share.frame["country"] == "Poland"]["estimate"].any()


def test_bundled_country_names_are_canonical() -> None:
    for dataset_id in BUNDLED:
        for name in load_bundled(dataset_id).countries():
            assert normalise_country(name) == name


@pytest.mark.parametrize("dataset_id", ["nato-gdp-share", "sipri-gdp-share", "sipri-constant-usd"])
def test_bundled_columns_read_as_pandas_reads_them(dataset_id: str) -> None:
    """The bundled files are read with the csv module (no pandas on a deck build): every
    figure must come out exactly as pandas reads it."""
    import pandas as pd

    from briefing.resources import resource_path

    path = resource_path(f"datasets/{dataset_id}.csv")
    expected = pd.read_csv(path, keep_default_na=False, na_values={"value": [""]})
    columns = load_bundled(dataset_id).columns()
    assert list(columns.country) == expected["country"].tolist()
    assert list(columns.year) == expected["year"].tolist()
    assert list(columns.value) == expected["value"].tolist()
    assert str(expected["estimate"].dtype) == "bool"  # pandas reads true/false as flags
    assert list(columns.estimate) == expected["estimate"].tolist()


def test_a_damaged_bundled_file_says_what_is_wrong(tmp_path: Path) -> None:
    from briefing.data import dataset as module

    bad = tmp_path / "bad.csv"
    bad.write_text("country,year,value,estimate\nFrance,2024,2.1,maybe\n", encoding="utf-8")
    with pytest.raises(ValueError, match="true and false"):
        module._read_bundled_csv(bad)
    bad.write_text("country,year,value\nFrance,2024,2.1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns"):
        module._read_bundled_csv(bad)


def test_load_bundled_unknown_id_lists_known() -> None:
    for bad in ("nato", "../etc/passwd", "NATO-GDP-SHARE", ""):
        with pytest.raises(DataImportError) as err:
            load_bundled(bad)
        assert "nato-gdp-share" in str(err.value) and "sipri-gdp-share" in str(err.value)


def test_load_bundled_returns_independent_copies() -> None:
    a = load_bundled("nato-gdp-share")
    a.frame.loc[0, "value"] = -1.0
    assert load_bundled("nato-gdp-share").frame.loc[0, "value"] != -1.0


def test_select_and_value() -> None:
    ds = load_bundled("nato-gdp-share")
    sub = ds.select(["Poland", "Estonia", "Atlantis"], years=[2023, 2024])
    assert sub.countries() == ["Poland", "Estonia"]
    assert sub.years() == [2023, 2024]
    assert len(sub.frame) == 4
    assert list(sub.wide().index) == ["Poland", "Estonia"]
    with pytest.raises(KeyError):
        sub.value("Poland", 2014)


def test_source_line_variants() -> None:
    import pandas as pd

    frame = pd.DataFrame({"country": [], "year": [], "value": [], "estimate": []})
    info = DatasetInfo("x", "T", "M", "%", "", "My figures", "", "")
    assert Dataset(info, frame).source_line() == "Source: My figures"
    with pytest.raises(ValueError, match="columns"):
        Dataset(info, pd.DataFrame({"country": []}))


def test_info_from_mapping() -> None:
    data = {k: "v" for k in ("id", "title", "measure", "unit", "publisher", "source_title")}
    data |= {"release": "r", "licence": "l"}
    info = DatasetInfo.from_mapping(data)
    assert info.notes == "" and info.url == ""
    assert DatasetInfo.from_mapping(info.to_dict()) == info
    with pytest.raises(DataImportError, match="'title' is missing"):
        DatasetInfo.from_mapping({k: v for k, v in data.items() if k != "title"})
    with pytest.raises(DataImportError, match="unknown dataset fields: colour"):
        DatasetInfo.from_mapping(data | {"colour": "red"})
    with pytest.raises(DataImportError, match="must be text"):
        DatasetInfo.from_mapping(data | {"unit": 3})


def test_load_file_default_info(tmp_path: Path) -> None:
    path = tmp_path / "My spending.csv"
    path.write_text("Country,2023,2024\nPoland,3.2%,4.1%\n", encoding="utf-8")
    ds = load_file(path)
    assert ds.info.id == "my-spending"
    assert ds.info.title == "My spending"
    assert ds.info.unit == "%"
    assert ds.info.source_title == "My spending.csv"
    assert ds.source_line() == "Source: My spending.csv"
    info = DatasetInfo("mine", "Mine", "Spend", "%", "Me", "Own data", "2025", "CC-BY")
    assert load_file(path, info=info).info is info


def test_load_file_with_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("country,2024\n,\n,n/a\n", encoding="utf-8")
    with pytest.raises(DataImportError):
        load_file(path)


def test_importing_the_package_does_not_import_pandas() -> None:
    src = str(Path(briefing.__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=src + os.pathsep + os.environ.get("PYTHONPATH", ""))
    code = (
        "import sys, briefing.data, briefing.data.dataset, briefing.data.importer; "
        "bad = [m for m in ('pandas', 'numpy', 'openpyxl', 'odf') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# -------------------------------------------------------------------------------- groups


def test_groups() -> None:
    allies = GROUPS["allies"].members
    assert len(allies) == 32 and len(set(allies)) == 32
    assert "Iceland" in allies and "Sweden" in allies and "Finland" in allies
    assert len(GROUPS["european-allies-and-canada"].members) == 31
    assert "United States" not in GROUPS["european-allies-and-canada"].members
    assert GROUPS["baltics"].members == ("Estonia", "Latvia", "Lithuania")
    assert GROUPS["nordics"].members == ("Denmark", "Finland", "Iceland", "Norway", "Sweden")
    assert {"Poland", "Finland", "Estonia", "Latvia", "Lithuania", "Romania"} <= set(
        GROUPS["frontline"].members
    )
    for group in GROUPS.values():
        assert set(group.members) <= set(allies), group.id
        assert all(normalise_country(m) == m for m in group.members)


def test_resolve_countries() -> None:
    assert resolve_countries(["baltics", "Poland", "Slovak Republic", "Estonia"]) == [
        "Estonia",
        "Latvia",
        "Lithuania",
        "Poland",
        "Slovakia",
    ]
    assert resolve_countries("Nordics") == ["Denmark", "Finland", "Iceland", "Norway", "Sweden"]
    assert resolve_countries(["Baltic states", "United States of America"]) == [
        "Estonia",
        "Latvia",
        "Lithuania",
        "United States",
    ]


def test_resolve_countries_against_a_dataset() -> None:
    nato = load_bundled("nato-gdp-share")
    allies = resolve_countries(["allies"], known=nato.countries())
    assert len(allies) == 31 and "Iceland" not in allies  # NATO's table has no Iceland
    sipri = load_bundled("sipri-gdp-share")
    assert len(resolve_countries("allies", known=sipri.countries())) == 32
    with pytest.raises(DataImportError) as err:
        resolve_countries(["Polland"], known=nato.countries())
    assert "'Polland'" in str(err.value) and "Poland" in err.value.hint
