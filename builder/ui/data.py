"""The Data page: a built-in dataset with its options, or an uploaded file; a look at the samples; and
whether the network fits the data (with the fix) before any training starts."""
from __future__ import annotations

import copy
import hashlib

import numpy as np
import streamlit as st

from .. import figures
from ..datasets import DATASETS, OPTIONS, Dataset, dataset_options, load_dataset
from ..errors import DataError, SpecError
from ..fitting import check_fit, fit_network
from ..settings import settings
from ..sandbox import bounded
from ..uploads import parse_files
from ..uploads.csv_file import csv_columns
from . import state
from .edits import set_field
from .text import plain

PREVIEW_SAMPLES = 24
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


# ---- which data the page trains on --------------------------------------------------------------

def current_dataset() -> tuple[Dataset | None, str | None]:
    """(dataset, error): the uploaded dataset when one is in use, else the spec's built-in one."""
    upload = st.session_state.get("upload")
    if upload is not None and st.session_state.get("data_source") == "Upload":
        return upload, None
    data = state.spec().get("data")
    if not data:
        return None, "the spec has no data section: choose a dataset on the Data page"
    try:
        return load_dataset(data.get("dataset"), data.get("options") or {}), None
    except DataError as e:
        return None, str(e)


def fit_errors(dataset: Dataset) -> list[SpecError]:
    checked = state.checked()
    if not checked.ok:
        return []
    return check_fit(checked, dataset)


def _make_fit(dataset: Dataset) -> None:
    new, changes = fit_network(state.spec(), dataset)
    if state.commit(new, reload_forms=True):
        state.refit()
        state.notify("success", "The network now fits the data: " + "; ".join(changes) + ". Undo takes it back.")


def fit_ui(dataset: Dataset | None, error: str | None) -> bool:
    """Problems between the network and the data, each with its fix; True when training can start."""
    if dataset is None:
        st.error(error or "no dataset chosen")
        return False
    checked = state.checked()
    if not checked.ok:
        st.warning("The network has errors: fix the layers marked in red on the Build page first.")
        return False
    errors = fit_errors(dataset)
    for e in errors:
        st.error(plain(f"{e.where}: {e.message}") + (f"  \n**Fix:** {plain(e.hint)}" if e.hint else ""))
    shape = list(dataset.sample_shape)
    if errors:
        st.button("Make the network fit the data", key="match_input", on_click=_make_fit, args=(dataset,),
                  icon=":material/auto_fix_high:", help="Input shape, a Flatten where a dense layer meets images, the "
                                                         "loss and the output width, in one edit that Undo takes back")
    else:
        st.success(f"The network fits {plain(dataset.name)}: input {shape}, output {list(checked.output_shape)}.",
                   icon=":material/check:")
    return not errors


# ---- built-in datasets --------------------------------------------------------------------------

def _set_data(data: dict) -> None:
    state.commit(set_field(state.spec(), ("data",), data))


def _choose_dataset(key: str) -> None:
    old = state.spec().get("data") or {}
    _set_data({"dataset": st.session_state[key], "options": {}, "val_fraction": old.get("val_fraction", 0.2)})


def _set_option(name: str, key: str) -> None:
    data = copy.deepcopy(state.spec().get("data") or {})
    value = st.session_state[key]
    options = data.setdefault("options", {})
    if value is None:
        options.pop(name, None)
    else:
        options[name] = value
    _set_data(data)


def _set_val_fraction(key: str) -> None:
    data = copy.deepcopy(state.spec().get("data") or {})
    data["val_fraction"] = float(st.session_state[key])
    _set_data(data)


