"""Text as data: tokenisers learnt from the training rows only, kept in the bundle and used the same way by predict
and the code export; the character language models that generate text; hostile text."""
from __future__ import annotations

import importlib.util
import json
import random

import numpy as np
import pytest
import torch

import builder
from builder.bundle import load_bundle, write_bundle
from builder.cli import main
from builder.errors import DataError
from builder.fitting import fit_network
from builder.preprocessing import split_rows
from builder.text import (PAD, UNK, TextEncoder, for_split, generate, generate_text, learn_encoder, split_tokens,
                          tokenizer_source)
from builder.training import Trainer
from builder.uploads import load_upload
from conftest import ROOT, layer, make_spec, read_preset

GOOD, BAD = "great lovely wonderful excellent superb".split(), "awful terrible boring dreadful poor".split()
FILLER = "the film was a and it story plot acting really quite".split()


def reviews(n: int = 200, seed: int = 0) -> list[tuple[str, str]]:
    """Two classes told apart by one word each review holds."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        label = "good" if i % 2 == 0 else "bad"
        words = rng.sample(FILLER, 4) + [rng.choice(GOOD if label == "good" else BAD)]
        rng.shuffle(words)
        rows.append((" ".join(words), label))
    return rows


def csv_bytes(rows, header=("review", "label")) -> bytes:
    lines = [",".join(header)] + [f'"{text}",{label}' for text, label in rows]
    return ("\n".join(lines) + "\n").encode()


def bag_of_embeddings(seq_len: int, vocab: int, classes: int = 2) -> dict:
    """Embedding → mean over the steps → Linear: the smallest text classifier, fast to train."""
    return make_spec([seq_len], [
        layer("embed", "Embedding", num_embeddings=vocab, embedding_dim=16, padding_idx=0),
        layer("steps", "Permute", dims=[1, 0]), layer("pool", "AdaptiveAvgPool1d", output_size=1),
        layer("flat", "Flatten"), layer("out", "Linear", out_features=classes)], dtype="long",
        name="bag of embeddings", training={"epochs": 25, "lr": 0.05, "batch_size": 32, "seed": 0})


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A text classifier trained on a review CSV, and its bundle."""
    ds = load_upload(csv_bytes(reviews()), "reviews.csv", text="review")
    spec, _ = fit_network(bag_of_embeddings(4, 4), ds)
    trainer = Trainer.from_spec(spec, ds, telemetry=False).run()
    out = write_bundle(trainer, tmp_path_factory.mktemp("text") / "bundle")
    return trainer, out, ds


# ---- the vocabulary comes from the training rows alone ---------------------------------------------------

def test_a_token_only_in_validation_rows_is_unknown():
    rows = reviews(60)
    labels = np.array([0 if label == "bad" else 1 for _, label in rows])
    _, val = split_rows(len(rows), 0.2, 0, labels)
    rows[val[0]] = ("zebra " + rows[val[0]][0], rows[val[0]][1])  # a word no training row holds
    ds = load_upload(csv_bytes(rows), "r.csv", text="review")
    assert "zebra" not in ds.text.encoder.vocab
    assert ds.x[val[0]].tolist().count(UNK) == 1
    assert ds.text.notes["val_unknown"] == 1 and "1 of the validation rows'" in ds.description
    train_words = {w for i in range(len(rows)) if i not in set(val) for w in rows[i][0].split()}
    assert set(ds.text.encoder.vocab[2:]) == train_words


def test_a_run_on_another_split_learns_the_vocabulary_again_from_its_own_training_rows():
    rows = reviews(60)
    ds = load_upload(csv_bytes(rows), "r.csv", text="review", seq_len=6)
    again = for_split(ds, 0.5, 3)
    train, _ = split_rows(len(rows), 0.5, 3, ds.y.numpy())
    assert again.text.split == (0.5, 3) and again.x.shape == ds.x.shape  # the sequence length stays
    assert set(again.text.encoder.vocab[2:]) == {w for i in train for w in rows[i][0].split()}
    assert for_split(ds, 0.2, 0) is ds  # the split it was made for: nothing to learn again


@pytest.mark.parametrize("kind", ["chars", "words", "subwords"])
def test_each_kind_of_token_pads_in_front_and_cuts_the_end(kind):
    encoder = learn_encoder(["hello world", "hello there world"], kind, seq_len=3)
    ids = encoder.encode(["hello world and more", "", "o"]).ids
    assert ids.shape == (3, 3) and ids.dtype == torch.int64
    assert ids[1].tolist() == [PAD] * 3  # an empty text is all padding
    assert ids[2, 0] == PAD and ids[2, -1] != PAD  # a short text is padded in front
    assert (ids[0] != PAD).all()  # a long one is cut to seq_len


def test_the_default_sequence_length_is_a_percentile_of_the_training_lengths():
    texts = [" ".join(["w"] * n) for n in range(1, 101)]
    assert learn_encoder(texts, "words").seq_len == 96  # numpy's 95th percentile of 1..100 is 95.05, rounded up
    assert learn_encoder(texts, "words", percentile=50).seq_len == 51


