"""Following one sample through a network: every layer's output for that sample, bounded in size for the page,
the output node's prediction, class probabilities and loss; and the pickers that choose which validation sample
to follow (misclassified only, a confusion-matrix cell, next and previous)."""
from __future__ import annotations

import copy
import json
import time
from dataclasses import asdict, dataclass

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from .compiler import Network
from .errors import DataError
from .objectives import Objective
from .preprocessing import VAL_FRACTION, Normalizer, split_indices
from .telemetry import NODE_GAP_S, RELU_LIKE, SHARE, Budget

MAX_UNITS = 256  # a vector output shows at most this many units
MAX_MAPS = 16  # a convolution shows at most this many feature maps
MAX_SIDE = 32  # each feature map at most this many pixels a side (average-pooled down)
MAX_HIDDEN = 64  # a recurrent hidden state shows at most this many units
MAX_STEPS = 256  # … and at most this many time steps


@dataclass
class ModelParts:
    """What looking inside a trained network needs: the network, how raw inputs are normalised and how its outputs
    are read. `model_parts` makes one from a Trainer, its Prepared parts or a loaded Bundle."""

    model: Network
    normalizer: Normalizer
    objective: Objective
    loss_fn: nn.Module
    class_names: list[str] | None
    device: torch.device
    sample_shape: tuple[int, ...]  # one raw sample's shape, as the network reads it
    prepared: object | None = None  # the run's Prepared parts (its data) when there is a run; None for a bundle


def model_parts(source) -> ModelParts:
    """ModelParts of a Trainer, a Prepared or a bundle.Bundle (a ModelParts passes through)."""
    if isinstance(source, ModelParts):
        return source
    parts = getattr(source, "parts", source)  # a Trainer holds its Prepared parts
    if hasattr(parts, "x_train"):
        return ModelParts(parts.model, parts.normalizer, parts.objective, parts.loss_fn, parts.dataset.class_names,
                          parts.device, tuple(parts.model.input_shape), parts)
    if hasattr(source, "inference"):  # a bundle: spec, inference facts, InferenceModel
        from .recipes import LOSSES
        objective = source.objective
        norm = Normalizer.from_dict(source.inference.get("normalizer") or {})
        net = source.model.net
        return ModelParts(net, norm, objective, LOSSES[_loss_name(source)].make(), source.class_names,
                          next(net.parameters()).device, tuple(net.input_shape))
    raise TypeError(f"cannot look inside a {type(source).__name__}: pass a Trainer, a Prepared or a Bundle")


def _loss_name(bundle) -> str:
    from .recipes import default_loss
    training = bundle.spec.training
    return training.loss if training and training.loss else default_loss(bundle.task)


# ---- one sample through the network -------------------------------------------------------------

@dataclass
class Trace:
    """One sample's path through the network, as plain data (numpy arrays: `jsonable` turns them into lists)."""

    layers: dict[str, dict]  # layer id -> its output for this sample (see `describe_output`)
    output: dict  # prediction, probabilities or values, the sample's loss, its true target
    input: dict  # the raw sample as the network got it (before normalisation); a text's tokens too
    seconds: float = 0.0  # how long the trace took

    def to_dict(self) -> dict:
        return asdict(self)


def jsonable(value):
    """Plain data with numpy arrays and numbers as JSON's lists and floats (for the canvas)."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def as_sample(parts: ModelParts, x) -> torch.Tensor:
    """One raw sample as a [1, *sample_shape] tensor of the network's input dtype; DataError says what is wrong."""
    dtype = parts.model.input_dtype
    try:
        x = torch.as_tensor(np.asarray(x.cpu() if torch.is_tensor(x) else x), dtype=dtype)
    except (TypeError, ValueError, RuntimeError) as e:
        raise DataError("the sample", f"cannot be read as numbers ({e})") from None
    shape = tuple(parts.sample_shape)
    if tuple(x.shape) == (1, *shape):
        x = x[0]
    if tuple(x.shape) != shape:
        raise DataError("the sample", f"has shape {list(x.shape)}, but the network reads samples of shape "
                                      f"{list(shape)}")
    if dtype.is_floating_point and not bool(torch.isfinite(x).all()):
        raise DataError("the sample", "holds a missing or infinite value", "fill it in first")
    return x.unsqueeze(0)


