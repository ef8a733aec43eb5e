"""Reading single cells as people type them: numbers, percentages, missing markers, year headers.

Nothing here imports pandas; every function works on plain Python values so the readers, the
importer and the preview share one set of rules.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from typing import TypeAlias


class Percent(float):
    """A number its source marked as a percentage, already in percent units.

    ``"2.1%"`` in a text file, or a spreadsheet cell holding 0.021 formatted as a percentage, both
    become ``Percent(2.1)``: the value as the reader of the file saw it.
    """


CellValue: TypeAlias = str | int | float | datetime | date | time | None
"""A cell as a reader hands it over: text, a number, a date or time, or ``None`` (blank)."""

YEAR_MIN = 1800
YEAR_MAX = 2200

# Text that stands for "no value" in the files people send. Compared after strip + casefold.
MISSING_MARKERS = frozenset(
    {
        "...",
        "..",
        ". .",
        ". . .",
        "\u2026",  # …
        ".",
        "xxx",
        "x",
        "n/a",
        "n.a.",
        "n.a",
        "na",
        "nan",
        "null",
        "-",
        "--",
        "\u2013",  # en dash
        "\u2014",  # em dash
        ":",
        "?",
        "#n/a",
        "#ref!",
        "#value!",
        "#div/0!",
        "#name?",
        "#num!",
        "#null!",
        "#spill!",
        "#calc!",
        "#getting_data",
    }
)

_DOTS = re.compile(r"^[.\u2026\s]+$")
_PLAIN_POINT = re.compile(r"-?\d+(?:\.\d+)?")
_PLAIN_COMMA = re.compile(r"-?\d+(?:,\d+)?")
# scientific notation as pandas' C parser reads it: 1.5e3, 1.e5, .5E-2 (1,5e3 with decimal commas)
_EXPONENT = {
    sep: re.compile(rf"(?:\d+(?:{re.escape(sep)}\d*)?|{re.escape(sep)}\d+)[eE][+-]?\d+")
    for sep in ".,"
}
_ONE_SEPARATOR = re.compile(r"\d+([.,])(\d+)")
_EXCEL_ERROR = re.compile(r"^#[A-Z/0_]+[!?]?$")
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
_THOUSAND_SPACES = "\u00a0\u2007\u2009\u202f "
_CURRENCY = "$\u20ac\u00a3\u00a5"  # $ € £ ¥
_YEAR = re.compile(
    r"^(?P<year>\d{4})(?:\.0+)?\s*"
    r"(?P<suffix>e|est\.?|\(e\)|\(est\.?\)|p|prov\.?|\(p\)|f|fc|\(f\))?"
    r"\s*[*\u2020\u2021]*$",
    re.IGNORECASE,
)


def clean_text(text: str) -> str:
    """Strip, collapse whitespace (also no-break spaces), drop Excel's text apostrophe."""
    out = _SPACES.sub(" ", text).strip()
    if out.startswith("'") and out.count("'") == 1:
        out = out[1:].strip()
    return out


def is_blank(value: CellValue) -> bool:
    """True for an empty cell: ``None`` or text of whitespace only (not a missing marker)."""
    return value is None or (isinstance(value, str) and not value.strip())


