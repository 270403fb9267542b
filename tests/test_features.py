"""TensorFlow Playground's input features: the Features layer against the same numbers computed by hand."""
import torch

import builder
from builder.layers import Features


def test_features_are_the_playgrounds_seven_in_order():
    x = torch.tensor([[0.5, -2.0], [1.5, 3.0]])
    a, b = x[:, 0], x[:, 1]
    every = Features(x1_squared=True, x2_squared=True, x1_x2=True, sin_x1=True, sin_x2=True)(x)
    torch.testing.assert_close(every, torch.stack([a, b, a * a, b * b, a * b, torch.sin(a), torch.sin(b)], 1))
    torch.testing.assert_close(Features(x1=False, x2=False, x1_x2=True)(x), (a * b)[:, None])
    assert Features().state_dict() == {}, "nothing to save: the switches are the spec's"


def test_a_network_with_features_trains_and_learns_circles_fast():
    spec = {"format": "netbuilder/1", "name": "circles", "input": {"shape": [2]},
            "layers": [{"id": "features", "type": "Features", "params": {"x1_squared": True, "x2_squared": True}},
                       {"id": "out", "type": "Linear", "params": {"out_features": 2}}],
            "data": {"dataset": "circles"}, "training": {"epochs": 15, "lr": 0.05, "seed": 0}}
    assert builder.summarize(spec).layers[0].output_shape == [4]
    trainer = builder.train(spec, telemetry=False)
    assert trainer.history()[-1]["val_acc"] > 0.9, "x1² + x2² makes circles linearly separable"
