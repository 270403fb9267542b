"""A plain text of one's own for a character language model (uploads.corpus): windows of the text, each labelled
with the character after it, read by the CLI when the spec trains a language model and by the page as a file type."""
import json
import subprocess
import sys

import pytest

from builder.datasets import DATASETS
from builder.errors import DataError
from builder.text import SPECIALS, is_language_model
from builder.uploads import UPLOAD_FORMATS, format_for, load_upload
from builder.uploads.corpus import MAX_ALPHABET, load_corpus
from conftest import ROOT

VERSE = ("Shall I compare thee to a summer's day?\r\nThou art more lovely and more temperate:\r\n"
         "Rough winds do shake the darling buds of May,\r\nAnd summer's lease hath all too short a date; — café 猫\r\n")


def window_text(dataset, i: int) -> str:
    """Window i and its label as the characters they stand for."""
    vocab = dataset.text.encoder.vocab
    return "".join(vocab[t] for t in dataset.x[i].tolist()) + dataset.class_names[int(dataset.y[i])]


def test_every_window_is_a_piece_of_the_text_followed_by_its_next_character():
    text = VERSE * 20
    data = load_corpus(text.encode("utf-8"), "sonnet.txt", steps=16)
    plain = text.replace("\r\n", "\n")
    assert data.sample_shape == (16,) and data.dtype == "long" and data.task == "classification"
    assert data.x.shape[1] == 16 and len(data.x) == len(plain) - 16  # a short text: every window
    assert all(window_text(data, i) in plain for i in range(0, len(data.x), 7))
    assert sorted(data.class_names) == sorted(set(plain))  # the text's own alphabet, "\r" gone with "\r\n"
    assert list(data.text.encoder.vocab) == list(SPECIALS) + data.class_names
    assert is_language_model(data)  # so live samples, bundles and `generate` write text
    assert "Uploaded text" in data.description and "UTF-8" in data.description


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"])
def test_the_encodings_a_table_is_read_in_are_read(encoding):
    text = VERSE.replace("猫", "").replace("—", "-") if encoding == "cp1252" else VERSE
    data = load_corpus((text * 10).encode(encoding), "sonnet.txt", steps=8)
    assert "é" in data.class_names and "\ufeff" not in data.class_names and "\r" not in data.class_names


def test_a_text_in_a_large_alphabet_keeps_its_commonest_characters_and_never_labels_with_a_rare_one():
    common = "abcdefghij " * 400
    rare = "".join(chr(0x4E00 + i) for i in range(400))  # 400 CJK characters, each once
    data = load_corpus((common + rare + common).encode("utf-8"), "mixed.txt", steps=4)
    assert len(data.class_names) == MAX_ALPHABET
    assert set("abcdefghij ") <= set(data.class_names)
    assert "rarer characters read as unknown" in data.description
    unknown = SPECIALS.index("<unk>")
    assert (data.x == unknown).any()  # a rare character reads as unknown in a window…
    assert int(data.y.max()) < MAX_ALPHABET  # …and no label is one (every label is a class)


def test_many_windows_are_drawn_from_a_long_text_at_random_and_the_same_each_time():
    text = ("".join(chr(97 + (i * 7) % 26) for i in range(5000)) + "\n").encode()
    one, two = load_corpus(text, "a.txt", steps=10, n_samples=500), load_corpus(text, "a.txt", steps=10, n_samples=500)
    assert len(one.x) == 500 and bool((one.x == two.x).all())


@pytest.mark.parametrize("data, options, said", [
    (b"too short", {}, "holds 9 characters"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, {}, "is a PNG image, not text"),
    (b"abc\x00\x01" * 100, {}, "binary file"),
    (VERSE.encode() * 5, {"steps": 0}, "steps must be between 2 and 1000. Received: steps=0"),
    (VERSE.encode() * 5, {"steps": True}, "steps must be an integer. Received: steps=True"),
    (VERSE.encode() * 5, {"steps": "32"}, "steps must be an integer. Received: steps='32'"),
    (VERSE.encode() * 5, {"n_samples": 10 ** 40}, "n_samples must be between 10 and 100000"),
])
def test_what_cannot_be_a_language_models_text_is_refused_in_words(data, options, said):
    with pytest.raises(DataError) as e:
        load_corpus(data, "mine.txt", **options)
    assert str(e.value).startswith("mine.txt") and said in str(e.value) and len(str(e.value)) < 400


