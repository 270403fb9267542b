"""Taking a training setup out of NetBuilder: a standalone training script for a spec (torch and numpy only, plus
the generated model code), and the torchrun command that trains a spec on several GPUs or machines.

The script shares its network and its objective's description and decoding with model.py (see builder.codegen)."""
from __future__ import annotations

import inspect
import re
import shlex
import string
from pathlib import Path

from . import datasets, generators, preprocessing, tables
from .checker import infer_shapes
from .codegen import comment, dict_source, generate_code, objective_code
from .compiler import build_model
from .distributed import unused_parameters
from .objectives import objective_for
from .preprocessing import VAL_FRACTION, split_rows
from .recipes import LOSSES, SCHEDULERS, default_loss, optimizer_code, scheduler_code
from .script_template import TEMPLATE
from .spec import TrainingSpec
from .text import DEFAULT_PERCENTILE, clean_text, count_vocabulary, learning_source, percentile_length, split_tokens, \
    token_ids
from .uploads import UPLOAD_FORMATS

FILE_HELP = ("an NPZ with arrays x and y, or a CSV (text columns one-hot encoded) whose target is --target NAME, "
             "else a column named label, target, class, ..., else the last column")


def distributed_command(spec_path: str, nproc: int, nnodes: int = 1) -> str:
    """The torchrun command that trains `spec_path` with NetBuilder on `nproc` processes (GPUs) per machine.

    On several machines, run it on each one with MASTER_ADDR set to one machine's address (reachable from the
    others, port 29500 open); torchrun's c10d rendezvous numbers the machines itself.
    """
    spec = shlex.quote(str(spec_path))
    if nnodes <= 1:
        return f"torchrun --standalone --nproc_per_node {nproc} -m builder train {spec}"
    return (f"torchrun --nnodes {nnodes} --nproc_per_node {nproc} --rdzv_backend c10d "
            f"--rdzv_endpoint $MASTER_ADDR:29500 --rdzv_id netbuilder -m builder train {spec}")


def write_script(spec, out: str | Path = "train.py") -> Path:
    path = Path(out)
    path.write_text(generate_script(spec), encoding="utf-8")
    return path


def generate_script(spec) -> str:
    """A standalone training script for `spec`: the network, its data and its training setup, runnable as
    `python train.py` and under `torchrun`. It saves model.pt (keys are the layer ids) and normalizer.json."""
    checked = infer_shapes(spec)
    checked.raise_errors()
    spec = checked.spec
    training = spec.training or TrainingSpec()
    task, loss = _task_and_loss(spec, checked.output_shape)
    settings = training.model_dump(include={"lr", "batch_size", "epochs", "seed", "grad_clip", "l1_penalty",
                                            "early_stopping_patience", "amp"})
    settings["device"] = training.device if training.device in ("cpu", "cuda") else "auto"  # the script has no mps
    data_source = _data_source(spec)
    fields = dict(
        header=_header(spec, training, loss, "import sklearn" in data_source), model=_model_source(checked),
        data=data_source,
        normaliser="\n\n\n".join(inspect.getsource(f).strip()
                                    for f in (preprocessing.reduce_dims, preprocessing.mean_std)),
        split=inspect.getsource(preprocessing.split_rows).strip(), tables=_tables_source(), file_help=FILE_HELP,
        npz_suffixes=repr(UPLOAD_FORMATS["npz"].suffixes),
        objective=objective_code(objective_for(task, loss)), input_shape=repr(tuple(spec.input.shape)),
        input_dtype="torch.long" if spec.input.dtype == "long" else "torch.float32",
        val_fraction=repr(spec.data.val_fraction if spec.data else VAL_FRACTION), settings=dict_source(settings),
        find_unused=repr(unused_parameters(build_model(checked))), loss=LOSSES[loss].code,
        optimizer=optimizer_code(training), scheduler=scheduler_code(training),
        scheduler_unit=repr(SCHEDULERS[training.scheduler].unit),
    )
    return string.Template(TEMPLATE).substitute(fields)


