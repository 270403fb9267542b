"""Bundles (a trained model on disk), loading them for inference, and exports to other formats.

Loading never unpickles: weights come from safetensors, or from torch.load(weights_only=True).
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load as load_safetensors_bytes
from safetensors.torch import save_file
from torch import nn

from .codegen import generate_code
from .compiler import Network, build_model
from .errors import BundleError, SpecErrors
from .spec import Spec, parse_spec

FORMATS = {  # format -> file name inside the bundle
    "state_dict": "model.pt",
    "onnx": "model.onnx",
    "pt2": "model.pt2",
    "torchscript": "model.torchscript.pt",  # legacy: TorchScript is deprecated upstream
    "code": "model.py",
}
MAX_BUNDLE_MEMBER_BYTES = 2 * 1024**3
MAX_BUNDLE_MEMBERS = 64


class InferenceModel(nn.Module):
    """The trained network wrapped for raw inputs: normalise, run, and undo target scaling."""

    def __init__(self, net: Network, x_mean: torch.Tensor, x_std: torch.Tensor,
                 y_mean: torch.Tensor | None = None, y_std: torch.Tensor | None = None):
        super().__init__()
        self.net = net
        self.register_buffer("x_mean", x_mean)
        self.register_buffer("x_std", x_std)
        self.scale_targets = y_mean is not None
        self.register_buffer("y_mean", y_mean if y_mean is not None else torch.zeros(1))
        self.register_buffer("y_std", y_std if y_std is not None else torch.ones(1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.is_floating_point():
            x = (x - self.x_mean) / self.x_std
        out = self.net(x)
        return out * self.y_std + self.y_mean if self.scale_targets else out


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


def _stats(inference: dict):
    """Normalisation tensors from the bundle's inference section, shaped to broadcast over a batch."""
    from .data import Normalizer
    norm = Normalizer.from_dict(inference.get("normalizer") or {})
    x_mean = norm.x_mean if norm.x_mean is not None else torch.zeros(1)
    x_std = norm.x_std if norm.x_std is not None else torch.ones(1)
    if norm.y_mean is None:
        return x_mean, x_std, None, None
    return x_mean, x_std, norm.y_mean.reshape(1, -1), norm.y_std.reshape(1, -1)


def _inference_model(spec: Spec, inference: dict, state: dict | None = None) -> InferenceModel:
    net = build_model(spec)
    if state is not None:
        try:
            net.load_state_dict(state, strict=True)
        except RuntimeError as e:
            raise BundleError(f"the weights do not fit the spec's network: {str(e).splitlines()[0]}") from None
    return InferenceModel(net, *_stats(inference)).eval()


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

def _read_members(path: Path, data: bytes | None = None) -> dict[str, bytes]:
    """The files of a bundle directory or .zip (a path, or its bytes), read into memory after checking
    names and sizes."""
    wanted = {"model.safetensors", "spec.json", "history.csv"}
    if data is None and path.is_dir():
        return {n: (path / n).read_bytes() for n in wanted if (path / n).is_file()}
    try:
        with zipfile.ZipFile(io.BytesIO(data) if data is not None else path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_BUNDLE_MEMBERS:
                raise BundleError(f"{path.name}: {len(infos)} files; a bundle has at most {MAX_BUNDLE_MEMBERS}")
            out = {}
            for info in infos:
                name = info.filename.rsplit("/", 1)[-1]
                if ".." in info.filename.split("/") or info.filename.startswith("/") or name not in wanted:
                    continue  # never extracted: only the known files are read, in memory
                if info.file_size > MAX_BUNDLE_MEMBER_BYTES:
                    raise BundleError(f"{path.name}: {info.filename} declares {info.file_size:,} bytes; too large")
                with zf.open(info) as f:
                    data = f.read(MAX_BUNDLE_MEMBER_BYTES + 1)
                if len(data) > MAX_BUNDLE_MEMBER_BYTES:
                    raise BundleError(f"{path.name}: {info.filename} is larger than it declares")
                out[name] = data
            return out
    except zipfile.BadZipFile as e:
        raise BundleError(f"{path.name}: not a bundle directory or zip ({e})") from None


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
    return Bundle(spec, inference, _inference_model(spec, inference, state))


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
    code = generate_code(bundle.spec)
    model = bundle.model
    loader = f'''

# Input normalisation learned from the training data; NetBuilder's bundle applies it for you.
INPUT_MEAN = {model.x_mean.flatten().tolist()!r}
INPUT_STD = {model.x_std.flatten().tolist()!r}
NORM_SHAPE = {list(model.x_mean.shape)!r}


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

def read_inputs(path: str | Path, bundle: Bundle) -> torch.Tensor:
    """Inputs for prediction from a CSV (numeric columns, the training features) or an NPZ (array x)."""
    from .errors import DataError
    path = Path(path)
    shape = tuple(bundle.spec.input.shape)
    dtype = torch.long if bundle.spec.input.dtype == "long" else torch.float32
    if path.suffix.lower() == ".npz":
        try:
            with np.load(path, allow_pickle=False) as npz:
                if "x" not in npz:
                    raise DataError(path.name, f"no array 'x' (found: {', '.join(npz.files) or 'none'})")
                x = np.asarray(npz["x"])
        except (ValueError, OSError, zipfile.BadZipFile) as e:
            raise DataError(path.name, f"not a readable NPZ file ({e})") from None
    elif path.suffix.lower() == ".csv":
        import pandas as pd
        try:
            frame = pd.read_csv(path)
        except Exception as e:
            raise DataError(path.name, f"not a readable CSV file ({type(e).__name__}: {e})") from None
        features = bundle.inference.get("feature_names")
        if features and set(features) <= set(frame.columns):
            frame = frame[features]
        else:
            frame = frame.select_dtypes("number")
        x = frame.to_numpy(dtype=np.float32)
    else:
        raise DataError(path.name, "predict reads .csv or .npz files")
    if x.ndim < 1 or tuple(x.shape[1:]) != shape and x.size % max(1, int(np.prod(shape))) == 0:
        x = x.reshape(-1, *shape)
    if tuple(x.shape[1:]) != shape:
        raise DataError(path.name, f"samples have shape {list(x.shape[1:])}; the model takes {list(shape)}")
    return torch.as_tensor(x, dtype=dtype)


def predict(bundle: Bundle, x: torch.Tensor, batch: int = 4096) -> torch.Tensor:
    with torch.no_grad():
        return torch.cat([bundle.model(x[i:i + batch]) for i in range(0, len(x), batch)])


def format_predictions(bundle: Bundle, out: torch.Tensor) -> list[str]:
    if bundle.task == "classification":
        probs = torch.sigmoid(out) if out.shape[1] == 1 else out.softmax(1)
        if out.shape[1] == 1:
            probs = torch.cat([1 - probs, probs], 1)
        names = bundle.class_names or [str(i) for i in range(probs.shape[1])]
        conf, idx = probs.max(1)
        return [f"{names[i]}\t{c:.4f}" for i, c in zip(idx.tolist(), conf.tolist())]
    return ["\t".join(f"{v:.6g}" for v in row) for row in out.reshape(len(out), -1).tolist()]


def export_cli(args) -> int:
    path = export_format(args.bundle, args.format, args.out)
    print(f"wrote {path}")
    return 0


def predict_cli(args) -> int:
    bundle = load_bundle(args.bundle)
    header = "class\tprobability" if bundle.task == "classification" else "prediction"
    print(header)
    for line in format_predictions(bundle, predict(bundle, read_inputs(args.input, bundle))):
        print(line)
    sys.stdout.flush()
    return 0
