"""A handout: one page per slide, the slide above and its speaker notes below, as a PDF.

LibreOffice (7.4 and later) exports notes pages itself when asked through its PDF filter options;
before converting, the notes of a copy of the deck are set in one readable size and told to
shrink to their box (LibreOffice honours that), so long notes are not cut off at the page's foot.
An older LibreOffice ignores the options and exports the slides alone; then the slides are drawn
as pictures (poppler's ``pdftoppm``) and the pages composed with matplotlib, the notes running on
to further pages when they are long.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.atomic import atomic_write_bytes
from briefing.errors import ExportError
from briefing.export.libreoffice import DEFAULT_TIMEOUT, convert
from briefing.export.pdf import (
    BUILD_SHARE,
    build_temp_deck,
    pdf_target,
    require_soffice,
)
from briefing.progress import ProgressSink, ScaledProgress, step

if TYPE_CHECKING:
    from briefing.deck.build import BuildResult
    from briefing.deck.registry import TemplateEntry
    from briefing.model import Briefing

NOTES_FILTER = (
    'impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"},'
    '"ExportOnlyNotesPages":{"type":"boolean","value":"true"}}'
)
NOTES_PT = 11.0
EMU_PER_PT = 12700

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def export_handout(
    briefing: Briefing,
    template: str | Path | TemplateEntry | None,
    out_pdf: Path | str,
    progress: ProgressSink | None = None,
    base: Path | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> BuildResult:
    """Build ``briefing`` and write a handout PDF at ``out_pdf``: each slide with its speaker
    notes. Returns the build's result with ``path`` set to the PDF. Raises ExportError when
    LibreOffice is missing (before any work) or fails; nothing is written on failure."""
    out = pdf_target(out_pdf)
    require_soffice()
    with tempfile.TemporaryDirectory(prefix="briefing-handout-") as folder:
        work = Path(folder)
        result = build_temp_deck(
            briefing,
            template,
            work,
            "deck",
            ScaledProgress(progress, 0.0, BUILD_SHARE),
            base,
        )
        step(progress, BUILD_SHARE + 0.02, "Preparing the notes pages")
        handout_deck = work / "handout.pptx"
        notes, slide_size = prepare_notes_deck(result.path, handout_deck)
        step(progress, BUILD_SHARE + 0.05, "Converting to PDF with LibreOffice")
        produced = convert(
            handout_deck, work / "out" / "handout.pdf", "pdf", timeout, export_filter=NOTES_FILTER
        )
        data = produced.read_bytes()
        pages = pdf_page_count(data)
        if pages != len(notes):
            raise ExportError(
                f"LibreOffice wrote {pages} pages for {len(notes)} slides; the handout is not "
                "complete.",
                hint="Export the deck as .pptx and print the notes pages from PowerPoint.",
            )
        if not is_notes_pdf(data, slide_size):
            # This LibreOffice ignored the notes-page options and exported the slides alone.
            step(progress, 0.85, "Composing the handout pages")
            data = compose_handout(produced, notes, work / "composed.pdf").read_bytes()
        try:
            atomic_write_bytes(out, data)
        except OSError as exc:
            raise ExportError(
                f"{out} could not be written ({exc.strerror}); nothing was changed.", path=out
            ) from None
    if progress is not None:  # written: too late to cancel
        progress.report(1.0, "Done")
    return dataclasses.replace(result, path=out)


def prepare_notes_deck(deck: Path, target: Path) -> tuple[list[str], tuple[float, float]]:
    """Copy ``deck`` to ``target`` with its notes set for print: one size, no hanging indent,
    shrinking to fit their box. Returns each slide's notes and the slide size in points."""
    from pptx import Presentation
    from pptx.util import Pt

    prs = Presentation(str(deck))
    notes: list[str] = []
    for slide in prs.slides:
        if not slide.has_notes_slide:
            notes.append("")
            continue
        placeholder = slide.notes_slide.notes_placeholder
        if placeholder is None:
            notes.append("")
            continue
        frame = placeholder.text_frame
        notes.append(frame.text)
        body_pr = frame._txBody.bodyPr
        for child in list(body_pr):
            if child.tag in (
                f"{{{A_NS}}}spAutoFit",
                f"{{{A_NS}}}noAutofit",
                f"{{{A_NS}}}normAutofit",
            ):
                body_pr.remove(child)
        body_pr.append(body_pr.makeelement(f"{{{A_NS}}}normAutofit", {}))
        frame.word_wrap = True
        for paragraph in frame.paragraphs:
            p_pr = paragraph._p.get_or_add_pPr()
            p_pr.set("marL", "0")
            p_pr.set("indent", "0")
            paragraph.space_after = Pt(NOTES_PT * 0.3)
            for run in paragraph.runs:
                run.font.size = Pt(NOTES_PT)
    prs.save(str(target))
    width = int(prs.slide_width or 0) / EMU_PER_PT
    height = int(prs.slide_height or 0) / EMU_PER_PT
    return notes, (width, height)


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
_NUM = rb"\s*(-?[\d.]+)"
_MEDIABOX = re.compile(rb"/MediaBox\s*\[" + _NUM * 4 + rb"\s*\]")


