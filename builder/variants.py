"""Change one thing and see what it did: up to four variants of a setup train side by side from the same initial
weights (for every layer they share) on the same split in the same batch order, so that what differs between
their curves is the change alone. Also what differs between the specs, for the canvas to mark."""
from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .checker import CheckedSpec, infer_shapes
from .diff import SpecDiff, diff_specs
from .errors import SpecError, SpecErrors
from .spec import Spec, parse_spec

if TYPE_CHECKING:
    import torch
    from torch import nn

MAX_VARIANTS = 4
NOISY = ("elapsed_s", "memory_mb")  # history columns that measure the machine, not the run


@dataclass
class Variant:
    """One setup of a comparison and its run."""

    label: str
    spec: Spec
    trainer: object  # its training.Trainer
    diff: SpecDiff  # what differs from the first variant
    shared: list[str] = field(default_factory=list)  # layers whose initial weights are the first variant's
    own: list[str] = field(default_factory=list)  # layers with weights initialised on their own (new or reshaped)


def share_initial_weights(first: nn.Module, first_checked: CheckedSpec, other: nn.Module,
                          other_checked: CheckedSpec) -> tuple[list[str], list[str]]:
    """Copy `first`'s initial tensors into `other` for every layer with the same id, type and tensor shapes
    (parameters and buffers); the rest keep their own seeded initialisation. Returns (shared ids, own ids)."""
    import torch
    source, target = first.state_dict(), other.state_dict()
    shared, own = [], []
    for lid in other_checked.order:
        keys = [k for k in target if k.split(".", 1)[0] == lid]
        if not keys:
            continue
        same = lid in first_checked.layers and \
            first_checked.layers[lid].type.name == other_checked.layers[lid].type.name and \
            all(k in source and source[k].shape == target[k].shape for k in keys) and \
            len(keys) == len([k for k in source if k.split(".", 1)[0] == lid])
        (shared if same else own).append(lid)
    with torch.no_grad():
        for k, value in target.items():
            if k.split(".", 1)[0] in shared:
                value.copy_(source[k])
    return shared, own


def shared_initial_weights(specs: list) -> list[dict]:
    """The initial state dict of each spec's network, shared as `compare` shares them: for runs that train in
    worker processes of their own (each starts from its state dict)."""
    from .compiler import build_model
    checked = [infer_shapes(parse_spec(s)).raise_errors() for s in _checked_count(specs)]
    models = [build_model(c, seed=c.spec.training.seed if c.spec.training else 0) for c in checked]
    for model, c in zip(models[1:], checked[1:]):
        share_initial_weights(models[0], checked[0], model, c)
    return [m.state_dict() for m in models]


def _checked_count(specs: list) -> list:
    if not 1 <= len(specs) <= MAX_VARIANTS:
        raise SpecErrors([SpecError(None, f"a comparison holds 1 to {MAX_VARIANTS} variants. Received: "
                                          f"{len(specs)}")])
    return list(specs)


class Comparison:
    """Variants training side by side: step them together (`step`, `run_epoch`, `run`) or each in a thread of its
    own (`start`, `pause`, `resume`, `stop`, `join`). Each variant's Trainer writes its own run log."""

    def __init__(self, variants: list[Variant]):
        self.variants = variants

    @classmethod
    def from_specs(cls, specs: list, shared_init: bool = True, dataset=None, labels: list[str] | None = None,
                   telemetry: bool = False, **overrides) -> "Comparison":
        """Trainers for up to four specs on `dataset` (None: each spec's own data), with training settings
        overridden alike; with `shared_init`, every layer the first variant shares (same id, type and shapes)
        starts from the first variant's initial weights. The split and the batch order follow each spec's seed:
        variants that keep the seed share them."""
        from .training import Trainer
        specs = [parse_spec(s) for s in _checked_count(specs)]
        labels = labels or list(string.ascii_uppercase[:len(specs)])
        trainers = [Trainer.from_spec(s, dataset, telemetry=telemetry, **overrides) for s in specs]
        variants = []
        for label, spec, trainer in zip(labels, specs, trainers):
            first = trainers[0]
            variant = Variant(label, trainer.spec, trainer, diff_specs(first.spec, trainer.spec))
            if shared_init and trainer is not first:
                variant.shared, variant.own = share_initial_weights(first.model, first.parts.checked, trainer.model,
                                                                    trainer.parts.checked)
            else:
                variant.own = [lid for lid, m in trainer.model.named_children() if any(True for _ in m.parameters())]
            variants.append(variant)
        return cls(variants)

    @property
    def trainers(self) -> list:
        return [v.trainer for v in self.variants]

    @property
    def done(self) -> bool:
        return all(t.done for t in self.trainers)

    def step(self) -> list[float | None]:
        """One batch of every variant that is still training; their losses."""
        return [t.step() for t in self.trainers]

    def run_epoch(self) -> None:
        for t in self.trainers:
            t.run_epoch()

    def run(self) -> "Comparison":
        """Train every variant to its end, batch by batch side by side (blocking)."""
        while not self.done:
            self.step()
        return self

    def start(self) -> "Comparison":
        for t in self.trainers:
            if not t.done:
                t.start()
        return self

    def pause(self) -> None:
        for t in self.trainers:
            t.pause()

    def resume(self) -> None:
        for t in self.trainers:
            t.resume()

    def stop(self) -> None:
        for t in self.trainers:
            t.stop()

    def join(self, timeout: float | None = None) -> bool:
        for t in self.trainers:
            t.join(timeout)
        return self.done

    def histories(self, machine: bool = False) -> dict[str, list[dict]]:
        """Each variant's epoch rows by label (without the machine's timings and memory unless `machine`)."""
        return {v.label: [{k: x for k, x in row.items() if machine or k not in NOISY} for row in v.trainer.history()]
                for v in self.variants}

    def to_dict(self) -> dict:
        """The comparison as plain data: per variant its label, status, what differs from the first (as canvas
        marks and in words), which layers share the first's initial weights, and its history."""
        histories = self.histories()
        return {"variants": [{"label": v.label, "name": v.spec.name, "status": v.trainer.status,
                              "marks": v.diff.marks(), "removed": list(v.diff.removed), "changes": v.diff.lines(),
                              "shared": list(v.shared), "own": list(v.own), "history": histories[v.label]}
                             for v in self.variants]}


def compare(specs: list, shared_init: bool = True, dataset=None, **options) -> Comparison:
    """Train up to four variants side by side to their end and return the Comparison (`options`: those of
    `Comparison.from_specs`, and training settings overridden alike)."""
    return Comparison.from_specs(specs, shared_init, dataset, **options).run()
