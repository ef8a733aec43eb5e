"""Validate a .pptx package against the ISO/IEC 29500 transitional and OPC schemas.

Pure core: the zip is read with :mod:`zipfile`, the parts with lxml; python-pptx plays no part,
so the file is judged as a consumer that has never seen our code would judge it.

Before a part is validated, markup compatibility (ECMA-376 Part 3) is applied as a consumer does,
on two branches, both of which must be valid:

- ``plain``: a consumer that knows only the namespaces these schemas define: each
  ``mc:AlternateContent`` gives its first ``mc:Choice`` whose required namespaces are all known,
  else its ``mc:Fallback``, else nothing.
- ``office``: what Office reads: the first ``mc:Choice``, with the elements and attributes of the
  extension namespaces it requires removed.

On both, elements and attributes of the namespaces an element lists in ``mc:Ignorable`` are
dropped (an element named in ``mc:ProcessContent`` leaves its children in its place), the ``mc:``
attributes go, and the contents of ``ext`` elements (extension data no schema here describes) are
dropped; a chart ``c:ext``, which the chart schema cannot hold empty, goes whole. Two differences
between these schemas and what Office itself writes are normalised and nothing else: signed chart
axis ids (``c:axId``/``c:crossAx``, read as the unsigned number of the same 32 bits) and
first-edition integer bullet sizes (``a:buSzPct val="100000"`` read as ``100%``).

The core-properties schema imports the Dublin Core schemas from the web; they are stood in for by
the small declarations in :data:`_DUBLIN_CORE` (the elements core.xml may use, as simple literals,
and the W3CDTF date type), so nothing is fetched. The schemas are compiled once per folder (a
second or two) and cached.
"""

from __future__ import annotations

import functools
import io
import posixpath
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from lxml import etree

