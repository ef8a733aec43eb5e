"""Load content libraries (one TOML file per impression) from several folders in order.

Bundled, then the user's folder, then team folders: a later folder overrides an earlier one by
impression id. A broken file is reported with its path and line and skipped; the rest still load.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing import paths, resources
from briefing.errors import LibraryError
from briefing.model import Impression, Source, impression_problems

LIBRARY_PATH_ENV = "BRIEFING_LIBRARY_PATH"

_REQUIRED = ("id", "title", "key_judgement", "points")
_STRINGS = ("id", "title", "key_judgement", "narrative", "notes")
_KNOWN = {*_STRINGS, "points", "sources", "tags", "charts", "optional", "order"}
_SOURCE_KEYS = {"title", "publisher", "date", "url"}


@dataclass(frozen=True)
class LibraryFolder:
    """A folder the library reads, and what kind it is (bundled, user, team)."""

    path: Path
    kind: str


@dataclass(frozen=True)
class LibraryEntry:
    impression: Impression
    path: Path
    folder: LibraryFolder
    overrides: tuple[Path, ...] = ()


@dataclass
class Library:
    """The merged library: impressions by id, and the files that could not be read."""

    entries: dict[str, LibraryEntry] = field(default_factory=dict)
    problems: list[LibraryError] = field(default_factory=list)

    def impressions(self, *, include_optional: bool = True) -> list[Impression]:
        found = [e.impression for e in self.entries.values()]
        if not include_optional:
            found = [imp for imp in found if not imp.optional]
        return sorted(found, key=lambda imp: (imp.order, imp.title.casefold()))

    def get(self, impression_id: str) -> Impression:
        try:
            return self.entries[impression_id].impression
        except KeyError:
            known = ", ".join(sorted(self.entries)) or "none"
            raise LibraryError(
                f"No impression with the id {impression_id!r} in the library.",
                hint=f"Known ids: {known}.",
            ) from None


def default_folders(team_dirs: list[str] | None = None) -> list[LibraryFolder]:
    """The folders to read, in order: bundled, user, team (settings, then the environment)."""
    folders = [
        LibraryFolder(resources.resource_path("library"), "bundled"),
        LibraryFolder(paths.user_library_dir(), "user"),
    ]
    for name in team_dirs or []:
        folders.append(LibraryFolder(Path(name).expanduser(), "team"))
    for folder in paths.split_path_list(os.environ.get(LIBRARY_PATH_ENV, "")):
        folders.append(LibraryFolder(folder, "team"))
    return folders


def load_library(folders: list[LibraryFolder] | None = None) -> Library:
    """Read every ``*.toml`` in each folder; missing folders are simply empty."""
    library = Library()
    if folders is None:
        from briefing.settings import load_settings

        folders = default_folders(load_settings().team_library_dirs)
    for folder in folders:
        if not folder.path.is_dir():
            continue
        for path in sorted(folder.path.glob("*.toml")):
            try:
                impression = load_impression_file(path)
            except LibraryError as exc:
                library.problems.append(exc)
                continue
            previous = library.entries.get(impression.id)
            overridden = (*previous.overrides, previous.path) if previous else ()
            library.entries[impression.id] = LibraryEntry(impression, path, folder, overridden)
    return library


def _line_of(text: str, key: str) -> int | None:
    match = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, flags=re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _fail(path: Path, text: str, key: str | None, message: str) -> LibraryError:
    line = _line_of(text, key) if key else None
    where = f"{path}, line {line}" if line else str(path)
    return LibraryError(f"{where}: {message}", path=path)


def load_impression_file(path: Path) -> Impression:
    """Parse one impression file, strictly; every problem names the file and, where it can, the
    line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LibraryError(f"{path}: cannot be read ({exc.strerror}).", path=path) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LibraryError(
            f"{path}: is not UTF-8 text (byte {exc.start}); save it as UTF-8.", path=path
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", reason)
        detail = re.sub(r"\s*\(at line.*\)", "", reason)
        where = f"{path}, line {match.group(1)}" if match else str(path)
        raise LibraryError(f"{where}: not valid TOML: {detail}.", path=path) from None
    return impression_from_mapping(data, path=path, text=text)


def impression_from_mapping(data: dict[str, Any], *, path: Path, text: str = "") -> Impression:
    for key in _REQUIRED:
        if key not in data:
            raise _fail(path, text, None, f"the required field {key!r} is missing.")
    unknown = sorted(set(data) - _KNOWN)
    if unknown:
        raise _fail(
            path,
            text,
            unknown[0],
            f"unknown field {unknown[0]!r} (known: {', '.join(sorted(_KNOWN))}).",
        )
    for key in _STRINGS:
        if key in data and not isinstance(data[key], str):
            raise _fail(path, text, key, f"{key!r} must be text in quotes.")
    for key in ("points", "tags", "charts"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _fail(path, text, key, f"{key!r} must be a list of texts in quotes.")
    if not isinstance(data.get("optional", False), bool):
        raise _fail(path, text, "optional", "'optional' must be true or false.")
    order = data.get("order", 0)
    if not isinstance(order, int) or isinstance(order, bool):
        raise _fail(path, text, "order", "'order' must be a whole number.")
    raw_sources = data.get("sources", [])
    if not isinstance(raw_sources, list):
        raise _fail(path, text, "sources", "'sources' must be [[sources]] tables.")
    sources: list[Source] = []
    for number, entry in enumerate(raw_sources, start=1):
        if not isinstance(entry, dict) or not all(isinstance(v, str) for v in entry.values()):
            raise _fail(path, text, None, f"source {number} must hold only quoted texts.")
        extra = sorted(set(entry) - _SOURCE_KEYS)
        if extra:
            raise _fail(path, text, extra[0], f"source {number} has an unknown field {extra[0]!r}.")
        if "title" not in entry:
            raise _fail(path, text, None, f"source {number} has no title.")
        sources.append(Source(**entry))
    impression = Impression(
        id=data["id"],
        title=data["title"].strip(),
        key_judgement=data["key_judgement"].strip(),
        points=[p.strip() for p in data["points"]],
        narrative=data.get("narrative", "").strip(),
        notes=data.get("notes", "").strip(),
        sources=sources,
        tags=list(data.get("tags", [])),
        charts=list(data.get("charts", [])),
        optional=data.get("optional", False),
        order=order,
    )
    if impression.id != path.stem:
        raise _fail(
            path, text, "id", f"the id {impression.id!r} differs from the file name {path.stem!r}."
        )
    problems = impression_problems(impression)
    if problems:
        raise _fail(path, text, None, " ".join(problems))
    return impression
