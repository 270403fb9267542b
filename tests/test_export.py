"""Bundles, builder.load, every export format against the trained model, and refusing crafted files."""
import csv
import json
import os
import pickle
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch

import builder
from builder.bundle import load_bundle, write_bundle
from builder.datasets import TASKS
from builder.errors import BundleError
from builder.export import bundle_zip, export_format, load_state_dict_file
from builder.prediction import predict
from builder.presets import list_presets
from builder.recipes import LOSSES
from conftest import root_on_path

ROOT = Path(__file__).resolve().parent.parent
SPECS = {
    "mlp_moons": {
        "format": "netbuilder/1", "name": "mlp", "input": {"shape": [2]},
        "layers": [{"id": "fc1", "type": "Linear", "params": {"out_features": 16}}, {"id": "a1", "type": "Tanh"},
                   {"id": "out", "type": "Linear", "params": {"out_features": 2}}],
        "data": {"dataset": "moons"}, "training": {"epochs": 2, "lr": 0.01},
    },
    "features_circles": {  # TF Playground's input features: a recorded transform every export reproduces
        "format": "netbuilder/1", "name": "features", "input": {"shape": [2]},
        "layers": [{"id": "features", "type": "Features",
                    "params": {"x1_squared": True, "x2_squared": True, "x1_x2": True, "sin_x1": True, "sin_x2": True}},
                   {"id": "fc1", "type": "Linear", "params": {"out_features": 8}}, {"id": "a1", "type": "Tanh"},
                   {"id": "out", "type": "Linear", "params": {"out_features": 2}}],
        "data": {"dataset": "circles"}, "training": {"epochs": 2, "lr": 0.03},
    },
}


@pytest.fixture(scope="module", params=["mlp_moons", "features_circles", "lenet_digits", "lstm_parity", "mlp_diabetes", "gru_sine"])
def trained(request, tmp_path_factory):
    spec = SPECS.get(request.param) or list_presets()[request.param]
    trainer = builder.train(spec, epochs=1, telemetry=False)
    return trainer, write_bundle(trainer, tmp_path_factory.mktemp(request.param) / "bundle")


def raw_inputs(trainer, n=7):
    return trainer.parts.dataset.x[:n]


def reference(trainer, x):
    """What the trained model says for raw inputs: normalise as in training, run, undo target scaling."""
    trainer.model.eval()
    with torch.no_grad():
        out = trainer.model(trainer.parts.normalizer.apply(x))
    return trainer.parts.normalizer.invert_targets(out) if trainer.objective.task == "regression" else out


def test_bundle_layout_and_history(trained):
    trainer, bundle = trained
    assert {"model.safetensors", "spec.json", "history.csv"} <= {p.name for p in bundle.iterdir()}
    raw = json.loads((bundle / "spec.json").read_text())
    assert raw["format"] == "netbuilder/1" and raw["inference"]["task"] == trainer.objective.task
    assert "normalizer" in raw["inference"]
    rows = list(csv.DictReader((bundle / "history.csv").open()))
    metric = "acc" if trainer.objective.task == "classification" else "r2"
    assert list(rows[0]) == ["epoch", "train_loss", "val_loss", f"train_{metric}", f"val_{metric}"]
    assert len(rows) == trainer.epoch


def test_load_takes_raw_inputs_and_matches_the_trained_model(trained):
    trainer, bundle = trained
    model = builder.load(bundle)
    assert not model.training
    x = raw_inputs(trainer)
    torch.testing.assert_close(model(x), reference(trainer, x), atol=1e-5, rtol=1e-5)


def test_zipped_bundle_loads_the_same(trained, tmp_path):
    trainer, bundle = trained
    path = tmp_path / "bundle.zip"
    path.write_bytes(bundle_zip(bundle))
    x = raw_inputs(trainer)
    torch.testing.assert_close(builder.load(path)(x), reference(trainer, x), atol=1e-5, rtol=1e-5)


def test_onnx_matches_with_a_dynamic_batch(trained, tmp_path):
    ort = pytest.importorskip("onnxruntime")
    trainer, bundle = trained
    path = export_format(bundle, "onnx", tmp_path / "m.onnx")
    session = ort.InferenceSession(str(path))
    for n in (1, 5):
        x = raw_inputs(trainer, n)
        got = session.run(None, {session.get_inputs()[0].name: x.numpy()})[0]
        assert np.abs(got - reference(trainer, x).numpy()).max() <= 1e-4