@torch.no_grad()
def trace_sample(source, x_raw, y=None) -> Trace:
    """Run one raw sample through the network in eval mode and return every layer's output for it, bounded for
    the page, with the prediction and (given the true target `y`, raw: a class index or the target values) the
    sample's loss, computed as training computes it."""
    t0 = time.perf_counter()
    parts = model_parts(source)
    x = as_sample(parts, x_raw)
    outputs, extras = {}, {}
    hooks = _hooks(parts.model, outputs, extras)
    was_training = parts.model.training
    parts.model.eval()
    try:
        out = parts.model(parts.normalizer.apply(x.to(parts.device)))
    finally:
        for h in hooks:
            h.remove()
        parts.model.train(was_training)
    kinds = dict(parts.model.named_children())
    layers = {lid: describe_output(value, kinds[lid], extras.get(lid)) for lid, value in outputs.items()}
    return Trace(layers, _output(parts, out, x, y), {"values": x[0].cpu().numpy(), "shape": list(x.shape[1:]),
                                                     "tokens": sample_tokens(parts, x[0])}, time.perf_counter() - t0)


def _hooks(model: nn.Module, outputs: dict, extras: dict) -> list:
    """Forward hooks keeping each layer's output; recurrent layers also keep their whole hidden state, attention
    layers their weights per head."""
    def keep(lid):
        def hook(module, inputs, output):
            outputs[lid] = output.detach()
            if _rnn_class(module) is not None:
                extras[lid] = {"hidden": _rnn_class(module).forward(module, inputs[0])[0].detach()}
            elif isinstance(module, nn.MultiheadAttention):
                x = inputs[0]
                extras[lid] = {"attention": nn.MultiheadAttention.forward(
                    module, x, x, x, need_weights=True, average_attn_weights=False)[1].detach()}
        return hook

    def encoder_attention(lid):
        def hook(module, inputs):
            x = module.norm1(inputs[0]) if module.norm_first else inputs[0]
            weights = module.self_attn(x, x, x, need_weights=True, average_attn_weights=False)[1]
            extras[lid] = {"attention": weights.detach()}
        return hook

    hooks = [m.register_forward_hook(keep(lid)) for lid, m in model.named_children()]
    hooks += [m.register_forward_pre_hook(encoder_attention(lid)) for lid, m in model.named_children()
              if isinstance(m, nn.TransformerEncoderLayer)]
    return hooks


def _rnn_class(module: nn.Module):
    """torch's own RNN, LSTM or GRU class behind a recurrent layer (its forward returns every step), or None."""
    return next((c for c in type(module).__mro__ if c in (nn.RNN, nn.LSTM, nn.GRU)), None)


