"""What the dashboard draws, computed from a model during training: weight and gradient histograms,
activations of a probe batch, views of the predictions, and health alerts.

`Telemetry` is a listener: it watches a Trainer through its events and writes into the trainer's run log,
each kind of work only while its cost stays under a small share of the training time. It never fails a run:
a figure it cannot make is skipped.
"""
from __future__ import annotations

import math
import time

import numpy as np
import torch
from torch import nn

from .runlog import RunLog
from .weights import dead_units

BINS = 40
GRID = 60  # decision-boundary grid resolution per axis
UNIT_GRID = 16  # resolution of each unit's picture over the input plane (canvas nodes, 2-D data)
MAX_UNITS = 16  # a dense layer this narrow shows every unit on its canvas node
SHARE = 0.0125  # each of the four kinds of telemetry may take at most this share of training time: 5 % in all
SNAPSHOTS = 32  # weights, gradients and gradients through time are sampled at least this often per run
NODE_GAP_S = 0.5  # the canvas redraws at most once a second; its views need not be fresher than this
PROBE_SAMPLES = 64  # the fixed batch whose activations are shown
RELU_LIKE = (nn.ReLU, nn.ReLU6)


class Budget:
    """Lets a piece of telemetry run only while its cost stays under a share of the training time; with
    `floor_steps`, also whenever that many steps have passed since it last ran (a short run still gets enough
    snapshots), and with `min_gap_s`, never more often than that."""

    def __init__(self, share: float, floor_steps: int | None = None, min_gap_s: float = 0.0):
        self.share, self.earned = share, math.inf
        self.floor_steps, self.min_gap_s = floor_steps, min_gap_s
        self._costs: list[float] = []
        self._last_step, self._last_t = -math.inf, -math.inf

    def earn(self, seconds: float) -> None:
        self.earned += seconds * self.share

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
        self._last_t = time.perf_counter()
        if step is not None:
            self._last_step = step

    def due_at(self, step: int) -> bool:
        if time.perf_counter() - self._last_t < self.min_gap_s:
            return False
        return self.due or (self.floor_steps is not None and step - self._last_step >= self.floor_steps)


