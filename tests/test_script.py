"""The standalone training script: it runs alone and under torchrun, its data and normalisation are NetBuilder's,
its weights load back into NetBuilder, and it imports nothing of NetBuilder's."""
import ast
import io
import json
import os
import re
import subprocess
import sys
import tokenize
import types
from pathlib import Path

import numpy as np
import pytest
import torch

import builder
from builder.cli import main
from builder.datasets import DATASETS, TASKS, load_dataset
from builder.errors import DataError
from builder.objectives import objective_for
from builder.preprocessing import Normalizer, normalizer_for, split_indices
from builder.export import load_state_dict_file
from builder.presets import preset_paths
from builder.recipes import LOSSES, SCHEDULERS
from builder.script import generate_script
from builder.uploads.csv_file import load_csv
from conftest import moons_spec
from test_uploads import ADULT, EUROPEAN, HEADERLESS, TITANIC

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 240
EPOCH_LINE = re.compile(r"epoch (\d+)/\d+\s+train_loss (\S+)\s+val_loss (\S+)\s+val_acc (\S+)")


def namespace(spec) -> dict:
    """The generated script's functions and constants, without running its main()."""
    module = types.ModuleType("generated_train")  # a real module: the copied dataclasses look themselves up
    sys.modules[module.__name__] = module
    exec(compile(generate_script(spec), "train.py", "exec"), module.__dict__)
    return module.__dict__


def run(*args, cwd) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # as a person runs it: no checkout on the path
    return subprocess.run([*map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=TIMEOUT,
                          env={**env, "OMP_NUM_THREADS": "1", "NETBUILDER_DIST_TIMEOUT": "30"})


def epochs(output: str) -> list[tuple[float, ...]]:
    return [tuple(map(float, m.groups())) for m in EPOCH_LINE.finditer(output)]


def check_weights(spec, out: Path) -> None:
    """model.pt loads strictly into NetBuilder's network and gives finite outputs on normalised inputs."""
    model = builder.build_model(spec)
    model.load_state_dict(load_state_dict_file(out / "model.pt"), strict=True)
    norm = Normalizer.from_dict(json.loads((out / "normalizer.json").read_text()))
    x = norm.apply(load_dataset("moons", {"n_samples": 400}).x[:50])
    assert torch.isfinite(model.eval()(x)).all()


def test_the_script_trains_alone_on_a_file_and_under_torchrun_on_the_built_in_set(tmp_path):
    spec = moons_spec()
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    assert main(["script", str(tmp_path / "spec.json"), "--out", str(tmp_path / "train.py")]) == 0
    data = load_dataset("moons", {"n_samples": 400})  # the very samples the script generates, as a CSV file
    rows = "\n".join(f"{a!r},{b!r},{int(y)}" for (a, b), y in zip(data.x.tolist(), data.y.tolist()))
    (tmp_path / "moons.csv").write_text("x1,x2,label\n" + rows + "\n")

    alone = run(sys.executable, "train.py", "--data", "moons.csv", "--out", "alone", cwd=tmp_path)
    assert alone.returncode == 0, alone.stderr[-3000:]
    ddp = run(sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2", "train.py",
              "--out", "ddp", cwd=tmp_path)
    assert ddp.returncode == 0, ddp.stdout[-2000:] + ddp.stderr[-3000:]

    assert "2 process(es) on cpu; global batch size 33" in ddp.stdout
    one, two = epochs(alone.stdout), epochs(ddp.stdout)
    assert len(one) == len(two) == 2  # printed by rank 0 only
    # the same data, split and seed: the two ranks' weighted losses give the single process's gradients
    assert np.allclose(one, two, rtol=1e-3, atol=1e-4), (one, two)
    assert two[-1][3] > 0.75, "two epochs on moons should beat chance clearly"
    for out in ("alone", "ddp"):
        check_weights(spec, tmp_path / out)


def test_the_script_imports_only_torch_numpy_and_the_standard_library():
    allowed = {"argparse", "csv", "dataclasses", "gc", "io", "json", "math", "os", "re", "datetime", "pathlib", "numpy",
               "torch", "__future__", "sklearn", "pydoc_data"}  # pydoc_data: Python's own documentation, in the standard library
    for path in preset_paths():
        source = generate_script(builder.load_spec(path))
        modules = {alias.name.split(".")[0] for node in ast.walk(ast.parse(source))
                   if isinstance(node, (ast.Import, ast.ImportFrom))
                   for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])}
        assert modules <= allowed, (path.stem, modules - allowed)
        dataset = json.loads(path.read_text())["data"]["dataset"]
        if "sklearn" in modules:
            assert dataset in ("iris", "wine", "breast_cancer", "diabetes", "digits", "digits_rows"), path.stem
            assert "scikit-learn (sklearn.datasets)" in source


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_the_script_makes_netbuilders_data(name):
    """Every built-in dataset, python_topics' words included: the script carries NetBuilder's tokeniser."""
    options = {"n_samples": 50} if "n_samples" in DATASETS[name].options else {}
    reference = load_dataset(name, options)
    embed = [{"id": "emb", "type": "Embedding", "params": {"num_embeddings": 2, "embedding_dim": 2}}]
    ns = namespace({
        "format": "netbuilder/1", "input": {"shape": list(reference.sample_shape), "dtype": reference.dtype},
        "layers": [*(embed if reference.dtype == "long" else []), {"id": "flat", "type": "Flatten"},
                   {"id": "out", "type": "Linear", "params": {"out_features": 1}}],
        "data": {"dataset": name, "options": options}})
    x, y = ns["to_tensors"](*ns["builtin_data"](), built_in=True)  # as load_data reads a built-in set
    torch.testing.assert_close(x, reference.x)
    if reference.task == "classification":
        assert torch.equal(y, reference.y)
    else:
        torch.testing.assert_close(y, reference.y)


