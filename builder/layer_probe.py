"""Per-layer snapshots of a training run: each layer's weight and gradient histograms (fixed bins), norms and
update-to-weight ratio, computed where the weights live (no copy of a layer to the host) and brought back in one
transfer, at a cost that does not grow with the model.

A short run pays for its floor of them (telemetry.SNAPSHOTS, MIN_SNAPSHOTS) beside the budget, so a snapshot is a
few operations: the weights before the update in reused buffers, the update subtracted in place, every tensor's
exact norm in one `_foreach_norm` per kind (weights, gradients, update), and one `cat` of the values to histogram
into a row of a stash. A tensor of up to HIST_SAMPLE values is histogrammed whole; a bigger one from a fixed random
sample of HIST_SAMPLE of its values, each counted for the values it stands for (TensorBoard keeps a sample of a
histogram too), so a snapshot's histograms cost the same at any width. Up to MAX_STASHED waiting snapshots are
summarised together: every histogram of all of them in one `bincount` (each value's bin index by arithmetic).
`torch.histogram` and `bucketize` were slower; so were `_foreach` ops with a scalar per tensor."""
from __future__ import annotations

import math
import time

import numpy as np
import torch
from torch import nn

from .runlog import RunLog

BINS = 40
HIST_SAMPLE = 4096  # a tensor with more values than this is histogrammed from a fixed random sample of this many
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
    stash: each tensor's weights, gradients and minus its update, flat (all their values, or a big tensor's fixed
    sample of HIST_SAMPLE: `samples`), and a sampled tensor's exact weight and gradient norms; the snapshots waiting
    in it (`defer=True`) are summarised together (`flush`)."""

    def __init__(self, model: nn.Module):
        layers = {lid: [p for p in m.parameters() if p.requires_grad] for lid, m in model.named_children()}
        self.layers = {lid: ps for lid, ps in layers.items() if ps}
        self.params = [p for ps in self.layers.values() for p in ps]
        self._starts = np.cumsum([0] + [len(ps) for ps in self.layers.values()])[:-1].tolist()  # each layer's first
        self.edges: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._before: list[torch.Tensor] | None = None  # the weights before the update (sampled), in reused buffers
        self._maps: tuple | None = None  # per value histogrammed: how its bin index is made (see _bin_maps)
        # per tensor, the positions of the values its histograms are made of (None: all of them), drawn once
        generator = torch.Generator().manual_seed(0)
        self.samples = [None if p.numel() <= HIST_SAMPLE else  # drawn with replacement: no index the model's size
                        torch.randint(p.numel(), (HIST_SAMPLE,), generator=generator).sort().values.to(p.device)
                        for p in self.params]
        self.sampled = [len(s) if s is not None else p.numel() for s, p in zip(self.samples, self.params)]
        self._big = [i for i, s in enumerate(self.samples) if s is not None]
        # flat views of the weights (the optimiser updates them in place, so the views stay true); None: not contiguous
        self._flat = [p.detach().view(-1) if p.is_contiguous() else None for p in self.params]
        self.row = 3 * sum(self.sampled) + 2 * len(self._big)  # a snapshot's values in the stash
        self.capacity = max(1, min(MAX_STASHED, BATCHED_VALUES // max(1, self.row)))
        self._stash: torch.Tensor | None = None  # [capacity, row]: the waiting snapshots
        self.waiting: list[int] = []  # their steps
        self.oldest_s = math.inf  # when the first of them was taken (time.perf_counter)

    def _live(self) -> list[torch.Tensor]:
        return [f if f is not None else p.detach().reshape(-1) for f, p in zip(self._flat, self.params)]

    def _picked(self, tensors: list[torch.Tensor]) -> list[torch.Tensor]:
        """Each tensor's values that a snapshot keeps, flat: all of them (a view) or its fixed sample (a copy)."""
        # index_select: a third of what indexing with the same positions takes on a CPU
        return [t.reshape(-1) if s is None else t.reshape(-1).index_select(0, s) for t, s in zip(tensors, self.samples)]

    @torch.no_grad()
    def before_update(self) -> None:
        """Remember the weights (call after backward, before optimizer.step): a sampled tensor's sample alone."""
        picked = self._picked(self._live())
        if self._before is None or any(b.shape != p.shape or b.dtype != p.dtype for b, p in zip(self._before, picked)):
            self._before = [p.clone() for p in picked]
        elif picked:
            torch._foreach_copy_(self._before, picked)

    @torch.no_grad()
    def after_update(self, log: RunLog, step: int, defer: bool = False) -> None:
        """Take the snapshot of `step` (call after optimizer.step: the gradients are still those of the step) and log
        it; with `defer`, it waits in the stash until the stash is full or `flush` is called. The weights' and
        gradients' norms are exact; a sampled tensor's update is measured on its sample and scaled to its size."""
        if not self.layers:
            return
        weights = [_floating(p) for p in self.params]
        grads = [_floating(p.grad) if p.grad is not None else torch.zeros_like(w) for p, w in  # unused: no gradient
                 zip(self.params, weights)]
        if len(self.edges) < len(self.layers):  # the first look fixes the bins, so histograms stack over time
            self._fix_edges(weights, grads)
        picked = self._picked(weights)
        raw = picked if all(w.dtype == p.dtype for w, p in zip(weights, self.params)) else self._picked(self._live())
        torch._foreach_sub_(self._before, raw)  # the buffers now hold minus the update
        exact = []
        if self._big:
            exact = [torch.stack(torch._foreach_norm([ts[i] for ts in (weights, grads) for i in self._big]))]
        if self._stash is None or self._stash.device != picked[0].device:
            self._stash = torch.empty(self.capacity, self.row, device=picked[0].device)
        torch.cat([*picked, *self._picked(grads), *self._before, *exact], out=self._stash[len(self.waiting)])
        if not self.waiting:
            self.oldest_s = time.perf_counter()
        self.waiting.append(step)
        if not defer or len(self.waiting) == self.capacity:
            self.flush(log)

    @torch.no_grad()
    def flush(self, log: RunLog) -> None:
        """Summarise the waiting snapshots and log them: every histogram of all of them in one `bincount` (each
        value's bin index by arithmetic, offset by its histogram's place; a sampled tensor's values weighted by how
        many each stands for), every tensor's squared norm from one running sum, and one transfer to the host."""
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
        counts = counts.reshape(k, -1, BINS + 1)[:, :, :BINS].double()  # each histogram's NaN left out
        # each tensor's sum of squares (weights, gradients, update), in float64
        values = rows[:, :3 * n // 2].double().square_()
        squares = torch.stack([part.sum(1) for part in values.split(self.sampled * 3, 1)], 1)
        table = torch.cat([counts.reshape(-1), squares.reshape(-1), rows[:, 3 * n // 2:].double().reshape(-1)])
        table = table.cpu().numpy()  # the one synchronising read
        at = [k * 2 * len(self.layers) * BINS, k * 3 * len(self.params)]
        hists = table[:at[0]].reshape(k, 2, len(self.layers), BINS).round().astype(np.int64)
        norms = np.sqrt(np.maximum(table[at[0]:at[0] + at[1]].reshape(k, 3, len(self.params)), 0))
        if self._big:  # a sampled tensor: its exact weight and gradient norms; its update's, scaled to its size
            exact = table[at[0] + at[1]:].reshape(k, 2, len(self._big))
            norms[:, :2, self._big] = exact
            norms[:, 2, self._big] *= np.sqrt([self.params[i].numel() / self.sampled[i] for i in self._big])
        self._log(log, steps, hists, norms)

    def _bin_maps(self, device) -> tuple:
        """Per value histogrammed (in a stash row's order): the scale and shift that make its bin index from its
        layer's fixed edges, its histogram's offset within a snapshot's, and (when a tensor is sampled) how many
        values it stands for."""
        scales, shifts, offsets = [], [], []
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
        if not self._big:
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

    def _log(self, log: RunLog, steps: list[int], hists: np.ndarray, norms: np.ndarray) -> None:
        """Log the snapshots of `steps`: their histograms [snapshot][weights, gradients][layer][bin] and their tensors'
        norms [snapshot][weights, gradients, update][tensor]."""
        layer_norms = np.sqrt(np.add.reduceat(np.square(norms), self._starts, axis=2))  # [snapshot][kind][layer]
        for s, step in enumerate(steps):
            for h, lid in enumerate(self.layers):
                w_norm, g_norm, moved = (float(x) for x in layer_norms[s, :, h])
                ratio = moved / w_norm if w_norm > 0 else None
                we, ge = self.edges[lid]
                log.log_layer(lid, step, we, ge, hists[s, 0, h], hists[s, 1, h], w_norm, g_norm, ratio)
