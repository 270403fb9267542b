"""The command line: python -m builder
validate|summary|code|presets|layers|datasets|train|import|export|predict|generate|script.

Bad input of any kind (a spec, a data file, a bundle, an option, an unwritable folder) exits with code 2 and
`error: …` lines on stderr that name what is wrong; nothing a person typed reaches the terminal unescaped.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

from .cli_paths import UsageError, discard_stdout, output_file, writable_dir, writable_file, writing
from .cli_train import cmd_train
from .errors import BundleError, DataError, SpecError, SpecErrors, printable, short
from .files import FileRefused, FolderBusy
from .settings import SettingsError, settings
from .spec import MAX_EPOCHS

EXIT_BAD_INPUT = 2
SUMMARY_JSON_KEYS = ("layers", "output_shape", "total_params", "trainable_params", "flops")  # fixed by DESIGN.md


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

def _cmd_script(args) -> int:
    from .script import write_script
    path = writable_file(args.out, "--out")
    with writing(path, "--out"):
        write_script(args.spec, path)
    shown = printable(path)
    print(f"wrote {shown}: run it with `python {shown}` or `torchrun --nproc_per_node N {shown}` (--help for options)")
    return 0


def _cmd_export(args) -> int:
    from .export import export_format
    if args.out:
        writable_file(args.out, "--out")
    print(f"wrote {printable(export_format(args.bundle, args.format, args.out))}")
    return 0


def _cmd_predict(args) -> int:
    from .bundle import atomic_write, load_bundle
    from .prediction import format_predictions, predict, read_inputs, unknown_note
    output = output_file(args.output, args.bundle, args.input) if args.output else None
    bundle = load_bundle(args.bundle)
    x, dropped, names = read_inputs(args.input, bundle, args.missing)
    if dropped:
        rows = ", ".join(str(i + 1) for i in dropped[:20]) + (" …" if len(dropped) > 20 else "")
        print(f"note: {len(dropped):,} row(s) with missing values were skipped (data rows {rows})", file=sys.stderr)
    note = unknown_note(bundle, x)
    if note:
        print(f"note: {note}", file=sys.stderr)
    table = format_predictions(bundle, predict(bundle, x), names)
    if output is not None:
        with writing(output, "--output"):
            atomic_write(output, table.encode("utf-8"))
        print(f"wrote {printable(output)}: {len(x):,} predictions")
        return 0
    try:
        sys.stdout.write(table)
        sys.stdout.flush()
    except OSError as e:  # a full disk, a closed pipe: said once, and nothing more is written at exit
        discard_stdout()
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
    out = writable_dir(args.out, "--out")
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


# ---- the parser ---------------------------------------------------------------------------------

class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad option as one `error:` line with exit code 2 (argparse's own code for it)."""

    def error(self, message: str):
        self.exit(EXIT_BAD_INPUT, f"error: {printable(message)} (python -m builder {self.prog.split()[-1]} --help)\n")


