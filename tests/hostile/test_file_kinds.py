"""Every file read is bounded, whatever it is: a named pipe (FIFO), a link to /dev/zero or /dev/urandom, a folder,
a socket or a dangling link where a regular file is expected is refused with the file's name, at once (no read
waits for a pipe's writer, none reads a device until memory runs out), on every surface that reads a file a
person names: a spec, --data, predict's input, a bundle (folder or zip), a checkpoint, a state_dict, the run store.
And a regular file is read up to its cap and no further, whatever its size says."""
from __future__ import annotations

import json
import os
import shutil
import socket
import tempfile
import threading
from pathlib import Path

import numpy as np
import pytest

import builder
from builder import checkpoints, files
from builder.bundle import load_bundle, write_bundle
from builder.cli import main
from builder.errors import BundleError, DataError, SpecErrors
from builder.export import load_state_dict_file
from builder.store import checkpoint_bytes, load_saved_dataset, read_run_file, save_dataset
from builder.training import Trainer
from builder.uploads import load_upload
from builder.uploads.idx_files import load_idx
from conftest import moons_spec

KINDS = ("fifo", "zero", "urandom", "folder", "socket", "dangling")
WORDS = {"fifo": "named pipe", "zero": "device", "urandom": "device", "folder": "folder", "socket": "socket",
         "dangling": "No such file"}
BOUND_S = 30.0  # a refusal takes milliseconds; a read that waits for a pipe's writer never ends


