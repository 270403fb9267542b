"""The Explain tab, driven through Streamlit's AppTest: it follows one sample of a trained run (moons, a
convolution network on digits, an LSTM) and shows its prediction; and its figures show names as plain text."""
from __future__ import annotations

import json

import numpy as np
import torch
import pytest
from test_ui_app import click, goto, load_preset, open_app, page_text, shown

from builder.figures import explain as fx
from builder.jobs import JOBS
from builder.ui import runs


def _train(at, epochs: int):
    """Train the network on screen for `epochs` and wait for it to finish."""
    goto(at, "Training")
    at.number_input(key=f"t{at.session_state['rev']}.epochs").set_value(epochs).run()
    click(at, "start")
    job = JOBS.jobs_for(at.session_state["sid"])[-1]
    assert runs.wait(job, 180) and job.status == "finished", job.status
    return job


def goto_view(at, view: str) -> None:
    at.session_state["explain_view"] = view
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def _explain(at):
    goto(at, "Explain")
    assert not at.exception, [e.value for e in at.exception]
    return page_text(at)


def test_before_any_run_the_tab_says_what_to_do():
    at = open_app(page="Explain")
    assert "Train a network first" in " ".join(i.value for i in at.info)


def test_a_moons_run_shows_the_sample_its_layers_prediction_and_the_gradient_on_the_plane():
    at = open_app()
    _train(at, 3)
    text = _explain(at)
    assert "Prediction" in text and "loss" in text
    charts = at.get("plotly_chart")
    assert len(charts) >= 5, len(charts)  # the plane, the probabilities, 3 layers
    progress = " ".join(at.dataframe[0].value["where the run is"])  # the lessons' goals, checked on this run
    assert "val_acc" in progress and "at epoch 3" in progress
    weights = [e.label for e in at.expander if "weights" in e.label]  # every dense layer of ≤ 16 × 16 units
    assert "fc1's weights, one by one" in weights and "out's weights, one by one" in weights
    goto_view(at, "Why this answer")
    assert len(at.get("plotly_chart")) == 4  # the plane, the probabilities, the attribution, the gradient field
    goto_view(at, "Each layer's output")
    first = at.session_state["explain_sample"]
    click(at, "explain_next")
    assert at.session_state["explain_sample"] != first
    click(at, "explain_prev")
    assert at.session_state["explain_sample"] == first
    at.toggle(key="_explain_misclassified").set_value(True).run()
    assert not at.exception
    ss = at.session_state
    if ss["explain_sample"] is not None:  # a sample the network gets wrong, else the page says none is
        assert "wrong" in page_text(at)
    else:
        assert "No validation sample is misclassified" in " ".join(s.value for s in at.success)


@pytest.mark.parametrize("stem, epochs", [("lenet_digits", 1), ("lstm_parity", 1)])
def test_an_image_and_a_recurrent_run_show_their_prediction(stem, epochs):
    at = open_app()
    load_preset(at, stem)
    _train(at, epochs)
    text = _explain(at)
    assert "Prediction" in text
    if stem == "lenet_digits":
        at.session_state["explain_method"] = "grad_cam"
        goto_view(at, "Why this answer")
        assert not at.exception, [e.value for e in at.exception]
        assert "Grad-CAM for class" in str([c.proto.spec for c in at.get("plotly_chart")])


HOSTILE = '<img src=x onerror=alert(1)> %{x} $x$ <b>bold</b>'


def _texts(fig) -> str:
    """Every piece of text a figure shows: titles, tick and legend labels, hover templates, bar texts."""
    return fig.to_json()


