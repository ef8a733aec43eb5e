"""Project files (``.briefing``): a briefing as versioned JSON.

``schema_version`` says which shape the file has; older shapes are migrated step by step, newer
ones are refused with a clear message. Writes are atomic: a crash never corrupts the last good file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefing import __version__
from briefing.atomic import atomic_write_bytes
from briefing.errors import ProjectFileError, ValidationError
from briefing.model import (
    Briefing,
    ChartItem,
    ChartSpec,
    Impression,
    ImpressionItem,
    Item,
    SectionItem,
    Source,
    TextItem,
    briefing_problems,
)

SCHEMA_VERSION = 2
SUFFIX = ".briefing"
MAX_PROJECT_BYTES = 50 * 1024 * 1024


class _Bad(Exception):
    """A structural problem inside a project file, with a JSON-path-like location."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)


# -- migrations -------------------------------------------------------------------------------


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept the classification under ``classification``; version 2 calls it marking."""
    briefing = doc.get("briefing")
    if isinstance(briefing, dict) and "classification" in briefing:
        briefing["marking"] = briefing.pop("classification")
    doc["schema_version"] = 2
    return doc


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Bad("schema_version", "missing or not a positive whole number")
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            f"was saved by a newer version of briefing (file format {version}; "
            f"this version reads up to {SCHEMA_VERSION}).",
            hint="Update briefing to open it.",
        )
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version = doc["schema_version"]
    return doc


# -- to JSON ----------------------------------------------------------------------------------


def _source_to_dict(source: Source) -> dict[str, str]:
    return {
        "title": source.title,
        "publisher": source.publisher,
        "date": source.date,
        "url": source.url,
    }


def _impression_to_dict(imp: Impression) -> dict[str, Any]:
    return {
        "id": imp.id,
        "title": imp.title,
        "key_judgement": imp.key_judgement,
        "points": list(imp.points),
        "narrative": imp.narrative,
        "notes": imp.notes,
        "sources": [_source_to_dict(s) for s in imp.sources],
        "tags": list(imp.tags),
        "charts": list(imp.charts),
        "optional": imp.optional,
        "order": imp.order,
    }


def item_to_dict(item: Item) -> dict[str, Any]:
    base: dict[str, Any] = {"kind": item.kind, "uid": item.uid, "marking": item.marking}
    if isinstance(item, ImpressionItem):
        base["impression"] = _impression_to_dict(item.impression)
        base["chart"] = item.chart.to_dict() if item.chart else None
    elif isinstance(item, SectionItem):
        base.update(title=item.title, subtitle=item.subtitle, notes=item.notes)
    elif isinstance(item, ChartItem):
        base.update(
            title=item.title,
            message=item.message,
            notes=item.notes,
            chart=item.chart.to_dict(),
            sources=[_source_to_dict(s) for s in item.sources],
        )
    else:
        base.update(title=item.title, paragraphs=list(item.paragraphs), notes=item.notes)
    return base


def briefing_to_dict(briefing: Briefing) -> dict[str, Any]:
    return {
        "title": briefing.title,
        "subtitle": briefing.subtitle,
        "author": briefing.author,
        "organisation": briefing.organisation,
        "date": briefing.date.isoformat(),
        "audience": briefing.audience,
        "marking": briefing.marking,
        "template": briefing.template,
        "items": [item_to_dict(item) for item in briefing.items],
    }


def dumps(briefing: Briefing) -> str:
    doc = {
        "schema_version": SCHEMA_VERSION,
        "generator": f"briefing {__version__}",
        "briefing": briefing_to_dict(briefing),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# -- from JSON --------------------------------------------------------------------------------


def _get(obj: dict[str, Any], key: str, kind: type, where: str, default: Any = ...) -> Any:
    if key not in obj:
        if default is ...:
            raise _Bad(f"{where}.{key}", "missing")
        return default
    value = obj[key]
    if kind is int and isinstance(value, bool):
        raise _Bad(f"{where}.{key}", "expected a whole number")
    if not isinstance(value, kind):
        raise _Bad(f"{where}.{key}", f"expected {kind.__name__}, found {type(value).__name__}")
    return value


def _str_list(obj: dict[str, Any], key: str, where: str) -> list[str]:
    value = _get(obj, key, list, where, [])
    if not all(isinstance(v, str) for v in value):
        raise _Bad(f"{where}.{key}", "expected a list of texts")
    return list(value)


def _dict(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(where, "expected an object")
    return value


def _source_from(value: Any, where: str) -> Source:
    obj = _dict(value, where)
    return Source(
        title=_get(obj, "title", str, where),
        publisher=_get(obj, "publisher", str, where, ""),
        date=_get(obj, "date", str, where, ""),
        url=_get(obj, "url", str, where, ""),
    )


def _sources(obj: dict[str, Any], where: str) -> list[Source]:
    return [
        _source_from(s, f"{where}.sources[{i}]")
        for i, s in enumerate(_get(obj, "sources", list, where, []))
    ]


def _chart_from(value: Any, where: str) -> ChartSpec:
    try:
        return ChartSpec.from_dict(_dict(value, where))
    except ValueError as exc:
        raise _Bad(where, str(exc)) from None


def _impression_from(value: Any, where: str) -> Impression:
    obj = _dict(value, where)
    return Impression(
        id=_get(obj, "id", str, where),
        title=_get(obj, "title", str, where),
        key_judgement=_get(obj, "key_judgement", str, where, ""),
        points=_str_list(obj, "points", where),
        narrative=_get(obj, "narrative", str, where, ""),
        notes=_get(obj, "notes", str, where, ""),
        sources=_sources(obj, where),
        tags=_str_list(obj, "tags", where),
        charts=_str_list(obj, "charts", where),
        optional=_get(obj, "optional", bool, where, False),
        order=_get(obj, "order", int, where, 0),
    )


def item_from_dict(value: Any, where: str) -> Item:
    obj = _dict(value, where)
    kind = _get(obj, "kind", str, where)
    uid = _get(obj, "uid", str, where)
    marking = _get(obj, "marking", str, where, "")
    if kind == "impression":
        chart = obj.get("chart")
        return ImpressionItem(
            impression=_impression_from(obj.get("impression"), f"{where}.impression"),
            chart=_chart_from(chart, f"{where}.chart") if chart is not None else None,
            marking=marking,
            uid=uid,
        )
    if kind == "section":
        return SectionItem(
            title=_get(obj, "title", str, where),
            subtitle=_get(obj, "subtitle", str, where, ""),
            notes=_get(obj, "notes", str, where, ""),
            marking=marking,
            uid=uid,
        )
    if kind == "chart":
        return ChartItem(
            title=_get(obj, "title", str, where),
            chart=_chart_from(obj.get("chart"), f"{where}.chart"),
            message=_get(obj, "message", str, where, ""),
            notes=_get(obj, "notes", str, where, ""),
            sources=_sources(obj, where),
            marking=marking,
            uid=uid,
        )
    if kind == "text":
        return TextItem(
            title=_get(obj, "title", str, where),
            paragraphs=_str_list(obj, "paragraphs", where),
            notes=_get(obj, "notes", str, where, ""),
            marking=marking,
            uid=uid,
        )
    raise _Bad(f"{where}.kind", f"unknown item kind {kind!r}")


def briefing_from_dict(obj: dict[str, Any]) -> Briefing:
    where = "briefing"
    raw_date = _get(obj, "date", str, where)
    try:
        date = dt.date.fromisoformat(raw_date)
    except ValueError:
        raise _Bad(f"{where}.date", f"{raw_date!r} is not a date like 2025-10-01") from None
    return Briefing(
        title=_get(obj, "title", str, where),
        subtitle=_get(obj, "subtitle", str, where, ""),
        author=_get(obj, "author", str, where, ""),
        organisation=_get(obj, "organisation", str, where, ""),
        date=date,
        audience=_get(obj, "audience", str, where, ""),
        marking=_get(obj, "marking", str, where, "UNCLASSIFIED"),
        template=_get(obj, "template", str, where, "navy"),
        items=[
            item_from_dict(v, f"{where}.items[{i}]")
            for i, v in enumerate(_get(obj, "items", list, where))
        ],
    )


def loads(text: str) -> Briefing:
    """Parse project JSON (any supported version) into a briefing; raises ``_Bad`` or
    ``ProjectFileError``."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Bad(
            "", f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    doc = migrate(_dict(doc, "the file"))
    return briefing_from_dict(_dict(doc.get("briefing"), "briefing"))


