"""When the dashboard's pictures of a training run are made, on a budget that does not grow with the model.

`Telemetry` is a listener: it watches a Trainer through its events and writes into the trainer's run log. Every
step costs it only a few clock reads; each kind of picture (per-layer snapshots, the canvas's node views, gradients
through time, prediction views) runs only while its own measured cost stays under a small share of the training
time, so a bigger model gets its pictures less often rather than training slower. It never fails a run: a figure
it cannot make is skipped. What the pictures are is in `layer_probe` and `telemetry_views`.
"""
from __future__ import annotations

import math
import time

import numpy as np
from torch import nn

from .layer_probe import BINS, LayerProbe  # noqa: F401  (BINS: re-exported)
from .telemetry_views import (GRID, MAX_UNITS, RELU_LIKE, UNIT_GRID, activations, alerts, boundary,  # noqa: F401
                              confusion, node_views, recurrent_layers, sequence_module, time_gradients, unit_grid,
                              worst)

SHARE = 0.0075  # each of the four kinds of telemetry may take at most this share of training time (3 % measured, the
# rest of the 5 % goes to what the budgets do not see: the per-step bookkeeping, the caches the pictures disturb)
SNAPSHOTS = 32  # weights, gradients and gradients through time are sampled at least this often per run while
FLOOR_SHARE = 0.02  # these samples take at most this share of the training time (a sub-second run gets fewer);
MIN_SNAPSHOTS = 8  # weights and gradients at least this often whatever they cost
FIRST_PICTURE_S = 0.5  # a run's first node and prediction views wait until it has trained this long (or has ended):
# a faster run's first epochs pass before the page could show them
NODE_GAP_S = 0.5  # the canvas redraws at most once a second; its views need not be fresher than this
STASH_S = 0.25  # a layer snapshot waits in the probe's stash at most this long before it is logged
PROBE_SAMPLES = 64  # the fixed batch whose activations are shown


class Budget:
    """Lets a piece of telemetry run only while its cost stays under a share of the training time. With a floor, also
    whenever `floor_steps` have passed since it last ran while all it has taken stays under `floor_share` of the
    training time (a short run still gets enough snapshots, a sub-second one fewer), and with `must_steps`, whenever
    that many have passed whatever it costs. With `min_gap_s`, never more often than that; with `first_after_s`, not
    before the run has trained that long."""

    def __init__(self, share: float, floor_steps: int | None = None, min_gap_s: float = 0.0, *,
                 must_steps: int | None = None, floor_share: float = FLOOR_SHARE, first_after_s: float = 0.0):
        self.share = share
        self.earned = -first_after_s * share if first_after_s else math.inf  # inf: the first look happens at once
        self.floor_steps, self.min_gap_s, self.floor_share = floor_steps, min_gap_s, floor_share
        self.must_steps = must_steps if must_steps is not None else math.inf
        self.trained = self.used = 0.0  # the training time it has earned from, and the time it has taken
        self._costs: list[float] = []
        self._last_step, self._last_t = -math.inf, -math.inf

    def earn(self, seconds: float) -> None:
        self.earned += seconds * self.share
        self.trained += seconds

    def pay(self, seconds: float) -> None:
        """Pay for work done apart from the runs `spent` records (a stash's summary): the next run waits longer."""
        self.earned -= seconds
        self.used += seconds

    @property
    def cost(self) -> float:
        # the cheapest of the last few runs: a one-off spike (warm-up, garbage collection) is not the typical cost
        return min(self._costs, default=0.0)

    @property
    def due(self) -> bool:
        return self.earned >= self.cost

    def spent(self, seconds: float, step: int | None = None) -> None:
        self._costs = [*self._costs[-2:], seconds]
        self.earned = 0.0
        self.used += seconds
        self._last_t = time.perf_counter()
        if step is not None:
            self._last_step = step

    def due_at(self, step: int) -> bool:
        if time.perf_counter() - self._last_t < self.min_gap_s:
            return False
        if self.due or self.floor_steps is None:
            return self.due
        since = step - self._last_step
        return since >= self.must_steps or (since >= self.floor_steps and
                                            self.used + self.cost <= self.floor_share * self.trained)

    def not_due_before(self, now: float, step: int) -> tuple[float, float, float]:
        """When it may next be due (asked at `step`), none of them reached before then: the step (a floor), the
        training time still to be earned (its cost, or once the floor's step has passed, the floor's share), the moment
        (its least gap: until then neither of the others counts)."""
        wait_until = self._last_t + self.min_gap_s
        if now < wait_until:
            return math.inf, math.inf, wait_until
        by_cost = (self.cost - self.earned) / self.share
        if self.floor_steps is None or self._last_step == -math.inf:  # no floor, or not run yet: due by its cost
            return math.inf, by_cost, math.inf
        floor, must = self._last_step + self.floor_steps, self._last_step + self.must_steps
        if step < floor:  # the floor's share is asked when its step comes
            return min(floor, must), by_cost, math.inf
        return must, min(by_cost, (self.used + self.cost) / self.floor_share - self.trained), math.inf

    def at_step_end(self, trainer, work) -> None:
        """A listener's step: earn the step's time, and run `work()` when it is due, paying for what it took."""
        self.earn(trainer.last_step_s)
        if self.due_at(trainer.global_step):
            t0 = time.perf_counter()
            work()
            self.spent(time.perf_counter() - t0, trainer.global_step)


