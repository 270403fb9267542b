"""Finished runs on disk: each session's bundles under one folder, so they outlive the server process.

Layout: ROOT/<session id>/<job id>/ (a bundle: model.safetensors, spec.json, history.csv). A bundle is
written to a temporary folder beside its final place and renamed into it, so a crash never leaves half a
bundle under a real name. Session and job ids are checked before they touch a path.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class StoredRun:
    job_id: str
    path: Path
    name: str
    status: str
    epochs: int
    modified: float


class RunStore:
    def __init__(self, root: str | Path):
        self.root = Path(root)

    def _session_dir(self, session_id: str) -> Path:
        if not _SAFE_ID.match(session_id or ""):
            raise ValueError(f"not a session id: {session_id!r}")
        return self.root / session_id

    def save(self, session_id: str, job_id: str, trainer) -> Path:
        """Write the trainer's bundle as this session's run `job_id` (replacing an older copy)."""
        if not _SAFE_ID.match(job_id or ""):
            raise ValueError(f"not a job id: {job_id!r}")
        folder = self._session_dir(session_id)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{job_id}.", dir=folder))
        try:
            trainer.save_bundle(tmp)
            final = folder / job_id
            if final.exists():
                shutil.rmtree(final)
            os.replace(tmp, final)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return final

    def list(self, session_id: str) -> list[StoredRun]:
        """This session's complete bundles, newest first (half-written temporary folders are skipped)."""
        folder = self._session_dir(session_id)
        runs = []
        for path in folder.iterdir() if folder.is_dir() else ():
            if path.name.startswith(".") or not (path / "model.safetensors").is_file():
                continue
            try:
                raw = json.loads((path / "spec.json").read_text())
            except (OSError, ValueError):
                continue
            info = raw.get("inference", {}) if isinstance(raw, dict) else {}
            runs.append(StoredRun(path.name, path, str(raw.get("name", path.name)), str(info.get("status", "?")),
                                  int(info.get("epochs_trained", 0) or 0), path.stat().st_mtime))
        return sorted(runs, key=lambda r: r.modified, reverse=True)

    def path(self, session_id: str, job_id: str) -> Path | None:
        """The folder of one of this session's runs, or None: another session's runs are not reachable."""
        if not _SAFE_ID.match(job_id or ""):
            return None
        path = self._session_dir(session_id) / job_id
        return path if (path / "model.safetensors").is_file() else None
