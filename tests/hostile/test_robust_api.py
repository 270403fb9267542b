"""The Python API on input that once escaped as a bare Python error: JSON files nested deeper than the parser
follows (a bundle's spec.json, a run folder's run.json and data.json), arguments of the wrong type or holding a NUL,
temperatures too small to divide by, seeds torch cannot take; and `errors.printable`, which escapes every character
a terminal does not draw as itself (Unicode categories Cc, Cf, Zl, Zp, Cs, Co, Cn) and keeps the rest."""
from __future__ import annotations

import json
import shutil
import sys
import unicodedata
from pathlib import Path

import pytest
import torch

import builder
from builder.bundle import holds_bundle, load_bundle
from builder.compiler import MAX_SEED
from builder.errors import BundleError, DataError, SpecErrors, page_text, printable, table_cell
from builder.spec import NotJSON, decode_json
from builder.store import RunStore, read_run_file, load_saved_dataset, write_run_file
from builder.text import TextEncoder, generate

from .helpers import trained_bundle

DEEP = "[" * 200_000 + "]" * 200_000


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    return trained_bundle(tmp_path_factory.mktemp("b") / "b")


# ---- A: every JSON file a person can touch, read through one helper ----------------------------------------

@pytest.mark.parametrize("text,words", [
    (DEEP, "nested too deeply to be read as JSON"),
    ('{"a": ' + "9" * 5000 + "}", "not valid JSON here"),
    ("{not json", "not valid JSON"),
    (b"\xff\xfe\x00", "not valid JSON"),
])
def test_decode_json_turns_every_failure_into_one_error(text, words):
    with pytest.raises(NotJSON, match=words):
        decode_json(text)


def test_a_bundle_whose_spec_json_nests_too_deeply_is_a_bundle_error(bundle, tmp_path):
    deep = tmp_path / "deep"
    shutil.copytree(bundle, deep)
    (deep / "spec.json").write_text(DEEP)
    for load in (builder.load, load_bundle):
        with pytest.raises(BundleError, match="spec.json is nested too deeply"):
            load(deep)
    assert holds_bundle(deep) is False
    with pytest.raises(SpecErrors, match="nested too deeply"):
        builder.load_spec(deep / "spec.json")
    assert RunStore(tmp_path)._describe(deep) is None  # listed as no run, not a crash of the page


@pytest.mark.parametrize("depth", [100, 900, 990, 1_000, 5_000])
@pytest.mark.parametrize("where", ["params", "inference", "class_names", "normalizer", "layout", "name"])
def test_nesting_anywhere_in_a_bundles_spec_json_is_refused_in_the_apis_terms(bundle, tmp_path, depth, where):
    """Too deep to read: BundleError; readable but wrong where a layer's parameter goes: SpecErrors naming it."""
    raw = json.loads((bundle / "spec.json").read_text())
    put = {"params": lambda: raw["layers"][0].update(params={"out_features": "@"}),
           "inference": lambda: raw.update(inference={"task": "@"}),
           "class_names": lambda: raw["inference"].update(class_names="@"),
           "normalizer": lambda: raw["inference"].update(normalizer="@"),
           "layout": lambda: raw.update(layout={"fc1": "@"}), "name": lambda: raw.update(name="@")}
    put[where]()
    folder = tmp_path / "b"
    shutil.copytree(bundle, folder)
    (folder / "spec.json").write_text(json.dumps(raw).replace('"@"', "[" * depth + "]" * depth))
    with pytest.raises((BundleError, SpecErrors)):
        load_bundle(folder)


def test_run_files_nested_too_deeply_read_as_no_run(tmp_path):
    run = tmp_path / "session" / "run1"
    write_run_file(run, status="finished")
    assert read_run_file(run) == {"status": "finished"}
    for name in ("run.json", "data.json"):
        (run / name).write_text(DEEP)
    (run / "data.safetensors").write_bytes(b"")
    assert read_run_file(run) == {} and load_saved_dataset(run) is None
    assert RunStore(tmp_path).list("session") == []
    write_run_file(run, status="failed")  # a damaged run file is written afresh, not a crash
    assert read_run_file(run) == {"status": "failed"}


