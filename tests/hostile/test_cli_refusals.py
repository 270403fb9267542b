"""Every failure is a clear refusal (exit 2, `error:` naming the file or option; the API's DataError or
BundleError), never a crash: IDX files without images, an --out whose checkpoints folder cannot be written, a
full disk under export, script and predict, and a bundle whose stored fill values the table cannot hold.

The full disk is /dev/full. Writing to it must write into the device: a temporary file renamed over it (how
files are written whole) once replaced the device itself, so each test checks the device is still there."""
from __future__ import annotations

import json
import os
import stat
import struct
import subprocess
import sys
from pathlib import Path

import pytest

import builder
from builder.bundle import load_bundle, write_bundle
from builder.errors import BundleError, DataError
from builder.uploads import parse_files
from builder.uploads.csv_file import load_csv
from builder.uploads.idx_files import load_idx

from .helpers import cli, edited_copy, refused_cli, small_spec, trained_bundle

ROOT = Path(__file__).resolve().parents[2]
FULL = Path("/dev/full")


def full_disk() -> Path:
    """/dev/full, checked to be the device (tests that write to it are skipped where it is not)."""
    if not (FULL.exists() and stat.S_ISCHR(FULL.stat().st_mode)):
        pytest.skip("no /dev/full device here")
    return FULL


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    return trained_bundle(tmp_path_factory.mktemp("cli") / "b")


# ---- IDX files without images --------------------------------------------------------------------------

def idx(*dims: int, data: bytes = b"") -> bytes:
    return bytes([0, 0, 0x08, len(dims)]) + struct.pack(f">{len(dims)}I", *dims) + data


@pytest.mark.parametrize("images, labels, words", [
    (idx(0, 28, 28), idx(0), "holds no images to learn from: its header declares 0 × 28 × 28"),
    (idx(3, 0, 28), idx(3, data=b"\x00\x01\x00"), "declares 3 × 0 × 28"),
    (idx(2, 4, 0), idx(2, data=b"\x00\x01"), "declares 2 × 4 × 0"),
])
def test_idx_files_without_images_are_refused_naming_the_file(images, labels, words):
    with pytest.raises(DataError, match=words) as e:
        load_idx(images, labels, "train-images.idx", "train-labels.idx")
    assert str(e.value).startswith("train-images.idx: ")
    with pytest.raises(DataError, match="train-images.idx: holds no images"):
        parse_files("idx", [("train-images.idx", images), ("train-labels.idx", labels)], {})


# ---- an --out whose checkpoints folder cannot be written ----------------------------------------------

def _train(capsys, tmp_path, out: Path):
    (tmp_path / "spec.json").write_text(json.dumps(small_spec()))
    err = refused_cli(capsys, "train", tmp_path / "spec.json", "--out", out, words=f"--out {out / 'checkpoints'}: ")
    assert not (out / "model.safetensors").exists() and err.count("\n") == 1  # refused before training
    return err


def test_train_refuses_an_out_whose_checkpoints_folder_is_on_a_read_only_file_system(tmp_path, capsys):
    out = tmp_path / "run"
    out.mkdir()
    (out / "checkpoints").symlink_to("/proc")  # read-only even for root
    assert "the folder is not writable" in _train(capsys, tmp_path, out)


def test_train_refuses_an_out_whose_checkpoints_is_a_file(tmp_path, capsys):
    out = tmp_path / "run"
    out.mkdir()
    (out / "checkpoints").write_text("not a folder")
    assert "a file is in the way" in _train(capsys, tmp_path, out)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_train_refuses_an_out_whose_checkpoints_folder_is_read_only(tmp_path, capsys):
    out = tmp_path / "run"
    (out / "checkpoints").mkdir(parents=True)
    (out / "checkpoints").chmod(0o555)
    assert "the folder is not writable" in _train(capsys, tmp_path, out)


# ---- a full disk ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["onnx", "pt2", "torchscript", "state_dict", "code"])
def test_export_to_a_full_disk_is_refused_naming_the_file(bundle, capsys, fmt):
    device = full_disk()
    refused_cli(capsys, "export", bundle, "--format", fmt, "--out", device,
                words="error: /dev/full: No space left on device")
    assert stat.S_ISCHR(device.stat().st_mode), "the device was replaced"


def test_script_to_a_full_disk_is_refused_naming_the_file(tmp_path, capsys):
    device = full_disk()
    (tmp_path / "spec.json").write_text(json.dumps(small_spec()))
    refused_cli(capsys, "script", tmp_path / "spec.json", "--out", device,
                words="--out /dev/full: cannot be written (No space left on device)")
    assert stat.S_ISCHR(device.stat().st_mode), "the device was replaced"


