"""Hostile specs: each must give SpecErrors that say what is wrong (naming the layer where there is one),
before anything is allocated, and leave the process working."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from builder.errors import SpecErrors
from builder.checker import SizeLimits, check_spec
from builder.spec import parse_spec
from conftest import root_on_path

ROOT = Path(__file__).resolve().parents[2]


def net(*layers, shape=(4,), dtype="float"):
    return {"format": "netbuilder/1", "input": {"shape": list(shape), "dtype": dtype}, "layers": list(layers)}


def L(id, type, inputs=None, **params):
    layer = {"id": id, "type": type, "params": params}
    if inputs is not None:
        layer["inputs"] = inputs
    return layer


NESTED = "[" * 100_000 + "]" * 100_000
# (case id, the spec (dict or raw JSON text), the layer the error must name or None, words it must contain)
SPEC_CASES = [
    ("malformed json", '{"format": "netbuilder/1", "layers": [', None, "not valid JSON"),
    ("not an object", "[1, 2, 3]", None, "JSON object"),
    ("wrong format tag", {"format": "keras/3", "input": {"shape": [4]}, "layers": []}, None, "netbuilder/1"),
    ("unknown top-level key", {**net(L("o", "Linear", out_features=2)), "extra": 1}, None, "unknown key"),
    ("no layers", net(), None, "layers"),
    ("unknown type", net(L("c", "Conv2D", out_channels=2)), "c", "Conv2d"),
    ("missing parameter", net(L("o", "Linear")), "o", "out_features"),
    ("unknown parameter", net(L("o", "Linear", out_feature=2)), "o", "out_features"),
    ("out of range", net(L("o", "Linear", out_features=-3)), "o", "Received: out_features=-3"),
    ("inferred parameter written", net(L("o", "Linear", out_features=2, in_features=4)), "o", "inferred"),
    ("conv2d on a vector", net(L("c", "Conv2d", out_channels=2, kernel_size=3)), "c", "Reshape"),
    ("lstm on a vector", net(L("r", "LSTM", hidden_size=4)), "r", "rank"),
    ("kernel larger than input", net(L("c", "Conv1d", out_channels=2, kernel_size=9), shape=(1, 4)), "c", "larger"),
    ("spatial size to zero", net(L("p", "MaxPool2d", kernel_size=2), L("q", "MaxPool2d", kernel_size=2),
                                 L("r", "MaxPool2d", kernel_size=2), shape=(1, 4, 4)), "r", "larger"),
    ("add of unequal shapes", net(L("a", "Linear", out_features=3), L("b", "Linear", ["input"], out_features=5),
                                  L("s", "Add", ["a", "b"])), "s", "equal shape"),
    ("concat of unequal ranks", net(L("a", "Reshape", shape=[2, 2]), L("s", "Concat", ["a", "input"])), "s", "rank"),
    ("duplicate id", net(L("a", "ReLU"), L("a", "Tanh")), "a", "duplicate"),
    ("unknown input reference", net(L("a", "ReLU", ["ghost"])), "a", "ghost"),
    ("cycle", net(L("a", "ReLU", ["b"]), L("b", "ReLU", ["a"])), "a", "cycle"),
    ("embedding on float input", net(L("e", "Embedding", num_embeddings=4, embedding_dim=2)), "e", "integer"),
    ("linear on token ids", net(L("o", "Linear", out_features=2), dtype="long"), "o", "Embedding"),
    ("reserved id", net(L("forward", "ReLU")), "forward", "reserved"),
    ("id with a dot", net(L("a.b", "ReLU")), "a.b", "letters"),
    ("nan parameter", json.dumps(net(L("d", "Dropout", p=0.5))).replace("0.5", "NaN"), "d", "p"),
    ("huge integer", net(L("o", "Linear", out_features=10**400)), "o", "out_features"),
    ("huge float", net(L("a", "LeakyReLU", negative_slope=1e308)), "a", "finite"),
    ("a billion units", net(L("big", "Linear", out_features=10**9)), "big", "NETBUILDER_MAX_PARAMS"),
    ("ten thousand layers", net(*[L(f"l{i}", "ReLU") for i in range(10_000)]), None, "NETBUILDER_MAX_LAYERS"),
    ("ten million steps", net(L("r", "LSTM", hidden_size=4), shape=(10**7, 1)), None, "NETBUILDER_MAX_INPUT_VALUES"),
    ("deeply nested json", '{"format": "netbuilder/1", "input": {"shape": [4]}, "layers": ' + NESTED + "}", None,
     "nested"),
    ("string where a list goes", {**net(L("o", "Linear", out_features=2)), "layers": "Linear"}, None, "layers"),
    ("negative input shape", {**net(L("o", "Linear", out_features=2)), "input": {"shape": [-4]}}, None, "≥ 1"),
]


@pytest.mark.parametrize("case,spec,layer,words", SPEC_CASES, ids=[c[0] for c in SPEC_CASES])
def test_hostile_spec_gets_a_clear_error(case, spec, layer, words):
    with pytest.raises(SpecErrors) as e:
        check_spec(spec).raise_errors()
    errors = e.value.errors
    assert errors and all(err.message for err in errors)
    if layer is not None:
        assert any(err.layer_id == layer for err in errors), [str(x) for x in errors]
    assert any(words.lower() in str(err).lower() for err in errors), [str(x) for x in errors]


def test_fifty_megabytes_of_json_is_refused_unread(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "w") as f:
        f.write('{"format": "netbuilder/1", "name": "')
        f.write("x" * (50 * 1024 * 1024))
        f.write('"}')
    with pytest.raises(SpecErrors, match="at most"):
        parse_spec(path)
    with pytest.raises(SpecErrors, match="at most"):
        parse_spec(path.read_text())


def test_size_limits_are_configurable():
    spec = net(L("o", "Linear", out_features=1000))
    assert check_spec(spec).ok
    assert not check_spec(spec, SizeLimits(max_params=100)).ok
    assert not check_spec(spec, SizeLimits(max_activation_values=10)).ok


@pytest.mark.parametrize("layer, shape", [
    (L("r", "GRU", hidden_size=4000), (1_000_000, 1)),  # its output is 4,000 values; every step's state is kept
    (L("r", "LSTM", hidden_size=64, num_layers=8, bidirectional=True, return_sequences=False), (100_000, 4)),
    (L("r", "TransformerEncoderLayer", nhead=1, dim_feedforward=1_000_000), (1000, 2)),  # the feed-forward block
    (L("r", "MultiheadSelfAttention", num_heads=8), (10_000, 8)),  # 8 × 10,000 × 10,000 attention weights
])
def test_what_a_layer_holds_inside_counts_toward_the_activation_limit(layer, shape):
    spec = net(layer, L("f", "Flatten"), L("out", "Linear", out_features=2), shape=shape)
    result = check_spec(spec)
    assert [e.layer_id for e in result.errors] == ["r"], result.errors
    assert "holds" in result.errors[0].message and "NETBUILDER_MAX_ACTIVATIONS" in result.errors[0].hint
    assert check_spec(spec, SizeLimits(max_activation_values=10**12)).ok  # the limit, not the shapes, refused it


def test_a_long_sequence_is_summarised_by_the_step_not_step_by_step():
    # a million steps through a small GRU fits the limits; its FLOPs are one step's times the steps (counting them
    # one by one on the meta device took minutes), and its activations hold every step's state
    from builder.summary import summarize
    spec = net(L("r", "GRU", hidden_size=4), L("out", "Linear", out_features=2), shape=(1_000_000, 1))
    one = summarize(net(L("r", "GRU", hidden_size=4), L("out", "Linear", out_features=2), shape=(1, 1)))
    summary = summarize(spec)
    gru, out = summary.layers
    assert gru.flops == 1_000_000 * one.layers[0].flops and out.flops == one.layers[1].flops
    assert summary.activation_bytes >= 1_000_000 * 4 * 4  # every step's hidden state, 4 bytes each


def test_cli_exits_2_on_every_hostile_spec_without_a_traceback(tmp_path):
    paths = []
    for i, (case, spec, _, _) in enumerate(SPEC_CASES[i] for i in (0, 2, 12, 26)):
        path = tmp_path / f"case{i}.json"
        path.write_text(spec if isinstance(spec, str) else json.dumps(spec))
        paths.append(path)
    env = root_on_path()
    for path in paths:
        out = subprocess.run([sys.executable, "-m", "builder", "validate", str(path)], capture_output=True, text=True,
                             cwd=ROOT, timeout=60, env=env)
        assert out.returncode == 2, (path.read_text()[:200], out.stderr)
        assert out.stderr.startswith("error: ") and "Traceback" not in out.stderr


def test_the_checker_still_works_after_the_corpus():
    assert check_spec(net(L("o", "Linear", out_features=2))).ok
