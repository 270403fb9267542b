"""The pieces more than one tab draws, in one place: the run's status line and controls, the live fragment, whether
the network fits the data (with the fix), the dataset choice, the selected layer's editor, and the figures of the
data and of a run's output views (the runs on disk: stored_runs.py)."""
from __future__ import annotations

import copy

import numpy as np
import streamlit as st

from .. import figures
from ..carry import carry_counts
from ..checker import CheckedSpec
from ..datasets import Dataset
from ..fitting import check_fit, fit_network
from ..errors import SpecError
from ..jobs import JOBS, Job
from ..preprocessing import VAL_FRACTION, split_arrays
from ..registry import REGISTRY
from ..runlog import Snapshot
from . import runs, state
from .canvas_data import shape_text
from .edits import layer_ids, rename_layer, set_field, set_inputs
from .forms import params_ui
from .text import plain

LIVE_EVERY_S = 1.0  # refresh while running
PAUSED_EVERY_S = 2.0  # while paused (nothing moves by itself; a click on a sample then rarely waits for a refresh)
FIRST_POINT_EVERY_S = 0.2  # … and this often from Start until the run's first loss point is drawn
STATUS_COLOURS = {"queued": "violet", "starting": "gray", "idle": "gray", "running": "blue", "paused": "orange",
                  "finished": "green", "stopped": "gray", "diverged": "red", "failed": "red"}
UPLOAD_CHOICE = "upload"  # the dataset pickers' entry for the uploaded file
NO_DATASET = "choose a dataset"  # the dataset pickers' placeholder, when the spec has no data
OPTION_LABELS = {"n_samples": "samples"}  # a dataset option as the page names it (the Playground and Data tab alike)
PREVIEW_SAMPLES = 24
ERROR_ICON = ":material/error:"
GAPS_PROMPT = "Choose under Missing values how to handle the gaps: "  # opens an upload's refusal for its gaps alone


# ---- a run: its snapshot, status line and controls -------------------------------------------------

def snapshot(job: Job | None) -> Snapshot | None:
    """What the run has recorded so far (None before it has started)."""
    return job.runner.log.snapshot() if job is not None and job.started else None


def duration(seconds: float | None) -> str:
    """A run's time as a person reads it: "0.4s", "12s", "3m 05s", "2h 07m" ("–": not known)."""
    if seconds is None or not np.isfinite(seconds) or seconds < 0:
        return "–"
    if seconds < 9.95:
        return f"{seconds:.1f}s"  # a small network's whole run: "0s" would say nothing
    minutes, s = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m {s:02d}s" if minutes else f"{s}s"


def status_line(job: Job | None, snap: Snapshot | None) -> str:
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
    parts.append(f"{duration(snap.elapsed_s)}" + (f" · ETA {duration(snap.eta_s)}" if snap.eta_s else ""))
    last = snap.epochs[-1] if snap.epochs else {}
    metric = next((k for k in ("val_acc", "val_r2") if k in last), None)
    if metric:
        parts.append(f"{'val accuracy' if metric == 'val_acc' else 'val R²'} **{last[metric]:.3f}**")
    return " · ".join(parts)


def _ordinal(n: int | None) -> str:
    if n is None:
        return "next"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def controls_ui(can_train: bool) -> None:
    """Start (or Resume), Pause, Step and Reset for the run on screen; Cancel while it waits in line."""
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
    continue_ui(runs.current_job())
    if job is not None and job.queued:
        place = JOBS.queue_position(state.session().sid, job.id)
        st.info(f"Waiting for a free slot: {_ordinal(place)} in line. It starts by itself.", icon=":material/schedule:")
        st.button("Cancel", key="cancel", on_click=runs.stop, icon=":material/close:")


