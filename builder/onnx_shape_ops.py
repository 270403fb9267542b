"""The ONNX operators of shape arithmetic and views: Reshape, Flatten, Squeeze, Unsqueeze, Transpose, Concat,
Gather, Slice, Shape, Expand, ConstantOfShape, Constant, Cast and Identity. Each works out a constant, makes a view
of a layer's output, or (Concat of computed tensors) a layer; onnx_ops's OPS table names them."""
from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from .onnx_values import (DYNAMIC_BATCH, FLOAT_TYPES, INT_TYPES, MAX_FOLDED, Fill, Refused, Tensor, describe,
                          plain_tensor, regroup, resolve_shape, transpose)

if TYPE_CHECKING:
    from .onnx_import import Converter


def _fill_view(c: Converter, node, value: Fill, target: list[int]) -> Fill:
    if math.prod(target) != math.prod(value.dims):
        raise c.refuse(f"cannot reshape {list(value.dims)} into {target}")
    return Fill(value.value, tuple(target))


def _view(c: Converter, node, target: list[int]) -> Tensor:
    t = c.tensor(node, 0)
    out = regroup(t, target, c.batch)
    if out is None:
        batch = c.batch if c.batch != DYNAMIC_BATCH else "open"
        raise c.refuse(f"reshapes {list(t.full(c.batch))} into {target} (batch {batch}), mixing the batch with other "
                       "dimensions or moving data; NetBuilder reshapes each sample")
    return replace(out, node=c.view_name(node))


def reshape(c: Converter, node):
    value = c.value(node, 0)
    target = c.ints(node, 1)
    if isinstance(value, np.ndarray):
        return c.fold(lambda a: a.reshape(target), value)
    if isinstance(value, Fill):
        return _fill_view(c, node, value, resolve_shape(value.dims, target, bool(c.attrs(node).get("allowzero", 0)))
                          or [-1])
    full = c.tensor(node, 0).full(c.batch)
    resolved = resolve_shape(full, target, bool(c.attrs(node).get("allowzero", 0)))
    if resolved is None:
        raise c.refuse(f"cannot reshape {list(full)} into {target}")
    return _view(c, node, resolved)


def flatten(c: Converter, node):
    full = c.tensor(node, 0).full(c.batch)
    axis = c.attrs(node).get("axis", 1) % (len(full) or 1)
    return _view(c, node, [math.prod(full[:axis]), math.prod(full[axis:])])


def _axes(c: Converter, node) -> list[int] | None:
    return c.attrs(node).get("axes") if c.opset < 13 else c.ints(node, 1)


def squeeze(c: Converter, node):
    value, axes = c.value(node, 0), _axes(c, node)
    if isinstance(value, np.ndarray):
        return c.fold(lambda a: np.squeeze(a, axis=tuple(axes)) if axes is not None else np.squeeze(a), value)
    full = value.dims if isinstance(value, Fill) else c.tensor(node, 0).full(c.batch)
    drop = {a % len(full) for a in axes} if axes is not None else {i for i, d in enumerate(full) if d == 1}
    target = [d for i, d in enumerate(full) if i not in drop]
    return _fill_view(c, node, value, target) if isinstance(value, Fill) else _view(c, node, target)


def unsqueeze(c: Converter, node):
    value, axes = c.value(node, 0), _axes(c, node)
    if isinstance(value, np.ndarray):
        return c.fold(lambda a: np.expand_dims(a, tuple(axes)), value)
    dims = list(value.dims if isinstance(value, Fill) else c.tensor(node, 0).full(c.batch))
    for a in sorted(a % (len(dims) + len(axes)) for a in axes):
        dims.insert(a, 1)
    return _fill_view(c, node, value, dims) if isinstance(value, Fill) else _view(c, node, dims)


def transpose_node(c: Converter, node):
    value = c.value(node, 0)
    if isinstance(value, np.ndarray):
        return c.fold(lambda a: np.transpose(a, c.attrs(node).get("perm")), value)
    t = c.tensor(node, 0)
    order = c.attrs(node).get("perm") or list(reversed(range(len(t.perm))))
    return replace(transpose(t, order), node=c.view_name(node))


def concat(c: Converter, node):
    values = [c.value(node, i) for i in range(len(node.input))]
    axis = c.attrs(node).get("axis", 0)
    if all(isinstance(v, np.ndarray) for v in values):
        return c.fold(lambda *a: np.concatenate(a, axis=axis), *values)
    tensors = [c.tensor(node, i) for i in range(len(node.input))]
    rank = len(tensors[0].full(c.batch))
    if axis % rank == 0:
        raise c.refuse("joins along the batch dimension; NetBuilder's Concat joins each sample's features")
    dim = axis % rank - 1
    return c.add("Concat", {"dim": dim} if dim else {}, [c.source(t) for t in tensors])


