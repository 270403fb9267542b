"""The Playground: the landing view, on one screen. On the left the data and the main training settings with
Start / Pause / Step / Reset; in the middle the network canvas, which turns into the training dashboard while a
run trains; on the right the loss curve and the output view (decision boundary, confusion matrix, predicted vs
actual or reconstructions)."""
from __future__ import annotations

import numpy as np
import streamlit as st

from .. import figures
from ..datasets import DATASETS, OPTIONS, dataset_options
from ..fitting import check_fit, fit_network
from ..jobs import JOBS
from ..runlog import Snapshot
from . import runs, state
from .build import editor_ui
from .canvas import canvas_ui
from .data import current_dataset, data_preview_figure
from .edits import set_field
from .settings_form import MAIN, other_settings, settings_grid
from .text import plain

LIVE_EVERY_S = 1.0  # refresh while running
HEARTBEAT_EVERY_S = 5.0  # while paused or queued: to notice a change, and to tell the registry the page is open
CANVAS_HEIGHT = 520
CHART_CONFIG = {"displayModeBar": False}
STATUS_COLOURS = {"queued": "violet", "starting": "gray", "idle": "gray", "running": "blue", "paused": "orange",
                  "finished": "green", "stopped": "gray", "diverged": "red", "failed": "red"}
TOY_OPTIONS = ("noise", "n_samples")


# ---- the left column: data, settings, controls ----------------------------------------------------

def _choose_dataset(key: str) -> None:
    choice = st.session_state[key]
    if choice == "upload":
        st.session_state.data_source = "Upload"
        return
    st.session_state.data_source = "Built-in"
    old = state.spec().get("data") or {}
    state.commit(set_field(state.spec(), ("data",), {"dataset": choice, "options": {},
                                                     "val_fraction": old.get("val_fraction", 0.2)}))


def _set_option(name: str, key: str) -> None:
    data = dict(state.spec().get("data") or {})
    data["options"] = {**(data.get("options") or {}), name: st.session_state[key]}
    state.commit(set_field(state.spec(), ("data",), data))


def dataset_ui() -> None:
    spec, ss = state.spec(), st.session_state
    data = spec.get("data") or {}
    upload = ss.get("upload")
    choices = list(DATASETS) + (["upload"] if upload is not None else [])
    current = "upload" if upload is not None and ss.get("data_source") == "Upload" else data.get("dataset")
    current = current if current in choices else choices[0]
    key = f"pg{ss.rev}.dataset"
    st.selectbox("Data", choices, index=choices.index(current), key=key, on_change=_choose_dataset, args=(key,),
                 format_func=lambda n: f"uploaded: {upload.name}" if n == "upload" else
                 f"{n} · {DATASETS[n].task}", help="Built-in datasets; upload your own on the Data tab")
    if current == "upload":  # its first sentence here; all of it (what was left out, how it was read) on hover
        summary, _, more = upload.description.partition(". ")
        st.caption(plain(summary + "." if more else summary), help=plain(upload.description) if more else None)
        return
    st.caption(DATASETS[current].description)
    options = {**dataset_options(current), **(data.get("options") or {})}
    shown = [n for n in TOY_OPTIONS if n in options]
    for col, name in zip(st.columns(len(shown)) if shown else [], shown):
        rule, value, key = OPTIONS[name], options[name], f"pg{ss.rev}.{current}.{name}"
        with col:
            if rule.kind is float:
                st.slider(name, float(rule.low), 0.5, float(min(value, 0.5)), step=0.01, key=key, help=rule.help,
                          on_change=_set_option, args=(name, key))
            else:
                st.number_input("samples" if name == "n_samples" else name, int(rule.low), 5000, int(min(value, 5000)),
                                step=100, key=key, help=rule.help, on_change=_set_option, args=(name, key))


def _make_fit(dataset) -> None:
    new, changes = fit_network(state.spec(), dataset)
    if state.commit(new, reload_forms=True):
        state.refit()
        state.notify("success", "The network now fits the data: " + "; ".join(changes) + ". Undo takes it back.")


