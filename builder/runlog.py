"""The run log: the one record of a training run. Bounded and thread-safe; the page reads
snapshots while the trainer writes."""
from __future__ import annotations

import copy
import threading
import time
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("idle", "running", "paused", "finished", "stopped", "diverged", "failed")
DONE = ("finished", "stopped", "diverged", "failed")


class Series:
    """An append-only series that keeps at most `capacity` points by halving its resolution when full.

    Memory stays bounded however long a run lasts, and the whole run stays visible.
    """

    def __init__(self, capacity: int = 4096):
        self.capacity = capacity
        self.stride = 1
        self._pending = 0
        self.values: list = []

    def append(self, value) -> None:
        self._pending += 1
        if self._pending < self.stride:
            return
        self._pending = 0
        self.values.append(value)
        if len(self.values) >= self.capacity:
            self.values = self.values[::2]
            self.stride *= 2


@dataclass
class LayerTrace:
    """Every K steps: a layer's weight and gradient histograms (fixed bins) and norms."""

    weight_edges: list[float]
    grad_edges: list[float]
    steps: Series = field(default_factory=lambda: Series(512))
    weight_hist: Series = field(default_factory=lambda: Series(512))
    grad_hist: Series = field(default_factory=lambda: Series(512))
    weight_norm: Series = field(default_factory=lambda: Series(512))
    grad_norm: Series = field(default_factory=lambda: Series(512))
    update_ratio: Series = field(default_factory=lambda: Series(512))


@dataclass
class Snapshot:
    """A copy of the run log at one moment: plain Python data, safe to read while training goes on."""

    status: str
    message: str
    device: str
    task: str
    epoch: int
    total_epochs: int
    step: int
    steps_per_epoch: int
    elapsed_s: float
    samples_per_s: float
    eta_s: float | None
    steps: dict[str, list]  # step, loss, lr, samples_per_s
    epochs: list[dict]  # one row per epoch
    layers: dict[str, dict]  # id -> weight/grad histograms over time, norms, update ratios
    activations: dict[str, dict]  # id -> {"kind": "maps"|"distribution"|"sequence", ...}
    views: dict[str, Any]  # boundary, confusion, worst, regression, reconstructions
    alerts: list[dict]
    class_names: list[str] | None
    batch_size: int


class RunLog:
    def __init__(self, task: str = "classification", device: str = "cpu", total_epochs: int = 0,
                 steps_per_epoch: int = 0, class_names: list[str] | None = None, batch_size: int = 0):
        self._lock = threading.Lock()
        self.status, self.message = "idle", ""
        self.device, self.task = device, task
        self.total_epochs, self.steps_per_epoch = total_epochs, steps_per_epoch
        self.class_names = class_names
        self.batch_size = batch_size
        self.epoch = self.step = 0
        self.samples_per_s = 0.0
        self._started = None
        self._elapsed_before = 0.0  # time run before a pause
        self.step_series = {k: Series(4096) for k in ("step", "loss", "lr", "samples_per_s")}
        self.epochs: list[dict] = []
        self.layers: dict[str, LayerTrace] = {}
        self.activations: dict[str, dict] = {}
        self.views: dict[str, Any] = {}
        self.alerts: list[dict] = []

    # -- writers (the trainer's thread) ---------------------------------------------------------
    def set_status(self, status: str, message: str = "") -> None:
        with self._lock:
            if status == "running" and self._started is None:
                self._started = time.perf_counter()
            elif status != "running" and self._started is not None:
                self._elapsed_before += time.perf_counter() - self._started
                self._started = None
            self.status, self.message = status, message or (self.message if status == self.status else "")

    def log_step(self, step: int, loss: float, lr: float, samples_per_s: float) -> None:
        with self._lock:
            self.step, self.samples_per_s = step, samples_per_s
            for key, value in (("step", step), ("loss", loss), ("lr", lr), ("samples_per_s", samples_per_s)):
                self.step_series[key].append(value)

    def log_epoch(self, row: dict) -> None:
        with self._lock:
            self.epoch = row["epoch"]
            self.epochs.append(row)

    def log_layer(self, layer_id: str, step: int, weight_edges, grad_edges, weight_hist, grad_hist,
                  weight_norm: float, grad_norm: float, update_ratio: float | None) -> None:
        with self._lock:
            trace = self.layers.get(layer_id)
            if trace is None:
                trace = self.layers[layer_id] = LayerTrace(list(weight_edges), list(grad_edges))
            for series, value in ((trace.steps, step), (trace.weight_hist, weight_hist), (trace.grad_hist, grad_hist),
                                  (trace.weight_norm, weight_norm), (trace.grad_norm, grad_norm),
                                  (trace.update_ratio, update_ratio)):
                series.append(value)

    def set_activations(self, activations: dict[str, dict]) -> None:
        with self._lock:
            self.activations = activations

    def set_view(self, name: str, value) -> None:
        with self._lock:
            self.views[name] = value

    def set_alerts(self, alerts: list[dict]) -> None:
        with self._lock:
            self.alerts = alerts

    # -- readers (any thread) -------------------------------------------------------------------
    @property
    def elapsed_s(self) -> float:
        running = time.perf_counter() - self._started if self._started is not None else 0.0
        return self._elapsed_before + running

    def snapshot_loss(self) -> float:
        """The latest step's loss (cheap; for progress bars)."""
        with self._lock:
            values = self.step_series["loss"].values
            return values[-1] if values else float("nan")

    def alert_inputs(self) -> tuple[dict, dict, list[dict]]:
        """What the health alerts read (latest gradient norms, activations, epochs), without copying whole series."""
        with self._lock:
            layers = {lid: {"grad_norm": t.grad_norm.values[-1:]} for lid, t in self.layers.items()}
            return layers, dict(self.activations), [dict(r) for r in self.epochs]

    def history(self) -> list[dict]:
        with self._lock:
            return [dict(r) for r in self.epochs]

    def snapshot(self) -> Snapshot:
        with self._lock:
            total_steps = self.total_epochs * self.steps_per_epoch
            elapsed = self.elapsed_s
            eta = elapsed / self.step * (total_steps - self.step) if self.step and total_steps else None
            return Snapshot(
                status=self.status, message=self.message, device=self.device, task=self.task,
                epoch=self.epoch, total_epochs=self.total_epochs, step=self.step,
                steps_per_epoch=self.steps_per_epoch, elapsed_s=elapsed, samples_per_s=self.samples_per_s,
                eta_s=eta if self.status in ("running", "paused") else None,
                steps={k: list(s.values) for k, s in self.step_series.items()},
                epochs=[dict(r) for r in self.epochs],
                layers={lid: {"weight_edges": t.weight_edges, "grad_edges": t.grad_edges, "steps": list(t.steps.values),
                              "weight_hist": list(t.weight_hist.values), "grad_hist": list(t.grad_hist.values),
                              "weight_norm": list(t.weight_norm.values), "grad_norm": list(t.grad_norm.values),
                              "update_ratio": list(t.update_ratio.values)} for lid, t in self.layers.items()},
                activations=copy.copy(self.activations),
                views=copy.copy(self.views),
                alerts=list(self.alerts),
                class_names=self.class_names,
                batch_size=self.batch_size,
            )
