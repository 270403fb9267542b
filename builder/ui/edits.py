"""Edits of a spec as a plain netbuilder/1 dict, and their undo/redo history. No streamlit here.

Every edit returns a new dict and leaves its argument untouched, so the history can keep the old one.
"""
from __future__ import annotations

import copy
import json
import re

from ..errors import short
from ..preprocessing import VAL_FRACTION
from ..registry import REGISTRY

DEFAULT_SPEC = {
    "format": "netbuilder/1",
    "name": "Two moons MLP",
    "description": "A small multilayer perceptron that learns to separate two interleaving half circles.",
    "input": {"shape": [2], "dtype": "float"},
    "layers": [
        {"id": "fc1", "type": "Linear", "params": {"out_features": 16}},
        {"id": "act1", "type": "ReLU"},
        {"id": "fc2", "type": "Linear", "params": {"out_features": 16}},
        {"id": "act2", "type": "ReLU"},
        {"id": "out", "type": "Linear", "params": {"out_features": 2}},
    ],
    "data": {"dataset": "moons", "options": {"n_samples": 500, "noise": 0.2}, "val_fraction": VAL_FRACTION},
    "training": {"loss": "cross_entropy", "optimizer": "adam", "lr": 0.01, "batch_size": 32, "epochs": 30, "seed": 0},
}

_ID_PREFIX_CLEAN = re.compile(r"[^a-z0-9_]")


def default_spec() -> dict:
    return copy.deepcopy(DEFAULT_SPEC)


def layer_ids(spec: dict) -> list[str]:
    return [layer["id"] for layer in spec["layers"]]


def _index(spec: dict, layer_id: str) -> int:
    for i, layer in enumerate(spec["layers"]):
        if layer["id"] == layer_id:
            return i
    raise KeyError(f"no layer '{layer_id}'")


def unique_id(type_name: str, taken) -> str:
    """`linear_1`, `linear_2`, …: the first free id for a new layer of this type."""
    prefix = _ID_PREFIX_CLEAN.sub("", type_name.lower()) or "layer"
    taken, n = set(taken), 1
    while f"{prefix}_{n}" in taken:
        n += 1
    return f"{prefix}_{n}"


def new_layer(type_name: str, taken) -> dict:
    """A layer of this type with the registry's suggested values for its required parameters."""
    ltype = REGISTRY[type_name]
    layer = {"id": unique_id(type_name, taken), "type": type_name}
    params = {p.name: copy.deepcopy(p.suggest) for p in ltype.params if p.required}
    if params:
        layer["params"] = params
    return layer


def add_layer(spec: dict, type_name: str, index: int | None = None) -> tuple[dict, str]:
    """Insert a new layer (at the end by default); returns the new spec and the new layer's id."""
    out = copy.deepcopy(spec)
    layer = new_layer(type_name, layer_ids(spec))
    out["layers"].insert(len(out["layers"]) if index is None else index, layer)
    return out, layer["id"]


def duplicate_layer(spec: dict, layer_id: str) -> tuple[dict, str]:
    out = copy.deepcopy(spec)
    i = _index(spec, layer_id)
    layer = copy.deepcopy(spec["layers"][i])
    layer["id"] = unique_id(layer["type"], layer_ids(spec))
    out["layers"].insert(i + 1, layer)
    return out, layer["id"]


def delete_layer(spec: dict, layer_id: str) -> dict:
    """Remove a layer and every reference to it; a network keeps at least one layer."""
    if len(spec["layers"]) <= 1:
        raise ValueError("a network needs at least one layer; add another before deleting this one")
    out = copy.deepcopy(spec)
    del out["layers"][_index(spec, layer_id)]
    if isinstance(out.get("layout"), dict):
        out["layout"].pop(layer_id, None)
    return _drop_references(out, {layer_id})


def _drop_references(spec: dict, gone: set[str]) -> dict:
    for layer in spec["layers"]:
        if layer.get("inputs") is not None:
            kept = [src for src in layer["inputs"] if src not in gone]
            if kept:
                layer["inputs"] = kept
            else:
                del layer["inputs"]
    return spec


