"""Views of the data: samples as points, images, sequences or per-feature histograms."""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots

from .style import INK, LABEL_CHARS, MAX_POINTS, class_color, label, layout, one_scale, shown_class, shown_name
from .svg import scatter as svg_scatter


def _thinned(x: np.ndarray, y: np.ndarray, max_points: int) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(x), np.asarray(y)
    if len(x) > max_points:
        keep = np.linspace(0, len(x) - 1, max_points).astype(int)
        x, y = x[keep], y[keep]
    return x, y


def scatter_2d(x: np.ndarray, y: np.ndarray, class_names: Sequence[str] | None = None,
               task: str = "classification", title: str | None = None, max_points: int = MAX_POINTS) -> go.Figure:
    """2-D points coloured by class (or by target value for regression)."""
    x, y = _thinned(x, y, max_points)
    fig = go.Figure()
    add_points(fig, x, y, class_names, task)
    if one_scale(x[:, 0], x[:, 1]):
        fig.update_yaxes(scaleanchor="x", scaleratio=1)
    return layout(fig, title, height=380, legend=dict(orientation="h", y=-0.12))


def scatter_svg(x: np.ndarray, y: np.ndarray, class_names: Sequence[str] | None = None,
                task: str = "classification", title: str = "", height: int = 330,
                max_points: int = MAX_POINTS) -> str:
    """`scatter_2d` as SVG text (`svg.scatter`): the same points, colours and names, drawn with no script."""
    x, y = _thinned(x, y, max_points)
    groups = [dict(name=g["whole"], color=g["color"], points=x[g["mask"]].tolist()) if g["name"] else
              dict(name=f"target {np.nanmin(g['values']):.3g} … {np.nanmax(g['values']):.3g}", points=x.tolist(),
                   color=sample_colorscale(VALUES, g["color"].tolist()), swatches=sample_colorscale(VALUES, [0, .5, 1]))
              for g in point_groups(y, class_names, task)]
    return svg_scatter(groups, title, height=height)


VALUES = "Viridis"  # a regression target's colour scale


def point_groups(y: np.ndarray, class_names, task: str) -> list[dict]:
    """How 2-D points are drawn: one group per class (name as a person can see it, whole as hover shows it,
    colour, mask), or one group coloured by the target value scaled to 0..1 (its name empty)."""
    if task == "classification":
        labels = np.asarray(y).reshape(len(y), -1)[:, 0].astype(int) if len(y) else np.zeros(0, int)
        return [dict(name=shown_class(class_names, c), whole=shown_class(class_names, c, LABEL_CHARS),
                     color=class_color(c), mask=labels == c) for c in np.unique(labels)]
    values = np.asarray(y, dtype=float).reshape(len(y), -1)[:, 0]
    low, high = (np.nanmin(values), np.nanmax(values)) if len(values) else (0.0, 1.0)
    scaled = np.nan_to_num((values - low) / (high - low) if high > low else np.zeros_like(values))
    return [dict(name="", color=scaled, values=values, mask=np.ones(len(values), bool))]


def add_points(fig: go.Figure, x: np.ndarray, y: np.ndarray, class_names, task: str) -> None:
    """2-D points on `fig` (`point_groups`): one trace per class, or one coloured by the target value."""
    for g in point_groups(y, class_names, task):
        m = g["mask"]
        if g["name"]:
            fig.add_trace(go.Scatter(x=x[m, 0], y=x[m, 1], mode="markers", name=label(g["name"]),
                                     marker=dict(size=6, color=g["color"], line=dict(color="white", width=0.6))))
        else:
            fig.add_trace(go.Scatter(x=x[:, 0], y=x[:, 1], mode="markers", name="target",
                                     marker=dict(size=6, color=g["values"], colorscale=VALUES, showscale=True,
                                                 line=dict(color="white", width=0.6))))


def _as_images(images: np.ndarray) -> np.ndarray:
    """(n, H, W) grey or (n, C, H, W) with C = 1 or 3 → (n, H, W) or (n, H, W, 3), scaled to 0..1 per set."""
    a = np.asarray(images, dtype=float)
    if a.ndim == 4:
        a = a[:, 0] if a.shape[1] == 1 else np.moveaxis(a[:, :3], 1, -1)
    lo, hi = np.nanmin(a) if a.size else 0.0, np.nanmax(a) if a.size else 1.0
    return (a - lo) / (hi - lo) if hi > lo else np.zeros_like(a)


CAPTION_PX = 13  # a caption under a small image stays readable at the page's size