def _task_and_loss(spec, output_shape) -> tuple[str, str]:
    """The task the script trains for and its loss, as the Trainer would choose them."""
    loss = spec.training.loss if spec.training else None
    if spec.data is not None:
        task = datasets.dataset_info(spec.data.dataset).task
        if spec.data.options.get("target") == "input":
            task = "reconstruction"
    elif loss is not None:  # the first task its loss trains: classes for cross-entropy and bce, else numbers
        task = LOSSES[loss].tasks[0]
    else:  # a network without data or loss: several outputs read as class logits, one as a number
        task = "classification" if list(output_shape) != [1] else "regression"
    return task, loss or default_loss(task)


def _model_source(checked) -> str:
    """The generated module without its docstring, imports and demo: the class definitions alone."""
    code = generate_code(checked)
    body = code.split("from torch import nn\n", 1)[1]
    return body.split('if __name__ == "__main__":', 1)[0].strip("\n")


def _helpers(fn) -> list:
    """`fn` and the functions of builder.generators it calls, callees first."""
    found = []

    def visit(code):
        for name in code.co_names:
            f = getattr(generators, name, None)
            if inspect.isfunction(f) and f.__module__ == generators.__name__ and f not in found:
                visit(f.__code__)
                found.append(f)
        for const in code.co_consts:
            if inspect.iscode(const):
                visit(const)

    visit(fn.__code__)
    return [*found, fn] if fn not in found else found


def _data_source(spec) -> str:
    """The built-in dataset's own generator, copied from builder.generators, and the call that makes the data."""
    if spec.data is None:
        return ("def builtin_data():\n    raise SystemExit(\"this network has no built-in dataset: pass --data PATH\")")
    info = datasets.dataset_info(spec.data.dataset)
    options = datasets.checked_options(info.name, spec.data.options)
    load = info.load
    if "<locals>" in load.__qualname__:  # made by a factory (_digits(rows=True)): copy the factory, call it
        factory = getattr(generators, load.__qualname__.split(".")[0])
        args = ", ".join(f"{n}={c.cell_contents!r}" for n, c in zip(load.__code__.co_freevars, load.__closure__))
        sources, call = _helpers(factory), f"{factory.__name__}({args})"
    else:
        sources, call = _helpers(load), load.__name__
    code = "\n\n\n".join(inspect.getsource(f).strip() for f in sources)
    code, carried = _carry_imports(code)
    if "from ." in code:  # made with more of NetBuilder's own code than the script carries
        return ("def builtin_data():\n"
                f"    raise SystemExit(\"the built-in '{info.name}' dataset is made with NetBuilder's own code, "
                f"which this script does not carry: train it with `python -m builder train SPEC`\")")
    constants = "".join(f"{name} = {value!r}\n" for name, value in _constants(sources).items())
    return (f"{carried}{constants}\n\n{code}\n\n\nOPTIONS = {options!r}\n\n\ndef builtin_data():\n"
            f"    \"\"\"The '{info.name}' dataset, made as NetBuilder makes it: (x, y) as numpy arrays.\"\"\"\n"
            f"    return {call}(OPTIONS, np.random.default_rng(OPTIONS.get(\"seed\", 0)))[:2]")


def standalone_encode_split(texts, labels, kind: str, *, seq_len=None, percentile=DEFAULT_PERCENTILE, max_vocab=None,
                            column=None, val_fraction=VAL_FRACTION, seed=0, where="text"):
    """builder.text.encode_split as the standalone script carries it (characters and words): the vocabulary and
    the length learnt from the (val_fraction, seed) split's training rows alone; (token ids, None, None)."""
    import torch
    texts = [clean_text(t) for t in texts]
    train, _ = split_rows(len(texts), val_fraction, seed, labels)
    learnt = [texts[i] for i in train]
    vocab = count_vocabulary(learnt, kind, max_vocab)
    if seq_len is None:
        seq_len = percentile_length([len(split_tokens(t, kind)) for t in learnt], percentile)
    return torch.tensor(token_ids(texts, kind, vocab, seq_len), dtype=torch.int64), None, None