def move_layer(spec: dict, layer_id: str, delta: int) -> dict:
    """Move a layer `delta` places (negative: up); moves past either end stop at the end."""
    out = copy.deepcopy(spec)
    i = _index(spec, layer_id)
    j = max(0, min(len(spec["layers"]) - 1, i + delta))
    out["layers"].insert(j, out["layers"].pop(i))
    return out


def set_param(spec: dict, layer_id: str, name: str, value) -> dict:
    """Set one parameter; None removes it (the registry default applies)."""
    out = copy.deepcopy(spec)
    layer = out["layers"][_index(spec, layer_id)]
    params = layer.setdefault("params", {})
    if value is None:
        params.pop(name, None)
    else:
        params[name] = value
    if not params:
        del layer["params"]
    return out


def set_inputs(spec: dict, layer_id: str, inputs: list[str] | None) -> dict:
    """Choose what a layer reads; None or [] means the layer before it."""
    out = copy.deepcopy(spec)
    layer = out["layers"][_index(spec, layer_id)]
    if inputs:
        layer["inputs"] = list(inputs)
    else:
        layer.pop("inputs", None)
    return out


def rename_layer(spec: dict, old: str, new: str) -> dict:
    """Give a layer a new id and update every layer that reads it."""
    new = new.strip()
    if new == old:
        return spec
    if not re.fullmatch(r"[A-Za-z0-9_]{1,64}", new) or new == "input":
        raise ValueError(f"an id is 1 to 64 letters, digits and '_' (and is not 'input'). Received: {short(new)}"
                         + (f" ({len(new):,} characters)" if len(new) > 64 and len(repr(new)) <= 80 else ""))
    if new in layer_ids(spec):
        raise ValueError(f"another layer already has the id '{new}'")
    out = copy.deepcopy(spec)
    out["layers"][_index(spec, old)]["id"] = new
    for layer in out["layers"]:
        if layer.get("inputs"):
            layer["inputs"] = [new if src == old else src for src in layer["inputs"]]
    if isinstance(out.get("layout"), dict) and old in out["layout"]:
        out["layout"][new] = out["layout"].pop(old)
    return out


def set_field(spec: dict, path: tuple[str, ...], value) -> dict:
    """Set a nested field, e.g. ("input", "shape") or ("training", "lr"); None removes it."""
    out = copy.deepcopy(spec)
    node = out
    for key in path[:-1]:
        node = node.setdefault(key, {})
    if value is None:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value
    return out


# ---- text fields -----------------------------------------------------------------------------

def parse_ints(text: str, name: str, *, words: tuple[str, ...] = (), as_list: bool = False):
    """'3' → 3, '3, 3' or '[3, 3]' or '3x3' → [3, 3]; a word from `words` (e.g. 'same') passes through."""
    cleaned = text.strip().strip("[]()").strip()
    if cleaned in words:
        return cleaned
    parts = [p for p in re.split(r"[,\s×x]+", cleaned) if p]
    try:
        values = [int(p) for p in parts]
    except ValueError:
        values = []
    if not values:
        extra = f", or {' / '.join(words)}" if words else ""
        raise ValueError(f"{name}: write a whole number or numbers separated by commas, e.g. 3 or 3, 3{extra}. "
                         f"Received: {short(text)}")
    return values if as_list or len(values) > 1 else values[0]


def format_value(value) -> str:
    """The text a size or shape field shows."""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


# ---- undo / redo -----------------------------------------------------------------------------

class History:
    """Undo and redo stacks of spec snapshots (kept as JSON text: immutable and compact)."""

    def __init__(self, limit: int = 100):
        self.limit = limit
        self.past: list[str] = []
        self.future: list[str] = []

    def record(self, spec: dict) -> None:
        """Remember `spec` as the state before an edit; a new edit forgets what could be redone."""
        self.past.append(json.dumps(spec))
        del self.past[:-self.limit]
        self.future.clear()

    def undo(self, current: dict) -> dict | None:
        if not self.past:
            return None
        self.future.append(json.dumps(current))
        return json.loads(self.past.pop())

    def redo(self, current: dict) -> dict | None:
        if not self.future:
            return None
        self.past.append(json.dumps(current))
        return json.loads(self.future.pop())


# ---- TensorFlow Playground's quickest edits: hidden layers and units of a dense stack -----------------

