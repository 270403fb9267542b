"""`python -m builder validate|summary|code|presets|layers`: exit codes, output, and error lines for people."""
import json
import subprocess
import sys

import pytest

import builder
from builder.cli import main
from builder.registry import REGISTRY
from conftest import PRESET_PATHS, ROOT, layer, make_spec

PRESET = ROOT / "presets" / "lenet_digits.json"
INVALID = make_spec([1, 8, 8], [layer("c1", "Conv2d", out_channels=6, kernel_size=3, in_channels=1),
                                layer("d1", "Dropout", p=1.5), layer("fc", "Linaer", out_features=10)])


def run_cli(*args):
    """`python -m builder ARGS` in a fresh process: exit code, stdout, stderr."""
    done = subprocess.run([sys.executable, "-m", "builder", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    return done.returncode, done.stdout, done.stderr


def run_main(capsys, *args):
    """The same entry point in-process (each subprocess pays torch's import, ~3 s of CPU)."""
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_summary_json_has_exactly_the_design_keys():
    code, stdout, stderr = run_cli("summary", "--json", PRESET)
    assert code == 0, stderr
    data = json.loads(stdout)
    assert list(data) == ["layers", "output_shape", "total_params", "trainable_params", "flops"]
    for row in data["layers"]:
        assert list(row) == ["id", "type", "output_shape", "params", "trainable_params", "flops"]
    assert data == {k: v for k, v in builder.summarize(PRESET).to_dict().items() if k in data}
    assert data["layers"][0] == {"id": "c1", "type": "Conv2d", "output_shape": [6, 8, 8], "params": 60,
                                 "trainable_params": 60, "flops": 6912}


def test_an_invalid_spec_exits_2_with_one_line_per_problem(tmp_path):
    path = tmp_path / "invalid.json"
    path.write_text(json.dumps(INVALID))
    code, stdout, stderr = run_cli("validate", path)
    assert code == 2 and stdout == ""
    lines = stderr.splitlines()
    assert len(lines) == 3 and "Traceback" not in stderr
    assert lines[0].startswith("error: layer 'c1' (Conv2d): in_channels is inferred")
    assert lines[1].startswith("error: layer 'd1' (Dropout): p must be between 0 and 0.999. Received: p=1.5")
    assert lines[2].startswith("error: layer 'fc' (Linaer): unknown layer type 'Linaer'")


def test_validate_a_preset(capsys):
    code, stdout, stderr = run_main(capsys, "validate", PRESET)
    assert (code, stderr) == (0, "")
    assert stdout == "ok: LeNet (digits): 10 layers, output shape [10]\n"


def test_code_prints_the_generated_module(capsys):
    code, stdout, stderr = run_main(capsys, "code", PRESET)
    assert (code, stderr) == (0, "")
    assert stdout == builder.generate_code(PRESET)


def test_presets_lists_every_preset(capsys):
    code, stdout, stderr = run_main(capsys, "presets")
    assert (code, stderr) == (0, "")
    lines = stdout.splitlines()
    assert [line.split()[0] for line in lines] == [p.stem for p in PRESET_PATHS]
    assert any(line.startswith("lenet_digits") and "5,750 params" in line and "LeNet (digits)" in line for line in lines)


def test_layers_lists_every_registry_type(capsys):
    code, stdout, stderr = run_main(capsys, "layers")
    assert (code, stderr) == (0, "")
    listed = {line.split()[0] for line in stdout.splitlines() if line.startswith("  ")}
    assert listed == set(REGISTRY)
    assert "out_features*" in stdout


@pytest.mark.parametrize("content,words", [
    ("{not json", "not valid JSON"),
    (json.dumps({"format": "keras/3", "layers": []}), "not a netbuilder/1 spec"),
    (json.dumps(["a", "list"]), "a spec is a JSON object"),
])
@pytest.mark.parametrize("command", ["validate", "summary", "code"])
def test_a_file_that_is_not_a_spec_exits_2_naming_the_file(tmp_path, capsys, content, words, command):
    path = tmp_path / "thing.json"
    path.write_text(content)
    code, stdout, stderr = run_main(capsys, command, path)
    assert (code, stdout) == (2, "")
    [line] = stderr.splitlines()
    assert line.startswith(f"error: {path}: ") and words in line


def test_a_missing_file_exits_2(tmp_path, capsys):
    assert main(["summary", "--json", str(tmp_path / "nope.json")]) == 2
    assert capsys.readouterr().err.startswith(f"error: {tmp_path / 'nope.json'}: cannot read the file")


def test_validate_prints_warnings_for_dead_layers(tmp_path, capsys):
    path = tmp_path / "dead.json"
    path.write_text(json.dumps(make_spec([4], [layer("dead", "ReLU"), layer("out", "Linear", ["input"], out_features=2)])))
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ("warning: layer 'dead' (ReLU): its output never reaches the model's output 'out', "
                            "so it learns nothing\n")
    assert captured.out.startswith("ok: ")


def test_summary_table(capsys):
    assert main(["summary", str(PRESET)]) == 0
    out = capsys.readouterr().out
    assert "c1 (Conv2d)" in out and "Total params: 5,750" in out


def test_a_presets_name_is_a_spec_where_no_file_has_that_name(capsys, tmp_path, monkeypatch):
    """The README suggests `train text_classifier …`: a preset's name reads that preset; a file of the same name in
    the folder wins; a bare name that is neither is refused with the hint; a missing path is said as before."""
    code, out, err = run_main(capsys, "summary", "--json", "lenet_digits")
    assert code == 0, err
    assert json.loads(out)["total_params"] == builder.summarize(PRESET).total_params
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lenet_digits").write_text(json.dumps(INVALID))  # a file of that name, here: it is the spec read
    code, _, err = run_main(capsys, "validate", "lenet_digits")
    assert code == 2 and "layer 'fc'" in err, err
    code, _, err = run_main(capsys, "validate", "lenet_digitz")
    assert code == 2 and err == ("error: argument spec: no such file, and no preset of that name (python -m builder "
                                 "presets lists them). Received: 'lenet_digitz' (python -m builder validate --help)\n")
    code, _, err = run_main(capsys, "code", "../presets/lenet_digits")  # a path is never a preset's name
    assert code == 2 and "cannot read the file" in err, err