class Telemetry:
    """Attached to a Trainer, it records weights and gradients during steps; the canvas's node views and, for
    recurrent layers, gradients through time, as often as the budget allows; and activations, prediction views
    and health alerts at epoch ends and at the end of the run."""

    def __init__(self, trainer, share: float = SHARE):
        self.trainer, self.share = trainer, share
        self._probing = False
        self._t0 = 0.0
        self._views_step = -1  # the step at which the views were last drawn
        self._bind(trainer)
        trainer.on("backward_end", self._before_update).on("step_end", self._after_update)
        trainer.on("epoch_end", self._epoch_end).on("run_end", self._run_end)
        trainer.on("parts_changed", self._bind)

    def _bind(self, trainer) -> None:
        """Read what the telemetry watches from the run's parts (again when an edit of a paused run replaced them)."""
        self.probe = LayerProbe(trainer.model)
        parts, share = trainer.parts, self.share
        floor = max(1, trainer.config.epochs * parts.steps_per_epoch // SNAPSHOTS)
        self.budgets = {"layers": Budget(share, floor), "views": Budget(share), "nodes": Budget(share, None, NODE_GAP_S),
                        "time": Budget(share, floor)}
        x = parts.x_val if parts.n_val else parts.x_train
        y = parts.y_val if parts.n_val else parts.y_train
        self.probe_x, self.probe_y = x[:PROBE_SAMPLES], y[:PROBE_SAMPLES]
        self.recurrent = recurrent_layers(trainer.model)
        self.grid = _unit_grid(parts) if tuple(parts.dataset.sample_shape) == (2,) else None

    def _before_update(self, trainer) -> None:
        # the step that is finishing (global_step counts it once the optimizer has stepped): the same count
        # `spent` records, so the floor really samples every `floor` steps
        self._probing = self.budgets["layers"].due_at(trainer.global_step + 1)
        if self._probing:
            self._t0 = time.perf_counter()
            self._safely(self.probe.before_update)

    def _after_update(self, trainer) -> None:
        for budget in self.budgets.values():
            budget.earn(trainer.last_step_s)
        step = trainer.global_step
        if self._probing:
            self._safely(self.probe.after_update, trainer.log, step)
            self.budgets["layers"].spent(time.perf_counter() - self._t0, step)
            self._probing = False
        self._maybe("nodes", step, self.update_nodes)
        if self.recurrent:
            self._maybe("time", step, self.update_time_gradients)

    def _maybe(self, kind: str, step: int, work) -> None:
        budget = self.budgets[kind]
        if budget.due_at(step):
            t0 = time.perf_counter()
            self._safely(work)
            budget.spent(time.perf_counter() - t0, step)

    def _epoch_end(self, trainer) -> None:
        if self.budgets["views"].due or trainer.epoch >= trainer.config.epochs:
            t0 = time.perf_counter()
            self._safely(self.update_views, True)
            self._views_step = trainer.global_step
            self.budgets["views"].spent(time.perf_counter() - t0)

    def _run_end(self, trainer) -> None:
        if trainer.status != "failed" and self._views_step != trainer.global_step:
            self._safely(self.update_views, True)
            self._safely(self.update_nodes)

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
        log.set_activations(activations(t.model, self.probe_x))
        if with_predictions and p.n_val:
            for name, value in t.objective.views(t.predict(p.x_val), p.y_val, p.x_val_raw, p.normalizer).items():
                log.set_view(name, value)
        if tuple(p.dataset.sample_shape) == (2,):
            view = boundary(t, np.concatenate([p.x_train_raw.numpy(), p.x_val_raw.numpy()]))
            if view is not None:
                log.set_view("boundary", view)
        vanilla = any(_sequence_module(m) is nn.RNN for m in t.model.modules())
        log.set_alerts(alerts(*log.alert_inputs(), vanilla_rnn=vanilla))

    def update_nodes(self) -> None:
        self.trainer.log.set_nodes(node_views(self.trainer.model, self.probe_x, self.grid))

    def update_time_gradients(self) -> None:
        t = self.trainer
        norms_by_layer = time_gradients(t.model, self.probe_x, self.probe_y, t.parts.loss_fn, t.objective.shape_for_loss,
                                        self.recurrent)
        for lid, norms in norms_by_layer.items():
            t.log.log_time_gradients(lid, t.global_step, norms)


def _edges(values: torch.Tensor) -> np.ndarray:
    """Fixed, symmetric bin edges chosen from the first look at a layer (so histograms stack over time)."""
    finite = values[torch.isfinite(values)]
    m = float(finite.abs().max()) if finite.numel() else 1.0
    m = 1e-8 if not math.isfinite(m) or m == 0 else m
    return np.linspace(-1.5 * m, 1.5 * m, BINS + 1)


def _counts(tensors: list[torch.Tensor], edges: np.ndarray) -> torch.Tensor:
    """BINS counts (float64, where the tensors live) of all the tensors' values: values beyond the fixed edges land
    in the outermost bins rather than vanish; NaN is left out (histc skips it)."""
    lo, hi = float(edges[0]), float(edges[-1])
    total = None
    for t in tensors:
        t = t.detach() if t.dtype in (torch.float32, torch.float64) else t.detach().float()
        counts = torch.histc(t.clamp(lo, hi), BINS, lo, hi).double()
        total = counts if total is None else total + counts
    return total if total is not None else torch.zeros(BINS, dtype=torch.float64)


def _norm(tensors: list[torch.Tensor]) -> torch.Tensor:
    """The norm of all the tensors' values together, as a float64 scalar where they live."""
    if not tensors:
        return torch.zeros((), dtype=torch.float64)
    return torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(t.detach().float()) for t in tensors])
                                    ).double()


