"""Chart pictures: valid PNGs of the asked size, quiet about fonts, cached on disk."""

from __future__ import annotations

import logging
import os
import struct
from pathlib import Path
from typing import Any

import pytest

from briefing.charts import image
from briefing.charts.image import RenderJob, RenderStats, render_many, render_png, resolve_font
from briefing.charts.style import DEFAULT_STYLE, ChartStyle
from briefing.charts.table import SeriesTable, build_table
from briefing.data.dataset import Dataset
from briefing.errors import ChartError
from briefing.model.chart import ChartSpec, ReferenceLine

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LINES = [ReferenceLine(2.0, "2% guideline"), ReferenceLine(3.5, "3.5% core")]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _tables(shares: Dataset, money: Dataset) -> dict[str, SeriesTable]:
    specs = {
        "ranked-bar": (
            ChartSpec(
                id="a",
                dataset="x",
                kind="bar",
                years=[2024],
                sort="desc",
                highlight=["Poland"],
                reference_lines=LINES,
                data_labels=True,
            ),
            shares,
        ),
        "columns": (
            ChartSpec(
                id="b",
                dataset="x",
                kind="column",
                countries=["baltics"],
                years=[2020, 2024],
                data_labels=True,
                reference_lines=LINES[:1],
            ),
            shares,
        ),
        "line": (
            ChartSpec(
                id="c",
                dataset="x",
                kind="line",
                reference_lines=LINES,
                highlight=["Poland", "Spain"],
                data_labels=True,
                legend="right",
            ),
            shares,
        ),
        "stacked-column": (
            ChartSpec(
                id="d",
                dataset="x",
                kind="stacked_column",
                countries=["baltics"],
                data_labels=True,
                legend="top",
            ),
            money,
        ),
        "stacked-bar": (
            ChartSpec(
                id="e",
                dataset="x",
                kind="stacked_bar",
                countries=["baltics"],
                years=[2022, 2023],
                sort="desc",
                data_labels=True,
            ),
            money,
        ),
        "scatter": (
            ChartSpec(
                id="f",
                dataset="x",
                kind="scatter",
                years=[2020, 2024],
                highlight=["Poland"],
                reference_lines=LINES[:1],
            ),
            shares,
        ),
    }
    return {name: build_table(spec, ds) for name, (spec, ds) in specs.items()}


class DescribeRenderPng:
    @pytest.mark.parametrize(
        "name", ["ranked-bar", "columns", "line", "stacked-column", "stacked-bar", "scatter"]
    )
    def it_draws_each_kind_at_the_asked_pixel_size(
        self, name: str, shares: Dataset, money: Dataset
    ) -> None:
        table = _tables(shares, money)[name]
        data = render_png(table, DEFAULT_STYLE, 8.0, 4.5, dpi=100)
        assert png_size(data) == (800, 450)

    def it_keeps_odd_sizes_exact(self, shares: Dataset, money: Dataset) -> None:
        table = _tables(shares, money)["columns"]
        assert png_size(render_png(table, DEFAULT_STYLE, 3.33, 2.1, dpi=150)) == (500, 315)
        assert png_size(render_png(table, DEFAULT_STYLE, 12.0, 5.5, dpi=200)) == (2400, 1100)

    def it_can_draw_the_title(self, shares: Dataset, money: Dataset) -> None:
        table = _tables(shares, money)["line"]
        plain = render_png(table, DEFAULT_STYLE, 6.0, 4.0, dpi=80)
        titled = render_png(table, DEFAULT_STYLE, 6.0, 4.0, dpi=80, draw_title=True)
        assert png_size(titled) == png_size(plain)
        assert titled != plain

    def it_can_leave_the_source_line_to_the_slide(self, shares: Dataset, money: Dataset) -> None:
        table = _tables(shares, money)["columns"]
        with_source = render_png(table, DEFAULT_STYLE, 6.0, 4.0, dpi=60)
        without = render_png(table, DEFAULT_STYLE, 6.0, 4.0, dpi=60, draw_source=False)
        assert png_size(without) == png_size(with_source)
        assert without != with_source

    def it_falls_back_quietly_from_a_missing_font(
        self, shares: Dataset, money: Dataset, caplog: pytest.LogCaptureFixture
    ) -> None:
        style = ChartStyle(font_family="No Such Font Family", fallback_fonts=("Nor This One",))
        assert resolve_font(style.font_family, style.fallback_fonts) not in (
            "No Such Font Family",
            "Nor This One",
        )
        with caplog.at_level(logging.WARNING, logger="matplotlib"):
            render_png(_tables(shares, money)["ranked-bar"], style, 6.0, 4.0, dpi=60)
        assert not [r for r in caplog.records if "findfont" in r.getMessage()]

    def it_uses_the_template_font_when_it_is_installed(self) -> None:
        assert resolve_font("DejaVu Sans") == "DejaVu Sans"

    def it_refuses_absurd_sizes(self, shares: Dataset, money: Dataset) -> None:
        table = _tables(shares, money)["line"]
        with pytest.raises(ChartError):
            render_png(table, DEFAULT_STYLE, 0.1, 4.0)
        with pytest.raises(ChartError):
            render_png(table, DEFAULT_STYLE, 4.0, 4.0, dpi=5000)

    def it_draws_text_with_dollar_signs_literally(self, money: Dataset) -> None:
        spec = ChartSpec(
            id="m",
            dataset="x",
            countries=["baltics"],
            years=[2023],
            number_format='"$"#,##0',
            x_title="US$ m, $ of 2024",
            data_labels=True,
        )
        data = render_png(build_table(spec, money), DEFAULT_STYLE, 5.0, 3.0, dpi=60)
        assert png_size(data) == (300, 180)


