"""A dataset: one measure for many countries over years, with where it comes from.

``Dataset.frame`` is tidy and long: ``country`` (str), ``year`` (int), ``value`` (float, NaN when
missing) and ``estimate`` (bool). ``DatasetInfo`` says what the numbers are and who published
them; charts print :meth:`Dataset.source_line` under every figure.

Bundled datasets live in ``resources/datasets/<id>.csv`` with ``<id>.toml`` beside them (built by
``scripts/build_datasets.py``); :func:`load_file` imports the user's own file.

A bundled dataset is read with the ``csv`` module into plain columns (:class:`Columns`), which
is all a chart needs, so building a deck never imports pandas; its ``frame`` is made from them
the first time someone asks for it.
"""

from __future__ import annotations

import csv
import math
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.errors import DataImportError
from briefing.resources import resource_path, resources_dir

if TYPE_CHECKING:
    import pandas as pd

    from briefing.data.importer import ColumnKind, ColumnSpecs

FRAME_COLUMNS = ("country", "year", "value", "estimate")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True)
class DatasetInfo:
    """What a dataset measures and who published it."""

    id: str
    """Short stable id: ``"nato-gdp-share"``."""
    title: str
    """``"Defence expenditure as a share of GDP"``."""
    measure: str
    """``"Defence expenditure"`` (NATO) or ``"Military expenditure"`` (SIPRI): not the same."""
    unit: str
    """``"% of GDP"``, ``"US$ m (constant 2024)"``."""
    publisher: str
    """``"NATO"``, ``"SIPRI"``."""
    source_title: str
    """``"Defence Expenditure of NATO Countries (2014-2024)"``."""
    release: str
    """``"17 June 2024"``, ``"2026 (v1.2)"``."""
    licence: str
    """The publisher's credit or licence note."""
    notes: str = ""
    url: str = ""

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], *, path: Path | None = None) -> DatasetInfo:
        """Build from a TOML table; every field is text, ``notes`` and ``url`` optional."""
        where = f"{path}: " if path else ""
        names = [f.name for f in fields(cls)]
        unknown = sorted(set(data) - set(names))
        if unknown:
            raise DataImportError(
                f"{where}unknown dataset fields: {', '.join(unknown)}.",
                hint=f"The fields are: {', '.join(names)}.",
                path=path,
            )
        values: dict[str, str] = {}
        for name in names:
            value = data.get(name, "" if name in ("notes", "url") else None)
            if not isinstance(value, str):
                problem = "is missing" if value is None else "must be text"
                raise DataImportError(f"{where}dataset field {name!r} {problem}.", path=path)
            values[name] = value
        return cls(**values)

    def to_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Columns:
    """A tidy dataset as plain columns of equal length (what charts read)."""

    country: Sequence[Any]
    year: Sequence[Any]
    value: Sequence[Any]
    estimate: Sequence[Any]

    def __len__(self) -> int:
        return len(self.country)


