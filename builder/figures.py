"""Figure builders: plain data (lists, dicts, numpy arrays) in, a plotly Figure out. No streamlit, no torch.

The page draws what these return; tests check the traces they contain.
"""
from __future__ import annotations

import math
from typing import Sequence

import networkx as nx
import numpy as np
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

PALETTE = qualitative.Plotly + qualitative.D3
ERROR_RED = "#dc2626"
INK = "#1f2937"
MUTED = "#6b7280"
MAX_POINTS = 2000


def _layout(fig: go.Figure, title: str | None = None, height: int = 320, **kw) -> go.Figure:
    fig.update_layout(title=dict(text=title, x=0, xanchor="left", font=dict(size=14)) if title else None,
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


# ---- the architecture --------------------------------------------------------------------------

def layered_positions(node_ids: Sequence[str], edges: Sequence[tuple[str, str]]) -> dict[str, tuple[float, int]]:
    """Top-to-bottom layout: a node's row is its longest distance from a source, its column spreads the row."""
    graph = nx.DiGraph()
    graph.add_nodes_from(node_ids)
    graph.add_edges_from(e for e in edges if e[0] in graph and e[1] in graph)
    order = {n: i for i, n in enumerate(node_ids)}
    if not nx.is_directed_acyclic_graph(graph):  # a broken spec: fall back to list order, one per row
        return {n: (0.0, i) for i, n in enumerate(node_ids)}
    depth: dict[str, int] = {}
    for n in nx.topological_sort(graph):
        depth[n] = max((depth[p] + 1 for p in graph.predecessors(n)), default=0)
    rows: dict[int, list[str]] = {}
    for n in sorted(node_ids, key=order.get):
        rows.setdefault(depth[n], []).append(n)
    return {n: (i - (len(row) - 1) / 2, d) for d, row in rows.items() for i, n in enumerate(row)}


def _edge_path(p0, p1, bend: float) -> tuple[list[float], list[float]]:
    """A straight edge, or a curve bowed sideways for an edge that skips rows (so it misses the nodes between)."""
    (x0, y0), (x1, y1) = p0, p1
    if bend == 0:
        return [x0, x1], [y0, y1]
    t = np.linspace(0, 1, 24)
    cx, cy = (x0 + x1) / 2 + bend, (y0 + y1) / 2
    xs = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t ** 2 * x1
    ys = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t ** 2 * y1
    return xs.tolist(), ys.tolist()


def architecture_figure(nodes: Sequence[dict], edges: Sequence[dict]) -> go.Figure:
    """The network as a top-to-bottom graph of labelled boxes, each edge marked with the shape it carries.

    nodes: {"id", "type", "detail" (output shape or error text), "error": bool};
    edges: {"source", "target", "label"}.
    """
    ids = [n["id"] for n in nodes]
    pos = layered_positions(ids, [(e["source"], e["target"]) for e in edges])
    xy = {n: (x, -row) for n, (x, row) in pos.items()}
    fig = go.Figure()
    skips = 0
    for e in edges:
        if e["source"] not in xy or e["target"] not in xy:
            continue
        span = pos[e["target"]][1] - pos[e["source"]][1]
        bend = 0.0
        if span > 1 and pos[e["source"]][0] == pos[e["target"]][0]:
            skips += 1
            bend = 0.45 + 0.15 * span + 0.15 * skips
        xs, ys = _edge_path(xy[e["source"]], xy[e["target"]], bend)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#9ca3af", width=1.5),
                                 hoverinfo="skip", showlegend=False))
        if e.get("label"):
            mid = len(xs) // 2
            lx, ly = ((xs[0] + xs[-1]) / 2, (ys[0] + ys[-1]) / 2) if bend == 0 else (xs[mid], ys[mid])
            fig.add_annotation(x=lx, y=ly, text=e["label"], showarrow=False, xshift=6 if bend == 0 else 0,
                               xanchor="left" if bend == 0 else "center", font=dict(size=10, color=MUTED),
                               bgcolor="rgba(255,255,255,0.85)")
    errors = [bool(n.get("error")) for n in nodes]
    for n, err in zip(nodes, errors):
        x, y = xy[n["id"]]
        fig.add_annotation(x=x, y=y, text=f"<b>{n['id']}</b> · {n.get('type', '')}", showarrow=False,
                           font=dict(size=12, color=ERROR_RED if err else INK), borderpad=5, borderwidth=1.5,
                           bgcolor="#fef2f2" if err else "#eff6ff", bordercolor=ERROR_RED if err else "#2563eb")
    fig.add_trace(go.Scatter(
        x=[xy[i][0] for i in ids], y=[xy[i][1] for i in ids], mode="markers", name="layers",
        marker=dict(size=28, color=[ERROR_RED if e else "#2563eb" for e in errors], opacity=0),
        text=[f"{n['id']} · {n.get('type', '')}" for n in nodes],
        hovertext=[f"{n['id']} ({n.get('type', '')}): {n.get('detail', '')}" for n in nodes], hoverinfo="text",
        showlegend=False))
    rows = max((r for _, r in pos.values()), default=0) + 1
    width = max((abs(x) for x, _ in pos.values()), default=0)
    fig.update_xaxes(visible=False, range=[-width - 1.4, width + 1.4 + 0.3 * skips])
    fig.update_yaxes(visible=False, range=[-rows + 0.4, 0.6])
    return _layout(fig, height=max(220, 58 * rows + 20))


