"""Helpers the model-core tests share: spec builders, the presets, random inputs and random valid specs."""
from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

import pytest
import torch
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
# Runs the tests start (and the servers the browser tests start) go to a folder of their own, not the project's runs/;
# under `pytest -n 2` one per worker, so neither sees the other's runs
_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if _WORKER or "NETBUILDER_RUNS_DIR" not in os.environ:
    os.environ["NETBUILDER_RUNS_DIR"] = tempfile.mkdtemp(prefix=f"netbuilder-test-runs-{_WORKER or ''}")
if _WORKER:
    # two workers on two cores: torch's own threads would be four, and its OpenMP threads spin while they wait for each
    # other (a preset's training test took 120 s beside the other worker, 12 s alone)
    torch.set_num_threads(1)
PRESET_PATHS = sorted((ROOT / "presets").glob("*.json"))


def root_on_path(**extra: str) -> dict[str, str]:
    """This process's environment for a child Python that must import the checkout: the checkout first on
    PYTHONPATH, what was there kept (an environment whose packages come by PYTHONPATH, as on a lent GPU machine)."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, **extra}

# DESIGN.md's built-in datasets: name -> (sample shape for default options, classes; None for regression).
DATASETS = {
    "moons": ([2], 2), "circles": ([2], 2), "xor": ([2], 2), "spiral": ([2], 3), "gaussians": ([2], 3),
    "plane": ([2], None), "iris": ([4], 3), "wine": ([13], 3), "breast_cancer": ([30], 2), "diabetes": ([10], None),
    "digits": ([1, 8, 8], 10), "digits_rows": ([8, 8], 10), "sine": (["steps", 1], None),
    "adding": (["steps", 2], None), "parity": (["steps"], 2), "pydoc_chars": (["steps"], 96),
    "python_topics": (["steps"], 3),
}
TOKEN_DATASETS = {"parity", "pydoc_chars", "python_topics"}  # the built-ins whose samples are token ids


def layer(id: str, type: str, inputs: list[str] | None = None, **params) -> dict:
    """One layer of a spec, as a person would write it."""
    out = {"id": id, "type": type}
    if params:
        out["params"] = params
    if inputs is not None:
        out["inputs"] = inputs
    return out


def make_spec(shape, layers: list[dict], dtype: str = "float", **extra) -> dict:
    """A network-only netbuilder/1 spec."""
    return {"format": "netbuilder/1", "input": {"shape": list(shape), "dtype": dtype}, "layers": layers, **extra}


def moons_spec(**training) -> dict:
    """A small MLP on moons for training-process tests (distributed runs, the standalone script)."""
    return {
        "format": "netbuilder/1", "name": "mlp", "input": {"shape": [2]},
        "layers": [{"id": "fc1", "type": "Linear", "params": {"out_features": 16}}, {"id": "a1", "type": "ReLU"},
                   {"id": "out", "type": "Linear", "params": {"out_features": 2}}],
        "data": {"dataset": "moons", "options": {"n_samples": 400}},
        # 320 training samples in batches of 33: the last batch (23) splits unevenly across 2 ranks, 12 and 11
        "training": {"epochs": 2, "batch_size": 33, "lr": 0.01, "seed": 0, **training},
    }


def read_preset(path: Path) -> dict:
    return json.loads(path.read_text())


def random_batch(shape, dtype: str = "float", batch: int = 3, vocab: int = 2, seed: int = 0) -> torch.Tensor:
    """A batch for an input of one sample's `shape`; token ids stay below `vocab`."""
    g = torch.Generator().manual_seed(seed)
    if dtype == "long":
        return torch.randint(0, vocab, (batch, *shape), generator=g)
    return torch.randn((batch, *shape), generator=g)


def spec_batch(spec, batch: int = 3, seed: int = 0) -> torch.Tensor:
    """A random batch for a spec (a dict or a Spec); token ids stay below every Embedding's vocabulary."""
    d = spec if isinstance(spec, dict) else spec.to_dict()
    vocab = min([l["params"]["num_embeddings"] for l in d["layers"] if l["type"] == "Embedding"] or [2])
    return random_batch(d["input"]["shape"], d["input"].get("dtype", "float"), batch, vocab, seed)


