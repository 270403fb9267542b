"""The layer registry: one entry per layer type, the single description the checker, compiler,
summary, code exporter and UI forms all read."""
from __future__ import annotations

import difflib
import functools
import math
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from . import lazy
from .errors import short
from .tables import FLOAT32_MAX  # module parameters are float32: a larger number overflows at the first forward pass

if TYPE_CHECKING:
    from torch import nn

Shape = tuple[int, ...]
REQUIRED = object()  # a parameter with no default: the spec must give it
MAX_SIZE = 1_000_000  # bound for windows, strides and paddings: larger is a typo, and overflows torch's int64


class ShapeProblem(Exception):
    """Raised by a shape rule; the checker adds the layer's id and type."""

    def __init__(self, message: str, hint: str = ""):
        self.message, self.hint = message, hint
        super().__init__(message)


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # int | float | bool | choice | size | padding | shape | optional_int
    default: Any = REQUIRED
    help: str = ""
    min: float | None = None
    max: float | None = None
    choices: tuple = ()
    suggest: Any = None  # what the UI fills in for a required parameter

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def check(self, value: Any) -> Any:
        """Return the value in canonical form, or raise ValueError saying what would work."""
        return _CHECKS[self.kind](self, value)


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _range_text(p: Param) -> str:
    if p.min is not None and p.max is not None:
        return f"between {p.min:g} and {p.max:g}"
    if p.min is not None:
        return f"≥ {p.min:g}"
    return f"≤ {p.max:g}"


def _check_number(p: Param, v, kind: str):
    ok = _is_int(v) if kind == "int" else (isinstance(v, (int, float)) and not isinstance(v, bool))
    if not ok:
        raise ValueError(f"{p.name} must be {'an integer' if kind == 'int' else 'a number'}. Received: {p.name}={short(v)}")
    if kind == "float" and not abs(_to_float(v)) <= FLOAT32_MAX:
        raise ValueError(f"{p.name} must be a finite number (at most {FLOAT32_MAX:g} in size). Received: {p.name}={short(v)}")
    if (p.min is not None and v < p.min) or (p.max is not None and v > p.max):
        raise ValueError(f"{p.name} must be {_range_text(p)}. Received: {p.name}={short(v)}")
    return v if kind == "int" else float(v)


def _to_float(v) -> float:
    try:
        return float(v)
    except OverflowError:  # JSON integers have no size limit
        return math.inf


def _check_size(p: Param, v):
    """An int, or a list of ints (one per spatial dimension)."""
    items = v if isinstance(v, (list, tuple)) else [v]
    if not items or not all(_is_int(i) for i in items):
        raise ValueError(f"{p.name} must be an integer or a list of integers. Received: {p.name}={short(v)}")
    low, high = 0 if p.min is None else p.min, MAX_SIZE if p.max is None else p.max
    if any(i < low or i > high for i in items):
        raise ValueError(f"{p.name} must be {_range_text(Param(p.name, 'int', min=low, max=high))}. Received: {p.name}={short(v)}")
    return tuple(items) if isinstance(v, (list, tuple)) else v


def _check_padding(p: Param, v):
    if v in ("same", "valid"):
        return v
    try:
        return _check_size(p, v)
    except ValueError:
        raise ValueError(f"padding must be an integer ≥ 0, a list of them, 'same' or 'valid'. Received: padding={v!r}") from None


def _check_shape(p: Param, v):
    if not isinstance(v, (list, tuple)) or not v or not all(_is_int(i) for i in v):
        raise ValueError(f"{p.name} must be a non-empty list of integers. Received: {p.name}={short(v)}")
    if p.min is not None:  # a list of indices (Permute's dims), not sizes
        if any(i < p.min for i in v):
            raise ValueError(f"{p.name} entries must be ≥ {p.min:g}. Received: {p.name}={list(v)!r}")
    elif any(i == 0 or i < -1 for i in v) or list(v).count(-1) > 1:
        raise ValueError(f"{p.name} entries must be ≥ 1, with at most one -1. Received: {p.name}={list(v)!r}")
    return tuple(v)


def _check_choice(p: Param, v):
    if v not in p.choices:
        raise ValueError(f"{p.name} must be one of {', '.join(repr(c) for c in p.choices)}. Received: {p.name}={short(v)}")
    return v


def _check_bool(p: Param, v):
    if not isinstance(v, bool):
        raise ValueError(f"{p.name} must be true or false. Received: {p.name}={short(v)}")
    return v


_CHECKS: dict[str, Callable[[Param, Any], Any]] = {
    "int": lambda p, v: _check_number(p, v, "int"),
    "float": lambda p, v: _check_number(p, v, "float"),
    "optional_int": lambda p, v: None if v is None else _check_number(p, v, "int"),
    "bool": _check_bool,
    "choice": _check_choice,
    "size": _check_size,
    "padding": _check_padding,
    "shape": _check_shape,
}


@dataclass(frozen=True)
class ModuleRef:
    """Where a layer type's nn.Module class lives: imported when a network is built, so that checking a spec,
    counting its parameters and drawing it need no torch (a second or more to import)."""

    package: str
    name: str

    def resolve(self) -> type[nn.Module]:
        return lazy.resolve(f"{self.package}:{self.name}")


class _Refs:
    """`TORCH.Linear` is a ModuleRef to torch.nn.Linear, `OWN.Add` one to builder.layers.Add."""

    def __init__(self, package: str):
        self._package = package

    def __getattr__(self, name: str) -> ModuleRef:
        return ModuleRef(self._package, name)


