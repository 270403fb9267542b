"""A bundle whose numbers cannot give true predictions is refused when it is loaded, naming the tensor or the
statistic: NaN or infinite weights, and normalisation statistics that are not finite or divide by (next to)
nothing. Before, such a bundle loaded and `predict` printed `nan` for every row and exited 0.

The refusal is load_bundle's, so predict, export and the page's "continue from a bundle" all give it."""
from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest
import torch
from safetensors.torch import load_file, save_file

from builder.bundle import load_bundle
from builder.errors import BundleError
from builder.sandbox import read_bundle

from .helpers import cli, edited_copy, refused_cli, small_spec, trained_bundle


@pytest.fixture(scope="module")
def classifier(tmp_path_factory):
    return trained_bundle(tmp_path_factory.mktemp("values") / "moons")


@pytest.fixture(scope="module")
def regressor(tmp_path_factory):
    return trained_bundle(tmp_path_factory.mktemp("values") / "diabetes", small_spec(dataset="diabetes", outputs=1))


def with_weights(bundle, dst, edit):
    """A copy of `bundle` whose weights `edit(state)` changed in place."""
    copy = edited_copy(bundle, dst)
    state = load_file(copy / "model.safetensors")
    edit(state)
    save_file(state, str(copy / "model.safetensors"))
    return copy


def normaliser(**values):
    return lambda raw: raw["inference"]["normalizer"].update(values)


WEIGHTS = [  # (edit of the state dict, the tensor the refusal names)
    (lambda s: [t.fill_(float("nan")) for t in s.values()], "'fc1.weight' holds 16 NaN"),
    (lambda s: s["out.bias"].__setitem__(1, float("inf")), "'out.bias' holds 1 NaN or infinite value(s) of 2"),
    (lambda s: s["fc1.bias"].__setitem__(0, float("-inf")), "layer 'fc1': 'fc1.bias'"),
    (lambda s: s.update({"out.weight": s["out.weight"].double() * float("nan")}), "layer 'out'"),
]


@pytest.mark.parametrize("edit, words", WEIGHTS)
def test_weights_that_are_not_finite_are_refused_at_load_naming_the_tensor(classifier, tmp_path, edit, words):
    broken = with_weights(classifier, tmp_path / "b", edit)
    with pytest.raises(BundleError, match="the weights are damaged") as e:
        load_bundle(broken)
    assert words in str(e.value) and str(broken) in str(e.value)


INPUT_STATISTICS = [  # (edit of spec.json's normaliser, the statistic the refusal names)
    (normaliser(x_std=[1e-45, 1.0]), "x_std[0] (an input standard deviation) is 1.4013e-45"),
    (normaliser(x_std=[1.0, 1e-13]), "x_std[1]"),
    (normaliser(x_std=[1.0, -2.0]), "x_std[1] (an input standard deviation) is -2"),
    (normaliser(x_std=[1.0, float("nan")]), "x_std[1]"),
    (normaliser(x_mean=[0.0, float("inf")]), "x_mean[1] (an input mean) is inf"),
    (normaliser(x_mean=[float("nan"), 0.0]), "x_mean[0]"),
]


@pytest.mark.parametrize("edit, words", INPUT_STATISTICS)
def test_input_statistics_that_are_not_finite_or_next_to_zero_are_refused(classifier, tmp_path, edit, words):
    broken = edited_copy(classifier, tmp_path / "b", edit)
    with pytest.raises(BundleError, match="input statistics hold zero, infinite or NaN values") as e:
        load_bundle(broken)
    assert words in str(e.value)


@pytest.mark.parametrize("edit, words", [
    (normaliser(y_std=[0.0]), "y_std[0] (a target standard deviation) is 0"),
    (normaliser(y_std=[float("inf")]), "y_std[0]"),
    (normaliser(y_mean=[float("nan")]), "y_mean[0] (a target mean) is nan"),
])
def test_target_statistics_that_are_not_finite_are_refused(regressor, tmp_path, edit, words):
    broken = edited_copy(regressor, tmp_path / "b", edit)
    with pytest.raises(BundleError, match="target statistics") as e:
        load_bundle(broken)
    assert words in str(e.value)


def test_predict_and_export_refuse_a_nan_bundle_instead_of_printing_nan(classifier, tmp_path, capsys):
    broken = with_weights(classifier, tmp_path / "nan", WEIGHTS[0][0])
    np.savez(tmp_path / "x.npz", x=np.zeros((3, 2), dtype=np.float32))
    code, out, err = cli(capsys, "predict", broken, tmp_path / "x.npz")
    assert code == 2 and out == "" and err.startswith("error: ") and "'fc1.weight' holds 16 NaN" in err
    refused_cli(capsys, "export", broken, "--format", "onnx", "--out", tmp_path / "m.onnx", words="the weights are damaged")
    assert not (tmp_path / "m.onnx").exists()
    tiny = edited_copy(classifier, tmp_path / "tiny", INPUT_STATISTICS[0][0])
    refused_cli(capsys, "predict", tiny, tmp_path / "x.npz", words="x_std[0]")


def test_the_page_refuses_to_continue_from_a_nan_bundle(classifier, tmp_path):
    broken = with_weights(classifier, tmp_path / "nan", WEIGHTS[1][0])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for p in broken.iterdir():
            zf.write(p, p.name)
    with pytest.raises(BundleError, match="'out.bias' holds"):
        read_bundle("nan.zip", buf.getvalue())


def test_the_bundles_training_writes_still_load(classifier, regressor):
    """The checks refuse damage only: what training writes (constant features get std 1) loads as before."""
    for path in (classifier, regressor):
        model = load_bundle(path).model
        assert torch.isfinite(model.x_std).all() and (model.x_std >= 1e-6).all()