# ---- one case or more for every registry type ----

# type -> cases of (input shapes, params, input dtype); several inputs for merges.
CASES = {
    "Linear": [([[5]], {"out_features": 3}), ([[4, 6]], {"out_features": 2, "bias": False}), ([[2, 3, 4]], {"out_features": 1})],
    "Flatten": [([[1, 8, 8]], {}), ([[2, 3, 4]], {"start_dim": 2}), ([[2, 3, 4]], {"end_dim": -2}), ([[5]], {}),
                ([[3, 4]], {}, "long")],
    "Unflatten": [([[12]], {"unflattened_size": [3, 4]}), ([[2, 12]], {"dim": 2, "unflattened_size": [3, -1]}),
                  ([[6, 5]], {"dim": -2, "unflattened_size": [2, 3]})],
    "Reshape": [([[1, 8, 8]], {"shape": [64]}), ([[12]], {"shape": [3, -1]}), ([[2, 3, 4]], {"shape": [4, -1, 2]}),
                ([[6]], {"shape": [2, 3]}, "long")],
    "Features": [([[2]], {}), ([[2]], {"x1_squared": True, "x2_squared": True, "x1_x2": True, "sin_x1": True,
                                     "sin_x2": True}), ([[2]], {"x1": False, "sin_x2": True})],
    "Permute": [([[3, 5]], {"dims": [1, 0]}), ([[2, 3, 4]], {"dims": [2, 0, 1]}), ([[7]], {"dims": [0]})],
    "Dropout": [([[5]], {}), ([[2, 3, 4]], {"p": 0.2})],
    "Dropout2d": [([[3, 4, 4]], {"p": 0.1})],
    "AlphaDropout": [([[6]], {"p": 0.3})],
    "BatchNorm1d": [([[5]], {}), ([[3, 7]], {"affine": False, "momentum": 0.2})],
    "BatchNorm2d": [([[3, 4, 4]], {}), ([[2, 1, 1]], {"eps": 1e-3})],
    "LayerNorm": [([[5]], {}), ([[3, 6]], {"elementwise_affine": False}), ([[2, 3, 4]], {})],
    "GroupNorm": [([[4, 5]], {"num_groups": 2}), ([[6, 3, 3]], {"num_groups": 3})],
    "Conv1d": [([[2, 10]], {"out_channels": 3, "kernel_size": 3}),
               ([[4, 9]], {"out_channels": 6, "kernel_size": 3, "stride": 2, "padding": 1, "dilation": 2, "groups": 2}),
               ([[1, 8]], {"out_channels": 2, "kernel_size": 4, "padding": "same"}),
               ([[1, 5]], {"out_channels": 2, "kernel_size": 5, "padding": "valid", "bias": False})],
    "Conv2d": [([[1, 8, 8]], {"out_channels": 6, "kernel_size": 3, "padding": 1}),
               ([[2, 9, 7]], {"out_channels": 3, "kernel_size": [3, 2], "stride": [2, 1], "padding": [1, 0], "dilation": [1, 2]}),
               ([[4, 6, 6]], {"out_channels": 8, "kernel_size": 3, "groups": 4, "padding": "same"}),
               ([[3, 5, 5]], {"out_channels": 1, "kernel_size": 5})],
    "ConvTranspose2d": [([[2, 4, 4]], {"out_channels": 3, "kernel_size": 3, "stride": 2, "padding": 1, "output_padding": 1}),
                        ([[1, 3, 5]], {"out_channels": 2, "kernel_size": [2, 3], "stride": [2, 1]}),
                        ([[4, 2, 2]], {"out_channels": 2, "kernel_size": 2, "stride": 2, "groups": 2, "dilation": 2})],
    "MaxPool1d": [([[2, 10]], {"kernel_size": 2}), ([[3, 9]], {"kernel_size": 3, "stride": 2, "padding": 1, "dilation": 2}),
                  ([[2, 10]], {"kernel_size": 3, "stride": 2, "ceil_mode": True})],
    "MaxPool2d": [([[1, 8, 8]], {"kernel_size": 2}), ([[2, 7, 9]], {"kernel_size": [3, 2], "stride": 2, "padding": [1, 0]}),
                  ([[1, 5, 5]], {"kernel_size": 3, "stride": 1, "padding": 1, "dilation": 2}),
                  ([[3, 8, 8]], {"kernel_size": 3, "stride": 2, "ceil_mode": True}),
                  ([[1, 2, 2]], {"kernel_size": 3, "stride": 2, "ceil_mode": True}),
                  ([[1, 5, 6]], {"kernel_size": 2, "stride": 2, "padding": 1, "ceil_mode": True})],
    "AvgPool1d": [([[2, 10]], {"kernel_size": 3, "stride": 2, "padding": 1}), ([[1, 4]], {"kernel_size": 4})],
    "AvgPool2d": [([[3, 7, 7]], {"kernel_size": 3}), ([[1, 8, 8]], {"kernel_size": 2, "stride": 1})],
    "AdaptiveAvgPool1d": [([[3, 10]], {"output_size": 4}), ([[2, 5]], {"output_size": 1})],
    "AdaptiveAvgPool2d": [([[3, 8, 8]], {"output_size": 1}), ([[2, 7, 5]], {"output_size": [2, 3]})],
    "Upsample": [([[2, 5]], {}), ([[2, 5]], {"scale_factor": 1.5, "mode": "linear"}),
                 ([[3, 4, 4]], {"mode": "bilinear"}), ([[3, 4, 5]], {"scale_factor": 2.5, "mode": "bicubic"}),
                 ([[3, 4, 4]], {"scale_factor": 0.5})],
    "RNN": [([[6, 3]], {"hidden_size": 4}),
            ([[6, 3]], {"hidden_size": 4, "return_sequences": True, "bidirectional": True, "num_layers": 2,
                        "nonlinearity": "relu"})],
    "LSTM": [([[5, 2]], {"hidden_size": 3}), ([[5, 2]], {"hidden_size": 3, "return_sequences": True, "bidirectional": True}),
             ([[1, 4]], {"hidden_size": 2, "num_layers": 2, "dropout": 0.1, "bias": False})],
    "GRU": [([[5, 2]], {"hidden_size": 3}), ([[4, 1]], {"hidden_size": 2, "return_sequences": True, "num_layers": 3})],
    "Embedding": [([[7]], {"num_embeddings": 10, "embedding_dim": 4}, "long"),
                  ([[3, 4]], {"num_embeddings": 5, "embedding_dim": 2, "padding_idx": 0}, "long")],
    "MultiheadSelfAttention": [([[5, 8]], {"num_heads": 2}), ([[3, 6]], {"num_heads": 3, "bias": False, "dropout": 0.1})],
    "TransformerEncoderLayer": [([[5, 8]], {"nhead": 2, "dim_feedforward": 16}),
                                ([[4, 6]], {"nhead": 3, "dim_feedforward": 8, "activation": "gelu", "norm_first": True})],
    "ReLU": [([[5]], {}), ([[2, 3, 4]], {})],
    "LeakyReLU": [([[5]], {"negative_slope": 0.2})],
    "PReLU": [([[3, 4, 4]], {"num_parameters": 3}), ([[5]], {}), ([[6]], {"num_parameters": 6, "init": 0.1})],
    "ELU": [([[2, 3]], {"alpha": 0.5})],
    "GELU": [([[5]], {}), ([[5]], {"approximate": "tanh"})],
    "SiLU": [([[4]], {})],
    "Mish": [([[4]], {})],
    "Sigmoid": [([[3, 3]], {})],
    "Hardswish": [([[5]], {}), ([[2, 3, 3]], {})],
    "Hardsigmoid": [([[5]], {})],
    "Tanh": [([[3]], {})],
    "Softmax": [([[3, 4]], {}), ([[3, 4]], {"dim": 1})],
    "LogSoftmax": [([[3, 4]], {"dim": -2}), ([[6]], {})],
    "Identity": [([[5]], {}), ([[4]], {}, "long")],
    "Add": [([[3, 4], [3, 4]], {}), ([[2, 2, 2]] * 3, {})],
    "Mul": [([[3, 4], [3, 4]], {}), ([[4, 1, 1], [4, 3, 3]], {}), ([[2, 3, 1], [1, 3, 5], [2, 1, 5]], {})],
    "Concat": [([[3], [5]], {}), ([[2, 3], [2, 5]], {"dim": 1}), ([[2, 3, 4], [1, 3, 4]], {"dim": 0}),
               ([[2, 3], [2, 4], [2, 1]], {"dim": -1})],
}


