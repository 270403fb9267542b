"""Importing ONNX files: NetBuilder's own export of every preset comes back as the same network giving the same
outputs, a file written by plain torch.onnx.export imports, fine-tunes and exports again, and an operator
NetBuilder has no layer for is refused naming the node. onnxruntime is the oracle; the importer never runs it."""
import json
import warnings

import numpy as np
import pytest
import torch
from safetensors.torch import load_file
from torch import nn

import builder
from builder.bundle import write_bundle
from builder.errors import BundleError
from builder.export import export_format
from builder.imported import import_model
from builder.onnx_import import import_onnx
from builder.onnx_ops import OPS
from builder.presets import list_presets
from builder.training import Trainer
from conftest import ROOT, spec_batch

ort = pytest.importorskip("onnxruntime")
pytest.importorskip("onnxscript")  # torch.onnx.export needs it

# PyTorch's exporter unrolls a vanilla RNN into a slice and a MatMul per step, and writes attention as a projection
# it picks apart (Gather) and products of two computed tensors: NetBuilder has layers for none of these, and refuses
# them naming the node.
REFUSED = {"rnn_adding": "Slice", "transformer_digits_rows": "Gather", "char_transformer_pydoc": "Gather"}
FOLDED = {"BatchNorm1d", "BatchNorm2d", "Dropout"}  # PyTorch's exporter folds BatchNorm into weights, drops Dropout
PRESETS = sorted(list_presets())


def onnx_outputs(path, x: torch.Tensor) -> np.ndarray:
    session = ort.InferenceSession(str(path))
    return session.run(None, {session.get_inputs()[0].name: x.numpy()})[0]


def untrained_bundle(spec, folder):
    """A bundle as training writes it (statistics of the data, class names), before any step: enough to export."""
    return write_bundle(Trainer.from_spec(spec, telemetry=False), folder)


def without_folded(layers: list) -> list[tuple]:
    """(id, type, inputs) of each layer, the folded ones left out and their readers wired past them."""
    through, out, previous = {}, [], "input"
    for l in layers:
        inputs = [through.get(s, s) for s in (l.inputs or [previous])]
        previous = l.id
        if l.type in FOLDED:
            through[l.id] = inputs[0]
            continue
        out.append((l.id, l.type, inputs))
    return out


