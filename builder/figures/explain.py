"""Views of one sample going through a network: each layer's output for it (a unit strip, feature maps, a time ×
unit heatmap, attention per head), the output (class probabilities or values), what the answer rests on
(attributions over the input, the input gradient as arrows on the plane) and a small layer's weights."""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..text import SPECIALS
from .samples import add_points, is_image_shape
from .style import ERROR_RED, INK, MUTED, class_color, empty, label, layout, one_scale, shown_name

SIGNED = "RdBu"  # negative red, zero white, positive blue; every signed value on this page uses it
SIZE = "Viridis"  # sizes (saliency, Grad-CAM, attention weights): dark small, yellow large
DEAD = "#c4c7cc"  # a unit that is exactly zero after a ReLU: grey, never the colour of the lowest value
MAX_CLASSES = 20  # the probabilities chart shows at most this many classes (the likeliest)
MAP_COLS = 8


def _names(names, n: int, prefix: str = "") -> list[str]:
    """n display names: the given ones (seen as `shown_name`, escaped) where there are enough, else numbers."""
    names = list(names or [])
    return [label(shown_name(names[i])) if i < len(names) else f"{prefix}{i}" for i in range(n)]


def _bound(lo: float, hi: float) -> float:
    """The half-width of a colour scale centred on zero that holds lo..hi."""
    return max(abs(float(lo)), abs(float(hi)), 1e-12)


def _dead_overlay(z: np.ndarray, dead_columns: Sequence[int], x=None) -> go.Heatmap:
    """A grey heatmap over the columns of `z` that are dead units (NaN elsewhere, so it draws nothing there)."""
    mask = np.full(z.shape, np.nan)
    cols = [c for c in dead_columns if c < z.shape[1]]
    mask[:, cols] = 0.0
    return go.Heatmap(z=mask, x=x, colorscale=[[0, DEAD], [1, DEAD]], showscale=False, hoverinfo="skip")


def unit_strip_figure(layer_id: str, view: dict, unit_names: Sequence[str] | None = None) -> go.Figure:
    """A vector output as a strip of labelled units (numbers, or `unit_names`: the output layer's classes),
    coloured by value (a shared scale centred on 0), dead units grey."""
    values = np.asarray(view["values"], dtype=float).reshape(1, -1)
    m = _bound(view.get("lo", 0), view.get("hi", 0))
    fig = go.Figure(go.Heatmap(z=values, zmin=-m, zmax=m, colorscale=SIGNED, xgap=1,
                               colorbar=dict(thickness=10, len=1.1, title=dict(text="value", side="right")),
                               hovertemplate="unit %{x}: %{z:.4g}<extra></extra>"))
    dead = view.get("zero_units") or []
    if dead:
        fig.add_trace(_dead_overlay(values, dead))
    n = values.shape[1]
    ticks = dict(tickmode="array", tickvals=list(range(n)), ticktext=_names(unit_names, n)) if n <= 32 else {}
    fig.update_xaxes(title_text="unit" if unit_names is None else "unit (class)", **ticks)
    fig.update_yaxes(visible=False)
    return layout(fig, _title(layer_id, view, "units"), height=150)


def _title(layer_id: str, view: dict, what: str) -> str:
    shown, total = view.get("shown"), view.get("total")
    part = f"{total} {what}" if shown == total else f"first {shown} of {total} {what}"
    dead = len(view.get("zero_units") or [])
    return f"{layer_id} · {part}" + (f" · {dead} zero (grey)" if dead else "")


