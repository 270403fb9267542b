"""The Training tab: every training setting, the controls, and the deeper live views (curves, weights and
gradients, gradient through time, activations, predictions, attention and generated text, compare), this session's
runs on disk (finished ones to download, interrupted ones to resume), and the same setup on several GPUs."""
from __future__ import annotations

import functools
import json
import time
from pathlib import Path

import numpy as np
import streamlit as st

from .. import figures
from ..errors import page_text
from ..jobs import JOBS
from ..runlog import Snapshot
from . import follow, runs, state
from .live_text import attention_ui, cell, generated_text_ui
from .settings_form import settings_grid, training_values
from .stored_runs import runs_ui
from .text import plain
from .widgets import (controls_ui, fit_errors, fit_ui, live_fragment, rerun_when_changed, snapshot, status_line,
                      view_figure)


def settings_ui(spec: dict) -> None:
    with st.expander("Training settings", expanded=True, icon=":material/tune:"):
        settings_grid(spec, list(training_values(spec)), 5, "t")


def progress_ui(job, snap: Snapshot) -> None:
    total = max(1, snap.total_epochs * snap.steps_per_epoch)
    st.markdown(f"**{plain(job.label)}** · device **{plain(snap.device)}**"
                + (f" · {plain(snap.message)}" if snap.message else ""))
    st.progress(min(1.0, snap.step / total), text=status_line(job, snap))
    for note in snap.notes[-2:]:
        st.caption(f":material/info: {plain(note)}")


def alerts_ui(alerts: list[dict]) -> None:
    for a in alerts:
        where = f"layer '{a['layer']}': " if a.get("layer") else ""
        (st.error if a.get("severity") == "error" else st.warning)(
            f"**{plain(a['kind'].replace('_', ' '))}** — {plain(where + a['message'])}",
            icon=":material/monitor_heart:")


def _chart(fig, key: str) -> None:
    st.plotly_chart(fig, key=key, config={"displayModeBar": False})


def curves_ui(snap: Snapshot) -> None:
    log_y = state.remembered(st.toggle, "log-scale loss", "log_loss")
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
    layer = state.remembered(st.selectbox, "Layer", "hist_layer", options=ids)
    if layer in snap.layers:
        _chart(figures.histograms_figure(snap.layers[layer], layer), "chart_hist")


def activations_ui(snap: Snapshot) -> None:
    if not snap.activations:
        st.info("Activations of a fixed probe batch appear after the first epoch.")
        return
    ids = list(snap.activations)
    layer = state.remembered(st.selectbox, "Layer", "act_layer", options=ids)
    if layer in snap.activations:
        _chart(figures.activation_figure(snap.activations[layer], layer), "chart_act")


def _worst_ui(worst: list[dict], class_names) -> None:
    name = lambda i: figures.shown_class(class_names, i)
    if worst and figures.is_image_shape(np.asarray(worst[0]["x"]).shape):
        _chart(figures.worst_figure(worst, class_names), "chart_worst")
        st.pills("Follow one of them through the network", range(len(worst)), key="worst_pick",
                 format_func=lambda k: plain(f"{k + 1}: {name(worst[k]['true'])}→{name(worst[k]['pred'])}"),
                 on_change=_worst_picked, args=(worst,))
    elif worst:
        st.caption("Click a row to follow that sample through the network.")
        st.dataframe([{"sample": w["index"], "true": name(w["true"]), "predicted": name(w["pred"]),
                       "p(true)": round(w["p_true"], 4), **({"text": cell(w["text"])} if "text" in w else {})}
                      for w in worst], hide_index=True, key="worst_table",
                     on_select=functools.partial(_worst_row, worst), selection_mode="single-row")


def _worst_picked(worst: list[dict]) -> None:
    k = st.session_state["worst_pick"]
    if k is not None and k < len(worst):
        follow.pick_worst(worst[k]["index"], "train")


def _worst_row(worst: list[dict]) -> None:
    rows = ((st.session_state["worst_table"] or {}).get("selection") or {}).get("rows") or []
    if rows and rows[0] < len(worst):
        follow.pick_worst(worst[rows[0]]["index"], "train")


def predictions_ui(snap: Snapshot) -> None:
    views = snap.views
    if not views:
        st.info("Predictions appear after the first epoch.")
        return
    st.caption("Click a sample (a point, a cell of the confusion matrix, one of the worst) to follow it through "
               "the network.")
    left, right = st.columns(2)
    if "boundary" in views:
        with left:
            fig = view_figure("boundary", snap, state.current_dataset()[0])
            if fig is not None:
                follow.pickable_chart(fig, "chart_boundary", "boundary", "train")
    if "confusion" in views:
        with right if "boundary" in views else left:
            follow.pickable_chart(view_figure("confusion", snap, None), "chart_confusion", "confusion", "train")
        with st.container() if "boundary" in views else right:
            _worst_ui(views.get("worst", []), snap.class_names)
    if "regression" in views:
        follow.pickable_chart(view_figure("regression", snap, None), "chart_regression", "regression", "train")
    if "reconstructions" in views:
        _chart(view_figure("reconstructions", snap, None), "chart_recon")
    follow.follow_ui("train")


