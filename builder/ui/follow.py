"""Click a sample, see its path through the network: a point of the decision boundary or of predicted-vs-actual, a
cell of the confusion matrix (then one of its samples) or one of the worst samples, on the Playground and the
Training tab, is picked here and followed through the run's network right under the chart (each layer's output,
the prediction, each class's probability, the loss). The Explain tab then shows the same sample, with why."""
from __future__ import annotations

import functools
import json
import time
from typing import TYPE_CHECKING

import numpy as np
import streamlit as st

from ..errors import DataError
from ..figures import explain as fx
from . import runs, state
from .looks import CHART, Looked, answer_line, current_look, traced_layers
from .text import plain

# the engine's modules (torch) are imported in the functions that use them: the first screen imports this one
if TYPE_CHECKING:
    from ..trace import Trace

PICKABLE = ("boundary", "confusion", "regression")  # the output views whose samples a click can pick
POINT_KEYS = ("x", "y", "curve_number", "point_index", "customdata")
MATCH = 1e-4  # a clicked point this close to a sample (on both axes) is that sample


# ---- a click on a chart ----------------------------------------------------------------------------

def pickable_chart(fig, key: str, view: str, where: str) -> None:
    """A run's output view (`view`: boundary, confusion, regression) drawn so that a click on a sample picks it
    for the panel `where` ("pg", "train") draws under it."""
    if view == "confusion":
        fig = fx.clickable_cells(fig, fig.data[0].z)
    st.plotly_chart(fig, key=key, config=CHART, on_select=functools.partial(_clicked, key, view, where),
                    selection_mode="points")


def _clicked(key: str, view: str, where: str) -> None:
    event = st.session_state[key] or {}
    points = (event.get("selection") or {}).get("points") or []
    if points:
        pick(view, {k: points[0].get(k) for k in POINT_KEYS}, where)


def pick(view: str, point: dict, where: str) -> None:
    """Follow what a click on `view` hit (`point`: Plotly's x, y, curve_number, point_index and customdata)."""
    state.session().follow = {"view": view, "point": point, "where": where, "sample": None,
                              "clicked": time.perf_counter()}


def pick_worst(index: int, where: str) -> None:
    """Follow one of the worst samples (its validation index)."""
    pick("worst", {"index": int(index)}, where)


# ---- which sample the click names -----------------------------------------------------------------

def clicked_sample(follow: dict, looked: Looked) -> tuple[dict, str]:
    """(the sample as `trace.resolve_sample` reads it, what it is in words) for what was clicked. A confusion cell
    names its samples: the one followed is `follow["sample"]`, the cell's first until Next moves on."""
    view, point = follow["view"], follow["point"]
    if view == "worst":
        return {"split": "val", "index": point["index"]}, f"validation sample {point['index']} (one of the worst)"
    if view == "regression":
        if point.get("curve_number") != 1 or point.get("point_index") is None:
            raise DataError("the click", "hit the diagonal, not a sample", "click one of the blue points")
        return {"split": "val", "index": int(point["point_index"])}, f"validation sample {point['point_index']}"
    if view == "confusion":
        samples = cell_samples(follow, looked)
        i = follow["sample"] if follow.get("sample") in samples else samples[0]
        return {"split": "val", "index": i}, f"validation sample {i} · {samples.index(i) + 1} of {len(samples)} " \
                                            f"in the cell"
    return point_sample(looked, [point["x"], point["y"]])


def cell_samples(follow: dict, looked: Looked) -> list[int]:
    """The validation samples of the clicked confusion-matrix cell (true class, predicted class)."""
    from ..trace import pick_samples
    true, predicted = (int(v) for v in follow["point"]["customdata"])
    samples = pick_samples(looked.predictions, cell=(true, predicted))
    if not samples:  # the run has trained on since the matrix was drawn
        raise DataError("the cell", "holds no validation sample at the weights of the run's last checkpoint")
    return samples