def pdf_page_count(data: bytes) -> int:
    """Pages of a PDF whose page objects are not compressed (as LibreOffice writes them)."""
    return len(_PAGE.findall(data))


def pdf_page_size(data: bytes) -> tuple[float, float] | None:
    """Width and height (pt) of the first media box, or None when there is none to read."""
    match = _MEDIABOX.search(data)
    if match is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in match.groups())
    return abs(x1 - x0), abs(y1 - y0)


def is_notes_pdf(data: bytes, slide_size: tuple[float, float]) -> bool:
    """Whether LibreOffice wrote notes pages: their size is not the slides' size."""
    size = pdf_page_size(data)
    if size is None:
        return True
    return not (abs(size[0] - slide_size[0]) < 2 and abs(size[1] - slide_size[1]) < 2)


# -- the fallback: slide pictures and notes, composed with matplotlib ----------------------------

A4 = (8.27, 11.69)  # inches
MARGIN = 0.75
LINE_CHARS = 92  # at 10 pt in DejaVu Sans across A4 less margins
LINE_HEIGHT = 10 * 1.35 / 72  # inches


def compose_handout(slides_pdf: Path, notes: list[str], target: Path, dpi: int = 120) -> Path:
    """A4 pages: each slide (drawn from ``slides_pdf`` by pdftoppm) above its notes, which run
    on to further pages when long. Raise ExportError when pdftoppm is not installed."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ExportError(
            "This LibreOffice cannot export notes pages, and pdftoppm (poppler) is not installed "
            "to draw the slides for a handout.",
            hint="Install LibreOffice 7.4 or later, or poppler-utils.",
        )
    with tempfile.TemporaryDirectory(prefix="briefing-slides-") as folder:
        try:
            completed = subprocess.run(
                [pdftoppm, "-r", str(dpi), "-png", str(slides_pdf), str(Path(folder) / "slide")],
                capture_output=True,
                timeout=DEFAULT_TIMEOUT,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except (subprocess.TimeoutExpired, OSError):
            raise ExportError("pdftoppm could not draw the slides for the handout.") from None
        pictures = sorted(Path(folder).glob("slide*.png"), key=_page_number)
        if completed.returncode != 0 or len(pictures) != len(notes):
            raise ExportError(
                f"pdftoppm drew {len(pictures)} of {len(notes)} slides for the handout."
            )
        _draw_pages(pictures, notes, target)
    return target


def _page_number(path: Path) -> int:
    digits = re.findall(r"\d+", path.stem)
    return int(digits[-1]) if digits else 0


def _wrap(text: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines():
        lines.extend(textwrap.wrap(paragraph, LINE_CHARS) or [""])
    return lines


def _draw_pages(pictures: list[Path], notes: list[str], target: Path) -> None:
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure
    from matplotlib.image import imread

    page_w, page_h = A4
    inner_w = page_w - 2 * MARGIN
    page_number = 0
    with (
        matplotlib.rc_context({"pdf.fonttype": 42, "font.family": "DejaVu Sans"}),
        PdfPages(str(target)) as pdf,
    ):
        for slide_number, (picture, text) in enumerate(zip(pictures, notes, strict=True), 1):
            image = imread(str(picture))
            ratio = image.shape[0] / image.shape[1]
            image_h = min(inner_w * ratio, page_h * 0.45)
            image_w = image_h / ratio
            lines = _wrap(text.strip())
            top = page_h - MARGIN - image_h - 0.35  # where notes start on the first page
            first = True
            while first or lines:
                page_number += 1
                fig = Figure(figsize=A4)
                if first:
                    ax = fig.add_axes(
                        (
                            (page_w - image_w) / 2 / page_w,
                            (page_h - MARGIN - image_h) / page_h,
                            image_w / page_w,
                            image_h / page_h,
                        )
                    )
                    ax.imshow(image)
                    ax.set_axis_off()
                    start = top
                else:
                    fig.text(
                        MARGIN / page_w,
                        (page_h - MARGIN) / page_h,
                        f"Slide {slide_number}: notes (continued)",
                        fontsize=9,
                        color="#555555",
                        va="top",
                    )
                    start = page_h - MARGIN - 0.35
                room = max(int((start - MARGIN - 0.3) / LINE_HEIGHT), 1)
                chunk, lines = lines[:room], lines[room:]
                if chunk:
                    fig.text(
                        MARGIN / page_w,
                        start / page_h,
                        "\n".join(chunk),
                        fontsize=10,
                        linespacing=1.35,
                        va="top",
                        ha="left",
                    )
                fig.text(
                    0.5,
                    MARGIN / 2 / page_h,
                    str(page_number),
                    fontsize=8,
                    color="#555555",
                    ha="center",
                )
                pdf.savefig(fig)
                first = False
