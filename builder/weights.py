"""Close looks at small dense layers, as TensorFlow Playground draws them: each Linear layer's weights and biases as
plain data with the range of their colour scale, editing one weight or bias of a paused run, and the rule that
marks a unit dead so the page draws it grey."""
from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from .errors import SpecError, SpecErrors, short

MAX_DRAWN = 16  # a Linear layer with at most this many inputs and outputs has its wires drawn one by one
MAX_WEIGHT = 1e4  # an edited weight beyond this is a typo: it saturates every unit downstream


def dense_weights(model: nn.Module, max_units: int = MAX_DRAWN) -> dict[str, dict]:
    """Per Linear layer with at most `max_units` inputs and outputs: `weight` [out, in] (the wire from input unit
    j to output unit i is weight[i, j]), `bias` [out] (None without one), and `scale`, the largest magnitude: wires
    are coloured by sign and sized by magnitude on one scale from -scale to +scale."""
    out = {}
    for lid, m in model.named_children():
        if isinstance(m, nn.Linear) and m.in_features <= max_units and m.out_features <= max_units:
            w = m.weight.detach().float().cpu().numpy().copy()
            b = m.bias.detach().float().cpu().numpy().copy() if m.bias is not None else None
            values = np.concatenate([w.ravel(), b if b is not None else []])
            finite = values[np.isfinite(values)]
            out[lid] = {"weight": w, "bias": b, "scale": float(np.abs(finite).max()) if finite.size else 0.0}
    return out


def set_weight(model: nn.Module, layer_id: str, row: int, col: int | None, value: float) -> dict:
    """Set one weight (`col` given: the wire from input `col` to unit `row`) or one bias (`col` None) of a Linear
    layer; returns {"layer", "row", "col", "before", "after"}. SpecErrors say what is wrong (and nothing changes)."""
    layer = _linear(model, layer_id)
    value = _checked_value(layer_id, value)
    _check_index(layer_id, "row", row, layer.out_features, "output unit")
    if col is None:
        if layer.bias is None:
            raise SpecErrors([SpecError(layer_id, "has no bias to edit (it was built with bias=false)",
                                        layer_type="Linear")])
        target, where = layer.bias, (row,)
    else:
        _check_index(layer_id, "col", col, layer.in_features, "input")
        target, where = layer.weight, (row, col)
    with torch.no_grad():
        before = float(target[where])
        target[where] = value
        after = float(target[where])
    return {"layer": layer_id, "row": int(row), "col": None if col is None else int(col), "before": before,
            "after": after}


def edit_weight(trainer, layer_id: str, row: int, col: int | None, value: float) -> dict:
    """`set_weight` on a run's network, only while it is paused or has ended (never under a step); the run log
    keeps the change and the layers' weights after it (the answer of kind "weights")."""
    if not trainer.between_steps:
        raise SpecErrors([SpecError(layer_id, "the run is training: pause it before editing a weight")])
    change = set_weight(trainer.model, layer_id, row, col, value)
    trainer.log.set_answer("weights", change, dense_weights(trainer.model))
    return change


def _linear(model: nn.Module, layer_id: str) -> nn.Linear:
    layers = dict(model.named_children())
    dense = [lid for lid, m in layers.items() if isinstance(m, nn.Linear)]
    if layer_id not in layers:
        raise SpecErrors([SpecError(None, f"the network has no layer {short(layer_id)}",
                                    f"its Linear layers: {', '.join(dense) or 'none'}")])
    if not isinstance(layers[layer_id], nn.Linear):
        raise SpecErrors([SpecError(layer_id, "only a Linear layer's weights can be edited one by one",
                                    f"its Linear layers: {', '.join(dense) or 'none'}",
                                    type(layers[layer_id]).__name__)])
    return layers[layer_id]


def _checked_value(layer_id: str, value) -> float:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
        and abs(value) <= MAX_WEIGHT
    if not ok:
        raise SpecErrors([SpecError(layer_id, f"a weight must be a finite number between {-MAX_WEIGHT:g} and "
                                              f"{MAX_WEIGHT:g}. Received: value={short(value)}", layer_type="Linear")])
    return float(value)


def _check_index(layer_id: str, name: str, index, size: int, what: str) -> None:
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < size:
        raise SpecErrors([SpecError(layer_id, f"{name} must be a whole number from 0 to {size - 1} (the {what}). "
                                              f"Received: {name}={short(index)}", layer_type="Linear")])


def dead_units(units) -> list[int]:
    """The units that are exactly zero everywhere they were looked at (over the probe batch or the input plane):
    dead, not "most negative". `units` is [units, ...]: each unit's outputs."""
    values = np.asarray(units)
    if values.size == 0:
        return []
    flat = values.reshape(len(values), -1)
    return [int(i) for i in np.flatnonzero((flat == 0).all(axis=1))]
