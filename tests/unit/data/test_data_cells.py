"""Cell-level rules: numbers as people type them, missing markers, year headers, country names."""

from __future__ import annotations

import math

import pytest

from briefing.data.cells import (
    Percent,
    column_letter,
    column_number,
    format_cell,
    guess_decimal,
    is_missing,
    number_of,
    parse_cell_range,
    parse_number,
    parse_year,
)
from briefing.data.names import canonical_country, normalise_country


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("4.12", ".", 4.12),
        ("4,12", ",", 4.12),
        ("1.234,5", ",", 1234.5),
        ("1,234.5", ".", 1234.5),
        ("1 234,5", ",", 1234.5),
        ("1\u00a0234,5", ",", 1234.5),
        ("1\u202f234.5", ".", 1234.5),
        ("1,234,567", ".", 1234567.0),
        ("1.234.567", ",", 1234567.0),
        ("1,234", ".", 1234.0),
        ("1,234", ",", 1.234),
        ("-3.5", ".", -3.5),
        ("\u22123.5", ".", -3.5),
        ("(12)", ".", -12.0),
        ("+7", ".", 7.0),
        (".5", ".", 0.5),
        ("1.5e3", ".", 1500.0),
        ("$1,200", ".", 1200.0),
        ("  42  ", ".", 42.0),
    ],
)
def test_parse_number_reads_the_usual_notations(text: str, decimal: str, expected: float) -> None:
    value = parse_number(text, decimal)
    assert value == pytest.approx(expected)
    assert not isinstance(value, Percent)


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [("2.1%", ".", 2.1), ("2,1 %", ",", 2.1), ("-0.5%", ".", -0.5), ("39.6%", ".", 39.6)],
)
def test_percent_strings_are_percent_units(text: str, decimal: str, expected: float) -> None:
    value = parse_number(text, decimal)
    assert isinstance(value, Percent)
    assert value == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "decimal"),
    [
        ("abc", "."),
        ("1.234,5", "."),  # a decimal comma where the file uses points
        ("12,34", "."),  # not a group of three
        ("1,2,3", "."),
        ("1 2", ","),
        ("4.12x", "."),
        ("2024e", "."),
        ("", "."),
        ("%", "."),
        ("\u00b2", "."),  # a superscript is a digit to str.isdigit but not to float()
    ],
)
def test_parse_number_refuses_what_is_not_a_number(text: str, decimal: str) -> None:
    assert parse_number(text, decimal) is None


@pytest.mark.parametrize(
    "marker",
    [
        "",
        "   ",
        "...",
        "\u2026",
        ". .",
        "..",
        "xxx",
        "n/a",
        "N/A",
        "n.a.",
        "-",
        "\u2013",
        "#REF!",
        "#N/A",
        "#DIV/0!",
        "NaN",
        None,
        float("nan"),
    ],
)
def test_missing_markers(marker: object) -> None:
    assert is_missing(marker)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["0", "0.0", 0, 0.0, "Poland", "-1", "x1"])
def test_real_values_are_not_missing(value: object) -> None:
    assert not is_missing(value)  # type: ignore[arg-type]


def test_number_of_keeps_zero_and_refuses_booleans() -> None:
    assert number_of(0) == 0.0
    assert number_of("0") == 0.0
    assert number_of(True) is None  # type: ignore[arg-type]
    assert number_of(Percent(4.5)) == 4.5


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2024, (2024, False)),
        (2024.0, (2024, False)),
        ("2019", (2019, False)),
        ("2024e", (2024, True)),
        ("'2023e'", (2023, True)),
        ("'2023e", (2023, True)),
        ("2024 E", (2024, True)),
        ("2024 (est.)", (2024, True)),
        ("2024p", (2024, True)),
        ("2024.0", (2024, False)),
        ("2024*", (2024, False)),
    ],
)
def test_year_headers(value: object, expected: tuple[int, bool]) -> None:
    assert parse_year(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [2024.5, 1500, "abc", "20245", "Country", None, True, "24"])
def test_not_year_headers(value: object) -> None:
    assert parse_year(value) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4,12", ","),
        ("4.12", "."),
        ("1.234,5", ","),
        ("1,234.5", "."),
        ("1,234", None),
        ("1,234,567", "."),
        ("2024", None),
        ("abc", None),
    ],
)
def test_guess_decimal(text: str, expected: str | None) -> None:
    assert guess_decimal(text) == expected


def test_column_letters_and_ranges() -> None:
    assert [column_letter(n) for n in (1, 14, 26, 27, 703)] == ["A", "N", "Z", "AA", "AAA"]
    assert column_number("AE") == 31
    assert parse_cell_range("A5:M40") == (5, 1, 40, 13)
    assert parse_cell_range("$B$8:$N$43") == (8, 2, 43, 14)
    assert parse_cell_range("B8") == (8, 2, None, None)
    assert parse_cell_range("b8:n") == (8, 2, None, 14)
    for bad in ("5A:M40", "M40:A5", "A0:B2", "whatever"):
        with pytest.raises(ValueError):
            parse_cell_range(bad)


def test_format_cell() -> None:
    assert format_cell(None) == ""
    assert format_cell(2014.0) == "2014"
    assert format_cell(4.120190989357147) == "4.120190989"
    assert format_cell(Percent(4.5)) == "4.5%"
    assert format_cell(float("nan")) == ""
    assert math.isnan(float("nan"))


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("United States of America", "United States"),
        ("USA", "United States"),
        ("Turkey", "Türkiye"),
        ("Türkiye", "Türkiye"),
        ("TURKIYE", "Türkiye"),
        ("Slovak Republic", "Slovakia"),
        ("Czech Republic", "Czechia"),
        ("Czechia*", "Czechia"),
        ("Czechia*   (Koruny)", "Czechia"),
        ("Albania   (Leks)", "Albania"),
        ("Poland*", "Poland"),
        ("United States   (US dollars)", "United States"),
        ("Republic of North Macedonia", "North Macedonia"),
        ("the former Yugoslav Republic of Macedonia", "North Macedonia"),
        ("Macedonia, FYR", "North Macedonia"),
        ("  Estonia\u00a0* ", "Estonia"),
        ("Germany\u2020", "Germany"),
        ("France2", "France"),
        ("Russian Federation", "Russia"),
        ("nato  total", "NATO Total"),
        ("Korea, South", "South Korea"),
        ("Atlantis (Lost)", "Atlantis (Lost)"),
        ("Some   Place *", "Some Place"),
    ],
)
def test_normalise_country(label: str, expected: str) -> None:
    assert normalise_country(label) == expected


def test_canonical_country() -> None:
    assert canonical_country("Slovak Republic") == "Slovakia"
    assert canonical_country("Atlantis") is None
