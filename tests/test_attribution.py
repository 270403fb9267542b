"""Attributions (builder/attribution.py, with Captum) against hand computations on tiny networks: saliency and the
signed gradient are the weights a linear network reads its inputs with, integrated gradients are weight × (input −
baseline), Grad-CAM is ReLU(Σ_k mean(∂y/∂A_k) A_k), and the gradient field over the plane is p(1 − p) times the
logit difference's weights."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from builder.attribution import attribute, gradient_field
from builder.checker import infer_shapes
from builder.compiler import build_model
from builder.errors import DataError, SpecErrors
from builder.objectives import objective_for
from builder.preprocessing import Normalizer
from builder.trace import ModelParts
from builder.training import Trainer

from conftest import layer, make_spec, moons_spec

MEAN, STD = torch.tensor([[0.5, -1.0, 2.0]]), torch.tensor([[2.0, 0.5, 4.0]])


def _parts(spec: dict, loss: str = "cross_entropy", normalizer: Normalizer | None = None, task="classification"):
    checked = infer_shapes(spec).raise_errors()
    net = build_model(checked, seed=0)
    objective = objective_for(task, loss)
    loss_fn = torch.nn.BCEWithLogitsLoss() if loss == "bce_with_logits" else torch.nn.CrossEntropyLoss()
    return ModelParts(net, normalizer or Normalizer(), objective, loss_fn, None, torch.device("cpu"),
                      tuple(spec["input"]["shape"]))


@pytest.fixture
def linear():
    """A linear classifier of 3 inputs into 4 classes behind a normaliser: logits = W (x − mean) / std + b."""
    return _parts(make_spec([3], [layer("out", "Linear", out_features=4)]), normalizer=Normalizer(MEAN, STD))


def test_saliency_and_gradient_are_the_weights_through_the_normaliser(linear):
    w = linear.model.out.weight.detach()
    x = torch.tensor([1.0, 2.0, -3.0])
    grad = attribute(linear, x, "gradient", target=2)
    assert grad.target == 2 and grad.values.shape == (3,)
    assert np.allclose(grad.values, (w[2] / STD[0]).numpy(), atol=1e-6)  # chain rule through (x − mean) / std
    saliency = attribute(linear, x, "saliency", target=1)
    assert np.allclose(saliency.values, (w[1] / STD[0]).abs().numpy(), atol=1e-6)


def test_integrated_gradients_of_a_linear_network_are_weight_times_distance_from_the_mean(linear):
    w = linear.model.out.weight.detach()
    x = torch.tensor([1.0, 2.0, -3.0])
    found = attribute(linear, x, "integrated_gradients", target=0)
    expected = w[0] * (x - MEAN[0]) / STD[0]
    assert np.allclose(found.values, expected.numpy(), atol=1e-5)
    assert found.delta < 1e-4 and "training mean" in found.baseline
    default = attribute(linear, x, "integrated_gradients")  # None: the predicted class
    with torch.no_grad():
        predicted = int(linear.model(Normalizer(MEAN, STD).apply(x[None])).argmax())
    assert default.target == predicted


def test_integrated_gradients_of_a_relu_network_match_a_riemann_sum_by_hand():
    parts = _parts(make_spec([3], [layer("fc", "Linear", out_features=5), layer("a", "ReLU"),
                                   layer("out", "Linear", out_features=2)]))
    x = torch.tensor([0.7, -1.2, 2.0])
    n = 2000
    alphas = (torch.arange(n) + 0.5) / n  # midpoint rule along the straight path from zeros to x
    path = (alphas[:, None] * x).requires_grad_()
    parts.model.eval()
    parts.model(path)[:, 1].sum().backward()
    expected = x * path.grad.mean(0)
    found = attribute(parts, x, "integrated_gradients", target=1, steps=200)
    assert np.allclose(found.values, expected.numpy(), atol=2e-3)
    with torch.no_grad():  # completeness: the attributions sum to the output's change from the baseline
        change = parts.model(x[None])[0, 1] - parts.model(torch.zeros(1, 3))[0, 1]
    assert found.values.sum() == pytest.approx(float(change), abs=2e-3)


def test_a_single_binary_logit_explains_both_classes():
    parts = _parts(make_spec([3], [layer("out", "Linear", out_features=1)]), loss="bce_with_logits")
    w = parts.model.out.weight.detach()[0]
    x = torch.tensor([0.3, 0.1, -0.4])
    assert np.allclose(attribute(parts, x, "gradient", target=1).values, w.numpy(), atol=1e-6)
    assert np.allclose(attribute(parts, x, "gradient", target=0).values, (-w).numpy(), atol=1e-6)


def test_grad_cam_is_relu_of_channel_weighted_maps():
    spec = make_spec([1, 6, 6], [layer("c1", "Conv2d", out_channels=3, kernel_size=3, padding=1),
                                 layer("a1", "ReLU"), layer("c2", "Conv2d", out_channels=2, kernel_size=3, padding=1),
                                 layer("f", "Flatten"), layer("out", "Linear", out_features=3)])
    parts = _parts(spec)
    x = torch.randn(1, 6, 6, generator=torch.Generator().manual_seed(1))
    net = parts.model.eval()
    maps = net.c1(x[None])  # the convolution's own output (before its ReLU): what Grad-CAM weighs
    maps.retain_grad()
    activations = net.c2(net.a1(maps))
    activations.retain_grad()
    net.out(net.f(activations))[0, 2].backward()
    alpha = activations.grad[0].mean((1, 2))
    expected = F.relu((alpha[:, None, None] * activations[0]).sum(0)).detach()
    found = attribute(parts, x, "grad_cam", target=2)
    assert found.layer == "c2" and found.values.shape == (6, 6)  # None: the last convolution
    assert np.allclose(found.values, expected.numpy(), atol=1e-6)
    alpha = maps.grad[0].mean((1, 2))
    first = attribute(parts, x, "grad_cam", target=2, layer_id="c1")
    assert first.layer == "c1"
    assert np.allclose(first.values, F.relu((alpha[:, None, None] * maps[0]).sum(0)).detach().numpy(), atol=1e-6)


def test_token_attributions_pass_through_the_embedding():
    spec = make_spec([4], [layer("emb", "Embedding", num_embeddings=5, embedding_dim=3), layer("f", "Flatten"),
                           layer("out", "Linear", out_features=2)], dtype="long")
    parts = _parts(spec)
    w = parts.model.out.weight.detach()[1].reshape(4, 3)  # step × embedding dimension
    x = torch.tensor([1, 4, 0, 2])
    found = attribute(parts, x, "saliency", target=1)
    assert found.layer == "emb" and found.values.shape == (4,)
    assert np.allclose(found.values, w.abs().sum(1).numpy(), atol=1e-6)
    ig = attribute(parts, x, "integrated_gradients", target=1)
    table = parts.model.emb.weight.detach()
    assert np.allclose(ig.values, (w * (table[x] - table[0])).sum(1).numpy(), atol=1e-5)  # linear after embedding
    with pytest.raises(DataError, match="token ids"):
        attribute(parts, x, "grad_cam")


def test_gradient_field_over_the_plane_is_the_probabilitys_gradient():
    t = Trainer.from_spec(moons_spec(epochs=1), telemetry=False)
    t.run_epoch()
    field = gradient_field(t, grid=5, bounds=((-1.0, 2.0), (-1.0, 1.0)))
    assert field["target"] == 1 and field["u"].shape == (5, 5)
    point = torch.tensor([[field["x"][3], field["y"][1]]], dtype=torch.float32, requires_grad=True)
    t.model.eval()
    F.softmax(t.model(t.parts.normalizer.apply(point)), 1)[0, 1].backward()
    assert field["u"][1, 3] == pytest.approx(float(point.grad[0, 0]), abs=1e-6)  # rows follow y, columns x
    assert field["v"][1, 3] == pytest.approx(float(point.grad[0, 1]), abs=1e-6)


def test_attribution_leaves_the_network_as_it_was_and_refuses_what_it_cannot_do(linear):
    linear.model.train()
    attribute(linear, torch.zeros(3), "saliency")
    assert linear.model.training
    with pytest.raises(SpecErrors, match="unknown attribution method"):
        attribute(linear, torch.zeros(3), "shap")
    with pytest.raises(DataError, match="from 0 to 3"):
        attribute(linear, torch.zeros(3), "gradient", target=4)
    with pytest.raises(DataError, match="explains images"):
        attribute(linear, torch.zeros(3), "grad_cam")
    with pytest.raises(DataError, match="plane of 2-D inputs"):
        gradient_field(linear)
    conv = _parts(make_spec([1, 4, 4], [layer("c", "Conv2d", out_channels=1, kernel_size=3), layer("f", "Flatten"),
                                        layer("out", "Linear", out_features=2)]))
    with pytest.raises(SpecErrors, match="not a Conv2d"):
        attribute(conv, torch.zeros(1, 4, 4), "grad_cam", layer_id="out")
