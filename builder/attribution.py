"""Why the network gave its answer, with Captum: saliency, the signed input gradient and integrated gradients for
any input, Grad-CAM on a chosen convolution for images, attributions per token through the embedding for token
ids, and for 2-D data the input gradient over the plane (arrows).

Every attribution is with respect to the raw input, as the person sees it: the network is run behind its
normaliser, so the gradients include the normaliser's scaling (chain rule). Integrated gradients start from the
training mean (zeros in the normalised space the network sees); their sum is then the change of the explained
output from the mean input to this sample."""
from __future__ import annotations

import contextlib
import time
from dataclasses import asdict, dataclass

import numpy as np
import torch
from torch import nn

from .errors import DataError, SpecError, SpecErrors, short
from .trace import ModelParts, as_sample, model_parts

METHODS = {
    "saliency": "how much each input value moves the output: the gradient's size",
    "gradient": "the signed gradient: which way each input value would raise the output",
    "integrated_gradients": "each input value's share of the output's change from the training mean to this sample",
    "grad_cam": "where in the image a convolution layer saw what the output needs (images only)",
}
METHOD_NAMES = {"saliency": "Saliency", "gradient": "Signed gradient", "integrated_gradients": "Integrated gradients",
                "grad_cam": "Grad-CAM"}  # each method's name, as the page and the charts write it
IG_STEPS = 50  # integration steps of integrated gradients (Gauss-Legendre: exact for a straight-line network)
FIELD_GRID = 15  # arrows per axis of the input-gradient field over the plane


@dataclass
class Attribution:
    """One sample's attribution, as plain data."""

    method: str
    target: int  # the output explained: a class, or a position in the flattened output
    target_label: str
    values: np.ndarray  # the input's shape; grad_cam: [height, width] of the input; token ids: [steps]
    baseline: str  # what integrated gradients start from, in words ("" for the others)
    layer: str | None = None  # grad_cam's convolution, or the embedding that token attributions pass through
    delta: float | None = None  # integrated gradients: how far their sum is from the output's change
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {**asdict(self), "name": METHOD_NAMES[self.method]}


class _RawForward:
    """The network behind its normaliser, taking raw inputs, with outputs flattened to [n, outputs] (one logit
    per class; a single binary logit z becomes the pair (-z, z), so class 0 and class 1 can each be explained)."""

    def __init__(self, parts: ModelParts, decoded: bool = False):
        self.parts, self.decoded = parts, decoded

    def __call__(self, x):
        p = self.parts
        out = p.model(p.normalizer.apply(x))
        if self.decoded:
            return p.objective.decode(out, p.normalizer).reshape(len(out), -1)
        out = out.reshape(len(out), -1)
        return torch.cat([-out, out], 1) if p.objective.name == "binary" else out


@contextlib.contextmanager
def _explaining(parts: ModelParts):
    """Eval mode (no dropout, running BatchNorm statistics), restored after; cuDNN's fused RNN has no backward pass
    in eval mode, so it is off meanwhile."""
    was_training = parts.model.training
    parts.model.eval()
    try:
        with torch.backends.cudnn.flags(enabled=False), torch.enable_grad():
            yield
    finally:
        parts.model.train(was_training)


def attribute(source, x_raw, method: str = "saliency", target: int | None = None, layer_id: str | None = None,
              steps: int = IG_STEPS) -> Attribution:
    """Explain the network's output for one raw sample (source: a Trainer, a Prepared or a Bundle). `target`: the
    class (or flattened output position) to explain; None: the predicted class, or the first output. `layer_id`:
    Grad-CAM's Conv2d layer (None: the last one)."""
    if method not in METHODS:
        raise SpecErrors([SpecError(None, f"unknown attribution method {short(method)}",
                                    f"one of: {', '.join(METHODS)}")])
    t0 = time.perf_counter()
    parts = model_parts(source)
    x = as_sample(parts, x_raw).to(parts.device)
    forward = _RawForward(parts)
    with _explaining(parts):
        target = _target(parts, forward, x, target)
        if not x.is_floating_point():
            found = _tokens(parts, forward, x, method, target, steps)
        elif method == "grad_cam":
            found = _grad_cam(parts, forward, x, target, layer_id)
        else:
            found = _input_attribution(parts, forward, x, method, target, steps)
    found.seconds = time.perf_counter() - t0
    return found