def single_layer_spec(type_name, shapes, params, dtype="float"):
    """One layer of `type_name` reading `shapes`: the input itself, or Linear + Reshape branches for merges."""
    if len(shapes) == 1:
        return make_spec(shapes[0], [layer("t", type_name, **params)], dtype)
    branches = []
    for i, shape in enumerate(shapes):
        branches += [layer(f"l{i}", "Linear", ["input"], out_features=math.prod(shape)),
                     layer(f"r{i}", "Reshape", shape=shape)]
    return make_spec([1], [*branches, layer("t", type_name, [f"r{i}" for i in range(len(shapes))], **params)])


# ---- random valid specs --------------------------------------------------------------------
# Each generator tracks the shape itself with textbook formulas, independent of the registry's rules.

ACTIVATIONS = ["ReLU", "Tanh", "GELU", "SiLU", "Sigmoid", "ELU", "LeakyReLU", "Mish", "Identity"]


@st.composite
def dense_specs(draw):
    n_in = width = draw(st.integers(1, 8))
    layers, n = [], 0
    for _ in range(draw(st.integers(0, 5))):
        n += 1
        kind = draw(st.sampled_from(["Linear", "act", "Dropout", "LayerNorm", "BatchNorm1d"]))
        if kind == "Linear":
            width = draw(st.integers(1, 8))
            layers.append(layer(f"l{n}", "Linear", out_features=width, bias=draw(st.booleans())))
        elif kind == "act":
            layers.append(layer(f"l{n}", draw(st.sampled_from(ACTIVATIONS))))
        elif kind == "Dropout":
            layers.append(layer(f"l{n}", "Dropout", p=draw(st.sampled_from([0.0, 0.1, 0.5]))))
        else:
            layers.append(layer(f"l{n}", kind))
    if draw(st.booleans()) and layers:  # a residual connection around the stack
        layers.append(layer("skip_in", "Linear", ["input"], out_features=width))
        layers.append(layer("res", "Add", [layers[-2]["id"], "skip_in"]))
    out = draw(st.integers(1, 5))
    layers.append(layer("out", "Linear", out_features=out))
    return make_spec([n_in], layers), [out]


