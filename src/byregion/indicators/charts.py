"""Geometry for the SVG charts: computed here, so the templates only draw.

Each chart is an image with a text alternative pointing to the table beside it, which has
the same figures (the approach of the registration statistics). Colours come from CSS
classes; two series differ in shape (solid against dashed line, filled against outlined
bar) as well as colour, so they read in black and white and for colour-blind readers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils import formats

WIDTH, HEIGHT = 560, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float | int | None]
    style: str  # "a" or "b": a CSS modifier


def number(value, decimals: int = 0) -> str:
    if value is None:
        return "\u2013"
    # Rounded first: Django's number_format cuts the decimals off (34.76 would read 34.7).
    return formats.number_format(
        round(value, decimals), decimals, use_l10n=True, force_grouping=True
    )


def _ticks(low: float, high: float, count: int = 4) -> list[float]:
    span = high - low or abs(high) or 1
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = [round(start, 6)]
    while ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 6))
    return ticks


def _scale(ticks: list[float]):
    low, high = ticks[0], ticks[-1]
    inner = HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return round(TOP + inner * (1 - (value - low) / ((high - low) or 1)), 1)

    return y


def line_chart(categories: list, series: list[Series], decimals: int = 0) -> dict:
    """Lines over categories (years); gaps where a value is missing."""
    present = [v for s in series for v in s.values if v is not None]
    if not present:
        return {}
    ticks = _ticks(min(present), max(present))
    y = _scale(ticks)
    inner = WIDTH - LEFT - RIGHT
    step = inner / max(len(categories) - 1, 1)
    xs = [round(LEFT + i * step, 1) for i in range(len(categories))]
    lines = []
    for s in series:
        segments, current, dots = [], [], []
        for x, value in zip(xs, s.values, strict=True):
            if value is None:
                if current:
                    segments.append(current)
                current = []
                continue
            current.append(f"{x},{y(value)}")
            dots.append({"x": x, "y": y(value)})
        if current:
            segments.append(current)
        lines.append(
            {
                "style": s.style,
                "label": s.label,
                "paths": [" ".join(p) for p in segments],
                "dots": dots,
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "y_ticks": [{"y": y(t), "label": number(t, decimals if t % 1 else 0)} for t in ticks],
        "x_ticks": [
            {"x": x, "label": str(c)}
            for i, (x, c) in enumerate(zip(xs, categories, strict=True))
            if len(categories) <= 8 or i % 2 == 0 or i == len(categories) - 1
        ],
        "lines": lines,
        "legend": [{"style": s.style, "label": s.label} for s in series],
    }


def bar_chart(categories: list, series: list[Series]) -> dict:
    """Grouped vertical bars from zero, one group per category (year)."""
    present = [v for s in series for v in s.values if v is not None]
    if not present:
        return {}
    ticks = _ticks(0, max(present))
    y = _scale(ticks)
    inner = WIDTH - LEFT - RIGHT
    group = inner / len(categories)
    bar = min(28.0, (group * 0.8) / len(series))
    bars, x_ticks = [], []
    for i, category in enumerate(categories):
        start = LEFT + i * group + (group - bar * len(series)) / 2
        x_ticks.append({"x": round(LEFT + i * group + group / 2, 1), "label": str(category)})
        for j, s in enumerate(series):
            value = s.values[i]
            if value is None:
                continue
            top = y(value)
            bars.append(
                {
                    "x": round(start + j * bar, 1),
                    "y": top,
                    "width": round(bar - 2, 1),
                    "height": round(y(0) - top, 1),
                    "style": s.style,
                }
            )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "y_ticks": [{"y": y(t), "label": number(t)} for t in ticks],
        "x_ticks": x_ticks,
        "bars": bars,
        "legend": [{"style": s.style, "label": s.label} for s in series],
    }


def change_chart(rows: list[tuple[str, float | None]]) -> dict:
    """Horizontal bars of a signed change (per cent) from a zero line."""
    values = [v for _label, v in rows if v is not None]
    if not values:
        return {}
    reach = max(abs(v) for v in values) or 1
    # Room on both sides of the bars for their values ("-12,5 %").
    label_width, row_height, room = 190, 26, 64
    half = (WIDTH - label_width - 2 * room) / 2
    zero = label_width + room + half
    bars = []
    for i, (label, value) in enumerate(rows):
        y = i * row_height
        length = 0 if value is None else round(half * abs(value) / reach, 1)
        bars.append(
            {
                "label": label,
                "y": y,
                "text_y": y + 17,
                "x": zero - length if (value or 0) < 0 else zero,
                "width": length,
                "negative": (value or 0) < 0,
                "value": number(value, 1) + " %" if value is not None else "\u2013",
                "value_x": zero - length - 4 if (value or 0) < 0 else zero + length + 4,
            }
        )
    return {"width": WIDTH, "height": len(rows) * row_height + 4, "zero": zero, "bars": bars}
