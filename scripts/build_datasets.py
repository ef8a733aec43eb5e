"""Build briefing's bundled datasets from the publishers' workbooks, through briefing's importer.

    python scripts/build_datasets.py                    # ../shared/data -> resources/datasets
    python scripts/build_datasets.py /path/to/workbooks --out /tmp/datasets
    python scripts/build_datasets.py --check            # exit 1 if resources/datasets is stale

Reads NATO's "Defence Expenditure of NATO Countries (2014-2024)" (TABLE3, share of real GDP) and
the SIPRI Military Expenditure Database (share of GDP; constant 2024 US$) and writes, for each
dataset, ``<id>.csv`` (tidy: ``country,year,value,estimate``, sorted, values to 6 decimals,
missing values empty) and ``<id>.toml`` (its :class:`~briefing.data.DatasetInfo`). The same
workbooks give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parents[1]
try:
    import briefing.data  # noqa: F401
except ImportError:  # a plain checkout: use the sources next to this script
    sys.path.insert(0, str(REPO / "src"))

from briefing.data import NATO_AGGREGATES, NATO_ALLIES, DatasetInfo, load_file  # noqa: E402

if TYPE_CHECKING:
    from briefing.data import Dataset

DEFAULT_SOURCE = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "resources" / "datasets"

NATO_FILE = "nato_def-exp-2024-TABLES-en.xlsx"
SIPRI_FILE = "SIPRI-Milex-data-1949-2025_v1.2.xlsx"

# TABLE3 stacks two tables ("Share of real GDP (%)" and "Annual real change (%)") under one
# header row of years (row 8). The first runs to row 43 (NATO Total). Labels sit in column C
# (Allies) or B (the two aggregates); the years in D (2014) to N (2024e).
NATO_SHEET = "TABLE3"
NATO_RANGE = "B8:N43"
NATO_YEARS = list(range(2014, 2025))

SIPRI_HEADER_ROW = 6  # Country, Notes, 1949 ... 2025 (the constant-US$ sheet has a blank column)
SIPRI_YEARS = list(range(2014, 2026))
SIPRI_ESTIMATE_COLOUR = "0000FF"  # "Figures in blue are SIPRI estimates."
SIPRI_COUNTRIES = [*NATO_ALLIES, "Russia", "Ukraine"]

SIPRI_LICENCE = (
    "\u00a9 SIPRI 2026. Credit: SIPRI Military Expenditure Database, 2026. SIPRI's terms ask "
    "for attribution and non-commercial use."
)
SIPRI_COMMON_NOTES = (
    "SIPRI's military expenditure is broader than NATO's defence expenditure; do not mix the two "
    "in one series. Estimates are flagged where SIPRI prints them in blue. Iceland, which has no "
    "armed forces, is reported by SIPRI as 0."
)

INFOS: dict[str, DatasetInfo] = {
    "nato-gdp-share": DatasetInfo(
        id="nato-gdp-share",
        title="Defence expenditure as a share of GDP",
        measure="Defence expenditure",
        unit="% of GDP",
        publisher="NATO",
        source_title="Defence Expenditure of NATO Countries (2014-2024)",
        release="17 June 2024",
        licence="NATO public release; credit NATO as the source.",
        notes=(
            "Share of real GDP (2015 prices), NATO Table 3. Figures for 2023 and 2024 are "
            "estimates. 31 Allies: Iceland has no armed forces and is not in the table. "
            "NATO Europe and Canada and NATO Total are NATO's aggregates (Montenegro from 2017, "
            "North Macedonia from 2020, Finland from 2023, Sweden from 2024). Asterisks in "
            "NATO's table (Allies with national 2% laws or agreements) are dropped from names."
        ),
    ),
    "sipri-gdp-share": DatasetInfo(
        id="sipri-gdp-share",
        title="Military expenditure as a share of GDP",
        measure="Military expenditure",
        unit="% of GDP",
        publisher="SIPRI",
        source_title="SIPRI Military Expenditure Database",
        release="2026 (v1.2)",
        licence=SIPRI_LICENCE,
        notes="SIPRI's 'Share of GDP' sheet, in percent. " + SIPRI_COMMON_NOTES,
        url="https://www.sipri.org/databases/milex",
    ),
    "sipri-constant-usd": DatasetInfo(
        id="sipri-constant-usd",
        title="Military expenditure in constant (2024) US dollars",
        measure="Military expenditure",
        unit="US$ m (constant 2024)",
        publisher="SIPRI",
        source_title="SIPRI Military Expenditure Database",
        release="2026 (v1.2)",
        licence=SIPRI_LICENCE,
        notes=(
            "SIPRI's 'Constant (2024) US$' sheet: US$ million at constant 2024 prices and "
            "exchange rates. " + SIPRI_COMMON_NOTES
        ),
        url="https://www.sipri.org/databases/milex",
    ),
}


class BuildError(Exception):
    """A workbook no longer looks as this script expects."""


def _check(dataset: Dataset, countries: list[str], years: list[int]) -> None:
    got = set(dataset.countries())
    missing = sorted(set(countries) - got)
    extra = sorted(got - set(countries))
    if missing or extra:
        raise BuildError(
            f"{dataset.info.id}: expected countries differ (missing {missing}, extra {extra})"
        )
    if dataset.years() != years:
        raise BuildError(f"{dataset.info.id}: years are {dataset.years()}, expected {years}")
    if len(dataset.frame) != len(countries) * len(years):
        raise BuildError(f"{dataset.info.id}: {len(dataset.frame)} rows, not one per country-year")


def build_nato(source: Path) -> Dataset:
    dataset = load_file(
        source / NATO_FILE, sheet=NATO_SHEET, cell_range=NATO_RANGE, info=INFOS["nato-gdp-share"]
    )
    expected = [c for c in NATO_ALLIES if c != "Iceland"] + list(NATO_AGGREGATES)
    _check(dataset, expected, NATO_YEARS)
    estimated = sorted({int(y) for y in dataset.frame.loc[dataset.frame["estimate"], "year"]})
    if estimated != [2023, 2024]:
        raise BuildError(f"nato-gdp-share: estimate years are {estimated}, expected 2023, 2024")
    return dataset


def build_sipri(source: Path, dataset_id: str, sheet: str, *, fraction: bool) -> Dataset:
    full = load_file(
        source / SIPRI_FILE,
        sheet=sheet,
        header_row=SIPRI_HEADER_ROW,
        value_kind="fraction" if fraction else None,
        estimate_font_colours=(SIPRI_ESTIMATE_COLOUR,),
        info=INFOS[dataset_id],
    )
    dataset = full.select(SIPRI_COUNTRIES, SIPRI_YEARS)
    _check(dataset, SIPRI_COUNTRIES, SIPRI_YEARS)
    return dataset


def build(source: Path) -> dict[str, Dataset]:
    """Every bundled dataset, by id, read from the workbooks in ``source``."""
    for name in (NATO_FILE, SIPRI_FILE):
        if not (source / name).is_file():
            raise BuildError(f"{source / name} not found")
    return {
        "nato-gdp-share": build_nato(source),
        "sipri-gdp-share": build_sipri(source, "sipri-gdp-share", "Share of GDP", fraction=True),
        "sipri-constant-usd": build_sipri(
            source, "sipri-constant-usd", "Constant (2024) US$", fraction=False
        ),
    }


def format_value(value: float) -> str:
    """A value for the CSV: up to 6 decimals, no trailing zeros, empty when missing."""
    if math.isnan(value):
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def render_csv(dataset: Dataset) -> str:
    """The dataset as the bundled CSV: sorted by country and year."""
    rows = sorted(
        (
            (str(c), int(y), float(v), bool(e))
            for c, y, v, e in dataset.frame[["country", "year", "value", "estimate"]].itertuples(
                index=False, name=None
            )
        ),
        key=lambda r: (r[0], r[1]),
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["country", "year", "value", "estimate"])
    for country, year, value, estimate in rows:
        writer.writerow([country, year, format_value(value), "true" if estimate else "false"])
    return out.getvalue()


def render_toml(info: DatasetInfo, source_file: str) -> str:
    lines = [
        f"# Built by scripts/build_datasets.py from {source_file}; do not edit by hand.",
    ]
    for key, value in info.to_dict().items():
        lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def render(datasets: dict[str, Dataset]) -> dict[str, str]:
    """File name -> text for every bundled file."""
    files: dict[str, str] = {}
    for dataset_id, dataset in datasets.items():
        source = NATO_FILE if dataset_id.startswith("nato") else SIPRI_FILE
        files[f"{dataset_id}.csv"] = render_csv(dataset)
        files[f"{dataset_id}.toml"] = render_toml(dataset.info, source)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "source",
        nargs="?",
        type=Path,
        default=DEFAULT_SOURCE,
        help=f"folder with the workbooks (default: {DEFAULT_SOURCE})",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write")
    parser.add_argument(
        "--check", action="store_true", help="compare with the files in --out; write nothing"
    )
    args = parser.parse_args(argv)
    try:
        datasets = build(args.source.resolve())
    except BuildError as exc:
        print(f"build_datasets: {exc}", file=sys.stderr)
        return 2
    files = render(datasets)
    out: Path = args.out
    if args.check:
        stale = [
            name
            for name, text in files.items()
            if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text
        ]
        for name in stale:
            print(f"stale: {out / name}", file=sys.stderr)
        return 1 if stale else 0
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8", newline="\n")
    for dataset_id, dataset in datasets.items():
        latest = max(dataset.years())
        sample = ", ".join(
            f"{c} {dataset.value(c, latest):.2f}"
            for c in ("Poland", "Estonia", "United States", "Spain")
        )
        print(f"{dataset_id}: {len(dataset.frame)} rows; {latest}: {sample}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
