"""The engine against independent oracles: its per-step losses against a hand-written PyTorch loop over the same
model, data order and optimiser; a Trainer handed a hand-written model against plain PyTorch training it; its
per-epoch metrics against numpy; the summary's parameter counts and output shapes against torchinfo; its FLOPs
against torch.utils.flop_counter."""
from __future__ import annotations

import copy
import dataclasses

import numpy as np
import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

import builder
from builder.datasets import load_dataset
from builder.prepare import prepare
from builder.presets import list_presets
from builder.summary import summarize
from builder.training import Trainer
from conftest import moons_spec

ORACLE_PRESETS = ["mlp_digits", "lenet_digits", "lstm_parity"]  # MLP, CNN, LSTM: each trained with Adam
EPOCHS = 2


def numpy_metrics(logits: torch.Tensor, labels: torch.Tensor) -> tuple[float, float]:
    """(mean cross-entropy, accuracy), computed in float64 numpy."""
    z = logits.detach().double().numpy()
    y = labels.numpy()
    z = z - z.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(y)), y].mean()), float((z.argmax(axis=1) == y).mean())


def hand_written_loop(spec, epochs: int):
    """minGPT-style: a fresh model from the spec's seed, torch's Adam, the engine's shuffling generator."""
    data = prepare(spec, load_dataset(spec.data.dataset, spec.data.options))
    config = data.config
    torch.manual_seed(0)  # nothing below may depend on the global generator
    model = builder.build_model(spec, seed=config.seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.Generator().manual_seed(config.seed)
    x, y, n = data.x_train, data.y_train, len(data.x_train)
    losses, epochs_seen = [], []
    for _ in range(epochs):
        model.train()
        perm = torch.randperm(n, generator=order)
        total = 0.0
        for start in range(0, n, config.batch_size):
            idx = perm[start:start + config.batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
            total += loss.item() * len(idx)
        model.eval()
        with torch.no_grad():
            val_loss, val_acc = numpy_metrics(model(data.x_val), data.y_val)
        epochs_seen.append({"train_loss": total / n, "val_loss": val_loss, "val_acc": val_acc})
    return losses, epochs_seen


@pytest.mark.parametrize("name", ORACLE_PRESETS)
def test_the_engines_losses_and_metrics_equal_a_hand_written_loop(name):
    spec = list_presets()[name]
    trainer = Trainer.from_spec(spec, epochs=EPOCHS, telemetry=False).run()
    expected_losses, expected_epochs = hand_written_loop(trainer.spec, EPOCHS)
    engine_losses = trainer.log.snapshot().steps["loss"]
    assert len(engine_losses) == len(expected_losses) == EPOCHS * trainer.parts.steps_per_epoch
    np.testing.assert_allclose(engine_losses, expected_losses, rtol=1e-6, atol=1e-6)
    for row, expected in zip(trainer.history(), expected_epochs):
        for key, value in expected.items():
            assert row[key] == pytest.approx(value, rel=1e-5, abs=1e-6), (name, row["epoch"], key)


class TanhNet(nn.Module):
    """A network written by hand, as a person would: no spec, no compiler."""

    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(2, 12)
        self.out = nn.Linear(12, 2)

    def forward(self, x):
        return self.out(torch.tanh(self.hidden(x)))


def test_a_trainer_handed_a_hand_written_model_trains_it_as_plain_pytorch_does():
    torch.manual_seed(0)
    model = TanhNet()
    twin = copy.deepcopy(model)  # the same starting weights, for the plain loop
    parts = prepare(moons_spec(epochs=EPOCHS))
    parts = dataclasses.replace(parts, model=model, scheduler=None,
                                optimizer=torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9))
    trainer = Trainer(parts).run()
    assert trainer.status == "finished", trainer.log.message

    optimizer = torch.optim.SGD(twin.parameters(), lr=0.1, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.Generator().manual_seed(parts.config.seed)  # the data order: the spec's seed
    n, batch = parts.n_train, parts.config.batch_size
    losses = []
    for _ in range(EPOCHS):
        perm = torch.randperm(n, generator=order)
        for start in range(0, n, batch):
            idx = perm[start:start + batch]
            optimizer.zero_grad()
            loss = loss_fn(twin(parts.x_train[idx]), parts.y_train[idx])
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    np.testing.assert_allclose(trainer.log.snapshot().steps["loss"], losses, rtol=1e-6, atol=1e-6)
    for (name, trained), expected in zip(trainer.model.named_parameters(), twin.parameters()):
        torch.testing.assert_close(trained, expected, msg=name)
    with torch.no_grad():
        val_loss, val_acc = numpy_metrics(twin(parts.x_val), parts.y_val)
    assert trainer.history()[-1]["val_loss"] == pytest.approx(val_loss, rel=1e-5)
    assert trainer.history()[-1]["val_acc"] == pytest.approx(val_acc)


@pytest.mark.parametrize("name", sorted(list_presets()))
def test_the_summary_agrees_with_torchinfo_and_the_flop_counter(name):
    torchinfo = pytest.importorskip("torchinfo")
    spec = list_presets()[name]
    summary = summarize(spec)
    model = builder.build_model(spec, seed=0).eval()
    x = (torch.randint(0, 2, (1, *spec.input.shape)) if spec.input.dtype == "long"
         else torch.randn(1, *spec.input.shape))
    stats = torchinfo.summary(model, input_data=[x], depth=1, verbose=0, device="cpu")
    assert summary.total_params == stats.total_params
    assert summary.trainable_params == stats.trainable_params
    shapes = {row.var_name: list(row.output_size)[1:] for row in stats.summary_list if row.depth == 1}
    for row in summary.layers:
        assert shapes[row.id] == row.output_shape, (name, row.id)
        params = sum(p.numel() for p in model.get_submodule(row.id).parameters())
        assert row.params == params, (name, row.id)
    # the whole network at once, on the meta device (where recurrent layers run as the matrix products they are;
    # CPU's fused kernels hide them from the counter)
    meta = model.to("meta")
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        meta(x.to("meta"))
    assert summary.flops == counter.get_total_flops(), name
