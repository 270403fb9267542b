"""Generating Python a person takes away: a spec as a standalone, readable PyTorch module, and the pieces the other
generators share.

Three generators write code, one per file:
- `generate_code` (here): a spec as a torch-only `nn.Module` (`python -m builder code`, the page's code download).
- `script.generate_script`: a spec as a standalone training script (`python -m builder script`): that module, the
  data's generator and CSV reader copied from builder, the recipe tables' constructors, and the training loop.
- `export._export_code`: a trained bundle as model.py (`export --format code`): that module, the bundle's
  statistics and class names, and load() / outputs() / predict() giving what `builder.load` gives.

What they share lives here: `generate_code`'s classes; `objective_code`, the run's objective as plain data
(`Objective.describe()`) with the one function that decodes outputs by it, so that no generated file names a task
or a loss; and `comment`, the only way besides repr() that a person's words reach generated code.
"""
from __future__ import annotations

import builtins
import inspect
import keyword
import textwrap

from . import layers as custom
from .checker import CheckedSpec, LayerInfo, infer_shapes

# Names forward() must not bind to a layer's output: its own, the imports, and every builtin (it calls getattr;
# a reader expects print or len to be Python's)
_TAKEN = {"x", "self", "torch", "nn", "F", *dir(builtins)}


def comment(text: str, width: int = 100) -> str:
    """`text` as Python comment lines: a person's words can reach generated code only this way or through repr().

    Each line break starts a new comment line, and every character Python could read as a line break or refuses in
    source (form feeds, NULs, U+2028…) becomes a space, so nothing in `text` can leave the comment.
    """
    lines = []
    for paragraph in str(text).splitlines() or [""]:
        clean = "".join(c if c.isprintable() else " " for c in paragraph).rstrip()
        wrapped = textwrap.wrap(clean, width - 2, break_long_words=False, break_on_hyphens=False)
        lines += [f"# {line}" for line in wrapped] or ["#"]
    return "\n".join(lines)


OBJECTIVE_FUNCTIONS = '''def standardise(x, stats):
    """Inputs standardised with the training split's statistics `stats` (token ids pass unchanged)."""
    if stats["x_mean"] is None or not x.is_floating_point():
        return x
    mean, std = (torch.tensor(stats[k], device=x.device).reshape(stats["x_shape"]) for k in ("x_mean", "x_std"))
    return (x - mean) / std


def decode(out, stats=None):
    """The network's outputs as predictions, as OBJECTIVE["decoding"] says: class probabilities [n, classes], or
    values in the data's own units (undoing the standardisation with `stats`, the training split's statistics)."""
    how = OBJECTIVE["decoding"]
    if how == "softmax":
        return out.float().softmax(1)
    if how == "second_class":  # one logit: the second class's probability
        p = torch.sigmoid(out.float()).reshape(-1, 1)
        return torch.cat([1 - p, p], 1)
    if how == "sigmoid":
        return torch.sigmoid(out)
    which = OBJECTIVE["unscales"]
    if how == "unscale" and stats[f"{which}_mean"] is not None:
        shape = stats["x_shape"] if which == "x" else [1, -1]
        mean, std = (torch.tensor(stats[f"{which}_{k}"], device=out.device).reshape(shape) for k in ("mean", "std"))
        return out * std + mean
    return out'''


def objective_code(objective) -> str:
    """OBJECTIVE, the objective's description as data, and the functions that read it (`standardise`, `decode`):
    the text model.py and the training script share. `stats` there is a Normalizer.to_dict() (normalizer.json)."""
    return ("# What this network's outputs mean and what its loss compares them with, as NetBuilder describes it\n"
            "# (builder.objectives): the code below reads it instead of naming a task or a loss.\n"
            f"OBJECTIVE = {dict_source(objective.describe())}\n\n\n{OBJECTIVE_FUNCTIONS}")


def dict_source(values: dict) -> str:
    """A dict as Python source, one key per line (values through repr())."""
    return "{\n" + "".join(f"    {k!r}: {v!r},\n" for k, v in values.items()) + "}"


def _plain_name(layer_id: str) -> bool:
    """Whether a layer id can be written as itself in Python: an identifier, no keyword, and no leading underscore
    (a leading double underscore would be name-mangled inside the class, changing the state_dict keys)."""
    return layer_id.isidentifier() and not keyword.iskeyword(layer_id) and not layer_id.startswith("_")


def _var(layer_id: str) -> str:
    """The Python name that holds a layer's output in forward() (one name per id: ids starting h_ are prefixed too)."""
    if layer_id == "input":
        return "x"
    ok = _plain_name(layer_id) and layer_id not in _TAKEN
    return layer_id if ok and not layer_id.startswith("h_") else f"h_{layer_id}"


