"""Charts drawn as plain SVG text, for the places where a chart must show at once: the Playground's live loss curve
and its picture of 2-D data. A Plotly chart first needs Plotly's script (about a second of one core on a small
machine to load, during which the page draws nothing), and a first Start would wait for it; an SVG is drawn by the
browser as it arrives (TensorFlow Playground draws its charts so). The same series, points and colours as the Plotly
figures (`training.loss_series`, `samples.point_groups`); hover says an epoch's values, or a class's whole name."""
from __future__ import annotations

import html
import math
from typing import Sequence

from ..errors import page_text
from .style import INK, MUTED, one_scale

GRID = "#eef0f3"
TICKS = 5  # at most about this many labelled values per axis


def nice_ticks(low: float, high: float, count: int = TICKS) -> list[float]:
    """Round values (1, 2 or 5 × a power of ten apart) within [low, high], at most about `count` of them."""
    if not high > low:
        return [low]
    power = 10 ** math.floor(math.log10((high - low) / max(count, 1)))
    step = next(m * power for m in (1, 2, 5, 10) if (high - low) / (m * power) <= count + 0.5)
    first = math.ceil(low / step - 1e-9) * step
    return [round(first + i * step, 12) for i in range(int((high - first) / step + 1e-9) + 1)]


def tick_text(value: float, ticks: Sequence[float]) -> str:
    """A tick's label with as many digits as the ticks' spacing needs (0.25, 0.5 … not 0.25000000001; 0.69312 and
    0.69314 told apart), in powers of ten where fixed decimals would be long."""
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else abs(value) or 1.0
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    if max(abs(t) for t in ticks) < 1e5 and decimals <= 6:
        return f"{value:.{decimals}f}"
    digits = math.floor(math.log10(max(abs(t) for t in ticks) or 1.0)) + decimals + 1
    return f"{value:.{max(1, digits)}g}"


def words(text) -> str:
    """Text as an SVG holds it: never markup (< > & and quotes as entities), control characters as escapes
    (`errors.page_text`), and on one line: the page draws the SVG inside Markdown, where a line break would end the
    HTML and let what follows be read as Markdown."""
    return html.escape(" ".join(page_text(text).split()))


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 12, color: str = MUTED) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{color}" '
            f'text-anchor="{anchor}">{words(text)}</text>')


def _open(title: str, width: int, height: int, points: int) -> str:
    """The SVG's head: scales to its container's width (at most its own), white ground, the title at the top left;
    `data-points` says how many points it drew (a line chart: its first series): what tests and benchmarks wait for."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
            f'aria-label="{words(title)}" data-points="{points}" '
            f'style="display:block;max-width:{width}px;font-family:inherit">'
            f'<rect width="{width}" height="{height}" fill="white"/>' + _text(6, 18, title, size=14, color=INK))


def _finite(xs: Sequence, ys: Sequence) -> list[tuple[float, float]]:
    """The (x, y) pairs that are finite numbers: a diverged run's inf or nan has no place on a chart."""
    return [(x, y) for x, y, _ in _finite_rows(xs, ys, [None] * min(len(xs), len(ys)))]


def _finite_rows(xs: Sequence, ys: Sequence, extra: Sequence) -> list[tuple[float, float, object]]:
    return [(float(x), float(y), e) for x, y, e in zip(xs, ys, extra) if x is not None and y is not None
            and math.isfinite(float(x)) and math.isfinite(float(y))]


class _Frame:
    """Axes over a box of the SVG: data → pixels, the grid and the ticks. `pads`: the share of each range left
    empty at its ends; `equal`: one unit is as long on both axes (points in a plane), the shorter range widened
    about its middle."""

    def __init__(self, xs: Sequence[float], ys: Sequence[float], box: tuple[float, float, float, float],
                 pads: tuple[float, float] = (0.05, 0.05), equal: bool = False):
        (x_low, x_high), (y_low, y_high) = (_padded(min(v), max(v), pad) for v, pad in zip((xs, ys), pads))
        left, right, top, bottom = box
        if equal:
            scale = min((right - left) / (x_high - x_low), (bottom - top) / (y_high - y_low))
            x_low, x_high = _widened(x_low, x_high, (right - left) / scale)
            y_low, y_high = _widened(y_low, y_high, (bottom - top) / scale)
        self.x_range, self.y_range, self.box = (x_low, x_high), (y_low, y_high), box

    def px(self, x: float) -> float:
        (low, high), (left, right, _, _) = self.x_range, self.box
        return left + (x - low) / (high - low) * (right - left)

    def py(self, y: float) -> float:
        (low, high), (_, _, top, bottom) = self.y_range, self.box
        return bottom - (y - low) / (high - low) * (bottom - top)

    def axes(self, x_title: str = "") -> list[str]:
        """Grid lines and labels for about TICKS round values on each axis, and the x axis's title under them."""
        left, right, top, bottom = self.box
        x_ticks, y_ticks = nice_ticks(*self.x_range), nice_ticks(*self.y_range)
        parts = [f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{self.py(v):.1f}" y2="{self.py(v):.1f}" stroke="{GRID}"/>'
                 + _text(left - 5, self.py(v) + 4, tick_text(v, y_ticks), anchor="end") for v in y_ticks]
        parts += [_text(self.px(v), bottom + 15, tick_text(v, x_ticks), anchor="middle") for v in x_ticks]
        if x_title:
            parts.append(_text((left + right) / 2, bottom + 29, x_title, anchor="middle"))
        return parts


def _padded(low: float, high: float, pad: float) -> tuple[float, float]:
    """[low, high] widened by `pad` of its length at each end; a single value, by 5 % of itself (or 1) each way."""
    margin = (high - low) * pad if high > low else abs(low) * 0.05 or 1.0
    return low - margin, high + margin


