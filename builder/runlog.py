"""The run log: the one record of a training run. Bounded and thread-safe; the page reads snapshots while the
trainer writes.

A log can keep a journal of its writes (`record`), and another log can `replay` them: a run training in a worker
process sends its journal to the server, whose copy of the log is then the same record, made of plain data.
"""
from __future__ import annotations

import collections
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
    samples_per_s: float | None  # over the last few seconds of running; None when not measured (paused, stepped)
    average_samples_per_s: float | None  # over every training step so far (evaluation excluded)
    eta_s: float | None
    steps: dict[str, list]  # step, loss, lr, samples_per_s
    epochs: list[dict]  # one row per epoch
    layers: dict[str, dict]  # id -> weight/grad histograms over time, norms, update ratios
    activations: dict[str, dict]  # id -> {"kind": "maps"|"distribution"|"sequence", ...}
    views: dict[str, Any]  # boundary, confusion, worst, regression, reconstructions; text and attention (textwatch)
    alerts: list[dict]
    class_names: list[str] | None
    batch_size: int
    notes: list[str] = field(default_factory=list)  # things that went wrong on the side (a view that was skipped)
    time_gradients: dict[str, dict] = field(default_factory=dict)  # id -> {"steps": [...], "norms": [[per t], ...]}
    nodes: dict[str, dict] = field(default_factory=dict)  # id -> live view of the layer's canvas node
    answers: dict[str, dict] = field(default_factory=dict)  # kind -> the latest answer (see RunLog.set_answer)


JOURNALED = ("configure", "set_status", "log_step", "resumed", "log_epoch", "log_layer", "set_activations",
             "set_view", "set_alerts", "note", "set_batch_size", "log_time_gradients", "set_nodes", "set_answer")


