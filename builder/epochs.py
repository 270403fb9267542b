"""Where a run is in its epochs: this epoch's order of the training samples and how far through it the run has
come (`EpochOrder`), and early stopping's record of the best validation loss so far (`EarlyStopping`). The Trainer
holds one of each; checkpoints save and restore them, and an edit of a paused run (`Trainer.adopt`) re-targets them."""
from __future__ import annotations

import math

import torch
from torch import nn

from .evaluation import add_sums


SUM_EVERY = 32  # an epoch's training metrics are summed over this many steps' outputs at once
SUM_VALUES = 1 << 21  # or sooner, once the outputs and targets waiting hold this many values


class EpochOrder:
    """The epoch's shuffled sample order, drawn from the run's own generator (seeded by the spec) at the epoch's
    first step; `pos` counts the samples trained on so far, and `sums` the epoch's training metrics, summed on the
    device (no synchronisation per step) over several steps' outputs at once (`record`)."""

    def __init__(self, seed: int, n_train: int, device: torch.device):
        self.generator = torch.Generator().manual_seed(seed)
        self.n_train, self.device = n_train, device
        self.order: torch.Tensor | None = None
        self.pos = 0
        self._sums: dict = {}
        self._waiting: list[tuple] = []  # (objective, outputs, targets, mean loss, count) of steps not summed yet
        self._waiting_values = 0

    def batch(self, size: int) -> torch.Tensor:
        """The indices of the next `size` samples (fewer at the epoch's end); the first batch of an epoch draws
        its order. `pos` moves on only when the caller says the batch was trained (`advance`)."""
        if self.order is None:
            self.order = torch.randperm(self.n_train, generator=self.generator).to(self.device)
            self.pos = 0
            self._forget_sums()
        return self.order[self.pos:self.pos + size]

    def advance(self, n: int) -> None:
        self.pos += n

    def record(self, objective, out: torch.Tensor, y: torch.Tensor, loss: torch.Tensor, n: int) -> None:
        """What a trained batch adds to its epoch's metrics: its outputs (shaped for the loss, detached), targets,
        mean loss (left on the device) and count. Kept until SUM_EVERY steps or SUM_VALUES values wait, then summed
        in one `objective.batch_sums`: a few operations for many steps."""
        self._waiting.append((objective, out, y, loss, n))
        self._waiting_values += out.numel() + y.numel()
        if len(self._waiting) >= SUM_EVERY or self._waiting_values >= SUM_VALUES:
            self._sum()

    @property
    def sums(self) -> dict:
        """The epoch's training metric sums so far (`objective.batch_sums`, added up)."""
        self._sum()
        return self._sums

    def _sum(self) -> None:
        if not self._waiting:
            return
        waiting, self._waiting, self._waiting_values = self._waiting, [], 0
        objective, out, y, loss, n = waiting[0]
        if len(waiting) > 1:
            _, outs, ys, losses, counts = zip(*waiting)
            out, y, n = torch.cat(outs), torch.cat(ys), sum(counts)
            losses = torch.stack(losses)
            loss = losses.dot(torch.tensor(counts, dtype=losses.dtype, device=losses.device)) / n
        add_sums(self._sums, objective.batch_sums(out, y, loss, n))

    def _forget_sums(self) -> None:
        self._sums, self._waiting, self._waiting_values = {}, [], 0

    @property
    def ended(self) -> bool:
        """Has every sample of the epoch been trained on?"""
        return self.pos >= self.n_train

    def restart(self) -> None:
        """The next batch starts a new epoch."""
        self.order = None

    def retarget(self, n_train: int, device: torch.device) -> None:
        """Go on with a training split of `n_train` samples on `device`: the epoch in progress goes on where it was
        when the split kept its size, and starts over when it did not."""
        self.n_train, self.device = n_train, device
        if self.order is not None and len(self.order) != n_train:
            self.order, self.pos = None, 0
            self._forget_sums()
        elif self.order is not None:
            self.order = self.order.to(device)
            self._sums = {k: v.to(device) if torch.is_tensor(v) else v for k, v in self.sums.items()}


class EarlyStopping:
    """The best validation loss so far (`best_val`), a copy of the weights that reached it (`best_state`) and how
    many epochs have ended since without a better one (`bad_epochs`)."""

    def __init__(self) -> None:
        self.forget()

    def forget(self) -> None:
        """Count afresh (the network changed: its old best weights no longer fit it)."""
        self.best_val, self.best_state, self.bad_epochs = math.inf, None, 0

    def record(self, val_loss: float, model: nn.Module) -> None:
        """An epoch ended with `val_loss`: keep the weights if it is the best yet, else count one bad epoch."""
        if val_loss < self.best_val:
            self.best_val, self.bad_epochs = val_loss, 0
            self.best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        else:
            self.bad_epochs += 1

    def exhausted(self, patience: int) -> bool:
        """Has the validation loss not improved for `patience` epochs (0: never stop early)?"""
        return bool(patience) and self.bad_epochs >= patience
