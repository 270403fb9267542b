"""The canvas's layout and its block edits, without a browser: the layered layout never wraps and never moves when a
run starts, no two nodes overlap after any edit (a fuzz of edit sequences), groups are read from ids and collapse
into one node, a block repeats ×N, and TensorFlow Playground's +/− hidden layer and +/− units."""
from __future__ import annotations

import json
import random
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from builder.checker import check_spec
from builder.ui import blocks, canvas_data, edits, layout, wiring

ROOT = Path(__file__).resolve().parents[1]
PRESETS = sorted((ROOT / "presets").glob("*.json"))


def preset(stem: str) -> dict:
    return json.loads((ROOT / "presets" / f"{stem}.json").read_text())


def residual_stack(blocks_: int = 16, per_stage: int = 4, width: int = 8) -> dict:
    """A ResNet-style network of `blocks_` residual blocks named as torchvision names them (`layer1_0_conv1`, …), in
    stages of `per_stage`: 3 + 9 × blocks_ + 3 layers (150 for 16 blocks)."""
    layers = [{"id": "stem", "type": "Conv2d", "params": {"out_channels": width, "kernel_size": 3, "padding": 1}},
              {"id": "stem_bn", "type": "BatchNorm2d"}, {"id": "stem_act", "type": "ReLU"}]
    previous = "stem_act"
    for b in range(blocks_):
        p = f"layer{b // per_stage + 1}_{b % per_stage}_"
        conv = {"type": "Conv2d", "params": {"out_channels": width, "kernel_size": 3, "padding": 1}}
        layers += [{"id": p + "conv1", **conv, "inputs": [previous]}, {"id": p + "bn1", "type": "BatchNorm2d"},
                   {"id": p + "relu1", "type": "ReLU"}, {"id": p + "conv2", **conv},
                   {"id": p + "bn2", "type": "BatchNorm2d"}, {"id": p + "relu2", "type": "ReLU"},
                   {"id": p + "conv3", "type": "Conv2d", "params": {"out_channels": width, "kernel_size": 1}},
                   {"id": p + "bn3", "type": "BatchNorm2d"},
                   {"id": p + "add", "type": "Add", "inputs": [p + "bn3", previous]}]
        previous = p + "add"
    layers += [{"id": "pool", "type": "AdaptiveAvgPool2d", "params": {"output_size": 1}, "inputs": [previous]},
               {"id": "flat", "type": "Flatten"}, {"id": "out", "type": "Linear", "params": {"out_features": 10}}]
    return {"format": "netbuilder/1", "name": f"Residual stack ({blocks_} blocks)",
            "description": "A ResNet-style stack of residual blocks, for the canvas's tests and benchmark.",
            "input": {"shape": [1, 8, 8]}, "layers": layers,
            "data": {"dataset": "digits", "options": {}, "val_fraction": 0.2},
            "training": {"loss": "cross_entropy", "optimizer": "adam", "lr": 0.003, "batch_size": 64, "epochs": 2,
                         "seed": 0}}


def drawing(spec: dict, direction: str = "TB", collapsed=()) -> layout.Drawing:
    return canvas_data.drawn(spec, direction, collapsed)[1]


def assert_apart(spec: dict, direction: str = "TB", collapsed=()) -> None:
    d = drawing(spec, direction, collapsed)
    assert layout.overlaps(d.positions, d.sizes) == [], spec.get("layout")


# ---- the layout ----------------------------------------------------------------------------------------

def test_the_invariant_check_finds_an_overlap():
    sizes = {"a": (10, 10), "b": (10, 10), "c": (10, 10)}
    assert layout.overlaps({"a": [0, 0], "b": [-5, 5], "c": [10, 0]}, sizes) == [("a", "b")]  # touching is apart


@pytest.mark.parametrize("path", PRESETS, ids=[p.stem for p in PRESETS])
@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_every_preset_is_laid_out_without_overlaps(path, direction):
    assert_apart(json.loads(path.read_text()), direction)


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_a_long_chain_runs_one_way_and_is_never_wrapped(direction):
    spec = residual_stack(16)
    d = drawing(spec, direction)
    chain = ["input", "stem", "stem_bn", "stem_act", *(l["id"] for l in spec["layers"][3:])]
    along, across = (1, 0) if direction == "TB" else (0, 1)
    assert len({d.positions[n][across] for n in chain}) == 1  # one column (TB) or one row (LR): no wrapping
    steps = [d.positions[b][along] - d.positions[a][along] for a, b in zip(chain, chain[1:])]
    assert min(steps) > 0