class RunLog:
    def __init__(self, task: str = "classification", device: str = "cpu", total_epochs: int = 0,
                 steps_per_epoch: int = 0, class_names: list[str] | None = None, batch_size: int = 0):
        self._lock = threading.RLock()  # re-entered by `replay`, which applies a message's writes as one
        self._journal: list | None = None
        self.status, self.message = "idle", ""
        self.device, self.task = device, task
        self.total_epochs, self.steps_per_epoch = total_epochs, steps_per_epoch
        self.class_names = class_names
        self.batch_size = batch_size
        self.epoch = self.step = 0
        self._first_step = 0  # the step a resumed run started from (its steps before were not timed here)
        self._samples, self._step_s = 0, 0.0  # samples trained and seconds spent in steps, this process
        self._recent: collections.deque = collections.deque(maxlen=64)  # (time, samples so far) per running step
        self._started = None
        self._elapsed_before = 0.0  # time run before a pause
        self.step_series = {k: Series(4096) for k in ("step", "loss", "lr", "samples_per_s")}
        self.epochs: list[dict] = []
        self.layers: dict[str, LayerTrace] = {}
        self.activations: dict[str, dict] = {}
        self.views: dict[str, Any] = {}
        self.alerts: list[dict] = []
        self.notes: collections.deque = collections.deque(maxlen=8)
        self.time_gradients: dict[str, dict] = {}  # recurrent layer id -> steps logged and ‖∂L/∂h_t‖ curves
        self.nodes: dict[str, dict] = {}  # layer id -> what its canvas node shows (see telemetry.node_views)
        self.answers: dict[str, dict] = {}  # kind -> {"request": id, "value": …}: the latest answer of each kind

    # -- the journal ----------------------------------------------------------------------------
    def record(self) -> None:
        """Start keeping a journal of every write (see `take_journal`), beginning with what the log already holds
        (a resumed run's earlier epochs)."""
        with self._lock:
            self._journal = [("configure", (self.task, self.device, self.total_epochs, self.steps_per_epoch,
                                            self.class_names, self.batch_size)),
                             *(("log_epoch", (dict(row),)) for row in self.epochs)]
            if self._first_step:
                self._journal.append(("resumed", (self._first_step,)))

    def take_journal(self) -> list:
        """The writes since the last call, as plain data: [(method name, arguments), …]."""
        with self._lock:
            taken, self._journal = self._journal or [], [] if self._journal is not None else None
            return taken

    def replay(self, entries: list) -> None:
        """Apply another log's journal; only the log's own writers can be named. The writes are applied as one: a
        reader sees all of them or none (a continued run's step counter and what its edit kept arrive together)."""
        unknown = next((name for name, _ in entries if name not in JOURNALED), None)
        if unknown is not None:
            raise ValueError(f"not a run-log write: {unknown!r}")
        with self._lock:
            for name, args in entries:
                getattr(self, name)(*args)

    def _write(self, name: str, *args) -> None:
        if self._journal is not None:
            self._journal.append((name, args))

    # -- writers (the trainer's thread) ---------------------------------------------------------
    def configure(self, task: str, device: str, total_epochs: int, steps_per_epoch: int,
                  class_names: list[str] | None, batch_size: int) -> None:
        with self._lock:
            self._write("configure", task, device, total_epochs, steps_per_epoch, class_names, batch_size)
            self.task, self.device, self.total_epochs, self.steps_per_epoch = task, device, total_epochs, steps_per_epoch
            self.class_names, self.batch_size = class_names, batch_size

    def set_batch_size(self, batch_size: int) -> None:
        with self._lock:
            self._write("set_batch_size", batch_size)
            self.batch_size = batch_size

    def set_status(self, status: str, message: str = "", at: float | None = None) -> None:
        with self._lock:
            at = time.perf_counter() if at is None else at
            self._write("set_status", status, message, at)
            if status == "running" and self._started is None:
                self._started = at
            elif status != "running" and self._started is not None:
                self._elapsed_before += at - self._started
                self._started = None
            if status != self.status:
                self._recent.clear()  # a pause (or a stepped run) is not training time
            self.status, self.message = status, message or (self.message if status == self.status else "")

    def log_step(self, step: int, loss: float, lr: float, samples: int, seconds: float,
                 at: float | None = None) -> None:
        """One training step: its loss and learning rate, how many samples it took and how long."""
        with self._lock:
            at = time.perf_counter() if at is None else at
            self._write("log_step", step, loss, lr, samples, seconds, at)
            self.step = step
            self._samples += samples
            self._step_s += seconds
            if self.status == "running":
                self._recent.append((at, self._samples))
            speed = self._recent_speed()
            for key, value in (("step", step), ("loss", loss), ("lr", lr), ("samples_per_s", speed)):
                self.step_series[key].append(value)

    def resumed(self, step: int) -> None:
        """A run continued from a checkpoint at `step`: its earlier steps were not timed by this log."""
        with self._lock:
            self._write("resumed", step)
            self.step = self._first_step = step

    @property
    def steps_here(self) -> int:
        """Steps trained by this run itself: a run continued from a checkpoint counts from where it took over."""
        return self.step - self._first_step

    def _recent_speed(self) -> float | None:
        """Samples per second of wall time over the recent running steps (evaluation and telemetry included:
        what a person watching sees), or None before two running steps were seen."""
        if len(self._recent) < 2:
            return None
        (t0, n0), (t1, n1) = self._recent[0], self._recent[-1]
        return (n1 - n0) / (t1 - t0) if t1 > t0 else None

    @property
    def average_samples_per_s(self) -> float:
        """Samples per second of training steps over the whole run in this process (evaluation excluded)."""
        with self._lock:
            return self._samples / self._step_s if self._step_s > 0 else 0.0

    def log_epoch(self, row: dict) -> None:
        with self._lock:
            self._write("log_epoch", row)
            self.epoch = row["epoch"]
            self.epochs.append(row)

    def log_layer(self, layer_id: str, step: int, weight_edges, grad_edges, weight_hist, grad_hist,
                  weight_norm: float, grad_norm: float, update_ratio: float | None) -> None:
        with self._lock:
            self._write("log_layer", layer_id, step, weight_edges, grad_edges, weight_hist, grad_hist, weight_norm,
                        grad_norm, update_ratio)
            trace = self.layers.get(layer_id)
            if trace is None:
                trace = self.layers[layer_id] = LayerTrace(list(weight_edges), list(grad_edges))
            for series, value in ((trace.steps, step), (trace.weight_hist, weight_hist), (trace.grad_hist, grad_hist),
                                  (trace.weight_norm, weight_norm), (trace.grad_norm, grad_norm),
                                  (trace.update_ratio, update_ratio)):
                series.append(value)

    def set_activations(self, activations: dict[str, dict]) -> None:
        with self._lock:
            self._write("set_activations", activations)
            self.activations = activations

    def set_view(self, name: str, value) -> None:
        with self._lock:
            self._write("set_view", name, value)
            self.views[name] = value

    def set_alerts(self, alerts: list[dict]) -> None:
        with self._lock:
            self._write("set_alerts", alerts)
            self.alerts = alerts

    def log_time_gradients(self, layer_id: str, step: int, norms: list[float]) -> None:
        """‖∂L/∂h_t‖ for every time step t of a recurrent layer, from a sampled backward pass."""
        with self._lock:
            self._write("log_time_gradients", layer_id, step, norms)
            trace = self.time_gradients.setdefault(layer_id, {"steps": Series(64), "norms": Series(64)})
            trace["steps"].append(step)
            trace["norms"].append(list(norms))

    def set_nodes(self, nodes: dict[str, dict]) -> None:
        with self._lock:
            self._write("set_nodes", nodes)
            self.nodes = nodes

    def set_answer(self, kind: str, request, value) -> None:
        """The answer to a question asked of the run (a sample's trace, an attribution, the weights after an edit,
        what an edit kept), as plain data; the latest of each kind is kept."""
        with self._lock:
            self._write("set_answer", kind, request, value)
            self.answers[kind] = {"request": request, "value": value}

    def note(self, text: str) -> None:
        with self._lock:
            self._write("note", text)
            if text not in self.notes:
                self.notes.append(text)

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

    def alert_inputs(self) -> tuple[dict, dict, list[dict], dict]:
        """What the health alerts read (latest gradient norms, activations, epochs, gradients through time),
        without copying whole series."""
        with self._lock:
            layers = {lid: {"grad_norm": t.grad_norm.values[-1:]} for lid, t in self.layers.items()}
            through_time = {lid: t["norms"].values[-1] for lid, t in self.time_gradients.items() if t["norms"].values}
            return layers, dict(self.activations), [dict(r) for r in self.epochs], through_time

    def history(self) -> list[dict]:
        with self._lock:
            return [dict(r) for r in self.epochs]

    def snapshot(self) -> Snapshot:
        with self._lock:
            total_steps = self.total_epochs * self.steps_per_epoch
            elapsed = self.elapsed_s
            timed = self.step - self._first_step
            eta = elapsed / timed * (total_steps - self.step) if timed > 0 and total_steps and elapsed > 0 else None
            return Snapshot(
                status=self.status, message=self.message, device=self.device, task=self.task,
                epoch=self.epoch, total_epochs=self.total_epochs, step=self.step,
                steps_per_epoch=self.steps_per_epoch, elapsed_s=elapsed,
                samples_per_s=self._recent_speed() if self.status == "running" else None,
                average_samples_per_s=self._samples / self._step_s if self._step_s > 0 else None,
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
                notes=list(self.notes),
                time_gradients={lid: {"steps": list(t["steps"].values), "norms": list(t["norms"].values)}
                                for lid, t in self.time_gradients.items()},
                nodes=copy.copy(self.nodes),
                answers=copy.copy(self.answers),
            )
