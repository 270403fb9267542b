"""Editing a paused or finished run and keeping what it learned: the weights of every layer whose shape still fits
carry over, a widened layer keeps its old units and reads its new ones with zero weights (so the network computes
what it did), a new layer starts as an identity where its type allows, and new settings apply from the next step.
Everything an edit keeps, changes or cannot apply is said in a report, as plain data."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from torch import nn

from . import checkpoints
from .carry import OUTCOMES
from .checker import CheckedSpec, infer_shapes
from .compiler import Network, build_model
from .diff import diff_specs
from .recipes import make_scheduler
from .spec import Spec, parse_spec

# Which dimension of a layer's weight reads its input units (the rest of the weight's unit dimension is its output).
INPUT_DIM = {"Linear": 1, "Conv1d": 1, "Conv2d": 1, "ConvTranspose2d": 0}
# Layers whose tensors hold one entry per unit along their first dimension (features or channels).
PER_UNIT = ("BatchNorm1d", "BatchNorm2d", "LayerNorm", "PReLU")
PROBE = 16  # random inputs on which a carried network is compared with the old one


@dataclass
class LayerCarry:
    """What an edit did to one layer's weights."""

    id: str
    type: str
    how: str  # one of carry.OUTCOMES
    note: str  # in words

    def __post_init__(self) -> None:
        if self.how not in OUTCOMES:
            raise ValueError(f"layer '{self.id}': unknown outcome {self.how!r}; outcomes: {', '.join(OUTCOMES)}")


@dataclass
class SurgeryReport:
    """Everything an edit kept, changed and could not apply."""

    layers: list[LayerCarry] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # the edit itself, in words (see diff.SpecDiff.lines)
    applied: list[str] = field(default_factory=list)  # settings and state that go on changed, in words
    not_applied: list[str] = field(default_factory=list)  # what cannot apply, and why
    function_kept: bool | None = None  # does the edited network compute what the old one did (on random inputs)?

    def ids(self, how: str) -> list[str]:
        return [c.id for c in self.layers if c.how == how]

    def lines(self) -> list[str]:
        """The report in words: what the page shows."""
        out = [f"{c.id} ({c.type}): {c.note}" for c in self.layers if c.how != "no_weights"]
        if self.function_kept is True:
            out.append("the edited network computes what the old one did: training goes on from the same function")
        elif self.function_kept is False:
            out.append("the edited network computes a different function from the old one")
        out += self.applied + [f"not applied: {line}" for line in self.not_applied]
        return out

    def to_dict(self) -> dict:
        return {**asdict(self), "lines": self.lines()}


# ---- the weights ----------------------------------------------------------------------------------

def carry_weights(old, old_spec, new_spec, seed: int | None = None) -> tuple[dict, SurgeryReport]:
    """A state dict for `new_spec`'s network that keeps what `old` (a network, or its state dict, of `old_spec`)
    learned, and the report of what was kept. Layers new or changed beyond carrying start from the seeded
    initialisation of `new_spec` (`seed`, or its training seed)."""
    old_checked, new_checked = infer_shapes(old_spec).raise_errors(), infer_shapes(new_spec).raise_errors()
    old_state = {k: v.detach().cpu() for k, v in (old.state_dict() if isinstance(old, nn.Module) else old).items()}
    if seed is None:
        seed = new_checked.spec.training.seed if new_checked.spec.training else 0
    fresh = build_model(new_checked, seed=seed)
    state = {k: v.detach().clone() for k, v in fresh.state_dict().items()}
    report = SurgeryReport(changes=diff_specs(old_checked.spec, new_checked.spec).lines())
    for lid in new_checked.order:
        passing = set(report.ids("new_identity"))
        report.layers.append(_carry_layer(lid, old_checked, new_checked, old_state, state, fresh, passing))
    report.layers += [LayerCarry(lid, old_checked.layers[lid].type.name, "removed", "removed")
                      for lid in old_checked.order if lid not in new_checked.layers]
    report.function_kept = _same_function(old, old_checked, old_state, new_checked, state)
    return state, report


def _keys(state: dict, lid: str) -> list[str]:
    return [k for k in state if k.split(".", 1)[0] == lid]


