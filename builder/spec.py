"""The netbuilder/1 spec: pydantic models, and loading from a file, a JSON string or a dict."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, ValidationError, field_validator

from .errors import SpecError, SpecErrors, finite_number, short
from .files import FileRefused, FileTooLarge, read_text
from .recipes import LOSSES, OPTIMIZERS, SCHEDULERS

FORMAT = "netbuilder/1"
MAX_SPEC_BYTES = 5 * 1024 * 1024  # a spec is a few KB; a bigger file is a mistake or an attack
ID_PATTERN = r"^[A-Za-z0-9_]+$"
MAX_EPOCHS = 100_000  # a training setting's bounds (checkpoints are held to them too)
MAX_BATCH_SIZE = 1_000_000
MAX_POSITION = 1e7  # canvas coordinates: far beyond any screen, far below float trouble

# Numbers are numbers: true, false and "0.1" are refused where a number goes (an int is fine for a float).
Int = Annotated[int, Strict()]
Float = Annotated[float, Strict()]
Bool = Annotated[bool, Strict()]
Text = Annotated[str, Strict()]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class InputSpec(_Strict):
    shape: list[Int] = Field(min_length=1, max_length=4)
    dtype: Literal["float", "long"] = "float"

    @field_validator("shape")
    @classmethod
    def _positive(cls, v: list[int]) -> list[int]:
        if any(d < 1 for d in v):
            raise ValueError(f"every dimension must be ≥ 1. Received: shape={v}")
        return v


MAX_VALUE_DEPTH = 16  # a layer parameter or a dataset option is a number, a text, or lists of them: a few levels


def _shallow(values: dict) -> dict:
    """`values` (a layer's params, a dataset's options) unless one is nested more than MAX_VALUE_DEPTH lists or
    objects deep (looked at without recursion: a link can hold 100,000 levels, which no view could even write back
    out)."""
    stack = [(v, 1) for v in values.values()]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (list, dict)):
            if depth > MAX_VALUE_DEPTH:
                raise ValueError(f"a value is nested more than {MAX_VALUE_DEPTH} lists deep; a setting is a "
                                 "number, a text, or a list of them")
            stack.extend((v, depth + 1) for v in (value.values() if isinstance(value, dict) else value))
    return values


class LayerSpec(_Strict):
    id: Text = Field(pattern=ID_PATTERN, min_length=1, max_length=64)
    type: Text = Field(max_length=200)
    params: dict[str, Any] = Field(default_factory=dict)
    inputs: list[Text] | None = Field(None, max_length=100_000)

    @field_validator("params")
    @classmethod
    def _params_shallow(cls, v: dict) -> dict:
        return _shallow(v)

    @field_validator("id")
    @classmethod
    def _not_input(cls, v: str) -> str:
        if v == "input":
            raise ValueError("'input' names the model input; choose another id")
        return v


class DataSpec(_Strict):
    dataset: Text = Field(max_length=200)
    options: dict[str, Any] = Field(default_factory=dict)
    val_fraction: Float = Field(0.2, ge=0.0, lt=1.0)

    @field_validator("options")
    @classmethod
    def _options_shallow(cls, v: dict) -> dict:
        return _shallow(v)


class TrainingSpec(_Strict):
    loss: Literal[tuple(LOSSES)] | None = Field(None, description="what training minimises (blank: from the task)")
    optimizer: Literal[tuple(OPTIMIZERS)] = Field("adam", description="how the weights follow the gradient")
    lr: Float = Field(0.001, gt=0.0, le=100.0, description="learning rate: the size of each step")
    momentum: Float = Field(0.0, ge=0.0, lt=1.0, description="sgd and rmsprop only")
    weight_decay: Float = Field(0.0, ge=0.0, le=10.0, description="L2 penalty on the weights")
    l1_penalty: Float = Field(0.0, ge=0.0, le=10.0, description="L1 penalty on the weights: pushes the useless ones to zero")
    batch_size: Int = Field(64, ge=1, le=MAX_BATCH_SIZE, description="samples per step")
    epochs: Int = Field(10, ge=1, le=MAX_EPOCHS, description="passes over the training data")
    scheduler: Literal[tuple(SCHEDULERS)] = Field("none", description="how the learning rate changes as it trains")
    grad_clip: Float | None = Field(None, gt=0.0, le=1e6, description="clip the gradient norm to this (blank: off)")
    early_stopping_patience: Int | None = Field(None, ge=1, le=100_000, description="stop after this many epochs "
                                                "without a better validation loss (blank: off)")
    seed: Int = Field(0, ge=0, le=2**32 - 1, description="same seed, same run")
    device: Literal["auto", "cpu", "cuda", "mps"] = Field("auto", description="auto: a GPU when there is one")
    amp: Bool = Field(False, description="bf16 mixed precision (CUDA only)")


def _position(value: Any) -> list[float]:
    ok = isinstance(value, (list, tuple)) and len(value) == 2 and all(
        finite_number(v) and abs(v) <= MAX_POSITION
        for v in value)
    if not ok:
        raise ValueError(f"a position is [x, y], two finite numbers. Received: {short(value)}")
    return [float(v) for v in value]


class Spec(_Strict):
    format: Literal["netbuilder/1"] = FORMAT
    name: Text = Field("Untitled network", max_length=1_000)
    description: Text = Field("", max_length=100_000)
    input: InputSpec
    layers: list[LayerSpec] = Field(min_length=1, max_length=10_000)
    data: DataSpec | None = None
    training: TrainingSpec | None = None
    layout: dict[str, Any] | None = None  # canvas positions by layer id; only the page reads them

    @field_validator("layout")
    @classmethod
    def _layout(cls, v: dict | None) -> dict | None:
        if v is None:
            return v
        if len(v) > 10_001:
            raise ValueError(f"holds {len(v):,} positions; a network has at most 10,000 layers")
        return {str(k): _position(p) for k, p in v.items()}

    def layer(self, layer_id: str) -> LayerSpec:
        return next(l for l in self.layers if l.id == layer_id)

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", exclude_none=True)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)


def _pydantic_errors(exc: ValidationError, raw: Any, prefix: tuple = ()) -> list[SpecError]:
    """Turn pydantic's errors into SpecErrors that name the layer where there is one."""
    out = []
    for err in exc.errors():
        loc = (*prefix, *err["loc"])
        layer_id = layer_type = None
        if len(loc) >= 2 and loc[0] == "layers" and isinstance(loc[1], int):
            try:
                layer = raw["layers"][loc[1]]
                layer_id = str(layer.get("id", f"#{loc[1] + 1}"))
                layer_type = layer.get("type")
            except (KeyError, IndexError, TypeError, AttributeError):
                layer_id = f"#{loc[1] + 1}"
            loc = loc[2:]
        path = ".".join(str(p) for p in loc) or "spec"
        if err["type"] == "extra_forbidden":
            msg = f"unknown key '{path}'"
        elif err["type"] == "missing":
            msg = f"missing key '{path}'"
        elif err["type"] == "string_pattern_mismatch" and loc and loc[-1] == "id":
            msg = f"id must use letters, digits and '_' only. Received: id={err['input']!r}"
        else:
            msg = f"{path}: {err['msg'].removeprefix('Value error, ')}. Received: {short(err.get('input'))}"
        out.append(SpecError(layer_id, msg, layer_type=layer_type if isinstance(layer_type, str) else None))
    return out


