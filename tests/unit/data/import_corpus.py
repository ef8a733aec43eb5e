"""A corpus of messy data files and what the importer made of each, to keep its behaviour fixed.

``cases()`` builds the files: the shapes the importer tests use, and a few hundred small random
tables mixing every number format, missing marker, layout quirk and encoding the importer
handles (and some it must refuse). ``outcome()`` describes, as plain JSON data, what
``read_table`` (strict and not), ``load_file`` and ``preview`` return for one file, or the error
they raise.

``golden/import_cases.json`` holds the files and their outcomes as recorded with the importer
that read every cell one at a time in Python (before the importer read text files with pandas'
C parser and cleaned whole columns). ``test_data_golden.py`` checks today's importer against it.
Re-record only on purpose: ``python tests/unit/data/import_corpus.py --record``.
"""

from __future__ import annotations

import base64
import codecs
import csv
import io
import json
import math
import random
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parents[2] / "fixtures" / "data" / "golden" / "import_cases.json"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "data"


@dataclass
class Case:
    name: str
    filename: str
    data: bytes
    options: dict[str, Any] = field(default_factory=dict)
    """Options for read_table and load_file (load_file's column options only go to it)."""


_LOAD_ONLY = ("country_column", "year_column", "value_column", "estimate_column")


# --------------------------------------------------------------------------------------------
# describing what the importer did


