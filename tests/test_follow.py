"""A click on a run's chart names a sample (builder/ui/follow.py): a point of the plane is the validation or
training sample drawn there (else the bare point), a confusion cell names the samples of that true and predicted
class, predicted-vs-actual's points are validation samples in order, the diagonal is none; and a paused worker
saves its own weights when asked, so the page traces those, not an older checkpoint."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from builder import checkpoints
from builder.datasets import load_dataset
from builder.errors import DataError
from builder.trace import resolve_sample, sample_key, trace_sample, validation_predictions, validation_sample
from builder.training import Trainer
from builder.ui.looks import Looked
from builder.ui.follow import clicked_sample, point_sample
from builder.worker import RunHandle, RunRequest
from conftest import moons_spec
from test_workers import wait_until


@pytest.fixture(scope="module")
def looked() -> Looked:
    trainer = Trainer.from_spec(moons_spec(epochs=1), telemetry=False)
    trainer.run_epoch()
    return Looked(trainer, validation_predictions(trainer), trainer.epoch, trainer.global_step)


def test_a_point_of_the_plane_is_the_sample_drawn_there(looked):
    parts = looked.trainer.parts
    x_val = parts.x_val_raw[7].tolist()
    assert point_sample(looked, x_val) == ({"split": "val", "index": 7}, "validation sample 7")
    val_rows = set(validation_predictions(looked.trainer).dataset_index.tolist())
    row = next(r for r in range(parts.dataset.n_samples) if r not in val_rows)
    ref, what = point_sample(looked, parts.dataset.x[row].tolist())
    assert what == f"training sample (row {row} of the data)" and int(ref["y"]) == int(parts.dataset.y[row])
    x, y = resolve_sample(looked.trainer, ref)
    assert torch.equal(x, parts.dataset.x[row])
    ref, what = point_sample(looked, [9.5, -9.5])  # nothing is drawn there: the point itself, without a target
    assert ref == {"x": [9.5, -9.5], "y": None} and "point" in what


def test_a_confusion_cell_names_its_samples_and_the_followed_one(looked):
    p = looked.predictions
    true, predicted = int(p.true[0]), int(p.predicted[0])
    in_cell = [i for i in range(len(p.true)) if p.true[i] == true and p.predicted[i] == predicted]
    follow = {"view": "confusion", "point": {"customdata": [true, predicted]}, "sample": None}
    ref, what = clicked_sample(follow, looked)
    assert ref == {"split": "val", "index": in_cell[0]} and f"1 of {len(in_cell)} in the cell" in what
    follow["sample"] = in_cell[-1]
    assert clicked_sample(follow, looked)[0]["index"] == in_cell[-1]
    x, _ = validation_sample(looked.trainer, in_cell[-1])
    assert np.allclose(x.numpy(), looked.trainer.parts.x_val_raw[in_cell[-1]].numpy())


def test_predicted_vs_actual_points_are_validation_samples_and_the_diagonal_is_none(looked):
    follow = {"view": "regression", "point": {"curve_number": 1, "point_index": 4}}
    assert clicked_sample(follow, looked)[0] == {"split": "val", "index": 4}
    with pytest.raises(DataError, match="diagonal"):
        clicked_sample({"view": "regression", "point": {"curve_number": 0, "point_index": 1}}, looked)
    assert clicked_sample({"view": "worst", "point": {"index": 3}}, looked)[0] == {"split": "val", "index": 3}


def paused_worker(tmp_path, run_id: str, epochs: int) -> RunHandle:
    """A worker run of the moons MLP, started paused."""
    return RunHandle(RunRequest(run_id, moons_spec(epochs=epochs, batch_size=32), tmp_path / run_id,
                                dataset=load_dataset("moons", {"n_samples": 400}), threads=1, paused=True)).start()


def test_a_paused_worker_saves_its_own_weights_when_asked_and_refuses_while_training(tmp_path):
    handle = paused_worker(tmp_path, "r1", epochs=500)
    try:
        assert wait_until(lambda: handle.status == "paused")
        for _ in range(3):
            assert handle.step()
        saved = handle.ask("save")
        assert saved["step"] == 3 == handle.log.step, saved
        state = checkpoints.load(saved["checkpoint"], torch.device("cpu"))
        assert state["global_step"] == 3 and state["pos"] == 96  # mid-epoch: the paused run's own weights
        handle.resume()
        assert wait_until(lambda: handle.log.step > 50)
        assert "pause it first" in handle.ask("save")["error"]
    finally:
        handle.stop()
        handle.join(30)
    assert "error" in handle.ask("save")  # an ended run answers nothing, and says so


def test_a_weight_edited_on_a_paused_worker_redraws_its_boundary_and_is_saved(tmp_path):
    handle = paused_worker(tmp_path, "w1", epochs=50)
    try:
        assert wait_until(lambda: handle.status == "paused")
        assert handle.step()
        changed = handle.ask("edit_weight", "out", 1, None, 50.0)  # the second class's bias: it wins everywhere
        assert changed["layer"] == "out" and changed["after"] == 50.0 and changed["before"] != 50.0, changed
        boundary = handle.log.snapshot().views["boundary"]  # redrawn by the edit, before the answer came
        assert (np.asarray(boundary["label"]) == 1).all()
        assert handle.log.snapshot().answers["weights"]["value"]["out"]["bias"][1] == 50.0
        state = checkpoints.load(changed["checkpoint"], torch.device("cpu"))
        assert float(state["model"]["out.bias"][1]) == 50.0 and state["global_step"] == 1
        refused = handle.ask("edit_weight", "out", 7, None, 1.0)
        assert "row" in refused["error"] or "unit" in refused["error"], refused  # named, and nothing changed
        assert handle.ask("edit_weight", "out", 0, 0, float("nan"))["error"]
    finally:
        handle.stop()
        handle.join(30)


def test_a_training_worker_traces_the_followed_sample_at_its_weights_as_it_trains(tmp_path):
    """The trace follows training live: the worker re-traces the sample the page follows with its current weights,
    at the live views' pace, and names the sample in its answer. (Epochs enough that the run cannot end before the
    test pauses it: 500 took ten seconds on a loaded machine, and a finished run is never paused.)"""
    epochs = 50_000
    handle = paused_worker(tmp_path, "f1", epochs=epochs)
    ref = {"split": "val", "index": 5}
    try:
        assert wait_until(lambda: handle.status == "paused")
        handle.follow(ref)
        handle.resume()
        answer = lambda: handle.log.snapshot().answers.get("trace") or {}
        assert wait_until(lambda: answer().get("request") == sample_key(ref))
        first = answer()["value"]
        assert wait_until(lambda: answer()["value"]["step"] > first["step"])  # traced again as the run goes on
        handle.pause()
        assert wait_until(lambda: handle.status == "paused")
        latest = answer()["value"]
        saved = handle.ask("save")  # the worker's weights now: the same trace by hand must give its numbers
        trainer = Trainer.from_spec(moons_spec(epochs=epochs, batch_size=32), load_dataset("moons", {"n_samples": 400}),
                                    telemetry=False, resume=saved["checkpoint"])
        x, y = validation_sample(trainer, 5)
        mine = trace_sample(trainer, x, y)
        assert latest["step"] <= saved["step"] and set(latest["layers"]) == set(mine.layers)
        if latest["step"] == saved["step"]:
            assert np.allclose(latest["output"]["probabilities"], mine.output["probabilities"], atol=1e-5)
        handle.follow({"split": "val", "index": 10_000})  # a sample that does not exist: said, in its answer
        handle.resume()
        assert wait_until(lambda: "does not exist" in (answer().get("value") or {}).get("error", ""))
    finally:
        handle.stop()
        handle.join(30)


def test_the_training_tab_traces_the_sample_picked_under_its_charts():
    from builder.jobs import JOBS
    from builder.ui import runs
    from test_ui_app import goto, open_app
    at = open_app()
    goto(at, "Training")
    at.number_input(key=f"t{at.session_state['rev']}.epochs").set_value(2).run()
    at.button(key="start").click().run()
    job = JOBS.jobs_for(at.session_state["sid"])[-1]
    assert runs.wait(job, 180) and job.status == "finished"
    at.session_state["train_view"] = "Predictions"
    worst = job.runner.log.snapshot().views["worst"][0]["index"]
    at.session_state["follow"] = {"view": "worst", "point": {"index": worst}, "where": "train", "sample": None}
    at.run()  # as a click on one of the worst samples leaves it
    assert not at.exception, [e.value for e in at.exception]
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert f"validation sample {worst} (one of the worst)" in text and "Prediction" in text
    assert at.session_state["explain_sample"] == worst  # the Explain tab shows the same one
    at.button(key="follow_close_train").click().run()
    assert at.session_state["follow"] is None
