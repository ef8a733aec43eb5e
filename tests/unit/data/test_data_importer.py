"""The importer on messy files: encodings, delimiters, number formats, markers, broken files."""

from __future__ import annotations

import codecs
import math
import random
from pathlib import Path

import pytest

from briefing.data import (
    ColumnSpec,
    load_file,
    long_to_wide,
    preview,
    read_table,
    to_long,
    wide_to_long,
)
from briefing.errors import BriefingError, DataImportError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "data"

WIDE = "country,2023,2024\nPoland,3.26,4.12\nTürkiye,1.5,2.09\n"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def values(path: Path, **options: object) -> dict[tuple[str, int], float]:
    dataset = load_file(path, **options)  # type: ignore[arg-type]
    return {
        (str(c), int(y)): float(v)
        for c, y, v in dataset.frame[["country", "year", "value"]].itertuples(index=False)
    }


# -------------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("utf8.csv", WIDE.encode("utf-8"), "utf-8"),
        ("bom.csv", codecs.BOM_UTF8 + WIDE.encode("utf-8"), "utf-8-sig"),
        ("cp1252.csv", WIDE.encode("cp1252"), "cp1252"),
        ("latin1.csv", WIDE.encode("latin-1"), "cp1252"),  # Latin-1 letters read the same
        (
            "excel-unicode.txt",
            codecs.BOM_UTF16_LE + WIDE.replace(",", "\t").replace("\n", "\r\n").encode("utf-16-le"),
            "utf-16",
        ),
        ("utf16-nobom.txt", WIDE.replace(",", "\t").encode("utf-16-le"), "utf-16-le"),
        ("utf16-be.txt", codecs.BOM_UTF16_BE + WIDE.encode("utf-16-be"), "utf-16"),
    ],
)
def test_encodings(tmp_path: Path, name: str, data: bytes, encoding: str) -> None:
    path = write(tmp_path, name, data)
    table = read_table(path)
    assert table.encoding == encoding
    assert [c.name for c in table.columns] == ["country", "2023", "2024"]
    assert table.frame["country"].tolist() == ["Poland", "Türkiye"]
    assert values(path) == {
        ("Poland", 2023): 3.26,
        ("Poland", 2024): 4.12,
        ("Türkiye", 2023): 1.5,
        ("Türkiye", 2024): 2.09,
    }


def test_cp1252_specials_survive(tmp_path: Path) -> None:
    text = "country;note;2024\nTürkiye;“estimate” \u2013 € bn;2,09\n"
    path = write(tmp_path, "w.csv", text.encode("cp1252"))
    table = read_table(path)
    assert table.frame["note"].tolist() == ["“estimate” \u2013 € bn"]
    assert table.frame["2024"].tolist() == [2.09]


def test_explicit_wrong_encoding_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "country,2024\nPoland,4\nTürkiye,2\n".encode("cp1252"))
    with pytest.raises(DataImportError) as err:
        read_table(path, encoding="utf-8")
    assert "x.csv" in str(err.value)
    assert "line 3" in str(err.value)
    assert "utf-8" in str(err.value)


def test_unreadable_encoding(tmp_path: Path) -> None:
    # bytes undefined in Windows-1252; as Latin-1 they are control characters
    path = write(tmp_path, "odd.csv", b"country,2024\nPoland,4\x81\x8d\x8f\x90\x9d\n")
    with pytest.raises(DataImportError, match="encoding") as err:
        read_table(path)
    assert err.value.path == path
    assert "odd.csv" in str(err.value)
    assert "UTF-8" in err.value.hint