def _carry_layer(lid: str, old: CheckedSpec, new: CheckedSpec, old_state: dict, state: dict,
                 fresh: Network, passing: set[str]) -> LayerCarry:
    info = new.layers[lid]
    kind = info.type.name
    keys = _keys(state, lid)
    if lid not in old.layers:
        return _new_layer(lid, info, keys, state, fresh)
    before = old.layers[lid].type.name
    if before != kind:
        note = f"was a {before}: " + ("it starts from fresh weights" if keys else "it has no weights")
        return LayerCarry(lid, kind, "fresh" if keys else "no_weights", note)
    if not keys:
        return LayerCarry(lid, kind, "no_weights", "no weights")
    if all(old_state.get(k) is not None and old_state[k].shape == state[k].shape for k in keys):
        for k in keys:
            state[k] = old_state[k].clone()
        return LayerCarry(lid, kind, "kept", "weights kept")
    if _feeder(lid, new, state, passing) != _feeder(lid, old, old_state, set()):
        return LayerCarry(lid, kind, "fresh", f"it reads another layer's units now ({_shapes(old_state, state, keys)})"
                                              f": its weights start fresh")
    return _resize(lid, info, old.layers[lid], keys, old_state, state, new)


def _resize(lid, info, old_info, keys, old_state, state, new: CheckedSpec) -> LayerCarry:
    """A layer of the same type whose weights changed shape: widened or narrowed along its units (and its inputs
    when the layer before it changed width) keeps the overlap; anything else starts afresh."""
    kind = info.type.name
    if not _sliceable(info, old_info, keys, old_state, state) or _reads_a_concat(lid, new):
        return LayerCarry(lid, kind, "fresh", f"its weights changed shape ({_shapes(old_state, state, keys)}) in a "
                                              f"way that cannot be carried over: it starts from fresh weights")
    for k in keys:
        old_t, new_t = old_state[k], state[k]
        overlap = tuple(slice(0, min(a, b)) for a, b in zip(old_t.shape, new_t.shape))
        new_t[overlap] = old_t[overlap]
        d = INPUT_DIM.get(kind)
        if k.endswith(".weight") and d is not None and new_t.shape[d] > old_t.shape[d]:
            index = [slice(None)] * new_t.dim()
            index[d] = slice(old_t.shape[d], None)
            new_t[tuple(index)] = 0  # new inputs are read with zero weights: the new units change nothing yet
    return _resize_note(lid, kind, keys, old_state, state)


def _sliceable(info, old_info, keys, old_state, state) -> bool:
    """Only unit dimensions changed (not a kernel's size), in a layer type whose units can be carried one by one."""
    kind = info.type.name
    if kind not in INPUT_DIM and kind not in PER_UNIT and kind != "Embedding":
        return False
    if info.kwargs.get("groups", 1) != 1 or old_info.kwargs.get("groups", 1) != 1:
        return False
    unit_dims = {0, INPUT_DIM.get(kind, 0)} if kind != "Embedding" else {0, 1}
    for k in keys:
        a, b = old_state.get(k), state[k]
        if a is None or a.dim() != b.dim():
            return False
        if any(x != y and d not in unit_dims for d, (x, y) in enumerate(zip(a.shape, b.shape))):
            return False
    return True


def _feeder(lid: str, checked: CheckedSpec, state: dict, passing: set[str]) -> str:
    """The layer whose units `lid` reads: back through layers that pass units on one to one (weightless ones,
    per-unit ones like BatchNorm, new identities). A resized layer keeps its input weights only when this stayed the
    same layer (a widened one keeps its first units); then the first inputs are the same units as before."""
    src = checked.layers[lid].inputs[0]
    while src != "input" and (src in passing or checked.layers[src].type.name in PER_UNIT or not _keys(state, src)):
        src = checked.layers[src].inputs[0]
    return src


def _reads_a_concat(lid: str, checked: CheckedSpec) -> bool:
    """Does the layer read (through weightless layers) a Concat? Its inputs' order then mixes the joined branches,
    and the first units of the old input are not the first units of the new one."""
    todo, seen = list(checked.layers[lid].inputs), set()
    while todo:
        src = todo.pop()
        if src == "input" or src in seen:
            continue
        seen.add(src)
        info = checked.layers[src]
        if info.type.name == "Concat":
            return True
        if info.type.name not in INPUT_DIM and info.type.name != "Embedding":
            todo += info.inputs
    return False


def _shapes(old_state: dict, state: dict, keys: list[str]) -> str:
    k = next((k for k in keys if k.endswith("weight")), keys[0])
    return f"{list(old_state[k].shape)} → {list(state[k].shape)}"


