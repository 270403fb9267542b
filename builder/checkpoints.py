"""Checkpoints: a Trainer's whole training state in one file, what that state holds (`capture`, `restore`), when a
run writes it (`Saver`), written atomically and read without unpickling."""
from __future__ import annotations

import io
import math
import os
import threading
import time
from pathlib import Path

import torch

from .errors import BundleError
from .files import FileRefused, read_bytes
from .settings import settings


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


def max_bytes() -> int:
    """The largest checkpoint NetBuilder reads: the weights of the largest network this machine accepts (float32)
    with an optimizer's two moments, plus room for the sample order and the history."""
    return settings().max_params * 4 * 3 + 2**30


def load(path: str | Path, device: torch.device | str = "cpu") -> dict:
    """A checkpoint's state, read as a regular file of at most `max_bytes` (never a pipe or a device), with
    weights_only=True (a crafted pickle runs no code); BundleError otherwise."""
    path = Path(path)
    try:
        data = read_bytes(path, max_bytes())
    except FileRefused as e:
        missing = not os.path.exists(path)  # missing, or a link to nothing
        raise BundleError(f"{path}: no such checkpoint" if missing else f"{path}: {e}") from None
    try:
        state = torch.load(io.BytesIO(data), map_location=device, weights_only=True)
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


# ---- a Trainer's state -----------------------------------------------------------------------------

def capture(trainer) -> dict:
    """A Trainer's full training state: weights, optimizer, scheduler, position in the epoch, history."""
    parts, config = trainer.parts, trainer.config
    return {
        "model": parts.model.state_dict(), "optimizer": parts.optimizer.state_dict(),
        "scheduler": parts.scheduler.state_dict() if parts.scheduler is not None else {},
        "epoch": trainer.epoch, "global_step": trainer.global_step, "pos": trainer.pos,
        "perm": trainer.order.cpu() if trainer.order is not None else torch.empty(0, dtype=torch.long),
        "generator": trainer.generator.get_state(), "batch_size": trainer.batch_size,
        "best_val": trainer.best_val, "bad_epochs": trainer.bad_epochs,
        "settings": {"optimizer": config.optimizer, "scheduler": config.scheduler, "epochs": config.epochs},
        "history": [{k: float(v) for k, v in r.items() if isinstance(v, (int, float))} for r in trainer.history()],
    }


def write(trainer, path: str | Path) -> Path:
    """Write a Trainer's full training state to `path`, atomically."""
    return save(capture(trainer), path)


def restore(trainer, path: str | Path) -> None:
    """Continue `trainer` from the checkpoint at `path`; BundleError when it is not one, or not one of this run's
    network and setup."""
    state = load(path, trainer.parts.device)
    problem = mismatch(state, trainer.config.model_dump()) or _apply(trainer, state)
    if problem is not None:
        raise BundleError(f"{path}: cannot resume: {problem}")
    for row in state.get("history", []):
        trainer.log.log_epoch({k: (int(v) if k == "epoch" else v) for k, v in row.items()})
    trainer.log.resumed(trainer.global_step)


def _apply(trainer, state: dict) -> str | None:
    """Load `state` into the trainer; what did not fit, in words (None: all of it did)."""
    parts = trainer.parts
    try:
        parts.model.load_state_dict(state["model"])
    except (RuntimeError, TypeError, AttributeError) as e:
        return f"its weights do not fit this network ({str(e).splitlines()[0][:200]})"
    try:
        parts.optimizer.load_state_dict(state["optimizer"])
        if parts.scheduler is not None and state.get("scheduler"):
            parts.scheduler.load_state_dict(state["scheduler"])
        trainer.epoch, trainer.global_step, trainer.pos = int(state["epoch"]), int(state["global_step"]), \
            int(state["pos"])
        trainer.order = state["perm"].to(parts.device) if len(state["perm"]) else None
        trainer.generator.set_state(state["generator"])
        trainer.batch_size, trainer.best_val = int(state["batch_size"]), float(state["best_val"])
        trainer.bad_epochs = int(state["bad_epochs"])
    except (KeyError, ValueError, TypeError, RuntimeError) as e:
        return f"its training state does not fit this run ({type(e).__name__}: {str(e)[:200]})"
    return None


class Saver:
    """Listens to a Trainer's epoch ends and writes into `folder`: last.pt (at most once per `every_s`, and always
    at the last epoch), and best.pt when the validation loss improved."""

    def __init__(self, trainer, folder: str | Path, every_s: float = 0.0):
        self.folder, self.every_s = Path(folder), every_s
        self._last = -math.inf
        trainer.on("epoch_end", self.epoch_end)

    def epoch_end(self, trainer) -> None:
        now = time.monotonic()
        if now - self._last >= self.every_s or trainer.epoch >= trainer.config.epochs:
            write(trainer, self.folder / "last.pt")
            self._last = now
        if trainer.bad_epochs == 0:  # reset at this epoch's end: its validation loss is the best yet
            write(trainer, self.folder / "best.pt")
