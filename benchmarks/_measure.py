"""What the deck benchmarks share: timing whole processes side by side, and the anchor's spec.

Every figure is a whole process (interpreter start, imports, work, exit), timed from spawn to
exit, with its peak resident memory from the kernel (``wait4``). Variants are run in turns
(anchor, ours, anchor, ours...) so a busy moment on the machine hits both alike; the median
of the runs is reported.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ANCHOR = HERE / "pptx_anchor.py"
BIN = Path(sys.executable).parent


@dataclass
class Samples:
    label: str
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> float:
        return max(self.peak_mb)


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Seconds from spawn to exit and peak memory (MB) of one process; raises if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    errors = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{errors[-3000:]}")
    peak_kb = usage.ru_maxrss  # kilobytes on Linux
    return seconds, peak_kb / 1024


def side_by_side(
    variants: dict[str, list[str]], runs: int, env: dict[str, str] | None = None, warm: int = 1
) -> dict[str, Samples]:
    """Run each variant ``runs`` times in turns (after ``warm`` unmeasured turns)."""
    out = {label: Samples(label) for label in variants}
    for turn in range(warm + runs):
        for label, cmd in variants.items():
            seconds, peak = run(cmd, env)
            if turn >= warm:
                out[label].seconds.append(seconds)
                out[label].peak_mb.append(peak)
    return out


def briefing_env(home: Path) -> dict[str, str]:
    """A private user folder, so no user setting or library changes what is built."""
    env = dict(os.environ, BRIEFING_HOME=str(home))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's Python keeps its compiled modules
    env.pop("BRIEFING_LIBRARY_PATH", None)
    env.pop("BRIEFING_TEMPLATE_PATH", None)
    return env


def briefing_cmd(*args: str) -> list[str]:
    """The ``briefing`` command as installed next to this interpreter (as a user runs it)."""
    script = BIN / "briefing"
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "briefing", *args]


def anchor_cmd(spec: Path, out: Path) -> list[str]:
    return [sys.executable, str(ANCHOR), str(spec), str(out)]


def _paragraphs(text_frame: Any) -> list[list[Any]]:
    out = []
    for paragraph in text_frame.paragraphs:
        runs = paragraph.runs
        size = next((r.font.size.pt for r in runs if r.font.size is not None), None)
        bold = any(r.font.bold for r in runs)
        out.append([paragraph.text, size, bold])
    return out


def anchor_spec(deck: Path, template: Path, spec: Path, media: Path) -> int:
    """Describe ``deck`` for the anchor (layouts, texts, charts, pictures, notes); pictures are
    saved under ``media``. Returns the number of slides."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    prs = Presentation(str(deck))
    layouts = {
        id(layout.part): [m, n]
        for m, master in enumerate(prs.slide_masters)
        for n, layout in enumerate(master.slide_layouts)
    }
    media.mkdir(parents=True, exist_ok=True)
    slides = []
    for number, slide in enumerate(prs.slides):
        shapes: list[dict[str, Any]] = []
        for shape in slide.shapes:
            box = [int(shape.left or 0), int(shape.top or 0)]
            box += [int(shape.width or 0), int(shape.height or 0)]
            if shape.has_chart:
                chart = shape.chart
                plot = chart.plots[0]
                shapes.append(
                    {
                        "kind": "chart",
                        "box": box,
                        "type": chart.chart_type.name,
                        "categories": [str(c) for c in plot.categories],
                        "series": [[s.name, list(s.values)] for s in plot.series],
                    }
                )
            elif shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                image = shape.image
                path = media / f"slide{number}-{shape.shape_id}.{image.ext}"
                path.write_bytes(image.blob)
                shapes.append({"kind": "picture", "box": box, "file": str(path)})
            elif shape.has_text_frame and shape.text_frame.text.strip():
                kind = "placeholder" if shape.is_placeholder else "text"
                item: dict[str, Any] = {
                    "kind": kind,
                    "box": box,
                    "paragraphs": _paragraphs(shape.text_frame),
                }
                if shape.is_placeholder:
                    item["idx"] = shape.placeholder_format.idx
                shapes.append(item)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        layout = layouts[id(slide.slide_layout.part)]
        slides.append({"layout": layout, "shapes": shapes, "notes": notes})
    spec.write_text(json.dumps({"template": str(template), "slides": slides}), encoding="utf-8")
    return len(slides)


def write_anchor_spec(deck: Path, template: str, spec: Path, media: Path) -> int:
    """:func:`anchor_spec` in a child process, so this one never imports python-pptx.

    The kernel counts a child's memory from before it starts its own program (it is forked
    from this one), so a lean parent keeps the children's peak figures honest."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
        "from _measure import anchor_spec; "
        "from briefing.deck.registry import resolve_template; "
        "print(anchor_spec(Path(sys.argv[2]), resolve_template(sys.argv[3]).path, "
        "Path(sys.argv[4]), Path(sys.argv[5])))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(HERE), str(deck), template, str(spec), str(media)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip())


def ratio_line(label: str, ours: Samples, anchor: Samples, goal: float | None = None) -> str:
    ratio = ours.median / anchor.median
    verdict = ""
    if goal is not None:
        verdict = f"  goal <= {goal:.1f}x: {'met' if ratio <= goal else 'NOT MET'}"
    return f"{label:<34} {ratio:5.2f}x{verdict}"


def row(samples: Samples) -> str:
    return (
        f"{samples.label:<34} median {samples.median:6.3f} s   min {min(samples.seconds):6.3f} s"
        f"   peak {samples.peak:6.0f} MB"
    )
