"""The Train page: training settings (generated from TrainingSpec), the run controls, and the live dashboard,
a fragment that re-runs once a second while a run is going and not at all otherwise."""
from __future__ import annotations

import functools
import json
import math
import types
import typing

import numpy as np
import streamlit as st

from .. import figures
from ..jobs import JOBS
from ..runlog import Snapshot
from ..spec import TrainingSpec
from . import runs, state
from .data import current_dataset, fit_errors, fit_ui
from .edits import set_field

LIVE_EVERY_S = 1.0  # chart refresh while running
HEARTBEAT_EVERY_S = 5.0  # while paused: only to tell the job registry the page is still open
SETTING_HELP = {
    "loss": "what training minimises; auto picks cross_entropy for classes, mse otherwise",
    "optimizer": "how the weights follow the gradient", "lr": "learning rate: the size of each step",
    "momentum": "sgd and rmsprop only", "weight_decay": "L2 penalty on the weights",
    "batch_size": "samples per step", "epochs": "passes over the training data",
    "scheduler": "how the learning rate changes during training",
    "grad_clip": "clip the gradient norm to this (blank: off)",
    "early_stopping_patience": "stop after this many epochs without a better validation loss (blank: off)",
    "seed": "same seed, same run", "device": "auto: a GPU when there is one", "amp": "mixed precision (CUDA only)",
}
STATUS_COLOURS = {"idle": "gray", "running": "blue", "paused": "orange", "finished": "green", "stopped": "gray",
                  "diverged": "red", "failed": "red"}


# ---- settings, generated from the TrainingSpec fields --------------------------------------------

def _bounds(field) -> dict:
    """number_input bounds from a field's inclusive constraints (exclusive ones are checked on commit)."""
    out = {}
    for m in field.metadata:
        if getattr(m, "ge", None) is not None:
            out["min_value"] = m.ge
        if getattr(m, "le", None) is not None:
            out["max_value"] = m.le
    return out


def _set_setting(name: str, key: str) -> None:
    value = st.session_state[key]
    state.commit(set_field(state.spec(), ("training", name), value))


def _setting_ui(name: str, field, value, key: str) -> None:
    base, optional = field.annotation, False
    if typing.get_origin(base) in (typing.Union, types.UnionType):  # X | None: an optional setting
        optional = type(None) in typing.get_args(base)
        base = next(a for a in typing.get_args(base) if a is not type(None))
    kw = dict(key=key, help=SETTING_HELP.get(name), on_change=_set_setting, args=(name, key))
    if typing.get_origin(base) is typing.Literal:
        options = ([None] if optional else []) + list(typing.get_args(base))
        st.selectbox(name, options, index=options.index(value) if value in options else 0,
                     format_func=lambda o: "auto (from the task)" if o is None else o, **kw)
    elif base is bool:
        st.toggle(name, value=bool(value), **kw)
    elif base is float:
        step = 10.0 ** math.floor(math.log10(value)) / 10 if value else 0.01
        st.number_input(name, value=None if value is None else float(value), step=step, format="%g",
                        placeholder="off", **{k: float(v) for k, v in _bounds(field).items()}, **kw)
    else:
        st.number_input(name, value=None if value is None else int(value), step=1, placeholder="off",
                        **{k: int(v) for k, v in _bounds(field).items()}, **kw)


def settings_ui(spec: dict) -> None:
    training = {**TrainingSpec().model_dump(), **(spec.get("training") or {})}
    rev = st.session_state.rev
    with st.expander("Training settings", expanded=True):
        fields = list(TrainingSpec.model_fields.items())
        for start in range(0, len(fields), 5):
            for col, (name, field) in zip(st.columns(5), fields[start:start + 5]):
                with col:
                    _setting_ui(name, field, training.get(name), f"t{rev}.{name}")


# ---- controls -----------------------------------------------------------------------------------

def controls_ui(can_train: bool) -> None:
    job = runs.current_job()
    status = job.status if job else None
    active = job is not None and job.active
    with st.container(horizontal=True):
        st.button("Start", key="start", on_click=runs.start, disabled=active or not can_train, type="primary",
                  icon=":material/play_arrow:", help="Train in the background; the page stays usable")
        st.button("Pause", key="pause", on_click=runs.pause, disabled=status != "running", icon=":material/pause:")
        st.button("Resume", key="resume", on_click=runs.resume, disabled=status != "paused",
                  icon=":material/resume:")
        st.button("Stop", key="stop", on_click=runs.stop, disabled=not active, icon=":material/stop:")
        st.button("Step", key="step", on_click=runs.step, disabled=status == "running" or (not active and not can_train),
                  icon=":material/skip_next:", help="Train on one batch (starts a paused run if none is going)")