def fit_ui(dataset, error) -> bool:
    """Whether the network can train on the data; if not, why, and a button that makes it fit (one edit)."""
    if dataset is None:
        st.error(error or "no dataset chosen", icon=":material/error:")
        return False
    checked = state.checked()
    if not checked.ok:
        n = len(checked.errors)
        st.error(f"{n} problem{'s' * (n != 1)} in the network: see the red nodes.", icon=":material/error:")
        return False
    problems = check_fit(checked, dataset)
    if not problems:
        return True
    for p in problems[:3]:
        st.warning(plain(f"{p.where}: {p.message}" + (f" — {p.hint}" if p.hint else "")), icon=":material/warning:")
    st.button("Make the network fit the data", key="make_fit", on_click=_make_fit, args=(dataset,),
              icon=":material/auto_fix_high:", type="secondary", width="stretch",
              help="Input shape, a Flatten where a dense layer meets images, the loss and the output width, "
                   "in one edit that Undo takes back")
    return False


def settings_ui() -> None:
    spec = state.spec()
    settings_grid(spec, MAIN, 2, "pgs")
    with st.popover("More settings", icon=":material/tune:", width="stretch"):
        settings_grid(spec, other_settings(), 2, "pgm")


def controls_ui(can_train: bool) -> None:
    job = runs.shown_job()
    status = job.status if job else None
    active = job is not None and job.active
    paused = status in ("paused", "idle")
    with st.container(horizontal=True, gap="small", key="controls"):
        if paused:
            st.button("Resume", key="resume", on_click=runs.resume, type="primary", icon=":material/play_arrow:")
        else:
            st.button("Start", key="start", on_click=runs.start, disabled=active or not can_train, type="primary",
                      icon=":material/play_arrow:", help="Train in a worker process; the page stays usable")
        st.button("Pause", key="pause", on_click=runs.pause, disabled=status != "running", icon=":material/pause:")
        st.button("Step", key="step", on_click=runs.step, disabled=status == "running" or (not active and not can_train),
                  icon=":material/skip_next:", help="Train on one batch (starts a paused run if none is going)")
        st.button("Reset", key="reset", on_click=runs.reset, disabled=job is None, icon=":material/restart_alt:",
                  help="Stop this run and start again from fresh weights (the run stays on the Training tab)")
    if job is not None and job.queued:
        place = JOBS.queue_position(st.session_state.sid, job.id)
        st.info(f"Waiting for a free slot: {_ordinal(place)} in line. It starts by itself.", icon=":material/schedule:")
        st.button("Cancel", key="cancel", on_click=runs.stop, icon=":material/close:")


def _ordinal(n: int | None) -> str:
    if n is None:
        return "next"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# ---- the live part: status, canvas, charts ----------------------------------------------------------

def _duration(seconds: float | None) -> str:
    if seconds is None or not np.isfinite(seconds):
        return "–"
    minutes, s = divmod(int(seconds), 60)
    return f"{minutes}m {s:02d}s" if minutes else f"{s}s"


def status_line(job, snap: Snapshot | None) -> str:
    """One line of figures a person can trust: epoch (done / total), step, speed, time."""
    if job is None or snap is None:
        return ""
    colour = STATUS_COLOURS.get(job.status, "gray")
    parts = [f":{colour}-badge[{job.status}]"]
    if snap.total_epochs:
        parts.append(f"epoch **{snap.epoch}/{snap.total_epochs}** done")
    parts.append(f"step {snap.step:,}")
    speed = snap.samples_per_s if snap.status == "running" else snap.average_samples_per_s
    if speed:
        parts.append(f"{speed:,.0f} samples/s" + ("" if snap.status == "running" else " (average)"))
    parts.append(f"{_duration(snap.elapsed_s)}" + (f" · ETA {_duration(snap.eta_s)}" if snap.eta_s else ""))
    last = snap.epochs[-1] if snap.epochs else {}
    metric = next((k for k in ("val_acc", "val_r2") if k in last), None)
    if metric:
        parts.append(f"{'val accuracy' if metric == 'val_acc' else 'val R²'} **{last[metric]:.3f}**")
    return " · ".join(parts)


def _snapshot(job) -> Snapshot | None:
    return job.trainer.log.snapshot() if job is not None and job.started else None


