"""Every template the acceptance harness builds on, and one build of each deck per test session.

Templates: the bundled ones (by id), every file in ../shared/corpus/templates, and the templates
made for the tests (:mod:`made_templates`). ``BRIEFING_TEST_SHARED`` points at another shared
folder (a worktree whose ../shared is elsewhere); without one, corpus templates are left out and
the tests that need them say so.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.deck.build import BuildResult, build

from .briefings import BRIEFINGS
from .made_templates import MAKERS

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("BRIEFING_TEST_SHARED") or REPO.parent / "shared")
CORPUS_TEMPLATES = SHARED / "corpus" / "templates"
SCHEMAS = SHARED / "ooxml-schemas"

BUNDLED = sorted(p.parent.name for p in (REPO / "templates").glob("*/manifest.toml"))
CORPUS = sorted(p.name for p in CORPUS_TEMPLATES.glob("*.pp*")) if CORPUS_TEMPLATES.is_dir() else []
MADE = sorted(MAKERS)

TEMPLATE_KEYS = [
    *(f"bundled:{n}" for n in BUNDLED),
    *(f"corpus:{n}" for n in CORPUS),
    *(f"made:{n}" for n in MADE),
]


@dataclass
class Decks:
    """Builds each (template, briefing) once into ``folder`` and hands back the result."""

    folder: Path
    built: dict[tuple[str, str], BuildResult] = field(default_factory=dict)
    made: dict[str, Path] = field(default_factory=dict)

    def template(self, key: str) -> str | Path:
        kind, name = key.split(":", 1)
        if kind == "bundled":
            return name
        if kind == "corpus":
            return CORPUS_TEMPLATES / name
        if name not in self.made:
            maker: Callable[[Path], Path] = MAKERS[name]
            self.made[name] = maker(self.folder / f"{name}.pptx")
        return self.made[name]

    def deck(self, key: str, briefing: str = "default") -> BuildResult:
        if (key, briefing) not in self.built:
            name = key.split(":", 1)[1].rsplit(".", 1)[0]
            out = self.folder / f"{name}-{briefing}.pptx"
            self.built[(key, briefing)] = build(BRIEFINGS[briefing](), self.template(key), out)
        return self.built[(key, briefing)]