def _resize_note(lid, kind, keys, old_state, state) -> LayerCarry:
    key = next((k for k in keys if k.endswith("weight")), keys[0])
    old_shape, new_shape = old_state[key].shape, state[key].shape
    out_dim = 1 if kind == "ConvTranspose2d" else 0
    in_dim = INPUT_DIM.get(kind)
    notes, how = [], "widened"
    a, b = old_shape[out_dim], new_shape[out_dim]
    if b > a:
        new = f"{b - a} new units start" if b - a > 1 else "1 new unit starts"
        notes.append(f"widened from {a} to {b} units: the first {a} kept, {new} from fresh weights")
    elif b < a:
        notes.append(f"narrowed from {a} to {b} units: the first {b} kept, the other {a - b} dropped")
        how = "narrowed"
    if in_dim is not None and old_shape[in_dim] != new_shape[in_dim]:
        a, b = old_shape[in_dim], new_shape[in_dim]
        if b > a:
            notes.append(f"reads {b - a} new inputs, with zero weights at first")
        else:
            notes.append(f"reads {a - b} fewer inputs: their weights are dropped")
            how = "narrowed"
    return LayerCarry(lid, kind, how, "; ".join(notes) or "its per-unit weights carried over where they fit")


def _new_layer(lid: str, info, keys: list[str], state: dict, fresh: Network) -> LayerCarry:
    """A layer the old network did not have: an identity where its type allows, said either way."""
    kind, kw = info.type.name, info.kwargs
    if kind == "Linear" and kw["in_features"] == kw["out_features"]:
        state[f"{lid}.weight"] = torch.eye(kw["in_features"])
        if f"{lid}.bias" in state:
            state[f"{lid}.bias"].zero_()
        return LayerCarry(lid, kind, "new_identity", "new, starts as the identity (identity matrix, zero bias)")
    if kind in ("Conv1d", "Conv2d") and _identity_conv(info):
        nn.init.dirac_(state[f"{lid}.weight"])
        if f"{lid}.bias" in state:
            state[f"{lid}.bias"].zero_()
        return LayerCarry(lid, kind, "new_identity", "new, starts as the identity (each channel passes through)")
    if kind in ("BatchNorm1d", "BatchNorm2d"):
        if f"{lid}.running_var" in state:
            state[f"{lid}.running_var"].fill_(1.0 - kw.get("eps", 1e-5))
        return LayerCarry(lid, kind, "new_identity", "new, an identity at inference; while training it normalises "
                                                     "each batch, which changes what follows")
    if info.type.category == "Regularisation":
        return LayerCarry(lid, kind, "no_weights", "new, an identity at inference; it drops units while training")
    if kind == "Identity":
        return LayerCarry(lid, kind, "no_weights", "new, an identity")
    if info.type.category == "Activation":
        return LayerCarry(lid, kind, "new_fresh", "new activation: not an identity, so the function changes")
    if keys:
        return LayerCarry(lid, kind, "new_fresh", f"new, starts from fresh weights (a {kind} cannot start as an "
                                                  "identity)")
    return LayerCarry(lid, kind, "new_fresh", "new, no weights (it changes what the network computes)")


def _identity_conv(info) -> bool:
    kw = info.kwargs
    kernel = kw["kernel_size"] if isinstance(kw["kernel_size"], (list, tuple)) else [kw["kernel_size"]]
    ones = lambda v: all(x == 1 for x in (v if isinstance(v, (list, tuple)) else [v]))
    return (kw["in_channels"] == kw["out_channels"] and kw.get("groups", 1) == 1 and ones(kw.get("stride", 1))
            and ones(kw.get("dilation", 1)) and all(k % 2 == 1 for k in kernel)
            and tuple(info.shape) == tuple(info.in_shapes[0]))


@torch.no_grad()
def _same_function(old, old_checked: CheckedSpec, old_state: dict, new_checked: CheckedSpec, state: dict):
    """Do the old and the carried network give the same outputs on PROBE random inputs (eval mode)? None when
    their inputs or outputs differ in shape."""
    if old_checked.spec.input != new_checked.spec.input or old_checked.output_shape != new_checked.output_shape:
        return None
    old_net, new_net = Network(old_checked), Network(new_checked)
    old_net.load_state_dict(old_state)
    new_net.load_state_dict(state)
    g = torch.Generator().manual_seed(0)
    shape = (PROBE, *old_checked.spec.input.shape)
    if old_checked.spec.input.dtype == "long":
        x = torch.randint(0, old_checked.vocabulary or 2, shape, generator=g)
    else:
        x = torch.randn(shape, generator=g)
    a, b = old_net.eval()(x), new_net.eval()(x)
    return bool(torch.allclose(a, b, rtol=1e-4, atol=1e-5))