def describe_output(value: torch.Tensor, module: nn.Module, extra: dict | None = None) -> dict:
    """One layer's output for one sample ([1, ...]), bounded for the page:

    - "vector" (a [features] output): `values`, at most MAX_UNITS of them;
    - "maps" (a [channels, height, width] output): `maps`, at most MAX_MAPS channels of at most MAX_SIDE² pixels;
    - "matrix" (any [rows, columns] output): `values`, at most MAX_STEPS rows and MAX_HIDDEN columns;
    - recurrent layers add `hidden`: the hidden state, [steps, units] (time down, units across);
    - attention layers add `attention`: [heads, query step, key step], each row summing to 1.

    Every view has its `shape`, `lo` and `hi` (the colour scale's range over the whole output), `rms` (the wire's
    width), `shown`/`total` units, and `zero_units`: after a ReLU-family activation, the units (features,
    channels, columns) that are exactly zero for this sample — drawn grey, not in the colour of the lowest value.
    """
    v = value[0].float().cpu()
    finite = v[torch.isfinite(v)]
    view = {"shape": list(v.shape), "rms": float(finite.pow(2).mean().sqrt()) if finite.numel() else None,
            "lo": float(finite.min()) if finite.numel() else 0.0, "hi": float(finite.max()) if finite.numel() else 0.0}
    if v.dim() == 1:
        view.update(kind="vector", values=v[:MAX_UNITS].numpy(), shown=min(len(v), MAX_UNITS), total=len(v))
    elif v.dim() == 3:
        maps = v[:MAX_MAPS]
        if max(maps.shape[1:]) > MAX_SIDE:
            maps = F.adaptive_avg_pool2d(maps, (min(maps.shape[1], MAX_SIDE), min(maps.shape[2], MAX_SIDE)))
        view.update(kind="maps", maps=maps.numpy(), shown=len(maps), total=v.shape[0])
    elif v.dim() == 2:
        view.update(kind="matrix", values=v[:MAX_STEPS, :MAX_HIDDEN].numpy(), shown=min(v.shape[1], MAX_HIDDEN),
                    total=v.shape[1])
    else:
        flat = v.reshape(-1)
        view.update(kind="values", values=flat[:MAX_UNITS].numpy(), shown=min(len(flat), MAX_UNITS),
                    total=len(flat))
    if isinstance(module, RELU_LIKE):
        view["zero_units"] = _zero_units(v)
    for key, tensor in (extra or {}).items():
        view[key] = tensor[0, :MAX_STEPS, :MAX_HIDDEN].float().cpu().numpy() if key == "hidden" else \
            tensor[0, :, :MAX_STEPS, :MAX_STEPS].float().cpu().numpy()
    return view


def _zero_units(v: torch.Tensor) -> list[int]:
    """Units exactly zero for this sample: features of a vector, channels of maps, columns of a matrix."""
    if v.dim() == 1:
        units = v.reshape(-1, 1)
    elif v.dim() == 2:
        units = v.T
    else:
        units = v.reshape(v.shape[0], -1)
    return [int(i) for i in torch.nonzero((units == 0).all(1)).flatten()]


def _output(parts: ModelParts, out: torch.Tensor, x: torch.Tensor, y) -> dict:
    """The output node: prediction, probabilities or values, and the loss when the true target is known."""
    objective, norm = parts.objective, parts.normalizer
    decoded = objective.decode(out.float(), norm).cpu()
    target = x.cpu() if objective.task == "reconstruction" else _target(parts, y)
    loss = None
    if target is not None:
        yt = objective.targets(target.to(parts.device), norm)
        loss = float(parts.loss_fn(objective.shape_for_loss(out, yt), yt))
    if objective.task == "classification":
        probs = decoded[0]
        predicted = int(probs.argmax())
        names = parts.class_names or [str(i) for i in range(len(probs))]
        true = int(target[0]) if target is not None else None
        return {"kind": "classes", "predicted": predicted, "label": names[predicted], "class_names": list(names),
                "probabilities": probs.numpy(), "true": true, "correct": None if true is None else true == predicted,
                "loss": loss}
    values = decoded[0].numpy()
    if objective.task == "reconstruction":
        return {"kind": "reconstruction", "predicted": values.reshape(x.shape[1:]), "loss": loss}
    true = None if target is None else target[0].numpy()
    return {"kind": "values", "predicted": values.reshape(-1), "true": None if true is None else true.reshape(-1),
            "loss": loss}


def _target(parts: ModelParts, y) -> torch.Tensor | None:
    """The raw target as a batch of one: a class index, or the regression target values."""
    if y is None:
        return None
    if parts.objective.task == "classification":
        n = len(parts.class_names) if parts.class_names else None
        label = int(np.asarray(y.cpu() if torch.is_tensor(y) else y).reshape(-1)[0])
        if label < 0 or (n is not None and label >= n):
            raise DataError("the sample's class", f"must be between 0 and {(n or 1) - 1}. Received: {label}")
        return torch.tensor([label])
    return torch.as_tensor(np.asarray(y.cpu() if torch.is_tensor(y) else y, dtype=np.float32)).reshape(1, -1)


# ---- which sample: the validation split, and the pickers -----------------------------------------