def parse_training(values: dict) -> TrainingSpec:
    """Training settings (a spec's "training" section, or overrides of it), checked by the spec's own rules."""
    try:
        return TrainingSpec.model_validate(values)
    except ValidationError as e:
        raise SpecErrors(_pydantic_errors(e, values, ("training",))) from None


class NotJSON(ValueError):
    """Bytes or text that cannot be read as JSON, and why ("not valid JSON (…)"); the caller names the file."""


class NotAPath(ValueError):
    """A value that cannot name a file, and why; the caller says what it wanted the path for."""


def decode_json(data: str | bytes) -> Any:
    """JSON text (or its bytes) as Python values; NotJSON for every way it can fail to be read: malformed JSON,
    bytes that are not UTF-8 text, nesting deeper than the parser can follow (RecursionError), a number of more
    digits than Python converts. The JSON files a person can touch (a spec, a bundle's spec.json, a run folder's
    run.json and data.json) are read through here, so none of these reaches anyone as a bare Python error."""
    try:
        return json.loads(data)
    except RecursionError:
        raise NotJSON("nested too deeply to be read as JSON") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise NotJSON(f"not valid JSON ({e})") from None
    except ValueError as e:  # "Exceeds the limit (4300 digits) for integer string conversion…"
        raise NotJSON(f"not valid JSON here ({str(e).split(';')[0]})") from None


