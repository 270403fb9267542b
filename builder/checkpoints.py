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

from .errors import BundleError, finite_number, short
from .files import FileRefused, read_bytes
from .settings import settings
from .spec import MAX_BATCH_SIZE, MAX_EPOCHS


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
    if not isinstance(written, dict):
        return f"its settings are {short(written)}; they must be the optimizer, scheduler and epochs it trained with"
    for key in ("optimizer", "scheduler"):
        if key in written and written[key] != settings.get(key):
            return (f"it was written by a run with {key} '{written[key]}', and this run uses '{settings.get(key)}'; "
                    f"set \"{key}\": \"{written[key]}\" to resume it")
    return None


# ---- a Trainer's state -----------------------------------------------------------------------------

def data_fingerprint(trainer) -> dict:
    """What a checkpoint records of the data it was trained on: the dataset's content hash and sizes."""
    parts = trainer.parts
    return {"hash": parts.dataset.content_hash(), "n_samples": parts.dataset.n_samples, "n_train": parts.n_train}


def capture(trainer, data: dict | None = None) -> dict:
    """A Trainer's full training state: weights, optimizer, scheduler, position in the epoch, history, and the
    data's fingerprint (`data`, when the caller has it already)."""
    parts, config, samples = trainer.parts, trainer.config, trainer.samples
    return {
        "model": parts.model.state_dict(), "optimizer": parts.optimizer.state_dict(),
        "scheduler": parts.scheduler.state_dict() if parts.scheduler is not None else {},
        "epoch": trainer.epoch, "global_step": trainer.global_step, "pos": samples.pos,
        "perm": samples.order.cpu() if samples.order is not None else torch.empty(0, dtype=torch.long),
        "generator": samples.generator.get_state(), "batch_size": trainer.batch_size,
        "best_val": trainer.stopping.best_val, "bad_epochs": trainer.stopping.bad_epochs,
        "settings": {"optimizer": config.optimizer, "scheduler": config.scheduler, "epochs": config.epochs},
        "history": [{k: float(v) for k, v in r.items() if isinstance(v, (int, float))} for r in trainer.history()],
        "data": data or data_fingerprint(trainer),
    }


def write(trainer, path: str | Path, data: dict | None = None) -> Path:
    """Write a Trainer's full training state to `path`, atomically."""
    return save(capture(trainer, data), path)


def restore(trainer, path: str | Path) -> None:
    """Continue `trainer` from the checkpoint at `path`; BundleError when it is not one, or not one of this run's
    network, setup and data. Every field is checked before any of the trainer's state changes."""
    state = load(path, trainer.parts.device)
    problem = mismatch(state, trainer.config.model_dump()) or problem_with(state, trainer) or _apply(trainer, state)
    if problem is not None:
        raise BundleError(f"{path}: cannot resume: {problem}")
    if not isinstance(state.get("data"), dict):
        trainer.log.note("resumed from a checkpoint written before checkpoints recorded their data: its sample "
                         "order and position were checked against this data, but not the data itself")
    replay_history(trainer, state.get("history", []))


def replay_history(trainer, history: list[dict]) -> None:
    """A run going on from where another stopped: its epochs into the run log, and its first epoch's training loss
    as the scale the divergence guard measures later losses by (a well-fit model's first batch here would be a
    scale so small that one hard batch looked like divergence)."""
    for row in history:
        trainer.log.log_epoch({k: (int(v) if k == "epoch" else v) for k, v in row.items()})
    first = history[0].get("train_loss") if history else None
    if finite_number(first) and first > 0:
        trainer.guard.first = max(trainer.guard.first if math.isfinite(trainer.guard.first) else 0.0, float(first))
    trainer.log.resumed(trainer.global_step)


def problem_with(state: dict, trainer) -> str | None:
    """The first field of a checkpoint that is not of its type and range, or disagrees with this run's network,
    settings or data, in words (None: every field fits)."""
    for check in (_data_problem, _counters_problem, _order_problem, _generator_problem, _weights_problem,
                  _optimizer_problem, _scheduler_problem, _history_problem):
        problem = check(state, trainer)
        if problem is not None:
            return problem
    return None


def _whole(state: dict, key: str, low: int, high: int, why: str = "") -> str | None:
    value = state.get(key)
    if type(value) is int and low <= value <= high:
        return None
    return f"its {key} is {short(value)}; it must be a whole number from {low:,} to {high:,}{why}"


def _counters_problem(state: dict, trainer) -> str | None:
    """epoch, global_step, batch_size, bad_epochs and best_val: numbers of their type, in their range."""
    n_train = trainer.parts.n_train
    epoch = state.get("epoch")
    problem = _whole(state, "epoch", 0, MAX_EPOCHS)
    if problem is None:  # every epoch took at least one step and at most one per training sample
        problem = _whole(state, "global_step", epoch, (epoch + 1) * n_train,
                         f" for {epoch:,} epochs of {n_train:,} training samples")
    problem = problem or _whole(state, "batch_size", 1, MAX_BATCH_SIZE) or \
        _whole(state, "bad_epochs", 0, epoch, f" (epochs without a better validation loss, of {epoch:,})")
    best = state.get("best_val")
    if problem is None and (type(best) not in (int, float) or not (finite_number(best) or best == math.inf)):
        problem = f"its best_val is {short(best)}; it must be a number (a validation loss)"
    return problem


