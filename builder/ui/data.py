"""The Data tab: a built-in dataset with its options, or an uploaded file; a look at the samples; and
whether the network fits the data (with the fix) before any training starts."""
from __future__ import annotations

import copy
import hashlib

import streamlit as st

from ..datasets import DATASETS, OPTIONS, Dataset, dataset_options
from ..preprocessing import VAL_FRACTION
from ..errors import DataError
from ..settings import settings
from ..sandbox import bounded
from ..uploads import UPLOAD_FORMATS, parse_files
from ..uploads.csv_file import csv_columns
from . import state
from .edits import set_field
from .text import plain
from .widgets import choose_dataset, data_preview_figure, fit_ui, preview_kind, sample_labels, set_option

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
        st.slider(name, float(rule.low), float(rule.high), float(value), step=0.01, **kw)
    else:
        st.number_input(name, int(rule.low), int(rule.high), int(value), step=1, **kw)


def builtin_ui() -> None:
    spec = state.spec()
    data = spec.get("data") or {"dataset": "moons", "options": {}}
    rev = state.session().rev
    names = list(DATASETS)
    current = data.get("dataset") if data.get("dataset") in DATASETS else names[0]
    key = f"d{rev}.dataset"
    st.selectbox("Dataset", names, index=names.index(current), key=key, on_change=choose_dataset, args=(key,),
                 format_func=lambda n: f"{n} ({DATASETS[n].task})")
    st.caption(DATASETS[current].description)
    options = {**dataset_options(current), **(data.get("options") or {})}
    cols = st.columns(max(1, len(options) + 1))
    for col, (name, value) in zip(cols, options.items()):
        with col:
            if name in OPTIONS:
                _option_ui(name, value, f"d{rev}.{current}.{name}")
    with cols[-1]:
        key = f"d{rev}.val_fraction"
        st.slider("validation share", 0.0, 0.5, float(data.get("val_fraction", VAL_FRACTION)), step=0.05, key=key,
                  on_change=_set_val_fraction, args=(key,), help="held out to measure how well the network generalises")


# ---- uploads ------------------------------------------------------------------------------------

def _parse_upload(key: str, files: list, options: dict) -> Dataset:
    """Parse the upload in a bounded check process (time and memory limits): a hostile file cannot stall or
    flood the server."""
    return bounded(parse_files, key, [(f.name, f.getvalue()) for f in files], options, what=files[0].name)


def _files_ui(key: str) -> list:
    """One file picker per file the format takes (IDX: images and labels), offering its file name endings."""
    fmt = UPLOAD_FORMATS[key]
    types = [s.lstrip(".") for s in fmt.suffixes]
    if len(fmt.parts) == 1:
        one = st.file_uploader(f"{fmt.title} (.{', .'.join(types)})", type=types, key=f"up_{key}",
                               max_upload_size=settings().max_upload_mb)
        return [one] if one is not None else []
    files = [col.file_uploader(f"{part.capitalize()} file", key=f"up_{key}_{part}",
                               max_upload_size=settings().max_upload_mb)
             for col, part in zip(st.columns(len(fmt.parts)), fmt.parts)]
    return files if all(f is not None for f in files) else []


def _upload_options(key: str, files: list) -> dict:
    """The widgets for the options the format's reader takes."""
    options = UPLOAD_FORMATS[key].options
    if "target" in options:
        try:
            columns = csv_columns(files[0].getvalue(), files[0].name)
        except DataError:  # said by the parser below, with the rest of what is wrong
            columns = []
        c1, c2 = st.columns(2)
        target = c1.selectbox("Target column", columns, index=len(columns) - 1 if columns else None, key="up_target")
        task = c2.selectbox("Task", [None, "classification", "regression", "reconstruction"], key="up_task",
                            format_func=lambda t: t or "decide from the target")
        ignore = st.multiselect("Leave out", [c for c in columns if c != target], key="up_ignore",
                                placeholder="columns not to learn from, such as an id",
                                help="Text columns with more distinct values than can be one-hot encoded (names, "
                                     "tickets, free text) are left out by themselves; the summary names them")
        missing = st.radio("Missing values", [None, "drop", "impute"], key="up_missing", horizontal=True,
                           format_func={None: "refuse (name the gaps)", "drop": "drop those rows",
                                        "impute": "fill from the training rows"}.get,
                           help="Fill: the training rows' median for numbers, the most frequent value for text; "
                                "the same values fill gaps when the trained model predicts")
        return {"target": target, "task": task, "missing": missing, "ignore": ignore,
                **_text_options([c for c in columns if c != target])}
    if "size" in options:
        c1, c2 = st.columns(2)
        size = c1.number_input("Resize images to (pixels)", 4, 256, 28, key="up_size")
        mode = c2.selectbox("Colour", ["L", "RGB"], key="up_mode", format_func={"L": "grey", "RGB": "colour"}.get)
        return {"size": (int(size), int(size)), "mode": mode}
    return {}


def _text_options(columns: list[str]) -> dict:
    """A text column to learn from (reviews, messages), how to split it into tokens, and how many tokens per text."""
    c1, c2, c3 = st.columns(3)
    text = c1.selectbox("Text column", [None, *columns], key="up_text",
                        format_func=lambda c: "none (a table of features)" if c is None else c,
                        help="Learn from this column's text alone: its words (or characters, or subwords) become "
                             "token ids, with a vocabulary learnt from the training rows only")
    if text is None:
        return {}
    tokens = c2.selectbox("Tokens", ["words", "chars", "subwords"], key="up_tokens",
                          help="subwords: pieces of words learnt from the training rows (byte-pair encoding)")
    length = c3.number_input("Tokens per text (0: the 95th percentile)", 0, 1024, 0, key="up_seq_len",
                             help="Longer texts are cut, shorter ones padded")
    return {"text": text, "tokens": tokens, "seq_len": int(length) or None}


def upload_ui() -> None:
    ss = state.session()
    kind = st.selectbox("File type", list(UPLOAD_FORMATS), key="up_kind",
                        format_func=lambda key: UPLOAD_FORMATS[key].title)
    st.caption(UPLOAD_FORMATS[kind].help + " Uploaded data stays in this browser session and is not part of share "
                                           "links.")
    files = _files_ui(kind)
    if not files:
        if ss.upload is not None:
            st.info(plain(f"In use: {ss.upload.name}. {ss.upload.description}"))
        return
    options = _upload_options(kind, files)
    digest = hashlib.sha256(b"".join(f.getvalue()[:1_000_000] for f in files) + repr((kind, options)).encode()).hexdigest()
    if ss.upload_digest != digest:
        ss.upload_digest = digest
        try:
            ss.upload, ss.upload_error = _parse_upload(kind, files, options), None
        except DataError as e:
            ss.upload, ss.upload_error = None, str(e)
        except Exception as e:  # a parser bug must still read as a message, never a traceback
            ss.upload = None
            ss.upload_error = f"{files[0].name}: could not be read ({type(e).__name__}: {e})"
    if ss.upload_error:
        st.error(plain(ss.upload_error))
    elif ss.upload is not None:
        st.success(plain(ss.upload.description))


# ---- previews -----------------------------------------------------------------------------------

def _table(dataset: Dataset, n: int = 200):
    x = dataset.x[:n].reshape(min(n, dataset.n_samples), -1).numpy()
    names = dataset.feature_names if dataset.feature_names and len(dataset.feature_names) == x.shape[1] else \
        [f"x{i}" for i in range(x.shape[1])]
    rows = {name: x[:, i] for i, name in enumerate(names[:50])}
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
