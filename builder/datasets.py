"""Datasets: the `Dataset` type (and its one plain-data form, for files and other processes), the built-in datasets
(their options, generators and registry), and loading them seeded and cached."""
from __future__ import annotations

import functools
import hashlib
import json
import math
import numbers
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

from . import generators
from .errors import DataError, finite_number, short
from .registry import closest
from .spec import DataSpec
from .tables import Table, TableError
from .text import TextColumn

if TYPE_CHECKING:
    import torch

TASKS = ("classification", "regression", "reconstruction")
MAX_VALUES = 20_000_000  # a generated dataset bigger than this (80 MB of float32) is a typo, not a lesson


class _Tensor:
    """A Dataset's `x` or `y`: given as a tensor or as a numpy array, and read as a tensor (made from the array,
    sharing its memory, when first read). A built-in dataset is made as arrays, so what only looks at it (its shape,
    its classes, the page's picture of it: `Dataset.array`) needs no torch, which takes a second or more to import."""

    def __set_name__(self, owner, name):
        self.slot = f"_{name}"

    def __get__(self, obj, owner=None):
        if obj is None:
            raise AttributeError(self.slot)  # a field without a default
        value = obj.__dict__[self.slot]
        if isinstance(value, np.ndarray):
            import torch
            value = obj.__dict__[self.slot] = torch.from_numpy(value)
        return value

    def __set__(self, obj, value):
        obj.__dict__[self.slot] = value


@dataclass(frozen=True)
class Dataset:
    """Samples and targets as tensors, with what a trainer and the page need to know about them. (A built-in
    dataset holds numpy arrays until its tensors are first read: see `_Tensor`.)

    Datasets from `load_dataset` are cached and shared: treat `x` and `y` as read-only (clone before changing them).
    """

    name: str
    x: torch.Tensor = _Tensor()  # [n, *sample_shape]; float32, or int64 token ids when dtype == "long"
    y: torch.Tensor = _Tensor()  # classification: int64 [n]; regression: float32 [n, n_targets]; reconstruction: x
    task: str  # "classification" | "regression" | "reconstruction"
    sample_shape: tuple[int, ...]
    dtype: str  # "float" | "long"
    class_names: list[str] | None = None
    feature_names: list[str] | None = None
    description: str = ""
    table: Table | None = None  # an uploaded table's columns (how a CSV row becomes numbers); None otherwise
    text: TextColumn | None = None  # texts as token ids: the encoder that made them, and the texts (see `text`)

    def array(self, name: str) -> np.ndarray:
        """`x` or `y` as a numpy array (sharing the tensor's memory; on the CPU), without importing torch when the
        dataset was made from arrays. Read-only, as the tensors are."""
        value = self._stored(name)
        return value if isinstance(value, np.ndarray) else value.detach().cpu().numpy()

    def _stored(self, name: str):
        """`x` or `y` as held: a tensor, or the array it is read from (its shape and values are the same)."""
        return self.__dict__[f"_{name}"]

    @property
    def n_samples(self) -> int:
        return int(self._stored("x").shape[0])

    @property
    def n_classes(self) -> int | None:
        if self.task != "classification":
            return None
        if self.class_names is not None:
            return len(self.class_names)
        y = self._stored("y")
        return int(y.max()) + 1 if len(y) else 0

    @property
    def n_targets(self) -> int | None:
        return int(self._stored("y").shape[1]) if self.task == "regression" else None

    @property
    def output_width(self) -> int:
        """How many values the model must output (classification: one logit per class; reconstruction: as
        many as the input holds, in the input's shape)."""
        if self.task == "classification":
            return self.n_classes
        if self.task == "regression":
            return self.n_targets
        return math.prod(self.sample_shape)

    # ---- as plain data, for a file or another process ------------------------------------------

    def to_parts(self) -> tuple[dict, bytes]:
        """A JSON-able head (names, task, shape, the table's columns) and the tensors as safetensors bytes:
        nothing is pickled. A reconstruction target is the input itself, so it is stored once."""
        head = {"name": self.name, "task": self.task, "sample_shape": list(self.sample_shape), "dtype": self.dtype,
                "class_names": self.class_names, "feature_names": self.feature_names,
                "description": self.description, "table": self.table.to_dict() if self.table else None,
                "text": self.text.to_dict() if self.text else None}
        from safetensors.numpy import save  # the same bytes as safetensors.torch writes, without torch
        names = ["x"] if self.task == "reconstruction" else ["x", "y"]
        return head, save({k: np.ascontiguousarray(self.array(k)) for k in names})

    def content_hash(self) -> str:
        """A SHA-256 of what a run learns from: the task, the samples and the targets (their values, dtypes and
        counts), and the class names. Names, descriptions and the samples' shape (a view) do not count, so the same
        data read again, sent to a worker or saved with its run hashes the same."""
        import torch
        digest = hashlib.sha256(json.dumps([self.task, self.class_names]).encode())
        for tensor in (self.x, self.y):
            tensor = tensor.detach().cpu().contiguous()
            digest.update(f"{tensor.dtype}:{tensor.numel()}:{len(tensor)};".encode())
            digest.update(tensor.reshape(-1).view(torch.uint8).numpy().data)
        return digest.hexdigest()

    @classmethod
    def from_parts(cls, head: dict, blob: bytes) -> "Dataset":
        """The dataset `to_parts` gave, once its head and tensors are checked to agree: they come from a file or
        another process, so they are read as any input is. DataError names what does not fit."""
        fields = _head_fields(head)
        x, y = _part_tensors(blob, fields)
        return cls(fields["name"], x, y, fields["task"], fields["sample_shape"], fields["dtype"],
                   fields.get("class_names"), fields.get("feature_names"), fields.get("description", ""),
                   fields["table"], fields["text"])


