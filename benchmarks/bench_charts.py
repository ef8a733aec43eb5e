"""How fast charts are made: native charts added to slides, pictures drawn and cached.

Run: ``.venv/bin/python benchmarks/bench_charts.py [--charts N] [--workers N]``.
Target: a native chart in at most 15 ms. Uses the bundled datasets when they are built and a
synthetic one of the same shape otherwise.
"""

from __future__ import annotations

import argparse
import math
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefing.charts.image import RenderJob, RenderStats, render_many, render_png
from briefing.charts.presets import preset_specs
from briefing.charts.style import DEFAULT_STYLE
from briefing.charts.table import SeriesTable, build_table
from briefing.model.chart import ChartSpec

TARGET_MS = 15.0


def _datasets() -> dict[str, Any]:
    try:
        from briefing.data import load_bundled

        return {i: load_bundled(i) for i in ("sipri-gdp-share", "sipri-constant-usd")}
    except Exception as exc:  # any failure falls back to synthetic data
        print(f"(bundled datasets unavailable: {exc}; using synthetic data)")
        return {i: _synthetic(i) for i in ("sipri-gdp-share", "sipri-constant-usd")}


def _synthetic(dataset_id: str) -> Any:
    import pandas as pd

    from briefing.data import NATO_ALLIES
    from briefing.data.dataset import Dataset, DatasetInfo

    usd = "usd" in dataset_id
    rows = [
        (c, y, (1000.0 * (i + 1) if usd else 1.0 + (i % 30) / 10) + y - 2014, y == 2025)
        for i, c in enumerate(NATO_ALLIES)
        for y in range(2014, 2026)
    ]
    frame = pd.DataFrame(rows, columns=["country", "year", "value", "estimate"])
    unit = "US$ m (constant 2024)" if usd else "% of GDP"
    info = DatasetInfo(
        dataset_id, "Synthetic", "Military expenditure", unit, "SIPRI", "Synthetic", "2026", "none"
    )
    return Dataset(info=info, frame=frame)


def _tables() -> list[SeriesTable]:
    data = _datasets()
    return [build_table(spec, data[spec.dataset]) for spec in preset_specs().values()]


def _time(fn: Callable[[], Any], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def bench_native(tables: list[SeriesTable], charts: int) -> None:
    from pptx import Presentation
    from pptx.util import Inches

    from briefing.deck.native_chart import add_native_chart

    prs = Presentation()
    box = (Inches(0.5), Inches(1.0), Inches(9.0), Inches(5.5))
    slides = [prs.slides.add_slide(prs.slide_layouts[6]) for _ in range(charts)]
    add_native_chart(slides[0], box, tables[0], DEFAULT_STYLE)  # warm up imports
    for table in tables:
        times = []
        for slide in slides[1:]:
            start = time.perf_counter()
            add_native_chart(slide, box, table, DEFAULT_STYLE)
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times)
        verdict = "ok" if median <= TARGET_MS else f"OVER the {TARGET_MS:.0f} ms target"
        print(
            f"native {table.kind:<15} {len(table.categories):>3} categories x "
            f"{len(table.series)} series (+{len(table.reference_lines)} lines): "
            f"median {median:6.2f} ms, p90 {_p90(times):6.2f} ms  [{verdict}]"
        )
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        prs.save(str(Path(tmp) / "bench.pptx"))
        print(
            f"save {len(slides) * len(tables)} charts: "
            f"{(time.perf_counter() - start) * 1000:.0f} ms"
        )


def bench_images(tables: list[SeriesTable], workers: int) -> None:
    render_png(tables[0], DEFAULT_STYLE, 9.0, 5.5, dpi=50)  # warm up matplotlib and fonts
    for table in tables:

        def draw(t: SeriesTable = table) -> bytes:
            return render_png(t, DEFAULT_STYLE, 9.0, 5.5, dpi=200)

        times = _time(draw, 3)
        print(
            f"image  {table.kind:<15} 9 x 5.5 in at 200 dpi: median "
            f"{statistics.median(times):6.0f} ms"
        )
    jobs = [RenderJob(t, DEFAULT_STYLE, 9.0, 5.5, dpi=200) for t in tables] * 1
    # Vary the size so that each job is a distinct picture.
    jobs = [
        RenderJob(j.table, j.style, 9.0 + k / 100, 5.5, dpi=200) for k in range(4) for j in jobs
    ]
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        for label, count in (("1 process", 1), (f"{workers} processes", workers)):
            for old in cache.glob("*.png"):
                old.unlink()
            stats = RenderStats()
            start = time.perf_counter()
            render_many(jobs, cache, workers=count, stats=stats)
            took = (time.perf_counter() - start) * 1000
            print(
                f"render_many {len(jobs)} pictures, {label}: {took:6.0f} ms "
                f"({stats.rendered} drawn)"
            )
        stats = RenderStats()
        start = time.perf_counter()
        render_many(jobs, cache, workers=workers, stats=stats)
        took = (time.perf_counter() - start) * 1000
        print(f"render_many again (all cached): {took:6.1f} ms ({stats.cached} from cache)")
        edited = list(jobs)
        spec = ChartSpec(
            id="edit",
            dataset="sipri-gdp-share",
            kind="bar",
            years=[2025],
            countries=["allies"],
            sort="asc",
        )
        edited[0] = RenderJob(
            build_table(spec, _datasets()["sipri-gdp-share"]), DEFAULT_STYLE, 9.0, 5.5, dpi=200
        )
        stats = RenderStats()
        start = time.perf_counter()
        render_many(edited, cache, workers=workers, stats=stats)
        took = (time.perf_counter() - start) * 1000
        print(
            f"render_many after one edit: {took:6.0f} ms ({stats.rendered} drawn, "
            f"{stats.cached} from cache)"
        )


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.9 * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--charts", type=int, default=40, help="native charts per kind")
    parser.add_argument("--workers", type=int, default=4, help="processes for render_many")
    parser.add_argument("--no-images", action="store_true", help="skip the matplotlib part")
    args = parser.parse_args()
    tables = _tables()
    bench_native(tables, max(2, args.charts))
    if not args.no_images:
        bench_images(tables, args.workers)


if __name__ == "__main__":
    main()