# ---- the live dashboard -------------------------------------------------------------------------

def _duration(seconds: float | None) -> str:
    if seconds is None or not math.isfinite(seconds):
        return "–"
    minutes, s = divmod(int(seconds), 60)
    return f"{minutes}m {s:02d}s" if minutes else f"{s}s"


def progress_ui(job, snap: Snapshot) -> None:
    total = max(1, snap.total_epochs * snap.steps_per_epoch)
    colour = STATUS_COLOURS.get(snap.status, "gray")
    epoch = min(snap.epoch + (snap.status in ("running", "paused")), snap.total_epochs)
    st.markdown(f":{colour}-badge[{snap.status}] **{job.label}** · device **{snap.device}**"
                + (f" · {snap.message}" if snap.message else ""))
    speed = snap.samples_per_s if snap.status == "running" else snap.step * snap.batch_size / max(snap.elapsed_s, 1e-9)
    st.progress(min(1.0, snap.step / total),
                text=f"epoch {epoch}/{snap.total_epochs} · step {snap.step:,}/{total:,} · "
                     f"{speed:,.0f} samples/s{'' if snap.status == 'running' else ' on average'} · "
                     f"elapsed {_duration(snap.elapsed_s)} · ETA {_duration(snap.eta_s)}")
    if snap.status in ("diverged", "failed"):
        st.error(snap.message)


def alerts_ui(alerts: list[dict]) -> None:
    for a in alerts:
        where = f"layer '{a['layer']}': " if a.get("layer") else ""
        (st.error if a.get("severity") == "error" else st.warning)(f"**{a['kind'].replace('_', ' ')}** — {where}"
                                                                  f"{a['message']}", icon=":material/monitor_heart:")


def _chart(fig, key: str) -> None:
    st.plotly_chart(fig, key=key, config={"displayModeBar": False})


def curves_ui(snap: Snapshot) -> None:
    log_y = state.remembered(st.toggle, "log-scale loss", "log_loss", False)
    c1, c2 = st.columns(2)
    with c1:
        _chart(figures.loss_figure(snap.steps, snap.epochs, snap.steps_per_epoch, log_y), "chart_loss")
    with c2:
        _chart(figures.metric_figure(snap.epochs, snap.task), "chart_metric")
    _chart(figures.lr_figure(snap.steps, snap.steps_per_epoch), "chart_lr")


def layers_ui(snap: Snapshot) -> None:
    if not snap.layers:
        st.info("Weight and gradient statistics appear after the first batches.")
        return
    c1, c2 = st.columns(2)
    with c1:
        _chart(figures.gradient_flow_figure(snap.layers, snap.alerts), "chart_flow")
    with c2:
        _chart(figures.grad_norm_figure(snap.layers), "chart_gradnorm")
    ids = list(snap.layers)
    layer = state.remembered(st.selectbox, "Layer", "hist_layer", ids[0], options=ids)
    if layer in snap.layers:
        _chart(figures.histograms_figure(snap.layers[layer], layer), "chart_hist")


def activations_ui(snap: Snapshot) -> None:
    if not snap.activations:
        st.info("Activations of a fixed probe batch appear after the first epoch.")
        return
    ids = list(snap.activations)
    layer = state.remembered(st.selectbox, "Layer", "act_layer", ids[0], options=ids)
    if layer in snap.activations:
        _chart(figures.activation_figure(snap.activations[layer], layer), "chart_act")


def _worst_ui(worst: list[dict], class_names) -> None:
    if worst and figures.is_image_shape(np.asarray(worst[0]["x"]).shape):
        _chart(figures.worst_figure(worst, class_names), "chart_worst")
    elif worst:
        names = class_names or []
        name = lambda i: names[i] if i < len(names) else str(i)
        st.dataframe([{"sample": w["index"], "true": name(w["true"]), "predicted": name(w["pred"]),
                       "p(true)": round(w["p_true"], 4)} for w in worst], hide_index=True, key="worst_table")


def predictions_ui(job, snap: Snapshot) -> None:
    views = snap.views
    if not views:
        st.info("Predictions appear after the first epoch.")
        return
    left, right = st.columns(2)
    if "boundary" in views:
        ds = job.trainer.dataset
        with left:
            _chart(figures.boundary_figure(views["boundary"], ds.x.numpy(), ds.y.numpy(), snap.class_names, snap.task),
                   "chart_boundary")
    if "confusion" in views:
        with right if "boundary" in views else left:
            _chart(figures.confusion_figure(views["confusion"], snap.class_names), "chart_confusion")
        with st.container() if "boundary" in views else right:
            _worst_ui(views.get("worst", []), snap.class_names)
    if "regression" in views:
        _chart(figures.regression_figure(views["regression"]["actual"], views["regression"]["predicted"]),
               "chart_regression")
    if "reconstructions" in views:
        r = views["reconstructions"]
        _chart(figures.reconstructions_figure(r["inputs"], r["outputs"]), "chart_recon")


