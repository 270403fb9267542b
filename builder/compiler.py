"""Compiling a checked spec into a torch.nn.Module whose children are named by the layer ids."""
from __future__ import annotations

import keyword
import threading

import torch
from torch import nn

from .checker import CheckedSpec, infer_shapes
from .errors import SpecError, SpecErrors, short

# Parameter initialisation draws from torch's process-wide generator; building under this lock
# with a forked, seeded generator makes a model's initial weights depend on its seed alone.
RNG_LOCK = threading.RLock()


class Network(nn.Module):
    """Runs the layers in topological order, each reading its inputs' outputs.

    Children are registered under the layer ids, so `state_dict` keys read `conv1.weight`.
    """

    def __init__(self, checked: CheckedSpec):
        super().__init__()
        self.wiring: list[tuple[str, tuple[str, ...]]] = []
        for lid in checked.order:
            info = checked.layers[lid]
            self.add_module(lid, info.type.build(info.params, info.inferred))
            self.wiring.append((lid, tuple(info.inputs)))
        self.output_id = checked.output_id
        self.input_shape = tuple(checked.spec.input.shape)
        self.input_dtype = torch.long if checked.spec.input.dtype == "long" else torch.float32
        self._last_use = _last_use(self.wiring, self.output_id)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        values = {"input": x}
        for step, (lid, sources) in enumerate(self.wiring):
            values[lid] = self._modules[lid](*(values[s] for s in sources))
            for s in self._last_use.get(step, ()):  # free what no later layer reads
                del values[s]
        return values[self.output_id]


def traceable(net: Network) -> Network:
    """The same network (the same layer objects, so the same weights) with each child named so that Python can
    spell it as an attribute. A layer id that is a Python keyword (`class`, `None`, `def`) is a fine module name
    for PyTorch, and stays the state_dict key; but torch.fx writes `self.net.class.weight` into the code that
    torch.export and the ONNX exporter generate, which Python cannot compile. Exports trace this twin."""
    ids = [lid for lid, _ in net.wiring]
    names, taken = {}, {*ids, "input"}
    for lid in ids:
        name = lid
        while keyword.iskeyword(name) or (name != lid and name in taken):
            name += "_"
        names[lid] = name
        taken.add(name)
    if all(name == lid for lid, name in names.items()):
        return net
    twin = Network.__new__(Network)
    nn.Module.__init__(twin)
    for lid in ids:
        twin.add_module(names[lid], net._modules[lid])
    twin.wiring = [(names[lid], tuple(names.get(s, s) for s in sources)) for lid, sources in net.wiring]
    twin.output_id = names[net.output_id]
    twin.input_shape, twin.input_dtype = net.input_shape, net.input_dtype
    twin._last_use = _last_use(twin.wiring, twin.output_id)
    return twin.train(net.training)


def _last_use(wiring, output_id) -> dict[int, tuple[str, ...]]:
    last: dict[str, int] = {}
    for step, (_, sources) in enumerate(wiring):
        for s in sources:
            last[s] = step
    freed: dict[int, list[str]] = {}
    for name, step in last.items():
        if name != output_id:
            freed.setdefault(step, []).append(name)
    return {k: tuple(v) for k, v in freed.items()}


MAX_SEED = 2**63 - 1  # torch.manual_seed takes a signed 64-bit integer


def build_model(source, seed: int | None = None, device: str | torch.device | None = None) -> Network:
    """Check a spec and compile it; with a seed, the initial weights are reproducible."""
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED):
        raise SpecErrors([SpecError(None, f"seed must be a whole number between 0 and {MAX_SEED}. Received: "
                                          f"seed={short(seed)}")])
    checked = source if isinstance(source, CheckedSpec) else infer_shapes(source)
    checked.raise_errors()
    if seed is None:
        model = Network(checked)
    else:
        # the layers are made on the CPU, from its generator alone: torch.manual_seed would also seed CUDA's,
        # which fork_rng(devices=[]) does not restore
        with RNG_LOCK, torch.random.fork_rng(devices=[]):
            torch.default_generator.manual_seed(seed)
            model = Network(checked)
    return model.to(device) if device is not None else model