# ---- data ----------------------------------------------------------------------------------

def _class_color(i: int) -> str:
    return PALETTE[int(i) % len(PALETTE)]


def scatter_2d(x: np.ndarray, y: np.ndarray, class_names: Sequence[str] | None = None,
               task: str = "classification", title: str | None = None, max_points: int = MAX_POINTS) -> go.Figure:
    """2-D points coloured by class (or by target value for regression)."""
    x, y = np.asarray(x), np.asarray(y)
    if len(x) > max_points:
        keep = np.linspace(0, len(x) - 1, max_points).astype(int)
        x, y = x[keep], y[keep]
    fig = go.Figure()
    _add_points(fig, x, y, class_names, task)
    fig.update_yaxes(scaleanchor="x", scaleratio=1)
    return _layout(fig, title, height=380, legend=dict(orientation="h", y=-0.12))


def _add_points(fig: go.Figure, x: np.ndarray, y: np.ndarray, class_names, task: str) -> None:
    if task == "classification":
        labels = np.asarray(y).reshape(len(y), -1)[:, 0].astype(int) if len(y) else np.zeros(0, int)
        for c in np.unique(labels):
            m = labels == c
            name = class_names[c] if class_names is not None and c < len(class_names) else str(c)
            fig.add_trace(go.Scatter(x=x[m, 0], y=x[m, 1], mode="markers", name=str(name),
                                     marker=dict(size=6, color=_class_color(c), line=dict(color="white", width=0.6))))
    else:
        values = np.asarray(y, dtype=float).reshape(len(y), -1)[:, 0]
        fig.add_trace(go.Scatter(x=x[:, 0], y=x[:, 1], mode="markers", name="target",
                                 marker=dict(size=6, color=values, colorscale="Viridis", showscale=True,
                                             line=dict(color="white", width=0.6))))