def test_pt2_matches_with_a_dynamic_batch(trained, tmp_path):
    trainer, bundle = trained
    program = torch.export.load(export_format(bundle, "pt2", tmp_path / "m.pt2"))
    for n in (1, 6):
        x = raw_inputs(trainer, n)
        torch.testing.assert_close(program.module()(x), reference(trainer, x), atol=1e-5, rtol=1e-5)


def test_torchscript_matches(trained, tmp_path):
    trainer, bundle = trained
    scripted = torch.jit.load(str(export_format(bundle, "torchscript", tmp_path / "m.ts")))
    x = raw_inputs(trainer, 4)
    torch.testing.assert_close(scripted(x), reference(trainer, x), atol=1e-5, rtol=1e-5)


def test_state_dict_loads_with_weights_only(trained, tmp_path):
    trainer, bundle = trained
    state = load_state_dict_file(export_format(bundle, "state_dict", tmp_path / "m.pt"))
    net = builder.build_model(trainer.spec)
    net.load_state_dict(state, strict=True)
    net.eval()
    x = trainer.parts.normalizer.apply(raw_inputs(trainer))
    with torch.no_grad():
        torch.testing.assert_close(net(x), trainer.model(x))


def run_exported_code(bundle, x: torch.Tensor, tmp_path, body: str) -> subprocess.CompletedProcess:
    """Export the bundle as model.py and run `body` in a fresh interpreter without NetBuilder, where `model` is
    the module, `net` its loaded network and `x` the raw inputs; files go to tmp_path."""
    export_format(bundle, "code", tmp_path / "model.py")
    np.save(tmp_path / "x.npy", x.numpy())
    script = (f"import json, numpy as np, torch, sys; sys.modules.update(builder=None); "
              f"sys.path.insert(0, {str(tmp_path)!r}); import model; "
              f"net = model.load({str(bundle / 'model.safetensors')!r}); "
              f"x = torch.from_numpy(np.load({str(tmp_path / 'x.npy')!r})); " + body)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def test_code_export_runs_standalone_with_the_weights(trained, tmp_path):
    trainer, bundle = trained
    x = raw_inputs(trainer, 3)
    run_exported_code(bundle, x, tmp_path,
                      f"np.save({str(tmp_path / 'y.npy')!r}, net(model.preprocess(x)).detach().numpy())")
    got = torch.from_numpy(np.load(tmp_path / "y.npy"))
    trainer.model.eval()
    with torch.no_grad():
        torch.testing.assert_close(got, trainer.model(trainer.parts.normalizer.apply(x)), atol=1e-5, rtol=1e-5)


def test_code_exports_predict_gives_what_the_bundle_gives(trained, tmp_path):
    """model.py's predict(x): the target scaling undone for regression, class names for a classifier."""
    trainer, bundle = trained
    x = raw_inputs(trainer, 5)
    done = run_exported_code(bundle, x, tmp_path,
                             f"np.save({str(tmp_path / 'out.npy')!r}, model.outputs(x, net).numpy()); "
                             f"p = model.predict(x, net); print(json.dumps(p if isinstance(p, list) else None))")
    loaded = load_bundle(bundle)
    expected = predict(loaded, x)
    torch.testing.assert_close(torch.from_numpy(np.load(tmp_path / "out.npy")), expected, atol=1e-5, rtol=1e-5)
    labels = json.loads(done.stdout)
    if loaded.objective.task == "classification":
        names = loaded.class_names or [str(i) for i in range(expected.shape[1])]
        assert labels == [names[i] for i in expected.argmax(1).tolist()]
    else:
        assert labels is None
    if trainer.objective.task == "regression" and "diabetes" in str(bundle):  # in the data's units (hundreds), not z-scores
        assert float(expected.mean()) > 50