class LayerProbe:
    """Every K steps, per layer with parameters: histograms, norms and the update-to-weight ratio, computed where
    the weights live (no copy of a layer to the host) and brought back in one transfer per snapshot."""

    def __init__(self, model: nn.Module):
        self.layers = {lid: [p for p in m.parameters() if p.requires_grad] for lid, m in model.named_children()}
        self.layers = {lid: ps for lid, ps in self.layers.items() if ps}
        self.edges: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._before: dict[str, list[torch.Tensor]] = {}

    @staticmethod
    def _flat(params, grad=False) -> torch.Tensor:
        parts = [(p.grad if grad else p).detach().reshape(-1) for p in params if not grad or p.grad is not None]
        return torch.cat(parts).float().cpu() if parts else torch.zeros(0)

    def before_update(self) -> None:
        """Remember the weights (call after backward, before optimizer.step)."""
        self._before = {lid: [p.detach().clone() for p in ps] for lid, ps in self.layers.items()}

    def after_update(self, log: RunLog, step: int) -> None:
        """Log each layer's snapshot (call after optimizer.step: the gradients are still those of the step)."""
        rows = []
        for lid, params in self.layers.items():
            grads = [p.grad for p in params if p.grad is not None]
            if lid not in self.edges:  # the first look fixes the bins, so histograms stack over time
                self.edges[lid] = (_edges(self._flat(params)), _edges(self._flat(params, grad=True)))
            we, ge = self.edges[lid]
            moved = [p.detach() - w0 for p, w0 in zip(params, self._before[lid])]
            rows.append(torch.cat([_counts(params, we), _counts(grads, ge),
                                   torch.stack([_norm(params), _norm(grads), _norm(moved)])]))
        if not rows:
            return
        table = torch.stack(rows).cpu().numpy()  # the only synchronising read of the snapshot
        for (lid, _), row in zip(self.layers.items(), table):
            we, ge = self.edges[lid]
            w_norm, g_norm, moved = (float(v) for v in row[2 * BINS:])
            ratio = moved / w_norm if w_norm > 0 else None
            log.log_layer(lid, step, we, ge, row[:BINS].astype(np.int64), row[BINS:2 * BINS].astype(np.int64), w_norm,
                          g_norm, ratio)


def activations(model: nn.Module, probe: torch.Tensor) -> dict[str, dict]:
    """Each layer's output on a fixed probe batch, reduced to what a chart shows."""
    outputs: dict[str, torch.Tensor] = {}
    hooks = [m.register_forward_hook(lambda mod, inp, out, lid=lid: outputs.__setitem__(lid, out.detach()))
             for lid, m in model.named_children()]
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            model(probe)
    finally:
        for h in hooks:
            h.remove()
        model.train(was_training)
    kinds = {lid: type(m) for lid, m in model.named_children()}
    return {lid: _describe(out.float().cpu(), issubclass(kinds[lid], RELU_LIKE)) for lid, out in outputs.items()}


def _describe(out: torch.Tensor, relu: bool) -> dict:
    info: dict = {"shape": list(out.shape[1:])}
    if out.dim() == 4:  # conv: a few feature maps of the first sample
        info.update(kind="maps", maps=out[0, :8].numpy())
    elif out.dim() == 3:  # sequence: the hidden state over time of the first sample
        info.update(kind="sequence", sequence=out[0, :, :16].numpy())
    else:
        flat = out.reshape(-1)
        flat = flat[torch.isfinite(flat)]
        lo, hi = (float(flat.min()), float(flat.max())) if flat.numel() else (0.0, 0.0)
        hi = hi if hi > lo else lo + 1e-6
        info.update(kind="distribution", hist=torch.histc(flat, BINS, lo, hi).numpy(), edges=np.linspace(lo, hi, BINS + 1))
    if relu:  # a unit (feature or channel) is dead when it is zero for every probe sample
        units = out.transpose(0, 1).reshape(out.shape[1], -1)
        info["dead_fraction"] = float((units.max(dim=1).values <= 0).float().mean())
    return info


