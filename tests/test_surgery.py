"""Editing a paused network and keeping what it learned (builder/surgery.py): every layer whose weights still fit
carries them over (compared tensor by tensor), a widened layer keeps its units and the network its function, new
settings apply, and what cannot apply is said. Also the close looks at small dense layers (builder/weights.py):
their weights as drawn, one weight or bias edited, and dead units marked as dead."""
from __future__ import annotations

import copy
from types import SimpleNamespace

import numpy as np
import pytest
import torch

from builder import checkpoints
from builder.checker import infer_shapes
from builder.compiler import build_model
from builder.errors import SpecErrors
from builder.surgery import carry_weights, continue_run, continue_with, step_after_end
from builder.telemetry import node_views
from builder.training import Trainer
from builder.weights import dead_units, dense_weights, edit_weight, set_weight

from conftest import layer, moons_spec


def _trained(epochs: int = 3, steps: int = 5, **training) -> Trainer:
    t = Trainer.from_spec(moons_spec(epochs=epochs, **training), telemetry=False)
    for _ in range(steps):
        t.step()
    return t


def _state(model) -> dict:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def _widened(spec: dict, width: int = 20) -> dict:
    """fc1 widened, and a new square Linear inserted after its ReLU."""
    new = copy.deepcopy(spec)
    new["layers"][0]["params"]["out_features"] = width
    new["layers"].insert(2, layer("fc2", "Linear", out_features=width))
    return new


# ---- close looks: weights ------------------------------------------------------------------------

def test_dense_weights_are_the_layers_own_tensors_for_small_layers():
    t = _trained(steps=0)
    found = dense_weights(t.model)
    assert set(found) == {"fc1", "out"}  # 2 → 16 and 16 → 2: both at most 16 × 16
    assert np.array_equal(found["fc1"]["weight"], t.model.fc1.weight.detach().numpy())
    assert np.array_equal(found["out"]["bias"], t.model.out.bias.detach().numpy())
    everything = torch.cat([t.model.out.weight.flatten(), t.model.out.bias]).detach().abs()
    assert found["out"]["scale"] == pytest.approx(float(everything.max()))
    assert "fc1" not in dense_weights(t.model, max_units=8)


def test_editing_one_weight_and_bias_changes_the_output_as_by_hand():
    t = _trained(steps=2)
    t.pause()
    x = torch.tensor([[0.3, -0.2]])
    with torch.no_grad():
        before = t.model.eval()(x).clone()
        hidden = t.model.a1(t.model.fc1(x))
    weight = float(t.model.out.weight[1, 4].detach())
    change = set_weight(t.model, "out", 1, 4, 0.75)
    assert change == {"layer": "out", "row": 1, "col": 4, "before": weight, "after": 0.75}
    bias = set_weight(t.model, "out", 0, None, -1.5)
    with torch.no_grad():
        after = t.model(x)
    assert float(after[0, 1] - before[0, 1]) == pytest.approx((0.75 - change["before"]) * float(hidden[0, 4]), abs=1e-6)
    assert float(after[0, 0] - before[0, 0]) == pytest.approx(-1.5 - bias["before"], abs=1e-6)
    assert dense_weights(t.model)["out"]["weight"][1, 4] == 0.75
    edit = edit_weight(t, "fc1", 3, 1, -0.5)  # a run's edit: the run log keeps it and the weights after it
    answer = t.log.snapshot().answers["weights"]
    assert answer["request"] == edit and answer["value"]["fc1"]["weight"][3, 1] == -0.5


def test_weight_edits_are_refused_with_what_would_work():
    t = _trained(steps=0)
    before = _state(t.model)
    for args, message in ((("a1", 0, 0, 1.0), "only a Linear layer"), (("fc9", 0, 0, 1.0), "no layer 'fc9'"),
                          (("out", 2, 0, 1.0), r"row must be a whole number from 0 to 1"),
                          (("out", 0, 16, 1.0), "col must be a whole number from 0 to 15"),
                          (("out", 0, 0, float("nan")), "finite number"), (("out", 0, 0, 1e9), "finite number")):
        with pytest.raises(SpecErrors, match=message):
            set_weight(t.model, *args)
    with pytest.raises(SpecErrors, match="pause it before editing"):
        edit_weight(SimpleNamespace(between_steps=False, model=t.model), "out", 0, 0, 1.0)  # a step may be running
    assert all(torch.equal(before[k], v) for k, v in t.model.state_dict().items())


