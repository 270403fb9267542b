"""The page's part of text as data and of imports: a CSV's text column chosen on the Data tab, an ONNX file opened on
the Export tab (parsed, never run), and the Training tab's text generation offered for language models only."""
from __future__ import annotations

import io
import json
import warnings

import pytest
import torch

from builder.bundle import write_bundle
from builder.errors import DataError
from builder.sandbox import read_onnx
from builder.training import Trainer
from builder.ui.train import _writes_text
from builder.ui.widgets import snapshot
from conftest import ROOT, read_preset
from test_explain_page import _train
from test_text import csv_bytes, reviews
from test_ui_app import goto, load_preset, open_app, spec


def onnx_bytes() -> bytes:
    """A small network written by plain torch.onnx.export, weights inside the file."""
    pytest.importorskip("onnxscript")  # torch.onnx.export needs it
    module = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.ReLU(), torch.nn.Linear(8, 2)).eval()
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(module, (torch.randn(2, 2),), buffer, input_names=["x"], external_data=False,
                          dynamic_shapes={"input": {0: torch.export.Dim("batch")}})
    return buffer.getvalue()


def test_an_onnx_file_is_read_in_the_check_process_into_a_spec_and_its_weights():
    weights = read_onnx("small.onnx", onnx_bytes())
    assert [l["type"] for l in weights.info["spec"]["layers"]] == ["Linear", "ReLU", "Linear"]
    assert {k: tuple(v.shape) for k, v in weights.state.items() if k.endswith("weight")} == \
        {f"{weights.info['spec']['layers'][0]['id']}.weight": (8, 2), f"{weights.info['spec']['layers'][2]['id']}.weight": (2, 8)}


def test_the_export_tab_opens_an_onnx_file_on_the_canvas_keeping_the_data_and_its_weights():
    at = open_app()
    goto(at, "Export")
    data_before = spec(at).get("data")
    at.file_uploader(key="continue_upload").set_value(("small.onnx", onnx_bytes(), "application/octet-stream"))
    at.run()
    assert not at.exception
    assert [l["type"] for l in spec(at)["layers"]] == ["Linear", "ReLU", "Linear"]
    assert spec(at).get("data") == data_before
    assert at.session_state["start_weights"]["state"]  # the next run starts from the imported weights
    assert any("never runs uploaded Python" in c.value for c in at.caption)


def test_the_data_tab_reads_a_chosen_text_column_as_token_ids():
    at = open_app()
    goto(at, "Data")
    at.session_state["data_source"] = "Upload"
    at.run()
    at.file_uploader(key="up_csv").set_value(("reviews.csv", csv_bytes(reviews(60)), "text/csv")).run()
    assert at.selectbox(key="up_text").options[1:] == ["review"]  # the target (the last column) is not offered
    at.selectbox(key="up_text").set_value("review").run()
    upload = at.session_state["upload"]
    assert not at.exception and at.session_state["upload_error"] is None
    assert upload.dtype == "long" and upload.text.encoder.column == "review"
    assert "learnt from the 48 training rows only" in upload.description
    table = at.dataframe[0].value  # the samples as the network reads them: text, not token ids
    assert list(table.columns) == ["text", "target"]
    assert table["text"][0] == upload.text.encoder.decode(upload.x[0].tolist()) and table["text"][0].isprintable()


def test_a_character_corpus_shows_its_samples_as_text_with_line_breaks_and_spaces_seen():
    at = open_app()
    at.session_state["spec"] = {**spec(at), "data": {"dataset": "pydoc_chars", "options": {"n_samples": 300}}}
    goto(at, "Data")
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    assert list(table.columns) == ["text", "target"] and len(table) == 200
    assert all(len(t) and "\n" not in t for t in table["text"]) and any("↵" in t for t in table["text"])
    assert set(table["target"]) >= {"␣"} and " " not in set(table["target"])  # the next character, a space seen


def test_text_generation_is_offered_for_a_language_model_and_no_other(tmp_path):
    preset = read_preset(ROOT / "presets" / "char_lstm_pydoc.json")
    trainer = Trainer.from_spec(preset, telemetry=False)  # untrained: only the bundle's description is read
    language_model = write_bundle(trainer, tmp_path / "lm")
    assert _writes_text(language_model)
    document = json.loads((language_model / "spec.json").read_text())
    document["inference"]["class_names"] = ["yes", "no"]
    (language_model / "spec.json").write_text(json.dumps(document))
    assert not _writes_text(language_model) and not _writes_text(tmp_path / "nothing")
    del document["inference"]["next_token"]  # a bundle from before the record: its classes are not all tokens
    (language_model / "spec.json").write_text(json.dumps(document))
    assert not _writes_text(language_model)


def test_a_text_classifier_whose_classes_are_words_of_its_vocabulary_writes_no_text(tmp_path):
    from builder.presets import load_preset
    from builder.text import generate_text
    trainer = Trainer.from_spec(load_preset("text_classifier"), telemetry=False)  # python_topics: classes are words
    assert set(trainer.parts.dataset.class_names) <= set(trainer.parts.dataset.text.encoder.vocab)
    bundle = write_bundle(trainer, tmp_path / "topics")
    assert json.loads((bundle / "spec.json").read_text())["inference"]["next_token"] is False
    assert not _writes_text(bundle)
    with pytest.raises(DataError, match="language model"):
        generate_text(bundle, "def ", 10)


def test_the_training_tab_names_a_text_models_worst_samples_by_their_words():
    at = open_app()
    load_preset(at, "text_classifier")
    job = _train(at, 1)
    at.session_state["train_view"] = "Predictions"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    table = next(d.value for d in at.dataframe if "text" in d.value.columns)
    assert list(table.columns) == ["sample", "true", "predicted", "p(true)", "text"] and len(table) == 8
    worst = snapshot(job).views["worst"]
    assert list(table["text"]) == [w["text"] for w in worst] and all(t.strip() for t in table["text"])


def test_a_samples_text_in_a_grid_shows_its_line_breaks_and_control_characters_as_marks():
    from builder.ui.live_text import cell
    assert cell("two\nlines") == "two↵lines"
    assert cell("bidi\u202egnp.exe\x1b[31m") == "bidi\\u202egnp.exe\\x1b[31m"  # as the page's names are (errors.page_text)
    assert cell("tab\tand spaces  kept") == "tab\tand spaces  kept"
