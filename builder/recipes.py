"""The training recipes a spec may name: one table each for losses, optimisers and schedulers.

The spec's choices, the trainer, the standalone-script generator, the settings form and the benchmarks all read
these tables; adding an optimiser is one entry here (and its test). Each entry holds the constructor the engine
calls and the same call spelt as code for the standalone script, side by side so they cannot drift apart.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from . import lazy

if TYPE_CHECKING:
    import torch
    from torch import nn


@dataclass(frozen=True)
class Loss:
    name: str
    make: Callable[[], nn.Module]
    code: str  # the same constructor in the standalone script
    help: str
    tasks: tuple[str, ...]  # the dataset tasks it can train
    logits: bool = False  # compares raw outputs with targets in [0, 1]: predictions are sigmoid(output)


@dataclass(frozen=True)
class Optimizer:
    name: str
    make: Callable  # (params, training settings) -> torch.optim.Optimizer
    code: str  # format string over the training settings; `params` names the parameters
    help: str
    momentum: bool = False  # uses the momentum setting
    cycles: bool = True  # has momentum or betas that OneCycleLR can cycle


@dataclass(frozen=True)
class Scheduler:
    name: str
    make: Callable | None  # (optimizer, training settings, total steps) -> scheduler; None: a constant rate
    code: str  # over optimizer, epochs, total_steps and the training settings
    unit: str  # stepped once per "batch" or once per "epoch"
    help: str


LOSSES: dict[str, Loss] = {loss.name: loss for loss in [
    Loss("cross_entropy", lambda: _torch("nn.CrossEntropyLoss")(), "nn.CrossEntropyLoss()",
         "classes: the network outputs one logit per class", ("classification",)),
    Loss("bce_with_logits", lambda: _torch("nn.BCEWithLogitsLoss")(), "nn.BCEWithLogitsLoss()",
         "two classes with one logit, or targets between 0 and 1 (multi-label, pixel intensities)",
         ("classification", "regression", "reconstruction"), logits=True),
    Loss("mse", lambda: _torch("nn.MSELoss")(), "nn.MSELoss()", "numbers: mean squared error",
         ("regression", "reconstruction")),
    Loss("l1", lambda: _torch("nn.L1Loss")(), "nn.L1Loss()", "numbers: mean absolute error, less swayed by outliers",
         ("regression", "reconstruction")),
    Loss("huber", lambda: _torch("nn.HuberLoss")(), "nn.HuberLoss()",
         "numbers: squared for small errors, absolute for large ones",
         ("regression", "reconstruction")),
]}


def _torch(name: str):
    """torch's `name` (e.g. "nn.MSELoss"), imported when a run is built: reading these tables (a spec's choices, the
    settings form, the checker) needs no torch."""
    return lazy.resolve(f"torch:{name}")


def _fast(name: str, params, **kwargs) -> torch.optim.Optimizer:
    """The fused implementation where torch has one for these parameters (several times faster on CPU for
    small models: one kernel instead of a Python loop over tensors), else the multi-tensor one."""
    cls, params = _torch(f"optim.{name}"), list(params)
    if all(_fused_steps(name, device) for device in {p.device for p in params}):
        try:
            return cls(params, fused=True, **kwargs)
        except (RuntimeError, TypeError, ValueError):
            pass
    return cls(params, foreach=True, **kwargs)


@functools.cache
def _fused_steps(name: str, device: torch.device) -> bool:
    """Can torch's fused `name` take a step on `device`? Some are built there and fail only at their first step
    (Adagrad's on CUDA under torch 2.11), so one step on a one-value tensor there tells, once per process."""
    import torch
    probe = torch.zeros(1, device=device, requires_grad=True)
    probe.grad = torch.zeros(1, device=device)
    try:
        _torch(f"optim.{name}")([probe], lr=0.0, fused=True).step()
    except (RuntimeError, TypeError, ValueError, NotImplementedError):
        return False
    return True


OPTIMIZERS: dict[str, Optimizer] = {o.name: o for o in [
    Optimizer("sgd", lambda ps, t: _fast("SGD", ps, lr=t.lr, momentum=t.momentum,
                                         weight_decay=t.weight_decay),
              "torch.optim.SGD(params, lr={lr!r}, momentum={momentum!r}, weight_decay={weight_decay!r})",
              "plain gradient descent (with momentum if set)", momentum=True),
    Optimizer("adam", lambda ps, t: _fast("Adam", ps, lr=t.lr, weight_decay=t.weight_decay),
              "torch.optim.Adam(params, lr={lr!r}, weight_decay={weight_decay!r})",
              "adaptive steps per weight: the usual default"),
    Optimizer("adamw", lambda ps, t: _fast("AdamW", ps, lr=t.lr, weight_decay=t.weight_decay),
              "torch.optim.AdamW(params, lr={lr!r}, weight_decay={weight_decay!r})",
              "Adam with weight decay applied directly to the weights"),
    Optimizer("rmsprop", lambda ps, t: _fast("RMSprop", ps, lr=t.lr, momentum=t.momentum,
                                             weight_decay=t.weight_decay),
              "torch.optim.RMSprop(params, lr={lr!r}, momentum={momentum!r}, weight_decay={weight_decay!r})",
              "divides each step by a running average of recent gradient sizes", momentum=True),
    Optimizer("adagrad", lambda ps, t: _fast("Adagrad", ps, lr=t.lr, weight_decay=t.weight_decay),
              "torch.optim.Adagrad(params, lr={lr!r}, weight_decay={weight_decay!r})",
              "steps shrink for weights that have moved a lot", cycles=False),
]}


SCHEDULERS: dict[str, Scheduler] = {s.name: s for s in [
    Scheduler("none", None, "None", "epoch", "a constant learning rate"),
    Scheduler("step", lambda o, t, n: _torch("optim.lr_scheduler.StepLR")(o, step_size=max(1, t.epochs // 3),
                                                                          gamma=0.1),
              "torch.optim.lr_scheduler.StepLR(optimizer, step_size=max(1, epochs // 3), gamma=0.1)", "epoch",
              "divide the rate by 10 after each third of the epochs"),
    Scheduler("cosine", lambda o, t, n: _torch("optim.lr_scheduler.CosineAnnealingLR")(o, T_max=n),
              "torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total_steps)", "batch",
              "glide the rate down to 0 along a cosine"),
    Scheduler("onecycle", lambda o, t, n: _torch("optim.lr_scheduler.OneCycleLR")(
        o, max_lr=t.lr, total_steps=n, cycle_momentum=OPTIMIZERS[t.optimizer].cycles),
        "torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr={lr!r}, total_steps=total_steps, "
        "cycle_momentum={cycle_momentum!r})", "batch", "warm up to lr, then anneal (one cycle)"),
    Scheduler("plateau", lambda o, t, n: _torch("optim.lr_scheduler.ReduceLROnPlateau")(o, factor=0.5, patience=2),
              "torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.5, patience=2)", "epoch",
              "halve the rate when the validation loss stops improving"),
]}


def default_loss(task: str) -> str:
    """The loss a spec without one trains with."""
    return "cross_entropy" if task == "classification" else "mse"


def make_scheduler(optimizer, training, total_steps: int):
    entry = SCHEDULERS[training.scheduler]
    return entry.make(optimizer, training, total_steps) if entry.make else None


def optimizer_code(training) -> str:
    return OPTIMIZERS[training.optimizer].code.format(**training.model_dump())


def scheduler_code(training) -> str:
    return SCHEDULERS[training.scheduler].code.format(
        lr=training.lr, cycle_momentum=OPTIMIZERS[training.optimizer].cycles)
