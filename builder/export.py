"""Bundles (a trained model on disk), loading them for inference, and exports to other formats.

Loading never unpickles: weights come from safetensors, or from torch.load(weights_only=True).
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load as load_safetensors_bytes
from safetensors.torch import save_file
from torch import nn

from .codegen import generate_code
from .compiler import Network, build_model
from .errors import BundleError, DataError, SpecErrors
from .recipes import default_loss
from .settings import settings
from .spec import MAX_SPEC_BYTES, Spec, parse_spec
from .tables import FLOAT32_MAX, Table, TableError
from .tasks import TASKS, task_for

FORMATS = {  # format -> file name inside the bundle
    "state_dict": "model.pt",
    "onnx": "model.onnx",
    "pt2": "model.pt2",
    "torchscript": "model.torchscript.pt",  # legacy: TorchScript is deprecated upstream
    "code": "model.py",
}
MAX_BUNDLE_MEMBERS = 64


class InferenceModel(nn.Module):
    """The trained network wrapped for raw inputs: normalise, run, and give predictions in the data's units
    (class logits for classification; values for regression, with the target scaling undone; rebuilt inputs for
    autoencoders; sigmoids where the loss compared logits with targets in [0, 1])."""

    def __init__(self, net: Network, x_mean: torch.Tensor, x_std: torch.Tensor, output: str = "none",
                 out_scale: torch.Tensor | None = None, out_shift: torch.Tensor | None = None):
        super().__init__()
        self.net = net
        self.output = output  # "none", "affine" (out · scale + shift) or "sigmoid"
        self.register_buffer("x_mean", x_mean)
        self.register_buffer("x_std", x_std)
        self.register_buffer("out_scale", out_scale if out_scale is not None else torch.ones(1))
        self.register_buffer("out_shift", out_shift if out_shift is not None else torch.zeros(1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.is_floating_point():
            x = (x - self.x_mean) / self.x_std
        out = self.net(x)
        if self.output == "sigmoid":
            return torch.sigmoid(out)
        if self.output == "affine":
            return out * self.out_scale + self.out_shift
        return out


@dataclass
class Bundle:
    spec: Spec
    inference: dict
    model: InferenceModel

    @property
    def class_names(self) -> list[str] | None:
        return self.inference.get("class_names")

    @property
    def task(self) -> str:
        return self.inference.get("task", "classification")

    @property
    def kind(self):
        """How the model's outputs are read (tasks.Task)."""
        return task_for(self.task, self.spec.training.loss if self.spec.training and self.spec.training.loss
                        else default_loss(self.task))

    @property
    def table(self) -> Table | None:
        """The columns of the table it was trained on (None: not trained on an uploaded table)."""
        raw = self.inference.get("table")
        return Table.from_dict(raw) if raw else None


def _inference_model(spec: Spec, inference: dict, state: dict | None = None, where: str = "the bundle") \
        -> InferenceModel:
    from .preprocessing import Normalizer
    net = build_model(spec)
    if state is not None:
        problem = _weights_problem(net, state)
        if problem:
            raise BundleError(f"{where}: the weights do not fit the spec's network: {problem}")
        net.load_state_dict(state, strict=True)
    try:
        norm = Normalizer.from_dict(inference.get("normalizer") or {})
    except DataError as e:
        raise BundleError(f"{where}: {e.message}") from None
    task = inference.get("task", "classification")
    if task not in TASKS:
        raise BundleError(f"{where}: spec.json names an unknown task {task!r}; one of {', '.join(TASKS)}")
    loss = spec.training.loss if spec.training and spec.training.loss else default_loss(task)
    output, scale, shift = task_for(task, loss).output_transform(norm)
    x_mean = norm.x_mean if norm.x_mean is not None else torch.zeros(1)
    x_std = norm.x_std if norm.x_std is not None else torch.ones(1)
    model = InferenceModel(net, x_mean, x_std, output, scale, shift).eval()
    _check_statistics(model, spec, where)
    _check_classes(spec, inference, task, where)
    return model


