"""The anchor the deck benchmarks measure briefing against: a plain python-pptx script.

Run: ``python benchmarks/pptx_anchor.py SPEC.json OUT.pptx``. SPEC (written by
``benchmarks/_measure.py`` from a deck briefing built) lists every slide's layout, its texts
with their sizes, its charts with their data, its pictures and its notes. This script writes the
same slides the way a python-pptx user would, with nothing of briefing's own: no measuring, no
planning, no caches. It is what "as fast as python-pptx" means in the benchmarks.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu, Pt


def fill(text_frame: Any, paragraphs: list[list[Any]]) -> None:
    text_frame.word_wrap = True
    for number, (text, size, bold) in enumerate(paragraphs):
        paragraph = text_frame.paragraphs[0] if number == 0 else text_frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        if size:
            run.font.size = Pt(size)
        if bold:
            run.font.bold = True


def main(spec_path: str, out: str) -> None:
    with open(spec_path, encoding="utf-8") as handle:
        spec = json.load(handle)
    prs = Presentation(spec["template"])
    for item in spec["slides"]:
        master, layout = item["layout"]
        slide = prs.slides.add_slide(prs.slide_masters[master].slide_layouts[layout])
        placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        for shape in item["shapes"]:
            kind = shape["kind"]
            box = [Emu(v) for v in shape["box"]]
            if kind == "placeholder" and shape["idx"] in placeholders:
                fill(placeholders[shape["idx"]].text_frame, shape["paragraphs"])
            elif kind in ("placeholder", "text"):
                fill(slide.shapes.add_textbox(*box).text_frame, shape["paragraphs"])
            elif kind == "chart":
                data = CategoryChartData()
                data.categories = shape["categories"]
                for name, values in shape["series"]:
                    data.add_series(name, values)
                chart_type = XL_CHART_TYPE[shape["type"]]
                slide.shapes.add_chart(chart_type, *box, data)
            elif kind == "picture":
                slide.shapes.add_picture(shape["file"], *box)
        if item["notes"]:
            slide.notes_slide.notes_text_frame.text = item["notes"]
    prs.save(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
