"""What importing a network gives (a checked spec and its weights keyed by layer id), layer ids made from foreign
names, and writing both as a bundle folder that `builder.load` and `builder.load_spec` read."""
from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import torch

from .checker import RESERVED_IDS, SizeLimits
from .errors import BundleError, count_text, short

MAX_ID = 56  # the spec allows 64 characters; the rest is room for a "_2" that keeps an id unique


@dataclass
class ImportedNetwork:
    """A network read from an ONNX file or traced from a PyTorch module."""

    spec: dict  # a checked netbuilder/1 spec describing the network (no data or training section)
    state: dict[str, torch.Tensor]  # its weights, keyed as build_model(spec).state_dict() is
    inference: dict = field(default_factory=dict)  # what a bundle's spec.json holds beside the spec: statistics
    notes: list[str] = field(default_factory=list)  # what a person should know about the result, one line each

    def save(self, out_dir: str | Path) -> Path:
        """Write the bundle folder: model.safetensors and spec.json (with the inference section, when there is one)."""
        from safetensors.torch import save_file

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        weights = {k: v.detach().cpu().contiguous() for k, v in self.state.items()}
        tmp = out / f".model.safetensors.{os.getpid()}.tmp"
        save_file(weights, str(tmp), metadata={"format": "netbuilder/1"})
        os.replace(tmp, out / "model.safetensors")
        document = {**self.spec, "inference": self.inference} if self.inference else self.spec
        tmp = out / f".spec.json.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(document, indent=2))
        os.replace(tmp, out / "spec.json")
        return out


def import_model(source, *, input_shape=None, name: str | None = None) -> ImportedNetwork:
    """A network from elsewhere: an ONNX file (a path or its bytes), `module.py:ClassName` (the file is run, as
    Python runs it) or an nn.Module, both with `input_shape` (one sample's shape, batch excluded)."""
    from torch import nn

    if isinstance(source, nn.Module):
        from .torch_import import import_module
        return import_module(source, _shape(input_shape, "input_shape"), name=name)
    if isinstance(source, (bytes, bytearray)):
        from .onnx_import import import_onnx
        return import_onnx(bytes(source), name or "model.onnx")
    text = str(source)
    if ":" in text and text.rsplit(":", 1)[0].endswith(".py"):
        from .torch_import import import_module, load_module
        return import_module(load_module(text), _shape(input_shape, "input_shape"), name=name or text.rsplit(":", 1)[1])
    from .onnx_import import read_onnx_file
    return read_onnx_file(Path(text), name=name)


def _shape(value, what: str) -> tuple[int, ...]:
    if value is None:
        raise BundleError(f"{what} is needed to trace a PyTorch module: one sample's shape, e.g. (1, 28, 28)")
    if isinstance(value, str):
        try:
            value = [int(v) for v in value.split(",")]
        except ValueError:
            raise BundleError(f"{what} must be whole numbers separated by commas, e.g. 1,28,28. Received: "
                              f"{value[:80]!r}") from None
    shape = tuple(value)
    if not 1 <= len(shape) <= 4 or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 1 for d in shape):
        raise BundleError(f"{what} must be 1 to 4 whole numbers ≥ 1 (batch excluded). Received: {list(shape)[:8]}")
    limit = SizeLimits().max_input_values  # checked before a sample of it is made to trace the module
    if math.prod(shape) > limit:
        raise BundleError(f"{what} {short(list(shape))} holds {count_text(math.prod(shape))} values per sample; "
                          f"this server accepts at most {limit:,} (the limit is set by NETBUILDER_MAX_INPUT_VALUES)")
    return shape


def layer_id(name: str) -> str:
    """A foreign name (a module path, an ONNX node name) as a spec id: letters, digits and '_'."""
    return re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9_]", "_", name)).strip("_")[:MAX_ID].rstrip("_")


class LayerIds:
    """Unique layer ids for one imported network, never an id the compiled module reserves."""

    def __init__(self):
        self.taken: set[str] = set(RESERVED_IDS)

    def new(self, *candidates: str, fallback: str = "layer") -> str:
        base = next((c for c in map(layer_id, candidates) if c), fallback)
        out, n = base, 1
        while out in self.taken:
            n += 1
            out = f"{base}_{n}"
        self.taken.add(out)
        return out


def settle_recurrent(layers: list[dict], steps_read: dict, where: str) -> None:
    """A recurrent layer whose last step alone is read returns only that (return_sequences false); one read both
    ways is refused. `steps_read`: layer id -> the outputs read, {"seq", "last"}."""
    for layer in layers:
        steps = steps_read.get(layer["id"])
        if steps == {"seq", "last"}:
            raise BundleError(f"{where}: both every step and the last step of '{layer['id']}' are read; a "
                              "NetBuilder recurrent layer outputs one or the other")
        if steps == {"last"}:
            layer["params"].pop("return_sequences", None)


def compact(layers: list[dict]) -> list[dict]:
    """Layers as a person writes them: `inputs` only where a layer does not read the one above it, `params` only
    where there are some."""
    out, previous = [], "input"
    for layer in layers:
        entry = {"id": layer["id"], "type": layer["type"]}
        if layer.get("params"):
            entry["params"] = layer["params"]
        if layer["inputs"] != [previous]:
            entry["inputs"] = list(layer["inputs"])
        out.append(entry)
        previous = layer["id"]
    return out


def reaching(layers: list[dict], output_id: str) -> list[dict]:
    """The layers whose output reaches `output_id`, in their order (an exporter's leftovers feed nothing)."""
    needed, by_id = {output_id}, {l["id"]: l for l in layers}
    for layer in reversed(layers):
        if layer["id"] in needed:
            needed.update(s for s in layer["inputs"] if s in by_id)
    return [l for l in layers if l["id"] in needed]


def finish(spec: dict, state: dict[str, torch.Tensor], where: str, inference: dict | None = None,
           notes: list[str] | None = None) -> ImportedNetwork:
    """Check the spec as any spec is checked, and that the weights fit its network exactly."""
    from .compiler import build_model

    net = build_model(spec, seed=0)  # raises SpecErrors naming the layer; seeded: the global generator is left alone
    try:
        net.load_state_dict(state, strict=True)
    except RuntimeError as e:
        raise BundleError(f"{where}: the weights do not fit the imported network "
                          f"({str(e).splitlines()[-1].strip()[:300]})") from None
    notes = list(notes or [])
    last = spec["layers"][-1]["type"]
    if last in ("Softmax", "LogSoftmax", "Sigmoid"):
        notes.append(f"the network ends in {last}: to fine-tune it with cross_entropy or bce_with_logits (which apply "
                     "it themselves), remove that last layer")
    return ImportedNetwork(spec, state, inference or {}, notes)
