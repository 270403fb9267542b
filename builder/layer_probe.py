"""Per-layer snapshots of a training run: each layer's weight and gradient histograms (fixed bins), norms and
update-to-weight ratio, computed where the weights live (no copy of a layer to the host) and brought back in one
transfer, at a cost that does not grow with the model.

A run pays for at least SNAPSHOTS of them whatever the budget, so a snapshot is a few operations: the weights before
the update in reused buffers, the update subtracted in place, every tensor's exact norm in one `_foreach_norm` per
kind (weights, gradients, update), and one `cat` of the values to histogram into a row of a stash. A tensor of up to
HIST_SAMPLE values is histogrammed whole; a bigger one from a fixed random sample of HIST_SAMPLE of its values, each
counted for the values it stands for (TensorBoard keeps a sample of a histogram too), so a snapshot's histograms
cost the same at any width. Up to MAX_STASHED waiting snapshots are summarised together: every histogram of all of
them in one `bincount` (each value's bin index by arithmetic). `torch.histogram` and `bucketize` were slower; so
were `_foreach` ops with a scalar per tensor."""
from __future__ import annotations

import math
import time

import numpy as np
import torch
from torch import nn

from .runlog import RunLog

BINS = 40
HIST_SAMPLE = 8192  # a tensor with more values than this is histogrammed from a fixed random sample of this many
BATCHED_VALUES = 4_000_000  # the stash of waiting snapshots holds at most this many values (16 MB), and
MAX_STASHED = 32  # at most this many snapshots


def _edges(max_abs: float, values: list[torch.Tensor]) -> np.ndarray:
    """Fixed, symmetric bin edges chosen from the first look at a layer (so histograms stack over time): ±1.5 times
    its largest finite magnitude (`max_abs`, or found among `values` when that is not finite)."""
    m = max_abs
    if not math.isfinite(m):  # a non-finite value on the first look: the largest finite one sets the scale
        finite = [t[torch.isfinite(t)] for t in values]
        m = max((float(t.abs().max()) for t in finite if t.numel()), default=1.0)
    m = 1e-8 if not math.isfinite(m) or m == 0 else m
    return np.linspace(-1.5 * m, 1.5 * m, BINS + 1)


def _floating(t: torch.Tensor) -> torch.Tensor:
    t = t.detach()
    return t if t.dtype in (torch.float32, torch.float64) else t.float()