def is_missing(value: CellValue) -> bool:
    """True for a blank cell or a marker of a missing value (``...``, ``n/a``, ``#REF!`` ...)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if not isinstance(value, str):
        return False
    if value[:1].isdigit():
        return False  # the common case, a number: no marker starts with a digit
    text = clean_text(value)
    if not text:
        return True
    if text.casefold() in MISSING_MARKERS or _DOTS.match(text):
        return True
    return bool(_EXCEL_ERROR.match(text.upper())) and text.upper() == text


def _strip_grouping(core: str, decimal: str) -> str | None:
    """``core`` (digits and separators only) as a plain ``1234.5`` string, or None."""
    thousands = [s for s in (",", ".", "'", *_THOUSAND_SPACES) if s != decimal]
    if decimal in core:
        whole, _, fraction = core.rpartition(decimal)
        if (fraction and not fraction.isdigit()) or decimal in whole:
            return None
    else:
        whole, fraction = core, ""
    if not whole:
        return f"0.{fraction}" if fraction else None
    if whole.isdigit():
        return f"{whole}.{fraction}" if fraction else whole
    seps = {ch for ch in whole if not ch.isdigit()}
    if len(seps) != 1 or next(iter(seps)) not in thousands:
        return None
    sep = next(iter(seps))
    groups = whole.split(sep)
    if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
        return None
    if not all(g.isdigit() for g in groups):
        return None
    digits = "".join(groups)
    return f"{digits}.{fraction}" if fraction else digits


def guess_decimal(text: str) -> str | None:
    """The decimal separator ``text`` implies on its own (``"1.234,5"`` -> ``","``), or None."""
    plain = _ONE_SEPARATOR.fullmatch(text)
    if plain:  # the common case, 1234.5 or 1234,5
        return None if len(plain.group(2)) == 3 else plain.group(1)
    core = text.strip().strip(_CURRENCY + "%+-\u2212() ")
    if not core or not any(ch.isdigit() for ch in core):
        return None
    if not all(ch.isdigit() or ch in ",.'" + _THOUSAND_SPACES for ch in core):
        return None
    commas, dots = core.count(","), core.count(".")
    if commas and dots:
        return "," if core.rfind(",") > core.rfind(".") else "."
    if commas == 1:
        after = core.rpartition(",")[2]
        return None if len(after) == 3 and core[0] != "," else ","
    if dots == 1:
        after = core.rpartition(".")[2]
        return None if len(after) == 3 and core[0] != "." else "."
    if commas > 1:
        return "."
    if dots > 1:
        return ","
    return None


def parse_number(text: str, decimal: str = ".") -> float | None:
    """The number written in ``text``, or None when it is not one.

    ``decimal`` is the decimal separator the file uses (``"."`` or ``","``); the other of the two,
    spaces, no-break spaces and apostrophes may group thousands, in groups of three. A trailing
    ``%`` gives a :class:`Percent`; ``(12)`` and the Unicode minus give negative numbers; a leading
    or trailing currency sign is ignored; scientific notation (``1.5e3``) is read with either
    decimal separator.
    """
    s = clean_text(text)
    if not s:
        return None
    percent = False
    if s.endswith("%"):
        percent = True
        s = s[:-1].rstrip()
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative = True
        s = s[1:-1].strip()
    s = s.strip(_CURRENCY).strip()
    if s[:1] in ("-", "\u2212", "+"):
        negative = negative != (s[0] != "+")
        s = s[1:].lstrip()
    s = s.strip(_CURRENCY).strip()
    if s.endswith("%") and not percent:
        percent = True
        s = s[:-1].rstrip()
    if not s or (not s[0].isdigit() and s[0] not in ".,"):
        return None
    value: float
    if _EXPONENT[decimal].fullmatch(s):
        value = float(s.replace(",", "."))
    else:
        plain = _strip_grouping(s, decimal)
        if plain is None:
            return None
        try:
            value = float(plain)
        except ValueError:  # digits float() does not read, such as superscripts ("²")
            return None
    if negative:
        value = -value
    return Percent(value) if percent else value


def number_of(value: CellValue, decimal: str = ".") -> float | None:
    """The number a cell holds (a number, or text that reads as one), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Percent):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        # fast path for the plain numbers most cells hold
        if decimal == "." and _PLAIN_POINT.fullmatch(value):
            return float(value)
        if decimal == "," and _PLAIN_COMMA.fullmatch(value):
            return float(value.replace(",", "."))
        return parse_number(value, decimal)
    return None


def parse_year(value: CellValue) -> tuple[int, bool] | None:
    """``(year, estimate)`` for a year header such as 2024, 2024.0, ``"'2023e"``, ``"2024 (p)"``."""
    if isinstance(value, bool | Percent):
        return None
    if isinstance(value, int | float):
        if not math.isfinite(value) or value != int(value):
            return None
        year = int(value)
        return (year, False) if YEAR_MIN <= year <= YEAR_MAX else None
    if not isinstance(value, str):
        return None
    text = clean_text(value).strip("'\"\u2018\u2019").strip()
    match = _YEAR.match(text)
    if not match:
        return None
    year = int(match.group("year"))
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None
    return year, match.group("suffix") is not None


def column_letter(number: int) -> str:
    """The spreadsheet letters of 1-based column ``number`` (1 -> A, 27 -> AA)."""
    if number < 1:
        raise ValueError(f"column numbers start at 1, not {number}")
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """The 1-based number of spreadsheet column ``letters`` (A -> 1, AA -> 27)."""
    number = 0
    for ch in letters.upper():
        if not "A" <= ch <= "Z":
            raise ValueError(f"not a column name: {letters!r}")
        number = number * 26 + ord(ch) - ord("A") + 1
    return number


_RANGE = re.compile(
    r"^\$?(?P<c1>[A-Za-z]{1,3})\$?(?P<r1>\d+)(?::\$?(?P<c2>[A-Za-z]{1,3})\$?(?P<r2>\d+)?)?$"
)


def parse_cell_range(text: str) -> tuple[int, int, int | None, int | None]:
    """``(first_row, first_col, last_row, last_col)`` of ``"A5:M40"`` (1-based, inclusive).

    ``"B8"`` alone means from B8 to the end of the sheet, ``"B8:N"`` to column N's last row.
    Raises ValueError for anything else.
    """
    match = _RANGE.match(text.strip().replace(" ", ""))
    if not match:
        raise ValueError(f"{text!r} is not a cell range such as A5:M40")
    r1, c1 = int(match.group("r1")), column_number(match.group("c1"))
    c2 = column_number(match.group("c2")) if match.group("c2") else None
    r2 = int(match.group("r2")) if match.group("r2") else None
    if r1 < 1 or (r2 is not None and r2 < r1) or (c2 is not None and c2 < c1):
        raise ValueError(f"{text!r} is not a cell range from top-left to bottom-right")
    return r1, c1, r2, c2


def format_cell(value: CellValue) -> str:
    """A cell as short text for previews: blanks empty, numbers without float noise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, Percent):
        return f"{format_cell(float(value))}%"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.10g}"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return clean_text(str(value))
