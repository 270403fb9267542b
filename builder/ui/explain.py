"""The Explain tab: follow one validation sample of the session's run through the network (each layer's output,
the prediction, each class's probability, the loss), and see why it got its answer (saliency, integrated
gradients, Grad-CAM; the input gradient on the plane)."""
from __future__ import annotations

import copy

import numpy as np
import streamlit as st
import torch
from torch import nn

from ..attribution import METHOD_NAMES, METHODS, attribute, gradient_field
from ..errors import DataError
from ..figures import explain as fx
from ..figures import shown_classes
from ..trace import pick_samples, step_sample, trace_sample, validation_sample
from ..lessons import Lesson, check_goal, locked_changes
from ..settings import settings
from ..telemetry import RELU_LIKE
from ..weights import dense_weights
from . import runs, state
from .looks import CHART, Looked, answer_line, current_look, traced_layers
from .own_sample import own_controls_ui, own_sample, pickers_ui, row_table
from .text import plain
from .variants import variants_ui
from .teaching import lessons, teacher_link_ui
from .weight_edit import can_edit, pick_weight_chart, weight_editor_ui


# ---- which sample ------------------------------------------------------------------------------------

def picked(looked: Looked) -> list[int]:
    misclassified = state.session().explain_misclassified and looked.predictions.true is not None
    return pick_samples(looked.predictions, misclassified_only=misclassified)


def _step(looked: Looked, step: int) -> None:
    ss = state.session()
    ss.explain_sample = step_sample(picked(looked), ss.explain_sample, step)


def sample_ui(looked: Looked) -> int | None:
    """Previous / next, misclassified only, the sample's number, and a sample of one's own to follow instead
    (`own_sample.pickers_ui`); returns the validation sample shown."""
    ss = state.session()
    classifier = looked.predictions.true is not None
    choices = picked(looked)
    if ss.explain_sample not in choices:
        ss.explain_sample = choices[0] if choices else None
    with st.container(horizontal=True, vertical_alignment="center", key="explain_controls"):
        st.button("Previous", key="explain_prev", on_click=_step, args=(looked, -1), icon=":material/arrow_back:",
                  disabled=not choices, shortcut="Left")
        st.button("Next", key="explain_next", on_click=_step, args=(looked, 1), icon=":material/arrow_forward:",
                  disabled=not choices, shortcut="Right")
        if classifier:
            state.remembered(st.toggle, "Misclassified only", "explain_misclassified")
        if choices:
            st.caption(f"validation sample **{ss.explain_sample}** · {choices.index(ss.explain_sample) + 1} of "
                       f"{len(choices)}" + (" misclassified" if ss.explain_misclassified and classifier else ""))
        shown = validation_sample(looked.trainer, ss.explain_sample)[0] \
            if ss.explain_sample is not None and row_table(looked) is not None else None
        refused = pickers_ui(looked, shown, "validation")
    if refused:
        st.error(plain(refused))
    if not choices:
        st.success("No validation sample is misclassified.", icon=":material/check:")
    return ss.explain_sample


# ---- the sample through the network ------------------------------------------------------------------

def _chart(fig, key: str) -> None:
    st.plotly_chart(fig, key=key, config=CHART)


def output_ui(looked: Looked, trace, x) -> None:
    st.markdown(answer_line(trace.output))
    left, right = st.columns(2)
    dataset = looked.trainer.parts.dataset
    with left:
        if tuple(np.asarray(x).shape) == (2,):
            x_val, y_val = _validation_points(looked)
            _chart(fx.gradient_field_figure(None, x_val, y_val, dataset.class_names, dataset.task, x), "ex_sample")
        elif trace.input.get("tokens") is not None:
            _chart(fx.token_strip_figure(trace.input["tokens"]), "ex_sample")
        else:  # a table's features as the network reads them (standardised), their raw values on hover
            read = looked.trainer.parts.normalizer.apply(torch.as_tensor(np.asarray(x), dtype=torch.float32)) \
                if np.asarray(x).ndim == 1 else None
            _chart(fx.sample_figure(np.asarray(x), input_names(dataset), read=None if read is None else read.numpy()),
                   "ex_sample")
    with right:
        out = trace.output
        if out["kind"] == "classes":
            _chart(fx.probabilities_figure(out), "ex_probs")
        elif out["kind"] == "values":
            _chart(fx.values_figure(out), "ex_values")
        else:
            _chart(fx.sample_figure(out["predicted"], title="Its reconstruction"), "ex_recon")


def _validation_points(looked: Looked) -> tuple[np.ndarray, np.ndarray]:
    parts = looked.trainer.parts
    return parts.x_val_raw.cpu().numpy(), looked.predictions.true if looked.predictions.true is not None else \
        parts.dataset.y[looked.predictions.dataset_index].cpu().numpy()


def dead_after(model: nn.Module, job) -> dict[str, list[int]]:
    """Per layer followed by a ReLU-like activation: the units dead after it (zero over the whole input plane, as
    the run's telemetry found them on 2-D data; none known otherwise)."""
    nodes = job.runner.log.snapshot().nodes if job is not None and job.started else {}
    children = list(model.named_children())
    return {lid: list(nodes.get(nxt, {}).get("dead") or []) for (lid, _), (nxt, m) in zip(children, children[1:])
            if isinstance(m, RELU_LIKE)}


