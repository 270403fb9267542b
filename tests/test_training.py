"""The training engine: stepping, threads, control, divergence, OOM, checkpoints, reproducibility, telemetry."""
import math
import threading

import pytest
import torch

import builder
from builder import checkpoints
from builder.errors import SpecErrors
from builder.bundle import write_bundle
from builder.presets import list_presets
from builder.training import Trainer, pick_device


def mlp(dataset="moons", hidden=16, out=2, **training):
    return {
        "format": "netbuilder/1", "name": "mlp", "input": {"shape": [2]},
        "layers": [{"id": "fc1", "type": "Linear", "params": {"out_features": hidden}}, {"id": "a1", "type": "ReLU"},
                   {"id": "out", "type": "Linear", "params": {"out_features": out}}],
        "data": {"dataset": dataset, "options": {"n_samples": 400}},
        "training": {"epochs": 3, "batch_size": 32, "lr": 0.01, **training},
    }


def dropout_mlp(**training):
    spec = mlp(**training)
    spec["layers"].insert(2, {"id": "drop", "type": "Dropout", "params": {"p": 0.3}})
    return spec


def losses(trainer: Trainer, n: int) -> list[float]:
    return [trainer.step() for _ in range(n)]


@pytest.mark.parametrize("name", sorted(list_presets()))
def test_every_preset_trains_and_its_loss_falls(name):
    trainer = Trainer.from_spec(list_presets()[name], telemetry=False)
    seen = [v for v in losses(trainer, 60) if v is not None]
    assert len(seen) == 60 and all(math.isfinite(v) for v in seen)
    assert sum(seen[-10:]) / 10 < sum(seen[:10]) / 10, f"{name}: loss did not fall"


def test_the_lstm_learns_the_adding_task():
    spec = list_presets()["lstm_adding"]
    trainer = builder.train(spec, telemetry=False)
    assert trainer.status == "finished"
    # predicting the mean (R² = 0) is what a model that remembers nothing does
    assert trainer.history()[-1]["val_r2"] > 0.8, trainer.history()[-1]


def test_a_run_logs_epochs_with_metrics_and_finishes():
    trainer = builder.train(mlp(), epochs=2)
    assert trainer.status == "finished"
    rows = trainer.history()
    assert [r["epoch"] for r in rows] == [1, 2]
    assert {"train_loss", "val_loss", "train_acc", "val_acc", "elapsed_s", "memory_mb"} <= set(rows[0])
    assert 0.0 <= rows[-1]["val_acc"] <= 1.0
    snap = trainer.log.snapshot()
    assert snap.step == trainer.global_step == 2 * trainer.parts.steps_per_epoch
    assert len(snap.steps["loss"]) == snap.step


def test_regression_reports_r2_and_mae():
    spec = mlp("plane", out=1)
    trainer = builder.train(spec, epochs=5)
    row = trainer.history()[-1]
    assert {"train_r2", "val_r2", "val_mae"} <= set(row)
    assert row["val_r2"] > 0.5


def test_same_seed_same_losses_even_beside_another_run():
    reference = losses(Trainer.from_spec(dropout_mlp(), telemetry=False), 30)
    other = Trainer.from_spec(dropout_mlp(seed=7), telemetry=False, epochs=50).start()
    try:
        again = losses(Trainer.from_spec(dropout_mlp(), telemetry=False), 30)
    finally:
        other.stop()
        other.join(10)
    assert again == reference
    assert losses(Trainer.from_spec(dropout_mlp(seed=1), telemetry=False), 30) != reference


def test_a_steps_seed_draws_what_torch_manual_seed_would_without_queueing_cudas(monkeypatch):
    from builder.step import seeded
    torch.manual_seed(11)
    expected = torch.rand(5)
    torch.manual_seed(0)
    if not torch.cuda.is_initialized():  # torch.manual_seed would queue CUDA's seeding with a copy of the call stack
        monkeypatch.setattr(torch.cuda, "manual_seed_all", lambda seed: pytest.fail("CUDA seeded before it started"))
    with seeded(11):
        drawn = torch.rand(5)
    assert torch.equal(drawn, expected)