DEFAULT_WIDTH, DEFAULT_ACTIVATION = 8, "ReLU"  # the first hidden layer added to a network that has none


def _reads_previous(layers: list[dict], i: int) -> bool:
    inputs = layers[i].get("inputs")
    return inputs is None or (i > 0 and inputs == [layers[i - 1]["id"]])


def dense_stack(spec: dict) -> list[tuple[str, str]] | None:
    """The hidden layers of the network's dense end, as (Linear, activation) pairs in a chain right before a Linear
    output; None when the output is not a Linear that reads the layer above it (nothing to add layers to)."""
    layers = spec["layers"]
    if not layers or layers[-1].get("type") != "Linear" or (len(layers) > 1 and not _reads_previous(layers, len(layers) - 1)):
        return None
    pairs, i = [], len(layers) - 1
    while i >= 2 and layers[i - 2].get("type") == "Linear" and _is_activation(layers[i - 1]) \
            and _reads_previous(layers, i - 1) and _reads_previous(layers, i - 2):
        pairs.append((layers[i - 2]["id"], layers[i - 1]["id"]))
        i -= 2
    return pairs[::-1]


def _is_activation(layer: dict) -> bool:
    ltype = REGISTRY.get(layer.get("type"))
    return ltype is not None and ltype.category == "Activation"


def _next_id(previous: str | None, fallback: str, taken: set[str]) -> str:
    """`fc2` → `fc3` (the next free number); without a numbered id to follow, the type's next free id."""
    m = re.fullmatch(r"(.*?)(\d+)", previous or "")
    if not m:
        return unique_id(fallback, taken)
    n = int(m.group(2)) + 1
    while f"{m.group(1)}{n}" in taken:
        n += 1
    return f"{m.group(1)}{n}"


def add_hidden_layer(spec: dict) -> dict:
    """One more hidden layer before the output: a Linear as wide as the last hidden one, then the activation the
    others use."""
    pairs = dense_stack(spec)
    if pairs is None:
        raise ValueError("hidden layers are added before a Linear output layer that reads the layer above it")
    by_id = {layer["id"]: layer for layer in spec["layers"]}
    linear, act = (by_id[pairs[-1][0]], by_id[pairs[-1][1]]) if pairs else (None, None)
    width = (linear.get("params") or {}).get("out_features", DEFAULT_WIDTH) if linear else DEFAULT_WIDTH
    taken = set(by_id)
    fc = {"id": _next_id(linear["id"] if linear else "fc0", "Linear", taken), "type": "Linear",
          "params": {"out_features": width}}
    taken.add(fc["id"])
    activation = copy.deepcopy(act) if act else {"type": DEFAULT_ACTIVATION}
    activation["id"] = _next_id(act["id"] if act else "act0", activation["type"], taken)
    activation.pop("inputs", None)
    out = copy.deepcopy(spec)
    out["layers"][-1].pop("inputs", None)  # it read the layer above, and still does: the new activation
    out["layers"][-1:-1] = [fc, activation]
    return out


def remove_hidden_layer(spec: dict) -> dict:
    """The last hidden layer (its Linear and activation) removed; the output then reads what it read."""
    pairs = dense_stack(spec)
    if not pairs:
        raise ValueError("there is no hidden layer (a Linear and its activation before the output) to remove")
    out = spec
    for lid in pairs[-1]:
        out = delete_layer(out, lid)
    return out


def change_units(spec: dict, layer_id: str, delta: int) -> dict:
    """A hidden Linear one unit wider or narrower (at least one); the output's width is the data's to set."""
    ids = layer_ids(spec)
    if layer_id not in ids or spec["layers"][ids.index(layer_id)].get("type") != "Linear":
        raise ValueError(f"units are added to a Linear layer; '{layer_id}' is not one")
    if layer_id == ids[-1]:
        raise ValueError(f"'{layer_id}' is the output layer: its width is set by the data (one unit per class or "
                         "target)")
    width = (spec["layers"][ids.index(layer_id)].get("params") or {}).get("out_features")
    if not isinstance(width, int) or isinstance(width, bool):
        raise ValueError(f"'{layer_id}' has no whole number of units to change")
    return set_param(spec, layer_id, "out_features", max(1, width + delta))
