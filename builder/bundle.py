"""Bundles (a trained model on disk): writing them, reading them back for inference (the model itself and the checks
of its parts are inference.py's), and refusing model files that could run code.

Loading never unpickles: weights come from safetensors.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from safetensors.torch import load as load_safetensors_bytes
from safetensors.torch import save_file

from .errors import BundleError, SpecErrors, short
from .files import FileRefused, open_regular, read_bytes
from .inference import InferenceModel, inference_model
from .objectives import objective_for
from .recipes import default_loss
from .settings import settings
from .spec import MAX_SPEC_BYTES, NotAPath, NotJSON, Spec, checked_path, decode_json, parse_sent_spec
from .tables import Table
from .text import is_language_model

MAX_BUNDLE_MEMBERS = 64


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
        spec = decode_json(read_bytes(folder / "spec.json", MAX_SPEC_BYTES))
    except ValueError:  # unreadable (FileRefused) or not JSON (NotJSON)
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
        inference["next_token"] = is_language_model(ds)  # a language model: `generate` and the page write text
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


def _bundle_path(path, on_disk: bool) -> Path:
    """The bundle's path as a Path; BundleError for what cannot be one (None, a number, bytes, a NUL). An upload's
    zip (not on disk) is named by the name it came with, which never reaches the file system."""
    if not on_disk and isinstance(path, str):
        return Path(path)
    try:
        return checked_path(path)
    except NotAPath as e:
        raise BundleError(f"a bundle is a folder or a .zip named by its path: {e}") from None


def load_bundle(path: str | Path, data: bytes | None = None) -> Bundle:
    """Read a bundle (a directory or .zip, or a .zip's bytes with `path` as its name) without unpickling."""
    path = _bundle_path(path, on_disk=data is None)
    if data is not None and not isinstance(data, (bytes, bytearray, memoryview)):
        raise BundleError(f"{path}: a .zip's contents are bytes. Received: {short(data)}")
    if data is None:
        try:
            path.stat()
        except FileNotFoundError:
            raise BundleError(f"{path}: no such bundle") from None
        except OSError as e:  # a name too long, a folder that cannot be entered
            raise BundleError(f"{path}: cannot be read ({e.strerror or e})") from None
    members = _read_members(path, data)
    for required in ("spec.json", "model.safetensors"):
        if required not in members:
            raise BundleError(f"{path}: {required} is missing; a bundle holds model.safetensors, spec.json, history.csv")
    try:
        raw = decode_json(members["spec.json"])
        inference = raw.pop("inference", {}) if isinstance(raw, dict) else {}
        spec = parse_sent_spec(raw)  # an uploaded bundle's: a JSON object, never a path to read
    except NotJSON as e:
        raise BundleError(f"{path}: spec.json is {e}") from None
    except SpecErrors as e:
        raise BundleError(f"{path}: spec.json is not a valid spec: {e.errors[0]}") from None
    try:
        state = load_safetensors_bytes(members["model.safetensors"])
    except Exception as e:  # safetensors raises its own error types for truncated or lying files
        raise BundleError(f"{path}: model.safetensors is damaged ({type(e).__name__}: {e})") from None
    if not isinstance(inference, dict):
        raise BundleError(f"{path}: spec.json's inference section is not a JSON object")
    return Bundle(spec, inference, inference_model(spec, inference, state, str(path)))


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