Branch = Literal["plain", "office", "package"]

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
PRESENTATION = "http://schemas.openxmlformats.org/presentationml/2006/main"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# namespace -> schema file, relative to the schema folder (its README names the layout)
_ISO = "ISO-IEC29500-4_2016"
_ECMA = "ecma/fouth-edition"
SCHEMA_FILES: dict[str, str] = {
    XML_NS: f"{_ISO}/xml.xsd",
    PRESENTATION: f"{_ISO}/pml.xsd",
    DRAWING: f"{_ISO}/dml-main.xsd",
    CHART: f"{_ISO}/dml-chart.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing": f"{_ISO}/dml-chartDrawing.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/diagram": f"{_ISO}/dml-diagram.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/picture": f"{_ISO}/dml-picture.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas": f"{_ISO}/dml-lockedCanvas.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        f"{_ISO}/shared-relationshipReference.xsd"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes": (
        f"{_ISO}/shared-commonSimpleTypes.xsd"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes": (
        f"{_ISO}/shared-documentPropertiesVariantTypes.xsd"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": (
        f"{_ISO}/shared-documentPropertiesExtended.xsd"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": (
        f"{_ISO}/shared-documentPropertiesCustom.xsd"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/customXml": (
        f"{_ISO}/shared-customXmlDataProperties.xsd"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/math": f"{_ISO}/shared-math.xsd",
    "urn:schemas-microsoft-com:vml": f"{_ISO}/vml-main.xsd",
    "urn:schemas-microsoft-com:office:office": f"{_ISO}/vml-officeDrawing.xsd",
    "urn:schemas-microsoft-com:office:powerpoint": f"{_ISO}/vml-presentationDrawing.xsd",
    "urn:schemas-microsoft-com:office:excel": f"{_ISO}/vml-spreadsheetDrawing.xsd",
    "urn:schemas-microsoft-com:office:word": f"{_ISO}/vml-wordprocessingDrawing.xsd",
    MC: "mce/mc.xsd",
    CONTENT_TYPES: f"{_ECMA}/opc-contentTypes.xsd",
    RELATIONSHIPS: f"{_ECMA}/opc-relationships.xsd",
    CORE: f"{_ECMA}/opc-coreProperties.xsd",
}

# Namespaces a consumer that knows only these schemas understands (Dublin Core included: the
# core-properties schema uses it).
KNOWN: frozenset[str] = frozenset({*SCHEMA_FILES, DC, DCTERMS})

_DC_ELEMENTS = "".join(
    f'<xs:element name="{name}" substitutionGroup="any"/>'
    for name in (
        "title",
        "creator",
        "subject",
        "description",
        "publisher",
        "contributor",
        "date",
        "type",
        "format",
        "identifier",
        "source",
        "language",
        "relation",
        "coverage",
        "rights",
    )
)
# Stand-ins for the Dublin Core schemas core.xml imports from dublincore.org: the elements a
# core-properties part may use, each a simple literal, and the W3CDTF date type of
# dcterms:created and dcterms:modified (xsi:type="dcterms:W3CDTF").
_DUBLIN_CORE = {
    "dc.xsd": f"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{DC}"
    xmlns="{DC}" elementFormDefault="qualified">
  <xs:import namespace="{XML_NS}"/>
  <xs:complexType name="SimpleLiteral">
    <xs:complexContent mixed="true">
      <xs:restriction base="xs:anyType">
        <xs:sequence><xs:any processContents="lax" minOccurs="0" maxOccurs="0"/></xs:sequence>
        <xs:attribute ref="xml:lang" use="optional"/>
      </xs:restriction>
    </xs:complexContent>
  </xs:complexType>
  <xs:element name="any" type="SimpleLiteral" abstract="true"/>
  {_DC_ELEMENTS}
</xs:schema>""",
    "dcterms.xsd": f"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{DCTERMS}"
    xmlns="{DCTERMS}" xmlns:dc="{DC}" elementFormDefault="qualified">
  <xs:import namespace="{DC}" schemaLocation="dc.xsd"/>
  <xs:import namespace="{XML_NS}"/>
  <xs:element name="created" substitutionGroup="dc:date"/>
  <xs:element name="modified" substitutionGroup="dc:date"/>
  <xs:complexType name="W3CDTF">
    <xs:simpleContent>
      <xs:restriction base="dc:SimpleLiteral">
        <xs:simpleType>
          <xs:union memberTypes="xs:gYear xs:gYearMonth xs:date xs:dateTime"/>
        </xs:simpleType>
        <xs:attribute ref="xml:lang" use="prohibited"/>
      </xs:restriction>
    </xs:simpleContent>
  </xs:complexType>
</xs:schema>""",
}
_DUBLIN_CORE_URLS = {
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dc.xsd": "dc.xsd",
    "http://dublincore.org/schemas/xmls/qdc/2003/04/02/dcterms.xsd": "dcterms.xsd",
}

# What the root element of a part must be, by content type (parts whose content type is not
# here are validated by their root element's namespace when a schema covers it).
_ROOTS: dict[str, tuple[str, str]] = {
    "application/vnd.openxmlformats-package.relationships+xml": (RELATIONSHIPS, "Relationships"),
    "application/vnd.openxmlformats-package.core-properties+xml": (CORE, "coreProperties"),
    "application/vnd.openxmlformats-officedocument.extended-properties+xml": (
        "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        "Properties",
    ),
    "application/vnd.openxmlformats-officedocument.custom-properties+xml": (
        "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
        "Properties",
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": (
        PRESENTATION,
        "presentation",
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.slide+xml": (
        PRESENTATION,
        "sld",
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml": (
        PRESENTATION,
        "sldLayout",
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml": (
        PRESENTATION,
        "sldMaster",
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml": (
        PRESENTATION,
        "notes",
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml": (
        PRESENTATION,
        "notesMaster",
    ),
    "application/vnd.openxmlformats-officedocument.theme+xml": (DRAWING, "theme"),
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml": (CHART, "chartSpace"),
}
_PACKAGE_PARTS = {"[Content_Types].xml"}


@dataclass(frozen=True)
class SchemaProblem:
    """One way a part breaks the schemas: which part, on which branch, where, and how."""

    part: str  # the part's name in the package, as /ppt/slides/slide2.xml
    branch: Branch
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.part}:{self.line} ({self.branch}): {self.message}"


@dataclass(frozen=True)
class PackageReport:
    """What :func:`validate_package` found, and which parts no schema here covers."""

    problems: list[SchemaProblem]
    validated: list[str]
    not_covered: list[str]  # XML parts in namespaces these schemas do not define


class _Resolver(etree.Resolver):  # type: ignore[misc]
    def resolve(self, url: str, public_id: str | None, context: Any) -> Any:
        name = _DUBLIN_CORE_URLS.get(url)
        if name is None:
            return None
        return self.resolve_string(_DUBLIN_CORE[name], context)


@functools.lru_cache(maxsize=4)
def compiled(schema_dir: Path) -> etree.XMLSchema:
    """One schema holding every namespace of :data:`SCHEMA_FILES` (compiled once per folder)."""
    schema_dir = Path(schema_dir).resolve()
    missing = [p for p in SCHEMA_FILES.values() if not (schema_dir / p).is_file()]
    if missing:
        raise FileNotFoundError(f"{schema_dir} lacks the schema files {', '.join(missing)}")
    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{(schema_dir / path).as_uri()}"/>'
        for ns, path in SCHEMA_FILES.items()
    )
    driver = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'targetNamespace="urn:briefing:schema-driver">'
        f"{imports}</xs:schema>"
    )
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Resolver())
    doc = etree.parse(io.BytesIO(driver.encode()), parser, base_url=str(schema_dir / "x.xsd"))
    return etree.XMLSchema(doc)


