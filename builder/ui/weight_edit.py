"""Edit one weight or bias of a small dense layer while the run is paused, as TensorFlow Playground allows: the
run's worker changes it between two steps, redraws the run's views (the decision boundary) and saves, so every
view of the run shows the edited network; Resume trains on from it."""
from __future__ import annotations

import functools

import numpy as np
import streamlit as st

from ..figures import explain as figures

from . import state
from .widgets import snapshot, view_figure

BIAS = "bias"


def can_edit(job) -> bool:
    """Whether `job` is a run whose worker waits in a pause (only then may a weight change)."""
    return job is not None and job.active and job.started and job.status in ("paused", "idle")


def pick_weight_chart(fig, chart_key: str, layer_id: str, where: str = "ex") -> None:
    """The layer's weights figure, where a click on a weight or bias picks it for the editor."""
    st.plotly_chart(figures.clickable_weights(fig), key=chart_key, config={"displayModeBar": False},
                    on_select=functools.partial(_picked, chart_key, f"{where}_we_{layer_id}"), selection_mode="points")


def _picked(chart_key: str, key: str) -> None:
    points = ((st.session_state[chart_key] or {}).get("selection") or {}).get("points") or []
    if points and points[0].get("customdata"):
        row, col = (int(v) for v in points[0]["customdata"])
        st.session_state[f"{key}_row"] = row
        st.session_state[f"{key}_col"] = BIAS if col < 0 else col


def weight_editor_ui(layer_id: str, layer: dict, job, where: str = "ex") -> None:
    """Unit, input (or its bias) and the new value for one of `layer_id`'s weights (`layer`: builder.weights'
    plain data of it), set on the paused run `job`; the run's boundary after the last edit."""
    if not can_edit(job):
        st.caption("Pause the run to edit a weight or a bias (Resume then trains on from the edited network).")
        return
    weight, bias = np.asarray(layer["weight"]), layer["bias"]
    units, inputs = weight.shape
    key = f"{where}_we_{layer_id}"
    c1, c2, c3, c4 = st.columns([1, 1, 1.2, 0.8], vertical_alignment="bottom")
    row = c1.number_input("Unit (row)", 0, units - 1, 0, key=f"{key}_row")
    cols = [*range(inputs), *([BIAS] if bias is not None else [])]
    col = c2.selectbox("Input (column)", cols, key=f"{key}_col", format_func=lambda c: "its bias" if c == BIAS else
                       f"input {c}")
    now = float(bias[row]) if col == BIAS else float(weight[row, col])
    value_key = f"{key}_value_{row}_{col}"  # a key per weight: the field starts at that weight's value
    c3.number_input("Value", value=now, step=0.1, format="%.4f", key=value_key)
    c4.button("Set", key=f"{key}_set", on_click=set_weight, args=(job, layer_id, row, col, value_key),
              icon=":material/edit:", width="stretch")
    edited = state.session().weight_edit
    if edited and edited.get("job") == job.id and edited.get("layer") == layer_id:
        fig = view_figure("boundary", snapshot(job), state.current_dataset()[0])
        if fig is not None:
            fig.update_layout(height=340, title_text="The decision boundary after the edit")
            st.plotly_chart(fig, key=f"{key}_boundary", config={"displayModeBar": False})


def set_weight(job, layer_id: str, row: int, col, value_key: str) -> None:
    """Ask the paused run's worker to set the weight (or bias) and say what changed."""
    value = st.session_state[value_key]
    if not can_edit(job):
        state.notify("warning", "The run is not paused any more: pause it to edit a weight.")
        return
    found = job.runner.ask("edit_weight", layer_id, int(row), None if col == BIAS else int(col), value)
    if "error" in found:
        state.notify("error", f"Not changed: {found['error']}")
        return
    state.session().weight_edit = {"job": job.id, **found}
    what = "bias" if found["col"] is None else f"weight from input {found['col']}"
    state.notify("success", f"{layer_id}: unit {found['row']}'s {what} {found['before']:.4g} → {found['after']:.4g}. "
                            "The run's views show the edited network; Resume trains on from it.")