def _cell(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, float):
        return "nan" if math.isnan(value) else repr(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return repr(float(value))
    return str(value)


def _error(exc: BaseException) -> dict[str, Any]:
    from briefing.errors import BriefingError

    if isinstance(exc, BriefingError):
        return {"error": str(exc), "type": type(exc).__name__}
    return {"crash": type(exc).__name__}


def describe_table(table: Any) -> dict[str, Any]:
    frame = table.frame
    return {
        "columns": [
            [c.name, c.header, c.type, c.year, c.estimate, c.position] for c in table.columns
        ],
        "frame": {str(k): [_cell(v) for v in frame[k].tolist()] for k in frame.columns},
        "row_numbers": [int(n) for n in table.row_numbers],
        "header_row": table.header_row,
        "sheet": table.sheet,
        "sheets": list(table.sheets),
        "encoding": table.encoding,
        "delimiter": table.delimiter,
        "decimal": table.decimal,
        "estimate_cells": sorted([int(r), str(c)] for r, c in table.estimate_cells),
        "warnings": list(table.warnings),
    }


def describe_dataset(ds: Any) -> dict[str, Any]:
    return {
        "records": [
            [str(c), int(y), _cell(float(v)), bool(e)]
            for c, y, v, e in ds.frame[["country", "year", "value", "estimate"]].itertuples(
                index=False
            )
        ],
        "dtypes": [str(ds.frame[c].dtype) for c in ("year", "value", "estimate")],
        "unit": ds.info.unit,
        "warnings": list(ds.warnings),
    }


def describe_preview(p: Any) -> dict[str, Any]:
    return {
        "columns": list(p.columns),
        "types": list(p.types),
        "rows": [list(r) for r in p.rows],
        "sheets": list(p.sheets),
        "sheet": p.sheet,
        "header_row": p.header_row,
        "row_count": p.row_count,
        "years": list(p.years),
        "estimate_years": list(p.estimate_years),
        "shape": p.shape,
        "encoding": p.encoding,
        "delimiter": p.delimiter,
        "decimal": p.decimal,
        "warnings": list(p.warnings),
    }


def outcome(path: Path, options: dict[str, Any]) -> dict[str, Any]:
    from briefing.data import load_file, preview, read_table

    read_options = {k: v for k, v in options.items() if k not in _LOAD_ONLY}
    preview_options = {k: v for k, v in read_options.items() if k != "estimate_font_colours"}
    result: dict[str, Any] = {}
    calls: list[tuple[str, Any]] = [
        ("read_table", lambda: describe_table(read_table(path, **read_options))),
        ("read_table_lax", lambda: describe_table(read_table(path, strict=False, **read_options))),
        ("load_file", lambda: describe_dataset(load_file(path, **options))),
        ("preview", lambda: describe_preview(preview(path, rows=4, **preview_options))),
    ]
    for name, call in calls:
        try:
            result[name] = call()
        except Exception as exc:
            result[name] = _error(exc)
    if result["read_table_lax"] == result["read_table"]:
        result["read_table_lax"] = "same as read_table"
    return result


# --------------------------------------------------------------------------------------------
# the files

WIDE = "country,2023,2024\nPoland,3.26,4.12\nTürkiye,1.5,2.09\n"

NAMES = [
    "Poland",
    "Poland*",
    "Türkiye",
    "Turkey",
    "Slovak Republic",
    "United States of America",
    "USA",
    "Albania   (Leks)",
    "Czech Republic",
    "Germany\u00b9",
    "  Spain ",
    "Estonia\u2020",
    "'Latvia",
    "Lithuania 2",
    "The Netherlands",
    "Republic of Korea",
    "NATO Europe & Canada",
    "NATO Total",
    "Atlantis",
    "Freedonia (est.)",
    "Greece\u00a0\u00a0",
    "North Macedonia, Republic of",
]

MARKERS = [
    "...",
    "..",
    ". .",
    "\u2026",
    ".",
    "xxx",
    "x",
    "n/a",
    "N/A",
    "n.a.",
    "NA",
    "nan",
    "NaN",
    "null",
    "-",
    "--",
    "\u2013",
    "\u2014",
    ":",
    "?",
    "#N/A",
    "#REF!",
    "#VALUE!",
    "#DIV/0!",
    " n/a ",
    "",
    "  ",
]

BAD = ["l.28", "abc", "1.2.3", "12a", "inf", "-nan", "TRUE", "FALSE", "1,23,4", "e5", "1.5e", "$"]


def _number(rng: random.Random, decimal: str) -> str:
    """A number written one of the ways people write them, for a file using ``decimal``."""
    value = rng.choice(
        [
            rng.uniform(0, 10),
            rng.uniform(-50, 50),
            rng.uniform(0, 2_000_000),
            float(rng.randint(0, 3000)),
            rng.uniform(0, 1),
        ]
    )
    digits = rng.choice([0, 1, 2, 2, 3, 4, 6])
    text = f"{abs(value):.{digits}f}"
    whole, _, fraction = text.partition(".")
    style = rng.random()
    sep = "," if decimal == "." else "."
    if style < 0.2 and len(whole) > 3:
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        whole = rng.choice([sep, " ", "\u00a0", "'", "\u202f"]).join(groups)
    text = whole + (decimal + fraction if fraction else "")
    if value < 0:
        text = rng.choice(["-", "-", "\u2212", "- "]) + text
    extra = rng.random()
    if extra < 0.08:
        text += rng.choice(["%", " %"])
    elif extra < 0.11:
        text = f"({text})"
    elif extra < 0.14:
        text = rng.choice(["$", "\u20ac", "\u00a3 "]) + text
    elif extra < 0.16:
        text = text + rng.choice([" \u20ac", "$"])
    elif extra < 0.19:
        text = rng.choice([" ", "  "]) + text + rng.choice(["", " "])
    elif extra < 0.21:
        text = "'" + text
    elif extra < 0.23 and decimal == "." and "." not in text and " " not in text:
        text = f"{value:.2e}"
    elif extra < 0.25:
        text = "+" + text
    elif extra < 0.27 and fraction:
        text = text.rstrip("0123456789")  # "5." or "5,"
    return text


def _value(rng: random.Random, decimal: str, bad: float, missing: float) -> str:
    roll = rng.random()
    if roll < missing:
        return rng.choice(MARKERS)
    if roll < missing + bad:
        return rng.choice(BAD)
    return _number(rng, decimal)


def _write_rows(
    rows: list[list[str]], delimiter: str, rng: random.Random, line_end: str = "\n"
) -> str:
    out = io.StringIO()
    quoting = csv.QUOTE_ALL if rng.random() < 0.1 else csv.QUOTE_MINIMAL
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end, quoting=quoting)
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def _encode(text: str, rng: random.Random) -> tuple[bytes, str]:
    roll = rng.random()
    if roll < 0.7:
        return text.encode("utf-8"), "utf-8"
    if roll < 0.8:
        return codecs.BOM_UTF8 + text.encode("utf-8"), "bom"
    if roll < 0.9:
        try:
            return text.encode("cp1252"), "cp1252"
        except UnicodeEncodeError:
            return text.encode("utf-8"), "utf-8"
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "utf-16"