@pytest.mark.parametrize("name", PRESETS)
def test_netbuilders_own_export_of_every_preset_comes_back(name, tmp_path):
    spec = list_presets()[name]
    bundle = untrained_bundle(spec, tmp_path / "bundle")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        path = export_format(bundle, "onnx", tmp_path / "model.onnx")
    if name in REFUSED:
        with pytest.raises(BundleError) as refused:
            import_onnx(path.read_bytes(), "model.onnx")
        message = str(refused.value)
        assert message.startswith("model.onnx: node '") and f"({REFUSED[name]})" in message
        assert "Supported operators: " in message
        return
    imported = import_onnx(path.read_bytes(), "model.onnx")
    back = builder.load_spec(imported.spec)
    assert back.input == spec.input
    assert builder.summarize(back).output_shape == builder.summarize(spec).output_shape
    assert without_folded(back.layers) == without_folded(spec.layers)
    imported.save(tmp_path / "imported")
    x = spec_batch(spec, batch=5)
    if spec.input.dtype == "float":
        x = x * 3 + 1  # raw inputs, away from the normalised range
    want = onnx_outputs(path, x)
    np.testing.assert_allclose(builder.load(tmp_path / "imported")(x).detach().numpy(), want, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(builder.load(bundle)(x).detach().numpy(), want, rtol=1e-5, atol=1e-5)


def test_the_bundle_loads_strictly_by_its_spec_and_keeps_the_normalisation(tmp_path):
    spec = list_presets()["mlp_diabetes"]
    bundle = untrained_bundle(spec, tmp_path / "bundle")
    path = export_format(bundle, "onnx", tmp_path / "model.onnx")
    out = import_model(path).save(tmp_path / "imported")
    net = builder.build_model(builder.load_spec(out / "spec.json"))
    net.load_state_dict(load_file(out / "model.safetensors"), strict=True)
    inference = json.loads((out / "spec.json").read_text())["inference"]
    original = json.loads((bundle / "spec.json").read_text())["inference"]
    assert inference["task"] == "regression"
    for key in ("x_mean", "x_std", "y_mean", "y_std"):
        np.testing.assert_allclose(inference["normalizer"][key], original["normalizer"][key], rtol=1e-6)


class HandWritten(nn.Module):
    """Written by hand, not by NetBuilder: BatchNorm after the ReLU (so the exporter keeps it), a squeeze-and-excite
    gate, a flattening view, Concat, and softmax at the end."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.gate = nn.Conv2d(8, 8, 1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(8 * 4 * 4 + 8, 10)

    def forward(self, x):
        x = self.bn1(torch.relu(self.conv1(x)))
        x = x * torch.sigmoid(self.gate(nn.functional.adaptive_avg_pool2d(x, 1)))
        squeezed = x.mean((2, 3))
        x = self.pool(x)
        x = torch.cat([x.view(x.size(0), -1), squeezed], 1)
        return torch.softmax(self.fc(x), dim=1)


def test_a_plain_torch_onnx_export_imports_fine_tunes_and_exports_again(tmp_path):
    module = HandWritten().eval()
    with torch.no_grad():  # BatchNorm statistics of their own, so the import has something to keep
        module.bn1.running_mean.uniform_(-1, 1)
        module.bn1.running_var.uniform_(0.5, 2)
    path = tmp_path / "hand.onnx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(module, (torch.randn(2, 1, 8, 8),), str(path), input_names=["x"],
                          dynamic_shapes={"x": {0: torch.export.Dim("batch")}})
    assert (tmp_path / "hand.onnx.data").is_file()  # PyTorch keeps the weights beside the file by default
    imported = import_model(path)
    types = [l["type"] for l in imported.spec["layers"]]
    assert {"Conv2d", "BatchNorm2d", "Mul", "Concat", "Flatten", "Linear", "Softmax"} <= set(types)
    assert imported.spec["layers"][0]["id"] == "conv1" and any("Softmax" in n for n in imported.notes)
    x = torch.randn(5, 1, 8, 8)
    np.testing.assert_allclose(builder.load(imported.save(tmp_path / "imported"))(x).detach().numpy(),
                               onnx_outputs(path, x), rtol=1e-5, atol=1e-6)
    # fine-tune from the imported weights on the digits for one epoch (without the final Softmax, as the note says:
    # cross_entropy applies it), and export the result again
    assert imported.spec["layers"][-1]["type"] == "Softmax"
    spec = {**imported.spec, "layers": imported.spec["layers"][:-1], "data": {"dataset": "digits"},
            "training": {"epochs": 1, "lr": 0.01, "loss": "cross_entropy"}}
    trainer = Trainer.from_spec(spec, telemetry=False)
    trainer.model.load_state_dict(imported.state, strict=True)
    trainer.run()
    assert trainer.status == "finished"
    tuned = write_bundle(trainer, tmp_path / "tuned")
    exported = export_format(tuned, "onnx", tmp_path / "tuned.onnx")
    raw = trainer.parts.dataset.x[:6]
    np.testing.assert_allclose(onnx_outputs(exported, raw), builder.load(tuned)(raw).detach().numpy(), atol=1e-5)
    assert not torch.allclose(trainer.model.state_dict()["conv1.weight"], imported.state["conv1.weight"])


def einsum_model_bytes() -> bytes:
    from onnx import TensorProto, helper
    graph = helper.make_graph(
        [helper.make_node("Relu", ["x"], ["r"], name="first"),
         helper.make_node("Einsum", ["r", "r"], ["y"], name="pairwise", equation="bi,bj->bij")],
        "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 4, 4])])
    return helper.make_model(graph).SerializeToString()


def test_an_unsupported_operator_is_refused_naming_the_node_and_what_is_supported():
    with pytest.raises(BundleError) as refused:
        import_onnx(einsum_model_bytes(), "pairs.onnx")
    message = str(refused.value)
    assert message.startswith("pairs.onnx: node 'pairwise' (Einsum): NetBuilder has no layer for this operator.")
    assert "Supported operators: " in message and all(op in message for op in ("Conv", "Gemm", "LSTM", "Softmax"))


def test_the_cli_refuses_it_with_an_error_line_and_exit_code_2(tmp_path, capsys):
    from builder.cli import main
    (tmp_path / "pairs.onnx").write_bytes(einsum_model_bytes())
    code = main(["import", str(tmp_path / "pairs.onnx"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("error: pairs.onnx: node 'pairwise' (Einsum)") and "Traceback" not in err
    assert not (tmp_path / "out" / "spec.json").exists()


def test_the_cli_writes_a_bundle_that_builder_loads(tmp_path, capsys):
    from builder.cli import main
    bundle = untrained_bundle(list_presets()["lenet_digits"], tmp_path / "bundle")
    path = export_format(bundle, "onnx", tmp_path / "lenet.onnx")
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "imported lenet: 10 layers, 5,750 parameters, output shape [10]" in out and "bundle written to" in out
    x = torch.rand(3, 1, 8, 8) * 16
    np.testing.assert_allclose(builder.load(tmp_path / "out")(x).detach().numpy(), onnx_outputs(path, x), atol=1e-5)


def test_every_supported_operator_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Importing a network"):]
    assert all(f"`{op}`" in section for op in OPS), [op for op in OPS if f"`{op}`" not in section]


def test_a_linear_map_of_a_time_major_sequence_is_one_linear_layer(tmp_path):
    """Exporters transpose sequences to [steps, batch, features]; a MatMul (+ Add) maps the last axis alone, so it
    is a Linear on the batch-first sequence, and the transpose back leaves nothing behind."""
    from onnx import TensorProto, helper, numpy_helper
    rng = np.random.default_rng(0)
    w, b = rng.normal(size=(3, 5)).astype(np.float32), rng.normal(size=5).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("Transpose", ["x"], ["t"], perm=[1, 0, 2]),
         helper.make_node("MatMul", ["t", "proj.weight"], ["m"], name="proj"),
         helper.make_node("Add", ["m", "proj.bias"], ["a"]),
         helper.make_node("Transpose", ["a"], ["y"], perm=[1, 0, 2])],
        "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4, 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 4, 5])],
        initializer=[numpy_helper.from_array(w, "proj.weight"), numpy_helper.from_array(b, "proj.bias")])
    path = tmp_path / "seq.onnx"
    path.write_bytes(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)]).SerializeToString())
    imported = import_model(path)
    assert imported.spec["layers"] == [{"id": "proj", "type": "Linear", "params": {"out_features": 5}}]
    x = torch.randn(2, 4, 3)
    np.testing.assert_allclose(builder.load(imported.save(tmp_path / "out"))(x).detach().numpy(),
                               onnx_outputs(path, x), atol=1e-5)
