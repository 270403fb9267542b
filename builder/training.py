"""The training loop: a steppable, threadable Trainer. It runs what `prepare` built, fires named events
(`backward_end`, `step_end`, `epoch_end`, `run_end`) to whoever listens, and writes a RunLog that anyone may
read. Nothing in it is specific to a task (`tasks`), to telemetry (`telemetry.Telemetry` listens) or to the page."""
from __future__ import annotations

import contextlib
import math
import os
import threading
import time
from pathlib import Path
from typing import Callable

import torch
from torch import nn

from . import checkpoints, distributed
from .compiler import RNG_LOCK
from .errors import BundleError
from .prepare import device_label, pick_device, prepare  # noqa: F401  (pick_device: part of this module's API)
from .runlog import DONE, RunLog

EVENTS = ("backward_end", "step_end", "epoch_end", "run_end")
MIN_BATCH = 1  # the floor the batch size is halved down to when CUDA runs out of memory
EVAL_BATCH = 2048


class TrainingFailed(RuntimeError):
    """The run cannot go on; the message says why and what to change."""


def _memory_mb(device: torch.device) -> float:
    if device.type == "cuda":
        return torch.cuda.memory_allocated(device) / 2**20
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return float("nan")


def _stochastic(model: nn.Module) -> bool:
    """Does a forward pass in training mode draw random numbers (dropout)?"""
    for m in model.modules():
        if isinstance(m, nn.modules.dropout._DropoutNd) and m.p > 0:
            return True
        if isinstance(m, (nn.RNNBase, nn.MultiheadAttention)) and getattr(m, "dropout", 0) > 0:
            return True
    return False