def test_a_skip_runs_in_a_lane_beside_the_layers_it_passes():
    spec = residual_stack(2, per_stage=2)
    d = drawing(spec)
    lane = d.lanes[("stem_act", "layer1_0_add")]
    assert lane < min(d.positions[f"layer1_0_{s}"][0] for s in ("conv1", "bn1", "relu1", "conv2", "bn3"))
    assert set(d.lanes) == {("stem_act", "layer1_0_add"), ("layer1_0_add", "layer1_1_add")}
    assert d.bounds[0] < lane  # the canvas's extent takes the lane (and its label) in


def fake_snapshot(spec: dict) -> SimpleNamespace:
    """What a run shows on the canvas: gradients, alerts and a picture of 16 units on every layer."""
    ids = edits.layer_ids(spec)
    return SimpleNamespace(layers={i: {"grad_norm": [0.1], "update_ratio": [1e-3]} for i in ids},
                           nodes={i: {"units": np.random.default_rng(0).normal(size=(16, 5, 5)), "rms": 1.0}
                                  for i in ids},
                           activations={i: {"dead_fraction": 0.5} for i in ids},
                           alerts=[{"layer": ids[0], "message": "a very long alert " * 20}])


@pytest.mark.parametrize("stem", ["mlp_spiral", "lenet_digits", "resnet_digits"])
def test_starting_a_run_moves_no_node(stem):
    """Pictures, badges and alerts fill the room reserved beside each card: nothing is laid out again."""
    spec = preset(stem)
    checked = check_spec(spec)
    before = canvas_data.graph_data(spec, checked)
    during = canvas_data.graph_data(spec, checked, snapshot=fake_snapshot(spec))
    assert all(n["live"] for n in during["nodes"][1:])
    assert [n["position"] for n in before["nodes"]] == [n["position"] for n in during["nodes"]]
    assert before["bounds"] == during["bounds"]


def test_a_layer_with_a_problem_keeps_its_size():
    spec = edits.set_param(edits.default_spec(), "fc1", "out_features", 0)
    data = canvas_data.graph_data(spec, check_spec(spec))
    assert next(n for n in data["nodes"] if n["id"] == "fc1")["error"]
    d = drawing(spec)
    assert d.sizes["fc1"] == d.sizes["fc2"] and layout.overlaps(d.positions, d.sizes) == []


# ---- no overlap after any edit ---------------------------------------------------------------------------

KINDS = ["wire", "after", "drop", "delete", "connect", "move", "hidden", "units", "copies"]


def random_edit(spec: dict, rng: random.Random, kind: str) -> dict:
    """One edit of this kind as the canvas makes it (positions placed by hand pushed apart, as canvas.py does)."""
    ids = edits.layer_ids(spec)
    pairs = wiring.edges(spec)
    new, pinned, aside = spec, (), ()
    if kind == "wire" and pairs:
        new, lid = wiring.add_node(spec, rng.choice(["ReLU", "Dropout", "Tanh"]), edge=rng.choice(pairs))
        pinned = [lid]
    elif kind == "after":
        new, lid = wiring.add_node(spec, "Dropout", after=rng.choice(["input", *ids]))
        pinned = [lid]
    elif kind == "drop":
        placed = wiring.move(spec, drawing(spec).positions) if not layout.stored(spec) else spec
        target = rng.choice(list(drawing(placed).positions.values()))  # right on top of a node
        new, lid = wiring.add_node(placed, "Tanh", [target[0] + rng.uniform(-20, 20), target[1] + rng.uniform(-20, 20)])
        aside = [lid]
    elif kind == "delete" and len(ids) > 2:
        new = wiring.delete(spec, [rng.choice(ids)])
    elif kind == "connect" and len(ids) > 2:
        try:
            new = wiring.connect(spec, rng.choice(["input", *ids]), rng.choice(ids))
        except wiring.EditError:
            new = spec
    elif kind == "move":
        placed = wiring.move(spec, drawing(spec).positions) if not layout.stored(spec) else spec
        a, b = rng.sample(["input", *ids], 2)
        new, pinned = wiring.move(placed, {a: drawing(placed).positions[b]}), [a]
    elif kind == "hidden" and edits.dense_stack(spec) is not None:
        new = (edits.add_hidden_layer if rng.random() < 0.6 or not edits.dense_stack(spec) else
               edits.remove_hidden_layer)(spec)
    elif kind == "units":
        linear = [l["id"] for l in spec["layers"][:-1] if l["type"] == "Linear"]
        new = edits.change_units(spec, rng.choice(linear), rng.choice([1, -1])) if linear else spec
    elif kind == "copies" and blocks.groups(spec):
        run = rng.choice(blocks.repeats(spec))
        try:
            new = blocks.set_copies(spec, run.groups[-1].name, rng.randint(1, 4))
        except wiring.EditError:
            new = spec
    return layout.settle(new, "TB", pinned, aside)