def _decorate(rows: list[list[str]], rng: random.Random, width: int) -> list[list[str]]:
    """Titles above, blank lines, headings and notes among and below the rows."""
    out = list(rows)
    if rng.random() < 0.3:
        out.insert(1, [rng.choice(["Share (%)", "Europe", "Table A"])] + [""] * (width - 1))
    if rng.random() < 0.25:
        out.insert(rng.randint(1, len(out)), [""] * width)
    if rng.random() < 0.3:
        out.append([""] * width)
        out.append(["Notes: figures for 2024 are estimates."] + [""] * (width - 1))
    if rng.random() < 0.3:
        out.insert(0, [""] * width)
        out.insert(0, ["Defence expenditure, invented figures"])
    if rng.random() < 0.15:
        out = [[*row, ""] for row in out]  # a trailing delimiter on every line
    return out


def _random_wide(rng: random.Random, k: int) -> Case:
    decimal = rng.choice([".", ".", ","])
    delimiter = rng.choice([",", ";", "\t", "|"] if decimal == "." else [";", ";", "\t", ","])
    years = sorted(rng.sample(range(2010, 2026), rng.randint(1, 5)))
    heads = [
        str(y) + (rng.choice(["e", " (e)", "*", "p"]) if rng.random() < 0.2 else "") for y in years
    ]
    first = rng.choice(["country", "Country", "", "Land", "name", "Ally"])
    header = [first, *heads]
    extra_text = rng.random() < 0.25
    if extra_text:
        header.insert(1, rng.choice(["Notes", "note", "Currency"]))
    rows = [header]
    bad = rng.choice([0.0, 0.0, 0.03, 0.15])
    missing = rng.choice([0.0, 0.1, 0.3])
    for name in rng.sample(NAMES, rng.randint(1, 7)):
        row = [name] + [_value(rng, decimal, bad, missing) for _ in years]
        if extra_text:
            row.insert(1, rng.choice(["", "a", "78", "\u00a7", "see note", "\u2016"]))
        rows.append(row)
    rows = _decorate(rows, rng, len(header))
    if rng.random() < 0.1 and len(rows) > 2:
        victim = rng.randint(1, len(rows) - 1)
        rows[victim] = rows[victim][:-1]  # a short line
    if rng.random() < 0.06 and len(rows) > 2:
        victim = rng.randint(1, len(rows) - 1)
        rows[victim] = rows[victim] + [rng.choice(["", "9", "x"])]  # a long line
    line_end = rng.choice(["\n", "\n", "\r\n", "\r"])
    text = _write_rows(rows, delimiter, rng, line_end)
    if rng.random() < 0.3:
        text = text.rstrip("\r\n")  # no newline at the end
    data, enc = _encode(text, rng)
    options: dict[str, Any] = {}
    roll = rng.random()
    if roll < 0.08:
        options["decimal"] = decimal
    elif roll < 0.12:
        options["value_kind"] = "fraction"
    elif roll < 0.16:
        options["value_kind"] = "percent"
    elif roll < 0.2 and years:
        options["columns"] = {str(years[0]): rng.choice(["text", "fraction", "number"])}
    return Case(f"wide-{k}-{enc}", rng.choice(["t.csv", "t.txt", "t.tsv"]), data, options)