def test_a_txt_is_a_table_by_its_name_and_a_text_when_chosen():
    assert format_for("book.txt") is UPLOAD_FORMATS["csv"]  # by its name alone a .txt is a table, as before
    assert format_for("notes.md") is None
    data = load_upload(VERSE.encode() * 5, "book.txt", kind="corpus", steps=8)
    assert is_language_model(data)
    with pytest.raises(DataError, match="unknown kind of upload 'poem'"):
        load_upload(VERSE.encode(), "book.txt", kind="poem")
    with pytest.raises(DataError) as e:
        load_upload(b"# notes", "notes.md")
    assert "plain text (.txt, .md, .text) files for a language model" in str(e.value)
    assert [name for name, info in DATASETS.items() if info.corpus] == ["pydoc_chars"]


def _cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "CUDA_VISIBLE_DEVICES": ""})


def test_the_cli_trains_a_language_model_preset_on_a_text_of_ones_own_and_writes_like_it(tmp_path):
    (tmp_path / "sonnet.txt").write_text(VERSE * 12, encoding="utf-8")
    preset = str(ROOT / "presets" / "char_lstm_pydoc.json")
    refused = _cli("train", preset, "--data", "sonnet.txt", "--epochs", "1", "--out", "a", cwd=tmp_path)
    assert refused.returncode == 2 and "set out_features=" in refused.stderr  # its own alphabet: fit the network
    done = _cli("train", preset, "--data", "sonnet.txt", "--epochs", "1", "--fit", "--out", "b", cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "data: Uploaded text:" in done.stdout and "fit: 'out' now outputs" in done.stdout
    inference = json.loads((tmp_path / "b" / "spec.json").read_text())["inference"]
    assert inference["next_token"] is True
    written = _cli("generate", "b", "--prompt", "Shall ", "--length", "40", cwd=tmp_path)
    assert written.returncode == 0, written.stderr[-2000:]
    assert written.stdout.startswith("Shall ") and set(written.stdout.strip()) <= set(VERSE + "\n")


def test_the_cli_reads_a_txt_as_a_table_for_any_other_network(tmp_path):
    (tmp_path / "sonnet.txt").write_text(VERSE * 12, encoding="utf-8")
    done = _cli("train", str(ROOT / "presets" / "mlp_digits.json"), "--data", "sonnet.txt", "--epochs", "1",
                "--out", "c", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.startswith("error: sonnet.txt:") and "header" in done.stderr


def test_a_language_models_network_reads_so_many_characters_and_others_none():
    from builder.datasets import corpus_steps
    from builder.presets import load_preset
    assert corpus_steps(load_preset("char_lstm_pydoc").to_dict()) == 32
    assert corpus_steps(load_preset("text_classifier").to_dict()) is None  # texts of their own: a table's column
    assert corpus_steps(load_preset("mlp_digits").to_dict()) is None
    for odd in ({}, {"data": "pydoc_chars"}, {"data": {"dataset": "pydoc_chars"}, "input": {"shape": [True]}},
                {"data": {"dataset": "pydoc_chars"}, "input": {"shape": [10 ** 9]}},
                {"data": {"dataset": ["x"]}, "input": {"shape": [32]}}):
        assert corpus_steps(odd) is None


def test_the_page_offers_plain_text_for_a_language_model_and_the_network_fits_its_alphabet():
    from test_ui_app import goto, load_preset, open_app, spec
    at = load_preset(open_app(), "char_lstm_pydoc")
    goto(at, "Playground")
    assert at.selectbox(key="_upload_kind").value == "corpus"  # a language model: a text of one's own, at once
    at.file_uploader(key="pg_up_corpus").set_value(("sonnet.txt", (VERSE * 12).encode(), "text/plain")).run()
    assert not at.exception and at.session_state["upload_error"] is None, at.session_state["upload_error"]
    upload = at.session_state["upload"]
    assert is_language_model(upload) and upload.sample_shape == (32,)
    fit = next(b for b in at.button if b.label == "Make the network fit the data")
    fit.click().run()
    assert not at.exception
    assert spec(at)["layers"][-1]["params"]["out_features"] == len(upload.class_names)


def test_the_file_type_the_page_offers_follows_the_network_until_the_person_chooses_one():
    from test_ui_app import goto, load_preset, open_app
    at = goto(load_preset(open_app(), "char_lstm_pydoc"), "Playground")
    assert at.selectbox(key="_upload_kind").value == "corpus"
    goto(load_preset(at, "mlp_digits"), "Playground")
    assert at.selectbox(key="_upload_kind").value == "csv"  # offered, not chosen: it follows the network
    goto(load_preset(at, "char_lstm_pydoc"), "Playground")
    at.selectbox(key="_upload_kind").set_value("csv").run()  # the person's choice…
    at.run()
    assert at.selectbox(key="_upload_kind").value == "csv"  # …stays, as the network's default would not