# ---- the canvas: what each node shows while training ----------------------------------------

def _unit_grid(parts) -> torch.Tensor:
    """A UNIT_GRID × UNIT_GRID grid over a run's 2-D data (`parts`: what `prepare` built), normalised as the
    network sees its inputs."""
    x_raw = np.concatenate([parts.x_train_raw.numpy(), parts.x_val_raw.numpy()])
    lo, hi = np.nanmin(x_raw, 0), np.nanmax(x_raw, 0)
    pad = (hi - lo) * 0.1 + 1e-6
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], UNIT_GRID)
    ys = np.linspace(hi[1] + pad[1], lo[1] - pad[1], UNIT_GRID)  # top row first, as a picture reads
    gx, gy = np.meshgrid(xs, ys)
    grid = torch.tensor(np.stack([gx.ravel(), gy.ravel()], 1), dtype=torch.float32)
    return parts.normalizer.apply(grid).to(parts.device)


def _sequence_module(module: nn.Module):
    """The torch recurrent class behind one of NetBuilder's batch-first RNN/LSTM/GRU layers, or None."""
    for cls in (nn.LSTM, nn.GRU, nn.RNN):
        if isinstance(module, cls):
            return cls
    return None


def recurrent_layers(model: nn.Module) -> dict[str, nn.Module]:
    """The recurrent layers whose gradient through time can be measured: one direction, batch first."""
    return {lid: m for lid, m in model.named_children()
            if _sequence_module(m) is not None and not m.bidirectional and m.batch_first}


@torch.no_grad()
def node_views(model: nn.Module, probe: torch.Tensor, grid: torch.Tensor | None = None) -> dict[str, dict]:
    """Per layer: the RMS of its output on the probe batch (the canvas draws wires thicker where activations are
    larger), and a picture where one fits: a convolution's feature maps or a recurrent layer's hidden state over
    time for one probe sample; for 2-D data, each unit of a layer at most MAX_UNITS wide over the input plane, with
    the units that are zero over all of it (`dead`)."""
    out: dict[str, dict] = {lid: {} for lid, _ in model.named_children()}
    captured: dict[str, torch.Tensor] = {}

    def keep(lid):
        def hook(module, inputs, output):
            captured[lid] = output.detach()
        return hook

    def sequence(lid):
        def hook(module, inputs):
            full, _ = _sequence_module(module).forward(module, inputs[0][:1])
            out[lid]["sequence"] = full[0, :, :MAX_UNITS].float().cpu().numpy().T  # [units, steps]
        return hook

    hooks = [m.register_forward_hook(keep(lid)) for lid, m in model.named_children()]
    hooks += [m.register_forward_pre_hook(sequence(lid)) for lid, m in recurrent_layers(model).items()]
    was_training = model.training
    model.eval()
    try:
        model(probe)
        for h in hooks[len(out):]:
            h.remove()
        del hooks[len(out):]
        for lid, value in captured.items():
            value = value.float()
            finite = value[torch.isfinite(value)]
            out[lid]["rms"] = float(finite.pow(2).mean().sqrt()) if finite.numel() else None
            if value.dim() == 4:
                out[lid]["maps"] = value[0, :MAX_UNITS].cpu().numpy()
        if grid is not None:
            captured.clear()
            model(grid)
            side = int(round(math.sqrt(len(grid))))
            for lid, value in captured.items():
                if value.dim() == 2 and value.shape[1] <= MAX_UNITS:
                    out[lid]["units"] = value.float().T.reshape(-1, side, side).cpu().numpy()
                    out[lid]["dead"] = dead_units(out[lid]["units"])  # zero over the whole plane: drawn grey
    finally:
        for h in hooks:
            h.remove()
        model.train(was_training)
    return out