def test_start_pause_resume_stop_in_a_thread():
    trainer = Trainer.from_spec(mlp(), epochs=10_000).start()
    for _ in range(200):
        if trainer.global_step > 5:
            break
        threading.Event().wait(0.01)
    trainer.pause()
    for _ in range(200):
        if trainer.status == "paused":
            break
        threading.Event().wait(0.01)
    assert trainer.status == "paused"
    step = trainer.global_step
    threading.Event().wait(0.1)
    assert trainer.global_step == step, "a paused run must not train"
    trainer.resume()
    for _ in range(200):
        if trainer.global_step > step:
            break
        threading.Event().wait(0.01)
    assert trainer.global_step > step
    trainer.stop()
    assert trainer.join(10)
    assert trainer.status == "stopped" and "stopped" in trainer.log.message


def test_stop_is_honoured_within_one_batch():
    trainer = Trainer.from_spec(mlp(), epochs=100)
    trainer.on("step_end", lambda t: t.stop() if t.global_step == 3 else None)
    trainer.run()
    assert trainer.status == "stopped" and trainer.global_step == 3


def test_divergence_stops_within_a_step_and_keeps_good_weights(tmp_path):
    trainer = Trainer.from_spec(mlp(lr=100.0, optimizer="sgd", momentum=0.9), telemetry=False, epochs=50)
    trainer.run()
    assert trainer.status == "diverged"
    assert "learning rate" in trainer.log.message
    assert all(torch.isfinite(p).all() for p in trainer.model.parameters()), "the last good weights are kept"
    bundle = write_bundle(trainer, tmp_path / "b")
    model = builder.load(bundle)
    assert torch.isfinite(model(torch.randn(4, 2))).all()


def test_adam_with_a_huge_learning_rate_is_caught_before_any_nan():
    """Adam at lr=100 climbs to 1e7 and never reaches NaN: a loss far above its best is divergence too."""
    trainer = Trainer.from_spec(mlp(lr=100.0, optimizer="adam"), telemetry=False, epochs=30)
    trainer.run()
    assert trainer.status == "diverged", trainer.log.message
    assert "far above its best" in trainer.log.message and "learning rate" in trainer.log.message
    out = trainer.predict(trainer.parts.x_val)
    assert torch.isfinite(out).all() and out.abs().max() < 1e4, "the kept weights are sane, not merely finite"


@pytest.mark.parametrize("blow_up_at", [1, 2, 7, 13])
def test_the_last_good_weights_come_back_whatever_the_step_the_loss_blows_up(blow_up_at):
    trainer = Trainer.from_spec(mlp(), telemetry=False, epochs=5)
    for _ in range(blow_up_at):
        trainer.step()
    good = {k: v.clone() for k, v in trainer.model.state_dict().items()}
    trainer.step()  # these weights give a sane loss, then the optimiser moves them (here, to inf)
    with torch.no_grad():
        trainer.model.fc1.weight.fill_(float("inf"))
    assert trainer.step() is None and trainer.status == "diverged"
    kept = trainer.model.state_dict()
    assert all(torch.equal(good[k], kept[k]) for k in good), "the weights whose loss was the last sane one"


def test_l1_adds_rate_times_sign_of_each_weight_to_its_gradient_and_leaves_biases():
    """Oracle: one SGD step with l1 differs from one without by exactly -lr · l1 · sign(w), on weights alone."""
    plain = Trainer.from_spec(mlp(optimizer="sgd", lr=0.1), telemetry=False)
    sparse = Trainer.from_spec(mlp(optimizer="sgd", lr=0.1, l1_penalty=0.05), telemetry=False)
    before = {k: v.clone() for k, v in plain.model.state_dict().items()}
    plain.step(), sparse.step()
    for name, w in before.items():
        expected = -0.1 * 0.05 * torch.sign(w) if w.dim() > 1 else torch.zeros_like(w)
        torch.testing.assert_close(sparse.model.state_dict()[name] - plain.model.state_dict()[name], expected)
    assert sparse.log.snapshot().steps["loss"] == plain.log.snapshot().steps["loss"], "the reported loss is the data's"


