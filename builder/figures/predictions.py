"""Views of what a trained model predicts: the decision boundary, the confusion matrix, the worst-classified
samples, predicted against actual values, and reconstructions."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import plotly.graph_objects as go

from .samples import add_points, image_grid, is_image_shape
from .style import (INK, MAX_POINTS, MUTED, class_color, empty, label, layout, one_scale, shown_class,
                    shown_classes)


def boundary_figure(view: dict, x: np.ndarray, y: np.ndarray, class_names: Sequence[str] | None = None,
                    task: str = "classification", max_points: int = MAX_POINTS, *, discretize: bool = True,
                    test: tuple[np.ndarray, np.ndarray] | None = None) -> go.Figure:
    """The model's decision over the plane, with the data (x, y) on top, as TensorFlow Playground draws it:
    `discretize` shades each class flat (else two classes blend by probability, more show confidence lines);
    `test` (x, y) adds the held-out points, hollow."""
    fig = go.Figure()
    gx, gy = np.asarray(view["x"]), np.asarray(view["y"])
    if "label" in view:
        _shade_classes(fig, view, gx, gy, class_names, discretize)
    else:
        fig.add_trace(go.Contour(x=gx, y=gy, z=np.asarray(view["value"]), colorscale="Viridis", opacity=0.5,
                                 contours=dict(coloring="heatmap" if discretize else "fill"),
                                 line=dict(width=0 if not discretize else 0.5), ncontours=8 if discretize else 30,
                                 colorbar=dict(thickness=10, title="prediction"), hoverinfo="skip", showlegend=False))
    add_points(fig, *_at_most(x, y, max_points), class_names, task)
    if test is not None and len(test[0]):
        before = len(fig.data)
        add_points(fig, *_at_most(*test, max_points), class_names, task)
        for trace in fig.data[before:]:  # the held-out points: hollow, named as such
            trace.update(name=f"test · {trace.name}", marker=dict(symbol="circle-open", line=dict(width=1.6)),
                         showlegend=task == "classification")
    # equal units on both axes (`one_scale`) by shrinking the plot, not by padding one range with empty space
    fig.update_xaxes(range=[gx.min(), gx.max()], showgrid=False, constrain="domain")
    fig.update_yaxes(range=[gy.min(), gy.max()], showgrid=False, constrain="domain",
                     **(dict(scaleanchor="x", scaleratio=1) if one_scale(gx, gy) else {}))
    return layout(fig, "Decision boundary" if task == "classification" else "Prediction over the plane", height=420,
                   legend=dict(orientation="h", y=-0.12))


def _shade_classes(fig: go.Figure, view: dict, gx, gy, class_names, discretize: bool) -> None:
    labels = np.asarray(view["label"])
    k = max(int(labels.max()) + 1, len(class_names or ()), 2)
    conf = np.asarray(view.get("confidence", np.ones_like(labels)), dtype=float)
    if not discretize and k == 2:  # TF Playground's blend: the probability of the second class, white at 0.5
        p1 = np.where(labels == 1, conf, 1 - conf)
        fig.add_trace(go.Heatmap(x=gx, y=gy, z=p1, zmin=0, zmax=1, showscale=False, opacity=0.5, hoverinfo="skip",
                                 colorscale=[[0, class_color(0)], [0.5, "#ffffff"], [1, class_color(1)]],
                                 showlegend=False))
        return
    scale = [[edge / k, class_color(i)] for i in range(k) for edge in (i, i + 1)]  # one flat band per class
    fig.add_trace(go.Heatmap(x=gx, y=gy, z=labels, zmin=-0.5, zmax=k - 0.5, colorscale=scale, showscale=False,
                             opacity=0.35, hoverinfo="skip", showlegend=False))
    if not discretize:
        fig.add_trace(go.Contour(x=gx, y=gy, z=conf, showscale=False, contours=dict(coloring="none", showlabels=False),
                                 line=dict(color="rgba(255,255,255,0.6)", width=1), ncontours=6, hoverinfo="skip",
                                 showlegend=False))


def _at_most(x, y, n: int):
    x, y = np.asarray(x), np.asarray(y)
    if len(x) > n:
        keep = np.linspace(0, len(x) - 1, n).astype(int)
        return x[keep], y[keep]
    return x, y


def confusion_figure(matrix, class_names: Sequence[str] | None = None) -> go.Figure:
    """Validation confusion matrix: rows are the true class, columns the predicted one."""
    m = np.asarray(matrix, dtype=float)
    names = [label(n) for n in shown_classes(class_names if class_names and len(class_names) == len(m) else None,
                                             len(m))]
    fig = go.Figure(go.Heatmap(z=m, x=names, y=names, colorscale="Blues", showscale=False,
                               text=m.astype(int), texttemplate="%{text}" if len(m) <= 20 else None,
                               hovertemplate="true %{y}, predicted %{x}: %{z}<extra></extra>"))
    fig.update_xaxes(title_text="predicted", type="category", side="bottom")
    fig.update_yaxes(title_text="true", type="category", autorange="reversed")
    return layout(fig, "Confusion matrix (validation)", height=max(300, 28 * len(m) + 120))


WRONG_INK = "#991b1b"  # a dark red: a wrong prediction's caption, readable as text


def worst_figure(worst: Sequence[dict], class_names: Sequence[str] | None = None) -> go.Figure:
    """The validation samples the model gets most wrong, with true and predicted class."""
    if not worst:
        return empty("No misclassified samples to show.")
    name = lambda i: shown_class(class_names, i)
    labels = [f"{name(w['true'])}→{name(w['pred'])} ({w['p_true']:.0%})" for w in worst]
    colors = [WRONG_INK if w["true"] != w["pred"] else INK for w in worst]
    return image_grid(np.stack([np.asarray(w["x"]) for w in worst]), labels, cols=6, label_colors=colors,
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
    return layout(fig, "Predicted vs actual (validation)", height=400, legend=dict(orientation="h", y=-0.15))


def reconstructions_figure(inputs, outputs) -> go.Figure:
    """Autoencoder inputs (top row) and what the network rebuilt from them (bottom row)."""
    a, b = np.asarray(inputs, dtype=float), np.asarray(outputs, dtype=float)
    if is_image_shape(a.shape[1:]):
        both = np.concatenate([a, b.reshape(a.shape)])
        labels = [f"input {i}" for i in range(len(a))] + [f"rebuilt {i}" for i in range(len(b))]
        return image_grid(both, labels, cols=len(a), title="Reconstructions: inputs (top), outputs (bottom)")
    fig = go.Figure()
    for i in range(min(4, len(a))):
        fig.add_trace(go.Scatter(y=a[i].reshape(-1), mode="lines", name=f"input {i}", line=dict(color=class_color(i))))
        fig.add_trace(go.Scatter(y=b[i].reshape(-1), mode="lines", name=f"rebuilt {i}",
                                 line=dict(color=class_color(i), dash="dot")))
    return layout(fig, "Reconstructions: inputs (solid), outputs (dotted)", height=320)