def _check_classes(spec: Spec, inference: dict, task: str, where: str) -> None:
    """A classifier's class names must be one per output (or two for a single logit)."""
    names = inference.get("class_names")
    if task != "classification" or names is None:
        return
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise BundleError(f"{where}: spec.json's class names are not a list of text")
    from .checker import check_spec
    width = math.prod(check_spec(spec).output_shape or (0,))
    if len(names) != width and not (width == 1 and len(names) == 2):
        raise BundleError(f"{where}: spec.json names {len(names)} classes, but the network outputs {width} value(s) "
                          f"per sample (its last layer '{spec.layers[-1].id}')")


def _weights_problem(net: Network, state: dict) -> str | None:
    """The first difference between a state dict and the network, in words (None: they fit)."""
    own = net.state_dict()
    for key, tensor in own.items():
        if key not in state:
            return f"it has no weights for '{key}' (layer '{key.split('.')[0]}')"
        if tuple(state[key].shape) != tuple(tensor.shape):
            return (f"layer '{key.split('.')[0]}': '{key}' has shape {list(state[key].shape)} in the weights but "
                    f"{list(tensor.shape)} in the spec's network")
    extra = [k for k in state if k not in own]
    if extra:
        return f"the weights hold '{extra[0]}', which no layer of the spec's network has"
    return None


def _check_statistics(model: InferenceModel, spec: Spec, where: str) -> None:
    """The normalisation statistics must broadcast over one sample, and the output scaling over the output."""
    sample = torch.zeros(1, *spec.input.shape)
    try:
        if spec.input.dtype == "float":
            torch.broadcast_shapes(sample.shape, model.x_mean.shape, model.x_std.shape)
    except RuntimeError:
        raise BundleError(f"{where}: its input statistics have shape {list(model.x_mean.shape)}, which does not fit "
                          f"the input shape {list(spec.input.shape)}") from None
    if not (torch.isfinite(model.x_mean).all() and torch.isfinite(model.x_std).all() and (model.x_std != 0).all()):
        raise BundleError(f"{where}: its input statistics hold zero, infinite or NaN values")


# ---- writing ------------------------------------------------------------------------------------

