"""The command line on input that once escaped as an internal error or was silently ignored: a bundle whose
spec.json nests deeper than the JSON parser follows, temperatures too small to divide by, seeds torch cannot take,
options given as 0 or as an empty path, and names holding invisible or reordering characters. Each exits 2 with
`error:` lines (or does what was asked), never `internal error`."""
from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from builder.bundle import write_bundle
from builder.compiler import MAX_SEED
from builder.datasets import load_dataset
from builder.fitting import fit_network
from builder.training import Trainer
from conftest import ROOT, read_preset
from hostile.helpers import cli, refused_cli, small_spec, trained_bundle

DEEP = "[" * 200_000 + "]" * 200_000  # far past the parser's recursion limit


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    return trained_bundle(tmp_path_factory.mktemp("clf") / "b")


@pytest.fixture(scope="module")
def deep_bundle(bundle, tmp_path_factory) -> Path:
    """A copy of the bundle whose spec.json nests 200,000 lists deep."""
    folder = tmp_path_factory.mktemp("deep") / "b"
    shutil.copytree(bundle, folder)
    (folder / "spec.json").write_text(DEEP)
    return folder


@pytest.fixture(scope="module")
def language_model(tmp_path_factory) -> Path:
    """char_lstm_pydoc trained for one short epoch: a bundle `generate` writes text with."""
    spec = read_preset(ROOT / "presets" / "char_lstm_pydoc.json")
    spec["training"].update(epochs=1, batch_size=64)
    spec["data"]["options"]["n_samples"] = 128
    spec, _ = fit_network(spec, load_dataset(spec["data"]["dataset"], spec["data"]["options"]))
    trainer = Trainer.from_spec(spec, telemetry=False).run()
    return write_bundle(trainer, tmp_path_factory.mktemp("lm") / "b")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("x") / "x.npz"
    np.savez(path, x=np.zeros((3, 2), np.float32))
    return path


# ---- A: a bundle's spec.json nested too deeply ---------------------------------------------------------------

def test_predict_and_export_refuse_a_deeply_nested_spec_json(capsys, deep_bundle, inputs, tmp_path):
    for args in (("predict", deep_bundle, inputs), ("export", deep_bundle, "--format", "onnx", "--out",
                                                     tmp_path / "m.onnx")):
        err = refused_cli(capsys, *args, words="spec.json is nested too deeply to be read as JSON")
        assert "internal error" not in err and len(err.splitlines()) == 1


def test_train_into_a_folder_with_a_deeply_nested_spec_json_is_refused(capsys, deep_bundle):
    spec = deep_bundle.parent / "spec.json"
    spec.write_text(json.dumps(small_spec()))
    err = refused_cli(capsys, "train", spec, "--out", deep_bundle, words="not part of a NetBuilder bundle")
    assert "internal error" not in err
    assert (deep_bundle / "spec.json").read_text() == DEEP  # nothing written over it


def test_a_spec_with_a_number_of_too_many_digits_is_not_json_here(capsys, tmp_path):
    path = tmp_path / "big.json"
    path.write_text('{"format": "netbuilder/1", "seed": ' + "1" * 5000 + "}")
    for command in ("validate", "summary", "code"):
        err = refused_cli(capsys, command, path, words="not valid JSON here")
        assert "internal error" not in err and "set_int_max_str_digits" not in err


# ---- B, C: generate's temperature and seed -------------------------------------------------------------------

@pytest.mark.parametrize("temperature", ["1e-300", "1e-45", "5e-324", "1e-400"])
def test_a_temperature_too_small_to_divide_by_writes_as_greedy(capsys, language_model, temperature):
    code, greedy, err = cli(capsys, "generate", language_model, "--prompt", "def ", "--length", "30",
                            "--temperature", "0")
    assert code == 0, err
    code, out, err = cli(capsys, "generate", language_model, "--prompt", "def ", "--length", "30",
                         "--temperature", temperature, "--seed", "7")
    assert (code, err) == (0, "") and out == greedy


@pytest.mark.parametrize("seed", [str(2**64), str(MAX_SEED + 1), "-1", "1e3", "x"])
def test_a_seed_torch_cannot_take_is_refused(capsys, language_model, seed):
    err = refused_cli(capsys, "generate", language_model, "--length", "5", f"--seed={seed}", words="argument --seed")
    assert "internal error" not in err