def gather(c: Converter, node):
    data, index = c.value(node, 0), c.value(node, 1)
    axis = c.attrs(node).get("axis", 0)
    if isinstance(data, np.ndarray) and isinstance(index, np.ndarray):
        return c.fold(lambda a, i: np.take(a, i, axis=axis), data, index)
    if isinstance(data, np.ndarray) and isinstance(index, Tensor):
        if data.ndim != 2 or axis != 0 or data.dtype.kind != "f":
            raise c.refuse("looks values up in a table that is not a [vocabulary, vector] matrix")
        return c.add("Embedding", {"num_embeddings": int(data.shape[0]), "embedding_dim": int(data.shape[1])},
                     [c.source(index)], {"weight": data})
    t = c.tensor(node, 0)
    if t.canonical and t.step == "seq" and axis == 1 and isinstance(index, np.ndarray) and index.size == 1 and \
            int(index.reshape(-1)[0]) in (-1, t.base[0] - 1) and index.ndim == 0:
        return plain_tensor(t.src, t.base[1:], "last")
    from .onnx_ops import supported  # the table of every operator, which names this module's too
    raise c.refuse(f"picks entries out of a computed tensor; NetBuilder reads only the last step of a recurrent "
                   f"layer's output that way. {supported()}")


def slice_node(c: Converter, node):
    value = c.value(node, 0)
    starts, ends = c.ints(node, 1), c.ints(node, 2)
    axes, steps = c.ints(node, 3), c.ints(node, 4)
    if c.opset < 10:
        attrs = c.attrs(node)
        starts, ends, axes = attrs.get("starts"), attrs.get("ends"), attrs.get("axes")
    if isinstance(value, np.ndarray):
        return c.fold(lambda a: a[_slices(a.shape, starts, ends, axes, steps)], value)
    if isinstance(value, Fill):
        dims = tuple(len(range(d)[s]) for d, s in zip(value.dims, _slices(value.dims, starts, ends, axes, steps)))
        return Fill(value.value, dims)
    t = c.tensor(node, 0)
    if t.canonical and t.step == "seq" and axes in ([1], [-len(t.perm) + 1]) and starts in ([-1], [t.base[0] - 1]) \
            and ends[0] >= t.base[0] and steps in (None, [1]):
        return Tensor(t.src, t.base[1:], (1, *t.base[1:]), tuple(range(len(t.base) + 1)), "last", c.view_name(node))
    from .onnx_ops import supported
    raise c.refuse(f"slices a computed tensor; NetBuilder has no slicing layer (only a recurrent layer's last step "
                   f"is read that way). {supported()}")


def _slices(shape, starts, ends, axes, steps) -> tuple:
    out = [slice(None)] * len(shape)
    for k, axis in enumerate(axes if axes is not None else range(len(starts))):
        out[axis] = slice(starts[k], ends[k], steps[k] if steps else 1)
    return tuple(out)


def shape_of(c: Converter, node):
    value = c.value(node, 0)
    full = value.full(c.batch) if isinstance(value, Tensor) else value.dims if isinstance(value, Fill) else \
        value.shape if isinstance(value, np.ndarray) else None
    if full is None:
        raise c.refuse(f"asks the shape of {describe(value)}")
    attrs = c.attrs(node)
    return np.array(full[attrs.get("start", 0):attrs.get("end", len(full))], dtype=np.int64)


def _fill_value(c: Converter, node, value) -> float:
    if isinstance(value, Fill):
        return value.value
    if isinstance(value, np.ndarray) and value.size == 1:
        return float(value.reshape(-1)[0])
    raise c.refuse(f"spreads {describe(value)}; NetBuilder reads only a constant filled with one value")


def expand(c: Converter, node):
    return Fill(_fill_value(c, node, c.value(node, 0)), tuple(c.ints(node, 1)))


def constant_of_shape(c: Converter, node):
    value = c.attrs(node).get("value")
    fill = float(c.numpy_helper.to_array(value).reshape(-1)[0]) if value is not None else 0.0
    return Fill(fill, tuple(c.ints(node, 0)))


def constant(c: Converter, node):
    attrs = c.attrs(node)
    if "value" in attrs:
        return c.numpy_helper.to_array(attrs["value"])  # checked by check_tensor
    for key, dtype in (("value_float", np.float32), ("value_floats", np.float32), ("value_int", np.int64),
                       ("value_ints", np.int64)):
        if key in attrs:
            array = np.array(attrs[key], dtype=dtype)
            if array.size > MAX_FOLDED:
                raise c.refuse(f"holds more than {MAX_FOLDED:,} values outside a tensor")
            return array
    raise c.refuse("holds a kind of constant NetBuilder does not read (text or sparse)")


def cast(c: Converter, node):
    value, to = c.value(node, 0), c.attrs(node).get("to")
    dtype = {**FLOAT_TYPES, **INT_TYPES}.get(to)
    if dtype is None:
        raise c.refuse(f"casts to ONNX type {to}")
    if isinstance(value, np.ndarray):
        return c.fold(lambda a: a.astype(dtype), value)
    if isinstance(value, Fill):
        return value
    t = c.tensor(node, 0)
    if (np.dtype(dtype).kind == "f") == (t.src == "input" and c.dtype == "long"):
        raise c.refuse("changes a tensor between integers and floats; NetBuilder's layers keep their dtype")
    return t


def identity(c: Converter, node):
    value = c.value(node, 0)
    if isinstance(value, Refused):
        raise c.refuse(f"reads {value.reason}")
    return value