@dataclass
class Predictions:
    """The validation split as the sample pickers see it (position i is the i-th validation sample)."""

    dataset_index: np.ndarray  # validation sample i is row dataset_index[i] of the dataset
    loss: np.ndarray  # each sample's own loss
    true: np.ndarray | None = None  # classifiers: the true class
    predicted: np.ndarray | None = None  # classifiers: the predicted class
    class_names: list[str] | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def validation_predictions(source) -> Predictions:
    """Every validation sample's prediction and loss, for the pickers (source: a Trainer or its Prepared)."""
    from .training import predict
    parts = model_parts(source)
    run = _run_parts(parts)
    out = predict(parts.model, run.x_val)
    loss_fn = copy.copy(parts.loss_fn)
    loss_fn.reduction = "none"
    per_sample = loss_fn(parts.objective.shape_for_loss(out, run.y_val), run.y_val).reshape(len(out), -1).mean(1)
    found = Predictions(_val_index(run).numpy(), per_sample.float().cpu().numpy())
    if parts.objective.task == "classification":
        found.true = run.y_val.reshape(-1).long().cpu().numpy()
        found.predicted = parts.objective.predicted(out).cpu().numpy()
        found.class_names = parts.class_names
    return found


def _run_parts(parts: ModelParts):
    if parts.prepared is None:
        raise DataError("the sample picker", "needs a run's data; a loaded bundle has none",
                        "pass the Trainer (or trace samples you give yourself)")
    return parts.prepared


def _val_index(run) -> torch.Tensor:
    """The validation rows' positions in the dataset: the split `prepare` made (the same seed, the same rows)."""
    val_fraction = run.spec.data.val_fraction if run.spec.data else VAL_FRACTION
    return split_indices(run.dataset, val_fraction, run.config.seed)[1]


def pick_samples(predictions: Predictions, *, misclassified_only: bool = False, cell: tuple[int, int] | None = None,
                 worst_first: bool = False) -> list[int]:
    """Validation sample positions to step through: all, only the misclassified, or those of one confusion-matrix
    cell (true class, predicted class); in split order, or the worst (highest loss) first."""
    picked = np.arange(len(predictions.loss))
    if misclassified_only or cell is not None:
        if predictions.true is None:
            raise DataError("the sample picker", "misclassified samples and confusion cells exist only for "
                                                 "classifiers", "order the samples by their loss instead")
        keep = predictions.true != predictions.predicted if misclassified_only else np.ones(len(picked), bool)
        if cell is not None:
            keep &= (predictions.true == int(cell[0])) & (predictions.predicted == int(cell[1]))
        picked = picked[keep]
    if worst_first:
        picked = picked[np.argsort(-predictions.loss[picked], kind="stable")]
    return [int(i) for i in picked]


def step_sample(picked: list[int], current: int | None, step: int = 1) -> int | None:
    """The sample after (step=1) or before (step=-1) `current` among `picked`, wrapping around; the first one
    when `current` is not among them; None when nothing is picked."""
    if not picked:
        return None
    if current not in picked:
        return picked[0] if step >= 0 else picked[-1]
    return picked[(picked.index(current) + step) % len(picked)]


