"""Country names as publishers print them, brought to one spelling.

The canonical names are NATO's short English names ("United States", "Türkiye", "Czechia",
"Slovakia", "North Macedonia"), so NATO's and SIPRI's tables and the country groups agree.
Labels from print layouts carry more than the name: footnote marks (``Poland*``), currencies
(``Albania   (Leks)``), odd spacing. :func:`normalise_country` removes them.
"""

from __future__ import annotations

import re

from briefing.data.cells import clean_text

NATO_ALLIES: tuple[str, ...] = (
    "Albania",
    "Belgium",
    "Bulgaria",
    "Canada",
    "Croatia",
    "Czechia",
    "Denmark",
    "Estonia",
    "Finland",
    "France",
    "Germany",
    "Greece",
    "Hungary",
    "Iceland",
    "Italy",
    "Latvia",
    "Lithuania",
    "Luxembourg",
    "Montenegro",
    "Netherlands",
    "North Macedonia",
    "Norway",
    "Poland",
    "Portugal",
    "Romania",
    "Slovakia",
    "Slovenia",
    "Spain",
    "Sweden",
    "Türkiye",
    "United Kingdom",
    "United States",
)
"""The 32 members of NATO (since Sweden joined on 7 March 2024), in NATO's alphabetical order."""

NATO_AGGREGATES: tuple[str, ...] = ("NATO Europe and Canada", "NATO Total")

OTHER_COUNTRIES: tuple[str, ...] = (
    "Russia",
    "Ukraine",
    "Belarus",
    "Georgia",
    "Moldova",
    "Austria",
    "Ireland",
    "Switzerland",
    "Cyprus",
    "Malta",
    "Serbia",
    "Bosnia and Herzegovina",
    "Kosovo",
    "Australia",
    "New Zealand",
    "Japan",
    "South Korea",
    "North Korea",
    "China",
    "India",
    "Israel",
    "Iran",
)

KNOWN_NAMES: tuple[str, ...] = NATO_ALLIES + NATO_AGGREGATES + OTHER_COUNTRIES

_ALIASES: dict[str, str] = {
    "united states of america": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "us": "United States",
    "u.s.": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "great britain": "United Kingdom",
    "britain": "United Kingdom",
    "united kingdom of great britain and northern ireland": "United Kingdom",
    "turkey": "Türkiye",
    "turkiye": "Türkiye",
    "republic of türkiye": "Türkiye",
    "republic of turkiye": "Türkiye",
    "slovak republic": "Slovakia",
    "czech republic": "Czechia",
    "macedonia": "North Macedonia",
    "republic of north macedonia": "North Macedonia",
    "north macedonia, republic of": "North Macedonia",
    "macedonia, fyr": "North Macedonia",
    "fyr macedonia": "North Macedonia",
    "fyrom": "North Macedonia",
    "the former yugoslav republic of macedonia": "North Macedonia",
    "former yugoslav republic of macedonia": "North Macedonia",
    "the netherlands": "Netherlands",
    "holland": "Netherlands",
    "russian federation": "Russia",
    "korea, south": "South Korea",
    "republic of korea": "South Korea",
    "korea, republic of": "South Korea",
    "korea, north": "North Korea",
    "republic of moldova": "Moldova",
    "nato europe & canada": "NATO Europe and Canada",
    "nato europe and canada": "NATO Europe and Canada",
    "european allies and canada": "NATO Europe and Canada",
    "nato total": "NATO Total",
}
_CANONICAL = {name.casefold(): name for name in KNOWN_NAMES}

# Footnote marks printed after a name: asterisks, daggers, section and paragraph signs,
# superscript digits.
_MARKS = (
    "*\u2020\u2021\u00a7\u00b6\u2016\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
)
_TRAILING_MARKS = re.compile(f"[\\s{re.escape(_MARKS)}]+$")
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
_TRAILING_DIGITS = re.compile(r"(?<=[^\d\s])\s*\d{1,2}$")


def _lookup(text: str) -> str | None:
    key = text.casefold()
    return _CANONICAL.get(key) or _ALIASES.get(key)


def canonical_country(label: str) -> str | None:
    """The canonical name for ``label`` when it is a known country or aggregate, else None."""
    name = normalise_country(label)
    return name if _lookup(name) == name else None


def normalise_country(label: str) -> str:
    """``label`` as a country name: cleaned, footnote marks and currency removed, aliases applied.

    ``"Poland*"`` -> ``"Poland"``, ``"Albania   (Leks)"`` -> ``"Albania"``,
    ``"United States of America"`` -> ``"United States"``, ``"Slovak Republic"`` -> ``"Slovakia"``.
    Names it does not know are returned cleaned (whitespace collapsed, footnote marks removed) but
    otherwise as given; a bracketed part is removed only when what remains is a known name.
    """
    text = clean_text(label).strip("\"'")
    text = _TRAILING_MARKS.sub("", text)
    for _ in range(3):
        known = _lookup(text)
        if known:
            return known
        shorter = _TRAILING_PAREN.sub("", text)
        if shorter == text:
            shorter = _TRAILING_DIGITS.sub("", text)
        shorter = _TRAILING_MARKS.sub("", shorter)
        if shorter == text or not shorter or not _lookup(shorter):
            break
        text = shorter
    return _lookup(text) or text
