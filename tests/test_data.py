"""The dataset registry, splits, normalisation and check_fit, checked against plain numpy/sklearn oracles."""
import json
from dataclasses import replace

import numpy as np
import pytest
import torch

from builder.datasets import DATASETS, Dataset, clear_cache, describe_datasets, load_dataset
from builder.fitting import check_fit, reshape_samples
from builder.preprocessing import Normalizer, normalizer_for, split_arrays, split_indices
from builder.recipes import default_loss
from builder.errors import DataError
from builder.checker import check_spec
from builder.spec import DataSpec

# DESIGN.md's table: name -> (task, sample shape with default options, dtype, classes or targets)
EXPECTED = {
    "moons": ("classification", (2,), "float", 2),
    "circles": ("classification", (2,), "float", 2),
    "xor": ("classification", (2,), "float", 2),
    "spiral": ("classification", (2,), "float", 3),
    "gaussians": ("classification", (2,), "float", 3),
    "plane": ("regression", (2,), "float", 1),
    "iris": ("classification", (4,), "float", 3),
    "wine": ("classification", (13,), "float", 3),
    "breast_cancer": ("classification", (30,), "float", 2),
    "diabetes": ("regression", (10,), "float", 1),
    "digits": ("classification", (1, 8, 8), "float", 10),
    "digits_rows": ("classification", (8, 8), "float", 10),
    "sine": ("regression", (20, 1), "float", 1),
    "adding": ("regression", (50, 2), "float", 1),
    "parity": ("classification", (8,), "long", 2),
    "pydoc_chars": ("classification", (32,), "long", 96),
    "python_topics": ("classification", (32,), "long", 3),
}
GENERATED = [name for name, info in DATASETS.items() if "seed" in info.options]


def fresh(name, options=None) -> Dataset:
    """Generate without the cache, so determinism tests compare two real generations."""
    clear_cache()
    return load_dataset(name, options)


# ---- the registry ----------------------------------------------------------------------------

def test_registry_covers_exactly_the_design_table():
    assert set(DATASETS) == set(EXPECTED)


@pytest.mark.parametrize("name", EXPECTED)
def test_builtin_loads_with_documented_shape_dtype_and_task(name):
    task, shape, dtype, width = EXPECTED[name]
    ds = load_dataset(name)
    assert (ds.task, ds.sample_shape, ds.dtype, ds.output_width) == (task, shape, dtype, width)
    assert ds.x.shape == (ds.n_samples, *shape)
    assert ds.x.dtype == (torch.int64 if dtype == "long" else torch.float32)
    if task == "classification":
        assert ds.y.dtype == torch.int64 and ds.y.shape == (ds.n_samples,)
        assert len(ds.class_names) == ds.n_classes == width
        # every class has samples, but pydoc_chars's: its classes are a fixed alphabet (generators.corpus_alphabet)
        assert set(ds.y.tolist()) <= set(range(width)) if name == "pydoc_chars" else set(ds.y.tolist()) == set(range(width))
    else:
        assert ds.y.dtype == torch.float32 and ds.y.shape == (ds.n_samples, width)
        assert ds.n_targets == width and ds.n_classes is None
    assert torch.isfinite(ds.x.float()).all() and ds.description


def test_describe_datasets_matches_what_loads():
    described = {d["name"]: d for d in describe_datasets()}
    assert set(described) == set(EXPECTED)
    for name, d in described.items():
        assert tuple(d["sample_shape"]) == load_dataset(name).sample_shape
        assert d["task"] == EXPECTED[name][0] and d["description"]
    assert described["moons"]["options"] == {"n_samples": 600, "noise": 0.1, "seed": 0, "target": None}
    assert "target" not in described["parity"]["options"]  # token ids cannot be a reconstruction target


def test_tabular_names_come_from_sklearn():
    iris = load_dataset("iris")
    assert iris.class_names == ["setosa", "versicolor", "virginica"]
    assert iris.feature_names[0] == "sepal length (cm)" and len(iris.feature_names) == 4
    assert load_dataset("breast_cancer").class_names == ["malignant", "benign"]