def compare_ui() -> None:
    jobs = runs.jobs()
    if not jobs:
        return
    rows, curves = [], []
    for job in jobs:
        snap = job.trainer.log.snapshot()
        t = job.trainer.config
        last = snap.epochs[-1] if snap.epochs else {}
        rows.append({"run": job.label, "status": snap.status, "epochs": f"{snap.epoch}/{snap.total_epochs}",
                     "optimizer": t.optimizer, "lr": t.lr, "batch": t.batch_size, "scheduler": t.scheduler,
                     **{k: round(v, 4) for k, v in last.items() if k.startswith(("train_", "val_"))}})
        curves.append({"label": job.label, "epochs": snap.epochs})
    st.dataframe(rows, hide_index=True, key="compare_table")
    keys = sorted({k for c in curves for r in c["epochs"] for k in r if k.startswith(("train_", "val_"))}) or ["val_loss"]
    key = state.remembered(st.selectbox, "Curve", "compare_key", "val_loss" if "val_loss" in keys else keys[0],
                           options=keys)
    _chart(figures.compare_figure(curves, key if key in keys else keys[0]), "chart_compare")


VIEWS = ("Curves", "Weights & gradients", "Activations", "Predictions", "Compare")


def _live() -> None:
    """The dashboard body: runs as a fragment, once a second while training."""
    JOBS.touch(st.session_state.sid)
    job = runs.current_job()
    if job is None:
        st.info("Press **Start** to train, or **Step** to train one batch at a time.")
        _chart(figures.loss_figure({}, [], 0), "chart_loss")  # also loads the charting code before the run
        return
    snap = job.trainer.log.snapshot()
    progress_ui(job, snap)
    alerts_ui(snap.alerts)
    tabs = st.tabs(VIEWS, key="train_view", on_change="rerun")
    draw = (lambda: curves_ui(snap), lambda: layers_ui(snap), lambda: activations_ui(snap),
            lambda: predictions_ui(job, snap), compare_ui)
    for tab, render in zip(tabs, draw):
        if tab.open is not False:
            with tab:
                render()
    if st.session_state.get("live_job") == (job.id, True) and not job.active:
        st.session_state.live_job = (job.id, False)
        st.rerun()  # the run ended: redraw the whole page (buttons, downloads) and stop the timer


def live_ui() -> None:
    job = runs.current_job()
    status = job.status if job else None
    st.session_state.live_job = (job.id, job.active) if job else None
    every = LIVE_EVERY_S if status == "running" else HEARTBEAT_EVERY_S if status in ("paused", "idle") else None
    st.fragment(_live, run_every=every)()


def elsewhere_ui(spec: dict, fits: bool) -> None:
    """The same setup on several GPUs or machines: the torchrun command, the spec it names, a standalone script."""
    from ..script import distributed_command, generate_script

    with st.expander("Train it on several GPUs or machines", icon=":material/dns:"):
        left, right = st.columns(2)
        nproc = left.number_input("GPUs (processes) per machine", 1, 64, 2, key="dist_nproc")
        nnodes = right.number_input("Machines", 1, 1024, 1, key="dist_nnodes")
        st.code(distributed_command("spec.json", int(nproc), int(nnodes)), language="bash", wrap_lines=True)
        st.caption(f"The spec's batch_size ({(spec.get('training') or {}).get('batch_size', 64)}) is the global "
                   "batch, split across the processes. Rank 0 writes the bundle to runs/latest."
                   + (" On several machines, set MASTER_ADDR to the first machine's address on each." if nnodes > 1
                      else ""))
        with st.container(horizontal=True):
            st.download_button("spec.json", json.dumps(spec, indent=2), file_name="spec.json", mime="application/json",
                               key="dl_dist_spec", on_click="ignore", icon=":material/download:")
            if fits:
                st.download_button("train.py (standalone script)", functools.partial(generate_script, spec),
                                   file_name="train.py", mime="text/x-python", key="dl_script", on_click="ignore",
                                   icon=":material/download:")


def train_page() -> None:
    settings_ui(state.spec())
    dataset, error = current_dataset()
    fits = dataset is not None and state.checked().ok and not fit_errors(dataset)
    with st.expander("Model and data: " + (f"the network fits {dataset.name}" if fits else "**problems to fix**"),
                     expanded=not fits, icon=":material/check:" if fits else ":material/error:"):
        fit_ui(dataset, error)
    controls_ui(fits)
    live_ui()
    elsewhere_ui(state.spec(), fits)