def _head_fields(head) -> dict:
    """A dataset head's fields, each of the type it must have (the table read as a Table)."""
    if not isinstance(head, dict) or not isinstance(head.get("name"), str):
        raise DataError("a dataset", "its description is not a JSON object with a name")
    where, shape = f"dataset {head['name']!r}", head.get("sample_shape")
    if head.get("task") not in TASKS:
        raise DataError(where, f"task must be one of {', '.join(TASKS)}. Received: task={short(head.get('task'))}")
    if head.get("dtype") not in ("float", "long"):
        raise DataError(where, f'dtype must be "float" or "long". Received: dtype={short(head.get("dtype"))}')
    if not (isinstance(shape, list) and shape and all(type(d) is int and d > 0 for d in shape)):
        raise DataError(where, f"sample_shape must be a list of whole numbers ≥ 1. Received: "
                               f"sample_shape={short(shape)}")
    for key in ("class_names", "feature_names"):
        names = head.get(key)
        if names is not None and not (isinstance(names, list) and all(isinstance(n, str) for n in names)):
            raise DataError(where, f"{key} must be a list of text. Received: {key}={short(names)}")
    if not isinstance(head.get("description", ""), str):
        raise DataError(where, "its description must be text")
    try:
        table = Table.from_dict(head["table"]) if head.get("table") is not None else None
    except TableError as e:
        raise DataError(where, e.message) from None
    text = TextColumn.from_dict(head["text"], where) if head.get("text") is not None else None
    return {**head, "sample_shape": tuple(shape), "table": table, "text": text, "where": where}


def _part_tensors(blob: bytes, fields: dict) -> tuple[torch.Tensor, torch.Tensor]:
    """x and y from a dataset's safetensors bytes, each of the dtype and shape its head says."""
    import torch
    from safetensors.torch import load as load_safetensors
    where, task, shape = fields["where"], fields["task"], fields["sample_shape"]
    try:
        tensors = load_safetensors(bytes(blob))
    except Exception as e:  # safetensors raises its own error types for damaged or lying bytes
        raise DataError(where, f"its tensors cannot be read ({type(e).__name__}: {str(e)[:200]})") from None
    wanted = ["x"] if task == "reconstruction" else ["x", "y"]
    if sorted(tensors) != wanted:
        raise DataError(where, f"holds the tensors {sorted(tensors)}; a {task} dataset holds {wanted}")
    x = tensors["x"]
    y = x if task == "reconstruction" else tensors["y"]
    if x.dtype != (torch.int64 if fields["dtype"] == "long" else torch.float32) or tuple(x.shape[1:]) != shape:
        raise DataError(where, f"x is {x.dtype} of shape {list(x.shape)}, not {fields['dtype']} samples of shape "
                               f"{list(shape)}")
    y_kind = {"classification": (torch.int64, 1), "regression": (torch.float32, 2)}.get(task, (y.dtype, y.dim()))
    if (y.dtype, y.dim()) != y_kind or len(y) != len(x):
        raise DataError(where, f"y is {y.dtype} of shape {list(y.shape)}, which does not fit {len(x):,} samples "
                               f"of a {task} task")
    classes = fields.get("class_names")
    low, high = (int(y.min()), int(y.max())) if task == "classification" and len(y) else (0, 0)
    if low < 0 or (classes is not None and high >= len(classes)):
        raise DataError(where, f"holds class indices from {low} to {high}, but names {len(classes or ())} classes")
    table = fields["table"]
    if table is not None and math.prod(shape) != table.width:  # features, or the pixels of an image
        raise DataError(where, f"its table makes {table.width} features, but its samples have shape {list(shape)}")
    return x, y


