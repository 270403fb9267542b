"""Layer ids that are Python keywords (`class`, `None`, `def`) are valid ids: checked, trained, saved and exported
like any other. torch.fx once wrote them into generated code (`self.net.class.weight`), so the ONNX export failed
with a ConversionError and a torch.export (.pt2) file could not be loaded back as a module. The state_dict keys
stay the layer ids; only the traced twin names its layers as Python can spell them."""
from __future__ import annotations

import numpy as np
import pytest
import torch

import builder
from builder.bundle import load_bundle, write_bundle
from builder.compiler import build_model, traceable
from builder.export import export_format

from .helpers import cli, small_spec

BRANCHING = {  # keyword ids reading each other, and an id that a renamed keyword would clash with
    "format": "netbuilder/1", "name": "keywords", "input": {"shape": [2]},
    "layers": [{"id": "class", "type": "Linear", "params": {"out_features": 4}},
               {"id": "def", "type": "Linear", "params": {"out_features": 4}, "inputs": ["input"]},
               {"id": "None", "type": "Add", "inputs": ["class", "def"]},
               {"id": "class_", "type": "Tanh"},
               {"id": "lambda", "type": "Linear", "params": {"out_features": 2}}],
    "data": {"dataset": "moons", "options": {"n_samples": 200}}, "training": {"epochs": 1, "seed": 0},
}
SPECS = {"class-None-def": small_spec(ids=("class", "None", "def")),
         "True-return-in": small_spec(ids=("True", "return", "in")),
         "branching": BRANCHING}


@pytest.fixture(scope="module", params=list(SPECS))
def trained(request, tmp_path_factory):
    spec = SPECS[request.param]
    return spec, write_bundle(builder.train(spec, telemetry=False), tmp_path_factory.mktemp("kw") / "b")


def _x(n: int = 5) -> torch.Tensor:
    return torch.randn(n, 2, generator=torch.Generator().manual_seed(1))


def test_onnx_export_of_keyword_ids_gives_the_models_outputs(trained, tmp_path):
    ort = pytest.importorskip("onnxruntime")
    _, bundle = trained
    session = ort.InferenceSession(str(export_format(bundle, "onnx", tmp_path / "m.onnx")))
    for n in (1, 5):
        got = session.run(None, {session.get_inputs()[0].name: _x(n).numpy()})[0]
        np.testing.assert_allclose(got, load_bundle(bundle).model(_x(n)).detach().numpy(), atol=1e-5)


def test_pt2_export_of_keyword_ids_loads_back_as_a_module(trained, tmp_path):
    _, bundle = trained
    program = torch.export.load(export_format(bundle, "pt2", tmp_path / "m.pt2"))
    torch.testing.assert_close(program.module()(_x()), load_bundle(bundle).model(_x()), atol=1e-5, rtol=1e-5)


def test_the_cli_exports_keyword_ids_to_onnx(trained, tmp_path, capsys):
    _, bundle = trained
    code, out, err = cli(capsys, "export", bundle, "--format", "onnx", "--out", tmp_path / "m.onnx")
    assert code == 0 and (tmp_path / "m.onnx").stat().st_size > 0, err


def test_state_dict_keys_stay_the_layer_ids(trained):
    spec, bundle = trained
    keys = load_bundle(bundle).model.net.state_dict()
    ids = [layer["id"] for layer in spec["layers"] if layer["type"] == "Linear"]
    assert {k.split(".")[0] for k in keys} == set(ids)


def test_the_traced_twin_shares_the_weights_and_names_every_layer_apart():
    net = build_model(BRANCHING, seed=0).eval()
    twin = traceable(net)
    names = [name for name, _ in twin.named_children()]
    assert names == ["class__", "def_", "None_", "class_", "lambda_"] and len(set(names)) == 5
    assert all(a is b for a, b in zip(twin.parameters(), net.parameters()))
    torch.testing.assert_close(twin(_x()), net(_x()))
    plain = build_model(small_spec(), seed=0)
    assert traceable(plain) is plain  # ids Python can spell: the network itself
