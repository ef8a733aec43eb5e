"""Find installed font files and read their advance widths, without matplotlib.

Fonts are looked up the way the rest of the desktop sees them: through fontconfig's own list
(``fc-list``) where it is installed, else by scanning the usual font folders. Either answer is
kept only while the font folders stay as they were (their modification times are the key), so a
font installed while the app runs, or after a first run, is found the next time it is asked for.
Nothing here is cached from one run to the next except what a font file itself says (its names,
its advance widths), and those are keyed by the file's path, size and modification time.

matplotlib's bundled DejaVu Sans is the last resort, so text can always be measured.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FALLBACK_FAMILY = "DejaVu Sans"
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
_REGULAR = 400
_BOLD = 700
_CACHE_VERSION = 1
_FIELD = "\x1e"
_VALUE = "\x1f"


@dataclass(frozen=True)
class FontFace:
    """One face of an installed font: its file (and face number in a collection)."""

    path: str
    index: int
    family: str
    weight: int
    """CSS scale: 400 regular, 700 bold."""
    italic: bool

    @property
    def name(self) -> str:
        """How a message names it: ``Carlito-Regular.ttf``."""
        return Path(self.path).name


@dataclass(frozen=True)
class _Entry:
    families: tuple[str, ...]
    face: FontFace


# -- where fonts live ---------------------------------------------------------------------------


def font_folders() -> list[Path]:
    """The folders fonts are installed in on this platform (those that exist or may)."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    data_dirs = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    folders = [data_home / "fonts", home / ".fonts"]
    folders += [Path(d) / "fonts" for d in data_dirs.split(":") if d]
    folders.append(Path("/usr/X11R6/lib/X11/fonts"))
    return list(dict.fromkeys(folders))


def _walk_dirs(root: Path) -> Iterator[tuple[str, int]]:
    """Every folder under ``root`` with its modification time (ns); files are not visited."""
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                stamp = os.stat(folder).st_mtime_ns
                subdirs = [e.path for e in entries if e.is_dir(follow_symlinks=True)]
        except OSError:
            continue
        yield folder, stamp
        stack.extend(sorted(subdirs, reverse=True))


def folders_state(extra: Iterable[str] = ()) -> tuple[tuple[str, int], ...]:
    """What changes when a font is installed or removed: each font folder's mtime, and the
    fontconfig settings that decide what it shows."""
    state: list[tuple[str, int]] = []
    for root in font_folders():
        state.extend(_walk_dirs(root))
    for name in ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT"):
        state.append((f"${name}={os.environ.get(name, '')}", 0))
    config = os.environ.get("FONTCONFIG_FILE")
    for item in [config, *extra] if config else extra:
        try:
            state.append((item, os.stat(item).st_mtime_ns))
        except OSError:
            state.append((item, -1))
    return tuple(state)


# -- the catalogue ------------------------------------------------------------------------------


class Catalogue:
    """The installed faces, by family name (case-insensitive)."""

    def __init__(self, entries: Iterable[_Entry], source: str) -> None:
        self.source = source
        self._by_family: dict[str, list[FontFace]] = {}
        for entry in entries:
            for family in entry.families:
                self._by_family.setdefault(family.strip().casefold(), []).append(entry.face)
        for faces in self._by_family.values():
            faces.sort(key=lambda f: (f.path, f.index))

    def families(self) -> list[str]:
        return sorted({faces[0].family for faces in self._by_family.values()})

    def has(self, family: str) -> bool:
        return family.strip().casefold() in self._by_family

    def face(self, family: str, bold: bool = False) -> FontFace | None:
        """The upright face of ``family`` closest to regular (or bold) weight; None if absent."""
        faces = self._by_family.get(family.strip().casefold())
        if not faces:
            return None
        target = _BOLD if bold else _REGULAR
        return min(faces, key=lambda f: (f.italic, abs(f.weight - target), f.weight < target))


def _fc_weight(text: str) -> int:
    """fontconfig's weight scale (80 regular, 200 bold) on the CSS one."""
    numbers = [float(n) for n in text.strip("[]").split() if n.replace(".", "", 1).isdigit()]
    value = numbers[0] if len(numbers) == 1 else (sum(numbers) / len(numbers) if numbers else 80)
    steps = [(0, 100), (40, 200), (50, 300), (80, 400), (100, 500), (180, 600), (200, 700)]
    steps += [(205, 800), (210, 900)]
    return min(steps, key=lambda s: abs(s[0] - value))[1]


