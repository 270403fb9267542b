"""Runs on disk: each session's run folders under one root, so they outlive the server process.

Layout: ROOT/<session id>/<run id>/ holds run.json (what the run is and how far it got; its format is this
module's: `write_run_file`, `read_run_file`), the checkpoints the worker writes every epoch (checkpoints/last.pt),
the bundle once the run ends (model.safetensors, spec.json, history.csv), and for a run on uploaded data the data
itself (data.safetensors, data.json), so it can resume after a restart. Session and run ids are checked before
they touch a path.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .files import FolderBusy, folder_holder, read_bytes
from .spec import MAX_SPEC_BYTES, decode_json

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
UNFINISHED = ("starting", "idle", "running", "paused", "interrupted")  # run.json says so, yet no worker answers
RUN_FILE = "run.json"  # a run folder's record of what the run is and how far it got
RUN_FILE_BYTES = 2 * MAX_SPEC_BYTES  # a run file holds a spec and a few numbers


# ---- the run file ---------------------------------------------------------------------------------

def write_run_file(run_dir: Path, **fields) -> None:
    """Merge `fields` into the run folder's run.json, atomically."""
    run_dir.mkdir(parents=True, exist_ok=True)
    path = run_dir / RUN_FILE
    current = read_run_file(run_dir)
    current.update(fields)
    fd, tmp = tempfile.mkstemp(prefix=".run.", dir=run_dir)
    try:
        with os.fdopen(fd, "w") as f:
            json.dump(current, f)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def read_run_file(run_dir: Path) -> dict:
    """What a run folder's run.json says (the run's id, label, spec, data source, status, progress); {} when it has
    none or it cannot be read."""
    try:
        data = decode_json(read_bytes(run_dir / RUN_FILE, RUN_FILE_BYTES))
    except ValueError:  # missing, not a regular file, too big (FileRefused), or not JSON (NotJSON)
        return {}
    return data if isinstance(data, dict) else {}


# ---- a session's runs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredRun:
    job_id: str
    path: Path
    name: str
    status: str
    epochs: int
    modified: float
    message: str = ""
    has_bundle: bool = False
    checkpoint: Path | None = None
    total_epochs: int | None = None
    label: str = ""  # what the page called the run ("run 3: …"), when its run.json says

    @property
    def unfinished(self) -> bool:
        """Started but never ended: the server (or its worker) stopped under it."""
        return self.status in UNFINISHED

    @property
    def resumable(self) -> bool:
        """It has a checkpoint and epochs left to train, whatever ended it: a restart, a stop, a failure, a worker
        killed by the out-of-memory killer, early stopping."""
        return self.checkpoint is not None and (self.total_epochs is None or self.epochs < self.total_epochs)


