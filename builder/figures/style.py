"""The look every figure shares: colours, margins and grid, the empty-figure message, thinning long series,
`label`, the one way text a person wrote (a class, feature, layer or run name) enters a figure, and `shown_name`,
the one way a class or token that is only whitespace is drawn."""
from __future__ import annotations

import html
import math
from collections import Counter
from typing import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.colors import qualitative

from ..errors import cut, page_text

PALETTE = qualitative.Plotly + qualitative.D3
ERROR_RED = "#dc2626"
INK = "#1f2937"
MUTED = "#6b7280"
MAX_POINTS = 2000
MARKED_POINTS = 60  # a curve's points are marked while it has at most this many: beyond, markers crowd the line into
# a bead string, and the browser redraws each of them with every refresh of a live chart (a 1,000-epoch run: 2,000)


VISIBLE = {" ": "␣", "\n": "↵", "\t": "⇥", "\r": "␍"}  # whitespace drawn as marks where a token stands alone


NAME_CHARS = 100  # the longest name (a class, a column, a token) a chart shows whole: a longer one is cut in its middle
LABEL_CHARS = 400  # the longest text of any kind a chart shows whole (a class label a megabyte long took the browser
# minutes to lay out on an axis)


ONE_SCALE_SPANS = 3.0  # a plane's two axes share one scale while their spans are within this factor of each other


def one_scale(xs, ys) -> bool:
    """Whether points in a plane are drawn with one unit as long on both axes: yes for a plane of like axes
    (the built-in planes' spans differ at most 2×: moons without noise), no for two columns of a table in units
    of their own (a house's rooms, 3–9, against its age, 2–100 years: a thin strip at one scale), which then
    each fill the chart."""
    spans = [float(np.nanmax(v) - np.nanmin(v)) if np.size(v) else 0.0 for v in (xs, ys)]
    return min(spans) == 0 or max(spans) <= ONE_SCALE_SPANS * min(spans)


def shown_name(name, limit: int = NAME_CHARS) -> str:
    """A class or token as a person can see it: one made only of whitespace (a character model's space or line
    break) drawn as marks (␣ ↵ ⇥), any other as written (controls as escapes, `errors.page_text`), cut to
    `limit` characters (LABEL_CHARS where it is shown on hover). Not escaped for markup: `label` (figures) or the
    page's `plain` does that."""
    text = cut(str(name), limit)
    return "".join(VISIBLE.get(c, "␣") for c in text) if text and not text.strip() else page_text(text)


def shown_class(names, i: int, limit: int = NAME_CHARS) -> str:
    """Class i's name as a person can see it (`shown_name`), or its number where `names` has none for it."""
    return shown_name(names[i], limit) if names is not None and i < len(names) else str(i)


def shown_classes(names, n: int) -> list[str]:
    """The names of classes 0 … n-1 as a person can see them (`shown_class`), each its own: two long names cut
    alike get their numbers, as an axis of categories would draw both as one."""
    shown = [shown_class(names, i) for i in range(n)]
    times = Counter(shown)
    return [f"{name} ({i})" if times[name] > 1 else name for i, name in enumerate(shown)]


def label(text) -> str:
    """Text as Plotly shows it, never as markup: Plotly reads HTML tags (<a href>, <img>, <b>, <br>) in titles, axis
    and tick labels, legend names, annotations and hover text, %{…} fields in hover and text templates, and $…$ as
    TeX. Those marks become entities here, which Plotly draws as the characters the person wrote; control
    characters are shown as escapes (`errors.page_text`). Cut to LABEL_CHARS characters."""
    escaped = html.escape(page_text(cut(str(text), LABEL_CHARS)), quote=False)  # & < >
    return escaped.replace("%{", "%&#123;").replace("$", "&#36;")


def layout(fig: go.Figure, title: str | None = None, height: int = 320, **kw) -> go.Figure:
    """The figure with NetBuilder's look: a small left-aligned title (plain text: it may quote a name), tight
    margins, a white ground, light grid."""
    fig.update_layout(title=dict(text=label(title), x=0, xanchor="left", font=dict(size=14)) if title else None,
                      height=height, margin=dict(l=10, r=10, t=40 if title else 10, b=10),
                      plot_bgcolor="white", paper_bgcolor="white", **kw)
    fig.update_xaxes(gridcolor="#eef0f3", zerolinecolor="#d1d5db")
    fig.update_yaxes(gridcolor="#eef0f3", zerolinecolor="#d1d5db")
    return fig


def decimate(xs: Sequence, ys: Sequence, max_points: int = MAX_POINTS) -> tuple[list, list]:
    """At most about `max_points` evenly strided points, always keeping the last one."""
    n = min(len(xs), len(ys))
    if n <= max_points:
        return list(xs[:n]), list(ys[:n])
    stride = math.ceil(n / max_points)
    idx = list(range(0, n, stride))
    if idx[-1] != n - 1:
        idx.append(n - 1)
    return [xs[i] for i in idx], [ys[i] for i in idx]


def epoch_points(rows: Sequence[dict], key: str, max_points: int = MAX_POINTS) -> tuple[list, list, bool]:
    """Epoch rows' `key` against their epoch: (xs, ys, marked), at most about `max_points` points, marked while
    there are no more than MARKED_POINTS."""
    xs, ys = decimate([r["epoch"] for r in rows], [r[key] for r in rows], max_points)
    return xs, ys, len(xs) <= MARKED_POINTS


def epoch_curve(rows: Sequence[dict], key: str, **scatter) -> go.Scatter:
    """`epoch_points` as one curve. `scatter`: the trace's other properties (name, line, …)."""
    xs, ys, marked = epoch_points(rows, key)
    return go.Scatter(x=xs, y=ys, mode="lines+markers" if marked else "lines", **scatter)


def class_color(i: int) -> str:
    """The colour of class (or run, or layer) number i: the same everywhere it appears."""
    return PALETTE[int(i) % len(PALETTE)]


def empty(message: str, height: int = 260) -> go.Figure:
    """A figure holding only a grey message (plain text), where there is nothing to draw yet."""
    fig = go.Figure()
    fig.add_annotation(text=label(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(color=MUTED, size=13))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return layout(fig, height=height)