def test_digits_are_sklearn_pixels_scaled_to_unit_range():
    from sklearn.datasets import load_digits
    bunch = load_digits()
    digits, rows = load_dataset("digits"), load_dataset("digits_rows")
    np.testing.assert_allclose(digits.x[:, 0].numpy(), bunch.images / 16, rtol=1e-6)
    assert torch.equal(rows.x, digits.x[:, 0]) and torch.equal(rows.y, digits.y)
    assert 0 <= digits.x.min() and digits.x.max() == 1


@pytest.mark.parametrize("name", GENERATED)
def test_generation_is_deterministic_per_seed(name):
    a, b, other = fresh(name, {"seed": 3}), fresh(name, {"seed": 3}), fresh(name, {"seed": 4})
    assert a is not b
    assert torch.equal(a.x, b.x) and torch.equal(a.y, b.y)
    assert not torch.equal(a.x, other.x)


def test_results_are_cached_per_options():
    assert load_dataset("moons", {"seed": 5}) is load_dataset("moons", {"seed": 5, "noise": 0.1})
    assert load_dataset("moons", {"seed": 5}) is not load_dataset("moons", {"seed": 6})


def test_dataspec_and_dict_give_the_same_dataset():
    spec = DataSpec(dataset="spiral", options={"classes": 3, "n_samples": 300})
    ds = load_dataset(spec)
    assert ds is load_dataset({"dataset": "spiral", "options": {"classes": 3, "n_samples": 300}})
    assert ds.n_samples == 300 and ds.n_classes == 3
    assert np.bincount(ds.y.numpy()).tolist() == [100, 100, 100]


def test_sequence_options_set_the_sample_shape():
    assert load_dataset("sine", {"steps": 7}).sample_shape == (7, 1)
    assert load_dataset("adding", {"steps": 10, "n_samples": 50}).x.shape == (50, 10, 2)
    assert load_dataset("parity", {"steps": 5}).x.shape[1:] == (5,)


def test_toy_datasets_follow_their_definitions_without_noise():
    plane = load_dataset("plane", {"noise": 0})
    x = plane.x.double()
    torch.testing.assert_close(plane.y[:, 0].double(), 0.6 * x[:, 0] - 0.8 * x[:, 1] + 0.1, rtol=0, atol=1e-6)
    xor = load_dataset("xor", {"noise": 0})
    assert torch.equal(xor.y, (xor.x[:, 0] * xor.x[:, 1] > 0).long())
    circles = load_dataset("circles", {"noise": 0})
    radius = circles.x.norm(dim=1)
    torch.testing.assert_close(radius, torch.where(circles.y == 0, 1.0, 0.5))
    moons = load_dataset("moons", {"n_samples": 101})
    assert np.bincount(moons.y.numpy()).tolist() == [50, 51]


def test_adding_problem_marks_two_values_and_sums_them():
    ds = load_dataset("adding", {"steps": 12, "n_samples": 200})
    values, markers = ds.x[..., 0], ds.x[..., 1]
    assert torch.equal(markers.sum(1), torch.full((200,), 2.0))
    assert torch.equal(markers[:, :6].sum(1), torch.ones(200))  # one marker in each half
    torch.testing.assert_close(ds.y[:, 0], (values * markers).sum(1))
    assert 0 <= values.min() and values.max() <= 1


def test_parity_target_is_the_parity_of_the_bits():
    ds = load_dataset("parity", {"steps": 6})
    assert set(ds.x.unique().tolist()) == {0, 1}
    assert torch.equal(ds.y, ds.x.sum(1) % 2)
    assert ds.class_names == ["even", "odd"]