# ---- the bundle keeps the tokeniser: predict and the code export read raw text as training did -------------

def test_a_text_classifier_reaches_high_validation_accuracy(trained):
    trainer, _, _ = trained
    assert trainer.history()[-1]["val_acc"] >= 0.9


def test_predict_on_raw_text_equals_the_in_process_model(trained, tmp_path, capsys):
    trainer, out, ds = trained
    texts = ["a great film", "boring plot, really", "", "zzz qqq"]
    (tmp_path / "new.csv").write_bytes(csv_bytes([(t, "") for t in texts], ("review", "unused")))
    code = main(["predict", str(out), str(tmp_path / "new.csv")])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    rows = [line.split("\t") for line in printed.out.splitlines()[1:]]
    with torch.no_grad():
        probs = torch.softmax(trainer.model(ds.text.encoder.encode(texts).ids), 1)
    assert [r[0] for r in rows] == [ds.class_names[i] for i in probs.argmax(1).tolist()]
    assert np.allclose([float(r[1]) for r in rows], probs.max(1).values.numpy(), atol=1e-4)
    assert "3 of 9 tokens (33.3%) are outside the vocabulary" in printed.err  # ",", "zzz", "qqq"
    assert json.loads((out / "spec.json").read_text())["inference"]["text"]["column"] == "review"