def _as_images(images: np.ndarray) -> np.ndarray:
    """(n, H, W) grey or (n, C, H, W) with C = 1 or 3 → (n, H, W) or (n, H, W, 3), scaled to 0..1 per set."""
    a = np.asarray(images, dtype=float)
    if a.ndim == 4:
        a = a[:, 0] if a.shape[1] == 1 else np.moveaxis(a[:, :3], 1, -1)
    lo, hi = np.nanmin(a) if a.size else 0.0, np.nanmax(a) if a.size else 1.0
    return (a - lo) / (hi - lo) if hi > lo else np.zeros_like(a)


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
            fig.add_annotation(x=c * cell_w + w / 2 - 0.5, y=top - 1, text=str(labels[i]), showarrow=False,
                               yanchor="bottom", font=dict(size=11, color=color))
    if rgb:
        fig.add_trace(go.Image(z=(np.nan_to_num(mosaic, nan=1.0) * 255).astype(np.uint8), hoverinfo="skip"))
    else:
        fig.add_trace(go.Heatmap(z=mosaic, colorscale="Greys", reversescale=True, showscale=False,
                                 hoverinfo="skip", zmin=0, zmax=1))
    fig.update_xaxes(visible=False, showgrid=False)
    fig.update_yaxes(visible=False, showgrid=False, autorange="reversed", scaleanchor="x")
    return _layout(fig, title, height=max(160, 110 * rows + 40))


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
            fname = f" · {feature_names[f]}" if feature_names and f < len(feature_names) else (f" · f{f}" if x.shape[2] > 1 else "")
            fig.add_trace(go.Scatter(y=x[i, :, f], mode="lines", name=f"sample {i}{fname}{target}",
                                     line=dict(color=_class_color(i), dash=("solid", "dot", "dash")[f], width=1.6)))
    fig.update_xaxes(title_text="step")
    return _layout(fig, title, height=320)


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
    names = [feature_names[i] if feature_names and i < len(feature_names) else f"feature {i}" for i in range(k)]
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=names, vertical_spacing=0.12 if rows > 1 else 0.2)
    for i in range(k):
        fig.add_trace(go.Histogram(x=x[:, i], nbinsx=20, marker_color=_class_color(0), showlegend=False),
                      row=i // cols + 1, col=i % cols + 1)
    fig.update_annotations(font_size=10)
    return _layout(fig, title, height=150 * rows + 30)


# ---- training -------------------------------------------------------------------------------

def _empty(message: str, height: int = 260) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(color=MUTED, size=13))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, height=height)


def _epochs_axis(steps: Sequence, steps_per_epoch: int) -> list[float]:
    return [s / steps_per_epoch for s in steps] if steps_per_epoch else list(steps)


def loss_figure(steps: dict, epochs: Sequence[dict], steps_per_epoch: int, log_y: bool = False,
                max_points: int = MAX_POINTS) -> go.Figure:
    """Training loss per step (faint), and per epoch for training and validation."""
    if not steps.get("loss"):
        return _empty("The loss appears here after the first batch.")
    xs, ys = decimate(_epochs_axis(steps["step"], steps_per_epoch), steps["loss"], max_points)
    fig = go.Figure(go.Scatter(x=xs, y=ys, mode="lines", name="train (batch)",
                               line=dict(color="rgba(37,99,235,0.35)", width=1)))
    for key, name, color in (("train_loss", "train (epoch)", "#2563eb"), ("val_loss", "validation", "#ea580c")):
        rows = [r for r in epochs if r.get(key) is not None]
        if rows:
            fig.add_trace(go.Scatter(x=[r["epoch"] for r in rows], y=[r[key] for r in rows], mode="lines+markers",
                                     name=name, line=dict(color=color, width=2)))
    fig.update_xaxes(title_text="epoch")
    fig.update_yaxes(title_text="loss", type="log" if log_y else "linear")
    return _layout(fig, "Loss", legend=dict(orientation="h", y=1.12, x=1, xanchor="right"))


METRICS = {"classification": ("acc", "accuracy"), "regression": ("r2", "R²"), "reconstruction": ("r2", "R²")}


