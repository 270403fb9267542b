"""Taking a training setup out of NetBuilder: a standalone training script for a spec (torch and numpy only, plus
the generated model code), and the torchrun command that trains a spec on several GPUs or machines."""
from __future__ import annotations

import inspect
import shlex
import string
from pathlib import Path

from . import datasets, preprocessing, tables
from .checker import infer_shapes
from .codegen import comment, generate_code
from .compiler import build_model
from .distributed import unused_parameters
from .recipes import LOSSES, SCHEDULERS, default_loss, optimizer_code, scheduler_code
from .spec import TrainingSpec

FILE_HELP = ("an NPZ with arrays x and y, or a CSV with a header row (text columns one-hot encoded) whose target is "
             "the last column or --target NAME")


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
    settings = training.model_dump(include={"lr", "batch_size", "epochs", "seed", "grad_clip",
                                            "early_stopping_patience", "amp"})
    settings["device"] = training.device if training.device in ("cpu", "cuda") else "auto"  # the script has no mps
    data_source = _data_source(spec)
    fields = dict(
        header=_header(spec, training, loss, "import sklearn" in data_source), model=_model_source(checked),
        data=data_source,
        normaliser="\n\n\n".join(inspect.getsource(f).strip() for f in (preprocessing.reduce_dims, preprocessing.mean_std)),
        split=inspect.getsource(preprocessing.split_rows).strip(), tables=_tables_source(), file_help=FILE_HELP,
        task=repr(task), loss_name=repr(loss), input_shape=repr(tuple(spec.input.shape)),
        input_dtype="torch.long" if spec.input.dtype == "long" else "torch.float32",
        val_fraction=repr(spec.data.val_fraction if spec.data else 0.2), settings=_dict_source(settings),
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
    elif loss in ("cross_entropy", "bce_with_logits"):
        task = "classification"
    elif loss is not None:
        task = "regression"
    else:  # a network without data or loss: several outputs read as class logits, one as a number
        task = "classification" if list(output_shape) != [1] else "regression"
    return task, loss or default_loss(task)


def _model_source(checked) -> str:
    """The generated module without its docstring, imports and demo: the class definitions alone."""
    code = generate_code(checked)
    body = code.split("from torch import nn\n", 1)[1]
    return body.split('if __name__ == "__main__":', 1)[0].strip("\n")


def _helpers(fn) -> list:
    """`fn` and the functions of builder.datasets it calls, callees first."""
    found = []

    def visit(code):
        for name in code.co_names:
            f = getattr(datasets, name, None)
            if inspect.isfunction(f) and f.__module__ == datasets.__name__ and f not in found:
                visit(f.__code__)
                found.append(f)
        for const in code.co_consts:
            if inspect.iscode(const):
                visit(const)

    visit(fn.__code__)
    return [*found, fn] if fn not in found else found


def _data_source(spec) -> str:
    """The built-in dataset's own generator, copied from builder.datasets, and the call that makes the data."""
    if spec.data is None:
        return ("def builtin_data():\n    raise SystemExit(\"this network has no built-in dataset: pass --data PATH\")")
    info = datasets.dataset_info(spec.data.dataset)
    options = datasets.checked_options(info.name, spec.data.options)
    load = info.load
    if "<locals>" in load.__qualname__:  # made by a factory (_digits(rows=True)): copy the factory, call it
        factory = getattr(datasets, load.__qualname__.split(".")[0])
        args = ", ".join(f"{n}={c.cell_contents!r}" for n, c in zip(load.__code__.co_freevars, load.__closure__))
        sources, call = _helpers(factory), f"{factory.__name__}({args})"
    else:
        sources, call = _helpers(load), load.__name__
    code = "\n\n\n".join(inspect.getsource(f).strip() for f in sources)
    return (f"{code}\n\n\nOPTIONS = {options!r}\n\n\ndef builtin_data():\n"
            f"    \"\"\"The '{info.name}' dataset, made as NetBuilder makes it: (x, y) as numpy arrays.\"\"\"\n"
            f"    return {call}(OPTIONS, np.random.default_rng(OPTIONS.get(\"seed\", 0)))[:2]")


def _tables_source() -> str:
    """builder.tables without its docstring and imports (numpy and the standard library only)."""
    body = inspect.getsource(tables).split("import numpy as np\n", 1)[1]
    return body.strip("\n")


def _dict_source(values: dict) -> str:
    return "{\n" + "".join(f"    {k!r}: {v!r},\n" for k, v in values.items()) + "}"


def _header(spec, training: TrainingSpec, loss: str, uses_sklearn: bool) -> str:
    if spec.data is None:
        source = f"Data: this network has no built-in dataset: pass your file with --data PATH ({FILE_HELP})."
    else:
        name = spec.data.dataset
        source = (f"Data: the built-in '{name}' set, loaded below with scikit-learn (sklearn.datasets), which must be "
                  "installed for it." if uses_sklearn else
                  f"Data: the built-in '{name}' set, generated below by NetBuilder's own generator (numpy only).")
        source += f" Or train on your own file with --data PATH ({FILE_HELP})."
    val = spec.data.val_fraction if spec.data else 0.2
    setup = (f"Training setup, as in NetBuilder: loss {loss}, optimizer {training.optimizer} (lr {training.lr:g}), "
             f"scheduler {training.scheduler}, batch size {training.batch_size}, {training.epochs} "
             f"epoch{'s' if training.epochs != 1 else ''}, seed "
             f"{training.seed}; {val:.0%} of the samples held out for validation; inputs standardised with "
             "statistics of the training split.")
    paragraphs = [f"{spec.name}: a standalone training script generated by NetBuilder.", spec.description, setup,
                  source]
    return "\n#\n".join(comment(p) for p in paragraphs if p)


TEMPLATE = '''#!/usr/bin/env python
$header
"""A standalone training script generated by NetBuilder: what it trains is described in the comments above.
Train it on your own data with --data PATH: $file_help.

Run it on one process:                 python train.py [--data PATH] [--epochs N] [--out DIR]
or on N processes (DDP, gloo on CPUs):  torchrun --standalone --nproc_per_node N train.py
or on N GPUs per machine (DDP, nccl):   the same; each process uses cuda:LOCAL_RANK.
The batch size is the global batch: under torchrun each of the N ranks takes every N-th sample of each
batch, and DistributedDataParallel averages the gradients.

Writes DIR/model.pt, a state_dict whose keys are the layer ids of the NetBuilder spec (load it with
torch.load(..., weights_only=True)), and DIR/normalizer.json, the statistics inputs are standardised with.
Needs torch and numpy.
"""
from __future__ import annotations  # the copied data functions' annotations stay unevaluated

import argparse
import csv
import io
import json
import os
import math
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import numpy as np
import torch
import torch.distributed as dist
from torch import nn


# ---- the network (as `python -m builder code` writes it) ---------------------------------------------


$model


# ---- the data -----------------------------------------------------------------------------------------


$data


# ---- reading a CSV as NetBuilder reads an upload (copied from builder.tables) ------------------------


$tables


def read_csv(path, target=None, missing=None, ignore=()):
    """(x, target values, table) from a CSV with a header row, read as NetBuilder reads an upload: UTF-8, UTF-16
    or Windows-1252 text separated by commas, semicolons, tabs or bars; number columns as numbers, text columns
    one-hot; the columns in `ignore` and text columns too varied to one-hot encode left out; rows without a
    target dropped; gaps refused unless `missing` is "drop" or "impute" (filled later from the training rows)."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text, _ = decode_text(raw)
    except TableError as e:
        raise SystemExit(f"error: {path}: {e.message}; {e.hint}") from None
    text, delimiter = separate(text)
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if row]
    except csv.Error as e:
        raise SystemExit(f"error: {path}: cannot be read as CSV ({e})") from None
    if len(rows) < 2:
        raise SystemExit(f"error: {path}: needs a header row and at least one data row")
    header, body = column_names(rows[0]), rows[1:]
    if header_names(rows[:HEADER_EVIDENCE_ROWS + 1], delimiter) is None:  # no header row: the first line is a sample
        header, body = unnamed_columns(len(rows[0])), rows
    bad = next((i for i, row in enumerate(body) if len(row) != len(header)), None)
    if bad is not None:
        raise SystemExit(f"error: {path}: data row {bad + 1} has {len(body[bad])} values for {len(header)} columns")
    cells = without_stray_columns(read_numbers({name: [row[i] for row in body] for i, name in enumerate(header)},
                                               delimiter))
    if not cells:
        raise SystemExit(f"error: {path}: has no column with a name or a value")
    target = target or list(cells)[-1]
    for name in (target, *ignore):
        if name not in cells:
            raise SystemExit(f"error: {path}: has no column {name!r}; columns: {', '.join(header)}")
    candidates = {name: column for name, column in cells.items() if name != target and name not in ignore}
    blank = blank_columns(candidates)
    varied = too_varied({name: column for name, column in candidates.items() if name not in blank})
    if blank or varied:
        print(f"left out (empty, or text too varied to one-hot encode): {', '.join([*blank, *varied])}")
    cells = {name: column for name, column in cells.items()
             if name not in ignore and name not in varied and name not in blank}
    kept = [i for i, cell in enumerate(cells[target]) if not is_missing(cell)]
    cells = {name: [column[i] for i in kept] for name, column in cells.items()}
    labels = cells.pop(target)
    found = gaps(cells)
    if found and missing is None:
        message, hint = gap_message(found)
        raise SystemExit(f"error: {path}: {message}; {hint} with --missing drop|impute")
    if found and missing == "drop":
        cells, dropped = drop_gaps(cells)
        labels = [label for i, label in enumerate(labels) if i not in set(dropped)]
    try:
        table = infer_table(cells, missing)
        return table.encode(cells), target_values(labels), table
    except TableError as e:
        raise SystemExit(f"error: {path}: {e.message}; {e.hint}") from None


def read_file(path, target=None, missing=None, ignore=()):
    """(x, y, table) from an NPZ file (arrays x and y; table None) or a CSV file (see read_csv)."""
    if str(path).endswith(".npz"):
        with np.load(path, allow_pickle=False) as f:
            return f["x"], f["y"], None
    return read_csv(path, target, missing, ignore)



TASK = $task  # "classification", "regression" or "reconstruction" (the target is the input)
LOSS = $loss_name
INPUT_SHAPE = $input_shape  # one sample, without the batch dimension
INPUT_DTYPE = $input_dtype
VAL_FRACTION = $val_fraction


def to_tensors(x, y):
    """Samples shaped [n, *INPUT_SHAPE] and targets as the loss wants them (class indices, or numbers)."""
    if np.prod(np.shape(x)[1:]) != np.prod(INPUT_SHAPE):
        raise SystemExit(f"error: the data's samples have shape {list(np.shape(x)[1:])}; the network reads "
                         f"{list(INPUT_SHAPE)}")
    x = torch.from_numpy(np.ascontiguousarray(x)).to(INPUT_DTYPE).reshape(len(x), *INPUT_SHAPE)
    if TASK == "reconstruction":
        return x, x
    if TASK == "classification":
        labels = encode_classes(np.asarray(y).reshape(-1))[0]  # any labels -> 0 .. k-1, in sorted order
        return x, torch.from_numpy(labels).long()
    if np.asarray(y).dtype.kind not in "biuf":
        raise SystemExit("error: the target holds text; this network predicts numbers")
    return x, torch.from_numpy(np.asarray(y, dtype=np.float32).reshape(len(x), -1))


$split


def split(y, seed):
    """Seeded train and validation indices, as NetBuilder draws them (stratified by class where it can)."""
    labels = y.numpy() if TASK == "classification" else None
    train, val = split_rows(len(y), VAL_FRACTION, seed, labels)
    return torch.from_numpy(train), torch.from_numpy(val)


$normaliser


def fit_normalizer(x_train, y_train):
    """Statistics of the training split: per feature or channel for the inputs, per target for regression
    (in the layout NetBuilder's bundles use)."""
    stats = {"x_shape": None, "x_mean": None, "x_std": None, "y_mean": None, "y_std": None}
    if x_train.is_floating_point():
        mean, std = mean_std(x_train, reduce_dims(x_train.dim() - 1))
        stats.update(x_shape=list(mean.shape), x_mean=mean.flatten().tolist(), x_std=std.flatten().tolist())
    if TASK == "regression" and LOSS != "bce_with_logits":  # bce compares logits with targets in [0, 1] as they are
        mean, std = mean_std(y_train, (0,))
        stats.update(y_mean=mean.flatten().tolist(), y_std=std.flatten().tolist())
    return stats


def normalise(x, y, stats):
    """Standardised inputs, and the targets the loss compares the model's outputs with."""
    if stats["x_mean"] is not None:
        shape = stats["x_shape"]
        x = (x - torch.tensor(stats["x_mean"]).reshape(shape)) / torch.tensor(stats["x_std"]).reshape(shape)
    if TASK == "reconstruction":
        y = y.float() if LOSS == "bce_with_logits" else x
    elif TASK == "regression" and stats["y_mean"] is not None:
        y = (y - torch.tensor(stats["y_mean"])) / torch.tensor(stats["y_std"])
    elif TASK == "classification" and LOSS == "bce_with_logits":
        y = y.float().view(-1, 1)
    return x, y


# ---- training -----------------------------------------------------------------------------------------

SETTINGS = $settings
LOSS_FN = $loss
SCHEDULER_UNIT = $scheduler_unit  # the learning-rate schedule steps once per "batch" or once per "epoch"
FIND_UNUSED_PARAMETERS = $find_unused  # True when a layer's output never reaches the model's output


def make_optimizer(params, epochs, steps_per_epoch):
    """The optimizer and its learning-rate schedule (None: a constant rate)."""
    optimizer = $optimizer
    total_steps = epochs * steps_per_epoch
    return optimizer, $scheduler


def fit_output(out, y):
    return out.reshape(y.shape) if TASK == "reconstruction" else out.float()


def setup(device_name):
    """(rank, world size, device): one process, or one rank of a job torchrun started."""
    use_cuda = device_name in ("auto", "cuda") and torch.cuda.is_available()
    if "WORLD_SIZE" not in os.environ:
        return 0, 1, torch.device("cuda" if use_cuda else "cpu")
    rank, world, local = (int(os.environ[k]) for k in ("RANK", "WORLD_SIZE", "LOCAL_RANK"))
    device = torch.device("cuda", local) if use_cuda else torch.device("cpu")
    if use_cuda:
        torch.cuda.set_device(device)
    timeout = timedelta(seconds=float(os.environ.get("NETBUILDER_DIST_TIMEOUT", 60)))
    dist.init_process_group("nccl" if use_cuda else "gloo", timeout=timeout)
    return rank, world, device


def train_epoch(model, optimizer, scheduler, loss_fn, x, y, perm, rank, world, amp):
    """One pass over the training set; returns the mean loss over every rank's samples."""
    model.train()
    total = torch.zeros((), dtype=torch.float64, device=x.device)
    batch_size = SETTINGS["batch_size"]
    for start in range(0, len(perm), batch_size):
        idx = perm[start:start + batch_size]
        local = idx[rank::world]  # this rank's part of the global batch
        counted = len(local)
        # DDP averages the ranks' gradients: weighting each rank's loss by its share of the batch makes that
        # the whole batch's gradient even when it does not split evenly (an empty share runs one sample, weight 0)
        weight = counted * world / len(idx)
        if counted == 0:
            local = idx[:1]
        optimizer.zero_grad(set_to_none=True)
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=amp):
            loss = loss_fn(fit_output(model(x[local]), y[local]), y[local])
        (loss * weight).backward()
        if SETTINGS["grad_clip"]:
            nn.utils.clip_grad_norm_(model.parameters(), SETTINGS["grad_clip"])
        optimizer.step()
        if scheduler is not None and SCHEDULER_UNIT == "batch":
            scheduler.step()
        total += loss.detach().double() * counted
    if world > 1:
        dist.all_reduce(total)
    return float(total) / len(perm)


@torch.no_grad()
def evaluate(model, loss_fn, x, y, amp):
    """Loss and accuracy (classification) or R² (pooled over targets) on x, y."""
    model.eval()
    losses, outs = [], []
    for start in range(0, len(x), 2048):
        xb, yb = x[start:start + 2048], y[start:start + 2048]
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=amp):
            out = fit_output(model(xb), yb).float()
        losses.append(float(loss_fn(out, yb)) * len(xb))
        outs.append(out)
    out = torch.cat(outs)
    row = {"val_loss": sum(losses) / len(x)}
    if TASK == "classification":
        pred = (out > 0).long().view(-1) if LOSS == "bce_with_logits" else out.argmax(1)
        row["val_acc"] = float((pred == y.view(-1).long()).float().mean())
    else:
        out = torch.sigmoid(out) if LOSS == "bce_with_logits" else out
        o, t = out.reshape(len(x), -1), y.float().reshape(len(x), -1)
        row["val_r2"] = float(1 - ((o - t) ** 2).sum() / ((t - t.mean(0)) ** 2).sum().clamp_min(1e-12))
    return row


def agree(value, device, world):
    """Rank 0's value on every rank, so decisions made from it (early stopping, plateau) never differ."""
    if world == 1:
        return value
    t = torch.tensor([value], dtype=torch.float64, device=device)
    dist.broadcast(t, src=0)
    return float(t)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\\n")[0])
    parser.add_argument("--data", help="an NPZ (x, y) or CSV file to train on instead of the built-in set")
    parser.add_argument("--target", help="the CSV's target column (default: the last)")
    parser.add_argument("--missing", choices=("drop", "impute"),
                        help="what to do with gaps in a CSV: drop those rows, or fill them from the training rows")
    parser.add_argument("--ignore", action="append", default=[], metavar="COLUMN",
                        help="a CSV column not to learn from (repeatable)")
    parser.add_argument("--epochs", type=int, default=SETTINGS["epochs"])
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default=SETTINGS["device"])
    parser.add_argument("--out", default=".", help="where to write model.pt and normalizer.json")
    args = parser.parse_args()

    rank, world, device = setup(args.device)
    try:
        run(args, rank, world, device)
    finally:
        if dist.is_initialized():
            dist.destroy_process_group()


def load_data(args, device):
    """Training and validation tensors on `device`, standardised with the training split's statistics."""
    x, y, table = read_file(args.data, args.target, args.missing, args.ignore) if args.data else (*builtin_data(), None)
    x, y = to_tensors(x, y)
    train_idx, val_idx = split(y, SETTINGS["seed"])
    if table is not None and args.missing == "impute":  # gaps filled with the training rows' medians / modes
        x = torch.from_numpy(table.impute(x.numpy(), table.fill_values(x[train_idx].numpy())))
    stats = fit_normalizer(x[train_idx], y[train_idx] if TASK == "regression" else None)
    x, y = normalise(x, y, stats)
    return (*(t.to(device) for t in (x[train_idx], y[train_idx], x[val_idx], y[val_idx])), stats)


def make_model(device, rank, world):
    """The network, with the same initial weights on every rank, and what the training step calls: the network
    itself, or DistributedDataParallel around it on several ranks."""
    torch.manual_seed(SETTINGS["seed"])
    model = Net().to(device)
    torch.manual_seed(SETTINGS["seed"] + rank)  # dropout draws a different stream on each rank
    if world == 1:
        return model, model
    return model, nn.parallel.DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda"
                                                      else None, find_unused_parameters=FIND_UNUSED_PARAMETERS)


def save(model, stats, out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    torch.save({k: v.detach().cpu() for k, v in model.state_dict().items()}, out / "model.pt")
    (out / "normalizer.json").write_text(json.dumps(stats, indent=2), encoding="utf-8")
    print(f"wrote {out / 'model.pt'} and {out / 'normalizer.json'}")


def run(args, rank, world, device):
    x_train, y_train, x_val, y_val, stats = load_data(args, device)
    model, step_model = make_model(device, rank, world)
    optimizer, scheduler = make_optimizer(model.parameters(), args.epochs, -(-len(x_train) // SETTINGS["batch_size"]))
    amp = SETTINGS["amp"] and device.type == "cuda"
    generator = torch.Generator().manual_seed(SETTINGS["seed"])  # every rank draws the same order of samples
    if rank == 0:
        print(f"{world} process(es) on {device}; global batch size {SETTINGS['batch_size']}; "
              f"{len(x_train)} training and {len(x_val)} validation samples", flush=True)
    best, best_state, bad_epochs, patience = float("inf"), None, 0, SETTINGS["early_stopping_patience"]
    for epoch in range(1, args.epochs + 1):
        perm = torch.randperm(len(x_train), generator=generator).to(device)
        train_loss = train_epoch(step_model, optimizer, scheduler, LOSS_FN, x_train, y_train, perm, rank, world, amp)
        if not np.isfinite(train_loss):
            raise SystemExit(f"the loss became {train_loss} in epoch {epoch}: lower the learning rate")
        row = evaluate(model, LOSS_FN, x_val, y_val, amp) if len(x_val) else {}
        val_loss = agree(row.get("val_loss", train_loss), device, world)
        if isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
            scheduler.step(val_loss)
        elif scheduler is not None and SCHEDULER_UNIT == "epoch":
            scheduler.step()
        if rank == 0:
            shown = "".join(f"  {k} {v:.4f}" for k, v in row.items())
            print(f"epoch {epoch}/{args.epochs}  train_loss {train_loss:.4f}{shown}", flush=True)
        if val_loss < best:
            best, bad_epochs = val_loss, 0
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        elif patience and (bad_epochs := bad_epochs + 1) >= patience:
            model.load_state_dict(best_state)  # as NetBuilder does: keep the best weights
            if rank == 0:
                print(f"early stopping: no improvement in validation loss for {patience} epochs")
            break
    if rank == 0:
        save(model, stats, args.out)
    if world > 1:
        dist.barrier()  # every rank leaves together: gloo torn down under a rank still writing can abort it


if __name__ == "__main__":
    main()
'''