@pytest.mark.parametrize("start", ["mlp_spiral", "lenet_digits", "two_branch_wine", "residual"])
def test_no_two_nodes_overlap_after_any_edit(start):
    rng = random.Random(start)
    spec = residual_stack(4, per_stage=2) if start == "residual" else preset(start)
    changed = set()
    for step in range(60):
        kind = "copies" if start == "residual" and step % 3 == 0 else rng.choice(KINDS)
        new = random_edit(spec, rng, kind)
        if new != spec:
            changed.add(kind)
        spec = new
        assert_apart(spec)
        assert_apart(spec, collapsed=[r.key for r in blocks.repeats(spec)])
    assert len(changed) >= 6 and ("copies" in changed or start != "residual"), changed  # the fuzz did edit


def test_a_layer_dropped_on_a_wire_pushes_the_nodes_after_it_along_the_flow():
    spec = edits.default_spec()
    placed = wiring.move(spec, drawing(spec).positions)  # a layout placed by hand
    before = drawing(placed).positions
    new, lid = wiring.add_node(placed, "Tanh", edge=("fc1", "act1"))
    after = layout.settle(new, "TB", [lid])["layout"]
    assert after[lid][1] > before["fc1"][1]
    assert after["act1"][1] > after[lid][1] and after["out"][1] > before["out"][1]  # the chain moved on
    assert after["fc1"] == before["fc1"] and after["input"] == before["input"]  # what lies above stayed


def test_a_layer_dropped_onto_others_steps_beside_them_and_moves_nothing():
    spec = wiring.move(edits.default_spec(), drawing(edits.default_spec()).positions)
    target = spec["layout"]["act1"]
    new, lid = wiring.add_node(spec, "Tanh", [target[0] + 150, target[1]])  # on act1's live panel
    after = layout.settle(new, "TB", aside=[lid])["layout"]
    assert {k: v for k, v in after.items() if k != lid} == spec["layout"]
    assert after[lid][1] == target[1] and after[lid][0] >= target[0] + layout.room("layer", "TB")[0]
    assert_apart(layout.settle(new, "TB", aside=[lid]))


def test_a_node_dragged_onto_another_stays_and_the_other_moves():
    spec = wiring.move(edits.default_spec(), drawing(edits.default_spec()).positions)
    target = spec["layout"]["fc2"]
    moved = layout.settle(wiring.move(spec, {"out": target}), "TB", ["out"])
    assert moved["layout"]["out"] == target and moved["layout"]["fc2"] != target
    assert_apart(moved)


# ---- groups, collapse, repeat ----------------------------------------------------------------------------

@pytest.mark.parametrize("lid, parts", [
    ("layer1_0_conv1", ("layer1_0", "conv1")), ("layer2_0_downsample_0", ("layer2_0", "downsample_0")),
    ("features_3_squeeze", ("features_3", "squeeze")), ("features_0_0", ("features_0", "0")),
    ("features_0", None), ("linear_1", None), ("fc1", None), ("stem_bn", None), ("a__1_b", None)])
def test_a_group_is_read_from_the_id(lid, parts):
    assert blocks.split_id(lid) == parts


