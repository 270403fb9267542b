"""The compiler and the summary against oracles: hand-written nn modules, and counting by hand."""
import pytest
import torch
from torch import nn

import builder
from builder import build_model, check_spec, summarize
from builder.registry import count_layer
from builder.summary import network_params
from conftest import PRESET_PATHS, layer, make_spec, random_batch


# ---- hand-written twins: attribute names equal the layer ids, so state_dicts load strictly ----

class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1, self.fc2, self.out = nn.Linear(4, 16), nn.Linear(16, 8), nn.Linear(8, 3)

    def forward(self, x):
        return self.out(torch.tanh(self.fc2(torch.relu(self.fc1(x)))))


MLP_SPEC = make_spec([4], [layer("fc1", "Linear", out_features=16), layer("a1", "ReLU"), layer("fc2", "Linear", out_features=8),
                           layer("a2", "Tanh"), layer("out", "Linear", out_features=3)])


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1, self.c2 = nn.Conv2d(1, 6, 3, padding=1), nn.Conv2d(6, 16, 3, padding=1)
        self.fc1, self.out = nn.Linear(16 * 2 * 2, 32), nn.Linear(32, 10)

    def forward(self, x):
        x = nn.functional.max_pool2d(torch.relu(self.c1(x)), 2)
        x = nn.functional.max_pool2d(torch.relu(self.c2(x)), 2)
        return self.out(torch.relu(self.fc1(x.flatten(1))))


LENET_SPEC = make_spec([1, 8, 8], [
    layer("c1", "Conv2d", out_channels=6, kernel_size=3, padding=1), layer("a1", "ReLU"), layer("p1", "MaxPool2d", kernel_size=2),
    layer("c2", "Conv2d", out_channels=16, kernel_size=3, padding=1), layer("a2", "ReLU"), layer("p2", "MaxPool2d", kernel_size=2),
    layer("flat", "Flatten"), layer("fc1", "Linear", out_features=32), layer("a3", "ReLU"), layer("out", "Linear", out_features=10)])


