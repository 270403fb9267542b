"""Hostile input: every failure is a clear refusal, never a crash — bad epoch counts, overrides and seeds, bundles
that disagree with their model, inputs predict cannot use, unwritable outputs, a huge learning rate, checkpoints
that do not match."""

import json
import os
from pathlib import Path

import numpy as np
import pytest
import torch

import builder
from builder.bundle import load_bundle, write_bundle
from builder.errors import BundleError, SpecErrors
from builder.training import Trainer
from conftest import ROOT, moons_spec

from .helpers import refused_cli


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundle")
    trainer = builder.train(moons_spec(epochs=1), telemetry=False)
    return write_bundle(trainer, out / "b")


def _copy_bundle(bundle: Path, dst: Path, edit=None) -> Path:
    dst.mkdir()
    for name in ("model.safetensors", "spec.json", "history.csv"):
        (dst / name).write_bytes((bundle / name).read_bytes())
    if edit:
        raw = json.loads((dst / "spec.json").read_text())
        edit(raw)
        (dst / "spec.json").write_text(json.dumps(raw))
    return dst


@pytest.mark.parametrize("epochs", ["0", "-1", "two", "1e9"])
def test_train_with_a_bad_epoch_count_is_refused(capsys, tmp_path, epochs):
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(moons_spec()))
    refused_cli(capsys, "train", path, "--epochs", epochs, "--out", tmp_path / "run", words="--epochs")


@pytest.mark.parametrize("overrides, words", [({"epochs": 0}, "training.epochs"), ({"lr": "fast"}, "training.lr"),
                                              ({"batch_size": 2.5}, "training.batch_size"),
                                              ({"optimizer": "lion"}, "training.optimizer")])
def test_bad_overrides_to_the_trainer_are_spec_errors(overrides, words):
    with pytest.raises(SpecErrors, match=words):
        Trainer.from_spec(moons_spec(), **overrides)


@pytest.mark.parametrize("seed", [2**70, -1, 1.5, True, "0"])
def test_build_model_with_a_bad_seed_is_refused(seed):
    with pytest.raises(SpecErrors, match="seed must be a whole number"):
        builder.build_model(moons_spec(), seed=seed)


@pytest.mark.parametrize("edit, words", [
    (lambda r: r["inference"].update(class_names=["a", "b", "c"]), "names 3 classes"),
    (lambda r: r["inference"].update(class_names="ab"), "not a list"),
    (lambda r: r["inference"]["normalizer"].update(x_shape=[3], x_mean=[0.0] * 3, x_std=[1.0] * 3), "input statistics"),
    (lambda r: r["inference"]["normalizer"].update(x_std=[0.0, 1.0]), "zero, infinite or NaN"),
    (lambda r: r["inference"]["normalizer"].update(x_mean="zero"), "cannot be read"),
    (lambda r: r.update(inference=[1, 2]), "not a JSON object"),
    (lambda r: r["inference"].update(task="clustering"), "unknown task"),
    (lambda r: r["layers"][0]["params"].update(out_features=8), "layer 'fc1'"),
])
def test_a_bundle_that_disagrees_with_its_model_is_refused(bundle, tmp_path, capsys, edit, words):
    broken = _copy_bundle(bundle, tmp_path / "broken", edit)
    np.savez(tmp_path / "x.npz", x=np.zeros((2, 2), dtype=np.float32))
    err = refused_cli(capsys, "predict", broken, tmp_path / "x.npz", words=words)
    assert str(broken) in err


def test_weights_that_do_not_fit_name_the_bundle_and_the_layer(bundle, tmp_path):
    broken = _copy_bundle(bundle, tmp_path / "b", lambda r: r["layers"][0]["params"].update(out_features=8))
    with pytest.raises(BundleError) as e:
        load_bundle(broken)
    message = str(e.value)
    assert str(broken) in message and "layer 'fc1'" in message and "[16, 2]" in message and "[8, 2]" in message


@pytest.mark.parametrize("arrays, words", [
    ({"x": np.float32(1.0)}, "no rows"), ({"x": np.zeros((0, 2), np.float32)}, "no rows"),
    ({"x": np.array([["a", "b"]])}, "numbers"), ({"x": np.zeros((2, 2), np.complex64)}, "complex"),
    ({"x": np.zeros((4, 3), np.float32)}, "takes 2 value(s) per row"), ({"y": np.zeros(3)}, "'x'"),
    ({"x": np.array([[0.0, 1.0], [np.nan, 1.0], [np.inf, 0.0]], np.float32)}, "row(s) 2, 3"),
    ({"x": np.array([[1e39, 0.0]])}, "row(s) 1"),
])
def test_predict_refuses_inputs_it_cannot_use(bundle, tmp_path, capsys, arrays, words):
    path = tmp_path / "x.npz"
    np.savez(path, **arrays)
    refused_cli(capsys, "predict", bundle, path, words=words)