def input_names(dataset) -> list[str] | None:
    """What each input value is called: the dataset's feature names, or the time steps of a token sequence."""
    if dataset.feature_names:
        return list(dataset.feature_names)
    return [f"step {t}" for t in range(dataset.sample_shape[0])] if dataset.dtype == "long" else None


def layers_ui(trace, model: nn.Module, job) -> None:
    st.caption("Each layer's output for this sample, from the input to the output. Colours: blue positive, red "
               "negative, white zero; grey: a unit that is exactly zero after a ReLU-like activation (it passes "
               "nothing on for this sample).")
    dense, dead = dense_weights(model), dead_after(model, job)  # dense: the layers small enough to draw one by one
    for i, layer_id, found in traced_layers(trace):
        for j, fig in enumerate(found):
            _chart(fig, f"ex_layer_{i}_{j}")
        if layer_id in dense:
            with st.expander(f"{plain(layer_id)}'s weights, one by one", icon=":material/grid_on:",
                             key=f"ex_weights_open_{i}"):  # a key: it stays open while a weight is edited
                layer = dense[layer_id]
                fig = fx.weights_figure(layer_id, layer["weight"], layer["bias"], dead.get(layer_id, []))
                if can_edit(job):  # a click on a weight picks it for the editor below
                    pick_weight_chart(fig, f"ex_weights_{i}", layer_id)
                else:
                    _chart(fig, f"ex_weights_{i}")
                st.caption("Row: a unit; column: the input it reads (the last column, its bias). A grey row: the unit "
                           "is dead (zero everywhere on the plane after its activation).")
                weight_editor_ui(layer_id, layer, job)


# ---- why the answer ------------------------------------------------------------------------------------

def _conv_layers(looked: Looked) -> list[str]:
    return [lid for lid, m in looked.trainer.model.named_children() if isinstance(m, nn.Conv2d)]


def why_controls_ui(looked: Looked, x, output: dict, i: int | str) -> tuple[str, int | None, str | None]:
    """The attribution method, the class it explains (the predicted one first) and Grad-CAM's convolution."""
    convs = _conv_layers(looked) if np.asarray(x).ndim == 3 else []
    methods = [m for m in METHODS if m != "grad_cam" or convs]
    c1, c2, c3 = st.columns([2, 1, 1])
    with c1:
        method = state.remembered(st.segmented_control, "Method", "explain_method", options=methods,
                                  format_func=METHOD_NAMES.get) or methods[0]
    target = layer = None
    if output["kind"] == "classes":
        names = shown_classes(output["class_names"], len(output["probabilities"]))
        label, key = (lambda c: plain(names[c])), f"explain_target_{i}"
        fresh = state.show_new_label(key, range(len(names)), label)  # another run's classes
        with c2:  # a key per sample: each sample starts at its own predicted class
            target = st.selectbox("Explain the class", range(len(names)), index=None if fresh else output["predicted"],
                                  format_func=label, key=key)
    if method == "grad_cam":
        with c3:
            layer = state.remembered(st.selectbox, "Convolution layer", "explain_conv", options=convs[::-1])
    return method, target, layer


def why_ui(looked: Looked, x, output: dict, i: int | str, tokens: list[str] | None = None) -> None:
    st.caption("Which parts of the input the answer rests on.")
    method, target, layer = why_controls_ui(looked, x, output, i)
    st.caption(plain(METHODS[method]))
    plane = tuple(np.asarray(x).shape) == (2,)
    try:
        found = attribute(looked.trainer, x, method, target=target, layer_id=layer)
        left, right = st.columns(2) if plane else (st.container(), None)
        with left:
            _chart(fx.attribution_figure(found.to_dict(), np.asarray(x), input_names(looked.trainer.parts.dataset),
                                         tokens), "ex_attr")
            if found.delta is not None:
                st.caption(f"The attributions add up to the output's change from {plain(found.baseline)} to this "
                           f"sample, within {found.delta:.2g}.")
        if plane:
            with right:
                field_ui(looked, x, target)
    except DataError as e:
        st.warning(plain(str(e)))


def field_ui(looked: Looked, x, target: int | None) -> None:
    """For 2-D data: the input gradient over the plane, with the data and the sample."""
    field = gradient_field(looked.trainer, target=target)
    x_val, y_val = _validation_points(looked)
    dataset = looked.trainer.parts.dataset
    _chart(fx.gradient_field_figure(field, x_val, y_val, dataset.class_names, dataset.task, x), "ex_field")
    st.caption("Each arrow points where the input would have to move for the output to grow; longer: faster.")


# ---- lessons that hold a goal ----------------------------------------------------------------------------