def point_sample(looked: Looked, xy) -> tuple[dict, str]:
    """A point of the plane: the validation sample there, else the training sample there (with its class or
    target), else the point itself (no target, no loss)."""
    xy = np.asarray(xy, dtype=float)
    parts = looked.trainer.parts
    i = _nearest(parts.x_val_raw.cpu().numpy(), xy)
    if i is not None:
        return {"split": "val", "index": i}, f"validation sample {i}"
    row = _nearest(parts.dataset.x.cpu().numpy(), xy)
    if row is not None:
        return {"x": parts.dataset.x[row], "y": parts.dataset.y[row]}, f"training sample (row {row} of the data)"
    return {"x": xy.tolist(), "y": None}, f"the point ({xy[0]:.3g}, {xy[1]:.3g})"


def _nearest(points: np.ndarray, xy: np.ndarray) -> int | None:
    if points.ndim != 2 or points.shape[1] != len(xy) or not len(points):
        return None
    gap = np.abs(points - xy).max(1)
    i = int(gap.argmin())
    return i if gap[i] <= MATCH * max(1.0, float(np.abs(xy).max())) else None


# ---- the panel under the chart -----------------------------------------------------------------------

def _close() -> None:
    state.session().follow = None


def _step_cell(looked: Looked, step: int) -> None:
    from ..trace import step_sample
    follow = state.session().follow
    samples = cell_samples(follow, looked)
    follow["sample"] = step_sample(samples, follow.get("sample") if follow.get("sample") in samples else samples[0],
                                   step)
    follow["ref"] = None  # named again from the cell


def follow_ui(where: str) -> None:
    """The sample last clicked on this view's charts, traced through the run's network (nothing before a click).
    While the run trains, its head line follows the worker's live trace (the canvas draws the layers)."""
    follow = state.session().follow
    if follow is None or follow.get("where") != where or (where == "pg" and runs.shown_job() is None):
        return  # nothing clicked here, or the Playground no longer shows the run it was clicked on
    with st.container(border=True, key=f"follow_{where}"):
        live = _live_trace(follow)
        if live is not None:
            _panel(where, follow, None, live, [])
            return
        looked, why_not = current_look()
        if looked is None:
            st.info(why_not, icon=":material/info:")
            return
        try:
            trace = _looked_trace(follow, looked)
            charts = where != "pg" or state.session().follow_charts  # the Playground's canvas draws the layers
            figures = traced_figures(looked.key, follow["key"], trace) if charts else []
        except DataError as e:
            st.warning(plain(str(e)), icon=":material/warning:")
            st.button("Close", key=f"follow_close_{where}", on_click=_close, icon=":material/close:")
            return
        _panel(where, follow, looked, trace, figures)


def warm(job) -> None:
    """Load the look at a paused run before any click (once per pause: it is cached), so the first click on a
    sample is traced as quickly as the next; after the page is drawn."""
    if job is not None and job.status in ("paused", "idle"):
        current_look()


def _resolve(follow: dict, looked: Looked) -> dict:
    """Which sample the click names, resolved once (and again after Next / Previous): kept in `follow` as "ref",
    its "key" and "what", so a refresh while the run trains needs no look at the run's checkpoint."""
    from ..trace import sample_key
    if follow.get("ref") is None:
        ref, what = clicked_sample(follow, looked)
        follow.update(ref=ref, key=sample_key(ref), what=what)
        if "index" in ref:
            state.session().explain_sample = int(ref["index"])  # the Explain tab shows the same one, with why
    return follow["ref"]


def _looked_trace(follow: dict, looked: Looked) -> Trace:
    ref = _resolve(follow, looked)
    return traced(looked.key, follow["key"], looked, ref)


@st.cache_resource(max_entries=16, show_spinner=False)
def traced(look_key: str, sample: str, _looked: Looked, _ref: dict) -> Trace:
    """The sample's trace at the weights of this look at the run (`look_key`): a few ms, made once per look and
    sample, so the canvas draws it at once (its figures come after it, in the panel under the chart)."""
    from ..trace import resolve_sample, trace_sample
    x, y = resolve_sample(_looked.trainer, _ref)
    return trace_sample(_looked.trainer, x, y)


