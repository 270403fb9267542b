"""The Data tab: a built-in dataset with its options, or an uploaded file; a look at the samples; and
whether the network fits the data (with the fix) before any training starts."""
from __future__ import annotations

import copy
import hashlib

import streamlit as st

from ..data import DATASETS, OPTIONS, Dataset, dataset_options
from ..errors import DataError
from ..settings import settings
from ..sandbox import bounded
from ..uploads import csv_columns, parse_files
from . import state
from .edits import set_field
from .text import plain
from .widgets import choose_dataset, data_preview_figure, fit_ui, preview_kind, sample_labels, set_option

UPLOAD_KINDS = {
    "CSV table": ("csv", "One row per sample; choose the target column (default: the last). Commas, semicolons or "
                         "tabs between values; UTF-8, UTF-16 or Windows text; numbers as any spreadsheet writes "
                         "them."),
    "NPZ arrays": ("npz", "Arrays x [n, …] and y [n] or [n, targets], saved with numpy.savez (X, or Keras's "
                          "x_train and y_train, work too); 8-bit images [n, H, W] or [n, H, W, C] become [C, H, W] "
                          "in [0, 1]."),
    "ZIP of image folders": ("zip", "One folder per class holding PNG, JPEG, BMP, GIF or WebP images."),
    "IDX pair (MNIST format)": (None, "An images file and a labels file, raw or gzipped."),
}
UPLOAD_SUFFIXES = {"csv": ["csv", "tsv", "txt"]}  # what the file picker offers for a kind, when not just its own
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
        st.slider("validation share", 0.0, 0.5, float(data.get("val_fraction", 0.2)), step=0.05, key=key,
                  on_change=_set_val_fraction, args=(key,), help="held out to measure how well the network generalises")


# ---- uploads ------------------------------------------------------------------------------------

def _parse_upload(kind: str, files: list, options: dict) -> Dataset:
    """Parse the upload in a bounded check process (time and memory limits): a hostile file cannot stall or
    flood the server."""
    ext = UPLOAD_KINDS[kind][0] or "idx"
    return bounded(parse_files, ext, [(f.name, f.getvalue()) for f in files], options, what=files[0].name)


def _files_ui(kind: str) -> list:
    if kind == "IDX pair (MNIST format)":
        c1, c2 = st.columns(2)
        images = c1.file_uploader("Images file", key="up_idx_images", max_upload_size=settings().max_upload_mb)
        labels = c2.file_uploader("Labels file", key="up_idx_labels", max_upload_size=settings().max_upload_mb)
        return [images, labels] if images is not None and labels is not None else []
    ext = UPLOAD_KINDS[kind][0]
    types = UPLOAD_SUFFIXES.get(ext, [ext])
    one = st.file_uploader(f"{kind} (.{', .'.join(types)})", type=types, key=f"up_{ext}",
                           max_upload_size=settings().max_upload_mb)
    return [one] if one is not None else []


def _upload_options(kind: str, files: list) -> dict:
    ext = UPLOAD_KINDS[kind][0]
    if ext == "csv":
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
        return {"target": target, "task": task, "missing": missing, "ignore": ignore}
    if ext == "zip":
        c1, c2 = st.columns(2)
        size = c1.number_input("Resize images to (pixels)", 4, 256, 28, key="up_size")
        mode = c2.selectbox("Colour", ["L", "RGB"], key="up_mode", format_func={"L": "grey", "RGB": "colour"}.get)
        return {"size": (int(size), int(size)), "mode": mode}
    return {}


def upload_ui() -> None:
    ss = state.session()
    kind = st.selectbox("File type", list(UPLOAD_KINDS), key="up_kind")
    st.caption(UPLOAD_KINDS[kind][1] + " Uploaded data stays in this browser session and is not part of share links.")
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
