"""torch.compile, offered and off by default: `train(spec, compile=True)` and `train --compile` train the same
network to the same history as the eager engine; without a C++ compiler the CLI says what is missing."""
import csv
import json

import pytest
import torch

import builder
from builder.cli import main
from builder.cli_train import compiler_missing


def tiny_mlp() -> dict:
    """Two moons, a partial last batch (320 training rows in batches of 48), so the compiled forward meets a second
    batch size too."""
    return {
        "format": "netbuilder/1", "name": "tiny mlp", "input": {"shape": [2]},
        "layers": [{"id": "fc1", "type": "Linear", "params": {"out_features": 8}}, {"id": "a1", "type": "ReLU"},
                   {"id": "out", "type": "Linear", "params": {"out_features": 2}}],
        "data": {"dataset": "moons", "options": {"n_samples": 400}},
        "training": {"epochs": 2, "batch_size": 48, "lr": 0.01, "seed": 0},
    }


def close(compiled: list[dict], eager: list[dict]) -> None:
    """Same epochs, the same losses and accuracies to float rounding (inductor fuses, so the last bits may differ)."""
    assert [int(r["epoch"]) for r in compiled] == [r["epoch"] for r in eager] == [1, 2]
    for c, e in zip(compiled, eager):
        for key in ("train_loss", "val_loss", "train_acc", "val_acc"):
            assert float(c[key]) == pytest.approx(e[key], rel=1e-3, abs=1e-4), key


needs_compiler = pytest.mark.skipif(compiler_missing() is not None,
                                    reason=f"torch.compile on the CPU needs {compiler_missing()}")


@needs_compiler
@pytest.mark.slow
def test_compile_trains_the_same_history_through_the_api_and_the_cli(tmp_path, capsys, monkeypatch):
    compiled_models = []
    real = torch.compile
    monkeypatch.setattr(torch, "compile", lambda model, **kw: compiled_models.append(model) or real(model, **kw))
    compiled = builder.train(tiny_mlp(), compile=True)  # telemetry on, as the page and the CLI train
    assert compiled_models == [compiled.model]
    eager = builder.train(tiny_mlp())
    assert len(compiled_models) == 1  # off by default
    assert compiled.status == eager.status == "finished", compiled.log.message
    assert [set(r) for r in compiled.history()] == [set(r) for r in eager.history()]
    close(compiled.history(), eager.history())
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(tiny_mlp()))
    assert main(["train", str(spec), "--compile", "--out", str(tmp_path / "run")]) == 0, capsys.readouterr().err
    assert len(compiled_models) == 2
    with open(tmp_path / "run" / "history.csv") as f:
        close(list(csv.DictReader(f)), eager.history())


def test_compile_without_a_cpp_compiler_is_refused_naming_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CXX", "no-such-c++-compiler")
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(tiny_mlp()))
    code = main(["train", str(spec), "--compile", "--device", "cpu", "--out", str(tmp_path / "run")])
    err = capsys.readouterr().err
    assert code == 2
    assert "error: --compile on the CPU needs a C++ compiler (no-such-c++-compiler)" in err
    assert "Traceback" not in err
