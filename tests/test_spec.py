"""Reading specs: from a file, a JSON string or a dict; structural errors that name the layer or the file."""
import json

import pytest

import builder
from builder import SpecErrors, parse_spec
from builder.spec import MAX_SPEC_BYTES, Spec
from conftest import PRESET_PATHS, layer, make_spec

LENET = make_spec([1, 8, 8], [layer("c1", "Conv2d", out_channels=6, kernel_size=3, padding=1), layer("a1", "ReLU"),
                              layer("p1", "MaxPool2d", kernel_size=2), layer("flat", "Flatten"),
                              layer("out", "Linear", out_features=10)], name="LeNet (digits)")


def raised(source) -> list:
    with pytest.raises(SpecErrors) as info:
        builder.load_spec(source)
    return info.value.errors


def test_path_string_json_text_and_dict_give_the_same_spec(tmp_path):
    path = tmp_path / "net.json"
    path.write_text(json.dumps(LENET))
    from_dict = parse_spec(LENET)
    assert parse_spec(path) == parse_spec(str(path)) == parse_spec(json.dumps(LENET)) == from_dict
    assert parse_spec(from_dict) is from_dict


def test_defaults_are_filled_in():
    spec = parse_spec(make_spec([3], [layer("a", "ReLU")]))
    assert spec.name == "Untitled network" and spec.data is None and spec.training is None
    assert spec.layers[0].params == {} and spec.layers[0].inputs is None
    spec = parse_spec({**LENET, "training": {}, "data": {"dataset": "digits"}})
    assert (spec.training.optimizer, spec.training.lr, spec.training.epochs, spec.training.device) == ("adam", 0.001, 10, "auto")
    assert spec.data.val_fraction == 0.2


@pytest.mark.parametrize("path", PRESET_PATHS[:3], ids=lambda p: p.stem)
def test_round_trip_through_json(path):
    spec = builder.load_spec(path)
    assert parse_spec(spec.to_json()) == spec
    assert json.loads(spec.to_json()) == spec.to_dict()


def test_not_json_names_the_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    [err] = raised(path)
    assert err.layer_id is None and str(err).startswith(f"{path}: not valid JSON")


@pytest.mark.parametrize("raw,words", [
    ({"input": {"shape": [2]}, "layers": []}, "not a netbuilder/1 spec. Received: format=None"),
    ({"format": "netbuilder/2"}, "Received: format='netbuilder/2'"),
    ([1, 2], "a spec is a JSON object. Received: list"),
])
def test_not_a_netbuilder_spec_names_the_file(tmp_path, raw, words):
    path = tmp_path / "other.json"
    path.write_text(json.dumps(raw))
    [err] = raised(path)
    assert str(err).startswith(f"{path}: ") and words in str(err)


def test_missing_and_oversized_files(tmp_path):
    [err] = raised(tmp_path / "nowhere.json")
    assert "cannot read the file" in str(err) and err.source == str(tmp_path / "nowhere.json")
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_SPEC_BYTES + 1))
    [err] = raised(big)
    assert "a spec is at most" in str(err)


def test_structural_errors_name_the_layer():
    raw = make_spec([4], [layer("ok", "ReLU"), {"id": "bad id", "type": "ReLU"}, {"id": "x", "type": "ReLU", "colour": 1},
                          {"type": "ReLU"}, layer("input", "Tanh")])
    errors = raised(raw)
    by_layer = {e.layer_id: str(e) for e in errors}
    assert "id must use letters, digits and '_' only. Received: id='bad id'" in by_layer["bad id"]
    assert "unknown key 'colour'" in by_layer["x"]
    assert "missing key 'id'" in by_layer["#4"]
    assert "'input' names the model input" in by_layer["input"]
    assert len(errors) == 4


def test_top_level_errors():
    errors = raised({**LENET, "colour": "red", "training": {"lr": -1, "optimizer": "adamax"},
                     "input": {"shape": [0, 8]}})
    text = "\n".join(str(e) for e in errors)
    assert "unknown key 'colour'" in text
    assert "training.lr" in text and "training.optimizer" in text
    assert "every dimension must be ≥ 1" in text
    assert all(e.layer_id is None for e in errors)


def test_no_layers_is_an_error():
    [err] = raised(make_spec([4], []))
    assert "layers" in str(err)


def test_to_dict_leaves_out_unset_optional_parts():
    d = parse_spec(LENET).to_dict()
    assert "data" not in d and "training" not in d and "inputs" not in d["layers"][0]
    assert Spec.model_validate(d) == parse_spec(LENET)