def time_gradients(model: nn.Module, x: torch.Tensor, y: torch.Tensor, loss_fn, shape_for_loss,
                   layers: dict) -> dict:
    """‖∂L/∂h_t‖ for each time step t of each recurrent layer (mean over the batch of each sample's norm).

    A fused recurrent kernel hides its hidden states, so for this sampled pass each layer runs one step at a time,
    keeping every h_t; the loss's gradient then reaches each of them through every later step, as in training.
    """
    states: dict[str, list] = {lid: [] for lid in layers}

    def unrolled(lid, module):
        base = _sequence_module(module).forward

        def forward(inputs):
            state, outs = None, []
            for t in range(inputs.shape[1]):
                out_t, state = base(module, inputs[:, t:t + 1], state)
                h = state[0] if isinstance(state, tuple) else state
                h.retain_grad()
                out_t.retain_grad()
                states[lid].append((h, out_t))
                outs.append(out_t)
            full = torch.cat(outs, 1)
            return full if module.return_sequences else full[:, -1]
        return forward

    was_training = model.training
    model.eval()  # no dropout, no BatchNorm statistics updated: a look, not a step
    try:
        for lid, module in layers.items():
            module.forward = unrolled(lid, module)
        with torch.enable_grad():
            loss = loss_fn(shape_for_loss(model(x), y), y)
            loss.backward()
    finally:
        for module in layers.values():
            module.__dict__.pop("forward", None)
        model.zero_grad(set_to_none=True)
        model.train(was_training)
    result = {}
    for lid, steps in states.items():
        norms = []
        for h, out_t in steps:
            g = (h.grad[-1] if h.grad is not None else 0) + (out_t.grad[:, 0] if out_t.grad is not None else 0)
            norms.append(float(torch.as_tensor(g).float().norm(dim=-1).mean()) if torch.is_tensor(g) else 0.0)
        result[lid] = norms
    return result


def boundary(trainer, x_raw: np.ndarray) -> dict | None:
    """The model's output over a grid spanning 2-D data (the decision boundary, or the predicted surface)."""
    lo, hi = np.nanmin(x_raw, 0), np.nanmax(x_raw, 0)
    pad = (hi - lo) * 0.1 + 1e-6
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], GRID)
    ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], GRID)
    gx, gy = np.meshgrid(xs, ys)
    grid = torch.tensor(np.stack([gx.ravel(), gy.ravel()], 1), dtype=torch.float32)
    parts = trainer.parts
    out = trainer.predict(parts.normalizer.apply(grid).to(parts.device))
    view = trainer.objective.boundary(out, parts.normalizer, GRID)
    return None if view is None else {"x": xs, "y": ys, **view}


def confusion(pred: torch.Tensor, true: torch.Tensor, n_classes: int) -> np.ndarray:
    idx = true.long() * n_classes + pred.long()
    return torch.bincount(idx.cpu(), minlength=n_classes * n_classes).reshape(n_classes, n_classes).numpy()


def worst(x_raw: torch.Tensor, true: torch.Tensor, probs: torch.Tensor, k: int = 8) -> list[dict]:
    """The validation samples the model gets most wrong (lowest probability on the true class)."""
    p_true = probs.gather(1, true.long().view(-1, 1)).squeeze(1)
    order = p_true.argsort()[:k].cpu()
    pred = probs.argmax(1).cpu()
    return [{"index": int(i), "x": x_raw[i].cpu().numpy(), "true": int(true[i]), "pred": int(pred[i]),
             "p_true": float(p_true[i])} for i in order]


# ---- health ---------------------------------------------------------------------------------

THROUGH_TIME = 1e-3  # early steps' gradient this far below the last step's: vanishing through time
SOLVED = 0.99  # a metric this good is not a plateau to escape from


