"""Named groups of countries ("allies", "baltics", ...) and resolving a mix of names and groups.

Member names are the canonical ones of :mod:`briefing.data.names` (NATO's short English names),
which the bundled datasets hold.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from briefing.data.names import NATO_ALLIES, normalise_country
from briefing.errors import DataImportError


@dataclass(frozen=True)
class CountryGroup:
    id: str
    title: str
    members: tuple[str, ...]
    note: str = ""


_GROUPS: tuple[CountryGroup, ...] = (
    CountryGroup(
        "allies",
        "NATO Allies",
        NATO_ALLIES,
        "The 32 members of NATO since Sweden joined on 7 March 2024. Iceland, which has no "
        "armed forces, is absent from NATO's defence-expenditure tables (31 Allies there).",
    ),
    CountryGroup(
        "european-allies-and-canada",
        "European allies and Canada",
        tuple(c for c in NATO_ALLIES if c != "United States"),
        "Every Ally except the United States; NATO's aggregate of them is "
        "'NATO Europe and Canada'.",
    ),
    CountryGroup(
        "european-allies",
        "European allies",
        tuple(c for c in NATO_ALLIES if c not in ("United States", "Canada")),
    ),
    CountryGroup("baltics", "Baltic states", ("Estonia", "Latvia", "Lithuania")),
    CountryGroup(
        "nordics",
        "Nordic countries",
        ("Denmark", "Finland", "Iceland", "Norway", "Sweden"),
    ),
    CountryGroup(
        "frontline",
        "Frontline Allies",
        (
            "Norway",
            "Finland",
            "Estonia",
            "Latvia",
            "Lithuania",
            "Poland",
            "Slovakia",
            "Hungary",
            "Romania",
        ),
        "Allies with a land border with Russia, Belarus or Ukraine.",
    ),
    CountryGroup(
        "eastern-flank",
        "Eastern flank",
        (
            "Estonia",
            "Latvia",
            "Lithuania",
            "Poland",
            "Slovakia",
            "Hungary",
            "Romania",
            "Bulgaria",
        ),
        "The eight Allies hosting NATO's forward land forces (multinational battlegroups).",
    ),
    CountryGroup(
        "g7-allies",
        "G7 Allies",
        ("Canada", "France", "Germany", "Italy", "United Kingdom", "United States"),
    ),
)

GROUPS: dict[str, CountryGroup] = {g.id: g for g in _GROUPS}
"""The country groups by id."""


def group(group_id: str) -> CountryGroup:
    """The group ``group_id`` (any case; spaces or underscores for hyphens)."""
    key = group_id.strip().casefold().replace("_", "-").replace(" ", "-")
    if key in GROUPS:
        return GROUPS[key]
    for g in _GROUPS:
        if g.title.casefold() == group_id.strip().casefold():
            return g
    raise KeyError(group_id)


def resolve_countries(
    names_or_groups: str | Iterable[str], *, known: Iterable[str] | None = None
) -> list[str]:
    """Country names for a mix of names and group ids, in order, without duplicates.

    ``["baltics", "Poland", "Slovak Republic"]`` -> ``["Estonia", "Latvia", "Lithuania",
    "Poland", "Slovakia"]``. Names are normalised (aliases, footnote marks). With ``known`` (the
    countries a dataset holds), a group's members that are not known are left out (NATO's tables
    have no Iceland), and a country named on its own that is not known is an error.
    """
    items = [names_or_groups] if isinstance(names_or_groups, str) else list(names_or_groups)
    known_set = set(known) if known is not None else None
    out: dict[str, None] = {}
    for item in items:
        if not item.strip():
            continue
        try:
            members = group(item).members
        except KeyError:
            name = normalise_country(item)
            if known_set is not None and name not in known_set:
                choices = sorted(known_set) + list(GROUPS)
                close = difflib.get_close_matches(name, choices, n=3)
                hint = f"Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
                hint += (" " if hint else "") + f"Groups: {', '.join(GROUPS)}."
                raise DataImportError(
                    f"{item!r} is neither a country in the data nor a group.", hint=hint
                ) from None
            out[name] = None
            continue
        for member in members:
            if known_set is None or member in known_set:
                out[member] = None
    return list(out)