@st.cache_resource(max_entries=8, show_spinner=False)
def traced_figures(look_key: str, sample: str, _trace: Trace) -> list:
    """The followed sample's figures with their keys (its probabilities, each layer's output), made once per look
    at the run and sample: a paused run's live view redraws every second, and building the figures is most of a
    trace's time. Shared and read-only: nothing changes a figure once made."""
    out, found = _trace.output, []
    if out["kind"] == "classes":
        fig = fx.probabilities_figure(out)
        fig.update_layout(height=min(fig.layout.height or 200, 90 + 22 * len(out["probabilities"])))
        found.append(("probs", fig))
    for i, _, figures in traced_layers(_trace):
        found += [(f"layer_{i}_{j}", fig) for j, fig in enumerate(figures)]
    return found


def _live_trace(follow: dict) -> dict | None:
    """While the run trains: the worker's trace of the followed sample at its weights now (asked for once per run
    and sample; it comes at the live views' pace), else None (a paused or ended run is looked at instead)."""
    job = runs.current_job()
    if job is None or job.status != "running" or follow.get("ref") is None or not hasattr(job.runner, "follow"):
        return None
    asked = (job.id, follow["key"])
    if follow.get("asked") != asked:
        job.runner.follow(json.loads(follow["key"]))
        follow["asked"] = asked
    answer = job.runner.log.snapshot().answers.get("trace") or {}
    value = answer.get("value") if answer.get("request") == follow["key"] else None
    return value if value is not None and "error" not in value else None


def followed(where: str) -> dict | None:
    """The sample followed on this view, traced (its "layers", "output" and "input" as in `trace.Trace`), for the
    canvas to draw on its nodes: live from the worker while the run trains, else at the weights of the look at the
    run; None when nothing is followed or it cannot be traced (the panel says why)."""
    follow = state.session().follow
    if follow is None or follow.get("where") != where:
        return None
    live = _live_trace(follow)
    if live is not None:
        return live
    looked, _ = current_look()
    if looked is None:
        return None
    try:
        return _looked_trace(follow, looked).to_dict()
    except DataError:
        return None


def _panel(where: str, follow: dict, looked: Looked | None, trace, figures: list) -> None:
    """The followed sample's head line (which sample, at which weights, its answer), ← / → through a confusion
    cell, Close; and its figures (none while the run trains: the canvas draws the live trace)."""
    output = trace["output"] if isinstance(trace, dict) else trace.output
    weights = f"epoch **{looked.epoch}**" if looked is not None else f"step **{trace.get('step')}** (live)"
    with st.container(horizontal=True, vertical_alignment="top", key=f"follow_head_{where}"):
        st.markdown(f"**Followed:** {plain(follow.get('what') or '')} · weights of {weights}  \n"
                    + answer_line(output), help="The Explain tab shows this sample too, with why it got its answer")
        if follow["view"] == "confusion" and looked is not None:
            st.button("", key=f"follow_prev_{where}", on_click=_step_cell, args=(looked, -1),
                      icon=":material/arrow_back:", help="The cell's previous sample")
            st.button("", key=f"follow_next_{where}", on_click=_step_cell, args=(looked, 1),
                      icon=":material/arrow_forward:", help="The cell's next sample")
        st.button("", key=f"follow_close_{where}", on_click=_close, icon=":material/close:", help="Stop following it")
    if where == "pg":  # the canvas draws each layer's output for it; its charts only when asked for (a click is faster)
        state.remembered(st.toggle, "Each layer's output as charts", "follow_charts", disabled=looked is None,
                         help="The canvas draws each layer's output for this sample; these are the same as charts "
                              "with their axes (while the run is paused)")
    elif looked is None:
        st.caption("Pause the run for each layer's output as charts.")
    for name, fig in figures:
        st.plotly_chart(fig, key=f"follow_{name}_{where}", config=CHART)