def test_unknown_encoding_name(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", WIDE)
    with pytest.raises(DataImportError, match="not an encoding"):
        read_table(path, encoding="klingon")


# -------------------------------------------------------------------------------- delimiters


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_sniffed(tmp_path: Path, delimiter: str) -> None:
    text = WIDE.replace(",", delimiter)
    path = write(tmp_path, "d.txt", text)
    table = read_table(path)
    assert table.delimiter == delimiter
    assert values(path)[("Poland", 2024)] == 4.12


def test_explicit_delimiter_by_name(tmp_path: Path) -> None:
    path = write(tmp_path, "d.txt", WIDE.replace(",", "\t"))
    assert read_table(path, delimiter="tab").frame["2024"].tolist() == [4.12, 2.09]


# -------------------------------------------------------------------------------- numbers


def test_decimal_comma_with_semicolons(tmp_path: Path) -> None:
    path = write(tmp_path, "eu.csv", "Land;2023;2024\nPolen;3,26;4,12\nSpanien;1,19;1,28\n")
    table = read_table(path)
    assert table.decimal == ","
    assert table.frame["2024"].tolist() == [4.12, 1.28]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('country,2024\nUnited States,"967,700.5"\nSpain,"19,317.25"\n', [967700.5, 19317.25]),
        ("country;2024\nUnited States;967.700,5\nSpain;19.317,25\n", [967700.5, 19317.25]),
        ("country;2024\nUnited States;967 700,5\nSpain;19 317,25\n", [967700.5, 19317.25]),
        (
            "country\t2024\nUnited States\t967\u00a0700,5\nSpain\t19\u00a0317,25\n",
            [967700.5, 19317.25],
        ),
        ('country,2024\nUnited States,"1,234,567"\nSpain,"1,234"\n', [1234567.0, 1234.0]),
    ],
)
def test_thousands_separators(tmp_path: Path, text: str, expected: list[float]) -> None:
    path = write(tmp_path, "t.csv", text)
    assert read_table(path).frame["2024"].tolist() == expected


def test_decimal_can_be_forced(tmp_path: Path) -> None:
    # "1,234" alone is ambiguous; the caller says the file uses decimal commas
    path = write(tmp_path, "t.csv", 'country,2024\nPoland,"1,234"\n')
    assert read_table(path).frame["2024"].tolist() == [1234.0]
    assert read_table(path, decimal=",").frame["2024"].tolist() == [1.234]


def test_percent_strings(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", "country,2024,note\nPoland,4.12%,a\nSpain,1.28 %,b\n")
    table = read_table(path)
    assert table.column("2024").type == "percent"
    assert table.frame["2024"].tolist() == [4.12, 1.28]


def test_fraction_declared_per_column_long(tmp_path: Path) -> None:
    text = "country,year,share,spend\nPoland,2025,0.045,100\nUkraine,2025,0.396,5.5%\n"
    path = write(tmp_path, "f.csv", text)
    table = read_table(path, columns={"share": "fraction", "spend": ColumnSpec("number")})
    assert table.column("share").type == "percent"
    assert table.frame["share"].tolist() == pytest.approx([4.5, 39.6])
    # plain numbers and an explicit percentage stay as written
    assert table.frame["spend"].tolist() == [100.0, 5.5]
    ds = load_file(path, columns={"share": "fraction"}, value_column="share")
    assert ds.value("Poland", 2025) == pytest.approx(4.5)


def test_fraction_for_all_year_columns(tmp_path: Path) -> None:
    path = write(
        tmp_path, "f.csv", "Country,Notes,2024,2025\nPoland,78,0.0375,0.045\nEstonia,,0.033,4.5%\n"
    )
    ds = load_file(path, value_kind="fraction")
    assert ds.value("Poland", 2025) == pytest.approx(4.5)
    assert ds.value("Poland", 2024) == pytest.approx(3.75)
    assert ds.value("Estonia", 2025) == pytest.approx(4.5)  # already a percentage
    assert ds.info.unit == "%"


def test_percent_declared_keeps_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "f.csv", "country,year,value\nPoland,2024,4.12\nSpain,2024,1.28%\n")
    table = read_table(path, columns={"value": "percent"})
    assert table.frame["value"].tolist() == [4.12, 1.28]


def test_unknown_declared_column_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "f.csv", WIDE)
    table = read_table(path, columns={"nope": "fraction"})
    assert any("'nope'" in w for w in table.warnings)


# -------------------------------------------------------------------------------- missing values