class Trainer:
    """Trains a spec on a dataset. Step it (`step`, `run_epoch`, `run`) or run it in a thread (`start`).

    With `group` (from `distributed.join()`, in a process torchrun started) it is one rank of a
    DistributedDataParallel run: the spec's batch_size is the global batch, split across the ranks.
    """

    def __init__(self, spec, dataset=None, *, telemetry_on: bool = True, compile: bool = False,
                 checkpoint_dir: str | Path | None = None, resume: str | Path | None = None,
                 checkpoint_every_s: float = 0.0, group: distributed.Group | None = None, **overrides):
        p = prepare(spec, dataset, group=group, **overrides)
        self.spec, self.config, self.dataset, self.kind, self.device = p.spec, p.config, p.dataset, p.task, p.device
        self.task = p.dataset.task  # the dataset's task; `kind` is how this run trains it (tasks.Task)
        self.normalizer, self.fill = p.normalizer, p.fill
        self.x_train_raw, self.x_val_raw, self.x_train, self.y_train, self.x_val, self.y_val = (
            p.x_train_raw, p.x_val_raw, p.x_train, p.y_train, p.x_val, p.y_val)
        self.n_train, self.n_val = p.n_train, p.n_val
        self.model, self.loss_fn, self.optimizer, self.scheduler = p.model, p.loss_fn, p.optimizer, p.scheduler
        self._sched_unit, self.batch_size, self.steps_per_epoch = p.scheduler_unit, p.batch_size, p.steps_per_epoch
        self.group = group
        self.rank, self.world_size = (group.rank, group.world_size) if group else (0, 1)
        self._forward_model = self._wrap(self.model, compile)
        self.generator = torch.Generator().manual_seed(self.config.seed)
        self._stochastic = _stochastic(self.model)
        self._amp = self.config.amp and self.device.type == "cuda"
        self._shard_weight = 1.0  # this rank's share of the global batch's loss, relative to an even split
        self._loss_sum: Callable[[], torch.Tensor] | None = None  # distributed: the step's loss summed over ranks

        self.epoch = self.global_step = self._pos = 0
        self._perm: torch.Tensor | None = None
        self._epoch_sums: dict = {}
        self.best_val, self.best_state, self._bad_epochs = math.inf, None, 0
        self.last_step_s = 0.0  # how long the latest step took (listeners budget their own work by it)
        self._listeners: dict[str, list[Callable]] = {e: [] for e in EVENTS}
        self._stop_event, self._resume_event = threading.Event(), threading.Event()
        self._resume_event.set()
        self._thread: threading.Thread | None = None
        self.checkpoint_dir = Path(checkpoint_dir) if checkpoint_dir else None
        self.checkpoint_every_s = checkpoint_every_s
        self._last_checkpoint = -math.inf
        self.log = RunLog(self.task, device_label(self.device), self.config.epochs, self.steps_per_epoch,
                          self.dataset.class_names, self.batch_size)
        if resume:
            self.load_checkpoint(resume)
        if telemetry_on and self.rank == 0:
            from .telemetry import Telemetry
            Telemetry(self)

    def _wrap(self, model: nn.Module, compile: bool) -> nn.Module:
        """What the training step calls: the model, under DDP on several ranks, compiled on request."""
        if self.group is not None:
            from torch.nn.parallel import DistributedDataParallel
            device_ids = [self.device.index] if self.device.type == "cuda" else None
            model = DistributedDataParallel(model, device_ids=device_ids,
                                            find_unused_parameters=distributed.unused_parameters(model))
        return torch.compile(model) if compile else model

    def normalize(self, x: torch.Tensor) -> torch.Tensor:
        return self.normalizer.apply(x)

    # ---- events and control ------------------------------------------------------------------
    def on(self, event: str, callback: Callable) -> "Trainer":
        if event not in EVENTS:
            raise ValueError(f"unknown event '{event}'. Known: {', '.join(EVENTS)}")
        self._listeners[event].append(callback)
        return self

    def _fire(self, event: str) -> None:
        for cb in self._listeners[event]:
            cb(self)

    @property
    def status(self) -> str:
        return self.log.status

    @property
    def done(self) -> bool:
        return self.status in DONE

    def start(self) -> "Trainer":
        """Train in a background thread; returns at once."""
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

    def join(self, timeout: float | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.done

    def run(self) -> "Trainer":
        """Train until the last epoch, a stop, early stopping, divergence or failure (blocking)."""
        try:
            if self.epoch >= self.config.epochs and not self.done:
                self._finish("finished", f"already trained {self.epoch} epochs; the spec asks for "
                                         f"{self.config.epochs}")
            while not self.done:
                if self._stop_event.is_set():
                    self._finish("stopped", f"stopped by request after {self.epoch} epoch"
                                            f"{'s' * (self.epoch != 1)} ({self.global_step:,} steps)")
                    break
                if not self._resume_event.is_set():
                    self.log.set_status("paused")
                    self._resume_event.wait()
                    continue
                if self.status != "running":
                    self.log.set_status("running")
                self.step()
        except TrainingFailed as e:
            self._finish("failed", str(e))
        except Exception as e:  # a crash of the run must not take the process (or the page) with it
            self._finish("failed", f"training failed: {type(e).__name__}: {e}{self._failure_hint()}")
        return self

    def _failure_hint(self) -> str:
        if self.group is None:
            return ""
        resume = f" with --resume {self.checkpoint_dir / 'last.pt'}" if self.checkpoint_dir else ""
        return (f" (on rank {self.rank} of {self.world_size}; if another rank crashed or was killed, continue from "
                f"the last checkpoint{resume}, on any number of ranks)")

    def run_epoch(self) -> None:
        epoch = self.epoch
        while not self.done and self.epoch == epoch:
            self.step()

    # ---- one step ----------------------------------------------------------------------------
    def step(self) -> float | None:
        """Train on one batch; at the end of an epoch, evaluate. Returns the batch loss."""
        if self.done:
            return None
        if self.status == "idle":  # a step on a paused run leaves it paused
            self.log.set_status("running")
        if self._perm is None:
            self._perm = torch.randperm(self.n_train, generator=self.generator).to(self.device)
            self._pos = 0
            self._epoch_sums = {}
        t0 = time.perf_counter()
        loss_value = self._train_batch()
        if loss_value is None:
            return None
        self.last_step_s = time.perf_counter() - t0
        self.log.log_step(self.global_step, loss_value, self.optimizer.param_groups[0]["lr"], self._last_batch,
                          self.last_step_s)
        self._fire("step_end")
        if self._pos >= self.n_train:
            self._end_epoch()
        return loss_value

    def _train_batch(self) -> float | None:
        while True:
            idx = self._perm[self._pos:self._pos + self.batch_size]
            local, counted = distributed.shard(idx, self.group) if self.group else (idx, len(idx))
            # DDP averages gradients over ranks; weighting each rank's loss by its share of the global batch
            # makes that average the global batch's gradient even when the batch does not split evenly
            self._shard_weight = counted * self.world_size / len(idx)
            yb = self.y_train[local]
            try:
                loss = self._forward_backward(self.x_train[local], yb)
                break
            except torch.cuda.OutOfMemoryError:
                self._shrink_batch()
        value = loss.item()
        if counted:
            self._accumulate(self._last_out, yb, value, counted)
        if self.group:  # every rank logs and checks the same number: the global batch's mean loss
            value = float(self._loss_sum()) / self.world_size
        if not math.isfinite(value):
            self._finish("diverged", f"the loss became {value} at step {self.global_step + 1} (epoch {self.epoch + 1}). "
                         f"Is the learning rate ({self.config.lr:g}) too high? Are the inputs normalised? "
                         "Lower lr or set grad_clip. The weights from the last good step are kept.")
            self.optimizer.zero_grad(set_to_none=True)
            return None
        if self.config.grad_clip:
            nn.utils.clip_grad_norm_(self.model.parameters(), self.config.grad_clip)
        self._fire("backward_end")
        self.optimizer.step()
        if self.scheduler is not None and self._sched_unit == "batch":
            self.scheduler.step()
        self.global_step += 1
        self._last_batch = len(idx)
        self._pos += len(idx)
        return value

    def _forward_backward(self, xb: torch.Tensor, yb: torch.Tensor) -> torch.Tensor:
        if not self.model.training:  # evaluation switches to eval mode and back; checking is cheaper than setting
            self.model.train()
        self.optimizer.zero_grad(set_to_none=True)
        with self._autocast():
            if self._stochastic:  # dropout draws from torch's global generator: seed it per step, under a lock
                with RNG_LOCK:
                    torch.manual_seed(self.config.seed * 1_000_003 + self.global_step * self.world_size + self.rank)
                    out = self._forward_model(xb)
            else:
                out = self._forward_model(xb)
            loss = self.loss_fn(self.kind.fit(out, yb), yb)
        if self.group is not None:  # start summing the weighted loss over the ranks; it travels during backward
            self._loss_sum = distributed.sum_later(loss.detach().double() * self._shard_weight)
        (loss if self._shard_weight == 1.0 else loss * self._shard_weight).backward()
        self._last_out = out.detach()
        return loss

    def _autocast(self):
        # entering a disabled autocast still costs a few microseconds a step; small models feel it
        return torch.autocast("cuda", dtype=torch.bfloat16) if self._amp else contextlib.nullcontext()

    def _shrink_batch(self) -> None:
        if self.group:  # the ranks would have to agree on a new batch size mid-step; a clear stop is better
            raise TrainingFailed(f"CUDA ran out of memory on rank {self.rank} with {self.batch_size} samples per "
                                 f"global batch over {self.world_size} ranks. Distributed runs do not shrink the "
                                 "batch: lower batch_size, use a smaller model, or launch more ranks.")
        self.optimizer.zero_grad(set_to_none=True)
        torch.cuda.empty_cache()
        if self.batch_size // 2 < MIN_BATCH:
            raise TrainingFailed(f"CUDA ran out of memory even with batch_size={self.batch_size}. "
                                 "Use a smaller model or train on the CPU.")
        self.batch_size //= 2
        self.log.set_batch_size(self.batch_size)
        self.log.set_status("running", f"CUDA out of memory: batch size halved to {self.batch_size}")

    # ---- metrics -----------------------------------------------------------------------------
    def _accumulate(self, out: torch.Tensor, y: torch.Tensor, loss_value: float, n: int) -> None:
        """Running sums for the epoch's training metrics, kept on the device (no sync per step)."""
        batch = self.kind.batch_sums(self.kind.fit(out, y), y, loss_value, n)
        sums = self._epoch_sums
        for key, value in batch.items():
            sums[key] = sums[key] + value if key in sums else value

    @torch.no_grad()
    def predict(self, x: torch.Tensor) -> torch.Tensor:
        """The model's raw outputs for normalised inputs, in eval mode and in batches."""
        self.model.eval()
        try:
            with self._autocast():
                return torch.cat([self.model(x[i:i + EVAL_BATCH]).float() for i in range(0, len(x), EVAL_BATCH)])
        finally:
            self.model.train()

    @torch.no_grad()
    def evaluate(self, x: torch.Tensor | None = None, y: torch.Tensor | None = None, keep_outputs: bool = False):
        """Loss and metrics on the validation set (or on x, y), in eval mode."""
        x = self.x_val if x is None else x
        y = self.y_val if y is None else y
        if not len(x):
            return {}, None
        out = self.predict(x)
        sums: dict = {}
        for i in range(0, len(x), EVAL_BATCH):
            ob, yb = self.kind.fit(out[i:i + EVAL_BATCH], y[i:i + EVAL_BATCH]), y[i:i + EVAL_BATCH]
            loss = float(self.loss_fn(ob, yb))
            for key, value in self.kind.batch_sums(ob, yb, loss, len(yb)).items():
                sums[key] = sums[key] + value if key in sums else value
        return self.kind.metrics(sums, "val", self.normalizer), (out if keep_outputs else None)

    # ---- epoch end ---------------------------------------------------------------------------
    def _end_epoch(self) -> None:
        self.epoch += 1
        self._perm = None
        sums = distributed.sum_dict(self._epoch_sums, self.device) if self.group else self._epoch_sums
        row = {"epoch": self.epoch, **self.kind.metrics(sums, "train", self.normalizer)}
        val, _ = self.evaluate() if self.n_val else ({}, None)
        row.update(distributed.from_main(val, self.device) if self.group else val)
        row.update(elapsed_s=self.log.elapsed_s, memory_mb=_memory_mb(self.device),
                   lr=self.optimizer.param_groups[0]["lr"])
        self.log.log_epoch(row)
        val_loss = row.get("val_loss", row["train_loss"])
        self._step_epoch_scheduler(val_loss)
        improved = val_loss < self.best_val
        if improved:
            self.best_val, self._bad_epochs = val_loss, 0
            self.best_state = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
        else:
            self._bad_epochs += 1
        self._checkpoint(improved)
        self._fire("epoch_end")
        patience = self.config.early_stopping_patience
        if patience and self._bad_epochs >= patience:
            self.model.load_state_dict(self.best_state)
            self._finish("finished", f"early stopping: no improvement in validation loss for {patience} epochs; "
                         f"kept the best weights (val loss {self.best_val:.4g})")
        elif self.epoch >= self.config.epochs:
            self._finish("finished", f"trained {self.epoch} epochs")

    def _step_epoch_scheduler(self, val_loss: float) -> None:
        if self.scheduler is None or self._sched_unit != "epoch":
            return
        if isinstance(self.scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
            self.scheduler.step(val_loss)
        else:
            self.scheduler.step()

    def _finish(self, status: str, message: str) -> None:
        self.log.set_status(status, message)
        self._fire("run_end")

    # ---- checkpoints -------------------------------------------------------------------------
    def _checkpoint(self, improved: bool) -> None:
        """At an epoch's end: last.pt (at most once per checkpoint_every_s, and always at the last epoch), and
        best.pt when the validation loss improved."""
        if not self.checkpoint_dir or self.rank != 0:
            return
        now = time.monotonic()
        if now - self._last_checkpoint >= self.checkpoint_every_s or self.epoch >= self.config.epochs:
            self.save_checkpoint(self.checkpoint_dir / "last.pt")
            self._last_checkpoint = now
        if improved:
            self.save_checkpoint(self.checkpoint_dir / "best.pt")

    def checkpoint_state(self) -> dict:
        """The full training state: weights, optimizer, scheduler, position in the epoch, history."""
        return {
            "model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(),
            "scheduler": self.scheduler.state_dict() if self.scheduler is not None else {},
            "epoch": self.epoch, "global_step": self.global_step, "pos": self._pos,
            "perm": self._perm.cpu() if self._perm is not None else torch.empty(0, dtype=torch.long),
            "generator": self.generator.get_state(), "batch_size": self.batch_size,
            "best_val": self.best_val, "bad_epochs": self._bad_epochs,
            "settings": {"optimizer": self.config.optimizer, "scheduler": self.config.scheduler,
                         "epochs": self.config.epochs},
            "history": [{k: float(v) for k, v in r.items() if isinstance(v, (int, float))} for r in self.log.history()],
        }

    def save_checkpoint(self, path: str | Path) -> Path:
        """Write the full training state atomically (a temporary file, then os.replace)."""
        return checkpoints.save(self.checkpoint_state(), path)

    def load_checkpoint(self, path: str | Path) -> None:
        """Continue from a checkpoint; BundleError when it is not one, or not one of this run's network and setup."""
        state = checkpoints.load(path, self.device)
        problem = checkpoints.mismatch(state, self.config.model_dump())
        if problem is None:
            try:
                self.model.load_state_dict(state["model"])
            except (RuntimeError, TypeError, AttributeError) as e:
                problem = f"its weights do not fit this network ({str(e).splitlines()[0][:200]})"
        if problem is None:
            try:
                self.optimizer.load_state_dict(state["optimizer"])
                if self.scheduler is not None and state.get("scheduler"):
                    self.scheduler.load_state_dict(state["scheduler"])
                self.epoch, self.global_step, self._pos = int(state["epoch"]), int(state["global_step"]), \
                    int(state["pos"])
                self._perm = state["perm"].to(self.device) if len(state["perm"]) else None
                self.generator.set_state(state["generator"])
                self.batch_size, self.best_val = int(state["batch_size"]), float(state["best_val"])
                self._bad_epochs = int(state["bad_epochs"])
            except (KeyError, ValueError, TypeError, RuntimeError) as e:
                problem = f"its training state does not fit this run ({type(e).__name__}: {str(e)[:200]})"
        if problem is not None:
            raise BundleError(f"{path}: cannot resume: {problem}")
        for row in state.get("history", []):
            self.log.log_epoch({k: (int(v) if k == "epoch" else v) for k, v in row.items()})
        self.log.resumed(self.global_step)

    # ---- results -----------------------------------------------------------------------------
    @property
    def samples_per_s(self) -> float:
        """Training throughput over this run's steps so far (evaluation excluded); over all ranks when distributed."""
        return self.log.average_samples_per_s

    def history(self) -> list[dict]:
        return self.log.history()

    def save_bundle(self, out_dir: str | Path, formats=()) -> Path:
        from .bundle import write_bundle
        return write_bundle(self, out_dir, formats)


def train(spec, dataset=None, **overrides) -> Trainer:
    """Train to the end (blocking) and return the finished Trainer."""
    return Trainer(spec, dataset, **overrides).run()