@st.composite
def conv_specs(draw):
    """Conv2d / MaxPool2d / BatchNorm2d stacks over a random image, then Flatten and Linear."""
    shape = [draw(st.integers(1, 3)), draw(st.integers(4, 9)), draw(st.integers(4, 9))]
    input_shape = list(shape)
    layers = []
    for n in range(1, draw(st.integers(1, 4)) + 1):
        c, h, w = shape
        kind = draw(st.sampled_from(["Conv2d", "Conv2d", "MaxPool2d", "BatchNorm2d", "act"]))
        if kind == "Conv2d":
            k = draw(st.integers(1, min(h, w, 3)))
            s, p = draw(st.integers(1, 2)), draw(st.integers(0, k // 2))
            out = draw(st.integers(1, 4))
            layers.append(layer(f"l{n}", "Conv2d", out_channels=out, kernel_size=k, stride=s, padding=p))
            shape = [out, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1]
        elif kind == "MaxPool2d" and min(h, w) >= 2:
            layers.append(layer(f"l{n}", "MaxPool2d", kernel_size=2))
            shape = [c, h // 2, w // 2]
        elif kind == "BatchNorm2d":
            layers.append(layer(f"l{n}", "BatchNorm2d"))
        else:
            layers.append(layer(f"l{n}", draw(st.sampled_from(ACTIVATIONS))))
    if draw(st.booleans()):
        layers.append(layer("pool", "AdaptiveAvgPool2d", output_size=1))
    out = draw(st.integers(1, 5))
    layers += [layer("flat", "Flatten"), layer("out", "Linear", out_features=out)]
    return make_spec(input_shape, layers), [out]


@st.composite
def recurrent_specs(draw):
    """[steps, features] (or token ids through an Embedding) through stacked RNN/LSTM/GRU layers."""
    steps = draw(st.integers(1, 6))
    layers = []
    if draw(st.booleans()):
        vocab = draw(st.integers(2, 6))
        layers.append(layer("embed", "Embedding", num_embeddings=vocab, embedding_dim=draw(st.integers(1, 6))))
        shape, dtype = [steps], "long"
    else:
        shape, dtype = [steps, draw(st.integers(1, 4))], "float"
    depth = draw(st.integers(1, 3))
    for n in range(1, depth + 1):
        last = n == depth
        sequences = draw(st.booleans()) if last else True
        layers.append(layer(f"r{n}", draw(st.sampled_from(["RNN", "LSTM", "GRU"])), hidden_size=draw(st.integers(1, 5)),
                            num_layers=draw(st.integers(1, 2)), bidirectional=draw(st.booleans()),
                            return_sequences=sequences))
        if last and sequences:
            layers.append(layer("flat", "Flatten"))
    out = draw(st.integers(1, 4))
    layers.append(layer("out", "Linear", out_features=out))
    return make_spec(shape, layers, dtype), [out]


@st.composite
def branch_specs(draw):
    """Two or three Linear branches from the input, joined by Concat (widths add) or Add (widths equal)."""
    n_in, k = draw(st.integers(1, 6)), draw(st.integers(2, 3))
    merge = draw(st.sampled_from(["Add", "Concat"]))
    widths = [draw(st.integers(1, 6))] * k if merge == "Add" else [draw(st.integers(1, 6)) for _ in range(k)]
    layers = []
    for i, width in enumerate(widths):
        layers += [layer(f"b{i}", "Linear", ["input"], out_features=width), layer(f"b{i}_act", draw(st.sampled_from(ACTIVATIONS)))]
    layers.append(layer("join", merge, [f"b{i}_act" for i in range(k)]))
    shape = [widths[0] if merge == "Add" else sum(widths)]
    if draw(st.booleans()):
        out = draw(st.integers(1, 4))
        layers.append(layer("out", "Linear", out_features=out))
        shape = [out]
    return make_spec([n_in], layers), shape


# A valid spec with the output shape worked out by hand.
valid_specs = st.one_of(dense_specs(), conv_specs(), recurrent_specs(), branch_specs())


def pytest_collection_modifyitems(items):
    """Under `pytest -n 2 --dist loadgroup` the tests that drive Chromium run one after another on one worker (two
    browsers and servers at once on a small machine would only slow each other down); the others share the rest."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


def pytest_runtest_logreport(report):
    """With NETBUILDER_FAILURE_LOG=<file>, each failure's report is appended to that file as it happens (under xdist,
    by the controller): a run stopped at a time limit, on a machine lent for minutes (benchmarks/gpu.sh), still says
    why each test failed."""
    path = os.environ.get("NETBUILDER_FAILURE_LOG")
    if path and report.failed and "PYTEST_XDIST_WORKER" not in os.environ:  # a worker's reports reach the controller
        with open(path, "a") as log:
            log.write(f"==== {report.nodeid} ({report.when})\n{report.longreprtext[-4000:]}\n")