def _target(parts: ModelParts, forward: _RawForward, x: torch.Tensor, target: int | None) -> int:
    with torch.no_grad():
        out = forward(x)
    if target is None:
        return int(out.argmax(1)) if parts.objective.task == "classification" else 0
    if isinstance(target, bool) or not isinstance(target, int) or not 0 <= target < out.shape[1]:
        what = "class" if parts.objective.task == "classification" else "output"
        raise DataError("the attribution", f"target must be a {what} from 0 to {out.shape[1] - 1}. "
                                           f"Received: target={short(target)}")
    return target


def _label(parts: ModelParts, target: int) -> str:
    if parts.objective.task == "classification":
        names = parts.class_names or []
        return names[target] if target < len(names) else str(target)
    return f"output {target}"


def _baseline(parts: ModelParts, x: torch.Tensor) -> tuple[torch.Tensor, str]:
    mean = parts.normalizer.x_mean
    if mean is None:
        return torch.zeros_like(x), "zeros (the inputs are not normalised)"
    return mean.to(x.device).expand_as(x).contiguous(), "the training mean (zeros in the normalised inputs)"


def _input_attribution(parts, forward, x, method, target, steps) -> Attribution:
    from captum.attr import IntegratedGradients, Saliency
    baseline, delta = "", None
    if method == "integrated_gradients":
        start, baseline = _baseline(parts, x)
        values, delta = IntegratedGradients(forward).attribute(x, baselines=start, target=target, n_steps=steps,
                                                               return_convergence_delta=True)
        delta = float(delta.abs().max())
    else:
        values = Saliency(forward).attribute(x.clone().requires_grad_(), target=target, abs=method == "saliency")
    return Attribution(method, target, _label(parts, target), _numpy(values[0]), baseline, delta=delta)


def _grad_cam(parts, forward, x, target, layer_id) -> Attribution:
    from captum.attr import LayerAttribution, LayerGradCam
    if x.dim() != 4:
        raise DataError("Grad-CAM", f"explains images ([channels, height, width]); this network reads samples of "
                                    f"shape {list(x.shape[1:])}", "use saliency or integrated_gradients")
    layer_id, conv = _layer(parts, layer_id, nn.Conv2d, "Conv2d", last=True)
    cam = LayerGradCam(forward, conv).attribute(x, target=target, relu_attributions=True)
    cam = LayerAttribution.interpolate(cam, tuple(x.shape[2:]), "bilinear")
    return Attribution("grad_cam", target, _label(parts, target), _numpy(cam[0, 0]), "", layer=layer_id)


def _tokens(parts, forward, x, method, target, steps) -> Attribution:
    """Token ids have no gradient: attribute through the first embedding's output, summed over its dimensions
    (saliency: the size of the gradient; integrated gradients from the embedding of token 0, or padding_idx)."""
    from captum.attr import LayerGradientXActivation, LayerIntegratedGradients
    if method == "grad_cam":
        raise DataError("Grad-CAM", "explains images; this network reads token ids",
                        "use saliency or integrated_gradients")
    layer_id, embedding = _layer(parts, None, nn.Embedding, "Embedding", last=False)
    baseline, delta = "", None
    if method == "integrated_gradients":
        token = embedding.padding_idx if embedding.padding_idx is not None else 0
        baseline = f"token {token} at every step"
        values, delta = LayerIntegratedGradients(forward, embedding).attribute(
            x, baselines=torch.full_like(x, token), target=target, n_steps=steps, return_convergence_delta=True)
        values, delta = values.sum(-1), float(delta.abs().max())
    else:
        grads = LayerGradientXActivation(forward, embedding, multiply_by_inputs=False).attribute(x, target=target)
        values = grads.abs().sum(-1) if method == "saliency" else grads.sum(-1)
    return Attribution(method, target, _label(parts, target), _numpy(values[0]), baseline, layer=layer_id,
                       delta=delta)


