"""User settings: a typed object stored as versioned JSON in the platform's config folder."""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from briefing import paths
from briefing.atomic import atomic_write_text

SETTINGS_VERSION = 1


@dataclass
class Settings:
    author: str = ""
    organisation: str = ""
    default_template: str = "navy"
    default_marking: str = "UNCLASSIFIED"
    default_renderer: str = "native"
    team_template_dirs: list[str] = field(default_factory=list)
    team_library_dirs: list[str] = field(default_factory=list)
    recent_files: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SETTINGS_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        defaults = cls()
        for name in known:
            if name not in data:
                continue
            value = data[name]
            expected = getattr(defaults, name)
            if isinstance(expected, list):
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    values[name] = value
            elif isinstance(value, type(expected)):
                values[name] = value
        return cls(**values)


def settings_file() -> Path:
    return paths.config_dir() / "settings.json"


def load_settings() -> Settings:
    """The saved settings; defaults when there are none or the file is unreadable.

    A damaged settings file must never keep the app from starting, so it is set aside as
    ``settings.json.bad`` and the defaults are used.
    """
    path = settings_file()
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:
        return Settings()
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("not an object")
    except ValueError:
        with contextlib.suppress(OSError):
            path.replace(path.with_suffix(".json.bad"))
        return Settings()
    return Settings.from_dict(data)


def save_settings(settings: Settings) -> None:
    atomic_write_text(settings_file(), json.dumps(settings.to_dict(), indent=2) + "\n")
