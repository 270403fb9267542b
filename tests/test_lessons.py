"""The lessons the presets teach, measured on the engine: a vanilla RNN's gradient vanishes through time and an
LSTM's does not; a deep sigmoid stack's gradient vanishes through depth and a ReLU + BatchNorm stack's does not;
and every run keeps enough weight and gradient snapshots to show it."""
from __future__ import annotations

import numpy as np
import pytest

from builder.figures import time_gradient_figure
from builder.presets import list_presets
from builder.telemetry import MIN_SNAPSHOTS
from builder.training import Trainer


def run(name: str, **overrides) -> Trainer:
    return Trainer.from_spec(list_presets()[name], **overrides).run()


@pytest.fixture(scope="module")
def recurrent():
    # four of the presets' twenty epochs: after three the LSTM's gradient through time is still settling (its ratio,
    # measured at each step of the third epoch, moves between 0.006 and 0.2); from the fourth on it holds (0.2-0.36)
    return {name: run(name, epochs=4) for name in ("rnn_adding", "lstm_adding")}


def test_the_rnns_gradient_through_time_fades_and_the_lstms_does_not(recurrent):
    rnn = np.asarray(recurrent["rnn_adding"].log.snapshot().time_gradients["rnn"]["norms"][-1])
    lstm = np.asarray(recurrent["lstm_adding"].log.snapshot().time_gradients["lstm"]["norms"][-1])
    assert len(rnn) == len(lstm) >= 50  # one value per time step of the sequence
    assert rnn[:5].mean() < rnn[-1] * 1e-3, "the RNN's early steps should get orders of magnitude less gradient"
    assert lstm.min() > lstm.max() * 0.1, "the LSTM's gradient should stay within one order of magnitude"


def test_the_alert_names_the_vanishing_gradient_through_time_and_suggests_gated_cells(recurrent):
    rnn_alerts = recurrent["rnn_adding"].log.snapshot().alerts
    kinds = [a["kind"] for a in rnn_alerts]
    assert "vanishing_through_time" in kinds and "plateau" not in kinds
    message = next(a["message"] for a in rnn_alerts if a["kind"] == "vanishing_through_time")
    assert "LSTM or GRU" in message
    assert not [a for a in recurrent["lstm_adding"].log.snapshot().alerts if a["kind"] == "vanishing_through_time"]


def test_the_recurrent_presets_tell_the_learner_where_to_look():
    for name in ("rnn_adding", "lstm_adding"):
        spec = list_presets()[name]
        assert "Gradient through time" in spec.description, name
        assert spec.data.options.get("length", 0) >= 50 or spec.input.shape[0] >= 50, name


def test_the_time_gradient_figure_draws_each_step_on_a_log_scale(recurrent):
    fig = time_gradient_figure(recurrent["rnn_adding"].log.snapshot().time_gradients)
    assert fig.layout.yaxis.type == "log"
    latest = fig.data[-1]
    assert list(latest.x) == list(range(1, len(latest.y) + 1)) and min(latest.y) > 0


def median_ratio(trainer: Trainer, first: str, last: str) -> float:
    layers = trainer.log.snapshot().layers
    return float(np.median(np.asarray(layers[first]["grad_norm"]) / np.asarray(layers[last]["grad_norm"])))


def test_depth_a_sigmoid_stacks_gradient_vanishes_and_relu_with_batchnorm_keeps_it():
    sigmoid, relu = run("deep_sigmoid_circles", epochs=10), run("deep_relu_bn_circles", epochs=10)
    assert median_ratio(sigmoid, "fc1", "out") < 1e-3  # the first layer hears a thousandth of the last
    assert median_ratio(relu, "fc1", "out") > 0.1  # within an order of magnitude
    assert relu.history()[-1]["val_acc"] > sigmoid.history()[-1]["val_acc"] + 0.2


@pytest.mark.parametrize("name,epochs", [("logistic_regression", 60), ("mlp_spiral", 5), ("rnn_adding", 2),
                                         ("mlp_digits", 3)])
def test_every_run_keeps_enough_snapshots_for_the_distribution_views(name, epochs):
    """However short the run and whatever a snapshot costs, the distribution views get at least MIN_SNAPSHOTS columns,
    the first at the first step and none further apart than an eighth of the run (more while they are cheap: SNAPSHOTS
    within the floor's share of the training time, see test_training)."""
    trainer = run(name, epochs=epochs)
    steps_run = trainer.global_step
    for lid, trace in trainer.log.snapshot().layers.items():
        steps = trace["steps"]
        assert len(steps) >= min(MIN_SNAPSHOTS, steps_run), (name, lid, len(steps))
        assert steps[0] == 1 and max(np.diff([*steps, steps_run])) <= max(1, steps_run // MIN_SNAPSHOTS), (name, steps)
        assert len(trace["weight_hist"]) == len(steps)
