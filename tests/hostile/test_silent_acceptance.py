"""Hostile input: nothing bad is accepted silently — bools and numeric strings where a number goes, features
beyond float32, NaN images, a shorter spec resuming a longer run, control characters bound for the terminal."""

import json
import struct
import subprocess
import sys

import numpy as np
import pytest

import builder
from builder.errors import DataError, SpecErrors
from builder.training import Trainer
from builder.uploads.csv_file import load_csv
from builder.uploads.idx_files import load_idx
from conftest import ROOT, moons_spec


@pytest.mark.parametrize("edit, words", [
    (lambda s: s["training"].update(epochs=True), "training.epochs"),
    (lambda s: s["training"].update(lr="0.1"), "training.lr"),
    (lambda s: s["training"].update(amp=1), "training.amp"),
    (lambda s: s["input"].update(shape=[True, 2]), "input.shape"),
    (lambda s: s["input"].update(shape=["2"]), "input.shape"),
    (lambda s: s["data"].update(val_fraction="0.2"), "data.val_fraction"),
    (lambda s: s.update(name=7), "name"),
    (lambda s: s.update(layout={"fc1": [0, float("nan")]}), "position"),
])
def test_bools_and_numeric_strings_are_refused_where_a_number_goes(edit, words):
    spec = moons_spec()
    edit(spec)
    with pytest.raises(SpecErrors, match=words):
        builder.load_spec(spec)


def test_a_feature_beyond_float32_is_refused_at_load_naming_the_column():
    with pytest.raises(DataError, match="column 'b' holds 1e\\+308, beyond what float32 can hold"):
        load_csv(b"a,b,y\n1,1e308,0\n2,3,1\n3,4,0\n4,5,1\n", "big.csv")
    with pytest.raises(DataError, match="column 'a'"):
        load_csv(b"a,y\n-inf,0\n2,1\n3,0\n4,1\n", "inf.csv")


def test_idx_images_made_of_nan_are_refused():
    images = bytes([0, 0, 0x0D, 3]) + struct.pack(">III", 2, 2, 2) + np.full(8, np.nan, ">f4").tobytes()
    labels = bytes([0, 0, 0x08, 1]) + struct.pack(">I", 2) + bytes([0, 1])
    with pytest.raises(DataError, match="NaN or infinite pixels"):
        load_idx(images, labels, "img.idx", "lab.idx")


def test_resuming_a_longer_run_with_a_shorter_spec_trains_no_further(tmp_path):
    Trainer.from_spec(moons_spec(epochs=2), checkpoint_dir=tmp_path, telemetry=False).run()
    trainer = Trainer.from_spec(moons_spec(epochs=1), resume=tmp_path / "last.pt", telemetry=False).run()
    assert trainer.status == "finished" and trainer.epoch == 2 and "already trained 2 epochs" in trainer.log.message


@pytest.mark.parametrize("name", ["ok\x1b[2J\x1b[31mred", "two\nerror: forged line", "bidi\u202egnp.exe"])
def test_control_characters_never_reach_the_terminal_raw(tmp_path, name):
    spec = moons_spec()
    spec["name"] = name
    spec["layers"][0]["type"] = name  # an unknown type, echoed in the error
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    done = subprocess.run([sys.executable, "-m", "builder", "validate", str(path)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: layer 'fc1'")
    assert not any(c in done.stderr for c in "\x1b\u202e") and "\\x1b" in done.stderr or "\\n" in done.stderr \
        or "\\u202e" in done.stderr