def test_missing_markers_become_nan_never_zero(tmp_path: Path) -> None:
    markers = ["...", "…", "xxx", "n/a", "-", "#REF!", "", ". .", "N/A"]
    header = "country," + ",".join(str(2000 + i) for i in range(len(markers) + 1))
    row = "Poland," + ",".join(markers) + ",0"
    path = write(
        tmp_path, "m.csv", f"{header}\n{row}\nSpain,{','.join(['1'] * (len(markers) + 1))}\n"
    )
    ds = load_file(path)
    poland = ds.frame[ds.frame["country"] == "Poland"]["value"].tolist()
    assert len(poland) == len(markers) + 1
    assert all(math.isnan(v) for v in poland[:-1])
    assert poland[-1] == 0.0  # a real zero stays zero
    wide = ds.wide()
    assert int(wide.loc["Poland"].isna().sum()) == len(markers)
    assert int(wide.loc["Spain"].isna().sum()) == 0


# -------------------------------------------------------------------------------- years


def test_estimate_year_headers(tmp_path: Path) -> None:
    path = write(tmp_path, "e.csv", "country,2022,2023e,'2024e',2025.0\nPoland,2.2,3.26,4.12,4.5\n")
    table = read_table(path)
    assert [(c.name, c.header, c.year, c.estimate) for c in table.year_columns] == [
        ("2022", "2022", 2022, False),
        ("2023", "2023e", 2023, True),
        ("2024", "'2024e'", 2024, True),
        ("2025", "2025.0", 2025, False),
    ]
    frame, _ = to_long(table)
    assert frame["year"].tolist() == [2022, 2023, 2024, 2025]
    assert frame["estimate"].tolist() == [False, True, True, False]
    assert str(frame["year"].dtype) == "int64"


def test_long_format_with_estimate_years_and_flags(tmp_path: Path) -> None:
    text = (
        "Country,Year,Value,Estimate\n"
        "Poland,2023,3.26,no\n"
        "Poland,2024e,4.12,\n"
        "Slovak Republic,2024,2.00,yes\n"
        "Slovak Republic,2023,1.84,no\n"
    )
    ds = load_file(write(tmp_path, "l.csv", text))
    assert ds.frame.to_dict("records") == [
        {"country": "Poland", "year": 2023, "value": 3.26, "estimate": False},
        {"country": "Poland", "year": 2024, "value": 4.12, "estimate": True},
        {"country": "Slovakia", "year": 2023, "value": 1.84, "estimate": False},
        {"country": "Slovakia", "year": 2024, "value": 2.0, "estimate": True},
    ]


def test_long_format_bad_year_names_the_cell(tmp_path: Path) -> None:
    path = write(tmp_path, "l.csv", "country,year,value\nPoland,2024,4.1\nSpain,last,1.2\n")
    with pytest.raises(DataImportError) as err:
        load_file(path)
    message = str(err.value)
    assert "l.csv" in message and "line 3" in message and "'last'" in message


def test_long_format_needs_a_value_column(tmp_path: Path) -> None:
    path = write(tmp_path, "l.csv", "country,year,a,b\nPoland,2024,4.1,2\n")
    with pytest.raises(DataImportError, match="which column holds the values"):
        load_file(path)
    assert load_file(path, value_column="b").value("Poland", 2024) == 2.0


def test_wide_to_long_and_back(tmp_path: Path) -> None:
    path = write(
        tmp_path, "w.csv", "country,2014,2015,2016\nPoland,1.9,2.2,\nEstonia,1.9,2.0,2.1\n"
    )
    ds = load_file(path)
    wide = ds.wide()
    assert list(wide.index) == ["Poland", "Estonia"]
    assert list(wide.columns) == [2014, 2015, 2016]
    assert wide.loc["Estonia", 2016] == 2.1
    assert math.isnan(wide.loc["Poland", 2016])
    back = wide_to_long(wide)
    assert (
        back[["country", "year"]].values.tolist() == ds.frame[["country", "year"]].values.tolist()
    )
    assert long_to_wide(back).equals(wide)


