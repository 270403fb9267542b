"""The command line: python -m builder
validate|summary|code|presets|layers|datasets|train|import|export|predict|generate|script.

Bad input of any kind (a spec, a data file, a bundle, an option, an unwritable folder) exits with code 2 and
`error: …` lines on stderr that name what is wrong; nothing a person typed reaches the terminal unescaped.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import traceback
from pathlib import Path

from .errors import BundleError, DataError, SpecError, SpecErrors, printable
from .files import FileRefused, FolderBusy
from .settings import SettingsError, settings
from .spec import MAX_EPOCHS

EXIT_BAD_INPUT = 2
SUMMARY_JSON_KEYS = ("layers", "output_shape", "total_params", "trainable_params", "flops")  # fixed by DESIGN.md


class UsageError(ValueError):
    """An option or path the command cannot use."""


# ---- checking and describing specs ---------------------------------------------------------------

def _cmd_validate(args) -> int:
    from .checker import check_spec
    checked = check_spec(args.spec)
    checked.raise_errors()
    for w in checked.warnings:
        print(f"warning: {printable(w)}", file=sys.stderr)
    print(f"ok: {printable(checked.spec.name)}: {len(checked.order)} layers, output shape {list(checked.output_shape)}")
    return 0


def _cmd_summary(args) -> int:
    from .summary import summarize
    summary = summarize(args.spec)
    if args.json:
        print(json.dumps({k: v for k, v in summary.to_dict().items() if k in SUMMARY_JSON_KEYS}))
    else:
        print(summary.table())
    return 0


def _cmd_code(args) -> int:
    from .codegen import generate_code
    print(generate_code(args.spec), end="")
    return 0


def _cmd_presets(args) -> int:
    from .presets import list_presets
    from .summary import summarize
    for name, spec in list_presets().items():
        params = summarize(spec).total_params
        dataset = spec.data.dataset if spec.data else "-"
        print(f"{name:<28} {params:>10,} params  {dataset:<14} {printable(spec.name)}")
    return 0


def _cmd_layers(args) -> int:
    from .registry import CATEGORIES, REGISTRY
    for category in CATEGORIES:
        print(f"{category}:")
        for t in REGISTRY.values():
            if t.category == category:
                params = ", ".join(p.name + ("*" if p.required else "") for p in t.params)
                print(f"  {t.name:<24} {t.help}" + (f"  [{params}]" if params else ""))
    print("(* = required)")
    return 0


def _cmd_datasets(args) -> int:
    from .datasets import describe_datasets
    for d in describe_datasets():
        options = ", ".join(f"{k}={v}" for k, v in d["options"].items() if v is not None)
        print(f"{d['name']:<14} {d['task']:<15} {str(d['sample_shape']):<10} {d['dtype']:<6} {d['description']}"
              + (f"  [{options}]" if options else ""))
    return 0


# ---- training, exporting, predicting -------------------------------------------------------------

def _cmd_train(args) -> int:
    """A progress bar, then the bundle's location. Started by torchrun, this process is one rank of a
    distributed run; rank 0 alone shows progress and writes checkpoints and the bundle."""
    from . import distributed
    out = _writable_dir(args.out, "--out")
    writes = not distributed.launched() or os.environ["RANK"] == "0"  # rank 0 alone writes the folder
    with _claim(out, args.spec) if writes else contextlib.nullcontext():
        if writes:  # checkpoints are written every epoch: refused now, not after the first
            _writable_dir(str(out / "checkpoints"), "--out")
        dataset = _dataset(args)
        if args.fit:
            args.spec, dataset = _fitted(args.spec, dataset)
        if not distributed.launched():
            return _train_and_save(args, out, dataset, None)
        group = distributed.join(args.device or _spec_device(args.spec))
        try:
            code = _train_and_save(args, out, dataset, group)
        except BaseException:
            distributed.leave()
            raise
        distributed.leave(wait_for_peers=True)
        return code


def _claim(out: Path, spec: str):
    """Lock --out for the run's life (a second `train` into it is refused, naming this one), and refuse, before
    any training, a folder holding files a bundle would write over (see bundle.clear_bundle_folder)."""
    from .bundle import clear_bundle_folder
    from .files import lock_folder
    lock = lock_folder(out, f"python -m builder train {spec}")
    try:
        clear_bundle_folder(out, remove=False)
    except BaseException:
        lock.release()
        raise
    return lock


def _dataset(args):
    if not args.data:
        if args.missing or args.target or args.ignore or args.text:
            raise UsageError("--target, --ignore, --missing and --text apply to a file given with --data")
        return None
    if (args.tokens or args.seq_len) and not args.text:
        raise UsageError("--tokens and --seq-len apply to a text column named with --text")
    from .uploads import load_upload
    options = {k: v for k, v in (("target", args.target), ("missing", args.missing), ("ignore", args.ignore),
                                 ("text", args.text), ("tokens", args.tokens), ("seq_len", args.seq_len)) if v}
    return load_upload(Path(args.data), **options)


def _fitted(spec_path: str, dataset):
    """The spec made to fit the data (the page's "Make the network fit the data"): what changed is printed."""
    from .datasets import load_dataset
    from .fitting import fit_network
    from .spec import parse_spec
    spec = parse_spec(spec_path)
    if dataset is None:
        if spec.data is None:
            raise UsageError("--fit needs data: the spec names no dataset; give a file with --data")
        dataset = load_dataset(spec.data.dataset, spec.data.options)
    fitted, changes = fit_network(spec.to_dict(), dataset)
    for change in changes or ["nothing to change: the network fits the data"]:
        print(f"fit: {printable(change)}")
    return fitted, dataset


def _spec_device(spec) -> str:
    from .spec import parse_spec
    training = parse_spec(spec).training
    return training.device if training else "auto"


def _train_and_save(args, out: Path, dataset, group) -> int:
    from .bundle import write_bundle
    from .training import Trainer
    trainer = Trainer.from_spec(args.spec, dataset, epochs=args.epochs, device=args.device, group=group,
                                checkpoint_dir=out / "checkpoints", resume=args.resume)
    if group is not None and not group.is_main:
        trainer.run()
        if trainer.status != "finished":
            print(f"rank {group.rank}: {trainer.status}: {printable(trainer.log.message)}", file=sys.stderr)
        return 0 if trainer.status == "finished" else 1
    if group is not None:
        print(group.describe(trainer.batch_size), flush=True)
    _run_with_progress(trainer)
    bundle = write_bundle(trainer, out, formats=args.export, include_data=args.include_data)
    print(f"{trainer.status}: {printable(trainer.log.message)}")
    speed = trainer.log.average_samples_per_s
    per_rank = f" over {trainer.world_size} ranks ({speed / trainer.world_size:,.0f} per rank)" if group else ""
    print(f"throughput: {speed:,.0f} samples/s{per_rank}")
    print(f"bundle written to {printable(bundle)}")
    return 0 if trainer.status == "finished" else 1


def _run_with_progress(trainer) -> None:
    from tqdm import tqdm

    metric = trainer.objective.metric
    total = trainer.config.epochs * trainer.parts.steps_per_epoch
    with tqdm(total=total, initial=min(trainer.global_step, total), unit="step", dynamic_ncols=True,
              desc=f"{printable(trainer.spec.name[:60])} on {trainer.log.device}") as bar:
        def on_step(t) -> None:
            bar.update(1)
            if t.global_step % 10 == 0:
                bar.set_postfix(epoch=f"{t.epoch + 1}/{t.config.epochs}", loss=f"{t.log.snapshot_loss():.4f}",
                                refresh=False)

        def on_epoch(t) -> None:
            row = t.history()[-1]
            bar.set_postfix(epoch=f"{row['epoch']}/{t.config.epochs}", loss=f"{row['train_loss']:.4f}",
                            val_loss=f"{row.get('val_loss', float('nan')):.4f}",
                            **{f"val_{metric}": f"{row.get(f'val_{metric}', float('nan')):.3f}"})

        trainer.on("step_end", on_step).on("epoch_end", on_epoch).run()


def _cmd_script(args) -> int:
    from .script import write_script
    path = _writable_file(args.out, "--out")
    with _writing(path, "--out"):
        write_script(args.spec, path)
    shown = printable(path)
    print(f"wrote {shown}: run it with `python {shown}` or `torchrun --nproc_per_node N {shown}` (--help for options)")
    return 0


def _cmd_export(args) -> int:
    from .export import export_format
    if args.out:
        _writable_file(args.out, "--out")
    print(f"wrote {printable(export_format(args.bundle, args.format, args.out))}")
    return 0


def _cmd_predict(args) -> int:
    from .bundle import atomic_write, load_bundle
    from .prediction import format_predictions, predict, read_inputs, unknown_note
    output = _output_file(args.output, args.bundle, args.input) if args.output else None
    bundle = load_bundle(args.bundle)
    x, dropped = read_inputs(args.input, bundle, args.missing)
    if dropped:
        rows = ", ".join(str(i + 1) for i in dropped[:20]) + (" …" if len(dropped) > 20 else "")
        print(f"note: {len(dropped):,} row(s) with missing values were skipped (data rows {rows})", file=sys.stderr)
    note = unknown_note(bundle, x)
    if note:
        print(f"note: {note}", file=sys.stderr)
    table = format_predictions(bundle, predict(bundle, x))
    if output is not None:
        with _writing(output, "--output"):
            atomic_write(output, table.encode("utf-8"))
        print(f"wrote {printable(output)}: {len(x):,} predictions")
        return 0
    try:
        sys.stdout.write(table)
        sys.stdout.flush()
    except OSError as e:  # a full disk, a closed pipe: said once, and nothing more is written at exit
        _discard_stdout()
        raise UsageError(f"cannot write the predictions to standard output ({e.strerror or e})") from None
    return 0


def _cmd_generate(args) -> int:
    """Text from a trained language model's bundle, after a prompt, at a temperature."""
    from .text import generate_text
    text = generate_text(args.bundle, args.prompt, args.length, args.temperature, args.seed)
    for line in text.split("\n"):  # each line printable: no control character drives the terminal
        print(printable(line))
    return 0


def _cmd_import(args) -> int:
    """A bundle folder from an ONNX file, or from a person's own PyTorch module (their file is run to build it)."""
    import time

    from .imported import import_model
    from .summary import summarize
    module = ":" in args.source and args.source.rsplit(":", 1)[0].endswith(".py")
    if module and not args.input_shape:
        raise UsageError("--input-shape is needed to trace a module: one sample's shape, e.g. --input-shape 1,28,28")
    if not module and args.input_shape:
        raise UsageError("--input-shape applies to module.py:ClassName; an ONNX file gives its own input shape")
    if not module and Path(args.source).suffix.lower() != ".onnx":
        raise UsageError(f"import reads FILE.onnx or module.py:ClassName. Received: {args.source}")
    out = _writable_dir(args.out, "--out")
    start = time.perf_counter()
    imported = import_model(args.source, input_shape=args.input_shape, name=args.name)
    imported.save(out)
    summary = summarize(imported.spec)
    print(f"imported {printable(imported.spec['name'])}: {len(summary.layers)} layers, {summary.total_params:,} "
          f"parameters, output shape {summary.output_shape} ({time.perf_counter() - start:.1f} s)")
    for note in imported.notes:
        print(f"note: {printable(note)}", file=sys.stderr)
    print(f"bundle written to {out}")
    return 0


def _output_file(path: str, bundle: str, data: str) -> Path:
    """Where predict may write its table: a file, never the input nor anything inside the bundle."""
    where, home = Path(path).resolve(), Path(bundle).resolve()
    if where == home or home in where.parents:
        raise UsageError(f"--output {path}: inside the bundle {bundle}; write the predictions elsewhere")
    if where == Path(data).resolve():
        raise UsageError(f"--output {path}: that is the input file; write the predictions elsewhere")
    return _writable_file(path, "--output")


def _discard_stdout() -> None:
    """Send what is left in stdout's buffer nowhere, so Python's own flush at exit cannot fail a second time."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):  # not a real file (captured in tests)
        pass


@contextlib.contextmanager
def _writing(path: Path, option: str):
    """A write to the file an option names: an OSError (a full disk, a read-only folder) is said naming both."""
    try:
        yield
    except OSError as e:
        raise UsageError(f"{option} {path}: cannot be written ({e.strerror or e})") from None


def _writable_dir(path: str, option: str) -> Path:
    """A folder the command can write into (made if missing), or a UsageError saying why not."""
    target = Path(path)
    blocker = next((p for p in [target, *target.parents] if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise UsageError(f"{option} {path}: a file is in the way ({blocker}); name a folder")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"{option} {path}: cannot create the folder ({e.strerror or e})") from None
    if not target.is_dir():
        raise UsageError(f"{option} {path}: not a folder")
    try:  # a probe of this process's own (the ranks of a distributed run check the same folder at once)
        with tempfile.NamedTemporaryFile(dir=target, prefix=".netbuilder-write-test-"):
            pass
    except OSError as e:
        raise UsageError(f"{option} {path}: the folder is not writable ({e.strerror or e})") from None
    return target


def _writable_file(path: str, option: str) -> Path:
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{option} {path}: a folder is in the way; name a file")
    if target.exists() and not target.is_file() and os.access(target, os.W_OK):
        return target  # a device or a pipe (/dev/stdout): written in place, whatever its folder allows
    _writable_dir(str(target.parent) if str(target.parent) else ".", option)
    return target


# ---- the parser ---------------------------------------------------------------------------------

class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad option as one `error:` line with exit code 2 (argparse's own code for it)."""

    def error(self, message: str):
        self.exit(EXIT_BAD_INPUT, f"error: {printable(message)} (python -m builder {self.prog.split()[-1]} --help)\n")


def _epochs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number of epochs. Received: {text!r}") from None
    if not 1 <= value <= MAX_EPOCHS:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_EPOCHS}. Received: {value}")
    return value


