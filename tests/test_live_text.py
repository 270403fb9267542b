"""What a language model and an attention network show while they train: the sample the model writes every few
seconds (builder.textwatch), at the temperature the page sets, and each head's attention over one validation sample
(builder.trace.AttentionWatch); their figure and their place on the Playground."""
from __future__ import annotations

import threading

import numpy as np
import pytest
import torch

import builder
from builder.datasets import load_dataset
from builder.errors import DataError
from builder.figures.explain import attention_figure
from builder.fitting import fit_network
from builder.text import generate
from builder.textwatch import SAMPLE_CHARS, TextWatch, checked_temperature, language_model
from builder.trace import AttentionWatch, trace_sample
from builder.training import Trainer
from conftest import ROOT, read_preset
from test_ui_app import _job, _until, click, goto, open_app, page_text


@pytest.fixture(autouse=True)
def _one_thread():
    """One torch thread, as a worker on a busy machine gets: each sample is 120 small forward passes, which a
    second thread only slows down where the cores are shared."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def small(preset: str, **training) -> tuple[dict, builder.datasets.Dataset]:
    """A character preset on few windows (its output width fitted to the classes they hold), and that data."""
    spec = read_preset(ROOT / "presets" / f"{preset}.json")
    spec["training"].update({"epochs": 1, "batch_size": 64, **training})
    spec["data"]["options"]["n_samples"] = 256
    ds = load_dataset(spec["data"]["dataset"], spec["data"]["options"])
    return fit_network(spec, ds)[0], ds


def test_a_language_model_writes_what_generate_writes_after_a_validation_window_and_keeps_training():
    spec, ds = small("char_transformer_pydoc")
    trainer = Trainer.from_spec(spec, telemetry=False)
    watch = TextWatch.attach(trainer, temperature=0.0)
    modes = []
    trainer.on("step_end", lambda t: modes.append(t.model.training))  # after the watch's own step_end
    trainer.run()
    view = trainer.log.views["text"]
    prompt = ds.text.encoder.decode(trainer.parts.x_val_raw[0].tolist())
    assert view["step"] == trainer.global_step and view["temperature"] == 0.0  # the finished model's sample
    assert view["prompt"] == prompt == watch.prompt() and len(view["text"]) == SAMPLE_CHARS
    assert prompt + view["text"] == generate(trainer.model, ds.text.encoder, ds.class_names, prompt, SAMPLE_CHARS, 0.0)
    assert modes and all(modes)  # dropout stays on between samples: the model trains as it would without them


def test_no_sample_comes_sooner_than_the_gap_after_the_last(monkeypatch):
    """On a clock that stands still no gap ever passes: the first step's sample, then only the finished model's."""
    import builder.telemetry
    import builder.textwatch

    class Still:
        @staticmethod
        def perf_counter():
            return 1000.0

    monkeypatch.setattr(builder.telemetry, "time", Still)  # the budget's clock (the run times itself with its own)
    monkeypatch.setattr(builder.textwatch, "SAMPLE_SHARE", 1e9)  # the share always allows one: the gap alone limits
    trainer = Trainer.from_spec(small("char_lstm_pydoc")[0], telemetry=False)
    TextWatch.attach(trainer)
    written = []
    trainer.on("step_end", lambda t: written.append(t.log.views["text"]["step"]))
    trainer.run()
    assert trainer.global_step > 2 and set(written) == {1}
    assert trainer.log.views["text"]["step"] == trainer.global_step


def test_only_a_language_model_gets_a_text_watch():
    lm = Trainer.from_spec(small("char_lstm_pydoc")[0], telemetry=False)
    assert language_model(lm.parts) is not None and TextWatch.attach(lm) is not None
    digits = Trainer.from_spec(read_preset(ROOT / "presets" / "transformer_digits_rows.json"), telemetry=False)
    assert language_model(digits.parts) is None and TextWatch.attach(digits) is None
    topics = read_preset(ROOT / "presets" / "text_classifier.json")
    topics["data"] = {"dataset": "python_topics", "options": {}}
    topics, _ = fit_network(topics, load_dataset("python_topics", {}))
    classifier = Trainer.from_spec(topics, telemetry=False)  # text in, a topic out: not the next token
    assert classifier.parts.dataset.text is not None and TextWatch.attach(classifier) is None


def test_a_new_temperature_writes_at_once_on_a_paused_run_and_a_bad_one_is_ignored():
    trainer = Trainer.from_spec(small("char_lstm_pydoc")[0], telemetry=False)
    watch = TextWatch.attach(trainer, temperature=0.5)
    trainer.pause()
    loop = threading.Thread(target=trainer.run)  # as in the worker: the loop waits paused, commands come aside
    loop.start()
    try:
        assert _until(lambda: trainer.status == "paused")
        trainer.step()  # the worker's Step: its sample is the first
        assert trainer.log.views["text"]["temperature"] == 0.5
        watch.retune(1.5)
        assert trainer.log.views["text"]["temperature"] == 1.5 and trainer.global_step == 1
        watch.retune(7)  # beyond the page's range
        watch.retune(True)
        assert watch.temperature == 1.5
    finally:
        trainer.stop()
        loop.join(30)
    with pytest.raises(DataError, match="temperature"):
        checked_temperature(-0.1)


def test_attention_per_head_of_a_fixed_validation_sample_with_its_characters_on_the_axes():
    spec, ds = small("char_transformer_pydoc")
    trainer = Trainer.from_spec(spec, telemetry=False)
    watch = AttentionWatch.attach(trainer)
    trainer.step()
    view = trainer.log.views["attention"]
    maps = np.asarray(view["layers"]["attend"])
    assert maps.shape == (4, 32, 32) and np.allclose(maps.sum(-1), 1, atol=1e-5)  # 4 heads, rows sum to 1
    x = trainer.parts.x_val_raw[0]
    assert "".join(view["tokens"]) == ds.text.encoder.decode(x.tolist())
    traced = trace_sample(trainer, x)
    np.testing.assert_allclose(maps, traced.layers["attend"]["attention"], atol=1e-6)  # the Explain tab's own maps
    assert watch is not None and AttentionWatch.attach(Trainer.from_spec(small("char_lstm_pydoc")[0])) is None


def test_the_attention_figure_names_tokens_as_the_characters_they_are():
    heads = np.full((4, 3, 3), 1 / 3)
    fig = attention_figure("attend", heads, ["<b>", " ", "\n"], cols=2)
    assert len(fig.data) == 4 and fig.layout.xaxis.ticktext == ("&lt;b&gt;", "␣", "↵")
    assert fig.layout.yaxis3.title.text == "query token" and fig.layout.yaxis2.title.text is None  # 2 rows of 2
    long = attention_figure("attend", np.full((1, 32, 32), 1 / 32), list("abcdefgh" * 4), max_ticks=8)
    assert long.layout.xaxis.ticktext == ("a", "e") * 4 and long.layout.xaxis.tickvals == tuple(range(0, 32, 4))
    assert attention_figure("a", heads).layout.xaxis.title.text == "key step"  # no text: positions


def test_the_playground_shows_the_sample_and_its_temperature_tunes_the_run():
    at = open_app()
    at.session_state["spec"] = small("char_transformer_pydoc", epochs=100_000)[0]
    at.session_state["version"] += 1
    at.run()
    click(at, "step")  # a paused run, one step in: its first sample is written
    job = _job(at)
    try:
        assert _until(lambda: {"text", "attention"} <= set(job.runner.log.snapshot().views))
        at.run()
        view = job.runner.log.snapshot().views["text"]
        assert "Generated text" in page_text(at) and view["text"].split()[0] in page_text(at).replace("↵", "")
        assert any("attention per head" in c.proto.spec for c in at.get("plotly_chart"))
        at.slider(key="pg_temperature").set_value(1.7).run()
        assert at.session_state["temperature"] == 1.7
        assert _until(lambda: job.runner.log.snapshot().views["text"]["temperature"] == 1.7, 30)
        goto(at, "Training")
        at.session_state["train_view"] = "Attention & text"
        at.run()
        assert not at.exception and at.slider(key="t_temperature").value == 1.7
        assert any("attention per head" in c.proto.spec for c in at.get("plotly_chart"))
    finally:
        click(at, "reset")
        job.runner.join(30)
