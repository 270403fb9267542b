"""Datasets: the built-in registry, train/validation splits, normalisation, and checking that a spec fits its data."""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace
from typing import Any, Callable

import numpy as np
import torch

from .errors import DataError, SpecError
from .recipes import LOSSES, default_loss
from .registry import closest
from .spec import DataSpec
from .tables import Table

TASKS = ("classification", "regression", "reconstruction")
MAX_VALUES = 20_000_000  # a generated dataset bigger than this (80 MB of float32) is a typo, not a lesson


@dataclass(frozen=True)
class Dataset:
    """Samples and targets as tensors, with what a trainer and the page need to know about them.

    Datasets from `load_dataset` are cached and shared: treat `x` and `y` as read-only (clone before changing them).
    """

    name: str
    x: torch.Tensor  # [n, *sample_shape]; float32, or int64 token ids when dtype == "long"
    y: torch.Tensor  # classification: int64 [n]; regression: float32 [n, n_targets]; reconstruction: same as x
    task: str  # "classification" | "regression" | "reconstruction"
    sample_shape: tuple[int, ...]
    dtype: str  # "float" | "long"
    class_names: list[str] | None = None
    feature_names: list[str] | None = None
    description: str = ""
    table: Table | None = None  # an uploaded table's columns (how a CSV row becomes numbers); None otherwise

    @property
    def n_samples(self) -> int:
        return int(self.x.shape[0])

    @property
    def n_classes(self) -> int | None:
        if self.task != "classification":
            return None
        if self.class_names is not None:
            return len(self.class_names)
        return int(self.y.max()) + 1 if len(self.y) else 0

    @property
    def n_targets(self) -> int | None:
        return int(self.y.shape[1]) if self.task == "regression" else None

    @property
    def output_width(self) -> int:
        """How many values the model must output (classification: one logit per class; reconstruction: as
        many as the input holds, in the input's shape)."""
        if self.task == "classification":
            return self.n_classes
        if self.task == "regression":
            return self.n_targets
        return math.prod(self.sample_shape)


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


def _check_option(dataset: str, key: str, value: Any) -> Any:
    rule = OPTIONS[key]
    where = f"dataset '{dataset}'"
    if rule.kind is int and isinstance(value, float) and value.is_integer():
        value = int(value)
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if rule.kind is int and not (is_number and isinstance(value, int)):
        raise DataError(where, f"{key} must be an integer. Received: {key}={value!r}")
    if rule.kind is float and not is_number:
        raise DataError(where, f"{key} must be a number. Received: {key}={value!r}")
    if rule.kind is str and value not in rule.choices:
        allowed = " or ".join(f'"{c}"' for c in rule.choices)
        raise DataError(where, f"{key} must be {allowed}. Received: {key}={value!r}", rule.help)
    if rule.low is not None and not rule.low <= value <= rule.high:
        raise DataError(where, f"{key} must be between {rule.low:g} and {rule.high:g}. Received: {key}={value!r}")
    return float(value) if rule.kind is float else value


# ---- generators: each takes the checked options and returns (x, y) as numpy arrays ----------

def _halves(n: int) -> tuple[int, int]:
    return n // 2, n - n // 2


