"""The default briefing on every real template we have: it must reopen and stay presentable."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from briefing.deck.build import build
from briefing.deck.checking import check_template
from briefing.library import default_briefing
from briefing.model import Briefing

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
CORPUS_TEMPLATES = sorted((CORPUS / "templates").glob("*.pp*")) if CORPUS.is_dir() else []
BUNDLED = sorted((REPO / "templates").glob("*/manifest.toml"))
POTX = sorted((CORPUS / "bad").glob("*.potx")) if CORPUS.is_dir() else []


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return default_briefing(date=dt.date(2025, 10, 1))


def _check_deck(path: Path) -> None:
    prs = Presentation(str(path))
    width, height = prs.slide_width, prs.slide_height
    assert len(prs.slides) >= 11
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            where = (number, shape.name)
            if shape.has_text_frame or shape.has_chart or shape.shape_type == 13:
                assert shape.left >= 0 and shape.top >= 0, where
                assert shape.left + shape.width <= width, where
                assert shape.top + shape.height <= height, where
            if shape.has_text_frame:
                assert "Click to add" not in shape.text_frame.text, where
        for ph in slide.placeholders:
            assert ph.has_text_frame and ph.text_frame.text.strip(), (number, ph.name)


def _ids(paths: list[Path]) -> list[str]:
    return [p.name if p.name != "manifest.toml" else p.parent.name for p in paths]


@pytest.mark.skipif(not CORPUS_TEMPLATES, reason="../shared/corpus/templates not found")
@pytest.mark.parametrize("template", CORPUS_TEMPLATES, ids=_ids(CORPUS_TEMPLATES))
def it_builds_the_default_briefing_on_each_corpus_template(
    template: Path, briefing: Briefing, tmp_path: Path
) -> None:
    out = tmp_path / "deck.pptx"
    build(briefing, template, out)
    _check_deck(out)


@pytest.mark.parametrize("manifest", BUNDLED, ids=_ids(BUNDLED))
def it_builds_the_default_briefing_on_each_bundled_template(
    manifest: Path, briefing: Briefing, tmp_path: Path
) -> None:
    out = tmp_path / "deck.pptx"
    build(briefing, manifest.parent.name, out)
    _check_deck(out)
    report = check_template(manifest.parent.name)
    assert not report.fallbacks
    assert all(r.from_manifest for r in report.roles)


@pytest.mark.skipif(not POTX, reason="../shared/corpus/bad not found")
@pytest.mark.parametrize("template", POTX, ids=_ids(POTX))
def it_opens_potx_templates_that_python_pptx_refuses(
    template: Path, briefing: Briefing, tmp_path: Path
) -> None:
    out = tmp_path / "deck.pptx"
    build(briefing, template, out)
    _check_deck(out)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class DescribeTemplatesCheck:
    def it_reports_every_role_of_a_bundled_template(self, office_fonts: None) -> None:
        done = _cli("templates", "check", "navy")
        assert done.returncode == 0, done.stdout + done.stderr
        for role in (
            "title",
            "section",
            "bullets",
            "chart",
            "bullets_chart",
            "two_columns",
            "closing",
        ):
            assert role in done.stdout

    def it_names_fallbacks_and_macros(self, corpus_dir: Path) -> None:
        done = _cli(
            "templates", "check", str(corpus_dir / "templates" / "pythonpptx_act-props.pptm")
        )
        assert done.returncode == 3
        assert "fallback:" in done.stdout
        assert "no layout has a title placeholder" in done.stdout
        assert "macros" in done.stdout

    def it_refuses_a_lock_file_in_one_sentence(self, corpus_dir: Path) -> None:
        done = _cli(
            "templates", "check", str(corpus_dir / "bad" / "md2pptx_lockfile_Three-Item-Slide.pptx")
        )
        assert done.returncode == 1
        assert "lock file" in done.stderr
        assert "Traceback" not in done.stderr