class Dataset:
    """One measure by country and year (see the module docs for the frame's columns).

    Made from a pandas ``frame`` (an imported file) or from plain ``columns`` (a bundled
    dataset); either is produced from the other when asked for. Once the frame exists it is the
    one truth: edits to it show in :meth:`columns`.
    """

    def __init__(
        self,
        info: DatasetInfo,
        frame: pd.DataFrame | None = None,
        warnings: list[str] | None = None,
        *,
        columns: Columns | None = None,
    ) -> None:
        if frame is None and columns is None:
            raise ValueError("a dataset needs a frame or columns")
        self.info = info
        self.warnings: list[str] = list(warnings or [])
        """What the import had to guess or fix (empty for bundled datasets)."""
        self._frame = frame
        self._columns = columns if frame is None else None
        if frame is not None:
            missing = [c for c in FRAME_COLUMNS if c not in frame.columns]
            if missing:
                raise ValueError(
                    f"a dataset frame needs the columns {FRAME_COLUMNS}; missing {missing}"
                )

    def __repr__(self) -> str:
        return f"Dataset({self.info.id!r}, {len(self.columns())} rows)"

    @property
    def frame(self) -> pd.DataFrame:
        """The data as a pandas frame: country (str), year (int64), value (float64, NaN when
        missing), estimate (bool)."""
        if self._frame is None:
            import pandas as pd

            cols = self._columns
            assert cols is not None
            self._frame = pd.DataFrame(
                {
                    "country": pd.Series(list(cols.country), dtype="object"),
                    "year": pd.Series(list(cols.year), dtype="int64"),
                    "value": pd.Series(list(cols.value), dtype="float64"),
                    "estimate": pd.Series(list(cols.estimate), dtype="bool"),
                }
            )
            self._columns = None
        return self._frame

    def columns(self) -> Columns:
        """The data as plain columns, without pandas when the dataset was made from them."""
        if self._columns is not None:
            return self._columns
        frame = self.frame
        estimate = (
            frame["estimate"].tolist() if "estimate" in frame.columns else [False] * len(frame)
        )
        return Columns(
            frame["country"].tolist(), frame["year"].tolist(), frame["value"].tolist(), estimate
        )

    def source_line(self) -> str:
        """``"Source: NATO, Defence Expenditure of NATO Countries (2014-2024), 17 June 2024"``.

        The publisher is left out when the title already starts with it
        (``"Source: SIPRI Military Expenditure Database, 2026 (v1.2)"``).
        """
        info = self.info
        parts: list[str] = []
        if info.publisher and not info.source_title.startswith(info.publisher):
            parts.append(info.publisher)
        parts += [p for p in (info.source_title, info.release) if p]
        return "Source: " + ", ".join(parts) if parts else ""

    def wide(self) -> pd.DataFrame:
        """Countries (index, in the frame's order) x years (columns, ascending); NaN = missing."""
        from briefing.data.importer import long_to_wide

        return long_to_wide(self.frame)

    def countries(self) -> list[str]:
        """The countries, in the frame's order."""
        return list(dict.fromkeys(str(c) for c in self.columns().country))

    def years(self) -> list[int]:
        """The years, ascending."""
        return sorted({int(y) for y in self.columns().year})

    def value(self, country: str, year: int) -> float:
        """One value (NaN when missing); KeyError when the dataset has no such country or year."""
        hit = self.frame[(self.frame["country"] == country) & (self.frame["year"] == year)]
        if hit.empty:
            raise KeyError((country, year))
        return float(hit["value"].iloc[0])

    def select(
        self, countries: Sequence[str] | None = None, years: Iterable[int] | None = None
    ) -> Dataset:
        """A copy with only these countries (in this order) and years; unknown ones are ignored."""
        frame = self.frame
        if years is not None:
            wanted = {int(y) for y in years}
            frame = frame[frame["year"].isin(sorted(wanted))]
        if countries is not None:
            order = {name: i for i, name in enumerate(dict.fromkeys(countries))}
            frame = frame[frame["country"].isin(list(order))].copy()
            frame["_order"] = [order[str(c)] for c in frame["country"].tolist()]
            frame = frame.sort_values(["_order", "year"], kind="stable").drop(columns="_order")
        return Dataset(self.info, frame.reset_index(drop=True).copy(), list(self.warnings))


# --------------------------------------------------------------------------------------------
# bundled datasets


def _bundled_ids() -> list[str]:
    folder = resources_dir() / "datasets"
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.toml") if (p.with_suffix(".csv")).is_file())


def _read_info(path: Path) -> DatasetInfo:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataImportError(
            f"{path}: cannot read the dataset description: {exc}.", path=path
        ) from exc
    return DatasetInfo.from_mapping(data, path=path)