def test_duplicate_country_names_both_rows(tmp_path: Path) -> None:
    path = write(tmp_path, "dup.csv", "country,2024\nPoland,4.1\nPoland*,4.2\n")
    with pytest.raises(DataImportError) as err:
        load_file(path)
    message = str(err.value)
    assert "'Poland'" in message and "line 2" in message and "line 3" in message
    assert "cell range" in err.value.hint


# -------------------------------------------------------------------------------- layout


def test_messy_fixture_file() -> None:
    path = FIXTURES / "messy_wide_cp1252.csv"
    ds = load_file(path)
    assert ds.countries() == ["Poland", "Türkiye", "Slovakia", "United States", "Albania"]
    assert ds.value("Poland", 2024) == 4.12
    assert ds.value("United States", 2021) == 3530.5
    assert math.isnan(ds.value("Türkiye", 2023))
    assert math.isnan(ds.value("Slovakia", 2023))
    assert math.isnan(ds.value("Albania", 2024))
    assert ds.value("Slovakia", 2024) == 2.0
    est = ds.frame.groupby("year")["estimate"].all().to_dict()
    assert est == {2021: False, 2022: False, 2023: True, 2024: True}
    assert any("line 11" in w and "label but no values" in w for w in ds.warnings)
    assert any("'Poland*' -> 'Poland'" in w for w in ds.warnings)


def test_title_rows_are_skipped_and_header_found(tmp_path: Path) -> None:
    text = "Defence spending\nSource: somebody, 2024\n\ncountry,2023,2024\nPoland,3.26,4.12\n"
    table = read_table(write(tmp_path, "t.csv", text))
    assert table.header_row == 4
    assert table.row_numbers == [5]


def test_explicit_header_row(tmp_path: Path) -> None:
    text = "a,b,c\nx,y,z\ncountry,2023,2024\nPoland,3.26,4.12\n"
    table = read_table(write(tmp_path, "t.csv", text), header_row=3)
    assert [c.name for c in table.columns] == ["country", "2023", "2024"]
    with pytest.raises(DataImportError, match="line 9"):
        read_table(tmp_path / "t.csv", header_row=9)


def test_no_header_row(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "n.csv", "1,2,3\n4,5,6\n"))
    assert [c.name for c in table.columns] == ["Column 1", "Column 2", "Column 3"]
    assert table.header_row is None
    assert any("No header" in w for w in table.warnings)


def test_ragged_short_rows_are_padded_and_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "country,2022,2023,2024\nPoland,2.2,3.26\nSpain,1.1,1.2,1.28\n")
    table = read_table(path)
    assert math.isnan(table.frame["2024"][0])
    assert table.frame["2024"][1] == 1.28
    assert any("Line 2 has fewer values" in w for w in table.warnings)


def test_ragged_long_rows_are_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "country,2023,2024\nPoland,3.26,4.12\nSpain,1,19,1,28\n")
    with pytest.raises(DataImportError) as err:
        read_table(path)
    message = str(err.value)
    assert "r.csv" in message and "line 3" in message and "5 values" in message
    assert "3 columns" in message
    assert "decimal comma" in err.value.hint


def test_trailing_delimiters_are_not_ragged(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "r.csv", "country;2024;\nPoland;4,12;\nSpain;1,28;\n"))
    assert [c.name for c in table.columns] == ["country", "2024"]
    assert table.warnings == []


