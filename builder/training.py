"""The training loop: a steppable, threadable Trainer. It runs the parts `prepare` built, fires named events
(`backward_end`, `step_end`, `epoch_end`, `run_end`; `hold` when it stands between steps for a while: a pause, a
step by hand) to whoever listens, and writes a RunLog that anyone may read. Nothing in it is specific to a task (`tasks`), to telemetry (`telemetry.Telemetry` listens), to the
checkpoint format (`checkpoints`), to several ranks (`distributed`), to the bundle (`export`) or to the page."""
from __future__ import annotations

import math
import os
import threading
import time
from pathlib import Path
from typing import Callable

import torch
from torch import nn

from . import checkpoints, distributed
from .epochs import EarlyStopping, EpochOrder
from .evaluation import evaluate, predict
from .guard import LossGuard, Point, divergence
from .prepare import Prepared, device_label, pick_device, prepare  # noqa: F401  (pick_device: re-exported)
from .runlog import DONE, RunLog
from .step import ForwardBackward
from .telemetry import Telemetry

EVENTS = ("backward_end", "step_end", "epoch_end", "run_end", "parts_changed", "hold")  # hold: stands between steps
MIN_BATCH = 1  # the floor the batch size is halved down to when CUDA runs out of memory


class TrainingFailed(RuntimeError):
    """The run cannot go on; the message says why and what to change."""


