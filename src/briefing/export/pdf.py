"""A briefing as a PDF: built through the one entry point, then converted by LibreOffice.

The deck is built into a temporary folder and converted there; the PDF replaces ``out_pdf`` only
when the conversion succeeded, so a failure leaves nothing (or the previous file) behind.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import ExportError
from briefing.export.libreoffice import DEFAULT_TIMEOUT, convert, find_soffice, unavailable_reason
from briefing.progress import ProgressSink, ScaledProgress, step

if TYPE_CHECKING:
    from briefing.deck.build import BuildResult
    from briefing.deck.registry import TemplateEntry
    from briefing.model import Briefing

BUILD_SHARE = 0.6  # of the progress bar: building the deck; the rest is LibreOffice


def require_soffice() -> str:
    """The LibreOffice executable; ExportError saying how to install it when there is none."""
    soffice = find_soffice()
    if soffice is None:
        raise ExportError(
            unavailable_reason() or "PDF export needs LibreOffice, which is not installed.",
            hint="Install LibreOffice, or build the .pptx and save it as PDF from PowerPoint.",
        )
    return soffice


def pdf_target(out_pdf: Path | str) -> Path:
    out = Path(out_pdf)
    if out.suffix.lower() != ".pdf":
        raise ExportError(
            f"{out.name} does not end in .pdf.", hint="Give the file a .pdf name.", path=out
        )
    if out.is_dir():
        raise ExportError(f"{out} is a folder.", hint="Name a .pdf file to write.", path=out)
    return out


def build_temp_deck(
    briefing: Briefing,
    template: str | Path | TemplateEntry | None,
    folder: Path,
    name: str,
    progress: ProgressSink | None,
    base: Path | None,
) -> BuildResult:
    """Build the deck into ``folder`` (a temporary one) through the one entry point."""
    from briefing.deck.build import build

    return build(briefing, template, folder / f"{name}.pptx", progress, base=base)


def export_pdf(
    briefing: Briefing,
    template: str | Path | TemplateEntry | None,
    out_pdf: Path | str,
    progress: ProgressSink | None = None,
    base: Path | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> BuildResult:
    """Build ``briefing`` on ``template`` (its own when None) and write it as ``out_pdf``.

    Returns the build's result with ``path`` set to the PDF. Raises ExportError when LibreOffice
    is missing (before any work), fails or times out; ValidationError and the build's other
    errors as :func:`~briefing.deck.build.build` does. Nothing is written on failure."""
    out = pdf_target(out_pdf)
    require_soffice()
    with tempfile.TemporaryDirectory(prefix="briefing-pdf-") as work:
        result = build_temp_deck(
            briefing,
            template,
            Path(work),
            out.stem or "briefing",
            ScaledProgress(progress, 0.0, BUILD_SHARE),
            base,
        )
        step(progress, BUILD_SHARE + 0.02, "Converting to PDF with LibreOffice")
        try:
            convert(result.path, out, "pdf", timeout)
        except OSError as exc:
            raise ExportError(
                f"{out} could not be written ({exc.strerror}); nothing was changed.", path=out
            ) from None
    if progress is not None:  # written: too late to cancel
        progress.report(1.0, "Done")
    return dataclasses.replace(result, path=out)
