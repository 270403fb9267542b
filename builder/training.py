"""The training engine: a steppable, threadable Trainer. Nothing here knows of the page: it fires
named events and writes a RunLog that anyone may read."""
from __future__ import annotations

import contextlib
import math
import os
import sys
import threading
import time
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from torch import nn

from . import distributed, telemetry
from .compiler import RNG_LOCK, build_model
from .errors import SpecError, SpecErrors
from .graph import infer_shapes
from .runlog import DONE, RunLog
from .spec import Spec, TrainingSpec, parse_spec

EVENTS = ("step_end", "epoch_end", "run_end")
MIN_BATCH = 1  # the floor the batch size is halved down to when CUDA runs out of memory
TELEMETRY_SHARE = 0.015  # each kind of telemetry may take at most this share of training time
EVAL_BATCH = 2048

LOSSES: dict[str, Callable[[], nn.Module]] = {
    "cross_entropy": nn.CrossEntropyLoss, "bce_with_logits": nn.BCEWithLogitsLoss,
    "mse": nn.MSELoss, "l1": nn.L1Loss, "huber": nn.HuberLoss,
}
def _fast(cls, params, **kwargs) -> torch.optim.Optimizer:
    """The fused implementation where torch has one for these parameters (several times faster on CPU
    for small models: one kernel instead of a Python loop over tensors), else the multi-tensor one."""
    params = list(params)
    try:
        return cls(params, fused=True, **kwargs)
    except (RuntimeError, TypeError, ValueError):
        return cls(params, foreach=True, **kwargs)


