"""The long jobs the GUI runs in a worker thread: plain functions of a progress sink.

They build into a private temporary folder and copy the result into place only when the job
finished and was not cancelled, so a cancelled or failed export never leaves a file behind.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.atomic import atomic_write_bytes
from briefing.errors import Cancelled, ExportError
from briefing.model import Briefing
from briefing.progress import ProgressSink

if TYPE_CHECKING:
    from briefing.deck.build import BuildResult
    from briefing.deck.registry import TemplateEntry


class Scaled:
    """Maps a job's 0..1 progress into part of the overall bar."""

    def __init__(self, sink: ProgressSink, start: float, end: float) -> None:
        self._sink = sink
        self._start = start
        self._end = end

    def report(self, fraction: float, message: str) -> None:
        self._sink.report(self._start + (self._end - self._start) * fraction, message)

    def cancelled(self) -> bool:
        return self._sink.cancelled()


def _place(data: bytes, out: Path) -> None:
    try:
        atomic_write_bytes(out, data)
    except OSError as exc:
        raise ExportError(
            f"{out}: could not be written ({exc.strerror}); nothing was changed.", path=out
        ) from None


def export_pptx_job(
    briefing: Briefing, template: TemplateEntry | None, out: Path, base: Path | None = None
) -> Callable[[ProgressSink], BuildResult]:
    """Build ``briefing`` into ``out`` (the briefing must be a copy no one else edits);
    relative data-file paths in its charts start from ``base`` (the project's folder)."""

    def job(sink: ProgressSink) -> BuildResult:
        from briefing.deck.build import build

        with tempfile.TemporaryDirectory(prefix="briefing-export-") as work:
            tmp = Path(work) / "deck.pptx"
            result = build(briefing, template, tmp, sink, base=base)
            if sink.cancelled():
                raise Cancelled()
            _place(tmp.read_bytes(), out)
        return dataclasses.replace(result, path=out)

    return job


def export_pdf_job(
    briefing: Briefing, template: TemplateEntry | None, out: Path, base: Path | None = None
) -> Callable[[ProgressSink], BuildResult]:
    """Build the deck, then convert it to PDF with LibreOffice, into ``out``."""

    def job(sink: ProgressSink) -> BuildResult:
        from briefing.deck.build import build
        from briefing.export.libreoffice import convert

        with tempfile.TemporaryDirectory(prefix="briefing-pdf-") as work:
            deck = Path(work) / "deck.pptx"
            pdf = Path(work) / "deck.pdf"
            result = build(briefing, template, deck, Scaled(sink, 0.0, 0.5), base=base)
            if sink.cancelled():
                raise Cancelled()
            sink.report(0.55, "Converting to PDF with LibreOffice")
            convert(deck, pdf)
            if sink.cancelled():
                raise Cancelled()
            _place(pdf.read_bytes(), out)
            sink.report(1.0, "Done")
        return dataclasses.replace(result, path=out)

    return job