# ---- the run: go on training with the edit -------------------------------------------------------------

def continued_spec(old_spec, new_spec) -> tuple[Spec, list[str]]:
    """`new_spec` as a continued run can take it, and what it cannot: the seed chose the train/validation split,
    which must stay as it was, so a new seed does not apply."""
    old_spec, new_spec = parse_spec(old_spec), parse_spec(new_spec)
    old_seed = old_spec.training.seed if old_spec.training else 0
    new_seed = new_spec.training.seed if new_spec.training else 0
    if new_seed == old_seed:
        return new_spec, []
    training = new_spec.training.model_copy(update={"seed": old_seed})
    return new_spec.model_copy(update={"training": training}), [
        f"seed {new_seed}: the seed chose the train/validation split, which a continued run keeps; the run keeps "
        f"seed {old_seed} (start a new run to use another)"]


def continue_with(trainer, spec, dataset=None) -> SurgeryReport:
    """Edit a paused or ended run in place: `trainer` goes on training `spec` (its network and settings) from
    what it learned. The report says what was kept, what is new and what cannot apply; the run log holds it too
    (the answer of kind "edit")."""
    from .prepare import prepare
    if trainer.status == "failed":
        raise ValueError("the run failed: there is nothing to continue; start a new run")
    if not trainer.between_steps:
        raise ValueError("the run is training: pause it before editing it")
    old_spec = trainer.spec
    state = checkpoints.capture(trainer)
    spec, refused = continued_spec(old_spec, spec)
    same_data = not diff_specs(old_spec, spec).data
    parts = prepare(spec, dataset if dataset is not None else trainer.parts.dataset if same_data else None)
    trainer.adopt(parts)
    report = _carry_on(trainer, old_spec, state, replay=False)
    report.not_applied[:0] = refused
    trainer.log.set_answer("edit", None, report.to_dict())
    return report


def continue_run(spec, old_spec, checkpoint: str | Path | dict, dataset=None, **options):
    """A new Trainer (`Trainer.from_spec(spec, dataset, **options)`) that goes on from another run's checkpoint
    (its path, or the state `checkpoints.capture` returns) written while training `old_spec`: a finished run
    edited, or continued in a new worker. Returns (trainer, report)."""
    from .training import Trainer
    spec, refused = continued_spec(old_spec, spec)
    state = checkpoint if isinstance(checkpoint, dict) else checkpoints.load(checkpoint)
    trainer = Trainer.from_spec(spec, dataset, **options)
    report = _carry_on(trainer, parse_spec(old_spec), state, replay=True)
    report.not_applied[:0] = refused
    trainer.log.set_answer("edit", None, report.to_dict())
    return trainer, report


def _carry_on(trainer, old_spec: Spec, state: dict, replay: bool) -> SurgeryReport:
    """Load into `trainer` (whose parts were built for the new spec) the old run's weights, optimiser and schedule
    state where they fit, and its counters; say what changed."""
    parts = trainer.parts
    weights, report = carry_weights(state["model"], old_spec, parts.spec)
    parts.model.load_state_dict(weights)
    edit = diff_specs(old_spec, parts.spec)
    settings, unchanged = edit.training, all(c.how in ("kept", "no_weights") for c in report.layers)
    report.applied += _settings_lines(settings, trainer.epoch if not replay else int(state["epoch"]))
    report.applied += [f"data {key} {a} → {b}: training goes on with the new data (the epochs before were measured "
                       f"on the old)" for key, (a, b) in edit.data.items()]
    report.applied.append(_carry_optimizer(parts, old_spec, state, report, settings))
    report.applied += _carry_schedule(parts, state, settings, int(state["global_step"]))
    if replay:
        report.applied += _carry_counters(trainer, state)
    elif not unchanged:
        trainer.stopping.forget()
        report.applied.append("early stopping counts afresh: the network changed")
    return report


def _settings_lines(settings: dict, epochs_done: int) -> list[str]:
    lines = []
    for key, (a, b) in settings.items():
        if key in ("optimizer", "scheduler", "seed"):
            continue  # said with the optimiser's and the schedule's state, or refused
        line = f"{key} {a} → {b}: applies from the next step"
        if key == "epochs" and b <= epochs_done:
            line = f"epochs {a} → {b}: the run has trained {epochs_done} epochs, so it ends at the end of this one"
        lines.append(line)
    return lines


