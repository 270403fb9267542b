"""Names from data and bundles on the terminal: what `predict`, `train` (its progress bar), `summary` and `validate`
print never drives the terminal (ANSI CSI, OSC 52 clipboard writes, OSC 8 links, C1 controls, bidi overrides, NUL,
backspaces) and never forges output (a newline or tab in a class name); predict's table is a real TSV, each text cell
quoted as it needs, and no cell leads with a spreadsheet formula (OWASP's CSV-injection guidance). Class names come
from a bundle's spec.json, a CSV's label column or an image ZIP's folder names: each surface has its cases."""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import builder
from builder.bundle import write_bundle
from builder.cli import main
from conftest import moons_spec

# What a terminal acts on: C0 controls but tab and newline (the table's own), DEL, C1 controls, and the Unicode
# controls that reorder or hide text
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")

TERMINAL = {  # case -> a class name that would act on the terminal or forge output if printed raw
    "osc 52 clipboard": "\x1b]52;c;cHduZWQ=\x07",
    "clear screen": "\x1b[2J\x1b[H",
    "colour": "\x1b[31mred\x1b[0m",
    "osc 8 hyperlink": "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "c1 csi": "\x9b2J",
    "bidi override": "\u202egnp.exe",
    "isolate": "\u2066x\u2069",
    "forged row": "a\nFORGED-ROW\t1.0",
    "carriage return": "ok\rFORGED",
    "tab": "a\tb",
    "nul": "a\x00b",
    "backspace": "abc\x08\x08\x08xyz",
    "delete": "a\x7fb",
    "zero width": "a\u200bb",
}
FORMULAS = {  # case -> a class name a spreadsheet would run as a formula if it led a cell
    "equals": "=cmd|' /C calc'!A0",
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "hyperlink": '=HYPERLINK("http://evil.example","x")',
    "tab lead": "\t=1+1",
    "cr lead": "\r=1+1",
    "dde": "=DDE(\"cmd\";\"/C calc\";\"!A0\")",
}
ORDINARY = {  # case -> a class name that is an ordinary value and prints as it is
    "negative number": "-1",
    "signed number": "+2",
    "exponent": "-1.5e-3",
    "word": "setosa",
    "spaces": "Iris versicolor",
    "accents": "café",
}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    trainer = builder.train(moons_spec(epochs=1), telemetry=False)
    return write_bundle(trainer, tmp_path_factory.mktemp("bundle") / "b")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("x") / "x.npz"
    np.savez(path, x=np.random.default_rng(0).normal(0, 1.5, (60, 2)).astype(np.float32))
    return path


def named(bundle: Path, folder: Path, names: list[str]) -> Path:
    """A copy of the bundle whose spec.json names these classes."""
    folder.mkdir()
    for member in ("model.safetensors", "spec.json", "history.csv"):
        (folder / member).write_bytes((bundle / member).read_bytes())
    raw = json.loads((folder / "spec.json").read_text())
    raw["inference"]["class_names"] = names
    (folder / "spec.json").write_text(json.dumps(raw))
    return folder


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def table(out: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(out, newline=""), delimiter="\t"))
    assert all(len(row) == 2 for row in rows), rows[:5]
    return rows


def clean(text: str) -> None:
    assert not RAW_CONTROL.findall(text), sorted(set(RAW_CONTROL.findall(text)))


# ---- predict: bundle class names -------------------------------------------------------------------

@pytest.mark.parametrize("case", TERMINAL)
def test_a_class_name_never_reaches_the_terminal_raw(bundle, inputs, tmp_path, capsys, case):
    name = TERMINAL[case]
    code, out, err = cli(capsys, "predict", named(bundle, tmp_path / "b", [name, name + "2"]), inputs)
    assert code == 0, err
    clean(out)
    rows = table(out)
    assert len(out.splitlines()) == len(rows) == 61 and rows[0] == ["class", "probability"]
    assert "FORGED-ROW" not in [r[0] for r in rows] and not any(line.startswith("FORGED") for line in out.splitlines())


