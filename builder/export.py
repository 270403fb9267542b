"""Exports of a trained bundle: its model as ONNX, torch.export, TorchScript, a state_dict or standalone code; the
bundle itself as one zip for a download; and a state_dict export read back without unpickling."""
from __future__ import annotations

import io
import string
import warnings
import zipfile
from pathlib import Path

import torch

from .bundle import BUNDLE_FILES, DATA_FILES, Bundle, atomic_write, holds_bundle, load_bundle, member_limits, written_whole
from .codegen import dict_source, generate_code, objective_code
from .errors import BundleError
from .files import FileRefused, read_bytes
from .preprocessing import Normalizer
from .spec import Spec

FORMATS = {  # format -> file name inside the bundle
    "state_dict": "model.pt",
    "onnx": "model.onnx",
    "pt2": "model.pt2",
    "torchscript": "model.torchscript.pt",  # legacy: TorchScript is deprecated upstream
    "code": "model.py",
}


def _example(spec: Spec, batch: int = 2) -> torch.Tensor:
    shape = (batch, *spec.input.shape)
    return torch.zeros(shape, dtype=torch.long) if spec.input.dtype == "long" else torch.randn(shape)


def export_format(bundle_dir: str | Path, fmt: str, out: str | Path | None = None) -> Path:
    """Export a bundle's model as `fmt`; the file lands in the bundle unless `out` says otherwise. It never
    writes over a bundle's own files (see `check_export_target`), and it is written whole or not at all: into a
    temporary file, then renamed over the target, so a link at the target is replaced, never written through."""
    if fmt not in FORMATS:
        raise BundleError(f"unknown export format '{fmt}'. Known: {', '.join(FORMATS)}")
    source = Path(bundle_dir)
    if out:
        target = Path(out)
    elif source.is_dir():
        target = source / FORMATS[fmt]
    else:  # a zipped bundle: write beside it
        target = source.parent / f"{source.stem}.{FORMATS[fmt]}"
    check_export_target(source, target, fmt)
    bundle = load_bundle(bundle_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    with written_whole(target) as made:  # a full disk or a read-only folder: an OSError naming the target
        EXPORTERS[fmt](bundle, made)
    return target


def check_export_target(source: Path, target: Path, fmt: str) -> None:
    """BundleError when an export to `target` would write over the bundle it exports (a .zip), or over a bundle's
    own files (its weights, spec, history or data) in any bundle folder, links resolved."""
    real = target.resolve()
    if real.is_dir():
        raise BundleError(f"{target}: a folder is in the way; name a file")
    if real == source.resolve():
        raise BundleError(f"{target}: is the bundle being exported; name another file")
    own = (*BUNDLE_FILES, *DATA_FILES)
    if real.name in own and (holds_bundle(real.parent) or any((real.parent / n).exists() for n in BUNDLE_FILES)):
        raise BundleError(f"{target}: is the bundle's own {real.name} ({real}); an export there would break the "
                          f"bundle: name another file, such as {real.parent / FORMATS[fmt]}")


def _export_state_dict(bundle: Bundle, target: Path) -> None:
    torch.save(bundle.model.net.state_dict(), target)


def _export_onnx(bundle: Bundle, target: Path) -> None:
    batch = torch.export.Dim("batch", min=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        program = torch.onnx.export(bundle.model.traceable(), (_example(bundle.spec),), dynamo=True, verbose=False,
                                    dynamic_shapes={"x": {0: batch}}, input_names=["x"], output_names=["y"])
    program.save(str(target))


def _export_pt2(bundle: Bundle, target: Path) -> None:
    batch = torch.export.Dim("batch", min=1)
    program = torch.export.export(bundle.model.traceable(), (_example(bundle.spec),),
                                  dynamic_shapes={"x": {0: batch}})
    torch.export.save(program, target)


def _export_torchscript(bundle: Bundle, target: Path) -> None:
    # Legacy: TorchScript is deprecated upstream; kept for runtimes that still need it. Traced, so
    # the trace check (which compares module type names) is off; outputs are tested instead.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        traced = torch.jit.trace(bundle.model, _example(bundle.spec), check_trace=False)
    traced.save(str(target))


def _export_code(bundle: Bundle, target: Path) -> None:
    """model.py: the generated network plus `load()` and `predict(x)`, which give what builder.load's bundle gives
    (inputs normalised as in training, target scaling undone, class names for a classifier)."""
    code = generate_code(bundle.spec)
    statistics = Normalizer.from_dict(bundle.inference.get("normalizer") or {}).to_dict()
    fields = dict(statistics=dict_source(statistics), class_names=repr(bundle.class_names),
                  objective=objective_code(bundle.objective),
                  dtype="torch.long" if bundle.spec.input.dtype == "long" else "torch.float32",
                  **_text_fields(bundle))
    head, sep, main = code.partition('\n\nif __name__ == "__main__":')
    atomic_write(target, (head + string.Template(_CODE_EXPORT).substitute(fields) + sep + main).encode())


def _text_fields(bundle: Bundle) -> dict:
    """For a model of text: the tokeniser's own code (text.tokenizer_source) and its vocabulary, and `outputs`
    reading raw texts through it; nothing for other models."""
    from .text import tokenizer_source
    raw = bundle.inference.get("text")
    if raw is None:
        return {"text": "", "text_inputs": ""}
    encoder = {k: raw[k] for k in ("kind", "vocab", "seq_len", "subwords")}
    return {"text": string.Template(_TEXT_CODE).substitute(encoder=repr(encoder), source=tokenizer_source()),
            "text_inputs": "    if not torch.is_tensor(x):  # raw texts, tokenised as in training\n"
                           "        x = tokenize(x)\n"}


_TEXT_CODE = '''

# How training tokenised text (NetBuilder's own tokeniser, copied): the vocabulary learnt from its training rows.
import re

TEXT = $encoder


$source

def tokenize(texts):
    """Raw texts as the model's token ids [texts, seq_len], exactly as NetBuilder tokenised them."""
    subwords = None
    if TEXT["kind"] == "subwords":
        from tokenizers import Tokenizer  # pip install tokenizers

        subwords = Tokenizer.from_str(TEXT["subwords"])
        subwords.encode_special_tokens = True
    return torch.tensor(token_ids(list(texts), TEXT["kind"], TEXT["vocab"], TEXT["seq_len"], subwords))
'''


_CODE_EXPORT = '''


# What training learned about the data, as the bundle's spec.json holds it; NetBuilder applies the same steps.
STATISTICS = $statistics
CLASS_NAMES = $class_names
$text


$objective


def preprocess(x):
    """Normalise raw inputs as in training."""
    return standardise(x, STATISTICS)


def load(path="model.safetensors"):
    """The network with the bundle's trained weights (needs the safetensors package)."""
    from safetensors.torch import load_file

    model = Net()
    model.load_state_dict(load_file(path))
    return model.eval()


def outputs(x, model=None):
    """The model's outputs for raw inputs x (a batch shaped as in training), in the data's own units: class
    probabilities for a classifier [batch, classes]; values with the target scaling undone otherwise."""
    model = model if model is not None else load()
$text_inputs    x = torch.as_tensor(x).to($dtype)
    with torch.no_grad():
        return decode(model(preprocess(x)), STATISTICS)


def predict(x, model=None):
    """Predictions for raw inputs x, as `python -m builder predict` gives them: for a classifier, one class name
    per sample (the class's index as text when the data had no names); otherwise the values of `outputs(x)`."""
    out = outputs(x, model)
    if OBJECTIVE["labels"] != "classes":
        return out
    names = CLASS_NAMES or [str(i) for i in range(out.shape[1])]
    return [names[i] for i in out.argmax(1).tolist()]
'''


EXPORTERS = {"state_dict": _export_state_dict, "onnx": _export_onnx, "pt2": _export_pt2,
             "torchscript": _export_torchscript, "code": _export_code}


def bundle_zip(bundle_dir: str | Path, include_data: bool = False) -> bytes:
    """A bundle folder as zip bytes (for a download button): the model, its spec and history, and the exports made
    from it. The training data a run folder keeps so that the run can resume goes in only when `include_data`
    asks for it; nothing else in the folder (its run record, its checkpoints) ever does."""
    wanted = {*BUNDLE_FILES, *FORMATS.values(), *(DATA_FILES if include_data else ())}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(Path(bundle_dir).iterdir()):
            if p.name in wanted and p.is_file():
                zf.write(p, p.name)
    return buf.getvalue()


def holds_data(bundle_dir: str | Path) -> bool:
    """Whether a bundle folder keeps the training data beside the model (a run on uploaded data does)."""
    return all((Path(bundle_dir) / name).is_file() for name in DATA_FILES)


def load_state_dict_file(path: str | Path) -> dict:
    """A .pt state_dict, loaded with weights_only=True: a crafted pickle is refused and runs no code. The file is
    read as a regular file of at most a bundle's weights' size (never a pipe or a device)."""
    try:
        data = read_bytes(path, member_limits()["model.safetensors"])
    except FileRefused as e:
        raise BundleError(f"{Path(path).name}: {e}") from None
    try:
        state = torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
    except Exception as e:
        raise BundleError(f"{Path(path).name}: refused: not a plain tensor file ({type(e).__name__}: "
                          f"{str(e).splitlines()[0][:200]}). Only weights are loaded; pickled code never runs.") from None
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise BundleError(f"{Path(path).name}: not a state_dict (a mapping of names to tensors)")
    return state

