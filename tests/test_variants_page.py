"""Trying variants on the Explain tab (builder.ui.variants): up to three changes kept as variants, trained side by side
from the same start with their outputs side by side, the comparison as one figure, and the variants carried by
the page's address (builder.share's comparison links, checked like every link)."""
from __future__ import annotations

import json

import pytest
from test_ui_app import click, open_app, page_text

from builder import figures
from builder.share import ShareLinkError, decode_variants, encode_variants
from builder.ui.state import VARIANTS_PARAM, default_spec
from builder.variants import MAX_VARIANTS


def _with(spec: dict, **training) -> dict:
    out = json.loads(json.dumps(spec))
    out.setdefault("training", {}).update(training)
    return out


# ---- the comparison's link --------------------------------------------------------------------------------

def test_variants_travel_in_a_link_and_come_back_validated():
    base = default_spec()
    variants = [{"label": "lr 0.1", "spec": _with(base, lr=0.1)}, {"label": "sgd", "spec": _with(base, optimizer="sgd")}]
    back = decode_variants(encode_variants(variants))
    assert [v["label"] for v in back] == ["lr 0.1", "sgd"]
    assert back[0]["spec"]["training"]["lr"] == 0.1 and back[1]["spec"]["training"]["optimizer"] == "sgd"
    assert back[0]["spec"]["layers"] == base["layers"]


@pytest.mark.parametrize("payload, said", [
    ({"variants": []}, "no list of 1 to 3 variants"),
    ({"variants": [{"label": "x", "spec": {}}] * MAX_VARIANTS}, "no list of 1 to 3 variants"),
    ({"variants": [{"label": "", "spec": {}}]}, "variant 1 of the comparison link is not a label"),
    ({"variants": [{"label": "x", "spec": {}, "more": 1}]}, "variant 1 of the comparison link is not a label"),
    ({"variants": [{"label": "x", "spec": {"input": {"shape": [2]}, "layers": "no"}}]}, "holds an invalid spec"),
    ({"other": 1}, "no list of 1 to 3 variants"),
    ([1, 2], "no list of 1 to 3 variants"),
])
def test_a_damaged_or_hostile_comparison_link_is_refused_with_the_reason(payload, said):
    from builder.share import _pack
    with pytest.raises(ShareLinkError, match=said):
        decode_variants(_pack(payload))


def test_a_variant_that_is_not_a_spec_cannot_be_encoded():
    with pytest.raises(ShareLinkError, match="a variant's spec is invalid"):
        encode_variants([{"label": "x", "spec": {"input": {"shape": [2]}, "layers": []}}])


# ---- the canvas marks what a variant changed ---------------------------------------------------------------

def test_the_canvas_marks_the_layers_a_variant_added_or_changed_with_what_changed():
    from builder.checker import check_spec
    from builder.diff import diff_specs
    from builder.ui.canvas_data import graph_data
    from builder.ui.variants import canvas_marks
    base = default_spec()
    variant = json.loads(json.dumps(base))
    variant["layers"][0]["params"]["out_features"] = 32
    variant["layers"].insert(2, {"id": "drop", "type": "Dropout", "params": {"p": 0.2}})
    diff = diff_specs(base, variant)
    marks = canvas_marks({"marks": diff.marks(), "changes": diff.lines()})
    assert marks["fc1"] == {"kind": "changed", "text": "layer 'fc1': out_features 16 → 32"}
    assert marks["drop"]["kind"] == "added" and "added layer 'drop'" in marks["drop"]["text"]
    nodes = {n["id"]: n for n in graph_data(variant, check_spec(variant), marks=marks, read_only=True)["nodes"]}
    assert nodes["fc1"]["mark"]["kind"] == "changed" and nodes["drop"]["mark"]["kind"] == "added"
    assert nodes["fc2"]["mark"] == {"kind": "changed", "text": "layer 'fc2': reads drop (was act1)"}  # rewired
    assert nodes["act2"]["mark"] is None and nodes["input"]["mark"] is None


# ---- the comparison as one figure -------------------------------------------------------------------------

def test_the_comparison_figure_holds_every_curve_and_every_output_side_by_side():
    runs = [{"label": "as it is", "epochs": [{"epoch": 1, "val_loss": 0.9, "val_acc": 0.5},
                                             {"epoch": 2, "val_loss": 0.5, "val_acc": 0.8}]},
            {"label": "<b>wide</b>", "epochs": [{"epoch": 1, "val_loss": 0.7, "val_acc": 0.6}]}]
    outputs = [figures.confusion_figure([[3, 1], [0, 4]], ["a", "b"]), figures.confusion_figure([[4, 0], [1, 3]])]
    fig = figures.comparison_figure(runs, ["val_loss", "val_acc"], outputs)
    curves = [t for t in fig.data if t.type == "scatter"]
    assert len(curves) == 4 and [len(t.x) for t in curves] == [2, 1, 2, 1]
    maps = [t for t in fig.data if t.type == "heatmap"]
    assert len(maps) == 2 and maps[0].xaxis != maps[1].xaxis  # two panels, not one over the other
    titles = [a.text for a in fig.layout.annotations]
    assert "&lt;b&gt;wide&lt;/b&gt;" in titles and "<b>wide</b>" not in titles  # a label is text, never markup
    assert outputs[0].data[0].showscale is False or outputs[0].data[0].showscale is None  # the page's own is kept


# ---- the page ---------------------------------------------------------------------------------------------

