"""A model's outputs and metrics in eval mode, in batches: what the trainer's evaluation, the dashboard's views and a
sample's trace read."""
from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import torch
from torch import nn

if TYPE_CHECKING:
    from .prepare import Prepared

EVAL_BATCH = 2048


def autocast(amp: bool):
    # entering a disabled autocast still costs a few microseconds a step; small models feel it
    return torch.autocast("cuda", dtype=torch.bfloat16) if amp else contextlib.nullcontext()


@torch.no_grad()
def predict(model: nn.Module, x: torch.Tensor, amp: bool = False) -> torch.Tensor:
    """`model`'s raw outputs for normalised inputs `x`, in eval mode and in batches (bfloat16 autocast with `amp`)."""
    model.eval()
    try:
        with autocast(amp):
            return torch.cat([model(x[i:i + EVAL_BATCH]).float() for i in range(0, len(x), EVAL_BATCH)])
    finally:
        model.train()


@torch.no_grad()
def evaluate(parts: Prepared, x: torch.Tensor, y: torch.Tensor, amp: bool = False) -> dict:
    """The loss and metrics of `parts.model` on x, y (normalised inputs, the loss's targets), in eval mode."""
    if not len(x):
        return {}
    out, task, sums = predict(parts.model, x, amp), parts.objective, {}
    for i in range(0, len(x), EVAL_BATCH):
        ob, yb = task.shape_for_loss(out[i:i + EVAL_BATCH], y[i:i + EVAL_BATCH]), y[i:i + EVAL_BATCH]
        add_sums(sums, task.batch_sums(ob, yb, float(parts.loss_fn(ob, yb)), len(yb)))
    return task.metrics(sums, "val", parts.normalizer)


def add_sums(sums: dict, batch: dict) -> None:
    """Add one batch's metric sums into `sums`, key by key."""
    for key, value in batch.items():
        sums[key] = sums[key] + value if key in sums else value