def alerts(snapshot_layers: dict[str, dict], acts: dict[str, dict], epochs: list[dict],
           time_grads: dict[str, list[float]] | None = None, vanilla_rnn: bool = False) -> list[dict]:
    """Vanishing gradients (through depth or through time), exploding gradients, dead units, a loss plateau,
    overfitting. The advice fits the network: swapping a vanilla RNN for an LSTM/GRU only where there is one."""
    out = _through_time(time_grads or {})
    norms = {lid: t["grad_norm"][-1] for lid, t in snapshot_layers.items() if t["grad_norm"]}
    finite = {lid: n for lid, n in norms.items() if n > 0 and math.isfinite(n)}
    if len(finite) >= 2:
        median = float(np.median(list(finite.values())))
        exploding = {lid for lid, n in norms.items() if not math.isfinite(n) or n > 1e3 or (n > median * 1e3 and n > 10)}
        for lid in exploding:
            out.append(_alert("exploding", lid, f"gradient norm {norms[lid]:.1e} is far above the others "
                              f"({median:.1e}). Lower the learning rate or set grad_clip.", "error"))
        healthy = [n for lid, n in finite.items() if lid not in exploding]
        strongest = max(healthy, default=0.0)
        for lid, n in finite.items():
            if lid not in exploding and n < strongest * 1e-3 and not any(a["layer"] == lid for a in out):
                out.append(_alert("vanishing", lid, f"gradient norm {n:.1e} is over 1000× below the strongest "
                                  f"layer's ({strongest:.1e}): this layer barely learns. Try ReLU/GELU, "
                                  "normalisation, residual connections" + (", or an LSTM/GRU instead of a vanilla "
                                  "RNN." if vanilla_rnn else ".")))
    for lid, a in acts.items():
        if a.get("dead_fraction", 0) >= 0.5:
            out.append(_alert("dead_units", lid, f"{a['dead_fraction']:.0%} of units output zero for every probe sample. "
                              "Lower the learning rate, or use LeakyReLU/GELU."))
    losses = [r["train_loss"] for r in epochs]
    solved = bool(epochs) and any((epochs[-1].get(k) or 0) >= SOLVED for k in ("val_acc", "train_acc", "val_r2"))
    if len(losses) >= 5 and max(losses[-4:]) - min(losses[-4:]) < 0.01 * abs(losses[-4]) + 1e-8 and not solved \
            and not any(a["kind"] == "vanishing_through_time" for a in out):
        out.append(_alert("plateau", None, "the training loss has not moved for 4 epochs. Try a higher learning "
                          "rate, a scheduler, or a larger model."))
    val = [r.get("val_loss") for r in epochs]
    if len(val) >= 4 and None not in val[-4:] and val[-1] > val[-2] > val[-3] and losses[-1] < losses[-2] < losses[-3]:
        out.append(_alert("overfitting", None, "validation loss has risen for 2 epochs while training loss fell: the "
                          "model is memorising. Add dropout or weight decay, or enable early stopping."))
    return out


def _through_time(time_grads: dict[str, list[float]]) -> list[dict]:
    found = []
    for lid, norms in time_grads.items():
        if len(norms) < 4 or not norms[-1] > 0:
            continue
        early = float(np.mean(norms[:max(1, len(norms) // 10)]))
        if early < norms[-1] * THROUGH_TIME:
            found.append(_alert("vanishing_through_time", lid,
                                f"vanishing gradients through time: the loss's gradient at the first steps "
                                f"({early:.1e}) is over 1000× below the last step's ({norms[-1]:.1e}), so the "
                                "early inputs barely change what the layer learns. An LSTM or GRU keeps gradients "
                                "alive across many steps: swap this layer for one."))
    return found


def _alert(kind: str, layer: str | None, message: str, severity: str = "warning") -> dict:
    return {"kind": kind, "layer": layer, "message": message, "severity": severity}