def _add(at, change: str, key: str, value) -> None:
    at.selectbox(key="variant_change").set_value(change).run()
    widget = at.selectbox(key=key) if key == "variant_optimizer" else at.number_input(key=key)
    widget.set_value(value).run()
    click(at, "variant_add")


def _train(at, epochs: int):
    """Train the setup and its variants for `epochs` from the page, wait for them, and redraw the page."""
    at.number_input(key="variant_epochs").set_value(epochs).run()
    click(at, "variant_train")
    comparison = at.session_state["explain_compare"]
    assert comparison.join(240)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return comparison


def test_a_variant_trains_beside_the_setup_from_the_same_start_and_shows_what_differs():
    at = open_app(page="Explain")
    at.selectbox(key="variant_change").set_value("learning rate").run()
    at.number_input(key="variant_lr").set_value(0.1).run()
    comparison = _train(at, epochs=3)
    first, second = comparison.trainers
    assert [r["epoch"] for r in first.history()] == [r["epoch"] for r in second.history()] == [1, 2, 3]
    text = page_text(at)
    assert "training lr: 0.01 → 0.1" in text and "fc1" in " ".join(c.value for c in at.caption)
    assert len(at.get("plotly_chart")) >= 2  # the two losses overlaid, the two accuracies overlaid


def test_three_variants_train_beside_the_setup_from_one_start_and_show_their_outputs_side_by_side():
    at = open_app(page="Explain")
    _add(at, "learning rate", "variant_lr", 0.1)
    _add(at, "optimizer", "variant_optimizer", "sgd")
    _add(at, "width of a dense layer", "variant_width", 32)
    labels = [v["label"] for v in at.session_state["variants"]]
    assert len(labels) == MAX_VARIANTS - 1 and labels[0] == "lr 0.1" and labels[1] == "sgd", labels
    assert at.button(key="variant_add").disabled  # three beside the setup: no more
    assert at.query_params[VARIANTS_PARAM]  # the address carries them
    comparison = _train(at, epochs=2)
    assert len(comparison.trainers) == 4 and all(len(t.history()) == 2 for t in comparison.trainers)
    base, lr, sgd, wide = comparison.variants
    layers = [lid for lid, m in base.trainer.model.named_children() if any(True for _ in m.parameters())]
    assert lr.shared == sgd.shared == layers and not lr.own  # a setting changed: every layer starts alike
    widened = next(lid for lid in layers if lid in wide.own)  # the wider layer and the one reading it: their own
    assert widened not in wide.shared and wide.shared, (wide.shared, wide.own)
    text = page_text(at)
    assert "training lr: 0.01 → 0.1" in text and "training optimizer: 'adam' → 'sgd'" in text
    assert len(at.get("plotly_chart")) >= 2 + 4, len(at.get("plotly_chart"))  # the curves, and 4 boundaries
    assert at.get("download_button"), "the comparison's download"
    click(at, "variant_remove_1")
    assert [v["label"] for v in at.session_state["variants"]] == [labels[0], labels[2]]
    click(at, "variant_clear")
    assert at.session_state["variants"] == [] and VARIANTS_PARAM not in at.query_params


def test_a_comparison_link_opens_with_its_variants_and_a_damaged_one_is_said():
    base = default_spec()
    link = encode_variants([{"label": "lr 0.5", "spec": _with(base, lr=0.5)}])
    at = open_app(page="Explain", **{VARIANTS_PARAM: link})
    assert [v["label"] for v in at.session_state["variants"]] == ["lr 0.5"]
    assert "lr 0.5" in page_text(at)
    bad = open_app(**{VARIANTS_PARAM: "1.AAAA"})
    assert bad.session_state["variants"] == []
    assert "Could not open the comparison's variants" in " ".join(e.value for e in bad.error)


def test_the_json_change_takes_any_edit_and_refuses_an_invalid_one_by_name():
    at = open_app(page="Explain")
    at.selectbox(key="variant_change").set_value("anything (edit the JSON)").run()
    edited = json.loads(at.text_area(key="variant_json").value)
    edited["layers"].insert(1, {"id": "extra", "type": "Linear", "params": {"out_features": 8},
                                "inputs": [edited["layers"][0]["id"]]})
    nxt = edited["layers"][2]
    nxt["inputs"] = ["extra"]
    at.text_area(key="variant_json").set_value(json.dumps(edited)).run()
    assert not at.exception and not at.button(key="variant_add").disabled
    click(at, "variant_add")
    added = at.session_state["variants"][0]["spec"]
    assert any(layer["id"] == "extra" for layer in added["layers"])
    at.text_area(key="variant_json").set_value('{"input": {"shape": [2]}, "layers": [{"id": "x", "type": "Nope"}]}').run()
    assert "Not a valid spec" in " ".join(e.value for e in at.error) and at.button(key="variant_add").disabled
    at.text_area(key="variant_json").set_value("{not json").run()
    assert "Not JSON" in " ".join(e.value for e in at.error)


def test_while_the_variants_train_a_second_click_cannot_start_them_over_and_stop_ends_them():
    at = open_app(page="Explain")
    at.selectbox(key="variant_change").set_value("learning rate").run()
    at.number_input(key="variant_lr").set_value(0.1).run()
    at.number_input(key="variant_epochs").set_value(500).run()
    click(at, "variant_train")
    comparison = at.session_state["explain_compare"]
    assert not comparison.done and at.button(key="variant_train").disabled  # a double click starts nothing new
    click(at, "variant_stop")
    assert comparison.join(60) and at.session_state["explain_compare"] is comparison
    at.run()
    assert not at.button(key="variant_train").disabled and not [b for b in at.button if b.key == "variant_stop"]
