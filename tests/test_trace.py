"""Following one sample through a network (builder/trace.py): every layer's output equals the same computation by
hand, the output node's probabilities and loss are those training computes, and the pickers choose the right
validation samples."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from builder.bundle import load_bundle, write_bundle
from builder.checker import infer_shapes
from builder.compiler import build_model
from builder.errors import DataError
from builder.objectives import objective_for
from builder.preprocessing import Normalizer
from builder.trace import (MAX_MAPS, MAX_SIDE, ModelParts, TraceWatch, jsonable, model_parts, pick_samples, sample_key,
                           resolve_sample, step_sample, trace_sample, validation_predictions, validation_sample)
from builder.training import Trainer

from conftest import layer, moons_spec


def _trainer(spec: dict) -> Trainer:
    return Trainer.from_spec(spec, telemetry=False)


def _bare_parts(spec: dict, class_names) -> ModelParts:
    """A classifier's network without a run: unnormalised inputs, cross-entropy."""
    checked = infer_shapes(spec).raise_errors()
    return ModelParts(build_model(checked, seed=0), Normalizer(), objective_for("classification", "cross_entropy"),
                      torch.nn.CrossEntropyLoss(), class_names, torch.device("cpu"), tuple(spec["input"]["shape"]))


@pytest.fixture(scope="module")
def moons():
    t = _trainer(moons_spec(epochs=1))
    t.run_epoch()
    return t


def test_dense_trace_is_the_hand_computation(moons):
    x, y = validation_sample(moons, 3)
    trace = trace_sample(moons, x, y)
    net = moons.model
    with torch.no_grad():
        z = moons.parts.normalizer.apply(x.reshape(1, -1).float())
        fc1 = z @ net.fc1.weight.T + net.fc1.bias
        a1 = fc1.clamp(min=0)
        logits = a1 @ net.out.weight.T + net.out.bias
    assert list(trace.layers) == ["fc1", "a1", "out"]
    assert np.allclose(trace.layers["fc1"]["values"], fc1[0].numpy(), atol=1e-6)
    assert np.allclose(trace.layers["a1"]["values"], a1[0].numpy(), atol=1e-6)
    assert trace.layers["a1"]["zero_units"] == [int(i) for i in torch.nonzero(a1[0] == 0).flatten()]
    assert "zero_units" not in trace.layers["fc1"]  # only after a ReLU-family activation is zero "dead"
    out = trace.output
    assert np.allclose(out["probabilities"], F.softmax(logits, 1)[0].numpy(), atol=1e-6)
    assert out["predicted"] == int(logits.argmax()) and out["true"] == int(y)
    assert out["correct"] == (out["predicted"] == int(y))
    assert out["loss"] == pytest.approx(float(F.cross_entropy(logits, torch.tensor([int(y)]))), rel=1e-5)
    assert trace.layers["out"]["lo"] == pytest.approx(float(logits.min())) and trace.input["shape"] == [2]


def test_trace_without_a_target_has_no_loss_and_reads_json(moons):
    trace = trace_sample(moons, [0.5, -0.25])
    assert trace.output["loss"] is None and trace.output["true"] is None and trace.output["correct"] is None
    plain = jsonable(trace.to_dict())
    assert isinstance(plain["layers"]["fc1"]["values"], list) and isinstance(plain["output"]["probabilities"], list)


def test_conv_trace_gives_feature_maps_bounded_for_the_page():
    spec = {"format": "netbuilder/1", "input": {"shape": [1, 40, 40]},
            "layers": [layer("c1", "Conv2d", out_channels=20, kernel_size=3, padding=1), layer("a1", "ReLU"),
                       layer("f", "Flatten"), layer("out", "Linear", out_features=3)]}
    parts = _bare_parts(spec, ["a", "b", "c"])
    net = parts.model
    x = torch.randn(1, 40, 40)
    trace = trace_sample(parts, x, 2)
    maps = trace.layers["c1"]
    full = net.c1(x.unsqueeze(0))[0].detach()
    assert maps["kind"] == "maps" and maps["shape"] == [20, 40, 40] and maps["total"] == 20
    assert maps["maps"].shape == (MAX_MAPS, MAX_SIDE, MAX_SIDE) and maps["shown"] == MAX_MAPS
    pooled = F.adaptive_avg_pool2d(full[:MAX_MAPS], (MAX_SIDE, MAX_SIDE))
    assert np.allclose(maps["maps"], pooled.numpy(), atol=1e-5)
    assert maps["hi"] == pytest.approx(float(full.max()), rel=1e-5)
    assert trace.output["label"] in ("a", "b", "c") and trace.output["loss"] > 0