class DescribeStyle:
    def it_checks_its_colours(self) -> None:
        with pytest.raises(ValueError, match="not a #RRGGBB colour"):
            ChartStyle(highlight_colour="orange")
        with pytest.raises(ValueError, match="at least one series colour"):
            ChartStyle(series_colours=())

    def it_takes_a_templates_colours(self) -> None:
        style = DEFAULT_STYLE.with_colours(["1f3b73", "#E07B24"])
        assert style.series_colours == ("#1F3B73", "#E07B24")
        # past the palette's end, a darker shade of the colour it comes round to
        from briefing.charts.style import blend

        assert style.series_colour(3) == blend("#E07B24", "#000000", 0.4)
        assert style.series_colour(3) != style.series_colour(1)


class DescribeRenderMany:
    def _jobs(self, shares: Dataset, money: Dataset) -> list[RenderJob]:
        return [
            RenderJob(table, DEFAULT_STYLE, 4.0, 2.5, dpi=60)
            for table in _tables(shares, money).values()
        ]

    def it_renders_once_then_reads_the_cache(
        self, tmp_path: Path, shares: Dataset, money: Dataset
    ) -> None:
        jobs = self._jobs(shares, money)
        first = RenderStats()
        paths = render_many(jobs, tmp_path, workers=1, stats=first)
        assert (first.rendered, first.cached) == (6, 0)
        assert len(set(paths)) == 6
        assert all(png_size(p.read_bytes()) == (240, 150) for p in paths)

        again = RenderStats()
        assert render_many(jobs, tmp_path, workers=1, stats=again) == paths
        assert (again.rendered, again.cached) == (0, 6)

    def it_redraws_only_the_chart_that_changed(
        self,
        tmp_path: Path,
        shares: Dataset,
        money: Dataset,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        drawn: list[str] = []
        real = image._render_job

        def counting(job: RenderJob) -> bytes:
            drawn.append(job.table.title)
            return real(job)

        monkeypatch.setattr(image, "_render_job", counting)
        jobs = self._jobs(shares, money)
        render_many(jobs, tmp_path, workers=1)
        assert len(drawn) == 6
        drawn.clear()

        # One edit: a new highlight on the line chart. Data, spec and style of the rest stand.
        edited = ChartSpec(
            id="c",
            dataset="x",
            kind="line",
            reference_lines=LINES,
            highlight=["Germany"],
            data_labels=True,
            legend="right",
        )
        jobs[2] = RenderJob(build_table(edited, shares), DEFAULT_STYLE, 4.0, 2.5, dpi=60)
        stats = RenderStats()
        render_many(jobs, tmp_path, workers=1, stats=stats)
        assert len(drawn) == 1
        assert (stats.rendered, stats.cached) == (1, 5)

    def it_misses_the_cache_when_style_or_size_change(
        self, tmp_path: Path, shares: Dataset, money: Dataset
    ) -> None:
        table = _tables(shares, money)["columns"]
        base = RenderJob(table, DEFAULT_STYLE, 4.0, 2.5, dpi=60)
        keys = {
            base.cache_key(),
            RenderJob(table, DEFAULT_STYLE.with_colours(["#000000"]), 4.0, 2.5, 60).cache_key(),
            RenderJob(table, DEFAULT_STYLE, 4.5, 2.5, dpi=60).cache_key(),
            RenderJob(table, DEFAULT_STYLE, 4.0, 2.5, dpi=61).cache_key(),
            RenderJob(table, DEFAULT_STYLE, 4.0, 2.5, dpi=60, draw_title=True).cache_key(),
            RenderJob(table, DEFAULT_STYLE, 4.0, 2.5, dpi=60, draw_source=False).cache_key(),
        }
        assert len(keys) == 6
        assert RenderJob(table, DEFAULT_STYLE, 4.0, 2.5, dpi=60).cache_key() == base.cache_key()

    def it_draws_one_picture_for_two_identical_jobs(
        self, tmp_path: Path, shares: Dataset, money: Dataset
    ) -> None:
        job = self._jobs(shares, money)[0]
        stats = RenderStats()
        paths = render_many([job, job], tmp_path, workers=1, stats=stats)
        assert paths[0] == paths[1]
        assert stats.rendered == 1

    def it_draws_in_spawned_worker_processes(
        self,
        tmp_path: Path,
        shares: Dataset,
        money: Dataset,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(os, "cpu_count", lambda: 4)  # use the pool even on one CPU
        spawned: list[int] = []
        import concurrent.futures

        original = concurrent.futures.ProcessPoolExecutor

        class CountingPool(original):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                spawned.append(kwargs["max_workers"])
                assert kwargs["mp_context"].get_start_method() == "spawn"
                super().__init__(*args, **kwargs)

        monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountingPool)
        jobs = self._jobs(shares, money)[:3]
        progress: list[tuple[int, int]] = []
        paths = render_many(
            jobs, tmp_path, workers=2, progress=lambda done, total: progress.append((done, total))
        )
        assert [png_size(p.read_bytes()) for p in paths] == [(240, 150)] * 3
        assert progress[-1] == (3, 3)
        assert spawned == [2]
        assert not list(tmp_path.glob(".tmp-*"))

    def it_reports_progress_in_process(
        self, tmp_path: Path, shares: Dataset, money: Dataset
    ) -> None:
        seen: list[Any] = []
        render_many(
            self._jobs(shares, money)[:2],
            tmp_path,
            workers=1,
            progress=lambda done, total: seen.append((done, total)),
        )
        assert seen == [(1, 2), (2, 2)]