def test_the_script_normalises_as_netbuilder_does():
    ns = namespace(builder.load_spec(ROOT / "presets" / "mlp_diabetes.json"))
    x, y = ns["to_tensors"](*ns["builtin_data"](), built_in=True)  # as load_data reads a built-in set
    train_idx, _ = ns["split"](y, 0)
    stats = ns["training_statistics"](x[train_idx], y[train_idx])
    reference = normalizer_for(load_dataset("diabetes"), train_idx).to_dict()
    assert stats.keys() == reference.keys() and stats["x_shape"] == reference["x_shape"]
    for key in ("x_mean", "x_std", "y_mean", "y_std"):
        np.testing.assert_allclose(stats[key], reference[key], rtol=1e-6)


@pytest.mark.parametrize("task,loss", [(task, loss) for loss, entry in LOSSES.items() for task in entry.tasks])
def test_the_scripts_targets_are_the_engines(task, loss):
    """For every objective, the script's statistics, loss targets and loss-shaped outputs are the engine's."""
    objective = objective_for(task, loss)
    ns = namespace(moons_spec())
    ns["OBJECTIVE"] = objective.describe()  # what the generator writes for this objective
    g = torch.Generator().manual_seed(0)
    x = torch.rand(30, 1, 4, 4, generator=g) if task == "reconstruction" else torch.randn(30, 3, generator=g) * 4 + 2
    y = {"classification": torch.arange(30) % 2, "regression": torch.randn(30, 2, generator=g) * 50 + 100}.get(task, x)
    norm = Normalizer.from_samples(x, y if objective.scales_targets else None)
    stats = ns["training_statistics"](x, y)
    assert stats == norm.to_dict()
    x_script, y_script = ns["normalise"](x, y, stats)
    torch.testing.assert_close(x_script, norm.apply(x), rtol=0, atol=0)
    expected = objective.targets(y, norm)
    torch.testing.assert_close(y_script, expected, rtol=0, atol=0)
    out = torch.randn(*expected.shape[:1], *(x.shape[1:] if task == "reconstruction" else [2]), generator=g)
    torch.testing.assert_close(ns["shape_for_loss"](out, y_script), objective.shape_for_loss(out, expected))