class LayerProbe:
    """Per layer with parameters: histograms, norms and the update-to-weight ratio, computed where the weights live
    (no copy of a layer to the host) and brought back in one transfer. A snapshot (`after_update`) is a row of the
    stash: each tensor's values to histogram (all of them, or a fixed sample of HIST_SAMPLE: `samples`) and its
    exact norms; waiting snapshots (`defer=True`) are summarised together (`flush`)."""

    def __init__(self, model: nn.Module):
        layers = {lid: [p for p in m.parameters() if p.requires_grad] for lid, m in model.named_children()}
        self.layers = {lid: ps for lid, ps in layers.items() if ps}
        self.params = [p for ps in self.layers.values() for p in ps]
        self._starts = np.cumsum([0] + [len(ps) for ps in self.layers.values()])[:-1].tolist()  # each layer's first
        self.edges: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._before: list[torch.Tensor] | None = None  # the weights before the update, in reused buffers
        self._maps: tuple | None = None  # per value histogrammed: how its bin index is made (see _bin_maps)
        # per tensor, the positions of the values its histograms are made of (None: all of them), drawn once
        generator = torch.Generator().manual_seed(0)
        self.samples = [None if p.numel() <= HIST_SAMPLE else
                        torch.randperm(p.numel(), generator=generator)[:HIST_SAMPLE].sort().values.to(p.device)
                        for p in self.params]
        self.sampled = [len(s) if s is not None else p.numel() for s, p in zip(self.samples, self.params)]
        self.row = 2 * sum(self.sampled) + 3 * len(self.params)  # a snapshot: the values histogrammed, the norms
        self.capacity = max(1, min(MAX_STASHED, BATCHED_VALUES // max(1, self.row)))
        self._stash: torch.Tensor | None = None  # [capacity, row]: the waiting snapshots
        self.waiting: list[int] = []  # their steps
        self.oldest_s = math.inf  # when the first of them was taken (time.perf_counter)

    def before_update(self) -> None:
        """Remember the weights (call after backward, before optimizer.step)."""
        live = [p.detach() for p in self.params]
        if self._before is None or any(b.shape != p.shape or b.dtype != p.dtype for b, p in zip(self._before, live)):
            self._before = [p.clone() for p in live]
        elif live:
            torch._foreach_copy_(self._before, live)

    def after_update(self, log: RunLog, step: int, defer: bool = False) -> None:
        """Take the snapshot of `step` (call after optimizer.step: the gradients are still those of the step) and log
        it; with `defer`, it waits in the stash until the stash is full or `flush` is called."""
        if not self.layers:
            return
        weights = [_floating(p) for p in self.params]
        grads = [_floating(p.grad) if p.grad is not None else torch.zeros_like(w) for p, w in  # unused: no gradient
                 zip(self.params, weights)]
        if len(self.edges) < len(self.layers):  # the first look fixes the bins, so histograms stack over time
            self._fix_edges(weights, grads)
        # the buffers now hold minus the update: their norms are the update's
        torch._foreach_sub_(self._before, [p.detach() for p in self.params])
        norms = torch.stack([*torch._foreach_norm(weights), *torch._foreach_norm(grads),
                             *torch._foreach_norm(self._before)])
        values = [t.reshape(-1) if s is None else t.reshape(-1)[s] for t, s in zip(weights + grads, self.samples * 2)]
        if self._stash is None or self._stash.device != norms.device:
            self._stash = torch.empty(self.capacity, self.row, device=norms.device)
        torch.cat([*values, norms.to(self._stash.dtype)], out=self._stash[len(self.waiting)])
        if not self.waiting:
            self.oldest_s = time.perf_counter()
        self.waiting.append(step)
        if not defer or len(self.waiting) == self.capacity:
            self.flush(log)

    def flush(self, log: RunLog) -> None:
        """Summarise the waiting snapshots and log them: every histogram of all of them in one `bincount` (each
        value's bin index by arithmetic, offset by its histogram's place; a sampled tensor's values weighted by how
        many each stands for) and one transfer to the host."""
        steps, self.waiting, self.oldest_s = self.waiting, [], math.inf  # emptied first: a failure is not retried
        k = len(steps)
        if not k:
            return
        rows = self._stash[:k]
        if self._maps is None:
            self._maps = self._bin_maps(rows.device)
        scale, shift, offset, weight = self._maps
        n = len(scale)  # the values histogrammed in a snapshot: weights, then gradients
        index = torch.addcmul(shift, rows[:, :n], scale).clamp_(0, BINS - 1).nan_to_num_(BINS).to(torch.int32)
        per_snapshot = 2 * len(self.layers) * (BINS + 1)
        index.add_(offset).add_(torch.arange(k, dtype=torch.int32, device=rows.device)[:, None] * per_snapshot)
        counts = torch.bincount(index.reshape(-1), weight.repeat(k) if weight is not None else None,
                                minlength=k * per_snapshot)
        counts = counts.reshape(k, -1, BINS + 1)[:, :, :BINS].double().reshape(-1)  # each histogram's NaN left out
        table = torch.cat([counts, rows[:, n:].double().reshape(-1)]).cpu().numpy()  # the one synchronising read
        self._log(log, steps, table)

    def _bin_maps(self, device) -> tuple:
        """Per value histogrammed (in a stash row's order): the scale and shift that make its bin index from its
        layer's fixed edges, its histogram's offset within a snapshot's, and (when a tensor is sampled) how many
        values it stands for."""
        scales, shifts, offsets, weights = [], [], [], []
        for kind in (0, 1):
            for h, (lid, params) in enumerate(self.layers.items()):
                lo, hi = float(self.edges[lid][kind][0]), float(self.edges[lid][kind][-1])
                scales += [BINS / (hi - lo)] * len(params)
                shifts += [-lo * BINS / (hi - lo)] * len(params)
                offsets += [(kind * len(self.layers) + h) * (BINS + 1)] * len(params)
        weights = [p.numel() / n for p, n in zip(self.params, self.sampled)] * 2
        repeat = torch.tensor(self.sampled * 2, device=device)
        maps = [torch.repeat_interleave(torch.tensor(values, dtype=t, device=device), repeat)
                for values, t in ((scales, torch.float32), (shifts, torch.float32), (offsets, torch.int32),
                                  (weights, torch.float64))]
        if all(s is None for s in self.samples):
            maps[-1] = None  # every value counts once: no weights
        return tuple(maps)

    def _fix_edges(self, weights: list[torch.Tensor], grads: list[torch.Tensor]) -> None:
        # once per run: each tensor's largest magnitude (-1: it has no values), read back in one transfer
        big = torch.stack([t.abs().max().double() if t.numel() else t.new_full((), -1.0, dtype=torch.float64)
                           for t in weights + grads]).cpu().numpy()
        n = len(self.params)
        for (lid, params), at in zip(self.layers.items(), self._starts):
            found = [big[kind * n + at:kind * n + at + len(params)] for kind in (0, 1)]
            ts = (weights[at:at + len(params)], grads[at:at + len(params)])
            self.edges[lid] = tuple(_edges(float(m.max()) if (m >= 0).any() else 1.0, t) for m, t in zip(found, ts))

    def _log(self, log: RunLog, steps: list[int], table: np.ndarray) -> None:
        """Log the snapshots of `steps` from their table: each one's histograms [weights, gradients][layer][bin],
        then each one's tensor norms [weights, gradients, update][tensor]."""
        k, n_layers, n_params = len(steps), len(self.layers), len(self.params)
        hists = table[:k * 2 * BINS * n_layers].reshape(k, 2, n_layers, BINS).round().astype(np.int64)
        norms = table[k * 2 * BINS * n_layers:].reshape(k, 3, n_params)
        for s, step in enumerate(steps):
            at = 0
            for h, (lid, params) in enumerate(self.layers.items()):
                n = len(params)
                w_norm, g_norm, moved = (float(np.sqrt(np.square(row[at:at + n]).sum())) for row in norms[s])
                at += n
                ratio = moved / w_norm if w_norm > 0 else None
                we, ge = self.edges[lid]
                log.log_layer(lid, step, we, ge, hists[s, 0, h], hists[s, 1, h], w_norm, g_norm, ratio)
