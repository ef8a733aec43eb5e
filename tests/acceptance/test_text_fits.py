"""Long text in several scripts stays inside its boxes, as LibreOffice lays it out.

Each deck is converted to PDF, and every word's position (pdftotext -bbox) must fall inside one
of the slide's shapes: text that overflowed its box would land outside all of them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from briefing.deck.build import build
from briefing.export.libreoffice import convert

from .briefings import long_briefing

EMU_PER_PT = 12700
TOLERANCE_PT = 3.0


def without_autofit(deck: Path, out: Path) -> Path:
    """A copy of the deck as PowerPoint first shows it: PowerPoint applies autofit only once
    someone edits the text, while LibreOffice would shrink it on its own and hide overflow."""
    with zipfile.ZipFile(deck) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("ppt/slides/slide"):
                data = re.sub(rb"<a:normAutofit[^>]*/>", b"", data)
            dest.writestr(info, data)
    return out


def _words(pdf: Path) -> list[list[tuple[float, float, str]]]:
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        words = []
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page,
        ):
            words.append(((float(x0) + float(x1)) / 2, (float(y0) + float(y1)) / 2, word))
        pages.append(words)
    return pages


@pytest.mark.slow
@pytest.mark.parametrize("template", ["navy", "paper", "print43"])
def it_keeps_long_multilingual_text_inside_its_boxes(
    template: str, tmp_path: Path, libreoffice: str
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    deck = tmp_path / f"long-{template}.pptx"
    result = build(long_briefing(), template, deck)
    assert not [w for w in result.warnings if "does not fit" in w]
    prs = Presentation(str(deck))
    titles = [s.shapes.title.text_frame.text for s in prs.slides if s.shapes.title is not None]
    assert any(t.endswith("(cont.)") for t in titles)  # the text slide had to continue
    as_shown = without_autofit(deck, tmp_path / "as-shown.pptx")
    pages = _words(convert(as_shown, tmp_path / "long.pdf"))
    assert len(pages) == len(prs.slides)
    for number, (slide, words) in enumerate(zip(prs.slides, pages, strict=True), start=1):
        boxes = [
            (
                s.left / EMU_PER_PT,
                s.top / EMU_PER_PT,
                (s.left + s.width) / EMU_PER_PT,
                (s.top + s.height) / EMU_PER_PT,
            )
            for s in slide.shapes
        ]
        for x, y, word in words:
            inside = any(
                x0 - TOLERANCE_PT <= x <= x1 + TOLERANCE_PT
                and y0 - TOLERANCE_PT <= y <= y1 + TOLERANCE_PT
                for x0, y0, x1, y1 in boxes
            )
            assert inside, f"slide {number}: {word!r} at ({x:.0f}, {y:.0f}) lies outside every box"