def test_cuda_oom_halves_the_batch_and_retries(monkeypatch):
    trainer = Trainer.from_spec(mlp(batch_size=64), telemetry=False)
    real = trainer.forward_backward
    calls = {"n": 0}

    def flaky(xb, yb):
        calls["n"] += 1
        if calls["n"] == 1:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory (simulated)")
        return real(xb, yb)

    monkeypatch.setattr(trainer, "forward_backward", flaky)
    assert trainer.step() is not None
    assert trainer.batch_size == 32 and "halved" in trainer.log.message


def test_cuda_oom_at_the_floor_fails_clearly(monkeypatch):
    trainer = Trainer.from_spec(mlp(batch_size=4), telemetry=False)

    def always(xb, yb):
        raise torch.cuda.OutOfMemoryError("CUDA out of memory (simulated)")

    monkeypatch.setattr(trainer, "forward_backward", always)
    trainer.run()
    assert trainer.status == "failed" and "out of memory" in trainer.log.message


def test_an_exception_in_a_step_fails_the_run_not_the_process(monkeypatch):
    trainer = Trainer.from_spec(mlp(), telemetry=False)
    monkeypatch.setattr(trainer, "forward_backward", lambda xb, yb: 1 / 0)
    trainer.start().join(10)
    assert trainer.status == "failed" and "ZeroDivisionError" in trainer.log.message


def test_checkpoint_resume_continues_exactly(tmp_path):
    full = Trainer.from_spec(mlp(epochs=4), telemetry=False, checkpoint_dir=tmp_path / "a").run()
    first = Trainer.from_spec(mlp(epochs=4), telemetry=False, checkpoint_dir=tmp_path / "b")
    first.on("epoch_end", lambda t: t.stop() if t.epoch == 2 else None).run()
    assert first.status == "stopped"
    resumed = Trainer.from_spec(mlp(epochs=4), telemetry=False, resume=tmp_path / "b" / "last.pt").run()
    assert resumed.status == "finished" and resumed.global_step == full.global_step
    assert [r["train_loss"] for r in resumed.history()] == pytest.approx([r["train_loss"] for r in full.history()])
    for a, b in zip(resumed.model.parameters(), full.model.parameters()):
        torch.testing.assert_close(a, b)
    assert (tmp_path / "a" / "best.pt").exists()


def test_checkpoint_writes_are_atomic(tmp_path, monkeypatch):
    trainer = Trainer.from_spec(mlp(), telemetry=False)
    trainer.run_epoch()
    path = checkpoints.write(trainer, tmp_path / "last.pt")
    good = path.read_bytes()

    def killed(obj, f, *a, **k):
        with open(f, "wb") as fh:
            fh.write(b"half a checkp")
        raise KeyboardInterrupt("killed mid-write")

    monkeypatch.setattr(torch, "save", killed)
    with pytest.raises(KeyboardInterrupt):
        checkpoints.write(trainer, path)
    assert path.read_bytes() == good
    assert not list(tmp_path.glob(".*tmp"))
    monkeypatch.undo()
    Trainer.from_spec(mlp(), telemetry=False, resume=path)  # the earlier checkpoint still loads


def test_early_stopping_keeps_the_best_weights():
    trainer = Trainer.from_spec(mlp(epochs=200, lr=0.05, early_stopping_patience=2), telemetry=False).run()
    assert trainer.status == "finished" and "early stopping" in trainer.log.message
    assert trainer.epoch < 200
    val = trainer.evaluate()
    assert val["val_loss"] == pytest.approx(trainer.stopping.best_val, rel=1e-5)