def continue_ui(job: Job | None) -> None:
    """After an edit of a paused or ended run's network or settings: go on from what it learned (the edit is not
    applied to the run otherwise, and this says so); after such a continuation, what it kept, per layer."""
    if runs.edited(job):
        st.caption(":orange[:material/edit:] The network or settings on screen differ from the run's: it learned "
                   "on the old ones. Continue (or Resume) trains the new ones from what it learned.")
        st.button("Continue with what it learned", key="continue_edit", on_click=runs.continue_edited,
                  icon=":material/fast_forward:", type="primary", width="stretch",
                  help="A new run of the network on screen starts from the run's weights: every layer whose shape "
                       "still fits keeps them, a widened layer keeps its old units; it says per layer what it kept")
    elif job is not None and job.status in ("running", "starting") and runs.differs(job):
        st.caption(":orange[:material/edit:] The run goes on training the network and settings it started with, "
                   "not your edit. Pause, then Continue to train the edited ones from what it learned.")
    shown = runs.shown_job()  # what a continuation kept belongs to its run's network, not to a preset loaded since
    edit = (snapshot(job).answers.get("edit") or {}).get("value") \
        if job is not None and job.started and shown is not None and shown.id == job.id else None
    if edit:
        with st.expander(carry_title(edit["layers"]), icon=":material/fast_forward:", key="edit_report"):
            for line in edit["lines"]:
                st.markdown(f"- {plain(line)}")


def carry_title(layers: list[dict]) -> str:
    """A continuation's report in a few words: how many layers kept their weights, were widened or narrowed (their
    old units kept), were added, or started afresh ("Continued: 1 layer kept, 2 widened")."""
    said = carry_counts([c["how"] for c in layers])
    if not said:
        return "Continued: no layer had weights to keep"
    (n, word), rest = said[0], said[1:]
    return f"Continued: {n} layer{'s' * (n != 1)} {word}" + "".join(f", {n} {word}" for n, word in rest)


# ---- the live part of a tab ---------------------------------------------------------------------------

def job_state(job: Job | None) -> tuple | None:
    """What the page shows of a run outside its live views: its status, its place in line while it waits, whether
    it has trained a step yet (the live views then refresh at their usual pace), and whether a continued run has
    said what it kept (that report reaches its worker's first log message, after the run is marked running)."""
    if job is None:
        return None
    return (job.id, job.status, JOBS.queue_position(state.session().sid, job.id) if job.queued else None,
            _first_point_due(job), job.started and "edit" in job.runner.log.answers)


def _first_point_due(job: Job) -> bool:
    """A run started or starting that has not trained a step yet (a continued run: none of its own): its first loss
    point is on its way."""
    return job.status == "starting" or (job.status == "running" and job.started and job.runner.log.steps_here == 0)


def rerun_when_changed(job: Job | None) -> None:
    """Inside a live fragment: when the run it watches has changed since the page was drawn (moved up in line,
    started, paused, ended), redraw the whole page once (controls, place in line, downloads); a run that ended
    also stops the fragment's timer."""
    ss, now = state.session(), job_state(job)
    if ss.live_job is not None and now != ss.live_job:
        ss.live_job = now
        st.rerun()


def live_every(job: Job | None) -> float | None:
    """How often the live views of `job` redraw themselves, in seconds (None: not by themselves)."""
    if job is not None and _first_point_due(job):
        return FIRST_POINT_EVERY_S  # the first point shows as soon as it exists (the first step is ~35 ms)
    status = job.status if job else None
    return PAUSED_EVERY_S if status in ("paused", "idle") else \
        LIVE_EVERY_S if status in ("running", "starting", "queued") else None


def live_fragment(render, job: Job | None, edits: bool = False) -> None:
    """Draw `render` as a fragment that redraws itself every second while `job` is going (training or waiting in
    line; every two seconds while paused), so every change of it reaches the page by itself. `edits`: it holds widgets
    that edit the network (the Playground's canvas and form), so with no run going it is drawn as part of the page:
    an edit then costs one whole-page run, not a fragment run and then one."""
    state.session().live_job = job_state(job)
    every = live_every(job)

    def guarded() -> None:
        try:
            render()
        except Exception as e:  # said in the fragment's place, and the rest of the page stays usable
            state.report_bug(e)

    if every is None and edits:
        # in a container of its own, as a fragment draws itself: the page's tree keeps its shape when a run starts
        # or ends, so the canvas and the form are updated in place, not drawn afresh (a blank canvas, a lost zoom)
        with st.container():
            guarded()
    else:
        st.fragment(guarded, run_every=every)()


