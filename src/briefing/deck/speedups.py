"""Work around the parts of python-pptx whose cost grows with the deck, without changing a byte
of what it writes.

python-pptx looks for a free part name (a notes slide, a chart, its workbook, a picture) by
walking every relationship of the whole package, and for an existing copy of a picture by
walking them again and hashing every image; a notes slide is built by cloning the notes
master's placeholders one by one. Each of these is cheap on a small deck and makes a large one
quadratic. Here, for one presentation being written:

- part names come from a set of the names in use, read from the package once per kind;
- pictures are found by their SHA1 in an index kept as they are added;
- every notes slide after the first is a copy of the first as python-pptx made it, before its
  text was set (the notes master is the same for all of them);
- XPath expressions are compiled once, not on every call (python-pptx evaluates the same few
  hundred expressions thousands of times).

The results are the same names, the same parts and the same XML python-pptx would make; only
the searching is gone.
"""

from __future__ import annotations

import copy
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import Slide

_MARK = "_briefing_speedups"


def speed_up(prs: Presentation) -> None:
    """Install the shortcuts on ``prs`` (once; after its template slides were removed, so
    names freed by the removal are reused as python-pptx would)."""
    package: Any = prs.part.package
    if getattr(package, _MARK, None) is not None:
        return
    _compile_xpaths_once()
    state = _State(package)
    setattr(package, _MARK, state)
    package.next_partname = state.next_partname
    package.next_image_partname = state.next_image_partname
    package.get_or_add_image_part = state.get_or_add_image_part


class _State:
    def __init__(self, package: Any) -> None:
        self.package = package
        self.names: dict[str, set[str]] = {}
        self.image_indexes: list[int] | None = None
        self.images: dict[str, Any] | None = None
        self.notes_prototype: Any = None

    def next_partname(self, tmpl: str) -> Any:
        """What ``Package.next_partname`` returns: the highest free ``tmpl % n`` for n up to
        one more than the names of that kind in use."""
        from pptx.opc.packuri import PackURI

        prefix = tmpl[: (tmpl % 42).find("42")]
        used = self.names.get(prefix)
        if used is None:
            used = {
                str(p.partname) for p in self.package.iter_parts() if p.partname.startswith(prefix)
            }
            self.names[prefix] = used
        for n in range(len(used) + 1, 0, -1):
            candidate = tmpl % n
            if candidate not in used:
                used.add(candidate)
                return PackURI(candidate)
        raise RuntimeError(f"no free part name for {tmpl}")  # pragma: no cover

    def next_image_partname(self, ext: str) -> Any:
        """What ``Package.next_image_partname`` returns (the first gap in the image numbers)."""
        from pptx.opc.packuri import PackURI

        if self.image_indexes is None:
            self.image_indexes = [
                p.partname.idx
                for p in self.package.iter_parts()
                if p.partname.startswith("/ppt/media/image") and p.partname.idx is not None
            ]
        indexes = sorted(self.image_indexes)
        chosen = len(indexes) + 1
        for i, index in enumerate(indexes):
            if i + 1 < index:
                chosen = i + 1
                break
        self.image_indexes.append(chosen)
        return PackURI(f"/ppt/media/image{chosen}.{ext}")

    def get_or_add_image_part(self, image_file: Any) -> Any:
        """The package's part for this picture, added if it has none yet (found by SHA1)."""
        from pptx.parts.image import Image, ImagePart

        if self.images is None:
            self.images = {}
            for part in self.package._image_parts:
                sha1 = getattr(part, "sha1", None)  # unknown kinds (SVG) have none
                if sha1 is not None:
                    self.images.setdefault(sha1, part)
        image = Image.from_file(image_file)
        part = self.images.get(image.sha1)
        if part is None:
            part = self.images[image.sha1] = ImagePart.new(self.package, image)
        return part


def set_notes(slide: Slide, text: str) -> None:
    """Give ``slide`` speaker notes reading ``text`` (the slide must have none yet)."""
    state: _State | None = getattr(slide.part.package, _MARK, None)
    if state is None or state.notes_prototype is None or slide.has_notes_slide:
        notes_slide = slide.notes_slide
        if state is not None and state.notes_prototype is None:
            state.notes_prototype = copy.deepcopy(notes_slide._element)
    else:
        notes_slide = _copied_notes_slide(slide, state)
    frame = notes_slide.notes_text_frame
    if frame is not None:
        frame.text = text


def _copied_notes_slide(slide: Slide, state: _State) -> Any:
    """What ``slide.notes_slide`` makes, as a copy of the first one instead of a new clone of
    the notes master's placeholders."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.parts.slide import NotesSlidePart

    package = state.package
    slide_part: Any = slide.part
    notes_master_part = package.presentation_part.notes_master_part
    part = NotesSlidePart(
        package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
        CT.PML_NOTES_SLIDE,
        package,
        copy.deepcopy(state.notes_prototype),
    )
    part.relate_to(notes_master_part, RT.NOTES_MASTER)
    part.relate_to(slide_part, RT.SLIDE)
    slide_part.relate_to(part, RT.NOTES_SLIDE)
    return part.notes_slide


_xpath_lock = threading.Lock()
_xpath_installed = False


def _compile_xpaths_once() -> None:
    """Make python-pptx's element ``xpath`` method use compiled expressions (one cache per
    thread, since a compiled expression must not be evaluated in two threads at once)."""
    global _xpath_installed
    with _xpath_lock:
        if _xpath_installed:
            return
        from lxml import etree
        from pptx.oxml.ns import _nsmap
        from pptx.oxml.xmlchemy import BaseOxmlElement

        local = threading.local()

        def xpath(self: Any, xpath_str: str) -> Any:
            cache: dict[str, Any] | None = getattr(local, "cache", None)
            if cache is None:
                cache = local.cache = {}
            compiled = cache.get(xpath_str)
            if compiled is None:
                compiled = cache[xpath_str] = etree.XPath(xpath_str, namespaces=_nsmap)
            return compiled(self)

        BaseOxmlElement.xpath = xpath  # type: ignore[method-assign]
        _xpath_installed = True