def _whole(low: int, high: int, what: str = "a whole number"):
    """An argument type: a whole number from `low` to `high`, else one line saying what would do."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be {what}. Received: {short(text)}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}. Received: {short(text)}")
        return value
    return parse


def _seed(text: str) -> int:
    from .compiler import MAX_SEED  # the seeds torch's generators take (imported when a seed is given)
    return _whole(0, MAX_SEED)(text)


def _path(text: str) -> str:
    """A file or folder option: an empty one would mean the current folder (Path("") is "."), which no one means."""
    if not text:
        raise argparse.ArgumentTypeError("must name a file or folder. Received: ''")
    return text


SPEC_HELP = "a netbuilder/1 JSON file, or a preset's name (python -m builder presets)"


def _spec(text: str) -> str:
    """A SPEC argument: a netbuilder/1 JSON file, or the name of a preset (`presets` lists them) where no file has
    that name. A bare name that is neither is refused with the hint; a path is left for the reader to say why."""
    from .presets import preset_path
    if not text:
        raise argparse.ArgumentTypeError("must name a spec file or a preset. Received: ''")
    if os.path.lexists(text) or text.lstrip().startswith(("{", "[")):
        return text
    preset = preset_path(text)
    if preset is not None:
        return str(preset)
    if os.sep not in text and "/" not in text and not text.endswith(".json"):
        raise argparse.ArgumentTypeError(f"no such file, and no preset of that name (python -m builder presets "
                                         f"lists them). Received: {short(text)}")
    return text


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
        p.add_argument("spec", type=_spec, help=SPEC_HELP)
        if name == "summary":
            p.add_argument("--json", action="store_true", help="print one JSON object")
    sub.add_parser("presets", help="list the preset architectures")
    sub.add_parser("layers", help="list the layer types and their parameters")
    sub.add_parser("datasets", help="list the built-in datasets, their sample shapes and options")
    p = sub.add_parser("train", help="train a spec and write a bundle")
    p.add_argument("spec", type=_spec, help=SPEC_HELP)
    p.add_argument("--data", type=_path, help=f"a {trained_on} file to train on instead of the spec's dataset (plain "
                                               "text, .txt: a spec whose network is a character language model, "
                                               "such as char_lstm_pydoc, learns to continue it)")
    p.add_argument("--target", help="the target column of a CSV file (default: a column named label, target, "
                                     "class, species, y, ..., else the last column)")
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
    p.add_argument("--epochs", type=_whole(1, MAX_EPOCHS, "a whole number of epochs"))
    p.add_argument("--device", choices=("auto", "cpu", "cuda", "mps"))
    p.add_argument("--compile", action="store_true",
                   help="run the model through torch.compile: tens of seconds to start, and on the CPU no preset "
                        "ran faster with it (README: Benchmarks); on the CPU it needs a C++ compiler")
    p.add_argument("--out", type=_path, default="runs/latest", help="bundle directory (default: runs/latest)")
    p.add_argument("--export", action="append", default=[], choices=("onnx", "pt2", "torchscript", "state_dict",
                                                                       "code"),
                   help="also export this format into the bundle (repeatable)")
    p.add_argument("--resume", type=_path, metavar="CHECKPOINT",
                   help="continue from a checkpoint (DIR/checkpoints/last.pt), on any number of ranks")
    p.add_argument("--include-data", action="store_true",
                   help="put the training data into the bundle too (data.safetensors); without it, a bundle holds "
                        "the model, its spec and history only")
    p = sub.add_parser("script", help="write a standalone training script (torch only) for a spec")
    p.add_argument("spec", type=_spec, help=SPEC_HELP)
    p.add_argument("--out", type=_path, default="train.py", help="the script's path (default: train.py)")
    p = sub.add_parser("import", help="a bundle (spec.json + model.safetensors) from an ONNX file or your own "
                                      "PyTorch module", description="Import a network with its weights into a bundle "
                       "folder. An ONNX file is read, never run. module.py:ClassName is YOUR OWN Python file: it is "
                       "run, as `python module.py` would run it, to build ClassName() and trace it with torch.fx "
                       "(the page never runs uploaded code).")
    p.add_argument("source", help="FILE.onnx, or module.py:ClassName (the file is run)")
    p.add_argument("--out", type=_path, required=True, help="the bundle folder to write")
    p.add_argument("--input-shape", help="one sample's shape for module.py:ClassName, batch excluded, e.g. 1,28,28")
    p.add_argument("--name", help="the network's name (default: the file's or the class's)")
    p = sub.add_parser("generate", help="write text with a trained language model (char_lstm_pydoc, "
                                         "char_transformer_pydoc)")
    p.add_argument("bundle")
    p.add_argument("--prompt", default="", help="the text to continue (default: none)")
    p.add_argument("--length", type=int, default=200, help="characters to add (default: 200)")
    p.add_argument("--temperature", type=float, default=1.0,
                   help="0: always the likeliest next character; 1 (default): as the model predicts; higher: bolder")
    p.add_argument("--seed", type=_seed, default=0, help="the same seed gives the same text")
    p = sub.add_parser("export", help="export a trained bundle to another format")
    p.add_argument("bundle")
    p.add_argument("--format", required=True, choices=("onnx", "pt2", "torchscript", "state_dict", "code"))
    p.add_argument("--out", type=_path)
    p = sub.add_parser("predict", help=f"print a trained bundle's predictions for a {predicted} file, or one image")
    p.add_argument("bundle")
    p.add_argument("input")
    p.add_argument("--missing", choices=("drop", "impute"),
                   help="rows with gaps: skip them, or fill them with the values training used")
    p.add_argument("--output", type=_path, metavar="FILE",
                   help="write the table to FILE (whole or not at all) instead of printing it")
    return parser


COMMANDS = {"validate": _cmd_validate, "summary": _cmd_summary, "code": _cmd_code, "presets": _cmd_presets,
            "layers": _cmd_layers, "datasets": _cmd_datasets, "train": cmd_train, "script": _cmd_script,
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