# -- markup compatibility ---------------------------------------------------------------------


def _namespaces(element: Any, prefixes: str | None) -> set[str]:
    found: set[str] = set()
    for prefix in (prefixes or "").split():
        uri = element.nsmap.get(prefix)
        if uri:
            found.add(uri)
    return found


def _ns(tag: object) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _choose(alternate: Any, branch: Branch) -> tuple[list[Any], set[str]]:
    """The children that replace ``alternate`` on ``branch``, and the namespaces to strip."""
    choices = [c for c in alternate if c.tag == f"{{{MC}}}Choice"]
    fallback = next((c for c in alternate if c.tag == f"{{{MC}}}Fallback"), None)
    if branch == "office" and choices:
        first = choices[0]
        return list(first), _namespaces(first, first.get("Requires")) - KNOWN
    for choice in choices:
        if _namespaces(choice, choice.get("Requires")) <= KNOWN and choice.get("Requires"):
            return list(choice), set()
    return (list(fallback) if fallback is not None else []), set()


@dataclass(frozen=True)
class _Scope:
    """What markup compatibility says in scope of an element: the namespaces it ignores, the
    ignored elements whose content still counts, and the namespaces a chosen branch strips."""

    ignorable: frozenset[str] = frozenset()
    process_content: frozenset[str] = frozenset()  # {namespace}local, "*" as local for all
    strip: frozenset[str] = frozenset()

    def within(self, element: Any) -> _Scope:
        ignorable = _namespaces(element, element.get(f"{{{MC}}}Ignorable")) - KNOWN
        names: set[str] = set()
        for qualified in element.get(f"{{{MC}}}ProcessContent", "").split():
            prefix, _, local = qualified.rpartition(":")
            uri = element.nsmap.get(prefix or None)
            if uri:
                names.add(f"{{{uri}}}{local}")
        if not ignorable and not names:
            return self
        return _Scope(self.ignorable | ignorable, self.process_content | names, self.strip)

    def stripping(self, namespaces: set[str]) -> _Scope:
        return _Scope(self.ignorable, self.process_content, self.strip | namespaces)

    def keeps_content(self, tag: str) -> bool:
        return tag in self.process_content or f"{{{_ns(tag)}}}*" in self.process_content


def _process(element: Any, scope: _Scope, branch: Branch) -> None:
    """Apply markup compatibility to ``element``'s subtree, in place."""
    scope = scope.within(element)
    gone = scope.ignorable | scope.strip
    for name in list(element.attrib):
        if _ns(name) in gone or _ns(name) == MC:
            del element.attrib[name]
    if _local(element.tag) == "ext" and _ns(element.tag) in KNOWN:
        for child in list(element):
            element.remove(child)
        return
    index = 0
    while index < len(element):
        child = element[index]
        if not isinstance(child.tag, str):  # comments, processing instructions
            element.remove(child)
            continue
        if child.tag == f"{{{MC}}}AlternateContent":
            chosen, extra = _choose(child, branch)
            # The branch's elements take the AlternateContent's place and are read in turn.
            _splice(element, index, child, chosen)
            if not extra:
                continue  # this loop reads them in turn
            inner = scope.stripping(extra)
            for node in chosen:
                if isinstance(node.tag, str) and _ns(node.tag) not in inner.strip:
                    _process(node, inner, branch)
                    index += 1
                else:
                    element.remove(node)
            continue
        namespace = _ns(child.tag)
        if namespace in gone:
            if scope.keeps_content(child.tag):
                _splice(element, index, child, list(child))
                continue  # its children now sit at ``index``: read them in turn
            element.remove(child)
            continue
        _process(child, scope, branch)
        if _local(child.tag) == "ext" and namespace == CHART:
            element.remove(child)  # an empty c:ext is not allowed; the extension is dropped
            continue
        index += 1


def _splice(parent: Any, index: int, old: Any, new: list[Any]) -> None:
    parent.remove(old)
    for offset, node in enumerate(new):
        parent.insert(index + offset, node)


def _normalise(root: Any) -> None:
    """The two known, harmless differences from what Office writes (see the module's notes)."""
    for tag in ("axId", "crossAx"):
        for node in root.iter(f"{{{CHART}}}{tag}"):
            value = node.get("val", "")
            if value.startswith("-") and value[1:].isdigit():
                node.set("val", str(int(value) + 2**32))
    for node in root.iter(f"{{{DRAWING}}}buSzPct"):
        value = node.get("val", "")
        if value.isdigit():
            node.set("val", f"{int(value) / 1000:g}%")


def compatible(root: Any, branch: Branch) -> Any:
    """A copy of ``root`` after markup-compatibility processing on ``branch`` (plain/office)."""
    from copy import deepcopy

    tree = deepcopy(root)
    _process(tree, _Scope(), branch)
    _normalise(tree)
    return tree


