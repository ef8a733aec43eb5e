"""Data for charts: import CSV/XLSX/ODS files, the bundled datasets, country groups.

Importing this package does not import pandas, nor the importer: a name is loaded from its
module the first time it is used, so reading a bundled dataset (a deck build) does not pay for
the machinery that imports the user's files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.lazy import exports

if TYPE_CHECKING:
    from briefing.data.cells import Percent, parse_number, parse_year
    from briefing.data.dataset import (
        Columns,
        Dataset,
        DatasetInfo,
        list_bundled,
        load_bundled,
        load_file,
    )
    from briefing.data.groups import GROUPS, CountryGroup, resolve_countries
    from briefing.data.importer import (
        Column,
        ColumnKind,
        ColumnSpec,
        ImportedTable,
        Preview,
        long_to_wide,
        preview,
        read_table,
        to_long,
        wide_to_long,
    )
    from briefing.data.names import NATO_AGGREGATES, NATO_ALLIES, normalise_country

_WHERE = {
    "briefing.data.cells": ("Percent", "parse_number", "parse_year"),
    "briefing.data.dataset": (
        "Columns",
        "Dataset",
        "DatasetInfo",
        "list_bundled",
        "load_bundled",
        "load_file",
    ),
    "briefing.data.groups": ("GROUPS", "CountryGroup", "resolve_countries"),
    "briefing.data.importer": (
        "Column",
        "ColumnKind",
        "ColumnSpec",
        "ImportedTable",
        "Preview",
        "long_to_wide",
        "preview",
        "read_table",
        "to_long",
        "wide_to_long",
    ),
    "briefing.data.names": ("NATO_AGGREGATES", "NATO_ALLIES", "normalise_country"),
}

__all__ = [
    "GROUPS",
    "NATO_AGGREGATES",
    "NATO_ALLIES",
    "Column",
    "ColumnKind",
    "ColumnSpec",
    "Columns",
    "CountryGroup",
    "Dataset",
    "DatasetInfo",
    "ImportedTable",
    "Percent",
    "Preview",
    "list_bundled",
    "load_bundled",
    "load_file",
    "long_to_wide",
    "normalise_country",
    "parse_number",
    "parse_year",
    "preview",
    "read_table",
    "resolve_countries",
    "to_long",
    "wide_to_long",
]


__getattr__, __dir__ = exports(__name__, _WHERE, globals())