def test_both_generated_files_predict_regression_in_the_datas_units(tmp_path):
    """model.py's predict and the training script's predict give builder.load's values, target scaling undone."""
    from safetensors.torch import load_file
    from test_script import namespace

    spec = list_presets()["mlp_diabetes"]
    trainer = builder.train(spec, epochs=1, telemetry=False)
    bundle = write_bundle(trainer, tmp_path / "bundle")
    x = raw_inputs(trainer, 20)
    with torch.no_grad():
        expected = builder.load(bundle)(x)
    assert float(expected.mean()) > 50  # the diabetes progress score is in the hundreds; z-scores are near 0

    run_exported_code(bundle, x, tmp_path, f"np.save({str(tmp_path / 'p.npy')!r}, model.predict(x, net).numpy())")
    torch.testing.assert_close(torch.from_numpy(np.load(tmp_path / "p.npy")), expected, atol=1e-4, rtol=1e-5)
    source = (tmp_path / "model.py").read_text()  # what differs per task is OBJECTIVE's data, not a named branch
    assert not any(f"{name!r}" in source or f'"{name}"' in source for name in [*LOSSES, *TASKS])

    script = namespace(spec)  # the script's own reading, split and statistics of the data, with the bundle's weights
    data_x, data_y = script["to_tensors"](*script["builtin_data"]())
    train_idx, _ = script["split"](data_y, spec.training.seed)
    stats = script["training_statistics"](data_x[train_idx], data_y[train_idx])
    net = script["Net"]()
    net.load_state_dict(load_file(bundle / "model.safetensors"))
    torch.testing.assert_close(script["predict"](net, x, stats), expected, atol=1e-4, rtol=1e-5)


def test_crafted_pickle_is_refused_and_never_runs(tmp_path):
    canary = tmp_path / "canary"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {canary}",))

    path = tmp_path / "evil.pt"
    with open(path, "wb") as f:
        pickle.dump({"weight": Payload()}, f)
    with pytest.raises(BundleError, match="refused"):
        load_state_dict_file(path)
    torch_zip = tmp_path / "evil_zip.pt"
    torch.save({"w": torch.zeros(1)}, torch_zip)  # a real torch zip with a poisoned data.pkl
    poisoned = tmp_path / "poisoned.pt"
    with zipfile.ZipFile(torch_zip) as src, zipfile.ZipFile(poisoned, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("data.pkl"):
                data = pickle.dumps(Payload(), protocol=2)
            dst.writestr(info, data)
    with pytest.raises(BundleError, match="refused"):
        load_state_dict_file(poisoned)
    assert not canary.exists()


def test_damaged_safetensors_is_a_clear_error(trained, tmp_path):
    _, bundle = trained
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("spec.json", "history.csv"):
        (broken / name).write_bytes((bundle / name).read_bytes())
    data = (bundle / "model.safetensors").read_bytes()
    (broken / "model.safetensors").write_bytes(data[: len(data) // 2])
    with pytest.raises(BundleError, match="model.safetensors is damaged"):
        load_bundle(broken)
    header = json.dumps({"w": {"dtype": "F32", "shape": [1000000], "data_offsets": [0, 4000000]}}).encode()
    (broken / "model.safetensors").write_bytes(struct.pack("<Q", len(header)) + header + b"\0" * 16)
    with pytest.raises(BundleError, match="damaged"):
        load_bundle(broken)


def test_missing_bundle_and_missing_members(tmp_path):
    with pytest.raises(BundleError, match="no such bundle"):
        load_bundle(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(BundleError, match="spec.json is missing"):
        load_bundle(tmp_path / "empty")


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "builder", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300, env=root_on_path())


def test_cli_train_export_predict(tmp_path):
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(SPECS["mlp_moons"]))
    out = tmp_path / "run"
    result = run_cli("train", spec, "--epochs", "2", "--out", out)
    assert result.returncode == 0, result.stderr
    assert f"bundle written to {out}" in result.stdout
    assert (out / "model.safetensors").exists()
    result = run_cli("export", out, "--format", "onnx", "--out", tmp_path / "m.onnx")
    assert result.returncode == 0 and (tmp_path / "m.onnx").exists(), result.stderr
    np.savez(tmp_path / "x.npz", x=np.array([[0.0, 0.5], [1.5, -0.5]], dtype=np.float32))
    result = run_cli("predict", out, tmp_path / "x.npz")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "class\tprobability" and len(lines) == 3
    csv_path = tmp_path / "x.csv"
    csv_path.write_text("a,b\n0.0,0.5\n1.5,-0.5\n1.0,0.0\n")
    result = run_cli("predict", out, csv_path)
    assert result.returncode == 0 and len(result.stdout.strip().splitlines()) == 4, result.stderr


def test_cli_trains_and_predicts_on_8bit_images_saved_as_keras_does(tmp_path):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (40, 8, 8), dtype=np.uint8)
    np.savez(tmp_path / "digits.npz", x_train=images, y_train=np.arange(40) % 2)
    spec = dict(SPECS["mlp_moons"], input={"shape": [1, 8, 8]},
                layers=[{"id": "flat", "type": "Flatten"}, {"id": "out", "type": "Linear", "params": {"out_features": 2}}])
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    result = run_cli("train", tmp_path / "spec.json", "--data", tmp_path / "digits.npz", "--epochs", "1",
                     "--out", tmp_path / "run")
    assert result.returncode == 0, result.stderr
    assert "data: Uploaded NPZ: 40 samples of shape [1, 8, 8] (2 classes)." in result.stdout  # how the file was read
    np.savez(tmp_path / "new.npz", x=images[:3])  # raw, as training read it: [n, 8, 8] of 0-255
    result = run_cli("predict", tmp_path / "run", tmp_path / "new.npz")
    assert result.returncode == 0 and len(result.stdout.strip().splitlines()) == 4, result.stderr
    expected = builder.load(tmp_path / "run")(torch.from_numpy(images[:3, None] / 255).float()).argmax(1)
    assert [int(line.split("\t")[0]) for line in result.stdout.strip().splitlines()[1:]] == expected.tolist()


def test_cli_trains_a_convolution_on_a_csv_of_pixels_and_predicts_from_one(tmp_path):
    """Kaggle's digit CSV (label, pixel0 … pixel63 here): read as 8×8 images, so a convolution trains on it; the
    CLI predicts from a CSV of pixels alone, as the model's training read them."""
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (40, 64))
    header = "label," + ",".join(f"pixel{i}" for i in range(64))
    rows = [",".join(map(str, [i % 2, *images[i]])) for i in range(40)]
    (tmp_path / "train.csv").write_text("\n".join([header, *rows]) + "\n")
    spec = dict(SPECS["mlp_moons"], input={"shape": [1, 8, 8]},
                layers=[{"id": "conv", "type": "Conv2d", "params": {"out_channels": 2, "kernel_size": 3}},
                        {"id": "flat", "type": "Flatten"}, {"id": "out", "type": "Linear", "params": {"out_features": 2}}])
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    result = run_cli("train", tmp_path / "spec.json", "--data", tmp_path / "train.csv", "--epochs", "1",
                     "--out", tmp_path / "run")
    assert result.returncode == 0, result.stderr
    assert "target 'label', 64 features (2 classes). Its 64 pixel columns are read as 8×8 grey images [1, 8, 8]." \
        in result.stdout
    (tmp_path / "new.csv").write_text("\n".join([header.split(",", 1)[1], *(r.split(",", 1)[1] for r in rows[:3])]))
    result = run_cli("predict", tmp_path / "run", tmp_path / "new.csv")
    assert result.returncode == 0 and len(result.stdout.strip().splitlines()) == 4, result.stderr