def image_grid(images: np.ndarray, labels: Sequence[str] | None = None, cols: int = 8,
               title: str | None = None, label_colors: Sequence[str] | None = None) -> go.Figure:
    """Small images side by side in one mosaic, each with its caption above it."""
    a = _as_images(images)
    n = len(a)
    cols = max(1, min(cols, n))
    rows = max(1, math.ceil(n / cols))
    h, w = (a.shape[1], a.shape[2]) if n else (1, 1)
    gap = max(1, h // 8)
    cell_h, cell_w = h + gap + max(2, h // 3), w + gap
    rgb = a.ndim == 4
    mosaic = np.full((rows * cell_h, cols * cell_w, 3) if rgb else (rows * cell_h, cols * cell_w), np.nan if not rgb else 1.0)
    fig = go.Figure()
    for i in range(n):
        r, c = divmod(i, cols)
        top = r * cell_h + max(2, h // 3)
        mosaic[top:top + h, c * cell_w:c * cell_w + w] = a[i]
        if labels is not None and i < len(labels):
            color = label_colors[i] if label_colors is not None and i < len(label_colors) else INK
            fig.add_annotation(x=c * cell_w + w / 2 - 0.5, y=top - 1, text=label(labels[i]), showarrow=False,
                               yanchor="bottom", font=dict(size=CAPTION_PX, color=color))
    if rgb:
        fig.add_trace(go.Image(z=(np.nan_to_num(mosaic, nan=1.0) * 255).astype(np.uint8), hoverinfo="skip"))
    else:
        fig.add_trace(go.Heatmap(z=mosaic, colorscale="Greys", reversescale=True, showscale=False,
                                 hoverinfo="skip", zmin=0, zmax=1))
    fig.update_xaxes(visible=False, showgrid=False)
    fig.update_yaxes(visible=False, showgrid=False, autorange="reversed", scaleanchor="x")
    return layout(fig, title, height=max(160, 110 * rows + 40))


def sequence_lines(x: np.ndarray, y: np.ndarray | None = None, n_show: int = 6, title: str | None = None,
                   feature_names: Sequence[str] | None = None) -> go.Figure:
    """A few sequences, one line per sample (each feature a dash style), with the target in the legend."""
    x = np.asarray(x, dtype=float)
    if x.ndim == 2:
        x = x[:, :, None]
    fig = go.Figure()
    for i in range(min(n_show, len(x))):
        target = "" if y is None else f" → {_short_number(np.asarray(y)[i])}"
        for f in range(min(x.shape[2], 3)):
            fname = f" · {shown_name(feature_names[f])}" if feature_names and f < len(feature_names) else (f" · f{f}" if x.shape[2] > 1 else "")
            fig.add_trace(go.Scatter(y=x[i, :, f], mode="lines", name=label(f"sample {i}{fname}{target}"),
                                     line=dict(color=class_color(i), dash=("solid", "dot", "dash")[f], width=1.6)))
    fig.update_xaxes(title_text="step")
    return layout(fig, title, height=320)


def _short_number(v) -> str:
    v = np.asarray(v).reshape(-1)
    return ", ".join(f"{float(t):.3g}" for t in v[:3])


def feature_histograms(x: np.ndarray, feature_names: Sequence[str] | None = None, max_features: int = 12,
                       title: str | None = None) -> go.Figure:
    """One small histogram per feature of a table (the first `max_features`)."""
    x = np.asarray(x, dtype=float)
    k = min(max_features, x.shape[1])
    cols = min(4, k)
    rows = math.ceil(k / cols)
    names = [shown_name(feature_names[i]) if feature_names and i < len(feature_names) else f"feature {i}"
             for i in range(k)]
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[label(n) for n in names],
                        vertical_spacing=0.12 if rows > 1 else 0.2)
    for i in range(k):
        fig.add_trace(go.Histogram(x=x[:, i], nbinsx=20, marker_color=class_color(0), showlegend=False),
                      row=i // cols + 1, col=i % cols + 1)
    fig.update_annotations(font_size=10)
    fig.update_xaxes(nticks=3)  # a small chart's ticks side by side, not slanted over each other (19.36k, a date)
    return layout(fig, title, height=150 * rows + 30)


def is_image_shape(shape: Sequence[int]) -> bool:
    """[channels, height, width] with 1 or 3 channels, or a [rows, columns] grid wider than a few features."""
    shape = tuple(shape)
    return (len(shape) == 3 and shape[0] in (1, 3)) or (len(shape) == 2 and min(shape) > 3)
