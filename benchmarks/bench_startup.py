"""How fast the app starts: from a cold ``python`` process to a shown, painted, usable window.

Run: ``.venv/bin/python benchmarks/bench_startup.py [--runs N] [--platform offscreen|xcb]``.
Target: the main window painted within 1.0 s (median). A plain PySide6 QMainWindow started the
same way is measured for comparison: the difference is what briefing itself costs.

Each run is a fresh ``python -c`` process (imports are not cached in memory between runs; the
operating system's file cache is, as on a real second start) with its own empty user folder, so
no recovery prompt, saved layout or recent files change what is drawn. The time runs from just
before the process is spawned to the later of the window's first paint and a
``QTimer.singleShot(0)`` queued after ``show()`` (the event loop is then idle: the window takes
input). The child also reports when its imports ended and when the window was built.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MS = 1000.0

_PROBE = """
import json, os, time
marks = {"main": time.time_ns()}
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
%(imports)s
marks["imported"] = time.time_ns()
%(make_app)s
%(make_window)s
marks["built"] = time.time_ns()


class _FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "painted" not in marks:
            if getattr(obj, "window", None) is not None and obj.window() is window:
                marks["painted"] = time.time_ns()
                _done()
        return False


def _ready():
    marks["ready"] = time.time_ns()
    _done()


def _done():
    if "painted" in marks and "ready" in marks:
        print("BENCH " + json.dumps(marks), flush=True)
        os._exit(0)  # the start is measured, not the shutdown


_filter = _FirstPaint()
app.installEventFilter(_filter)
window.show()
marks["shown"] = time.time_ns()
QTimer.singleShot(0, _ready)
QTimer.singleShot(30000, lambda: os._exit(3))
app.exec()
"""

BRIEFING = _PROBE % {
    "imports": "from briefing.gui.app import make_app\nfrom briefing.gui.main_window import "
    "MainWindow",
    "make_app": "app = make_app([])",
    "make_window": "window = MainWindow()",
}

PLAIN = _PROBE % {
    "imports": "from PySide6.QtWidgets import QLabel, QMainWindow",
    "make_app": "app = QApplication([])",
    "make_window": "window = QMainWindow()\nwindow.setCentralWidget(QLabel('Hello'))\n"
    "window.resize(1400, 900)",
}


def run_once(code: str, platform: str) -> dict[str, float]:
    """One cold start; milliseconds from spawning to each mark."""
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as home:
        env = dict(os.environ, QT_QPA_PLATFORM=platform, BRIEFING_HOME=home)
        env.pop("BRIEFING_LIBRARY_PATH", None)
        env.pop("BRIEFING_TEMPLATE_PATH", None)
        start = time.time_ns()
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"the probe failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    marks = json.loads(line[len("BENCH ") :])
    out = {name: (ns - start) / 1e6 for name, ns in marks.items()}
    out["usable"] = max(out["painted"], out["ready"])
    return out


def measure(label: str, code: str, runs: int, platform: str) -> dict[str, list[float]]:
    run_once(code, platform)  # warm the file cache, as a second start would be
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        for name, value in run_once(code, platform).items():
            samples.setdefault(name, []).append(value)
    usable = samples["usable"]
    middle = statistics.median(usable)
    print(
        f"{label:<28} usable: min {min(usable):6.0f} ms   median {middle:6.0f} ms"
        f"   (python up {statistics.median(samples['main']):4.0f}, imports done "
        f"{statistics.median(samples['imported']):4.0f}, window built "
        f"{statistics.median(samples['built']):4.0f}, first paint "
        f"{statistics.median(samples['painted']):4.0f})"
    )
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="starts per variant (default 10)")
    parser.add_argument(
        "--platform", default="offscreen", help="Qt platform plugin (offscreen, xcb, ...)"
    )
    args = parser.parse_args(argv)
    print(
        f"Cold start to a shown, painted window; {args.runs} runs each, "
        f"QT_QPA_PLATFORM={args.platform}, {Path(sys.executable).name} {sys.version.split()[0]}"
    )
    plain = measure("plain PySide6 QMainWindow", PLAIN, args.runs, args.platform)
    ours = measure("briefing main window", BRIEFING, args.runs, args.platform)
    median = statistics.median(ours["usable"])
    extra = median - statistics.median(plain["usable"])
    verdict = "within" if median <= TARGET_MS else "OVER"
    print(
        f"briefing adds {extra:.0f} ms to a bare window; median {median:.0f} ms is {verdict} "
        f"the {TARGET_MS:.0f} ms target"
    )
    return 0 if median <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