TORCH, OWN = _Refs("torch.nn"), _Refs(f"{__package__}.layers")


@dataclass(frozen=True)
class LayerType:
    name: str
    category: str
    help: str
    source: ModuleRef  # the module class (`module`), imported on first use
    params: tuple[Param, ...] = ()
    shape: Callable[[dict, Shape], Shape] = lambda p, s: s
    infer: Callable[[dict, Shape], dict] = lambda p, s: {}
    inferred: tuple[str, ...] = ()  # constructor arguments that follow from the incoming shape
    fixed: dict = field(default_factory=dict)  # constructor arguments NetBuilder always sets
    ranks: tuple[int, ...] | None = None  # accepted input ranks (batch excluded); None = any
    rank_hint: str = ""
    input_dtype: str = "float"  # float | long | any
    merge: bool = False  # takes two or more inputs
    merge_shape: Callable[[dict, list[Shape]], Shape] | None = None

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def kwargs(self, params: dict, inferred: dict) -> dict:
        """Constructor arguments for the module: inferred first, then the layer's own, then fixed ones."""
        return {**inferred, **params, **self.fixed}

    @property
    def module(self) -> type[nn.Module]:
        return self.source.resolve()

    def build(self, params: dict, inferred: dict) -> nn.Module:
        return self.construct(**self.kwargs(params, inferred))

    def construct(self, **kwargs) -> nn.Module:
        """The module, without torch's warning about dropout in a single recurrent layer (printed with a path into
        torch): the checker warns of it, naming the layer."""
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "dropout option adds dropout after all but last", UserWarning)
            return self.module(**kwargs)


# ---- shape helpers -------------------------------------------------------------------------

def _dims(v, n: int) -> tuple[int, ...]:
    return tuple(v) if isinstance(v, tuple) else (v,) * n


def _x(dims) -> str:
    return "×".join(str(d) for d in dims)


