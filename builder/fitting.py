"""Whether a network fits its data (input shape and dtype, output width, loss, vocabulary), and the edit that makes
it fit: "fit" here always means the network fitting the data."""
from __future__ import annotations

import math
from copy import deepcopy
from dataclasses import replace

from .checker import check_spec
from .datasets import Dataset
from .errors import SpecError
from .recipes import LOSSES, default_loss


def reshape_samples(dataset: Dataset, shape) -> Dataset:
    """The dataset with its samples viewed in the network's input shape, when that shape holds as many values
    (an MLP's [64] or a recurrent reader's [8, 8] on digits' [1, 8, 8]); the dataset itself otherwise."""
    shape = tuple(shape)
    if shape == tuple(dataset.sample_shape) or math.prod(shape) != math.prod(dataset.sample_shape):
        return dataset
    x = dataset.x.reshape(len(dataset.x), *shape)
    y = dataset.y.reshape(len(dataset.y), *shape) if dataset.task == "reconstruction" else dataset.y
    return replace(dataset, x=x, y=y, sample_shape=shape)


def check_fit(checked, dataset: Dataset) -> list[SpecError]:
    """Problems that stop a checked spec training on `dataset`: input shape and dtype, output width, loss."""
    spec = checked.spec
    errors = _input_errors(spec, dataset)
    dataset = reshape_samples(dataset, spec.input.shape)
    loss = (spec.training.loss if spec.training else None) or default_loss(dataset.task)
    loss_error = _loss_error(loss, dataset)
    if loss_error:
        errors.append(loss_error)
    elif checked.ok and checked.output_shape is not None:  # a broken spec has no trustworthy output shape
        errors += _output_errors(checked, dataset, loss)
    return errors + _vocabulary_errors(checked, dataset)


def _vocabulary_errors(checked, dataset: Dataset) -> list[SpecError]:
    """An Embedding must know every token id the data holds (a larger id fails in the middle of training)."""
    if dataset.dtype != "long" or not dataset.x.numel():
        return []
    largest = int(dataset.x.max())
    errors = []
    for info in checked.layers.values():
        size = info.params.get("num_embeddings") if info.type is not None and info.type.name == "Embedding" else None
        if size is not None and info.inputs == ["input"] and largest >= size:
            errors.append(SpecError(info.id, f"num_embeddings={size} cannot look up the token ids of dataset "
                                             f"'{dataset.name}', which run up to {largest}",
                                    f"set num_embeddings to at least {largest + 1}", "Embedding"))
    return errors


def _input_errors(spec, dataset: Dataset) -> list[SpecError]:
    errors = []
    got, want = list(spec.input.shape), list(dataset.sample_shape)
    if math.prod(got) != math.prod(want):
        hint = f'set "input": {{"shape": {want}}}'
        if len(want) > 1:
            hint += f" (or [{math.prod(want)}] for a dense network: the samples are reshaped to fit)"
        errors.append(SpecError(None, f"input shape {got} holds {math.prod(got):,} values per sample, but dataset "
                                      f"'{dataset.name}' has samples of shape {want} ({math.prod(want):,} values)",
                                hint))
    if spec.input.dtype == "float" and dataset.dtype == "long":
        errors.append(SpecError(None, f"input dtype is float, but dataset '{dataset.name}' holds integer token ids",
                                'set "input": {"dtype": "long"} and start with an Embedding layer'))
    elif spec.input.dtype == "long" and dataset.dtype == "float":
        errors.append(SpecError(None, f"input dtype is long (token ids), but dataset '{dataset.name}' holds float "
                                      "values", 'set "input": {"dtype": "float"} and remove the Embedding layer'))
    return errors