# -- files ------------------------------------------------------------------------------------


def open_project(path: Path) -> Briefing:
    """Read a project file; every problem becomes a ``ProjectFileError`` naming the file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_PROJECT_BYTES:
            raise ProjectFileError(
                f"{path}: is {size // (1024 * 1024)} MB, too large to be a briefing project.",
                path=path,
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError(f"{path}: no such file.", path=path) from None
    except IsADirectoryError:
        raise ProjectFileError(f"{path}: is a folder, not a project file.", path=path) from None
    except OSError as exc:
        raise ProjectFileError(f"{path}: cannot be read ({exc.strerror}).", path=path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProjectFileError(
            f"{path}: is not a briefing project (it is not text; is it a .pptx or another file?).",
            path=path,
        ) from None
    try:
        briefing = loads(text)
    except _Bad as exc:
        raise ProjectFileError(
            f"{path}: is damaged or not a briefing project ({exc}).", path=path
        ) from None
    except ProjectFileError as exc:
        raise ProjectFileError(f"{path}: {exc.message}", hint=exc.hint, path=path) from None
    return briefing


def save_project(briefing: Briefing, path: Path) -> None:
    """Write a project file atomically. A briefing that breaks the rules is still saved (work is
    never lost); use :func:`check_briefing` before building a deck."""
    try:
        atomic_write_bytes(Path(path), dumps(briefing).encode("utf-8"))
    except OSError as exc:
        raise ProjectFileError(
            f"{path}: could not be saved ({exc.strerror}); the previous file is unchanged.",
            path=path,
        ) from None


def check_briefing(briefing: Briefing) -> None:
    """Raise a ``ValidationError`` listing every problem, if there are any."""
    problems = briefing_problems(briefing)
    if problems:
        raise ValidationError(problems)
