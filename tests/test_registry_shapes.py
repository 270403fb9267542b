"""The registry's shape rules against the modules themselves, and the checker's errors for every kind of mistake."""
import pytest
import torch

from builder import REGISTRY, SpecErrors, check_spec
from builder.module_names import MODULE_NAMES
from builder.registry import closest, count_params
from conftest import CASES, layer, make_spec, random_batch, single_layer_spec


def test_every_registry_type_has_shape_cases():
    assert set(CASES) == set(REGISTRY)


def test_parameter_kinds_are_the_documented_ones():
    """Forms, validation and code export switch on Param.kind; a new kind needs all of them taught first."""
    kinds = {p.kind for t in REGISTRY.values() for p in t.params}
    assert kinds == {"int", "float", "optional_int", "bool", "choice", "size", "padding", "shape"}
    for t in REGISTRY.values():
        for p in t.params:
            assert p.required or p.default is None or p.check(p.default) == p.default, (t.name, p.name)


SHAPE_CASES = [(t, case[0], case[1], case[2] if len(case) > 2 else "float") for t, cases in CASES.items() for case in cases]


@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel")
@pytest.mark.parametrize("type_name,shapes,params,dtype", SHAPE_CASES)
def test_shape_rule_agrees_with_running_the_module(type_name, shapes, params, dtype):
    checked = check_spec(single_layer_spec(type_name, shapes, params, dtype))
    assert checked.errors == []
    info = checked.layers["t"]
    module = info.type.build(info.params, info.inferred)  # the module exactly as the compiler builds it
    vocab = params.get("num_embeddings", 2)
    xs = [random_batch(s, dtype, batch=3, vocab=vocab, seed=i) for i, s in enumerate(shapes)]
    with torch.no_grad():
        y = module(*xs)
    assert tuple(y.shape) == (3, *info.shape)


# layers whose weights the shape cases above vary too little: stacked, both ways, without bias, grouped
COUNT_CASES = SHAPE_CASES + [
    ("RNN", [[4, 3]], {"hidden_size": 5, "num_layers": 3, "bidirectional": True, "bias": False}, "float"),
    ("LSTM", [[4, 3]], {"hidden_size": 5, "num_layers": 3, "bidirectional": True}, "float"),
    ("GRU", [[4, 3]], {"hidden_size": 2, "num_layers": 2, "bidirectional": True, "bias": False}, "float"),
    ("ConvTranspose2d", [[6, 3, 3]], {"out_channels": 4, "kernel_size": [3, 1], "groups": 2, "bias": False}, "float"),
    ("Conv1d", [[6, 9]], {"out_channels": 9, "kernel_size": 2, "groups": 3, "bias": False}, "float"),
    ("GroupNorm", [[6, 3]], {"num_groups": 3, "affine": False}, "float"),
    ("BatchNorm2d", [[3, 2, 2]], {"affine": False}, "float"),
    ("TransformerEncoderLayer", [[3, 4]], {"nhead": 1}, "float"),
]


@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel")
@pytest.mark.parametrize("type_name,shapes,params,dtype", COUNT_CASES)
def test_the_parameter_count_is_the_modules_own(type_name, shapes, params, dtype):
    """The checker counts weights from the constructor's arguments, without torch; the module holds the truth."""
    info = check_spec(single_layer_spec(type_name, shapes, params, dtype)).raise_errors().layers["t"]
    module = info.type.build(info.params, info.inferred)
    own = sum(p.numel() for p in module.parameters())
    assert count_params(type_name, info.kwargs) == (own, own)
    assert own > 0 or type_name not in ("Linear", "LSTM", "Conv2d", "Embedding")  # the oracle itself sees weights


def test_the_names_a_layer_id_may_not_take_are_torchs_own():
    """Written out so that checking needs no torch; an upgrade of torch that adds a name to nn.Module fails here."""
    # torch._dynamo, once some test has imported it, marks the class with "___" names of its own: not nn.Module's
    assert MODULE_NAMES == {n for n in dir(torch.nn.Module()) if not n.startswith("___")}


def errors_of(spec) -> list:
    """The checker's errors for a spec, whether structural (raised) or collected."""
    try:
        return check_spec(spec).errors
    except SpecErrors as e:
        return e.errors


def one_error(spec, layer_id, *words):
    errors = errors_of(spec)
    assert len(errors) == 1, [str(e) for e in errors]
    err = errors[0]
    assert err.layer_id == layer_id
    text = str(err)
    assert text.startswith(f"layer '{layer_id}'")
    for word in words:
        assert word in text, (word, text)
    return err


def test_unknown_type_suggests_the_closest_name():
    err = one_error(make_spec([4], [layer("fc", "Linaer", out_features=3)]), "fc", "unknown layer type 'Linaer'")
    assert "did you mean Linear" in err.hint and err.layer_type == "Linaer"
    assert closest("conv2d", REGISTRY) == ["Conv2d"]
    err = one_error(make_spec([4], [layer("x1", "Zzzqqq")]), "x1", "unknown layer type")
    assert "layers" in err.hint  # no close name: point at the list


