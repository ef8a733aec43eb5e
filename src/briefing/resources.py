"""The one gateway to files that ship with briefing (content library, datasets, templates).

In a wheel they sit inside the package (``briefing/_resources``, ``briefing/_templates``); in a
source checkout or an editable install they are the top-level ``resources/`` and ``templates/``
folders. Callers ask for a relative name; absolute paths and ``..`` are refused.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path, PurePosixPath

_PACKAGE_DIR = Path(__file__).resolve().parent


def _checked(relative: str) -> PurePosixPath:
    rel = PurePosixPath(relative)
    if rel.is_absolute() or ".." in rel.parts or relative.startswith(("/", "\\")):
        raise ValueError(f"resource names are relative and stay inside the bundle: {relative!r}")
    return rel


@cache
def _root(kind: str) -> Path:
    installed = _PACKAGE_DIR / f"_{kind}"
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent.parent / kind
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"briefing's bundled {kind} are missing (looked in {installed} and {checkout}); "
        "reinstall the package."
    )


def resources_dir() -> Path:
    """The folder of bundled resources (content library, datasets)."""
    return _root("resources")


def templates_dir() -> Path:
    """The folder of bundled slide templates."""
    return _root("templates")


def resource_path(relative: str) -> Path:
    """The path of a bundled resource, such as ``"library/unity.toml"``."""
    return resources_dir().joinpath(*_checked(relative).parts)


def template_path(relative: str) -> Path:
    """The path of a file among the bundled templates."""
    return templates_dir().joinpath(*_checked(relative).parts)
