"""A checkpoint's fields are not trusted: each one is checked for its type, its range and its agreement with the
spec, the data and the run's settings before any of the trainer's state changes, and a field that does not fit
is refused (BundleError; exit 2 from the CLI) with the field, what it holds and what would work. The data a
checkpoint trained on is recorded by content hash, and a resume on other data is refused."""
from __future__ import annotations

import copy
import json
import math

import pytest
import torch

from builder import checkpoints
from builder.cli import main
from builder.datasets import load_dataset
from builder.errors import BundleError
from builder.training import Trainer
from conftest import moons_spec

N_TRAIN = 320  # moons_spec's 400 samples, less the 20 % held out for validation


def spec(**training) -> dict:
    return moons_spec(**{"scheduler": "cosine", **training})


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """A checkpoint written mid-epoch (a sample order and a position in it), and its state."""
    trainer = Trainer.from_spec(spec(), telemetry=False)
    trainer.run_epoch()
    for _ in range(3):
        trainer.step()
    path = checkpoints.write(trainer, tmp_path_factory.mktemp("ckpt") / "mid.pt")
    return path, torch.load(path, weights_only=True)


def fresh(**training) -> Trainer:
    return Trainer.from_spec(spec(**training), telemetry=False)


def write_edited(saved, tmp_path, edit):
    state = copy.deepcopy(saved[1])
    edit(state)
    return checkpoints.save(state, tmp_path / "edited.pt")


def refused(saved, tmp_path, edit, words: str, trainer: Trainer | None = None) -> str:
    """Resume from the checkpoint with `edit` applied: refused, naming `words`, with the trainer untouched."""
    path = write_edited(saved, tmp_path, edit)
    trainer = trainer or fresh()
    before = {k: v.clone() for k, v in trainer.model.state_dict().items()}
    lr = trainer.parts.optimizer.param_groups[0]["lr"]
    with pytest.raises(BundleError) as caught:
        checkpoints.restore(trainer, path)
    message = str(caught.value)
    assert "cannot resume" in message and words in message, message
    assert (trainer.epoch, trainer.global_step, trainer.samples.pos, trainer.samples.order) == (0, 0, 0, None)
    assert trainer.parts.optimizer.param_groups[0]["lr"] == lr and trainer.log.history() == []
    for key, value in trainer.model.state_dict().items():
        assert torch.equal(value, before[key]), f"{key} changed although the checkpoint was refused"
    return message


def test_the_untouched_checkpoint_resumes_and_finishes(saved):
    """The oracle: every check below passes the checkpoint as written."""
    trainer = Trainer.from_spec(spec(), telemetry=False, resume=saved[0])
    assert (trainer.epoch, trainer.samples.pos) == (1, 99) and trainer.samples.order is not None
    assert trainer.run().status == "finished" and trainer.epoch == 2


# ---- counters: epoch, global_step, batch_size, bad_epochs, best_val --------------------------------------

@pytest.mark.parametrize("value", [-1_000_000, -1, 100_001, 10**12, 1.5, True, "2", None])
def test_an_epoch_out_of_its_type_or_range_is_refused(saved, tmp_path, value):
    refused(saved, tmp_path, lambda s: s.update(epoch=value), "its epoch is")