def test_names_from_people_reach_the_figures_escaped():
    out = {"kind": "classes", "predicted": 0, "label": HOSTILE, "class_names": [HOSTILE, "b"],
           "probabilities": np.array([0.7, 0.3]), "true": 1, "correct": False, "loss": 1.2}
    view = {"kind": "vector", "values": np.array([0.5, 0.0, -1.0]), "shape": [3], "lo": -1.0, "hi": 0.5,
            "shown": 3, "total": 3, "zero_units": [1]}
    field = {"x": np.linspace(0, 1, 3), "y": np.linspace(0, 1, 3), "u": np.ones((3, 3)), "v": np.zeros((3, 3)),
             "target": 0, "label": HOSTILE}
    attribution = {"method": "saliency", "target": 0, "target_label": HOSTILE, "values": np.array([0.1, 0.2])}
    figures = [fx.probabilities_figure(out), fx.unit_strip_figure(HOSTILE, view),
               fx.time_unit_figure(HOSTILE, np.zeros((2, 3))), fx.attention_figure(HOSTILE, np.full((2, 2, 2), 0.5)),
               fx.gradient_field_figure(field, np.zeros((2, 2)), np.array([0, 1]), [HOSTILE, "b"], sample=[0, 0]),
               fx.attribution_figure(attribution, np.array([1.0, 2.0]), [HOSTILE, "y"]),
               fx.sample_figure(np.array([1.0, 2.0]), [HOSTILE, "y"]),
               fx.sample_figure(np.array([1.0, 2.0]), [HOSTILE, "y"], read=np.array([0.5, -1.0])),
               fx.weights_figure(HOSTILE, np.ones((2, 2)), np.zeros(2), dead_units=[1]),
               fx.token_strip_figure([HOSTILE, "b"]), fx.attribution_figure(attribution, np.array([1, 2]),
                                                                            tokens=[HOSTILE, "y"])]
    for fig in figures:
        text = _texts(fig)
        assert "<img" not in text and "<b>bold" not in text and "%{x} $x$" not in text, text[:300]
        assert "&lt;img" in text  # the name is there, as the characters it is


def test_a_dead_unit_is_grey_not_the_colour_of_the_lowest_value():
    view = {"kind": "vector", "values": np.array([0.5, 0.0, 0.2]), "shape": [3], "lo": 0.0, "hi": 0.5,
            "shown": 3, "total": 3, "zero_units": [1]}
    fig = fx.unit_strip_figure("fc1", view)
    grey = fig.data[1]
    assert grey.colorscale[0][1] == fx.DEAD and np.isnan(grey.z[0][0]) and grey.z[0][1] == 0
    assert fx.DEAD not in str(fig.data[0].colorscale)
    weights = fx.weights_figure("fc1", np.array([[1.0, -2.0], [0.5, 0.1]]), np.array([0.0, 1.0]), dead_units=[1])
    grey = weights.data[1]
    assert np.isnan(grey.z[0]).all() and (np.asarray(grey.z[1]) == 0).all()  # unit 1's row, its bias included
    assert "1 dead units (grey)" in weights.layout.title.text


def test_lessons_list_their_goals_and_open_their_starting_setup_and_solution():
    at = open_app(page="Explain")
    table = at.dataframe[0].value
    assert len(table) >= 7 and not table["goal met"].any()  # nothing trained yet
    at.selectbox(key="lesson_pick").set_value("batch_norm").run()
    click(at, "lesson_start")
    assert at.session_state["spec"]["name"] == "Deep ReLU network, no normalisation"
    assert "not yet" in page_text(at) and "val_acc: not measured yet" in page_text(at)
    click(at, "lesson_solution")
    assert any(layer["type"] == "BatchNorm1d" for layer in at.session_state["spec"]["layers"])


def _chart_spec(at, key: str) -> dict:
    """The figure of the chart drawn with `key`."""
    return next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if key in c.proto.id)