@pytest.mark.parametrize("optimizer", ["sgd", "adam", "adamw", "rmsprop", "adagrad"])
@pytest.mark.parametrize("scheduler", ["none", "step", "cosine", "onecycle", "plateau"])
def test_every_optimizer_and_scheduler_trains(optimizer, scheduler):
    trainer = builder.train(mlp(optimizer=optimizer, scheduler=scheduler, momentum=0.9 if optimizer == "sgd" else 0.0,
                                weight_decay=1e-4, grad_clip=1.0), telemetry=False, epochs=2)
    assert trainer.status == "finished"
    assert math.isfinite(trainer.history()[-1]["val_loss"])


@pytest.mark.parametrize("loss", ["mse", "l1", "huber"])
def test_regression_losses(loss):
    assert builder.train(mlp("plane", out=1, loss=loss), telemetry=False, epochs=1).status == "finished"


def test_bce_with_logits_on_a_binary_set():
    trainer = builder.train(mlp(out=1, loss="bce_with_logits"), epochs=3)
    assert trainer.status == "finished" and trainer.history()[-1]["val_acc"] > 0.7


def test_telemetry_records_what_the_dashboard_draws():
    trainer = builder.train(mlp(), epochs=3)
    snap = trainer.log.snapshot()
    assert set(snap.layers) == {"fc1", "out"}
    fc1 = snap.layers["fc1"]
    assert len(fc1["weight_hist"]) >= 1 and len(fc1["weight_hist"][0]) == len(fc1["weight_edges"]) - 1
    assert fc1["grad_norm"][0] > 0 and fc1["weight_norm"][0] > 0
    assert set(snap.activations) == {"fc1", "a1", "out"}
    assert 0.0 <= snap.activations["a1"]["dead_fraction"] <= 1.0
    assert snap.views["boundary"]["label"].shape == (60, 60)
    assert snap.views["confusion"].sum() == trainer.parts.n_val
    assert len(snap.views["worst"]) == 8


def test_regression_and_reconstruction_views():
    reg = builder.train(mlp("plane", out=1), epochs=1).log.snapshot().views
    assert len(reg["regression"]["actual"]) == len(reg["regression"]["predicted"]) > 0
    auto = builder.train(list_presets()["autoencoder_digits"], epochs=1).log.snapshot().views
    assert auto["reconstructions"]["inputs"].shape == auto["reconstructions"]["outputs"].shape


def test_spec_that_does_not_fit_its_data_is_refused_before_training():
    with pytest.raises(SpecErrors) as e:
        Trainer.from_spec(mlp(out=5))
    assert "out" in str(e.value) and "2 classes" in str(e.value)


def test_unknown_override_is_refused():
    with pytest.raises(SpecErrors, match="unknown training setting"):
        Trainer.from_spec(mlp(), epoch=3)


def test_device_auto_is_cpu_without_a_gpu():
    if not torch.cuda.is_available():
        assert pick_device("auto").type in ("cpu", "mps")
        with pytest.raises(SpecErrors, match="no CUDA"):
            pick_device("cuda")


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
@pytest.mark.parametrize("amp", [False, True])
def test_training_on_cuda(amp):
    trainer = builder.train(mlp(), device="cuda", amp=amp, epochs=2)
    assert trainer.status == "finished" and trainer.log.device.startswith("cuda")
    assert trainer.parts.x_train.is_cuda


def test_health_alerts_from_telemetry():
    from builder.telemetry import alerts
    layers = {"rnn": {"grad_norm": [1e-9]}, "fc": {"grad_norm": [0.5]}, "out": {"grad_norm": [0.4]},
              "big": {"grad_norm": [5e5]}}
    acts = {"a1": {"dead_fraction": 0.75}, "a2": {"dead_fraction": 0.1}}
    epochs = [{"train_loss": l, "val_loss": v} for l, v in [(1.0, 1.0), (0.8, 0.9), (0.6, 0.95), (0.5, 1.0), (0.4, 1.1)]]
    found = {(a["kind"], a["layer"]) for a in alerts(layers, acts, epochs)}
    assert ("vanishing", "rnn") in found and ("exploding", "big") in found
    assert ("dead_units", "a1") in found and ("dead_units", "a2") not in found
    assert ("overfitting", None) in found and ("plateau", None) not in found
    flat = [{"train_loss": 0.5, "val_loss": 0.5}] * 5
    assert ("plateau", None) in {(a["kind"], a["layer"]) for a in alerts({}, {}, flat)}
    assert alerts({"a": {"grad_norm": [0.1]}, "b": {"grad_norm": [0.2]}}, {}, epochs[:2]) == []