# ---- F: arguments of the wrong type, or paths no file system takes --------------------------------------------

@pytest.mark.parametrize("value,words", [
    (None, "a path is a str or a pathlib.Path. Received: None"),
    (5, "Received: 5"),
    (b"abc", "Received: b'abc'"),
    (["a"], "Received: ['a']"),
    ("", "a path cannot be empty"),
    ("\x00", "a path cannot hold a NUL character"),
    ("bundle\x00.zip", "a path cannot hold a NUL character"),
    ("\ud800", "a lone surrogate"),
])
def test_load_refuses_what_cannot_name_a_bundle(value, words):
    with pytest.raises(BundleError, match=words.replace("(", r"\(").replace("[", r"\[")) as raised:
        builder.load(value)
    assert "a bundle is a folder or a .zip named by its path" in str(raised.value)


def test_load_names_a_path_too_long_or_a_zip_given_as_the_wrong_type(bundle, tmp_path):
    with pytest.raises(BundleError, match="cannot be read|no such bundle"):
        builder.load("a" * 5000)
    with pytest.raises(BundleError, match="a .zip's contents are bytes. Received: 'PK'"):
        load_bundle("b.zip", data="PK")


@pytest.mark.parametrize("value,words", [
    ("\x00", "cannot read the file (a path cannot hold a NUL character"),
    ("x\x00.json", "cannot read the file (a path cannot hold a NUL character"),
    ("\ud800.json", "a lone surrogate"),
    ("", "a path cannot be empty"),
    (None, "a spec is a path (str or pathlib.Path), a JSON text or a dict. Received: None"),
    (5, "Received: 5"),
    (bytearray(b"{}"), "Received: bytearray"),
    ([1, 2], "a spec is a JSON object. Received: list"),
    ('{"format": "netbuilder/1", "x": ' + "1" * 5000 + "}", "not valid JSON here"),
    ("[" * 100_000, "nested too deeply"),
])
def test_load_spec_refuses_what_is_not_a_spec_with_spec_errors(value, words):
    with pytest.raises(SpecErrors) as raised:
        builder.load_spec(value)
    assert words in str(raised.value)


# ---- B, C: generate at tiny temperatures, with seeds torch cannot take ---------------------------------------

class Fixed(torch.nn.Module):
    """A 'language model' whose next-token logits are always the same."""

    def __init__(self, logits):
        super().__init__()
        self.logits = torch.tensor([logits])

    def forward(self, x):
        return self.logits.expand(len(x), -1)


ENCODER = TextEncoder("chars", ("<pad>", "<unk>", "a", "b", "c"), 4)


@pytest.mark.parametrize("temperature", [1e-300, 1e-45, 5e-324, 1e-30, 1e-8])
def test_a_temperature_too_small_to_divide_by_writes_the_likeliest_token(temperature):
    model = Fixed([1.0, 3.0, 2.5])
    assert generate(model, ENCODER, ["a", "b", "c"], "", 20, temperature, seed=3) == "b" * 20
    assert generate(model, ENCODER, ["a", "b", "c"], "", 20, 0) == "b" * 20


def test_ordinary_temperatures_still_draw_from_the_distribution():
    text = generate(Fixed([1.0, 1.2, 1.1]), ENCODER, ["a", "b", "c"], "", 300, 1.0, seed=0)
    assert set(text) == {"a", "b", "c"}
    assert text == generate(Fixed([1.0, 1.2, 1.1]), ENCODER, ["a", "b", "c"], "", 300, 1.0, seed=0)


@pytest.mark.parametrize("logits", [[float("nan"), 1.0, 2.0], [float("inf"), 1.0, 2.0]])
def test_a_model_whose_outputs_diverged_is_a_data_error(logits):
    with pytest.raises(DataError, match="not finite numbers"):
        generate(Fixed(logits), ENCODER, ["a", "b", "c"], "", 5, 0.5)


