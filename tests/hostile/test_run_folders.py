"""Nothing the user had is lost, in the folders runs write: a run folder is locked while a run writes it (a second
writer is refused with the holder's name; a killed holder leaves no stale lock), an export never writes over a
bundle's own files, a new bundle never keeps the exports of the one it replaces nor writes over a person's own
files, and every run with a checkpoint can be resumed or downloaded whatever ended it, on the data it trained on."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import builder
from builder import files
from builder.bundle import load_bundle, write_bundle
from builder.cli import main
from builder.datasets import load_dataset
from builder.errors import BundleError
from builder.export import export_format
from builder.store import RunStore, read_run_file, write_run_file
from builder.training import Trainer
from builder.worker import RunHandle, RunRequest
from conftest import ROOT, moons_spec


def cli(capsys, *args) -> tuple[int, str]:
    code = main([str(a) for a in args])
    return code, capsys.readouterr().err


def wait_until(condition, timeout: float = 120.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


class Holder:
    """Another process holding the lock on a folder (as a running `train` or worker does) until it is killed."""

    def __init__(self, folder: Path, holder: str = "python -m builder train other.json"):
        code = textwrap.dedent(f"""
            import sys, time
            sys.path.insert(0, {str(ROOT)!r})
            from builder.files import lock_folder
            lock = lock_folder({str(folder)!r}, {holder!r})
            print("locked", flush=True)
            time.sleep(600)
        """)
        self.process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "locked"

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def __enter__(self) -> "Holder":
        return self

    def __exit__(self, *exc) -> None:
        if self.process.poll() is None:
            self.kill()


@pytest.fixture(scope="module")
def trained():
    return builder.train(moons_spec(epochs=1), telemetry=False)


@pytest.fixture
def bundle(tmp_path, trained) -> Path:
    return write_bundle(trained, tmp_path / "b")


# ---- locks ----------------------------------------------------------------------------------------------

def test_a_second_writer_is_refused_with_the_holders_pid_host_and_command(tmp_path):
    with Holder(tmp_path / "run") as holder:
        with pytest.raises(files.FolderBusy) as caught:
            files.lock_folder(tmp_path / "run", "a second writer")
        message = str(caught.value)
        assert f"pid {holder.process.pid} on " in message and "python -m builder train other.json" in message
        assert files.folder_holder(tmp_path / "run").startswith(f"pid {holder.process.pid}")


def test_a_holder_killed_by_sigkill_leaves_no_stale_lock(tmp_path):
    holder = Holder(tmp_path / "run")
    holder.kill()  # as the out-of-memory killer ends a run: no chance to clean up
    assert files.folder_holder(tmp_path / "run") is None
    with files.lock_folder(tmp_path / "run", "the next run"):
        assert files.folder_holder(tmp_path / "run").startswith(f"pid {os.getpid()} on ")


def test_two_locks_in_one_process_exclude_each_other_and_release_frees_them(tmp_path):
    first = files.lock_folder(tmp_path, "first")
    with pytest.raises(files.FolderBusy, match=f"pid {os.getpid()} on .*, first, since"):
        files.lock_folder(tmp_path, "second")
    first.release()
    assert not (tmp_path / files.LOCK_FILE).exists()  # a finished writer leaves only what it wrote
    files.lock_folder(tmp_path, "second").release()


@pytest.mark.parametrize("kind", ["fifo", "link"])
def test_a_lock_file_that_is_not_a_regular_file_is_refused_at_once(tmp_path, kind):
    lock = tmp_path / files.LOCK_FILE
    os.mkfifo(lock) if kind == "fifo" else lock.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(files.FolderBusy, match="lock file"):
        files.lock_folder(tmp_path, "writer")
    assert not (tmp_path / "elsewhere").exists()  # a link is never followed to create a file


def test_train_into_a_folder_another_train_is_writing_exits_2_and_writes_nothing(tmp_path, capsys):
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(moons_spec(epochs=1)))
    with Holder(tmp_path / "run") as holder:
        code, err = cli(capsys, "train", spec, "--out", tmp_path / "run")
        assert code == 2 and err.startswith(f"error: {tmp_path / 'run'}: another run is writing this folder "
                                            f"(pid {holder.process.pid} on "), err
        assert "Traceback" not in err and sorted(p.name for p in (tmp_path / "run").iterdir()) == [files.LOCK_FILE]
    code, err = cli(capsys, "train", spec, "--out", tmp_path / "run")  # the holder is gone: the folder is free
    assert code == 0 and load_bundle(tmp_path / "run") and not (tmp_path / "run" / files.LOCK_FILE).exists()


def test_two_real_train_processes_into_one_folder_one_is_refused(tmp_path):
    """The issue's case, end to end: a long `train` writes the folder; a second into it is refused by name."""
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(moons_spec(epochs=100_000)))
    first = subprocess.Popen([sys.executable, "-m", "builder", "train", str(spec), "--out", str(tmp_path / "run")],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_until(lambda: files.folder_holder(tmp_path / "run") is not None)
        second = subprocess.run([sys.executable, "-m", "builder", "train", str(spec), "--epochs", "1", "--out",
                                 str(tmp_path / "run")], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert second.returncode == 2 and "bundle written" not in second.stdout
        assert f"another run is writing this folder (pid {first.pid} on " in second.stderr
        assert f"python -m builder train {spec}" in second.stderr
    finally:
        first.kill()
        first.wait(30)


def test_a_worker_whose_run_folder_is_being_written_fails_without_touching_it(tmp_path):
    run_dir = tmp_path / "runs" / "s" / "r1"
    write_run_file(run_dir, status="running", message="the other run's own record")
    with Holder(run_dir, "the server's run r1"):
        handle = RunHandle(RunRequest("r1", moons_spec(epochs=1), run_dir,
                                      dataset=load_dataset("moons", {"n_samples": 400}))).start()
        assert handle.join(120) and handle.status == "failed"
        assert "another run is writing this folder" in handle.log.message and "the server's run r1" in \
            handle.log.message
    assert read_run_file(run_dir) == {"status": "running", "message": "the other run's own record"}


def test_the_store_does_not_replace_a_folder_a_run_is_writing(tmp_path, trained):
    store = RunStore(tmp_path)
    with Holder(store.run_dir("s", "r1")):
        with pytest.raises(files.FolderBusy, match="another run is writing this folder"):
            store.save("s", "r1", trained)


# ---- exports never write over a bundle's own files --------------------------------------------------------

@pytest.mark.parametrize("name", ["model.safetensors", "spec.json", "history.csv", "data.safetensors", "data.json"])
def test_export_onto_a_bundles_own_file_is_refused_and_the_bundle_still_loads(bundle, capsys, name):
    before = {p.name: p.read_bytes() for p in bundle.iterdir()}
    code, err = cli(capsys, "export", bundle, "--format", "state_dict", "--out", bundle / name)
    assert code == 2 and f"is the bundle's own {name}" in err and "Traceback" not in err, err
    assert {p.name: p.read_bytes() for p in bundle.iterdir()} == before
    load_bundle(bundle)


def test_export_onto_another_bundles_weights_is_refused(tmp_path, bundle, trained):
    other = write_bundle(trained, tmp_path / "other")
    with pytest.raises(BundleError, match="is the bundle's own model.safetensors"):
        export_format(bundle, "code", other / "model.safetensors")
    load_bundle(other)


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_export_through_a_link_to_the_weights_leaves_the_weights_alone(tmp_path, bundle, link):
    weights = (bundle / "model.safetensors").read_bytes()
    alias = tmp_path / "alias.safetensors"
    alias.symlink_to(bundle / "model.safetensors") if link == "symlink" else os.link(bundle / "model.safetensors",
                                                                                     alias)
    if link == "symlink":  # the link resolves to the bundle's own file: refused by name
        with pytest.raises(BundleError, match="is the bundle's own model.safetensors"):
            export_format(bundle, "state_dict", alias)
    else:  # a hard link is another name for the same bytes: the export replaces the name, never the bytes
        export_format(bundle, "state_dict", alias)
        assert alias.stat().st_ino != (bundle / "model.safetensors").stat().st_ino
    assert (bundle / "model.safetensors").read_bytes() == weights
    load_bundle(bundle)


def test_export_of_a_zipped_bundle_onto_itself_is_refused(tmp_path, bundle):
    from builder.export import bundle_zip
    zipped = tmp_path / "b.zip"
    zipped.write_bytes(bundle_zip(bundle))
    with pytest.raises(BundleError, match="is the bundle being exported"):
        export_format(zipped, "code", zipped)
    load_bundle(zipped)


def test_export_onto_a_folder_is_refused(tmp_path, bundle):
    (tmp_path / "dir").mkdir()
    with pytest.raises(BundleError, match="a folder is in the way"):
        export_format(bundle, "code", tmp_path / "dir")


# ---- a new bundle in a used folder ------------------------------------------------------------------------

def test_a_new_bundle_removes_the_exports_of_the_bundle_it_replaces(tmp_path, trained):
    out = write_bundle(trained, tmp_path / "run", formats=("code", "state_dict"))
    assert (out / "model.py").is_file() and (out / "model.pt").is_file()
    wider = builder.train({**moons_spec(epochs=1), "layers": [
        {"id": "fc1", "type": "Linear", "params": {"out_features": 32}}, {"id": "a1", "type": "ReLU"},
        {"id": "out", "type": "Linear", "params": {"out_features": 2}}]}, telemetry=False)
    write_bundle(wider, out)
    assert not (out / "model.py").exists() and not (out / "model.pt").exists()
    assert any("removed model.pt, model.py" in n for n in wider.log.snapshot().notes)
    write_bundle(wider, out, formats=("code",))
    assert "nn.Linear(in_features=2, out_features=32)" in (out / "model.py").read_text()  # the new network's


@pytest.mark.parametrize("name, content", [
    ("spec.json", json.dumps(moons_spec())),  # a person's own spec, not a bundle's
    ("model.onnx", "an ONNX file of someone else's"),
    ("history.csv", "epoch,loss\n"),
])
def test_train_into_a_folder_of_a_persons_own_files_is_refused_before_training(tmp_path, capsys, name, content):
    (tmp_path / name).write_text(content)
    spec = tmp_path / "my-spec.json"
    spec.write_text(json.dumps(moons_spec(epochs=1)))
    code, err = cli(capsys, "train", spec, "--out", tmp_path)
    assert code == 2 and f"holds {name}, not part of a NetBuilder bundle" in err, err
    assert (tmp_path / name).read_text() == content and not (tmp_path / "model.safetensors").exists()
    assert not (tmp_path / "checkpoints").exists()  # refused before the first epoch


def test_train_into_the_folder_of_an_earlier_bundle_replaces_it_whole(tmp_path, capsys, trained):
    write_bundle(trained, tmp_path / "run", formats=("code",))
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(moons_spec(epochs=1)))
    code, _ = cli(capsys, "train", spec, "--out", tmp_path / "run")
    assert code == 0 and not (tmp_path / "run" / "model.py").exists()
    load_bundle(tmp_path / "run")


# ---- every run with a checkpoint can be resumed or downloaded -----------------------------------------------

def _stored(tmp_path, status: str, epoch: int, total: int, checkpoint: bool = True):
    run_dir = tmp_path / "s" / f"run_{status}_{epoch}"
    if checkpoint:
        (run_dir / "checkpoints").mkdir(parents=True)
        (run_dir / "checkpoints" / "last.pt").write_bytes(b"x")
    write_run_file(run_dir, status=status, epoch=epoch, spec=moons_spec(epochs=total))
    return RunStore(tmp_path).get("s", run_dir.name)


@pytest.mark.parametrize("status", ["failed", "stopped", "interrupted", "diverged", "running"])
def test_a_run_with_a_checkpoint_and_epochs_left_is_resumable_whatever_ended_it(tmp_path, status):
    assert _stored(tmp_path, status, 1, 3).resumable


def test_an_early_stopped_run_is_resumable_and_a_complete_one_is_not(tmp_path):
    assert _stored(tmp_path, "finished", 2, 10).resumable  # early stopping ended it at 2 of 10 epochs
    assert not _stored(tmp_path, "finished", 3, 3).resumable
    assert not _stored(tmp_path, "failed", 1, 3, checkpoint=False).resumable


def test_a_worker_killed_by_sigkill_leaves_a_failed_run_the_list_offers_to_resume(tmp_path):
    store = RunStore(tmp_path)
    run_dir = store.run_dir("s", "r1")
    handle = RunHandle(RunRequest("r1", moons_spec(epochs=100_000, batch_size=32), run_dir,
                                  dataset=load_dataset("moons", {"n_samples": 400}), checkpoint_every_s=0.0,
                                  meta={"data_source": "built-in"})).start()
    assert wait_until(lambda: (run_dir / "checkpoints" / "last.pt").is_file() and handle.log.epoch >= 1)
    os.kill(handle.pid, signal.SIGKILL)  # the out-of-memory killer
    assert handle.join(60) and handle.status == "failed"
    assert "killed by signal 9 (SIGKILL)" in handle.log.message and "resume it, or download it" in handle.log.message
    run = store.get("s", "r1")
    assert run.status == "failed" and run.resumable and run.checkpoint is not None
    assert files.folder_holder(run_dir) is None  # the dead worker's lock went with it
    record = read_run_file(run_dir)
    resumed = RunHandle(RunRequest("r1", {**record["spec"], "training": {**record["spec"]["training"],
                                                                         "epochs": run.epochs + 1}},
                                   run_dir, dataset=load_dataset("moons", {"n_samples": 400}),
                                   resume=run.checkpoint)).start()
    assert resumed.join(120) and resumed.status == "finished", resumed.log.message


def test_the_runs_list_offers_resume_and_the_checkpoint_for_a_failed_run(tmp_path, monkeypatch):
    """The page: a failed run with a checkpoint gets Resume and a checkpoint download; Resume continues it."""
    from test_ui_app import click, open_app

    from builder.jobs import JOBS
    from builder.ui import runs
    monkeypatch.setattr(runs, "STORE", RunStore(tmp_path))
    at = open_app(page="Training")
    sid = at.session_state["sid"]
    run_dir = runs.STORE.run_dir(sid, "oomed")
    spec = moons_spec(epochs=2)
    Trainer.from_spec(spec, telemetry=False, checkpoint_dir=run_dir / "checkpoints").run_epoch()
    write_run_file(run_dir, run_id="oomed", label="run 1", spec=spec, status="failed", epoch=1,
                   message="the run's worker process was killed by signal 9 (SIGKILL)", data_source="built-in")
    at.run()
    assert at.button(key="resume_oomed") is not None
    assert any(b.key == "ckpt_oomed" for b in at.get("download_button"))
    click(at, "resume_oomed")
    job = JOBS.get(sid, "oomed")
    assert job is not None and runs.wait(job, 120) and job.status == "finished", job.runner.log.message
    assert [r["epoch"] for r in job.runner.log.snapshot().epochs] == [1, 2]


def test_resume_of_an_upload_run_whose_data_is_gone_is_refused_not_retrained_on_the_spec_data(tmp_path, monkeypatch):
    from test_ui_app import click, open_app

    from builder.jobs import JOBS
    from builder.store import save_dataset
    from builder.ui import runs
    monkeypatch.setattr(runs, "STORE", RunStore(tmp_path))
    at = open_app(page="Training")
    sid = at.session_state["sid"]
    run_dir = runs.STORE.run_dir(sid, "uploaded")
    upload = load_dataset("moons", {"n_samples": 60, "noise": 0.3})  # stands for the person's 48 + 12 rows
    save_dataset(upload, run_dir)
    spec = moons_spec(epochs=3)  # its data section names the built-in moons (400 rows)
    Trainer.from_spec(spec, upload, telemetry=False, checkpoint_dir=run_dir / "checkpoints").run_epoch()
    write_run_file(run_dir, run_id="uploaded", label="run 1", spec=spec, status="stopped", epoch=1,
                   data_source="upload")
    (run_dir / "data.safetensors").unlink()  # the saved upload disappeared
    at.run()
    click(at, "resume_uploaded")
    errors = " ".join(e.value for e in at.error)
    assert "trained on an uploaded dataset, and the copy kept with the run is missing or damaged" in errors, errors
    assert JOBS.get(sid, "uploaded") is None  # nothing trains on the spec's 400 built-in rows instead