def _carry_optimizer(parts, old_spec: Spec, state: dict, report: SurgeryReport, settings: dict) -> str:
    """Keep the optimiser's per-weight state (momentum, Adam's moments) for the weights kept as they were."""
    if "optimizer" in settings:
        a, b = settings["optimizer"]
        return f"optimizer {a} → {b}: the new optimiser starts with an empty state (no momentum or moment estimates)"
    with torch.device("meta"):
        old_names = [n for n, _ in Network(infer_shapes(old_spec)).named_parameters()]
    new_names = [n for n, _ in parts.model.named_parameters()]
    kept = set(report.ids("kept"))
    old_index = {n: i for i, n in enumerate(old_names)}
    saved = state["optimizer"].get("state", {})
    carried = {i: saved[old_index[n]] for i, n in enumerate(new_names)
               if n.split(".", 1)[0] in kept and old_index.get(n) in saved}
    parts.optimizer.load_state_dict({"state": carried, "param_groups": parts.optimizer.state_dict()["param_groups"]})
    fresh = sorted({n.split(".", 1)[0] for n in new_names} - kept)
    return ("the optimiser's state is kept for the kept layers" +
            (f"; it starts afresh for {', '.join(fresh)}" if fresh else ""))


def _carry_schedule(parts, state: dict, settings: dict, step: int) -> list[str]:
    """The learning-rate schedule goes on where it was when nothing it depends on changed; else it restarts over
    the steps that remain."""
    config = parts.config
    if config.scheduler == "none":
        return [f"scheduler {settings['scheduler'][0]} → none"] if "scheduler" in settings else []
    if not {"scheduler", "lr", "epochs", "optimizer", "batch_size"} & set(settings) and state.get("scheduler"):
        parts.scheduler.load_state_dict(state["scheduler"])
        for group, lr in zip(parts.optimizer.param_groups, parts.scheduler.get_last_lr()):
            group["lr"] = lr
        return []
    remaining = max(1, config.epochs * parts.steps_per_epoch - step)
    parts.scheduler = make_scheduler(parts.optimizer, config, remaining)
    return [f"the {config.scheduler} learning-rate schedule restarts over the {remaining:,} steps that remain"]


def _carry_counters(trainer, state: dict) -> list[str]:
    """A new Trainer takes the old run's epoch, step, history, and its place in the epoch when the split fits;
    early stopping counts afresh (a checkpoint holds no best weights to go back to)."""
    trainer.epoch, trainer.global_step = int(state["epoch"]), int(state["global_step"])
    trainer.samples.generator.set_state(state["generator"].cpu())  # a CPU generator, whatever the state was loaded onto
    lines = []
    perm = state.get("perm")
    if perm is not None and len(perm) == trainer.parts.n_train:
        trainer.samples.order, trainer.samples.pos = perm.to(trainer.parts.device), int(state["pos"])
    elif perm is not None and len(perm):
        lines.append("the epoch in progress starts over: the training split changed size")
    checkpoints.replay_history(trainer, state.get("history", []))
    return lines + ["early stopping counts afresh from here"]


# ---- Step on a run that has ended ----------------------------------------------------------------------

def step_after_end(spec, status: str, epochs_trained: int) -> tuple[Spec, str]:
    """What Step does on a run that has ended: it goes on from the run's trained weights (never from new ones),
    one batch at a time. Returns the spec to continue with (epochs raised by one when the run had trained them all)
    and the message to show; ValueError when the run cannot go on (it failed, or diverged)."""
    spec = parse_spec(spec)
    if status == "failed":
        raise ValueError("the run failed, so there are no trained weights to step on from; press Start for a new run")
    if status == "diverged":
        raise ValueError("the run diverged: stepping on with the same settings would diverge again. Lower lr (or set "
                         "grad_clip), then Step goes on from the last good weights")
    epochs = spec.training.epochs if spec.training else 10
    if epochs_trained < epochs:
        return spec, f"the run was {status} after {epochs_trained} of {epochs} epochs: Step goes on from its weights"
    training = spec.training.model_copy(update={"epochs": epochs_trained + 1})
    return spec.model_copy(update={"training": training}), (
        f"the run had finished its {epochs_trained} epochs: Step goes on from its trained weights, with epochs "
        f"raised to {epochs_trained + 1}; press Start for a new run from fresh weights")
