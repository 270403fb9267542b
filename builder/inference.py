"""A trained network ready for raw inputs (`InferenceModel`: normalise, run, decode), rebuilt from a bundle's parts
— its spec, its inference facts and its weights — with every part checked first: weights that fit the network and
are finite, statistics a model can divide by, class names for its outputs, a table description that reads."""
from __future__ import annotations

import math

import torch
from torch import nn

from .compiler import Network, build_model, traceable
from .datasets import TASKS
from .errors import BundleError, DataError, finite_number
from .objectives import objective_for
from .recipes import default_loss
from .spec import Spec
from .tables import Table, TableError


class InferenceModel(nn.Module):
    """The trained network wrapped for raw inputs: normalise, run, and give predictions in the data's units
    (class logits for classification; values for regression, with the target scaling undone; rebuilt inputs for
    autoencoders; sigmoids where the loss compared logits with targets in [0, 1])."""

    def __init__(self, net: Network, x_mean: torch.Tensor, x_std: torch.Tensor, output: str = "none",
                 out_scale: torch.Tensor | None = None, out_shift: torch.Tensor | None = None):
        super().__init__()
        self.net = net
        self.output = output  # "none", "affine" (out · scale + shift) or "sigmoid"
        self.register_buffer("x_mean", x_mean)
        self.register_buffer("x_std", x_std)
        self.register_buffer("out_scale", out_scale if out_scale is not None else torch.ones(1))
        self.register_buffer("out_shift", out_shift if out_shift is not None else torch.zeros(1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.is_floating_point():
            x = (x - self.x_mean) / self.x_std
        out = self.net(x)
        if self.output == "sigmoid":
            return torch.sigmoid(out)
        if self.output == "affine":
            return out * self.out_scale + self.out_shift
        return out

    def traceable(self) -> "InferenceModel":
        """This model as exporters trace it: the same weights, its layers named as Python can spell them (see
        compiler.traceable)."""
        net = traceable(self.net)
        if net is self.net:
            return self
        return InferenceModel(net, self.x_mean, self.x_std, self.output, self.out_scale, self.out_shift).eval()


def inference_model(spec: Spec, inference: dict, state: dict | None = None, where: str = "the bundle") \
        -> InferenceModel:
    from .preprocessing import Normalizer
    net = build_model(spec)
    if state is not None:
        problem = _weights_problem(net, state)
        if problem:
            raise BundleError(f"{where}: the weights do not fit the spec's network: {problem}")
        damaged = _non_finite_weights(net, state)
        if damaged:
            raise BundleError(f"{where}: the weights are damaged: {damaged}")
        net.load_state_dict(state, strict=True)
    try:
        norm = Normalizer.from_dict(inference.get("normalizer") or {})
    except DataError as e:
        raise BundleError(f"{where}: {e.message}") from None
    task = inference.get("task", "classification")
    if task not in TASKS:
        raise BundleError(f"{where}: spec.json names an unknown task {task!r}; one of {', '.join(TASKS)}")
    loss = spec.training.loss if spec.training and spec.training.loss else default_loss(task)
    output, scale, shift = objective_for(task, loss).output_transform(norm)
    x_mean = norm.x_mean if norm.x_mean is not None else torch.zeros(1)
    x_std = norm.x_std if norm.x_std is not None else torch.ones(1)
    model = InferenceModel(net, x_mean, x_std, output, scale, shift).eval()
    _check_statistics(model, norm, spec, where)
    _check_classes(spec, inference, task, where)
    _check_table(inference, where)
    return model


def _check_table(inference: dict, where: str) -> None:
    """A table's description must read, and each value that fills its gaps must be one the column can hold: a
    finite number for a number column, one of its categories for a text column."""
    raw = inference.get("table")
    if not raw:
        return
    try:
        table = Table.from_dict(raw)
    except TableError as e:
        raise BundleError(f"{where}: spec.json's table is damaged: {e.message}") from None
    fill = raw.get("fill") or {}
    if not isinstance(fill, dict):
        raise BundleError(f"{where}: spec.json's table is damaged: its fill values are not a JSON object")
    for column in table.columns:
        if column.name not in fill:
            continue
        value = fill[column.name]
        if column.dates:  # a number for each of its parts
            fits = isinstance(value, list) and len(value) == column.width and all(finite_number(v) for v in value)
        else:
            fits = value in column.categories if column.categories is not None else finite_number(value)
        if not fits:
            kind = f"one of its categories ({', '.join(column.categories[:10])})" if column.categories is not None \
                else f"{column.width} finite numbers" if column.dates else "a finite number"
            raise BundleError(f"{where}: spec.json's table is damaged: column '{column.name}' would fill its gaps "
                              f"with {value!r}, which is not {kind}")


def _check_classes(spec: Spec, inference: dict, task: str, where: str) -> None:
    """A classifier's class names must be one per output (or two for a single logit)."""
    names = inference.get("class_names")
    if task != "classification" or names is None:
        return
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise BundleError(f"{where}: spec.json's class names are not a list of text")
    from .checker import check_spec
    width = math.prod(check_spec(spec).output_shape or (0,))
    if len(names) != width and not (width == 1 and len(names) == 2):
        raise BundleError(f"{where}: spec.json names {len(names)} classes, but the network outputs {width} value(s) "
                          f"per sample (its last layer '{spec.layers[-1].id}')")


def _weights_problem(net: Network, state: dict) -> str | None:
    """The first difference between a state dict and the network, in words (None: they fit)."""
    own = net.state_dict()
    for key, tensor in own.items():
        if key not in state:
            return f"it has no weights for '{key}' (layer '{key.split('.')[0]}')"
        if tuple(state[key].shape) != tuple(tensor.shape):
            return (f"layer '{key.split('.')[0]}': '{key}' has shape {list(state[key].shape)} in the weights but "
                    f"{list(tensor.shape)} in the spec's network")
    extra = [k for k in state if k not in own]
    if extra:
        return f"the weights hold '{extra[0]}', which no layer of the spec's network has"
    return None


def _non_finite_weights(net: Network, state: dict) -> str | None:
    """The first tensor (in the network's order) of a state dict that holds NaN or infinite values, in words (None:
    all are finite). Such weights predict NaN for every input: they are refused, not run."""
    for key in net.state_dict():
        tensor = state[key]
        if tensor.is_floating_point() and not torch.isfinite(tensor).all():
            bad = int((~torch.isfinite(tensor)).sum())
            return (f"layer '{key.split('.')[0]}': '{key}' holds {bad:,} NaN or infinite value(s) of "
                    f"{tensor.numel():,} in model.safetensors")
    return None


MIN_STD = 1e-12  # a smaller standard deviation blows inputs up a trillionfold; training never keeps one below 1e-6
STATISTICS = {"x_mean": "an input mean", "x_std": "an input standard deviation", "y_mean": "a target mean",
              "y_std": "a target standard deviation"}  # the normaliser's statistics in spec.json, in words


def _statistics_problem(norm) -> str | None:
    """The first normalisation statistic that is not finite, or a standard deviation that is not positive and
    above MIN_STD, named as spec.json names it (None: all are usable)."""
    for name, what in STATISTICS.items():
        values = getattr(norm, name)
        if values is None:
            continue
        flat = values.flatten()
        bad = ~torch.isfinite(flat)
        if name.endswith("std"):
            bad |= ~(flat >= MIN_STD)
        if bad.any():
            i = int(bad.nonzero()[0])
            return f"{name}[{i}] ({what}) is {flat[i].item():g}" + \
                (f"; a standard deviation must be at least {MIN_STD:g}" if name.endswith("std") else "")
    return None


def _check_statistics(model: InferenceModel, norm, spec: Spec, where: str) -> None:
    """The normalisation statistics must be finite numbers (standard deviations positive, not next to zero) that
    broadcast over one sample, and the output scaling over the output."""
    problem = _statistics_problem(norm)
    if problem:
        what = "input" if problem.startswith("x_") else "target"
        raise BundleError(f"{where}: spec.json's {what} statistics hold zero, infinite or NaN values: {problem}")
    sample = torch.zeros(1, *spec.input.shape)
    try:
        if spec.input.dtype == "float":
            torch.broadcast_shapes(sample.shape, model.x_mean.shape, model.x_std.shape)
    except RuntimeError:
        raise BundleError(f"{where}: its input statistics have shape {list(model.x_mean.shape)}, which does not fit "
                          f"the input shape {list(spec.input.shape)}") from None