@pytest.mark.parametrize("seed", [2**64, MAX_SEED + 1, -1, 1.5, "3", True, None])
def test_a_seed_torch_cannot_take_is_a_data_error(seed):
    with pytest.raises(DataError, match=f"seed must be a whole number from 0 to {MAX_SEED:,}"):
        generate(Fixed([1.0, 2.0, 3.0]), ENCODER, ["a", "b", "c"], "", 5, 1.0, seed=seed)
    assert generate(Fixed([1.0, 2.0, 3.0]), ENCODER, ["a", "b", "c"], "", 5, 1.0, seed=MAX_SEED)


# ---- E: printable escapes every character a terminal does not draw as itself ----------------------------------

ESCAPED = {  # case -> characters printable must escape
    "C0 and C1 controls, DEL": "\x00\x07\x08\t\n\r\x1b\x7f\x85\x9b",
    "bidi marks, overrides and isolates": "\u200e\u200f\u061c\u202a\u202e\u2066\u2069",
    "line and paragraph separators": "\u2028\u2029",
    "zero-width and invisible operators": "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad",
    "tag characters": "\U000e0001\U000e0041\U000e007f",
    "interlinear annotation, Mongolian vowel separator": "\ufff9\ufffb\u180e",
    "lone surrogates": "\ud800\udfff",
    "private use": "\ue000\U000f0000\U0010fffd",
    "unassigned and non-characters": "\u0378\ufffe\uffff\U0001fffe",
}
KEPT = {  # case -> text printable leaves as it is
    "ascii": "Iris versicolor (setosa) = -1.5e-3",
    "accents": "café naïve Ångström",
    "combining marks": "e\u0301 a\u0308",
    "cjk": "東京 漢字 한국어 ひらがな",
    "rtl letters": "שלום مرحبا",
    "emoji": "😀 ✋🏽 🇫🇷 1️⃣",
    "spaces": "a\u00a0b\u3000c\u2009d",
}


@pytest.mark.parametrize("case", ESCAPED)
def test_printable_escapes_every_invisible_or_reordering_character(case):
    for c in ESCAPED[case]:
        shown = printable(f"a{c}b")
        assert shown == f"a{c.encode('unicode_escape').decode()}b" and shown.isascii(), (case, hex(ord(c)))
        assert unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")
        assert c not in table_cell(f"x{c}")


@pytest.mark.parametrize("case", KEPT)
def test_printable_keeps_ordinary_text_readable(case):
    assert printable(KEPT[case]) == KEPT[case]


def test_printable_escapes_exactly_the_categories_a_terminal_does_not_draw():
    """Every code point, against an oracle: escaped exactly when its category is Cc, Cf, Zl, Zp, Cs, Co or Cn."""
    hidden = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}
    for start in range(0, sys.maxunicode + 1, 4096):
        block = "".join(map(chr, range(start, min(start + 4096, sys.maxunicode + 1))))
        expected = "".join(c.encode("unicode_escape").decode() if unicodedata.category(c) in hidden else c
                           for c in block)
        assert printable(block) == expected, hex(start)


def test_an_emoji_sequence_shows_its_joiners_as_escapes():
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    assert printable(family) == "\U0001F468\\u200d\U0001F469\\u200d\U0001F467"


def test_page_text_is_unchanged_by_the_terminal_rules():
    """A page draws direction marks and joiners itself (scripts and emoji need them): page_text keeps them."""
    assert page_text("a\u200db\u200ec\u061cd") == "a\u200db\u200ec\u061cd"
    assert page_text("a\u202eb") == "a\\u202eb"