def test_memorising_is_said_while_validation_loss_stays_above_its_best_not_only_while_it_climbs():
    from builder.telemetry import alerts
    from builder.telemetry_views import OVERFIT_RISE, memorising

    def run(pairs):
        return [{"train_loss": t, "val_loss": v} for t, v in pairs]

    # the image run: validation loss 0.6 at its best (epoch 3), 4.6 by the end; the last epoch's noise (validation
    # a touch lower, training a touch higher) broke the old "rose for 2 epochs" rule at the end of the run
    climbed = run([(0.8, 0.9), (0.6, 0.7), (0.5, 0.6), (0.3, 1.5), (0.1, 3.0), (0.03, 4.7), (0.035, 4.6)])
    assert memorising([e["train_loss"] for e in climbed], [e["val_loss"] for e in climbed]) == 2
    said = [a["message"] for a in alerts({}, {}, climbed) if a["kind"] == "overfitting"]
    assert said == ["validation loss has risen since epoch 3 (0.6 → 4.6) while training loss fell: the model is "
                    "memorising. Add dropout or weight decay, or enable early stopping."]
    # noise within OVERFIT_RISE of the best, a best that is the last or the one before, training loss that did
    # not fall, gaps or no validation at all: nothing said
    wobble = run([(1.0, 1.0), (0.8, 0.8), (0.7, 0.7), (0.6, 0.7 * (1 + OVERFIT_RISE / 2)), (0.5, 0.72), (0.4, 0.71)])
    recent = run([(1.0, 1.0), (0.8, 2.0), (0.7, 3.0), (0.6, 0.5), (0.5, 0.6)])
    stuck = run([(0.5, 1.0), (0.5, 0.6), (0.5, 0.9), (0.5, 1.2), (0.55, 1.3)])
    gappy = run([(1.0, 1.0), (0.8, None), (0.6, 1.5), (0.5, 2.0), (0.4, 3.0)])
    for quiet in (wobble, recent, stuck, gappy, run([(1.0, None)] * 6)):
        assert not [a for a in alerts({}, {}, quiet) if a["kind"] == "overfitting"], quiet
    # a loss that can be negative (a Gaussian likelihood): the rise is measured from the best's size
    negative = run([(0.0, -1.0), (-0.5, -2.0), (-1.0, -1.9), (-1.5, -1.5), (-2.0, -1.0)])
    assert memorising([e["train_loss"] for e in negative], [e["val_loss"] for e in negative]) == 1


def test_vanishing_gradient_advice_fits_the_network():
    from builder.telemetry import alerts
    layers = {"fc1": {"grad_norm": [1e-9]}, "fc2": {"grad_norm": [0.5]}, "out": {"grad_norm": [0.4]}}
    mlp_advice = next(a["message"] for a in alerts(layers, {}, []) if a["kind"] == "vanishing")
    assert "LSTM" not in mlp_advice and "GRU" not in mlp_advice and "ReLU" in mlp_advice
    rnn_advice = next(a["message"] for a in alerts(layers, {}, [], vanilla_rnn=True) if a["kind"] == "vanishing")
    assert "LSTM/GRU instead of a vanilla RNN" in rnn_advice
    # through time: a vanilla RNN is told to swap for a gated cell, an LSTM (which starts out fading too) is not
    fading = {"rnn": [1e-9] * 8 + [1.0], "lstm": [1e-9] * 8 + [1.0]}
    through_time = {a["layer"]: a["message"] for a in alerts({}, {}, [], fading, vanilla_rnn=True, gated={"lstm"})
                    if a["kind"] == "vanishing_through_time"}
    assert "swap this layer for one" in through_time["rnn"]
    assert "swap" not in through_time["lstm"] and "train longer" in through_time["lstm"]