# ---- options ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Option:
    """The rule for one dataset option: its type and range, shared by every dataset that takes it."""

    kind: type  # int | float | str
    low: float | None = None
    high: float | None = None
    choices: tuple = ()
    help: str = ""


OPTIONS = {
    "n_samples": Option(int, 10, 100_000, help="how many samples to generate"),
    "noise": Option(float, 0.0, 1.0, help="how much random noise to add"),
    "seed": Option(int, 0, 2**32 - 1, help="random seed: the same seed gives the same data"),
    "classes": Option(int, 2, 10, help="how many classes"),
    "steps": Option(int, 2, 1000, help="sequence length"),
    "target": Option(str, choices=("input",), help='"input": rebuild the input (for autoencoders)'),
}


def check_option(where: str, key: str, value: Any) -> Any:
    """`value` for the option `key` as its rule in OPTIONS wants it (an int, a float, one of its choices), or a
    DataError from `where` (the dataset, or an uploaded file that takes the same option) saying what would do."""
    rule = OPTIONS[key]
    if rule.kind is int and isinstance(value, float) and value.is_integer():
        value = int(value)
    is_number = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if rule.kind is int and not (is_number and isinstance(value, numbers.Integral)):
        raise DataError(where, f"{key} must be an integer. Received: {key}={short(value)}")
    if rule.kind is float and not is_number:
        raise DataError(where, f"{key} must be a number. Received: {key}={short(value)}")
    if rule.kind is str and value not in rule.choices:
        allowed = " or ".join(f'"{c}"' for c in rule.choices)
        raise DataError(where, f"{key} must be {allowed}. Received: {key}={short(value)}", rule.help)
    if rule.low is not None and not rule.low <= value <= rule.high:
        raise DataError(where, f"{key} must be between {rule.low:g} and {rule.high:g}. Received: {key}={short(value)}")
    return float(value) if rule.kind is float else int(value) if rule.kind is int else value


# ---- the registry ----------------------------------------------------------------------------

@dataclass(frozen=True)
class DatasetInfo:
    """One built-in dataset: what it is, its options with their defaults, and how to make it."""

    name: str
    task: str
    description: str
    options: dict  # option name -> default
    shape: Callable[[dict], tuple]  # sample shape for the given options
    load: Callable  # (options, rng) -> (x, y) or (x, y, class_names, feature_names), as numpy arrays
    dtype: str = "float"
    class_names: tuple[str, ...] | None = None
    feature_names: tuple[str, ...] | None = None
    text: Callable[[dict], TextColumn] | None = None  # samples of text: how they were tokenised (options -> column)

    @property
    def corpus(self) -> bool:
        """Windows of one text with a fixed alphabet, each labelled with the character after it: a language
        model's data, for which a person's own plain text can stand in (`uploads.corpus`)."""
        return self.text is not None


def _toy(name, task, description, load, noise=0.1, **extra) -> DatasetInfo:
    options = {"n_samples": 600, "noise": noise, "seed": 0, **extra}
    return DatasetInfo(name, task, description, options, lambda o: (2,), load, feature_names=("x1", "x2"))


def _table(name, task, description, loader_name, width) -> DatasetInfo:
    return DatasetInfo(name, task, description, {}, lambda o: (width,), generators.sklearn_table(loader_name))


def _sequence(name, task, description, load, shape, options, **fields) -> DatasetInfo:
    return DatasetInfo(name, task, description, {**options, "seed": 0}, shape, load, **fields)


