"""Per-layer snapshots of a training run: each layer's weight and gradient histograms (fixed bins), norms and
update-to-weight ratio. A snapshot is a fixed number of tensor operations whatever the number of layers (one
`_foreach` operation over every parameter, one `bincount` for every layer's histogram at once), computed where the
weights live and brought back in one transfer."""
from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from .runlog import RunLog

BINS = 40


def _edges(values: torch.Tensor) -> np.ndarray:
    """Fixed, symmetric bin edges chosen from the first look at a layer (so histograms stack over time)."""
    finite = values[torch.isfinite(values)]
    m = float(finite.abs().max()) if finite.numel() else 1.0
    m = 1e-8 if not math.isfinite(m) or m == 0 else m
    return np.linspace(-1.5 * m, 1.5 * m, BINS + 1)


class LayerProbe:
    """Call `before_update` after backward and before the optimiser's step, `after_update` after it; the
    gradients are still those of the step."""

    def __init__(self, model: nn.Module):
        layers = {lid: [p for p in m.parameters() if p.requires_grad] for lid, m in model.named_children()}
        self.layers = {lid: ps for lid, ps in layers.items() if ps}
        self.params = [p for ps in self.layers.values() for p in ps]
        self.owner = [i for i, ps in enumerate(self.layers.values()) for _ in ps]  # each tensor's layer
        self.edges: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._before: list[torch.Tensor] = []

    def before_update(self) -> None:
        """Remember the weights (call after backward, before optimizer.step)."""
        with torch.no_grad():
            self._before = torch._foreach_mul([p.detach() for p in self.params], 1.0) if self.params else []

    @torch.no_grad()
    def after_update(self, log: RunLog, step: int) -> None:
        """Log each layer's snapshot (call after optimizer.step)."""
        if not self.params:
            return
        if len(self.edges) < len(self.layers):  # the first look fixes the bins, so histograms stack over time
            self._first_look()
        weights = [p.detach() for p in self.params]
        with_grad = [(i, p.grad.detach()) for i, p in enumerate(self.params) if p.grad is not None]
        grads, grad_owner = [g for _, g in with_grad], [self.owner[i] for i, _ in with_grad]
        n = len(self.layers)
        edges = list(self.edges.values())
        table = torch.cat([
            self._histograms(weights, self.owner, [e[0] for e in edges]),
            self._histograms(grads, grad_owner, [e[1] for e in edges]),
            self._norms(weights, self.owner, n), self._norms(grads, grad_owner, n),
            self._norms(torch._foreach_sub(weights, self._before), self.owner, n)]).cpu().numpy()  # one transfer
        counts = table[:2 * n * BINS].reshape(2, n, BINS).astype(np.int64)
        norms = table[2 * n * BINS:].reshape(3, n)
        for i, lid in enumerate(self.layers):
            we, ge = self.edges[lid]
            w_norm, g_norm, moved = (float(v) for v in norms[:, i])
            log.log_layer(lid, step, we, ge, counts[0, i], counts[1, i], w_norm, g_norm,
                          moved / w_norm if w_norm > 0 else None)

    def _first_look(self) -> None:
        for lid, params in self.layers.items():
            if lid not in self.edges:
                grads = [p.grad.detach().reshape(-1) for p in params if p.grad is not None]
                flat_w = torch.cat([p.detach().reshape(-1) for p in params]).float().cpu()
                flat_g = torch.cat(grads).float().cpu() if grads else torch.zeros(0)
                self.edges[lid] = (_edges(flat_w), _edges(flat_g))

    def _histograms(self, tensors: list[torch.Tensor], owner: list[int], edges: list[np.ndarray]) -> torch.Tensor:
        """BINS counts per layer (as float64, flattened), each layer's on its own fixed edges: values beyond them
        land in the outermost bins; NaN is left out."""
        n = len(self.layers)
        if not tensors:
            return torch.zeros(n * BINS, dtype=torch.float64, device=self._device)
        lo = [float(edges[i][0]) for i in owner]
        scale = [BINS / float(edges[i][-1] - edges[i][0]) for i in owner]
        x = torch._foreach_sub([t.float() for t in tensors], lo)
        torch._foreach_mul_(x, scale)
        torch._foreach_clamp_min_(x, 0.0)
        torch._foreach_clamp_max_(x, BINS - 1.0)
        torch._foreach_add_(x, [float(i * BINS) for i in owner])  # each layer's bins after the one before's
        flat = torch.cat([t.reshape(-1) for t in x]).nan_to_num_(nan=float(n * BINS))
        return torch.bincount(flat.long(), minlength=n * BINS + 1)[:n * BINS].double()

    def _norms(self, tensors: list[torch.Tensor], owner: list[int], n: int) -> torch.Tensor:
        """Each layer's norm over all its tensors (float64)."""
        out = torch.zeros(n, dtype=torch.float64, device=self._device)
        if tensors:
            squares = torch.stack(torch._foreach_norm([t.float() for t in tensors])).double().square()
            out.index_add_(0, torch.tensor(owner, device=self._device), squares)
        return out.sqrt()

    @property
    def _device(self) -> torch.device:
        return self.params[0].device
