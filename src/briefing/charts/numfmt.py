"""Number formats that read the same in a native chart (Excel codes) and in an image (Python).

Only the shapes charts need are understood: an optional literal prefix, ``0`` or ``#,##0``,
decimals, thousands scaling by trailing commas (``#,##0,``), ``%`` (which multiplies by 100, as in
Excel) and a literal suffix (``"%"``, ``" bn"``). Anything else is passed through to Excel as
written, and images fall back to a plain number.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

MISSING = "\u2013"  # an en dash marks a missing figure in labels and tables

_EXCEL_RE = re.compile(
    r"""^(?P<prefix>(?:"[^"]*"|\\.|[$£€¥ ])*)
        (?P<grouping>\#,\#\#0|\#\#0|\#0|0)
        (?:\.(?P<decimals>0+))?
        (?P<scale>,*)
        (?P<percent>%?)
        (?P<suffix>(?:"[^"]*"|\\.|[ ])*)$""",
    re.VERBOSE,
)
_PY_SPEC_RE = re.compile(r"^(?P<comma>,?)(?:\.(?P<decimals>\d{1,2}))?(?P<type>[f%]?)$")


@dataclass(frozen=True)
class NumberFormat:
    """A number format both renderers can write."""

    prefix: str = ""
    suffix: str = ""
    decimals: int = 1
    thousands: bool = False
    percent: bool = False
    divisor: float = 1.0

    # ------------------------------------------------------------------ writers

    def excel(self, decimals: int | None = None) -> str:
        d = self.decimals if decimals is None else decimals
        body = "#,##0" if self.thousands else "0"
        if d > 0:
            body += "." + "0" * d
        if self.divisor > 1:
            body += "," * round(math.log10(self.divisor) / 3)
        if self.percent:
            body += "%"
        return _excel_literal(self.prefix) + body + _excel_literal(self.suffix)

    def python(self, decimals: int | None = None) -> str:
        d = self.decimals if decimals is None else decimals
        spec = ("," if self.thousands else "") + f".{d}" + ("%" if self.percent else "f")
        return _py_literal(self.prefix) + "{:" + spec + "}" + _py_literal(self.suffix)

    def format(self, value: float | None, decimals: int | None = None) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return MISSING
        return self.python(decimals).format(value / self.divisor)

    def with_decimals(self, decimals: int) -> NumberFormat:
        return replace(self, decimals=decimals)

    # ------------------------------------------------------------------ readers

    @classmethod
    def from_excel(cls, code: str) -> NumberFormat | None:
        """The format an Excel code describes, or None when it is beyond this subset."""
        first = code.split(";")[0].strip()
        m = _EXCEL_RE.match(first)
        if not m:
            return None
        return cls(
            prefix=_excel_unliteral(m["prefix"]),
            suffix=_excel_unliteral(m["suffix"]),
            decimals=len(m["decimals"] or ""),
            thousands="," in m["grouping"],
            percent=bool(m["percent"]),
            divisor=1000.0 ** len(m["scale"]),
        )

    @classmethod
    def from_python(cls, fmt: str) -> NumberFormat | None:
        """The format a Python format string such as ``"{:,.1f}%"`` describes, or None."""
        m = re.fullmatch(r"(?P<pre>[^{}]*)\{0?:(?P<spec>[^{}]*)\}(?P<post>[^{}]*)", fmt)
        if not m:
            return None
        s = _PY_SPEC_RE.match(m["spec"])
        if not s:
            return None
        decimals = int(s["decimals"]) if s["decimals"] is not None else (6 if s["type"] else 0)
        return cls(
            prefix=m["pre"],
            suffix=m["post"],
            decimals=decimals,
            thousands=bool(s["comma"]),
            percent=s["type"] == "%",
        )

    @classmethod
    def for_unit(cls, unit: str) -> NumberFormat:
        """A sensible default for a dataset's unit."""
        u = unit.strip().lower()
        if u.startswith("%") or "percent" in u or "share" in u:
            return cls(suffix="%", decimals=1)
        if "us$" in u or "usd" in u or "$" in u:
            return cls(decimals=0, thousands=True)
        return cls(decimals=1, thousands=True)


@dataclass(frozen=True)
class ResolvedFormats:
    """The formats a table carries: the Excel code, the Python format and their parsed form."""

    excel: str
    python: str
    parsed: NumberFormat

    def format(self, value: float | None) -> str:
        if value is None or math.isnan(value):
            return MISSING
        try:
            text = self.python.format(value / self.parsed.divisor)
        except (ValueError, TypeError):
            text = f"{value:g}"
        return text


def resolve_formats(number_format: str, python_format: str, unit: str) -> ResolvedFormats:
    """Fill in whichever of the two formats is missing, from the other or from the unit."""
    from_excel = NumberFormat.from_excel(number_format) if number_format else None
    from_py = NumberFormat.from_python(python_format) if python_format else None
    parsed = from_excel or from_py or NumberFormat.for_unit(unit)
    excel = number_format or parsed.excel()
    python = python_format or parsed.python()
    return ResolvedFormats(excel=excel, python=python, parsed=parsed)


def decimals_for_step(step: float) -> int:
    """How many decimals axis ticks spaced by ``step`` need (0.5 -> 1, 2 -> 0)."""
    if step <= 0 or not math.isfinite(step):
        return 0
    decimals = 0
    while decimals < 6 and abs(round(step, decimals) - step) > step * 1e-9:
        decimals += 1
    return decimals


def nice_scale(
    low: float,
    high: float,
    *,
    include_zero: bool = True,
    max_ticks: int = 9,
    exact: Sequence[float] = (),
) -> tuple[float, float, float]:
    """Axis bounds and a round tick step that hold ``low..high`` with a little headroom.

    ``exact`` values (reference lines) must fit on the axis but need no headroom. Of the round
    steps (1, 2, 5 and, from 25 up, 2.5 times a power of ten) giving 5 to ``max_ticks`` ticks,
    the one that wastes least space wins; a tie goes to the larger step.
    """
    if include_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    if not (math.isfinite(low) and math.isfinite(high)):
        return 0.0, 1.0, 0.2
    if high == low:
        high = low + (abs(low) or 1.0)
    span = high - low
    # Headroom so that bars and their labels do not touch the frame.
    padded_high = high + span * 0.05 if high > 0 else high
    padded_low = low - span * 0.05 if low < 0 else low
    if exact:
        padded_high = max(padded_high, *exact)
        padded_low = min(padded_low, *exact)
    intervals = max(2, max_ticks - 1)
    base = math.floor(math.log10((padded_high - padded_low) / intervals))
    best: tuple[float, float, float] | None = None
    for power in (base - 1, base, base + 1):
        for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
            step = factor * 10.0**power
            if factor == 2.5 and step < 25:
                continue
            lo = math.floor(padded_low / step + 1e-9) * step if padded_low < 0 else 0.0
            if not include_zero and padded_low >= 0:
                lo = math.floor(padded_low / step + 1e-9) * step
            hi = math.ceil(padded_high / step - 1e-9) * step
            count = (hi - lo) / step
            if count > intervals + 1e-9 or count < min(4, intervals) - 1e-9:
                continue
            # Rank by wasted span, then by the larger step.
            rank = (round((hi - lo) / (padded_high - padded_low), 9), -step)
            if best is None or rank < (
                round((best[1] - best[0]) / (padded_high - padded_low), 9),
                -best[2],
            ):
                best = (lo, hi, step)
    if best is None:  # pragma: no cover - the largest candidate always fits
        step = 10.0 ** (base + 2)
        best = (math.floor(padded_low / step) * step, math.ceil(padded_high / step) * step, step)
    return _tidy(best[0]), _tidy(best[1]), _tidy(best[2])


def _tidy(x: float) -> float:
    return float(f"{x:.10g}")


def _excel_literal(text: str) -> str:
    if not text:
        return ""
    return '"' + text.replace('"', "") + '"'


def _excel_unliteral(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            end = text.index('"', i + 1)
            out.append(text[i + 1 : end])
            i = end + 1
        elif ch == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _py_literal(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")