def _widened(low: float, high: float, span: float) -> tuple[float, float]:
    middle = (low + high) / 2
    return middle - span / 2, middle + span / 2


def _left_margin(ys: Sequence[float]) -> float:
    """Room for the longest y tick label."""
    ticks = nice_ticks(*_padded(min(ys), max(ys), 0.05))
    return 12 + 7 * max(len(tick_text(v, ticks)) for v in ticks)


def line_chart(series: Sequence[dict], title: str, x_title: str, width: int = 460, height: int = 215,
               message: str = "") -> str:
    """An SVG line chart. `series`: dicts with name, color, width, xs, ys and `marked` (a dot per point, its value
    on hover). Points that are not finite are left out; with none left, `message` stands in the middle."""
    drawn = [dict(s, points=_finite(s["xs"], s["ys"])) for s in series]
    head = _open(title, width, height, len(drawn[0]["points"]) if drawn else 0)
    drawn = [s for s in drawn if s["points"]]
    if not drawn:
        return head + _text(width / 2, height / 2, message, anchor="middle", size=13) + "</svg>"
    xs = [x for s in drawn for x, _ in s["points"]]
    ys = [y for s in drawn for _, y in s["points"]]
    frame = _Frame(xs, ys, (_left_margin(ys), width - 16, 40, height - 34), pads=(0.0, 0.05))
    parts = [head, *frame.axes(x_title)]
    legend_x = width - 16
    for s in reversed(drawn):  # the legend on the title's line, right-aligned, as the Plotly charts have it
        legend_x -= 7 * len(s["name"]) + 30
        parts.append(f'<line x1="{legend_x:.1f}" x2="{legend_x + 18:.1f}" y1="14" y2="14" stroke="{s["color"]}" '
                     f'stroke-width="{s["width"]}"/>' + _text(legend_x + 22, 18, s["name"], color=INK))
    for s in drawn:
        line = " ".join(f"{frame.px(x):.1f},{frame.py(y):.1f}" for x, y in s["points"])
        parts.append(f'<polyline points="{line}" fill="none" stroke="{s["color"]}" stroke-width="{s["width"]}" '
                     'stroke-linejoin="round"/>')
        if s.get("marked") or len(s["points"]) == 1:  # a line of one point draws nothing: a dot (one Step taken)
            parts.append(f'<g fill="{s["color"]}">' + "".join(
                f'<circle cx="{frame.px(x):.1f}" cy="{frame.py(y):.1f}" r="3.5"><title>{words(s["name"])}, '
                f'{words(x_title)} {x:g}: {y:.4g}</title></circle>' for x, y in s["points"]) + "</g>")
    return "".join(parts) + "</svg>"


LEGEND_CHARS = 24  # a longer class name is cut in the legend (whole on hover)


def _finite_group(group: dict) -> dict:
    """The group with only its finite points (and, where it has one colour per point, their colours)."""
    one, points = isinstance(group["color"], str), group["points"]
    kept = _finite_rows([p[0] for p in points], [p[1] for p in points], [None] * len(points) if one else group["color"])
    return dict(group, points=[(x, y) for x, y, _ in kept], color=group["color"] if one else [c for *_, c in kept])


def scatter(groups: Sequence[dict], title: str, width: int = 460, height: int = 330) -> str:
    """Points in a plane as an SVG, one unit as long on both axes where they share a scale (`style.one_scale`),
    else each axis filling the plot. `groups`: dicts with name, color (one colour, or one per point, with
    `swatches`: the colours its legend entry shows) and points ((x, y) pairs); each named group gets a legend entry
    under the plot (its name whole on hover). Points that are not finite are left out."""
    drawn = [_finite_group(g) for g in groups]
    count = sum(len(g["points"]) for g in drawn)
    head = _open(title, width, height, count)
    if not count:
        return head + "</svg>"
    xs = [x for g in drawn for x, _ in g["points"]]
    ys = [y for g in drawn for _, y in g["points"]]
    named = [g for g in drawn if g.get("name")]
    frame = _Frame(xs, ys, (_left_margin(ys), width - 10, 30, height - (44 if named else 24)), equal=one_scale(xs, ys))
    parts = [head, *frame.axes()]
    for g in drawn:  # a group's look said once, on the group: a point is its place alone (a chart holds 2,000)
        one = isinstance(g["color"], str)
        fills = [""] * len(g["points"]) if one else [f' fill="{c}"' for c in g["color"]]
        parts.append('<g stroke="white" stroke-width="0.6"' + (f' fill="{g["color"]}">' if one else ">") + "".join(
            f'<circle cx="{frame.px(x):.1f}" cy="{frame.py(y):.1f}" r="3"{fill}/>'
            for (x, y), fill in zip(g["points"], fills)) + "</g>")
    x = frame.box[0]
    for g in named:
        name = g["name"] if len(g["name"]) <= LEGEND_CHARS else g["name"][:LEGEND_CHARS - 1] + "…"
        swatches = [g["color"]] if isinstance(g["color"], str) else g.get("swatches") or [MUTED]
        parts.append(f'<g><title>{words(g["name"])}</title>' + "".join(
            f'<circle cx="{x + 4 + 7 * i:.1f}" cy="{height - 9}" r="4" fill="{c}"/>' for i, c in enumerate(swatches))
            + _text(x + 5 + 7 * len(swatches), height - 5, name, color=INK) + "</g>")
        x += 7 * len(name) + 21 + 7 * len(swatches)
    return "".join(parts) + "</svg>"
