"""The ONNX operators NetBuilder reads: one converter each (the OPS table), turning a node into a layer, a view of a
layer's output, a constant worked out, or a refusal that names it; and the values they pass along.

Transposes and reshapes stay views of a layer's output (`Tensor`) until a layer reads them, so an exporter's way
around a recurrent layer (time-major, directions split) folds back into one batch-first LSTM. NetBuilder's own
export wraps the network in input normalisation (Sub, Div) and a regression's output scaling (Mul, Add): those are
`Pending` until the walk sees them whole.
"""
from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import torch

from . import onnx_shape_ops as shape_ops
from .onnx_values import Fill, Pending, Refused, Tensor, describe, text, transpose
from .registry import REGISTRY

if TYPE_CHECKING:
    from .onnx_import import Converter  # the walk that calls each converter (c: its values, layers and refusals)

# ---- the operators -------------------------------------------------------------------------------------

def _window_params(c: Converter, node, spatial: int, kernel: list[int], attrs: dict) -> dict:
    """kernel_size, stride, padding and dilation of a Conv or pooling node, as NetBuilder writes them."""
    pads = list(attrs.get("pads", [0] * 2 * spatial))
    auto = attrs.get("auto_pad", b"NOTSET").decode() if isinstance(attrs.get("auto_pad"), bytes) else "NOTSET"
    strides = list(attrs.get("strides", [1] * spatial))
    dilations = list(attrs.get("dilations", [1] * spatial))
    if auto in ("SAME_UPPER", "SAME_LOWER"):
        totals = [d * (k - 1) for k, d in zip(kernel, dilations)]
        if any(s != 1 for s in strides) or any(t % 2 for t in totals):
            raise c.refuse(f"pads unevenly (auto_pad={auto}); NetBuilder pads both sides alike")
        pads = [t // 2 for t in totals] * 2
    elif auto not in ("NOTSET", "VALID"):
        raise c.refuse(f"has auto_pad={text(auto)}")
    if pads[:spatial] != pads[spatial:]:
        raise c.refuse(f"pads one side more than the other ({pads}); NetBuilder pads both sides alike")
    one = lambda v: v[0] if all(x == v[0] for x in v) else list(v)  # noqa: E731
    return {"kernel_size": one(kernel), "stride": one(strides), "padding": one(pads[:spatial]),
            "dilation": one(dilations)}


def _conv(c: Converter, node):
    weight = c.const(node, 1)
    bias = c.value(node, 2)
    spatial = weight.ndim - 2
    if spatial not in (1, 2):
        raise c.refuse(f"is a {spatial}-D convolution; NetBuilder has Conv1d and Conv2d")
    attrs = c.attrs(node)
    window = _window_params(c, node, spatial, list(attrs.get("kernel_shape", weight.shape[2:])), attrs)
    params = {"out_channels": int(weight.shape[0]), **window, "groups": int(attrs.get("group", 1)),
              "bias": bias is not None}
    weights = {"weight": weight} | ({"bias": c.const(node, 2)} if bias is not None else {})
    return c.add(f"Conv{spatial}d", _tidy(f"Conv{spatial}d", params), [c.layer_input(node, 0)], weights)


def _tidy(type_name: str, params: dict) -> dict:
    """Parameters as a person writes them: those at their default are left out."""
    ltype = REGISTRY[type_name]
    return {k: v for k, v in params.items() if ltype.param(k).required or v != ltype.param(k).default}


def _gemm(c: Converter, node):
    attrs = c.attrs(node)
    if attrs.get("transA", 0):
        raise c.refuse("transposes its input (transA); NetBuilder's Linear reads [batch, features]")
    weight = c.const(node, 1).astype(np.float32)
    weight = (weight if attrs.get("transB", 0) else weight.T) * np.float32(attrs.get("alpha", 1.0))
    if weight.ndim != 2:
        raise c.refuse("multiplies by weights that are not a matrix")
    params, weights = {"out_features": int(weight.shape[0])}, {"weight": weight}
    if c.value(node, 2) is not None:
        weights["bias"] = _bias(c, c.const(node, 2) * np.float32(attrs.get("beta", 1.0)), weight.shape[0])
    else:
        params["bias"] = False
    return c.add("Linear", params, [c.layer_input(node, 0)], weights)


def _bias(c: Converter, array: np.ndarray, width: int) -> np.ndarray:
    if array.size not in (1, width) or array.ndim > 2:
        raise c.refuse(f"adds a bias of shape {list(array.shape)} to {width} outputs")
    return np.broadcast_to(array.reshape(-1), (width,)).astype(np.float32)


def _matmul(c: Converter, node):
    if isinstance(c.value(node, 1), Tensor):
        raise c.refuse(f"multiplies two computed tensors (as attention does); NetBuilder has no layer for that. "
                       f"{supported()}")
    weight = c.const(node, 1)
    if weight.ndim != 2:
        raise c.refuse("multiplies by weights that are not a matrix")
    x = c.tensor(node, 0)
    identity = tuple(range(len(x.perm)))
    # A Linear maps the last dimension alone, so it may read a tensor whose other axes are reordered (an exporter's
    # time-major sequence): it reads the layer's output as it is, and its own output keeps that order.
    keeps_order = x.view == x.base and x.perm[-1] == identity[-1]
    source = c.source(replace(x, perm=identity) if keeps_order else x)
    out = c.add("Linear", {"out_features": int(weight.shape[1]), "bias": False}, [source], {"weight": weight.T})
    c.biasless[out.src] = node.output[0]
    return replace(out, perm=x.perm) if keeps_order else out


def _computed_first(c: Converter, node) -> tuple:
    """A binary operator's two inputs, a computed one first when there is one (both constants: a is a constant)."""
    a, b = c.value(node, 0), c.value(node, 1)
    return (b, a) if isinstance(a, np.ndarray) and not isinstance(b, np.ndarray) else (a, b)


def _add(c: Converter, node):
    a, b = _computed_first(c, node)
    if isinstance(a, np.ndarray):
        return c.fold(np.add, a, b)
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        if a.full(c.batch) != b.full(c.batch):
            raise c.refuse(f"adds tensors of shapes {list(a.full(c.batch))[1:]} and {list(b.full(c.batch))[1:]} "
                           "(batch excluded); NetBuilder's Add sums tensors of one shape")
        return c.add("Add", {}, [c.source(a), c.source(b)])
    if isinstance(a, Tensor) and isinstance(b, np.ndarray) and a.view == a.base and \
            c.biasless.get(a.src) in node.input and c.consumers[c.biasless[a.src]] == 1:
        layer = next(l for l in c.layers if l["id"] == a.src)  # MatMul + Add: the Linear gets its bias
        layer["params"].pop("bias")
        c.state[f"{a.src}.bias"] = torch.from_numpy(_bias(c, b, a.base[-1]).copy())
        del c.biasless[a.src]
        return a
    if isinstance(a, Pending) and a.kind == "scale" and isinstance(b, np.ndarray):
        return replace(a, kind="affine", shift=b.astype(np.float32))
    raise c.refuse(f"adds {describe(b)} to {describe(a)}; NetBuilder adds computed tensors of one shape")


def _mul(c: Converter, node):
    a, b = _computed_first(c, node)
    if isinstance(a, np.ndarray):
        return c.fold(np.multiply, a, b)
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        return c.add("Mul", {}, [c.source(a), c.source(b)])
    if isinstance(a, Tensor) and isinstance(b, np.ndarray) and b.dtype.kind == "f":
        return Pending("scale", a, scale=b.astype(np.float32), node=node.name)
    raise c.refuse(f"multiplies {describe(a)} by {describe(b)}; NetBuilder multiplies computed tensors")


def _sub(c: Converter, node):
    a, b = c.value(node, 0), c.value(node, 1)
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        return c.fold(np.subtract, a, b)
    if isinstance(a, Tensor) and a.step == "raw" and a.canonical and isinstance(b, np.ndarray) and b.dtype.kind == "f":
        return Pending("sub", a, shift=b.astype(np.float32), node=node.name)
    raise c.refuse(f"subtracts {describe(b)} from {describe(a)}; NetBuilder reads a subtraction only as its own "
                   "input normalisation, (input - mean) / std")


def _div(c: Converter, node):
    a, b = c.value(node, 0), c.value(node, 1)
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        return c.fold(lambda x, y: x // y if x.dtype.kind in "iu" else x / y, a, b)
    if isinstance(a, Pending) and a.kind == "sub" and isinstance(b, np.ndarray) and b.dtype.kind == "f":
        return _normalised_input(c, a, b.astype(np.float32))
    raise c.refuse(f"divides {describe(a)} by {describe(b)}; NetBuilder reads a division only as its own input "
                   "normalisation, (input - mean) / std")


def _normalised_input(c: Converter, sub: Pending, std: np.ndarray) -> Tensor:
    sample = (1, *c.input_shape)
    try:
        shape = np.broadcast_shapes(sub.shift.shape, std.shape)
        fits = np.broadcast_shapes(sample, shape) == sample
    except ValueError:
        fits = False
    if not fits or len(shape) > len(sample) or not np.all(np.isfinite(std)) or np.any(std == 0):
        raise c.refuse("normalises the input with statistics that do not fit one sample")
    if c.inference.get("normalizer") or c.raw_read:
        raise c.refuse("normalises the input, which other layers read as it comes")
    shape = shape[1:] if len(shape) == len(sample) else shape
    mean, std = (np.broadcast_to(a.reshape(a.shape[-len(shape):] if a.ndim >= len(shape) else a.shape), shape)
                 for a in (sub.shift, std))
    c.inference["normalizer"] = {"x_shape": list(shape), "x_mean": [float(v) for v in mean.reshape(-1)],
                                 "x_std": [float(v) for v in std.reshape(-1)], "y_mean": None, "y_std": None}
    return replace(sub.tensor, step="")


def _batch_norm(c: Converter, node):
    attrs = c.attrs(node)
    if attrs.get("training_mode", 0) or any(c.consumers[o] for o in node.output[1:] if o):
        raise c.refuse("updates its statistics (training mode); NetBuilder reads an inference graph")
    x = c.tensor(node, 0)
    rank = len(x.full(c.batch)) - 1
    if rank not in (1, 2, 3):
        raise c.refuse(f"normalises a rank-{rank} tensor; NetBuilder has BatchNorm1d and BatchNorm2d")
    scale, shift, mean, var = (c.const(node, i).astype(np.float32).reshape(-1) for i in range(1, 5))
    momentum = float(f"{1.0 - float(attrs.get('momentum', 0.9)):.6g}")  # ONNX keeps the old value's share
    params = _tidy("BatchNorm2d", {"eps": float(f"{attrs.get('epsilon', 1e-5):.6g}"), "momentum": momentum})
    return c.add("BatchNorm2d" if rank == 3 else "BatchNorm1d", params, [c.source(x)],
                 {"weight": scale, "bias": shift, "running_mean": mean, "running_var": var, "num_batches_tracked": 0})


def _layer_norm(c: Converter, node):
    attrs = c.attrs(node)
    x = c.tensor(node, 0)
    rank = len(x.full(c.batch))
    if attrs.get("axis", -1) % rank != rank - 1:
        raise c.refuse("normalises over more than the last dimension; NetBuilder's LayerNorm normalises the last")
    scale = c.const(node, 1).reshape(-1)
    shift = c.const(node, 2).reshape(-1) if c.value(node, 2) is not None else np.zeros_like(scale)
    params = _tidy("LayerNorm", {"eps": float(f"{attrs.get('epsilon', 1e-5):.6g}")})
    return c.add("LayerNorm", params, [c.source(x)], {"weight": scale, "bias": shift})


def _activation(type_name: str, read=lambda attrs, c: {}):
    """An operator that is one activation layer; `read` turns its attributes into the layer's parameters."""
    def convert(c: Converter, node):
        params = read(c.attrs(node), c)
        return c.add(type_name, _tidy(type_name, params), [c.layer_input(node, 0)])
    return convert


def _hard_sigmoid(attrs: dict, c: Converter) -> dict:
    if not (math.isclose(attrs.get("alpha", 0.2), 1 / 6, rel_tol=1e-5) and math.isclose(attrs.get("beta", 0.5), 0.5)):
        raise c.refuse(f"has alpha={attrs.get('alpha', 0.2):g}, beta={attrs.get('beta', 0.5):g}; NetBuilder's "
                       "Hardsigmoid is PyTorch's, relu6(x + 3) / 6 (alpha 1/6, beta 0.5)")
    return {}


def _gelu(attrs: dict, c: Converter) -> dict:
    approximate = attrs.get("approximate", b"none")
    return {"approximate": approximate.decode() if isinstance(approximate, bytes) else approximate}


def _softmax(type_name: str):
    def convert(c: Converter, node):
        x = c.tensor(node, 0)
        rank = len(x.full(c.batch))
        axis = c.attrs(node).get("axis", -1 if c.opset >= 13 else 1)
        if c.opset < 13 and axis % rank != rank - 1:
            raise c.refuse(f"(opset {c.opset}) normalises over all dimensions from axis {axis} on; NetBuilder's "
                           f"{type_name} normalises one")
        return c.add(type_name, _tidy(type_name, {"dim": axis if axis < 0 else axis - rank}), [c.source(x)])
    return convert


def _prelu(c: Converter, node):
    slope = c.const(node, 1).astype(np.float32).reshape(-1)
    return c.add("PReLU", _tidy("PReLU", {"num_parameters": int(slope.size)}), [c.layer_input(node, 0)],
                 {"weight": slope})


def _dropout(c: Converter, node):
    if len(node.output) > 1 and node.output[1] and c.consumers[node.output[1]]:
        raise c.refuse("passes its mask on; NetBuilder's Dropout gives only its output")
    ratio = c.value(node, 1)
    p = float(ratio.reshape(-1)[0]) if isinstance(ratio, np.ndarray) else float(c.attrs(node).get("ratio", 0.5))
    return c.add("Dropout", _tidy("Dropout", {"p": round(p, 6)}), [c.layer_input(node, 0)])


def _max_pool(c: Converter, node):
    attrs = c.attrs(node)
    if len(node.output) > 1 and node.output[1] and c.consumers[node.output[1]]:
        raise c.refuse("passes its indices on; NetBuilder's max pooling gives only values")
    if attrs.get("storage_order", 0):
        raise c.refuse("stores its indices column first")
    kernel = list(attrs["kernel_shape"])
    spatial = len(kernel)
    if spatial not in (1, 2):
        raise c.refuse(f"pools {spatial}-D windows; NetBuilder has MaxPool1d and MaxPool2d")
    params = {**_window_params(c, node, spatial, kernel, attrs), "ceil_mode": bool(attrs.get("ceil_mode", 0))}
    if params["stride"] == params["kernel_size"]:
        params.pop("stride")
    return c.add(f"MaxPool{spatial}d", _tidy(f"MaxPool{spatial}d", params), [c.layer_input(node, 0)])


def _average_pool(c: Converter, node):
    attrs = c.attrs(node)
    kernel = list(attrs["kernel_shape"])
    spatial = len(kernel)
    if spatial not in (1, 2):
        raise c.refuse(f"pools {spatial}-D windows; NetBuilder has AvgPool1d and AvgPool2d")
    params = _window_params(c, node, spatial, kernel, attrs)
    if params.pop("dilation") != 1:
        raise c.refuse("dilates its windows; NetBuilder's average pooling does not")
    if attrs.get("ceil_mode", 0):
        raise c.refuse("rounds its output size up (ceil_mode); NetBuilder's average pooling rounds down")
    if params["padding"] != 0 and not attrs.get("count_include_pad", 0):
        raise c.refuse("leaves the padding out of each average (count_include_pad=0); NetBuilder's counts it")
    if params["stride"] == params["kernel_size"]:
        params.pop("stride")
    return c.add(f"AvgPool{spatial}d", _tidy(f"AvgPool{spatial}d", params), [c.layer_input(node, 0)])


def _global_pool(c: Converter, node, x: Tensor | None = None) -> Tensor:
    x = x or c.tensor(node, 0)
    spatial = len(x.full(c.batch)) - 2
    if spatial not in (1, 2):
        raise c.refuse(f"averages a rank-{spatial + 1} tensor; NetBuilder pools [channels, length] or "
                       "[channels, height, width]")
    return c.add(f"AdaptiveAvgPool{spatial}d", {"output_size": 1}, [c.source(x)])


def _reduce_mean(c: Converter, node):
    """The mean over every position of an image or a sequence: global average pooling."""
    attrs = c.attrs(node)
    x = c.tensor(node, 0)
    rank = len(x.full(c.batch))
    axes = attrs.get("axes") if c.opset < 18 else c.ints(node, 1)
    if sorted(a % rank for a in (axes or [])) != list(range(2, rank)) or rank not in (3, 4):
        raise c.refuse("averages over dimensions other than all of an image's or sequence's positions; NetBuilder "
                       "has global average pooling for those")
    pooled = _global_pool(c, node, x)
    if attrs.get("keepdims", 1):
        return pooled
    return replace(pooled, view=pooled.base[:1], perm=(0, 1), node=c.view_name(node))


# ---- recurrent layers ------------------------------------------------------------------------------------

GATES = {"LSTM": (4, [0, 2, 3, 1]), "GRU": (3, [1, 0, 2]), "RNN": (1, [0])}  # ONNX's gate order → PyTorch's
ACTIVATIONS = {"LSTM": [["Sigmoid", "Tanh", "Tanh"]], "GRU": [["Sigmoid", "Tanh"]], "RNN": [["Tanh"], ["Relu"]]}


def _recurrent(type_name: str):
    def convert(c: Converter, node):
        attrs = c.attrs(node)
        hidden = int(attrs["hidden_size"])
        direction = attrs.get("direction", b"forward").decode()
        dirs = {"forward": 1, "bidirectional": 2}.get(direction)
        _check_recurrent(c, node, type_name, attrs, dirs)
        x = c.tensor(node, 0)
        layout = attrs.get("layout", 0)
        seq = x if layout else transpose(x, [1, 0, 2])  # [steps, batch, features] → batch first
        params = {"hidden_size": hidden, "return_sequences": True}
        if dirs == 2:
            params["bidirectional"] = True
        activations = [a.decode() for a in attrs.get("activations", [])][:1]
        if type_name == "RNN" and activations == ["Relu"]:
            params["nonlinearity"] = "relu"
        weights = _recurrent_weights(c, node, type_name, hidden, dirs)
        if "bias_ih_l0" not in weights:
            params["bias"] = False
        out = c.add(type_name, params, [c.source(seq)], weights)
        c.rnn_steps[out.src] = set()
        steps, width = out.base
        y = Tensor(out.src, out.base, (steps, dirs, hidden), (1, 2, 0, 3) if not layout else (0, 1, 2, 3), "seq")
        y_h = Tensor(out.src, (hidden,), (1, hidden), (1, 0, 2) if not layout else (0, 1, 2), "last") if dirs == 1 \
            else Refused("the final hidden states of a bidirectional recurrent layer (NetBuilder's gives its outputs)")
        return y, y_h
    return convert


def _check_recurrent(c: Converter, node, type_name: str, attrs: dict, dirs: int | None) -> None:
    if dirs is None:
        raise c.refuse("reads the sequence backwards only; NetBuilder's recurrent layers read it forwards, or both "
                       "ways (bidirectional)")
    activations = [a.decode() for a in attrs.get("activations", [])]
    if activations and not any(activations in (a, a * dirs) for a in ACTIVATIONS[type_name]):
        raise c.refuse(f"uses the activations {activations}; NetBuilder's {type_name} is PyTorch's")
    if any(k in attrs for k in ("clip", "activation_alpha", "activation_beta")) or attrs.get("input_forget", 0):
        raise c.refuse("clips or changes its gates; NetBuilder's recurrent layers are PyTorch's")
    if type_name == "GRU" and not attrs.get("linear_before_reset", 0):
        raise c.refuse("applies the reset gate before its linear map (linear_before_reset=0); PyTorch's GRU, "
                       "and NetBuilder's, apply it after")
    if c.value(node, 4) is not None:
        raise c.refuse("is given sequence lengths; NetBuilder's recurrent layers read whole sequences")
    for i, what in ((5, "starting hidden state"), (6, "starting cell state"), (7, "peephole weights")):
        value = c.value(node, i)
        if value is not None and not (isinstance(value, Fill) and value.value == 0 or
                                      isinstance(value, np.ndarray) and not np.any(value)):
            raise c.refuse(f"is given a {what} other than zeros; NetBuilder's recurrent layers start from zeros")


def _recurrent_weights(c: Converter, node, type_name: str, hidden: int, dirs: int) -> dict:
    """ONNX keeps all gates and directions in one tensor each, its gates in another order than PyTorch."""
    gates, order = GATES[type_name]
    w, r = c.const(node, 1), c.const(node, 2)
    b = c.value(node, 3)
    if w.ndim != 3 or w.shape[:2] != (dirs, gates * hidden) or r.shape != (dirs, gates * hidden, hidden):
        raise c.refuse(f"has weights of shapes {list(w.shape)}, {list(r.shape)}, which do not fit {dirs} "
                       f"direction(s) of {gates} gate(s) of {hidden} units")
    def torch_order(a):
        return np.concatenate([a[g * hidden:(g + 1) * hidden] for g in order])
    weights = {}
    for d in range(dirs):
        suffix = "_l0_reverse" if d else "_l0"
        weights[f"weight_ih{suffix}"] = torch_order(w[d])
        weights[f"weight_hh{suffix}"] = torch_order(r[d])
        if b is not None:
            bias = c.const(node, 3)
            if bias.shape != (dirs, 2 * gates * hidden):
                raise c.refuse(f"has biases of shape {list(bias.shape)}")
            weights[f"bias_ih{suffix}"] = torch_order(bias[d, :gates * hidden])
            weights[f"bias_hh{suffix}"] = torch_order(bias[d, gates * hidden:])
    return weights


OPS = {  # ONNX operator -> converter: each makes a layer, a view, a folded constant, or refuses
    "Conv": _conv, "Gemm": _gemm, "MatMul": _matmul, "BatchNormalization": _batch_norm,
    "LayerNormalization": _layer_norm,
    "Relu": _activation("ReLU"), "Sigmoid": _activation("Sigmoid"), "Tanh": _activation("Tanh"),
    "LeakyRelu": _activation("LeakyReLU", lambda a, c: {"negative_slope": float(f"{a.get('alpha', 0.01):.6g}")}),
    "Elu": _activation("ELU", lambda a, c: {"alpha": float(f"{a.get('alpha', 1.0):.6g}")}),
    "Gelu": _activation("GELU", _gelu), "Mish": _activation("Mish"), "HardSwish": _activation("Hardswish"),
    "HardSigmoid": _activation("Hardsigmoid", _hard_sigmoid), "PRelu": _prelu,
    "Softmax": _softmax("Softmax"), "LogSoftmax": _softmax("LogSoftmax"), "Dropout": _dropout,
    "MaxPool": _max_pool, "AveragePool": _average_pool, "GlobalAveragePool": _global_pool,
    "ReduceMean": _reduce_mean, "Add": _add, "Sub": _sub, "Mul": _mul, "Div": _div,
    "Flatten": shape_ops.flatten, "Reshape": shape_ops.reshape, "Squeeze": shape_ops.squeeze,
    "Unsqueeze": shape_ops.unsqueeze, "Transpose": shape_ops.transpose_node, "Concat": shape_ops.concat,
    "Gather": shape_ops.gather, "Slice": shape_ops.slice_node, "Shape": shape_ops.shape_of,
    "Expand": shape_ops.expand, "ConstantOfShape": shape_ops.constant_of_shape, "Constant": shape_ops.constant,
    "Cast": shape_ops.cast, "Identity": shape_ops.identity,
    "LSTM": _recurrent("LSTM"), "GRU": _recurrent("GRU"), "RNN": _recurrent("RNN"),
}


def supported() -> str:
    return f"Supported operators: {', '.join(sorted(OPS))}."