class Telemetry:
    """Attached to a Trainer, it records weights and gradients during steps; the canvas's node views and, for
    recurrent layers, gradients through time, as often as the budget allows; and activations, prediction views
    and health alerts at epoch ends and at the end of the run."""

    def __init__(self, trainer, share: float = SHARE):
        self.trainer, self.share = trainer, share
        self._probing = False
        self._t0 = self._last_t = 0.0
        # the training time counted so far, and how much of it the budgets have been paid (`_settle`): they are paid
        # only when one of them may be due; before then none can be, so a step costs a clock read and three
        # comparisons (`_quiet`)
        self._clock = self._paid = 0.0
        self._views_step = self._nodes_step = self._time_step = -1  # the steps at which each picture was last made
        self._bind(trainer)
        trainer.on("backward_end", self._before_update).on("step_end", self._after_update)
        trainer.on("epoch_end", self._epoch_end).on("run_end", self._run_end)
        trainer.on("parts_changed", self._bind).on("hold", self._flush)

    def _bind(self, trainer) -> None:
        """Read what the telemetry watches from the run's parts (again when an edit of a paused run replaced them)."""
        if getattr(self, "probe", None) is not None:
            self._flush(trainer)
        self.probe = LayerProbe(trainer.model)
        parts, share = trainer.parts, self.share
        steps = trainer.config.epochs * parts.steps_per_epoch
        floor, must = max(1, steps // SNAPSHOTS), max(1, steps // MIN_SNAPSHOTS)
        # gradients through time unroll the network (each look costs a few training steps): no floor whatever it costs
        self.budgets = {"layers": Budget(share, floor, must_steps=must), "time": Budget(share, floor),
                        "views": Budget(share, first_after_s=FIRST_PICTURE_S),
                        "nodes": Budget(share, None, NODE_GAP_S, first_after_s=FIRST_PICTURE_S)}
        self._paid = self._clock
        self._quiet_step = self._quiet_clock = self._quiet_t = -math.inf  # asked at the next step
        x = parts.x_val if parts.n_val else parts.x_train
        y = parts.y_val if parts.n_val else parts.y_train
        self.probe_x, self.probe_y = x[:PROBE_SAMPLES], y[:PROBE_SAMPLES]
        self.recurrent = recurrent_layers(trainer.model)
        self.grid = unit_grid(parts) if tuple(parts.dataset.sample_shape) == (2,) else None

    def _before_update(self, trainer) -> None:
        # the step that is finishing (global_step counts it once the optimizer has stepped): the same count
        # `spent` records, so the floor really samples every `floor` steps
        step = trainer.global_step + 1
        if self._quiet(step, time.perf_counter()):
            return
        self._settle()
        self._probing = self.budgets["layers"].due_at(step)
        if self._probing:
            self._t0 = time.perf_counter()
            self._safely(self.probe.before_update)

    def _after_update(self, trainer) -> None:
        # the wall time since the last step earns the budgets: on an accelerator a step's own clock stops before
        # its work is done (nothing synchronises it), the wall clock does not; a pause earns at most a second
        now = time.perf_counter()
        elapsed, self._last_t = min(now - self._last_t, 1.0) if self._last_t else trainer.last_step_s, now
        self._clock += elapsed
        step = trainer.global_step
        if not self._probing and self._quiet(step, now):
            return
        self._settle()
        if self._probing:
            self._safely(self.probe.after_update, trainer.log, step, True)
            self.budgets["layers"].spent(time.perf_counter() - self._t0, step)
            self._probing = False
        if now - self.probe.oldest_s >= STASH_S:
            self._flush(trainer)
        self._maybe("nodes", step, self.update_nodes)
        if self.recurrent:
            self._maybe("time", step, self.update_time_gradients)
        self._gate()

    def _settle(self) -> None:
        """Pay the budgets the training time not paid yet (before any of them is asked whether it is due)."""
        for budget in self.budgets.values():
            budget.earn(self._clock - self._paid)
        self._paid = self._clock

    def _quiet(self, step: int, now: float) -> bool:
        """True while no step-time budget can be due at `step` and the stash need not be logged (see `_gate`)."""
        return step < self._quiet_step and self._clock < self._quiet_clock and now < self._quiet_t

    def _gate(self) -> None:
        """Until when nothing per step can be due, from the budgets as they stand: the step at which a floor comes
        round, the training time at which a budget has earned its cost, and the moment a budget's least gap has passed
        or the stash's oldest snapshot must be logged. Exact, not a guess: the budgets are asked again at the first
        step any of these is reached (a budget spent or paid from since only waits longer; paying them what they
        earned changes nothing, the training time counted is the same)."""
        now = time.perf_counter()
        kinds = ("layers", "nodes", "time") if self.recurrent else ("layers", "nodes")
        step = self.trainer.global_step
        steps, earned, moments = zip(*(self.budgets[kind].not_due_before(now, step) for kind in kinds))
        self._quiet_step, self._quiet_clock = min(steps), self._paid + min(earned)  # earned: as paid up to `_paid`
        self._quiet_t = min(*moments, self.probe.oldest_s + STASH_S)

    def _maybe(self, kind: str, step: int, work) -> None:
        budget = self.budgets[kind]
        if budget.due_at(step):
            t0 = time.perf_counter()
            self._safely(work)
            budget.spent(time.perf_counter() - t0, step)

    def _epoch_end(self, trainer) -> None:
        self._settle()
        if trainer.epoch >= trainer.config.epochs:
            self._last_pictures(trainer)
        elif self.budgets["views"].due:
            t0 = time.perf_counter()
            self._safely(self.update_views, True)
            self.budgets["views"].spent(time.perf_counter() - t0)

    def _last_pictures(self, trainer) -> None:
        """Every picture of the network as the run ends, each made once: gradients through time before the views, whose
        alerts read them."""
        if self.recurrent and self._time_step != trainer.global_step:
            self._safely(self.update_time_gradients)
        if self._views_step != trainer.global_step:
            self._safely(self.update_views, True)
        if self._nodes_step != trainer.global_step:  # the canvas ends on the network as it ended
            self._safely(self.update_nodes)

    def _flush(self, trainer) -> None:
        """Log the layer snapshots waiting in the probe's stash, their cost paid from the layers' budget."""
        if self.probe.waiting:
            t0 = time.perf_counter()
            self._safely(self.probe.flush, trainer.log)
            self.budgets["layers"].pay(time.perf_counter() - t0)

    def _run_end(self, trainer) -> None:
        self._flush(trainer)
        if trainer.status != "failed":
            self._last_pictures(trainer)

    def _safely(self, work, *args) -> None:
        # telemetry is a courtesy: a figure that cannot be made (a diverged model's inf activations) is skipped,
        # and the run goes on as it would without it
        try:
            work(*args)
        except Exception as e:
            self.trainer.log.note(f"a dashboard view was skipped: {type(e).__name__}: {str(e)[:200]}")

    def update_views(self, with_predictions: bool) -> None:
        """Activations of the probe batch, the prediction views, the boundary (2-D data) and the alerts."""
        t, p, log = self.trainer, self.trainer.parts, self.trainer.log
        self._views_step = t.global_step
        log.set_activations(activations(t.model, self.probe_x))
        if with_predictions and p.n_val:
            views = t.objective.views(t.predict(p.x_val), p.y_val, p.x_val_raw, p.normalizer)
            if p.dataset.text is not None:  # a text's worst samples are named by their words, not their token ids
                for w in views.get("worst", []):
                    w["text"] = p.dataset.text.encoder.decode(np.asarray(w["x"]).reshape(-1).tolist())
            for name, value in views.items():
                log.set_view(name, value)
        if tuple(p.dataset.sample_shape) == (2,):
            view = boundary(t, np.concatenate([p.x_train_raw.numpy(), p.x_val_raw.numpy()]))
            if view is not None:
                log.set_view("boundary", view)
        vanilla = any(sequence_module(m) is nn.RNN for m in t.model.modules())
        gated = {lid for lid, m in self.recurrent.items() if sequence_module(m) is not nn.RNN}
        log.set_alerts(alerts(*log.alert_inputs(), vanilla_rnn=vanilla, gated=gated))

    def update_nodes(self) -> None:
        self._nodes_step = self.trainer.global_step
        self.trainer.log.set_nodes(node_views(self.trainer.model, self.probe_x, self.grid))

    def update_time_gradients(self) -> None:
        t = self.trainer
        self._time_step = t.global_step
        norms_by_layer = time_gradients(t.model, self.probe_x, self.probe_y, t.parts.loss_fn, t.objective.shape_for_loss,
                                        self.recurrent)
        for lid, norms in norms_by_layer.items():
            t.log.log_time_gradients(lid, t.global_step, norms)


