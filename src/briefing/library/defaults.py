"""The default briefing that ships with briefing (State of NATO), assembled from the library."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from briefing import resources
from briefing.errors import LibraryError
from briefing.library.loader import Library, load_library
from briefing.model import (
    Briefing,
    ChartItem,
    ChartSpec,
    ImpressionItem,
    Item,
    SectionItem,
    Source,
    TextItem,
)

DEFAULT_BRIEFING = "briefings/state-of-nato.toml"


def _text(entry: dict[str, Any], key: str, path: Path, default: str | None = None) -> str:
    value = entry.get(key, default)
    if not isinstance(value, str):
        raise LibraryError(f"{path}: {key!r} must be text.", path=path)
    return value


def briefing_from_outline(
    path: Path, library: Library, *, date: dt.date | None = None, author: str = ""
) -> Briefing:
    """Assemble a briefing from an outline file that refers to library impressions by id."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LibraryError(
            f"{path}: cannot be read as a briefing outline ({exc}).", path=path
        ) from None
    items: list[Item] = []
    for number, entry in enumerate(data.get("items", []), start=1):
        if not isinstance(entry, dict):
            raise LibraryError(f"{path}: item {number} must be an [[items]] table.", path=path)
        kind = entry.get("kind")
        if kind == "impression":
            impression = library.get(_text(entry, "ref", path))
            chart = entry.get("chart")
            items.append(
                ImpressionItem(
                    impression,
                    chart=ChartSpec.from_dict(chart) if isinstance(chart, dict) else None,
                )
            )
        elif kind == "section":
            items.append(
                SectionItem(_text(entry, "title", path), _text(entry, "subtitle", path, ""))
            )
        elif kind == "chart":
            spec = entry.get("chart")
            preset_id = entry.get("preset")
            if isinstance(preset_id, str):
                from briefing.charts.presets import preset

                found = preset(preset_id)
                if found is None:
                    raise LibraryError(
                        f"{path}: item {number} names an unknown chart preset {preset_id!r}.",
                        path=path,
                    )
                if isinstance(spec, dict):
                    merged = found.to_dict()
                    merged.update(spec)
                    found = ChartSpec.from_dict(merged)
                sources = [Source(**s) for s in entry.get("sources", []) if isinstance(s, dict)]
                items.append(
                    ChartItem(
                        _text(entry, "title", path),
                        found,
                        message=_text(entry, "message", path, ""),
                        notes=_text(entry, "notes", path, ""),
                        sources=sources,
                    )
                )
                continue
            if not isinstance(spec, dict):
                raise LibraryError(
                    f"{path}: chart item {number} needs a [items.chart] table.", path=path
                )
            sources = [Source(**s) for s in entry.get("sources", []) if isinstance(s, dict)]
            items.append(
                ChartItem(
                    _text(entry, "title", path),
                    ChartSpec.from_dict(spec),
                    message=_text(entry, "message", path, ""),
                    notes=_text(entry, "notes", path, ""),
                    sources=sources,
                )
            )
        elif kind == "text":
            paras = entry.get("paragraphs", [])
            items.append(
                TextItem(_text(entry, "title", path), [p for p in paras if isinstance(p, str)])
            )
        else:
            raise LibraryError(f"{path}: item {number} has an unknown kind {kind!r}.", path=path)
    return Briefing(
        title=_text(data, "title", path),
        subtitle=_text(data, "subtitle", path, ""),
        author=author or _text(data, "author", path, ""),
        organisation=_text(data, "organisation", path, ""),
        date=date or dt.date.today(),
        audience=_text(data, "audience", path, ""),
        marking=_text(data, "marking", path, "UNCLASSIFIED"),
        template=_text(data, "template", path, "navy"),
        items=items,
    )


def default_briefing(
    library: Library | None = None, *, date: dt.date | None = None, author: str = ""
) -> Briefing:
    """The State of NATO briefing, from the merged library (user and team overrides apply)."""
    return briefing_from_outline(
        resources.resource_path(DEFAULT_BRIEFING),
        library or load_library(),
        date=date,
        author=author,
    )
