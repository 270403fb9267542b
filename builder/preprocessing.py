"""Preprocessing: the train/validation split and the normaliser learned from the training rows."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .datasets import Dataset
from .errors import DataError
from .spec import DataSpec

if TYPE_CHECKING:
    import torch

VAL_FRACTION = DataSpec.model_fields["val_fraction"].default  # held out for validation when a spec does not say


def split_indices(dataset: Dataset, val_fraction: float, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Seeded train/validation indices (sorted LongTensors), stratified by class where every class allows it."""
    import torch
    train, val = split_arrays(dataset, val_fraction, seed)
    return torch.from_numpy(train), torch.from_numpy(val)


def split_arrays(dataset: Dataset, val_fraction: float, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """`split_indices` as numpy arrays, without torch (the page draws the split of a dataset it has not trained)."""
    where = f"dataset '{dataset.name}'"
    if isinstance(val_fraction, bool) or not isinstance(val_fraction, (int, float)) or not 0 <= val_fraction < 1:
        raise DataError(where, f"val_fraction must be between 0 and 1 (1 excluded). Received: "
                               f"val_fraction={val_fraction!r}")
    n = dataset.n_samples
    if val_fraction and n < 2:
        raise DataError(where, f"has {n} sample(s): too few to hold some out for validation", "set val_fraction=0")
    labels = dataset.array("y") if dataset.task == "classification" else None
    return split_rows(n, val_fraction, seed, labels)


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
    held_out = np.zeros(n, dtype=bool)
    held_out[val] = True  # a mask, not np.setdiff1d: its first use imports numpy.ma (15 ms of a run's start)
    return np.flatnonzero(~held_out).astype(np.int64), np.sort(val).astype(np.int64)


def reduce_dims(sample_rank: int) -> tuple[int, ...]:
    """The dimensions of [n, *sample_shape] that one statistic averages over."""
    if sample_rank == 1:
        return (0,)  # [features]: one statistic per feature
    if sample_rank == 2:
        return (0, 1)  # [steps, features]: one per feature, shared by every step
    return (0, *range(2, sample_rank + 1))  # [channels, ...]: one per channel


def mean_std(values: torch.Tensor, dims: tuple[int, ...]) -> tuple[torch.Tensor, torch.Tensor]:
    import torch
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
    def from_samples(cls, x_train: torch.Tensor, y_train: torch.Tensor | None = None) -> "Normalizer":
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
        import torch
        try:
            shape = data.get("x_shape")
            x = [None if data.get(k) is None else torch.tensor(data[k], dtype=torch.float32).reshape(shape)
                 for k in ("x_mean", "x_std")] if shape is not None else [None, None]
            y = [None if data.get(k) is None else torch.tensor(data[k], dtype=torch.float32)
                 for k in ("y_mean", "y_std")]
        except (AttributeError, TypeError, ValueError, RuntimeError) as e:
            raise DataError("normalisation statistics", f"cannot be read ({e})") from None
        return cls(*x, *y)


def normalizer_for(dataset: Dataset, train_idx: torch.Tensor, scale_targets: bool | None = None) -> Normalizer:
    """The normaliser for `dataset`, from its training rows: inputs always, targets when `scale_targets` (by
    default: for regression).

    Class labels stay labels; a reconstruction target is the input itself (the task decides whether to
    compare with the raw or the normalised input).
    """
    scale = dataset.task == "regression" if scale_targets is None else scale_targets
    return Normalizer.from_samples(dataset.x[train_idx], dataset.y[train_idx] if scale else None)

