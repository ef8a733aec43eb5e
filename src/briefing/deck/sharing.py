"""Share templates: import a template file, folder or pack; export a template as a pack.

A template pack is a .zip holding ``manifest.toml``, one .pptx/.potx/.pptm and, optionally,
``thumbnail.png`` and a ``README.md``/``README.txt``. A pack comes from someone else, so it is
untrusted: entries that would escape the folder, links, bombs, too many or too large entries and
any other kind of file are refused before anything is written.

An import is checked in full (the manifest parses, the template opens, every role in the manifest
names a layout the template has) in a private temporary folder; only then is it copied into a
hidden folder beside its destination and renamed into place. A refused or failed import leaves the
destination folder as it was.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import stat
import tempfile
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from hashlib import sha1
from pathlib import Path
from typing import Any

from briefing import paths
from briefing.atomic import atomic_write_with
from briefing.deck.opening import read_package_bytes
from briefing.deck.registry import (
    TEMPLATE_SUFFIXES,
    Manifest,
    TemplateEntry,
    read_manifest,
    version_key,
)
from briefing.errors import TemplateError

PACK_SUFFIX = ".zip"
MANIFEST = "manifest.toml"
THUMBNAIL = "thumbnail.png"
README_NAMES = ("readme.md", "readme.txt")  # compared case-insensitively
MAX_PACK_ENTRIES = 50
MAX_PACK_BYTES = 100 * 1024 * 1024  # uncompressed total, and the .zip itself
MAX_RATIO = 100  # uncompressed / compressed, per entry ...
RATIO_FLOOR = 1024 * 1024  # ... for entries larger than this (small text compresses well)
_JUNK_FOLDER = "__MACOSX/"  # zip tools add these; they are skipped, never unpacked
_JUNK_FILES = (".DS_Store", "Thumbs.db", "desktop.ini")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # fixed, so the same template gives the same pack
_ALLOWED = "manifest.toml, one .pptx/.potx/.pptm, thumbnail.png and README.md or README.txt"


# -- public API -------------------------------------------------------------------------------


def import_template(
    source: Path, dest_root: Path | None = None, *, overwrite: bool = False
) -> TemplateEntry:
    """Install a template file, template folder or template pack as ``dest_root/<id>/``.

    ``dest_root`` defaults to the user's template folder. If a template with the same id is
    installed there, it is replaced only when the new version is the same or newer, unless
    ``overwrite`` is set. Raises :class:`TemplateError` (and changes nothing) on any problem.
    """
    source = Path(source)
    root = Path(dest_root) if dest_root is not None else paths.user_templates_dir()
    bundle = _gather(source)
    with tempfile.TemporaryDirectory(prefix="briefing-import-") as tmp:
        manifest = _validate(bundle, Path(tmp), source)
    folder = _install(bundle, manifest, root, source, overwrite=overwrite)
    thumb = folder / THUMBNAIL
    kind = "user" if dest_root is None or _same(root, paths.user_templates_dir()) else "team"
    return TemplateEntry(
        manifest.id,
        manifest.name,
        manifest.version,
        folder / manifest.file,
        kind,
        manifest,
        thumb if thumb.is_file() else None,
    )


def export_template(entry: TemplateEntry, out: Path) -> Path:
    """Write ``entry`` as a template pack; ``out`` is the .zip, or a folder to put
    ``<id>-<version>.zip`` in. An entry without a manifest gets one generated. Returns the path."""
    bundle = _bundle_of_entry(entry)
    with tempfile.TemporaryDirectory(prefix="briefing-export-") as tmp:
        manifest = _validate(bundle, Path(tmp), entry.path)
    total = sum(len(data) for data in bundle.files.values())
    if total > MAX_PACK_BYTES:
        raise TemplateError(
            f"{entry.path.name} is {total // 2**20} MB, more than a template pack may hold "
            f"({MAX_PACK_BYTES // 2**20} MB); share the file itself instead.",
            path=entry.path,
        )
    out = Path(out)
    if out.is_dir():
        version = re.sub(r"[^A-Za-z0-9.]+", "-", manifest.version).strip("-.") or "1"
        out = out / f"{manifest.id}-{version}{PACK_SUFFIX}"

    def write(handle: Any) -> None:
        with zipfile.ZipFile(handle, "w") as archive:
            for name, data in bundle.files.items():
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                info.external_attr = 0o644 << 16
                compressed = name == MANIFEST or name.lower() in README_NAMES
                info.compress_type = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
                archive.writestr(info, data)

    try:
        atomic_write_with(out, write)
    except OSError as exc:
        raise TemplateError(
            f"The template pack {out} cannot be written ({exc.strerror or exc}).", path=out
        ) from None
    return out


def slugify(text: str, *, fallback: str = "template", max_length: int = 64) -> str:
    """``text`` as lowercase ASCII letters, digits and single hyphens ("Abschnitts-\\n
    überschrift" -> "abschnitts-uberschrift"); ``fallback`` when nothing is left (Japanese)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or fallback


# -- gathering the files ----------------------------------------------------------------------


@dataclass
class _Bundle:
    """The files of a template as they will be installed or packed, by their final names.

    ``template`` is the name of the template file within ``files``; ``source_name`` the name it
    is checked under (a loose file keeps its own name, so messages name the user's file).
    """

    files: dict[str, bytes]
    template: str
    source_name: str
    generate: dict[str, str] = field(default_factory=dict)  # id, name, version, description


def _gather(source: Path) -> _Bundle:
    if not source.exists():
        raise TemplateError(f"{source}: no such file or folder.", path=source)
    if source.is_dir():
        return _gather_folder(source)
    suffix = source.suffix.lower()
    if suffix == PACK_SUFFIX:
        return _gather_pack(source)
    if suffix in TEMPLATE_SUFFIXES:
        data = read_package_bytes(source)
        name = _loose_name(source)
        generated_id = _generated_id(source.stem)
        return _Bundle(
            {name: data},
            name,
            source.name,
            generate={
                "id": generated_id,
                "name": " ".join(source.stem.split()) or generated_id,
                "version": "1.0.0",
                "description": f"Imported from {source.name}.",
            },
        )
    raise TemplateError(
        f"{source.name} is not a template: choose a .pptx, .potx or .pptm file, a template "
        "folder or a template pack (.zip).",
        hint="An old .ppt must first be saved as .pptx from PowerPoint."
        if suffix == ".ppt"
        else "",
        path=source,
    )


def _loose_name(source: Path) -> str:
    return "template" + source.suffix.lower()


def _gather_folder(folder: Path) -> _Bundle:
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise TemplateError(
            f"{folder} is not a template folder: it has no {MANIFEST}.",
            hint="Import the .pptx or .potx inside it instead, or add a manifest "
            "(see templates/navy/manifest.toml).",
            path=folder,
        )
    manifest = read_manifest(manifest_path)
    template_path = folder / manifest.file
    if not template_path.is_file():
        raise TemplateError(
            f"{manifest_path} names the template file {manifest.file!r}, which is not in "
            f"{folder.name}.",
            path=manifest_path,
        )
    try:
        template = read_package_bytes(template_path)
    except TemplateError as exc:
        message = exc.message.replace(manifest.file, f"{manifest.file} in {folder}", 1)
        raise TemplateError(message, hint=exc.hint, path=template_path) from None
    files = {MANIFEST: _read(manifest_path), manifest.file: template}
    thumb = folder / THUMBNAIL
    if thumb.is_file():
        files[THUMBNAIL] = _read(thumb)
    for child in sorted(folder.iterdir()):
        if child.name.lower() in README_NAMES and child.is_file():
            files[child.name] = _read(child)
            break
    return _Bundle(files, manifest.file, manifest.file)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"{path} cannot be read ({exc.strerror or exc}).", path=path) from None


