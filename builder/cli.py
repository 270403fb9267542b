"""The command line: python -m builder validate|summary|code|presets|layers|train|export|predict|script."""
from __future__ import annotations

import argparse
import json
import os
import sys
import traceback

from .errors import BundleError, DataError, SpecError, SpecErrors

EXIT_BAD_INPUT = 2
SUMMARY_JSON_KEYS = ("layers", "output_shape", "total_params", "trainable_params", "flops")  # fixed by DESIGN.md


def _cmd_validate(args) -> int:
    from .graph import check_spec
    checked = check_spec(args.spec)
    checked.raise_errors()
    for w in checked.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(f"ok: {checked.spec.name}: {len(checked.order)} layers, output shape {list(checked.output_shape)}")
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
        print(f"{name:<28} {params:>10,} params  {dataset:<14} {spec.name}")
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


def _cmd_train(args) -> int:
    from .training import train_cli
    return train_cli(args)


def _cmd_script(args) -> int:
    from .script import write_script
    path = write_script(args.spec, args.out)
    print(f"wrote {path}: run it with `python {path}` or `torchrun --nproc_per_node N {path}` (--help for options)")
    return 0


def _cmd_export(args) -> int:
    from .export import export_cli
    return export_cli(args)


def _cmd_predict(args) -> int:
    from .export import predict_cli
    return predict_cli(args)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m builder", description="NetBuilder: check, summarise, train and export "
                                     "netbuilder/1 network specs.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, helptext in (("validate", "check a spec; exit 2 with one error line per problem"),
                           ("summary", "per-layer output shapes, parameters and FLOPs"),
                           ("code", "print a standalone PyTorch module for the spec")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("spec", help="path to a netbuilder/1 JSON file")
        if name == "summary":
            p.add_argument("--json", action="store_true", help="print one JSON object")
    sub.add_parser("presets", help="list the preset architectures")
    sub.add_parser("layers", help="list the layer types and their parameters")
    p = sub.add_parser("train", help="train a spec and write a bundle")
    p.add_argument("spec")
    p.add_argument("--data", help="a CSV, NPZ, image ZIP or IDX file to train on instead of the spec's dataset")
    p.add_argument("--target", help="the target column of a CSV file (default: the last column)")
    p.add_argument("--epochs", type=int)
    p.add_argument("--device", choices=("auto", "cpu", "cuda", "mps"))
    p.add_argument("--out", default="runs/latest", help="bundle directory (default: runs/latest)")
    p.add_argument("--export", action="append", default=[], help="also export this format into the bundle (repeatable)")
    p.add_argument("--resume", metavar="CHECKPOINT",
                   help="continue from a checkpoint (DIR/checkpoints/last.pt), on any number of ranks")
    p = sub.add_parser("script", help="write a standalone training script (torch only) for a spec")
    p.add_argument("spec")
    p.add_argument("--out", default="train.py", help="the script's path (default: train.py)")
    p = sub.add_parser("export", help="export a trained bundle to another format")
    p.add_argument("bundle")
    p.add_argument("--format", required=True, choices=("onnx", "pt2", "torchscript", "state_dict", "code"))
    p.add_argument("--out")
    p = sub.add_parser("predict", help="print a trained bundle's predictions for a CSV or NPZ file")
    p.add_argument("bundle")
    p.add_argument("input")
    return parser


COMMANDS = {"validate": _cmd_validate, "summary": _cmd_summary, "code": _cmd_code, "presets": _cmd_presets,
            "layers": _cmd_layers, "train": _cmd_train, "script": _cmd_script, "export": _cmd_export,
            "predict": _cmd_predict}


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except SpecErrors as e:
        for err in e.errors:
            print(f"error: {err}", file=sys.stderr)
    except (SpecError, DataError, BundleError, KeyError, FileNotFoundError) as e:
        print(f"error: {e.args[0] if isinstance(e, KeyError) else e}", file=sys.stderr)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # a bug of ours: say so in one line; the traceback only on request
        if os.environ.get("NETBUILDER_DEBUG"):
            traceback.print_exc()
        print(f"error: internal error ({type(e).__name__}: {e}); set NETBUILDER_DEBUG=1 for details", file=sys.stderr)
        return 1
    return EXIT_BAD_INPUT