def test_the_script_names_no_task_or_loss_in_its_code():
    """What differs per task reaches the script as OBJECTIVE's description, never as a branch on a name."""
    names = set(LOSSES) | set(TASKS)
    for path in preset_paths():
        source = generate_script(builder.load_spec(path))
        literals = {t.string.strip("'\"") for t in tokenize.generate_tokens(io.StringIO(source).readline)
                    if t.type == tokenize.STRING}
        assert not literals & names, (path.stem, literals & names)


@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_every_loss_is_spelled_out_as_the_engine_builds_it(loss):
    assert type(eval(LOSSES[loss].code, {"nn": torch.nn})) is type(LOSSES[loss].make())


@pytest.mark.parametrize("scheduler", sorted(SCHEDULERS))
@pytest.mark.parametrize("optimizer", ["sgd", "adam", "adagrad"])
def test_every_optimizer_and_schedule_is_spelled_out(optimizer, scheduler):
    ns = namespace(moons_spec(optimizer=optimizer, scheduler=scheduler, momentum=0.9))
    opt, sched = ns["make_optimizer"](torch.nn.Linear(2, 2).parameters(), 3, 5)
    assert type(opt).__name__.lower() == optimizer
    assert (sched is None) == (scheduler == "none")
    assert ns["SCHEDULER_UNIT"] == SCHEDULERS[scheduler].unit


def test_a_network_without_data_asks_for_a_file():
    spec = {k: v for k, v in moons_spec().items() if k != "data"}
    ns = namespace(spec)
    with pytest.raises(SystemExit, match="pass --data PATH"):
        ns["builtin_data"]()
    assert "--data PATH" in ns["__doc__"]
    assert "this network has no built-in dataset: pass your file with --data PATH" in generate_script(spec)


def test_the_script_splits_as_the_engine_does():
    ns = namespace(builder.load_spec(ROOT / "presets" / "mlp_digits.json"))
    x, y = ns["to_tensors"](*ns["builtin_data"](), built_in=True)  # as load_data reads a built-in set
    for seed in (0, 7):
        train, val = ns["split"](y, seed)
        reference = split_indices(load_dataset("digits"), ns["VAL_FRACTION"], seed)
        assert torch.equal(train, reference[0]) and torch.equal(val, reference[1])


PENGUINS = """species,island,bill_length_mm,flipper_length_mm,sex
Adelie,Torgersen,39.1,181,male
Adelie,Torgersen,NA,186,female
Gentoo,Biscoe,46.1,211,
Gentoo,Biscoe,50.0,NA,male
Chinstrap,Dream,46.5,192,female
Chinstrap,Dream,49.9,198,male
,Dream,45.0,190,male
"""


@pytest.mark.parametrize("missing", ["drop", "impute"])
def test_the_script_reads_a_csv_with_text_and_gaps_as_an_upload_is(tmp_path, missing):
    path = tmp_path / "penguins.csv"
    path.write_text(PENGUINS)
    reference = load_csv(path.read_bytes(), "penguins.csv", target="species", missing=missing)
    ns = namespace(builder.load_spec(ROOT / "presets" / "logistic_regression.json"))
    x, labels, table = ns["read_csv"](path, "species", missing)
    assert table.feature_names == reference.feature_names
    np.testing.assert_array_equal(np.isnan(x), torch.isnan(reference.x).numpy())
    np.testing.assert_allclose(np.nan_to_num(x), torch.nan_to_num(reference.x).numpy())
    codes, names = ns["encode_classes"](labels)
    assert names == reference.class_names and np.array_equal(codes, reference.y.numpy())
    with pytest.raises(SystemExit, match="3 columns have missing values: column 'bill_length_mm' has 1"):
        ns["read_csv"](path, "species", None)