def test_consecutive_copies_built_alike_form_a_repeat():
    spec = residual_stack(6, per_stage=4)
    runs = blocks.repeats(spec)
    assert [(r.family, len(r.groups)) for r in runs] == [("layer1", 4), ("layer2", 2)]
    assert runs[0].key == "repeat:layer1_0"
    different = edits.set_param(spec, "layer1_2_conv3", "kernel_size", 3)  # parameters may differ
    assert [len(r.groups) for r in blocks.repeats(different)] == [4, 2]
    rewired = edits.set_inputs(spec, "layer1_2_add", ["layer1_2_bn2", "layer1_1_add"])  # the wiring may not
    assert [len(r.groups) for r in blocks.repeats(rewired)] == [2, 1, 1, 2]


def test_a_collapsed_block_is_one_node_with_the_wires_rerouted_to_it():
    spec = residual_stack(3, per_stage=3)
    shown = blocks.view(spec, ["group:layer1_1"])
    assert "group:layer1_1" in shown.nodes and "layer1_1_conv1" not in shown.nodes
    assert ("layer1_0_add", "group:layer1_1") in shown.edges and ("group:layer1_1", "layer1_2_conv1") in shown.edges
    assert shown.wires[("layer1_0_add", "group:layer1_1")] == [("layer1_0_add", "layer1_1_conv1"),
                                                              ("layer1_0_add", "layer1_1_add")]
    whole = blocks.view(spec, ["repeat:layer1_0"])
    assert whole.nodes == ["input", "stem", "stem_bn", "stem_act", "repeat:layer1_0", "pool", "flat", "out"]
    node = next(n for n in canvas_data.graph_data(spec, check_spec(spec), collapsed=["repeat:layer1_0"])["nodes"]
                if n["id"] == "repeat:layer1_0")
    assert node["title"] == "layer1" and node["type"] == "27 layers" and node["repeat"]["count"] == 3
    assert node["shape_in"] == node["shape"] == "[8, 8, 8]" and node["params"] > 0


def test_a_collapse_that_would_loop_the_wires_is_shown_expanded():
    spec = edits.default_spec()
    spec["layers"] = [{"id": "b_0_x", "type": "Linear", "params": {"out_features": 4}},
                      {"id": "mid", "type": "ReLU"},
                      {"id": "b_0_y", "type": "Linear", "params": {"out_features": 2}}]
    assert "group:b_0" not in blocks.view(spec, ["group:b_0"]).nodes  # b_0 → mid → b_0 would be a loop


def test_repeat_a_block_more_and_fewer_times():
    spec = residual_stack(2, per_stage=2)
    more = blocks.set_copies(spec, "layer1_0", 5)
    assert check_spec(more).ok and len(more["layers"]) == len(spec["layers"]) + 27
    assert [(r.family, len(r.groups)) for r in blocks.repeats(more)] == [("layer1", 5)]
    assert blocks.wires(more)["layer1_4_add"] == ["layer1_4_bn3", "layer1_3_add"]  # each copy reads the one before
    assert blocks.wires(more)["pool"] == ["layer1_4_add"]
    fewer = blocks.set_copies(more, "layer1_3", 1)
    assert check_spec(fewer).ok and [len(r.groups) for r in blocks.repeats(fewer)] == [1]
    assert blocks.wires(fewer)["pool"] == ["layer1_0_add"]
    assert edits.layer_ids(blocks.set_copies(fewer, "layer1_0", 2)) == edits.layer_ids(spec)  # fresh ids, in order


def test_copies_are_added_to_the_familys_last_block_and_a_count_is_checked():
    spec = residual_stack(2, per_stage=2)
    spec = edits.set_inputs(spec, "layer1_1_add", ["layer1_1_bn2", "layer1_0_add"])  # two runs of layer1
    with pytest.raises(wiring.EditError, match="last block"):
        blocks.set_copies(spec, "layer1_0", 2)
    for bad in (0, 65, "3", True, None, 2.5):
        with pytest.raises(wiring.EditError):
            blocks.set_copies(spec, "layer1_1", bad)


