"""What the dashboard draws, computed from a model during training: weight and gradient
histograms, activations of a probe batch, views of the predictions, and health alerts."""
from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from .runlog import RunLog

BINS = 40
GRID = 60  # decision-boundary grid resolution per axis
RELU_LIKE = (nn.ReLU, nn.ReLU6)


def _edges(values: torch.Tensor) -> np.ndarray:
    """Fixed, symmetric bin edges chosen from the first look at a layer (so histograms stack over time)."""
    m = float(values.abs().max()) if values.numel() else 1.0
    m = 1e-8 if not math.isfinite(m) or m == 0 else m
    return np.linspace(-1.5 * m, 1.5 * m, BINS + 1)


def _hist(values: torch.Tensor, edges: np.ndarray) -> np.ndarray:
    # values beyond the fixed edges land in the outermost bins rather than vanish
    clipped = values.clamp(float(edges[0]), float(edges[-1]))
    return torch.histc(clipped, BINS, float(edges[0]), float(edges[-1])).to(torch.int64).numpy()


class LayerProbe:
    """Every K steps, per layer with parameters: histograms, norms and the update-to-weight ratio."""

    def __init__(self, model: nn.Module):
        self.layers = {lid: [p for p in m.parameters() if p.requires_grad] for lid, m in model.named_children()}
        self.layers = {lid: ps for lid, ps in self.layers.items() if ps}
        self.edges: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._before: dict[str, torch.Tensor] = {}

    @staticmethod
    def _flat(params, grad=False) -> torch.Tensor:
        parts = [(p.grad if grad else p).detach().reshape(-1) for p in params if not grad or p.grad is not None]
        return torch.cat(parts).float().cpu() if parts else torch.zeros(0)

    def before_update(self) -> None:
        """Remember the weights (call after backward, before optimizer.step)."""
        self._before = {lid: self._flat(ps) for lid, ps in self.layers.items()}
        self._grads = {lid: self._flat(ps, grad=True) for lid, ps in self.layers.items()}

    def after_update(self, log: RunLog, step: int) -> None:
        for lid, params in self.layers.items():
            w, g, w0 = self._flat(params), self._grads[lid], self._before[lid]
            if lid not in self.edges:
                self.edges[lid] = (_edges(w), _edges(g))
            we, ge = self.edges[lid]
            w_norm = float(w.norm())
            ratio = float((w - w0).norm()) / w_norm if w_norm > 0 else None
            log.log_layer(lid, step, we, ge, _hist(w, we), _hist(g, ge), w_norm, float(g.norm()), ratio)


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
        lo, hi = float(flat.min()), float(flat.max())
        hi = hi if hi > lo else lo + 1e-6
        info.update(kind="distribution", hist=torch.histc(flat, BINS, lo, hi).numpy(), edges=np.linspace(lo, hi, BINS + 1))
    if relu:  # a unit (feature or channel) is dead when it is zero for every probe sample
        units = out.transpose(0, 1).reshape(out.shape[1], -1)
        info["dead_fraction"] = float((units.max(dim=1).values <= 0).float().mean())
    return info


def boundary(model: nn.Module, x_raw: np.ndarray, normalize, task: str, device) -> dict:
    """The model's output over a grid spanning 2-D data (the decision boundary)."""
    lo, hi = x_raw.min(0), x_raw.max(0)
    pad = (hi - lo) * 0.1 + 1e-6
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], GRID)
    ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], GRID)
    gx, gy = np.meshgrid(xs, ys)
    grid = torch.tensor(np.stack([gx.ravel(), gy.ravel()], 1), dtype=torch.float32, device=device)
    with torch.no_grad():
        out = model(normalize(grid)).float()
    if task == "classification":
        probs = torch.sigmoid(out) if out.shape[1] == 1 else out.softmax(1)
        label = (probs[:, 0] > 0.5).long() if out.shape[1] == 1 else probs.argmax(1)
        conf = probs[:, 0] if out.shape[1] == 1 else probs.max(1).values
        z = {"label": label.reshape(GRID, GRID).cpu().numpy(), "confidence": conf.reshape(GRID, GRID).cpu().numpy()}
    else:
        z = {"value": out[:, 0].reshape(GRID, GRID).cpu().numpy()}
    return {"x": xs, "y": ys, **z}


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

def alerts(snapshot_layers: dict[str, dict], acts: dict[str, dict], epochs: list[dict]) -> list[dict]:
    """Vanishing or exploding gradients, dead units, a loss plateau, overfitting."""
    out = []
    norms = {lid: t["grad_norm"][-1] for lid, t in snapshot_layers.items() if t["grad_norm"]}
    finite = [n for n in norms.values() if n > 0 and math.isfinite(n)]
    if len(finite) >= 2:
        median = float(np.median(finite))
        for lid, n in norms.items():
            if n < median * 1e-3:
                out.append(_alert("vanishing", lid, f"gradient norm {n:.1e} is over 1000× below the median layer's "
                                  f"({median:.1e}): this layer barely learns. Try ReLU/GELU, normalisation, "
                                  "residual connections, or an LSTM/GRU instead of a vanilla RNN."))
            elif n > median * 1e3 or n > 1e4:
                out.append(_alert("exploding", lid, f"gradient norm {n:.1e} is far above the others ({median:.1e}). "
                                  "Lower the learning rate or set grad_clip.", "error"))
    for lid, a in acts.items():
        if a.get("dead_fraction", 0) >= 0.5:
            out.append(_alert("dead_units", lid, f"{a['dead_fraction']:.0%} of units output zero for every probe sample. "
                              "Lower the learning rate, or use LeakyReLU/GELU."))
    losses = [r["train_loss"] for r in epochs]
    if len(losses) >= 5 and max(losses[-4:]) - min(losses[-4:]) < 0.01 * abs(losses[-4]) + 1e-8:
        out.append(_alert("plateau", None, "the training loss has not moved for 4 epochs. Try a higher learning "
                          "rate, a scheduler, or a larger model."))
    val = [r.get("val_loss") for r in epochs]
    if len(val) >= 4 and None not in val[-4:] and val[-1] > val[-2] > val[-3] and losses[-1] < losses[-2] < losses[-3]:
        out.append(_alert("overfitting", None, "validation loss has risen for 2 epochs while training loss fell: the "
                          "model is memorising. Add dropout or weight decay, or enable early stopping."))
    return out


def _alert(kind: str, layer: str | None, message: str, severity: str = "warning") -> dict:
    return {"kind": kind, "layer": layer, "message": message, "severity": severity}
