"""The Playground's whole-network controls as spec edits: input features and one activation for every layer."""
import builder
from builder.ui.edits import default_spec
from builder.ui.playground_edits import (hidden_activation, input_features, set_hidden_activation,
                                         set_input_features)


def test_input_features_add_change_and_take_out_a_features_layer():
    spec = default_spec()
    assert input_features(spec) == {"x1": True, "x2": True, "x1_squared": False, "x2_squared": False,
                                    "x1_x2": False, "sin_x1": False, "sin_x2": False}
    more = set_input_features(spec, {**input_features(spec), "x1_squared": True, "sin_x2": True})
    assert more["layers"][0] == {"id": "features", "type": "Features", "params": {"x1_squared": True, "sin_x2": True}}
    assert spec == default_spec(), "the old spec is left as it was (undo keeps it)"
    assert builder.summarize(more).layers[0].output_shape == [4] and builder.check_spec(more).ok
    fewer = set_input_features(more, {"x1": False, "x2": True, "sin_x2": True})
    assert input_features(fewer)["x1"] is False and builder.summarize(fewer).layers[0].output_shape == [2]
    assert set_input_features(fewer, {"x1": True, "x2": True}) == spec, "the plain point needs no layer"


def test_input_features_rewire_layers_that_read_the_input():
    spec = default_spec()
    spec["layers"][2]["inputs"] = ["input", "act1"]  # a layer reading the input besides its neighbour
    spec["layers"][2] = {"id": "cat", "type": "Concat", "inputs": ["input", "act1"]}
    more = set_input_features(spec, {"x1": True, "x2": True, "x1_x2": True})
    assert more["layers"][3]["inputs"] == ["features", "act1"]
    assert set_input_features(more, {"x1": True, "x2": True})["layers"][2]["inputs"] == ["input", "act1"]


def test_one_activation_for_every_hidden_layer():
    spec = default_spec()
    spec["layers"].append({"id": "prob", "type": "Sigmoid"})  # the output's own activation stays
    assert hidden_activation(spec) == "ReLU"
    tanh = set_hidden_activation(spec, "Tanh")
    assert [l["type"] for l in tanh["layers"]] == ["Linear", "Tanh", "Linear", "Tanh", "Linear", "Sigmoid"]
    assert hidden_activation(tanh) == "Tanh" and spec["layers"][1]["type"] == "ReLU"
    mixed = set_hidden_activation(spec, "Tanh")
    mixed["layers"][1]["type"] = "GELU"
    assert hidden_activation(mixed) is None