@pytest.mark.parametrize("text", [b"[" * 100_000 + b"]" * 100_000, b'{"format": "netbuilder/1", "n": ' + b"1" * 5000 + b"}"])
def test_a_share_link_or_a_lesson_file_nobody_can_read_as_json_is_refused_in_words(text, tmp_path):
    # the share link's and the lesson loader's JSON go through decode_json too: too deep, or a number of more
    # digits than Python converts, is the link's or the lesson's error, never a bare RecursionError or ValueError
    import base64
    import zlib

    from builder.lessons import load_lesson
    from builder.share import ShareLinkError, decode_setup
    link = "1." + base64.urlsafe_b64encode(zlib.compress(text, 9)).rstrip(b"=").decode("ascii")
    with pytest.raises(ShareLinkError, match="does not hold a readable setup"):
        decode_setup(link)
    lesson = tmp_path / "lesson.json"
    lesson.write_bytes(text)
    with pytest.raises(DataError, match="cannot be read"):
        load_lesson(lesson)


def test_a_file_name_with_a_nul_is_refused_as_a_file_not_a_bare_error():
    from builder.files import FileRefused, open_regular, read_bytes
    with pytest.raises(FileRefused, match="NUL"):
        open_regular("spec\x00.json")
    with pytest.raises(FileRefused):
        read_bytes("spec\x00.json", 10)


def test_a_spec_sent_as_data_is_never_read_as_a_path_on_the_server(tmp_path):
    # a share link, a comparison link, an uploaded spec or bundle holding the JSON string "/some/file.json" once made
    # the server read that file (its name, its keys and values came back in the errors)
    import base64
    import zlib

    from builder.sandbox import read_spec
    from builder.share import ShareLinkError, decode_setup, decode_variants
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps({"format": "netbuilder/1", "name": "SECRET", "input": {"shape": [2]},
                                  "layers": [{"id": "o", "type": "Linear", "params": {"out_features": 1}}]}))

    def pack(value) -> str:
        return "1." + base64.urlsafe_b64encode(zlib.compress(json.dumps(value).encode(), 9)).rstrip(b"=").decode()

    with pytest.raises(ShareLinkError) as refused:
        decode_setup(pack(str(secret)))
    assert "SECRET" not in str(refused.value) and "a spec is a JSON object" in str(refused.value)
    with pytest.raises(ShareLinkError):
        decode_variants(pack([{"label": "x", "spec": str(secret)}]))
    with pytest.raises(SpecErrors, match="a spec is a JSON object"):
        read_spec("net.json", json.dumps(str(secret)).encode())
    with pytest.raises(SpecErrors, match="not valid JSON"):
        read_spec("net.json", str(secret).encode())  # the bare path as the file's text
    bundle = trained_bundle(tmp_path / "b")
    (bundle / "spec.json").write_text(json.dumps(str(secret)))
    with pytest.raises(BundleError) as refused:
        load_bundle(bundle)
    assert "SECRET" not in str(refused.value)


@pytest.mark.parametrize("name", ["../presets/mlp_digits", "x/../mlp_digits", "/etc/passwd"])
def test_a_preset_name_is_never_a_path(name):
    from builder.presets import load_preset
    with pytest.raises(KeyError, match="no preset"):
        load_preset(name)


@pytest.mark.parametrize("where", ["params", "options", "layout"])
def test_a_spec_value_too_deep_or_too_big_for_a_float_is_refused_in_words(where):
    # 300 lists deep, no view could write the spec back out (pydantic stops at about 255); a 400-digit position
    # overflowed math.isfinite
    deep = json.loads("[" * 300 + "1" + "]" * 300)
    spec = {"format": "netbuilder/1", "input": {"shape": [2]},
            "layers": [{"id": "o", "type": "Linear", "params": {"out_features": 2}}],
            "data": {"dataset": "moons", "options": {}}}
    if where == "params":
        spec["layers"][0]["params"]["out_features"] = deep
    elif where == "options":
        spec["data"]["options"]["noise"] = deep
    else:
        spec["layout"] = {"o": [10 ** 400, 1]}
    with pytest.raises(SpecErrors, match="nested more than 16 lists deep|two finite numbers"):
        builder.load_spec(spec)


def test_a_teachers_goal_too_big_for_a_float_is_the_links_error():
    from builder.lessons import parse_goal
    with pytest.raises(DataError, match="at_least must be a number"):
        parse_goal({"metric": "val_acc", "at_least": 10 ** 400}, "the teacher's link")