def _shuffled(rng: np.random.Generator, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = rng.permutation(len(x))
    return x[order], y[order]


def _moons(o: dict, rng: np.random.Generator):
    n_out, n_in = _halves(o["n_samples"])
    t_out, t_in = rng.uniform(0, np.pi, n_out), rng.uniform(0, np.pi, n_in)
    outer = np.stack([np.cos(t_out), np.sin(t_out)], 1)
    inner = np.stack([1 - np.cos(t_in), 0.5 - np.sin(t_in)], 1)
    x = np.concatenate([outer, inner]) + rng.normal(0, o["noise"], (n_out + n_in, 2))
    return _shuffled(rng, x, np.repeat([0, 1], [n_out, n_in]))


def _circles(o: dict, rng: np.random.Generator):
    n_out, n_in = _halves(o["n_samples"])
    t = rng.uniform(0, 2 * np.pi, n_out + n_in)
    radius = np.repeat([1.0, 0.5], [n_out, n_in])
    x = np.stack([np.cos(t), np.sin(t)], 1) * radius[:, None] + rng.normal(0, o["noise"], (len(t), 2))
    return _shuffled(rng, x, np.repeat([0, 1], [n_out, n_in]))


def _xor(o: dict, rng: np.random.Generator):
    # As in TensorFlow Playground: keep points off the axes so the label is not decided by noise alone.
    x = rng.uniform(0.05, 1, (o["n_samples"], 2)) * rng.choice([-1, 1], (o["n_samples"], 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(np.int64)
    return x + rng.normal(0, o["noise"], x.shape), y


def _spiral(o: dict, rng: np.random.Generator):
    k, n = o["classes"], o["n_samples"]
    y = np.arange(n) % k
    r = rng.uniform(0, 1, n)  # TensorFlow Playground's arms: 1.75 turns, radius growing with the angle
    t = 1.75 * 2 * np.pi * r + 2 * np.pi * y / k
    x = np.stack([r * np.sin(t), r * np.cos(t)], 1) + rng.normal(0, o["noise"], (n, 2))
    return _shuffled(rng, x, y)


def _gaussians(o: dict, rng: np.random.Generator):
    k, n = o["classes"], o["n_samples"]
    y = np.arange(n) % k
    angles = 2 * np.pi * np.arange(k) / k
    centres = np.stack([np.cos(angles), np.sin(angles)], 1)
    return _shuffled(rng, centres[y] + rng.normal(0, o["noise"], (n, 2)), y)


def _plane(o: dict, rng: np.random.Generator):
    x = rng.uniform(-1, 1, (o["n_samples"], 2))
    y = 0.6 * x[:, 0] - 0.8 * x[:, 1] + 0.1 + rng.normal(0, o["noise"], len(x))
    return x, y[:, None]


def _sine(o: dict, rng: np.random.Generator):
    n, steps = o["n_samples"], o["steps"]
    freq = rng.uniform(0.1, 0.4, (n, 1))  # radians per step: a few periods fit in a default window
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    series = np.sin(freq * np.arange(steps + 1) + phase) + rng.normal(0, o["noise"], (n, steps + 1))
    return series[:, :steps, None], series[:, steps:]


def _adding(o: dict, rng: np.random.Generator):
    # Le, Jaitly & Hinton (2015): one marker in each half, so the net must remember across the whole sequence.
    n, steps = o["n_samples"], o["steps"]
    values = rng.uniform(0, 1, (n, steps))
    half = steps // 2
    first, second = rng.integers(0, half, n), rng.integers(half, steps, n)
    markers = np.zeros((n, steps))
    markers[np.arange(n), first] = markers[np.arange(n), second] = 1
    y = values[np.arange(n), first] + values[np.arange(n), second]
    return np.stack([values, markers], 2), y[:, None]


def _parity(o: dict, rng: np.random.Generator):
    bits = rng.integers(0, 2, (o["n_samples"], o["steps"]))
    return bits, bits.sum(1) % 2


def _sklearn_table(loader_name: str) -> Callable:
    def load(o: dict, rng: np.random.Generator):
        import sklearn.datasets  # imported here: it takes seconds and most sessions never need it
        bunch = getattr(sklearn.datasets, loader_name)()
        names = [str(n) for n in bunch.target_names] if hasattr(bunch, "target_names") else None
        return bunch.data, bunch.target, names, [str(f) for f in bunch.feature_names]
    return load


def _digits(rows: bool) -> Callable:
    def load(o: dict, rng: np.random.Generator):
        import sklearn.datasets
        bunch = sklearn.datasets.load_digits()
        x = bunch.images / 16.0  # sklearn's pixels run 0..16; images everywhere else here are in [0, 1]
        return (x if rows else x[:, None]), bunch.target, [str(d) for d in range(10)], None
    return load


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


def _toy(name, task, description, load, noise=0.1, **extra) -> DatasetInfo:
    options = {"n_samples": 600, "noise": noise, "seed": 0, **extra}
    return DatasetInfo(name, task, description, options, lambda o: (2,), load, feature_names=("x1", "x2"))


def _table(name, task, description, loader_name, width) -> DatasetInfo:
    return DatasetInfo(name, task, description, {}, lambda o: (width,), _sklearn_table(loader_name))


def _sequence(name, task, description, load, shape, options, **fields) -> DatasetInfo:
    return DatasetInfo(name, task, description, {**options, "seed": 0}, shape, load, **fields)


DATASETS: dict[str, DatasetInfo] = {d.name: d for d in [
    _toy("moons", "classification", "Two interleaving half circles: the smallest problem a line cannot solve.",
         _moons),
    _toy("circles", "classification", "A small circle inside a large one: the classes need a closed boundary.",
         _circles, noise=0.05),
    _toy("xor", "classification", "Opposite quadrants share a class: needs a hidden layer (or x·y as a feature).",
         _xor, noise=0.05),
    _toy("spiral", "classification", "Interleaved spiral arms, as in TensorFlow Playground: hard for a small net.",
         _spiral, noise=0.05, classes=3),
    _toy("gaussians", "classification", "A few Gaussian blobs: almost linearly separable.", _gaussians,
         noise=0.25, classes=3),
    _toy("plane", "regression", "A noisy plane y = 0.6·x₁ − 0.8·x₂ + 0.1: linear regression in 2-D.", _plane),
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
                "(1,797 samples).", {}, lambda o: (1, 8, 8), _digits(rows=False)),
    DatasetInfo("digits_rows", "classification", "The digits read row by row: a sequence of 8 steps of 8 pixels.",
                {}, lambda o: (8, 8), _digits(rows=True)),
    _sequence("sine", "regression", "Forecast the next value of a noisy sine wave from a window of `steps` "
              "values.", _sine, lambda o: (o["steps"], 1), {"n_samples": 2000, "steps": 20, "noise": 0.05},
              feature_names=("value",)),
    _sequence("adding", "regression", "The adding problem: sum the two marked values of a long sequence. "
              "Needs long-range memory: shows vanishing gradients in plain RNNs.", _adding,
              lambda o: (o["steps"], 2), {"n_samples": 3000, "steps": 50},
              feature_names=("value", "marker")),
    _sequence("parity", "classification", "Is the number of 1s in a bit string odd? Token ids, one per bit.",
              _parity, lambda o: (o["steps"],), {"n_samples": 2000, "steps": 8}, dtype="long",
              class_names=("even", "odd")),
]}


def dataset_options(name: str) -> dict:
    """Every option `name` takes, with its default (`target` only for float datasets)."""
    info = dataset_info(name)
    return {**info.options, "target": None} if info.dtype == "float" else dict(info.options)


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
    return {k: (v if v is None and k == "target" else _check_option(name, k, v)) for k, v in merged.items()}


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
    class_names, feature_names = names or (None, None)
    dataset = _from_arrays(info, x, y, shape, class_names or info.class_names, feature_names or info.feature_names)
    if options.get("target") == "input":
        dataset = replace(dataset, y=dataset.x, task="reconstruction", class_names=None,
                          description=dataset.description + " Target: the input itself (reconstruction).")
    return dataset


def _from_arrays(info: DatasetInfo, x, y, shape: tuple, class_names, feature_names) -> Dataset:
    x = torch.from_numpy(np.ascontiguousarray(x, dtype=np.int64 if info.dtype == "long" else np.float32))
    if info.task == "classification":
        y = torch.from_numpy(np.asarray(y, dtype=np.int64))
        class_names = list(class_names) if class_names else [str(c) for c in range(int(y.max()) + 1)]
    else:
        y = torch.from_numpy(np.asarray(y, dtype=np.float32).reshape(len(x), -1))
    feature_names = list(feature_names) if feature_names else None
    return Dataset(info.name, x, y, info.task, shape, info.dtype, class_names, feature_names, info.description)


# ---- splitting and normalising ---------------------------------------------------------------

def split_indices(dataset: Dataset, val_fraction: float, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Seeded train/validation indices (sorted LongTensors), stratified by class where every class allows it."""
    where = f"dataset '{dataset.name}'"
    if isinstance(val_fraction, bool) or not isinstance(val_fraction, (int, float)) or not 0 <= val_fraction < 1:
        raise DataError(where, f"val_fraction must be between 0 and 1 (1 excluded). Received: "
                               f"val_fraction={val_fraction!r}")
    n = dataset.n_samples
    if val_fraction and n < 2:
        raise DataError(where, f"has {n} sample(s): too few to hold some out for validation", "set val_fraction=0")
    labels = dataset.y.numpy() if dataset.task == "classification" else None
    train, val = split_rows(n, val_fraction, seed, labels)
    return torch.from_numpy(train), torch.from_numpy(val)


def split_rows(n: int, val_fraction: float, seed: int, labels=None):
    """(train, validation) row numbers, each sorted: ceil(val_fraction · n) rows held out, drawn per class in
    proportion to its size (largest remainders) when labels are given and every class can be split, else drawn
    from all rows. numpy only: the standalone training script copies this function to split as NetBuilder does."""
    n_val = min(math.ceil(val_fraction * n), n - 1) if val_fraction > 0 else 0
    rng = np.random.default_rng(seed)
    counts = np.bincount(labels) if labels is not None and len(labels) else np.zeros(0, dtype=np.int64)
    present = counts[counts > 0]
    if len(present) and present.min() >= 2 and min(n_val, n - n_val) >= len(present):
        quota = counts * n_val / n
        take = np.floor(quota).astype(np.int64)
        by_remainder = np.argsort(-(quota - take), kind="stable")
        take[by_remainder[:n_val - take.sum()]] += 1
        val = np.concatenate([rng.permutation(np.flatnonzero(labels == c))[:take[c]] for c in range(len(counts))])
    else:
        val = rng.permutation(n)[:n_val]
    train = np.setdiff1d(np.arange(n), val)
    return np.sort(train).astype(np.int64), np.sort(val).astype(np.int64)


def reduce_dims(sample_rank: int) -> tuple[int, ...]:
    """The dimensions of [n, *sample_shape] that one statistic averages over."""
    if sample_rank == 1:
        return (0,)  # [features]: one statistic per feature
    if sample_rank == 2:
        return (0, 1)  # [steps, features]: one per feature, shared by every step
    return (0, *range(2, sample_rank + 1))  # [channels, ...]: one per channel


def mean_std(values: torch.Tensor, dims: tuple[int, ...]) -> tuple[torch.Tensor, torch.Tensor]:
    values = values.double()
    mean = values.mean(dims, keepdim=True)[0]
    std = values.std(dims, keepdim=True, correction=0)[0]
    # A constant feature (a blank border pixel) has std 0: dividing by it gives inf/NaN and poisons training.
    # Like scikit-learn's StandardScaler we leave such a feature unscaled (std 1) rather than clamping it to a
    # tiny value, which would turn any other value it takes in validation or at inference into millions.
    std = torch.where(std < 1e-6, torch.ones_like(std), std)
    return mean.float(), std.float()


@dataclass
class Normalizer:
    """Standardises inputs (and regression targets) with statistics of the training split only."""

    x_mean: torch.Tensor | None = None  # shaped to broadcast over [n, *sample_shape]; None: inputs pass unchanged
    x_std: torch.Tensor | None = None
    y_mean: torch.Tensor | None = None  # [n_targets]; None: targets pass unchanged
    y_std: torch.Tensor | None = None

    @classmethod
    def fit(cls, x_train: torch.Tensor, y_train: torch.Tensor | None = None) -> "Normalizer":
        """Statistics of x (not of token ids) and, when given, of the regression targets y [n, n_targets]."""
        if len(x_train) == 0:
            raise DataError("normalisation", "no training samples to compute statistics from",
                            "lower val_fraction or add data")
        norm = cls()
        if x_train.is_floating_point():
            norm.x_mean, norm.x_std = mean_std(x_train, reduce_dims(x_train.dim() - 1))
        if y_train is not None:
            norm.y_mean, norm.y_std = mean_std(y_train.reshape(len(y_train), -1), (0,))
        return norm

    def apply(self, x: torch.Tensor) -> torch.Tensor:
        """Normalised inputs, [n, *sample_shape] or one sample."""
        if self.x_mean is None or not x.is_floating_point():
            return x
        return (x - self.x_mean.to(x.device)) / self.x_std.to(x.device)

    def apply_targets(self, y: torch.Tensor) -> torch.Tensor:
        if self.y_mean is None:
            return y
        return (y - self.y_mean.to(y.device)) / self.y_std.to(y.device)

    def invert_targets(self, y: torch.Tensor) -> torch.Tensor:
        """The model's (normalised) regression outputs back in the data's own units."""
        if self.y_mean is None:
            return y
        return y * self.y_std.to(y.device) + self.y_mean.to(y.device)

    def to_dict(self) -> dict:
        """Plain JSON: flat lists plus the shape the input statistics broadcast with."""
        def flat(t):
            return None if t is None else [float(v) for v in t.flatten()]
        return {"x_shape": None if self.x_mean is None else list(self.x_mean.shape),
                "x_mean": flat(self.x_mean), "x_std": flat(self.x_std),
                "y_mean": flat(self.y_mean), "y_std": flat(self.y_std)}

    @classmethod
    def from_dict(cls, data: dict) -> "Normalizer":
        try:
            shape = data.get("x_shape")
            x = [None if data.get(k) is None else torch.tensor(data[k], dtype=torch.float32).reshape(shape)
                 for k in ("x_mean", "x_std")] if shape is not None else [None, None]
            y = [None if data.get(k) is None else torch.tensor(data[k], dtype=torch.float32)
                 for k in ("y_mean", "y_std")]
        except (AttributeError, TypeError, ValueError, RuntimeError) as e:
            raise DataError("normalisation statistics", f"cannot be read ({e})") from None
        return cls(*x, *y)


def fit_normalizer(dataset: Dataset, train_idx: torch.Tensor, scale_targets: bool | None = None) -> Normalizer:
    """The normaliser for `dataset`, from its training rows: inputs always, targets when `scale_targets` (by
    default: for regression).

    Class labels stay labels; a reconstruction target is the input itself (the task decides whether to
    compare with the raw or the normalised input).
    """
    scale = dataset.task == "regression" if scale_targets is None else scale_targets
    return Normalizer.fit(dataset.x[train_idx], dataset.y[train_idx] if scale else None)


# ---- does a spec fit its data? ---------------------------------------------------------------

def fit_dataset(shape, dataset: Dataset) -> Dataset:
    """The dataset with its samples viewed in the network's input shape, when that shape holds as many values
    (an MLP's [64] or a recurrent reader's [8, 8] on digits' [1, 8, 8]); the dataset itself otherwise."""
    shape = tuple(shape)
    if shape == tuple(dataset.sample_shape) or math.prod(shape) != math.prod(dataset.sample_shape):
        return dataset
    x = dataset.x.reshape(len(dataset.x), *shape)
    y = dataset.y.reshape(len(dataset.y), *shape) if dataset.task == "reconstruction" else dataset.y
    return replace(dataset, x=x, y=y, sample_shape=shape)


def check_fit(checked, dataset: Dataset) -> list[SpecError]:
    """Problems that stop a checked spec training on `dataset`: input shape and dtype, output width, loss."""
    spec = checked.spec
    errors = _input_errors(spec, dataset)
    dataset = fit_dataset(spec.input.shape, dataset)
    loss = (spec.training.loss if spec.training else None) or default_loss(dataset.task)
    loss_error = _loss_error(loss, dataset)
    if loss_error:
        errors.append(loss_error)
    elif checked.ok and checked.output_shape is not None:  # a broken spec has no trustworthy output shape
        errors += _output_errors(checked, dataset, loss)
    return errors + _vocabulary_errors(checked, dataset)


def _vocabulary_errors(checked, dataset: Dataset) -> list[SpecError]:
    """An Embedding must know every token id the data holds (a larger id fails in the middle of training)."""
    if dataset.dtype != "long" or not dataset.x.numel():
        return []
    largest = int(dataset.x.max())
    errors = []
    for info in checked.layers.values():
        size = info.params.get("num_embeddings") if info.type is not None and info.type.name == "Embedding" else None
        if size is not None and info.inputs == ["input"] and largest >= size:
            errors.append(SpecError(info.id, f"num_embeddings={size} cannot look up the token ids of dataset "
                                             f"'{dataset.name}', which run up to {largest}",
                                    f"set num_embeddings to at least {largest + 1}", "Embedding"))
    return errors


def _input_errors(spec, dataset: Dataset) -> list[SpecError]:
    errors = []
    got, want = list(spec.input.shape), list(dataset.sample_shape)
    if math.prod(got) != math.prod(want):
        hint = f'set "input": {{"shape": {want}}}'
        if len(want) > 1:
            hint += f" (or [{math.prod(want)}] for a dense network: the samples are reshaped to fit)"
        errors.append(SpecError(None, f"input shape {got} holds {math.prod(got):,} values per sample, but dataset "
                                      f"'{dataset.name}' has samples of shape {want} ({math.prod(want):,} values)",
                                hint))
    if spec.input.dtype == "float" and dataset.dtype == "long":
        errors.append(SpecError(None, f"input dtype is float, but dataset '{dataset.name}' holds integer token ids",
                                'set "input": {"dtype": "long"} and start with an Embedding layer'))
    elif spec.input.dtype == "long" and dataset.dtype == "float":
        errors.append(SpecError(None, f"input dtype is long (token ids), but dataset '{dataset.name}' holds float "
                                      "values", 'set "input": {"dtype": "float"} and remove the Embedding layer'))
    return errors


def _loss_error(loss: str, dataset: Dataset) -> SpecError | None:
    where = f"dataset '{dataset.name}'"
    if dataset.task not in LOSSES[loss].tasks:
        if dataset.task == "classification":
            return SpecError(None, f"loss {loss} needs numeric targets, but {where} is a classification task",
                             "use cross_entropy")
        return SpecError(None, f"loss {loss} needs class labels, but {where} is a {dataset.task} task",
                         "use mse, l1 or huber")
    if not LOSSES[loss].logits:
        return None
    if dataset.task == "classification" and dataset.n_classes != 2:
        return SpecError(None, f"loss {loss} is for two classes (or multi-label targets), but {where} has "
                               f"{dataset.n_classes} classes", "use cross_entropy")
    low, high = (float(dataset.y.min()), float(dataset.y.max())) if len(dataset.y) else (0.0, 0.0)
    if dataset.task != "classification" and not (0 <= low and high <= 1):
        return SpecError(None, f"loss {loss} needs targets between 0 and 1 (multi-label 0/1 or pixel "
                               f"intensities), but {where} has targets from {low:g} to {high:g}", "use mse")
    return None


def _output_errors(checked, dataset: Dataset, loss: str) -> list[SpecError]:
    out_id, shape = checked.output_id, list(checked.output_shape)
    info = checked.layers[out_id]
    layer_type = info.type.name if info.type else checked.spec.layer(out_id).type
    if dataset.task == "reconstruction":
        return _reconstruction_errors(out_id, layer_type, shape, dataset)
    width = 1 if LOSSES[loss].logits and dataset.task == "classification" else dataset.output_width
    if shape == [width]:
        return []
    if dataset.task == "classification":
        what = f"{dataset.n_classes} classes" + (" (bce_with_logits needs one logit)" if width == 1 else "")
    else:
        what = f"{width} target{'s' if width != 1 else ''}"
    got = f"outputs {shape[0]} values" if len(shape) == 1 else f"outputs shape {shape}"
    if len(shape) == 1 and layer_type == "Linear":
        hint = f"set out_features={width}"
    elif len(shape) == 1:
        hint = f"end with a Linear layer with out_features={width}"
    else:
        hint = f"end with Flatten and a Linear layer with out_features={width}"
    return [SpecError(out_id, f"{got} but dataset '{dataset.name}' has {what}", hint, layer_type)]


def _reconstruction_errors(out_id: str, layer_type: str, shape: list[int], dataset: Dataset) -> list[SpecError]:
    want = list(dataset.sample_shape)
    size = math.prod(want)
    if shape == want:  # the loss compares output and input element by element, so the shapes must be equal
        return []
    hint = f"end with a layer that outputs {want if len(want) > 1 else size}"
    if shape == [size]:
        hint = f'add a Reshape layer at the end with "shape": {want}'
    elif layer_type == "Linear" and len(shape) == 1:
        hint = f"set out_features={size}" + (f' and add a Reshape layer with "shape": {want}' if len(want) > 1 else "")
    return [SpecError(out_id, f"outputs shape {shape}, but dataset '{dataset.name}' asks the model to rebuild its "
                              f"input, of shape {want}", hint, layer_type)]


# ---- making a network fit its data ------------------------------------------------------------------

def fit_network(spec: dict, dataset: Dataset) -> tuple[dict, list[str]]:
    """The spec (a plain dict) changed so that it trains on `dataset`, as one edit: the input's shape and dtype,
    a Flatten before a dense stack that now gets images, a loss that suits the task, and the last layer's width
    (a Reshape for an autoencoder). Returns the new spec and, in words, what changed."""
    from copy import deepcopy

    from .checker import check_spec
    out, changes = deepcopy(spec), []
    want, dtype = list(dataset.sample_shape), dataset.dtype
    current = out["input"]
    if math.prod(current.get("shape") or [0]) != math.prod(want) or current.get("dtype", "float") != dtype:
        out["input"] = {"shape": want, "dtype": dtype}
        changes.append(f"input shape set to {want} ({dtype})")
    training = out.setdefault("training", {})
    if training.get("loss") and dataset.task not in LOSSES[training["loss"]].tasks:
        training["loss"] = default_loss(dataset.task)
        changes.append(f"loss set to {training['loss']} for a {dataset.task} task")
    first = out["layers"][0]
    dense_first = first["type"] == "Linear" and not first.get("inputs")
    if dtype == "long" and first["type"] != "Embedding" and not first.get("inputs"):
        vocab = int(dataset.x.max()) + 1 if dataset.x.numel() else 2
        added = [{"id": _free_id(out, "embed"), "type": "Embedding",
                  "params": {"num_embeddings": vocab, "embedding_dim": 8}}]
        if dense_first:
            added.append({"id": _free_id(out, "flatten"), "type": "Flatten"})
        out["layers"][0:0] = added
        changes.append(f"an Embedding of the {vocab} token ids added first")
    elif len(out["input"]["shape"]) > 1 and dense_first:
        out["layers"].insert(0, {"id": _free_id(out, "flatten"), "type": "Flatten"})
        changes.append("a Flatten layer added first, so the dense layers get a flat vector")
    checked = check_spec(out)
    if checked.ok:
        changes += _fit_output(out, checked, dataset)
    return out, changes


def _free_id(spec: dict, prefix: str) -> str:
    taken, n = {l["id"] for l in spec["layers"]}, 1
    while f"{prefix}_{n}" in taken:
        n += 1
    return f"{prefix}_{n}"


def _fit_output(spec: dict, checked, dataset: Dataset) -> list[str]:
    loss = (spec.get("training") or {}).get("loss") or default_loss(dataset.task)
    last = spec["layers"][-1]
    shape = list(checked.output_shape)
    if dataset.task == "reconstruction":
        want, width = list(dataset.sample_shape), math.prod(dataset.sample_shape)
        if shape == want or (shape == [width] and len(want) == 1):
            return []
        changes = []
        if not (last["type"] == "Linear" and len(shape) == 1):
            spec["layers"].append({"id": _free_id(spec, "flatten"), "type": "Flatten"})
            spec["layers"].append({"id": _free_id(spec, "rebuild"), "type": "Linear", "params": {"out_features": width}})
            changes.append(f"a Linear layer with {width} outputs added at the end")
        elif last.get("params", {}).get("out_features") != width:
            last.setdefault("params", {})["out_features"] = width
            changes.append(f"'{last['id']}' now outputs {_values(width)}")
        if len(want) > 1:
            spec["layers"].append({"id": _free_id(spec, "reshape"), "type": "Reshape", "params": {"shape": want}})
            changes.append(f"a Reshape to {want} added at the end")
        return changes
    width = 1 if LOSSES[loss].logits and dataset.task == "classification" else dataset.output_width
    if shape == [width]:
        return []
    if last["type"] == "Linear" and len(shape) == 1:
        last.setdefault("params", {})["out_features"] = width
        return [f"'{last['id']}' now outputs {_values(width)}"]
    added = []
    if len(shape) > 1:
        spec["layers"].append({"id": _free_id(spec, "flatten"), "type": "Flatten"})
        added.append("Flatten")
    spec["layers"].append({"id": _free_id(spec, "out"), "type": "Linear", "params": {"out_features": width}})
    return [f"{' and '.join([*added, 'a Linear layer'])} with {_values(width)} added at the end"]


def _values(n: int) -> str:
    return f"{n:,} value{'s' * (n != 1)}"