def make_parser() -> argparse.ArgumentParser:
    from .uploads import UPLOAD_FORMATS, one_of
    trained_on = one_of(f.short for f in UPLOAD_FORMATS.values() if len(f.parts) == 1)  # what --data reads
    predicted = one_of(f.short for f in UPLOAD_FORMATS.values() if f.predict)
    parser = _Parser(prog="python -m builder", description="NetBuilder: check, summarise, train and export "
                     "netbuilder/1 network specs.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, helptext in (("validate", "check a spec; exit 2 with one error line per problem"),
                           ("summary", "per-layer output shapes, parameters and FLOPs"),
                           ("code", "print a standalone PyTorch module for the spec")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("spec", help="path to a netbuilder/1 JSON file")
        if name == "summary":
            p.add_argument("--json", action="store_true", help="print one JSON object")
    sub.add_parser("presets", help="list the preset architectures")
    sub.add_parser("layers", help="list the layer types and their parameters")
    sub.add_parser("datasets", help="list the built-in datasets, their sample shapes and options")
    p = sub.add_parser("train", help="train a spec and write a bundle")
    p.add_argument("spec")
    p.add_argument("--data", help=f"a {trained_on} file to train on instead of the spec's dataset")
    p.add_argument("--target", help="the target column of a CSV file (default: the last column)")
    p.add_argument("--ignore", action="append", default=[], metavar="COLUMN",
                   help="a CSV column not to learn from, such as an id (repeatable); text columns with too many "
                        "distinct values to one-hot encode are left out by themselves")
    p.add_argument("--text", metavar="COLUMN",
                   help="a CSV column of text to learn from (reviews, messages): tokenised, the vocabulary learnt "
                        "from the training rows")
    p.add_argument("--tokens", choices=("chars", "words", "subwords"),
                   help="how --text is split: characters, words (default) or subwords learnt from the training rows")
    p.add_argument("--seq-len", type=int, metavar="N",
                   help="tokens per text (default: the 95th percentile of the training texts' lengths)")
    p.add_argument("--missing", choices=("drop", "impute"),
                   help="a CSV with gaps: drop those rows, or fill them (training rows' median or most frequent)")
    p.add_argument("--fit", action="store_true",
                   help="make the network fit the data first (input shape, vocabulary, output width, loss), as the "
                        "page's button does, and print what changed")
    p.add_argument("--epochs", type=_epochs)
    p.add_argument("--device", choices=("auto", "cpu", "cuda", "mps"))
    p.add_argument("--out", default="runs/latest", help="bundle directory (default: runs/latest)")
    p.add_argument("--export", action="append", default=[], choices=("onnx", "pt2", "torchscript", "state_dict",
                                                                       "code"),
                   help="also export this format into the bundle (repeatable)")
    p.add_argument("--resume", metavar="CHECKPOINT",
                   help="continue from a checkpoint (DIR/checkpoints/last.pt), on any number of ranks")
    p.add_argument("--include-data", action="store_true",
                   help="put the training data into the bundle too (data.safetensors); without it, a bundle holds "
                        "the model, its spec and history only")
    p = sub.add_parser("script", help="write a standalone training script (torch only) for a spec")
    p.add_argument("spec")
    p.add_argument("--out", default="train.py", help="the script's path (default: train.py)")
    p = sub.add_parser("import", help="a bundle (spec.json + model.safetensors) from an ONNX file or your own "
                                      "PyTorch module", description="Import a network with its weights into a bundle "
                       "folder. An ONNX file is read, never run. module.py:ClassName is YOUR OWN Python file: it is "
                       "run, as `python module.py` would run it, to build ClassName() and trace it with torch.fx "
                       "(the page never runs uploaded code).")
    p.add_argument("source", help="FILE.onnx, or module.py:ClassName (the file is run)")
    p.add_argument("--out", required=True, help="the bundle folder to write")
    p.add_argument("--input-shape", help="one sample's shape for module.py:ClassName, batch excluded, e.g. 1,28,28")
    p.add_argument("--name", help="the network's name (default: the file's or the class's)")
    p = sub.add_parser("generate", help="write text with a trained language model (char_lstm_pydoc, "
                                         "char_transformer_pydoc)")
    p.add_argument("bundle")
    p.add_argument("--prompt", default="", help="the text to continue (default: none)")
    p.add_argument("--length", type=int, default=200, help="characters to add (default: 200)")
    p.add_argument("--temperature", type=float, default=1.0,
                   help="0: always the likeliest next character; 1 (default): as the model predicts; higher: bolder")
    p.add_argument("--seed", type=int, default=0, help="the same seed gives the same text")
    p = sub.add_parser("export", help="export a trained bundle to another format")
    p.add_argument("bundle")
    p.add_argument("--format", required=True, choices=("onnx", "pt2", "torchscript", "state_dict", "code"))
    p.add_argument("--out")
    p = sub.add_parser("predict", help=f"print a trained bundle's predictions for a {predicted} file")
    p.add_argument("bundle")
    p.add_argument("input")
    p.add_argument("--missing", choices=("drop", "impute"),
                   help="rows with gaps: skip them, or fill them with the values training used")
    p.add_argument("--output", metavar="FILE",
                   help="write the table to FILE (whole or not at all) instead of printing it")
    return parser


COMMANDS = {"validate": _cmd_validate, "summary": _cmd_summary, "code": _cmd_code, "presets": _cmd_presets,
            "layers": _cmd_layers, "datasets": _cmd_datasets, "train": _cmd_train, "script": _cmd_script,
            "import": _cmd_import, "export": _cmd_export, "predict": _cmd_predict,
            "generate": _cmd_generate}


def main(argv: list[str] | None = None) -> int:
    try:
        debug = settings().debug
    except SettingsError as e:
        for line in str(e).splitlines():
            print(f"error: {printable(line)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        args = make_parser().parse_args(argv)
    except SystemExit as e:  # a bad option, or --help: argparse has said what it had to say
        return e.code if isinstance(e.code, int) else EXIT_BAD_INPUT
    try:
        return COMMANDS[args.command](args)
    except SpecErrors as e:
        for err in e.errors:
            print(f"error: {err}", file=sys.stderr)
    except (SpecError, DataError, BundleError, UsageError, SettingsError, FileNotFoundError, FolderBusy,
            FileRefused) as e:
        print(f"error: {printable(e)}", file=sys.stderr)
    except OSError as e:  # a file that cannot be read or written: its name and the system's reason
        print(f"error: {printable(e.filename or '')}{': ' if e.filename else ''}{printable(e.strerror or e)}",
              file=sys.stderr)
    except KeyError as e:
        print(f"error: {printable(e.args[0] if e.args else e)}", file=sys.stderr)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # a bug of ours: say so in one line; the traceback only on request
        if debug:
            traceback.print_exc()
        print(f"error: internal error ({type(e).__name__}: {printable(e)}); set NETBUILDER_DEBUG=1 for details",
              file=sys.stderr)
        return 1
    return EXIT_BAD_INPUT
