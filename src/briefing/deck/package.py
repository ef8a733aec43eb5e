"""Finish the saved package: a custom property for the marking, and fixed zip entry times so
the same project and template always give a byte-identical .pptx."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape

CUSTOM_PART = "docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def _custom_xml(properties: dict[str, str]) -> bytes:
    rows = "".join(
        f'<property fmtid="{FMTID}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(sorted(properties.items()), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes">{rows}</Properties>'
    ).encode()


def finish_package(data: bytes, stamp: dt.date, properties: dict[str, str]) -> bytes:
    """Rewrite the zip: every entry dated ``stamp``, custom ``properties`` added or replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            if name == CUSTOM_PART:
                continue
            payload = source.read(name)
            if name == "[Content_Types].xml" and properties and CUSTOM_PART not in str(payload):
                payload = payload.replace(
                    b"</Types>",
                    f'<Override PartName="/{CUSTOM_PART}" ContentType="{CUSTOM_TYPE}"/>'
                    "</Types>".encode(),
                )
            elif name == "_rels/.rels" and properties and b"custom-properties" not in payload:
                payload = payload.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdBriefingCustom" Type="{CUSTOM_REL}" '
                    f'Target="{CUSTOM_PART}"/></Relationships>'.encode(),
                )
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, payload)
        if properties:
            info = zipfile.ZipInfo(CUSTOM_PART, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, _custom_xml(properties))
    return out.getvalue()