@pytest.fixture
def short_dir():
    """A folder with a short path (a Unix socket's path is at most 107 bytes)."""
    path = Path(tempfile.mkdtemp(prefix="nb-", dir="/tmp"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def make(kind: str, path: Path) -> Path:
    """A file of `kind` at `path`, where a regular file is expected."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind in ("zero", "urandom"):
        path.symlink_to(f"/dev/{kind}")
    elif kind == "folder":
        path.mkdir()
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))  # bound, not listening: a file of kind socket on disk
        server.close()
    elif kind == "dangling":
        path.symlink_to(path.parent / "gone")
    return path


def bounded(call, *args, **kwargs):
    """Run `call` and return what it returned or raised (as ("raised", exc)); fail if it has not ended within
    BOUND_S (it waits on a pipe)."""
    outcome: list = []

    def run():
        try:
            outcome.append(("returned", call(*args, **kwargs)))
        except BaseException as e:  # noqa: BLE001 - the refusal itself is what is checked
            outcome.append(("raised", e))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(BOUND_S)
    assert outcome, f"{getattr(call, '__name__', call)} still reading after {BOUND_S:.0f} s"
    return outcome[0]


def refused(kind: str, error, call, *args, **kwargs) -> str:
    how, value = bounded(call, *args, **kwargs)
    assert how == "raised" and isinstance(value, error), (how, value)
    assert WORDS[kind] in str(value), str(value)
    return str(value)


def cli_refused(capsys, kind: str, *args) -> str:
    how, code = bounded(main, [str(a) for a in args])
    err = capsys.readouterr().err
    assert how == "returned" and code == 2, (how, code, err)
    assert err.startswith("error: ") and "Traceback" not in err and WORDS[kind] in err, err
    return err


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    return write_bundle(builder.train(moons_spec(epochs=1), telemetry=False), tmp_path_factory.mktemp("kinds") / "b")


# ---- the bounded reader itself --------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_read_bytes_refuses_anything_but_a_regular_file(short_dir, kind):
    refused(kind, files.FileRefused, files.read_bytes, make(kind, short_dir / "f"), 1_000)


def test_read_bytes_reads_a_regular_file_through_a_link(tmp_path):
    (tmp_path / "real").write_bytes(b"abc")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert files.read_bytes(tmp_path / "link", 3) == b"abc"


def test_a_sparse_file_bigger_than_the_cap_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as f:
        f.truncate(10 * 2**30)  # 10 GB of nothing on disk
    with pytest.raises(files.FileTooLarge, match="10,737.4 MB; the limit is 1.0 MB"):
        files.read_bytes(huge, 2**20)


def test_a_file_whose_size_lies_is_read_no_further_than_the_cap(tmp_path, monkeypatch):
    """/proc and some filesystems say 0 bytes for files that hold more: the cap holds while reading."""
    path = tmp_path / "grows"
    path.write_bytes(b"x" * 5_000)
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 0, *real_fstat(fd)[7:])))
    with pytest.raises(files.FileTooLarge, match="holds more than the limit of 1,000 bytes"):
        files.read_bytes(path, 1_000)


# ---- specs -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_a_spec_that_is_not_a_regular_file_is_refused_naming_it(short_dir, kind):
    path = make(kind, short_dir / "spec.json")
    message = refused(kind, SpecErrors, builder.load_spec, path)
    assert message.startswith(f"{path}: cannot read the file")


@pytest.mark.parametrize("command", ["validate", "summary", "code", "train"])
@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom"])
def test_the_cli_refuses_a_spec_that_is_a_pipe_or_a_device(short_dir, capsys, command, kind):
    path = make(kind, short_dir / "spec.json")
    extra = ["--out", short_dir / "run"] if command == "train" else []
    assert cli_refused(capsys, kind, command, path, *extra).startswith(f"error: {path}: cannot read the file")


# ---- data ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["data.csv", "data.npz", "images.zip"])
@pytest.mark.parametrize("kind", KINDS)
def test_data_that_is_not_a_regular_file_is_refused_naming_it(short_dir, kind, name):
    message = refused(kind, DataError, load_upload, make(kind, short_dir / name))
    assert message.startswith(f"{name}: ")


@pytest.mark.parametrize("kind", ["fifo", "zero", "folder"])
def test_idx_files_that_are_not_regular_files_are_refused(short_dir, kind):
    images = make(kind, short_dir / "train-images-idx3-ubyte")
    labels = make(kind, short_dir / "train-labels-idx1-ubyte")
    refused(kind, DataError, load_idx, images, labels)


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom"])
def test_train_data_that_is_a_pipe_or_a_device_exits_2(short_dir, capsys, kind):
    spec = short_dir / "spec.json"
    spec.write_text(json.dumps(moons_spec(epochs=1)))
    data = make(kind, short_dir / "data.csv")
    assert "data.csv" in cli_refused(capsys, kind, "train", spec, "--data", data, "--out", short_dir / "run")


# ---- predict's input -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["input.csv", "input.npz"])
@pytest.mark.parametrize("kind", KINDS)
def test_predict_input_that_is_not_a_regular_file_exits_2(short_dir, capsys, bundle, kind, name):
    err = cli_refused(capsys, kind, "predict", bundle, make(kind, short_dir / name))
    assert err.startswith(f"error: {name}: ")


# ---- bundles ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("member", ["model.safetensors", "spec.json", "history.csv"])
@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom", "folder", "socket"])
def test_a_bundle_folder_whose_file_is_not_a_regular_file_is_refused(short_dir, bundle, kind, member):
    copy = short_dir / "copy"
    shutil.copytree(bundle, copy)
    (copy / member).unlink()
    make(kind, copy / member)
    assert member in refused(kind, BundleError, load_bundle, copy)


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom", "socket"])
def test_a_zipped_bundle_that_is_not_a_regular_file_is_refused(short_dir, capsys, kind):
    path = make(kind, short_dir / "bundle.zip")
    refused(kind, BundleError, load_bundle, path)
    cli_refused(capsys, kind, "export", path, "--format", "code", "--out", short_dir / "m.py")


# ---- checkpoints, state dicts and the run store -------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_a_checkpoint_that_is_not_a_regular_file_is_refused(short_dir, kind):
    path = make(kind, short_dir / "last.pt")
    if kind == "dangling":
        with pytest.raises(BundleError, match="no such checkpoint"):
            checkpoints.load(path)
        return
    refused(kind, BundleError, Trainer.from_spec, moons_spec(), resume=path, telemetry=False)


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom"])
def test_train_resume_from_a_pipe_or_a_device_exits_2(short_dir, capsys, kind):
    spec = short_dir / "spec.json"
    spec.write_text(json.dumps(moons_spec(epochs=1)))
    path = make(kind, short_dir / "last.pt")
    assert "last.pt" in cli_refused(capsys, kind, "train", spec, "--resume", path, "--out", short_dir / "run")


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom", "folder"])
def test_a_state_dict_that_is_not_a_regular_file_is_refused(short_dir, kind):
    refused(kind, BundleError, load_state_dict_file, make(kind, short_dir / "model.pt"))


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom"])
def test_the_run_store_reads_no_pipe_or_device_in_a_run_folder(short_dir, kind):
    """A run folder's files are the server's own, but a read of them is bounded all the same."""
    run = short_dir / "run"
    save_dataset(builder.datasets.load_dataset("moons", {"n_samples": 40}), run)
    (run / "data.safetensors").unlink()
    make(kind, run / "data.safetensors")
    make(kind, run / "run.json")
    assert bounded(load_saved_dataset, run) == ("returned", None)
    assert bounded(read_run_file, run) == ("returned", {})
    refused(kind, files.FileRefused, checkpoint_bytes, make(kind, run / "last.pt"))


def test_regular_files_of_every_kind_still_read(tmp_path, bundle, capsys):
    """The oracle for the refusals above: the same surfaces read ordinary files as before."""
    data = tmp_path / "data.csv"
    data.write_text("a,b,y\n" + "".join(f"{i},{i % 3},{i % 2}\n" for i in range(40)))
    assert load_upload(data).n_samples == 40
    np.savez(tmp_path / "input.npz", x=np.zeros((3, 2), np.float32))
    assert main(["predict", str(bundle), str(tmp_path / "input.npz")]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4  # a header and three predictions
    assert load_bundle(bundle).spec.name == "mlp"
