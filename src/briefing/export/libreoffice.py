"""Convert decks with LibreOffice in headless mode.

Each conversion uses a private, throw-away profile folder (so it neither clashes with a running
LibreOffice nor with another conversion) and a timeout. Failures become an ExportError that says
what happened; the target is written atomically.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from briefing.atomic import atomic_write_bytes
from briefing.errors import ExportError

DEFAULT_TIMEOUT = 180.0


def find_soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in (
        "/usr/lib/libreoffice/program/soffice",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        r"C:\Program Files\LibreOffice\program\soffice.exe",
    ):
        if os.path.exists(candidate):
            return candidate
    return None


def unavailable_reason() -> str:
    """Why PDF export is unavailable, or '' when it is available."""
    if find_soffice() is None:
        return (
            "PDF export needs LibreOffice, which is not installed "
            "(Debian/Ubuntu: apt install libreoffice-impress)."
        )
    return ""


def convert(
    deck: Path,
    target: Path,
    fmt: str = "pdf",
    timeout: float = DEFAULT_TIMEOUT,
    *,
    export_filter: str = "",
) -> Path:
    """Convert ``deck`` to ``fmt`` (pdf) at ``target``, optionally through a named export filter
    with options (``'impress_pdf_Export:{...}'``); raise ExportError on any failure."""
    soffice = find_soffice()
    if soffice is None:
        raise ExportError(unavailable_reason())
    deck = Path(deck)
    target = Path(target)
    with tempfile.TemporaryDirectory(prefix="briefing-lo-") as work:
        profile = Path(work) / "profile"
        outdir = Path(work) / "out"
        outdir.mkdir()
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            f"{fmt}:{export_filter}" if export_filter else fmt,
            "--outdir",
            str(outdir),
            str(deck),
        ]
        try:
            completed = subprocess.run(
                command,
                capture_output=True,
                timeout=timeout,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise ExportError(
                f"LibreOffice did not finish converting {deck.name} within {timeout:.0f} s."
            ) from None
        except OSError as exc:
            raise ExportError(f"LibreOffice could not be started ({exc.strerror}).") from None
        produced = outdir / f"{deck.stem}.{fmt}"
        if completed.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = (completed.stderr or completed.stdout).decode("utf-8", "replace").strip()
            detail = detail.splitlines()[-1] if detail else f"exit code {completed.returncode}"
            raise ExportError(f"LibreOffice could not convert {deck.name} ({detail}).")
        atomic_write_bytes(target, produced.read_bytes())
    return target
