"""The exact preview: the deck built as for export, converted to PDF by LibreOffice, each page
drawn as a picture, and each page tied to the outline row it shows.

Pages are drawn with Qt PDF when PySide6 has it (PySide6-Addons), else with ``pdftoppm``
(poppler-utils). The job is a plain function of a progress sink, run by a :class:`Task`.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from briefing.errors import Cancelled, ExportError
from briefing.gui.jobs import Scaled
from briefing.gui.outline_model import AGENDA_KEY, SOURCES_KEY, TITLE_KEY, item_key
from briefing.model import Briefing
from briefing.progress import ProgressSink

if TYPE_CHECKING:
    from briefing.deck.registry import TemplateEntry

PAGE_DPI = 80  # 1067 x 600 pixels for a 16:9 slide: sharp in the preview, 2 MB a page
PDFTOPPM_TIMEOUT = 120.0


@dataclass
class ExactPages:
    """The deck's pages as pictures, and which page shows which outline row."""

    pages: list[QImage]
    keys: dict[str, int] = field(default_factory=dict)  # outline key -> page index
    fingerprint: str = ""  # of the briefing it shows (set by the window)
    template: str = ""

    def shows(self, briefing: Briefing) -> bool:
        """True when the pages show ``briefing`` as it is now."""
        return self.fingerprint == fingerprint(briefing) and self.template == briefing.template

    def page_for(self, key: str) -> QImage | None:
        index = self.keys.get(key)
        if index is None or not 0 <= index < len(self.pages):
            return None
        return self.pages[index]


def fingerprint(briefing: Briefing) -> str:
    """A short digest of everything the deck is built from."""
    from briefing.project import dumps

    return hashlib.sha1(dumps(briefing).encode("utf-8")).hexdigest()


def qtpdf_available() -> bool:
    try:
        return importlib.util.find_spec("PySide6.QtPdf") is not None
    except (ImportError, ValueError):
        return False


def unavailable_reason() -> str:
    """Why the exact preview cannot be rendered here, or '' when it can."""
    from briefing.export.libreoffice import find_soffice

    if find_soffice() is None:
        return (
            "The exact preview needs LibreOffice, which is not installed "
            "(Debian/Ubuntu: apt install libreoffice-impress)."
        )
    if not qtpdf_available() and shutil.which("pdftoppm") is None:
        return (
            "The exact preview needs a PDF renderer to show LibreOffice's pages: Qt PDF "
            "(pip install PySide6-Addons) or pdftoppm (apt install poppler-utils)."
        )
    return ""


def page_keys(
    briefing: Briefing, template: TemplateEntry | str, base: Path | None
) -> dict[str, int]:
    """Which page shows which outline row, from the deck's plan (the same one the build used)."""
    from briefing.deck.build import chart_book, plan_briefing, prepare_template

    prepared = prepare_template(template)
    plan = plan_briefing(briefing, prepared, chart_book(briefing, prepared, base))
    keys: dict[str, int] = {}
    fixed = {"title": TITLE_KEY, "agenda": AGENDA_KEY, "sources": SOURCES_KEY}
    for index, slide in enumerate(plan.slides):
        key = item_key(slide.item_uid) if slide.item_uid else fixed.get(slide.kind, "")
        if key and key not in keys:
            keys[key] = index
    return keys


def outline_keys(briefing: Briefing) -> dict[str, int]:
    """The outline's order, for when the plan cannot be read: one page per row."""
    keys = [TITLE_KEY]
    if briefing.items:  # the agenda lists the sections, else the slide titles
        keys.append(AGENDA_KEY)
    keys += [item_key(i.uid) for i in briefing.items]
    if briefing.sources():
        keys.append(SOURCES_KEY)
    return {key: n for n, key in enumerate(keys)}


def _pages_qtpdf(pdf: Path, dpi: int) -> list[QImage]:
    qtpdf: Any = importlib.import_module("PySide6.QtPdf")
    document = qtpdf.QPdfDocument()
    error = document.load(str(pdf))
    if error != qtpdf.QPdfDocument.Error.None_:
        raise ExportError(f"The PDF from LibreOffice could not be read ({error}).")
    pages: list[QImage] = []
    for number in range(document.pageCount()):
        size = document.pagePointSize(number)
        width, height = round(size.width() * dpi / 72), round(size.height() * dpi / 72)
        pages.append(document.render(number, QSize(width, height)))
    document.close()
    return pages


def _pages_pdftoppm(pdf: Path, dpi: int, folder: Path) -> list[QImage]:
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise ExportError(unavailable_reason())
    prefix = folder / "page"
    try:
        done = subprocess.run(
            [tool, "-png", "-r", str(dpi), str(pdf), str(prefix)],
            capture_output=True,
            timeout=PDFTOPPM_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ExportError(f"pdftoppm could not draw the pages ({exc}).") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExportError(f"pdftoppm could not draw the pages ({detail[-1] if detail else ''}).")

    def number(path: Path) -> int:
        found = re.search(r"-(\d+)\.png$", path.name)
        return int(found.group(1)) if found else 0

    pages: list[QImage] = []
    for png in sorted(folder.glob("page-*.png"), key=number):
        image = QImage(str(png))
        if image.isNull():
            raise ExportError(f"pdftoppm wrote a page that cannot be read ({png.name}).")
        pages.append(image.convertToFormat(QImage.Format.Format_RGB888))
    return pages


def pdf_pages(pdf: Path, dpi: int, folder: Path) -> list[QImage]:
    if qtpdf_available():
        return _pages_qtpdf(pdf, dpi)
    return _pages_pdftoppm(pdf, dpi, folder)


def exact_preview_job(
    briefing: Briefing, template: TemplateEntry | None, base: Path | None, dpi: int = PAGE_DPI
) -> Callable[[ProgressSink], ExactPages]:
    """Build ``briefing`` (a copy no one else edits) as export does, and draw its pages."""

    def job(sink: ProgressSink) -> ExactPages:
        from briefing.deck.build import build
        from briefing.errors import BriefingError
        from briefing.export.libreoffice import convert

        with tempfile.TemporaryDirectory(prefix="briefing-exact-") as work:
            folder = Path(work)
            deck = folder / "deck.pptx"
            pdf = folder / "deck.pdf"
            build(briefing, template, deck, Scaled(sink, 0.0, 0.4), base=base)
            if sink.cancelled():
                raise Cancelled()
            sink.report(0.45, "Converting with LibreOffice")
            convert(deck, pdf)
            if sink.cancelled():
                raise Cancelled()
            sink.report(0.85, "Drawing the pages")
            pages = pdf_pages(pdf, dpi, folder)
        try:
            keys = page_keys(briefing, template or briefing.template, base)
        except BriefingError:
            keys = outline_keys(briefing)
        sink.report(1.0, "Done")
        return ExactPages(pages, keys, template=briefing.template)

    return job