def _output_view(job, snap: Snapshot | None, dataset) -> None:
    views = snap.views if snap is not None else {}
    fig = None
    if "boundary" in views and dataset is not None and tuple(dataset.sample_shape) == (2,):
        fig = figures.boundary_figure(views["boundary"], dataset.x.numpy(), dataset.y.numpy(), snap.class_names,
                                      snap.task)
    elif "confusion" in views:
        fig = figures.confusion_figure(views["confusion"], snap.class_names)
    elif "regression" in views:
        fig = figures.regression_figure(views["regression"]["actual"], views["regression"]["predicted"])
    elif "reconstructions" in views:
        r = views["reconstructions"]
        fig = figures.reconstructions_figure(r["inputs"], r["outputs"])
    elif dataset is not None:
        fig = data_preview_figure(dataset, compact=True)
    if fig is not None:
        fig.update_layout(height=330, margin=dict(l=6, r=6, t=34, b=6), legend=dict(orientation="h", y=-0.08))
        st.plotly_chart(fig, key="pg_output", config=CHART_CONFIG)


def _alerts(snap: Snapshot | None) -> None:
    for a in (snap.alerts if snap is not None else [])[:3]:
        where = f"**{a['layer']}**: " if a.get("layer") else ""
        (st.error if a.get("severity") == "error" else st.warning)(
            f"{where}{a['message']}", icon=":material/monitor_heart:")
    if snap is not None and snap.status in ("diverged", "failed"):
        st.error(plain(snap.message), icon=":material/error:")


def _live() -> None:
    ss = st.session_state
    if ss.get("page_version") != ss.version:  # an edit made inside this fragment: redraw the whole page once
        st.rerun()
    JOBS.touch(ss.sid)
    job = runs.shown_job()
    snap = _snapshot(job)
    spec, checked = state.spec(), state.checked()
    dataset, _ = current_dataset()
    line = status_line(job, snap)
    summary = state.summary()
    head = (f":green[:material/check_circle:] {len(checked.order)} layers · {summary.total_params:,} parameters"
            if summary is not None else f":red[:material/error: {len(checked.errors)} problem(s)]")
    st.markdown(f"**{plain(spec.get('name', ''))}** · {head}" + (f" &nbsp;|&nbsp; {line}" if line else ""))
    middle, side = st.columns([0.6, 0.4], gap="small")
    with middle:
        canvas_ui(spec, checked, snap if job is not None and runs.trains_this_network(job) else None,
                  height=CANVAS_HEIGHT)
    with side:
        fig = figures.loss_figure(snap.steps if snap else {}, snap.epochs if snap else [],
                                  snap.steps_per_epoch if snap else 0, log_y=False)
        fig.update_layout(height=215, margin=dict(l=6, r=6, t=34, b=6))
        st.plotly_chart(fig, key="pg_loss", config=CHART_CONFIG)
        _output_view(job, snap, dataset)
        _alerts(snap)
    with middle:
        with st.container(border=True, key="node_form"):
            editor_ui(spec, checked, compact=True)
    rerun_when_ended(job)


def rerun_when_ended(job) -> None:
    """Inside a live fragment: when the run it watched has ended, redraw the whole page once (buttons,
    downloads), which also stops the fragment's timer."""
    ss = st.session_state
    if ss.get("live_job") == (job.id if job else None, True) and (job is None or not job.active):
        ss.live_job = (job.id if job else None, False)
        st.rerun()


def live_fragment(render, job) -> None:
    """Draw `render` as a fragment that redraws itself every second while `job` trains, and every few seconds
    while it is paused or waiting in line (to notice a change); not at all otherwise."""
    status = job.status if job else None
    st.session_state.live_job = (job.id, job.active) if job else None
    every = LIVE_EVERY_S if status in ("running", "starting") else \
        HEARTBEAT_EVERY_S if status in ("paused", "idle", "queued") else None

    def guarded() -> None:
        try:
            render()
        except Exception as e:  # said in the fragment's place, and the rest of the page stays usable
            state.report_bug(e)

    st.fragment(guarded, run_every=every)()


def playground_page() -> None:
    ss = st.session_state
    ss.page_version = ss.version
    dataset, error = current_dataset()
    left, right = st.columns([0.2, 0.8], gap="medium")
    with left:
        dataset_ui()
        can_train = fit_ui(dataset, error)
        settings_ui()
        controls_ui(can_train)
        with st.container(horizontal=True, gap="small"):
            st.button("Undo", key="pg_undo", on_click=state.undo, icon=":material/undo:",
                      disabled=not ss.history.past, type="tertiary")
            st.button("Redo", key="pg_redo", on_click=state.redo, icon=":material/redo:",
                      disabled=not ss.history.future, type="tertiary")
    with right:
        live_fragment(_live, runs.shown_job())
