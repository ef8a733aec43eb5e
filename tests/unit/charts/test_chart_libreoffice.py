"""A deck of native and picture charts opens in LibreOffice and converts to PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from briefing.charts.alt_text import alt_text
from briefing.charts.image import render_png
from briefing.charts.style import DEFAULT_STYLE
from briefing.charts.table import build_table
from briefing.data.dataset import Dataset
from briefing.deck.native_chart import add_native_chart, add_picture_chart
from briefing.model.chart import ChartSpec, ReferenceLine

SOFFICE = shutil.which("soffice")
LINES = [ReferenceLine(2.0, "2% guideline"), ReferenceLine(3.5, "3.5% core")]


def _deck(path: Path, shares: Dataset, money: Dataset) -> None:
    specs = [
        (
            ChartSpec(
                id="a",
                dataset="x",
                kind="bar",
                years=[2024],
                sort="desc",
                reference_lines=LINES,
                data_labels=True,
                highlight=["Poland"],
            ),
            shares,
        ),
        (
            ChartSpec(
                id="b",
                dataset="x",
                countries=["baltics"],
                years=[2020, 2024],
                reference_lines=LINES[:1],
                data_labels=True,
            ),
            shares,
        ),
        (
            ChartSpec(
                id="c", dataset="x", kind="line", reference_lines=LINES[:1], data_labels=True
            ),
            shares,
        ),
        (
            ChartSpec(
                id="d",
                dataset="x",
                kind="stacked_bar",
                countries=["baltics"],
                years=[2022, 2023],
                data_labels=True,
            ),
            money,
        ),
        (
            ChartSpec(
                id="e", dataset="x", kind="scatter", years=[2020, 2024], reference_lines=LINES[:1]
            ),
            shares,
        ),
    ]
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    box = (Inches(0.5), Inches(0.5), Inches(12.3), Inches(6.5))
    for spec, dataset in specs:
        table = build_table(spec, dataset)
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        add_native_chart(slide, box, table, DEFAULT_STYLE)
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        png = render_png(table, DEFAULT_STYLE, 12.3, 6.5, dpi=60)
        add_picture_chart(slide, box, png, alt_text(table))
    prs.save(str(path))


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def it_converts_native_and_picture_charts_to_pdf(
    tmp_path: Path, shares: Dataset, money: Dataset
) -> None:
    assert SOFFICE is not None
    deck = tmp_path / "charts.pptx"
    _deck(deck, shares, money)
    profile = tmp_path / "profile"
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(deck),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    pdf = tmp_path / "charts.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 10_000, done.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Poland" in text
        assert "2% guideline" in text  # a reference line's label drawn by LibreOffice
        assert text.count("\f") >= 9  # ten pages