def test_sine_target_continues_the_wave():
    ds = load_dataset("sine", {"noise": 0, "steps": 5})
    x, y = ds.x[..., 0].double(), ds.y[:, 0].double()
    # sin(a + w) + sin(a - w) = 2 cos(w) sin(a): the next value follows from the last three
    keep = x[:, -2].abs() > 0.3
    two_cos_w = (x[:, -1] + x[:, -3]) / x[:, -2]
    torch.testing.assert_close(y[keep], (two_cos_w * x[:, -1] - x[:, -2])[keep], rtol=0, atol=1e-4)


def test_target_input_makes_a_reconstruction_dataset():
    ds = load_dataset("digits", {"target": "input"})
    assert ds.task == "reconstruction" and ds.y is ds.x and ds.output_width == 64
    assert ds.class_names is None and ds.n_targets is None


# ---- option validation -----------------------------------------------------------------------

@pytest.mark.parametrize("name, options, expected", [
    ("moons", {"noise": 3}, "dataset 'moons': noise must be between 0 and 1. Received: noise=3"),
    ("moons", {"n_samples": "many"}, "n_samples must be an integer. Received: n_samples='many'"),
    ("moons", {"n_samples": True}, "n_samples must be an integer. Received: n_samples=True"),
    ("moons", {"n_samples": 2}, "n_samples must be between 10 and 100000. Received: n_samples=2"),
    ("sine", {"steps": 1.5}, "steps must be an integer. Received: steps=1.5"),
    ("moons", {"target": "y"}, 'target must be "input"'),
    ("moons", {"nosie": 0.1}, "unknown option 'nosie' — valid options: n_samples, noise, seed, target"),
    ("iris", {"seed": 1}, "dataset 'iris': unknown option 'seed' — valid options: target"),
    ("parity", {"target": "input"}, "needs float samples"),
    ("adding", {"steps": 1000, "n_samples": 100_000}, "would hold 200,000,000 values"),
])
def test_bad_options_are_refused_with_keras_style_messages(name, options, expected):
    with pytest.raises(DataError) as err:
        load_dataset(name, options)
    assert expected in str(err.value)


def test_integral_floats_are_accepted_for_integer_options():
    assert load_dataset("moons", {"n_samples": 100.0}).n_samples == 100


@pytest.mark.parametrize("typo, suggestion", [("mons", "moons"), ("Digits", "digits"),
                                               ("breast-cancer", "breast_cancer")])
def test_unknown_name_suggests_the_closest(typo, suggestion):
    with pytest.raises(DataError) as err:
        load_dataset(typo)
    assert f"dataset '{typo}'" in str(err.value) and f"'{suggestion}'" in str(err.value)


def test_unknown_name_with_nothing_close_lists_the_datasets():
    with pytest.raises(DataError, match="built-in datasets: moons, circles"):
        load_dataset("qqq")


# ---- a dataset as plain data (files, the check sandbox, the worker pipe) ------------------------

TABLE_CSV = b"size,colour,price\n1,red,10\n2,blue,\n3,red,30\n4,green,40\n5,blue,50\n6,red,60\n"


def _round_trip(ds: Dataset) -> Dataset:
    head, blob = ds.to_parts()
    return Dataset.from_parts(json.loads(json.dumps(head)), blob)


@pytest.mark.parametrize("name, options", [("moons", {}), ("diabetes", {}), ("parity", {}),
                                           ("digits", {"target": "input"})])
def test_a_dataset_round_trips_through_its_parts(name, options):
    ds = load_dataset(name, options)
    back = _round_trip(ds)
    assert torch.equal(back.x, ds.x) and torch.equal(back.y, ds.y) and back.x.dtype == ds.x.dtype
    fields = ("name", "task", "sample_shape", "dtype", "class_names", "feature_names", "description", "table")
    assert [getattr(back, f) for f in fields] == [getattr(ds, f) for f in fields]