# ---- does the network fit the data? ---------------------------------------------------------------

def fit_errors(dataset: Dataset) -> list[SpecError]:
    """What stands between the (valid) network and this data; nothing while the network itself has errors."""
    checked = state.checked()
    if not checked.ok:
        return []
    return check_fit(checked, dataset)


def make_fit(dataset: Dataset) -> None:
    new, changes = fit_network(state.spec(), dataset)
    if state.commit(new, reload_forms=True):
        state.refit()
        state.notify("success", "The network now fits the data: " + "; ".join(changes) + ". Undo takes it back.")


def fit_ui(dataset: Dataset | None, error: str | None, compact: bool = False) -> bool:
    """Whether the network can train on the data; if not, why, and a button that makes it fit (one edit).
    `compact`: the Playground's column (the first three problems, nothing said when it fits)."""
    if dataset is None:
        if error and error.startswith(GAPS_PROMPT):  # a question, not a refusal
            st.warning(plain(error), icon=":material/help:")
        else:
            st.error(plain(error or "no dataset chosen"), icon=ERROR_ICON if compact else None)
        return False
    checked = state.checked()
    if not checked.ok:
        n = len(checked.errors)
        if compact:
            st.error(f"{n} problem{'s' * (n != 1)} in the network: see the red nodes.", icon=ERROR_ICON)
        else:
            st.warning("The network has errors: fix the layers marked in red on the Layers tab first.")
        return False
    problems = check_fit(checked, dataset)
    if compact:
        for p in problems[:3]:
            st.warning(plain(f"{p.where}: {p.message}" + (f" — {p.hint}" if p.hint else "")),
                       icon=":material/warning:")
    else:
        for p in problems:
            st.error(plain(f"{p.where}: {p.message}") + (f"  \n**Fix:** {plain(p.hint)}" if p.hint else ""))
    if problems:
        st.button("Make the network fit the data", key="make_fit" if compact else "match_input", on_click=make_fit,
                  args=(dataset,), icon=":material/auto_fix_high:", type="secondary",
                  width="stretch" if compact else "content",
                  help="Input shape, a Flatten where a dense layer meets images, the loss and the output width, "
                       "in one edit that Undo takes back")
    elif not compact:
        st.success(f"The network fits {plain(dataset.name)}: input {list(dataset.sample_shape)}, output "
                   f"{list(checked.output_shape)}.", icon=":material/check:")
    return not problems


# ---- choosing the data (callbacks of the dataset pickers) ----------------------------------------------

def choose_dataset(key: str) -> None:
    """A dataset picker's choice: a built-in dataset (its options reset, the validation share kept), or the upload."""
    choice = st.session_state[key]
    if choice is None:
        return
    if choice == UPLOAD_CHOICE:
        state.session().data_source = state.UPLOAD
        return
    state.session().data_source = state.BUILT_IN
    old = state.spec().get("data") or {}
    state.commit(set_field(state.spec(), ("data",), {"dataset": choice, "options": {},
                                                     "val_fraction": old.get("val_fraction", VAL_FRACTION)}))


def set_option(name: str, key: str) -> None:
    """A dataset option's widget changed (an empty one drops the option: its default applies)."""
    data = copy.deepcopy(state.spec().get("data") or {})
    value = st.session_state[key]
    options = data.setdefault("options", {})
    if value is None:
        options.pop(name, None)
    else:
        options[name] = value
    state.commit(set_field(state.spec(), ("data",), data))


# ---- the selected layer's editor ---------------------------------------------------------------------

def layer_status(checked: CheckedSpec, layer_id: str) -> tuple[bool, str]:
    """(ok, text): the layer's output shape, or its error in words."""
    errors = [e for e in checked.errors if e.layer_id == layer_id]
    if errors:
        return False, "; ".join(e.message + (f" — {e.hint}" if e.hint else "") for e in errors)
    info = checked.layers.get(layer_id)
    if info is not None and info.shape is not None:
        return True, shape_text(info.shape)
    return False, "shape unknown until the layers it reads are fixed"