def _order_problem(state: dict, trainer) -> str | None:
    """The epoch's sample order: empty (between epochs), or a permutation of this run's training samples with the
    position inside it."""
    n_train, perm = trainer.parts.n_train, state.get("perm")
    if not isinstance(perm, torch.Tensor) or perm.dtype != torch.int64 or perm.dim() != 1:
        return f"its sample order (perm) is {short(perm)}; it must be a list of sample indices (int64)"
    if len(perm) == 0:
        return _whole(state, "pos", 0, n_train)
    if len(perm) != n_train or not torch.equal(torch.sort(perm.cpu()).values, torch.arange(n_train)):
        return (f"its sample order holds {len(perm):,} indices from {int(perm.min()):,} to {int(perm.max()):,}; "
                f"this run has {n_train:,} training samples, so it must be an order of 0 to {n_train - 1:,}")
    return _whole(state, "pos", 0, n_train - 1, f" (the position in an epoch of {n_train:,} samples)")


def _generator_problem(state: dict, trainer) -> str | None:
    """The shuffling generator's state: bytes of the size this machine's generator keeps."""
    saved, own = state.get("generator"), trainer.samples.generator.get_state()
    if isinstance(saved, torch.Tensor) and saved.dtype == own.dtype and saved.shape == own.shape:
        return None
    return f"its random generator state is {short(saved)}; it must be {own.numel():,} bytes (uint8)"


def _data_problem(state: dict, trainer) -> str | None:
    """The data the checkpoint was trained on, by content hash: refused when this run's data is other data."""
    saved = state.get("data")
    if saved is None:
        return None  # an older checkpoint: see `restore`
    if not isinstance(saved, dict) or not isinstance(saved.get("hash"), str):
        return f"its data record is {short(saved)}; it must hold the data's content hash"
    ours = data_fingerprint(trainer)
    if saved["hash"] == ours["hash"] and saved.get("n_train") == ours["n_train"]:
        return None
    if saved["hash"] == ours["hash"]:
        return (f"it trained on {short(saved.get('n_train'))} of the data's samples, and this run holds out a "
                f"different share ({ours['n_train']:,} training samples): set the val_fraction it trained with")
    return (f"it was trained on other data ({short(saved.get('n_samples'))} samples with content hash "
            f"{saved['hash'][:12]}…); this run's data, {trainer.parts.dataset.name!r}, has {ours['n_samples']:,} "
            f"samples with hash {ours['hash'][:12]}…: resume it on the data it trained on")


def _weights_problem(state: dict, trainer) -> str | None:
    saved, own = state.get("model"), trainer.model.state_dict()
    if not isinstance(saved, dict):
        return f"its weights (model) are {short(saved)}; they must be a mapping of names to tensors"
    for key, tensor in own.items():
        value = saved.get(key)
        if not isinstance(value, torch.Tensor) or tuple(value.shape) != tuple(tensor.shape):
            got = f"shape {list(value.shape)}" if isinstance(value, torch.Tensor) else short(value)
            return (f"its weights do not fit this network: '{key}' (layer '{key.split('.')[0]}') is {got}, and "
                    f"this network's is shape {list(tensor.shape)}")
    extra = sorted(set(saved) - set(own))
    return f"its weights hold '{extra[0]}', which this network does not have" if extra else None


def _optimizer_problem(state: dict, trainer) -> str | None:
    """The optimizer's state: its groups and settings as this run's, and a tensor per parameter of its shape."""
    saved, ours = state.get("optimizer"), trainer.parts.optimizer.param_groups
    groups = saved.get("param_groups") if isinstance(saved, dict) else None
    if not isinstance(groups, list) or not isinstance(saved.get("state"), dict) or len(groups) != len(ours):
        return f"its optimizer state is not that of this run's optimizer ({len(ours)} parameter group(s))"
    params = {}
    for group, own in zip(groups, ours):
        if not isinstance(group, dict) or not isinstance(group.get("params"), list) or \
                len(group["params"]) != len(own["params"]):
            return "its optimizer state is for another number of weight tensors than this network has"
        params.update(zip(group["params"], own["params"]))
        problem = _plain_problem({k: v for k, v in group.items() if k in own and k != "params"},
                                 {k: v for k, v in own.items() if k in group and k != "params"}, "optimizer",
                                 nonnegative=True)
        if problem:
            return problem
    for key, values in saved["state"].items():
        param = params.get(key)
        if param is None or not isinstance(values, dict):
            return f"its optimizer state names a weight tensor ({short(key)}) this network does not have"
        for name, value in values.items():
            if isinstance(value, torch.Tensor) and value.dim() and value.shape != param.shape:
                return (f"its optimizer's {name} for weight tensor {key} has shape {list(value.shape)}; the weight "
                        f"has shape {list(param.shape)}")
    return None


