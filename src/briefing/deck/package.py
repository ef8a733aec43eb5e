"""Save the package: a custom property for the marking, and fixed zip entry times so the same
project and template always give a byte-identical .pptx.

:func:`save_package` writes the presentation's parts straight into a zip stamped this way, in
one pass (python-pptx's own save, then a second zip to restamp it, took twice as long).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pptx.presentation import Presentation

CUSTOM_PART = "docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def _escape(text: str, quote: bool = False) -> str:
    """XML character data (and, with ``quote``, a double-quoted attribute value)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def _custom_xml(properties: dict[str, str]) -> bytes:
    rows = "".join(
        f'<property fmtid="{FMTID}" pid="{pid}" name="{_escape(name, quote=True)}">'
        f"<vt:lpwstr>{_escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(sorted(properties.items()), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes">{rows}</Properties>'
    ).encode()


class _StampedZip:
    """A zip being written: every entry dated ``stamp``, the custom properties added."""

    def __init__(self, stamp: dt.date, properties: dict[str, str]) -> None:
        self.buffer = io.BytesIO()
        self.zip = zipfile.ZipFile(self.buffer, "w", zipfile.ZIP_DEFLATED)
        self.date_time = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
        self.properties = properties

    def add(self, name: str, payload: bytes) -> None:
        if name == CUSTOM_PART:
            return
        if name == "[Content_Types].xml" and self.properties and CUSTOM_PART not in str(payload):
            payload = payload.replace(
                b"</Types>",
                f'<Override PartName="/{CUSTOM_PART}" ContentType="{CUSTOM_TYPE}"/>'
                "</Types>".encode(),
            )
        elif name == "_rels/.rels" and self.properties and b"custom-properties" not in payload:
            payload = payload.replace(
                b"</Relationships>",
                f'<Relationship Id="rIdBriefingCustom" Type="{CUSTOM_REL}" '
                f'Target="{CUSTOM_PART}"/></Relationships>'.encode(),
            )
        self._write(name, payload)

    def _write(self, name: str, payload: bytes) -> None:
        info = zipfile.ZipInfo(name, self.date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self.zip.writestr(info, payload)

    def close(self) -> bytes:
        if self.properties:
            self._write(CUSTOM_PART, _custom_xml(self.properties))
        self.zip.close()
        return self.buffer.getvalue()


def save_package(prs: Presentation, stamp: dt.date, properties: dict[str, str]) -> bytes:
    """The presentation as .pptx bytes: the parts, rels and content types python-pptx would
    save, in its order, each entry dated ``stamp``."""
    from pptx.opc.serialized import PackageWriter

    package: Any = prs.part.package
    target = _StampedZip(stamp, properties)

    class _Sink:
        def write(self, pack_uri: Any, blob: bytes) -> None:
            target.add(pack_uri.membername, blob)

    class _Writer(PackageWriter):
        def _write(self) -> None:
            sink: Any = _Sink()
            self._write_content_types_stream(sink)
            self._write_pkg_rels(sink)
            self._write_parts(sink)

    _Writer.write(io.BytesIO(), package._rels, tuple(package.iter_parts()))
    return target.close()
