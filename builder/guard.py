"""The training losses on their way from the device to the run log, and the divergence guard that reads them.

A step leaves its loss on the device; the losses of a window of steps are read in one synchronising transfer when a
point is published (at least every PUBLISH_S, at an epoch's end, a pause or a stop, and after every step that is
stepped by hand), then checked in order: the first loss that is not finite, or the second of two in a row far above the run's
(one alone is a hard batch), ends the run with the weights from before the losses went up. Those weights are copied once per window, not once per step: at the start of
each window (whose first loss vouches for them once read) and from the window before."""
from __future__ import annotations

import math
import time
from dataclasses import dataclass

import torch
from torch import nn

PUBLISH_S = 0.1  # pending losses are read (and the page's loss curve advances) at least this often
MAX_PENDING = 512  # and at least every this many steps, so a divergence is caught within that many
DIVERGED_OVER_BEST = 1e3  # a batch loss this many times its best so far, and
DIVERGED_OVER_FIRST = 10.0  # this many times the run's first loss, is far above them (whatever the optimiser);
# two such losses in a row have diverged, and so has one that is not finite. One alone is a hard batch: a small
# batch with one badly misjudged sample, late in a well-fit run (batch size 4: a loss of 4 after losses of 1e-5)


@dataclass
class Point:
    """One trained step, waiting for its loss to be read: what the run log's `log_step` takes."""

    step: int
    loss: torch.Tensor | float  # a 0-d tensor where the step computed it, until read
    lr: float
    samples: int
    seconds: float
    at: float


class LossGuard:
    """The steps whose losses are not read yet, and the weights to go back to. `add` each step's loss after its
    backward pass (before the optimiser moves the weights); `read` returns the sane points and the first bad one,
    after putting back good weights and clearing the optimiser's moments (they were built on the bad steps)."""

    def __init__(self, model: nn.Module, optimizer: torch.optim.Optimizer | None = None, first: float = math.inf,
                 best: float = math.inf):
        self.live = [t for t in model.state_dict(keep_vars=True).values() if isinstance(t, torch.Tensor)]
        self.optimizer = optimizer
        self.first, self.best = first, best  # the run's first and best sane losses
        self.pending: list[Point] = []
        self._window: list[torch.Tensor] | None = None  # the weights at the current window's first step
        self._checked: list[torch.Tensor] | None = None  # weights whose loss was read and sane
        self._last_read = -math.inf
        self.last_loss: float | None = None  # the latest loss read and sane
        self._far = False  # the latest loss read was far above the run's (forgiven once: a hard batch)

    @torch.no_grad()
    def add(self, point: Point) -> None:
        if not self.pending:  # the window's first step: its weights are what a bad loss later in it returns to
            self._window = _copy(self.live, self._window)
        self.pending.append(point)

    @property
    def due(self) -> bool:
        return len(self.pending) >= MAX_PENDING or time.perf_counter() - self._last_read >= PUBLISH_S

    def read(self) -> tuple[list[Point], Point | None]:
        """The pending points with their losses read (one transfer), up to the first that diverged, and that one
        (None: all were sane). After a bad one, the weights are already put back and the optimiser starts afresh."""
        points, self.pending = self.pending, []
        self._last_read = time.perf_counter()
        if not points:
            return [], None
        tensors = [p.loss for p in points if torch.is_tensor(p.loss)]
        values = iter(torch.stack(tensors).double().tolist() if tensors else [])
        far_from = None  # where in this window the losses far above the run's began
        for i, p in enumerate(points):
            p.loss = next(values) if torch.is_tensor(p.loss) else float(p.loss)
            far = self.diverged(p.loss)
            if far and (self._far or not math.isfinite(p.loss)):
                start = i if far_from is None else far_from  # the weights before the far losses began
                self._restore(self._window if start > 0 or self._checked is None else self._checked)
                return points[:start], p
            self._far, far_from = far, (far_from if far_from is not None else i) if far else None
            opened_sane = not far if i == 0 else opened_sane
            if not far:
                self.first = p.loss if self.first == math.inf else self.first
                self.best = min(self.best, p.loss)
        if opened_sane:  # the window's first loss was sane: its weights are the ones to return to from now on
            self._checked, self._window = self._window, self._checked
        return points, None

    def publish(self, log) -> Point | None:
        """Read the pending losses into the run log `log` (RunLog.log_step); the point that diverged, if one did."""
        points, bad = self.read()
        for p in points:
            log.log_step(p.step, p.loss, p.lr, p.samples, p.seconds, p.at)
        self.last_loss = points[-1].loss if points else self.last_loss
        return bad

    def diverged(self, loss: float) -> bool:
        """Whether a loss is not finite, or far above the run's first and best (see DIVERGED_OVER_FIRST)."""
        if not math.isfinite(loss):
            return True
        return loss > DIVERGED_OVER_BEST * self.best and loss > DIVERGED_OVER_FIRST * self.first

    @torch.no_grad()
    def _restore(self, saved: list[torch.Tensor] | None) -> None:
        for s, live in zip(saved or [], self.live):
            live.copy_(s)
        if self.optimizer is not None:
            self.optimizer.state.clear()
            self.optimizer.zero_grad(set_to_none=True)


def _copy(live: list[torch.Tensor], into: list[torch.Tensor] | None) -> list[torch.Tensor]:
    """The live tensors' values, written into `into` when it has their shapes (no allocation per window)."""
    if into is None or len(into) != len(live) or any(a.shape != b.shape for a, b in zip(into, live)):
        return [t.detach().clone() for t in live]
    torch._foreach_copy_(into, [t.detach() for t in live])
    return into


def divergence(bad: Point, best: float, epoch: int, lr: float) -> str:
    """What the run says when it diverged at `bad` (best: the best sane loss so far)."""
    how = "" if not math.isfinite(bad.loss) else f" — far above its best, {best:.3g}"
    return (f"the loss became {bad.loss:.4g} at step {bad.step} (epoch {epoch + 1}){how}. Is the learning rate "
            f"({lr:g}) too high? Are the inputs normalised? Lower lr or set grad_clip. The weights of an earlier step "
            "whose loss was sane are kept.")