def test_non_numeric_cell_in_numeric_column(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.csv", "country,2023,2024\nPoland,3.26,4.12\nSpain,1.19,l.28\n")
    with pytest.raises(DataImportError) as err:
        read_table(path)
    message = str(err.value)
    assert "bad.csv" in message
    assert "line 3, column 3" in message
    assert "'2024'" in message and "'l.28'" in message


def test_non_numeric_cells_are_warnings_when_not_strict(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.csv", "country,2023,2024\nPoland,3.26,4.12\nSpain,1.19,l.28\n")
    table = read_table(path, strict=False)
    assert math.isnan(table.frame["2024"][1])
    assert any("'l.28'" in w for w in table.warnings)


def test_mostly_text_column_stays_text(tmp_path: Path) -> None:
    text = "country,notes,2024\nPoland,78,4.1\nSpain,§,1.3\nItaly,footnote,1.5\n"
    table = read_table(write(tmp_path, "n.csv", text))
    assert table.column("notes").type == "text"
    assert table.frame["notes"].tolist() == ["78", "§", "footnote"]


def test_row_without_name_but_with_values(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "country,2024\nPoland,4.1\n,3.3\n")
    with pytest.raises(DataImportError, match="line 3 has values but no country name"):
        load_file(path)


# -------------------------------------------------------------------------------- broken files


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.csv", b"")
    with pytest.raises(DataImportError, match="empty") as err:
        read_table(path)
    assert "empty.csv" in str(err.value)
    assert isinstance(err.value, BriefingError)


def test_blank_file(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.csv", "\n  \n\r\n")
    with pytest.raises(DataImportError, match="empty"):
        read_table(path)


def test_header_only(tmp_path: Path) -> None:
    path = write(tmp_path, "header.csv", "country,2023,2024\n")
    with pytest.raises(DataImportError) as err:
        read_table(path)
    assert "header.csv" in str(err.value)
    assert "line 1" in str(err.value) and "no data" in str(err.value)


def test_binary_garbage(tmp_path: Path) -> None:
    data = bytes(random.Random(7).getrandbits(8) for _ in range(4000)) + b"\x00\x00"
    path = write(tmp_path, "garbage.csv", data)
    with pytest.raises(DataImportError, match="binary data") as err:
        read_table(path)
    assert "garbage.csv" in str(err.value)


def test_garbage_with_a_workbook_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "fake.xlsx", b"this is not really a workbook\n")
    with pytest.raises(DataImportError, match="XLSX") as err:
        read_table(path)
    assert "fake.xlsx" in str(err.value)


def test_damaged_zip(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.xlsx", b"PK\x03\x04" + b"\x00" * 50)
    with pytest.raises(DataImportError, match="damaged"):
        read_table(path)


def test_old_xls(tmp_path: Path) -> None:
    path = write(tmp_path, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(DataImportError, match="97-2003") as err:
        read_table(path)
    assert ".xlsx" in err.value.hint


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataImportError, match="does not exist"):
        read_table(tmp_path / "nope.csv")


def test_sheet_for_a_text_file(tmp_path: Path) -> None:
    with pytest.raises(DataImportError, match="no sheets"):
        read_table(write(tmp_path, "t.csv", WIDE), sheet="Data")


def test_bad_options(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", WIDE)
    with pytest.raises(DataImportError, match="cell range"):
        read_table(path, cell_range="nonsense")
    with pytest.raises(DataImportError, match="decimal"):
        read_table(path, decimal=";")
    with pytest.raises(ValueError, match="kind"):
        ColumnSpec("money")  # type: ignore[arg-type]


# -------------------------------------------------------------------------------- workbooks


def make_xlsx(path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    notes = wb.active
    assert notes is not None
    notes.title = "Notes"
    data = wb.create_sheet("Data")
    data["B2"] = "Table A: share of GDP"
    data["D4"], data["E4"], data["F4"] = 2022, "2023", "2024e"
    data["B5"] = "Share (%)"
    for r, (label, *vals) in enumerate(
        [
            ("Poland*", 2.2, 3.26, 4.12),
            ("Slovak Republic", 1.8, "...", 2.0),
        ],
        start=6,
    ):
        data.cell(r, 3, label)
        for k, v in enumerate(vals):
            data.cell(r, 4 + k, v)
    data["B8"] = "NATO Total"
    data["D8"], data["E8"], data["F8"] = 2.5, 2.53, 2.71
    data["F8"].font = Font(color="FF0000FF")
    data["B9"] = "Table B: real change"
    data["C10"], data["D10"], data["E10"], data["F10"] = "Poland*", 6.3, "#REF!", 30.1
    data["C11"], data["D11"] = "Spain", "l.5"
    pct = wb.create_sheet("Pct")
    pct.append(["Country", "2024", "2025"])
    pct.append(["Poland", 0.0375, 0.045])
    for cell in pct[2][1:]:
        cell.number_format = "0.00%"
    wb.save(path)
    return path


def test_xlsx_cell_range_for_stacked_tables(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "book.xlsx")
    table = read_table(path, sheet="Data", cell_range="B4:F8", estimate_font_colours=["0000FF"])
    assert table.sheet == "Data"
    assert table.sheets == ["Notes", "Data", "Pct"]
    assert table.header_row == 4
    assert [c.name for c in table.columns] == ["Column B", "2022", "2023", "2024"]
    assert table.frame["Column B"].tolist() == ["Poland*", "Slovak Republic", "NATO Total"]
    frame, notes = to_long(table)
    got = {(c, y): (v, e) for c, y, v, e in frame.itertuples(index=False)}
    assert got[("Poland", 2024)] == (4.12, True)
    assert got[("Poland", 2022)] == (2.2, False)
    assert math.isnan(got[("Slovakia", 2023)][0])
    assert got[("NATO Total", 2023)] == (2.53, False)
    assert got[("NATO Total", 2024)] == (2.71, True)
    assert any("'Slovak Republic' -> 'Slovakia'" in n for n in notes)
    assert any("row 5" in w for w in table.warnings)  # the "Share (%)" heading


def test_xlsx_whole_sheet_with_stacked_tables_is_refused(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "book.xlsx")
    with pytest.raises(DataImportError) as err:
        load_file(path, sheet="Data")
    message = str(err.value)
    assert "sheet 'Data'" in message and "cell E11" not in message
    assert "D11" in message and "'l.5'" in message


def test_xlsx_duplicate_tables_need_a_range(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "book.xlsx")
    with pytest.raises(DataImportError) as err:
        load_file(path, sheet="Data", cell_range="B4:F10")
    assert "'Poland' has two values" in str(err.value)
    assert "row 6" in str(err.value) and "row 10" in str(err.value)
    assert "cell range" in err.value.hint


def test_xlsx_bad_cell_is_named_by_reference(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "book.xlsx")
    with pytest.raises(DataImportError) as err:
        read_table(path, sheet="Data", cell_range="C4:F11")
    message = str(err.value)
    assert "book.xlsx" in message and "sheet 'Data'" in message and "cell D11" in message
    assert "column '2022'" in message and "'l.5'" in message


def test_xlsx_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "book.xlsx")
    with pytest.raises(DataImportError) as err:
        read_table(path, sheet="TABLE9")
    message = str(err.value)
    assert "book.xlsx" in message and "'TABLE9'" in message
    assert "'Notes', 'Data', 'Pct'" in message


def test_xlsx_sheet_names_match_loosely(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "book.xlsx")
    assert read_table(path, sheet=" pct ").sheet == "Pct"


def test_xlsx_percent_formatted_cells(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "book.xlsx")
    table = read_table(path, sheet="Pct")
    assert table.column("2025").type == "percent"
    assert table.frame["2025"].tolist() == pytest.approx([4.5])
    # declaring the column a fraction does not multiply a percentage twice
    assert read_table(path, sheet="Pct", value_kind="fraction").frame["2025"].tolist() == (
        pytest.approx([4.5])
    )


def test_xlsx_empty_sheet(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "book.xlsx")
    with pytest.raises(DataImportError, match="sheet 'Notes': the sheet is empty"):
        read_table(path, sheet="Notes")


def test_xlsx_default_sheet_is_the_first_with_data(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "book.xlsx")
    p = preview(path)
    assert p.sheet == "Data"
    assert any("'Notes'" in w for w in p.warnings)


def make_ods(path: Path) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()

    def text(value: str) -> TableCell:
        cell = TableCell(valuetype="string")
        cell.addElement(P(text=value))
        return cell

    def number(value: float, kind: str = "float") -> TableCell:
        cell = TableCell(valuetype=kind, value=str(value))
        cell.addElement(P(text=str(value)))
        return cell

    def row(table: Table, *cells: TableCell, repeat: int = 1) -> None:
        tr = TableRow(numberrowsrepeated=repeat) if repeat > 1 else TableRow()
        for cell in cells:
            tr.addElement(cell)
        table.addElement(tr)

    intro = Table(name="About")
    doc.spreadsheet.addElement(intro)
    sheet = Table(name="Spending")
    row(sheet, text("Military expenditure, share of GDP"))
    row(sheet, TableCell(), repeat=2)
    row(sheet, text("Country"), text("Notes"), number(2024), text("2025e"))
    row(
        sheet,
        text("Poland"),
        TableCell(),
        number(0.0375, "percentage"),
        number(0.045, "percentage"),
    )
    row(sheet, text("Estonia"), text("‖73"), number(3.3), text("…"))
    row(sheet, text("United States of America"), CoveredTableCell(), number(3.43), number(3.12))
    row(sheet, TableCell(numbercolumnsrepeated=1000))
    row(sheet, TableCell(numbercolumnsrepeated=1000), repeat=1_000_000)
    doc.spreadsheet.addElement(sheet)
    doc.save(str(path))
    return path


def test_ods_round_trip(tmp_path: Path) -> None:
    path = make_ods(tmp_path / "spend.ods")
    table = read_table(path)  # the first sheet with data
    assert table.sheet == "Spending"
    assert table.sheets == ["About", "Spending"]
    assert table.header_row == 4
    assert [(c.name, c.type) for c in table.columns] == [
        ("Country", "text"),
        ("Notes", "text"),
        ("2024", "number"),
        ("2025", "number"),
    ]
    ds = load_file(path)
    assert ds.value("Poland", 2024) == pytest.approx(3.75)
    assert ds.value("Poland", 2025) == pytest.approx(4.5)
    assert ds.value("United States", 2025) == 3.12
    assert math.isnan(ds.value("Estonia", 2025))
    assert ds.frame[ds.frame["year"] == 2025]["estimate"].all()
    assert read_table(path, sheet="spending").sheet == "Spending"


def test_ods_unknown_and_empty_sheets(tmp_path: Path) -> None:
    path = make_ods(tmp_path / "spend.ods")
    with pytest.raises(DataImportError) as err:
        read_table(path, sheet="Data")
    assert "'About', 'Spending'" in str(err.value)
    with pytest.raises(DataImportError, match="empty"):
        read_table(path, sheet="About")


def test_ods_written_by_pandas(tmp_path: Path) -> None:
    import pandas as pd

    path = tmp_path / "pandas.ods"
    frame = pd.DataFrame({"country": ["Latvia", "Lithuania"], "2024": [3.15, 2.85]})
    frame.to_excel(path, sheet_name="Baltics", index=False, engine="odf")
    ds = load_file(path, sheet="Baltics")
    assert ds.value("Latvia", 2024) == 3.15
    assert ds.countries() == ["Latvia", "Lithuania"]


# -------------------------------------------------------------------------------- preview


def test_preview_of_a_csv(tmp_path: Path) -> None:
    text = "country;2023e;2024e;note\nPoland*;3,26;4,12;x\nSpain;1,19;abc;\n"
    path = write(tmp_path, "p.csv", text.encode("cp1252"))
    p = preview(path, rows=1)
    assert p.columns == ["country", "2023e", "2024e", "note"]
    assert p.types == ["text", "number", "number", "text"]
    assert p.years == [None, 2023, 2024, None]
    assert p.estimate_years == [2023, 2024]
    assert p.rows == [["Poland*", "3.26", "4.12", ""]]  # "x" is a missing marker
    assert p.row_count == 2
    assert p.sheets == [] and p.sheet is None
    assert p.encoding == "UTF-8" and p.delimiter == "semicolon" and p.decimal == ","
    assert p.shape == "wide"
    assert any("'abc'" in w and "line 3" in w for w in p.warnings)


def test_preview_of_a_workbook(tmp_path: Path) -> None:
    path = make_xlsx(tmp_path / "book.xlsx")
    p = preview(path, sheet="Pct")
    assert p.sheets == ["Notes", "Data", "Pct"]
    assert p.types == ["text", "percent", "percent"]
    assert p.rows == [["Poland", "3.75", "4.5"]]
    assert p.encoding is None and p.delimiter is None