def test_dead_units_are_the_ones_zero_everywhere():
    units = np.array([[[0.0, 0.0], [0.0, 0.0]], [[0.0, 1.0], [0.0, 0.0]], [[-0.0, 0.0], [0.0, 0.0]]])
    assert dead_units(units) == [0, 2] and dead_units(np.zeros((0, 3))) == []
    t = _trained(steps=0)
    with torch.no_grad():
        t.model.fc1.bias[3] = -1e3  # unit 3 is negative over the whole plane: its ReLU is dead
    grid = torch.tensor(np.stack(np.meshgrid(np.linspace(-2, 2, 5), np.linspace(-2, 2, 5)), -1).reshape(-1, 2),
                        dtype=torch.float32)
    views = node_views(t.model, grid[:4], grid)
    assert 3 in views["a1"]["dead"]
    assert views["a1"]["dead"] == dead_units(views["a1"]["units"])


# ---- carrying weights over an edit ---------------------------------------------------------------

def test_carry_keeps_every_fitting_layer_and_widens_keeping_the_function():
    t = _trained()
    old_spec, old = t.spec.to_dict(), _state(t.model)
    state, report = carry_weights(t.model, old_spec, _widened(old_spec))
    assert {c.id: c.how for c in report.layers} == {"fc1": "widened", "a1": "no_weights", "fc2": "new_identity",
                                                    "out": "widened"}
    assert torch.equal(state["fc1.weight"][:16], old["fc1.weight"]) and torch.equal(state["fc1.bias"][:16],
                                                                                     old["fc1.bias"])
    assert torch.equal(state["fc2.weight"], torch.eye(20)) and not state["fc2.bias"].any()
    assert torch.equal(state["out.weight"][:, :16], old["out.weight"]) and not state["out.weight"][:, 16:].any()
    assert report.function_kept is True and "added layer 'fc2'" in report.changes
    assert any("widened from 16 to 20" in line for line in report.lines())


def test_carry_says_which_layers_were_kept_new_removed_or_fresh():
    t = _trained()
    old_spec, old = t.spec.to_dict(), _state(t.model)
    new = copy.deepcopy(old_spec)
    new["layers"] = [layer("fc1", "Linear", out_features=16), layer("a1", "Tanh"),
                     layer("mid", "Linear", out_features=4), layer("a2", "ReLU"),
                     layer("out", "Linear", out_features=2)]
    state, report = carry_weights(old, old_spec, new)
    how = {c.id: c.how for c in report.layers}
    assert how == {"fc1": "kept", "a1": "no_weights", "mid": "new_fresh", "a2": "new_fresh", "out": "fresh"}
    assert torch.equal(state["fc1.weight"], old["fc1.weight"]) and torch.equal(state["fc1.bias"], old["fc1.bias"])
    assert state["out.weight"].shape == (2, 4)  # reads mid's 4 units, not fc1's 16: nothing of it carries
    assert report.function_kept is False
    removed = copy.deepcopy(old_spec)
    del removed["layers"][0:2]
    state, report = carry_weights(old, old_spec, removed)
    assert report.ids("removed") == ["fc1", "a1"] and report.ids("fresh") == ["out"]  # reads the 2 inputs now
    narrowed = copy.deepcopy(old_spec)
    narrowed["layers"][0]["params"]["out_features"] = 6
    state, report = carry_weights(old, old_spec, narrowed)
    assert report.ids("narrowed") == ["fc1", "out"]  # out reads fc1's first 6 units, as before
    assert torch.equal(state["out.weight"], old["out.weight"][:, :6]) and torch.equal(state["fc1.bias"],
                                                                                       old["fc1.bias"][:6])


def test_a_kernel_size_change_starts_fresh_and_a_new_conv_is_an_identity():
    spec = {"format": "netbuilder/1", "input": {"shape": [1, 6, 6]},
            "layers": [layer("c1", "Conv2d", out_channels=2, kernel_size=3, padding=1), layer("a", "ReLU"),
                       layer("f", "Flatten"), layer("out", "Linear", out_features=3)]}
    old = build_model(infer_shapes(spec).raise_errors(), seed=0)
    bigger = copy.deepcopy(spec)
    bigger["layers"][0]["params"].update(kernel_size=5, padding=2)
    _, report = carry_weights(old, spec, bigger)
    assert report.ids("fresh") == ["c1"] and report.ids("kept") == ["out"]
    deeper = copy.deepcopy(spec)
    deeper["layers"].insert(2, layer("c2", "Conv2d", out_channels=2, kernel_size=3, padding=1))
    state, report = carry_weights(old, spec, deeper)
    assert report.ids("new_identity") == ["c2"] and report.function_kept is True


# ---- going on training with the edit -------------------------------------------------------------

def test_an_edit_of_a_paused_run_applies_its_settings_and_keeps_the_counters():
    t = _trained(epochs=3, steps=5)
    old = _state(t.model)
    step, epoch, history = t.global_step, t.epoch, t.history()
    new = _widened(t.spec.to_dict())
    new["training"].update(lr=0.5, epochs=4, seed=7)
    report = continue_with(t, new)
    assert t.config.lr == 0.5 and t.parts.optimizer.param_groups[0]["lr"] == 0.5 and t.config.epochs == 4
    assert t.global_step == step and t.epoch == epoch and t.history() == history
    assert torch.equal(t.model.fc1.weight[:16], old["fc1.weight"]) and report.function_kept is True
    assert t.config.seed == 0 and any("seed 7" in line for line in report.not_applied)  # the split stays
    assert "lr 0.01 → 0.5: applies from the next step" in report.applied
    assert t.log.snapshot().answers["edit"]["value"]["lines"] == report.lines()
    t.run()
    assert t.status == "finished" and t.epoch == 4 and t.history()[-1]["lr"] == 0.5