def checked_path(value: Any) -> Path:
    """`value` as the Path of a file a person names; NotAPath when it cannot be one: not a str or a pathlib.Path
    (None, a number, bytes), empty, or holding a character no file name can hold (NUL, a lone surrogate), which
    the operating system would refuse with a bare ValueError."""
    text = os.fspath(value) if isinstance(value, os.PathLike) else value
    if not isinstance(text, str):
        raise NotAPath(f"a path is a str or a pathlib.Path. Received: {short(value)}")
    if not text:  # Path("") is the current folder, which no one means by an empty name
        raise NotAPath("a path cannot be empty")
    if "\x00" in text:
        raise NotAPath(f"a path cannot hold a NUL character. Received: {short(text)}")
    try:
        os.fsencode(text)
    except UnicodeEncodeError:
        raise NotAPath(f"a path cannot hold a lone surrogate character. Received: {short(text)}") from None
    return Path(text)


def parse_sent_spec(value: Any) -> Spec:
    """A spec a person sent as data (a share link, an upload, a text box, a bundle's spec.json), once its JSON is
    decoded: it must be a JSON object. Never a path: `parse_spec` reads a str as a file's name, and a link holding
    the JSON string "/some/file.json" would make the server read its own files."""
    if not isinstance(value, (dict, Spec)):
        raise SpecErrors([SpecError(None, f"a spec is a JSON object. Received: {type(value).__name__}")])
    return parse_spec(value)


def parse_spec(source: str | Path | dict | Spec) -> Spec:
    """Read a spec's structure (keys, types, ranges); layers are checked by `check_spec`."""
    if isinstance(source, Spec):
        return source
    name = None
    if isinstance(source, os.PathLike) or (isinstance(source, str) and not source.lstrip().startswith(("{", "["))):
        name = str(source)
        source = _read_file(source)
    if isinstance(source, (str, bytes)):
        if len(source) > MAX_SPEC_BYTES:
            raise SpecErrors([SpecError(None, f"the spec is {len(source):,} bytes; a spec is at most "
                                              f"{MAX_SPEC_BYTES:,}", source=name)])
        try:
            source = decode_json(source)
        except NotJSON as e:
            raise SpecErrors([SpecError(None, str(e), source=name)]) from None
    elif not isinstance(source, (dict, list)):
        raise SpecErrors([SpecError(None, f"a spec is a path (str or pathlib.Path), a JSON text or a dict. "
                                          f"Received: {short(source)}")])
    if not isinstance(source, dict):
        raise SpecErrors([SpecError(None, f"a spec is a JSON object. Received: {type(source).__name__}", source=name)])
    source = {k: v for k, v in source.items() if k != "inference"}  # a bundle's spec.json: what inference needs
    if source.get("format") != FORMAT:
        raise SpecErrors([SpecError(None, f"not a {FORMAT} spec. Received: format={short(source.get('format'))}",
                                    f'add "format": "{FORMAT}" at the top', source=name)])
    try:
        return Spec.model_validate(source)
    except ValidationError as e:
        errors = _pydantic_errors(e, source)
        for err in errors:
            err.source = err.source or (name if err.layer_id is None else None)
        raise SpecErrors(errors) from None
    except RecursionError:
        raise SpecErrors([SpecError(None, "the spec is nested too deeply", source=name)]) from None


def _read_file(source: str | os.PathLike) -> str:
    """A spec file's text: a regular file of at most MAX_SPEC_BYTES (a pipe or /dev/zero is refused, see `files`)."""
    try:
        path = checked_path(source)
    except NotAPath as e:
        raise SpecErrors([SpecError(None, f"cannot read the file ({e})", source=str(source))]) from None
    try:
        return read_text(path, MAX_SPEC_BYTES)
    except FileTooLarge as e:
        size = f"is {e.size:,} bytes" if e.size is not None else "holds more bytes than that"
        raise SpecErrors([SpecError(None, f"the file {size}; a spec is at most {MAX_SPEC_BYTES:,}",
                                    source=str(path))]) from None
    except FileRefused as e:
        raise SpecErrors([SpecError(None, f"cannot read the file ({e.reason})", source=str(path))]) from None