OPTIMIZERS: dict[str, Callable] = {
    "sgd": lambda ps, t: _fast(torch.optim.SGD, ps, lr=t.lr, momentum=t.momentum, weight_decay=t.weight_decay),
    "adam": lambda ps, t: _fast(torch.optim.Adam, ps, lr=t.lr, weight_decay=t.weight_decay),
    "adamw": lambda ps, t: _fast(torch.optim.AdamW, ps, lr=t.lr, weight_decay=t.weight_decay),
    "rmsprop": lambda ps, t: _fast(torch.optim.RMSprop, ps, lr=t.lr, momentum=t.momentum, weight_decay=t.weight_decay),
    "adagrad": lambda ps, t: _fast(torch.optim.Adagrad, ps, lr=t.lr, weight_decay=t.weight_decay),
}
# scheduler name -> (factory(optimizer, training, total_steps, steps_per_epoch), stepped per "batch" or "epoch")
SCHEDULERS: dict[str, tuple[Callable | None, str]] = {
    "none": (None, "epoch"),
    "step": (lambda o, t, n, e: torch.optim.lr_scheduler.StepLR(o, step_size=max(1, t.epochs // 3), gamma=0.1), "epoch"),
    "cosine": (lambda o, t, n, e: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=n), "batch"),
    "onecycle": (lambda o, t, n, e: torch.optim.lr_scheduler.OneCycleLR(
        o, max_lr=t.lr, total_steps=n, cycle_momentum="momentum" in o.defaults or "betas" in o.defaults), "batch"),
    "plateau": (lambda o, t, n, e: torch.optim.lr_scheduler.ReduceLROnPlateau(o, factor=0.5, patience=2), "epoch"),
}


class TrainingFailed(RuntimeError):
    """The run cannot go on; the message says why and what to change."""


def pick_device(name: str = "auto") -> torch.device:
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise SpecErrors([SpecError(None, "training.device is 'cuda' but no CUDA GPU is available", "use 'auto' or 'cpu'")])
    if name == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise SpecErrors([SpecError(None, "training.device is 'mps' but MPS is not available", "use 'auto' or 'cpu'")])
    return torch.device(name)


def device_label(device: torch.device) -> str:
    if device.type == "cuda":
        return f"cuda ({torch.cuda.get_device_name(device)})"
    return device.type


def _memory_mb(device: torch.device) -> float:
    if device.type == "cuda":
        return torch.cuda.memory_allocated(device) / 2**20
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return float("nan")


class Budget:
    """Lets a piece of telemetry run only while its cost stays under a share of the training time."""

    def __init__(self, share: float):
        self.share, self.earned = share, math.inf
        self._costs: list[float] = []

    def earn(self, seconds: float) -> None:
        self.earned += seconds * self.share

    @property
    def cost(self) -> float:
        # the cheapest of the last few runs: a one-off spike (warm-up, garbage collection) is not the typical cost
        return min(self._costs, default=0.0)

    @property
    def due(self) -> bool:
        return self.earned >= self.cost

    def spent(self, seconds: float) -> None:
        self._costs = [*self._costs[-2:], seconds]
        self.earned = 0.0


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
                 group: distributed.Group | None = None, **overrides):
        from .data import check_fit, default_loss, fit_normalizer, load_dataset, split_indices

        spec = parse_spec(spec)
        training = (spec.training or TrainingSpec()).model_dump()
        unknown = set(overrides) - set(training)
        if unknown:
            raise SpecErrors([SpecError(None, f"unknown training setting(s): {', '.join(sorted(unknown))}",
                                        f"known: {', '.join(training)}")])
        training.update({k: v for k, v in overrides.items() if v is not None})
        if dataset is None and spec.data is None:
            raise SpecErrors([SpecError(None, "the spec has no 'data' section and no dataset was given",
                                        'add "data": {"dataset": "moons"} or pass a dataset')])
        self.dataset = dataset if dataset is not None else load_dataset(spec.data.dataset, spec.data.options)
        if training["loss"] is None:
            training["loss"] = default_loss(self.dataset.task)
        self.spec = spec.model_copy(update={"training": TrainingSpec.model_validate(training)})
        self.config: TrainingSpec = self.spec.training
        checked = infer_shapes(self.spec)
        errors = check_fit(checked, self.dataset)
        if errors:
            raise SpecErrors(errors)

        self.group = group
        self.rank, self.world_size = (group.rank, group.world_size) if group else (0, 1)
        self.device = group.device if group else pick_device(self.config.device)
        self.task = self.dataset.task
        self._prepare_data(fit_normalizer, split_indices)
        if min(self.config.batch_size, self.n_train) < self.world_size:
            raise SpecErrors([SpecError(None, f"batch_size {self.config.batch_size} is smaller than the number of "
                                              f"ranks ({self.world_size}): each batch is split across them",
                                        f"set batch_size to at least {self.world_size} or launch fewer ranks")])
        self.model = build_model(checked, seed=self.config.seed).to(self.device)
        self._forward_model = self._wrap(self.model, compile)
        self.loss_fn = LOSSES[self.config.loss]()
        self.optimizer = OPTIMIZERS[self.config.optimizer](self.model.parameters(), self.config)
        self.batch_size = min(self.config.batch_size, self.n_train)
        self.steps_per_epoch = math.ceil(self.n_train / self.batch_size)
        factory, self._sched_unit = SCHEDULERS[self.config.scheduler]
        total = self.config.epochs * self.steps_per_epoch
        self.scheduler = factory(self.optimizer, self.config, total, self.steps_per_epoch) if factory else None
        self.generator = torch.Generator().manual_seed(self.config.seed)
        self._stochastic = _stochastic(self.model)
        self._shard_weight = 1.0  # this rank's share of the global batch's loss, relative to an even split
        self._loss_sum: Callable[[], torch.Tensor] | None = None  # distributed: the step's loss summed over ranks
        self._amp = self.config.amp and self.device.type == "cuda"

        self.epoch = self.global_step = self._pos = 0
        self._perm: torch.Tensor | None = None
        self._epoch_sums: dict[str, torch.Tensor] = {}
        self.best_val = math.inf
        self.best_state: dict | None = None
        self._bad_epochs = 0
        self._train_time = 0.0
        self._samples = 0  # samples trained on in this process's steps (all ranks' when distributed)
        self._listeners: dict[str, list[Callable]] = {e: [] for e in EVENTS}
        self._stop_event, self._resume_event = threading.Event(), threading.Event()
        self._resume_event.set()
        self._thread: threading.Thread | None = None
        self.checkpoint_dir = Path(checkpoint_dir) if checkpoint_dir else None

        self.telemetry_on = telemetry_on and self.rank == 0
        self._layer_probe = telemetry.LayerProbe(self.model) if self.telemetry_on else None
        self._budgets = {"layers": Budget(TELEMETRY_SHARE), "views": Budget(TELEMETRY_SHARE)}
        self.log = RunLog(self.task, device_label(self.device), self.config.epochs, self.steps_per_epoch,
                          self.dataset.class_names, self.batch_size)
        if resume:
            self.load_checkpoint(resume)

    def _wrap(self, model: nn.Module, compile: bool) -> nn.Module:
        """What the training step calls: the model, under DDP on several ranks, compiled on request."""
        if self.group is not None:
            from torch.nn.parallel import DistributedDataParallel
            device_ids = [self.device.index] if self.device.type == "cuda" else None
            model = DistributedDataParallel(model, device_ids=device_ids,
                                            find_unused_parameters=distributed.unused_parameters(model))
        return torch.compile(model) if compile else model

    # ---- data --------------------------------------------------------------------------------
    def _prepare_data(self, fit_normalizer, split_indices) -> None:
        ds = self.dataset
        val_fraction = self.spec.data.val_fraction if self.spec.data else 0.2
        train_idx, val_idx = split_indices(ds, val_fraction, self.config.seed)
        self.normalizer = fit_normalizer(ds, train_idx)
        if self.config.loss == "bce_with_logits":  # targets in [0, 1] are compared with logits as they are
            self.normalizer.y_mean = self.normalizer.y_std = None
        dev = self.device
        x, y = ds.x, ds.y
        self.x_train_raw, self.x_val_raw = x[train_idx], x[val_idx]
        self.x_train = self.normalizer.apply(self.x_train_raw).to(dev)
        self.x_val = self.normalizer.apply(self.x_val_raw).to(dev)
        self.y_train, self.y_val = (self._target(y[i]).to(dev) for i in (train_idx, val_idx))
        self.n_train, self.n_val = len(train_idx), len(val_idx)
        self._probe = self.x_val[:64] if self.n_val else self.x_train[:64]

    def _target(self, y: torch.Tensor) -> torch.Tensor:
        if self.task == "reconstruction":  # bce compares logits with raw values in [0, 1]
            return y.float() if self.config.loss == "bce_with_logits" else self.normalizer.apply(y)
        if self.task == "regression":
            return self.normalizer.apply_targets(y)
        if self.config.loss == "bce_with_logits":
            return y.float().view(-1, 1)
        return y

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
            while not self.done:
                if self._stop_event.is_set():
                    self._finish("stopped", f"stopped by request at epoch {self.epoch + 1}, step {self.global_step}")
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
        elapsed = time.perf_counter() - t0
        self._train_time += elapsed
        for b in self._budgets.values():
            b.earn(elapsed)
        lr = self.optimizer.param_groups[0]["lr"]
        self._samples += self._last_batch
        self.log.log_step(self.global_step, loss_value, lr, self._last_batch / max(elapsed, 1e-9))
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
        probe_layers = self._layer_probe is not None and self._budgets["layers"].due
        if probe_layers:
            t = time.perf_counter()
            self._layer_probe.before_update()
        self.optimizer.step()
        if self.scheduler is not None and self._sched_unit == "batch":
            self.scheduler.step()
        self.global_step += 1
        self._last_batch = len(idx)
        self._pos += len(idx)
        if probe_layers:
            self._layer_probe.after_update(self.log, self.global_step)
            self._budgets["layers"].spent(time.perf_counter() - t)
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
            loss = self.loss_fn(self._fit_output(out, yb), yb)
        if self.group is not None:  # start summing the weighted loss over the ranks; it travels during backward
            self._loss_sum = distributed.sum_later(loss.detach().double() * self._shard_weight)
        (loss if self._shard_weight == 1.0 else loss * self._shard_weight).backward()
        self._last_out = out.detach()
        return loss

    def _autocast(self):
        # entering a disabled autocast still costs a few microseconds a step; small models feel it
        return torch.autocast("cuda", dtype=torch.bfloat16) if self._amp else contextlib.nullcontext()

    def _fit_output(self, out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return out.reshape(y.shape) if self.task == "reconstruction" else out.float()

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
        self.log.batch_size = self.batch_size
        self.log.set_status("running", f"CUDA out of memory: batch size halved to {self.batch_size}")

    # ---- metrics -----------------------------------------------------------------------------
    def _accumulate(self, out: torch.Tensor, y: torch.Tensor, loss_value: float, n: int) -> None:
        """Running sums for the epoch's training metrics, kept on the device (no sync per step)."""
        sums = self._epoch_sums
        if not sums:
            sums.update(_batch_sums(self.task, self.config.loss, self._fit_output(out, y), y, loss_value, n))
            return
        sums["n"] += n
        sums["loss"] += loss_value * n  # a float: the step reads the loss anyway
        if self.task == "classification":
            sums["correct"] += _correct(self.config.loss, out, y)
        else:
            for key, value in _error_sums(self._fit_output(out, y), y, n, self.config.loss).items():
                sums[key] += value

    def _metrics(self, sums: dict[str, torch.Tensor], prefix: str) -> dict:
        n = float(sums["n"])
        row = {f"{prefix}_loss": float(sums["loss"]) / n}
        if self.task == "classification":
            row[f"{prefix}_acc"] = float(sums["correct"]) / n
        else:
            # pooled over targets (variance-weighted): a constant target (a blank pixel) cannot dominate
            sst = (sums["y2"] - sums["y"] ** 2 / n).sum()
            row[f"{prefix}_r2"] = float(1 - sums["sse"].sum() / sst.clamp_min(1e-12))
            if self.task == "regression":
                scale = self.normalizer.y_std.to(sums["abs"].device) if self.normalizer.y_std is not None else 1.0
                row[f"{prefix}_mae"] = float((sums["abs"] / n * scale).mean())
        return row

    @torch.no_grad()
    def evaluate(self, x: torch.Tensor | None = None, y: torch.Tensor | None = None, keep_outputs: bool = False):
        """Loss and metrics on the validation set (or on x, y), in eval mode."""
        x = self.x_val if x is None else x
        y = self.y_val if y is None else y
        self.model.eval()
        sums: dict[str, torch.Tensor] = {}
        outs = []
        for i in range(0, len(x), EVAL_BATCH):
            xb, yb = x[i:i + EVAL_BATCH], y[i:i + EVAL_BATCH]
            with self._autocast():
                out = self._fit_output(self.model(xb), yb).float()
            loss = self.loss_fn(out, yb) * len(xb)
            for key, value in _batch_sums(self.task, self.config.loss, out, yb, loss / len(xb), len(xb)).items():
                sums[key] = sums[key] + value if key in sums else value
            if keep_outputs:
                outs.append(out)
        self.model.train()
        if not sums:
            return {}, None
        return self._metrics(sums, "val"), (torch.cat(outs) if keep_outputs else None)

    # ---- epoch end ---------------------------------------------------------------------------
    def _end_epoch(self) -> None:
        self.epoch += 1
        self._perm = None
        sums = distributed.sum_dict(self._epoch_sums, self.device) if self.group else self._epoch_sums
        row = {"epoch": self.epoch, **self._metrics(sums, "train")}
        views_due = self.telemetry_on and (self._budgets["views"].due or self.epoch == self.config.epochs)
        val, outputs = self.evaluate(keep_outputs=views_due) if self.n_val else ({}, None)
        row.update(distributed.from_main(val, self.device) if self.group else val)
        row.update(elapsed_s=self.log.elapsed_s, memory_mb=_memory_mb(self.device), lr=self.optimizer.param_groups[0]["lr"])
        self.log.log_epoch(row)
        if views_due:
            t = time.perf_counter()
            self._update_views(outputs)
            self._budgets["views"].spent(time.perf_counter() - t)
        val_loss = row.get("val_loss", row["train_loss"])
        self._step_epoch_scheduler(val_loss)
        improved = val_loss < self.best_val
        if improved:
            self.best_val, self._bad_epochs = val_loss, 0
            self.best_state = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
        else:
            self._bad_epochs += 1
        if self.checkpoint_dir and self.rank == 0:
            self.save_checkpoint(self.checkpoint_dir / "last.pt")
            if improved:
                self.save_checkpoint(self.checkpoint_dir / "best.pt")
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

    def _update_views(self, outputs: torch.Tensor | None) -> None:
        log = self.log
        log.set_activations(telemetry.activations(self.model, self._probe))
        if outputs is not None:
            for name, value in self._prediction_views(outputs).items():
                log.set_view(name, value)
        if tuple(self.dataset.sample_shape) == (2,) and self.task != "reconstruction":
            self.model.eval()
            x_raw = torch.cat([self.x_train_raw, self.x_val_raw]).numpy()
            view = telemetry.boundary(self.model, x_raw, lambda g: self.normalize(g.cpu()).to(self.device), self.task,
                                      self.device)
            if self.task == "regression":
                view["value"] = self.normalizer.invert_targets(torch.from_numpy(view["value"]).reshape(-1, 1)).reshape(
                    view["value"].shape).numpy()
            self.model.train()
            log.set_view("boundary", view)
        log.set_alerts(telemetry.alerts(*log.alert_inputs()))

    def _prediction_views(self, out: torch.Tensor) -> dict:
        if self.task == "classification":
            probs = torch.sigmoid(out) if out.shape[1] == 1 else out.softmax(1)
            if out.shape[1] == 1:
                probs = torch.cat([1 - probs, probs], 1)
            y = self.y_val.view(-1).long()
            n_classes = probs.shape[1]
            return {"confusion": telemetry.confusion(probs.argmax(1), y, n_classes),
                    "worst": telemetry.worst(self.x_val_raw, y.cpu(), probs.cpu())}
        if self.task == "regression":
            out = torch.sigmoid(out) if self.config.loss == "bce_with_logits" else out
            pred = self.normalizer.invert_targets(out.cpu())[:500]
            actual = self.normalizer.invert_targets(self.y_val.cpu())[:500]
            return {"regression": {"actual": actual.numpy(), "predicted": pred.numpy()}}
        recon = out[:8].cpu().reshape(-1, *self.dataset.sample_shape)
        if self.config.loss == "bce_with_logits":
            recon = torch.sigmoid(recon)
        elif self.normalizer.x_mean is not None:
            recon = recon * self.normalizer.x_std + self.normalizer.x_mean
        return {"reconstructions": {"inputs": self.x_val_raw[:8].numpy(), "outputs": recon.numpy()}}

    def _finish(self, status: str, message: str) -> None:
        self.log.set_status(status, message)
        if self.telemetry_on and status != "failed":
            try:
                self._update_views(None)
            except Exception:  # the views are a courtesy; the run's outcome stands without them
                pass
        self._fire("run_end")

    # ---- checkpoints -------------------------------------------------------------------------
    def save_checkpoint(self, path: str | Path) -> Path:
        """Write the full training state atomically (a temporary file, then os.replace)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        state = {
            "model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(),
            "scheduler": self.scheduler.state_dict() if self.scheduler is not None else {},
            "epoch": self.epoch, "global_step": self.global_step, "pos": self._pos,
            "perm": self._perm.cpu() if self._perm is not None else torch.empty(0, dtype=torch.long),
            "generator": self.generator.get_state(), "batch_size": self.batch_size,
            "best_val": self.best_val, "bad_epochs": self._bad_epochs,
            "history": [{k: float(v) for k, v in r.items() if isinstance(v, (int, float))} for r in self.log.history()],
        }
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            torch.save(state, tmp)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        return path

    def load_checkpoint(self, path: str | Path) -> None:
        """Continue from a checkpoint: weights, optimizer, scheduler, position in the epoch, history."""
        try:
            state = torch.load(path, map_location=self.device, weights_only=True)
            self.model.load_state_dict(state["model"])
        except Exception as e:
            raise TrainingFailed(f"{path}: not a checkpoint of this network ({type(e).__name__}: {e})") from None
        self.optimizer.load_state_dict(state["optimizer"])
        if self.scheduler is not None and state["scheduler"]:
            self.scheduler.load_state_dict(state["scheduler"])
        self.epoch, self.global_step, self._pos = state["epoch"], state["global_step"], state["pos"]
        self._perm = state["perm"].to(self.device) if len(state["perm"]) else None
        self.generator.set_state(state["generator"])
        self.batch_size, self.best_val, self._bad_epochs = state["batch_size"], state["best_val"], state["bad_epochs"]
        for row in state["history"]:
            self.log.log_epoch({k: (int(v) if k == "epoch" else v) for k, v in row.items()})

    # ---- results -----------------------------------------------------------------------------
    @property
    def samples_per_s(self) -> float:
        """Training throughput over this run's steps so far (evaluation excluded); over all ranks when distributed."""
        return self._samples / self._train_time if self._train_time else 0.0

    def history(self) -> list[dict]:
        return self.log.history()

    def save_bundle(self, out_dir: str | Path, formats=()) -> Path:
        from .export import write_bundle
        return write_bundle(self, out_dir, formats)


def _correct(loss_name: str, out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    if loss_name == "bce_with_logits":
        return ((out > 0).float().view(-1) == y.view(-1)).sum()
    return (out.argmax(1) == y).sum()


def _error_sums(out: torch.Tensor, y: torch.Tensor, n: int, loss_name: str) -> dict[str, torch.Tensor]:
    if loss_name == "bce_with_logits":  # the model outputs logits; its predictions are their sigmoids
        out = torch.sigmoid(out)
    o, t = out.float().reshape(n, -1), y.float().reshape(n, -1)
    return {"sse": ((o - t) ** 2).sum(0), "y": t.sum(0), "y2": (t ** 2).sum(0), "abs": (o - t).abs().sum(0)}


def _batch_sums(task: str, loss_name: str, out: torch.Tensor, y: torch.Tensor, loss: torch.Tensor, n: int) -> dict:
    """The sums one batch adds to an epoch's metrics (loss and accuracy, or errors for R² and MAE)."""
    sums = {"n": n, "loss": float(loss) * n}
    if task == "classification":
        sums["correct"] = _correct(loss_name, out, y)
    else:
        sums.update(_error_sums(out, y, n, loss_name))
    return sums


def train(spec, dataset=None, **overrides) -> Trainer:
    """Train to the end (blocking) and return the finished Trainer."""
    return Trainer(spec, dataset, **overrides).run()


def train_cli(args) -> int:
    """`python -m builder train`: a progress bar, then the bundle's location. Started by torchrun, this process
    is one rank of a distributed run; rank 0 alone shows progress and writes checkpoints and the bundle."""
    dataset = _cli_dataset(args)
    if not distributed.launched():
        return _train_and_save(args, dataset, None)
    group = distributed.join(args.device or _spec_device(args.spec))
    try:
        return _train_and_save(args, dataset, group)
    finally:
        distributed.leave()


def _cli_dataset(args):
    if not args.data:
        return None
    from .uploads import load_upload
    path = Path(args.data)
    try:
        data = path.read_bytes()
    except OSError as e:
        from .errors import DataError
        raise DataError(str(path), f"cannot read the file ({e.strerror})") from None
    return load_upload(data, path.name, **({"target": args.target} if args.target else {}))


def _spec_device(spec) -> str:
    training = parse_spec(spec).training
    return training.device if training else "auto"


def _train_and_save(args, dataset, group: distributed.Group | None) -> int:
    from .errors import BundleError

    out = Path(args.out)
    try:
        trainer = Trainer(args.spec, dataset, epochs=args.epochs, device=args.device, group=group,
                          checkpoint_dir=out / "checkpoints", resume=getattr(args, "resume", None))
    except TrainingFailed as e:  # a checkpoint that does not fit
        raise BundleError(str(e)) from None
    if group is not None and not group.is_main:
        trainer.run()
        if trainer.status != "finished":
            print(f"rank {group.rank}: {trainer.status}: {trainer.log.message}", file=sys.stderr)
        return 0 if trainer.status == "finished" else 1
    if group is not None:
        print(group.describe(trainer.batch_size), flush=True)
    _run_with_progress(trainer)
    bundle = trainer.save_bundle(out, formats=args.export)
    print(f"{trainer.status}: {trainer.log.message}")
    speed = trainer.samples_per_s
    per_rank = f" over {trainer.world_size} ranks ({speed / trainer.world_size:,.0f} per rank)" if group else ""
    print(f"throughput: {speed:,.0f} samples/s{per_rank}")
    print(f"bundle written to {bundle}")
    return 0 if trainer.status == "finished" else 1


def _run_with_progress(trainer: Trainer) -> None:
    from tqdm import tqdm

    metric = "acc" if trainer.task == "classification" else "r2"
    total = trainer.config.epochs * trainer.steps_per_epoch
    with tqdm(total=total, initial=trainer.global_step, unit="step", dynamic_ncols=True,
              desc=f"{trainer.spec.name} on {trainer.log.device}") as bar:
        def on_step(t: Trainer) -> None:
            bar.update(1)
            if t.global_step % 10 == 0:
                bar.set_postfix(epoch=f"{t.epoch + 1}/{t.config.epochs}", loss=f"{t.log.snapshot_loss():.4f}",
                                samples_s=f"{t.log.samples_per_s:,.0f}", refresh=False)

        def on_epoch(t: Trainer) -> None:
            row = t.history()[-1]
            bar.set_postfix(epoch=f"{row['epoch']}/{t.config.epochs}", loss=f"{row['train_loss']:.4f}",
                            val_loss=f"{row.get('val_loss', float('nan')):.4f}",
                            **{f"val_{metric}": f"{row.get(f'val_{metric}', float('nan')):.3f}"})

        trainer.on("step_end", on_step).on("epoch_end", on_epoch).run()
