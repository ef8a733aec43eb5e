"""How fast the approximate slide preview draws: every slide of the default briefing.

Run: ``.venv/bin/python benchmarks/bench_preview.py [--repeats N] [--platform offscreen|xcb]``.
Target: at most 100 ms a slide to refresh and paint (the slowest slide counts).

The main window is shown at 1600x1000 (the screenshot's size) with an empty user folder. For each
outline row the slide is selected and its chart picture (drawn off the GUI thread by the chart
renderer, not timed here) is waited for, so a chart slide is timed with its picture in place, as
a user sees it. Then, ``--repeats`` times each:

* paint: ``preview.repaint()``, a synchronous paint of the preview widget;
* refresh: what the window does when the slide or the briefing changes
  (``PreviewController.update``: the sketch, the template's look, the cached chart picture,
  the exact-preview check) followed by the same synchronous paint.

Per slide the median of the repeats is kept; the summary gives min/median/max over the slides.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

TARGET_MS = 100.0


def _ms(start: int) -> float:
    return (time.perf_counter_ns() - start) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15, help="paints per slide (default 15)")
    parser.add_argument("--platform", default="offscreen", help="Qt platform plugin")
    parser.add_argument("--width", type=int, default=1600)
    parser.add_argument("--height", type=int, default=1000)
    args = parser.parse_args(argv)
    os.environ["QT_QPA_PLATFORM"] = args.platform
    home = tempfile.mkdtemp(prefix="briefing-bench-")
    os.environ["BRIEFING_HOME"] = home
    os.environ.pop("BRIEFING_LIBRARY_PATH", None)
    os.environ.pop("BRIEFING_TEMPLATE_PATH", None)

    from PySide6.QtWidgets import QApplication

    from briefing.gui.app import make_app
    from briefing.gui.main_window import MainWindow

    app = make_app([])
    window = MainWindow()
    window.preflight.set_auto(False)  # the check would compete for the CPU
    window.resize(args.width, args.height)
    window.show()

    def settle(timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            QApplication.processEvents()
            if not window.charts.busy:
                QApplication.processEvents()
                return
            time.sleep(0.005)
        raise SystemExit("the chart picture was not drawn in time")

    settle()
    preview = window.panels.preview
    size = preview.size()
    print(
        f"Approximate preview, default briefing, {args.repeats} repeats a slide, preview "
        f"{size.width()}x{size.height()} px, QT_QPA_PLATFORM={args.platform}"
    )
    print(f"{'slide':>5}  {'layout':<8} {'chart':<6} {'paint ms':>9} {'refresh ms':>11}  title")
    paints: list[float] = []
    refreshes: list[float] = []
    model = window.panels.outline_model
    for row in range(model.rowCount()):
        key = model.key_at(row)
        window.select_key(key)
        settle()
        sketch = preview.sketch
        assert sketch is not None, key
        has_picture = preview.chart_image is not None
        paint_samples: list[float] = []
        refresh_samples: list[float] = []
        for _ in range(args.repeats):
            start = time.perf_counter_ns()
            preview.repaint()
            paint_samples.append(_ms(start))
            start = time.perf_counter_ns()
            window.previews.update()
            preview.repaint()
            refresh_samples.append(_ms(start))
            QApplication.processEvents()
        paint, refresh = statistics.median(paint_samples), statistics.median(refresh_samples)
        paints.append(paint)
        refreshes.append(refresh)
        chart = "image" if has_picture else ("shape" if sketch.chart else "-")
        print(
            f"{row + 1:>5}  {sketch.layout:<8} {chart:<6} {paint:>9.2f} {refresh:>11.2f}  "
            f"{sketch.title[:50]}"
        )
    for label, values in (("paint", paints), ("refresh+paint", refreshes)):
        print(
            f"{label:<14} min {min(values):7.2f} ms   median {statistics.median(values):7.2f} ms"
            f"   max {max(values):7.2f} ms   ({len(values)} slides)"
        )
    worst = max(refreshes)
    verdict = "within" if worst <= TARGET_MS else "OVER"
    print(f"slowest slide {worst:.2f} ms is {verdict} the {TARGET_MS:.0f} ms target")
    window.doc.undo_stack.setClean()
    window.close()
    app.processEvents()
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
