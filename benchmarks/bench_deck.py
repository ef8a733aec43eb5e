"""How fast the default deck is written, against a plain python-pptx script writing the same.

Run: ``.venv/bin/python benchmarks/bench_deck.py [--runs N]``.
Goals: ``briefing demo`` and ``briefing build`` of the default project within 1.2 times the
anchor; ``briefing --help`` within 2 times a bare ``python -c pass``.

The anchor (``benchmarks/pptx_anchor.py``) opens the same template and writes the same slides:
the texts at their sizes, the speaker notes, the three native charts with their data, footers
and banners as text boxes. It is described from the deck briefing writes (before timing), so
both write the same content. Whole processes, in turns, median of N, peak memory from the
kernel. Caches (fonts, template maps) are warm after the unmeasured first turn, as on any run
after the first.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _measure import (
    anchor_cmd,
    briefing_cmd,
    briefing_env,
    ratio_line,
    row,
    run,
    side_by_side,
    write_anchor_spec,
)

DECK_GOAL = 1.2
HELP_GOAL = 2.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per variant (default 7)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        work = Path(tmp)
        env = briefing_env(work / "home")
        project = work / "default.briefing"
        run(briefing_cmd("new", "-o", str(project)), env)
        first = work / "first.pptx"
        run(briefing_cmd("demo", "-o", str(first)), env)
        spec = work / "anchor.json"
        slides = write_anchor_spec(first, "navy", spec, work / "media")

        print(
            f"The default deck ({slides} slides, notes, 3 native charts); {args.runs} runs each "
            f"in turns, whole process; {Path(sys.executable).name} {sys.version.split()[0]}"
        )
        decks = side_by_side(
            {
                "python-pptx script (anchor)": anchor_cmd(spec, work / "anchor.pptx"),
                "briefing demo": briefing_cmd("demo", "-o", str(work / "demo.pptx")),
                "briefing build default.briefing": briefing_cmd(
                    "build", str(project), "-o", str(work / "build.pptx")
                ),
            },
            args.runs,
            env,
        )
        for samples in decks.values():
            print("  " + row(samples))
        anchor = decks["python-pptx script (anchor)"]
        results = [
            (decks["briefing demo"], anchor, DECK_GOAL),
            (decks["briefing build default.briefing"], anchor, DECK_GOAL),
        ]

        print(f"\nStart-up: {args.runs * 3} runs each in turns")
        starts = side_by_side(
            {
                "python -c pass (anchor)": [sys.executable, "-c", "pass"],
                "briefing --help": briefing_cmd("--help"),
            },
            args.runs * 3,
            env,
        )
        for samples in starts.values():
            print("  " + row(samples))
        results.append((starts["briefing --help"], starts["python -c pass (anchor)"], HELP_GOAL))

        print("\nRatios (median against median)")
        met = True
        for ours, base, goal in results:
            label = f"{ours.label} / {base.label.split(' (')[0]}"
            print("  " + ratio_line(label, ours, base, goal))
            met = met and ours.median / base.median <= goal
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
