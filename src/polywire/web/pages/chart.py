"""The delivery chart of a story as inline SVG: deliveries made, cumulated, over the seconds
since each rendition's release, one step line per language.

The time axis adapts to the story: its unit (ms, s, min, h, days) and its ticks (1, 2 or 5 times
a power of ten of that unit) are chosen from the last delivery, so a story delivered in one
second and one delivered over a day both read at a glance.

Hand-written because it is one small chart: a plotting library would bring a browser bundle or
a raster image, and the page must work without either.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from polywire.domain import Delivery

WIDTH, HEIGHT = 640, 240
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 24, 16, 64
#: The axis units, each used while the span is under its limit (seconds).
_UNITS = [
    ("ms", 0.001, 2.0),
    ("s", 1.0, 180.0),
    ("min", 60.0, 3 * 3600.0),
    ("h", 3600.0, 72 * 3600.0),
]
_DAY = ("d", 86400.0)
#: Colour-blind-safe (Okabe–Ito), each with a contrast of 3:1 or more on white.
_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]


def delivery_series(
    deliveries: list[tuple[Delivery, str]], released: dict[tuple[int, str], float]
) -> dict[str, list[float]]:
    """Per language, the sorted seconds from release to each delivery that arrived."""
    series: dict[str, list[float]] = {}
    for delivery, _channel in deliveries:
        if delivery.status != "delivered" or delivery.delivered is None:
            continue
        start = released[(delivery.version, delivery.language)]
        seconds = max(0.0, delivery.delivered.timestamp() - start)
        series.setdefault(delivery.language, []).append(seconds)
    return {language: sorted(times) for language, times in sorted(series.items())}


def chart(series: dict[str, list[float]]) -> Markup:
    total = sum(len(times) for times in series.values())
    label = f"Deliveries over time since release: {total} delivered"
    if not total:
        return Markup('<p class="muted">No delivery has arrived yet.</p>')
    unit, size, step, span = time_axis(max(max(times) for times in series.values()))
    tallest = max(len(times) for times in series.values())
    plot_w, plot_h = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM

    def x(seconds: float) -> float:
        return _LEFT + plot_w * seconds / span

    def y(count: int) -> float:
        return _TOP + plot_h * (1 - count / tallest)

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
        f'<line x1="{_LEFT}" y1="{_TOP + plot_h}" x2="{WIDTH - _RIGHT}" y2="{_TOP + plot_h}" '
        'stroke="#555"/>',
        f'<line x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{_TOP + plot_h}" stroke="#555"/>',
        f'<text x="{_LEFT - 6}" y="{_TOP + 4}" text-anchor="end">{tallest}</text>',
        f'<text x="{_LEFT - 6}" y="{_TOP + plot_h}" text-anchor="end">0</text>',
        f'<text x="{WIDTH - _RIGHT}" y="{HEIGHT - 24}" text-anchor="end">'
        f"time after release ({unit})</text>",
    ]
    ticks = round(span / step)
    for number in range(ticks + 1):
        at = x(number * step)
        parts.append(
            f'<line x1="{at:.1f}" y1="{_TOP + plot_h}" x2="{at:.1f}" y2="{_TOP + plot_h + 5}" '
            'stroke="#555"/>'
            f'<text x="{at:.1f}" y="{_TOP + plot_h + 18}" text-anchor="middle">'
            f"{_number(number * step / size)}</text>"
        )
    for index, (language, times) in enumerate(series.items()):
        colour = _COLOURS[index % len(_COLOURS)]
        points = [f"{x(0):.1f},{y(0):.1f}"]
        for count, seconds in enumerate(times, start=1):
            points.append(f"{x(seconds):.1f},{y(count - 1):.1f}")
            points.append(f"{x(seconds):.1f},{y(count):.1f}")
        points.append(f"{x(span):.1f},{y(len(times)):.1f}")
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" '
            f'points="{" ".join(points)}"><title>{escape(language)}: {len(times)}</title>'
            "</polyline>"
        )
        parts.append(
            f'<text x="{_LEFT + 8 + 96 * index}" y="{HEIGHT - 4}" fill="{colour}">'
            f"■ {escape(language)} ({len(times)})</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def time_axis(longest: float) -> tuple[str, float, float, float]:
    """For a last delivery `longest` seconds after release: the axis unit's name, its size in
    seconds, the tick step and the axis span in seconds (a whole number of steps, at most
    eight, covering `longest`)."""
    unit, size = next(((n, s) for n, s, under in _UNITS if longest < under), _DAY)
    extent = max(longest / size, 1.0)
    power = 10 ** math.floor(math.log10(extent / 4))
    step = next(m * power for m in (1, 2, 5, 10) if extent / (m * power) <= 8)
    return unit, size, step * size, math.ceil(extent / step) * step * size


def _number(value: float) -> str:
    return f"{round(value, 6):g}"


def duration(seconds: float) -> str:
    """A time after release as the report writes it, in the unit that reads best."""
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 120:
        return f"{seconds:.1f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.1f} min"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"