def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_bundle(trainer, out_dir: str | Path, formats=()) -> Path:
    """Write model.safetensors, spec.json (with what inference needs) and history.csv, plus exports."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().cpu().contiguous() for k, v in trainer.model.state_dict().items()}
    tmp = out / ".model.safetensors.tmp"
    save_file(state, str(tmp), metadata={"format": "netbuilder/1"})
    os.replace(tmp, out / "model.safetensors")
    ds = trainer.dataset
    inference = {
        "task": trainer.task, "dataset": ds.name, "sample_shape": list(ds.sample_shape), "dtype": ds.dtype,
        "class_names": ds.class_names, "feature_names": ds.feature_names,
        "normalizer": trainer.normalizer.to_dict(), "status": trainer.status, "message": trainer.log.message,
        "epochs_trained": trainer.epoch, "device": trainer.log.device,
    }
    if ds.table is not None:
        inference["table"] = {**ds.table.to_dict(), "fill": trainer.fill}
    _atomic_write(out / "spec.json", json.dumps({**trainer.spec.to_dict(), "inference": inference}, indent=2).encode())
    _atomic_write(out / "history.csv", history_csv(trainer.history(), trainer.task).encode())
    for fmt in formats:
        export_format(out, fmt)
    return out


def history_csv(rows: list[dict], task: str) -> str:
    metric = "acc" if task == "classification" else "r2"
    columns = ["epoch", "train_loss", "val_loss", f"train_{metric}", f"val_{metric}"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow([r.get(c, "") for c in columns])
    return buf.getvalue()


# ---- reading ------------------------------------------------------------------------------------

def member_limits() -> dict[str, int]:
    """The most bytes each bundle file may hold: a spec's own limit, the weights of the largest network this
    server accepts (float32, plus the file's header), a history of 100,000 epochs."""
    return {"spec.json": MAX_SPEC_BYTES, "model.safetensors": settings().max_params * 4 + 2**20,
            "history.csv": 16 * 2**20}


def _read_members(path: Path, data: bytes | None = None) -> dict[str, bytes]:
    """The files of a bundle directory or .zip (a path, or its bytes), read into memory after checking names and
    sizes: from the zip's header first, then while reading, so no member is ever read whole beyond its limit."""
    limits = member_limits()
    if data is None and path.is_dir():
        out = {}
        for name, limit in limits.items():
            member = path / name
            if member.is_file():
                if member.stat().st_size > limit:
                    raise BundleError(f"{path}: {name} is {member.stat().st_size:,} bytes; at most {limit:,}")
                out[name] = member.read_bytes()
        return out
    try:
        with zipfile.ZipFile(io.BytesIO(data) if data is not None else path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_BUNDLE_MEMBERS:
                raise BundleError(f"{path.name}: {len(infos)} files; a bundle has at most {MAX_BUNDLE_MEMBERS}")
            chosen: dict[str, zipfile.ZipInfo] = {}
            for info in infos:
                path_in_zip = info.filename.replace("\\", "/")
                name = path_in_zip.rsplit("/", 1)[-1]
                if name not in limits or info.is_dir() or path_in_zip.startswith("/") or ".." in path_in_zip.split("/"):
                    continue  # never extracted: only the known files are read, in memory
                if name in chosen:
                    raise BundleError(f"{path.name}: holds two {name} files ({chosen[name].filename!r} and "
                                      f"{info.filename!r}); a bundle holds one of each")
                if info.file_size > limits[name]:
                    raise BundleError(f"{path.name}: {info.filename} declares {info.file_size:,} bytes; a bundle's "
                                      f"{name} holds at most {limits[name]:,}")
                chosen[name] = info
            out = {}
            for name, info in chosen.items():
                with zf.open(info) as f:
                    content = f.read(limits[name] + 1)
                if len(content) > limits[name] or len(content) != info.file_size:
                    raise BundleError(f"{path.name}: {info.filename} holds more or less than its header declares")
                out[name] = content
            return out
    except zipfile.BadZipFile as e:
        raise BundleError(f"{path.name}: not a bundle directory or zip ({e})") from None
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError, zlib.error) as e:
        raise BundleError(f"{path.name}: cannot be read as a zip ({type(e).__name__}: {str(e)[:200]})") from None


def load_bundle(path: str | Path, data: bytes | None = None) -> Bundle:
    """Read a bundle (a directory or .zip, or a .zip's bytes with `path` as its name) without unpickling."""
    path = Path(path)
    if data is None and not path.exists():
        raise BundleError(f"{path}: no such bundle")
    members = _read_members(path, data)
    for required in ("spec.json", "model.safetensors"):
        if required not in members:
            raise BundleError(f"{path}: {required} is missing; a bundle holds model.safetensors, spec.json, history.csv")
    try:
        raw = json.loads(members["spec.json"])
        inference = raw.pop("inference", {}) if isinstance(raw, dict) else {}
        spec = parse_spec(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise BundleError(f"{path}: spec.json is not JSON ({e})") from None
    except SpecErrors as e:
        raise BundleError(f"{path}: spec.json is not a valid spec: {e.errors[0]}") from None
    try:
        state = load_safetensors_bytes(members["model.safetensors"])
    except Exception as e:  # safetensors raises its own error types for truncated or lying files
        raise BundleError(f"{path}: model.safetensors is damaged ({type(e).__name__}: {e})") from None
    if not isinstance(inference, dict):
        raise BundleError(f"{path}: spec.json's inference section is not a JSON object")
    return Bundle(spec, inference, _inference_model(spec, inference, state, str(path)))


def load(path: str | Path) -> InferenceModel:
    """The trained model in eval mode, taking raw (un-normalised) inputs."""
    return load_bundle(path).model


def load_state_dict_file(path: str | Path) -> dict:
    """A .pt state_dict, loaded with weights_only=True: a crafted pickle is refused and runs no code."""
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:
        raise BundleError(f"{Path(path).name}: refused: not a plain tensor file ({type(e).__name__}: "
                          f"{str(e).splitlines()[0][:200]}). Only weights are loaded; pickled code never runs.") from None
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise BundleError(f"{Path(path).name}: not a state_dict (a mapping of names to tensors)")
    return state


REFUSED_UPLOADS = {".onnx": "ONNX", ".pt2": "torch.export", ".ts": "TorchScript", ".torchscript": "TorchScript",
                   ".pkl": "pickle", ".pickle": "pickle", ".ckpt": "pickled checkpoint"}


def check_model_upload(data: bytes, name: str) -> None:
    """Refuse model formats that cannot be loaded without running their code or reading files they name.

    NetBuilder continues from a spec (.json) or a bundle (.zip); weights come from safetensors or a
    weights-only .pt. An ONNX file is refused outright, and one whose external data points outside its
    folder is named as the attack it is.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in REFUSED_UPLOADS:
        return
    reason = (f"{REFUSED_UPLOADS[suffix]} files are not loaded from uploads: loading them can run code or read "
              "other files. Upload the bundle (.zip) or the spec (.json) instead")
    if suffix == ".onnx":
        for location in _onnx_external_paths(data):
            if location.startswith(("/", "\\")) or ".." in Path(location).parts or ":" in location:
                raise BundleError(f"{name}: refused: its external data points outside its folder "
                                  f"({location!r}). {reason}")
    raise BundleError(f"{name}: refused. {reason}")


def _onnx_external_paths(data: bytes) -> list[str]:
    try:
        import onnx
        model = onnx.load_model_from_string(data)  # external data is not loaded from a string
    except Exception:  # not ONNX at all, or onnx is not installed: refused all the same
        return []
    paths = []
    for tensor in model.graph.initializer:
        for entry in tensor.external_data:
            if entry.key == "location":
                paths.append(entry.value)
    return paths


# ---- exports ------------------------------------------------------------------------------------

def _example(spec: Spec, batch: int = 2) -> torch.Tensor:
    shape = (batch, *spec.input.shape)
    return torch.zeros(shape, dtype=torch.long) if spec.input.dtype == "long" else torch.randn(shape)


def export_format(bundle_dir: str | Path, fmt: str, out: str | Path | None = None) -> Path:
    """Export a bundle's model as `fmt`; the file lands in the bundle unless `out` says otherwise."""
    if fmt not in FORMATS:
        raise BundleError(f"unknown export format '{fmt}'. Known: {', '.join(FORMATS)}")
    bundle = load_bundle(bundle_dir)
    source = Path(bundle_dir)
    if out:
        target = Path(out)
    elif source.is_dir():
        target = source / FORMATS[fmt]
    else:  # a zipped bundle: write beside it
        target = source.parent / f"{source.stem}.{FORMATS[fmt]}"
    target.parent.mkdir(parents=True, exist_ok=True)
    EXPORTERS[fmt](bundle, target)
    return target


def _export_state_dict(bundle: Bundle, target: Path) -> None:
    torch.save(bundle.model.net.state_dict(), target)


def _export_onnx(bundle: Bundle, target: Path) -> None:
    batch = torch.export.Dim("batch", min=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        program = torch.onnx.export(bundle.model, (_example(bundle.spec),), dynamo=True, verbose=False,
                                    dynamic_shapes={"x": {0: batch}}, input_names=["x"], output_names=["y"])
    program.save(str(target))


def _export_pt2(bundle: Bundle, target: Path) -> None:
    batch = torch.export.Dim("batch", min=1)
    program = torch.export.export(bundle.model, (_example(bundle.spec),), dynamic_shapes={"x": {0: batch}})
    torch.export.save(program, target)


def _export_torchscript(bundle: Bundle, target: Path) -> None:
    # Legacy: TorchScript is deprecated upstream; kept for runtimes that still need it. Traced, so
    # the trace check (which compares module type names) is off; outputs are tested instead.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        traced = torch.jit.trace(bundle.model, _example(bundle.spec), check_trace=False)
    traced.save(str(target))


def _export_code(bundle: Bundle, target: Path) -> None:
    """model.py: the generated network plus `load()` and `predict(x)`, which give what builder.load's bundle gives
    (inputs normalised as in training, target scaling undone, class names for a classifier)."""
    code = generate_code(bundle.spec)
    model = bundle.model
    classifier = bundle.kind.data_task == "classification"
    names = bundle.class_names
    dtype = "torch.long" if bundle.spec.input.dtype == "long" else "torch.float32"
    loader = f'''

# What training learned about the data; NetBuilder's bundle applies the same steps for you.
INPUT_MEAN = {model.x_mean.flatten().tolist()!r}
INPUT_STD = {model.x_std.flatten().tolist()!r}
NORM_SHAPE = {list(model.x_mean.shape)!r}
OUTPUT = {model.output!r}  # outputs to predictions: "none", "affine" (· OUTPUT_SCALE + OUTPUT_SHIFT) or "sigmoid"
OUTPUT_SCALE = {model.out_scale.flatten().tolist()!r}
OUTPUT_SHIFT = {model.out_shift.flatten().tolist()!r}
OUTPUT_STAT_SHAPE = {list(model.out_scale.shape)!r}
CLASSIFIER = {classifier!r}  # True: the outputs are class logits (one logit: the second class's)
CLASS_NAMES = {names!r}


def preprocess(x):
    """Normalise raw inputs as in training."""
    if not x.is_floating_point():
        return x
    mean = torch.tensor(INPUT_MEAN).reshape(NORM_SHAPE)
    std = torch.tensor(INPUT_STD).reshape(NORM_SHAPE)
    return (x - mean) / std


def load(path="model.safetensors"):
    """The network with the bundle's trained weights (needs the safetensors package)."""
    from safetensors.torch import load_file

    model = Net()
    model.load_state_dict(load_file(path))
    return model.eval()


def outputs(x, model=None):
    """The model's outputs for raw inputs x (a batch shaped as in training), in the data's own units: class
    probabilities for a classifier [batch, classes]; values with the target scaling undone otherwise."""
    model = model if model is not None else load()
    x = torch.as_tensor(x).to({dtype})
    with torch.no_grad():
        out = model(preprocess(x))
    if OUTPUT == "sigmoid":
        out = torch.sigmoid(out)
    elif OUTPUT == "affine":
        out = out * torch.tensor(OUTPUT_SCALE).reshape(OUTPUT_STAT_SHAPE) + \\
            torch.tensor(OUTPUT_SHIFT).reshape(OUTPUT_STAT_SHAPE)
    if CLASSIFIER:
        if out.shape[1] == 1:
            p = torch.sigmoid(out.float()).reshape(-1, 1)
            return torch.cat([1 - p, p], 1)
        return out.float().softmax(1)
    return out


def predict(x, model=None):
    """Predictions for raw inputs x, as `python -m builder predict` gives them: for a classifier, one class name
    per sample (the class's index as text when the data had no names); otherwise the values of `outputs(x)`."""
    out = outputs(x, model)
    if not CLASSIFIER:
        return out
    names = CLASS_NAMES or [str(i) for i in range(out.shape[1])]
    return [names[i] for i in out.argmax(1).tolist()]
'''
    head, sep, main = code.partition('\n\nif __name__ == "__main__":')
    _atomic_write(target, (head + loader + sep + main).encode())


EXPORTERS = {"state_dict": _export_state_dict, "onnx": _export_onnx, "pt2": _export_pt2,
             "torchscript": _export_torchscript, "code": _export_code}


def bundle_zip(bundle_dir: str | Path) -> bytes:
    """The bundle directory as zip bytes (for a download button)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(Path(bundle_dir).iterdir()):
            if p.is_file() and not p.name.startswith("."):
                zf.write(p, p.name)
    return buf.getvalue()


# ---- prediction ---------------------------------------------------------------------------------

MAX_PREDICT_VALUES = 100_000_000  # numbers in one prediction input file (400 MB of float32)


def read_inputs(path: str | Path, bundle: Bundle, missing: str | None = None) -> tuple[torch.Tensor, list[int]]:
    """Inputs for prediction, in the raw form the model was trained on, and the rows dropped for gaps.

    A CSV is read as the training table was: by column name, text categories encoded with the training's
    categories (a table the model was not trained on must hold one numeric column per input value). An NPZ holds
    an array `x` of shape [rows, *input shape]. A row of the wrong width, NaN, infinite or complex values, or
    token ids outside an Embedding's vocabulary are refused with the row and the numbers.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".npz":
        x, dropped = _npz_inputs(path, bundle), []
    elif suffix in (".csv", ".tsv", ".txt"):
        x, dropped = _csv_inputs(path, bundle, missing)
    else:
        raise DataError(path.name, "predict reads .csv (or .tsv) or .npz files")
    return _checked_inputs(x, path.name, bundle), dropped


def _npz_inputs(path: Path, bundle: Bundle) -> np.ndarray:
    from .uploads.npz_file import read_npz_arrays
    try:
        raw = path.read_bytes() if path.stat().st_size <= settings().max_upload_mb * 2**20 * 4 else None
    except OSError as e:
        raise DataError(path.name, f"cannot be read ({e.strerror or e})") from None
    if raw is None:
        raise DataError(path.name, "is too large to predict from at once", "split it into smaller files")
    from .uploads.npz_file import npz_images
    x = read_npz_arrays(raw, path.name, ("x",))["x"]
    if list(x.shape[1:]) != list(bundle.spec.input.shape) and x.dtype.kind in "biuf":
        # 8-bit images as training read them: [n, H, W(, C)] 0-255 becomes [n, C, H, W] 0-1
        images, note = npz_images(torch.from_numpy(x.astype(np.float32)))
        if note and list(images.shape[1:]) == list(bundle.spec.input.shape):
            return images.numpy()
    return x


def _csv_inputs(path: Path, bundle: Bundle, missing: str | None) -> tuple[np.ndarray, list[int]]:
    from . import tables
    from .uploads.csv_file import read_table_cells
    cells = read_table_cells(path, path.name)
    table = bundle.table
    if table is None:
        return _plain_csv(cells, path.name, bundle), []
    features = {c.name: cells[c.name] for c in table.columns if c.name in cells}  # the target may be absent
    found = tables.gaps(features)
    dropped: list[int] = []
    if found and missing is None:
        message, _ = tables.gap_message(found)
        raise DataError(path.name, message, "pass --missing drop (skip those rows) or --missing impute (fill them "
                                            "with the training rows' median or most frequent value)")
    if found and missing == "drop":
        cells, dropped = tables.drop_gaps(features)
    try:
        x = table.encode(cells)
    except TableError as e:
        raise DataError(path.name, e.message, e.hint) from None
    if found and missing == "impute":
        fill = (bundle.inference.get("table") or {}).get("fill")
        if not isinstance(fill, dict) or any(c.name not in fill for c in table.columns):
            raise DataError(path.name, "has gaps, but the bundle holds no values to fill them with",
                            "use --missing drop, or fill the gaps")
        x = table.impute(x, fill)
    return x, dropped


def _plain_csv(cells: dict[str, list[str]], name: str, bundle: Bundle) -> np.ndarray:
    """A table for a model trained on a built-in dataset: its feature columns by name, or every column in order
    when they are exactly as many as the input holds."""
    from .tables import is_missing, to_number
    width = math.prod(bundle.spec.input.shape)
    features = bundle.inference.get("feature_names")
    if features and set(features) <= set(cells):
        columns = list(features)
    elif len(cells) == width:
        columns = list(cells)
    else:
        raise DataError(name, f"has {len(cells)} column(s) ({', '.join(list(cells)[:8])}); the model takes "
                              f"{width} value(s) per row" + (f" (columns {', '.join(features)})" if features else ""),
                        "give one column per input value")
    rows = len(cells[columns[0]]) if columns else 0
    x = np.empty((rows, len(columns)), dtype=np.float64)
    for j, column in enumerate(columns):
        for i, cell in enumerate(cells[column]):
            value = None if is_missing(cell) else to_number(cell)
            if value is None:
                raise DataError(name, f"row {i + 1:,}, column '{column}': {cell.strip()[:40]!r} is not a number")
            x[i, j] = value
    return x


def _checked_inputs(x: np.ndarray, name: str, bundle: Bundle) -> torch.Tensor:
    spec = bundle.spec
    shape, width = tuple(spec.input.shape), math.prod(spec.input.shape)
    x = np.asarray(x)
    if x.dtype.kind == "c":
        raise DataError(name, "holds complex numbers; the model takes real numbers")
    if x.dtype.kind not in "biuf":
        raise DataError(name, f"holds {x.dtype} values; the model takes numbers")
    if x.ndim == 0 or len(x) == 0:
        raise DataError(name, f"holds no rows to predict (shape {list(x.shape)})")
    if x.size > MAX_PREDICT_VALUES:
        raise DataError(name, f"holds {x.size:,} values; at most {MAX_PREDICT_VALUES:,} are read at once")
    per_row = math.prod(x.shape[1:]) if x.ndim > 1 else 1
    if tuple(x.shape[1:]) != shape and per_row != width:
        raise DataError(name, f"has {len(x):,} rows of {per_row:,} value(s) (shape {list(x.shape[1:])}); the model "
                              f"takes {width:,} value(s) per row, shaped {list(shape)}")
    x = x.reshape(len(x), *shape)
    if x.dtype.kind == "f":
        flat = x.reshape(len(x), -1)
        for bad, what in ((~np.isfinite(flat).all(1), "hold NaN or infinite values"),
                          (np.isfinite(flat).all(1) & (np.abs(flat) > FLOAT32_MAX).any(1),
                           "hold values beyond what float32 can hold (±3.4e38)")):
            if bad.any():
                rows = np.flatnonzero(bad)[:5] + 1
                raise DataError(name, f"row(s) {', '.join(map(str, rows))} {what}", "fix or remove those rows")
    if spec.input.dtype == "long":
        if x.dtype.kind == "f" and not np.all(x == np.round(x)):
            raise DataError(name, "holds fractions, but the model takes whole-number token ids")
        _check_token_ids(x, name, bundle)
        return torch.as_tensor(x.astype(np.int64))
    return torch.as_tensor(x, dtype=torch.float32)


def _check_token_ids(x: np.ndarray, name: str, bundle: Bundle) -> None:
    vocab = min((layer.params.get("num_embeddings") for layer in bundle.spec.layers if layer.type == "Embedding"),
                default=None)
    low, high = (int(x.min()), int(x.max())) if x.size else (0, 0)
    if low < 0 or (vocab is not None and high >= vocab):
        bad = int(np.argmax((x < 0) | (x >= (vocab or np.inf))).item() // max(1, math.prod(x.shape[1:])))
        raise DataError(name, f"row {bad + 1:,} holds token id {high if high >= (vocab or np.inf) else low}; the "
                              f"Embedding knows ids 0 to {(vocab or 1) - 1}")


def predict(bundle: Bundle, x: torch.Tensor, batch: int = 4096) -> torch.Tensor:
    """The bundle's predictions for raw inputs: class probabilities, or values in the data's units."""
    with torch.no_grad():
        out = torch.cat([bundle.model(x[i:i + batch]) for i in range(0, len(x), batch)])
    return bundle.kind.decode_exported(out)


def format_predictions(bundle: Bundle, predictions: torch.Tensor) -> list[str]:
    return bundle.kind.format(predictions, bundle.class_names)