def test_predict_refuses_a_text_csv_and_the_wrong_width(bundle, tmp_path, capsys):
    (tmp_path / "t.csv").write_text("a,b\nx,1\n")
    refused_cli(capsys, "predict", bundle, tmp_path / "t.csv", words="'x' is not a number")
    (tmp_path / "w.csv").write_text("a,b,c\n1,2,3\n4,5,6\n")
    refused_cli(capsys, "predict", bundle, tmp_path / "w.csv", words="3 column(s)")


@pytest.fixture(scope="module")
def parity_bundle(tmp_path_factory):
    spec = {"format": "netbuilder/1", "input": {"shape": [8], "dtype": "long"},
            "layers": [{"id": "e", "type": "Embedding", "params": {"num_embeddings": 2, "embedding_dim": 4}},
                       {"id": "f", "type": "Flatten"}, {"id": "out", "type": "Linear", "params": {"out_features": 2}}],
            "data": {"dataset": "parity"}, "training": {"epochs": 1}}
    return write_bundle(builder.train(spec, telemetry=False), tmp_path_factory.mktemp("parity") / "b")


def test_token_ids_outside_the_vocabulary_are_refused(parity_bundle, tmp_path, capsys):
    np.savez(tmp_path / "x.npz", x=np.array([[0, 1, 0, 1, 0, 1, 0, 1], [0, 1, 7, 1, 0, 1, 0, 1]]))
    refused_cli(capsys, "predict", parity_bundle, tmp_path / "x.npz", words="token id 7")
    np.savez(tmp_path / "neg.npz", x=-np.ones((1, 8), dtype=np.int64))
    refused_cli(capsys, "predict", parity_bundle, tmp_path / "neg.npz", words="token id -1")


def test_an_embedding_smaller_than_the_data_is_refused_at_check_time():
    spec = {"format": "netbuilder/1", "input": {"shape": [8], "dtype": "long"},
            "layers": [{"id": "e", "type": "Embedding", "params": {"num_embeddings": 1, "embedding_dim": 4}},
                       {"id": "f", "type": "Flatten"}, {"id": "out", "type": "Linear", "params": {"out_features": 2}}],
            "data": {"dataset": "parity"}}
    with pytest.raises(SpecErrors, match="layer 'e' \\(Embedding\\): num_embeddings=1 cannot look up .* up to 1"):
        Trainer.from_spec(spec)


def test_output_paths_that_cannot_be_written_are_refused(bundle, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    refused_cli(capsys, "export", bundle, "--format", "state_dict", "--out", blocker / "m.pt", words="a file is in the way")
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(moons_spec()))
    refused_cli(capsys, "train", spec, "--out", blocker / "run", words="a file is in the way")
    refused_cli(capsys, "script", spec, "--out", tmp_path, words="a folder is in the way")
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        refused_cli(capsys, "train", spec, "--out", locked / "run", words="cannot create")


@pytest.mark.parametrize("name", sorted(p.stem for p in (ROOT / "presets").glob("*.json")))
def test_a_huge_learning_rate_diverges_cleanly_on_every_preset(name):
    spec = builder.load_spec(ROOT / "presets" / f"{name}.json").to_dict()
    spec["training"].update(lr=100.0, optimizer="sgd", epochs=3)
    trainer = builder.train(spec)  # telemetry on: it must never turn a divergence into a crash
    assert trainer.status in ("diverged", "finished"), trainer.log.message
    if trainer.status == "diverged":
        assert "learning rate" in trainer.log.message
    assert all(torch.isfinite(p).all() for p in trainer.model.parameters()) or trainer.status == "finished"


def test_resuming_with_another_optimizer_says_what_does_not_match(tmp_path, capsys):
    Trainer.from_spec(moons_spec(epochs=1), checkpoint_dir=tmp_path, telemetry=False).run()
    with pytest.raises(BundleError, match="optimizer 'adam', and this run uses 'sgd'"):
        Trainer.from_spec(moons_spec(optimizer="sgd"), resume=tmp_path / "last.pt", telemetry=False)
    spec = tmp_path / "sgd.json"
    spec.write_text(json.dumps(moons_spec(optimizer="sgd")))
    refused_cli(capsys, "train", spec, "--resume", tmp_path / "last.pt", "--out", tmp_path / "r",
                words="set \"optimizer\": \"adam\" to resume it")


def test_a_file_that_is_not_a_checkpoint_is_refused(tmp_path):
    (tmp_path / "junk.pt").write_bytes(b"not a checkpoint")
    with pytest.raises(BundleError, match="not a NetBuilder checkpoint"):
        Trainer.from_spec(moons_spec(), resume=tmp_path / "junk.pt")