def _window(p: dict, shape: Shape, spatial: int, *, transpose=False, pool=False) -> Shape:
    """Output shape of a convolution or pooling window over the last `spatial` dimensions."""
    sizes = shape[-spatial:]
    k = _dims(p["kernel_size"], spatial)
    s = _dims(p.get("stride") or p["kernel_size"], spatial) if pool else _dims(p.get("stride", 1), spatial)
    d = _dims(p.get("dilation", 1), spatial)
    pad = p.get("padding", 0)
    op = _dims(p.get("output_padding", 0), spatial)
    lengths = (len(k), len(s), len(d), len(op), spatial if isinstance(pad, str) else len(_dims(pad, spatial)))
    if any(n != spatial for n in lengths):
        raise ShapeProblem(f"kernel_size, stride, padding and dilation need {spatial} value(s) each for a {spatial}-D input")
    if pad == "same":
        if any(x != 1 for x in s):
            raise ShapeProblem("padding='same' needs stride=1", "use padding=kernel_size//2 with a stride instead")
        return sizes
    pad = (0,) * spatial if pad == "valid" else _dims(pad, spatial)
    if pool and any(pp > kk // 2 for pp, kk in zip(pad, k)):
        raise ShapeProblem(f"padding {_x(pad)} must be at most half of kernel_size {_x(k)}")
    if pool and p.get("ceil_mode"):
        return _ceil_window(sizes, k, s, pad, d)
    if transpose:
        if any(o >= max(ss, dd) for o, ss, dd in zip(op, s, d)):
            raise ShapeProblem(f"output_padding {_x(op)} must be smaller than stride {_x(s)} or dilation {_x(d)}")
        out = tuple((n - 1) * ss - 2 * pp + dd * (kk - 1) + o + 1 for n, kk, ss, pp, dd, o in zip(sizes, k, s, pad, d, op))
        if any(o < 1 for o in out):
            raise ShapeProblem(f"reduces the spatial size {_x(sizes)} to {_x(out)}", "use less padding")
        return out
    span = tuple(dd * (kk - 1) + 1 for kk, dd in zip(k, d))
    if any(sp > n + 2 * pp for sp, n, pp in zip(span, sizes, pad)):
        raise ShapeProblem(
            f"kernel_size {_x(k)} (dilation {_x(d)}) is larger than its input {_x(sizes)} (padding {_x(pad)})",
            "use a smaller kernel, add padding, or remove a pooling layer before this one")
    out = tuple((n + 2 * pp - sp) // ss + 1 for n, sp, ss, pp in zip(sizes, span, s, pad))
    if any(o < 1 for o in out):
        raise ShapeProblem(f"reduces the spatial size {_x(sizes)} to {_x(out)}", "use a smaller kernel or stride")
    return out


def _ceil_window(sizes, k, s, pad, d) -> Shape:
    """Pooling with ceil_mode, as PyTorch counts it: a last, partial window is kept when it starts inside the input
    or its left padding (so a window may be larger than a small input)."""
    out = []
    for n, kk, ss, pp, dd in zip(sizes, k, s, pad, d):
        o = (n + 2 * pp - dd * (kk - 1) - 1 + ss - 1) // ss + 1
        out.append(o - 1 if (o - 1) * ss >= n + pp else o)
    if any(o < 1 for o in out):
        raise ShapeProblem(f"kernel_size {_x(k)} (dilation {_x(d)}) is larger than its input {_x(sizes)} (padding "
                           f"{_x(pad)})", "use a smaller kernel, add padding, or remove a pooling layer before it")
    return tuple(out)


def _conv(spatial: int, transpose=False):
    def rule(p, shape):
        return (p["out_channels"], *_window(p, shape, spatial, transpose=transpose))
    return rule


def _pool(spatial: int):
    def rule(p, shape):
        return (*shape[:-spatial], *_window(p, shape, spatial, pool=True))
    return rule


def _adaptive(spatial: int):
    def rule(p, shape):
        size = _dims(p["output_size"], spatial)
        if len(size) != spatial:
            raise ShapeProblem(f"output_size needs {spatial} value(s) for a {spatial}-D input. Received: {list(size)}")
        return (*shape[:-spatial], *size)
    return rule


def _check_groups(p, shape):
    groups = p.get("groups", 1)
    for name, n in (("in_channels", shape[0]), ("out_channels", p["out_channels"])):
        if n % groups:
            raise ShapeProblem(f"{name}={n} is not divisible by groups={groups}")
    return {"in_channels": shape[0]}


def _flatten(p, shape):
    full = (1, *shape)  # PyTorch counts the batch dimension in start_dim/end_dim
    start, end = (d % len(full) if -len(full) <= d < len(full) else None for d in (p["start_dim"], p["end_dim"]))
    if start is None or end is None or start > end:
        raise ShapeProblem(f"start_dim={p['start_dim']} and end_dim={p['end_dim']} do not fit an input of rank {len(shape)} (+ batch)")
    if start == 0:
        raise ShapeProblem("start_dim=0 would flatten the batch dimension", "use start_dim=1 (the default)")
    return (*full[1:start], math.prod(full[start:end + 1]), *full[end + 1:])


FEATURES = ("x1", "x2", "x1_squared", "x2_squared", "x1_x2", "sin_x1", "sin_x2")  # layers.Features' switches


def _features(p, shape):
    if tuple(shape) != (2,):
        raise ShapeProblem(f"Features reads one 2-D point, shape [2]. Received: {list(shape)}",
                           "use it first, on 2-D data (moons, circles, xor, spiral, gaussians, plane)")
    n = sum(bool(p[name]) for name in FEATURES)
    if not n:
        raise ShapeProblem("every feature is switched off", "switch on at least one, e.g. x1")
    return (n,)


def _resolve_reshape(target: tuple, total: int, what: str) -> Shape:
    known = math.prod(t for t in target if t != -1)
    if -1 in target:
        if total % known:
            raise ShapeProblem(f"cannot view {total} values as {what} {list(target)}")
        return tuple(total // known if t == -1 else t for t in target)
    if known != total:
        raise ShapeProblem(f"{what} {list(target)} holds {known} values but the input has {total}",
                           "the product of the entries must equal the input's size; -1 fills in one entry")
    return target


def _reshape(p, shape):
    return _resolve_reshape(p["shape"], math.prod(shape), "shape")


def _unflatten(p, shape):
    full = (1, *shape)
    d = p["dim"]
    if not -len(full) <= d < len(full) or d % len(full) == 0:
        raise ShapeProblem(f"dim={d} must point at a non-batch dimension (1 to {len(shape)})")
    d %= len(full)
    middle = _resolve_reshape(p["unflattened_size"], full[d], "unflattened_size")
    return (*full[1:d], *middle, *full[d + 1:])


def _permute(p, shape):
    if sorted(p["dims"]) != list(range(len(shape))):
        raise ShapeProblem(f"dims={list(p['dims'])} must order the input's dimensions 0..{len(shape) - 1}, each once")
    return tuple(shape[d] for d in p["dims"])


def _dim_in_range(p, shape):
    rank = len(shape) + 1
    if not -rank <= p["dim"] < rank:
        raise ShapeProblem(f"dim={p['dim']} is out of range for an input of rank {len(shape)} (+ batch)")
    return shape


def _group_norm(p, shape):
    if shape[0] % p["num_groups"]:
        raise ShapeProblem(f"{shape[0]} channels are not divisible by num_groups={p['num_groups']}",
                           "pick num_groups that divides the channel count")
    return shape


def _recurrent(p, shape):
    out = p["hidden_size"] * (2 if p.get("bidirectional") else 1)
    return (shape[0], out) if p.get("return_sequences") else (out,)


def _attention(p, shape):
    if shape[-1] % p["num_heads" if "num_heads" in p else "nhead"]:
        raise ShapeProblem(f"the feature size {shape[-1]} must be divisible by the number of heads",
                           "change the number of heads, or the width of the layer before")
    return shape


def _upsample(p, shape):
    if p["mode"] in ("linear",) and len(shape) != 2 or p["mode"] in ("bilinear", "bicubic") and len(shape) != 3:
        raise ShapeProblem(f"mode='{p['mode']}' does not fit an input of rank {len(shape)}",
                           "use 'linear' for [channels, length], 'bilinear' for [channels, height, width], or 'nearest'")
    out = tuple(math.floor(n * p["scale_factor"]) for n in shape[1:])
    if any(o < 1 for o in out):
        raise ShapeProblem(f"reduces the spatial size {_x(shape[1:])} to {_x(out)}", "use a larger scale_factor")
    return (shape[0], *out)


def _prelu(p, shape):
    if p["num_parameters"] not in (1, shape[0]):
        raise ShapeProblem(f"num_parameters must be 1 or the number of channels ({shape[0]}). "
                           f"Received: num_parameters={p['num_parameters']}")
    return shape


def _embedding(p, shape):
    if p["padding_idx"] is not None and p["padding_idx"] >= p["num_embeddings"]:
        raise ShapeProblem(f"padding_idx must be below num_embeddings={p['num_embeddings']}. "
                           f"Received: padding_idx={p['padding_idx']}")
    return (*shape, p["embedding_dim"])


def _merge_add(p, shapes):
    if any(s != shapes[0] for s in shapes):
        raise ShapeProblem(f"Add needs inputs of equal shape. Received: {', '.join(str(list(s)) for s in shapes)}",
                           "make the branches end in the same shape, e.g. with a 1×1 Conv2d or a Linear on the skip path")
    return shapes[0]


def _merge_mul(p, shapes):
    rank = len(shapes[0])
    sizes = [set(dims) - {1} for dims in zip(*shapes)]
    if any(len(s) != rank for s in shapes) or any(len(n) > 1 for n in sizes):
        raise ShapeProblem(f"Mul needs inputs of one rank whose sizes are equal or 1. Received: "
                           f"{', '.join(str(list(s)) for s in shapes)}",
                           "a gate of shape [channels, 1, 1] scales an image [channels, height, width]")
    return tuple(n.pop() if n else 1 for n in sizes)


def _merge_concat(p, shapes):
    rank = len(shapes[0])
    d = p["dim"]
    if any(len(s) != rank for s in shapes) or not -rank <= d < rank:
        raise ShapeProblem(f"Concat along dim={d} needs inputs of one rank. Received: {', '.join(str(list(s)) for s in shapes)}")
    d %= rank
    rest = {s[:d] + s[d + 1:] for s in shapes}
    if len(rest) > 1:
        raise ShapeProblem(f"Concat along dim={d} needs inputs equal in every other dimension. Received: "
                           f"{', '.join(str(list(s)) for s in shapes)}")
    return (*shapes[0][:d], sum(s[d] for s in shapes), *shapes[0][d + 1:])


# ---- the registry --------------------------------------------------------------------------

def _p(name, kind, default=REQUIRED, help="", **kw) -> Param:
    return Param(name, kind, default, help, **kw)


BIAS = _p("bias", "bool", True, "learn an additive bias")
P_DROP = _p("p", "float", 0.5, "probability of zeroing an element during training", min=0.0, max=0.999)
KERNEL = _p("kernel_size", "size", REQUIRED, "size of the sliding window", min=1, suggest=3)
STRIDE = _p("stride", "size", 1, "step between windows", min=1)
PADDING = _p("padding", "padding", 0, "zeros added on each side; 'same' keeps the size", min=0)
DILATION = _p("dilation", "size", 1, "spacing between kernel elements", min=1)
GROUPS = _p("groups", "int", 1, "split channels into groups convolved separately", min=1)
POOL_KERNEL = _p("kernel_size", "size", REQUIRED, "size of the pooling window", min=1, suggest=2)
POOL_STRIDE = _p("stride", "size", None, "step between windows (default: kernel_size)", min=1)
POOL_PADDING = _p("padding", "size", 0, "implicit padding on each side", min=0)
CEIL_MODE = _p("ceil_mode", "bool", False, "round the output size up: a last, partial window is kept")
RNN_PARAMS = (
    _p("hidden_size", "int", REQUIRED, "width of the hidden state", min=1, max=65536, suggest=32),
    _p("num_layers", "int", 1, "recurrent layers stacked on each other", min=1, max=64),
    BIAS,
    _p("dropout", "float", 0.0, "dropout between stacked layers", min=0.0, max=0.999),
    _p("bidirectional", "bool", False, "also read the sequence backwards (doubles the output width)"),
    _p("return_sequences", "bool", False, "output every step [steps, hidden] instead of the last [hidden]"),
)
SEQ_HINT = "recurrent layers read [steps, features]; for a flat vector insert Reshape, for token ids an Embedding"
CONV1_HINT = "Conv1d reads [channels, length]; for a flat vector insert Reshape with shape [1, -1]"
CONV2_HINT = "Conv2d reads [channels, height, width]; for a flat vector insert Reshape, e.g. shape [1, 8, 8]"
DIM = _p("dim", "int", -1, "dimension to normalise over (PyTorch counting: 0 is the batch)")

_TYPES = [
    # Dense and shape
    LayerType("Linear", "Dense", "Fully connected: every output is a weighted sum of all inputs.", TORCH.Linear,
              (_p("out_features", "int", REQUIRED, "number of output units", min=1, max=1_000_000_000, suggest=64), BIAS),
              shape=lambda p, s: (*s[:-1], p["out_features"]), infer=lambda p, s: {"in_features": s[-1]},
              inferred=("in_features",), ranks=(1, 2, 3)),
    LayerType("Flatten", "Shape", "Flatten dimensions into one (start_dim=1 keeps the batch).", TORCH.Flatten,
              (_p("start_dim", "int", 1, "first dimension to flatten (0 is the batch)"),
               _p("end_dim", "int", -1, "last dimension to flatten")), shape=_flatten, input_dtype="any"),
    LayerType("Unflatten", "Shape", "Split one dimension into several.", TORCH.Unflatten,
              (_p("dim", "int", 1, "dimension to split (0 is the batch)"),
               _p("unflattened_size", "shape", REQUIRED, "the sizes it splits into", suggest=[1, -1])),
              shape=_unflatten, input_dtype="any"),
    LayerType("Reshape", "Shape", "View each sample with a new shape (batch excluded; one -1 is inferred).", OWN.Reshape,
              (_p("shape", "shape", REQUIRED, "the new shape of one sample, e.g. [1, 8, 8]", suggest=[1, -1]),),
              shape=_reshape, input_dtype="any"),
    LayerType("Features", "Shape", "TensorFlow Playground's input features of a 2-D point: x1, x2, x1², x2², x1·x2, "
              "sin x1, sin x2 (those switched on).", OWN.Features,
              tuple(_p(name, "bool", name in ("x1", "x2"), f"feed {name.replace('_squared', '²').replace('_x2', '·x2')} "
                       "to the next layer") for name in FEATURES), shape=_features, ranks=(1,),
              rank_hint="Features reads one 2-D point, shape [2]"),
    LayerType("Permute", "Shape", "Reorder the dimensions of each sample, e.g. [steps, features] → [features, steps].",
              OWN.Permute, (_p("dims", "shape", REQUIRED, "new order of the sample's dimensions (0-based, batch excluded)",
                                  min=0, suggest=[1, 0]),), shape=_permute, input_dtype="any"),
    # Regularisation
    LayerType("Dropout", "Regularisation", "Randomly zero elements during training.", TORCH.Dropout, (P_DROP,)),
    LayerType("Dropout2d", "Regularisation", "Randomly zero whole channels of images during training.", TORCH.Dropout2d,
              (P_DROP,), ranks=(3,), rank_hint="Dropout2d reads [channels, height, width]; use Dropout elsewhere"),
    LayerType("AlphaDropout", "Regularisation", "Dropout that keeps SELU's mean and variance.", TORCH.AlphaDropout, (P_DROP,)),
    # Normalisation
    LayerType("BatchNorm1d", "Normalisation", "Normalise each feature over the batch.", TORCH.BatchNorm1d,
              (_p("eps", "float", 1e-5, "added to the variance", min=1e-12), _p("momentum", "float", 0.1, "running-stat update rate", min=0.0, max=1.0),
               _p("affine", "bool", True, "learn scale and shift")),
              infer=lambda p, s: {"num_features": s[0]}, inferred=("num_features",), ranks=(1, 2),
              rank_hint="BatchNorm1d reads [features] or [channels, length]; use BatchNorm2d for images"),
    LayerType("BatchNorm2d", "Normalisation", "Normalise each channel of an image over the batch.", TORCH.BatchNorm2d,
              (_p("eps", "float", 1e-5, "added to the variance", min=1e-12), _p("momentum", "float", 0.1, "running-stat update rate", min=0.0, max=1.0),
               _p("affine", "bool", True, "learn scale and shift")),
              infer=lambda p, s: {"num_features": s[0]}, inferred=("num_features",), ranks=(3,),
              rank_hint="BatchNorm2d reads [channels, height, width]; use BatchNorm1d for vectors"),
    LayerType("LayerNorm", "Normalisation", "Normalise each sample over its last dimension.", TORCH.LayerNorm,
              (_p("eps", "float", 1e-5, "added to the variance", min=0.0), _p("elementwise_affine", "bool", True, "learn scale and shift")),
              infer=lambda p, s: {"normalized_shape": s[-1]}, inferred=("normalized_shape",)),
    LayerType("GroupNorm", "Normalisation", "Normalise groups of channels within each sample.", TORCH.GroupNorm,
              (_p("num_groups", "int", REQUIRED, "number of channel groups", min=1, suggest=2),
               _p("eps", "float", 1e-5, "added to the variance", min=0.0), _p("affine", "bool", True, "learn scale and shift")),
              shape=_group_norm,
              infer=lambda p, s: {"num_channels": s[0]}, inferred=("num_channels",), ranks=(2, 3)),
    # Convolution and pooling
    LayerType("Conv1d", "Convolution", "Slide learned filters along a sequence [channels, length].", TORCH.Conv1d,
              (_p("out_channels", "int", REQUIRED, "number of filters", min=1, max=1_000_000, suggest=16), KERNEL, STRIDE,
               PADDING, DILATION, GROUPS, BIAS), shape=_conv(1), infer=_check_groups, inferred=("in_channels",),
              ranks=(2,), rank_hint=CONV1_HINT),
    LayerType("Conv2d", "Convolution", "Slide learned filters over an image [channels, height, width].", TORCH.Conv2d,
              (_p("out_channels", "int", REQUIRED, "number of filters", min=1, max=1_000_000, suggest=16), KERNEL, STRIDE,
               PADDING, DILATION, GROUPS, BIAS), shape=_conv(2), infer=_check_groups, inferred=("in_channels",),
              ranks=(3,), rank_hint=CONV2_HINT),
    LayerType("ConvTranspose2d", "Convolution", "Learned upsampling: the gradient of a Conv2d, used in decoders.",
              TORCH.ConvTranspose2d,
              (_p("out_channels", "int", REQUIRED, "number of filters", min=1, max=1_000_000, suggest=16), KERNEL, STRIDE,
               _p("padding", "size", 0, "removed from each side of the output", min=0),
               _p("output_padding", "size", 0, "added to one side of the output", min=0), DILATION, GROUPS, BIAS),
              shape=_conv(2, transpose=True), infer=_check_groups, inferred=("in_channels",), ranks=(3,),
              rank_hint=CONV2_HINT.replace("Conv2d", "ConvTranspose2d")),
    LayerType("MaxPool1d", "Pooling", "Keep the largest value in each window of a sequence.", TORCH.MaxPool1d,
              (POOL_KERNEL, POOL_STRIDE, POOL_PADDING, DILATION, CEIL_MODE), shape=_pool(1), ranks=(2,),
              rank_hint="MaxPool1d reads [channels, length]"),
    LayerType("MaxPool2d", "Pooling", "Keep the largest value in each window of an image.", TORCH.MaxPool2d,
              (POOL_KERNEL, POOL_STRIDE, POOL_PADDING, DILATION, CEIL_MODE), shape=_pool(2), ranks=(3,),
              rank_hint="MaxPool2d reads [channels, height, width]"),
    LayerType("AvgPool1d", "Pooling", "Average each window of a sequence.", TORCH.AvgPool1d,
              (POOL_KERNEL, POOL_STRIDE, POOL_PADDING), shape=_pool(1), ranks=(2,), rank_hint="AvgPool1d reads [channels, length]"),
    LayerType("AvgPool2d", "Pooling", "Average each window of an image.", TORCH.AvgPool2d,
              (POOL_KERNEL, POOL_STRIDE, POOL_PADDING), shape=_pool(2), ranks=(3,),
              rank_hint="AvgPool2d reads [channels, height, width]"),
    LayerType("AdaptiveAvgPool1d", "Pooling", "Average down to a fixed length, whatever the input length.",
              TORCH.AdaptiveAvgPool1d, (_p("output_size", "int", REQUIRED, "output length", min=1, max=MAX_SIZE, suggest=1),),
              shape=_adaptive(1), ranks=(2,), rank_hint="AdaptiveAvgPool1d reads [channels, length]"),
    LayerType("AdaptiveAvgPool2d", "Pooling", "Average down to a fixed size, whatever the image size (global pooling with 1).",
              TORCH.AdaptiveAvgPool2d, (_p("output_size", "size", REQUIRED, "output height and width", min=1, suggest=1),),
              shape=_adaptive(2), ranks=(3,), rank_hint="AdaptiveAvgPool2d reads [channels, height, width]"),
    LayerType("Upsample", "Pooling", "Enlarge a sequence or image by a factor.", TORCH.Upsample,
              (_p("scale_factor", "float", 2.0, "how many times larger", min=0.01, max=64),
               _p("mode", "choice", "nearest", "interpolation", choices=("nearest", "linear", "bilinear", "bicubic"))),
              shape=_upsample, ranks=(2, 3), rank_hint="Upsample reads [channels, length] or [channels, height, width]"),
    # Recurrent, embedding, attention
    LayerType("RNN", "Recurrent", "Vanilla recurrent layer (tanh): simple, and forgets long-range context.", OWN.RNN,
              (*RNN_PARAMS, _p("nonlinearity", "choice", "tanh", "activation of the hidden state", choices=("tanh", "relu"))),
              shape=_recurrent, infer=lambda p, s: {"input_size": s[-1]}, inferred=("input_size",), ranks=(2,),
              rank_hint=SEQ_HINT),
    LayerType("LSTM", "Recurrent", "Long short-term memory: gates keep information over long sequences.", OWN.LSTM,
              RNN_PARAMS, shape=_recurrent, infer=lambda p, s: {"input_size": s[-1]}, inferred=("input_size",),
              ranks=(2,), rank_hint=SEQ_HINT),
    LayerType("GRU", "Recurrent", "Gated recurrent unit: an LSTM with fewer gates.", OWN.GRU,
              RNN_PARAMS, shape=_recurrent, infer=lambda p, s: {"input_size": s[-1]}, inferred=("input_size",),
              ranks=(2,), rank_hint=SEQ_HINT),
    LayerType("Embedding", "Recurrent", "Look up a learned vector for each token id (needs integer input).", TORCH.Embedding,
              (_p("num_embeddings", "int", REQUIRED, "vocabulary size: token ids run from 0 to this minus 1", min=1,
                  max=10_000_000, suggest=16),
               _p("embedding_dim", "int", REQUIRED, "length of each vector", min=1, max=65536, suggest=16),
               _p("padding_idx", "optional_int", None, "a token id whose vector stays zero", min=0)),
              shape=_embedding, input_dtype="long"),
    LayerType("MultiheadSelfAttention", "Attention", "Every step attends to every other step of the sequence.",
              OWN.MultiheadSelfAttention,
              (_p("num_heads", "int", 1, "parallel attention heads (must divide the feature size)", min=1, max=1024),
               _p("dropout", "float", 0.0, "dropout on attention weights", min=0.0, max=0.999), BIAS),
              shape=_attention, infer=lambda p, s: {"embed_dim": s[-1]}, inferred=("embed_dim",), ranks=(2,),
              rank_hint="attention reads [steps, features]; for token ids insert an Embedding first"),
    LayerType("TransformerEncoderLayer", "Attention", "Self-attention plus a feed-forward block, with residuals and LayerNorm.",
              TORCH.TransformerEncoderLayer,
              (_p("nhead", "int", REQUIRED, "attention heads (must divide the feature size)", min=1, max=1024, suggest=2),
               _p("dim_feedforward", "int", 2048, "width of the feed-forward block", min=1, max=1_000_000),
               _p("dropout", "float", 0.1, "dropout rate", min=0.0, max=0.999),
               _p("activation", "choice", "relu", "feed-forward activation", choices=("relu", "gelu")),
               _p("norm_first", "bool", False, "LayerNorm before attention (pre-norm)")),
              shape=_attention, infer=lambda p, s: {"d_model": s[-1]}, inferred=("d_model",), fixed={"batch_first": True},
              ranks=(2,), rank_hint="a transformer layer reads [steps, features]; for token ids insert an Embedding first"),
    # Activations
    LayerType("ReLU", "Activation", "max(0, x): the default choice.", TORCH.ReLU),
    LayerType("LeakyReLU", "Activation", "ReLU with a small slope for x < 0, so units never die.", TORCH.LeakyReLU,
              (_p("negative_slope", "float", 0.01, "slope for x < 0", min=0.0),)),
    LayerType("PReLU", "Activation", "LeakyReLU whose slope is learned.", TORCH.PReLU,
              (_p("num_parameters", "int", 1, "1, or the number of channels", min=1), _p("init", "float", 0.25, "initial slope")), shape=_prelu),
    LayerType("ELU", "Activation", "Smooth ReLU that saturates at -alpha.", TORCH.ELU, (_p("alpha", "float", 1.0, "value for large negative x", min=0.0),)),
    LayerType("GELU", "Activation", "Gaussian error linear unit (transformers' usual).", TORCH.GELU,
              (_p("approximate", "choice", "none", "tanh approximation", choices=("none", "tanh")),)),
    LayerType("SiLU", "Activation", "x·sigmoid(x) (Swish).", TORCH.SiLU),
    LayerType("Mish", "Activation", "x·tanh(softplus(x)).", TORCH.Mish),
    LayerType("Sigmoid", "Activation", "Squash to (0, 1).", TORCH.Sigmoid),
    LayerType("Hardswish", "Activation", "x·relu6(x + 3)/6: SiLU made of straight pieces, cheap on phones (MobileNetV3).",
              TORCH.Hardswish),
    LayerType("Hardsigmoid", "Activation", "relu6(x + 3)/6: a sigmoid made of straight pieces (MobileNetV3's gates).",
              TORCH.Hardsigmoid),
    LayerType("Tanh", "Activation", "Squash to (-1, 1).", TORCH.Tanh),
    LayerType("Softmax", "Activation", "Probabilities that sum to 1 (leave it out before cross_entropy, which applies it).",
              TORCH.Softmax, (DIM,), shape=_dim_in_range),
    LayerType("LogSoftmax", "Activation", "Log of softmax.", TORCH.LogSoftmax, (DIM,), shape=_dim_in_range),
    LayerType("Identity", "Activation", "Pass the input through unchanged.", TORCH.Identity, input_dtype="any"),
    # Merges
    LayerType("Add", "Merge", "Sum inputs of equal shape (residual connections).", OWN.Add, merge=True,
              merge_shape=_merge_add),
    LayerType("Concat", "Merge", "Join inputs along a dimension (0 = channels or features).", OWN.Concat,
              (_p("dim", "int", 0, "dimension to join along, batch excluded"),), merge=True, merge_shape=_merge_concat),
    LayerType("Mul", "Merge", "Multiply inputs elementwise; a size of 1 stretches to fit (gates, squeeze-and-excitation).",
              OWN.Mul, merge=True, merge_shape=_merge_mul),
]

REGISTRY: dict[str, LayerType] = {t.name: t for t in _TYPES}
CATEGORIES: tuple[str, ...] = tuple(dict.fromkeys(t.category for t in _TYPES))


def _freeze(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


def count_params(type_name: str, kwargs: dict) -> tuple[int, int]:
    """(params, trainable params) of one layer, worked out from its constructor arguments (`WEIGHTS`): no torch,
    no memory, no compute. The checker and the canvas need only these; a test holds every formula to the count of
    the module itself."""
    n = WEIGHTS[type_name](kwargs) if type_name in WEIGHTS else 0
    return n, n  # NetBuilder freezes no layer's weights


def count_layer(type_name: str, kwargs: dict, in_shapes: tuple, dtype: str) -> tuple[int, int, int]:
    """(params, trainable params, FLOPs for one sample) of one layer, the FLOPs counted on the meta device: no
    memory, no compute. Cached: the page re-checks the whole spec on every edit, and most layers have not changed."""
    return _cached_count(type_name, _freeze(kwargs), tuple(tuple(s) for s in in_shapes), dtype)


@functools.lru_cache(maxsize=4096)
def _cached_count(type_name: str, frozen_kwargs: tuple, in_shapes: tuple, dtype: str) -> tuple[int, int, int]:
    import torch
    from torch.utils.flop_counter import FlopCounterMode

    kwargs = {k: list(v) if isinstance(v, tuple) and k in ("shape", "unflattened_size", "dims") else v
              for k, v in frozen_kwargs}
    with torch.device("meta"):
        module = REGISTRY[type_name].construct(**kwargs).eval()  # training-mode BatchNorm rejects a batch of one
    torch_dtype = torch.long if dtype == "long" else torch.float32
    # a recurrent layer's work is the same at every step, and the meta device still runs its steps one by one:
    # one step counted, times the steps (a million steps would otherwise take minutes)
    steps = in_shapes[0][0] if type_name in STEPWISE else 1
    shapes = [(1, *s[1:]) for s in in_shapes] if type_name in STEPWISE else in_shapes
    inputs = [torch.empty((1, *s), dtype=torch_dtype, device="meta") for s in shapes]
    with FlopCounterMode(display=False) as counter:
        module(*inputs)
    return (*count_params(type_name, kwargs), steps * int(counter.get_total_flops()))


GATES = {"RNN": 1, "LSTM": 4, "GRU": 3}  # the recurrent layers and the gates each step computes
STEPWISE = tuple(GATES)  # layers that run step by step, each step alike


# ---- parameter counts: each layer type's weights, from its constructor arguments (torch's defaults where unset) --

def _values(v, n: int = 1) -> int:
    """How many values a size holds: an int is one per dimension (n of them), a list or tuple its own."""
    return math.prod(v) if isinstance(v, (list, tuple)) else v ** n


def _conv_weights(kw: dict, spatial: int, transpose: bool = False) -> int:
    k = _values(kw["kernel_size"], spatial)
    c_in, c_out, groups = kw["in_channels"], kw["out_channels"], kw.get("groups", 1)
    per_filter = (c_out if transpose else c_in) // groups
    return (c_in if transpose else c_out) * per_filter * k + (c_out if kw.get("bias", True) else 0)


def _recurrent_weights(gates: int):
    def count(kw: dict) -> int:
        h, dirs, bias = kw["hidden_size"], 2 if kw.get("bidirectional") else 1, kw.get("bias", True)
        width = gates * h
        total = 0
        for layer in range(kw.get("num_layers", 1)):
            inputs = kw["input_size"] if layer == 0 else h * dirs
            total += dirs * (width * (inputs + h) + (2 * width if bias else 0))
        return total
    return count


def _attention_weights(e: int, bias: bool) -> int:
    return 4 * e * e + (4 * e if bias else 0)  # the query, key and value projections and the output's


def _norm_weights(n: int, affine: bool) -> int:
    return 2 * n if affine else 0


WEIGHTS: dict[str, Callable[[dict], int]] = {
    "Linear": lambda kw: kw["in_features"] * kw["out_features"] + (kw["out_features"] if kw.get("bias", True) else 0),
    "BatchNorm1d": lambda kw: _norm_weights(kw["num_features"], kw.get("affine", True)),
    "BatchNorm2d": lambda kw: _norm_weights(kw["num_features"], kw.get("affine", True)),
    "LayerNorm": lambda kw: _norm_weights(_values(kw["normalized_shape"]), kw.get("elementwise_affine", True)),
    "GroupNorm": lambda kw: _norm_weights(kw["num_channels"], kw.get("affine", True)),
    "Conv1d": lambda kw: _conv_weights(kw, 1),
    "Conv2d": lambda kw: _conv_weights(kw, 2),
    "ConvTranspose2d": lambda kw: _conv_weights(kw, 2, transpose=True),
    **{name: _recurrent_weights(gates) for name, gates in GATES.items()},
    "Embedding": lambda kw: kw["num_embeddings"] * kw["embedding_dim"],
    "MultiheadSelfAttention": lambda kw: _attention_weights(kw["embed_dim"], kw.get("bias", True)),
    "TransformerEncoderLayer": lambda kw: (_attention_weights(kw["d_model"], True)
                                           + 2 * kw["d_model"] * kw.get("dim_feedforward", 2048)
                                           + kw.get("dim_feedforward", 2048) + kw["d_model"]
                                           + 2 * _norm_weights(kw["d_model"], True)),
    "PReLU": lambda kw: kw.get("num_parameters", 1),
}


# ---- what a layer holds inside while it runs, beyond its output: values for one sample ------------------------

def _recurrent_inside(gates: int):
    """Every step of every stacked layer, in each direction: its hidden state and its gates (kept for the backward
    pass), whether or not the layer returns the whole sequence."""
    def count(kw: dict, in_shapes: list) -> int:
        steps = in_shapes[0][0]
        dirs = 2 if kw.get("bidirectional") else 1
        return steps * dirs * kw["hidden_size"] * kw.get("num_layers", 1) * (gates + 1)
    return count


def _attention_inside(heads: int, d_model: int, in_shapes: list, feedforward: int = 0) -> int:
    """Every head's steps × steps attention weights, the queries, keys, values and their mix, and the feed-forward
    block's hidden layer."""
    steps = in_shapes[0][0]
    return heads * steps * steps + steps * (4 * d_model + feedforward)


INSIDE: dict[str, Callable[[dict, list], int]] = {
    **{name: _recurrent_inside(gates) for name, gates in GATES.items()},
    "MultiheadSelfAttention": lambda kw, s: _attention_inside(kw.get("num_heads", 1), kw["embed_dim"], s),
    "TransformerEncoderLayer": lambda kw, s: _attention_inside(kw["nhead"], kw["d_model"], s,
                                                               kw.get("dim_feedforward", 2048)),
}


def inside_values(type_name: str, kwargs: dict, in_shapes: list) -> int:
    """How many values a layer holds for one sample while it runs besides its output (`INSIDE`; 0 for most)."""
    return INSIDE[type_name](kwargs, in_shapes) if type_name in INSIDE else 0


def closest(name: str, names, n: int = 3) -> list[str]:
    """The registered names nearest to a misspelt one (case-insensitive)."""
    names = list(names)
    lower = {x.lower(): x for x in names}
    if name.lower() in lower:
        return [lower[name.lower()]]
    return [lower[m] for m in difflib.get_close_matches(name.lower(), list(lower), n=n, cutoff=0.5)]


count_layer.cache = _cached_count  # the cache behind count_layer (its hit counts are public)
