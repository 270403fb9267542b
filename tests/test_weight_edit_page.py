"""Edit a weight while paused, from the Explain tab: the paused run's worker sets it, the run's boundary is
redrawn with it and shown beside the editor, and the tab's own look at the network reloads the edited weights."""
from __future__ import annotations

import base64
import json

import numpy as np

from builder.jobs import JOBS
from test_ui_app import click, goto, open_app


def chart(at, key: str) -> dict:
    """The Plotly figure the chart with this key draws, as JSON."""
    return json.loads(next(e.proto.spec for e in at.get("plotly_chart") if e.proto.id.endswith(f"-{key}")))


def heat(figure: dict) -> np.ndarray:
    """The first heatmap's values (Plotly writes numpy arrays as base64 typed arrays)."""
    z = figure["data"][0]["z"]
    if isinstance(z, dict):
        return np.frombuffer(base64.b64decode(z["bdata"]), dtype=np.dtype(z["dtype"])).reshape([int(n) for n in str(z.get("shape", "-1")).split(",")])
    return np.asarray(z, dtype=float)


def test_a_weight_set_on_the_explain_tab_reaches_the_paused_run_and_its_boundary():
    at = open_app()
    click(at, "step")  # a paused run, one batch in
    job = JOBS.jobs_for(at.session_state["sid"])[-1]
    assert job.status == "paused" and job.runner.log.step == 1
    goto(at, "Explain")
    assert [e for e in at.expander if e.label == "fc1's weights, one by one"]
    at.number_input(key="ex_we_fc1_row").set_value(3).run()
    at.selectbox(key="ex_we_fc1_col").set_value("bias").run()
    at.number_input(key="ex_we_fc1_value_3_bias").set_value(2.5).run()
    click(at, "ex_we_fc1_set")
    weights = job.runner.log.snapshot().answers["weights"]["value"]["fc1"]
    assert weights["bias"][3] == 2.5 and at.session_state["weight_edit"]["after"] == 2.5
    assert any("fc1: unit 3's bias" in s.value.replace("\\", "") for s in at.success), [s.value for s in at.success]
    assert "boundary" in job.runner.log.snapshot().views
    boundary = chart(at, "ex_we_fc1_boundary")  # the run's boundary, redrawn by its worker after the edit
    assert boundary["layout"]["title"]["text"] == "The decision boundary after the edit"
    assert heat(chart(at, "ex_weights_0"))[3, -1] == 2.5  # the tab's look at the network reloaded the edited weights
    JOBS.stop(at.session_state["sid"], job.id)