def test_unknown_parameter_suggests_the_closest_name():
    err = one_error(make_spec([4], [layer("fc", "Linear", out_feature=3, out_features=3)]), "fc",
                    "unknown parameter 'out_feature'")
    assert "out_features" in err.hint
    one_error(make_spec([4], [layer("a", "ReLU", inplace=True)]), "a", "unknown parameter 'inplace'")


def test_missing_parameter():
    err = one_error(make_spec([4], [layer("fc", "Linear")]), "fc", "missing parameter 'out_features'")
    assert "out_features" in err.hint


@pytest.mark.parametrize("type_name,params,words", [
    ("Linear", {"out_features": -3}, ["out_features must be between 1 and 1e+09", "Received: out_features=-3"]),
    ("Dropout", {"p": 1.5}, ["p must be between 0 and 0.999", "Received: p=1.5"]),
    ("Linear", {"out_features": 2.5}, ["out_features must be an integer"]),
    ("Linear", {"out_features": True}, ["out_features must be an integer"]),
    ("Linear", {"out_features": 3, "bias": "yes"}, ["bias must be true or false"]),
    ("LayerNorm", {"eps": float("nan")}, ["eps must be a finite number"]),
    ("LayerNorm", {"eps": 10 ** 400}, ["eps must be a finite number"]),
    ("GELU", {"approximate": "fast"}, ["approximate must be one of 'none', 'tanh'"]),
])
def test_out_of_range_or_wrong_kind_values(type_name, params, words):
    one_error(make_spec([4], [layer("bad", type_name, **params)]), "bad", *words)


@pytest.mark.parametrize("type_name,shape,params,inferred", [
    ("Linear", [4], {"out_features": 3, "in_features": 4}, "in_features"),
    ("Conv2d", [1, 8, 8], {"out_channels": 2, "kernel_size": 3, "in_channels": 1}, "in_channels"),
    ("LSTM", [5, 2], {"hidden_size": 3, "input_size": 2}, "input_size"),
    ("BatchNorm1d", [4], {"num_features": 4}, "num_features"),
    ("LayerNorm", [4], {"normalized_shape": 4}, "normalized_shape"),
])
def test_inferred_parameter_may_not_be_written(type_name, shape, params, inferred):
    err = one_error(make_spec(shape, [layer("l1", type_name, **params)]), "l1", f"{inferred} is inferred")
    assert inferred in err.hint


@pytest.mark.parametrize("type_name,shape,params,hint_word", [
    ("Conv2d", [64], {"out_channels": 2, "kernel_size": 3}, "Reshape"),
    ("LSTM", [8], {"hidden_size": 4}, "Reshape"),
    ("GRU", [2, 3, 4], {"hidden_size": 4}, "Embedding"),
    ("MaxPool2d", [3, 8], {"kernel_size": 2}, "[channels, height, width]"),
    ("BatchNorm2d", [4], {}, "BatchNorm1d"),
])
def test_wrong_input_rank_names_the_layer_to_insert(type_name, shape, params, hint_word):
    err = one_error(make_spec(shape, [layer("l1", type_name, **params)]), "l1", "needs an input of rank",
                    f"Received: shape {shape}")
    assert hint_word in err.hint


def test_kernel_larger_than_its_input():
    one_error(make_spec([1, 3, 3], [layer("c1", "Conv2d", out_channels=2, kernel_size=5)]), "c1",
              "kernel_size 5×5", "larger than its input 3×3")
    spec = make_spec([1, 4, 4], [layer("p1", "MaxPool2d", kernel_size=2), layer("p2", "MaxPool2d", kernel_size=2),
                                 layer("p3", "MaxPool2d", kernel_size=2)])
    one_error(spec, "p3", "larger than its input 1×1")


@pytest.mark.parametrize("type_name,shape,params", [
    ("ConvTranspose2d", [1, 1, 1], {"out_channels": 2, "kernel_size": 1, "padding": 2}),
    ("Upsample", [1, 8], {"scale_factor": 0.1}),
])
def test_spatial_size_reduced_to_zero_or_below(type_name, shape, params):
    one_error(make_spec(shape, [layer("s", type_name, **params)]), "s", "reduces the spatial size")


def test_merge_inputs_that_do_not_fit():
    branches = [layer("a", "Linear", ["input"], out_features=3), layer("b", "Linear", ["input"], out_features=4)]
    one_error(make_spec([4], [*branches, layer("sum", "Add", ["a", "b"])]), "sum", "equal shape", "[3], [4]")
    conv = [layer("c", "Conv2d", ["input"], out_channels=2, kernel_size=3), layer("d", "Identity", ["input"])]
    one_error(make_spec([1, 6, 6], [*conv, layer("cat", "Concat", ["c", "d"])]), "cat",
              "equal in every other dimension", "[2, 4, 4], [1, 6, 6]")
    one_error(make_spec([1, 6, 6], [layer("f", "Flatten"), layer("cat", "Concat", ["f", "input"])]), "cat", "one rank")
    one_error(make_spec([4], [layer("a", "Add", ["input"])]), "a", "merges two or more inputs")
    one_error(make_spec([4], [layer("a", "ReLU", ["input", "input"])]), "a", "takes exactly one input")