def test_an_epoch_of_minus_a_million_no_longer_trains_for_ever(saved, tmp_path, capsys):
    path = write_edited(saved, tmp_path, lambda s: s.update(epoch=-1_000_000))
    (tmp_path / "spec.json").write_text(json.dumps(spec(epochs=2)))
    assert main(["train", str(tmp_path / "spec.json"), "--resume", str(path), "--out", str(tmp_path / "run")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: cannot resume: its epoch is -1000000; it must be a whole number from 0 "
                          "to 100,000"), err


@pytest.mark.parametrize("value", [-1, 0, 10**9, 2.0, False])
def test_a_global_step_that_no_run_of_this_data_could_take_is_refused(saved, tmp_path, value):
    refused(saved, tmp_path, lambda s: s.update(global_step=value), "its global_step is")


@pytest.mark.parametrize("value", [0, -4, 2_000_000, 2.5, True, None])
def test_a_batch_size_out_of_its_range_is_refused(saved, tmp_path, value):
    refused(saved, tmp_path, lambda s: s.update(batch_size=value), "its batch_size is")


@pytest.mark.parametrize("value", [-1, 2, 0.5])
def test_bad_epochs_beyond_the_epochs_trained_are_refused(saved, tmp_path, value):
    refused(saved, tmp_path, lambda s: s.update(bad_epochs=value), "its bad_epochs is")


@pytest.mark.parametrize("value", [math.nan, "low", None, [0.1]])
def test_a_best_validation_loss_that_is_not_a_number_is_refused(saved, tmp_path, value):
    refused(saved, tmp_path, lambda s: s.update(best_val=value), "its best_val is")


# ---- the epoch's sample order and the position in it ------------------------------------------------------

@pytest.mark.parametrize("edit, words", [
    (lambda s: s["perm"].__setitem__(0, N_TRAIN + 5), "from 0 to 325"),  # an index beyond the data
    (lambda s: s["perm"].__setitem__(0, -1), "this run has 320 training samples"),
    (lambda s: s["perm"].__setitem__(0, s["perm"][1]), "an order of 0 to 319"),  # a duplicate
    (lambda s: s.update(perm=s["perm"][:40]), "holds 40 indices"),  # the order of a smaller dataset
    (lambda s: s.update(perm=s["perm"].float()), "perm"),
    (lambda s: s.update(perm=s["perm"].reshape(2, -1)), "perm"),
    (lambda s: s.update(perm=[0, 1, 2]), "perm"),
])
def test_a_sample_order_that_is_not_an_order_of_this_data_is_refused(saved, tmp_path, edit, words):
    refused(saved, tmp_path, edit, words)


@pytest.mark.parametrize("value", [-5, N_TRAIN, N_TRAIN + 10, 10**9, 3.0])
def test_a_position_beyond_the_epoch_is_refused(saved, tmp_path, value):
    refused(saved, tmp_path, lambda s: s.update(pos=value), "its pos is")


def test_a_position_without_an_order_may_be_the_epochs_end_but_no_further(saved, tmp_path):
    between = lambda pos: (lambda s: s.update(perm=torch.empty(0, dtype=torch.long), pos=pos))
    checkpoints.restore(fresh(), write_edited(saved, tmp_path, between(N_TRAIN)))
    refused(saved, tmp_path, between(N_TRAIN + 1), "its pos is 321")


@pytest.mark.parametrize("value", [torch.zeros(10, dtype=torch.uint8), torch.zeros(5056), "seed", None])
def test_a_random_generator_state_of_another_kind_is_refused(saved, tmp_path, value):
    refused(saved, tmp_path, lambda s: s.update(generator=value), "random generator state")


# ---- weights, optimizer and schedule ----------------------------------------------------------------------

@pytest.mark.parametrize("edit, words", [
    (lambda s: s["model"].pop("fc1.weight"), "'fc1.weight' (layer 'fc1') is None"),
    (lambda s: s["model"].update({"fc1.weight": torch.zeros(3, 2)}), "is shape [3, 2], and this network's is "
                                                                      "shape [16, 2]"),
    (lambda s: s["model"].update({"fc9.weight": torch.zeros(1)}), "'fc9.weight', which this network does not have"),
    (lambda s: s.update(model=[1, 2]), "its weights (model) are [1, 2]"),
])
def test_weights_that_do_not_fit_the_network_are_refused(saved, tmp_path, edit, words):
    refused(saved, tmp_path, edit, words)


@pytest.mark.parametrize("edit, words", [
    (lambda s: s["optimizer"]["param_groups"][0].update(lr=math.nan), "optimizer lr setting is nan"),
    (lambda s: s["optimizer"]["param_groups"][0].update(lr=-1.0), "optimizer lr setting is -1.0"),
    (lambda s: s["optimizer"]["param_groups"][0].update(betas=(0.9,)), "optimizer betas setting"),
    (lambda s: s["optimizer"]["param_groups"][0].update(lr="0.1"), "optimizer lr setting is '0.1'"),
    (lambda s: s["optimizer"]["param_groups"].append(s["optimizer"]["param_groups"][0]), "1 parameter group"),
    (lambda s: s["optimizer"]["param_groups"][0]["params"].pop(), "another number of weight tensors"),
    (lambda s: s["optimizer"]["state"][0].update(exp_avg=torch.zeros(7)), "exp_avg for weight tensor 0 has shape [7]"),
    (lambda s: s["optimizer"]["state"].update({99: {}}), "names a weight tensor (99)"),
    (lambda s: s.update(optimizer="adam"), "optimizer state is not that of this run's"),
])
def test_an_optimizer_state_that_does_not_fit_is_refused(saved, tmp_path, edit, words):
    refused(saved, tmp_path, edit, words)


@pytest.mark.parametrize("edit, words", [
    (lambda s: s["scheduler"].update(last_epoch=-1_000), "its scheduler has taken -1000 steps"),
    (lambda s: s["scheduler"].update(T_max=math.inf), "scheduler T_max setting is inf"),
    (lambda s: s["scheduler"].update(base_lrs=[]), "scheduler base_lrs setting is []"),
    (lambda s: s["scheduler"].update(optimizer={}), "holds 'optimizer', which this run's schedule does not have"),
    (lambda s: s.update(scheduler=[1]), "its scheduler state is [1]"),
])
def test_a_schedule_state_that_does_not_fit_is_refused(saved, tmp_path, edit, words):
    refused(saved, tmp_path, edit, words)


@pytest.mark.parametrize("edit, words", [
    (lambda s: s["history"].append(dict(s["history"][0])), "at most one row per epoch trained (1)"),
    (lambda s: s["history"][0].update(train_loss="low"), "each row maps names to numbers"),
    (lambda s: s["history"][0].update(epoch=7.0), "a row for epoch 7.0"),
    (lambda s: s.update(history="none"), "its history is 'none'"),
    (lambda s: s.update(settings=["adam"]), "its settings are ['adam']"),
])
def test_a_history_or_settings_record_of_another_kind_is_refused(saved, tmp_path, edit, words):
    refused(saved, tmp_path, edit, words)


# ---- the data it trained on -------------------------------------------------------------------------------

def test_a_resume_on_other_data_is_refused_naming_both(saved):
    smaller = load_dataset("moons", {"n_samples": 60})
    with pytest.raises(BundleError, match=r"it was trained on other data \(400 samples with content hash .*\); this "
                                          r"run's data, 'moons', has 60 samples"):
        Trainer.from_spec(spec(), smaller, telemetry=False, resume=saved[0])


def test_a_resume_on_the_same_data_read_again_is_accepted(saved):
    """The hash is of the content: the same samples, loaded afresh (a new tensor), resume."""
    again = load_dataset("moons", {"n_samples": 400, "seed": 0})
    assert Trainer.from_spec(spec(), again, telemetry=False, resume=saved[0]).epoch == 1


def test_a_resume_with_another_validation_share_says_so(saved):
    other = moons_spec(scheduler="cosine")
    other["data"]["val_fraction"] = 0.5
    with pytest.raises(BundleError, match="this run holds out a different share"):
        Trainer.from_spec(other, telemetry=False, resume=saved[0])


@pytest.mark.parametrize("value", ["abc", {"n_train": 320}, 7])
def test_a_data_record_without_a_hash_is_refused(saved, tmp_path, value):
    refused(saved, tmp_path, lambda s: s.update(data=value), "its data record is")


def test_a_checkpoint_from_before_data_hashes_resumes_with_a_note(saved, tmp_path):
    """Checkpoints written before this change hold no data record: they resume (the sample order and position are
    still checked against the data), and the run's notes say the data itself could not be checked."""
    path = write_edited(saved, tmp_path, lambda s: s.pop("data"))
    trainer = Trainer.from_spec(spec(), telemetry=False, resume=path)
    assert trainer.epoch == 1 and any("not the data itself" in n for n in trainer.log.snapshot().notes)


def test_an_old_checkpoint_mid_epoch_on_a_smaller_dataset_is_refused_not_crashed(saved, tmp_path):
    """The issue's case: a mid-epoch position and order of 320 samples, resumed on 48 (no hash to catch it)."""
    path = write_edited(saved, tmp_path, lambda s: s.pop("data"))
    smaller = load_dataset("moons", {"n_samples": 60})
    with pytest.raises(BundleError, match="this run has 48 training samples"):
        Trainer.from_spec(spec(), smaller, telemetry=False, resume=path)