def _loss_error(loss: str, dataset: Dataset) -> SpecError | None:
    where = f"dataset '{dataset.name}'"
    if dataset.task not in LOSSES[loss].tasks:
        if dataset.task == "classification":
            return SpecError(None, f"loss {loss} needs numeric targets, but {where} is a classification task",
                             "use cross_entropy")
        return SpecError(None, f"loss {loss} needs class labels, but {where} is a {dataset.task} task",
                         "use mse, l1 or huber")
    if not LOSSES[loss].logits:
        return None
    if dataset.task == "classification" and dataset.n_classes != 2:
        return SpecError(None, f"loss {loss} is for two classes (or multi-label targets), but {where} has "
                               f"{dataset.n_classes} classes", "use cross_entropy")
    low, high = (float(dataset.y.min()), float(dataset.y.max())) if len(dataset.y) else (0.0, 0.0)
    if dataset.task != "classification" and not (0 <= low and high <= 1):
        return SpecError(None, f"loss {loss} needs targets between 0 and 1 (multi-label 0/1 or pixel "
                               f"intensities), but {where} has targets from {low:g} to {high:g}", "use mse")
    return None


def _output_errors(checked, dataset: Dataset, loss: str) -> list[SpecError]:
    out_id, shape = checked.output_id, list(checked.output_shape)
    info = checked.layers[out_id]
    layer_type = info.type.name if info.type else checked.spec.layer(out_id).type
    if dataset.task == "reconstruction":
        return _reconstruction_errors(out_id, layer_type, shape, dataset)
    width = 1 if LOSSES[loss].logits and dataset.task == "classification" else dataset.output_width
    if shape == [width]:
        return []
    if dataset.task == "classification":
        what = f"{dataset.n_classes} classes" + (" (bce_with_logits needs one logit)" if width == 1 else "")
    else:
        what = f"{width} target{'s' if width != 1 else ''}"
    got = f"outputs {shape[0]} values" if len(shape) == 1 else f"outputs shape {shape}"
    if len(shape) == 1 and layer_type == "Linear":
        hint = f"set out_features={width}"
    elif len(shape) == 1:
        hint = f"end with a Linear layer with out_features={width}"
    else:
        hint = f"end with Flatten and a Linear layer with out_features={width}"
    return [SpecError(out_id, f"{got} but dataset '{dataset.name}' has {what}", hint, layer_type)]


def _reconstruction_errors(out_id: str, layer_type: str, shape: list[int], dataset: Dataset) -> list[SpecError]:
    want = list(dataset.sample_shape)
    size = math.prod(want)
    if shape == want:  # the loss compares output and input element by element, so the shapes must be equal
        return []
    hint = f"end with a layer that outputs {want if len(want) > 1 else size}"
    if shape == [size]:
        hint = f'add a Reshape layer at the end with "shape": {want}'
    elif layer_type == "Linear" and len(shape) == 1:
        hint = f"set out_features={size}" + (f' and add a Reshape layer with "shape": {want}' if len(want) > 1 else "")
    return [SpecError(out_id, f"outputs shape {shape}, but dataset '{dataset.name}' asks the model to rebuild its "
                              f"input, of shape {want}", hint, layer_type)]


# ---- the edit that makes a network fit its data ----------------------------------------------