def goal_status(lesson: Lesson) -> tuple[bool, str, list[str]]:
    """Whether the session's run of the network on screen has reached the lesson's goal, how far it is, and which
    of the settings the lesson fixes the setup on screen has changed (then it is not this lesson's setup)."""
    job = runs.shown_job()
    rows = job.runner.log.snapshot().epochs if job is not None and job.started else []
    spec = state.spec()
    met, progress = check_goal(lesson.goal, list(rows), spec)
    changed = locked_changes(lesson, spec)
    return met and not changed, progress, changed


def _where(progress: str, changed: list[str]) -> str:
    """The table's short word on a lesson: how far the run is, or that the setup on screen is another one."""
    if not changed:
        return progress
    n = len(changed)
    return f"{progress} · not this lesson's setup ({n} of its fixed setting{'s' * (n != 1)} differ)"


def open_lesson(lesson: Lesson, which: str) -> None:
    spec = lesson.start if which == "start" else lesson.solution
    state.load(copy.deepcopy(spec), f"the lesson “{lesson.title}” ({'its solution' if which != 'start' else 'start'})")


def lessons_ui() -> None:
    found = lessons()
    rows = []
    for lesson in found.values():
        met, progress, changed = goal_status(lesson)
        rows.append({"lesson": lesson.title, "concept": lesson.concept, "goal met": met,
                     "where the run is": _where(progress, changed)})
    st.dataframe(rows, hide_index=True, key="lessons_table")
    lid = st.selectbox("Lesson", list(found), format_func=lambda i: found[i].title, key="lesson_pick")
    lesson = found[lid]
    st.markdown(plain(lesson.text))
    st.markdown("**Change:** " + "; ".join(plain(c) for c in lesson.changes))
    met, progress, changed = goal_status(lesson)
    badge = ":green-badge[goal met]" if met else ":orange-badge[not yet]"
    st.markdown(f"{badge} {plain(progress)}")
    if changed:  # the goal counts only on the lesson's own setup
        st.caption("The setup on screen is not this lesson's (open its starting setup): "
                   + "; ".join(plain(line) for line in changed) + ".")
    with st.container(horizontal=True):
        st.button("Open its starting setup", key="lesson_start", on_click=open_lesson, args=(lesson, "start"),
                  icon=":material/school:")
        st.button("Show the solution", key="lesson_solution", on_click=open_lesson, args=(lesson, "solution"),
                  icon=":material/lightbulb:")
        teacher_link_ui(lesson)
    st.caption("Open the starting setup, make the change on the Playground, train, and come back: the goal is checked "
               "on the run of the network on screen. " + plain(lesson.solution_text))


def explain_page() -> None:
    sample_section()
    with st.expander("Try a variant: change one thing (or add up to three), train side by side from the same start",
                     icon=":material/compare:", expanded=bool(state.session().variants)):
        variants_ui()
    with st.expander("Lessons with a goal", icon=":material/school:"):
        job = runs.current_job()
        st.fragment(lessons_ui, run_every=1.0 if job is not None and job.active else None)()


def _whose_weights(job) -> str:
    """Which weights the tab looks at: a paused run's own, or a training run's last checkpoint (older by up to the
    checkpoint interval, so the epoch shown lags the run's)."""
    if job.status in ("paused", "idle"):
        return " (the paused run's own)"
    if job.active:  # a checkpoint is written at an epoch's end, at most once per checkpoint_every seconds
        every = settings().checkpoint_every
        how_often = f"at most every {every:g} s" if every > 0 else "at each epoch's end"
        return f" (its last checkpoint, saved {how_often} while it trains: Pause it to see its weights of now)"
    return ""


def sample_section() -> None:
    looked, why_not = current_look()
    if looked is None:
        if state.session().explain_compare is not None and runs.current_job() is None:
            # the variants' runs are compared below; this part follows a run of the Playground or Training tab
            why_not = ("Following one sample takes a run of the Playground or the Training tab (Start there); the "
                       "variants trained side by side are compared under *Try a variant* below.")
        st.info(why_not, icon=":material/info:")
        return
    job = runs.current_job()
    own = own_sample(looked)
    weights = f"with the weights of epoch **{looked.epoch}**{_whose_weights(job)}"
    if own is not None:
        st.markdown(f"Following {own.what} through the network of **{plain(job.label)}**, {weights}.")
        own_controls_ui(looked, own)
        # no true class: no loss, no right or wrong; a key of its own: each starts at its own predicted class
        i, x, y = f"own_{own.key[-16:]}", own.x, None
    else:
        st.markdown(f"Following one validation sample of **{plain(job.label)}** through its network, {weights}.")
        i = sample_ui(looked)
        if i is None:
            return
        x, y = validation_sample(looked.trainer, i)
    trace = trace_sample(looked.trainer, x, y)
    output_ui(looked, trace, x.cpu().numpy())
    through, why = st.tabs(["Each layer's output", "Why this answer"], key="explain_view", on_change="rerun")
    if through.open is not False:  # only the open one is computed: a click on Next redraws what is seen
        with through:
            layers_ui(trace, looked.trainer.model, runs.current_job())
    if why.open is not False:
        with why:
            why_ui(looked, x.cpu().numpy(), trace.output, i, trace.input.get("tokens"))