def test_cli_predicts_from_an_image_or_a_zip_of_images_as_training_read_them(tmp_path, capsys):
    """A model trained on a ZIP of image folders predicts from one image file, or from a ZIP of images in any
    folders, each read at the model's size and colours as training read them; each row is named by its file."""
    import io

    from PIL import Image

    from builder.cli import main
    from builder.uploads.image_zip import load_image_zip

    def png(colour, size=(12, 10)) -> bytes:
        buffer = io.BytesIO()
        Image.new("RGB", size, colour).save(buffer, "PNG")
        return buffer.getvalue()

    with zipfile.ZipFile(tmp_path / "fruit.zip", "w") as z:
        for i in range(8):
            z.writestr(f"fruit/{'apple' if i % 2 else 'lime'}/{i}.png", png((200, 20 * i, 20) if i % 2 else (20, 200, 9 * i)))
    spec = dict(SPECS["mlp_moons"], input={"shape": [3, 28, 28]},  # the size an image ZIP is read at
                layers=[{"id": "flat", "type": "Flatten"}, {"id": "out", "type": "Linear", "params": {"out_features": 2}}])
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    assert main([str(a) for a in ("train", tmp_path / "spec.json", "--data", tmp_path / "fruit.zip", "--epochs", "1",
                                  "--out", tmp_path / "run")]) == 0
    capsys.readouterr()
    (tmp_path / "red.png").write_bytes(png((230, 10, 10), size=(40, 30)))
    with zipfile.ZipFile(tmp_path / "new.zip", "w") as z:
        z.writestr("b/two.png", png((10, 230, 10)))
        z.writestr("a/one.png", png((230, 10, 10)))
        z.writestr("__MACOSX/a/._one.png", b"junk")
    model = builder.load(tmp_path / "run")
    for path, names in ((tmp_path / "red.png", ["red.png"]), (tmp_path / "new.zip", ["a/one.png", "b/two.png"])):
        assert main(["predict", str(tmp_path / "run"), str(path)]) == 0
        lines = capsys.readouterr().out.strip().splitlines()
        assert lines[0] == "input\tclass\tprobability" and [line.split("\t")[0] for line in lines[1:]] == names
    # the same numbers training's reader makes (its classes a/ and b/ sort as the names do), through the same model
    images = load_image_zip((tmp_path / "new.zip").read_bytes(), "new.zip", mode="RGB").x
    expected = [["apple", "lime"][k] for k in model(images).argmax(1).tolist()]
    assert [line.split("\t")[1] for line in lines[1:]] == expected
    # a model that takes no images, and an image that is none, are refused by name
    (tmp_path / "moons.json").write_text(json.dumps(SPECS["mlp_moons"]))
    assert main(["train", str(tmp_path / "moons.json"), "--epochs", "1", "--out", str(tmp_path / "moons")]) == 0
    capsys.readouterr()
    assert main(["predict", str(tmp_path / "moons"), str(tmp_path / "red.png")]) == 2
    assert "error: red.png: holds images, but the model takes inputs shaped [2], not images [1 or 3, H, W]" in \
        capsys.readouterr().err
    (tmp_path / "bad.jpg").write_bytes(b"\xff\xd8\xff not a photo")
    assert main(["predict", str(tmp_path / "run"), str(tmp_path / "bad.jpg")]) == 2
    assert "error: bad.jpg: image 'bad.jpg' is not a readable image" in capsys.readouterr().err