def test_recurrent_trace_gives_the_hidden_state_time_by_unit():
    spec = {"format": "netbuilder/1", "input": {"shape": [7, 2]},
            "layers": [layer("lstm", "LSTM", hidden_size=5), layer("out", "Linear", out_features=1)],
            "data": {"dataset": "adding", "options": {"n_samples": 64, "steps": 7}}, "training": {"epochs": 1}}
    t = _trainer(spec)
    x, y = validation_sample(t, 0)
    trace = trace_sample(t, x, y)
    hidden = trace.layers["lstm"]["hidden"]
    module = t.model.lstm
    every_step = torch.nn.LSTM.forward(module, t.parts.normalizer.apply(x.unsqueeze(0).float()))[0][0]
    assert hidden.shape == (7, 5)
    assert np.allclose(hidden, every_step.detach().numpy(), atol=1e-6)
    assert np.allclose(trace.layers["lstm"]["values"], hidden[-1], atol=1e-6)  # the layer's output: the last step
    assert trace.output["kind"] == "values" and trace.output["loss"] is not None


def test_attention_trace_gives_each_heads_map():
    spec = {"format": "netbuilder/1", "input": {"shape": [6, 8]},
            "layers": [layer("enc", "TransformerEncoderLayer", nhead=2, dim_feedforward=16),
                       layer("f", "Flatten"), layer("out", "Linear", out_features=2)],
            "data": {"dataset": "digits_rows"}}
    parts = _bare_parts(spec, None)
    net = parts.model
    x = torch.randn(6, 8)
    attention = trace_sample(parts, x).layers["enc"]["attention"]
    net.eval()
    expected = net.enc.self_attn(x[None], x[None], x[None], need_weights=True, average_attn_weights=False)[1][0]
    assert attention.shape == (2, 6, 6)
    assert np.allclose(attention.sum(-1), 1, atol=1e-5)
    assert np.allclose(attention, expected.detach().numpy(), atol=1e-6)


def test_pickers_choose_misclassified_and_confusion_cells(moons):
    found = validation_predictions(moons)
    n = moons.parts.n_val
    assert len(found.loss) == n and np.isfinite(found.loss).all()
    wrong = pick_samples(found, misclassified_only=True)
    assert wrong == [i for i in range(n) if found.true[i] != found.predicted[i]]
    cell = pick_samples(found, cell=(1, 0))
    assert all(found.true[i] == 1 and found.predicted[i] == 0 for i in cell)
    worst = pick_samples(found, worst_first=True)
    assert sorted(worst) == list(range(n)) and found.loss[worst[0]] == found.loss.max()
    for i in (0, n - 1):  # each picked sample's trace gives the same prediction and loss as the batch did
        x, y = validation_sample(moons, i)
        out = trace_sample(moons, x, y).output
        assert out["predicted"] == found.predicted[i] and out["true"] == found.true[i]
        assert out["loss"] == pytest.approx(found.loss[i], rel=1e-4, abs=1e-6)


def test_step_sample_wraps_and_starts_at_the_first():
    assert step_sample([3, 5, 9], 5) == 9 and step_sample([3, 5, 9], 9) == 3 and step_sample([3, 5, 9], 3, -1) == 9
    assert step_sample([3, 5, 9], 4) == 3 and step_sample([3, 5, 9], None, -1) == 9 and step_sample([], 1) is None


def test_wrong_samples_are_refused_with_what_would_work(moons):
    with pytest.raises(DataError, match=r"shape \[3\].*shape \[2\]"):
        trace_sample(moons, [1.0, 2.0, 3.0])
    with pytest.raises(DataError, match="missing or infinite"):
        trace_sample(moons, [float("nan"), 0.0])
    with pytest.raises(DataError, match="between 0 and 1"):
        trace_sample(moons, [0.0, 0.0], 7)
    with pytest.raises(DataError, match="does not exist"):
        validation_sample(moons, 10_000)
    x, y = resolve_sample(moons, {"x": [0.1, 0.2], "y": 1})
    assert x.tolist() == pytest.approx([0.1, 0.2]) and y == 1


def test_a_bundle_traces_like_its_run(moons, tmp_path):
    bundle = load_bundle(write_bundle(moons, tmp_path / "b"))
    x, y = validation_sample(moons, 2)
    ours, theirs = trace_sample(moons, x, y), trace_sample(bundle, x, y)
    assert np.allclose(ours.output["probabilities"], theirs.output["probabilities"], atol=1e-6)
    assert ours.output["loss"] == pytest.approx(theirs.output["loss"], rel=1e-5)
    with pytest.raises(DataError, match="needs a run's data"):
        validation_predictions(bundle)
    assert model_parts(bundle).class_names == moons.parts.dataset.class_names


def test_trace_watch_follows_a_sample_while_training():
    t = _trainer(moons_spec(epochs=1))
    watch = TraceWatch(t, {"split": "val", "index": 0})
    t.step()
    answer = t.log.snapshot().answers["trace"]
    assert answer["request"] == sample_key({"split": "val", "index": 0}) and answer["value"]["step"] == 1
    x, y = validation_sample(t, 0)
    assert np.allclose(answer["value"]["output"]["probabilities"], trace_sample(t, x, y).output["probabilities"])
    watch.follow({"split": "val", "index": 10_000})
    t.step()
    assert "does not exist" in t.log.snapshot().answers["trace"]["value"]["error"]