def fit_network(spec: dict, dataset: Dataset) -> tuple[dict, list[str]]:
    """The spec (a plain dict) changed so that it trains on `dataset`, as one edit: the input's shape and dtype,
    a Flatten before a dense stack that now gets images, a loss that suits the task, and the last layer's width
    (a Reshape for an autoencoder). Returns the new spec and, in words, what changed."""
    out, changes = deepcopy(spec), []
    want, dtype = list(dataset.sample_shape), dataset.dtype
    current = out["input"]
    if math.prod(current.get("shape") or [0]) != math.prod(want) or current.get("dtype", "float") != dtype:
        out["input"] = {"shape": want, "dtype": dtype}
        changes.append(f"input shape set to {want} ({dtype})")
    training = out.setdefault("training", {})
    if training.get("loss") and dataset.task not in LOSSES[training["loss"]].tasks:
        training["loss"] = default_loss(dataset.task)
        changes.append(f"loss set to {training['loss']} for a {dataset.task} task")
    first = out["layers"][0]
    dense_first = first["type"] == "Linear" and not first.get("inputs")
    if dtype == "long" and first["type"] != "Embedding" and not first.get("inputs"):
        vocab = int(dataset.x.max()) + 1 if dataset.x.numel() else 2
        added = [{"id": _free_id(out, "embed"), "type": "Embedding",
                  "params": {"num_embeddings": vocab, "embedding_dim": 8}}]
        if dense_first:
            added.append({"id": _free_id(out, "flatten"), "type": "Flatten"})
        out["layers"][0:0] = added
        changes.append(f"an Embedding of the {vocab} token ids added first")
    elif dtype == "long" and first["type"] == "Embedding" and not first.get("inputs"):
        changes += _fit_vocabulary(first, dataset)
    elif len(out["input"]["shape"]) > 1 and dense_first:
        out["layers"].insert(0, {"id": _free_id(out, "flatten"), "type": "Flatten"})
        changes.append("a Flatten layer added first, so the dense layers get a flat vector")
    checked = check_spec(out)
    if checked.ok:
        changes += _fit_output(out, checked, dataset)
    return out, changes


def _fit_vocabulary(embedding: dict, dataset: Dataset) -> list[str]:
    """The first Embedding sized to the data's vocabulary (a text dataset's whole vocabulary, else the largest
    token id), when it is too small to look every token up."""
    vocab = len(dataset.text.encoder.vocab) if dataset.text is not None else \
        (int(dataset.x.max()) + 1 if dataset.x.numel() else 2)
    params = embedding.setdefault("params", {})
    if params.get("num_embeddings", 0) >= vocab:
        return []
    params["num_embeddings"] = vocab
    return [f"layer '{embedding['id']}' (Embedding): num_embeddings set to {vocab}, the data's vocabulary"]


def _free_id(spec: dict, prefix: str) -> str:
    taken, n = {l["id"] for l in spec["layers"]}, 1
    while f"{prefix}_{n}" in taken:
        n += 1
    return f"{prefix}_{n}"


def _fit_output(spec: dict, checked, dataset: Dataset) -> list[str]:
    loss = (spec.get("training") or {}).get("loss") or default_loss(dataset.task)
    last = spec["layers"][-1]
    shape = list(checked.output_shape)
    if dataset.task == "reconstruction":
        want, width = list(dataset.sample_shape), math.prod(dataset.sample_shape)
        if shape == want or (shape == [width] and len(want) == 1):
            return []
        changes = []
        if not (last["type"] == "Linear" and len(shape) == 1):
            spec["layers"].append({"id": _free_id(spec, "flatten"), "type": "Flatten"})
            spec["layers"].append({"id": _free_id(spec, "rebuild"), "type": "Linear", "params": {"out_features": width}})
            changes.append(f"a Linear layer with {width} outputs added at the end")
        elif last.get("params", {}).get("out_features") != width:
            last.setdefault("params", {})["out_features"] = width
            changes.append(f"'{last['id']}' now outputs {_values(width)}")
        if len(want) > 1:
            spec["layers"].append({"id": _free_id(spec, "reshape"), "type": "Reshape", "params": {"shape": want}})
            changes.append(f"a Reshape to {want} added at the end")
        return changes
    width = 1 if LOSSES[loss].logits and dataset.task == "classification" else dataset.output_width
    if shape == [width]:
        return []
    if last["type"] == "Linear" and len(shape) == 1:
        last.setdefault("params", {})["out_features"] = width
        return [f"'{last['id']}' now outputs {_values(width)}"]
    added = []
    if len(shape) > 1:
        spec["layers"].append({"id": _free_id(spec, "flatten"), "type": "Flatten"})
        added.append("Flatten")
    spec["layers"].append({"id": _free_id(spec, "out"), "type": "Linear", "params": {"out_features": width}})
    return [f"{' and '.join([*added, 'a Linear layer'])} with {_values(width)} added at the end"]


def _values(n: int) -> str:
    return f"{n:,} value{'s' * (n != 1)}"