def test_cli_predicts_from_an_image_on_the_scale_its_model_was_trained_on(tmp_path, capsys):
    """Images saved as 0–255 floats in an NPZ (not whole numbers) train a model on that scale: an image file given to
    predict is read on it too (`image_scale`), not in [0, 1]."""
    import io

    from PIL import Image

    from builder.cli import main
    from builder.uploads.image_zip import image_scale, read_images
    assert image_scale([0.4, 0.5, 0.3]) == 1.0 and image_scale([120.0]) == 255.0 and image_scale(None) == 1.0
    rng = np.random.default_rng(0)
    # floats from 0 to 255, not whole numbers (so not 8-bit pixels, which the reader would scale): kept as they are
    images = rng.integers(0, 255, (40, 1, 8, 8)).astype(np.float32) + 0.5
    np.savez(tmp_path / "grey.npz", x=images, y=np.arange(40) % 2)
    spec = dict(SPECS["mlp_moons"], input={"shape": [1, 8, 8]},
                layers=[{"id": "flat", "type": "Flatten"}, {"id": "out", "type": "Linear", "params": {"out_features": 2}}])
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    assert main([str(a) for a in ("train", tmp_path / "spec.json", "--data", tmp_path / "grey.npz", "--epochs", "1",
                                  "--out", tmp_path / "run")]) == 0
    capsys.readouterr()
    buffer = io.BytesIO()
    Image.fromarray(rng.integers(0, 256, (8, 8), dtype=np.uint8), "L").save(buffer, "PNG")
    (tmp_path / "new.png").write_bytes(buffer.getvalue())
    assert main(["predict", str(tmp_path / "run"), str(tmp_path / "new.png")]) == 0
    row = capsys.readouterr().out.strip().splitlines()[1].split("\t")
    x, _ = read_images(buffer.getvalue(), "new.png", (8, 8), "L")
    with torch.no_grad():
        probabilities = torch.softmax(builder.load(tmp_path / "run")(torch.from_numpy(x * 255)), 1)[0]
    assert row[0] == "new.png" and row[1] == str(int(probabilities.argmax()))
    assert float(row[2]) == pytest.approx(float(probabilities.max()), abs=1e-4)


def test_cli_errors_exit_2_without_traceback(tmp_path):
    for args in (("export", tmp_path / "nope", "--format", "onnx"), ("predict", tmp_path / "nope", tmp_path / "x.csv")):
        result = run_cli(*args)
        assert result.returncode == 2 and result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    spec = tmp_path / "spec.json"
    bad = dict(SPECS["mlp_moons"], layers=[{"id": "out", "type": "Linear", "params": {"out_features": 5}}])
    spec.write_text(json.dumps(bad))
    result = run_cli("train", spec, "--out", tmp_path / "run")
    assert result.returncode == 2 and "layer 'out' (Linear)" in result.stderr and "Traceback" not in result.stderr
