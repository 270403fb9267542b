"""TensorFlow Playground's whole-network controls as edits of a plain spec dict: the input features of 2-D data
(a Features layer first, or none) and one activation for every hidden layer. No streamlit here; like `edits`,
every edit returns a new dict and leaves its argument untouched."""
from __future__ import annotations

import copy

from ..registry import FEATURES, REGISTRY
from .edits import unique_id

FEATURE_LABELS = {"x1": "X₁", "x2": "X₂", "x1_squared": "X₁²", "x2_squared": "X₂²", "x1_x2": "X₁X₂",
                  "sin_x1": "sin X₁", "sin_x2": "sin X₂"}
PLAIN_POINT = {"x1": True, "x2": True}  # the features without a Features layer: the point itself
HIDDEN_ACTIVATIONS = ("ReLU", "Tanh", "Sigmoid", "LeakyReLU", "GELU", "SiLU", "ELU", "Identity")


def _features_layer(spec: dict) -> dict | None:
    first = spec["layers"][0] if spec["layers"] else None
    return first if first is not None and first["type"] == "Features" and not first.get("inputs") else None


def input_features(spec: dict) -> dict[str, bool]:
    """Which of the seven features feed the network (x1 and x2 alone when it has no Features layer)."""
    layer = _features_layer(spec)
    params = {**PLAIN_POINT, **(layer.get("params") or {})} if layer is not None else PLAIN_POINT
    return {name: bool(params.get(name, False)) for name in FEATURES}


def set_input_features(spec: dict, chosen: dict[str, bool]) -> dict:
    """The network fed the chosen features: a Features layer first (added, changed, or taken out when the
    choice is the plain point, so a plain network stays plain). Layers that read the input read it instead."""
    new = copy.deepcopy(spec)
    layer = _features_layer(new)
    plain = {n: bool(chosen.get(n)) for n in FEATURES} == {n: n in PLAIN_POINT for n in FEATURES}
    if layer is not None:
        if plain:
            new["layers"].remove(layer)
            _rewire(new, layer["id"], "input")
        else:
            layer["params"] = {n: True for n in FEATURES if chosen.get(n)} | {n: False for n in PLAIN_POINT
                                                                               if not chosen.get(n)}
        return new
    if plain:
        return new
    lid = "features" if "features" not in {l["id"] for l in new["layers"]} else unique_id("features", [
        l["id"] for l in new["layers"]])
    _rewire(new, "input", lid)
    params = {n: True for n in FEATURES if chosen.get(n) and n not in PLAIN_POINT}
    params.update({n: False for n in PLAIN_POINT if not chosen.get(n)})
    new["layers"].insert(0, {"id": lid, "type": "Features", "params": params})
    return new


def _rewire(spec: dict, old: str, new_id: str) -> None:
    for layer in spec["layers"]:
        if layer.get("inputs"):
            layer["inputs"] = [new_id if i == old else i for i in layer["inputs"]]


def hidden_layers(spec: dict) -> list[dict]:
    """The activation layers before the last layer (the output's own activation, if any, is not hidden)."""
    return [l for l in spec["layers"][:-1] if l["type"] in REGISTRY and REGISTRY[l["type"]].category == "Activation"
            and l["type"] not in ("Softmax", "LogSoftmax")]


def hidden_activation(spec: dict) -> str | None:
    """The one activation every hidden layer uses; None when they differ or there is none."""
    kinds = {l["type"] for l in hidden_layers(spec)}
    return kinds.pop() if len(kinds) == 1 else None


def set_hidden_activation(spec: dict, type_name: str) -> dict:
    """Every hidden activation layer becomes `type_name` (ids, wiring and places kept; its own defaults)."""
    if type_name not in REGISTRY or REGISTRY[type_name].category != "Activation":
        raise ValueError(f"activation must be one of {', '.join(HIDDEN_ACTIVATIONS)}. Received: {type_name!r}")
    new = copy.deepcopy(spec)
    for layer in hidden_layers(new):
        if layer["type"] != type_name:
            layer["type"] = type_name
            layer.pop("params", None)
    return new
