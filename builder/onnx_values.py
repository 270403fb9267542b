"""The values an ONNX graph's walk passes along: a layer's output (`Tensor`, with transposes and reshapes kept as
views of it until a layer reads them), a constant fill, an operation still `Pending` until the walk sees it whole, a
refused value; and how views of a layer's output regroup into shapes a layer can read."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from .errors import printable

DYNAMIC_BATCH = 1_000_003  # the batch size in shape arithmetic when the file leaves it open: a prime no layer has
MAX_FOLDED = 4_096  # values in a constant worked out from others (shape arithmetic is a handful of integers)
FLOAT_TYPES = {1: np.float32, 10: np.float16, 11: np.float64}  # TensorProto data types, by number
INT_TYPES = {6: np.int32, 7: np.int64, 9: np.bool_}


def text(value, limit: int = 80) -> str:
    """A name from the file, safe to print and short."""
    return printable(value)[:limit]


# ---- values flowing through the graph ------------------------------------------------------------

@dataclass(frozen=True)
class Tensor:
    """A computed tensor: layer `src` (or "input") outputs [batch, *base]; this tensor is that output seen as
    [batch, *view] with its axes then put in the order `perm` (batch included)."""

    src: str
    base: tuple
    view: tuple
    perm: tuple
    step: str = ""  # "raw": the model input before normalisation; a recurrent layer's "seq" or "last" output
    node: str = ""  # the node that made the view: it names the Reshape or Permute layer the view may become

    def full(self, batch: int) -> tuple:
        dims = (batch, *self.view)
        return tuple(dims[p] for p in self.perm)

    @property
    def canonical(self) -> bool:
        return self.view == self.base and self.perm == tuple(range(len(self.perm)))


def plain_tensor(src: str, shape: tuple, step: str = "") -> Tensor:
    return Tensor(src, tuple(shape), tuple(shape), tuple(range(len(shape) + 1)), step)


@dataclass(frozen=True)
class Fill:
    """A constant filled with one value whose shape involves the batch (an exporter's zero initial state)."""

    value: float
    dims: tuple


@dataclass(frozen=True)
class Pending:
    """NetBuilder's own wrapping, half seen: the input minus its mean ("sub"), or the output times a scale
    ("scale", then "affine" with the shift added)."""

    kind: str
    tensor: Tensor | None
    scale: np.ndarray | None = None
    shift: np.ndarray | None = None
    node: str = ""


@dataclass(frozen=True)
class Refused:
    """An output of a node NetBuilder keeps no layer for (an LSTM's cell state): refused when something reads it."""

    reason: str


def describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, np.ndarray):
        return f"a constant of shape {list(value.shape)[:6]}"
    if isinstance(value, Fill):
        return "a constant filled with one value"
    if isinstance(value, Pending):
        return {"sub": "the input minus a constant", "scale": "a tensor times a constant",
                "affine": "a tensor times a constant plus another"}[value.kind]
    if isinstance(value, Refused):
        return value.reason
    return "a computed tensor"


# ---- views: transposes and reshapes -------------------------------------------------------------------

def transpose(t: Tensor, order) -> Tensor:
    return replace(t, perm=tuple(t.perm[o] for o in order))


def regroup(t: Tensor, target: list[int], batch: int) -> Tensor | None:
    """`t` reshaped to `target` (the whole tensor's shape, batch included), kept as a view. Each run of axes that
    merges must lie together, in order, in the layer's output, and the batch must stay an axis of its own; None
    where the reshape would mix the batch with other axes or move data."""
    full, sizes = t.full(batch), (batch, *t.view)
    groups = _groups(list(full), list(target))
    if groups is None:
        return None
    batch_axis = t.perm.index(0)
    ordered = []  # (where the group's data lies in the view, its target axes in the order they lie)
    for axes, targets in groups:
        big = [a for a in axes if full[a] != 1 or a == batch_axis]
        big_targets = [x for x in targets if target[x] != 1]
        if batch_axis in axes:
            if big != [batch_axis] or len(big_targets) > 1 or not targets:
                return None
            first = big_targets[0] if big_targets else targets[0]
            targets = [first, *(x for x in targets if x != first)]
        elif len(big) > 1 and len(big_targets) > 1:
            return None  # several axes into several others: data would move
        views = [t.perm[a] for a in big]  # where the merged axes lie in the layer's output: in order, together
        between = [v for v in range(views[0], views[-1]) if v not in views] if views else []
        if views != sorted(views) or any(sizes[v] != 1 for v in between):
            return None
        ordered.append((views[0] if views else len(sizes), targets))
    new_sizes, axis_of = [], {}
    for _, targets in sorted(ordered, key=lambda g: g[0]):
        for x in targets:
            axis_of[x] = len(new_sizes)
            new_sizes.append(target[x])
    return replace(t, view=tuple(new_sizes[1:]), perm=tuple(axis_of[x] for x in range(len(target))))


def _groups(full: list[int], target: list[int]) -> list[tuple[list[int], list[int]]] | None:
    """Axes of `full` and `target` paired into runs of equal product, shortest first."""
    groups, i, j = [], 0, 0
    while i < len(full) or j < len(target):
        if i == len(full) or j == len(target):
            rest_f, rest_t = full[i:], target[j:]
            if any(d != 1 for d in rest_f + rest_t):
                return None
            groups.append((list(range(i, len(full))), list(range(j, len(target)))))
            break
        axes, targets, pf, pt = [i], [j], full[i], target[j]
        i, j = i + 1, j + 1
        while pf != pt:
            if pf < pt and i < len(full):
                axes.append(i)
                pf *= full[i]
                i += 1
            elif pt < pf and j < len(target):
                targets.append(j)
                pt *= target[j]
                j += 1
            else:
                return None
        groups.append((axes, targets))
    return groups


def resolve_shape(full: tuple, target: list[int], allowzero: bool) -> list[int] | None:
    """A Reshape's target with its 0s (copy the size) and one -1 (whatever is left) worked out."""
    out = [full[i] if d == 0 and not allowzero and i < len(full) else d for i, d in enumerate(target)]
    if out.count(-1) > 1 or any(d < -1 for d in out):
        return None
    known = math.prod(d for d in out if d != -1)
    total = math.prod(full)
    if -1 in out:
        if known == 0 or total % known:
            return None
        out[out.index(-1)] = total // known
    return out if math.prod(out) == total else None
