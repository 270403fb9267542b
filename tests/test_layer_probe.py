"""A layer snapshot against an oracle: the same histograms, norms and update ratio computed in plain numpy from
copies of the weights and gradients, logged at once (a stash of one) or after waiting in the stash, with values beyond
the fixed edges (outer bins) and NaN (left out); a big tensor's histogram from its fixed sample, weighted."""
import numpy as np
import pytest
import torch
from torch import nn

from builder import layer_probe
from builder.layer_probe import BINS, LayerProbe
from builder.runlog import RunLog


def _oracle_hist(arrays, edges):
    values = np.concatenate([a.ravel() for a in arrays]).astype(np.float64)
    values = np.clip(values[~np.isnan(values)], edges[0], edges[-1])
    return np.histogram(values, bins=edges)[0]


def _model():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(5, 7), nn.ReLU(), nn.Linear(7, 3, bias=False))


@pytest.mark.parametrize("batched", [True, False])
def test_a_snapshot_equals_the_same_figures_computed_in_numpy(monkeypatch, batched):
    monkeypatch.setattr(layer_probe, "BATCHED_VALUES", 10**9 if batched else 0)  # 0: a stash of one snapshot
    model = _model()
    probe, log = LayerProbe(model), RunLog()
    model(torch.randn(4, 5)).sum().backward()
    probe.before_update()
    probe.after_update(log, 1)  # the first look fixes the edges
    with torch.no_grad():  # then weights beyond the edges, a NaN gradient, and an update to measure
        model[0].weight[0, 0] = 100.0
        model[0].weight.grad[1, 1] = float("nan")
    before = {lid: [p.detach().numpy().copy() for p in ps] for lid, ps in probe.layers.items()}
    probe.before_update()
    with torch.no_grad():
        for i, p in enumerate(model.parameters()):
            p.add_(0.1 * (i + 1))
    probe.after_update(log, 2)
    layers = log.snapshot().layers
    assert set(layers) == {"0", "2"}
    for lid, params in probe.layers.items():
        trace = layers[lid]
        w = [p.detach().numpy() for p in params]
        g = [p.grad.numpy() for p in params]
        assert trace["steps"] == [1, 2]
        assert list(trace["weight_hist"][-1]) == list(_oracle_hist(w, np.array(trace["weight_edges"])))
        assert list(trace["grad_hist"][-1]) == list(_oracle_hist(g, np.array(trace["grad_edges"])))
        w_norm = np.sqrt(sum(np.square(a.astype(np.float64)).sum() for a in w))
        moved = np.sqrt(sum(np.square((a - b).astype(np.float64)).sum() for a, b in zip(w, before[lid])))
        assert trace["weight_norm"][-1] == pytest.approx(w_norm, rel=1e-5)
        assert trace["update_ratio"][-1] == pytest.approx(moved / w_norm, rel=1e-4)
        assert len(trace["weight_hist"][-1]) == BINS == len(trace["weight_edges"]) - 1
    assert np.isnan(layers["0"]["grad_norm"][-1])  # a NaN gradient: its norm says so, its histogram leaves it out
    assert sum(layers["0"]["grad_hist"][-1]) == sum(p.numel() for p in probe.layers["0"]) - 1
    assert layers["0"]["weight_hist"][-1][-1] >= 1  # 100.0, far beyond the edges, in the outermost bin