def _gather_pack(pack: Path) -> _Bundle:
    """Read a pack into memory, refusing anything unsafe before a byte is decompressed."""
    name = pack.name
    try:
        size = pack.stat().st_size
        if size > MAX_PACK_BYTES:
            raise TemplateError(
                f"{name} is {size // 2**20} MB, larger than a template pack may be "
                f"({MAX_PACK_BYTES // 2**20} MB).",
                path=pack,
            )
        with zipfile.ZipFile(pack) as archive:
            infos = archive.infolist()
            chosen = _check_members(pack, infos)
            files = {final: _extract(pack, archive, info) for final, info in chosen.items()}
    except zipfile.BadZipFile:
        raise TemplateError(
            f"{name} is not a template pack: it is not a zip file, or the zip is damaged.",
            path=pack,
        ) from None
    except (OSError, EOFError, zlib.error, NotImplementedError, zipfile.LargeZipFile) as exc:
        raise TemplateError(
            f"{name} is a damaged template pack: it cannot be unpacked ({exc}).", path=pack
        ) from None
    template = next(n for n in files if n.lower().endswith(TEMPLATE_SUFFIXES))
    return _Bundle(files, template, template)


def _check_members(pack: Path, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """The entries to unpack, by their name in the template folder; raise on anything unsafe."""
    name = pack.name
    if len(infos) > MAX_PACK_ENTRIES:
        raise TemplateError(
            f"{name} holds {len(infos)} entries; a template pack holds at most "
            f"{MAX_PACK_ENTRIES} ({_ALLOWED}).",
            path=pack,
        )
    seen: set[str] = set()
    for info in infos:
        _check_entry_name(pack, info.filename)
        key = info.filename.rstrip("/").lower()
        if key in seen:
            raise TemplateError(f"{name} holds {info.filename!r} twice; refused.", path=pack)
        seen.add(key)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise TemplateError(
                f"{name} holds a link ({info.filename!r}); template packs may not.", path=pack
            )
        if info.flag_bits & 0x1:
            raise TemplateError(
                f"{name} is password-protected ({info.filename!r}); share an unprotected pack.",
                path=pack,
            )
    if any(i.filename == "[Content_Types].xml" for i in infos):
        raise TemplateError(
            f"{name} is a PowerPoint file with a .zip name, not a template pack.",
            hint="Rename it to .pptx (or .potx) and import that.",
            path=pack,
        )
    files = [
        i
        for i in infos
        if not i.is_dir()
        and not i.filename.startswith(_JUNK_FOLDER)
        and i.filename.rsplit("/", 1)[-1] not in _JUNK_FILES
    ]
    prefix = _common_folder([i.filename for i in files])
    chosen: dict[str, zipfile.ZipInfo] = {}
    for info in files:
        inner = info.filename[len(prefix) :]
        if "/" in inner:
            raise TemplateError(
                f"{name} holds {info.filename!r} in a sub-folder; a template pack holds "
                f"only {_ALLOWED}.",
                path=pack,
            )
        if not _allowed(inner):
            raise TemplateError(
                f"{name} holds {inner!r}, which has no place in a template pack "
                f"(it may hold only {_ALLOWED}).",
                path=pack,
            )
        chosen[inner] = info
    templates = [n for n in chosen if n.lower().endswith(TEMPLATE_SUFFIXES)]
    readmes = [n for n in chosen if n.lower() in README_NAMES]
    if MANIFEST not in chosen:
        raise TemplateError(
            f"{name} is not a template pack: it has no {MANIFEST}.",
            hint="Import the .pptx or .potx itself if you have one.",
            path=pack,
        )
    if len(templates) != 1:
        raise TemplateError(
            f"{name} holds {len(templates)} template files; a template pack holds exactly one"
            + (f" ({', '.join(sorted(templates))})." if templates else "."),
            path=pack,
        )
    if len(readmes) > 1:
        raise TemplateError(f"{name} holds more than one README; refused.", path=pack)
    total = sum(i.file_size for i in chosen.values())
    if total > MAX_PACK_BYTES:
        raise TemplateError(
            f"{name} unpacks to {total // 2**20} MB, more than a template pack may hold "
            f"({MAX_PACK_BYTES // 2**20} MB).",
            path=pack,
        )
    for inner, info in chosen.items():
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise TemplateError(
                f"{name} is refused: {inner!r} is compressed {ratio} times, as in a zip bomb.",
                path=pack,
            )
    return chosen


def _check_entry_name(pack: Path, entry: str) -> None:
    problem = ""
    if "\\" in entry:
        problem = "uses backslashes"
    elif entry.startswith("/") or re.match(r"^[A-Za-z]:", entry):
        problem = "is an absolute path"
    elif any(part in ("..", ".") for part in entry.split("/")):
        problem = "points outside the pack"
    elif any(ord(c) < 32 or ord(c) == 127 for c in entry) or not entry.strip("/"):
        problem = "has an invalid name"
    if problem:
        raise TemplateError(f"{pack.name} is refused: its entry {entry!r} {problem}.", path=pack)


def _common_folder(names: list[str]) -> str:
    """``"navy/"`` when every file sits in that one folder (a zipped template folder)."""
    firsts = {n.split("/", 1)[0] for n in names}
    if names and len(firsts) == 1 and all("/" in n for n in names):
        return firsts.pop() + "/"
    return ""


def _allowed(inner: str) -> bool:
    lower = inner.lower()
    return (
        inner in (MANIFEST, THUMBNAIL)
        or lower in README_NAMES
        or (lower.endswith(TEMPLATE_SUFFIXES) and len(inner) > len(".pptx"))
    )


def _extract(pack: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """An entry's bytes, never more than it declares (a lying header is a damaged pack)."""
    out = io.BytesIO()
    with archive.open(info) as stream:
        while chunk := stream.read(1 << 20):
            out.write(chunk)
            if out.tell() > info.file_size:
                raise TemplateError(
                    f"{pack.name} is refused: {info.filename!r} unpacks to more than it declares.",
                    path=pack,
                )
    return out.getvalue()


def _bundle_of_entry(entry: TemplateEntry) -> _Bundle:
    path = Path(entry.path)
    folder = path.parent
    manifest_path = folder / MANIFEST
    if (
        entry.manifest is not None
        and manifest_path.is_file()
        and read_manifest(manifest_path).file == path.name
    ):
        return _gather_folder(folder)  # the manifest as its author wrote it, comments and all
    data = read_package_bytes(path)
    name = _loose_name(path)
    if entry.manifest is not None:
        manifest = entry.manifest
        text = manifest_text(
            manifest.id,
            manifest.name,
            manifest.version,
            name,
            roles=manifest.roles,
            description=manifest.description,
            author=manifest.author,
            slide_size=manifest.slide_size,
            extra=_manifest_tables(manifest),
        )
        bundle = _Bundle({MANIFEST: text.encode("utf-8"), name: data}, name, path.name)
    else:
        generated_id = _generated_id(entry.id)
        bundle = _Bundle(
            {name: data},
            name,
            path.name,
            generate={
                "id": generated_id,
                "name": entry.name or generated_id,
                "version": entry.version if version_key(entry.version) > (0,) else "1.0.0",
                "description": f"Exported from {path.name}.",
            },
        )
    if entry.thumbnail is not None and Path(entry.thumbnail).is_file():
        bundle.files[THUMBNAIL] = _read(Path(entry.thumbnail))
    return bundle


def _generated_id(text: str) -> str:
    """A manifest id from a file name: its slug, or a stable hash when nothing is left."""
    return slugify(text, fallback="") or "template-" + sha1(text.encode("utf-8")).hexdigest()[:8]


def _manifest_tables(manifest: Manifest) -> dict[str, dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {}
    if manifest.palette is not None:
        palette = manifest.palette
        tables["palette"] = {
            "background": palette.background,
            "text": palette.text,
            "primary": palette.primary,
            "accent": list(palette.accent),
            "muted": palette.muted,
        }
    fonts = {"heading": manifest.heading_font, "body": manifest.body_font}
    if any(fonts.values()):
        tables["fonts"] = {k: v for k, v in fonts.items() if v}
    if manifest.marking:
        tables["marking"] = dict(manifest.marking)
    return tables


# -- checking ---------------------------------------------------------------------------------


def _validate(bundle: _Bundle, tmp: Path, source: Path) -> Manifest:
    """Check the bundle as it will be installed: the template opens, the manifest parses and
    its roles name existing layouts, the thumbnail is a PNG. Generates a missing manifest."""
    from briefing.deck.layouts import describe_layouts, map_roles
    from briefing.deck.opening import open_template

    check_name = bundle.source_name if bundle.generate else bundle.template
    template_path = tmp / check_name
    template_path.write_bytes(bundle.files[bundle.template])
    try:
        prs = open_template(template_path).presentation
    except TemplateError as exc:
        raise _relocated(exc, tmp, source, check_name) from None
    if bundle.generate:
        info = bundle.generate
        tmap = map_roles(prs)
        roles: dict[str, str] = {}
        for choice in tmap.roles.values():
            first = next(lay for lay in tmap.layouts if lay.name == choice.layout.name)
            if not choice.fallback and choice.layout.name.strip() and first is choice.layout:
                roles[choice.role] = choice.layout.name
        text = manifest_text(
            info["id"],
            info["name"],
            info["version"],
            bundle.template,
            roles=roles,
            description=info["description"],
            slide_size=slide_size_label(int(prs.slide_width or 0), int(prs.slide_height or 0)),
        )
        bundle.files[MANIFEST] = text.encode("utf-8")
        bundle.generate = {}
    manifest_path = tmp / MANIFEST
    manifest_path.write_bytes(bundle.files[MANIFEST])
    try:
        manifest = read_manifest(manifest_path)
    except TemplateError as exc:
        raise _relocated(exc, tmp, source, MANIFEST) from None
    where = _where(source)
    if manifest.file != bundle.template:
        raise TemplateError(
            f"The manifest in {where} names the template file {manifest.file!r}, but the "
            f"template file is {bundle.template!r}.",
            path=source,
        )
    layout_names = [lay.name for lay in describe_layouts(prs)]
    for role, wanted in manifest.roles.items():
        if wanted not in layout_names:
            shown = ", ".join(repr(n) for n in layout_names[:12])
            more = f" and {len(layout_names) - 12} more" if len(layout_names) > 12 else ""
            raise TemplateError(
                f"The manifest in {where} maps the role {role!r} to the layout {wanted!r}, "
                f"which {bundle.template} does not have.",
                hint=f"Its layouts are {shown}{more}.",
                path=source,
            )
    thumb = bundle.files.get(THUMBNAIL)
    if thumb is not None and not thumb.startswith(_PNG_SIGNATURE):
        raise TemplateError(f"{THUMBNAIL} in {where} is not a PNG image.", path=source)
    return manifest


def _where(source: Path) -> str:
    return source.name if source.suffix.lower() == PACK_SUFFIX else str(source)


def _relocated(exc: TemplateError, tmp: Path, source: Path, name: str) -> TemplateError:
    """The same error, naming the user's file instead of the temporary copy of ``name``."""
    message = exc.message.replace(str(tmp / name), name)
    message = message.replace(str(tmp) + os.sep, "").replace(str(tmp), _where(source))
    if source.is_dir() or source.suffix.lower() == PACK_SUFFIX:
        if message.startswith(name):
            message = f"{name} in {_where(source)}{message[len(name) :]}"
        elif name in message:
            message = message.replace(name, f"{name} in {_where(source)}", 1)
    return TemplateError(message, hint=exc.hint, path=source)


# -- installing -------------------------------------------------------------------------------


def _install(
    bundle: _Bundle, manifest: Manifest, root: Path, source: Path, *, overwrite: bool
) -> Path:
    target = root / manifest.id
    if target.exists() or target.is_symlink():
        _check_replaceable(target, manifest, source, overwrite=overwrite)
    staging: Path | None = None
    old: Path | None = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{manifest.id}.importing-", dir=root))
        names = [n for n in bundle.files if n != MANIFEST] + [MANIFEST]  # the manifest last
        for name in names:
            with open(staging / name, "wb") as handle:
                handle.write(bundle.files[name])
                handle.flush()
                os.fsync(handle.fileno())
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{manifest.id}.replaced-", dir=root))
            os.rmdir(old)
            os.rename(target, old)
        try:
            os.rename(staging, target)
        except OSError:
            if old is not None:
                os.rename(old, target)
                old = None
            raise
        staging = None
    except OSError as exc:
        raise TemplateError(
            f"The template {manifest.id!r} cannot be installed in {root} ({exc.strerror or exc}).",
            path=root,
        ) from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target


def _check_replaceable(target: Path, manifest: Manifest, source: Path, *, overwrite: bool) -> None:
    installed_manifest = target / MANIFEST
    if target.is_symlink() or not target.is_dir() or not installed_manifest.is_file():
        raise TemplateError(
            f"{target} is in the way of the template {manifest.id!r} from {source.name}: it is "
            "not an installed template folder.",
            hint="Move or rename it, then import again.",
            path=target,
        )
    try:
        installed = read_manifest(installed_manifest).version
    except TemplateError:
        return  # the installed copy is broken; the new one replaces it
    if overwrite or version_key(manifest.version) >= version_key(installed):
        return
    raise TemplateError(
        f"The template {manifest.id!r} {installed} is installed, and {source.name} holds the "
        f"older version {manifest.version}; kept {installed}.",
        hint="Import with overwrite to replace it anyway.",
        path=source,
    )


def _same(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        return a.resolve() == b.resolve()
    return a == b


# -- manifests --------------------------------------------------------------------------------


def slide_size_label(width: int, height: int) -> str:
    """The slide size as a manifest gives it: "16:9", "4:3", "16:10", or "<w>:<h>" in cm."""
    if width <= 0 or height <= 0:
        return ""
    ratio = width / height
    for label, value in (("16:9", 16 / 9), ("4:3", 4 / 3), ("16:10", 16 / 10), ("3:4", 3 / 4)):
        if abs(ratio - value) / value < 0.01:
            return label
    return f"{width / 360000:.4g}:{height / 360000:.4g}"


def manifest_text(
    template_id: str,
    name: str,
    version: str,
    file: str,
    *,
    roles: dict[str, str] | None = None,
    description: str = "",
    author: str = "",
    slide_size: str = "",
    extra: dict[str, dict[str, Any]] | None = None,
) -> str:
    """A ``manifest.toml`` for a template, in the bundled templates' format."""
    lines = [
        "# Generated by briefing; edit freely (see templates/navy/manifest.toml).",
        f"id = {_toml(template_id)}",
        f"name = {_toml(name)}",
        f"version = {_toml(version)}",
    ]
    if description:
        lines.append(f"description = {_toml(description)}")
    if author:
        lines.append(f"author = {_toml(author)}")
    lines.append(f"file = {_toml(file)}")
    if slide_size:
        lines.append(f"slide_size = {_toml(slide_size)}")
    lines += ["", f"[roles]  # role -> exact layout name in {file}"]
    lines += [f"{role} = {_toml(layout)}" for role, layout in (roles or {}).items()]
    for table, values in (extra or {}).items():
        lines += ["", f"[{table}]"]
        lines += [f"{_toml_key(key)} = {_toml(value)}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml(key)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml(v)}" for k, v in value.items()) + "}"
    text = str(value)
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    out = []
    for char in text:
        if char in escapes:
            out.append(escapes[char])
        elif ord(char) < 32 or ord(char) == 127:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