CARRIED = {  # what a dataset's generator may import from NetBuilder: the constants and code the script carries instead
    "from .preprocessing import VAL_FRACTION": ({"VAL_FRACTION": VAL_FRACTION}, lambda: ""),
    "from .text import encode_split": ({"VAL_FRACTION": VAL_FRACTION}, lambda: learning_source() + "\n\n" + _renamed(
        standalone_encode_split, "encode_split")),
}


def _renamed(fn, name: str) -> str:
    """A function's source under another name (its continuation lines moved with its parenthesis)."""
    source, old = inspect.getsource(fn), fn.__name__
    shift = "\n" + " " * (len("def ") + len(old) + 1)
    return source.replace(f"def {old}(", f"def {name}(", 1).replace(shift, "\n" + " " * (len("def ") + len(name) + 1))


def _carry_imports(code: str) -> tuple[str, str]:
    """(the generators' code without the imports the script carries, the source that stands in for them)."""
    constants, sources = {}, []
    for line, (values, source) in CARRIED.items():
        if line in code:
            code = "\n".join(row for row in code.split("\n") if row.strip() != line)
            constants.update(values)
            sources.append(source())
    head = "".join(f"{name} = {value!r}\n" for name, value in constants.items())
    return code, "\n\n".join(p.strip("\n") for p in (head, *sources) if p) + ("\n\n\n" if constants else "")


def _constants(functions) -> dict:
    """The module-level constants (UPPER_CASE plain data) the copied functions read, by name."""
    found = {}
    for f in functions:
        for name in f.__code__.co_names:
            value = f.__globals__.get(name)
            if name.isupper() and isinstance(value, (dict, tuple, list, str, int, float)):
                found[name] = value
    return dict(sorted(found.items()))


def _tables_source() -> str:
    """builder.tables' two parts, reading then encoding, without their docstrings, imports and `__all__` (numpy and
    the standard library only)."""
    bodies = []
    for part in (tables.reading, tables.encoding):
        body = inspect.getsource(part).split("import numpy as np\n", 1)[1]
        body = re.sub(r"^from \.\w+ import \([^)]*\)\n|^__all__ = \[[^\]]*\]\n", "", body, flags=re.M)
        bodies.append(body.strip("\n"))
    return "\n\n\n".join(bodies)


def _header(spec, training: TrainingSpec, loss: str, uses_sklearn: bool) -> str:
    if spec.data is None:
        source = f"Data: this network has no built-in dataset: pass your file with --data PATH ({FILE_HELP})."
    else:
        name = spec.data.dataset
        source = (f"Data: the built-in '{name}' set, loaded below with scikit-learn (sklearn.datasets), which must be "
                  "installed for it." if uses_sklearn else
                  f"Data: the built-in '{name}' set, generated below by NetBuilder's own generator (numpy only).")
        source += f" Or train on your own file with --data PATH ({FILE_HELP})."
    val = spec.data.val_fraction if spec.data else VAL_FRACTION
    setup = (f"Training setup, as in NetBuilder: loss {loss}, optimizer {training.optimizer} (lr {training.lr:g}), "
             f"scheduler {training.scheduler}, batch size {training.batch_size}, {training.epochs} "
             f"epoch{'s' if training.epochs != 1 else ''}, seed "
             f"{training.seed}; {val:.0%} of the samples held out for validation; inputs standardised with "
             "statistics of the training split.")
    paragraphs = [f"{spec.name}: a standalone training script generated by NetBuilder.", spec.description, setup,
                  source]
    return "\n#\n".join(comment(p) for p in paragraphs if p)