@pytest.mark.parametrize("case", FORMULAS)
def test_no_cell_leads_with_a_spreadsheet_formula(bundle, inputs, tmp_path, capsys, case):
    name = FORMULAS[case]
    code, out, err = cli(capsys, "predict", named(bundle, tmp_path / "b", [name, name + "2"]), inputs)
    assert code == 0, err
    clean(out)
    cells = [row[0] for row in table(out)[1:]]
    assert len(cells) == 60 and all(cell[:1] not in ("=", "+", "-", "@", "\t", "\r") for cell in cells), cells[:3]
    assert all(cell.startswith("'") for cell in cells)  # neutralised the OWASP way, still readable


@pytest.mark.parametrize("case", ORDINARY)
def test_ordinary_names_and_numbers_print_as_they_are(bundle, inputs, tmp_path, capsys, case):
    name = ORDINARY[case]
    code, out, err = cli(capsys, "predict", named(bundle, tmp_path / "b", [name, "other"]), inputs)
    assert code == 0, err
    rows = table(out)
    assert {row[0] for row in rows[1:]} <= {name, "other"}
    assert all(re.fullmatch(r"[01]\.\d{4}", row[1]) for row in rows[1:])
    assert out.splitlines()[1] == "\t".join(rows[1])  # nothing quoted that needs no quoting: today's format


def test_a_quote_in_a_name_is_quoted_the_csv_way(bundle, inputs, tmp_path, capsys):
    name = 'say "hi"'
    code, out, _ = cli(capsys, "predict", named(bundle, tmp_path / "b", [name, name + "!"]), inputs)
    assert code == 0
    rows = table(out)
    assert {row[0] for row in rows[1:]} <= {name, name + "!"} and '"say ""hi""' in out


def test_negative_predicted_values_stay_numbers(tmp_path, capsys):
    spec = {"format": "netbuilder/1", "input": {"shape": [10]},
            "layers": [{"id": "out", "type": "Linear", "params": {"out_features": 1}}],
            "data": {"dataset": "diabetes"}, "training": {"epochs": 1}}
    out_dir = write_bundle(builder.train(spec, telemetry=False), tmp_path / "b")
    raw = json.loads((out_dir / "spec.json").read_text())
    raw["inference"]["normalizer"]["y_mean"] = [-1000.0]  # every prediction negative
    (out_dir / "spec.json").write_text(json.dumps(raw))
    np.savez(tmp_path / "x.npz", x=np.zeros((3, 10), np.float32))
    code, out, err = cli(capsys, "predict", out_dir, tmp_path / "x.npz")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "prediction" and all(re.fullmatch(r"-\d+(\.\d+)?(e[+-]\d+)?", v) for v in lines[1:]), lines


# ---- predict --output ---------------------------------------------------------------------------

def test_output_writes_the_same_table_to_a_file(bundle, inputs, tmp_path, capsys):
    hostile = named(bundle, tmp_path / "b", [FORMULAS["equals"], TERMINAL["forged row"]])
    _, printed, _ = cli(capsys, "predict", hostile, inputs)
    target = tmp_path / "out" / "predictions.tsv"
    target.parent.mkdir()
    code, out, err = cli(capsys, "predict", hostile, inputs, "--output", target)
    assert code == 0, err
    assert target.read_text() == printed and str(target) in out and printed not in out
    assert sorted(p.name for p in target.parent.iterdir()) == ["predictions.tsv"]  # written whole, nothing left over
    code, _, _ = cli(capsys, "predict", hostile, inputs, "--output", target)  # and again, over its own last table
    assert code == 0 and target.read_text() == printed


def test_output_never_writes_over_the_bundle_or_the_input(bundle, inputs, tmp_path, capsys):
    copy = named(bundle, tmp_path / "b", ["a", "b"])
    before = {p.name: p.read_bytes() for p in copy.iterdir()}
    for target in (copy / "spec.json", copy / "model.safetensors", copy / "predictions.tsv", inputs, copy):
        code, out, err = cli(capsys, "predict", copy, inputs, "--output", target)
        assert code == 2 and err.startswith("error: --output") and out == "", (target, err)
    assert {p.name: p.read_bytes() for p in copy.iterdir()} == before and inputs.stat().st_size > 0


def test_output_names_a_path_with_control_characters_escaped(bundle, inputs, tmp_path, capsys):
    target = tmp_path / "p\x1b[2J.tsv"
    code, out, err = cli(capsys, "predict", bundle, inputs, "--output", target)
    assert code == 0, err
    clean(out)
    assert target.exists()