def test_predict_to_a_full_disk_is_refused_once_without_a_traceback(bundle, tmp_path):
    device = full_disk()
    (tmp_path / "in.csv").write_text("x1,x2\n" + "0.5,1\n" * 100)
    with device.open("w") as out:
        done = subprocess.run([sys.executable, "-m", "builder", "predict", str(bundle), str(tmp_path / "in.csv")],
                              stdout=out, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 2, done.stderr
    assert done.stderr == "error: cannot write the predictions to standard output (No space left on device)\n"


def test_an_export_that_cannot_be_written_leaves_the_older_file_whole(bundle, tmp_path, capsys, monkeypatch):
    """A write that fails midway (here: the copy into place) keeps what was there and leaves no temporary file."""
    target = tmp_path / "model.py"
    target.write_text("# the export before\n")
    real = Path.write_bytes

    def fails(self, data):
        if self.parent == tmp_path and self.name.startswith(".model.py"):
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", fails)
    refused_cli(capsys, "export", bundle, "--format", "code", "--out", target,
                words=f"error: {target}: No space left on device")
    assert target.read_text() == "# the export before\n" and [p.name for p in tmp_path.iterdir()] == ["model.py"]


# ---- a bundle whose fill values its table cannot hold ------------------------------------------------

TABLE = b"a,colour,y\n" + b"".join(f"{i},{['red', 'blue'][i % 2]},{i % 2}\n".encode() for i in range(40)) + \
    b"7,,1\n"


@pytest.fixture(scope="module")
def table_bundle(tmp_path_factory):
    dataset = load_csv(TABLE, "colours.csv", missing="impute")
    spec = small_spec()
    spec["input"]["shape"] = [3]
    spec.pop("data")
    trainer = builder.train(spec, dataset=dataset, telemetry=False)
    return write_bundle(trainer, tmp_path_factory.mktemp("table") / "b")


def fill(**values):
    return lambda raw: raw["inference"]["table"]["fill"].update(values)


@pytest.mark.parametrize("edit, words", [
    (fill(colour="green"), "column 'colour' would fill its gaps with 'green', which is not one of its categories"),
    (fill(colour=3), "column 'colour' would fill its gaps with 3"),
    (fill(a="many"), "column 'a' would fill its gaps with 'many', which is not a finite number"),
    (fill(a=float("nan")), "column 'a' would fill its gaps with nan"),
    (fill(a=True), "column 'a'"),
    (lambda raw: raw["inference"]["table"].update(fill=[1, 2]), "its fill values are not a JSON object"),
    (lambda raw: raw["inference"]["table"].update(columns=7), "the table description cannot be read"),
])
def test_a_bundle_whose_fill_values_its_columns_cannot_hold_is_refused(table_bundle, tmp_path, capsys, edit, words):
    broken = edited_copy(table_bundle, tmp_path / "b", edit)
    with pytest.raises(BundleError, match="spec.json's table is damaged") as e:
        load_bundle(broken)
    assert words in str(e.value)
    (tmp_path / "gaps.csv").write_text("a,colour\n3,\n,red\n")
    refused_cli(capsys, "predict", broken, tmp_path / "gaps.csv", "--missing", "impute", words=words)


def test_predict_imputes_with_the_fill_values_training_kept(table_bundle, tmp_path, capsys):
    (tmp_path / "gaps.csv").write_text("a,colour\n3,\n,red\n")
    code, out, err = cli(capsys, "predict", table_bundle, tmp_path / "gaps.csv", "--missing", "impute")
    assert code == 0 and len(out.strip().splitlines()) == 3, err


def test_predict_follows_the_missing_value_rule_the_bundle_recorded(table_bundle, tmp_path, capsys):
    (tmp_path / "gaps.csv").write_text("a,colour\n3,\n,red\n")
    code, out, err = cli(capsys, "predict", table_bundle, tmp_path / "gaps.csv")
    assert code == 0 and len(out.strip().splitlines()) == 3, err
    (tmp_path / "gaps.csv").write_text("a,colour\n3,\n,red\n4,blue\n")
    code, out, err = cli(capsys, "predict", table_bundle, tmp_path / "gaps.csv", "--missing", "drop")
    assert code == 0 and len(out.strip().splitlines()) == 2 and "skipped" in err, "told otherwise, it obeys"
    assert builder.load_spec(Path(table_bundle) / "spec.json").name, "a bundle's spec loads"


def test_predict_into_a_closed_pipe_is_refused_once_without_a_traceback(bundle, tmp_path):
    """`predict … | head -0`: the reader is gone before the predictions are written."""
    (tmp_path / "in.csv").write_text("x1,x2\n" + "0.5,1\n" * 100)
    child = subprocess.Popen([sys.executable, "-m", "builder", "predict", str(bundle), str(tmp_path / "in.csv")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    child.stdout.close()
    err = child.stderr.read()
    assert child.wait(300) == 2 and err == "error: cannot write the predictions to standard output (Broken pipe)\n"