def test_the_output_follows_the_last_copy():
    spec = edits.default_spec()
    spec["layers"] = [{"id": "mlp_0_fc", "type": "Linear", "params": {"out_features": 2}},
                      {"id": "mlp_0_act", "type": "Tanh"}]
    more = blocks.set_copies(spec, "mlp_0", 3)
    assert edits.layer_ids(more)[-1] == "mlp_2_act" and check_spec(more).ok
    assert edits.layer_ids(blocks.set_copies(more, "mlp_0", 1))[-1] == "mlp_0_act"


def test_make_a_block_of_consecutive_layers():
    spec = edits.default_spec()
    new, name = blocks.make_block(spec, ["act1", "fc1"])
    assert name == "block1_0" and edits.layer_ids(new)[:2] == ["block1_0_fc1", "block1_0_act1"]
    assert check_spec(new).ok and [g.name for g in blocks.groups(new)] == ["block1_0"]
    with pytest.raises(wiring.EditError, match="consecutive"):
        blocks.make_block(spec, ["fc1", "fc2"])
    with pytest.raises(wiring.EditError, match="already in the block"):
        blocks.make_block(new, ["block1_0_act1", "fc2"])
    again, second = blocks.make_block(new, ["fc2", "act2"])
    assert second == "block2_0"
    assert [len(r.groups) for r in blocks.repeats(blocks.set_copies(again, "block2_0", 3))] == [1, 3]


def test_a_layers_settings_go_to_every_copy():
    spec = residual_stack(3, per_stage=3)
    edited = edits.set_param(spec, "layer1_1_conv1", "kernel_size", 5)
    assert blocks.differing_copies(edited, "layer1_1_conv1") == ["layer1_0_conv1", "layer1_2_conv1"]
    assert canvas_data.quick_edits(edited, "layer1_1_conv1")["sync"] == {"id": "layer1_1_conv1", "copies": 2}
    synced = blocks.sync_copies(edited, "layer1_1_conv1")
    assert {l["params"]["kernel_size"] for l in synced["layers"] if l["id"].endswith("_conv1")} == {5}
    assert blocks.differing_copies(synced, "layer1_1_conv1") == [] and canvas_data.quick_edits(synced, "stem") == \
        {"hidden": {"count": 0, "remove": False}, "sync": None}
    with pytest.raises(wiring.EditError, match="not in a repeated block"):
        blocks.sync_copies(spec, "stem")


# ---- +/− hidden layer, +/− units --------------------------------------------------------------------------

def test_add_and_remove_hidden_layers_of_a_dense_stack():
    spec = edits.default_spec()
    assert edits.dense_stack(spec) == [("fc1", "act1"), ("fc2", "act2")]
    spec = edits.set_param(spec, "fc2", "out_features", 12)
    more = edits.add_hidden_layer(spec)
    assert edits.layer_ids(more) == ["fc1", "act1", "fc2", "act2", "fc3", "act3", "out"]
    assert more["layers"][4]["params"] == {"out_features": 12} and more["layers"][5]["type"] == "ReLU"
    assert check_spec(more).ok
    assert edits.remove_hidden_layer(more) == spec
    single = edits.remove_hidden_layer(edits.remove_hidden_layer(spec))
    assert edits.layer_ids(single) == ["out"] and edits.dense_stack(single) == []
    with pytest.raises(ValueError, match="no hidden layer"):
        edits.remove_hidden_layer(single)
    grown = edits.add_hidden_layer(single)
    assert [l["type"] for l in grown["layers"]] == ["Linear", "ReLU", "Linear"] and check_spec(grown).ok


def test_a_hidden_layer_takes_the_activation_the_others_use():
    spec = preset("deep_sigmoid_circles")
    pairs = edits.dense_stack(spec)
    more = edits.add_hidden_layer(spec)
    assert len(edits.dense_stack(more)) == len(pairs) + 1
    assert more["layers"][-2]["type"] == spec["layers"][-2]["type"] == "Sigmoid"


def test_no_hidden_layer_is_offered_where_the_output_is_not_a_dense_one():
    assert edits.dense_stack(preset("lstm_adding")) is None or preset("lstm_adding")["layers"][-1]["type"] == "Linear"
    spec = preset("autoencoder_digits")
    if spec["layers"][-1]["type"] != "Linear":
        assert edits.dense_stack(spec) is None
        with pytest.raises(ValueError):
            edits.add_hidden_layer(spec)
    skip = edits.set_inputs(edits.default_spec(), "out", ["act1"])  # the output skips a layer: not a stack
    assert edits.dense_stack(skip) is None