def compare_ui() -> None:
    jobs = runs.jobs()
    if not jobs:
        return
    rows, curves = [], []
    for job in jobs:
        if not job.started:
            continue
        snap = snapshot(job)
        t = {**training_values(job.meta.get("spec") or {})}
        last = snap.epochs[-1] if snap.epochs else {}
        rows.append({"run": page_text(job.label), "status": snap.status, "epochs": f"{snap.epoch}/{snap.total_epochs}",
                     "optimizer": t["optimizer"], "lr": t["lr"], "batch": t["batch_size"], "scheduler": t["scheduler"],
                     **{k: round(v, 4) for k, v in last.items() if k.startswith(("train_", "val_"))}})
        curves.append({"label": job.label, "epochs": snap.epochs})
    if not rows:
        return
    st.dataframe(rows, hide_index=True, key="compare_table")
    keys = sorted({k for c in curves for r in c["epochs"] for k in r if k.startswith(("train_", "val_"))}) or ["val_loss"]
    key = state.remembered(st.selectbox, "Curve", "compare_key", options=keys)
    _chart(figures.compare_figure(curves, key if key in keys else keys[0]), "chart_compare")


def time_ui(snap: Snapshot) -> None:
    if not snap.time_gradients:
        st.info("For recurrent layers (RNN, LSTM, GRU), the gradient of the loss with respect to each time step's "
                "hidden state is drawn here while it trains: the vanishing gradient, made visible.")
        return
    _chart(figures.time_gradient_figure(snap.time_gradients), "chart_time")
    st.caption("Each curve is ‖∂L/∂hₜ‖ over the time steps of a sampled batch (the latest bold, earlier samples "
               "faint). A curve that falls by orders of magnitude toward t = 1 means the early inputs can hardly "
               "teach the layer anything: the vanishing gradient through time.")


def attention_tab_ui(job, snap: Snapshot) -> None:
    if "attention" not in snap.views and "text" not in snap.views:
        st.info("For networks with an attention layer (MultiheadAttention, TransformerEncoderLayer), each head's "
                "attention over one validation sample is drawn here while it trains; a language model's generated "
                "text too.")
        return
    generated_text_ui(job, snap, key="t")
    attention_ui(snap, key="t", cols=4, height_per_row=300, max_ticks=32)
    st.caption("Each map: for every query position (down), how much it draws from every key position (across); a "
               "row sums to 1. The sample is the first of the validation split, the same all run long.")


VIEWS = ("Curves", "Weights & gradients", "Gradient through time", "Activations", "Predictions", "Attention & text",
         "Compare")


def _live() -> None:
    """The dashboard body: runs as a fragment, once a second while training."""
    sid = state.session().sid
    JOBS.touch(sid)
    job = runs.current_job()
    if job is None or not job.started:
        st.info("Press **Start** to train, or **Step** to train one batch at a time." if job is None else
                f"{plain(job.label)} waits for a free slot ({JOBS.queue_position(sid, job.id) or 1} in line).")
        return
    snap = snapshot(job)
    progress_ui(job, snap)
    alerts_ui(snap.alerts)
    tabs = st.tabs(VIEWS, key="train_view", on_change="rerun")
    draw = (lambda: curves_ui(snap), lambda: layers_ui(snap), lambda: time_ui(snap), lambda: activations_ui(snap),
            lambda: predictions_ui(snap), lambda: attention_tab_ui(job, snap), compare_ui)
    for tab, render in zip(tabs, draw):
        if tab.open is not False:
            with tab:
                render()
    rerun_when_changed(job)


def _writes_text(folder: Path) -> bool:
    """Whether a run folder holds a language model's bundle: text in, the next token out."""
    from ..files import FileRefused, read_bytes
    from ..spec import MAX_SPEC_BYTES, decode_json
    from ..text import writes_text
    try:
        inference = decode_json(read_bytes(folder / "spec.json", MAX_SPEC_BYTES)).get("inference") or {}
    except (FileRefused, ValueError, AttributeError):
        return False
    return writes_text(inference)


def generate_ui(job) -> None:
    """Text a finished language model writes, one character at a time, at the temperature the person chooses."""
    from ..errors import BundleError, DataError
    from ..text import generate_text
    folder = Path(job.meta.get("run_dir", "")) if job is not None and not job.active else None
    if folder is None or not (folder / "model.safetensors").is_file() or not _writes_text(folder):
        return
    ss = state.session()
    with st.expander("Generate text with the trained model", expanded=True, icon=":material/edit_note:"):
        c1, c2, c3 = st.columns(3)
        prompt = c1.text_input("Start with", "def ", max_chars=200, key="gen_prompt")
        temperature = c2.slider("Temperature", 0.0, 2.0, 0.8, 0.05, key="gen_temperature",
                                help="0: always the likeliest next character; higher: bolder, stranger text")
        length = c3.number_input("Characters", 10, 2000, 300, step=10, key="gen_length")
        if st.button("Generate", key="gen_go", icon=":material/play_arrow:"):
            try:
                ss.generated = (job.id, generate_text(folder, prompt, int(length), float(temperature),
                                                      seed=int(time.time())))
            except (BundleError, DataError) as e:
                st.error(plain(e))
        if ss.generated and ss.generated[0] == job.id:
            st.code(ss.generated[1], language=None, wrap_lines=True)  # shown as the characters they are


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


def training_page() -> None:
    settings_ui(state.spec())
    dataset, error = state.current_dataset()
    fits = dataset is not None and state.checked().ok and not fit_errors(dataset)
    fits_line = f"the network fits {plain(dataset.name)}" if fits else "**problems to fix**"
    with st.expander(f"Model and data: {fits_line}",
                     expanded=not fits, icon=":material/check:" if fits else ":material/error:"):
        fit_ui(dataset, error)
    controls_ui(fits)
    live_fragment(_live, runs.current_job())
    generate_ui(runs.current_job())
    st.subheader("Runs", anchor=False)
    runs_ui()
    elsewhere_ui(state.spec(), fits)