def metric_figure(epochs: Sequence[dict], task: str) -> go.Figure:
    """Accuracy (classification) or R² (regression, reconstruction) per epoch, training and validation."""
    key, label = METRICS.get(task, ("acc", "accuracy"))
    if not epochs:
        return _empty(f"The {label} appears here after the first epoch.")
    fig = go.Figure()
    for prefix, name, color in (("train", "train", "#2563eb"), ("val", "validation", "#ea580c")):
        rows = [r for r in epochs if r.get(f"{prefix}_{key}") is not None]
        if rows:
            fig.add_trace(go.Scatter(x=[r["epoch"] for r in rows], y=[r[f"{prefix}_{key}"] for r in rows],
                                     mode="lines+markers", name=name, line=dict(color=color, width=2)))
    fig.update_xaxes(title_text="epoch")
    fig.update_yaxes(title_text=label, range=[0, 1.02] if key == "acc" else None)
    return _layout(fig, label.capitalize() if key == "acc" else label,
                   legend=dict(orientation="h", y=1.12, x=1, xanchor="right"))


def lr_figure(steps: dict, steps_per_epoch: int, max_points: int = MAX_POINTS) -> go.Figure:
    if not steps.get("lr"):
        return _empty("The learning rate appears here after the first batch.", height=220)
    xs, ys = decimate(_epochs_axis(steps["step"], steps_per_epoch), steps["lr"], max_points)
    fig = go.Figure(go.Scatter(x=xs, y=ys, mode="lines", name="learning rate", line=dict(color="#7c3aed")))
    fig.update_xaxes(title_text="epoch")
    fig.update_yaxes(title_text="lr", exponentformat="e", range=[0, max(ys) * 1.15 or 1])
    return _layout(fig, "Learning rate", height=220)


def histograms_figure(trace: dict, layer_id: str) -> go.Figure:
    """A layer's weight and gradient distributions over time, as TensorBoard's histograms: one column per
    logged step, colour = how many values fall in each bin (log scale)."""
    if not trace.get("steps"):
        return _empty(f"No histograms for {layer_id} yet.")
    fig = make_subplots(rows=1, cols=2, subplot_titles=("weights", "gradients"), horizontal_spacing=0.1)
    for col, (hist_key, edges_key) in enumerate((("weight_hist", "weight_edges"), ("grad_hist", "grad_edges")), 1):
        edges = np.asarray(trace[edges_key], dtype=float)
        counts = np.asarray(trace[hist_key], dtype=float)
        if counts.ndim != 2 or not len(edges):
            continue
        centres = (edges[:-1] + edges[1:]) / 2
        fig.add_trace(go.Heatmap(x=list(trace["steps"])[:len(counts)], y=centres, z=np.log1p(counts).T,
                                 colorscale="Blues", showscale=False,
                                 hovertemplate="step %{x}<br>value %{y:.3g}<br>log(1+count) %{z:.2f}<extra></extra>"),
                      row=1, col=col)
        fig.update_xaxes(title_text="step", row=1, col=col)
    return _layout(fig, f"{layer_id}: distributions over time", height=300)


def grad_norm_figure(layers: dict, max_points: int = MAX_POINTS) -> go.Figure:
    """Gradient norm per layer over training (log scale): layers whose line sinks far below the rest barely learn."""
    fig = go.Figure()
    for i, (lid, t) in enumerate(layers.items()):
        xs, ys = decimate(t.get("steps", []), t.get("grad_norm", []), max_points)
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=[max(v, 1e-12) for v in ys], mode="lines", name=lid,
                                     line=dict(color=_class_color(i))))
    if not fig.data:
        return _empty("Gradient norms appear here after the first batches.")
    fig.update_xaxes(title_text="step")
    fig.update_yaxes(title_text="gradient norm", type="log", dtick=1)  # one label per decade: minor ones crowd
    return _layout(fig, "Gradient norm per layer", legend=dict(orientation="h", y=-0.25))