def test_the_largest_seed_is_taken(capsys, language_model):
    code, out, err = cli(capsys, "generate", language_model, "--length", "5", "--seed", str(MAX_SEED))
    assert code == 0 and err == "" and out.strip()


# ---- D: options given as 0 or as an empty path ---------------------------------------------------------------

@pytest.fixture
def reviews(tmp_path) -> Path:
    path = tmp_path / "reviews.csv"
    rows = [f"{'good film' if i % 2 else 'bad film'} {i},{'pos' if i % 2 else 'neg'}" for i in range(40)]
    path.write_text("text,label\n" + "\n".join(rows) + "\n")
    return path


@pytest.mark.parametrize("seq_len", ["0", "-5", "1025"])
def test_seq_len_0_is_checked_like_any_other_value(capsys, tmp_path, reviews, seq_len):
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(small_spec()))
    refused_cli(capsys, "train", spec, "--data", reviews, "--text", "text", "--seq-len", seq_len, "--out",
                tmp_path / "out", words=f"seq_len must be a whole number from 1 to 1024. Received: seq_len={seq_len}")


def test_seq_len_0_without_a_text_column_and_an_empty_target_are_not_ignored(capsys, tmp_path, reviews):
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(small_spec()))
    refused_cli(capsys, "train", spec, "--data", reviews, "--seq-len", "0", "--out", tmp_path / "out",
                words="--tokens and --seq-len apply to a text column")
    refused_cli(capsys, "train", spec, "--target", "", "--out", tmp_path / "out", words="apply to a file given with")
    refused_cli(capsys, "train", spec, "--data", reviews, "--target", "", "--out", tmp_path / "out",
                words="no column ''")


@pytest.mark.parametrize("args", [
    ("train", "{spec}", "--out", ""), ("train", "{spec}", "--data", ""), ("train", "{spec}", "--resume", ""),
    ("script", "{spec}", "--out", ""), ("export", "{bundle}", "--format", "code", "--out", ""),
    ("predict", "{bundle}", "{inputs}", "--output", ""), ("import", "m.onnx", "--out", ""),
])
def test_an_empty_path_option_is_refused_not_taken_as_the_current_folder(capsys, tmp_path, monkeypatch, bundle,
                                                                          inputs, args):
    monkeypatch.chdir(tmp_path)
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(small_spec()))
    args = [a.format(spec=spec, bundle=bundle, inputs=inputs) for a in args]
    refused_cli(capsys, *args, words="must name a file or folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.json"]  # nothing written here


def test_an_empty_bundle_path_is_not_the_current_folder(capsys, tmp_path, monkeypatch, bundle, inputs):
    monkeypatch.chdir(bundle)  # a bundle here: "" must still not mean it
    refused_cli(capsys, "predict", "", inputs, words="a path cannot be empty")


# ---- E: names with invisible and reordering characters -------------------------------------------------------

HIDDEN = "\u061c\u2028\u2029\ufeff\u2060\u2064\U000e0041\U000e007f\u200e\u202e"


def test_a_spec_name_with_invisible_characters_reaches_no_output_raw(capsys, tmp_path):
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(small_spec() | {"name": f"net{HIDDEN}name"}))
    for args in (("validate", spec), ("summary", spec), ("train", spec, "--out", tmp_path / "out")):
        code, out, err = cli(capsys, *args)
        assert code == 0, err
        assert not any(unicodedata.category(c) in ("Cf", "Zl", "Zp") for c in out + err), args
    assert "net\\u061c\\u2028\\u2029\\ufeff\\u2060\\u2064\\U000e0041\\U000e007f\\u200e\\u202ename" in err


def test_a_spec_that_cannot_be_read_is_said_before_the_data_is_read_or_a_folder_made(capsys, tmp_path):
    data = tmp_path / "rows.csv"
    data.write_text("a,b,label\n" + "".join(f"{i},{i % 3},{i % 2}\n" for i in range(40)))
    out = tmp_path / "run"
    code, said, err = cli(capsys, "train", tmp_path / "missing.json", "--data", data, "--out", out)
    assert code == 2 and err.startswith("error: ") and "missing.json: cannot read the file" in err, err
    assert "data:" not in said and not out.exists()  # the file was not read, no folder was left behind
