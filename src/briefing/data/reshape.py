"""Imported tables into the tidy ``country, year, value, estimate`` frame a dataset holds, and
back: wide tables (years as columns) are melted, long ones read through their columns, all on
whole columns at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from briefing.data.cells import clean_text, format_cell
from briefing.data.names import normalise_country
from briefing.data.table import (
    COUNTRY_NAMES,
    ESTIMATE_NAMES,
    TRUE_FLAGS,
    VALUE_NAMES,
    YEAR_NAMES,
    Column,
    ImportedTable,
    fail_at,
    listing,
)

if TYPE_CHECKING:
    import pandas as pd

    from briefing.data.columns import Bools, Ints, Objects


def _find_column(table: ImportedTable, wanted: str | None, role: str) -> Column | None:
    if wanted is None:
        return None
    try:
        return table.column(wanted)
    except KeyError:
        names = ", ".join(repr(c.name) for c in table.columns)
        raise fail_at(
            table.path,
            f"sheet {table.sheet!r}" if table.sheet else "",
            f"there is no column {wanted!r} to use as the {role}. The columns are: {names}.",
        ) from None


def table_shape(table: ImportedTable) -> Literal["wide", "long", "unknown"]:
    """``wide`` when years are columns, ``long`` when a year column and a value column are."""
    names = {c.name.casefold() for c in table.columns}
    if table.year_columns and not names & YEAR_NAMES:
        return "wide"
    if names & YEAR_NAMES or any(_looks_like_year_column(table, c) for c in table.columns):
        return "long"
    return "unknown"


def _parse_years(series: pd.Series[Any]) -> tuple[Ints, Bools, Bools]:
    """``parse_year`` of each value of a frame column: ``(year, estimate, is a year)``; NaN
    is not a year."""
    import numpy as np
    import pandas as pd

    from briefing.data.columns import year_cells, year_numbers

    if pd.api.types.is_numeric_dtype(series.dtype):
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        ok = year_numbers(values)
        years = np.where(ok, values, 0).astype(np.int64)
        return years, np.zeros(len(values), dtype=bool), ok
    cells: Objects = series.to_numpy(dtype=object)
    cells[pd.isna(cells)] = None
    return year_cells(cells)


def _looks_like_year_column(table: ImportedTable, col: Column) -> bool:
    series = table.frame[col.name]
    present = series.notna().to_numpy()
    if not present.any():
        return False
    _years, _estimates, ok = _parse_years(series)
    return bool(ok[present].all())


def _truthy(series: pd.Series[Any]) -> Bools:
    """Flags as an estimate column writes them (yes, e, *, 1, true...)."""
    import numpy as np
    import pandas as pd

    from briefing.data.columns import map_distinct

    if pd.api.types.is_numeric_dtype(series.dtype):
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        return ~np.isnan(values) & (values != 0)  # type: ignore[no-any-return]
    cells: Objects = series.to_numpy(dtype=object)
    cells[pd.isna(cells)] = None
    flags = map_distinct(cells, lambda v: v is not None and str(v).strip().casefold() in TRUE_FLAGS)
    return flags.astype(bool)


def _labels(series: pd.Series[Any]) -> tuple[Objects, Bools]:
    """A column's cells, and which hold a name (text that is not blank)."""
    import pandas as pd

    from briefing.data.columns import map_distinct

    cells: Objects = series.to_numpy(dtype=object)
    cells[pd.isna(cells)] = None
    named = map_distinct(cells, lambda v: isinstance(v, str) and bool(v.strip()))
    return cells, named.astype(bool)