def gradient_flow_figure(layers: dict, alerts: Sequence[dict] = ()) -> go.Figure:
    """The latest gradient norm of each layer, input side first; red bars are layers with a health alert."""
    ids = [lid for lid, t in layers.items() if t.get("grad_norm")]
    if not ids:
        return _empty("Gradient flow appears here after the first batches.")
    flagged = {a.get("layer") for a in alerts if a.get("layer")}
    values = [max(layers[lid]["grad_norm"][-1], 1e-12) for lid in ids]
    fig = go.Figure(go.Bar(x=ids, y=values, marker_color=[ERROR_RED if lid in flagged else "#2563eb" for lid in ids],
                           hovertemplate="%{x}: %{y:.3g}<extra></extra>"))
    low, high = math.log10(min(values)), math.log10(max(values))
    fig.update_yaxes(title_text="latest gradient norm", type="log", range=[low - 1, high + 0.3], dtick=1)
    return _layout(fig, "Gradient flow (input → output)", height=280)


def _maps_figure(act: dict, layer_id: str) -> go.Figure:
    maps = np.asarray(act["maps"], dtype=float)
    return image_grid(maps, labels=[f"channel {i}" for i in range(len(maps))], cols=8,
                      title=f"{layer_id}: feature maps of a probe sample {act.get('shape', '')}")


def _sequence_figure(act: dict, layer_id: str) -> go.Figure:
    seq = np.asarray(act["sequence"], dtype=float)
    fig = go.Figure(go.Heatmap(z=seq.T, colorscale="RdBu", zmid=0, colorbar=dict(thickness=10),
                               hovertemplate="step %{x}<br>unit %{y}<br>%{z:.3f}<extra></extra>"))
    fig.update_xaxes(title_text="step")
    fig.update_yaxes(title_text="unit")
    return _layout(fig, f"{layer_id}: hidden state over time (a probe sample, first units)", height=280)


def _distribution_figure(act: dict, layer_id: str) -> go.Figure:
    edges = np.asarray(act["edges"], dtype=float)
    hist = np.asarray(act["hist"], dtype=float)
    fig = go.Figure(go.Bar(x=(edges[:-1] + edges[1:]) / 2, y=hist, width=np.diff(edges), marker_color="#2563eb",
                           hovertemplate="%{x:.3g}: %{y}<extra></extra>"))
    dead = act.get("dead_fraction")
    title = f"{layer_id}: output values on the probe batch" + (f" · {dead:.0%} dead units" if dead else "")
    fig.update_xaxes(title_text="activation")
    return _layout(fig, title, height=260)


ACTIVATION_FIGURES = {"maps": _maps_figure, "sequence": _sequence_figure, "distribution": _distribution_figure}


def activation_figure(act: dict, layer_id: str) -> go.Figure:
    """One layer's activations on the probe batch: feature maps, a hidden state over time, or a histogram."""
    draw = ACTIVATION_FIGURES.get(act.get("kind"))
    return draw(act, layer_id) if draw else _empty(f"No view for {layer_id}'s activations.")


def boundary_figure(view: dict, x: np.ndarray, y: np.ndarray, class_names: Sequence[str] | None = None,
                    task: str = "classification", max_points: int = MAX_POINTS) -> go.Figure:
    """The model's decision over the plane (shaded by confidence), with the data on top."""
    fig = go.Figure()
    gx, gy = np.asarray(view["x"]), np.asarray(view["y"])
    if "label" in view:
        labels = np.asarray(view["label"])
        k = max(int(labels.max()) + 1, len(class_names or ()), 2)
        scale = [[edge / k, _class_color(i)] for i in range(k) for edge in (i, i + 1)]  # one flat band per class
        conf = np.asarray(view.get("confidence", np.ones_like(labels)), dtype=float)
        fig.add_trace(go.Heatmap(x=gx, y=gy, z=labels, zmin=-0.5, zmax=k - 0.5, colorscale=scale, showscale=False,
                                 opacity=0.35, hoverinfo="skip", showlegend=False))
        fig.add_trace(go.Contour(x=gx, y=gy, z=conf, showscale=False, contours=dict(coloring="none", showlabels=False),
                                 line=dict(color="rgba(255,255,255,0.6)", width=1), ncontours=6, hoverinfo="skip",
                                 showlegend=False))
    else:
        fig.add_trace(go.Contour(x=gx, y=gy, z=np.asarray(view["value"]), colorscale="Viridis", opacity=0.5,
                                 colorbar=dict(thickness=10, title="prediction"), hoverinfo="skip", showlegend=False))
    x, y = np.asarray(x), np.asarray(y)
    if len(x) > max_points:
        keep = np.linspace(0, len(x) - 1, max_points).astype(int)
        x, y = x[keep], y[keep]
    _add_points(fig, x, y, class_names, task)
    # equal units on both axes by shrinking the plot, not by padding one range with empty space
    fig.update_xaxes(range=[gx.min(), gx.max()], showgrid=False, constrain="domain")
    fig.update_yaxes(range=[gy.min(), gy.max()], showgrid=False, scaleanchor="x", scaleratio=1, constrain="domain")
    return _layout(fig, "Decision boundary" if task == "classification" else "Prediction over the plane", height=420,
                   legend=dict(orientation="h", y=-0.12))


