"""Property tests: random valid specs compile and run; random broken specs give SpecErrors, never a crash."""
import copy
import json

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import builder
from builder import REGISTRY, SpecErrors, build_model, check_spec, parse_spec, summarize
from conftest import CASES, PRESET_PATHS, read_preset, single_layer_spec, spec_batch, valid_specs

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:torch.*")  # e.g. dropout on a one-layer LSTM
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8)
# Values that sit on the edges of what the registry's parameter kinds accept.
edge_values = st.sampled_from([
    None, True, False, 0, 1, 2, 3, -1, 7, 2 ** 31, 2 ** 63, 10 ** 400, 0.0, 0.5, 1.5, -0.5, 1e-320, 1e308, float("inf"),
    float("nan"), "", "same", "valid", "nearest", "linear", "bilinear", "relu", "gelu", "tanh", [], [0], [1], [2, 2],
    [1, 2, 3], [-1], [-1, 4], [1, 0], [[1]], {"a": 1}])
names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_ABC0123456789", min_size=1, max_size=10)


@SETTINGS
@given(valid_specs)
def test_random_valid_specs_compile_and_run_with_the_inferred_shape(case):
    spec, expected = case
    checked = check_spec(spec)
    assert checked.errors == [], [str(e) for e in checked.errors]
    assert list(checked.output_shape) == expected  # the generator worked the shape out by hand
    model = build_model(checked, seed=0)
    with torch.no_grad():
        y = model(spec_batch(spec, batch=2))
    assert list(y.shape) == [2, *expected]


@SETTINGS
@given(valid_specs)
def test_spec_json_spec_round_trips(case):
    spec = parse_spec(case[0])
    again = parse_spec(spec.to_json())
    assert again == spec and again.to_dict() == spec.to_dict()
    assert parse_spec(json.loads(spec.to_json(indent=None))) == spec


def check_never_crashes(spec):
    """A spec gives SpecErrors, or a model that summarises, builds and runs with the inferred shape."""
    try:
        checked = check_spec(spec)
    except SpecErrors as e:  # structural problems: keys, types, ranges
        assert e.errors and all(str(err) for err in e.errors)
        return
    if not checked.ok:
        assert all(err.layer_id is None or err.layer_id in {l.id for l in checked.spec.layers} for err in checked.errors)
        return
    summary = summarize(checked)  # meta device: safe even for a huge model
    assert summary.output_shape == list(checked.output_shape)
    if summary.total_params < 200_000 and summary.activation_bytes < 10_000_000:
        with torch.no_grad():
            y = build_model(checked, seed=0)(spec_batch(checked.spec, batch=2))
        assert list(y.shape) == [2, *checked.output_shape]


@st.composite
def one_parameter_changed(draw):
    type_name = draw(st.sampled_from(sorted(CASES)))
    shapes, params, *dtype = draw(st.sampled_from(CASES[type_name]))
    name = draw(st.sampled_from([p.name for p in REGISTRY[type_name].params] or ["p"]))
    return single_layer_spec(type_name, shapes, {**params, name: draw(edge_values | json_values)}, *dtype)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(one_parameter_changed())
def test_any_parameter_value_gives_spec_errors_or_a_working_model(spec):
    check_never_crashes(spec)


# ---- mutations ----

def _layer_index(draw, spec):
    return draw(st.integers(0, len(spec["layers"]) - 1))


def drop_required_param(draw, spec):
    layer = spec["layers"][_layer_index(draw, spec)]
    if layer.get("params"):
        layer["params"].pop(draw(st.sampled_from(sorted(layer["params"]))))


def set_param_to_random_value(draw, spec):
    layer = spec["layers"][_layer_index(draw, spec)]
    known = [p.name for p in REGISTRY[layer["type"]].params] if layer["type"] in REGISTRY else []
    name = draw(st.sampled_from(known) | names) if known else draw(names)
    layer.setdefault("params", {})[name] = draw(json_values)


def random_type(draw, spec):
    spec["layers"][_layer_index(draw, spec)]["type"] = draw(st.sampled_from(sorted(REGISTRY)) | names)


def random_inputs(draw, spec):
    ids = [l["id"] for l in spec["layers"]] + ["input"]
    spec["layers"][_layer_index(draw, spec)]["inputs"] = draw(st.lists(st.sampled_from(ids) | names, max_size=3))


def shuffle_layers(draw, spec):
    spec["layers"] = draw(st.permutations(spec["layers"]))


def delete_layers(draw, spec):
    keep = draw(st.lists(st.booleans(), min_size=len(spec["layers"]), max_size=len(spec["layers"])))
    spec["layers"] = [l for l, k in zip(spec["layers"], keep) if k]


def random_key(draw, spec):
    where = draw(st.sampled_from(["top", "input", "layer", "params"]))
    target = {"top": spec, "input": spec["input"]}.get(where) or spec["layers"][_layer_index(draw, spec)]
    if where == "params":
        target = target.setdefault("params", {})
    target[draw(names)] = draw(json_values)


def random_id(draw, spec):
    ids = [l["id"] for l in spec["layers"]]
    spec["layers"][_layer_index(draw, spec)]["id"] = draw(st.sampled_from(ids) | names | st.sampled_from(["input", "training"]))


def random_input_shape(draw, spec):
    spec["input"] = {"shape": draw(st.lists(st.integers(-1, 9), max_size=5)), "dtype": draw(st.sampled_from(["float", "long"]))}


def random_value_anywhere(draw, spec):
    key = draw(st.sampled_from(["input", "layers", "name", "format", "data", "training"]))
    spec[key] = draw(json_values)


MUTATIONS = [drop_required_param, set_param_to_random_value, random_type, random_inputs, shuffle_layers, delete_layers,
             random_key, random_id, random_input_shape, random_value_anywhere]


@st.composite
def mutated_specs(draw):
    base = draw(valid_specs.map(lambda case: case[0]) | st.sampled_from([read_preset(p) for p in PRESET_PATHS]))
    spec = copy.deepcopy(base)
    for mutate in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        if not isinstance(spec.get("layers"), list) or not spec["layers"] or not isinstance(spec.get("input"), dict) \
                or not all(isinstance(l, dict) for l in spec["layers"]):
            break  # an earlier mutation already broke the structure
        mutate(draw, spec)
    return spec


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_specs())
def test_mutated_specs_give_spec_errors_never_a_crash(spec):
    check_never_crashes(spec)


@settings(max_examples=60, deadline=None)
@given(json_values)
def test_any_json_value_gives_spec_errors(value):
    try:
        builder.load_spec(value if isinstance(value, dict) else {"format": "netbuilder/1", "layers": value})
    except SpecErrors as e:
        assert e.errors
