"""The Data tab: a built-in dataset with its options, or an uploaded file (upload.py); a look at the samples; and
whether the network fits the data (with the fix) before any training starts."""
from __future__ import annotations

import copy

import streamlit as st

from ..datasets import DATASETS, OPTIONS, Dataset, dataset_options, option_shown
from ..errors import page_text
from ..preprocessing import VAL_FRACTION
from . import state
from .edits import set_field
from .live_text import cell
from .text import plain
from .upload import upload_ui
from .widgets import (NO_DATASET, OPTION_LABELS, choose_dataset, data_preview_figure, fit_ui, preview_kind,
                      sample_labels, set_option)

TARGET_CHOICES = {None: "the dataset's labels or values", "input": "the input itself (autoencoder)"}


# ---- built-in datasets --------------------------------------------------------------------------

def _set_val_fraction(key: str) -> None:
    data = copy.deepcopy(state.spec().get("data") or {})
    data["val_fraction"] = float(st.session_state[key])
    state.commit(set_field(state.spec(), ("data",), data))


def _option_ui(name: str, value, key: str) -> None:
    rule = OPTIONS[name]
    kw = dict(key=key, help=rule.help, on_change=set_option, args=(name, key))
    if name == "target":
        choices = list(TARGET_CHOICES)
        st.selectbox("target", choices, index=choices.index(value) if value in choices else 0,
                     format_func=TARGET_CHOICES.get, **kw)
    elif rule.kind is float:
        st.slider(OPTION_LABELS.get(name, name), float(rule.low), float(rule.high), float(value), step=0.01, **kw)
    else:
        st.number_input(OPTION_LABELS.get(name, name), int(rule.low), int(rule.high), int(value), step=1, **kw)


def builtin_ui() -> None:
    spec = state.spec()
    data = spec.get("data") or {}
    rev = state.session().rev
    names = list(DATASETS)
    # a spec without data (a file or a link that had none) shows no dataset chosen, not the first one: the first
    # would read as chosen, and choosing it again would change nothing
    current = data.get("dataset") if data.get("dataset") in DATASETS else None
    key = f"d{rev}.dataset"
    st.selectbox("Dataset", names, index=None if current is None else names.index(current), key=key,
                 on_change=choose_dataset, args=(key,), placeholder=NO_DATASET,
                 format_func=lambda n: f"{n} ({DATASETS[n].task})")
    if current is None:
        return
    st.caption(DATASETS[current].description)
    options = {**dataset_options(current), **(data.get("options") or {})}
    cols = st.columns(max(1, len(options) + 1))
    for col, (name, value) in zip(cols, options.items()):
        with col:
            if name in OPTIONS:
                _option_ui(name, option_shown(current, name, value), f"d{rev}.{current}.{name}")
    with cols[-1]:
        key = f"d{rev}.val_fraction"
        st.slider("validation share", 0.0, 0.5, float(data.get("val_fraction", VAL_FRACTION)), step=0.05, key=key,
                  on_change=_set_val_fraction, args=(key,), help="held out to measure how well the network generalises")


# ---- previews -----------------------------------------------------------------------------------

def _table(dataset: Dataset, n: int = 200):
    """The first n samples, one row each: their features (at most 50), or for texts what the network reads of
    each as text (its token ids decoded, padding left out, line breaks as ↵); then the target."""
    if dataset.text is not None:
        rows = {"text": [cell(dataset.text.encoder.decode(ids)) for ids in dataset.array("x")[:n].tolist()]}
    else:
        x = dataset.array("x")[:n].reshape(min(n, dataset.n_samples), -1)
        names = dataset.feature_names if dataset.feature_names and len(dataset.feature_names) == x.shape[1] else \
            [f"x{i}" for i in range(x.shape[1])]
        rows = {page_text(name): x[:, i] for i, name in enumerate(names[:50])}  # a grid draws its cells as text
    if dataset.task != "reconstruction":
        rows["target"] = sample_labels(dataset, range(min(n, dataset.n_samples)))
    return rows


def preview_ui(dataset: Dataset) -> None:
    st.markdown(f"**{plain(dataset.name)}** · {dataset.n_samples:,} samples of shape `{list(dataset.sample_shape)}` "
                f"({dataset.dtype}) · {dataset.task}"
                + (f" · {len(dataset.class_names)} classes" if dataset.class_names else ""))
    if preview_kind(dataset.sample_shape, dataset.dtype) == "table":
        st.dataframe(_table(dataset), height=300, key="data_table")
    fig = data_preview_figure(dataset)
    if fig is None:
        return
    if preview_kind(dataset.sample_shape, dataset.dtype) == "scatter":
        fig.update_layout(width=620)  # points keep a square aspect; full width would leave the sides empty
        st.plotly_chart(fig, key="data_preview", config={"displayModeBar": False}, width="content")
    else:
        st.plotly_chart(fig, key="data_preview", config={"displayModeBar": False})


def data_page() -> None:
    source = state.remembered(st.segmented_control, "Source", "data_source", options=[state.BUILT_IN, state.UPLOAD],
                              required=True)
    if source == state.UPLOAD:
        upload_ui()
    else:
        builtin_ui()
    dataset, error = state.current_dataset()
    st.subheader("Does the network fit the data?")
    fit_ui(dataset, error)
    if dataset is not None:
        st.subheader("Samples")
        preview_ui(dataset)