def test_an_uploaded_table_round_trips_with_its_columns_and_gaps():
    from builder.uploads.csv_file import load_csv
    ds = load_csv(TABLE_CSV.replace(b"2,blue,", b",blue,20"), "shop.csv", task="regression", missing="impute")
    back = _round_trip(ds)
    assert back.table == ds.table and back.table.missing == "impute"
    assert torch.equal(back.x.isnan(), ds.x.isnan()) and torch.equal(back.x.nan_to_num(), ds.x.nan_to_num())
    autoencoder = load_csv(TABLE_CSV.replace(b",\n", b",20\n"), "shop.csv", task="reconstruction")
    back = _round_trip(autoencoder)  # the target is the input, stored once
    assert back.task == "reconstruction" and back.y is back.x and torch.equal(back.x, autoencoder.x)


ARRAYS_WITHOUT_TORCH = """
import sys
from builder.datasets import load_dataset
from builder.preprocessing import split_arrays
for name in ("moons", "iris", "parity", "sine"):
    ds = load_dataset(name)
    head, blob = ds.to_parts()
    train, val = split_arrays(ds, 0.2, seed=3)
    assert ds.n_samples == len(ds.array("x")) == len(train) + len(val) > 0, name
    assert ds.output_width and ds.array("y").dtype.kind in "if", name
print("torch" in sys.modules)
"""