def test_snapshots_that_wait_in_the_stash_are_each_logged_as_taken_when_it_is_flushed(monkeypatch):
    monkeypatch.setattr(layer_probe, "MAX_STASHED", 3)
    model = _model()
    probe, log = LayerProbe(model), RunLog()
    assert probe.capacity == 3
    model(torch.randn(4, 5)).sum().backward()
    expected = {}
    for step in range(1, 6):  # five snapshots: three fill the stash (flushed by itself), two wait for `flush`
        probe.before_update()
        before = {lid: [p.detach().numpy().copy() for p in ps] for lid, ps in probe.layers.items()}
        with torch.no_grad():
            for i, p in enumerate(model.parameters()):
                p.add_(0.05 * step * (i + 1))
                p.grad.mul_(-1.5)
        probe.after_update(log, step, defer=True)
        expected[step] = {lid: ([p.detach().numpy().copy() for p in ps], [p.grad.numpy().copy() for p in ps],
                                before[lid]) for lid, ps in probe.layers.items()}
        assert probe.waiting == {1: [1], 2: [1, 2], 3: [], 4: [4], 5: [4, 5]}[step]
        logged = log.snapshot().layers
        assert len(logged.get("0", {}).get("steps", [])) == (3 if step >= 3 else 0)
    probe.flush(log)
    assert probe.waiting == []
    layers = log.snapshot().layers
    for lid in probe.layers:
        trace = layers[lid]
        assert trace["steps"] == [1, 2, 3, 4, 5]
        for s, step in enumerate(trace["steps"]):
            w, g, before = expected[step][lid]
            assert list(trace["weight_hist"][s]) == list(_oracle_hist(w, np.array(trace["weight_edges"])))
            assert list(trace["grad_hist"][s]) == list(_oracle_hist(g, np.array(trace["grad_edges"])))
            w_norm = np.sqrt(sum(np.square(a.astype(np.float64)).sum() for a in w))
            g_norm = np.sqrt(sum(np.square(a.astype(np.float64)).sum() for a in g))
            moved = np.sqrt(sum(np.square((a - b).astype(np.float64)).sum() for a, b in zip(w, before)))
            assert trace["weight_norm"][s] == pytest.approx(w_norm, rel=1e-5)
            assert trace["grad_norm"][s] == pytest.approx(g_norm, rel=1e-5)
            assert trace["update_ratio"][s] == pytest.approx(moved / w_norm, rel=1e-4)


def test_a_big_tensor_is_histogrammed_from_its_fixed_sample_each_value_standing_for_its_share(monkeypatch):
    monkeypatch.setattr(layer_probe, "HIST_SAMPLE", 10)  # fc1's weight (35 values) is sampled; the others are whole
    model = _model()
    probe, log = LayerProbe(model), RunLog()
    assert [s is not None for s in probe.samples] == [True, False, True]  # 0.weight (35), 0.bias (7), 2.weight (21)
    model(torch.randn(4, 5)).sum().backward()
    for step in (1, 2):
        probe.before_update()
        with torch.no_grad():
            for p in model.parameters():
                p.mul_(1.1)
        probe.after_update(log, step, defer=True)
    probe.flush(log)
    trace = log.snapshot().layers["0"]
    weight, bias = (p.detach().numpy() for p in probe.layers["0"])
    edges = np.array(trace["weight_edges"])
    picked = weight.ravel()[probe.samples[0].numpy()]
    expected = _oracle_hist([picked], edges) * (35 / 10) + _oracle_hist([bias], edges)
    assert list(trace["weight_hist"][-1]) == list(np.round(expected).astype(int))
    assert sum(trace["weight_hist"][-1]) == pytest.approx(35 + 7, abs=BINS)  # each sampled value stands for 3.5
    assert trace["weight_norm"][-1] == pytest.approx(np.sqrt(np.square(weight).sum() + np.square(bias).sum()),
                                                     rel=1e-5)  # norms are exact, of every value
    # the update of the sampled weight is measured on its sample, scaled to its size; the bias's is exact
    moved = np.sqrt(np.square(picked - picked / 1.1).sum() * 35 / 10 + np.square(bias - bias / 1.1).sum())
    assert trace["update_ratio"][-1] == pytest.approx(moved / trace["weight_norm"][-1], rel=1e-4)
    assert probe.samples[0].tolist() == LayerProbe(_model()).samples[0].tolist()  # the same sample every time


def test_a_weight_that_is_not_contiguous_is_read_afresh_at_every_snapshot():
    model = _model()
    model[0].weight = nn.Parameter(torch.randn(5, 7).t())  # a transposed weight: no flat view of it can be kept
    assert not model[0].weight.is_contiguous()
    probe, log = LayerProbe(model), RunLog()
    model(torch.randn(4, 5)).sum().backward()
    for step in (1, 2):
        probe.before_update()
        before = model[0].weight.detach().numpy().copy()
        with torch.no_grad():
            model[0].weight.add_(0.5)
        probe.after_update(log, step)
    weight, bias = (p.detach().numpy() for p in probe.layers["0"])
    trace = log.snapshot().layers["0"]
    moved = np.sqrt(np.square(weight - before).sum())
    assert trace["weight_norm"][-1] == pytest.approx(np.sqrt(np.square(weight).sum() + np.square(bias).sum()), rel=1e-5)
    assert trace["update_ratio"][-1] == pytest.approx(moved / trace["weight_norm"][-1], rel=1e-4)
    assert list(trace["weight_hist"][-1]) == list(_oracle_hist([weight, bias], np.array(trace["weight_edges"])))