def confusion_figure(matrix, class_names: Sequence[str] | None = None) -> go.Figure:
    """Validation confusion matrix: rows are the true class, columns the predicted one."""
    m = np.asarray(matrix, dtype=float)
    names = list(class_names) if class_names and len(class_names) == len(m) else [str(i) for i in range(len(m))]
    fig = go.Figure(go.Heatmap(z=m, x=names, y=names, colorscale="Blues", showscale=False,
                               text=m.astype(int), texttemplate="%{text}" if len(m) <= 20 else None,
                               hovertemplate="true %{y}, predicted %{x}: %{z}<extra></extra>"))
    fig.update_xaxes(title_text="predicted", type="category", side="bottom")
    fig.update_yaxes(title_text="true", type="category", autorange="reversed")
    return _layout(fig, "Confusion matrix (validation)", height=max(300, 28 * len(m) + 120))


def is_image_shape(shape: Sequence[int]) -> bool:
    """[channels, height, width] with 1 or 3 channels, or a [rows, columns] grid wider than a few features."""
    shape = tuple(shape)
    return (len(shape) == 3 and shape[0] in (1, 3)) or (len(shape) == 2 and min(shape) > 3)


def worst_figure(worst: Sequence[dict], class_names: Sequence[str] | None = None) -> go.Figure:
    """The validation samples the model gets most wrong, with true and predicted class."""
    if not worst:
        return _empty("No misclassified samples to show.")
    names = list(class_names or [])
    name = lambda i: names[i] if i < len(names) else str(i)
    labels = [f"{name(w['true'])}→{name(w['pred'])} ({w['p_true']:.0%})" for w in worst]
    colors = [ERROR_RED if w["true"] != w["pred"] else INK for w in worst]
    return image_grid(np.stack([np.asarray(w["x"]) for w in worst]), labels, cols=8, label_colors=colors,
                      title="Worst-classified validation samples: true→predicted (probability of the true class)")


def regression_figure(actual, predicted, max_points: int = MAX_POINTS) -> go.Figure:
    """Predicted against actual on the validation set; points on the diagonal are perfect."""
    a = np.asarray(actual, dtype=float).reshape(len(actual), -1)[:, 0]
    p = np.asarray(predicted, dtype=float).reshape(len(predicted), -1)[:, 0]
    a, p = a[:max_points], p[:max_points]
    lo, hi = float(min(a.min(), p.min())), float(max(a.max(), p.max()))
    fig = go.Figure([go.Scatter(x=[lo, hi], y=[lo, hi], mode="lines", name="perfect", line=dict(color=MUTED, dash="dash")),
                     go.Scatter(x=a, y=p, mode="markers", name="validation samples",
                                marker=dict(size=6, color="#2563eb", opacity=0.6))])
    fig.update_xaxes(title_text="actual")
    fig.update_yaxes(title_text="predicted", scaleanchor="x", scaleratio=1)
    return _layout(fig, "Predicted vs actual (validation)", height=400, legend=dict(orientation="h", y=-0.15))


