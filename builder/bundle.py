"""Bundles (a trained model on disk): writing them, reading them back for inference, and refusing model files that
could run code.

Loading never unpickles: weights come from safetensors.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import torch
from safetensors.torch import load as load_safetensors_bytes
from safetensors.torch import save_file
from torch import nn

from .compiler import Network, build_model, traceable
from .errors import BundleError, DataError, SpecErrors
from .files import FileRefused, open_regular, read_bytes
from .recipes import default_loss
from .settings import settings
from .spec import MAX_SPEC_BYTES, Spec, parse_spec
from .datasets import TASKS
from .objectives import objective_for
from .tables import Table, TableError

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

    def traceable(self) -> "InferenceModel":
        """This model as exporters trace it: the same weights, its layers named as Python can spell them (see
        compiler.traceable)."""
        net = traceable(self.net)
        if net is self.net:
            return self
        return InferenceModel(net, self.x_mean, self.x_std, self.output, self.out_scale, self.out_shift).eval()


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
    def objective(self):
        """How the model's outputs are read (objectives.Objective)."""
        return objective_for(self.task, self.spec.training.loss if self.spec.training and self.spec.training.loss
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
        damaged = _non_finite_weights(net, state)
        if damaged:
            raise BundleError(f"{where}: the weights are damaged: {damaged}")
        net.load_state_dict(state, strict=True)
    try:
        norm = Normalizer.from_dict(inference.get("normalizer") or {})
    except DataError as e:
        raise BundleError(f"{where}: {e.message}") from None
    task = inference.get("task", "classification")
    if task not in TASKS:
        raise BundleError(f"{where}: spec.json names an unknown task {task!r}; one of {', '.join(TASKS)}")
    loss = spec.training.loss if spec.training and spec.training.loss else default_loss(task)
    output, scale, shift = objective_for(task, loss).output_transform(norm)
    x_mean = norm.x_mean if norm.x_mean is not None else torch.zeros(1)
    x_std = norm.x_std if norm.x_std is not None else torch.ones(1)
    model = InferenceModel(net, x_mean, x_std, output, scale, shift).eval()
    _check_statistics(model, norm, spec, where)
    _check_classes(spec, inference, task, where)
    _check_table(inference, where)
    return model


def _check_table(inference: dict, where: str) -> None:
    """A table's description must read, and each value that fills its gaps must be one the column can hold: a
    finite number for a number column, one of its categories for a text column."""
    raw = inference.get("table")
    if not raw:
        return
    try:
        table = Table.from_dict(raw)
    except TableError as e:
        raise BundleError(f"{where}: spec.json's table is damaged: {e.message}") from None
    fill = raw.get("fill") or {}
    if not isinstance(fill, dict):
        raise BundleError(f"{where}: spec.json's table is damaged: its fill values are not a JSON object")
    for column in table.columns:
        if column.name not in fill:
            continue
        value = fill[column.name]
        fits = value in column.categories if column.categories is not None else \
            isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        if not fits:
            kind = f"one of its categories ({', '.join(column.categories[:10])})" if column.categories is not None \
                else "a finite number"
            raise BundleError(f"{where}: spec.json's table is damaged: column '{column.name}' would fill its gaps "
                              f"with {value!r}, which is not {kind}")


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


def _non_finite_weights(net: Network, state: dict) -> str | None:
    """The first tensor (in the network's order) of a state dict that holds NaN or infinite values, in words (None:
    all are finite). Such weights predict NaN for every input: they are refused, not run."""
    for key in net.state_dict():
        tensor = state[key]
        if tensor.is_floating_point() and not torch.isfinite(tensor).all():
            bad = int((~torch.isfinite(tensor)).sum())
            return (f"layer '{key.split('.')[0]}': '{key}' holds {bad:,} NaN or infinite value(s) of "
                    f"{tensor.numel():,} in model.safetensors")
    return None


MIN_STD = 1e-12  # a smaller standard deviation blows inputs up a trillionfold; training never keeps one below 1e-6
STATISTICS = {"x_mean": "an input mean", "x_std": "an input standard deviation", "y_mean": "a target mean",
              "y_std": "a target standard deviation"}  # the normaliser's statistics in spec.json, in words


def _statistics_problem(norm) -> str | None:
    """The first normalisation statistic that is not finite, or a standard deviation that is not positive and
    above MIN_STD, named as spec.json names it (None: all are usable)."""
    for name, what in STATISTICS.items():
        values = getattr(norm, name)
        if values is None:
            continue
        flat = values.flatten()
        bad = ~torch.isfinite(flat)
        if name.endswith("std"):
            bad |= ~(flat >= MIN_STD)
        if bad.any():
            i = int(bad.nonzero()[0])
            return f"{name}[{i}] ({what}) is {flat[i].item():g}" + \
                (f"; a standard deviation must be at least {MIN_STD:g}" if name.endswith("std") else "")
    return None


def _check_statistics(model: InferenceModel, norm, spec: Spec, where: str) -> None:
    """The normalisation statistics must be finite numbers (standard deviations positive, not next to zero) that
    broadcast over one sample, and the output scaling over the output."""
    problem = _statistics_problem(norm)
    if problem:
        what = "input" if problem.startswith("x_") else "target"
        raise BundleError(f"{where}: spec.json's {what} statistics hold zero, infinite or NaN values: {problem}")
    sample = torch.zeros(1, *spec.input.shape)
    try:
        if spec.input.dtype == "float":
            torch.broadcast_shapes(sample.shape, model.x_mean.shape, model.x_std.shape)
    except RuntimeError:
        raise BundleError(f"{where}: its input statistics have shape {list(model.x_mean.shape)}, which does not fit "
                          f"the input shape {list(spec.input.shape)}") from None


# ---- writing ------------------------------------------------------------------------------------

def atomic_write(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: a temporary file beside it, then renamed. A path that is not a regular
    file (/dev/stdout, a pipe, /dev/full) is written into as it is: renaming over it would replace the device."""
    if path.exists() and not path.is_file():
        path.write_bytes(data)
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def written_whole(path: Path):
    """A temporary path (in the system's temporary folder) for a writer that takes a path; once it has written,
    the file is copied to `path` whole, as atomic_write writes. So a full disk or a read-only folder at `path`
    is an OSError naming `path`, not a library's own error (PyTorch's "enforce fail at inline_container.cc")."""
    with tempfile.TemporaryDirectory(prefix="netbuilder-") as folder:
        made = Path(folder) / path.name
        yield made
        try:
            atomic_write(path, made.read_bytes())
        except OSError as e:
            raise OSError(e.errno, e.strerror, str(path)) from None


BUNDLE_FILES = ("model.safetensors", "spec.json", "history.csv")  # a bundle's own files (DESIGN.md)
DATA_FILES = ("data.safetensors", "data.json")  # the training data, kept beside a bundle or a run


def export_names() -> tuple[str, ...]:
    """The file names exports take in a bundle folder (export.FORMATS is their one table)."""
    from .export import FORMATS  # exporters read bundles: imported here, one direction at load time
    return tuple(FORMATS.values())


def holds_bundle(folder: Path) -> bool:
    """Whether `folder` holds a NetBuilder bundle (or a run of the server's, which becomes one): its spec.json is
    a bundle's (it carries the inference section), or it has a run file."""
    from .store import RUN_FILE
    if (folder / RUN_FILE).is_file():
        return True
    try:
        spec = json.loads(read_bytes(folder / "spec.json", MAX_SPEC_BYTES))
    except (FileRefused, ValueError):
        return False
    return isinstance(spec, dict) and isinstance(spec.get("inference"), dict)


def clear_bundle_folder(out: Path, remove: bool = True) -> list[str]:
    """Make `out` ready for a new bundle: the exports an earlier bundle there left (they belong to its weights,
    not the new ones) are removed and named; BundleError when the folder holds files under a bundle's or an
    export's names that are not a bundle's (a person's own spec.json, model.onnx…), which a bundle would write over
    or leave beside itself. remove=False only checks (before a run starts, so nothing is refused at its end)."""
    taken = [n for n in (*BUNDLE_FILES, *export_names()) if os.path.lexists(out / n)]
    if not taken:
        return []
    if not holds_bundle(out):
        raise BundleError(f"{out}: holds {', '.join(taken)}, not part of a NetBuilder bundle; a bundle written here "
                          "would write over them or leave them beside its own files: move them, or choose another "
                          "folder")
    stale = [n for n in export_names() if n in taken]
    for name in stale if remove else ():
        (out / name).unlink()
    return stale


def write_bundle(trainer, out_dir: str | Path, formats=(), include_data: bool = False) -> Path:
    """Write model.safetensors, spec.json (with what inference needs) and history.csv, plus exports; the training
    data (data.safetensors, data.json) only when `include_data` asks for it: a bundle is shared, and the data
    may not be the sharer's to share. Exports an earlier bundle left in the folder are removed first (see
    `clear_bundle_folder`)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stale = clear_bundle_folder(out)
    if stale:
        trainer.log.note(f"removed {', '.join(stale)}, exported from the bundle this one replaces")
    state = {k: v.detach().cpu().contiguous() for k, v in trainer.model.state_dict().items()}
    tmp = out / ".model.safetensors.tmp"
    save_file(state, str(tmp), metadata={"format": "netbuilder/1"})
    os.replace(tmp, out / "model.safetensors")
    ds = trainer.parts.dataset
    inference = {
        "task": trainer.objective.task, "dataset": ds.name, "sample_shape": list(ds.sample_shape), "dtype": ds.dtype,
        "class_names": ds.class_names, "feature_names": ds.feature_names,
        "normalizer": trainer.parts.normalizer.to_dict(), "status": trainer.status, "message": trainer.log.message,
        "epochs_trained": trainer.epoch, "device": trainer.log.device,
    }
    if ds.table is not None:
        inference["table"] = {**ds.table.to_dict(), "fill": trainer.parts.fill}
    if ds.text is not None:  # the tokeniser and vocabulary: predict and the code export read raw text with them
        inference["text"] = ds.text.encoder.to_dict()
    atomic_write(out / "spec.json", json.dumps({**trainer.spec.to_dict(), "inference": inference}, indent=2).encode())
    atomic_write(out / "history.csv", history_csv(trainer.history(), trainer.objective.task).encode())
    if include_data:
        from .store import save_dataset  # the run folders' own format for a dataset kept beside a run
        save_dataset(ds, out)
    if formats:
        from .export import export_format  # exporters read bundles: imported here, one direction at load time
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
            if os.path.lexists(member):
                try:
                    out[name] = read_bytes(member, limit)
                except FileRefused as e:  # a pipe, a device, a folder, a dangling link, or over the limit
                    raise BundleError(f"{path}: {name} {e}") from None
        return out
    try:
        source = io.BytesIO(data) if data is not None else open_regular(path)
    except FileRefused as e:
        raise BundleError(f"{path}: {e}") from None
    try:
        with source, zipfile.ZipFile(source) as zf:
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

