"""What the hostile tests share: the CLI run in-process, its refusals checked, and small trained bundles."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import builder
from builder.bundle import write_bundle
from builder.cli import main


def cli(capsys, *args) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `python -m builder ARGS`, run in this process."""
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def refused_cli(capsys, *args, words: str) -> str:
    """stderr of a command that must be refused: exit 2, `error:` lines naming `words`, no traceback."""
    code, _, err = cli(capsys, *args)
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err and words in err, (code, err)
    return err


def small_spec(ids=("fc1", "a1", "out"), dataset: str = "moons", outputs: int = 2, **training) -> dict:
    """An MLP on a built-in dataset whose layers are called `ids` (Linear, ReLU, Linear)."""
    first, act, last = ids
    return {"format": "netbuilder/1", "name": "small", "input": {"shape": [2] if dataset != "diabetes" else [10]},
            "layers": [{"id": first, "type": "Linear", "params": {"out_features": 8}}, {"id": act, "type": "ReLU"},
                       {"id": last, "type": "Linear", "params": {"out_features": outputs}}],
            "data": {"dataset": dataset, "options": {"n_samples": 200} if dataset == "moons" else {}},
            "training": {"epochs": 1, "batch_size": 64, "lr": 0.01, "seed": 0, **training}}


def trained_bundle(folder: Path, spec: dict | None = None, dataset=None, **options) -> Path:
    """A bundle of one epoch's training on `spec` (default: small_spec()), written to `folder`."""
    trainer = builder.train(spec or small_spec(), dataset=dataset, telemetry=False)
    return write_bundle(trainer, folder, **options)


def edited_copy(bundle: Path, dst: Path, edit_spec=None) -> Path:
    """A copy of a bundle folder, its spec.json changed by `edit_spec(raw dict)`."""
    shutil.copytree(bundle, dst)
    if edit_spec:
        raw = json.loads((dst / "spec.json").read_text())
        edit_spec(raw)
        (dst / "spec.json").write_text(json.dumps(raw))
    return dst
