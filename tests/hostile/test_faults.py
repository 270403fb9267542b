"""Faults, each with its stated outcome: nothing already saved is lost, the session keeps working, the error
says what happened. (Step exceptions, NaN, OOM, stop mid-epoch and killed checkpoint writes are also covered
in tests/test_training.py; here they are attacked together with the registry and the run store.)"""
from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
import torch

from builder import bundle
from builder.bundle import load_bundle
from builder.jobs import JobRegistry
from builder.store import RunStore
from builder.training import Trainer

ROOT = Path(__file__).resolve().parents[2]


def spec(**training):
    return {"format": "netbuilder/1", "name": "faults", "input": {"shape": [2]},
            "layers": [{"id": "fc", "type": "Linear", "params": {"out_features": 8}}, {"id": "a", "type": "Tanh"},
                       {"id": "out", "type": "Linear", "params": {"out_features": 2}}],
            "data": {"dataset": "moons", "options": {"n_samples": 300}},
            "training": {"epochs": 2, "batch_size": 32, "lr": 0.01, **training}}


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def wait_for(predicate, timeout=10.0):
    end = time.monotonic() + timeout
    while not predicate() and time.monotonic() < end:
        time.sleep(0.01)
    return predicate()


def test_tab_closed_mid_run_stops_the_job_after_the_timeout_and_frees_it():
    clock = Clock()
    registry = JobRegistry(max_running=2, clock=clock)
    trainer = Trainer.from_spec(spec(epochs=100_000))
    job_id = registry.submit("gone", trainer)
    registry.touch("here")
    assert wait_for(lambda: trainer.global_step > 3)
    clock.now = 60.0
    registry.touch("here")
    assert registry.reap(grace_s=120) == [] and trainer.status == "running", "not before the timeout"
    clock.now = 200.0
    registry.touch("here")
    assert registry.reap(grace_s=120) == [job_id]
    assert trainer.join(10) and trainer.status == "stopped"
    assert registry.get("gone", job_id) is None and registry.running_count() == 0
    threads = [t for t in threading.enumerate() if t.name == "netbuilder-trainer" and t.is_alive()]
    assert not threads, "the trainer's thread must end"


def test_a_failing_run_leaves_the_session_working(monkeypatch):
    registry = JobRegistry()
    bad = Trainer.from_spec(spec())
    monkeypatch.setattr(bad, "forward_backward", lambda xb, yb: (_ for _ in ()).throw(RuntimeError("injected")))
    job = registry.submit("s", bad)
    assert wait_for(lambda: bad.done) and bad.status == "failed" and "injected" in bad.log.message
    good = Trainer.from_spec(spec())
    registry.submit("s", good)
    assert good.join(30) and good.status == "finished"
    assert registry.get("s", job).status == "failed", "the failed run stays listed with its message"


def test_nan_mid_run_keeps_what_was_saved(tmp_path):
    trainer = Trainer.from_spec(spec(epochs=6), checkpoint_dir=tmp_path)
    trainer.run_epoch()
    saved = (tmp_path / "last.pt").read_bytes()
    with torch.no_grad():
        trainer.model.fc.weight.fill_(float("nan"))
    trainer.run()
    assert trainer.status == "diverged" and "loss became nan" in trainer.log.message
    assert (tmp_path / "last.pt").read_bytes() == saved, "the last good checkpoint is untouched"
    Trainer.from_spec(spec(epochs=6), resume=tmp_path / "last.pt").run()


def test_finished_bundles_survive_a_server_restart(tmp_path):
    """A new process (the restarted server) lists and loads what the old one saved."""
    store = RunStore(tmp_path / "runs")
    trainer = Trainer.from_spec(spec()).run()
    store.save("session1", "job1", trainer)
    script = textwrap.dedent(f"""
        from builder.store import RunStore
        from builder.bundle import load_bundle
        runs = RunStore({str(tmp_path / 'runs')!r}).list("session1")
        assert [r.job_id for r in runs] == ["job1"] and runs[0].status == "finished", runs
        load_bundle(runs[0].path)
        assert RunStore({str(tmp_path / 'runs')!r}).list("session2") == []
        print("ok")
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "ok", out.stderr


def test_a_crash_while_saving_leaves_no_half_bundle(tmp_path, monkeypatch):
    store = RunStore(tmp_path)
    trainer = Trainer.from_spec(spec()).run()
    store.save("s", "kept", trainer)

    def crash(trainer, out_dir, formats=()):
        (Path(out_dir) / "model.safetensors").write_bytes(b"half")
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(bundle, "write_bundle", crash)
    with pytest.raises(OSError):
        store.save("s", "broken", trainer)
    assert [r.job_id for r in store.list("s")] == ["kept"]
    load_bundle(store.path("s", "kept"))


def test_run_store_refuses_ids_that_are_paths(tmp_path):
    store = RunStore(tmp_path / "runs")
    for bad in ("../x", "/etc", "a/b", "", "." * 3):
        with pytest.raises(ValueError):
            store.list(bad)
        assert store.path("s", bad) is None