def feature_maps_figure(layer_id: str, view: dict) -> go.Figure:
    """A convolution's feature maps for the sample, one small heatmap each on one shared colour scale."""
    maps = np.asarray(view["maps"], dtype=float)
    n = len(maps)
    cols = min(MAP_COLS, n)
    rows = math.ceil(n / cols)
    dead = set(view.get("zero_units") or [])
    fig = make_subplots(rows, cols, subplot_titles=[f"map {i}" + (" (zero)" if i in dead else "") for i in range(n)],
                        horizontal_spacing=0.02, vertical_spacing=0.12 / rows)
    m = _bound(view.get("lo", 0), view.get("hi", 0))
    for i, fmap in enumerate(maps):
        scale = [[0, DEAD], [1, DEAD]] if i in dead else SIGNED
        fig.add_trace(go.Heatmap(z=fmap, zmin=-m, zmax=m, colorscale=scale, showscale=i == 0,
                                 colorbar=dict(thickness=10, title=dict(text="value", side="right")),
                                 hovertemplate=f"map {i}<br>row %{{y}}, column %{{x}}: %{{z:.4g}}<extra></extra>"),
                      i // cols + 1, i % cols + 1)
    _square_pixels(fig, n)
    fig.update_annotations(font_size=10)
    return layout(fig, _title(layer_id, view, "feature maps"), height=90 + 95 * rows)


def _square_pixels(fig: go.Figure, panels: int) -> None:
    """Image panels with square pixels, row 0 on top, a thin frame (a white border of an image stays visible),
    no ticks."""
    frame = dict(showticklabels=False, ticks="", showgrid=False, zeroline=False, showline=True, mirror=True,
                 linecolor="#d1d5db")
    fig.update_xaxes(**frame)
    fig.update_yaxes(autorange="reversed", **frame)
    for k in range(1, panels + 1):
        suffix = "" if k == 1 else str(k)
        fig.layout[f"yaxis{suffix}"].update(scaleanchor=f"x{suffix}", constrain="domain")
        fig.layout[f"xaxis{suffix}"].update(constrain="domain")


def time_unit_figure(layer_id: str, matrix, what: str = "hidden state", tokens: Sequence[str] | None = None,
                     max_ticks: int = 32) -> go.Figure:
    """A [time step, unit] output as a heatmap: time down, units across, a colour scale centred on 0; a text's
    time steps named by its `tokens` (every one up to `max_ticks`, else every k-th)."""
    z = np.asarray(matrix, dtype=float)
    m = _bound(np.nanmin(z) if z.size else 0, np.nanmax(z) if z.size else 0)
    fig = go.Figure(go.Heatmap(z=z, zmin=-m, zmax=m, colorscale=SIGNED,
                               colorbar=dict(thickness=10, title=dict(text="value", side="right")),
                               hovertemplate="step %{y}, unit %{x}: %{z:.4g}<extra></extra>"))
    fig.update_xaxes(title_text="unit")
    fig.update_yaxes(title_text="time step", autorange="reversed")
    height = min(420, 140 + 6 * len(z))
    if tokens is not None and len(tokens) == len(z):  # a row per token, tall enough for its name
        every = max(1, math.ceil(len(z) / max_ticks))
        fig.update_yaxes(title_text="token", tickvals=list(range(0, len(z), every)),
                         ticktext=token_marks(list(tokens)[::every]))
        height = max(height, min(640, 100 + 13 * len(z) // every))
    return layout(fig, f"{layer_id} · {what} (time × unit)", height=height)


def token_marks(tokens: Sequence[str]) -> list[str]:
    """Tokens as tick labels: whitespace as a visible mark, each escaped (they are the person's text)."""
    return [label(shown_name(t)) for t in tokens]


def attention_figure(layer_id: str, attention, tokens: Sequence[str] | None = None, cols: int = 4,
                     height_per_row: int = 220, max_ticks: int = 32) -> go.Figure:
    """Attention weights per head: which key step (across) each query step (down) looks at; rows sum to 1. With
    `tokens` (a text sample's), the axes name the tokens (every one up to `max_ticks`, else every k-th; hovering
    names each), so a head that looks at the character before shows as a diagonal of letters."""
    heads = np.asarray(attention, dtype=float)
    cols = max(1, min(cols, len(heads)))
    rows = math.ceil(len(heads) / cols)
    fig = make_subplots(rows, cols, subplot_titles=[f"head {h}" for h in range(len(heads))],
                        horizontal_spacing=0.04, vertical_spacing=0.12 / rows)
    n = heads.shape[-1] if len(heads) else 0
    marks = token_marks(list(tokens)[:n]) if tokens is not None else None
    hover = ("query %{y} → key %{x}" if marks is None else
             "query %{y} (%{customdata[0]}) → key %{x} (%{customdata[1]})")
    custom = None if marks is None else np.dstack(np.meshgrid(marks, marks)[::-1])
    for h, weights in enumerate(heads):
        fig.add_trace(go.Heatmap(z=weights, zmin=0, zmax=1, colorscale=SIZE, showscale=h == 0, customdata=custom,
                                 colorbar=dict(thickness=10, title=dict(text="weight", side="right")),
                                 hovertemplate=f"head {h}<br>{hover}: %{{z:.3f}}<extra></extra>"),
                      h // cols + 1, h % cols + 1)
    if marks is not None:
        shown = list(range(0, n, math.ceil(n / max(1, max_ticks)) or 1))
        fig.update_xaxes(tickvals=shown, ticktext=[marks[i] for i in shown], tickfont=dict(size=9), tickangle=0)
        fig.update_yaxes(tickvals=shown, ticktext=[marks[i] for i in shown], tickfont=dict(size=9))
    fig.update_yaxes(autorange="reversed")
    for c in range(1, cols + 1):  # the axes say what they hold once, at the bottom and on the left
        fig.update_xaxes(title_text="key token" if marks is not None else "key step", row=rows, col=c)
    for r in range(1, rows + 1):
        fig.update_yaxes(title_text="query token" if marks is not None else "query step", row=r, col=1)
        for c in range(1, cols + 1):  # inner maps share the outer ones' labels
            fig.update_yaxes(showticklabels=c == 1, row=r, col=c)
            fig.update_xaxes(showticklabels=r == rows, row=r, col=c)
    return layout(fig, f"{layer_id} · attention per head", height=120 + height_per_row * rows)


def layer_output_figures(layer_id: str, view: dict, unit_names: Sequence[str] | None = None,
                         tokens: Sequence[str] | None = None) -> list[go.Figure]:
    """The figures of one layer's output for the sample (a recurrent layer: its hidden state over time; attention:
    its weights per head, and the output itself); `unit_names` name a vector's units, `tokens` a text's steps."""
    found = []
    if "hidden" in view:
        found.append(time_unit_figure(layer_id, view["hidden"], tokens=tokens))
    if "attention" in view:
        found.append(attention_figure(layer_id, view["attention"], tokens))
    kind = view.get("kind")
    if kind == "maps":
        found.append(feature_maps_figure(layer_id, view))
    elif kind == "matrix" and "hidden" not in view:
        found.append(time_unit_figure(layer_id, view["values"], "output", tokens))
    elif kind in ("vector", "values"):
        found.append(unit_strip_figure(layer_id, view, unit_names))
    return found


def probabilities_figure(output: dict) -> go.Figure:
    """Each class's probability for the sample, likeliest first; the predicted class coloured, the true one
    marked."""
    probs = np.asarray(output["probabilities"], dtype=float)
    names = _names(output.get("class_names"), len(probs), "class ")
    order = np.argsort(-probs, kind="stable")[:MAX_CLASSES][::-1]
    true, predicted = output.get("true"), output.get("predicted")
    colours = [class_color(i) if i == predicted else "#cbd5e1" for i in order]
    text = [f"{probs[i]:.1%}" + ("  ← true class" if i == true else "") for i in order]
    fig = go.Figure(go.Bar(x=probs[order], y=[names[i] for i in order], orientation="h", marker_color=colours,
                           text=text, textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{x:.2%}<extra></extra>"))
    fig.update_xaxes(range=[0, 1.25], tickvals=[0, 0.25, 0.5, 0.75, 1], tickformat=".0%", title_text="probability")
    fig.update_yaxes(type="category")
    return layout(fig, "Each class's probability", height=max(200, 60 + 24 * len(order)))


def values_figure(output: dict) -> go.Figure:
    """A regression sample's predicted values beside the true ones."""
    pred = np.asarray(output["predicted"], dtype=float).reshape(-1)
    xs = [f"output {i}" for i in range(len(pred))]
    fig = go.Figure(go.Bar(x=xs, y=pred, name="predicted", marker_color="#2563eb"))
    if output.get("true") is not None:
        fig.add_trace(go.Bar(x=xs, y=np.asarray(output["true"], dtype=float).reshape(-1), name="true",
                             marker_color=MUTED))
    return layout(fig, "Predicted and true values", height=240, barmode="group")


def sample_figure(values, feature_names: Sequence[str] | None = None, title: str = "The sample",
                  read=None) -> go.Figure:
    """The raw sample as the network reads it: an image, a sequence (time × feature) or one bar per feature. With
    `read` (the features standardised as the network reads them), a table's bars are those, each raw value on
    hover: features of different scales (a date's day count beside a 0/1 category) side by side."""
    x = np.asarray(values, dtype=float)
    if read is not None and x.ndim == 1:
        z = np.asarray(read, dtype=float).reshape(-1)
        fig = _feature_bars(z, feature_names, title, "standardised value")
        fig.update_traces(customdata=x, hovertemplate="%{x}: %{customdata:.6g} (%{y:+.2f} standard deviations from "
                                                      "the training mean)<extra></extra>")
        return fig
    if is_image_shape(x.shape):
        img = x[0] if x.shape[0] in (1, 3) and x.ndim == 3 else x
        fig = go.Figure(go.Heatmap(z=img if img.ndim == 2 else img.mean(0), colorscale="Greys", showscale=False,
                                   hovertemplate="row %{y}, column %{x}: %{z:.3g}<extra></extra>"))
        _square_pixels(fig, 1)
        return layout(fig, title, height=260)
    if x.ndim == 2:
        return time_unit_figure(title, x, "input").update_xaxes(title_text="feature")
    return _feature_bars(x.reshape(-1), feature_names, title, "value")


TOKENS_PER_ROW = 32  # a text sample is drawn as lines of at most this many tokens (characters), fewer when longer
NEUTRAL = "#f1f5f9"


PAD_TOKEN = SPECIALS[0]  # the padding token (id 0 of every vocabulary): a short text is filled out in front with it
PAD_MARK = "·"  # what a padding cell shows, so that the words stand out; its hover still names it


SCALE_MIN_HEIGHT = 150  # a token strip with a colour scale: below this the scale's ticks run into each other


def token_strip_figure(tokens: Sequence[str], values=None, title: str = "The sample", what: str = "value",
                       signed: bool = True) -> go.Figure:
    """A text sample as it reads: its tokens in order, wrapped into lines, each in a cell (whitespace drawn as
    marks, padding as a dot); with `values` (one per token, an attribution), each cell coloured by its value: red
    negative, blue positive when `signed`, else a size from white to dark blue."""
    tokens = list(tokens)
    padded = [t == PAD_TOKEN for t in tokens]
    written = token_marks(tokens)
    marks = [PAD_MARK if pad else m for m, pad in zip(written, padded)]
    names = [f"{m} (padding)" if pad else m for m, pad in zip(written, padded)]
    longest = max((len(shown_name(t)) for t, pad in zip(tokens, padded) if not pad), default=1)  # as drawn
    per_row = max(4, min(TOKENS_PER_ROW, 96 // max(3, longest)))
    rows = max(1, math.ceil(len(marks) / per_row))

    def grid(items, fill) -> np.ndarray:  # the items in lines of per_row, the last line filled out
        items = list(items)
        return np.asarray(items + [fill] * (rows * per_row - len(items)), dtype=object).reshape(rows, per_row)

    text = grid(marks, "")
    about = np.stack([grid(range(len(marks)), None), grid(names, "")], axis=-1)  # step and name, for the hover
    if values is None:
        z = np.where(text == "", np.nan, 0.0).astype(float)
        colours, m, scale = [[0, NEUTRAL], [1, NEUTRAL]], 1.0, False
        hover = "step %{customdata[0]}: %{customdata[1]}<extra></extra>"
    else:
        v = np.asarray(values, dtype=float).reshape(-1)[:len(marks)]
        z = grid(v.tolist(), np.nan).astype(float)
        m = _bound(np.nanmin(v) if v.size else 0, np.nanmax(v) if v.size else 0)
        colours, scale = SIGNED if signed else "Blues", True
        hover = f"step %{{customdata[0]}}: %{{customdata[1]}}, {label(what)} %{{z:.3g}}<extra></extra>"
    fig = go.Figure(go.Heatmap(z=z, zmin=-m if signed else 0.0, zmax=m, colorscale=colours, showscale=scale,
                               text=text, texttemplate="%{text}", textfont=dict(size=13), customdata=about,
                               xgap=2, ygap=2, hovertemplate=hover,
                               colorbar=dict(thickness=10, nticks=3, title=dict(text=label(what), side="right"))))
    if any(padded):
        title = f"{title} ({sum(padded)} of {len(tokens)} steps are padding, drawn {PAD_MARK})"
    # a scale needs room for its ticks and title beside one or two lines of tokens
    fig = layout(fig, title, height=max(70 + 30 * rows, SCALE_MIN_HEIGHT if scale else 0))
    fig.update_xaxes(visible=False)
    return fig.update_yaxes(visible=False, autorange="reversed")


def _feature_bars(values: np.ndarray, feature_names, title: str, what: str) -> go.Figure:
    names = _names(feature_names, len(values), "x")
    colours = ["#2563eb" if v >= 0 else ERROR_RED for v in values]
    fig = go.Figure(go.Bar(x=names, y=values, marker_color=colours, hovertemplate="%{x}: %{y:.4g}<extra></extra>"))
    fig.update_xaxes(type="category")
    fig.update_yaxes(title_text=what)
    return layout(fig, title, height=240)


def attribution_figure(attribution: dict, sample, feature_names: Sequence[str] | None = None,
                       tokens: Sequence[str] | None = None) -> go.Figure:
    """An attribution over the input: beside the image (saliency or Grad-CAM as heat, signed methods red/blue), as
    a time × feature heatmap for sequences, on the text itself for a text sample (`tokens`), as one bar per
    feature otherwise."""
    values = np.asarray(attribution["values"], dtype=float)
    signed = attribution["method"] in ("gradient", "integrated_gradients")
    name = attribution.get("name") or attribution["method"].replace("_", " ")
    title = f"{name} for class “{shown_name(attribution['target_label'])}”"
    x = np.asarray(sample, dtype=float)
    if is_image_shape(x.shape) or attribution["method"] == "grad_cam":
        return _image_attribution(values, x, signed, title)
    if tokens is not None and values.size == len(tokens):
        return token_strip_figure(tokens, values, title, "attribution", signed)
    if values.ndim == 2:
        return time_unit_figure(title, values, "attribution").update_xaxes(title_text="feature")
    return _feature_bars(values.reshape(-1), feature_names, title, "attribution")


def _image_attribution(values: np.ndarray, x: np.ndarray, signed: bool, title: str) -> go.Figure:
    """The image and its attribution side by side (a [C, H, W] attribution summed over channels)."""
    heat = values.sum(0) if values.ndim == 3 else values
    img = x.mean(0) if x.ndim == 3 else x
    fig = make_subplots(1, 2, subplot_titles=["input", "attribution"], horizontal_spacing=0.06)
    fig.add_trace(go.Heatmap(z=img, colorscale="Greys", showscale=False, hoverinfo="skip"), 1, 1)
    m = _bound(heat.min() if heat.size else 0, heat.max() if heat.size else 0)
    scale = dict(zmin=-m, zmax=m, colorscale=SIGNED) if signed else dict(colorscale=SIZE, zmin=0)
    fig.add_trace(go.Heatmap(z=heat, colorbar=dict(thickness=10), **scale,
                             hovertemplate="row %{y}, column %{x}: %{z:.3g}<extra></extra>"), 1, 2)
    _square_pixels(fig, 2)
    return layout(fig, title, height=280)


def gradient_field_figure(field: dict | None, x: np.ndarray, y: np.ndarray, class_names: Sequence[str] | None = None,
                          task: str = "classification", sample=None) -> go.Figure:
    """The plane with the data and the sample (a star), and (given `field`) arrows of the input gradient: which
    way a point would have to move for the explained output to grow (longer: faster)."""
    fig = go.Figure()
    add_points(fig, np.asarray(x), np.asarray(y), class_names, task)
    if field is not None:
        _add_arrows(fig, field, task)
    if sample is not None:
        s = np.asarray(sample, dtype=float).reshape(-1)
        fig.add_trace(go.Scatter(x=[s[0]], y=[s[1]], mode="markers", name="this sample",
                                 marker=dict(symbol="star", size=16, color="#facc15", line=dict(color=INK, width=1.5))))
    if one_scale(*np.asarray(x, dtype=float).reshape(-1, 2).T):
        fig.update_yaxes(scaleanchor="x", scaleratio=1)
    title = f"Input gradient: where {_explained(field, task)} grows" if field is not None else "The sample on the plane"
    return layout(fig, title, height=400 if field is not None else 300, legend=dict(orientation="h", y=-0.14))


def _explained(field: dict, task: str) -> str:
    return f"p({field['label']})" if task == "classification" else str(field["label"])


def _add_arrows(fig: go.Figure, field: dict, task: str) -> None:
    """One arrow per grid point, its length growing with the square root of the gradient's size (so the small ones
    still show which way), the longest about one grid step; its head sized with it."""
    gx, gy = np.meshgrid(np.asarray(field["x"], dtype=float), np.asarray(field["y"], dtype=float))
    u, v = np.asarray(field["u"], dtype=float), np.asarray(field["v"], dtype=float)
    step = min(np.ptp(gx), np.ptp(gy)) / max(1, len(field["x"]) - 1)
    size = np.hypot(u, v)
    top = size.max() if size.size and size.max() > 0 else 1.0
    length = 0.9 * step * np.sqrt(size / top)
    scale = np.divide(length, size, out=np.zeros_like(size), where=size > 0)
    tips_x, tips_y = gx + u * scale, gy + v * scale
    xs = np.stack([gx.ravel(), tips_x.ravel(), np.full(gx.size, np.nan)], 1).ravel()
    ys = np.stack([gy.ravel(), tips_y.ravel(), np.full(gy.size, np.nan)], 1).ravel()
    heads = np.stack([np.zeros(gx.size), 3 + 6 * np.sqrt(size / top).ravel(), np.zeros(gx.size)], 1).ravel()
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines+markers", line=dict(color=INK, width=1.2), hoverinfo="skip",
                             marker=dict(symbol="arrow", angleref="previous", size=heads, color=INK),
                             name=f"gradient of {label(_explained(field, task))}"))


def weights_figure(layer_id: str, weights, bias=None, dead_units: Sequence[int] = ()) -> go.Figure:
    """A small dense layer's weights (unit down, input across) on a colour scale centred on 0, its bias as one more
    column; dead units' rows grey."""
    w = np.asarray(weights, dtype=float)
    z = w if bias is None else np.concatenate([w, np.asarray(bias, dtype=float).reshape(-1, 1)], 1)
    cols = [f"in {j}" for j in range(w.shape[1])] + ([] if bias is None else ["bias"])
    m = _bound(np.nanmin(z) if z.size else 0, np.nanmax(z) if z.size else 0)
    fig = go.Figure(go.Heatmap(z=z, x=cols, zmin=-m, zmax=m, colorscale=SIGNED, xgap=1, ygap=1,
                               colorbar=dict(thickness=10, title=dict(text="weight", side="right")),
                               hovertemplate="unit %{y} ← %{x}: %{z:.4g}<extra></extra>"))
    if len(dead_units):
        mask = np.full(z.shape, np.nan)
        mask[[d for d in dead_units if d < len(z)], :] = 0.0
        fig.add_trace(go.Heatmap(z=mask, x=cols, colorscale=[[0, DEAD], [1, DEAD]], showscale=False,
                                 hoverinfo="skip"))
    fig.update_xaxes(type="category", title_text="input")
    fig.update_yaxes(autorange="reversed", title_text="unit")
    dead = f" · {len(dead_units)} dead units (grey)" if len(dead_units) else ""
    return layout(fig, f"{layer_id} · weights{dead}", height=140 + 18 * len(z))


def no_view(layer_id: str) -> go.Figure:
    return empty(f"No view of {layer_id}'s output.")


def clickable_cells(fig: go.Figure, matrix) -> go.Figure:
    """A confusion matrix whose cells can be clicked: a heatmap cannot be selected in Plotly, so one invisible
    marker sits on each non-empty cell, carrying (true class, predicted class) as its customdata."""
    m = np.asarray(matrix)
    cells = [(t, p) for t in range(len(m)) for p in range(len(m)) if m[t, p] > 0]
    return _click_markers(fig, cells, "true %{y}, predicted %{x}: click to follow its samples")


def clickable_weights(fig: go.Figure) -> go.Figure:
    """A weights figure (see `weights_figure`) whose cells can be clicked: (unit, input) as customdata, input -1
    for the bias column."""
    rows, cols = np.asarray(fig.data[0].z).shape
    cells = [(r, c) for r in range(rows) for c in range(cols)]
    _click_markers(fig, cells, "unit %{y} ← %{x}: click to edit")
    names = list(fig.data[0].x)
    fig.data[-1].customdata = [[r, -1 if names[c] == "bias" else c] for r, c in cells]
    return fig


def _click_markers(fig: go.Figure, cells: list[tuple[int, int]], hover: str) -> go.Figure:
    """One invisible marker on each (row, column) cell of the figure's first heatmap, which Plotly cannot select."""
    heat = fig.data[0]
    rows, cols = np.asarray(heat.z).shape
    names_x = list(heat.x) if heat.x is not None else list(range(cols))
    names_y = list(heat.y) if heat.y is not None else list(range(rows))
    fig.add_trace(go.Scatter(x=[names_x[c] for _, c in cells], y=[names_y[r] for r, _ in cells], mode="markers",
                             customdata=[[r, c] for r, c in cells], showlegend=False,
                             marker=dict(size=max(10, min(40, 360 // max(1, rows, cols))), opacity=0, symbol="square"),
                             selected=dict(marker=dict(opacity=0.3, color=INK)),
                             hovertemplate=hover + "<extra></extra>"))
    return fig
