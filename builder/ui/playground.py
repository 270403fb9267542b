"""The Playground: the landing view, on one screen. On the left the data and the main training settings with
Start / Pause / Step / Reset; in the middle the network canvas, which turns into the training dashboard while a
run trains; on the right the loss curve, a language model's generated text, attention per head, and the output view
(decision boundary, confusion matrix, predicted vs actual or reconstructions)."""
from __future__ import annotations

import streamlit as st

from .. import figures
from ..datasets import DATASETS, OPTIONS, dataset_options, option_shown
from ..jobs import JOBS
from ..runlog import Snapshot
from ..uploads.common import WARNING, warnings_in
from . import runs, state
from .canvas import canvas_ui, first_screen
from .upload import UPLOADABLE, upload_ui
from .follow import PICKABLE, follow_ui, followed, pickable_chart, warm
from .live_text import attention_ui, generated_text_ui
from .playground_controls import REGULARISATION, boundary_switches_ui, features_ui, network_ui, split_ui
from .settings_form import MAIN, other_settings, settings_grid
from .stored_runs import interrupted_ui
from .teaching import teaching_ui
from .text import plain
from .widgets import (NO_DATASET, OPTION_LABELS, UPLOAD_CHOICE, VIEW_FIGURES, choose_dataset, controls_ui,
                      data_preview_figure, data_preview_svg, editor_ui, fit_ui, live_fragment, rerun_when_changed,
                      set_option, snapshot, status_line, svg_chart, view_figure)

CANVAS_HEIGHT = 520
OUTPUT_HEIGHT = 330  # the output view (or the data picture) beside the canvas
CHART_CONFIG = {"displayModeBar": False}
TOY_OPTIONS = ("noise", "n_samples")


# ---- the left column: data, settings, controls ----------------------------------------------------

def dataset_ui() -> None:
    spec, ss = state.spec(), state.session()
    data = spec.get("data") or {}
    upload, uploaded = ss.upload, ", ".join(n for n, _ in ss.upload_files)
    choices = list(DATASETS) + ([UPLOAD_CHOICE] if ss.upload_files else [])
    current = UPLOAD_CHOICE if ss.upload_files and ss.data_source == state.UPLOAD else data.get("dataset")
    current = current if current in choices else None  # a spec without data: none chosen yet (see data.builtin_ui)
    key = f"pg{ss.rev}.dataset"
    if state.control("data.dataset") == "hidden":  # a teacher's link chose the data
        return
    # the picker shows the data in use, also when it changed elsewhere: an upload in the popover below reruns the page
    if key not in st.session_state or st.session_state[key] != current:
        st.session_state[key] = current
    label = lambda n: f"uploaded: {uploaded}" if n == UPLOAD_CHOICE else f"{n} · {DATASETS[n].task}"
    state.show_new_label(key, choices, label)  # another file uploaded: its name
    with st.container(horizontal=True, gap="small", vertical_alignment="bottom"):
        st.selectbox("Data", choices, key=key, on_change=choose_dataset, args=(key,), placeholder=NO_DATASET,
                     disabled=state.control("data.dataset") == "locked", format_func=label,
                     help=f"{DATASETS[current].description}\n\nBuilt-in datasets, "
                     "or your own file (Upload)" if current in DATASETS else "Built-in datasets, or your own file")
        with st.popover("Upload", icon=":material/upload:", help=f"Your own data: {UPLOADABLE}",
                        disabled=state.control("data.dataset") == "locked"):
            upload_ui(where="pg_")
    if current is None or current == UPLOAD_CHOICE and upload is None:
        return  # why there is no data is said below, by the fit check
    if current == UPLOAD_CHOICE:  # its first sentence here; all of it (what was left out, how it was read) on hover
        summary, _, more = upload.description.partition(". ")
        st.caption(plain(summary + "." if more else summary), help=plain(upload.description) if more else None)
        for warning in warnings_in(upload.description)[1]:  # what would spoil the run: its gist, all of it on hover
            gist = warning.removeprefix(WARNING).partition(": ")[0]
            st.caption(f":material/warning: {plain(gist.rstrip('.'))}.", help=plain(warning))
        return
    options = {**dataset_options(current), **(data.get("options") or {})}
    shown = [n for n in TOY_OPTIONS if n in options and state.control("data.options") != "hidden"]
    locked = state.control("data.options") == "locked"
    for col, name in zip(st.columns(len(shown)) if shown else [], shown):
        rule, key = OPTIONS[name], f"pg{ss.rev}.{current}.{name}"
        value = option_shown(current, name, options[name])  # a link's out-of-range value: its error says so
        with col:
            if rule.kind is float:
                st.slider(name, float(rule.low), 0.5, float(min(value, 0.5)), step=0.01, key=key, help=rule.help,
                          on_change=set_option, args=(name, key), disabled=locked)
            else:
                st.number_input(OPTION_LABELS.get(name, name), int(rule.low), 5000, int(min(value, 5000)),
                                step=100, key=key, help=rule.help, on_change=set_option, args=(name, key),
                                disabled=locked)