def to_long(
    table: ImportedTable,
    *,
    country_column: str | None = None,
    year_column: str | None = None,
    value_column: str | None = None,
    estimate_column: str | None = None,
    normalise_names: bool = True,
) -> tuple[pd.DataFrame, list[str]]:
    """The table as a tidy frame ``country (str), year (int), value (float), estimate (bool)``.

    A wide table (years as columns) is melted; a long one is read through its country, year and
    value columns (found by name, or given). Country names go through
    :func:`~briefing.data.names.normalise_country` unless ``normalise_names`` is False. Returns the
    frame, countries in the file's order and years ascending, and warnings.
    """
    import numpy as np

    path = table.path
    where = f"sheet {table.sheet!r}" if table.sheet else ""
    frame = table.frame
    notes: list[str] = []
    given_year = _find_column(table, year_column, "year column")
    given_value = _find_column(table, value_column, "value column")
    given_country = _find_column(table, country_column, "country column")
    given_estimate = _find_column(table, estimate_column, "estimate column")
    long = given_year is not None or given_value is not None or table_shape(table) == "long"

    text_cols = [c for c in table.columns if c.type == "text"]
    year_col: Column | None = None
    if long:
        year_col = given_year or next(
            (c for c in table.columns if c.name.casefold() in YEAR_NAMES), None
        )
        if year_col is None:
            year_col = next(
                (
                    c
                    for c in table.columns
                    if c is not given_country and _looks_like_year_column(table, c)
                ),
                None,
            )
        if year_col is None:
            raise fail_at(
                path, where, "found no year column.", "Name the column with the years 'year'."
            )
    country = given_country or next(
        (c for c in text_cols if c.name.casefold() in COUNTRY_NAMES and c is not year_col), None
    )
    if country is None:
        country = next((c for c in text_cols if c is not year_col), None)
    if country is None:
        raise fail_at(
            path,
            where,
            "found no column of country names (a column of text).",
            "Put the countries in the first column, or name the column 'country'.",
        )

    labels, named = _labels(frame[country.name])
    if not long:
        year_cols = table.year_columns
        if not year_cols:
            raise fail_at(path, where, "has no year columns (such as 2023 or 2024e).")
        grid = frame[[c.name for c in year_cols]].to_numpy(dtype=np.float64, na_value=np.nan)
        unnamed = ~named
        with_values = unnamed & ~np.isnan(grid).all(axis=1)
        if with_values.any():
            k = int(np.flatnonzero(with_values)[0])
            raise fail_at(
                path,
                "",
                f"{table.locate(k)} has values but no country name.",
                "Add the name, or leave the row out with a cell range.",
            )
        rows = np.flatnonzero(named)
        m = len(year_cols)
        record_rows = np.repeat(rows, m)
        record_labels = labels[record_rows]
        years = np.tile(np.array([c.year or 0 for c in year_cols], dtype=np.int64), len(rows))
        values = grid[rows].ravel()
        estimates = np.tile(np.array([c.estimate for c in year_cols], dtype=bool), len(rows))
        if table.estimate_cells:
            at = {c.name: i for i, c in enumerate(year_cols)}
            position = {int(r): i for i, r in enumerate(rows.tolist())}
            for k, name in table.estimate_cells:
                if name in at and k in position:
                    estimates[position[k] * m + at[name]] = True
    else:
        assert year_col is not None
        value_col = given_value or next(
            (
                c
                for c in table.columns
                if c.name.casefold() in VALUE_NAMES
                and c.is_numeric
                and c not in (year_col, country)
            ),
            None,
        )
        if value_col is None:
            numeric = [
                c
                for c in table.columns
                if c.is_numeric
                and c not in (year_col, country, given_estimate)
                and c.name.casefold() not in ESTIMATE_NAMES
            ]
            if len(numeric) != 1:
                shown = ", ".join(repr(c.name) for c in numeric) or "none"
                raise fail_at(
                    path,
                    where,
                    f"cannot tell which column holds the values (numeric columns: {shown}).",
                    "Name it 'value', or choose the value column.",
                )
            value_col = numeric[0]
        if not value_col.is_numeric:
            raise fail_at(
                path, where, f"the value column {value_col.name!r} holds text, not numbers."
            )
        estimate_col = given_estimate or next(
            (
                c
                for c in table.columns
                if c.name.casefold() in ESTIMATE_NAMES and c not in (year_col, country, value_col)
            ),
            None,
        )
        all_values = frame[value_col.name].to_numpy(dtype=np.float64, na_value=np.nan)
        all_years, year_estimates, is_year = _parse_years(frame[year_col.name])
        # the first row in the file's order with a problem: a value but no name, or no year
        unnamed_value = ~named & ~np.isnan(all_values)
        no_year = named & ~is_year
        problem = np.flatnonzero(unnamed_value | no_year)
        if len(problem):
            k = int(problem[0])
            if unnamed_value[k]:
                raise fail_at(path, "", f"{table.locate(k)} has a value but no country name.")
            raw_year = frame[year_col.name].iloc[k]
            shown_year = format_cell(None if raw_year != raw_year else raw_year)
            raise fail_at(
                path,
                "",
                f"{table.locate(k, year_col.name)}: {shown_year!r} is not a year.",
                "Years are four digits, such as 2024 or 2024e for an estimate.",
            )
        record_rows = np.flatnonzero(named)
        record_labels = labels[record_rows]
        years = all_years[record_rows]
        values = all_values[record_rows]
        estimates = year_estimates[record_rows]
        if estimate_col is not None:
            estimates |= _truthy(frame[estimate_col.name])[record_rows]
        if table.estimate_cells:
            position = {int(r): i for i, r in enumerate(record_rows.tolist())}
            for k, name in table.estimate_cells:
                if name == value_col.name and k in position:
                    estimates[position[k]] = True
    unlabeled = table.row_numbers[~named]
    if len(unlabeled):
        notes.append(
            f"Skipped {len(unlabeled)} row(s) with no country name and no values: "
            f"{listing(unlabeled.tolist())}."
        )
    countries, renamed = _names(record_labels, normalise_names)
    _check_duplicates(table, where, countries, years, record_rows)
    if renamed:
        shown_names = [f"{a!r} -> {b!r}" for a, b in renamed.items()]
        notes.append(f"Country names tidied: {listing(shown_names, 8)}.")
    return _tidy(countries, years, values, estimates), notes