def test_an_lstm_is_never_told_to_become_one():
    """Mid-run, while an LSTM's gradient through time still fades (it starts out that way), its alert gives advice
    for a gated cell: the layer kinds reach the alerts from the run's own model."""
    trainer = Trainer.from_spec(list_presets()["lstm_adding"], epochs=1)
    trainer.run()
    trainer.log.log_time_gradients("lstm", trainer.global_step + 1, [1e-9] * 40 + [1.0] * 10)
    trainer.telemetry.update_views(False)
    found = [a for a in trainer.log.snapshot().alerts if a["kind"] == "vanishing_through_time"]
    assert found and all("swap" not in a["message"] and "train longer" in a["message"] for a in found)


def test_telemetry_budget_caps_its_share_of_training_time():
    from builder.telemetry import Budget
    budget = Budget(0.02)
    assert budget.due  # the first look happens at once
    budget.spent(0.001)
    budget.earn(0.02)  # 20 ms of training earns 0.4 ms: not yet
    assert not budget.due
    budget.earn(0.03)  # 50 ms earns 1 ms: due
    assert budget.due
    budget.spent(0.05)  # a one-off spike does not set the typical cost
    assert budget.cost == pytest.approx(0.001)


def _floor_run(cost_s: float, steps: int = 320, step_s: float = 1e-3) -> tuple[list[int], float]:
    """A budget with the telemetry's floors over a run of `steps` steps of `step_s`, each look costing `cost_s`: the
    steps it looked at, and the time it took."""
    from builder.telemetry import MIN_SNAPSHOTS, SHARE, SNAPSHOTS, Budget
    budget, taken = Budget(SHARE, steps // SNAPSHOTS, must_steps=steps // MIN_SNAPSHOTS), []
    for step in range(1, steps + 1):
        budget.earn(step_s)
        if budget.due_at(step):
            budget.spent(cost_s, step)
            taken.append(step)
    return taken, budget.used


def test_a_short_run_is_sampled_evenly_while_its_snapshots_are_cheap_and_no_less_than_the_least_when_they_are_not():
    from builder.telemetry import FLOOR_SHARE, MIN_SNAPSHOTS, SNAPSHOTS
    steps, step_s = 320, 1e-3  # a third of a second of training
    cheap, _ = _floor_run(1e-4)  # 3 % of the run for all 32: within the floor's share
    assert len(cheap) >= SNAPSHOTS and max(b - a for a, b in zip(cheap, cheap[1:])) <= steps // SNAPSHOTS
    for cost_s in (5e-4, 0.05):  # dearer: the floor's share holds; far dearer: the least number still comes
        taken, used = _floor_run(cost_s)
        assert len(taken) >= MIN_SNAPSHOTS and max(b - a for a, b in zip(taken, taken[1:])) <= steps // MIN_SNAPSHOTS
        beyond_the_least = used - cost_s * (MIN_SNAPSHOTS + 1)
        assert beyond_the_least <= FLOOR_SHARE * steps * step_s, (cost_s, taken)
    medium, _ = _floor_run(5e-4)
    assert len(medium) > MIN_SNAPSHOTS + 1  # the floor's share bought more than the least
    assert len(_floor_run(0.05)[0]) <= MIN_SNAPSHOTS + 1


def test_a_first_picture_waits_until_the_run_has_trained_a_little_and_the_canvas_ends_on_the_network_as_it_ended():
    import json
    from builder.telemetry import Budget, node_views
    budget = Budget(0.01, first_after_s=0.5)
    budget.earn(0.4)
    assert not budget.due
    budget.earn(0.1)
    assert budget.due
    # a run too short for a picture on the way still ends with every picture of its last step
    trainer = Trainer.from_spec(list_presets()["mlp_spiral"], epochs=3).run()
    as_ended = node_views(trainer.model, trainer.telemetry.probe_x, trainer.telemetry.grid)
    plain = lambda nodes: json.dumps(nodes, default=lambda a: a.tolist(), sort_keys=True)  # noqa: E731
    assert trainer.log.nodes and plain(trainer.log.nodes) == plain(as_ended)
    recurrent = Trainer.from_spec(list_presets()["lstm_parity"], epochs=1).run()  # its gradient through time too
    for lid, trace in recurrent.log.snapshot().time_gradients.items():
        assert trace["steps"][-1] == recurrent.global_step, (lid, trace["steps"])


class _Clock:
    """A stand-in for `time` in the telemetry's modules: each read moves it on `read_s` (so work has a cost), a step
    moves it on as its listener says, and `frozen` holds it still while a test asks the budgets."""

    def __init__(self, read_s: float):
        self.t, self.read_s, self.frozen = 1000.0, read_s, False

    def perf_counter(self) -> float:
        if not self.frozen:
            self.t += self.read_s
        return self.t


@pytest.mark.parametrize("read_s, step_s", [(2e-5, [1e-3] * 20 + [0.05, 0.4]), (2e-5, [1e-3, 3e-3, 6e-3]),
                                            (1e-3, [2e-3, 0.02, 0.07])], ids=["pauses", "even", "costly"])
@pytest.mark.parametrize("spec", [mlp(epochs=4, batch_size=4), list_presets()["gru_sine"].model_copy(deep=True)],
                         ids=["mlp", "gru"])
def test_a_step_the_telemetry_passes_over_is_one_where_nothing_was_due(monkeypatch, spec, read_s, step_s):
    """Telemetry asks its budgets only when its gate says one may be due (a step otherwise costs a few comparisons);
    whenever the gate says quiet, the budgets asked there and then (paid what they earned) must all say not due, and
    the stash must not be waiting too long. Clocks where each kind of deadline is the one that comes first: short
    steps with pauses that pass the gaps, even steps (the budgets' cost), costly work and long steps (the stash)."""
    import copy
    import random
    from builder import layer_probe, telemetry
    clock, rng = _Clock(read_s), random.Random(0)
    monkeypatch.setattr(telemetry, "time", clock)
    monkeypatch.setattr(layer_probe, "time", clock)
    trainer = Trainer.from_spec(spec, telemetry=False, epochs=4)
    trainer.on("step_end", lambda t: setattr(clock, "t", clock.t + rng.choice(step_s)))
    trainer.telemetry = telemetry.Telemetry(trainer)  # listens after the clock has moved
    quiet, answers = telemetry.Telemetry._quiet, []

    def checked(self, step, now):
        answer = quiet(self, step, now)
        if answer:
            budgets, clock.frozen, clock.t = copy.deepcopy(self.budgets), True, now
            for b in budgets.values():
                b.earn(self._clock - self._paid)
            due = [k for k in ("layers", "nodes", "time") if budgets[k].due_at(step) and (k != "time" or self.recurrent)]
            assert not due and now - self.probe.oldest_s < telemetry.STASH_S, (step, due)
            clock.frozen = False
        answers.append(answer)
        return answer

    monkeypatch.setattr(telemetry.Telemetry, "_quiet", checked)
    trainer.run()
    assert trainer.status == "finished", trainer.log.message
    assert answers.count(True) > 10 and answers.count(False) > 10  # steps passed over, and steps asked
    snap = trainer.log.snapshot()
    steps = trainer.global_step
    assert len(next(iter(snap.layers.values()))["weight_hist"]) >= min(telemetry.MIN_SNAPSHOTS, steps)  # a floor held
    if telemetry.recurrent_layers(trainer.model):
        assert snap.time_gradients



def test_autoencoder_with_bce_compares_logits_with_raw_pixels():
    spec = list_presets()["autoencoder_digits"].model_copy(deep=True)
    spec.training.loss = "bce_with_logits"
    trainer = builder.train(spec, epochs=2)
    assert trainer.status == "finished"
    assert 0.0 <= float(trainer.parts.y_train.min()) and float(trainer.parts.y_train.max()) <= 1.0
    outputs = trainer.log.snapshot().views["reconstructions"]["outputs"]
    assert outputs.min() >= 0.0 and outputs.max() <= 1.0


@pytest.mark.slow
def test_torch_compile_trains_the_same_network():
    trainer = builder.train(mlp(), compile=True, epochs=2, telemetry=False)
    assert trainer.status == "finished", trainer.log.message
    assert trainer.history()[-1]["val_acc"] > 0.7


def test_a_step_on_a_paused_run_leaves_it_paused():
    trainer = Trainer.from_spec(mlp(), epochs=100)
    trainer.pause()
    trainer.start()
    for _ in range(500):
        if trainer.status == "paused":
            break
        threading.Event().wait(0.01)
    assert trainer.status == "paused" and trainer.global_step == 0
    trainer.step()
    assert trainer.global_step == 1 and trainer.status == "paused"
    trainer.resume()
    for _ in range(500):
        if trainer.global_step > 3:
            break
        threading.Event().wait(0.01)
    assert trainer.status == "running"
    trainer.stop()
    assert trainer.join(10) and trainer.status == "stopped"


def test_a_text_models_worst_samples_carry_their_words():
    """The Training tab lists a text model's worst validation samples by what they say, not by token ids."""
    trainer = builder.train(list_presets()["text_classifier"], epochs=1)
    worst, encoder = trainer.log.snapshot().views["worst"], trainer.parts.dataset.text.encoder
    assert len(worst) == 8
    for w in worst:
        assert w["text"] == encoder.decode(trainer.parts.x_val_raw[w["index"]].tolist()) and w["text"].strip()
    assert "text" not in builder.train(mlp(), epochs=1).log.snapshot().views["worst"][0]  # numbers stay numbers


def _guard_reading(losses: list[float], per_read: int):
    """A LossGuard over a one-weight model whose weight is the step number as each loss is added: (the points it
    logged, the first that diverged, the weight it put back)."""
    from builder.guard import LossGuard, Point
    model = torch.nn.Linear(1, 1, bias=False)
    guard, logged, bad = LossGuard(model, first=0.5), [], None
    for step, loss in enumerate(losses):
        with torch.no_grad():
            model.weight.fill_(float(step))
        guard.add(Point(step, loss, 0.1, 4, 0.0, 0.0))
        if len(guard.pending) == per_read or step == len(losses) - 1:
            points, bad = guard.read()
            logged += [p.step for p in points]
            if bad is not None:
                break
    return logged, bad, float(model.weight.detach())


@pytest.mark.parametrize("per_read", [1, 3, 8])
def test_one_hard_batch_late_in_a_well_fit_run_is_no_divergence_but_two_in_a_row_are(per_read):
    """Batch size 4 on a well-fit model: losses of 1e-5, then one batch holding a badly misjudged sample (6.0, far
    above the first loss and the best) is a hard batch, not divergence; a loss that stays up has diverged, and the
    weights put back are those from before it went up, however the losses were read."""
    calm = [0.5, 0.1, 1e-3] + [1e-5] * 8
    logged, bad, _ = _guard_reading(calm + [6.0] + [1e-5] * 5, per_read)
    assert bad is None and logged == list(range(len(calm) + 6))  # the hard batch is on the loss curve
    logged, bad, weight = _guard_reading(calm + [6.0, 8.0, 1e-5], per_read)
    assert bad is not None and bad.step == len(calm) + 1
    assert logged in (list(range(len(calm))), list(range(len(calm) + 1)))  # the first far loss, if read already
    assert weight < len(calm)  # the weights are back from before the first far loss
    logged, bad, weight = _guard_reading(calm + [float("nan")], per_read)
    assert bad is not None and bad.step == len(calm) and weight < len(calm)  # not finite: at once