@cache
def _bundled(dataset_id: str) -> tuple[DatasetInfo, Columns]:
    info = _read_info(resource_path(f"datasets/{dataset_id}.toml"))
    path = resource_path(f"datasets/{dataset_id}.csv")
    try:
        return info, _read_bundled_csv(path)
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as exc:
        raise DataImportError(f"{path}: the bundled dataset is damaged: {exc}.", path=path) from exc


def _read_bundled_csv(path: Path) -> Columns:
    """country, year, value (empty when missing), estimate (true/false): nothing else."""
    countries: list[str] = []
    years: list[int] = []
    values: list[float] = []
    estimates: list[bool] = []
    flags = {"true": True, "false": False}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        if next(reader, None) != list(FRAME_COLUMNS):
            raise ValueError("the columns must be country, year, value, estimate")
        for line, row in enumerate(reader, start=2):
            if len(row) != 4:
                raise ValueError(f"line {line} has {len(row)} fields, not 4")
            country, year, value, estimate = row
            if estimate not in flags:
                raise ValueError("the estimate column holds values other than true and false")
            countries.append(country)
            years.append(int(year))
            values.append(float(value) if value != "" else math.nan)
            estimates.append(flags[estimate])
    return Columns(tuple(countries), tuple(years), tuple(values), tuple(estimates))


def list_bundled() -> list[DatasetInfo]:
    """The datasets that ship with briefing, by id."""
    return [_read_info(resource_path(f"datasets/{i}.toml")) for i in _bundled_ids()]


def load_bundled(dataset_id: str) -> Dataset:
    """A dataset that ships with briefing, such as ``"nato-gdp-share"``."""
    known = _bundled_ids()
    if not _ID.match(dataset_id) or dataset_id not in known:
        raise DataImportError(
            f"There is no bundled dataset {dataset_id!r}.",
            hint=f"The bundled datasets are: {', '.join(known) or 'none'}.",
        )
    info, columns = _bundled(dataset_id)
    return Dataset(info, columns=columns)


# --------------------------------------------------------------------------------------------
# the user's own files


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return slug[:64] or "dataset"


def load_file(
    path: Path | str,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    cell_range: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
    columns: ColumnSpecs | None = None,
    value_kind: ColumnKind | None = None,
    estimate_font_colours: Sequence[str] = (),
    country_column: str | None = None,
    year_column: str | None = None,
    value_column: str | None = None,
    estimate_column: str | None = None,
    normalise_names: bool = True,
    info: DatasetInfo | None = None,
) -> Dataset:
    """Import the user's own file, wide (years as columns) or long (country, year, value).

    The reading options are those of :func:`~briefing.data.importer.read_table`; the column
    options pick the columns of a long table when their names do not say. ``info`` describes the
    data; without it the file's name stands in for the title and source, to be completed by the
    user.
    """
    from briefing.data.importer import read_table, to_long

    path = Path(path)
    table = read_table(
        path,
        sheet=sheet,
        header_row=header_row,
        cell_range=cell_range,
        encoding=encoding,
        delimiter=delimiter,
        decimal=decimal,
        columns=columns,
        value_kind=value_kind,
        estimate_font_colours=estimate_font_colours,
    )
    frame, notes = to_long(
        table,
        country_column=country_column,
        year_column=year_column,
        value_column=value_column,
        estimate_column=estimate_column,
        normalise_names=normalise_names,
    )
    if frame.empty:
        raise DataImportError(
            f"{path}: found no rows with a country name and a year.",
            hint="Check the sheet, header row or cell range.",
            path=path,
        )
    if info is None:
        value_types = {c.type for c in table.year_columns} or {
            c.type for c in table.columns if c.is_numeric
        }
        info = DatasetInfo(
            id=_slug(path.stem),
            title=path.stem,
            measure="",
            unit="%" if value_types == {"percent"} else "",
            publisher="",
            source_title=path.name + (f" ({table.sheet})" if table.sheet else ""),
            release="",
            licence="",
        )
    return Dataset(info, frame, table.warnings + notes)