DATASETS: dict[str, DatasetInfo] = {d.name: d for d in [
    _toy("moons", "classification", "Two interleaving half circles: the smallest problem a line cannot solve.",
         generators.moons),
    _toy("circles", "classification", "A small circle inside a large one: the classes need a closed boundary.",
         generators.circles, noise=0.05),
    _toy("xor", "classification", "Opposite quadrants share a class: needs a hidden layer (or x·y as a feature).",
         generators.xor, noise=0.05),
    _toy("spiral", "classification", "Interleaved spiral arms, as in TensorFlow Playground: hard for a small net.",
         generators.spiral, noise=0.05, classes=3),
    _toy("gaussians", "classification", "A few Gaussian blobs: almost linearly separable.", generators.gaussians,
         noise=0.25, classes=3),
    _toy("plane", "regression", "A noisy plane y = 0.6·x₁ − 0.8·x₂ + 0.1: linear regression in 2-D.",
         generators.plane),
    _table("iris", "classification", "Fisher's iris flowers: 4 measurements, 3 species (150 samples).",
           "load_iris", 4),
    _table("wine", "classification", "Chemical analysis of 178 wines from 3 cultivars (13 features).",
           "load_wine", 13),
    _table("breast_cancer", "classification",
           "Wisconsin breast cancer: 30 features of cell nuclei, malignant or benign (569 samples).",
           "load_breast_cancer", 30),
    _table("diabetes", "regression", "Disease progression after one year from 10 baseline measurements "
           "(442 samples).", "load_diabetes", 10),
    DatasetInfo("digits", "classification", "8×8 grey images of handwritten digits 0–9, pixels in [0, 1] "
                "(1,797 samples).", {}, lambda o: (1, 8, 8), generators.digits(rows=False)),
    DatasetInfo("digits_rows", "classification", "The digits read row by row: a sequence of 8 steps of 8 pixels.",
                {}, lambda o: (8, 8), generators.digits(rows=True)),
    _sequence("sine", "regression", "Forecast the next value of a noisy sine wave from a window of `steps` "
              "values.", generators.sine, lambda o: (o["steps"], 1),
              {"n_samples": 2000, "steps": 20, "noise": 0.05},
              feature_names=("value",)),
    _sequence("adding", "regression", "The adding problem: sum the two marked values of a long sequence. "
              "Needs long-range memory: shows vanishing gradients in plain RNNs.", generators.adding,
              lambda o: (o["steps"], 2), {"n_samples": 3000, "steps": 50},
              feature_names=("value", "marker")),
    _sequence("parity", "classification", "Is the number of 1s in a bit string odd? Token ids, one per bit.",
              generators.parity, lambda o: (o["steps"],), {"n_samples": 2000, "steps": 8}, dtype="long",
              class_names=("even", "odd")),
    _sequence("pydoc_chars", "classification", "Python's own documentation topics (they ship with Python), as "
              "characters: predict the next character from the `steps` before it. A character language model "
              "learns it, then writes text of its own.", generators.pydoc_chars, lambda o: (o["steps"],),
              {"n_samples": 6000, "steps": 32}, dtype="long", text=generators.corpus_column),
    _sequence("python_topics", "classification", "Sentences from Python's documentation, as words: is each about "
              "strings, errors or classes? Text classification; the vocabulary is learnt from the training rows.",
              generators.python_topics, lambda o: (o["steps"],), {"steps": 32}, dtype="long"),
]}


def dataset_options(name: str) -> dict:
    """Every option `name` takes, with its default (`target` only for float datasets)."""
    info = dataset_info(name)
    return {**info.options, "target": None} if info.dtype == "float" else dict(info.options)


def option_shown(dataset: str, name: str, value: Any) -> Any:
    """`value` of a dataset option as a widget can hold it: clamped into the option's range, or the option's
    default where it is no number of the option's kind (a link or a file can hold anything; the dataset's own
    check says what is wrong with it, and the widget stays usable to put it right)."""
    rule, default = OPTIONS[name], dataset_options(dataset).get(name)
    if rule.kind is str:
        return value if value is None or value in rule.choices else default
    if not finite_number(value):  # text, a list, NaN, 1e400 written out
        return default
    return min(max(rule.kind(value), rule.kind(rule.low)), rule.kind(rule.high))


def describe_datasets() -> list[dict]:
    """One plain dict per built-in dataset, for the page and the CLI."""
    return [{"name": d.name, "task": d.task, "sample_shape": list(d.shape(d.options)), "dtype": d.dtype,
             "description": d.description, "options": dataset_options(d.name)} for d in DATASETS.values()]


def dataset_info(name: str) -> DatasetInfo:
    """The built-in dataset called `name`; DataError naming the closest names when there is none."""
    if not isinstance(name, str) or name not in DATASETS:
        near = closest(str(name), DATASETS)
        hint = f"did you mean {' or '.join(repr(n) for n in near)}? " if near else ""
        hint += f"built-in datasets: {', '.join(DATASETS)}"
        raise DataError(f"dataset {name!r}", "no built-in dataset has this name", hint)
    return DATASETS[name]


