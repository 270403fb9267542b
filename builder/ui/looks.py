"""A look into a run: its network as its last checkpoint (or its pause) left it, rebuilt in the page's process on
the data it trained on, with every validation sample's prediction; and how a traced sample is put into words and
figures. The Explain tab and the sample followed under a run's charts (follow.py) both read it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import streamlit as st

from ..datasets import load_dataset
from ..errors import DataError, SpecErrors
from ..figures import explain as fx
from ..figures import shown_classes
from ..store import load_saved_dataset, read_run_file
from . import runs, state
from .text import plain

# the engine's modules (torch) are imported in the functions that use them: the first screen imports this one
if TYPE_CHECKING:
    from ..trace import Predictions
    from ..training import Trainer

CHART = {"displayModeBar": False}


@dataclass
class Looked:
    """A run's network as its last checkpoint left it, rebuilt in the page's process on the data it trained on,
    with every validation sample's prediction (for the pickers)."""

    trainer: Trainer
    predictions: Predictions
    epoch: int
    step: int  # the run's step its weights are from
    key: str = ""  # which look it is: the checkpoint and its time (look_at's arguments)


@st.cache_resource(max_entries=4, show_spinner="Loading the run's network…")
def look_at(run_dir: str, checkpoint: str, stamp: int) -> Looked:
    """The run in `run_dir` at its checkpoint (`stamp`, the file's time, makes a newer checkpoint load again)."""
    from ..trace import validation_predictions
    from ..training import Trainer
    record = read_run_file(Path(run_dir))
    spec = record.get("spec") or {}
    trainer = Trainer.from_spec(spec, _run_data(Path(run_dir), record, spec), telemetry=False, resume=checkpoint)
    return Looked(trainer, validation_predictions(trainer), trainer.epoch, trainer.global_step,
                  f"{checkpoint}@{stamp}")


def _run_data(run_dir: Path, record: dict, spec: dict):
    """The data the run trained on: the upload kept with it, or the spec's built-in dataset."""
    if record.get("data_source") == "upload":
        dataset = load_saved_dataset(run_dir)
        if dataset is None:
            raise DataError("the run", "trained on an upload whose copy is missing from its folder")
        return dataset
    data = spec.get("data") or {}
    return load_dataset(data.get("dataset"), data.get("options") or {})


def current_look() -> tuple[Looked | None, str | None]:
    """(the session's run, loaded; None with the reason when there is none to look at yet)."""
    job = runs.current_job()
    if job is None or not job.started:
        return None, "Train a network first (Playground or Training tab): this tab follows one sample of that run."
    try:
        looked = _stored_look(job)
        if job.status in ("paused", "idle") and (looked is None or looked.step != job.runner.log.step):
            saved = job.runner.ask("save")  # a paused run's own weights, not its last checkpoint's
            looked = _stored_look(job) if "error" not in saved else looked
    except (DataError, SpecErrors, ValueError, RuntimeError, OSError) as e:
        return None, f"Could not load the run's network: {e}"
    if looked is None:
        return None, "The run has no checkpoint yet: its network can be looked into after its first epoch ends."
    return looked, None


def _stored_look(job) -> Looked | None:
    stored = runs.STORE.get(state.session().sid, job.id)
    if stored is None or stored.checkpoint is None:
        return None
    return look_at(str(stored.path), str(stored.checkpoint), stored.checkpoint.stat().st_mtime_ns)


def answer_line(output: dict) -> str:
    """The prediction in one line: predicted (and true) class, or values, and the sample's loss."""
    loss = f" · loss **{output['loss']:.4g}**" if output.get("loss") is not None else ""
    if output["kind"] == "classes":
        names = shown_classes(output["class_names"], len(output["probabilities"]))
        p = float(np.asarray(output["probabilities"])[output["predicted"]])
        verdict = "" if output.get("true") is None else (" · :green-badge[right]" if output["correct"]
                                                           else f" · :red-badge[wrong] true class "
                                                                f"**{plain(names[output['true']])}**")
        return f"Prediction **{plain(names[output['predicted']])}** ({p:.1%}){verdict}{loss}"
    values = ", ".join(f"{v:.4g}" for v in np.asarray(output["predicted"]).reshape(-1)[:8])
    return f"Prediction **{values}**{loss}"


def traced_layers(trace):
    """Each layer's figures for the traced sample, in order: (position, layer id, figures); the output layer's
    units are named by the classes (one logit each), a text's time steps by its tokens."""
    last = list(trace.layers)[-1] if trace.layers else None
    names, tokens = trace.output.get("class_names"), trace.input.get("tokens")
    for i, (layer_id, view) in enumerate(trace.layers.items()):
        units = names if layer_id == last and names and view.get("total") == len(names) else None
        yield i, layer_id, fx.layer_output_figures(layer_id, view, units, tokens)
