"""A layer snapshot against an oracle: the same histograms, norms and update ratio computed in plain numpy from
copies of the weights and gradients, for the one-pass path of a small model and the layer-by-layer path of a big
one, with values beyond the fixed edges (outer bins) and NaN (left out)."""
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
    monkeypatch.setattr(layer_probe, "BATCHED_VALUES", 10**9 if batched else 0)
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