def settings_ui() -> None:
    spec = state.spec()
    settings_grid(spec, MAIN + REGULARISATION, 2, "pgs")
    with st.popover("More settings", icon=":material/tune:", width="stretch"):
        settings_grid(spec, [n for n in other_settings() if n not in REGULARISATION], 2, "pgm")


# ---- the live part: status, canvas, charts ----------------------------------------------------------

def _output(snap: Snapshot | None, dataset) -> tuple[str | None, object, str | None]:
    """What the output view shows: (view name, Plotly figure, SVG picture). The run's first output view that can be
    drawn (see VIEW_FIGURES), else a picture of the data: SVG for 2-D points, else a figure, which the session's
    first screen holds back (all None) until the canvas is drawn."""
    name, fig = next(((n, f) for n, f in ((n, view_figure(n, snap, dataset)) for n in VIEW_FIGURES) if f is not None),
                     (None, None))
    if fig is not None or dataset is None:
        return name, fig, None
    picture = data_preview_svg(dataset, OUTPUT_HEIGHT)
    if picture is not None or first_screen():
        return None, None, picture
    return None, data_preview_figure(dataset, compact=True), None


def _output_waits(output: tuple, dataset) -> bool:
    """The data's picture is held back: the canvas is asked to say when its nodes show (canvas.first_screen)."""
    return dataset is not None and all(part is None for part in output)


def _output_view(output: tuple, dataset) -> None:
    name, fig, picture = output
    if picture is not None:  # 2-D points, drawn at once
        with st.container(key="pg_output"):
            svg_chart(picture)
    elif _output_waits(output, dataset):  # drawn in the run the canvas asks for once it shows (a second sooner here)
        with st.container(height=OUTPUT_HEIGHT, border=False, key="pg_output_waits"):
            st.caption("The data's picture follows the network.")
    elif fig is not None:
        # the legend goes at the foot of the chart, under the tick labels and the x axis's title where there is one
        # ("actual"): a legend placed by the plot's height would cover them
        titled = bool(fig.layout.xaxis.title.text)
        fig.update_layout(height=OUTPUT_HEIGHT, margin=dict(l=6, r=6, t=34, b=52 if titled else 30),
                          legend=dict(orientation="h", yref="container", y=0, yanchor="bottom"))
        if name in PICKABLE:  # a click on a sample follows it through the network, under the chart
            pickable_chart(fig, "pg_output", name, "pg")
        else:
            st.plotly_chart(fig, key="pg_output", config=CHART_CONFIG)


SEVERITY = {"error": 0, "warning": 1}
ALERTS_SHOWN = 3  # more are folded under "more alerts"


def ordered_alerts(snap: Snapshot | None) -> list[dict]:
    """Every alert of a run, most severe first: the reason it diverged or failed, then errors, then warnings."""
    if snap is None:
        return []
    ended = [{"layer": None, "message": snap.message, "severity": "error", "icon": ":material/error:"}] \
        if snap.status in ("diverged", "failed") and snap.message else []
    return ended + sorted(snap.alerts, key=lambda a: SEVERITY.get(a.get("severity"), 2))


def _recurrent_views(snap: Snapshot | None) -> None:
    """For a recurrent network, on the first screen side by side: the gradient through time, and a hidden state
    (time × unit)."""
    if snap is None or not snap.time_gradients:
        return
    lid, node = next(((lid, n) for lid, n in snap.nodes.items() if n.get("sequence") is not None), (None, None))
    through_time, hidden = st.columns(2, gap="small")
    with through_time:
        fig = figures.time_gradient_figure(snap.time_gradients, max_lines=3)
        fig.update_layout(height=240, margin=dict(l=6, r=6, t=34, b=6), showlegend=False,
                          title=dict(text="Gradient through time ‖∂L/∂hₜ‖", font=dict(size=13)))
        st.plotly_chart(fig, key="pg_time", config=CHART_CONFIG)
    if node is not None:
        with hidden:
            fig = figures.hidden_state_figure(node["sequence"], lid)
            fig.update_layout(height=240, margin=dict(l=6, r=6, t=34, b=6), title_font_size=13)
            st.plotly_chart(fig, key="pg_hidden", config=CHART_CONFIG)


def _finding(message: str) -> str:
    """An alert's first sentence, what was found, without the advice after it ("… barely learns. Try …")."""
    cut = next((i for i in range(len(message) - 2) if message[i] == "." and message[i + 1] == " "
                and message[i + 2].isupper()), None)
    return message if cut is None else message[:cut + 1]


def alert_lines(found: list[dict]) -> list[str]:
    """One Markdown line per alert, in the given order. An alert of a kind already said (a second layer whose
    gradient vanishes) gives its finding alone: the advice is said once."""
    lines, said = [], set()
    for a in found:
        where = f"**{plain(a['layer'])}**: " if a.get("layer") else ""
        kind = a.get("kind")
        message = _finding(a["message"]) if kind is not None and kind in said else a["message"]
        said.add(kind)
        lines.append(f"{where}{plain(message)}")
    return lines