def _random_long(rng: random.Random, k: int) -> Case:
    decimal = rng.choice([".", ","])
    delimiter = rng.choice([",", ";", "\t"] if decimal == "." else [";", "\t"])
    header = [rng.choice(["country", "Country", "name"]), rng.choice(["year", "Year", "Jahr"])]
    header.append(rng.choice(["value", "Value", "share", "spend"]))
    flag = rng.random() < 0.4
    if flag:
        header.append(rng.choice(["estimate", "Estimate", "flag"]))
    note = rng.random() < 0.2
    if note:
        header.append("source")
    rows = [header]
    bad = rng.choice([0.0, 0.0, 0.05])
    missing = rng.choice([0.0, 0.1, 0.3])
    names = rng.sample(NAMES, rng.randint(1, 5))
    years = sorted(rng.sample(range(1990, 2026), rng.randint(1, 4)))
    pairs = [(n, y) for n in names for y in years]
    rng.shuffle(pairs)
    for name, year in pairs:
        shown = str(year)
        roll = rng.random()
        if roll < 0.1:
            shown += rng.choice(["e", " (p)", "*"])
        elif roll < 0.13:
            shown = f"{year}.0"
        elif roll < 0.15:
            shown = rng.choice(["last", "", "n/a"])
        row = [name, shown, _value(rng, decimal, bad, missing)]
        if flag:
            row.append(rng.choice(["yes", "no", "", "TRUE", "false", "e", "*", "1", "0", "maybe"]))
        if note:
            row.append(rng.choice(["NATO", "SIPRI", "", "own estimate"]))
        rows.append(row)
    if rng.random() < 0.1 and len(rows) > 2:
        rows.append(list(rows[1]))  # the same country and year twice
    rows = _decorate(rows, rng, len(header))
    text = _write_rows(rows, delimiter, rng, rng.choice(["\n", "\r\n"]))
    data, enc = _encode(text, rng)
    options: dict[str, Any] = {}
    if rng.random() < 0.15:
        options["value_column"] = header[2]
    if rng.random() < 0.1:
        options["columns"] = {header[2]: rng.choice(["fraction", "percent"])}
    return Case(f"long-{k}-{enc}", "l.csv", data, options)


def _format_column(rng: random.Random, k: int) -> Case:
    """One column of many number formats under one decimal separator: the cell rules at work."""
    decimal = rng.choice([".", ","])
    delimiter = ";" if decimal == "," else ","
    rows = [["country", "2024"]]
    for i in range(rng.randint(5, 30)):
        rows.append([f"Country {i}", _value(rng, decimal, 0.1, 0.15)])
    text = _write_rows(rows, delimiter, rng)
    options: dict[str, Any] = {"decimal": decimal} if rng.random() < 0.5 else {}
    return Case(f"formats-{k}", "f.csv", text.encode("utf-8"), options)