def test_a_character_models_sample_reads_as_its_text_and_its_attribution_sits_on_the_characters():
    at = open_app()
    load_preset(at, "char_lstm_pydoc")
    _train(at, 1)
    text = _explain(at)
    assert "Prediction" in text and "****" not in text  # a space or a line break predicted is drawn, not blank
    sample = _chart_spec(at, "ex_sample")["data"][0]
    assert sample["type"] == "heatmap" and sample["texttemplate"] == "%{text}"
    cells = [c for row in sample["text"] for c in row if c]
    assert len(cells) > 8
    assert " " not in cells and "\n" not in cells  # whitespace as marks: ␣ ↵
    layers = [json.loads(c.proto.spec)["layout"] for c in at.get("plotly_chart") if "ex_layer_" in c.proto.id]
    named = [f for f in layers if f["yaxis"].get("ticktext") == cells]  # a row per character, named by it
    assert named and all(f["yaxis"]["title"]["text"] == "token" for f in named), [f["yaxis"] for f in layers]
    goto_view(at, "Why this answer")
    why = _chart_spec(at, "ex_attr")["data"][0]
    assert why["type"] == "heatmap" and [c for row in why["text"] for c in row if c] == cells
    assert "attribution" in why["hovertemplate"]


def test_a_prediction_of_a_whitespace_class_is_said_with_a_visible_mark():
    from builder.ui.looks import answer_line
    out = {"kind": "classes", "class_names": [" ", "\n", "a"], "probabilities": [0.6, 0.3, 0.1], "predicted": 0,
           "true": 1, "correct": False, "loss": 1.0}
    line = answer_line(out)
    assert "Prediction **␣** (60.0%)" in line and "true class **↵**" in line
    fig = fx.probabilities_figure(out)
    assert set(fig.data[0].y) == {"␣", "↵", "a"}


def test_a_tables_sample_is_drawn_as_the_network_reads_it_with_its_values_on_hover():
    """A date's day count (19,387) beside 0/1 categories drew one tall bar and nothing else: the bars are the
    features standardised, as the network reads them, and each raw value is on hover."""
    raw, read = np.array([19387.0, 1.0, 0.0]), np.array([1.2, -0.4, 0.9])
    bars = fx.sample_figure(raw, ["date (days)", "promo=no", "promo=yes"], read=read).data[0]
    assert list(bars.y) == list(read) and list(bars.customdata) == list(raw) and "customdata" in bars.hovertemplate
    assert list(fx.sample_figure(raw, ["a", "b", "c"]).data[0].y) == list(raw)  # without it: the values themselves


def _drawn_one() -> bytes:
    """A "1" drawn as the digits are: a light stroke on a dark ground, larger than their 8×8."""
    import io

    from PIL import Image, ImageDraw
    image = Image.new("L", (64, 64), 0)
    ImageDraw.Draw(image).line([(32, 6), (32, 58)], fill=255, width=9)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_an_image_of_ones_own_is_followed_through_an_image_network_and_then_the_validation_samples_again():
    from builder.uploads.image_zip import read_images
    at = open_app()
    load_preset(at, "lenet_digits")
    _train(at, 1)
    _explain(at)
    at.file_uploader(key="explain_own_0").set_value(("one.png", _drawn_one(), "image/png")).run()
    assert not at.exception, [e.value for e in at.exception]
    text = page_text(at)
    assert "Following your image **one.png** through the network of" in text and "Prediction" in text
    assert "loss" not in text.split("Prediction", 1)[1].split("\n", 1)[0]  # no true class: no loss, no verdict
    assert "read as the training images were" in " ".join(shown(c.value) for c in at.caption)
    own = at.session_state["explain_own"]
    expected, _ = read_images(_drawn_one(), "one.png", (8, 8), "L")  # read as a ZIP of image folders is
    assert own.what == "your image **one\\.png**" and np.array_equal(own.x.numpy(), expected[0])
    goto_view(at, "Why this answer")
    assert at.get("plotly_chart")  # the prediction and what it rests on
    # the class explained starts at this image's own prediction: its picker is this image's, not the last sample's
    picker = at.selectbox(key=f"explain_target_own_{own.key[-16:]}")
    assert shown(picker.format_func(picker.value)) in page_text(at).split("Prediction", 1)[1].split("(", 1)[0]
    click(at, "explain_back")
    assert "Following one validation sample" in page_text(at) and at.session_state["explain_own"] is None
    # a file that is no image is refused by name, and the validation samples stay
    at.file_uploader(key="explain_own_1").set_value(("notes.png", b"hello", "image/png")).run()
    assert not at.exception and "notes.png" in " ".join(shown(e.value) for e in at.error)
    assert "Following one validation sample" in page_text(at)


