"""Autosaved copies of the open briefing, offered back after a crash.

Each window writes ``recovery_dir()/autosave-<id>.briefing`` (and a ``.json`` note naming its
project file) while it has unsaved changes, and holds a lock file for as long as it runs. A
recovery file whose lock nobody holds was left by a session that ended without saving.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

from briefing import paths
from briefing.atomic import atomic_write_text
from briefing.model import Briefing
from briefing.project import dumps

PREFIX = "autosave-"


@dataclass(frozen=True)
class Orphan:
    """A recovery file from a session that did not end cleanly."""

    path: Path
    project: Path | None
    saved: dt.datetime

    def is_newer_than_project(self) -> bool:
        if self.project is None or not self.project.exists():
            return True
        return self.path.stat().st_mtime > self.project.stat().st_mtime

    def discard(self) -> None:
        for extra in (self.path, _meta(self.path), _lock(self.path)):
            with contextlib.suppress(OSError):
                extra.unlink()


def _meta(path: Path) -> Path:
    return path.with_suffix(".json")


def _lock(path: Path) -> Path:
    return path.with_suffix(".lock")


class Recovery:
    """This session's recovery file."""

    def __init__(self) -> None:
        self.folder = paths.recovery_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / f"{PREFIX}{uuid.uuid4().hex[:12]}.briefing"
        self.lock = QLockFile(str(_lock(self.path)))
        self.lock.setStaleLockTime(0)
        self.lock.tryLock(0)

    def write(self, briefing: Briefing, project: Path | None) -> None:
        atomic_write_text(self.path, dumps(briefing))
        note = {
            "project": str(project) if project else None,
            "saved": dt.datetime.now().isoformat(timespec="seconds"),
        }
        atomic_write_text(_meta(self.path), json.dumps(note, indent=2) + "\n")

    def discard(self) -> None:
        for extra in (self.path, _meta(self.path)):
            with contextlib.suppress(OSError):
                extra.unlink()

    def close(self) -> None:
        self.discard()
        self.lock.unlock()
        with contextlib.suppress(OSError):
            _lock(self.path).unlink()

    def orphans(self) -> list[Orphan]:
        """Recovery files no running session owns, newest first."""
        found: list[Orphan] = []
        if not self.folder.is_dir():
            return found
        for path in self.folder.glob(f"{PREFIX}*.briefing"):
            if path == self.path:
                continue
            lock = QLockFile(str(_lock(path)))
            lock.setStaleLockTime(0)
            if not lock.tryLock(0):
                continue  # another running session owns it
            lock.unlock()
            project: Path | None = None
            saved = dt.datetime.fromtimestamp(path.stat().st_mtime)
            with contextlib.suppress(OSError, ValueError, TypeError):
                note = json.loads(_meta(path).read_text(encoding="utf-8"))
                if isinstance(note.get("project"), str):
                    project = Path(note["project"])
            found.append(Orphan(path, project, saved))
        return sorted(found, key=lambda o: o.saved, reverse=True)