def _rename(layer_id: str, key: str) -> None:
    try:
        new = rename_layer(state.spec(), layer_id, st.session_state[key])
    except ValueError as e:
        state.session().field_errors[key] = str(e)
        return
    if state.commit(new, reload_forms=True):
        state.session().selected = st.session_state[key].strip()


def _set_inputs(layer_id: str, key: str) -> None:
    state.commit(set_inputs(state.spec(), layer_id, st.session_state[key]))


def _identity_ui(layer: dict, ids: list[str], disabled: bool = False) -> None:
    """The layer's id and what it reads."""
    lid, rev, errors = layer["id"], state.session().rev, state.session().field_errors
    c1, c2 = st.columns(2)
    key = f"f{rev}.{lid}.__id"
    c1.text_input("Layer id", value=lid, key=key, on_change=_rename, args=(lid, key),
                  help="letters, digits and _; other layers refer to it by this name", disabled=disabled)
    if key in errors:
        c1.error(plain(errors[key]))
    key = f"f{rev}.{lid}.__inputs"
    earlier = ["input", *ids[:ids.index(lid)]]
    current = [s for s in layer.get("inputs") or [] if s in earlier or s in ids]
    c2.multiselect("Reads from", [*earlier, *(s for s in current if s not in earlier)], default=current, key=key,
                   on_change=_set_inputs, args=(lid, key), placeholder="the layer above", disabled=disabled,
                   help="Leave empty to read the layer above; pick two or more for Add/Concat or a skip connection")


def editor_ui(spec: dict, checked: CheckedSpec, compact: bool = False) -> None:
    """The selected layer's id, inputs and parameters, with its errors (compact: under the canvas)."""
    ss, ids = state.session(), layer_ids(spec)
    if ss.selected not in ids:
        if compact:
            st.caption("Select a node on the canvas to edit it; drag a layer type from the palette to add one; drag "
                       "from a node's bottom handle to another's top to wire them; Delete removes what is selected.")
            return
        ss.selected = ids[-1]
    lid = ss.selected
    layer = spec["layers"][ids.index(lid)]
    ltype = REGISTRY.get(layer["type"])
    if compact:
        st.markdown(f"**{plain(lid)}** · {plain(layer['type'])} — {ltype.help if ltype else ''}")
    else:
        st.subheader(f"{plain(lid)} · {plain(layer['type'])}")
    if ltype is None:
        st.error(f"unknown layer type '{plain(layer['type'])}'")
        return
    if not compact:
        st.caption(ltype.help)
    locked = state.control("layers") == "locked"
    if locked:
        st.caption(":material/lock: The teacher's link locks the layers: they are shown, not edited.")
    _identity_ui(layer, ids, locked)
    params_ui(layer, ltype, locked)
    info = checked.layers.get(lid)
    if info is not None and info.inferred:
        st.caption("Inferred from the incoming shape: " + ", ".join(f"{k} = {v}" for k, v in info.inferred.items()))
    ok, text = layer_status(checked, lid)
    if ok:
        st.success(f"Output shape {text}", icon=":material/check:")
    else:
        st.error(plain(f"layer '{lid}' ({layer['type']}): {text}"))


# ---- figures: the data, and a run's output views --------------------------------------------------

def preview_kind(shape: tuple, dtype: str) -> str:
    """How to show samples of this shape: points, images, lines or a table."""
    shape = tuple(shape)
    if shape == (2,) and dtype == "float":
        return "scatter"
    if dtype == "float" and figures.is_image_shape(shape):
        return "images"
    if len(shape) == 2 and dtype == "float":
        return "lines"
    return "table"


def sample_labels(dataset: Dataset, idx) -> list[str]:
    """The targets of these samples in words: class names, or the first values."""
    if dataset.task == "classification":
        return [figures.shown_class(dataset.class_names, int(v)) for v in dataset.array("y")[idx]]
    if dataset.task == "reconstruction":
        return ["" for _ in idx]
    y = dataset.array("y")
    return [", ".join(f"{float(v):.3g}" for v in y[i].reshape(-1)[:2]) for i in idx]