# -- the package ------------------------------------------------------------------------------


def _content_types(archive: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    root = etree.fromstring(archive.read("[Content_Types].xml"))
    defaults = {
        str(d.get("Extension", "")).lower(): str(d.get("ContentType", ""))
        for d in root.iter(f"{{{CONTENT_TYPES}}}Default")
    }
    overrides = {
        str(o.get("PartName", "")).lower(): str(o.get("ContentType", ""))
        for o in root.iter(f"{{{CONTENT_TYPES}}}Override")
    }
    return defaults, overrides


def _content_type(name: str, defaults: dict[str, str], overrides: dict[str, str]) -> str:
    found = overrides.get("/" + name.lower())
    if found is not None:
        return found
    return defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), "")


def _problems(schema: etree.XMLSchema, part: str, branch: Branch, tree: Any) -> list[SchemaProblem]:
    if schema.validate(tree):
        return []
    return [SchemaProblem(part, branch, error.line, error.message) for error in schema.error_log]


def _is_xml(content_type: str, name: str) -> bool:
    return content_type.endswith("xml") or name.endswith((".xml", ".rels"))


def validate_package(deck: bytes | Path, schema_dir: Path) -> PackageReport:
    """Validate every XML part of the package ``deck`` (its bytes or its path)."""
    schema = compiled(Path(schema_dir).resolve())
    data = deck if isinstance(deck, bytes) else Path(deck).read_bytes()
    problems: list[SchemaProblem] = []
    validated: list[str] = []
    not_covered: list[str] = []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        defaults, overrides = _content_types(archive)
        for name in archive.namelist():
            if name.endswith("/"):
                continue
            content_type = _content_type(name, defaults, overrides)
            if name not in _PACKAGE_PARTS and not _is_xml(content_type, name):
                continue
            part = "/" + name
            try:
                root = etree.fromstring(archive.read(name), parser)
            except etree.XMLSyntaxError as exc:
                problems.append(SchemaProblem(part, "package", exc.lineno or 0, str(exc)))
                continue
            expected = _ROOTS.get(content_type)
            if name == "[Content_Types].xml":
                expected = (CONTENT_TYPES, "Types")
            if expected is not None and root.tag != f"{{{expected[0]}}}{expected[1]}":
                problems.append(
                    SchemaProblem(
                        part,
                        "package",
                        root.sourceline or 0,
                        f"the root element is {root.tag}, but a part of type {content_type} "
                        f"must be {{{expected[0]}}}{expected[1]}",
                    )
                )
                continue
            if _ns(root.tag) not in SCHEMA_FILES:
                not_covered.append(part)
                continue
            validated.append(part)
            for branch in _branches(root):
                problems.extend(_problems(schema, part, branch, compatible(root, branch)))
    return PackageReport(_dedupe(problems), validated, not_covered)


def _branches(root: Any) -> tuple[Branch, ...]:
    """Both branches where the part holds alternate content, else one (they would agree)."""
    has_alternates = next(root.iter(f"{{{MC}}}AlternateContent"), None) is not None
    return ("plain", "office") if has_alternates else ("plain",)


def _dedupe(problems: Iterable[SchemaProblem]) -> list[SchemaProblem]:
    seen: set[tuple[str, int, str]] = set()
    out: list[SchemaProblem] = []
    for problem in problems:
        key = (problem.part, problem.line, problem.message)
        if key not in seen:
            seen.add(key)
            out.append(problem)
    return out


# -- shape ids --------------------------------------------------------------------------------

_SLIDE_TYPES = {
    "application/vnd.openxmlformats-officedocument.presentationml.slide+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml",
    "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml",
}


def shape_ids(root: Any) -> list[int]:
    """The drawing ids (``cNvPr/@id``) of a slide-like part's shape tree, on each branch a
    consumer may read (alternate content holds one shape twice, only one of which is read)."""
    found: list[int] = []
    for branch in _branches(root)[-1:]:
        tree = compatible(root, branch)
        for node in tree.iter(f"{{{PRESENTATION}}}cNvPr"):
            value = str(node.get("id", ""))
            if value.isdigit():
                found.append(int(value))
    return found


def duplicate_shape_ids(deck: bytes | Path) -> dict[str, list[int]]:
    """Every slide, layout, master or notes part whose shape ids repeat: part -> repeated ids."""
    data = deck if isinstance(deck, bytes) else Path(deck).read_bytes()
    out: dict[str, list[int]] = {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        defaults, overrides = _content_types(archive)
        for name in archive.namelist():
            if _content_type(name, defaults, overrides) not in _SLIDE_TYPES:
                continue
            ids = shape_ids(etree.fromstring(archive.read(name), parser))
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            if repeated:
                out["/" + name] = repeated
    return out
