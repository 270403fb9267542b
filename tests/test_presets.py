"""The presets: complete, valid specs on built-in datasets whose models run and fit their task."""
import re

import pytest
import torch

import builder
from builder.presets import list_presets, load_preset
from conftest import DATASETS, PRESET_PATHS, ROOT, TOKEN_DATASETS, read_preset, spec_batch

REGRESSION_LOSSES = {"mse", "l1", "huber"}


def test_there_are_at_least_twelve_presets_with_short_snake_case_names():
    assert len(PRESET_PATHS) >= 12
    for path in PRESET_PATHS:
        assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", path.stem), path.name
    assert set(list_presets()) == {p.stem for p in PRESET_PATHS}


@pytest.mark.parametrize("path", PRESET_PATHS, ids=lambda p: p.stem)
def test_preset_is_a_complete_valid_spec(path):
    raw = read_preset(path)
    spec = builder.load_spec(path)
    assert spec.format == "netbuilder/1"
    assert raw.keys() >= {"name", "description", "input", "layers", "data", "training"}
    assert spec.name and spec.name != "Untitled network"
    assert len(spec.description) > 80 and "\n\n" not in spec.description  # one paragraph
    assert spec.data.dataset in DATASETS
    assert spec.training.epochs <= 100 and spec.training.lr <= 0.1
    assert builder.check_spec(spec).warnings == []  # every layer feeds the output


@pytest.mark.parametrize("path", PRESET_PATHS, ids=lambda p: p.stem)
def test_preset_fits_its_dataset(path):
    spec = builder.load_spec(path)
    sample_shape, classes = DATASETS[spec.data.dataset]
    steps = spec.data.options.get("steps")
    expected_input = [steps if d == "steps" else d for d in sample_shape]
    assert spec.input.shape == expected_input
    assert spec.input.dtype == ("long" if spec.data.dataset in TOKEN_DATASETS else "float")
    output = builder.check_spec(spec).output_shape
    if spec.data.options.get("target") == "input":
        assert list(output) == spec.input.shape and spec.training.loss in REGRESSION_LOSSES
    elif classes is None:
        assert list(output) == [1] and spec.training.loss in REGRESSION_LOSSES
    else:
        assert list(output) == [classes] and spec.training.loss == "cross_entropy"


@pytest.mark.parametrize("path", PRESET_PATHS, ids=lambda p: p.stem)
def test_preset_model_runs_a_forward_pass_with_the_declared_shape(path):
    spec = builder.load_spec(path)
    model = builder.build_model(spec, seed=0)
    with torch.no_grad():
        y = model(spec_batch(spec, batch=4))
    assert list(y.shape) == [4, *builder.check_spec(spec).output_shape]
    assert torch.isfinite(y).all()


def test_load_preset_by_name_and_unknown_name():
    assert load_preset(PRESET_PATHS[0].stem) == builder.load_spec(PRESET_PATHS[0])
    with pytest.raises(KeyError, match="no preset 'nope'.*Known presets: "):
        load_preset("nope")


def test_the_required_teaching_presets_are_there():
    by_dataset = {}
    for path in PRESET_PATHS:
        spec = builder.load_spec(path)
        by_dataset.setdefault(spec.data.dataset, []).append({l.type for l in spec.layers})
    assert any(types == {"Linear"} for types in by_dataset["moons"] + by_dataset.get("gaussians", []))
    assert {"Conv2d", "BatchNorm2d", "Dropout"} <= set().union(*by_dataset["digits"])
    assert any("Add" in t for t in by_dataset["digits"])
    assert any("Concat" in t for ts in by_dataset.values() for t in ts)
    assert {frozenset(t) for t in by_dataset["adding"]} >= {frozenset({"RNN", "Linear"}), frozenset({"LSTM", "Linear"})}
    assert any("GRU" in t for t in by_dataset["sine"])
    assert {"Embedding", "LSTM"} <= set().union(*by_dataset["parity"])


def test_vanishing_gradient_pair_differs_only_in_the_recurrent_type():
    rnn, lstm = (read_preset(ROOT / "presets" / f"{name}.json") for name in ("rnn_adding", "lstm_adding"))
    assert [l["type"] for l in rnn["layers"]] == ["RNN", "Linear"]
    assert [l["type"] for l in lstm["layers"]] == ["LSTM", "Linear"]
    assert rnn["layers"][0]["params"]["hidden_size"] == lstm["layers"][0]["params"]["hidden_size"]
    assert rnn["data"] == lstm["data"] and rnn["training"] == lstm["training"]


@pytest.mark.parametrize("path", [p for p in PRESET_PATHS if read_preset(p)["data"]["dataset"] in TOKEN_DATASETS],
                         ids=lambda p: p.stem)
def test_a_token_preset_embeds_exactly_its_datasets_vocabulary(path):
    # every token id the dataset makes has a row in the table, and no row is one the dataset never uses
    from builder.datasets import load_dataset
    spec = builder.load_spec(path)
    dataset = load_dataset(spec.data.dataset, spec.data.options)
    first = next(l for l in spec.layers if l.type == "Embedding")
    vocabulary = len(dataset.text.encoder.vocab) if dataset.text is not None else int(dataset.x.max()) + 1
    assert int(dataset.x.max()) < first.params["num_embeddings"], "a token id past the table"
    assert first.params["num_embeddings"] == vocabulary