def _from_fontconfig(fc_list: str) -> list[_Entry] | None:
    fmt = _FIELD.join(["%{file}", "%{index}", "%{[]family{%{family}" + _VALUE + "}}"])
    fmt += _FIELD + "%{weight}" + _FIELD + "%{slant}\n"
    try:
        done = subprocess.run(
            [fc_list, "--format", fmt],
            capture_output=True,
            timeout=30,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    entries: list[_Entry] = []
    for line in done.stdout.decode("utf-8", "replace").split("\n"):
        parts = line.split(_FIELD)
        if len(parts) != 5 or not parts[0].lower().endswith(FONT_SUFFIXES):
            continue
        path, index, families, weight, slant = parts
        names = tuple(f for f in families.split(_VALUE) if f.strip())
        if not names:
            continue
        try:
            number = int(index or 0)
            italic = float((slant or "0").strip("[]").split()[0]) > 0
        except (ValueError, IndexError):
            continue
        face = FontFace(path, number, names[0], _fc_weight(weight or "80"), italic)
        entries.append(_Entry(names, face))
    return entries


def _bundled_fallback() -> list[_Entry]:
    """matplotlib's own copy of DejaVu Sans, found without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    found = []
    for name, weight in (("DejaVuSans.ttf", _REGULAR), ("DejaVuSans-Bold.ttf", _BOLD)):
        path = folder / name
        if path.is_file():
            face = FontFace(str(path), 0, FALLBACK_FAMILY, weight, False)
            found.append(_Entry((FALLBACK_FAMILY,), face))
    return found


def _scan(folders: Iterable[Path], cache_file: Path | None) -> list[_Entry]:
    """Every font file in ``folders``, named from its own tables (cached per file)."""
    known: dict[str, Any] = {}
    if cache_file is not None:
        try:
            loaded = json.loads(cache_file.read_text(encoding="utf-8"))
            if loaded.get("version") == _CACHE_VERSION:
                known = loaded["files"]
        except (OSError, ValueError, KeyError, AttributeError):
            known = {}
    seen: dict[str, Any] = {}
    for root in folders:
        for folder, _ in _walk_dirs(root):
            try:
                with os.scandir(folder) as items:
                    files = sorted(
                        e.path
                        for e in items
                        if e.is_file() and e.name.lower().endswith(FONT_SUFFIXES)
                    )
            except OSError:
                continue
            for path in files:
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                key = f"{path}|{info.st_size}|{info.st_mtime_ns}"
                seen[key] = known[key] if key in known else _read_names(path)
    if cache_file is not None and seen != known:
        _write_quietly(cache_file, json.dumps({"version": _CACHE_VERSION, "files": seen}).encode())
    entries = []
    for key, faces in sorted(seen.items()):
        path = key.rsplit("|", 2)[0]
        for item in faces:
            entry = _entry_from_cache(path, item)
            if entry is not None:
                entries.append(entry)
    return entries


def _entry_from_cache(path: str, item: Any) -> _Entry | None:
    try:
        names = tuple(str(n) for n in item["families"])
        weight, italic = int(item["weight"]), bool(item["italic"])
        face = FontFace(path, int(item["index"]), names[0], weight, italic)
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return _Entry(names, face)


def _read_names(path: str) -> list[dict[str, object]]:
    """The family names, weight and slant of each face in a font file ([] if unreadable)."""
    import logging

    from fontTools.ttLib import TTCollection, TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    out: list[dict[str, object]] = []
    try:
        if path.lower().endswith((".ttc", ".otc")):
            with TTCollection(path, lazy=True) as collection:
                fonts = list(collection.fonts)
                out = [_face_names(font, n) for n, font in enumerate(fonts)]
        else:
            with TTFont(path, lazy=True, fontNumber=0) as font:
                out = [_face_names(font, 0)]
    except Exception:  # a damaged file is skipped, as fontconfig skips it
        return []
    return [face for face in out if face["families"]]


def _face_names(font: Any, index: int) -> dict[str, object]:
    names = font["name"]
    families: list[str] = []
    for name_id in (16, 1):
        record = names.getName(name_id, 3, 1) or names.getName(name_id, 1, 0)
        if record is not None:
            text = str(record.toUnicode()).strip()
            if text and text not in families:
                families.append(text)
    os2 = font.get("OS/2")
    weight = int(getattr(os2, "usWeightClass", _REGULAR) or _REGULAR)
    italic = bool(getattr(os2, "fsSelection", 0) & 1)
    return {"families": families, "weight": weight, "italic": italic, "index": index}


def _write_quietly(path: Path, data: bytes) -> None:
    """Write a cache file atomically; a cache that cannot be written is simply not kept."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        return


def _cache_folder() -> Path:
    from briefing import paths

    return paths.cache_dir() / "fonts"


_lock = threading.Lock()
_current: tuple[tuple[tuple[str, int], ...], Catalogue] | None = None
_checked_at = -1.0
RECHECK_SECONDS = 1.0
"""How long a catalogue is trusted before the font folders are looked at again."""


def catalogue() -> Catalogue:
    """The installed fonts, looked up again whenever the font folders have changed."""
    global _current, _checked_at
    with _lock:
        now = time.monotonic()
        if _current is not None and now - _checked_at < RECHECK_SECONDS:
            return _current[1]
        state = folders_state()
        _checked_at = now
        if _current is not None and _current[0] == state:
            return _current[1]
        fc_list = shutil.which("fc-list")
        entries = _from_fontconfig(fc_list) if fc_list else None
        source = "fontconfig"
        if entries is None:
            digest = hashlib.sha1(repr(sorted(font_folders())).encode()).hexdigest()[:16]
            entries = _scan(font_folders(), _cache_folder() / f"scan-{digest}.json")
            source = "font folders"
        found = Catalogue([*entries, *_bundled_fallback()], source)
        _current = (state, found)
        return found


def forget() -> None:
    """Drop the in-memory catalogue (the next lookup asks fontconfig or the folders again)."""
    global _current, _checked_at
    with _lock:
        _current = None
        _checked_at = -1.0


def find(family: str, bold: bool = False) -> FontFace | None:
    """The installed face of exactly ``family`` (no substitutes); None if it is not installed."""
    return catalogue().face(family, bold) if family.strip() else None


def is_installed(family: str) -> bool:
    return bool(family.strip()) and catalogue().has(family)


def fallback(bold: bool = False) -> FontFace:
    """DejaVu Sans (installed, or matplotlib's copy), else any installed face."""
    found = find(FALLBACK_FAMILY, bold)
    if found is not None:
        return found
    cat = catalogue()
    for family in cat.families():
        face = cat.face(family, bold)
        if face is not None:
            return face
    raise LookupError(
        "no font file was found on this machine, not even matplotlib's DejaVu Sans; "
        "reinstall briefing or install fonts-dejavu-core"
    )


# -- advance widths -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Advances:
    """A face's advance widths in font units, by code point."""

    units_per_em: int
    default: int
    """The advance of the face's first glyph (.notdef)."""
    widths: dict[int, int]


_MAGIC = b"BRFA1\n"
_advances_memo: dict[tuple[str, int, int, int], Advances] = {}


def advances(face: FontFace) -> Advances:
    """The advance widths of ``face``, read once per file version and kept on disk."""
    try:
        info = os.stat(face.path)
    except OSError as exc:
        raise LookupError(f"the font file {face.path} cannot be read ({exc.strerror})") from None
    key = (face.path, face.index, info.st_size, info.st_mtime_ns)
    found = _advances_memo.get(key)
    if found is not None:
        return found
    digest = hashlib.sha1(repr(key).encode()).hexdigest()[:24]
    cache_file = _cache_folder() / f"advances-{digest}.bin"
    found = _load_advances(cache_file)
    if found is None:
        found = _read_advances(face)
        _write_quietly(cache_file, _dump_advances(found))
    _advances_memo[key] = found
    return found


def _dump_advances(adv: Advances) -> bytes:
    codes = array("I", sorted(adv.widths))
    widths = array("I", (adv.widths[c] for c in codes))
    if sys.byteorder != "little":
        codes.byteswap()
        widths.byteswap()
    head = f"{adv.units_per_em} {adv.default} {len(codes)}\n".encode()
    return _MAGIC + head + codes.tobytes() + widths.tobytes()


def _load_advances(path: Path) -> Advances | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(_MAGIC):
        return None
    try:
        end = data.index(b"\n", len(_MAGIC))
        units, default, count = (int(x) for x in data[len(_MAGIC) : end].split())
    except ValueError:
        return None
    body = data[end + 1 :]
    codes, widths = array("I"), array("I")
    if len(body) != 2 * count * codes.itemsize or units <= 0:
        return None
    codes.frombytes(body[: count * codes.itemsize])
    widths.frombytes(body[count * codes.itemsize :])
    if sys.byteorder != "little":
        codes.byteswap()
        widths.byteswap()
    return Advances(units, default, dict(zip(codes, widths, strict=True)))


def _read_advances(face: FontFace) -> Advances:
    import logging

    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        # Read what is needed, then close the file (a lazy TTFont keeps it open otherwise).
        with TTFont(face.path, lazy=True, fontNumber=face.index) as font:
            units = int(font["head"].unitsPerEm)
            cmap: dict[int, str] = font.getBestCmap() or {}
            hmtx = font["hmtx"]
            widths = {code: int(hmtx[glyph][0]) for code, glyph in cmap.items()}
            default = int(hmtx[font.getGlyphOrder()[0]][0])
    except Exception as exc:  # fontTools raises many kinds on a damaged file
        raise LookupError(f"the font file {face.path} cannot be read ({exc})") from None
    return Advances(units, default, widths)