class RunStore:
    def __init__(self, root: str | Path):
        self.root = Path(root)

    def _session_dir(self, session_id: str) -> Path:
        if not _SAFE_ID.match(session_id or ""):
            raise ValueError(f"not a session id: {session_id!r}")
        return self.root / session_id

    def run_dir(self, session_id: str, run_id: str) -> Path:
        """The folder of one of this session's runs (not created here)."""
        if not _SAFE_ID.match(run_id or ""):
            raise ValueError(f"not a run id: {run_id!r}")
        return self._session_dir(session_id) / run_id

    def save(self, session_id: str, job_id: str, trainer) -> Path:
        """Write the trainer's bundle as this session's run `job_id` (replacing an older copy), atomically: into a
        temporary folder beside it, then renamed, so a crash never leaves half a bundle under a real name."""
        final = self.run_dir(session_id, job_id)
        holder = folder_holder(final)
        if holder is not None:  # a worker is writing it: replacing the folder would lose that run
            raise FolderBusy(f"{final}: another run is writing this folder ({holder})")
        final.parent.mkdir(parents=True, exist_ok=True)
        from .bundle import write_bundle
        tmp = Path(tempfile.mkdtemp(prefix=f".{job_id}.", dir=final.parent))
        try:
            write_bundle(trainer, tmp)
            if final.exists():
                shutil.rmtree(final)
            os.replace(tmp, final)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return final

    def list(self, session_id: str) -> list[StoredRun]:
        """This session's runs, newest first: finished ones with their bundle, and unfinished ones with their
        checkpoint (half-written temporary folders are skipped)."""
        folder = self._session_dir(session_id)
        runs = []
        for path in folder.iterdir() if folder.is_dir() else ():
            if path.name.startswith(".") or not _SAFE_ID.match(path.name) or not path.is_dir():
                continue
            run = self._describe(path)
            if run is not None:
                runs.append(run)
        return sorted(runs, key=lambda r: r.modified, reverse=True)

    def _describe(self, path: Path) -> StoredRun | None:
        record = read_run_file(path)
        has_bundle = (path / "model.safetensors").is_file() and (path / "spec.json").is_file()
        checkpoint = path / "checkpoints" / "last.pt"
        if not record and not has_bundle:
            return None
        info = {}
        if has_bundle:
            try:
                raw = decode_json(read_bytes(path / "spec.json", MAX_SPEC_BYTES))
                info = raw.get("inference", {}) if isinstance(raw, dict) else {}
                name = str(raw.get("name", path.name)) if isinstance(raw, dict) else path.name
            except ValueError:  # unreadable (FileRefused) or not JSON (NotJSON)
                return None
        else:
            name = str((record.get("spec") or {}).get("name", path.name)) if isinstance(record.get("spec"), dict) \
                else path.name
        status = str(record.get("status") or info.get("status") or "?")
        epochs = int(record.get("epoch") or info.get("epochs_trained") or 0)
        total = ((record.get("spec") or {}).get("training") or {}).get("epochs") if isinstance(record.get("spec"),
                                                                                            dict) else None
        return StoredRun(path.name, path, name, status, epochs, (path / RUN_FILE if record else path).stat().st_mtime,
                         str(record.get("message") or info.get("message") or ""), has_bundle,
                         checkpoint if checkpoint.is_file() else None, total if isinstance(total, int) else None,
                         str(record.get("label") or ""))

    def get(self, session_id: str, job_id: str) -> StoredRun | None:
        if not _SAFE_ID.match(job_id or ""):
            return None
        path = self._session_dir(session_id) / job_id
        return self._describe(path) if path.is_dir() else None

    def path(self, session_id: str, job_id: str) -> Path | None:
        """The folder of one of this session's finished runs, or None: another session's runs are not reachable."""
        if not _SAFE_ID.match(job_id or ""):
            return None
        path = self._session_dir(session_id) / job_id
        return path if (path / "model.safetensors").is_file() else None


# ---- an uploaded dataset kept with its run ----------------------------------------------------------

def save_dataset(dataset, run_dir: Path) -> None:
    """An uploaded dataset beside its run, as its parts: the tensors (data.safetensors) and the head (data.json),
    so the run can resume later."""
    head, tensors = dataset.to_parts()
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "data.safetensors").write_bytes(tensors)
    (run_dir / "data.json").write_text(json.dumps(head), encoding="utf-8")


def load_saved_dataset(run_dir: Path):
    """The dataset a run was trained on, if it was saved with it (never unpickled, and checked as it is read);
    None otherwise."""
    from .datasets import Dataset
    from .uploads.common import LIMITS
    try:
        head = decode_json(read_bytes(run_dir / "data.json", RUN_FILE_BYTES))
        return Dataset.from_parts(head, read_bytes(run_dir / "data.safetensors", 8 * LIMITS.max_values + 2**20))
    except ValueError:  # a missing or unreadable file (FileRefused), not JSON (NotJSON), parts that disagree (DataError)
        return None


def checkpoint_bytes(path: Path) -> bytes:
    """A checkpoint file's bytes, for a download (it is written atomically, so any read sees a whole one)."""
    from .checkpoints import max_bytes
    return read_bytes(path, max_bytes())
