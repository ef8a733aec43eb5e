"""Where briefing keeps the user's settings, library, templates and recovery files.

Everything goes through platformdirs. ``BRIEFING_HOME`` (or :func:`set_base_dir`) moves every
folder under one base, which keeps tests and portable installs apart from the user's own.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

_APP = "briefing"
_base_override: Path | None = None


def set_base_dir(base: Path | None) -> None:
    """Move every user folder under ``base`` (None restores the platform defaults)."""
    global _base_override
    _base_override = base


def _base() -> Path | None:
    if _base_override is not None:
        return _base_override
    env = os.environ.get("BRIEFING_HOME")
    return Path(env) if env else None


def _dirs() -> PlatformDirs:
    return PlatformDirs(_APP, appauthor=False)


def config_dir() -> Path:
    base = _base()
    return base / "config" if base else Path(_dirs().user_config_dir)


def data_dir() -> Path:
    base = _base()
    return base / "data" if base else Path(_dirs().user_data_dir)


def cache_dir() -> Path:
    base = _base()
    return base / "cache" if base else Path(_dirs().user_cache_dir)


def user_library_dir() -> Path:
    """The user's own impressions; they override bundled ones with the same id."""
    return data_dir() / "library"


def user_templates_dir() -> Path:
    """Templates the user imported."""
    return data_dir() / "templates"


def recovery_dir() -> Path:
    """Autosaved copies of open briefings, offered back after a crash."""
    return data_dir() / "recovery"


def split_path_list(value: str) -> list[Path]:
    """Split a ``PATH``-style list of folders (``os.pathsep``) into paths, dropping empties."""
    return [Path(part).expanduser() for part in value.split(os.pathsep) if part.strip()]
