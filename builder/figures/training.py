"""Training curves: loss, accuracy or R², learning rate and runs compared; and the network's health as it trains
(weight and gradient distributions, gradient norms, gradient flow, the gradient through time)."""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .style import ERROR_RED, MAX_POINTS, class_color, decimate, empty, epoch_curve, epoch_points, label, layout
from .svg import line_chart


def _epochs_axis(steps: Sequence, steps_per_epoch: int) -> list[float]:
    return [s / steps_per_epoch for s in steps] if steps_per_epoch else list(steps)


def loss_series(steps: dict, epochs: Sequence[dict], steps_per_epoch: int, max_points: int = MAX_POINTS) -> list[dict]:
    """The loss curves, against epochs: the training loss per step (faint), then per epoch for training and for
    validation, each a dict of name, color, width, xs, ys and `marked` (few enough points to mark each). Shared by the
    Plotly figure and the Playground's SVG chart."""
    if not steps.get("loss"):
        return []
    xs, ys = decimate(_epochs_axis(steps["step"], steps_per_epoch), steps["loss"], max_points)
    series = [dict(name="train (batch)", color="rgba(37,99,235,0.35)", width=1, xs=xs, ys=ys, marked=False)]
    for key, name, color in (("train_loss", "train (epoch)", "#2563eb"), ("val_loss", "validation", "#ea580c")):
        rows = [r for r in epochs if r.get(key) is not None]
        if rows:
            xs, ys, marked = epoch_points(rows, key, max_points)
            series.append(dict(name=name, color=color, width=2, xs=xs, ys=ys, marked=marked))
    return series


LOSS_EMPTY = "The loss appears here after the first batch."


def loss_figure(steps: dict, epochs: Sequence[dict], steps_per_epoch: int, log_y: bool = False,
                max_points: int = MAX_POINTS) -> go.Figure:
    """Training loss per step (faint), and per epoch for training and validation (`loss_series`)."""
    series = loss_series(steps, epochs, steps_per_epoch, max_points)
    if not series:
        return empty(LOSS_EMPTY)
    fig = go.Figure([go.Scatter(x=s["xs"], y=s["ys"], mode="lines+markers" if s["marked"] else "lines", name=s["name"],
                                line=dict(color=s["color"], width=s["width"])) for s in series])
    fig.update_xaxes(title_text="epoch")
    fig.update_yaxes(title_text="loss", type="log" if log_y else "linear")
    return layout(fig, "Loss", legend=dict(orientation="h", y=1.12, x=1, xanchor="right"))


def loss_svg(steps: dict, epochs: Sequence[dict], steps_per_epoch: int, height: int = 215) -> str:
    """The loss chart of `loss_figure` as SVG text (`svg.line_chart`): drawn the moment it arrives, with no script."""
    return line_chart(loss_series(steps, epochs, steps_per_epoch), "Loss", "epoch", height=height, message=LOSS_EMPTY)


METRICS = {"classification": ("acc", "accuracy"), "regression": ("r2", "R²"), "reconstruction": ("r2", "R²")}


def metric_figure(epochs: Sequence[dict], task: str) -> go.Figure:
    """Accuracy (classification) or R² (regression, reconstruction) per epoch, training and validation."""
    key, metric = METRICS.get(task, ("acc", "accuracy"))
    if not epochs:
        return empty(f"The {metric} appears here after the first epoch.")
    fig = go.Figure()
    for prefix, name, color in (("train", "train", "#2563eb"), ("val", "validation", "#ea580c")):
        rows = [r for r in epochs if r.get(f"{prefix}_{key}") is not None]
        if rows:
            fig.add_trace(epoch_curve(rows, f"{prefix}_{key}", name=name, line=dict(color=color, width=2)))
    fig.update_xaxes(title_text="epoch")
    fig.update_yaxes(title_text=metric, range=[0, 1.02] if key == "acc" else None)
    return layout(fig, metric.capitalize() if key == "acc" else metric,
                   legend=dict(orientation="h", y=1.12, x=1, xanchor="right"))