# ---- class names from a CSV's labels and an image ZIP's folders, through train and predict ------------

def _train(capsys, tmp_path: Path, spec: dict, data: Path) -> tuple[Path, str]:
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    code, out, err = cli(capsys, "train", tmp_path / "spec.json", "--data", data, "--epochs", "1",
                         "--out", tmp_path / "run")
    assert code == 0, err
    return tmp_path / "run", out + err


HOSTILE_NAME = "net\x1b]52;c;cHduZWQ=\x07\x1b[2J\u202e"


@pytest.mark.parametrize("labels", [[TERMINAL["clear screen"], TERMINAL["forged row"]],
                                    [FORMULAS["equals"], TERMINAL["osc 8 hyperlink"]]], ids=["control", "formula"])
def test_csv_labels_reach_the_terminal_escaped(tmp_path, capsys, labels):
    rows = [[f"{i / 40:.3f}", f"{(i * 7 % 40) / 40:.3f}", labels[i % 2]] for i in range(40)]
    text = io.StringIO()
    csv.writer(text).writerows([["a", "b", "label"], *rows])
    (tmp_path / "d.csv").write_text(text.getvalue(), newline="")
    spec = moons_spec() | {"name": HOSTILE_NAME}
    spec.pop("data")
    run, said = _train(capsys, tmp_path, spec, tmp_path / "d.csv")
    clean(said.replace("\r", ""))  # the progress bar redraws its line with carriage returns of its own
    assert "\x1b]52" not in said and "\x1b[2J" not in said
    (tmp_path / "x.csv").write_text("a,b\n" + "".join(f"{i / 10},{1 - i / 10}\n" for i in range(10)))
    code, out, err = cli(capsys, "predict", run, tmp_path / "x.csv")
    assert code == 0, err
    clean(out)
    assert len(table(out)) == 11 and all(row[0][:1] not in "=+-@" for row in table(out))


def test_image_folder_names_reach_the_terminal_escaped(tmp_path, capsys):
    folders = [TERMINAL["osc 52 clipboard"] + "cats", FORMULAS["at"].replace("/", "")]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for c, folder in enumerate(folders):
            for i in range(6):
                image = io.BytesIO()
                Image.fromarray(np.full((8, 8), 40 + 160 * c + i, np.uint8)).save(image, format="PNG")
                zf.writestr(f"{folder}/{i}.png", image.getvalue())
    (tmp_path / "images.zip").write_bytes(buffer.getvalue())
    spec = {"format": "netbuilder/1", "name": HOSTILE_NAME, "input": {"shape": [1, 28, 28]},
            "layers": [{"id": "flat", "type": "Flatten"}, {"id": "out", "type": "Linear", "params": {"out_features": 2}}],
            "training": {"epochs": 1, "batch_size": 4}}
    run, said = _train(capsys, tmp_path, spec, tmp_path / "images.zip")
    clean(said.replace("\r", ""))
    np.savez(tmp_path / "x.npz", x=np.random.default_rng(0).random((5, 1, 28, 28)).astype(np.float32))
    code, out, err = cli(capsys, "predict", run, tmp_path / "x.npz")
    assert code == 0, err
    clean(out)
    assert len(table(out)) == 6 and all(row[0][:1] not in "=+-@" for row in table(out))


# ---- summary and validate ----------------------------------------------------------------------

@pytest.mark.parametrize("case", ["osc 52 clipboard", "osc 8 hyperlink", "c1 csi", "nul", "forged row", "isolate"])
def test_summary_and_validate_print_names_escaped(tmp_path, capsys, case):
    spec = moons_spec() | {"name": TERMINAL[case]}
    (tmp_path / "ok.json").write_text(json.dumps(spec))
    for command in ("validate", "summary"):
        code, out, err = cli(capsys, command, tmp_path / "ok.json")
        assert code == 0, err
        clean(out + err)
    spec["layers"][0]["type"] = TERMINAL[case]  # an unknown type, named in the error
    (tmp_path / "bad.json").write_text(json.dumps(spec))
    for command in ("validate", "summary"):
        code, out, err = cli(capsys, command, tmp_path / "bad.json")
        assert code == 2 and len(err.splitlines()) == 1 and err.startswith("error: layer 'fc1'"), err
        clean(out + err)
