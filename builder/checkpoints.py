"""Checkpoints: a run's whole training state in one file, written atomically and read without unpickling."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import torch

from .errors import BundleError


def save(state: dict, path: str | Path) -> Path:
    """Write `state` to `path` atomically: a temporary file beside it, then os.replace."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        torch.save(state, tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def load(path: str | Path, device: torch.device | str = "cpu") -> dict:
    """A checkpoint's state, read with weights_only=True (a crafted pickle runs no code); BundleError otherwise."""
    path = Path(path)
    try:
        state = torch.load(path, map_location=device, weights_only=True)
    except FileNotFoundError:
        raise BundleError(f"{path}: no such checkpoint") from None
    except Exception as e:
        raise BundleError(f"{path}: not a NetBuilder checkpoint ({type(e).__name__}: {str(e).splitlines()[0][:200]})") \
            from None
    missing = [k for k in ("model", "optimizer", "epoch", "global_step") if not isinstance(state, dict) or k not in state]
    if missing:
        raise BundleError(f"{path}: not a NetBuilder checkpoint (it lacks {', '.join(missing)})")
    return state


def mismatch(state: dict, settings: dict) -> str | None:
    """What differs between the run that wrote a checkpoint and the run resuming it, in words (None: nothing)."""
    written = state.get("settings") or {}
    for key in ("optimizer", "scheduler"):
        if key in written and written[key] != settings.get(key):
            return (f"it was written by a run with {key} '{written[key]}', and this run uses '{settings.get(key)}'; "
                    f"set \"{key}\": \"{written[key]}\" to resume it")
    return None