def test_a_built_in_dataset_is_made_read_split_and_sent_without_torch():
    """What the page does with a dataset it has not trained (its size, classes, picture and split, and the parts a
    Start sends to the worker) needs no torch: the first screen is drawn while the server has not imported it."""
    import subprocess
    import sys
    from pathlib import Path
    done = subprocess.run([sys.executable, "-c", ARRAYS_WITHOUT_TORCH], cwd=Path(__file__).parents[1],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("name, options", [("moons", {}), ("diabetes", {}), ("parity", {}), ("sine", {"steps": 5})])
def test_a_dataset_made_as_arrays_is_the_same_as_one_made_as_tensors(name, options):
    """The arrays are read as tensors that share their memory; the parts, the hash and the split are those of the
    same data given as tensors."""
    clear_cache()  # a dataset an earlier test read as tensors stays so in the cache
    ds = load_dataset(name, options)
    assert isinstance(ds._stored("x"), np.ndarray)  # as made, before anything reads x
    as_tensors = Dataset(ds.name, torch.from_numpy(ds.array("x")), torch.from_numpy(ds.array("y")), ds.task,
                         ds.sample_shape, ds.dtype, ds.class_names, ds.feature_names, ds.description)
    assert ds.to_parts() == as_tensors.to_parts() and ds.content_hash() == as_tensors.content_hash()
    assert isinstance(ds.x, torch.Tensor) and ds.x.data_ptr() == ds.array("x").ctypes.data  # shared, not copied
    assert ds.x is ds.x and torch.equal(ds.y, as_tensors.y) and ds.y.dtype == as_tensors.y.dtype
    train, val = split_indices(ds, 0.25, seed=4)
    assert [t.tolist() for t in (train, val)] == [a.tolist() for a in split_arrays(ds, 0.25, seed=4)]
    changed = replace(ds, name="other")
    assert changed.name == "other" and torch.equal(changed.x, ds.x) and changed.n_samples == ds.n_samples


def test_parts_that_do_not_agree_are_refused_by_name():
    head, blob = load_dataset("moons").to_parts()
    for bad_head, words in [([], "not a JSON object"), ({**head, "task": "cooking"}, "task must be one of"),
                            ({**head, "dtype": "half"}, "dtype must be"),
                            ({**head, "sample_shape": [3]}, "x is torch.float32 of shape"),
                            ({**head, "sample_shape": [2, True]}, "sample_shape must be"),
                            ({**head, "class_names": ["a"]}, "class indices from 0 to 1"),
                            ({**head, "feature_names": "x1"}, "feature_names must be a list of text"),
                            ({**head, "task": "reconstruction"}, "holds the tensors ['x', 'y']"),
                            ({**head, "task": "regression"}, "does not fit"),
                            ({**head, "table": {"columns": 3}}, "cannot be read")]:
        with pytest.raises(DataError, match=words.replace("[", r"\[").replace("(", r"\(")):
            Dataset.from_parts(bad_head, blob)
    with pytest.raises(DataError, match="its tensors cannot be read"):
        Dataset.from_parts(head, blob[:len(blob) // 2])


# ---- splitting -------------------------------------------------------------------------------

def test_split_is_stratified_seeded_and_partitions_the_data():
    iris = load_dataset("iris")
    train, val = split_indices(iris, 0.2, seed=1)
    assert len(val) == 30 and len(train) == 120
    assert sorted(torch.cat([train, val]).tolist()) == list(range(150))
    assert np.bincount(iris.y[val].numpy()).tolist() == [10, 10, 10]
    again, other = split_indices(iris, 0.2, seed=1), split_indices(iris, 0.2, seed=2)
    assert torch.equal(again[1], val) and not torch.equal(other[1], val)


def test_split_without_validation_and_with_bad_fraction():
    ds = load_dataset("plane")
    train, val = split_indices(ds, 0.0, seed=0)
    assert len(train) == ds.n_samples and len(val) == 0 and val.dtype == torch.long
    with pytest.raises(DataError, match="val_fraction must be between 0 and 1"):
        split_indices(ds, 1.0, seed=0)


def test_split_falls_back_when_a_class_is_too_small_to_stratify():
    y = torch.tensor([0] * 20 + [1] * 20 + [2])  # class 2 has one member
    ds = Dataset("tiny", torch.zeros(41, 2), y, "classification", (2,), "float", ["a", "b", "c"])
    train, val = split_indices(ds, 0.25, seed=0)
    assert len(train) + len(val) == 41 and len(val) == 11
    ds2 = Dataset("few", torch.zeros(10, 2), torch.arange(10) % 5, "classification", (2,), "float")
    assert len(split_indices(ds2, 0.2, seed=0)[1]) == 2  # 2 validation rows cannot hold all 5 classes


# ---- normalisation ---------------------------------------------------------------------------

def test_normalizer_uses_the_training_split_only():
    x = torch.cat([torch.randn(80, 3) * 2 + 5, torch.randn(20, 3) * 100 - 1000])
    ds = Dataset("shifted", x, torch.zeros(100, 1), "regression", (3,), "float")
    train = torch.arange(80)
    norm = normalizer_for(ds, train)
    np.testing.assert_allclose(norm.x_mean.numpy(), x[:80].numpy().mean(0), rtol=1e-5)
    np.testing.assert_allclose(norm.x_std.numpy(), x[:80].numpy().std(0), rtol=1e-5)
    out = norm.apply(x[:80])
    torch.testing.assert_close(out.mean(0), torch.zeros(3), atol=1e-5, rtol=0)


@pytest.mark.parametrize("name, stats_shape", [("iris", (4,)), ("digits", (1, 1, 1)), ("adding", (1, 2)),
                                               ("digits_rows", (1, 8))])
def test_normalizer_statistics_are_per_feature_or_per_channel(name, stats_shape):
    ds = load_dataset(name)
    norm = Normalizer.from_samples(ds.x)
    assert tuple(norm.x_mean.shape) == stats_shape
    out = norm.apply(ds.x)
    assert out.shape == ds.x.shape and torch.isfinite(out).all()


def test_constant_feature_is_left_unscaled_not_blown_up():
    x = torch.tensor([[1.0, 0.0], [3.0, 0.0], [5.0, 0.0]])
    norm = Normalizer.from_samples(x)
    assert norm.x_std[1] == 1.0
    assert norm.apply(torch.tensor([[3.0, 0.5]]))[0, 1] == 0.5  # an unseen value stays on a sane scale


def test_token_ids_pass_through_and_targets_round_trip():
    parity = load_dataset("parity")
    norm = normalizer_for(parity, torch.arange(100))
    assert norm.apply(parity.x) is parity.x and norm.y_mean is None
    diabetes = load_dataset("diabetes")
    norm = normalizer_for(diabetes, torch.arange(300))
    scaled = norm.apply_targets(diabetes.y[:300])
    torch.testing.assert_close(scaled.mean(0), torch.zeros(1), atol=1e-4, rtol=0)
    torch.testing.assert_close(norm.invert_targets(scaled), diabetes.y[:300])
    assert normalizer_for(load_dataset("moons"), torch.arange(10)).y_mean is None  # class labels stay labels


def test_normalizer_round_trips_through_plain_json():
    ds = load_dataset("digits_rows")
    norm = Normalizer.from_samples(ds.x[:500], ds.x[:500, 0])
    restored = Normalizer.from_dict(json.loads(json.dumps(norm.to_dict())))
    assert torch.equal(restored.apply(ds.x), norm.apply(ds.x))
    assert torch.equal(restored.invert_targets(ds.x[:, 0]), norm.invert_targets(ds.x[:, 0]))
    identity = Normalizer.from_dict(json.loads(json.dumps(Normalizer.from_samples(load_dataset("parity").x).to_dict())))
    assert identity.x_mean is None and identity.y_mean is None


def test_bad_normalizer_dict_and_empty_training_split():
    with pytest.raises(DataError, match="normalisation statistics"):
        Normalizer.from_dict({"x_shape": [3], "x_mean": [1.0], "x_std": [1.0]})
    with pytest.raises(DataError, match="no training samples"):
        Normalizer.from_samples(torch.zeros(0, 2))


# ---- does a spec fit its data? ---------------------------------------------------------------

def spec(shape, layers, dtype="float", loss=None):
    raw = {"format": "netbuilder/1", "input": {"shape": shape, "dtype": dtype}, "layers": layers}
    if loss:
        raw["training"] = {"loss": loss}
    checked = check_spec(raw)
    assert checked.ok, checked.errors
    return checked


def linear(n, layer_id="out"):
    return {"id": layer_id, "type": "Linear", "params": {"out_features": n}}


FLAT = {"id": "flat", "type": "Flatten"}


def messages(checked, dataset):
    return [str(e) for e in check_fit(checked, dataset)]


def test_fitting_specs_have_no_errors():
    assert messages(spec([2], [linear(8, "h"), {"id": "a", "type": "ReLU"}, linear(2)]), load_dataset("moons")) == []
    assert messages(spec([1, 8, 8], [FLAT, linear(10)]), load_dataset("digits")) == []
    embed = {"id": "e", "type": "Embedding", "params": {"num_embeddings": 2, "embedding_dim": 4}}
    assert messages(spec([8], [embed, FLAT, linear(2)], dtype="long"), load_dataset("parity")) == []
    assert messages(spec([2], [linear(1)]), load_dataset("plane")) == []


def test_an_input_shape_with_as_many_values_meets_the_data_halfway():
    digits = load_dataset("digits")
    assert messages(spec([64], [linear(10)]), digits) == []  # scikit-learn's own 64-feature view
    lstm = {"id": "r", "type": "LSTM", "params": {"hidden_size": 4}}
    assert messages(spec([8, 8], [lstm, linear(10)]), digits) == []  # a recurrent reader, row by row
    viewed = reshape_samples(digits, [64])
    assert viewed.sample_shape == (64,) and torch.equal(viewed.x, digits.x.reshape(-1, 64))
    assert reshape_samples(digits, [1, 8, 8]) is digits and reshape_samples(digits, [60]) is digits


def test_input_shape_mismatch_names_the_right_shape():
    errors = check_fit(spec([60], [linear(10)]), load_dataset("digits"))
    assert len(errors) == 1 and errors[0].layer_id is None
    assert str(errors[0]) == ("spec: input shape [60] holds 60 values per sample, but dataset 'digits' has samples "
                              'of shape [1, 8, 8] (64 values) — set "input": {"shape": [1, 8, 8]} (or [64] for a '
                              "dense network: the samples are reshaped to fit)")


def test_input_dtype_mismatch_both_ways():
    (error,) = messages(spec([8], [linear(2)]), load_dataset("parity"))
    assert "holds integer token ids" in error and '"dtype": "long"' in error and "Embedding" in error
    embed = {"id": "e", "type": "Embedding", "params": {"num_embeddings": 2, "embedding_dim": 4}}
    (error,) = messages(spec([2], [embed, FLAT, linear(2)], dtype="long"), load_dataset("moons"))
    assert "input dtype is long" in error and "holds float values" in error


def test_output_width_mismatch_names_the_last_layer():
    errors = check_fit(spec([1, 8, 8], [FLAT, linear(3)]), load_dataset("digits"))
    assert [(e.layer_id, e.layer_type) for e in errors] == [("out", "Linear")]
    assert str(errors[0]) == "layer 'out' (Linear): outputs 3 values but dataset 'digits' has 10 classes — " \
                             "set out_features=10"
    (error,) = messages(spec([10], [linear(3)]), load_dataset("diabetes"))
    assert "outputs 3 values but dataset 'diabetes' has 1 target — set out_features=1" in error
    (error,) = messages(spec([2], [linear(3), {"id": "act", "type": "ReLU"}]), load_dataset("moons"))
    assert error.startswith("layer 'act' (ReLU):") and "end with a Linear layer with out_features=2" in error
    conv = {"id": "c", "type": "Conv2d", "params": {"out_channels": 4, "kernel_size": 3}}
    (error,) = messages(spec([1, 8, 8], [conv]), load_dataset("digits"))
    assert "outputs shape [4, 6, 6]" in error and "Flatten and a Linear layer with out_features=10" in error


@pytest.mark.parametrize("name, loss, width, expected", [
    ("moons", "mse", 2, "loss mse needs numeric targets, but dataset 'moons' is a classification task — use "
                        "cross_entropy"),
    ("plane", "cross_entropy", 1, "loss cross_entropy needs class labels, but dataset 'plane' is a regression task"),
    ("gaussians", "bce_with_logits", 3, "bce_with_logits is for two classes (or multi-label targets), but dataset "
                                        "'gaussians' has 3 classes"),
    ("plane", "bce_with_logits", 1, "needs targets between 0 and 1"),
])
def test_loss_that_does_not_suit_the_task(name, loss, width, expected):
    (error,) = messages(spec([2], [linear(width)], loss=loss), load_dataset(name))
    assert expected in error


def test_bce_needs_one_logit_for_two_classes_and_accepts_unit_targets():
    (error,) = messages(spec([2], [linear(2)], loss="bce_with_logits"), load_dataset("moons"))
    assert "bce_with_logits needs one logit" in error and "set out_features=1" in error
    assert messages(spec([2], [linear(1)], loss="bce_with_logits"), load_dataset("moons")) == []
    autoencoder = spec([1, 8, 8], [FLAT, linear(64), {"id": "back", "type": "Reshape", "params": {"shape": [1, 8, 8]}}],
                       loss="bce_with_logits")
    assert messages(autoencoder, load_dataset("digits", {"target": "input"})) == []  # pixels are in [0, 1]


def test_reconstruction_output_must_match_the_input():
    recon = load_dataset("digits", {"target": "input"})
    reshape = {"id": "back", "type": "Reshape", "params": {"shape": [1, 8, 8]}}
    assert messages(spec([1, 8, 8], [FLAT, linear(64), reshape]), recon) == []
    (error,) = messages(spec([1, 8, 8], [FLAT, linear(64)]), recon)
    assert "outputs shape [64]" in error and 'add a Reshape layer at the end with "shape": [1, 8, 8]' in error
    (error,) = messages(spec([1, 8, 8], [FLAT, linear(60)]), recon)
    assert "rebuild its input, of shape [1, 8, 8]" in error and "set out_features=64" in error
    assert messages(spec([4], [linear(2, "code"), linear(4)]), load_dataset("iris", {"target": "input"})) == []


def test_default_loss_follows_the_task():
    assert default_loss("classification") == "cross_entropy"
    assert default_loss("regression") == default_loss("reconstruction") == "mse"
