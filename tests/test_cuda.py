"""What a person with a CUDA GPU does, done on the GPU: every preset trains there with telemetry; a run's bundle,
ONNX export, trace and attributions agree with the same model on the CPU; checkpoints resume on either; variants,
edits of a paused run, bf16 autocast, the generated script and model.py work there; the MLP's first epoch there is
the CPU's. Every test is marked `cuda` and skipped without a GPU; NETBUILDER_TEST_DEVICE=cpu runs the same checks on
the CPU, which checks the tests themselves on a machine without one."""
from __future__ import annotations

import copy
import dataclasses
import importlib.util
import json
import math
import os
import subprocess
import sys

import numpy as np
import pytest
import torch

import builder
from builder import checkpoints
from builder.attribution import attribute, gradient_field
from builder.bundle import load_bundle, write_bundle
from builder.datasets import load_dataset
from builder.evaluation import predict
from builder.export import export_format, load_state_dict_file
from builder.fitting import fit_network
from builder.presets import load_preset, preset_paths
from builder.preprocessing import Normalizer
from builder.prediction import predict as bundle_predict
from builder.script import generate_script
from builder.surgery import continue_run, continue_with
from builder.textwatch import attach_live_views
from builder.trace import TraceWatch, sample_key, trace_sample, validation_predictions, validation_sample
from builder.training import Trainer
from builder.variants import Comparison
from builder.weights import dense_weights, edit_weight
from builder.worker_answers import redraw

from conftest import layer, moons_spec

DEVICE = os.environ.get("NETBUILDER_TEST_DEVICE", "cuda")
pytestmark = [pytest.mark.cuda,
              pytest.mark.skipif(DEVICE == "cuda" and not torch.cuda.is_available(),
                                 reason="needs a CUDA GPU (NETBUILDER_TEST_DEVICE=cpu runs these checks on the CPU)")]

SAMPLES = 96  # each preset trains on this many of its samples: the device is under test here, not the learning
BATCH = 32  # so an epoch is three steps, the last one short
# The GPU and the CPU add in other orders, and CUDA's convolutions run in TF32 by default (10 bits of mantissa)
RTOL = ATOL = 5e-3


def sliced(spec, n: int = SAMPLES):
    """The spec's own dataset cut to `n` samples spread over all of it (every class of a sorted set is kept)."""
    ds = load_dataset(spec.data.dataset, spec.data.options)
    keep = torch.linspace(0, ds.n_samples - 1, n).long()
    text = ds.text
    if text is not None and text.texts is not None:  # a text classifier's rows: their texts go with them
        text = dataclasses.replace(text, texts=tuple(text.texts[i] for i in keep.tolist()))
    return dataclasses.replace(ds, x=ds.x[keep], y=ds.y[keep], text=text)


def preset_trainer(name: str, telemetry: bool = True, **overrides) -> Trainer:
    """A preset on `sliced` data, on the device. A network reading text is fitted to the data first, as the page's
    "Make the network fit the data" does (the built-in texts' shapes are fixed, see generators.corpus_alphabet and
    python_topics; an upload's are not)."""
    spec = load_preset(name)
    data = sliced(spec)
    if data.text is not None:
        spec, _ = fit_network(spec.to_dict(), data)
    return Trainer.from_spec(spec, data, device=DEVICE, telemetry=telemetry,
                             **{"epochs": 1, "batch_size": BATCH, **overrides})


def on_device(model: torch.nn.Module) -> bool:
    return all(t.device.type == DEVICE for t in [*model.parameters(), *model.buffers()])


def tensors_in(value, path: str = "") -> list[str]:
    """Where torch tensors sit inside plain data (what a worker pickles to the server must hold none)."""
    if torch.is_tensor(value):
        return [path or "."]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in tensors_in(v, f"{path}.{k}")]
    if isinstance(value, (list, tuple)):
        return [p for i, v in enumerate(value) for p in tensors_in(v, f"{path}[{i}]")]
    return []


def close(got, want) -> bool:
    """Equal up to the device's arithmetic, the absolute tolerance scaled to the values' size."""
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    scale = max(1.0, float(np.abs(want).max(initial=0.0)))
    return got.shape == want.shape and np.allclose(got, want, rtol=RTOL, atol=ATOL * scale)