def test_units_change_one_at_a_time_but_never_the_outputs():
    spec = edits.default_spec()
    assert edits.change_units(spec, "fc1", 1)["layers"][0]["params"]["out_features"] == 17
    assert edits.change_units(spec, "fc2", -1)["layers"][2]["params"]["out_features"] == 15
    one = edits.set_param(spec, "fc1", "out_features", 1)
    assert edits.change_units(one, "fc1", -1)["layers"][0]["params"]["out_features"] == 1
    with pytest.raises(ValueError, match="output layer"):
        edits.change_units(spec, "out", 1)
    with pytest.raises(ValueError, match="not one"):
        edits.change_units(spec, "act1", 1)
    units = {n["id"]: n["units"] for n in canvas_data.graph_data(spec, check_spec(spec))["nodes"]}
    assert units == {"input": False, "fc1": True, "act1": False, "fc2": True, "act2": False, "out": False}


def test_the_150_layer_network_is_drawn_collapsed_and_expanded():
    spec = residual_stack(16)
    assert len(spec["layers"]) == 150 and check_spec(spec).ok
    full = canvas_data.graph_data(spec, check_spec(spec))
    assert len(full["nodes"]) == 151 and len(full["frames"]) == 4 + 16
    keys = [r.key for r in blocks.repeats(spec)]
    folded = canvas_data.graph_data(spec, check_spec(spec), collapsed=keys)
    assert [n["title"] for n in folded["nodes"]] == ["input", "stem", "stem_bn", "stem_act", "layer1", "layer2",
                                                     "layer3", "layer4", "pool", "flat", "out"]
    assert folded["frames"] == [] and folded["bounds"][3] < full["bounds"][3] / 8


def test_a_unit_that_outputs_zero_everywhere_is_drawn_as_zero_not_as_most_negative():
    import base64
    levels = lambda picture: set(base64.b64decode(picture["v"]))
    assert levels(canvas_data.unit_picture(np.zeros((4, 4)), "dead unit")) == {128}, "white: zero on the scale"
    ramp = canvas_data.unit_picture(np.array([[-2.0, 0.0, 2.0]]), "unit")
    assert list(base64.b64decode(ramp["v"])) == [0, 128, 255] and (ramp["lo"], ramp["hi"]) == (-2.0, 2.0)


def test_a_followed_sample_is_drawn_on_the_nodes_on_one_scale_per_layer():
    import base64
    views = {"fc1": {"kind": "vector", "values": np.array([-1.0, 0.0, 0.5]), "lo": -1.0, "hi": 0.5, "shown": 3,
                     "total": 3},
             "conv": {"kind": "maps", "maps": np.zeros((2, 3, 3)), "lo": 0.0, "hi": 0.0, "shown": 2, "total": 2},
             "rnn": {"kind": "matrix", "values": np.ones((5, 4)), "lo": 1.0, "hi": 1.0, "shown": 4, "total": 4}}
    pictures = canvas_data.sample_pictures(views)
    (strip,), title = pictures["fc1"]
    assert (strip["w"], strip["h"]) == (3, 2) and "3 of 3 values" in title
    assert list(base64.b64decode(strip["v"]))[:3] == [0, 128, 191], "one scale: ±1, the layer's largest magnitude"
    assert len(pictures["conv"][0]) == 2 and (pictures["rnn"][0][0]["w"], pictures["rnn"][0][0]["h"]) == (5, 4)
    spec = {"format": "netbuilder/1", "name": "t", "input": {"shape": [2]},
            "layers": [{"id": "fc1", "type": "Linear", "params": {"out_features": 3}}]}
    from builder.checker import check_spec
    from builder.runlog import RunLog
    data = canvas_data.graph_data(spec, check_spec(spec), snapshot=RunLog("classification", "cpu", 1, 1, ["a"], 2)
                                  .snapshot(), sample={"layers": {"fc1": views["fc1"]}})
    node = next(n for n in data["nodes"] if n["id"] == "fc1")
    assert node["live"]["thumbs_title"].startswith("this sample's output")
