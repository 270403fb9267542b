"""A followed sample on the canvas (builder/ui/canvas_data.py): the output node says the sample's prediction, each
class's probability and its loss, as the trace computed them; the wires carry that sample's activation size at
their source (width on one log scale, the RMS in the label); and the nodes a teacher's link locks are marked so."""
from __future__ import annotations

import math

import numpy as np
import pytest

from builder.checker import check_spec
from builder.trace import trace_sample, validation_sample
from builder.training import Trainer
from builder.ui import canvas_data
from conftest import moons_spec


@pytest.fixture(scope="module")
def traced():
    trainer = Trainer.from_spec(moons_spec(epochs=1), telemetry=False)
    trainer.run_epoch()
    x, y = validation_sample(trainer, 3)
    return trace_sample(trainer, x, y).to_dict()


def graph(sample=None, locked=()):
    spec = moons_spec(epochs=1)
    return spec, canvas_data.graph_data(spec, check_spec(spec), sample=sample, locked=locked)


def test_the_output_node_says_the_prediction_each_class_probability_and_the_loss(traced):
    trace = traced
    spec, data = graph(trace)
    out = next(n for n in data["nodes"] if n["role"] == "output")
    answer = out["answer"]
    o = trace["output"]
    assert answer["kind"] == "classes" and answer["predicted"] == o["class_names"][o["predicted"]]
    assert answer["p"] == pytest.approx(float(np.max(o["probabilities"])))
    assert [c["p"] for c in answer["classes"]] == pytest.approx(np.asarray(o["probabilities"]).tolist())
    assert sum(c["predicted"] for c in answer["classes"]) == 1 and answer["classes"][o["true"]]["true"]
    assert answer["loss"] == pytest.approx(o["loss"]) and answer["correct"] == o["correct"]
    assert all("answer" not in n for n in data["nodes"] if n["role"] != "output")
    assert all("answer" not in n for n in graph()[1]["nodes"]), "nothing followed, nothing said"


def test_a_regression_answer_gives_the_values_and_the_true_ones():
    answer = canvas_data.sample_answer({"kind": "values", "predicted": np.array([1.5, 2.0]),
                                        "true": np.array([1.0, 2.5]), "loss": 0.25})
    assert answer["values"] == [1.5, 2.0] and answer["true"] == [1.0, 2.5] and answer["loss"] == 0.25
    many = canvas_data.sample_answer({"kind": "classes", "predicted": 0, "probabilities": np.full(20, 0.05),
                                      "class_names": [f"c{i}" for i in range(20)], "true": None, "loss": None})
    assert len(many["classes"]) == canvas_data.MAX_CLASSES and many["more"] == 20 - canvas_data.MAX_CLASSES


def test_the_wires_carry_the_sample_activation_size_at_their_source(traced):
    trace = traced
    spec, data = graph(trace)
    edges = {e["source"]: e for e in data["edges"]}
    rms = {lid: view["rms"] for lid, view in trace["layers"].items()}
    rms["input"] = math.sqrt(float(np.mean(np.square(trace["input"]["values"]))))
    for source, edge in edges.items():
        assert edge["sample"] and f"rms {rms[source]:.2g}" in edge["label"], edge
    logs = {s: math.log10(r) for s, r in rms.items() if r > 0}  # every layer's output sets the scale
    low, high = min(logs.values()), max(logs.values())
    for source, edge in edges.items():  # one log scale across the network, 1 to 8 px
        assert edge["width"] == pytest.approx(1 + 7 * (logs[source] - low) / max(high - low, 1.0), abs=0.01)
    by_size = sorted(edges, key=logs.get)
    assert [edges[s]["width"] for s in by_size] == sorted(e["width"] for e in edges.values())
    plain = {e["source"]: e for e in graph()[1]["edges"]}
    assert not any(e["sample"] for e in plain.values()) and plain["input"]["label"] == "[2]"


def test_the_nodes_a_teachers_link_locks_are_marked_locked():
    spec, data = graph(locked={"input", "fc1"})
    locked = {n["id"] for n in data["nodes"] if n["locked"]}
    assert locked == {"input", "fc1"}