def reconstructions_figure(inputs, outputs) -> go.Figure:
    """Autoencoder inputs (top row) and what the network rebuilt from them (bottom row)."""
    a, b = np.asarray(inputs, dtype=float), np.asarray(outputs, dtype=float)
    if is_image_shape(a.shape[1:]):
        both = np.concatenate([a, b.reshape(a.shape)])
        labels = [f"input {i}" for i in range(len(a))] + [f"rebuilt {i}" for i in range(len(b))]
        return image_grid(both, labels, cols=len(a), title="Reconstructions: inputs (top), outputs (bottom)")
    fig = go.Figure()
    for i in range(min(4, len(a))):
        fig.add_trace(go.Scatter(y=a[i].reshape(-1), mode="lines", name=f"input {i}", line=dict(color=_class_color(i))))
        fig.add_trace(go.Scatter(y=b[i].reshape(-1), mode="lines", name=f"rebuilt {i}",
                                 line=dict(color=_class_color(i), dash="dot")))
    return _layout(fig, "Reconstructions: inputs (solid), outputs (dotted)", height=320)


def compare_figure(runs: Sequence[dict], key: str = "val_loss", log_y: bool = False) -> go.Figure:
    """One curve per run for an epoch metric. runs: {"label", "epochs": [rows]}."""
    fig = go.Figure()
    for i, run in enumerate(runs):
        rows = [r for r in run.get("epochs", []) if r.get(key) is not None]
        if rows:
            fig.add_trace(go.Scatter(x=[r["epoch"] for r in rows], y=[r[key] for r in rows], mode="lines+markers",
                                     name=run["label"], line=dict(color=_class_color(i), width=2)))
    if not fig.data:
        return _empty(f"No run has logged {key} yet.")
    fig.update_xaxes(title_text="epoch")
    fig.update_yaxes(title_text=key, type="log" if log_y else "linear")
    return _layout(fig, f"Compare runs: {key}", legend=dict(orientation="h", y=-0.2))


def time_gradient_figure(traces: dict, max_lines: int = 6) -> go.Figure:
    """‖∂L/∂hₜ‖ against the time step t for each recurrent layer, log scale: the latest sample bold, a few older
    ones faint behind it. A curve that falls toward the early steps is the vanishing gradient through time.

    traces: layer id -> {"steps": [training step of each sample], "norms": [[‖∂L/∂hₜ‖ for t = 1..T], …]}.
    """
    fig = go.Figure()
    for i, (lid, trace) in enumerate(traces.items()):
        samples = list(zip(trace.get("steps", []), trace.get("norms", [])))
        if not samples:
            continue
        color = _class_color(i)
        older = samples[:-1][-(max_lines - 1):] if max_lines > 1 else []
        for k, (step, norms) in enumerate(older):
            fig.add_trace(go.Scatter(x=list(range(1, len(norms) + 1)), y=[max(v, 1e-30) for v in norms],
                                     mode="lines", line=dict(color=color, width=1), opacity=0.15 + 0.1 * k,
                                     name=f"{lid} at step {step}", showlegend=False, hoverinfo="skip"))
        step, norms = samples[-1]
        fig.add_trace(go.Scatter(x=list(range(1, len(norms) + 1)), y=[max(v, 1e-30) for v in norms],
                                 mode="lines+markers", marker=dict(size=4), line=dict(color=color, width=2.5),
                                 name=f"{lid} (step {step})",
                                 hovertemplate="t=%{x}: %{y:.2e}<extra>" + lid + "</extra>"))
    if not fig.data:
        return _empty("The gradient through time appears here once a recurrent layer has trained a few steps.")
    fig.update_xaxes(title_text="time step t (1 = first input)")
    fig.update_yaxes(title_text="‖∂L/∂hₜ‖", type="log", exponentformat="power")
    return _layout(fig, "Gradient through time: how much each step's hidden state still affects the loss",
                   legend=dict(orientation="h", y=-0.25))
