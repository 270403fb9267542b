"""Views of the network: its architecture as a graph, and what its layers output on a probe sample."""
from __future__ import annotations

from typing import Sequence

import networkx as nx
import numpy as np
import plotly.graph_objects as go

from .samples import image_grid
from .style import ERROR_RED, INK, MUTED, empty, label, layout


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
            fig.add_annotation(x=lx, y=ly, text=label(e["label"]), showarrow=False, xshift=6 if bend == 0 else 0,
                               xanchor="left" if bend == 0 else "center", font=dict(size=10, color=MUTED),
                               bgcolor="rgba(255,255,255,0.85)")
    errors = [bool(n.get("error")) for n in nodes]
    for n, err in zip(nodes, errors):
        x, y = xy[n["id"]]
        fig.add_annotation(x=x, y=y, text=f"<b>{label(n['id'])}</b> · {label(n.get('type', ''))}", showarrow=False,
                           font=dict(size=12, color=ERROR_RED if err else INK), borderpad=5, borderwidth=1.5,
                           bgcolor="#fef2f2" if err else "#eff6ff", bordercolor=ERROR_RED if err else "#2563eb")
    fig.add_trace(go.Scatter(
        x=[xy[i][0] for i in ids], y=[xy[i][1] for i in ids], mode="markers", name="layers",
        marker=dict(size=28, color=[ERROR_RED if e else "#2563eb" for e in errors], opacity=0),
        text=[label(f"{n['id']} · {n.get('type', '')}") for n in nodes],
        hovertext=[label(f"{n['id']} ({n.get('type', '')}): {n.get('detail', '')}") for n in nodes], hoverinfo="text",
        showlegend=False))
    rows = max((r for _, r in pos.values()), default=0) + 1
    width = max((abs(x) for x, _ in pos.values()), default=0)
    fig.update_xaxes(visible=False, range=[-width - 1.4, width + 1.4 + 0.3 * skips])
    fig.update_yaxes(visible=False, range=[-rows + 0.4, 0.6])
    return layout(fig, height=max(220, 58 * rows + 20))


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
    return layout(fig, f"{layer_id}: hidden state over time (a probe sample, first units)", height=280)


def _distribution_figure(act: dict, layer_id: str) -> go.Figure:
    edges = np.asarray(act["edges"], dtype=float)
    hist = np.asarray(act["hist"], dtype=float)
    fig = go.Figure(go.Bar(x=(edges[:-1] + edges[1:]) / 2, y=hist, width=np.diff(edges), marker_color="#2563eb",
                           hovertemplate="%{x:.3g}: %{y}<extra></extra>"))
    dead = act.get("dead_fraction")
    title = f"{layer_id}: output values on the probe batch" + (f" · {dead:.0%} dead units" if dead else "")
    fig.update_xaxes(title_text="activation")
    return layout(fig, title, height=260)


ACTIVATION_FIGURES = {"maps": _maps_figure, "sequence": _sequence_figure, "distribution": _distribution_figure}


def activation_figure(act: dict, layer_id: str) -> go.Figure:
    """One layer's activations on the probe batch: feature maps, a hidden state over time, or a histogram."""
    draw = ACTIVATION_FIGURES.get(act.get("kind"))
    return draw(act, layer_id) if draw else empty(f"No view for {layer_id}'s activations.")
