"""Words for a chart: alt text for screen readers and a plain data table for speaker notes."""

from __future__ import annotations

from briefing.charts.numfmt import MISSING, NumberFormat, decimals_for_step
from briefing.charts.table import SeriesTable

_MAX_LISTED = 8


def alt_text(table: SeriesTable) -> str:
    """One paragraph saying what the chart shows and what stands out in it."""
    sentences = [_lead(table), _units(table)]
    if table.kind == "scatter":
        sentences.extend(_scatter_facts(table))
    elif table.category_kind == "country":
        sentences.extend(_ranking_facts(table))
    else:
        sentences.extend(_trend_facts(table))
    sentences.extend(table.notes)
    return " ".join(s for s in sentences if s)


def data_summary(table: SeriesTable) -> str:
    """The chart's figures as a small fixed-width text table (for speaker notes)."""
    fmt = table.formats
    lines = [f"{table.title} ({table.unit})" if table.unit else table.title]
    any_estimate = False
    if table.kind == "scatter" and table.x_values is not None:
        header = ["Country", table.x_label or "x", table.y_label or "y"]
        rows = []
        for i, cat in enumerate(table.categories):
            y = table.series[0]
            mark = " e" if y.estimates[i] else ""
            any_estimate |= bool(mark)
            rows.append([cat, fmt.format(table.x_values[i]), fmt.format(y.values[i]) + mark])
    else:
        first = "Country" if table.category_kind == "country" else "Year"
        header = [first, *(s.name for s in table.series)]
        rows = []
        for i, cat in enumerate(table.categories):
            row = [cat]
            for s in table.series:
                mark = " e" if s.estimates[i] and s.values[i] is not None else ""
                any_estimate |= bool(mark)
                row.append(fmt.format(s.values[i]) + mark)
            rows.append(row)
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])]
        cells.extend(cell.rjust(widths[c]) for c, cell in enumerate(row) if c)
        lines.append("  ".join(cells).rstrip())
    if any_estimate:
        lines.append(f"e = estimate; {MISSING} = no data")
    elif any(MISSING in cell for row in rows for cell in row[1:]):
        lines.append(f"{MISSING} = no data")
    if table.footnote():
        lines.append(table.footnote())
    return "\n".join(lines)


# ---------------------------------------------------------------------- pieces


def _lead(table: SeriesTable) -> str:
    ranked = table.sort != "none" and table.category_kind == "country"
    kind = ("ranked " if ranked else "") + table.kind_name
    measure = _lower_first(table.measure)
    years = _years_phrase(table.years, scatter=table.kind == "scatter")
    who = _who(table)
    publisher = f" ({table.publisher})" if table.publisher else ""
    return f"{kind[:1].upper()}{kind[1:]} of {measure}{years}{who}{publisher}."


def _units(table: SeriesTable) -> str:
    """Say the unit once when the figures carry none of their own (no %, $ or suffix)."""
    parsed = table.formats.parsed
    if parsed.prefix.strip() or parsed.suffix.strip() or parsed.percent:
        return ""
    unit = value_axis_title(table) or table.unit
    return f"Figures in {unit}." if unit else ""


def value_axis_title(table: SeriesTable) -> str:
    """The title of the axis values are read on (empty when none is drawn)."""
    if table.kind == "scatter":
        return table.y_title
    return table.x_title if table.horizontal else table.y_title


def _who(table: SeriesTable) -> str:
    names = table.categories if table.category_kind == "country" else [s.name for s in table.series]
    if not names:
        return ""
    if len(names) <= _MAX_LISTED and table.subject != "allies":
        return " for " + _join(names)
    return f" for {len(names)} {table.subject}"


def _years_phrase(years: list[int], *, scatter: bool) -> str:
    if not years:
        return ""
    if len(years) == 1:
        return f" in {years[0]}"
    if scatter and len(years) == 2:
        return f", {years[0]} against {years[1]}"
    if years == list(range(years[0], years[-1] + 1)):
        return f" from {years[0]} to {years[-1]}"
    return " in " + _join([str(y) for y in years])


def _ranking_facts(table: SeriesTable) -> list[str]:
    if not table.series:
        return []
    if table.stacked and len(table.series) > 1:
        values: list[float | None] = [
            (sum(p) if (p := [v for s in table.series if (v := s.values[i]) is not None]) else None)
            for i in range(len(table.categories))
        ]
        what = ("highest total", "lowest total")
        prefix = ""
    else:
        last = table.series[-1]
        values = list(last.values)
        what = ("highest", "lowest")
        prefix = f"In {last.name}, " if len(table.series) > 1 else ""
    pairs = [(c, v) for c, v in zip(table.categories, values, strict=True) if v is not None]
    below = _below_lines(table, [v for _, v in pairs])
    if below and prefix:
        below[0] = prefix + below[0][:1].lower() + below[0][1:]
    return _extremes(table, pairs, prefix, what) + below