def lr_figure(steps: dict, steps_per_epoch: int, max_points: int = MAX_POINTS) -> go.Figure:
    if not steps.get("lr"):
        return empty("The learning rate appears here after the first batch.", height=220)
    xs, ys = decimate(_epochs_axis(steps["step"], steps_per_epoch), steps["lr"], max_points)
    fig = go.Figure(go.Scatter(x=xs, y=ys, mode="lines", name="learning rate", line=dict(color="#7c3aed")))
    fig.update_xaxes(title_text="epoch")
    fig.update_yaxes(title_text="lr", exponentformat="e", range=[0, max(ys) * 1.15 or 1])
    return layout(fig, "Learning rate", height=220)


def histograms_figure(trace: dict, layer_id: str) -> go.Figure:
    """A layer's weight and gradient distributions over time, as TensorBoard's histograms: one column per
    logged step, colour = how many values fall in each bin (log scale)."""
    if not trace.get("steps"):
        return empty(f"No histograms for {layer_id} yet.")
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
    return layout(fig, f"{layer_id}: distributions over time", height=300)


def grad_norm_figure(layers: dict, max_points: int = MAX_POINTS) -> go.Figure:
    """Gradient norm per layer over training (log scale): layers whose line sinks far below the rest barely learn."""
    fig = go.Figure()
    for i, (lid, t) in enumerate(layers.items()):
        xs, ys = decimate(t.get("steps", []), t.get("grad_norm", []), max_points)
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=[max(v, 1e-12) for v in ys], mode="lines", name=label(lid),
                                     line=dict(color=class_color(i))))
    if not fig.data:
        return empty("Gradient norms appear here after the first batches.")
    fig.update_xaxes(title_text="step")
    fig.update_yaxes(title_text="gradient norm", type="log", dtick=1)  # one label per decade: minor ones crowd
    return layout(fig, "Gradient norm per layer", legend=dict(orientation="h", y=-0.25))


def gradient_flow_figure(layers: dict, alerts: Sequence[dict] = ()) -> go.Figure:
    """The latest gradient norm of each layer, input side first; red bars are layers with a health alert."""
    ids = [lid for lid, t in layers.items() if t.get("grad_norm")]
    if not ids:
        return empty("Gradient flow appears here after the first batches.")
    flagged = {a.get("layer") for a in alerts if a.get("layer")}
    values = [max(layers[lid]["grad_norm"][-1], 1e-12) for lid in ids]
    fig = go.Figure(go.Bar(x=[label(lid) for lid in ids], y=values,
                           marker_color=[ERROR_RED if lid in flagged else "#2563eb" for lid in ids],
                           hovertemplate="%{x}: %{y:.3g}<extra></extra>"))
    low, high = math.log10(min(values)), math.log10(max(values))
    fig.update_yaxes(title_text="latest gradient norm", type="log", range=[low - 1, high + 0.3], dtick=1)
    return layout(fig, "Gradient flow (input → output)", height=280)


def compare_figure(runs: Sequence[dict], key: str = "val_loss", log_y: bool = False) -> go.Figure:
    """One curve per run for an epoch metric. runs: {"label", "epochs": [rows]}."""
    fig = go.Figure()
    for i, run in enumerate(runs):
        rows = [r for r in run.get("epochs", []) if r.get(key) is not None]
        if rows:
            fig.add_trace(epoch_curve(rows, key, name=label(run["label"]), line=dict(color=class_color(i), width=2)))
    if not fig.data:
        return empty(f"No run has logged {key} yet.")
    fig.update_xaxes(title_text="epoch")
    fig.update_yaxes(title_text=label(key), type="log" if log_y else "linear")
    return layout(fig, f"Compare runs: {key}", legend=dict(orientation="h", y=-0.2))