def checked_options(name: str, options: dict) -> dict:
    valid = dataset_options(name)
    for key in options:
        if key == "target" and DATASETS[name].dtype == "long":
            raise DataError(f"dataset '{name}'", "target='input' needs float samples, but this dataset holds "
                                                 "integer token ids", "autoencoders need a float dataset")
        if key not in valid:
            listed = ", ".join(valid) or "none"
            raise DataError(f"dataset '{name}'", f"unknown option '{key}'", f"valid options: {listed}")
    merged = {**valid, **options}
    return {k: (v if v is None and k == "target" else check_option(f"dataset '{name}'", k, v))
            for k, v in merged.items()}


def corpus_steps(spec: dict) -> int | None:
    """The characters a spec's network reads when it is a language model of a built-in corpus (pydoc_chars), which
    a person's own plain text can then stand in for (`uploads.corpus`: the CLI's --data, the page's upload); None
    otherwise. `spec`: a spec as plain data, checked or not."""
    data, shape = spec.get("data"), (spec.get("input") or {}).get("shape")
    info = DATASETS.get(str(data.get("dataset"))) if isinstance(data, dict) else None
    if info is None or not info.corpus or not isinstance(shape, list) or len(shape) != 1:
        return None
    steps, rule = shape[0], OPTIONS["steps"]
    return steps if isinstance(steps, int) and not isinstance(steps, bool) and rule.low <= steps <= rule.high else None


def load_dataset(name_or_dataspec, options: dict | None = None) -> Dataset:
    """A built-in dataset by name (or from a spec's `data` section); generated data is seeded and cached.

    The result is shared with later callers: do not modify its tensors in place.
    """
    name, given = name_or_dataspec, {}
    if isinstance(name, DataSpec):
        name = name.model_dump()
    if isinstance(name, dict):  # a spec's "data" section
        name, given = name.get("dataset"), name.get("options") or {}
    for extra in (given, options or {}):
        if not isinstance(extra, dict):
            raise DataError(f"dataset {name!r}", f"options must be a mapping of names to values. Received: {extra!r}")
    checked = checked_options(dataset_info(name).name, {**given, **(options or {})})
    return _load_cached(name, tuple(sorted(checked.items())))


def clear_cache() -> None:
    """Forget the loaded datasets (benchmarks that time loading from scratch)."""
    _load_cached.cache_clear()


@functools.lru_cache(maxsize=16)
def _load_cached(name: str, frozen_options: tuple) -> Dataset:
    info, options = DATASETS[name], dict(frozen_options)
    shape = tuple(info.shape(options))
    size = options.get("n_samples", 1) * math.prod(shape)
    if size > MAX_VALUES:
        raise DataError(f"dataset '{name}'", f"would hold {size:,} values; the limit is {MAX_VALUES:,}",
                        "lower n_samples or steps")
    x, y, *names = info.load(options, np.random.default_rng(options.get("seed", 0)))
    class_names, feature_names, text = (*names, None, None, None)[:3]
    text = text or (info.text(options) if info.text else None)
    dataset = _from_arrays(info, x, y, shape, class_names or info.class_names, feature_names or info.feature_names)
    if text is not None:
        from .text import summary
        said = f" {summary(text)}" if text.texts is not None else ""
        dataset = replace(dataset, text=text, description=dataset.description + said)
    if options.get("target") == "input":
        dataset = replace(dataset, y=dataset.x, task="reconstruction", class_names=None,
                          description=dataset.description + " Target: the input itself (reconstruction).")
    return dataset


def _from_arrays(info: DatasetInfo, x, y, shape: tuple, class_names, feature_names) -> Dataset:
    x = np.ascontiguousarray(x, dtype=np.int64 if info.dtype == "long" else np.float32)
    if info.task == "classification":
        y = np.ascontiguousarray(y, dtype=np.int64)
        class_names = list(class_names) if class_names else [str(c) for c in range(int(y.max()) + 1)]
    else:
        y = np.ascontiguousarray(y, dtype=np.float32).reshape(len(x), -1)
    feature_names = list(feature_names) if feature_names else None
    return Dataset(info.name, x, y, info.task, shape, info.dtype, class_names, feature_names, info.description)

