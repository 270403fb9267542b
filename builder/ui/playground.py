"""The Playground: the landing view, on one screen. On the left the data and the main training settings with
Start / Pause / Step / Reset; in the middle the network canvas, which turns into the training dashboard while a
run trains; on the right the loss curve and the output view (decision boundary, confusion matrix, predicted vs
actual or reconstructions)."""
from __future__ import annotations

import streamlit as st

from .. import figures
from ..datasets import DATASETS, OPTIONS, dataset_options
from ..jobs import JOBS
from ..runlog import Snapshot
from . import runs, state
from .canvas import canvas_ui
from .settings_form import MAIN, other_settings, settings_grid
from .text import plain
from .widgets import (UPLOAD_CHOICE, VIEW_FIGURES, choose_dataset, controls_ui, data_preview_figure, editor_ui,
                      fit_ui, live_fragment, rerun_when_ended, set_option, snapshot, status_line, view_figure)

CANVAS_HEIGHT = 520
CHART_CONFIG = {"displayModeBar": False}
TOY_OPTIONS = ("noise", "n_samples")


# ---- the left column: data, settings, controls ----------------------------------------------------

def dataset_ui() -> None:
    spec, ss = state.spec(), state.session()
    data = spec.get("data") or {}
    upload = ss.upload
    choices = list(DATASETS) + ([UPLOAD_CHOICE] if upload is not None else [])
    current = UPLOAD_CHOICE if upload is not None and ss.data_source == state.UPLOAD else data.get("dataset")
    current = current if current in choices else choices[0]
    key = f"pg{ss.rev}.dataset"
    st.selectbox("Data", choices, index=choices.index(current), key=key, on_change=choose_dataset, args=(key,),
                 format_func=lambda n: f"uploaded: {upload.name}" if n == UPLOAD_CHOICE else
                 f"{n} · {DATASETS[n].task}", help="Built-in datasets; upload your own on the Data tab")
    if current == UPLOAD_CHOICE:  # its first sentence here; all of it (what was left out, how it was read) on hover
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
                          on_change=set_option, args=(name, key))
            else:
                st.number_input("samples" if name == "n_samples" else name, int(rule.low), 5000, int(min(value, 5000)),
                                step=100, key=key, help=rule.help, on_change=set_option, args=(name, key))


def settings_ui() -> None:
    spec = state.spec()
    settings_grid(spec, MAIN, 2, "pgs")
    with st.popover("More settings", icon=":material/tune:", width="stretch"):
        settings_grid(spec, other_settings(), 2, "pgm")


# ---- the live part: status, canvas, charts ----------------------------------------------------------

def _output_view(snap: Snapshot | None, dataset) -> None:
    """The run's first output view that can be drawn (see VIEW_FIGURES), else a picture of the data."""
    fig = next((f for f in (view_figure(name, snap, dataset) for name in VIEW_FIGURES) if f is not None), None)
    if fig is None and dataset is not None:
        fig = data_preview_figure(dataset, compact=True)
    if fig is not None:
        fig.update_layout(height=330, margin=dict(l=6, r=6, t=34, b=6), legend=dict(orientation="h", y=-0.08))
        st.plotly_chart(fig, key="pg_output", config=CHART_CONFIG)


def _alerts(snap: Snapshot | None) -> None:
    for a in (snap.alerts if snap is not None else [])[:3]:
        where = f"**{plain(a['layer'])}**: " if a.get("layer") else ""
        (st.error if a.get("severity") == "error" else st.warning)(
            f"{where}{plain(a['message'])}", icon=":material/monitor_heart:")
    if snap is not None and snap.status in ("diverged", "failed"):
        st.error(plain(snap.message), icon=":material/error:")


def _live() -> None:
    ss = state.session()
    if ss.page_version != ss.version:  # an edit made inside this fragment: redraw the whole page once
        st.rerun()
    JOBS.touch(ss.sid)
    job = runs.shown_job()
    snap = snapshot(job)
    spec, checked = state.spec(), state.checked()
    dataset, _ = state.current_dataset()
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
        _output_view(snap, dataset)
        _alerts(snap)
    with middle:
        with st.container(border=True, key="node_form"):
            editor_ui(spec, checked, compact=True)
    rerun_when_ended(job)


def playground_page() -> None:
    ss = state.session()
    ss.page_version = ss.version
    dataset, error = state.current_dataset()
    left, right = st.columns([0.2, 0.8], gap="medium")
    with left:
        dataset_ui()
        can_train = fit_ui(dataset, error, compact=True)
        settings_ui()
        controls_ui(can_train)
        with st.container(horizontal=True, gap="small"):
            st.button("Undo", key="pg_undo", on_click=state.undo, icon=":material/undo:",
                      disabled=not ss.history.past, type="tertiary")
            st.button("Redo", key="pg_redo", on_click=state.redo, icon=":material/redo:",
                      disabled=not ss.history.future, type="tertiary")
    with right:
        live_fragment(_live, runs.shown_job(), edits=True)