def comparison_figure(runs: Sequence[dict], keys: Sequence[str], outputs: Sequence[go.Figure | None],
                      title: str = "Variants from the same start") -> go.Figure:
    """A comparison as one figure (what its download holds): a row of curves, one panel per key in `keys`, each
    run overlaid (runs as compare_figure takes them), over a row with each run's output picture (`outputs`, one
    figure or None per run: its decision boundary or confusion matrix), titled by the run's label."""
    drawn = [f for f in outputs if f is not None]
    cols = max(len(keys), len(outputs) if drawn else 1, 1)
    rows = 2 if drawn else 1
    titles = [label(k) for k in keys] + [""] * (cols - len(keys))
    if drawn:
        titles += [label(r["label"]) for r in runs][:cols] + [""] * (cols - len(runs))
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, vertical_spacing=0.14, horizontal_spacing=0.06)
    for c, key in enumerate(keys, 1):
        for i, run in enumerate(runs):
            rows_with = [r for r in run.get("epochs", []) if r.get(key) is not None]
            fig.add_trace(epoch_curve(rows_with, key, name=label(run["label"]), legendgroup=str(i), showlegend=c == 1,
                                      line=dict(color=class_color(i), width=2)), row=1, col=c)
        fig.update_xaxes(title_text="epoch", row=1, col=c)
    for c, output in enumerate(outputs, 1):
        for trace in (output.data if output is not None else ()):
            trace = go.Figure(trace).data[0]  # a copy: the page's own figure keeps its traces
            if hasattr(trace, "showscale"):
                trace.showscale = False
            fig.add_trace(trace.update(showlegend=False), row=2, col=c)
    return layout(fig, title, height=330 * rows + 40, legend=dict(orientation="h", y=-0.08))


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
        color = class_color(i)
        older = samples[:-1][-(max_lines - 1):] if max_lines > 1 else []
        for k, (step, norms) in enumerate(older):
            fig.add_trace(go.Scatter(x=list(range(1, len(norms) + 1)), y=[max(v, 1e-30) for v in norms],
                                     mode="lines", line=dict(color=color, width=1), opacity=0.15 + 0.1 * k,
                                     name=label(f"{lid} at step {step}"), showlegend=False, hoverinfo="skip"))
        step, norms = samples[-1]
        fig.add_trace(go.Scatter(x=list(range(1, len(norms) + 1)), y=[max(v, 1e-30) for v in norms],
                                 mode="lines+markers", marker=dict(size=4), line=dict(color=color, width=2.5),
                                 name=label(f"{lid} (step {step})"),
                                 hovertemplate="t=%{x}: %{y:.2e}<extra>" + label(lid) + "</extra>"))
    if not fig.data:
        return empty("The gradient through time appears here once a recurrent layer has trained a few steps.")
    fig.update_xaxes(title_text="time step t (1 = first input)")
    shown = [max(v, 1e-30) for trace in fig.data for v in trace.y]
    decades = math.log10(max(shown)) - math.log10(min(shown)) if shown else 1
    fig.update_yaxes(title_text="‖∂L/∂hₜ‖", type="log", exponentformat="power",  # a few labelled decades, no minor
                     dtick=max(1, math.ceil(decades / 4)), minor=dict(showgrid=False, ticks=""))  # ticks: they crowd
    return layout(fig, "Gradient through time: how much each step's hidden state still affects the loss",
                   legend=dict(orientation="h", y=-0.25))


def hidden_state_figure(values, layer: str) -> go.Figure:
    """A recurrent layer's hidden state for one sample as a heatmap: time step across, unit down (values:
    [units, steps])."""
    z = np.asarray(values, dtype=float)
    fig = go.Figure(go.Heatmap(z=z, x=list(range(1, z.shape[1] + 1)), y=list(range(z.shape[0])), colorscale="RdBu",
                               zmid=0, colorbar=dict(thickness=8, title="hₜ"),
                               hovertemplate="t=%{x}, unit %{y}: %{z:.3f}<extra></extra>"))
    fig.update_xaxes(title_text="time step t")
    fig.update_yaxes(title_text="unit", autorange="reversed")
    return layout(fig, f"{layer}: hidden state (one sample)")