def _fixed_cases() -> Iterator[Case]:
    def text(name: str, body: str, filename: str = "t.csv", **options: Any) -> Case:
        return Case(name, filename, body.encode("utf-8"), options)

    yield text("wide", WIDE)
    for delim in [",", ";", "\t", "|"]:
        yield text(f"delimiter-{delim!r}", WIDE.replace(",", delim), "d.txt")
    yield Case("bom", "b.csv", codecs.BOM_UTF8 + WIDE.encode("utf-8"))
    yield Case("cp1252", "w.csv", WIDE.encode("cp1252"))
    yield Case(
        "excel-unicode",
        "u.txt",
        codecs.BOM_UTF16_LE + WIDE.replace(",", "\t").replace("\n", "\r\n").encode("utf-16-le"),
    )
    yield Case("utf16-nobom", "u.txt", WIDE.replace(",", "\t").encode("utf-16-le"))
    yield Case("utf16-be", "u.txt", codecs.BOM_UTF16_BE + WIDE.encode("utf-16-be"))
    yield Case(
        "cp1252-specials",
        "w.csv",
        "country;note;2024\nTürkiye;“estimate” \u2013 € bn;2,09\n".encode("cp1252"),
    )
    yield Case(
        "wrong-explicit-encoding",
        "x.csv",
        "country,2024\nPoland,4\nTürkiye,2\n".encode("cp1252"),
        {"encoding": "utf-8"},
    )
    yield Case("undecodable", "odd.csv", b"country,2024\nPoland,4\x81\x8d\x8f\x90\x9d\n")
    yield text("unknown-encoding", WIDE, encoding="klingon")
    yield text("named-delimiter", WIDE.replace(",", "\t"), "d.txt", delimiter="tab")
    yield text("decimal-comma", "Land;2023;2024\nPolen;3,26;4,12\nSpanien;1,19;1,28\n")
    yield text("thousands-1", 'country,2024\nUnited States,"967,700.5"\nSpain,"19,317.25"\n')
    yield text("thousands-2", "country;2024\nUnited States;967.700,5\nSpain;19.317,25\n")
    yield text("thousands-3", "country;2024\nUnited States;967 700,5\nSpain;19 317,25\n")
    yield text(
        "thousands-4", "country\t2024\nUnited States\t967\u00a0700,5\nSpain\t19\u00a0317,25\n"
    )
    yield text("thousands-5", 'country,2024\nUnited States,"1,234,567"\nSpain,"1,234"\n')
    yield text("ambiguous", 'country,2024\nPoland,"1,234"\n')
    yield text("ambiguous-forced", 'country,2024\nPoland,"1,234"\n', decimal=",")
    yield text("percent-strings", "country,2024,note\nPoland,4.12%,a\nSpain,1.28 %,b\n")
    yield text(
        "fraction-long",
        "country,year,share,spend\nPoland,2025,0.045,100\nUkraine,2025,0.396,5.5%\n",
        columns={"share": "fraction", "spend": "number"},
        value_column="share",
    )
    yield text(
        "fraction-wide",
        "Country,Notes,2024,2025\nPoland,78,0.0375,0.045\nEstonia,,0.033,4.5%\n",
        value_kind="fraction",
    )
    yield text(
        "percent-declared",
        "country,year,value\nPoland,2024,4.12\nSpain,2024,1.28%\n",
        columns={"value": "percent"},
    )
    yield text("unknown-declared", WIDE, columns={"nope": "fraction"})
    markers = ["...", "…", "xxx", "n/a", "-", "#REF!", "", ". .", "N/A"]
    head = "country," + ",".join(str(2000 + i) for i in range(len(markers) + 1))
    yield text(
        "markers",
        f"{head}\nPoland,{','.join(markers)},0\nSpain,{','.join(['1'] * (len(markers) + 1))}\n",
    )
    yield text("estimate-headers", "country,2022,2023e,'2024e',2025.0\nPoland,2.2,3.26,4.12,4.5\n")
    yield text(
        "long-estimates",
        "Country,Year,Value,Estimate\nPoland,2023,3.26,no\nPoland,2024e,4.12,\n"
        "Slovak Republic,2024,2.00,yes\nSlovak Republic,2023,1.84,no\n",
    )
    yield text("long-bad-year", "country,year,value\nPoland,2024,4.1\nSpain,last,1.2\n")
    yield text("long-two-values", "country,year,a,b\nPoland,2024,4.1,2\n")
    yield text("long-two-values-chosen", "country,year,a,b\nPoland,2024,4.1,2\n", value_column="b")
    yield text("wide-gaps", "country,2014,2015,2016\nPoland,1.9,2.2,\nEstonia,1.9,2.0,2.1\n")
    yield text("duplicate-names", "country,2024\nPoland,4.1\nPoland*,4.2\n")
    yield Case("fixture-messy", "messy.csv", (FIXTURES / "messy_wide_cp1252.csv").read_bytes())
    yield text(
        "titles",
        "Defence spending\nSource: somebody, 2024\n\ncountry,2023,2024\nPoland,3.26,4.12\n",
    )
    yield text("header-row", "a,b,c\nx,y,z\ncountry,2023,2024\nPoland,3.26,4.12\n", header_row=3)
    yield text("header-row-missing", "a,b,c\nx,y,z\ncountry,2023,2024\n", header_row=9)
    yield text("no-header", "1,2,3\n4,5,6\n")
    yield text("short-line", "country,2022,2023,2024\nPoland,2.2,3.26\nSpain,1.1,1.2,1.28\n")
    yield text("long-line", "country,2023,2024\nPoland,3.26,4.12\nSpain,1,19,1,28\n")
    yield text("long-line-blank", "country,2023,2024\nPoland,3.26,4.12,,\nSpain,1.1,1.2\n")
    yield text("trailing-delimiters", "country;2024;\nPoland;4,12;\nSpain;1,28;\n")
    yield text("bad-cell", "country,2023,2024\nPoland,3.26,4.12\nSpain,1.19,l.28\n")
    yield text(
        "mostly-text", "country,notes,2024\nPoland,78,4.1\nSpain,§,1.3\nItaly,footnote,1.5\n"
    )
    yield text("values-no-name", "country,2024\nPoland,4.1\n,3.3\n")
    yield text("empty", "")
    yield text("blank", "\n  \n\r\n")
    yield text("header-only", "country,2023,2024\n")
    yield Case(
        "binary", "g.csv", bytes(random.Random(7).getrandbits(8) for _ in range(400)) + b"\0"
    )
    yield Case("fake-xlsx", "fake.xlsx", b"this is not really a workbook\n")
    yield Case("damaged-zip", "broken.xlsx", b"PK\x03\x04" + b"\x00" * 50)
    yield Case("old-xls", "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    yield text("sheet-of-text", WIDE, sheet="Data")
    yield text("bad-range", WIDE, cell_range="nonsense")
    yield text("bad-decimal", WIDE, decimal=";")
    yield text(
        "preview-csv",
        "country;2023e;2024e;note\nPoland*;3,26;4,12;x\nSpain;1,19;abc;\n",
    )
    yield text(
        "range-text",
        "a,b,c,d\nx,country,2023,2024\ny,Poland,3.26,4.12\nz,Spain,1,2\n",
        cell_range="B2:D3",
    )
    yield text("range-text-open", "x\n\ncountry,2024\nPoland,4\nSpain,5\n", cell_range="A3")
    yield text("range-empty", WIDE, cell_range="A20:C30")
    yield text(
        "quoted-newline",
        'country,note,2024\nPoland,"two\nlines",4.1\nSpain,"x",1.2\nItaly,,3\n',
    )
    yield text("quoted-newline-bad", 'country,note,2024\nPoland,"two\nlines",4.1\nSpain,"x",l.2\n')
    yield text("cr-only", "country,2024\rPoland,4.1\rSpain,1.2\r")
    yield text("crlf", "country,2024\r\nPoland,4.1\r\n\r\nSpain,1.2\r\n")
    yield text("stray-quote", 'country,note,2024\nPoland,12" screen,4.1\nSpain,x,1.2\n')
    yield text("bool-column", "country,flag,2024\nPoland,TRUE,4.1\nSpain,FALSE,1.2\n")
    yield text("inf-column", "country,2024\nPoland,inf\nSpain,1.2\n")
    yield text("nan-column", "country,2024\nPoland,nan\nSpain,-nan\n")
    yield text("exponents", "country,2024\nPoland,1.5e3\nSpain,2E-2\nItaly,1.e5\n")
    yield text("exponents-comma", "country;2024\nPoland;1,5e3\nSpain;1e5\n")
    yield text("big-int", "country,2024\nPoland,123456789012345678901234\nSpain,7\n")
    yield text(
        "leading-zeros-text",
        "country,code,2024\nPoland,007,4\nSpain,010,5\n",
        columns={"code": "text"},
    )
    yield text("marker-only-column", "country,2023,2024\nPoland,n/a,4\nSpain,...,5\n")
    yield text("marker-row", "country,2023,2024\nPoland,n/a,n/a\nSpain,1,5\n")
    yield text("label-columns", ",,2023,2024\nNATO,,2,3\n,Poland,3.1,4.1\n,Spain,1,1.2\n")
    yield text("whitespace-cells", "country,2024\nPoland,  \nSpain, 1.2 \n  ,  \n")
    yield text("apostrophes", "country,2024\n'Poland,'4.1\nSpain,'1,2'\n")
    yield text("mixed-decimals", "country;2023;2024\nPoland;3,26;4.12\nSpain;1,19;1,28\n")
    yield text("years-as-text", "country,year,value\nPoland,2024e,1\nPoland,2023,2\n")
    yield text("year-values-wide", "country,2024\nPoland,2024\nSpain,2023\n")
    yield text("unicode-digits", "country,2024\nPoland,\u0663\nSpain,1\n")
    yield text("superscript", "country,2024\nPoland,\u00b2\nSpain,1\n")
    yield text("long-empty-value", "country,year,value\nPoland,2024,\nSpain,2024,3\n")
    yield text("one-column", "Poland\nSpain\n")
    yield text("no-numbers", "country,name\nPoland,x\nSpain,y\n")
    yield text("numbers-only", "2023,2024\n1,2\n3,4\n")
    yield text("control-chars", "country,2024\nPoland,4\x01\x02\x03\x04\x05\x06\x07\x08\n")
    yield text("pipe-quoted", 'country|2024\n"Poland|x"|4\nSpain|5\n')
    yield text(
        "many-columns",
        "c,"
        + ",".join(str(1900 + i) for i in range(200))
        + "\nP,"
        + ",".join(str(i) for i in range(200))
        + "\n",
    )


def _workbook_cases() -> Iterator[Case]:
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
        [("Poland*", 2.2, 3.26, 4.12), ("Slovak Republic", 1.8, "...", 2.0)], start=6
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
    mixed = wb.create_sheet("Mixed")
    mixed.append(["Country", "Year", "Value", "Flag"])
    mixed.append(["Poland", 2024, "4,5", True])
    mixed.append(["Spain", "2023e", 1.5, False])
    mixed.append(["Italy", 2022.0, "n/a", None])
    out = io.BytesIO()
    wb.save(out)
    book = out.getvalue()
    yield Case(
        "xlsx-range",
        "book.xlsx",
        book,
        {"sheet": "Data", "cell_range": "B4:F8", "estimate_font_colours": ["0000FF"]},
    )
    yield Case("xlsx-whole-sheet", "book.xlsx", book, {"sheet": "Data"})
    yield Case("xlsx-duplicates", "book.xlsx", book, {"sheet": "Data", "cell_range": "B4:F10"})
    yield Case("xlsx-bad-cell", "book.xlsx", book, {"sheet": "Data", "cell_range": "C4:F11"})
    yield Case("xlsx-unknown-sheet", "book.xlsx", book, {"sheet": "TABLE9"})
    yield Case("xlsx-pct", "book.xlsx", book, {"sheet": " pct "})
    yield Case("xlsx-pct-fraction", "book.xlsx", book, {"sheet": "Pct", "value_kind": "fraction"})
    yield Case("xlsx-empty-sheet", "book.xlsx", book, {"sheet": "Notes"})
    yield Case("xlsx-default-sheet", "book.xlsx", book)
    yield Case("xlsx-mixed", "book.xlsx", book, {"sheet": "Mixed"})
    yield Case(
        "xlsx-header-above",
        "book.xlsx",
        book,
        {"sheet": "Data", "header_row": 4, "cell_range": "C10:F11"},
    )


def _ods_cases() -> Iterator[Case]:
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

    doc.spreadsheet.addElement(Table(name="About"))
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
    out = io.BytesIO()
    doc.write(out)
    book = out.getvalue()
    yield Case("ods", "spend.ods", book)
    yield Case("ods-about", "spend.ods", book, {"sheet": "About"})


def cases() -> list[Case]:
    rng = random.Random(20250615)
    found = list(_fixed_cases())
    found += [_random_wide(rng, k) for k in range(160)]
    found += [_random_long(rng, k) for k in range(90)]
    found += [_format_column(rng, k) for k in range(60)]
    found += list(_workbook_cases())
    found += list(_ods_cases())
    return found


# --------------------------------------------------------------------------------------------
# recording


def _options_json(options: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(options))


def record() -> None:
    recorded = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, case in enumerate(cases()):
            folder = Path(tmp) / f"{n:03d}"
            folder.mkdir()
            path = folder / case.filename
            path.write_bytes(case.data)
            result = outcome(path, case.options)
            text = json.dumps(result, ensure_ascii=False).replace(str(folder), "<dir>")
            recorded.append(
                {
                    "name": case.name,
                    "filename": case.filename,
                    "data": base64.b64encode(case.data).decode("ascii"),
                    "options": _options_json(case.options),
                    "outcome": json.loads(text),
                }
            )
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(
        json.dumps(recorded, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"recorded {len(recorded)} cases in {GOLDEN}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--record"]:
        sys.exit("usage: import_corpus.py --record   (overwrites the golden outcomes)")
    record()