def test_the_code_export_tokenises_and_predicts_as_the_bundle(trained):
    trainer, out, ds = trained
    assert main(["export", str(out), "--format", "code"]) == 0
    spec = importlib.util.spec_from_file_location("exported_text_model", out / "model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    texts = ["A GREAT film!", "terrible\x07 acting", "", "unseen words only"]
    assert torch.equal(module.tokenize(texts), ds.text.encoder.encode(texts).ids)
    model = module.load(str(out / "model.safetensors"))
    with torch.no_grad():
        expected = torch.softmax(trainer.model(ds.text.encoder.encode(texts).ids), 1)
    assert torch.allclose(module.outputs(texts, model), expected, atol=1e-5)


@pytest.mark.parametrize("kind", ["chars", "words", "subwords"])
def test_the_exported_tokeniser_is_the_same_code(kind):
    texts = ["Hello, world!", "naïve café\tthing\x00", "", "x" * 300, "我喜欢这部电影! 東京 2024"]
    encoder = learn_encoder(["hello world", "a café, naïve", "我喜欢东京"], kind, seq_len=12)
    namespace: dict = {}
    exec("import re\n" + tokenizer_source(), namespace)
    subwords = None
    if kind == "subwords":
        from builder.text import subword_tokenizer
        subwords = subword_tokenizer(encoder.subwords)
    exported = namespace["token_ids"](texts, kind, list(encoder.vocab), 12, subwords)
    assert exported == encoder.encode(texts).ids.tolist()


@pytest.mark.parametrize("text, words", [
    ("我喜欢这部电影!", ["我", "喜", "欢", "这", "部", "电", "影", "!"]),  # no spaces: each character a word
    ("これはペンです。", ["こ", "れ", "は", "ペ", "ン", "で", "す", "。"]),
    ("I love 東京 in 2024", ["i", "love", "東", "京", "in", "2024"]),
    ("나는 영화를 좋아해", ["나는", "영화를", "좋아해"]),  # Korean puts spaces between its words
    ("Naïve café_au-lait", ["naïve", "café_au", "-", "lait"]),
])
def test_words_of_chinese_and_japanese_are_their_characters(text, words):
    """Written without spaces, a Chinese or Japanese review was one "word" of its own (seen once, so unknown in
    every other text): a classifier of such reviews learnt nothing."""
    assert split_tokens(text, "words") == words


def test_a_chinese_text_classifier_learns_from_its_characters():
    good, bad = "好 棒 喜欢 精彩 满意", "差 烂 讨厌 无聊 失望"
    rng = random.Random(0)
    texts = ["".join(rng.sample(good.split(), 3)) + "的电影" for _ in range(40)] + \
        ["".join(rng.sample(bad.split(), 3)) + "的电影" for _ in range(40)]
    encoder = learn_encoder(texts, "words")
    assert {"好", "差", "电", "影"} <= set(encoder.vocab) and len(encoder.vocab) < 30
    assert UNK not in encoder.encode(texts).ids.tolist()[0]


# ---- the language models generate text --------------------------------------------------------------------

@pytest.mark.parametrize("preset", ["char_lstm_pydoc", "char_transformer_pydoc"])
def test_the_character_presets_train_a_few_steps_and_generate_text_of_the_asked_length(preset, tmp_path):
    spec = read_preset(ROOT / "presets" / f"{preset}.json")
    spec["training"].update(epochs=1, batch_size=64)
    spec["data"]["options"]["n_samples"] = 128
    ds = builder.datasets.load_dataset(spec["data"]["dataset"], spec["data"]["options"])
    spec, _ = fit_network(spec, ds)  # fewer windows may hold fewer distinct next characters
    trainer = Trainer.from_spec(spec, telemetry=False).run()
    assert trainer.status == "finished"
    text = generate(trainer.model, ds.text.encoder, ds.class_names, "def ", length=40, temperature=0.8)
    assert text.startswith("def ") and len(text) == 44
    assert set(text[4:]) <= set(ds.class_names)
    out = write_bundle(trainer, tmp_path / "lm")
    assert generate_text(out, "def ", 40, 0.8) == text  # the bundle generates as the model in memory


def test_generate_refuses_bad_settings_and_models_of_other_data(trained, capsys):
    _, out, _ = trained
    with pytest.raises(DataError, match="language model"):
        generate_text(out, length=5)
    encoder = TextEncoder("chars", ("<pad>", "<unk>", "a"), 4)
    with pytest.raises(DataError, match="temperature must be between 0 and 10"):
        generate(torch.nn.Identity(), encoder, ["a"], temperature=-1)
    with pytest.raises(DataError, match="length must be"):
        generate(torch.nn.Identity(), encoder, ["a"], length=0)
    assert main(["generate", str(out), "--length", "5"]) == 2
    assert "error:" in capsys.readouterr().err


# ---- hostile text ------------------------------------------------------------------------------------------

def test_huge_cells_control_characters_and_empty_texts_are_cut_removed_and_counted():
    rows = reviews(520)
    rows[510] = ("great " * 30_000, "good")  # 180,000 characters (past the 500 lines the csv module reads itself)
    rows[1] = ("\x1b[31mawful\x07 film\x7f", "bad")
    rows[2] = ("", "good")
    ds = load_upload(csv_bytes(rows), "r.csv", text="review")
    assert "1 text(s) over 100,000 characters were cut" in ds.description
    assert ds.text.notes["empty"] == 1 and ds.text.notes["cut"] >= 1
    assert "\x1b" not in "".join(ds.text.encoder.vocab) and "\x07" not in "".join(ds.text.encoder.vocab)
    assert (ds.x[2] == PAD).all()
    rows[1] = ("awful\x00 film", "bad")
    with pytest.raises(DataError, match="NUL bytes"):  # a NUL is a binary file's, refused by the CSV reader
        load_upload(csv_bytes(rows), "r.csv", text="review")


@pytest.mark.parametrize("options, message", [
    ({"text": "body"}, "no column 'body' to read text from"),
    ({"text": "review", "tokens": "bytes"}, "tokens must be one of chars, words, subwords"),
    ({"text": "review", "seq_len": 0}, "seq_len must be a whole number from 1 to 1024"),
    ({"text": "review", "target": "review"}, "needs a target column besides the text column"),
    ({"text": "review", "task": "reconstruction"}, "cannot be rebuilt"),
])
def test_bad_text_options_are_refused_in_words(options, message):
    with pytest.raises(DataError, match=message):
        load_upload(csv_bytes(reviews(20)), "r.csv", **options)


def test_a_column_of_empty_texts_is_refused():
    with pytest.raises(DataError, match="every text is empty"):
        load_upload(csv_bytes([("", "good" if i % 2 else "bad") for i in range(20)]), "r.csv", text="review")


def test_a_damaged_encoder_in_a_bundle_is_refused(trained, tmp_path):
    _, out, _ = trained
    spec = json.loads((out / "spec.json").read_text())
    for damage in ({"kind": "bytes"}, {"vocab": ["a"]}, {"seq_len": -1}, {"vocab": "abc"}):
        broken = tmp_path / "broken"
        broken.mkdir(exist_ok=True)
        (broken / "model.safetensors").write_bytes((out / "model.safetensors").read_bytes())
        document = json.loads(json.dumps(spec))
        document["inference"]["text"].update(damage)
        (broken / "spec.json").write_text(json.dumps(document))
        (broken / "in.csv").write_text("review\nhello\n")
        with pytest.raises(builder.BundleError, match="text encoder"):
            from builder.prediction import read_inputs
            read_inputs(broken / "in.csv", load_bundle(broken))


def test_the_cli_trains_on_a_text_column_and_refuses_text_options_without_one(tmp_path, capsys):
    data = tmp_path / "reviews.csv"
    data.write_bytes(csv_bytes(reviews(60)))
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(bag_of_embeddings(32, 2191, 3) | {"training": {"epochs": 1, "seed": 0}}))
    code = main(["train", str(spec), "--data", str(data), "--text", "review", "--fit", "--out", str(tmp_path / "o")])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "fit: input shape set to [5] (long)" in printed.out and "fit: 'out' now outputs 2 values" in printed.out
    assert main(["train", str(spec), "--data", str(data), "--tokens", "chars", "--out", str(tmp_path / "p")]) == 2
    assert "--tokens and --seq-len apply to a text column" in capsys.readouterr().err