@pytest.mark.parametrize("raw, target, ignore", [
    (EUROPEAN.encode("cp1252"), None, []),  # Windows-1252, semicolons, decimal commas
    ("x1\tx2\tlabel\n0.5\t1\tja\n-1\t2\tnein\n2\t0\tja\n".encode("utf-16"), None, []),
    (b'income,rate,y\n"$1,234.50",12.5%,0\n"12,000",-3 %,1\n950,0.5%,0\n', None, []),
    (TITANIC, "Survived", ["PassengerId"]),  # names, tickets and cabins left out by themselves
    (HEADERLESS, None, []),
    (ADULT, None, []),
    (b"a,b,y\r1,u,0\r3,v,1\r5,u,0\r", None, []),  # old Mac Excel's line breaks
    (b"sep=;\r\na;b;y\r\n1,5;x;0\r\n2,5;z;1\r\n3;x;0\r\n", None, []),  # Excel's separator line
    (b"a,notes,b,y,\n1,,2,0,\n2,,3,1,\n3,,4,0,\n", None, []),  # an empty column, a comma ending every line
    (b"a, b ,a,y\n1,2,3,0\n2,3,4,1\n3,4,5,0\n", "y", ["b"]),  # names as the header gives them, spaces trimmed
    (b"label,p0,p1\n3,0,255\n1,12,0\n3,7,9\n", None, []),  # Kaggle's digits: the target is named, and first
    (b"kind,note,size\n" + b"".join(b"%s,%d words and then some more %d,%s\n" % (b"ab"[i % 2:i % 2 + 1], i, i,
                                                                                b"SML"[i % 3:i % 3 + 1])
                                    for i in range(12)), None, []),  # a last column of sizes after sentences
    (b"Sales report 2024\n\n# exported by Excel\na;b;y\n1,5;2;0\n2,5;3;1\n3;4;0\n", None, []),  # a title above
    (b"".join(b" %5.2f %6.1f  %d   %d\n" % (i * 0.37, 100 - i * 1.5, i % 4, i % 2) for i in range(30)), None,
     []),  # housing.data: columns aligned with spaces
])
def test_the_script_reads_spreadsheet_csvs_as_an_upload_is(tmp_path, raw, target, ignore):
    path = tmp_path / "table.csv"
    path.write_bytes(raw)
    reference = load_csv(raw, "table.csv", target=target, ignore=ignore, missing="impute")
    ns = namespace(builder.load_spec(ROOT / "presets" / "logistic_regression.json"))
    x, labels, table = ns["read_csv"](path, target, "impute", ignore)
    assert table.feature_names == reference.feature_names
    np.testing.assert_array_equal(np.isnan(x), torch.isnan(reference.x).numpy())
    np.testing.assert_allclose(np.nan_to_num(x), torch.nan_to_num(reference.x).numpy())
    codes, names = ns["encode_classes"](labels)
    assert names == reference.class_names and np.array_equal(codes, reference.y.numpy())


def test_the_script_refuses_a_repeated_header_as_an_upload_does(tmp_path):
    raw = b"a,b,y\n1,2,0\n2,3,1\na,b,y\n3,4,0\n4,5,1\n"
    path = tmp_path / "joined.csv"
    path.write_bytes(raw)
    with pytest.raises(DataError, match="data row 3 repeats the header row"):
        load_csv(raw, "joined.csv")
    ns = namespace(builder.load_spec(ROOT / "presets" / "logistic_regression.json"))
    with pytest.raises(SystemExit, match="data row 3 repeats the header row"):
        ns["read_csv"](path)


def test_the_script_names_a_workbook_parquet_or_feather_file_and_says_how_to_make_it_csv(tmp_path):
    import pandas as pd
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "y": ["p", "q", "p"]})
    ns = namespace(builder.load_spec(ROOT / "presets" / "logistic_regression.json"))
    for suffix, write, said in (("xlsx", frame.to_excel, "is an Excel workbook (.xlsx)"),
                                ("parquet", frame.to_parquet, "is a Parquet file, not CSV text; save its table as CSV: "
                                                             "pandas.read_parquet(path)"),
                                ("feather", frame.to_feather, "is a Feather (Arrow) file, not CSV text; save its table "
                                                             "as CSV: pandas.read_feather(path)")):
        path = tmp_path / f"data.{suffix}"
        write(path, **({"index": False} if suffix == "xlsx" else {}))
        with pytest.raises(SystemExit) as refused:
            ns["read_file"](path)
        assert str(refused.value).startswith(f"error: {path}: {said}"), refused.value
        assert load_csv(path.read_bytes(), path.name).n_samples == 3  # what NetBuilder itself reads


