"""Edit a paused or finished run and keep what it learned, from the page: a new worker goes on from the run's
checkpoint with every weight that still fits (builder.surgery), its history and counters; the page offers it as
soon as the network or a setting on screen differs from the run's, and says per layer what was kept."""
from __future__ import annotations

import copy
import threading
from types import SimpleNamespace

import pytest
import torch

from builder import checkpoints
from builder.datasets import load_dataset
from builder.jobs import JOBS, Job
from builder.runlog import RunLog
from builder.ui import runs, widgets
from builder.worker import RunHandle, RunRequest
from conftest import moons_spec
from test_ui_app import click, field, goto, open_app
from test_workers import wait_until


def _worker(tmp_path, run_id: str, spec: dict, **kw) -> RunHandle:
    return RunHandle(RunRequest(run_id, spec, tmp_path / run_id, dataset=load_dataset("moons", {"n_samples": 400}),
                                threads=1, **kw)).start()


def test_a_worker_goes_on_from_an_edited_runs_checkpoint_keeping_every_weight_that_fits(tmp_path):
    old = moons_spec(epochs=2, batch_size=32)
    first = _worker(tmp_path, "a", old)
    assert first.join(120) and first.status == "finished", first.log.message
    checkpoint = tmp_path / "a" / "checkpoints" / "last.pt"
    before = checkpoints.load(checkpoint, torch.device("cpu"))["model"]
    new = copy.deepcopy(old)
    new["layers"][0]["params"]["out_features"] = 24  # fc1 widened: its 16 units kept, out reads 8 new ones
    new["training"]["epochs"] = 4
    second = _worker(tmp_path, "b", new, paused=True, carry_from={"spec": old, "checkpoint": str(checkpoint)})
    assert wait_until(lambda: second.status == "paused"), second.log.message
    saved = second.ask("save")
    after = checkpoints.load(saved["checkpoint"], torch.device("cpu"))
    assert torch.equal(after["model"]["fc1.weight"][:16], before["fc1.weight"])
    assert torch.equal(after["model"]["fc1.bias"][:16], before["fc1.bias"])
    assert torch.equal(after["model"]["out.weight"][:, :16], before["out.weight"])
    assert torch.equal(after["model"]["out.weight"][:, 16:], torch.zeros(2, 8))  # the new units read nothing yet
    snap = second.log.snapshot()
    assert [r["epoch"] for r in snap.epochs] == [1, 2] and after["epoch"] == 2  # it goes on, not from zero
    edit = snap.answers["edit"]["value"]
    assert {c["id"]: c["how"] for c in edit["layers"]}["fc1"] == "widened"
    assert any("computes what the old one did" in line for line in edit["lines"])
    second.resume()
    assert second.join(120) and second.status == "finished" and second.log.snapshot().epoch == 4


def finished_run(epochs: int):
    """The page (AppTest) after a run of the Training tab's network trained `epochs` epochs: (page, its job)."""
    at = open_app()
    goto(at, "Training")
    at.number_input(key=f"t{at.session_state['rev']}.epochs").set_value(epochs).run()
    click(at, "start")
    job = JOBS.jobs_for(at.session_state["sid"])[-1]
    assert runs.wait(job, 180) and job.status == "finished", job.status
    return at, job


def widen_first_layer(at) -> None:
    """Widen the network's first dense layer by four units through its form (an edit of the network on screen)."""
    goto(at, "Layers")
    first = at.session_state["spec"]["layers"][0]["id"]
    at.session_state["selected"] = first
    at.run()
    width = at.session_state["spec"]["layers"][0]["params"]["out_features"]
    field(at, "number_input", first, "out_features").set_value(width + 4).run()


def test_the_page_offers_to_continue_an_edited_run_and_says_what_it_kept():
    at, job = finished_run(2)
    at.run()
    assert not any(b.key == "continue_edit" for b in at.button)  # nothing edited: nothing to continue
    widen_first_layer(at)
    goto(at, "Training")
    assert any(b.key == "continue_edit" for b in at.button)
    assert any("differ from the run" in c.value for c in at.caption)
    click(at, "continue_edit")
    new = JOBS.jobs_for(at.session_state["sid"])[-1]
    assert new.id != job.id and new.runner.request.carry_from["spec"] == job.meta["spec"]
    assert runs.wait(new, 180) and new.status == "finished", new.runner.log.message
    at.run()
    report = [e.label for e in at.expander if e.label.startswith("Continued:")]
    assert report and "kept" in report[0], [e.label for e in at.expander]


def test_another_setup_is_not_an_edit_to_continue():
    at, job = finished_run(1)
    goto(at, "Presets")
    click(at, "load_mlp_digits")  # other data, another network: a new setup, trained from its own start
    goto(at, "Training")
    assert not any(b.key == "continue_edit" for b in at.button)


def test_the_page_is_redrawn_when_a_continued_run_says_what_it_kept():
    """A continued run's report reaches the server with its worker's first log message, after the run is marked
    running, and is said outside the live views: the run's state as the page drew it must change when it arrives.
    Its first point is due until it trains a step of its own (its counter goes on from the old run's)."""
    log = RunLog()
    job = Job("b", "s", SimpleNamespace(status="running", log=log), started=True)
    log.set_status("running")
    log.resumed(120)  # the old run's counter
    drawn = widgets.job_state(job)
    assert widgets.live_every(job) == widgets.FIRST_POINT_EVERY_S  # no step of its own yet: polled for it
    log.set_answer("edit", None, {"layers": [], "lines": []})
    assert widgets.job_state(job) != drawn  # the whole page is drawn again, report and all
    log.log_step(121, 0.5, 0.01, 32, 0.01)
    assert widgets.live_every(job) == widgets.LIVE_EVERY_S


def test_a_workers_message_is_applied_as_one():
    """The server replays each message of the worker's journal as one: a page reading the log meanwhile sees a
    continued run's counter and what its edit kept together, or neither; a message naming anything but the log's
    own writers changes nothing."""
    reached, go = threading.Event(), threading.Event()

    class Held(RunLog):
        def note(self, text):  # a write in the middle of the message waits there
            super().note(text)
            reached.set()
            go.wait(10)

    log = Held()
    message = [("resumed", (120,)), ("note", ("held",)), ("set_answer", ("edit", None, {"layers": [], "lines": []}))]
    replaying = threading.Thread(target=log.replay, args=(message,))
    replaying.start()
    assert reached.wait(10)
    seen = []
    reader = threading.Thread(target=lambda: seen.append(log.snapshot()))
    reader.start()
    reader.join(0.5)  # a log read while the message is half applied would have answered by now
    go.set()
    replaying.join(10)
    reader.join(10)
    assert seen[0].step == 120 and "edit" in seen[0].answers
    before = log.snapshot().step
    with pytest.raises(ValueError, match="__init__"):
        log.replay([("log_step", (121, 0.5, 0.01, 32, 0.01)), ("__init__", ())])
    assert log.snapshot().step == before