def test_duplicate_id():
    spec = make_spec([4], [layer("fc", "Linear", out_features=3), layer("fc", "ReLU")])
    one_error(spec, "fc", "duplicate id")


def test_inputs_naming_an_unknown_id():
    spec = make_spec([4], [layer("fc1", "Linear", out_features=3), layer("sum", "Add", ["fc1", "fc2"])])
    err = one_error(spec, "sum", "inputs names 'fc2'", "no layer's id")
    assert "fc1" in err.hint


def test_a_cycle():
    spec = make_spec([4], [layer("a", "Linear", ["c"], out_features=4), layer("b", "ReLU", ["a"]),
                           layer("c", "Tanh", ["b"])])
    assert one_error(spec, "a", "cycle", "a → b → c → a").layer_type == "Linear"
    one_error(make_spec([4], [layer("a", "ReLU", ["a"])]), "a", "reads its own output")


def test_dtype_mismatch():
    err = one_error(make_spec([8], [layer("emb", "Embedding", num_embeddings=2, embedding_dim=4)]), "emb",
                    "needs integer token ids")
    assert '"dtype": "long"' in err.hint
    err = one_error(make_spec([8], [layer("fc", "Linear", out_features=2)], dtype="long"), "fc", "needs float input")
    assert "Embedding" in err.hint


def test_reserved_ids():
    one_error(make_spec([4], [layer("training", "ReLU")]), "training", "reserved")
    one_error(make_spec([4], [layer("wiring", "ReLU")]), "wiring", "reserved")  # the compiled Network uses it


@pytest.mark.parametrize("type_name,shape,params,words", [
    ("PReLU", [4], {"num_parameters": 3}, "num_parameters must be 1 or the number of channels (4)"),
    ("Embedding", [4], {"num_embeddings": 2, "embedding_dim": 3, "padding_idx": 5}, "padding_idx must be below"),
    ("ConvTranspose2d", [1, 4, 4], {"out_channels": 2, "kernel_size": 3, "output_padding": 1}, "output_padding 1×1"),
    ("Conv2d", [1, 8, 8], {"out_channels": 2, "kernel_size": 3, "padding": [1]}, "need 2 value(s)"),
    ("AdaptiveAvgPool2d", [1, 8, 8], {"output_size": [1, 2, 3]}, "output_size needs 2"),
    ("GroupNorm", [6, 4], {"num_groups": 4}, "not divisible by num_groups=4"),
    ("Conv2d", [3, 4, 4], {"out_channels": 4, "kernel_size": 1, "groups": 2}, "in_channels=3 is not divisible"),
    ("MultiheadSelfAttention", [3, 5], {"num_heads": 2}, "divisible by the number of heads"),
    ("Reshape", [12], {"shape": [5, -1]}, "cannot view 12 values"),
    ("Permute", [3, 4], {"dims": [0, 0]}, "each once"),
    ("Permute", [3, 4], {"dims": [-1, 0]}, "dims entries must be ≥ 0"),
    ("Reshape", [3, 4], {"shape": [0, 12]}, "entries must be ≥ 1, with at most one -1"),
    ("Flatten", [3, 4], {"start_dim": 0}, "batch dimension"),
    ("MaxPool2d", [1, 8, 8], {"kernel_size": 2, "padding": 2}, "at most half of kernel_size"),
    ("Conv1d", [1, 8], {"out_channels": 1, "kernel_size": 3, "stride": 2, "padding": "same"}, "needs stride=1"),
    ("Upsample", [3, 8], {"mode": "bilinear"}, "does not fit an input of rank 2"),
])
def test_parameters_that_do_not_fit_the_input(type_name, shape, params, words):
    dtype = "long" if type_name == "Embedding" else "float"
    one_error(make_spec(shape, [layer("l1", type_name, **params)], dtype), "l1", words)


def test_all_errors_are_collected_in_one_pass():
    spec = make_spec([1, 8, 8], [
        layer("c1", "Conv2d", out_channels=4, kernel_size=3, in_channels=1),  # inferred parameter written
        layer("d1", "Dropout", p=2.0),                                       # out of range
        layer("flat", "Flatten"),
        layer("fc", "Linaer", out_features=10),                              # unknown type
    ])
    errors = errors_of(spec)
    assert [e.layer_id for e in errors] == ["c1", "d1", "fc"]
    with pytest.raises(SpecErrors) as info:
        check_spec(spec).raise_errors()
    assert len(info.value.errors) == 3 and len(str(info.value).splitlines()) == 3


def test_a_later_layer_is_still_checked_after_a_broken_one():
    spec = make_spec([4], [layer("a", "Linear", out_features=-1), layer("b", "Linear", out_features=3),
                           layer("c", "LSTM", ["input"], hidden_size=2), layer("d", "Add", ["b", "c"])])
    assert {e.layer_id for e in errors_of(spec)} == {"a", "c"}
