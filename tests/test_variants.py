"""Variants from the same start (builder/variants.py) and what differs between two specs (builder/diff.py): two
identical variants train identically, shared layers start from identical tensors, the batch order is the same, and
the diff names every change."""
from __future__ import annotations

import copy

import pytest
import torch

import builder
from builder.diff import diff_specs
from builder.errors import SpecErrors
from builder.training import Trainer
from builder.variants import Comparison, shared_initial_weights

from conftest import layer, moons_spec


def _deeper(**training) -> dict:
    spec = moons_spec(epochs=1, **training)
    spec["data"]["options"]["n_samples"] = 200
    spec["layers"].insert(2, layer("fc2", "Linear", out_features=16))
    spec["layers"].insert(3, layer("a2", "ReLU"))
    return spec


def _narrower(spec: dict, width: int = 8) -> dict:
    out = copy.deepcopy(spec)
    out["layers"][2]["params"]["out_features"] = width  # fc2: 16 → width
    return out


def test_two_identical_variants_give_identical_histories_and_weights():
    spec = _deeper()
    found = builder.compare([spec, copy.deepcopy(spec)], shared_init=True)
    a, b = found.trainers
    assert a.status == b.status == "finished"
    histories = found.histories()
    assert histories["A"] == histories["B"] and len(histories["A"]) == 1
    assert all(torch.equal(x, y) for x, y in zip(a.model.state_dict().values(), b.model.state_dict().values()))
    assert found.variants[1].diff.empty and found.variants[1].shared == ["fc1", "fc2", "out"]


def test_shared_layers_start_from_identical_tensors_and_the_same_batches():
    spec = _deeper()
    other = _narrower(spec)
    other["training"]["seed"] = 0
    found = Comparison.from_specs([spec, other], labels=["wide", "narrow"])
    wide, narrow = found.variants
    assert narrow.shared == ["fc1"] and narrow.own == ["fc2", "out"]  # fc2 and out changed shape
    assert torch.equal(wide.trainer.model.fc1.weight, narrow.trainer.model.fc1.weight)
    assert torch.equal(wide.trainer.model.fc1.bias, narrow.trainer.model.fc1.bias)
    found.step()
    assert torch.equal(wide.trainer.samples.order, narrow.trainer.samples.order)  # the same batch order
    assert Comparison.from_specs([spec, other], shared_init=False).variants[1].shared == []


def test_shared_initial_weights_are_the_comparisons_own():
    spec = _deeper()
    other = _narrower(spec)
    states = shared_initial_weights([spec, other])
    found = Comparison.from_specs([spec, other])
    for state, trainer in zip(states, found.trainers):
        assert all(torch.equal(v, trainer.model.state_dict()[k]) for k, v in state.items())
    assert torch.equal(states[0]["fc1.weight"], states[1]["fc1.weight"])
    assert states[1]["fc2.weight"].shape == (8, 16)
    started = Trainer.from_spec(other, telemetry=False, start_weights=states[1])  # a worker of its own
    assert all(torch.equal(v, started.model.state_dict()[k]) for k, v in states[1].items())


def test_a_comparison_as_plain_data_says_what_differs():
    spec = _deeper()
    other = _narrower(spec)
    other["training"]["lr"] = 0.1
    found = Comparison.from_specs([spec, other])
    plain = found.to_dict()["variants"]
    assert [v["label"] for v in plain] == ["A", "B"] and plain[0]["changes"] == [] and plain[0]["history"] == []
    assert plain[1]["marks"] == {"fc2": "changed"}
    assert plain[1]["changes"] == ["layer 'fc2': out_features 16 → 8", "training lr: 0.01 → 0.1"]
    with pytest.raises(SpecErrors, match="1 to 4 variants"):
        Comparison.from_specs([spec] * 5)


def test_diff_names_added_removed_changed_layers_and_settings():
    a = _deeper()
    b = copy.deepcopy(a)
    del b["layers"][2:4]  # fc2, a2 removed
    b["layers"].insert(1, layer("bn", "BatchNorm1d"))
    b["layers"][2] = layer("a1", "Tanh")
    b["data"]["options"]["noise"] = 0.3
    b["training"]["optimizer"] = "sgd"
    found = diff_specs(a, b)
    assert found.added == ["bn"] and found.removed == ["fc2", "a2"]
    assert [(c.id, c.type) for c in found.changed if c.type] == [("a1", ("ReLU", "Tanh"))]
    out = next(c for c in found.changed if c.id == "out")
    assert out.inputs == (["a2"], ["a1"])  # the wiring changed: out reads a1 now
    assert found.data == {"options.noise": (None, 0.3)} and found.training["optimizer"][1] == "sgd"
    assert found.marks() == {"bn": "added", "a1": "changed", "out": "changed"}
    assert "removed layer 'fc2'" in found.lines() and "data options.noise: (not set) → 0.3" in found.lines()
    assert diff_specs(a, copy.deepcopy(a)).empty and not diff_specs(a, b).empty and diff_specs(a, b).layers_changed