def _attr(layer_id: str) -> str:
    return f"self.{layer_id}" if _plain_name(layer_id) else f"getattr(self, {layer_id!r})"


_UNPROVEN = object()  # no signature gives the argument a default


def _constructor_default(cls, name: str):
    """The default `cls`'s constructor gives argument `name`, read from the first __init__ along the MRO that names
    it (NetBuilder's recurrent layers hand **kwargs on to torch's); `_UNPROVEN` where that __init__ requires the
    argument or none names it."""
    for owner in cls.__mro__:
        if "__init__" not in vars(owner):
            continue
        try:
            param = inspect.signature(owner.__init__).parameters.get(name)
        except (TypeError, ValueError):
            return _UNPROVEN
        if param is not None and param.kind not in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            return _UNPROVEN if param.default is param.empty else param.default
    return _UNPROVEN


def _constructor(info: LayerInfo) -> str:
    """The layer's constructor call, leaving out only the arguments its constructor's signature defaults to the
    value given (the registry's own defaults can differ from torch's, and torch requires some of them: Unflatten's
    dim)."""
    cls = info.type.module
    shown = [f"{name}={value!r}" for name, value in info.kwargs.items()
             if name in info.inferred or name in info.type.fixed or value != _constructor_default(cls, name)]
    prefix = "" if cls.__module__ == custom.__name__ else "nn."
    return f"{prefix}{cls.__name__}({', '.join(shown)})"


def _custom_sources(checked: CheckedSpec) -> list[str]:
    classes = []
    for info in checked.layers.values():
        cls = info.type.module
        if cls.__module__ == custom.__name__:
            for base in reversed(cls.__mro__):  # helper bases (_Sequence) come before the class
                if base.__module__ == custom.__name__ and base not in classes:
                    classes.append(base)
    return [inspect.getsource(c) for c in classes]


def _example_batch(checked: CheckedSpec) -> str:
    """A batch of two for the __main__ block: token ids below the smallest vocabulary among the layers that read
    them (an Embedding of one entry looks up id 0 alone), else standard normal values."""
    shape = ", ".join(map(str, checked.spec.input.shape))
    if checked.spec.input.dtype != "long":
        return f"torch.randn(2, {shape})"
    return f"torch.randint(0, {checked.vocabulary or 2}, (2, {shape}))"


def generate_code(source, class_name: str = "Net") -> str:
    """Python source defining `class_name`, an nn.Module whose state_dict matches the compiled model's."""
    checked = source if isinstance(source, CheckedSpec) else infer_shapes(source)
    checked.raise_errors()
    spec = checked.spec
    init = [f"        {_attr(lid)} = {_constructor(checked.layers[lid])}" if _attr(lid).startswith("self.")
            else f"        self.add_module({lid!r}, {_constructor(checked.layers[lid])})" for lid in checked.order]
    forward = []
    for lid in checked.order:
        info = checked.layers[lid]
        args = ", ".join(_var(s) for s in info.inputs)
        forward.append(f"        {_var(lid)} = {_attr(lid)}({args})  # {list(info.shape)}")
    dtype = "torch.long" if spec.input.dtype == "long" else "torch.float32"
    if not class_name.isidentifier() or keyword.iskeyword(class_name):
        raise ValueError(f"class_name {class_name!r} is not a Python identifier")
    copied = {name for name, value in vars(custom).items() if isinstance(value, type)}
    if class_name in _TAKEN or class_name in copied:
        raise ValueError(f"class_name {class_name!r} is a name the generated code already uses (a builtin, an "
                         "import or a copied layer class); choose another, such as 'Net'")
    header = [comment(spec.name + ": generated by NetBuilder from a netbuilder/1 spec."), "#"]
    if spec.description:
        header += [comment(spec.description), "#"]
    header.append(f'# Input: a batch of shape [batch, {", ".join(map(str, spec.input.shape))}] ({dtype}).\n'
                  f'# Output: [batch, {", ".join(map(str, checked.output_shape))}].')
    parts = [
        "\n".join(header),
        '"""A PyTorch module generated by NetBuilder (its network is described in the comments above)."""\n\n'
        "import torch\nfrom torch import nn",
        *_custom_sources(checked),
        f"class {class_name}(nn.Module):\n    def __init__(self):\n        super().__init__()\n" + "\n".join(init)
        + "\n\n    def forward(self, x):\n" + "\n".join(forward) + f"\n        return {_var(checked.output_id)}",
        f'if __name__ == "__main__":\n    model = {class_name}()\n    print(model)\n'
        f"    print(model({_example_batch(checked)}).shape)",
    ]
    return "\n\n\n".join(p.strip("\n") for p in parts) + "\n"
