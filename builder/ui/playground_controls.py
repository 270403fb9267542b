"""TensorFlow Playground's controls on the Playground: the input features of 2-D data, the train/test ratio and
Regenerate, one activation for every hidden layer, L2 and L1 regularisation, and the decision boundary's "show
test data" and "discretize output" switches. Each edit goes through the spec and its undo history."""
from __future__ import annotations

import copy

import streamlit as st

from ..datasets import DATASETS, dataset_options
from ..preprocessing import VAL_FRACTION
from . import state
from .edits import set_field
from .playground_edits import (FEATURE_LABELS, HIDDEN_ACTIVATIONS, hidden_activation, hidden_layers,
                               input_features, set_hidden_activation, set_input_features)

REGULARISATION = ("weight_decay", "l1_penalty")  # L2 and L1, side by side as in TF Playground
MIXED = "mixed"  # the activation control's value while the hidden layers differ


def _set_features(key: str) -> None:
    chosen = {name: name in (st.session_state[key] or []) for name in FEATURE_LABELS}
    state.commit(set_input_features(state.spec(), chosen), reload_forms=True)


def features_ui(dataset) -> None:
    """X₁, X₂, X₁², X₂², X₁X₂, sin X₁, sin X₂ for 2-D data: the switched-on ones feed the network (a Features
    layer first; the decision boundary stays over X₁, X₂)."""
    if dataset is None or tuple(dataset.sample_shape) != (2,):
        return
    on = [name for name, chosen in input_features(state.spec()).items() if chosen]
    key = f"pg{state.session().rev}.features"
    st.pills("Features", list(FEATURE_LABELS), selection_mode="multi", default=on, key=key,
             format_func=FEATURE_LABELS.get, on_change=_set_features, args=(key,),
             help="What feeds the network, computed from each point (X₁, X₂). More features, fewer layers needed")


def _set_train_share(key: str) -> None:
    data = copy.deepcopy(state.spec().get("data") or {})
    data["val_fraction"] = round(1 - st.session_state[key] / 100, 2)
    state.commit(set_field(state.spec(), ("data",), data))


def regenerate() -> None:
    """New points from the same generator: the dataset's seed moves on by one."""
    data = copy.deepcopy(state.spec().get("data") or {})
    options = data.setdefault("options", {})
    options["seed"] = int(options.get("seed", dataset_options(data.get("dataset")).get("seed", 0))) + 1
    state.commit(set_field(state.spec(), ("data",), data))


def split_ui() -> None:
    """The share of training data (the rest is held out to test), and Regenerate for generated data."""
    data, ss = state.spec().get("data") or {}, state.session()
    uploaded = ss.data_source == state.UPLOAD
    key = f"pg{ss.rev}.train_share"
    train = int(round(100 * (1 - float(data.get("val_fraction", VAL_FRACTION)))))
    if state.control("data.val_fraction") == "hidden":  # a teacher's link chose the split
        return
    with st.container(horizontal=True, gap="small", vertical_alignment="bottom"):
        st.slider("Training data %", 50, 100, min(max(train, 50), 100), step=5, key=key, on_change=_set_train_share,
                  args=(key,), help="The ratio of training to test data; the test rows measure generalisation",
                  disabled=state.control("data.val_fraction") == "locked")
        generated = not uploaded and data.get("dataset") in DATASETS and "seed" in dataset_options(data["dataset"])
        st.button("", key="regenerate", icon=":material/refresh:", on_click=regenerate, disabled=not generated,
                  help="Regenerate: new points from the same generator")


def _set_activation(key: str) -> None:
    if st.session_state[key] != MIXED:
        state.commit(set_hidden_activation(state.spec(), st.session_state[key]), reload_forms=True)


def network_ui() -> None:
    """One activation for every hidden layer (undoable)."""
    spec, rev = state.spec(), state.session().rev
    if not hidden_layers(spec):
        return
    current = hidden_activation(spec)
    options = list(HIDDEN_ACTIVATIONS) + ([current] if current and current not in HIDDEN_ACTIVATIONS else []) + \
        ([] if current else [MIXED])
    key = f"pg{rev}.activation"
    st.selectbox("Activation", options, index=options.index(current or MIXED), key=key, width=150,
                 on_change=_set_activation, args=(key,),
                 help="One activation for every hidden layer (Undo takes it back); each node keeps its own choice "
                      "on the canvas too")


def boundary_switches_ui() -> None:
    """TF Playground's two switches under its output: the held-out points, and a hard boundary."""
    with st.container(horizontal=True, gap="medium"):
        state.remembered(st.toggle, "Show test data", "show_test")
        state.remembered(st.toggle, "Discretize output", "discretize")
