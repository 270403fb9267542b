"""The dashboard's pictures of a model, computed from it on a fixed probe batch: each layer's activations, the
canvas's live node views, the gradient through time of recurrent layers, the decision boundary, the confusion matrix,
the worst-predicted samples, and the health alerts read from them. Plain functions of a model and tensors; the
`telemetry.Telemetry` listener decides when each runs."""
from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from .layer_probe import BINS
from .weights import dead_units

GRID = 60  # decision-boundary grid resolution per axis
UNIT_GRID = 16  # resolution of each unit's picture over the input plane (canvas nodes, 2-D data)
MAX_UNITS = 16  # a dense layer this narrow shows every unit on its canvas node
RELU_LIKE = (nn.ReLU, nn.ReLU6)

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
        hist, edges = _histogram(out.reshape(-1))
        info.update(kind="distribution", hist=hist, edges=edges)
    if relu:  # a unit (feature or channel) is dead when it is zero for every probe sample
        units = out.transpose(0, 1).reshape(out.shape[1], -1)
        info["dead_fraction"] = float((units.max(dim=1).values <= 0).float().mean())
    return info


def _histogram(flat: torch.Tensor) -> tuple[np.ndarray, np.ndarray]:
    """BINS counts of the finite values of `flat` between their smallest and largest, and the bins' edges: each
    value's bin by arithmetic and one `bincount` (`torch.histc` took ten times as long on a CPU), the non-finite
    values left out (a pass that is only paid when there are some)."""
    if flat.numel():
        lo, hi = (float(v) for v in torch.aminmax(flat))
        if not (math.isfinite(lo) and math.isfinite(hi)):  # NaN or inf among them
            flat = flat[torch.isfinite(flat)]
            lo, hi = (float(v) for v in torch.aminmax(flat)) if flat.numel() else (0.0, 0.0)
    else:
        lo = hi = 0.0
    hi = hi if hi > lo else lo + 1e-6
    index = ((flat - lo) * (BINS / (hi - lo))).clamp_(0, BINS - 1).to(torch.int32)  # the largest: the last bin
    return torch.bincount(index, minlength=BINS).float().numpy(), np.linspace(lo, hi, BINS + 1)


# ---- the canvas: what each node shows while training ----------------------------------------

def unit_grid(parts) -> torch.Tensor:
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


def sequence_module(module: nn.Module):
    """The torch recurrent class behind one of NetBuilder's batch-first RNN/LSTM/GRU layers, or None."""
    for cls in (nn.LSTM, nn.GRU, nn.RNN):
        if isinstance(module, cls):
            return cls
    return None


def recurrent_layers(model: nn.Module) -> dict[str, nn.Module]:
    """The recurrent layers whose gradient through time can be measured: one direction, batch first."""
    return {lid: m for lid, m in model.named_children()
            if sequence_module(m) is not None and not m.bidirectional and m.batch_first}


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
            full, _ = sequence_module(module).forward(module, inputs[0][:1])
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
        base = sequence_module(module).forward

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
        # cuDNN's fused RNN has no backward pass in eval mode ("cudnn RNN backward can only be called in training
        # mode"): off for this look, as attribution turns it off
        with torch.enable_grad(), torch.backends.cudnn.flags(enabled=False):
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
           time_grads: dict[str, list[float]] | None = None, vanilla_rnn: bool = False,
           gated: frozenset[str] | set[str] = frozenset()) -> list[dict]:
    """Vanishing gradients (through depth or through time), exploding gradients, dead units, a loss plateau,
    overfitting. The advice fits the network: swapping a vanilla RNN for an LSTM/GRU only where there is one, and
    never for a layer that is one already (`gated`: the ids of LSTM and GRU layers)."""
    out = _through_time(time_grads or {}, gated)
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
    best = memorising(losses, [r.get("val_loss") for r in epochs])
    if best is not None:
        first, last = epochs[best]["val_loss"], epochs[-1]["val_loss"]
        out.append(_alert("overfitting", None, f"validation loss has risen since epoch {best + 1} ({first:.3g} → "
                          f"{last:.3g}) while training loss fell: the model is memorising. Add dropout or weight "
                          "decay, or enable early stopping."))
    return out


OVERFIT_RISE = 0.1  # validation loss this far above its best (a fraction of it), two epochs on or more: memorising


def memorising(train: list[float], val: list) -> int | None:
    """The epoch (index) of the best validation loss when the model has been memorising since: validation loss rose
    for the last two epochs while training loss fell, or it has stayed over OVERFIT_RISE above its best for two
    epochs or more while training loss fell below what it was then (a noisy last epoch does not hide that)."""
    if len(val) < 4 or any(v is None or not math.isfinite(v) for v in val):
        return None
    best = min(range(len(val)), key=val.__getitem__)
    rising = val[-1] > val[-2] > val[-3] and train[-1] < train[-2] < train[-3]
    risen = best <= len(val) - 3 and val[-1] > val[best] + OVERFIT_RISE * abs(val[best]) and train[-1] < train[best]
    return best if (rising or risen) and best < len(val) - 1 else None


def _through_time(time_grads: dict[str, list[float]], gated: frozenset[str] | set[str] = frozenset()) -> list[dict]:
    found = []
    for lid, norms in time_grads.items():
        if len(norms) < 4 or not norms[-1] > 0:
            continue
        early = float(np.mean(norms[:max(1, len(norms) // 10)]))
        if early < norms[-1] * THROUGH_TIME:
            advice = ("Its gates have not learned yet to carry the gradient this far (an LSTM's or GRU's start out "
                      "fading too): train longer, or shorten the sequences." if lid in gated else
                      "An LSTM or GRU keeps gradients alive across many steps: swap this layer for one.")
            found.append(_alert("vanishing_through_time", lid,
                                f"vanishing gradients through time: the loss's gradient at the first steps "
                                f"({early:.1e}) is over 1000× below the last step's ({norms[-1]:.1e}), so the "
                                f"early inputs barely change what the layer learns. {advice}"))
    return found


def _alert(kind: str, layer: str | None, message: str, severity: str = "warning") -> dict:
    return {"kind": kind, "layer": layer, "message": message, "severity": severity}