def validation_sample(source, i: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The i-th validation sample, raw (as loaded, gaps filled), and its raw target."""
    run = _run_parts(model_parts(source))
    if not 0 <= int(i) < run.n_val:
        raise DataError("the sample", f"validation sample {i} does not exist; there are {run.n_val}")
    row = int(_val_index(run)[int(i)])
    return run.x_val_raw[int(i)], run.dataset.y[row]


def sample_key(ref: dict) -> str:
    """A sample as `resolve_sample` reads it, as text (tensors and arrays as lists): what names it in a cache and
    in the answer of a run that follows it (see TraceWatch)."""
    return json.dumps(jsonable({k: v.tolist() if torch.is_tensor(v) else v for k, v in ref.items()}), sort_keys=True)


def resolve_sample(source, ref: dict) -> tuple[torch.Tensor, object]:
    """A sample named as plain data: {"split": "val", "index": i} (a validation sample and its target) or
    {"x": raw values, "y": the raw target or None} (a point of the plane, a row of a table, an image)."""
    if "index" in ref:
        if ref.get("split", "val") != "val":
            raise DataError("the sample", f"samples are picked from the validation split. Received: "
                                          f"split={ref.get('split')!r}")
        return validation_sample(source, ref["index"])
    if "x" not in ref:
        raise DataError("the sample", 'name one as {"split": "val", "index": i} or {"x": values}')
    return torch.as_tensor(np.asarray(ref["x"])), ref.get("y")


# ---- following a sample while a run trains ------------------------------------------------------

class TraceWatch:
    """Listens to a Trainer and keeps one sample's trace fresh in its run log while it trains (as the answer of
    kind "trace" to the request `sample_key(ref)`, so a reader knows which sample it is), at most every NODE_GAP_S
    and within a small share of the training time."""

    def __init__(self, trainer, ref: dict | None = None):
        self.trainer, self.ref = trainer, ref
        self.budget = Budget(SHARE, None, NODE_GAP_S)
        trainer.on("step_end", self._step_end)

    def follow(self, ref: dict | None) -> None:
        """Follow another sample (None: stop following)."""
        self.ref = ref
        self.budget = Budget(SHARE, None, NODE_GAP_S)  # a fresh budget: the new sample's trace comes at the next step

    def _step_end(self, trainer) -> None:
        self.budget.earn(trainer.last_step_s)
        if self.ref is not None and self.budget.due_at(trainer.global_step):
            t0 = time.perf_counter()
            self.write(trainer)
            self.budget.spent(time.perf_counter() - t0, trainer.global_step)

    def write(self, trainer) -> None:
        try:
            x, y = resolve_sample(trainer, self.ref)
            value = {"step": trainer.global_step, **trace_sample(trainer, x, y).to_dict()}
        except (DataError, RuntimeError, ValueError) as e:
            value = {"error": str(e)}
        trainer.log.set_answer("trace", sample_key(self.ref), value)


# ---- attention per head while a run trains --------------------------------------------------------

ATTENTION_GAP_S = 2.0  # the attention maps are redrawn at most this often


def attention_layers(model: nn.Module) -> list[str]:
    """The ids of the layers whose attention weights a trace keeps (see `_hooks`)."""
    return [lid for lid, m in model.named_children()
            if isinstance(m, (nn.MultiheadAttention, nn.TransformerEncoderLayer))]


def sample_tokens(parts: ModelParts, x) -> list[str] | None:
    """The tokens of a text sample (token ids): what its figures name its time steps by; None for other data."""
    text = getattr(getattr(parts.prepared, "dataset", None), "text", None)
    if text is None:
        return None
    vocab = text.encoder.vocab
    return [vocab[i] if 0 <= i < len(vocab) else "?" for i in np.asarray(x).reshape(-1)[:MAX_STEPS].tolist()]


class AttentionWatch:
    """Attached to a Trainer whose network attends, it keeps the view "attention" fresh while it trains: for one
    fixed validation sample, {"step", "sample", "tokens" (text) or None, "layers": {id: [head, query, key]}},
    at most every ATTENTION_GAP_S and within a small share of the training time."""

    def __init__(self, trainer, index: int = 0):
        self.trainer, self.index = trainer, index
        self.budget = Budget(SHARE, None, ATTENTION_GAP_S)
        trainer.on("step_end", self._step_end).on("run_end", self._run_end)

    @classmethod
    def attach(cls, trainer) -> "AttentionWatch | None":
        return cls(trainer) if attention_layers(trainer.model) and trainer.parts.n_val else None

    def _step_end(self, trainer) -> None:
        self.budget.at_step_end(trainer, self.write)

    def _run_end(self, trainer) -> None:
        if trainer.status != "failed":
            self.write()

    def write(self) -> None:
        t = self.trainer
        try:
            x, y = validation_sample(t, self.index)
            traced = trace_sample(t, x, y)
        except (DataError, RuntimeError, ValueError) as e:
            t.log.set_view("attention", {"step": t.global_step, "error": str(e)})
            return
        maps = {lid: view["attention"] for lid, view in traced.layers.items() if "attention" in view}
        t.log.set_view("attention", {"step": t.global_step, "sample": self.index, "layers": maps,
                                     "tokens": sample_tokens(model_parts(t), x)})