def test_the_script_guesses_the_target_as_an_upload_does(tmp_path):
    """Kaggle's digit CSV names its target 'label', first: the script, the CLI and the page all predict it."""
    path = tmp_path / "train.csv"
    path.write_bytes(b"label,p0,p1\n3,0,255\n1,12,0\n3,7,9\n")
    ns = namespace(builder.load_spec(ROOT / "presets" / "logistic_regression.json"))
    x, labels, table = ns["read_csv"](path)
    assert table.feature_names == ["p0", "p1"] and ns["encode_classes"](labels)[1] == ["1", "3"]
    assert load_csv(path.read_bytes(), "train.csv").class_names == ["1", "3"]


def test_script_with_an_unknown_dataset_says_what_is_wrong(tmp_path, capsys):
    spec = moons_spec()
    spec["data"]["dataset"] = "csv"
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    assert main(["script", str(tmp_path / "spec.json"), "--out", str(tmp_path / "train.py")]) == 2
    err = capsys.readouterr().err
    assert "error: dataset 'csv'" in err and "no built-in dataset has this name" in err and "moons" in err
    assert not (tmp_path / "train.py").exists()


def engine_metric(spec: dict, epochs: int) -> float:
    trainer = builder.Trainer.from_spec(spec, epochs=epochs).run()
    return trainer.history()[-1]["val_acc"]


@pytest.mark.slow
@pytest.mark.parametrize("stem,epochs", [("logistic_regression", 20), ("mlp_spiral", 60), ("mlp_digits", 8)])
def test_the_script_reaches_the_engines_validation_accuracy(tmp_path, stem, epochs):
    spec = json.loads((ROOT / "presets" / f"{stem}.json").read_text())
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    assert main(["script", str(tmp_path / "spec.json"), "--out", str(tmp_path / "train.py")]) == 0
    done = run(sys.executable, "train.py", "--epochs", epochs, "--out", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    script_acc = epochs_of(done.stdout)[-1]
    engine_acc = engine_metric(spec, epochs)
    # the same split, initial weights and settings; only the shuffling of batches differs
    assert abs(script_acc - engine_acc) <= 0.05, (stem, script_acc, engine_acc)
    assert script_acc > 0.7, (stem, script_acc)


def epochs_of(output: str) -> list[float]:
    return [float(m.group(1)) for m in re.finditer(r"val_acc (\S+)", output)]


@pytest.mark.parametrize("kind", ["chars", "words"])
def test_the_scripts_tokeniser_learns_what_netbuilders_learns(kind):
    """The script's encode_split against NetBuilder's: the vocabulary and the length from one split's training rows."""
    from builder.script import standalone_encode_split
    from builder.text import encode_split
    rng = np.random.default_rng(3)
    words = ["alpha", "Beta", "gamma!", "delta,", "ε", "zeta\x07", "eta"]
    texts = [" ".join(rng.choice(words, rng.integers(0, 9))) for _ in range(60)]
    labels = rng.integers(0, 2, 60)
    ours, _, _ = standalone_encode_split(texts, labels, kind, val_fraction=0.3, seed=5)
    theirs, column, _ = encode_split(texts, labels, kind, val_fraction=0.3, seed=5)
    assert torch.equal(ours, theirs) and ours.shape[1] == column.encoder.seq_len


def test_the_script_trains_the_text_classifier_on_python_topics_without_netbuilder(tmp_path):
    spec = json.loads((ROOT / "presets" / "text_classifier.json").read_text())
    assert spec["data"]["dataset"] == "python_topics"
    (tmp_path / "train.py").write_text(generate_script(spec))
    done = run(sys.executable, "train.py", "--epochs", 1, "--out", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert len(epochs_of(done.stdout)) == 1 and "builder" not in done.stderr