def _scheduler_problem(state: dict, trainer) -> str | None:
    """The learning-rate schedule's state: this run's schedule's fields, of their kinds, at this run's step."""
    saved, scheduler = state.get("scheduler"), trainer.parts.scheduler
    if scheduler is None or not saved:
        return None if isinstance(saved, dict) or saved is None else f"its scheduler state is {short(saved)}"
    if not isinstance(saved, dict):
        return f"its scheduler state is {short(saved)}; it must be the schedule's settings"
    own = scheduler.state_dict()
    unknown = sorted(set(saved) - set(own), key=str)
    if unknown:
        return f"its scheduler state holds {short(unknown[0])}, which this run's schedule does not have"
    problem = _plain_problem(saved, {k: own[k] for k in saved}, "scheduler")
    steps = state["global_step"] if trainer.parts.scheduler_unit == "batch" else state["epoch"]
    if problem is None and saved.get("last_epoch", steps) != steps:
        problem = (f"its scheduler has taken {short(saved.get('last_epoch'))} steps, but the run it belongs to "
                   f"took {steps:,}")
    return problem


def _plain_problem(saved, own, where: str, nonnegative: bool = False) -> str | None:
    """How saved settings differ in kind from this run's own (text that is not the same, a number that is not a
    finite number, or is below 0 where `nonnegative` says numbers are not, a list of another length); None when
    they are alike. Flags (True, False, None) may differ."""
    if own is None or isinstance(own, bool):
        ok = saved is None or isinstance(saved, bool)
    elif isinstance(own, (int, float)):
        ok = type(saved) in (int, float) and (finite_number(saved) or saved == own) and \
            not (nonnegative and saved < 0)
    elif isinstance(own, str):
        ok = saved == own
    elif isinstance(own, dict):
        ok = isinstance(saved, dict) and set(saved) == set(own)
        if ok:
            return next(filter(None, (_plain_problem(saved[k], own[k], f"{where} {k}", nonnegative) for k in own)),
                        None)
    elif isinstance(own, (list, tuple)):
        ok = isinstance(saved, (list, tuple)) and len(saved) == len(own)
        if ok:
            return next(filter(None, (_plain_problem(a, b, where, nonnegative) for a, b in zip(saved, own))), None)
    else:
        ok = type(saved) is type(own)
    return None if ok else f"its {where} setting is {short(saved)} where this run's is {short(own)}"


def _history_problem(state: dict, trainer) -> str | None:
    """The epochs' rows: at most one per epoch trained, each a mapping of names to numbers."""
    history, epoch = state.get("history", []), state["epoch"]
    if not isinstance(history, list) or len(history) > epoch:
        return f"its history is {short(history)}; it must hold at most one row per epoch trained ({epoch:,})"
    for row in history:
        if not isinstance(row, dict) or not all(isinstance(k, str) and type(v) in (int, float) for k, v in row.items()):
            return f"its history holds the row {short(row)}; each row maps names to numbers"
        if not 1 <= row.get("epoch", 0) <= epoch:
            return f"its history holds a row for epoch {short(row.get('epoch'))}; it trained epochs 1 to {epoch:,}"
    return None


def _apply(trainer, state: dict) -> str | None:
    """Load the checked `state` into the trainer; what did not fit, in words (None: all of it did)."""
    parts = trainer.parts
    try:
        parts.model.load_state_dict(state["model"])
        parts.optimizer.load_state_dict(state["optimizer"])
        if parts.scheduler is not None and state.get("scheduler"):
            parts.scheduler.load_state_dict(state["scheduler"])
        # `load` mapped the whole state onto the run's device; the shuffling generator is the CPU's
        trainer.samples.generator.set_state(state["generator"].cpu())
    except (KeyError, ValueError, TypeError, RuntimeError, AttributeError) as e:
        return f"its training state does not fit this run ({type(e).__name__}: {str(e).splitlines()[0][:200]})"
    trainer.epoch, trainer.global_step, trainer.samples.pos = state["epoch"], state["global_step"], state["pos"]
    trainer.samples.order = state["perm"].to(parts.device) if len(state["perm"]) else None
    trainer.batch_size, trainer.stopping.best_val = state["batch_size"], float(state["best_val"])
    trainer.stopping.bad_epochs = state["bad_epochs"]
    return None


class Saver:
    """Listens to a Trainer's epoch ends and writes into `folder`: last.pt (at most once per `every_s`, and always
    at the last epoch), and best.pt when the validation loss improved."""

    def __init__(self, trainer, folder: str | Path, every_s: float = 0.0):
        self.folder, self.every_s = Path(folder), every_s
        self._last = -math.inf
        self._data: dict | None = None  # the data's fingerprint, hashed at the first write only
        trainer.on("epoch_end", self.epoch_end)

    def epoch_end(self, trainer) -> None:
        now = time.monotonic()
        self._data = self._data or data_fingerprint(trainer)
        if now - self._last >= self.every_s or trainer.epoch >= trainer.config.epochs:
            write(trainer, self.folder / "last.pt", self._data)
            self._last = now
        if trainer.stopping.bad_epochs == 0:  # reset at this epoch's end: its validation loss is the best yet
            write(trainer, self.folder / "best.pt", self._data)