def _alerts(snap: Snapshot | None) -> None:
    """The run's alerts in one compact box at the top of the first screen, most severe first (the box in the colour
    of the worst), an advice said once per kind, folded beyond three: the charts below stay on the first screen."""
    found = ordered_alerts(snap)
    if not found:
        return
    lines = alert_lines(found)
    worst = found[0]
    box = st.error if worst.get("severity") == "error" else st.warning
    with st.container(key="pg_alerts"):
        box("\n".join(f"- {line}" for line in lines[:ALERTS_SHOWN]), icon=worst.get("icon", ":material/monitor_heart:"))
        if len(lines) > ALERTS_SHOWN:
            with st.expander(f"{len(lines) - ALERTS_SHOWN} more alert{'s' * (len(lines) - ALERTS_SHOWN > 1)}"):
                st.markdown("\n".join(f"- {line}" for line in lines[ALERTS_SHOWN:]))


def loss_numbers(snap: Snapshot | None) -> str:
    """The latest train and test (validation) loss as numbers, TF Playground's two figures beside its chart."""
    last = snap.epochs[-1] if snap is not None and snap.epochs else {}
    train = last.get("train_loss", snap.steps["loss"][-1] if snap is not None and snap.steps.get("loss") else None)
    if train is None:
        return ""
    test = last.get("val_loss")
    return f"train loss **{train:.3f}**" + (f" · test loss **{test:.3f}**" if test is not None else "")


def _loss_chart(snap: Snapshot | None) -> None:
    numbers = loss_numbers(snap)
    if not numbers:  # no empty box before the first batch: a line says what comes
        with st.container(key="pg_loss"):
            st.caption("The loss curve appears here once training starts.")
        return
    st.markdown(numbers, help="Test loss: the loss on the held-out validation rows, after each epoch")
    job = runs.shown_job()
    with st.container(key="pg_loss"):  # SVG, not Plotly: a first Start's point shows before Plotly's script loads
        svg_chart(_loss_svg(job.id if job is not None else "", snap.step, len(snap.epochs), snap))


@st.cache_resource(max_entries=8, show_spinner=False)
def _loss_svg(job_id: str, step: int, epochs: int, _snap: Snapshot) -> str:
    """The loss chart, made once per run and step (a paused run's live view redraws every second, and a click on
    a sample redraws it too). Shared and read-only."""
    return figures.loss_svg(_snap.steps, _snap.epochs, _snap.steps_per_epoch)


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
    params = state.total_params()
    head = (f":green[:material/check_circle:] {len(checked.order)} layers · {params:,} parameters"
            if params is not None else f":red[:material/error: {len(checked.errors)} problem(s)]")
    warned = len(checked.warnings)  # a layer that learns nothing, dropout that does nothing: said on hover
    head += f" · :orange[:material/warning: {warned} warning{'s' * (warned != 1)}]" if warned else ""
    st.markdown(f"**{plain(spec.get('name', ''))}** · {head}" + (f" &nbsp;|&nbsp; {line}" if line else ""),
                help="\n\n".join(plain(w) for w in checked.warnings) if warned else None)
    same = job is not None and runs.same_setup(job)
    if line and not same:  # a run of the network before a preset or other data: it goes on until paused or reset
        old = plain((job.meta.get("spec") or {}).get("name") or "the previous network")
        st.caption(f":orange[:material/info:] This run trains **{old}**, on its own data, not the network on screen: "
                   "its loss is shown, not its outputs. Reset stops it; then Start trains this one.")
    middle, side = st.columns([0.6, 0.4], gap="small")
    with middle:
        with st.container(horizontal=True, gap="medium", vertical_alignment="bottom"):
            features_ui(dataset)
            network_ui()
        own = job is not None and runs.trains_this_network(job)
        output = _output(snap if same else None, dataset)  # another data's boundary is not drawn over this data
        canvas_ui(spec, checked, snap if own else None, height=CANVAS_HEIGHT, sample=followed("pg") if own else None,
                  report_drawn=_output_waits(output, dataset))  # sample: a clicked one, traced on the nodes
    with side:
        _alerts(snap)
        _loss_chart(snap)
        generated_text_ui(job, snap)
        attention_ui(snap)
        _recurrent_views(snap)
        _output_view(output, dataset)
        if same and snap is not None and "boundary" in snap.views:
            boundary_switches_ui()
        follow_ui("pg")
    with middle:
        with st.container(border=True, key="node_form"):
            editor_ui(spec, checked, compact=True)
    if own and snap is not None and set(PICKABLE) & set(snap.views):
        warm(job)  # a click on a sample of a paused run then traces it at once
    rerun_when_changed(job)


def playground_page() -> None:
    ss = state.session()
    ss.page_version = ss.version
    dataset, error = state.current_dataset()
    left, right = st.columns([0.2, 0.8], gap="medium")
    with left:
        teaching_ui()
        dataset_ui()
        split_ui()
        can_train = fit_ui(dataset, error, compact=True)
        settings_ui()
        controls_ui(can_train)
        interrupted_ui()
    with right:
        live_fragment(_live, runs.shown_job(), edits=True)