def _layer(parts: ModelParts, layer_id: str | None, kind: type, name: str, last: bool) -> tuple[str, nn.Module]:
    """The layer to attribute at: `layer_id` (checked to be a `kind`), or the network's first or last `kind`."""
    found = [(lid, m) for lid, m in parts.model.named_children() if isinstance(m, kind)]
    if not found:
        raise DataError("the attribution", f"needs a {name} layer, and this network has none")
    if layer_id is None:
        return found[-1] if last else found[0]
    layers = dict(parts.model.named_children())
    if layer_id not in layers or not isinstance(layers[layer_id], kind):
        what = type(layers[layer_id]).__name__ if layer_id in layers else None
        raise SpecErrors([SpecError(layer_id if what else None,
                                    f"is a {what}, not a {name}" if what else f"no layer {short(layer_id)}",
                                    f"{name} layers: {', '.join(lid for lid, _ in found)}", what)])
    return layer_id, layers[layer_id]


def _numpy(t: torch.Tensor) -> np.ndarray:
    return t.detach().float().cpu().numpy()


def gradient_field(source, target: int | None = None, grid: int = FIELD_GRID, bounds=None) -> dict:
    """For 2-D inputs: the gradient of the explained output over a grid of the plane, as arrows. Classifiers: of
    the probability of class `target` (None: class 1 of two, else class 0) — arrows point where it grows;
    regression: of the predicted value, in the data's units. `bounds` ((x0, x1), (y0, y1)); None: the run's data,
    padded by a tenth. Returns {"x": [grid], "y": [grid], "u": [grid, grid], "v": [grid, grid], "target", "label"}."""
    parts = model_parts(source)
    if tuple(parts.sample_shape) != (2,) or not parts.model.input_dtype.is_floating_point:
        raise DataError("the gradient field", f"is drawn on the plane of 2-D inputs; this network reads samples "
                                              f"of shape {list(parts.sample_shape)}")
    (x0, x1), (y0, y1) = bounds if bounds is not None else _data_bounds(parts)
    xs, ys = np.linspace(x0, x1, grid), np.linspace(y0, y1, grid)
    gx, gy = np.meshgrid(xs, ys)
    points = torch.tensor(np.stack([gx.ravel(), gy.ravel()], 1), dtype=torch.float32, device=parts.device)
    forward = _RawForward(parts, decoded=True)
    from captum.attr import Saliency
    with _explaining(parts):
        with torch.no_grad():
            width = forward(points[:1]).shape[1]
        if target is None:
            target = 1 if parts.objective.task == "classification" and width == 2 else 0
        target = _target(parts, forward, points[:1], target)
        grads = _numpy(Saliency(forward).attribute(points.requires_grad_(), target=target, abs=False))
    return {"x": xs, "y": ys, "u": grads[:, 0].reshape(grid, grid), "v": grads[:, 1].reshape(grid, grid),
            "target": target, "label": _label(parts, target)}


def _data_bounds(parts: ModelParts):
    if parts.prepared is None:
        raise DataError("the gradient field", "needs bounds for a model without its data", "pass bounds")
    x = torch.cat([parts.prepared.x_train_raw, parts.prepared.x_val_raw]).float().numpy()
    lo, hi = np.nanmin(x, 0), np.nanmax(x, 0)
    pad = (hi - lo) * 0.1 + 1e-6
    return (lo[0] - pad[0], hi[0] + pad[0]), (lo[1] - pad[1], hi[1] + pad[1])