def _names(labels: Objects, normalise: bool) -> tuple[Objects, dict[str, str]]:
    """The country name for each label, and the labels that changed (in the file's order)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(labels)
    names = np.empty(len(uniques), dtype=object)
    renamed: dict[str, str] = {}
    for i, label in enumerate(uniques):
        name = normalise_country(label) if normalise else clean_text(label)
        names[i] = name
        if name != label.strip():
            renamed.setdefault(label.strip(), name)
    return names[codes], renamed


def _check_duplicates(
    table: ImportedTable, where: str, countries: Objects, years: Ints, rows: Ints
) -> None:
    import numpy as np
    import pandas as pd

    pairs = pd.DataFrame({"country": countries, "year": years})
    again = pairs.duplicated(keep="first").to_numpy()
    if not again.any():
        return
    i = int(np.flatnonzero(again)[0])
    name, year = countries[i], int(years[i])
    first = int(np.flatnonzero((countries == name) & (years == year))[0])
    raise fail_at(
        table.path,
        where,
        f"{name!r} has two values for {year}, in "
        f"{table.locate(int(rows[first]), sheet=False)} and "
        f"{table.locate(int(rows[i]), sheet=False)}.",
        "The sheet may hold several tables: choose a cell range around one of them.",
    )


def _tidy(countries: Objects, years: Ints, values: Any, estimates: Bools) -> pd.DataFrame:
    """The tidy frame, countries in order of first appearance and years ascending in each."""
    import numpy as np
    import pandas as pd

    codes, _uniques = pd.factorize(countries)
    order = np.lexsort((years, codes))  # stable: by country's first appearance, then year
    return pd.DataFrame(
        {
            "country": pd.Series(countries[order], dtype="str"),
            "year": pd.Series(years[order], dtype="int64"),
            "value": pd.Series(np.asarray(values, dtype=np.float64)[order], dtype="float64"),
            "estimate": pd.Series(estimates[order], dtype="bool"),
        }
    )


def long_to_wide(frame: pd.DataFrame) -> pd.DataFrame:
    """A tidy ``country, year, value`` frame as countries (rows, in order) x years (columns)."""
    order = list(dict.fromkeys(frame["country"].tolist()))
    years = sorted({int(y) for y in frame["year"].tolist()})
    wide = frame.pivot(index="country", columns="year", values="value")
    wide = wide.reindex(index=order, columns=years)
    wide.index.name = "country"
    wide.columns.name = "year"
    return wide


def wide_to_long(wide: pd.DataFrame, *, estimate_years: Sequence[int] = ()) -> pd.DataFrame:
    """Countries (index) x years (columns) back to the tidy ``country, year, value, estimate``."""
    import pandas as pd

    estimated = set(estimate_years)
    countries: list[str] = []
    years: list[int] = []
    values: list[float] = []
    for country, row in wide.iterrows():
        for year, value in row.items():
            countries.append(str(country))
            years.append(int(str(year)))
            values.append(float(value))
    return pd.DataFrame(
        {
            "country": pd.Series(countries, dtype="str"),
            "year": pd.Series(years, dtype="int64"),
            "value": pd.Series(values, dtype="float64"),
            "estimate": pd.Series([y in estimated for y in years], dtype="bool"),
        }
    )
