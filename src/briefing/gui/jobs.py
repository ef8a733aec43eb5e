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


def _pdf_job(
    kind: str,
    briefing: Briefing,
    template: TemplateEntry | None,
    out: Path,
    base: Path | None,
) -> Callable[[ProgressSink], BuildResult]:
    """The core's PDF (``kind`` "pdf") or handout ("handout") export, written into a private
    folder first so that a cancel during LibreOffice's conversion still leaves no file."""

    def job(sink: ProgressSink) -> BuildResult:
        if kind == "handout":
            from briefing.export.handout import export_handout as export
        else:
            from briefing.export.pdf import export_pdf as export

        with tempfile.TemporaryDirectory(prefix=f"briefing-{kind}-") as work:
            tmp = Path(work) / "deck.pdf"
            result = export(briefing, template, tmp, Scaled(sink, 0.0, 0.98), base)
            if sink.cancelled():
                raise Cancelled()
            _place(tmp.read_bytes(), out)
        sink.report(1.0, "Done")
        return dataclasses.replace(result, path=out)

    return job


def export_pdf_job(
    briefing: Briefing, template: TemplateEntry | None, out: Path, base: Path | None = None
) -> Callable[[ProgressSink], BuildResult]:
    """Build the deck and convert it to PDF with LibreOffice
    (:func:`briefing.export.pdf.export_pdf`), into ``out``."""
    return _pdf_job("pdf", briefing, template, out, base)


def export_handout_job(
    briefing: Briefing, template: TemplateEntry | None, out: Path, base: Path | None = None
) -> Callable[[ProgressSink], BuildResult]:
    """A handout PDF, each slide above its speaker notes
    (:func:`briefing.export.handout.export_handout`), into ``out``."""
    return _pdf_job("handout", briefing, template, out, base)
