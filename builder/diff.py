"""What differs between two specs, as plain data: layers added, removed and changed (their type, parameters and
inputs), and changed input, data and training settings. Comparisons mark it on the canvas; edits of a paused run
say it."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .spec import Spec, TrainingSpec, parse_spec

TRAINING_DEFAULTS = TrainingSpec().model_dump()


@dataclass
class LayerChange:
    """One layer present in both specs that differs."""

    id: str
    type: tuple[str, str] | None = None  # (before, after) when the type changed
    params: dict[str, tuple] = field(default_factory=dict)  # name -> (before, after); None: not written
    inputs: tuple[list, list] | None = None  # (before, after) when the wiring changed


@dataclass
class SpecDiff:
    """The difference from spec `a` to spec `b`."""

    added: list[str] = field(default_factory=list)  # layer ids only in b
    removed: list[str] = field(default_factory=list)  # layer ids only in a
    changed: list[LayerChange] = field(default_factory=list)
    input: dict[str, tuple] = field(default_factory=dict)  # "shape" / "dtype" -> (before, after)
    data: dict[str, tuple] = field(default_factory=dict)  # "dataset", "val_fraction", "options.noise" -> (a, b)
    training: dict[str, tuple] = field(default_factory=dict)  # setting -> (before, after), defaults filled in

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.input or self.data or self.training)

    @property
    def layers_changed(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.input)

    def marks(self) -> dict[str, str]:
        """Layer id -> "added" | "changed" (what the canvas marks on spec b's nodes); removed ids are in `removed`."""
        return {**{lid: "added" for lid in self.added}, **{c.id: "changed" for c in self.changed}}

    def lines(self) -> list[str]:
        """The difference in words, one line per change."""
        out = [f"added layer '{lid}'" for lid in self.added] + [f"removed layer '{lid}'" for lid in self.removed]
        for c in self.changed:
            if c.type:
                out.append(f"layer '{c.id}': type {c.type[0]} → {c.type[1]}")
            out += [f"layer '{c.id}': {name} {_text(a)} → {_text(b)}" for name, (a, b) in c.params.items()]
            if c.inputs:
                out.append(f"layer '{c.id}': reads {', '.join(c.inputs[1])} (was {', '.join(c.inputs[0])})")
        for section, changes in (("input", self.input), ("data", self.data), ("training", self.training)):
            out += [f"{section} {key}: {_text(a)} → {_text(b)}" for key, (a, b) in changes.items()]
        return out

    def to_dict(self) -> dict:
        return asdict(self)


def _text(value) -> str:
    return "(not set)" if value is None else repr(value) if isinstance(value, str) else str(value)


def diff_specs(a, b) -> SpecDiff:
    """What changed from spec `a` to spec `b` (dicts or Specs; the structure is checked, the layers need not be)."""
    a, b = parse_spec(a), parse_spec(b)
    out = SpecDiff()
    before, after = _inputs_by_id(a), _inputs_by_id(b)
    out.added = [lid for lid in after if lid not in before]
    out.removed = [lid for lid in before if lid not in after]
    for lid in after:
        if lid in before:
            change = _layer_change(a.layer(lid), b.layer(lid), before[lid], after[lid])
            if change is not None:
                out.changed.append(change)
    out.input = _changed(a.input.model_dump(), b.input.model_dump())
    out.data = _data_changes(a, b)
    out.training = _changed({**TRAINING_DEFAULTS, **(a.training.model_dump() if a.training else {})},
                            {**TRAINING_DEFAULTS, **(b.training.model_dump() if b.training else {})})
    return out


def _inputs_by_id(spec: Spec) -> dict[str, list[str]]:
    """Each layer's inputs as the checker reads them: written, or the layer before (the first reads "input")."""
    out, previous = {}, "input"
    for layer in spec.layers:
        out[layer.id] = list(layer.inputs) if layer.inputs else [previous]
        previous = layer.id
    return out


def _layer_change(a, b, inputs_a: list[str], inputs_b: list[str]) -> LayerChange | None:
    change = LayerChange(a.id)
    if a.type != b.type:
        change.type = (a.type, b.type)
    change.params = _changed(a.params, b.params)
    if inputs_a != inputs_b:
        change.inputs = (inputs_a, inputs_b)
    return change if change.type or change.params or change.inputs else None


def _changed(a: dict, b: dict) -> dict[str, tuple]:
    return {k: (a.get(k), b.get(k)) for k in dict.fromkeys([*a, *b]) if a.get(k) != b.get(k)}


def _data_changes(a: Spec, b: Spec) -> dict[str, tuple]:
    da = a.data.model_dump() if a.data else {}
    db = b.data.model_dump() if b.data else {}
    out = _changed({k: v for k, v in da.items() if k != "options"}, {k: v for k, v in db.items() if k != "options"})
    options = _changed(da.get("options") or {}, db.get("options") or {})
    return out | {f"options.{k}": v for k, v in options.items()}