class Threadable:
    """What lets a steppable run go on in a background thread (`start`, `join`) and be paused, resumed and stopped
    from any thread, between steps. Like threading.Thread, it runs the subclass's `run()`, which obeys the pause
    and stop; the subclass also says when it is `done`. Nothing here knows what a step does."""

    def __init__(self) -> None:
        self._stop_event, self._resume_event = threading.Event(), threading.Event()
        self._resume_event.set()
        self._thread: threading.Thread | None = None

    def start(self) -> "Threadable":
        """Run in a background thread; returns at once."""
        if self._thread is not None and self._thread.is_alive():
            return self
        if self.done:
            raise TrainingFailed(f"this run has already {self.status}; start a new one")
        self._thread = threading.Thread(target=self.run, name="netbuilder-trainer", daemon=True)
        self._thread.start()
        return self

    def pause(self) -> None:
        self._resume_event.clear()

    def resume(self) -> None:
        self._resume_event.set()

    def stop(self) -> None:
        """Ask the run to stop; it is honoured before the next batch."""
        self._stop_event.set()
        self._resume_event.set()

    def _rearm(self) -> None:
        """An ended run may run again: forget the stop asked for."""
        self._stop_event.clear()
        self._resume_event.set()

    def join(self, timeout: float | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.done

    @property
    def holding(self) -> bool:
        """Whether a pause is asked for: the run's loop waits in it, or will before its next step."""
        return not self._resume_event.is_set()

    @property
    def between_steps(self) -> bool:
        """Is it safe to change what the run trains now: no thread runs it, or its thread waits in a pause?"""
        return self._thread is None or not self._thread.is_alive() or self.status == "paused"


class Events:
    """Named events (EVENTS) fired to whoever listens, in the order they started listening (minGPT's callbacks)."""

    def __init__(self) -> None:
        self._listeners: dict[str, list[Callable]] = {e: [] for e in EVENTS}

    def on(self, event: str, callback: Callable) -> "Events":
        if event not in EVENTS:
            raise ValueError(f"unknown event '{event}'. Known: {', '.join(EVENTS)}")
        self._listeners[event].append(callback)
        return self

    def _fire(self, event: str) -> None:
        for cb in self._listeners[event]:
            cb(self)


class Trainer(Threadable, Events):
    """Trains the parts `prepare` built. Step it (`step`, `run_epoch`, `run`) or run it in a thread (`start`).
    On a torchrun group (`parts.group`, from `distributed.join()`) it is one rank of a DistributedDataParallel run:
    the spec's batch_size is the global batch, split across the ranks."""

    def __init__(self, parts: Prepared, *, compile: bool = False, checkpoint_dir: str | Path | None = None,
                 checkpoint_every_s: float = 0.0):
        Threadable.__init__(self)
        Events.__init__(self)
        self.group = parts.group
        self.rank, self.world_size = (self.group.rank, self.group.world_size) if self.group else (0, 1)
        self._compile = compile
        self._bind(parts)
        self.samples, self.stopping = EpochOrder(parts.config.seed, parts.n_train, parts.device), EarlyStopping()
        self.epoch = self.global_step = 0
        self.last_step_s = 0.0  # how long the latest step took (listeners budget their own work by it)
        self._share: distributed.Share | None = None  # this rank's part of the current batch
        self.log = RunLog(parts.objective.task, device_label(parts.device), parts.config.epochs,
                          parts.steps_per_epoch, parts.dataset.class_names, self.batch_size)
        self.telemetry: Telemetry | None = None  # the dashboard's listener, when from_spec attached one
        self.checkpoint_dir = Path(checkpoint_dir) if checkpoint_dir else None
        if self.checkpoint_dir and self.rank == 0:
            checkpoints.Saver(self, self.checkpoint_dir, checkpoint_every_s)

    @classmethod
    def from_spec(cls, spec, dataset=None, *, telemetry: bool = True, resume: str | Path | None = None,
                  group: distributed.Group | None = None, compile: bool = False,
                  checkpoint_dir: str | Path | None = None, checkpoint_every_s: float = 0.0,
                  start_weights: dict | None = None, **overrides) -> "Trainer":
        """A Trainer for `spec` on `dataset` (None: its own) with settings overridden, starting from the state dict
        `start_weights` (a shared start) or the checkpoint `resume`, the dashboard's telemetry listening on rank 0."""
        trainer = cls(prepare(spec, dataset, group=group, **overrides), compile=compile,
                      checkpoint_dir=checkpoint_dir, checkpoint_every_s=checkpoint_every_s)
        if start_weights is not None:
            trainer.model.load_state_dict(start_weights)
        if resume:
            checkpoints.restore(trainer, resume)
        if telemetry and trainer.rank == 0:
            trainer.telemetry = Telemetry(trainer)
        return trainer

    def _bind(self, parts: Prepared, first_loss: float = math.inf, best_loss: float = math.inf) -> None:
        """Train these parts from now on (at the start, and when `adopt` takes new ones, with the run's losses); the
        guard holds the losses not read yet and the weights to go back to."""
        self.parts, self.guard = parts, LossGuard(parts.model, parts.optimizer, first_loss, best_loss)
        self._pass = ForwardBackward(parts, self.group, self._compile)
        self.batch_size = parts.batch_size  # halved when CUDA runs out of memory

    # what this run trains (read by listeners, exporters and tests alike)
    spec = property(lambda self: self.parts.spec)
    config = property(lambda self: self.parts.config)
    objective = property(lambda self: self.parts.objective)
    model = property(lambda self: self.parts.model)
    status = property(lambda self: self.log.status)
    done = property(lambda self: self.status in DONE)

    # ---- the loop ------------------------------------------------------------------------------
    def run(self) -> "Trainer":
        """Train until the last epoch, a stop, early stopping, divergence or failure (blocking)."""
        try:
            if self.epoch >= self.config.epochs and not self.done:
                self._finish("finished", f"already trained {self.epoch} epochs; the spec asks for "
                                         f"{self.config.epochs}")
            while not self.done:
                if self._stop_event.is_set() or not self._resume_event.is_set():
                    if self._publish() and self._stop_event.is_set():
                        self._finish("stopped", f"stopped by request after {self.epoch} epoch"
                                                f"{'s' * (self.epoch != 1)} ({self.global_step:,} steps)")
                    elif not self.done:
                        self._fire("hold")
                        self.log.set_status("paused")
                        self._resume_event.wait()
                else:
                    if self.status != "running":
                        self.log.set_status("running")
                    self._step()
                    if self.guard.due and not self.done:
                        self._publish()
        except TrainingFailed as e:
            self._finish("failed", str(e))
        except Exception as e:  # a crash of the run must not take the process (or the page) with it
            self._finish("failed", f"training failed: {type(e).__name__}: {e}{_failure_hint(self)}")
        return self

    def run_epoch(self) -> None:
        epoch = self.epoch
        while not self.done and self.epoch == epoch:
            self._step()

    # ---- one step ----------------------------------------------------------------------------
    def step(self) -> float | None:
        """Train on one batch; at the end of an epoch, evaluate. Returns the batch loss (None: it diverged)."""
        if self.done:
            return None
        if self.status == "idle":  # a step on a paused run leaves it paused
            self.log.set_status("running")
        self._step()
        self._publish()
        self._fire("hold")
        return None if self.status == "diverged" else self.guard.last_loss

    def _step(self) -> None:
        """One batch, its loss left on the device (read when a point is published); an epoch's end publishes."""
        t0 = time.perf_counter()
        self._train_batch(t0)
        point = self.guard.pending[-1]
        point.at = time.perf_counter()
        self.last_step_s = point.seconds = point.at - t0
        self._fire("step_end")
        if self.samples.ended and self._publish():
            self._end_epoch()

    def _publish(self) -> bool:
        """Read the pending losses (one transfer) into the run log; a diverged one ends the run. False if it did."""
        bad = self.guard.publish(self.log)  # after a bad loss, the weights are back to good ones, the moments gone
        if bad is not None:
            self._finish("diverged", divergence(bad, self.guard.best, self.epoch, self.config.lr))
        return bad is None

    def _train_batch(self, t0: float) -> None:
        parts = self.parts
        while True:
            idx = self.samples.batch(self.batch_size)
            self._share = distributed.Share(idx, self.group)
            yb = parts.y_train[self._share.idx]
            try:
                loss = self.forward_backward(parts.x_train[self._share.idx], yb).detach()
                break
            except torch.cuda.OutOfMemoryError:
                _halve_batch(self)
        if self._share.counted:
            out = self.objective.shape_for_loss(self._pass.out, yb)
            self.samples.record(self.objective, out, yb, loss, self._share.counted)
        loss = self._share.mean_loss(loss)  # on several ranks, every one logs and checks the ranks' mean
        self.guard.add(Point(self.global_step + 1, loss, parts.optimizer.param_groups[0]["lr"], len(idx), 0.0, t0))
        if self.config.l1_penalty:
            _add_l1(self.model, self.config.l1_penalty)
        if self.config.grad_clip:
            nn.utils.clip_grad_norm_(self.model.parameters(), self.config.grad_clip)
        self._fire("backward_end")
        parts.optimizer.step()
        _step_scheduler(parts, "batch")
        self.global_step += 1
        self.samples.advance(len(idx))

    def forward_backward(self, xb: torch.Tensor, yb: torch.Tensor) -> torch.Tensor:
        """One batch's forward and backward pass (gradients weighted by this rank's share); returns its loss."""
        seed = self.config.seed * 1_000_003 + self.global_step * self.world_size + self.rank
        return self._pass(xb, yb, self._share, seed)

    def predict(self, x: torch.Tensor) -> torch.Tensor:
        """The model's raw outputs for normalised inputs, in eval mode and in batches."""
        return predict(self.model, x, self._pass.amp)

    def evaluate(self) -> dict:
        """Loss and metrics on the validation set, in eval mode."""
        return evaluate(self.parts, self.parts.x_val, self.parts.y_val, self._pass.amp)

    # ---- epoch end ---------------------------------------------------------------------------
    def _end_epoch(self) -> None:
        self.epoch += 1
        self.samples.restart()
        row = _epoch_row(self)
        self.log.log_epoch(row)
        val_loss = row.get("val_loss", row["train_loss"])
        _step_scheduler(self.parts, "epoch", val_loss)
        self.stopping.record(val_loss, self.model)
        self._fire("epoch_end")
        patience = self.config.early_stopping_patience
        if self.stopping.exhausted(patience):
            self.model.load_state_dict(self.stopping.best_state)
            self._finish("finished", f"early stopping: no improvement in validation loss for {patience} epochs; "
                         f"kept the best weights (val loss {self.stopping.best_val:.4g})")
        elif self.epoch >= self.config.epochs:
            self._finish("finished", f"trained {self.epoch} epochs")

    def _finish(self, status: str, message: str) -> None:
        self.log.set_status(status, message)
        self._fire("run_end")

    def history(self) -> list[dict]:
        return self.log.history()

    # ---- going on with new parts -------------------------------------------------------------------
    def adopt(self, parts: Prepared) -> None:
        """Go on training with new parts (an edited network or new settings; `surgery.continue_with` builds them and
        carries the weights over), keeping the counters, the sample order and the run log. Only between steps; an
        ended run (finished, stopped) is ready to train again."""
        if self.group is not None:
            raise TrainingFailed("a distributed run cannot be edited while it runs; stop it and continue from its "
                                 "checkpoint")
        if not self.between_steps:
            raise TrainingFailed("the run is training: pause it before editing it")
        self._bind(parts, self.guard.first, self.guard.best)
        self.samples.retarget(parts.n_train, parts.device)
        self.log.configure(parts.objective.task, device_label(parts.device), parts.config.epochs,
                           parts.steps_per_epoch, parts.dataset.class_names, self.batch_size)
        if self.done:
            self._rearm()
            self.log.set_status("idle", f"continues from epoch {self.epoch}")
        self._fire("parts_changed")


def train(spec, dataset=None, **options) -> Trainer:
    """Train to the end (blocking) and return the finished Trainer (`options`: those of `Trainer.from_spec`)."""
    return Trainer.from_spec(spec, dataset, **options).run()


def _epoch_row(trainer: Trainer) -> dict:
    """The epoch's history row: training metrics summed over the ranks, validation metrics (rank 0's on every
    rank), time, memory and learning rate."""
    parts = trainer.parts
    row = {"epoch": trainer.epoch,
           **parts.objective.metrics(distributed.sum_dict(trainer.samples.sums, trainer.group), "train", parts.normalizer),
           **distributed.from_main(trainer.evaluate() if parts.n_val else {}, trainer.group)}
    row.update(elapsed_s=trainer.log.elapsed_s, memory_mb=_memory_mb(parts.device),
               lr=parts.optimizer.param_groups[0]["lr"])
    return row


def _step_scheduler(parts: Prepared, unit: str, val_loss: float | None = None) -> None:
    """Step the learning-rate schedule if it steps per `unit` ("batch" or "epoch"); a plateau schedule reads the
    validation loss."""
    scheduler = parts.scheduler
    if scheduler is None or parts.scheduler_unit != unit:
        return
    if isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
        scheduler.step(val_loss)
    else:
        scheduler.step()


def _halve_batch(trainer: Trainer) -> None:
    """CUDA ran out of memory: the step is retried with half the batch, down to MIN_BATCH, on one process."""
    if trainer.group:  # the ranks would have to agree on a new batch size mid-step; a clear stop is better
        raise TrainingFailed(f"CUDA ran out of memory on rank {trainer.rank} with {trainer.batch_size} samples per "
                             f"global batch over {trainer.world_size} ranks. Distributed runs do not shrink the "
                             "batch: lower batch_size, use a smaller model, or launch more ranks.")
    trainer.parts.optimizer.zero_grad(set_to_none=True)
    torch.cuda.empty_cache()
    if trainer.batch_size // 2 < MIN_BATCH:
        raise TrainingFailed(f"CUDA ran out of memory even with batch_size={trainer.batch_size}. "
                             "Use a smaller model or train on the CPU.")
    trainer.batch_size //= 2
    trainer.log.set_batch_size(trainer.batch_size)
    trainer.log.set_status("running", f"CUDA out of memory: batch size halved to {trainer.batch_size}")


@torch.no_grad()
def _add_l1(model: nn.Module, rate: float) -> None:
    """The L1 penalty rate · Σ|w| over the weights (not biases or norm scales), added as its gradient, rate · sign(w):
    the loss the run reports stays the data's, as TensorFlow Playground's does, and every rank adds the same."""
    for p in model.parameters():
        if p.dim() > 1 and p.grad is not None:
            p.grad.add_(torch.sign(p), alpha=rate)


def _failure_hint(trainer: Trainer) -> str:
    if trainer.group is None:
        return ""
    resume = f" with --resume {trainer.checkpoint_dir / 'last.pt'}" if trainer.checkpoint_dir else ""
    return (f" (on rank {trainer.rank} of {trainer.world_size}; if another rank crashed or was killed, continue from "
            f"the last checkpoint{resume}, on any number of ranks)")


def _memory_mb(device: torch.device) -> float:
    if device.type == "cuda":
        return torch.cuda.memory_allocated(device) / 2**20
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return float("nan")