def reference(trainer: Trainer, x_raw: torch.Tensor) -> torch.Tensor:
    """The trained model's outputs on the device for raw inputs, as a bundle gives them (target scaling undone)."""
    norm = trainer.parts.normalizer
    out = predict(trainer.model, norm.apply(x_raw.to(trainer.parts.device)))
    return (norm.invert_targets(out) if trainer.objective.scales_targets else out).cpu()


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A preset trained on the device for an epoch, with its bundle: made once per name, on first use."""
    made = {}

    def get(name: str):
        if name not in made:
            trainer = preset_trainer(name, telemetry=False).run()
            made[name] = trainer, write_bundle(trainer, tmp_path_factory.mktemp(name) / "bundle")
        return made[name]
    return get


# ---- training ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [p.stem for p in preset_paths()])
def test_every_preset_trains_on_the_device_with_telemetry(name):
    trainer = preset_trainer(name)
    trainer.log.record()  # the journal a worker sends the server
    trainer.run()
    snap = trainer.log.snapshot()
    assert trainer.status == "finished", trainer.log.message
    assert on_device(trainer.model) and trainer.parts.x_train.device.type == DEVICE
    assert snap.device.startswith(DEVICE)
    row = trainer.history()[-1]
    assert math.isfinite(row["train_loss"]) and math.isfinite(row["val_loss"])
    assert all(math.isfinite(v) for v in snap.steps["loss"]) and len(snap.steps["loss"]) == trainer.global_step
    assert snap.notes == []  # no dashboard view was skipped: each failure there would be a note
    assert snap.layers and all(t["steps"] and t["weight_hist"] and t["grad_hist"] for t in snap.layers.values())
    assert snap.activations and snap.nodes and snap.views
    assert set(snap.time_gradients) == set(trainer.telemetry.recurrent)  # cuDNN's RNNs too
    assert all(math.isfinite(n) for t in snap.time_gradients.values() for n in t["norms"][-1])
    assert tensors_in(trainer.log.take_journal()) == []


@pytest.mark.parametrize("optimizer", ["sgd", "adam", "adamw", "rmsprop", "adagrad"])
def test_every_optimizer_steps_on_the_device(optimizer):
    """Each takes torch's fused kernel where that can step on the device (Adagrad's could not on CUDA), else the
    multi-tensor one; either way the weights move and the checkpoint holds its state."""
    trainer = Trainer.from_spec(moons_spec(epochs=1, optimizer=optimizer, momentum=0.9 if optimizer == "sgd" else 0.0),
                                device=DEVICE, telemetry=False)
    before = trainer.model.fc1.weight.detach().clone()
    trainer.run()
    assert trainer.status == "finished", trainer.log.message
    assert math.isfinite(trainer.history()[-1]["val_loss"]) and not torch.equal(before, trainer.model.fc1.weight)
    assert checkpoints.capture(trainer)["optimizer"]["state"]


def test_the_mlps_first_epoch_on_the_device_is_the_cpus():
    spec = load_preset("mlp_digits")  # no dropout: the CPU and the GPU draw other random numbers
    device, cpu = (Trainer.from_spec(spec, device=d, epochs=1, telemetry=False).run().history()[0]
                   for d in (DEVICE, "cpu"))
    for key in ("train_loss", "val_loss"):
        assert device[key] == pytest.approx(cpu[key], rel=1e-3), key
    assert device["val_acc"] == pytest.approx(cpu["val_acc"], abs=0.01)


def test_bf16_autocast_trains_a_convolution_preset_on_the_device():
    trainer = preset_trainer("cnn_batchnorm_digits", amp=True)
    conv = next(m for m in trainer.model.modules() if isinstance(m, torch.nn.Conv2d))
    seen = []
    hook = conv.register_forward_hook(lambda module, inputs, out: seen.append(out.dtype))
    trainer.step()
    hook.remove()
    assert seen[0] == (torch.bfloat16 if DEVICE == "cuda" else torch.float32)  # autocast is CUDA's alone
    trainer.run()
    snap = trainer.log.snapshot()
    assert trainer.status == "finished" and math.isfinite(trainer.history()[-1]["val_loss"]) and snap.notes == []
    assert snap.layers
    x = trainer.parts.x_val
    mixed, full = trainer.predict(x), predict(trainer.model, x)
    assert mixed.dtype == torch.float32 and torch.allclose(mixed, full, rtol=0.05, atol=0.05 * float(full.abs().max()))


def test_a_checkpoint_written_on_the_device_resumes_there_and_on_the_cpu(tmp_path):
    spec = moons_spec(epochs=2)
    whole = Trainer.from_spec(spec, device=DEVICE, telemetry=False).run()
    first = Trainer.from_spec(spec, device=DEVICE, telemetry=False, epochs=1, checkpoint_dir=tmp_path).run()
    assert first.history()[0]["train_loss"] == pytest.approx(whole.history()[0]["train_loss"], rel=1e-6)
    resumed = Trainer.from_spec(spec, device=DEVICE, telemetry=False, resume=tmp_path / "last.pt")
    assert resumed.epoch == 1 and resumed.parts.x_train.device.type == DEVICE
    resumed.run()
    assert resumed.status == "finished" and resumed.epoch == 2
    assert resumed.history()[1]["train_loss"] == pytest.approx(whole.history()[1]["train_loss"], rel=1e-5)
    on_cpu = Trainer.from_spec(spec, device="cpu", telemetry=False, resume=tmp_path / "last.pt").run()
    assert on_cpu.status == "finished" and on_cpu.model.fc1.weight.device.type == "cpu"
    assert on_cpu.history()[1]["train_loss"] == pytest.approx(whole.history()[1]["train_loss"], rel=1e-3)


# ---- a trained run: its bundle and exports ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["mlp_diabetes", "lenet_digits", "gru_sine", "lstm_parity"])
def test_a_device_runs_bundle_loads_on_the_cpu_and_predicts_as_on_the_device(trained, name):
    trainer, bundle = trained(name)
    model = builder.load(bundle)
    assert all(t.device.type == "cpu" for t in [*model.parameters(), *model.buffers()])
    x = trainer.parts.x_val_raw[:16]
    assert close(model(x).detach(), reference(trainer, x))


def test_onnx_export_of_a_device_trained_model_gives_its_outputs(trained, tmp_path):
    ort = pytest.importorskip("onnxruntime")
    pytest.importorskip("onnxscript")
    trainer, bundle = trained("lenet_digits")
    session = ort.InferenceSession(str(export_format(bundle, "onnx", tmp_path / "m.onnx")))
    for n in (1, 5):  # a dynamic batch
        x = trainer.parts.x_val_raw[:n]
        got = session.run(None, {session.get_inputs()[0].name: x.numpy()})[0]
        assert close(got, reference(trainer, x))


@pytest.mark.parametrize("name", ["mlp_diabetes", "lenet_digits"])
def test_the_exported_model_py_predicts_on_the_device_as_the_bundle_does(trained, tmp_path, name):
    trainer, bundle = trained(name)
    path = export_format(bundle, "code", tmp_path / "model.py")
    found = importlib.util.spec_from_file_location(f"exported_{name}", path)
    module = importlib.util.module_from_spec(found)
    found.loader.exec_module(module)
    net = module.load(str(bundle / "model.safetensors")).to(DEVICE)
    x = trainer.parts.x_val_raw[:8]
    got = module.outputs(x.to(DEVICE), net)  # its statistics meet the inputs on their device
    assert got.device.type == DEVICE
    assert close(got.cpu(), bundle_predict(load_bundle(bundle), x))


def test_the_generated_script_trains_on_the_device(tmp_path):
    spec = moons_spec(epochs=1)
    (tmp_path / "train.py").write_text(generate_script(spec))
    done = subprocess.run([sys.executable, "train.py", "--device", DEVICE, "--out", "out"], capture_output=True,
                          text=True, cwd=tmp_path, timeout=240, env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"1 process(es) on {DEVICE}" in done.stdout
    assert math.isfinite(float(done.stdout.split("train_loss")[1].split()[0]))
    net = builder.build_model(spec)
    net.load_state_dict(load_state_dict_file(tmp_path / "out" / "model.pt"), strict=True)  # CPU tensors
    norm = Normalizer.from_dict(json.loads((tmp_path / "out" / "normalizer.json").read_text()))
    assert torch.isfinite(net.eval()(norm.apply(load_dataset("moons", {"n_samples": 400}).x[:50]))).all()


# ---- looking inside a trained run ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["lenet_digits", "gru_sine", "transformer_digits_rows"])
def test_following_a_sample_on_the_device_traces_as_its_bundle_on_the_cpu(trained, name):
    trainer, bundle = trained(name)
    x, y = validation_sample(trainer, 0)
    got, want = trace_sample(trainer, x, y), trace_sample(load_bundle(bundle), x, y)
    assert list(got.layers) == list(want.layers)
    for lid, view in want.layers.items():
        for key in ("values", "maps", "hidden", "attention"):
            if key in view:
                assert close(got.layers[lid][key], view[key]), (lid, key)
    key = "probabilities" if want.output["kind"] == "classes" else "predicted"
    assert close(got.output[key], want.output[key])
    assert got.output["loss"] == pytest.approx(want.output["loss"], rel=RTOL, abs=ATOL)
    picked = validation_predictions(trainer)
    assert len(picked.loss) == trainer.parts.n_val and np.isfinite(picked.loss).all()


@pytest.mark.parametrize("name,method", [("mlp_diabetes", "integrated_gradients"), ("lenet_digits", "grad_cam"),
                                         ("lenet_digits", "saliency"), ("gru_sine", "gradient"),
                                         ("lstm_parity", "integrated_gradients")])
def test_attributions_on_the_device_are_those_of_its_bundle_on_the_cpu(trained, name, method):
    trainer, bundle = trained(name)
    x, _ = validation_sample(trainer, 1)
    got = attribute(trainer, x, method, target=0)
    want = attribute(load_bundle(bundle), x, method, target=0)
    assert got.target == want.target == 0 and close(got.values, want.values)
    assert trainer.model.training and on_device(trainer.model)  # left as it was


def test_the_gradient_field_on_the_device_is_the_cpus(trained):
    trainer, bundle = trained("mlp_spiral")
    got = gradient_field(trainer)
    want = gradient_field(load_bundle(bundle), bounds=((got["x"][0], got["x"][-1]), (got["y"][0], got["y"][-1])))
    assert got["target"] == want["target"] and close(got["u"], want["u"]) and close(got["v"], want["v"])


def test_a_followed_sample_attention_and_generated_text_while_training_on_the_device():
    attends = preset_trainer("transformer_digits_rows")
    attach_live_views(attends)
    ref = {"split": "val", "index": 2}
    TraceWatch(attends, ref)
    attends.run()
    snap = attends.log.snapshot()
    trace = snap.answers["trace"]
    assert trace["request"] == sample_key(ref) and "error" not in trace["value"] and trace["value"]["layers"]
    assert "error" not in snap.views["attention"] and snap.views["attention"]["layers"]["encoder"].shape[0] == 4
    writes = preset_trainer("char_lstm_pydoc")
    attach_live_views(writes, temperature=0.5)
    writes.run()
    text = writes.log.snapshot().views["text"]
    assert "error" not in text and len(text["text"]) > 0


# ---- variants and edits -----------------------------------------------------------------------------

def _deeper() -> dict:
    spec = moons_spec(epochs=1)
    spec["layers"][2:2] = [layer("fc2", "Linear", out_features=16), layer("a2", "ReLU")]
    return spec


def test_variants_compared_on_the_device_share_their_start_and_train_alike():
    spec = _deeper()
    narrower = copy.deepcopy(spec)
    narrower["layers"][2]["params"]["out_features"] = 8
    found = Comparison.from_specs([spec, copy.deepcopy(spec), narrower], device=DEVICE, telemetry=True)
    same, narrow = found.variants[1], found.variants[2]
    assert all(on_device(t.model) for t in found.trainers)
    assert same.shared == ["fc1", "fc2", "out"] and narrow.shared == ["fc1"] and narrow.own == ["fc2", "out"]
    assert torch.equal(found.trainers[0].model.fc1.weight, narrow.trainer.model.fc1.weight)
    found.run()
    assert [t.status for t in found.trainers] == ["finished"] * 3
    histories = found.histories()
    for key, value in histories["A"][0].items():
        assert histories["B"][0][key] == pytest.approx(value, rel=1e-6), key
    assert tensors_in(found.to_dict()) == []


def test_a_paused_run_on_the_device_is_edited_and_goes_on():
    trainer = Trainer.from_spec(moons_spec(epochs=2), device=DEVICE, telemetry=True)
    for _ in range(5):
        trainer.step()
    trainer.pause()
    old = trainer.model.fc1.weight.detach().clone()
    new = trainer.spec.to_dict()
    new["layers"][0]["params"]["out_features"] = 20  # widened, and a new square layer that starts as the identity
    new["layers"].insert(2, layer("fc2", "Linear", out_features=20))
    report = continue_with(trainer, new)
    assert report.function_kept is True and report.ids("new_identity") == ["fc2"]
    assert on_device(trainer.model) and torch.equal(trainer.model.fc1.weight[:16], old)
    change = edit_weight(trainer, "fc2", 0, 1, 0.5)  # a weight edited by hand while paused
    assert change["after"] == 0.5 and dense_weights(trainer.model, 32)["fc2"]["weight"][0, 1] == 0.5
    redraw(trainer)
    trainer.resume()
    trainer.run()
    snap = trainer.log.snapshot()
    assert trainer.status == "finished" and trainer.epoch == 2 and snap.notes == [] and "fc2" in snap.layers
    # the edited run's state (on the device) goes on in a new trainer, as the page's worker continues a run
    longer = trainer.spec.to_dict()
    longer["training"]["epochs"] = 3
    again, carried = continue_run(longer, trainer.spec.to_dict(), checkpoints.capture(trainer), device=DEVICE,
                                  telemetry=False)
    assert carried.ids("kept") == ["fc1", "fc2", "out"] and on_device(again.model)
    again.run()
    assert again.status == "finished" and again.epoch == 3 and math.isfinite(again.history()[-1]["train_loss"])