def _trend_facts(table: SeriesTable) -> list[str]:
    facts: list[str] = []
    # The last category (year) that has any figure.
    last_i = next(
        (
            i
            for i in range(len(table.categories) - 1, -1, -1)
            if any(s.values[i] is not None for s in table.series)
        ),
        None,
    )
    if last_i is None:
        return facts
    year = table.categories[last_i]
    if len(table.series) > 1:
        pairs = [(s.name, v) for s in table.series if (v := s.values[last_i]) is not None]
        facts.extend(_extremes(table, pairs, f"In {year}, "))
    changes = []
    for s in table.series:
        points = [(table.categories[i], v) for i, v in enumerate(s.values) if v is not None]
        if len(points) >= 2:
            changes.append((points[-1][1] - points[0][1], s.name, points[0], points[-1]))
    if changes:
        fmt = table.formats
        if len(table.series) == 1:
            delta, _name, (y0, v0), (y1, v1) = changes[0]
            verb = "rises" if delta > 0 else "falls" if delta < 0 else "holds"
            facts.append(f"It {verb} from {fmt.format(v0)} in {y0} to {fmt.format(v1)} in {y1}.")
        else:
            delta, name, (y0, v0), (y1, v1) = max(changes)
            if delta > 0:
                facts.append(
                    f"Largest rise: {name}, from {fmt.format(v0)} in {y0} to "
                    f"{fmt.format(v1)} in {y1}."
                )
    latest = [v for s in table.series if (v := s.values[last_i]) is not None]
    below = _below_lines(table, latest)
    if below and len(table.series) > 1:
        below[0] = f"In {year}, " + below[0][:1].lower() + below[0][1:]
    facts.extend(below)
    return facts


def _scatter_facts(table: SeriesTable) -> list[str]:
    if table.x_values is None or not table.series:
        return []
    fmt = table.formats
    facts = [f"Each point is a country: across, {table.x_label}; up, {table.y_label}."]
    ys = table.series[0].values
    pairs = [(c, y) for c, y in zip(table.categories, ys, strict=True) if y is not None]
    if pairs:
        top = max(pairs, key=lambda p: p[1])
        i = table.categories.index(top[0])
        facts.append(
            f"Highest: {top[0]} ({fmt.format(table.x_values[i])} across, {fmt.format(top[1])} up)."
        )
    facts.extend(_below_lines(table, [y for _, y in pairs]))
    return facts


def _extremes(
    table: SeriesTable,
    pairs: list[tuple[str, float]],
    prefix: str,
    what: tuple[str, str] = ("highest", "lowest"),
) -> list[str]:
    if not pairs:
        return []
    fmt = table.formats
    hi = max(pairs, key=lambda p: p[1])
    lo = min(pairs, key=lambda p: p[1])
    first = what[0] if prefix else what[0][:1].upper() + what[0][1:]
    if len(pairs) == 1 or hi == lo:
        return [f"{prefix}{first}: {hi[0]} {fmt.format(hi[1])}."]
    return [
        f"{prefix}{first}: {hi[0]} {fmt.format(hi[1])}; {what[1]}: {lo[0]} {fmt.format(lo[1])}."
    ]


def _below_lines(table: SeriesTable, values: list[float]) -> list[str]:
    """How many figures fall below each reference line."""
    if not values or not table.reference_lines:
        return []
    out = []
    total = len(values)
    for line in table.reference_lines:
        below = sum(1 for v in values if v < line.value)
        value_text = reference_value_text(table, line.value)
        if line.label and line.label != value_text and value_text in line.label:
            what = f"the {line.label}"
        elif line.label and line.label != value_text:
            what = f"the {value_text} line ({line.label})"
        else:
            what = f"the {value_text} line"
        if total == 1:
            out.append(f"It is {'below' if below else 'at or above'} {what}.")
        elif below == 0:
            out.append(f"None is below {what}.")
        elif below == total:
            out.append(f"All {total} are below {what}.")
        else:
            verb = "is" if below == 1 else "are"
            out.append(f"{below} of {total} {verb} below {what}.")
    return out


def reference_value_text(table: SeriesTable, value: float) -> str:
    """A reference value written as briefly as it can be (``2%``, ``3.5%``)."""
    parsed: NumberFormat = table.formats.parsed
    scaled = value / parsed.divisor * (100 if parsed.percent else 1)
    decimals = min(parsed.decimals, decimals_for_step(abs(scaled)) if scaled else 0)
    return parsed.format(value, decimals)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" and {items[-1]}"


def _lower_first(text: str) -> str:
    if not text:
        return "the data"
    first = text.split()[0]
    if len(first) > 1 and first[1:2].isupper():  # an acronym such as "GDP" or "NATO"
        return text
    return text[:1].lower() + text[1:]
