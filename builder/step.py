"""One training step's forward and backward pass over a set of parts (`ForwardBackward`): the model in training
mode, its gradients cleared, dropout seeded by the step and the rank (so a run replays exactly, whatever else runs in
the process), the loss under autocast on CUDA, weighted by this rank's share of the global batch. The Trainer builds
one for each set of parts it trains (at the start, and when an edit hands it new ones)."""
from __future__ import annotations

import contextlib

import torch
from torch import nn

from . import distributed
from .compiler import RNG_LOCK
from .evaluation import autocast
from .prepare import Prepared


class ForwardBackward:
    """Call it with a batch, this rank's `distributed.Share` of it and the step's seed; it returns the loss (left on
    the device) and keeps the batch's outputs, detached, in `out` (the epoch's training metrics read them)."""

    def __init__(self, parts: Prepared, group: distributed.Group | None = None, compile: bool = False):
        model = distributed.wrap(parts.model, group)
        self.forward = torch.compile(model) if compile else model
        self.model, self.loss_fn, self.objective = parts.model, parts.loss_fn, parts.objective
        self.amp = parts.config.amp and parts.device.type == "cuda"
        self.stochastic = stochastic(parts.model)
        self.params = [p for g in parts.optimizer.param_groups for p in g["params"]]
        self.out: torch.Tensor | None = None

    def __call__(self, xb: torch.Tensor, yb: torch.Tensor, share: distributed.Share, seed: int) -> torch.Tensor:
        if not self.model.training:  # evaluation switches to eval mode and back; checking is cheaper than setting
            self.model.train()
        for p in self.params:  # optimizer.zero_grad(set_to_none=True) without its profiler record (~40 µs a step)
            p.grad = None
        with autocast(self.amp):
            with seeded(seed) if self.stochastic else contextlib.nullcontext():
                out = self.forward(xb)
            loss = self.loss_fn(self.objective.shape_for_loss(out, yb), yb)
        share.backward(loss)
        self.out = out.detach()
        return loss


@contextlib.contextmanager
def seeded(seed: int):
    """Dropout draws from torch's global generator, which every run in the process shares: seed it for this step
    and hold it until the forward pass is done. As `torch.manual_seed` does, but seeding CUDA only where it has
    started: before that, `torch.manual_seed` queues CUDA's seeding with a copy of the call stack (0.1 ms, a third of
    a small model's step)."""
    with RNG_LOCK:
        torch.default_generator.manual_seed(seed)
        if torch.cuda.is_initialized():
            torch.cuda.manual_seed_all(seed)
        yield


def stochastic(model: nn.Module) -> bool:
    """Does a forward pass in training mode draw random numbers (dropout)?"""
    for m in model.modules():
        if isinstance(m, nn.modules.dropout._DropoutNd) and m.p > 0:
            return True
        if isinstance(m, (nn.RNNBase, nn.MultiheadAttention)) and getattr(m, "dropout", 0) > 0:
            return True
    return False