def test_a_network_that_reads_no_images_offers_no_image_of_ones_own():
    at = open_app()
    _train(at, 1)
    _explain(at)
    assert not [u for u in at.get("file_uploader") if str(u.key or "").startswith("explain_own")]


def test_what_if_changes_a_table_rows_values_and_follows_it_through_the_network():
    """For a network trained on a table: the sample's values in fields (a number, a category, a date), changed and
    followed again, its changes named; the validation samples again with one click."""
    rows = "\n".join(f"{20 + i % 50},{('first', 'second', 'third')[i % 3]},2024-{1 + i % 12:02d}-{1 + i % 27:02d},"
                     f"{'yes' if (i % 50) > 25 else 'no'}" for i in range(120))
    at = open_app()
    goto(at, "Data")
    at.session_state["data_source"] = "Upload"
    at.run()
    at.file_uploader(key="up_csv").set_value(("people.csv", f"age,class,day,bought\n{rows}\n".encode(),
                                              "text/csv")).run()
    at.selectbox(key="up_target").set_value("bought").run()  # ("class" would be guessed: its name says target)
    assert at.session_state["upload"].table is not None
    goto(at, "Playground")
    click(at, "make_fit")
    _train(at, 2)
    _explain(at)
    x = at.session_state["upload"].x  # the features a row is made of: age, class one-hot, day's three parts
    assert x.shape[1] == 1 + 3 + 3
    fields = {f.label: f for f in at.number_input if f.key.startswith("explain_row_")}
    age = fields["age"]
    before = age.value
    age.set_value(before + 30)
    at.selectbox(key=next(s.key for s in at.selectbox if s.key.startswith("explain_row_") and s.label == "class"))\
        .set_value(2)
    next(b for b in at.button if b.label == "Follow this row").click().run()
    assert not at.exception, [e.value for e in at.exception]
    own = at.session_state["explain_own"]
    assert own.kind == "row" and float(own.x[0]) == before + 30 and own.x[1:4].tolist() == [0.0, 0.0, 1.0]
    assert f"**age** {before:g} → {before + 30:g}" in own.what and "→ third" in own.what
    text = page_text(at)
    assert "Following your row: **age**" in text and "Prediction" in text
    click(at, "explain_back")
    assert "Following one validation sample" in page_text(at) and at.session_state["explain_own"] is None


def test_a_text_of_ones_own_is_tokenised_as_training_was_and_followed_through_a_text_classifier():
    at = open_app()
    load_preset(at, "text_classifier")
    _train(at, 1)
    _explain(at)
    at.text_area(key="explain_text_validation_area").set_value("how do I open a file and read its lines zzqxj")
    next(b for b in at.button if b.label == "Follow this text").click().run()
    assert not at.exception, [e.value for e in at.exception]
    own = at.session_state["explain_own"]
    assert own.kind == "text" and own.x.dtype == torch.int64
    assert own.what.startswith("your text “how do I open a file and read its lines zzqxj”")
    assert "of its" in own.what and "tokens new to the network" in own.what  # zzqxj is no word it knows
    text = page_text(at)
    assert "Following your text" in text and "Prediction" in text
    assert "tokenised with the training texts' vocabulary" in " ".join(shown(c.value) for c in at.caption)
    click(at, "explain_back")
    assert at.session_state["explain_own"] is None
