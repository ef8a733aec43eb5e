"""The importer on the publishers' real workbooks, and the bundled files built from them."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

from briefing.data import load_file, preview, read_table, to_long
from briefing.errors import DataImportError
from briefing.resources import resource_path

REPO = Path(__file__).resolve().parents[3]
SHARED = (REPO / ".." / "shared" / "data").resolve()
NATO = SHARED / "nato_def-exp-2024-TABLES-en.xlsx"
SIPRI = SHARED / "SIPRI-Milex-data-1949-2025_v1.2.xlsx"


@pytest.fixture(scope="module")
def shared() -> Path:
    if not (NATO.is_file() and SIPRI.is_file()):
        pytest.skip(f"../shared/data not found: {SHARED} (the publishers' workbooks)")
    return SHARED


@pytest.fixture(scope="module")
def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_datasets_under_test", REPO / "scripts" / "build_datasets.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_nato_table3(shared: Path) -> None:
    table = read_table(NATO, sheet="TABLE3", cell_range="B8:N43")
    assert table.header_row == 8
    assert [c.year for c in table.year_columns] == list(range(2014, 2025))
    assert [c.year for c in table.year_columns if c.estimate] == [2023, 2024]
    ds = load_file(NATO, sheet="TABLE3", cell_range="B8:N43")
    assert len(ds.countries()) == 33
    for country, value in {
        "Poland": 4.12,
        "Estonia": 3.43,
        "United States": 3.38,
        "Latvia": 3.15,
        "Greece": 3.08,
        "Spain": 1.28,
        "NATO Total": 2.71,
    }.items():
        assert round(ds.value(country, 2024), 2) == value, country
    # names as NATO prints them, tidied
    assert {"Czechia", "Slovakia", "Türkiye", "North Macedonia"} <= set(ds.countries())
    assert not any("*" in c for c in ds.countries())
    # 2019 is stored as text in the header, 2023e/2024e as text with a suffix
    assert ds.value("France", 2019) == pytest.approx(1.8115642521005753)


def test_nato_table3_without_a_range_is_refused(shared: Path) -> None:
    # the sheet stacks "share of GDP" and "annual real change" under one header row
    with pytest.raises(DataImportError) as err:
        load_file(NATO, sheet="TABLE3")
    message = str(err.value)
    assert "TABLE3" in message and "'Albania' has two values" in message
    assert "cell C11" not in message and "row 11" in message and "row 45" in message
    assert "cell range" in err.value.hint


def test_nato_table3_second_table_under_the_shared_header(shared: Path) -> None:
    # "Annual real change (%)" sits in rows 45-77 under the years of row 8
    change = load_file(NATO, sheet="TABLE3", header_row=8, cell_range="B45:N77")
    assert len(change.countries()) == 33
    assert change.value("Poland", 2024) == pytest.approx(30.0705844205744)
    assert change.value("Albania", 2015) == pytest.approx(-11.764668351469176)
    assert change.frame[change.frame["year"] == 2024]["estimate"].all()


def test_nato_table1_ref_errors_and_currency_labels(shared: Path) -> None:
    ds = load_file(NATO, sheet="TABLE1", cell_range="B8:N42")
    assert "Albania" in ds.countries() and "Czechia" in ds.countries()
    assert ds.value("United States", 2014) == 653942
    assert any("no country name and no values" in w and "42" in w for w in ds.warnings)


def test_sipri_share_of_gdp(shared: Path) -> None:
    ds = load_file(
        SIPRI,
        sheet="Share of GDP",
        header_row=6,
        value_kind="fraction",
        estimate_font_colours=["0000FF"],
    )
    for country, value in {
        "Poland": 4.50,
        "Estonia": 3.37,
        "United States": 3.12,
        "Germany": 2.27,
        "Spain": 2.13,
        "Russia": 7.50,
        "Ukraine": 39.56,
    }.items():
        assert round(ds.value(country, 2025), 2) == value, country
    # "xxx" (did not exist) and "..." (no data) are missing, never zero
    assert math.isnan(ds.value("Czechoslovakia", 2025))
    assert math.isnan(ds.value("USSR", 2000))
    assert math.isnan(ds.value("Djibouti", 2025))
    assert ds.value("Czechia", 2025) > 0
    # region headings ("Africa", "North Africa") are not countries
    assert "Africa" not in ds.countries() and "Western Europe" not in ds.countries()


def test_sipri_constant_usd_and_default_header(shared: Path) -> None:
    table = read_table(SIPRI, sheet="Constant (2024) US$")
    assert table.header_row == 6  # found without help, below five lines of notes
    assert [c.name for c in table.columns[:2]] == ["Country", "Notes"]
    assert table.column("Notes").type == "text"
    frame, _ = to_long(table)
    us = frame[(frame["country"] == "United States") & (frame["year"] == 2025)]
    assert float(us["value"].iloc[0]) == pytest.approx(929162.9, rel=1e-6)


def test_sipri_preview_lists_sheets(shared: Path) -> None:
    p = preview(SIPRI, sheet="Share of GDP", rows=3)
    assert "Share of GDP" in p.sheets and "Front page" in p.sheets
    assert p.header_row == 6
    assert p.columns[:3] == ["Country", "Notes", "1949"]
    assert p.types[2] == "percent"
    assert p.rows[0][0] == "Algeria"
    assert p.shape == "wide"
    with pytest.raises(DataImportError) as err:
        preview(SIPRI, sheet="Shares")
    assert "'Share of GDP'" in str(err.value) and "'Per capita'" in str(err.value)


def test_bundled_files_match_the_build_script(shared: Path, build_script: ModuleType) -> None:
    files = build_script.render(build_script.build(shared))
    assert sorted(files) == sorted(
        f"{i}.{ext}"
        for i in ("nato-gdp-share", "sipri-gdp-share", "sipri-constant-usd")
        for ext in ("csv", "toml")
    )
    for name, text in files.items():
        bundled = resource_path(f"datasets/{name}").read_text(encoding="utf-8")
        assert bundled == text, f"{name} is stale: run scripts/build_datasets.py"
