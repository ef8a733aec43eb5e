"""Data for charts: import CSV/XLSX/ODS files, the bundled datasets, country groups.

Importing this package does not import pandas; the functions that need it import it themselves.
"""

from __future__ import annotations

from briefing.data.cells import Percent, parse_number, parse_year
from briefing.data.dataset import (
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

__all__ = [
    "GROUPS",
    "NATO_AGGREGATES",
    "NATO_ALLIES",
    "Column",
    "ColumnKind",
    "ColumnSpec",
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