def svg_chart(svg: str) -> None:
    """An SVG chart (builder.figures.svg) on the page, inside a <div>: that makes it one raw HTML block for Streamlit's
    Markdown (CommonMark's sixth kind), so no text in it is read as Markdown (an address in a class name would
    become a link); the SVG holds no line break, let alone the blank line that would end the block. Its text is
    escaped where it is made."""
    st.markdown(f"<div>{svg}</div>", unsafe_allow_html=True)


def data_preview_svg(dataset: Dataset, height: int) -> str | None:
    """The Playground's picture of 2-D points as SVG (drawn without Plotly's script, so a first screen never waits
    on it, nor a Start clicked just after), else None: other data are drawn by `data_preview_figure`."""
    if preview_kind(dataset.sample_shape, dataset.dtype) != "scatter":
        return None
    return figures.scatter_svg(dataset.array("x"), dataset.array("y"), dataset.class_names, dataset.task,
                               title=f"{dataset.name}: the data", height=height)


def data_preview_figure(dataset: Dataset, compact: bool = False):
    """A picture of the samples: points for 2-D data, images, sequences as lines, or per-feature histograms."""
    kind = preview_kind(dataset.sample_shape, dataset.dtype)
    idx = list(range(min(12 if compact else PREVIEW_SAMPLES, dataset.n_samples)))
    x, y = dataset.array("x"), dataset.array("y")
    if kind == "scatter":
        return figures.scatter_2d(x, y, dataset.class_names, dataset.task,
                                  title=f"{dataset.name}: the data" if compact else None)
    if kind == "images":
        return figures.image_grid(x[idx], sample_labels(dataset, idx), cols=6 if compact else 12,
                                  title=f"{dataset.name}: samples" if compact else None)
    if kind == "lines":
        return figures.sequence_lines(x[:6], None if dataset.task == "reconstruction" else y[:6],
                                      feature_names=dataset.feature_names,
                                      title=f"{dataset.name}: samples" if compact else None)
    if dataset.dtype == "float" and len(dataset.sample_shape) == 1:
        return figures.feature_histograms(x, dataset.feature_names, max_features=6 if compact else 12,
                                          title=f"{dataset.name}: features" if compact else None)
    return None


def _boundary_figure(view, snap: Snapshot, dataset: Dataset | None):
    """The training points over the boundary; the test points too (hollow) when the person asked for them."""
    if dataset is None or tuple(dataset.sample_shape) != (2,):
        return None  # the data now chosen is not the plane the run drew its boundary over
    ss, data, seed = state.session(), state.spec().get("data") or {}, (state.spec().get("training") or {}).get("seed", 0)
    try:
        train, test = split_arrays(dataset, float(data.get("val_fraction", VAL_FRACTION)), int(seed))
    except Exception:  # a split the run could not have made either: all the points, as training ones
        train, test = np.arange(dataset.n_samples), np.arange(0)
    x, y = dataset.array("x"), dataset.array("y")
    return figures.boundary_figure(view, x[train], y[train], snap.class_names, snap.task, discretize=ss.discretize,
                                   test=(x[test], y[test]) if ss.show_test else None)


VIEW_FIGURES = {  # a run's output view → its figure, in the order the Playground prefers them
    "boundary": _boundary_figure,
    "confusion": lambda view, snap, dataset: figures.confusion_figure(view, snap.class_names),
    "regression": lambda view, snap, dataset: figures.regression_figure(view["actual"], view["predicted"]),
    "reconstructions": lambda view, snap, dataset: figures.reconstructions_figure(view["inputs"], view["outputs"]),
}


def view_figure(name: str, snap: Snapshot | None, dataset: Dataset | None):
    """The figure of the run's output view `name`; None when the run has no such view (yet), or it cannot be drawn
    over the data now chosen."""
    view = snap.views.get(name) if snap is not None else None
    return VIEW_FIGURES[name](view, snap, dataset) if view is not None else None