class LSTMStack(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = nn.LSTM(3, 8, batch_first=True, bidirectional=True)
        self.l2 = nn.LSTM(16, 5, num_layers=2, batch_first=True)
        self.out = nn.Linear(5, 2)

    def forward(self, x):
        x, _ = self.l1(x)
        x, _ = self.l2(x)
        return self.out(x[:, -1])


LSTM_SPEC = make_spec([7, 3], [layer("l1", "LSTM", hidden_size=8, bidirectional=True, return_sequences=True),
                               layer("l2", "LSTM", hidden_size=5, num_layers=2), layer("out", "Linear", out_features=2)])


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem, self.c1, self.c2 = nn.Conv2d(2, 4, 3, padding=1), nn.Conv2d(4, 4, 3, padding=1), nn.Conv2d(4, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.out = nn.Linear(4 * 6 * 6, 5)

    def forward(self, x):
        s = torch.relu(self.stem(x))
        h = self.bn(self.c2(torch.relu(self.c1(s))))
        return self.out(torch.relu(h + s).flatten(1))


RESIDUAL_SPEC = make_spec([2, 6, 6], [
    layer("stem", "Conv2d", out_channels=4, kernel_size=3, padding=1), layer("s_act", "ReLU"),
    layer("c1", "Conv2d", out_channels=4, kernel_size=3, padding=1), layer("a1", "ReLU"),
    layer("c2", "Conv2d", out_channels=4, kernel_size=3, padding=1), layer("bn", "BatchNorm2d"),
    layer("sum", "Add", ["bn", "s_act"]), layer("a2", "ReLU"), layer("flat", "Flatten"), layer("out", "Linear", out_features=5)])


class Branches(nn.Module):
    def __init__(self):
        super().__init__()
        self.wide, self.narrow, self.out = nn.Linear(13, 12), nn.Linear(13, 3), nn.Linear(15, 3)

    def forward(self, x):
        return self.out(torch.cat([torch.relu(self.wide(x)), torch.tanh(self.narrow(x))], dim=1))


BRANCH_SPEC = make_spec([13], [
    layer("wide", "Linear", ["input"], out_features=12), layer("wide_act", "ReLU"),
    layer("narrow", "Linear", ["input"], out_features=3), layer("narrow_act", "Tanh"),
    layer("join", "Concat", ["wide_act", "narrow_act"]), layer("out", "Linear", out_features=3)])

TWINS = {"mlp": (MLP_SPEC, MLP), "lenet": (LENET_SPEC, LeNet), "lstm": (LSTM_SPEC, LSTMStack),
         "residual": (RESIDUAL_SPEC, Residual), "concat": (BRANCH_SPEC, Branches)}


def n_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


@pytest.mark.parametrize("name", TWINS)
def test_compiled_spec_equals_the_hand_written_module(name):
    spec, twin_class = TWINS[name]
    compiled, twin = build_model(spec, seed=0), twin_class()
    assert n_params(compiled) == n_params(twin)
    twin.load_state_dict(compiled.state_dict(), strict=True)
    x = random_batch(spec["input"]["shape"], batch=5)
    compiled.eval(), twin.eval()
    with torch.no_grad():
        y, y_twin = compiled(x), twin(x)
    assert list(y.shape) == [5, *check_spec(spec).output_shape]
    torch.testing.assert_close(y, y_twin, rtol=0, atol=0)


def test_training_mode_matches_too():
    """BatchNorm's batch statistics and running-stat updates behave the same in the compiled model."""
    compiled, twin = build_model(RESIDUAL_SPEC, seed=3), Residual()
    twin.load_state_dict(compiled.state_dict())
    x = random_batch([2, 6, 6], batch=4)
    torch.testing.assert_close(compiled(x), twin(x))
    torch.testing.assert_close(compiled.bn.running_mean, twin.bn.running_mean)


def test_state_dict_keys_are_the_layer_ids():
    keys = build_model(LENET_SPEC).state_dict().keys()
    assert set(keys) == {f"{lid}.{p}" for lid in ("c1", "c2", "fc1", "out") for p in ("weight", "bias")}
    assert [name for name, _ in build_model(BRANCH_SPEC).named_children()] == \
        ["wide", "wide_act", "narrow", "narrow_act", "join", "out"]


def test_same_seed_same_weights_different_seed_different_weights():
    a, b, c = build_model(LENET_SPEC, seed=7), build_model(LENET_SPEC, seed=7), build_model(LENET_SPEC, seed=8)
    for key, value in a.state_dict().items():
        torch.testing.assert_close(value, b.state_dict()[key], rtol=0, atol=0)
    assert not torch.equal(a.c1.weight, c.c1.weight)


def test_a_seeded_build_leaves_the_global_generator_alone():
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    build_model(MLP_SPEC, seed=1)
    torch.testing.assert_close(torch.rand(3), expected)


def test_layers_listed_out_of_order_run_in_dependency_order():
    spec = make_spec([4], [layer("head", "Linear", ["body"], out_features=2), layer("body", "Linear", ["input"], out_features=3),
                           layer("out", "ReLU", ["head"])])
    model = build_model(spec, seed=0)
    x = random_batch([4])
    torch.testing.assert_close(model(x), torch.relu(model.head(model.body(x))))


def test_a_layer_whose_output_is_unused_gets_a_warning_and_still_compiles():
    spec = make_spec([4], [layer("dead", "Linear", out_features=3), layer("out", "Linear", ["input"], out_features=2)])
    checked = check_spec(spec)
    assert checked.ok and checked.warnings == [
        "layer 'dead' (Linear): its output never reaches the model's output 'out', so it learns nothing"]
    assert list(build_model(spec)(random_batch([4])).shape) == [3, 2]


@pytest.mark.parametrize("kind", ["RNN", "LSTM", "GRU"])
def test_dropout_in_a_single_recurrent_layer_is_a_warning_naming_it_not_torchs(kind):
    import warnings
    single = make_spec([5, 3], [layer("r", kind, hidden_size=4, dropout=0.5), layer("out", "Linear", out_features=2)])
    assert check_spec(single).warnings == [
        f"layer 'r' ({kind}): dropout 0.5 applies only between stacked layers, and num_layers is 1, so it does "
        "nothing — set num_layers to 2 or more, or add a Dropout layer after it"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # torch's own (a path into torch) is not printed beside it
        summarize(single)
        build_model(single)
    stacked = make_spec([5, 3], [layer("r", kind, hidden_size=4, dropout=0.5, num_layers=2),
                                 layer("out", "Linear", out_features=2)])
    assert check_spec(stacked).warnings == []


def test_build_model_refuses_an_invalid_spec():
    with pytest.raises(builder.SpecErrors, match="layer 'fc' \\(Linear\\): missing parameter 'out_features'"):
        build_model(make_spec([4], [layer("fc", "Linear")]))


# ---- the summary ----

def test_design_example_counts():
    row = summarize(make_spec([1, 8, 8], [layer("c1", "Conv2d", out_channels=6, kernel_size=3, padding=1)])).layers[0]
    assert (row.id, row.type, row.output_shape, row.params, row.trainable_params, row.flops) == \
        ("c1", "Conv2d", [6, 8, 8], 60, 60, 6912)


def test_linear_flops_are_two_per_multiply_add():
    row = summarize(make_spec([64], [layer("fc", "Linear", out_features=10)])).layers[0]
    assert row.flops == 2 * 64 * 10 and row.params == 64 * 10 + 10


@pytest.mark.parametrize("spec", [MLP_SPEC, LENET_SPEC, LSTM_SPEC, RESIDUAL_SPEC, BRANCH_SPEC])
def test_totals_are_the_sums_of_the_rows(spec):
    s = summarize(spec)
    assert s.total_params == sum(r.params for r in s.layers)
    assert s.trainable_params == sum(r.trainable_params for r in s.layers)
    assert s.flops == sum(r.flops for r in s.layers) > 0
    assert s.output_shape == next(r.output_shape for r in s.layers if r.id == spec["layers"][-1]["id"])
    assert [r.id for r in s.layers] == check_spec(spec).order


@pytest.mark.parametrize("path", PRESET_PATHS, ids=lambda p: p.stem)
def test_parameter_counts_equal_the_compiled_model(path):
    s, model = summarize(path), build_model(path)
    assert s.total_params == n_params(model)  # buffers (BatchNorm's running stats) are not parameters
    for row in s.layers:
        assert row.params == n_params(model.get_submodule(row.id)), row.id


@pytest.mark.parametrize("type_name,gates", [("RNN", 1), ("GRU", 3), ("LSTM", 4)])
def test_recurrent_flops_are_the_textbook_count(type_name, gates):
    steps, features, hidden = 5, 4, 8
    row = summarize(make_spec([steps, features], [layer("r", type_name, hidden_size=hidden)])).layers[0]
    # every step, every gate: a [features -> hidden] and a [hidden -> hidden] product, 2 FLOPs per multiply-add
    assert row.flops == steps * gates * 2 * hidden * (features + hidden)


def test_attention_flops_are_counted():
    assert summarize(make_spec([5, 4], [layer("att", "MultiheadSelfAttention", num_heads=2)])).flops > 0


def test_summary_handles_batch_norm_on_a_vector():
    s = summarize(make_spec([4], [layer("fc", "Linear", out_features=3), layer("bn", "BatchNorm1d")]))
    assert s.layers[1].params == 6 and s.layers[1].trainable_params == 6


def test_layer_stats_are_cached_and_the_cache_gives_the_same_answer():
    count_layer.cache.cache_clear()
    cold = summarize(LENET_SPEC)
    hits = count_layer.cache.cache_info().hits
    warm = summarize(LENET_SPEC)
    assert warm == cold and count_layer.cache.cache_info().hits > hits


def test_checking_counts_parameters_but_no_flops_and_agrees_with_the_summary():
    """The page checks the network on every edit and on its first screen: the FLOP counter's first use costs
    seconds (it loads torch._dynamo), so checking counts parameters only."""
    count_layer.cache.cache_clear()
    checked = check_spec(LENET_SPEC)
    assert count_layer.cache.cache_info().currsize == 0  # no FLOPs counted
    assert network_params(checked) == summarize(checked).total_params > 0


def test_table_lists_every_layer_and_the_totals():
    s = summarize(LENET_SPEC)
    table = s.table()
    for row in s.layers:
        assert f"{row.id} ({row.type})" in table
    assert f"Total params: {s.total_params:,}" in table
