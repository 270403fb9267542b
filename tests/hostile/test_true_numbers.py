"""Numbers people read are true: no made-up speed after one step, the speed as samples over wall time, no
plateau alert for a solved problem, vanishing gradients through time named."""
from __future__ import annotations

import pytest

from builder.training import Trainer
from conftest import moons_spec


def test_one_step_shows_no_made_up_speed_and_the_stop_message_agrees_with_the_epochs():
    from builder.ui.widgets import status_line
    trainer = Trainer.from_spec(moons_spec(epochs=30), telemetry=False)
    trainer.pause()
    trainer.step()
    snap = trainer.log.snapshot()
    assert snap.samples_per_s is None  # a single stepped batch has no rate
    assert "samples/s" not in status_line(_Job("paused"), snap) or snap.average_samples_per_s
    for _ in range(6 * trainer.parts.steps_per_epoch):
        trainer.step()
    trainer.stop()
    trainer.run()
    snap = trainer.log.snapshot()
    assert "after 6 epochs" in snap.message and "epoch **6/30** done" in status_line(_Job("stopped"), snap)


class _Job:
    def __init__(self, status):
        self.status = status


@pytest.mark.parametrize("seconds, said", [(0.26, "0.3s"), (0.0, "0.0s"), (9.94, "9.9s"), (9.96, "10s"), (59.6, "1m 00s"),
                                           (185, "3m 05s"), (7620, "2h 07m"), (None, "–"), (float("nan"), "–"),
                                           (-1.0, "–")])
def test_a_runs_time_is_said_as_a_person_reads_it(seconds, said):
    """A small network's whole run takes under a second: it reads "0.3s", not "0s"; a long one in hours."""
    from builder.ui.widgets import duration
    assert duration(seconds) == said


def test_the_speed_is_samples_over_wall_time_of_the_recent_steps():
    from builder.runlog import RunLog
    log = RunLog()
    log.set_status("running", at=100.0)
    for i in range(1, 11):  # 32 samples every 0.01 s of wall time: 3,200 samples/s
        log.log_step(i, 0.5, 0.01, 32, 0.004, at=100.0 + 0.01 * i)
    snap = log.snapshot()
    assert snap.samples_per_s == pytest.approx(3200.0)
    assert snap.average_samples_per_s == pytest.approx(32 / 0.004)  # the steps alone: 8,000 samples/s


def test_no_plateau_alert_for_a_solved_problem():
    from builder.telemetry import alerts
    flat = [{"train_loss": 0.001, "val_loss": 0.001, "val_acc": 1.0}] * 6
    assert not [a for a in alerts({}, {}, flat) if a["kind"] == "plateau"]
    stuck = [{"train_loss": 0.69, "val_loss": 0.69, "val_acc": 0.5}] * 6
    assert [a for a in alerts({}, {}, stuck) if a["kind"] == "plateau"]


def test_vanishing_through_time_is_named_and_the_plateau_advice_withheld():
    from builder.telemetry import alerts
    stuck = [{"train_loss": 0.17, "val_loss": 0.17, "val_r2": 0.0}] * 6
    found = alerts({}, {}, stuck, {"rnn": [1e-12] * 10 + [1e-6] * 30 + [1e-2]})
    assert [a["kind"] for a in found] == ["vanishing_through_time"]
    assert "LSTM or GRU" in found[0]["message"] and "vanishing gradients through time" in found[0]["message"]
    healthy = alerts({}, {}, stuck[:2], {"lstm": [0.5] * 40 + [1.0]})
    assert healthy == []
