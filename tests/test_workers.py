"""Training out of the server process: each run in a worker process, its log mirrored in the server, commands the
other way, the queue, a worker that dies, a server that dies, and many start/stop cycles."""
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
from builder.datasets import load_dataset
from builder.jobs import JobRegistry
from builder.store import RunStore, read_run_file
from builder.worker import RunHandle, RunRequest
from conftest import ROOT, moons_spec


def spec(**training) -> dict:
    return moons_spec(**{"epochs": 3, "batch_size": 32, **training})


def request(tmp_path, run_id="r1", **kw) -> RunRequest:
    s = kw.pop("spec", None) or spec()
    return RunRequest(run_id, s, tmp_path / run_id, dataset=load_dataset("moons", {"n_samples": 400}), threads=1, **kw)


def wait_until(condition, timeout=60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_a_run_trains_in_its_own_process_and_the_server_holds_a_copy_of_its_log(tmp_path):
    handle = RunHandle(request(tmp_path)).start()
    assert handle.join(120) and handle.status == "finished", handle.log.message
    assert handle.pid != os.getpid() and not handle.alive
    reference = builder.train(spec(), load_dataset("moons", {"n_samples": 400}), telemetry=False)
    snap = handle.log.snapshot()
    assert [r["epoch"] for r in snap.epochs] == [1, 2, 3]
    assert [r["train_loss"] for r in snap.epochs] == pytest.approx([r["train_loss"] for r in reference.history()])
    assert snap.step == reference.global_step and len(snap.steps["loss"]) == snap.step
    assert snap.views["boundary"]["label"].shape == (60, 60) and snap.nodes  # the dashboard's data came across
    assert read_run_file(tmp_path / "r1")["status"] == "finished"
    assert builder.load(tmp_path / "r1")  # the worker wrote the bundle into the run's folder


def test_commands_reach_the_worker(tmp_path):
    handle = RunHandle(request(tmp_path, spec=spec(epochs=500), paused=True)).start()
    assert wait_until(lambda: handle.status == "paused")
    assert handle.step() and handle.log.step == 1 and handle.status == "paused"
    assert handle.step() and handle.log.step == 2
    handle.resume()
    assert wait_until(lambda: handle.log.step > 20)
    handle.pause()
    assert wait_until(lambda: handle.status == "paused")
    paused_at = handle.log.step
    time.sleep(0.5)
    assert handle.log.step == paused_at, "a paused run does not train"
    handle.stop()
    assert handle.join(30) and handle.status == "stopped"
    assert (tmp_path / "r1" / "checkpoints" / "last.pt").is_file()  # a stopped run can be continued


def test_a_killed_worker_leaves_the_server_serving_and_its_checkpoint(tmp_path):
    handle = RunHandle(request(tmp_path, spec=spec(epochs=10_000))).start()
    assert wait_until(lambda: (tmp_path / "r1" / "checkpoints" / "last.pt").is_file() and handle.log.epoch >= 1)
    os.kill(handle.pid, signal.SIGKILL)
    assert handle.join(30) and handle.status == "failed"
    message = handle.log.message
    assert "killed by signal 9 (SIGKILL)" in message and "epoch" in message and "checkpoint is kept" in message
    assert read_run_file(tmp_path / "r1")["status"] == "failed"
    assert (tmp_path / "r1" / "checkpoints" / "last.pt").is_file()
    again = RunHandle(request(tmp_path, "r2")).start()  # the server still trains
    assert again.join(120) and again.status == "finished"


def test_a_server_killed_mid_run_leaves_an_interrupted_run_that_resumes(tmp_path):
    runs = tmp_path / "runs"
    server = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(ROOT / 'tests')!r})
        from pathlib import Path
        from builder.datasets import load_dataset
        from builder.store import RunStore
        from builder.worker import RunHandle, RunRequest
        from conftest import moons_spec
        if __name__ == "__main__":
            run_dir = RunStore({str(runs)!r}).run_dir("sessionA", "run1")
            spec = moons_spec(epochs=10000, batch_size=32)
            handle = RunHandle(RunRequest("run1", spec, run_dir, dataset=load_dataset("moons", {{"n_samples": 400}}),
                                          checkpoint_every_s=0.0)).start()
            while handle.log.epoch < 2:
                time.sleep(0.05)
            print("training", handle.pid, flush=True)
            time.sleep(600)
    """)
    proc = subprocess.Popen([sys.executable, "-c", server], stdout=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        line = proc.stdout.readline()
        assert line.startswith("training"), line
        worker = int(line.split()[1])
        proc.kill()  # the server dies (SIGKILL): no chance to clean up
        proc.wait(10)
    finally:
        proc.kill()
    assert wait_until(lambda: not Path(f"/proc/{worker}").exists() or _zombie(worker), 60), "the worker ended too"
    store = RunStore(runs)  # the restarted server
    [run] = store.list("sessionA")
    assert run.unfinished and run.checkpoint is not None and run.epochs >= 1
    assert store.list("sessionB") == []
    record = read_run_file(run.path)
    resumed = RunHandle(RunRequest("run1", {**record["spec"], "training": {**record["spec"]["training"], "epochs":
                                                                             run.epochs + 2}},
                                   run.path, dataset=load_dataset("moons", {"n_samples": 400}),
                                   resume=run.checkpoint)).start()
    assert resumed.join(120) and resumed.status == "finished", resumed.log.message
    epochs = [r["epoch"] for r in resumed.log.snapshot().epochs]
    assert epochs[-1] == run.epochs + 2 and epochs[:run.epochs] == list(range(1, run.epochs + 1))


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_beyond_max_jobs_a_second_session_waits_then_runs(tmp_path):
    registry = JobRegistry(max_running=1)
    first = RunHandle(request(tmp_path, "a", spec=spec(epochs=10_000)))
    second = RunHandle(request(tmp_path, "b"))
    a = registry.submit("alice", first, job_id="a")
    b = registry.submit("bob", second, job_id="b")
    assert registry.get("bob", b).status == "queued" and registry.queue_position("bob", b) == 1
    assert wait_until(lambda: first.log.step > 0)
    assert registry.get("bob", b).status == "queued", "one slot: the second run waits"
    registry.stop("alice", a)
    assert first.join(30)
    assert wait_until(lambda: registry.get("bob", b).started, 30)  # it starts by itself when the slot frees
    assert second.join(120) and second.status == "finished"


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def test_a_hundred_start_stop_cycles_leak_no_process_and_no_memory(tmp_path):
    registry = JobRegistry(max_running=2)
    handles = []

    def cycle(i: int) -> None:
        handle = RunHandle(request(tmp_path, f"c{i}", spec=spec(epochs=10_000)))
        registry.submit("cycler", handle, job_id=f"c{i}")  # a second Start stops the session's first run
        handles.append(handle)

    for i in range(10):  # warm-up: the forkserver, the allocator, the first imports
        cycle(i)
    handles[-1].stop()
    assert all(h.join(30) for h in handles)
    before = _rss_kb()
    for i in range(10, 110):
        cycle(i)
    handles[-1].stop()
    assert all(h.join(30) for h in handles), "every worker ended"
    assert not any(Path(f"/proc/{h.pid}").exists() and not _zombie(h.pid) for h in handles), "no worker left behind"
    assert all(h.status == "stopped" for h in handles[10:])
    after = _rss_kb()
    assert after <= before * 1.10, (before, after)
    assert len(registry.jobs_for("cycler")) <= registry.keep_per_session  # kept: the newest, not all 110


def test_the_run_folder_says_what_the_run_is_and_how_far_it_got(tmp_path):
    handle = RunHandle(request(tmp_path, label="run 1: mlp")).start()
    assert handle.join(120)
    record = json.loads((tmp_path / "r1" / "run.json").read_text())
    assert record["run_id"] == "r1" and record["label"] == "run 1: mlp" and record["spec"]["name"] == "mlp"
    assert record["status"] == "finished" and record["epoch"] == 3 and record["step"] == handle.log.step


def test_a_run_started_from_given_weights_trains_from_them_and_they_travel_as_safetensors(tmp_path):
    from builder.pipe import weight_bytes
    first = builder.train(spec(epochs=2), load_dataset("moons", {"n_samples": 400}), telemetry=False)
    blob = weight_bytes(first.model.state_dict())
    assert isinstance(blob, bytes) and not blob.startswith(b"\x80")  # safetensors, not a pickle
    handle = RunHandle(request(tmp_path, spec=spec(epochs=1), weights=blob)).start()
    assert handle.join(120) and handle.status == "finished", handle.log.message
    fresh = builder.train(spec(epochs=1), load_dataset("moons", {"n_samples": 400}), telemetry=False)
    continued = handle.log.snapshot().epochs[0]["train_loss"]
    assert continued < fresh.history()[0]["train_loss"]  # a trained start: its first epoch is already better
