"""The delivery chart of a story as inline SVG: deliveries made, cumulated, over the seconds
since each rendition's release, one step line per language.

Hand-written because it is one small chart: a plotting library would bring a browser bundle or
a raster image, and the page must work without either.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from polywire.domain import Delivery

WIDTH, HEIGHT = 640, 240
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 16, 16, 36
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
    longest = max(max(times) for times in series.values()) or 1.0
    tallest = max(len(times) for times in series.values())
    plot_w, plot_h = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM

    def x(seconds: float) -> float:
        return _LEFT + plot_w * seconds / longest

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
        f'<text x="{WIDTH - _RIGHT}" y="{HEIGHT - 16}" text-anchor="end">'
        f"{_duration(longest)} after release</text>",
    ]
    for index, (language, times) in enumerate(series.items()):
        colour = _COLOURS[index % len(_COLOURS)]
        points = [f"{x(0):.1f},{y(0):.1f}"]
        for count, seconds in enumerate(times, start=1):
            points.append(f"{x(seconds):.1f},{y(count - 1):.1f}")
            points.append(f"{x(seconds):.1f},{y(count):.1f}")
        points.append(f"{x(longest):.1f},{y(len(times)):.1f}")
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" '
            f'points="{" ".join(points)}"><title>{escape(language)}: {len(times)}</title>'
            "</polyline>"
        )
        parts.append(
            f'<text x="{_LEFT + 8 + 70 * index}" y="{HEIGHT - 4}" fill="{colour}">'
            f"■ {escape(language)} ({len(times)})</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _duration(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 120:
        return f"{seconds:.1f} s"
    return f"{seconds / 60:.1f} min"