def test_an_unchanged_network_keeps_the_optimisers_state_and_trains_as_if_never_edited():
    edited, plain = _trained(steps=4, optimizer="adam"), _trained(steps=4, optimizer="adam")
    report = continue_with(edited, edited.spec.to_dict())
    assert report.ids("kept") == ["fc1", "out"] and report.function_kept is True
    for _ in range(6):
        assert edited.step() == plain.step()
    assert all(torch.equal(a, b) for a, b in zip(edited.model.state_dict().values(), plain.model.state_dict().values()))


def test_an_edit_while_the_thread_is_paused_goes_on_when_resumed():
    t = Trainer.from_spec(moons_spec(epochs=2), telemetry=True)
    t.pause()
    t.start()
    for _ in range(200):
        if t.status == "paused":
            break
        t.join(0.02)
    assert t.status == "paused"
    new = t.spec.to_dict()
    new["layers"][0]["params"]["out_features"] = 8
    report = continue_with(t, new)
    assert report.ids("narrowed") == ["fc1", "out"] and t.model.fc1.out_features == 8
    t.resume()
    assert t.join(30) and t.status == "finished" and t.epoch == 2
    assert t.telemetry.probe_x.shape[1] == 2  # the dashboard watches the new network


def test_a_finished_run_edited_goes_on_and_a_failed_one_is_refused():
    t = _trained(epochs=1, steps=0)
    t.run()
    assert t.status == "finished"
    new = t.spec.to_dict()
    new["training"]["epochs"] = 2
    continue_with(t, new)
    assert not t.done
    t.run()
    assert t.status == "finished" and t.epoch == 2 and len(t.history()) == 2
    spec, message = step_after_end(t.spec, "finished", 2)
    assert spec.training.epochs == 3 and "from its trained weights" in message
    with pytest.raises(ValueError, match="failed"):
        step_after_end(t.spec, "failed", 2)
    with pytest.raises(ValueError, match="Lower lr"):
        step_after_end(t.spec, "diverged", 2)
    assert step_after_end(t.spec, "stopped", 1)[0].training.epochs == 2


def test_continue_run_goes_on_from_a_checkpoint_in_a_new_trainer():
    t = _trained(epochs=2, steps=7)
    state = checkpoints.capture(t)
    new = _widened(t.spec.to_dict(), width=24)
    trainer, report = continue_run(new, t.spec.to_dict(), state, telemetry=False)
    assert trainer.global_step == 7 and trainer.epoch == t.epoch and trainer.samples.pos == t.samples.pos
    assert torch.equal(trainer.model.fc1.weight[:16], t.model.fc1.weight) and report.function_kept is True
    trainer.run()
    assert trainer.status == "finished" and trainer.epoch == 2


def test_a_continued_run_measures_divergence_by_the_runs_first_loss_not_its_own_first_batch(tmp_path):
    t = Trainer.from_spec(moons_spec(epochs=2), telemetry=False).run()  # two epochs: a history to go on from
    state = checkpoints.capture(t)
    trainer, _ = continue_run(moons_spec(epochs=4), t.spec.to_dict(), state, telemetry=False)
    first = t.history()[0]["train_loss"]
    assert trainer.guard.first == pytest.approx(first)
    trainer.guard.best = 1e-4  # a well-fit model's best batch: one hard batch of 20% of the first loss is no divergence
    assert not trainer.guard.diverged(0.2 * first) and trainer.guard.diverged(11 * first)
    resumed = Trainer.from_spec(moons_spec(epochs=4), telemetry=False,
                                resume=checkpoints.write(t, tmp_path / "last.pt"))  # a restart resumes alike
    assert resumed.guard.first == pytest.approx(first) and resumed.epoch == 2


def test_every_outcome_has_one_place_and_an_unknown_one_is_refused():
    """carry.OUTCOMES is where surgery's outcomes and the report's words live: the page counts by it."""
    from builder.carry import OUTCOMES, carry_counts
    from builder.surgery import LayerCarry
    with pytest.raises(ValueError, match="unknown outcome 'grown'"):
        LayerCarry("fc1", "Linear", "grown", "")
    assert carry_counts(["fresh", "kept", "new_fresh", "no_weights"]) == [(1, "kept"), (2, "started afresh")]
    assert set(OUTCOMES.values()) - {None} == {w for _, w in carry_counts(list(OUTCOMES))}