def _option_ui(name: str, value, key: str) -> None:
    rule = OPTIONS[name]
    kw = dict(key=key, help=rule.help, on_change=_set_option, args=(name, key))
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
    rev = st.session_state.rev
    names = list(DATASETS)
    current = data.get("dataset") if data.get("dataset") in DATASETS else names[0]
    key = f"d{rev}.dataset"
    st.selectbox("Dataset", names, index=names.index(current), key=key, on_change=_choose_dataset, args=(key,),
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
    kind = st.selectbox("File type", list(UPLOAD_KINDS), key="up_kind")
    st.caption(UPLOAD_KINDS[kind][1] + " Uploaded data stays in this browser session and is not part of share links.")
    files = _files_ui(kind)
    if not files:
        if st.session_state.get("upload") is not None:
            st.info(plain(f"In use: {st.session_state.upload.name}. {st.session_state.upload.description}"))
        return
    options = _upload_options(kind, files)
    digest = hashlib.sha256(b"".join(f.getvalue()[:1_000_000] for f in files) + repr((kind, options)).encode()).hexdigest()
    if st.session_state.get("upload_digest") != digest:
        st.session_state.upload_digest = digest
        try:
            st.session_state.upload = _parse_upload(kind, files, options)
            st.session_state.upload_error = None
        except DataError as e:
            st.session_state.upload, st.session_state.upload_error = None, str(e)
        except Exception as e:  # a parser bug must still read as a message, never a traceback
            st.session_state.upload = None
            st.session_state.upload_error = f"{files[0].name}: could not be read ({type(e).__name__}: {e})"
    if st.session_state.get("upload_error"):
        st.error(plain(st.session_state.upload_error))
    elif st.session_state.get("upload") is not None:
        st.success(plain(st.session_state.upload.description))


# ---- previews -----------------------------------------------------------------------------------

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


def _labels(dataset: Dataset, idx) -> list[str]:
    if dataset.task == "classification":
        names = dataset.class_names or []
        return [names[int(v)] if int(v) < len(names) else str(int(v)) for v in dataset.y[idx]]
    if dataset.task == "reconstruction":
        return ["" for _ in idx]
    return [", ".join(f"{float(v):.3g}" for v in np.asarray(dataset.y[i]).reshape(-1)[:2]) for i in idx]


def _table(dataset: Dataset, n: int = 200):
    x = dataset.x[:n].reshape(min(n, dataset.n_samples), -1).numpy()
    names = dataset.feature_names if dataset.feature_names and len(dataset.feature_names) == x.shape[1] else \
        [f"x{i}" for i in range(x.shape[1])]
    rows = {name: x[:, i] for i, name in enumerate(names[:50])}
    if dataset.task != "reconstruction":
        rows["target"] = _labels(dataset, range(min(n, dataset.n_samples)))
    return rows


def data_preview_figure(dataset: Dataset, compact: bool = False):
    """A picture of the samples: points for 2-D data, images, sequences as lines, or per-feature histograms."""
    kind = preview_kind(dataset.sample_shape, dataset.dtype)
    idx = list(range(min(12 if compact else PREVIEW_SAMPLES, dataset.n_samples)))
    if kind == "scatter":
        return figures.scatter_2d(dataset.x.numpy(), dataset.y.numpy(), dataset.class_names, dataset.task,
                                  title=f"{dataset.name}: the data" if compact else None)
    if kind == "images":
        return figures.image_grid(dataset.x[idx].numpy(), _labels(dataset, idx), cols=6 if compact else 12,
                                  title=f"{dataset.name}: samples" if compact else None)
    if kind == "lines":
        return figures.sequence_lines(dataset.x[:6].numpy(), None if dataset.task == "reconstruction"
                                      else dataset.y[:6].numpy(), feature_names=dataset.feature_names,
                                      title=f"{dataset.name}: samples" if compact else None)
    if dataset.dtype == "float" and len(dataset.sample_shape) == 1:
        return figures.feature_histograms(dataset.x.numpy(), dataset.feature_names, max_features=6 if compact else 12,
                                          title=f"{dataset.name}: features" if compact else None)
    return None


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
    source = state.remembered(st.segmented_control, "Source", "data_source", "Built-in", options=["Built-in", "Upload"],
                              required=True)
    if source == "Upload":
        upload_ui()
    else:
        builtin_ui()
    dataset, error = current_dataset()
    st.subheader("Does the network fit the data?")
    fit_ui(dataset, error)
    if dataset is not None:
        st.subheader("Samples")
        preview_ui(dataset)
