"""Open a template file as a python-pptx Presentation, whatever its flavour.

python-pptx refuses .potx (template) and .ppsx (show) content types and would carry a .pptm's
macros into the output. Here the package is patched in memory: the main part becomes an ordinary
presentation, and any VBA project is removed. Every failure becomes one clear sentence.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import TemplateError

if TYPE_CHECKING:
    from pptx.presentation import Presentation

PRESENTATION_MAIN = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
_OTHER_MAINS = (
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
)
_ODD_CORE_REL = (
    b"http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"
)
_CORE_REL = b"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
MAX_TEMPLATE_BYTES = 200 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class OpenedTemplate:
    presentation: Presentation
    path: Path
    had_macros: bool
    was_template: bool


def read_package_bytes(path: Path) -> bytes:
    """Read a template file and make sure it is a usable Office package; raise TemplateError."""
    path = Path(path)
    if path.name.startswith("~$"):
        raise TemplateError(
            f"{path.name} is an Office lock file (PowerPoint leaves it while the real file is "
            "open), not a template; choose the file without '~$'.",
            path=path,
        )
    try:
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise TemplateError(
                f"{path.name} is {size // 2**20} MB, too large for a template.", path=path
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise TemplateError(f"{path}: no such file.", path=path) from None
    except IsADirectoryError:
        raise TemplateError(f"{path} is a folder, not a template file.", path=path) from None
    except OSError as exc:
        raise TemplateError(f"{path} cannot be read ({exc.strerror}).", path=path) from None
    _check_package(path, data)
    return data


def _check_package(path: Path, data: bytes) -> None:
    name = path.name
    if not data:
        raise TemplateError(f"{name} is empty (0 bytes).", path=path)
    if data.startswith(b"version https://git-lfs"):
        raise TemplateError(
            f"{name} is a Git LFS pointer, not the template itself; run 'git lfs pull' "
            "in its repository or ask for the real file.",
            path=path,
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TemplateError(
            f"{name} is encrypted (password-protected) or an old binary .ppt; save it from "
            "PowerPoint as an unprotected .pptx or .potx.",
            path=path,
        )
    if _looks_like_lock_file(data):
        raise TemplateError(
            f"{name} is an Office lock file (PowerPoint leaves one while a deck is open), "
            "not a template; choose the real file, usually the one without '~$' in its name.",
            path=path,
        )
    if not data.startswith(b"PK"):
        raise TemplateError(
            f"{name} is not a PowerPoint file (a .pptx or .potx is a zip package; this is not).",
            path=path,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED_BYTES:
                raise TemplateError(f"{name} unpacks to an implausible size; refused.", path=path)
            names = {i.filename for i in infos}
            bad = archive.testzip()
    except zipfile.BadZipFile:
        raise TemplateError(
            f"{name} is damaged: the zip package is truncated or corrupt.", path=path
        ) from None
    except (EOFError, OSError, zipfile.LargeZipFile, NotImplementedError):
        raise TemplateError(
            f"{name} is damaged: its zip package cannot be read.", path=path
        ) from None
    if bad is not None:
        raise TemplateError(f"{name} is damaged: the part {bad} is corrupt.", path=path)
    if "[Content_Types].xml" not in names:
        raise TemplateError(f"{name} is a zip file but not an Office document.", path=path)
    if not any(n.startswith("ppt/") for n in names):
        raise TemplateError(
            f"{name} is an Office document but not a presentation (is it a Word or Excel file?).",
            path=path,
        )


def _looks_like_lock_file(data: bytes) -> bool:
    """Office lock files hold the user's name: a length byte, the name in ASCII padded with
    spaces, then the name again in UTF-16; a few hundred bytes at most."""
    if len(data) > 512 or not data:
        return False
    length = data[0]
    name = data[1 : 1 + length]
    return 0 < length <= 53 and len(name) == length and all(32 <= b < 127 for b in name)


def _patched(data: bytes) -> tuple[bytes, bool, bool]:
    """Rewrite the package so python-pptx opens it: returns (bytes, had_macros, was_template)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    content_types = source.read("[Content_Types].xml").decode("utf-8")
    was_template = ("template" in content_types and "template.main+xml" in content_types) or (
        "template.macroEnabled" in content_types
    )
    had_macros = "macroEnabled" in content_types or any(
        n.lower().endswith("vbaproject.bin") for n in source.namelist()
    )
    root_rels = source.read("_rels/.rels") if "_rels/.rels" in source.namelist() else b""
    odd_core = _ODD_CORE_REL in root_rels
    if not (
        was_template or had_macros or odd_core or any(m in content_types for m in _OTHER_MAINS)
    ):
        return data, False, False
    for main in _OTHER_MAINS:
        content_types = content_types.replace(main, PRESENTATION_MAIN)
    dropped: set[str] = set()
    if had_macros:
        dropped = {n for n in source.namelist() if re.search(r"vbaProject|vbaData", n, re.I)}
        content_types = re.sub(r"<Override[^>]*vba[^>]*/>", "", content_types, flags=re.I)
        content_types = re.sub(
            r'<Default Extension="bin"[^>]*vbaProject[^>]*/>', "", content_types, flags=re.I
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in dropped:
                continue
            payload = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                payload = content_types.encode("utf-8")
            elif info.filename == "_rels/.rels":
                # Some exporters (LibreOffice of old) spell the core-properties relationship
                # "officedocument"; python-pptx would not find it and add a second core.xml.
                payload = payload.replace(_ODD_CORE_REL, _CORE_REL)
            elif had_macros and info.filename.endswith(".rels"):
                payload = re.sub(
                    rb"<Relationship[^>]*(vbaProject|vbaData)[^>]*/>", b"", payload, flags=re.I
                )
            target.writestr(info, payload)
    return out.getvalue(), had_macros, was_template


def open_template(path: Path) -> OpenedTemplate:
    """Open any .pptx/.potx/.pptm as a Presentation ready to receive slides."""
    from lxml.etree import XMLSyntaxError
    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    path = Path(path)
    data = read_package_bytes(path)
    try:
        patched, had_macros, was_template = _patched(data)
        presentation = Presentation(io.BytesIO(patched))
    except (XMLSyntaxError, ValueError) as exc:
        raise TemplateError(
            f"{path.name} is damaged: part of its XML cannot be read ({_short(exc)}).", path=path
        ) from None
    except (KeyError, PackageNotFoundError, zipfile.BadZipFile) as exc:
        raise TemplateError(
            f"{path.name} is incomplete: a part it refers to is missing ({_short(exc)}).",
            path=path,
        ) from None
    if not list(presentation.slide_layouts):
        raise TemplateError(f"{path.name} has no slide layouts to build slides from.", path=path)
    return OpenedTemplate(presentation, path, had_macros, was_template)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) < 120 else text[:117] + "..."
