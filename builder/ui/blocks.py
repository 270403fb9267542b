"""Blocks of layers, read from their ids as torchvision names them: `layer1_0_conv1`, `layer1_0_bn1`, … form the group
`layer1_0`; consecutive groups of one family built alike (`layer1_0`, `layer1_1`) form a repeat, `layer1 ×2`. The spec
keeps plain layers (no new key: exports and share links are unchanged). Here: reading the groups, the canvas's view
of the network with some of them collapsed into one node, and the edits on blocks (make one, repeat it ×N, keep its
copies alike). No streamlit here."""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

import networkx as nx

from .edits import layer_ids, rename_layer
from .wiring import EditError, graph_parts, output_id, rebuild, wires

MAX_COPIES = 64  # one ×N edit makes at most this many copies of a block
_INDEX = re.compile(r"[0-9]+")


# ---- reading groups from ids ----------------------------------------------------------------------

def split_id(layer_id: str) -> tuple[str, str] | None:
    """(group, suffix) of an id that follows the convention — `layer1_0_conv1` → (`layer1_0`, `conv1`): the group
    ends at the first part after the first that is a number, and something follows it; None for any other id."""
    parts = layer_id.split("_")
    for k in range(1, len(parts) - 1):
        if _INDEX.fullmatch(parts[k]):
            head, tail = parts[:k + 1], parts[k + 1:]
            return ("_".join(head), "_".join(tail)) if all(head) and "".join(tail) else None
    return None


def family_of(group: str) -> tuple[str, int]:
    """`layer1_0` → (`layer1`, 0)."""
    family, _, index = group.rpartition("_")
    return family, int(index)


@dataclass(frozen=True)
class Group:
    name: str  # layer1_0
    members: tuple[str, ...]  # its layers, in list order

    @property
    def family(self) -> str:
        return family_of(self.name)[0]

    @property
    def index(self) -> int:
        return family_of(self.name)[1]

    @property
    def exit(self) -> str:
        """The layer whose output leaves the block: its last."""
        return self.members[-1]


@dataclass(frozen=True)
class Repeat:
    """Consecutive copies of one block (a single group is a repeat ×1)."""
    groups: tuple[Group, ...]

    @property
    def family(self) -> str:
        return self.groups[0].family

    @property
    def key(self) -> str:
        """The canvas's name for the whole run (collapsed: one node)."""
        return f"repeat:{self.groups[0].name}" if len(self.groups) > 1 else f"group:{self.groups[0].name}"

    @property
    def title(self) -> str:
        """The family's name for a repeat (its ×N control says how many), the group's for a lone group."""
        return self.family if len(self.groups) > 1 else self.groups[0].name

    @property
    def members(self) -> tuple[str, ...]:
        return tuple(m for g in self.groups for m in g.members)


def groups(spec: dict) -> list[Group]:
    """The groups the ids name, in the order their first layers come."""
    found: dict[str, list[str]] = {}
    for lid in layer_ids(spec):
        parts = split_id(lid)
        if parts is not None:
            found.setdefault(parts[0], []).append(lid)
    return [Group(name, tuple(members)) for name, members in found.items()]


def signature(group: Group, reads: dict[str, list[str]]) -> tuple:
    """What makes copies alike: each layer's suffix, type and wiring (inside the block by suffix, outside by the
    order the block first reads it). Parameters may differ between copies (see `sync_copies`)."""
    inside = {m: split_id(m)[1] for m in group.members}
    outside: list[str] = []
    rows = []
    for m in group.members:
        sources = []
        for s in reads.get(m, []):
            if s in inside:
                sources.append("." + inside[s])
            else:
                outside.append(s) if s not in outside else None
                sources.append(f"^{outside.index(s)}")
        rows.append((inside[m], tuple(sources)))
    return tuple(rows)


def repeats(spec: dict) -> list[Repeat]:
    """The groups as runs of consecutive copies: next to each other in the list, of one family, built alike."""
    ids = layer_ids(spec)
    place = {lid: i for i, lid in enumerate(ids)}
    types = {l["id"]: l.get("type") for l in spec["layers"]}
    reads = wires(spec)
    runs: list[list[Group]] = []
    for g in groups(spec):
        last = runs[-1][-1] if runs else None
        if (last is not None and last.family == g.family and place[g.members[0]] == place[last.exit] + 1
                and _alike(last, g, reads, types)):
            runs[-1].append(g)
        else:
            runs.append([g])
    return [Repeat(tuple(r)) for r in runs]


def _alike(a: Group, b: Group, reads, types) -> bool:
    return signature(a, reads) == signature(b, reads) and [types[m] for m in a.members] == [types[m] for m in b.members]


def run_of(spec: dict, group: str) -> Repeat:
    run = next((r for r in repeats(spec) if any(g.name == group for g in r.groups)), None)
    if run is None:
        raise EditError(f"there is no block '{group}'")
    return run


# ---- the canvas's view: some groups collapsed into one node each --------------------------------------

@dataclass
class Frame:
    """A box drawn around an expanded group or repeat."""
    id: str  # group:layer1_0 or repeat:layer1_0
    title: str
    nodes: tuple[str, ...]  # the view's nodes inside it
    level: int  # 0 outermost
    run: Repeat  # the run it belongs to (its ×N control)


@dataclass
class View:
    """The network as the canvas shows it: layers, and collapsed blocks as single nodes (ids `group:…`/`repeat:…`)."""
    nodes: list[str]  # "input" first, then in list order
    edges: list[tuple[str, str]]  # between view nodes, each once
    wires: dict[tuple[str, str], list[tuple[str, str]]]  # view edge → the spec's wires it stands for
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)  # collapsed node → its layers
    runs: dict[str, Repeat] = field(default_factory=dict)  # collapsed node → its run
    frames: list[Frame] = field(default_factory=list)

    def kind(self, node: str) -> str:
        return "input" if node == "input" else "group" if node in self.members else "layer"


def view(spec: dict, collapsed=()) -> View:
    """The view with the blocks named in `collapsed` (`group:NAME` or `repeat:FIRST_GROUP`) shown as one node each;
    a name that no longer exists, or whose collapse would tangle the wires into a loop, is shown expanded."""
    reads = wires(spec)
    owner = {lid: lid for lid in reads} | {"input": "input"}
    members: dict[str, tuple[str, ...]] = {}
    runs: dict[str, Repeat] = {}
    collapsed = set(collapsed)
    for run in repeats(spec):
        parts = [(run.key, run.members, run)] if run.key in collapsed else \
            [(f"group:{g.name}", g.members, run) for g in run.groups if f"group:{g.name}" in collapsed]
        for key, inside, r in parts:
            trial = owner | {m: key for m in inside}
            if _acyclic(reads, trial):
                owner, members[key], runs[key] = trial, inside, r
    nodes = list(dict.fromkeys(owner[n] for n in ["input", *reads]))
    edges: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for target, sources in reads.items():
        for source in sources:
            pair = (owner[source], owner[target])
            if pair[0] != pair[1]:
                edges.setdefault(pair, []).append((source, target))
    v = View(nodes, list(edges), edges, members, runs)
    v.frames = _frames(spec, owner)
    return v


def _acyclic(reads: dict[str, list[str]], owner: dict[str, str]) -> bool:
    graph = nx.DiGraph((owner[s], owner[t]) for t, sources in reads.items() for s in sources if owner[s] != owner[t])
    return nx.is_directed_acyclic_graph(graph)


def _frames(spec: dict, owner: dict[str, str]) -> list[Frame]:
    """Boxes around what is expanded: a repeat (all its copies) and, inside it, each copy; a lone group."""
    out = []
    for run in repeats(spec):
        shown = lambda ids: tuple(dict.fromkeys(owner[m] for m in ids))
        if owner[run.members[0]] == run.key:
            continue  # the whole run is one node
        level = 0
        if len(run.groups) > 1:
            out.append(Frame(run.key, run.title, shown(run.members), 0, run))
            level = 1
        for g in run.groups:
            if owner[g.members[0]] != f"group:{g.name}":
                out.append(Frame(f"group:{g.name}", g.name, shown(g.members), level, run))
    return out


# ---- edits on blocks -----------------------------------------------------------------------------------

def make_block(spec: dict, ids: list[str]) -> tuple[dict, str]:
    """Consecutive layers made one block: renamed `blockN_0_<id>` (the convention), so they collapse and repeat
    together. Returns the new spec and the block's group name."""
    order = layer_ids(spec)
    chosen = sorted({i for i in ids if i in order}, key=order.index)
    if not chosen:
        raise EditError("select the layers to make a block of (Shift+click or Shift+drag)")
    span = order[order.index(chosen[0]):order.index(chosen[-1]) + 1]
    if span != chosen:
        raise EditError("a block is made of consecutive layers; "
                        f"{', '.join(i for i in span if i not in chosen)} lies between the ones selected")
    inside = [i for i in chosen if split_id(i) is not None]
    if inside:
        raise EditError(f"'{inside[0]}' is already in the block '{split_id(inside[0])[0]}'")
    families = {family_of(g.name)[0] for g in groups(spec)}
    n = 1
    while f"block{n}" in families or any(i.startswith(f"block{n}_") for i in order):
        n += 1
    name = f"block{n}_0"
    for lid in chosen:
        try:
            spec = rename_layer(spec, lid, f"{name}_{lid}")
        except ValueError as e:
            raise EditError(str(e)) from None
    return spec, name


def set_copies(spec: dict, group: str, count) -> dict:
    """The block `group` belongs to repeated `count` times: copies of its last copy are added after it (fresh ids
    by the convention, each reading the one before), or its last copies removed (what read them reads the copy
    before)."""
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_COPIES:
        raise EditError(f"a block is repeated 1 to {MAX_COPIES} times. Received: {count!r}")
    run = run_of(spec, group)
    have = len(run.groups)
    if count > have:
        last_runs = [r for r in repeats(spec) if r.family == run.family]
        if last_runs[-1] != run:
            raise EditError(f"copies of '{run.family}' are added after its last block, "
                            f"'{last_runs[-1].groups[-1].name}'")
        last = run.groups[-1]
        for _ in range(count - have):
            spec, last = _append_copy(spec, last)
    for g in reversed(run.groups[count:]):
        spec = _remove_copy(spec, g)
    return spec


def _entry(group: Group, reads: dict[str, list[str]]) -> str:
    """The one layer outside the block that the block reads (a block that reads two cannot be repeated)."""
    outside = list(dict.fromkeys(s for m in group.members for s in reads[m] if s not in group.members))
    if len(outside) != 1:
        raise EditError(f"the block '{group.name}' reads {len(outside) or 'no'} layers outside it "
                        f"({', '.join(outside) or 'none'}); a block to repeat reads exactly one")
    return outside[0]


def _append_copy(spec: dict, group: Group) -> tuple[dict, Group]:
    layers, reads, hint = graph_parts(spec)
    entry, exit_ = _entry(group, reads), group.exit
    taken = set(reads)
    index = max([family_of(g.name)[1] for g in groups(spec) if g.family == group.family]) + 1
    while any(i.startswith(f"{group.family}_{index}_") for i in taken):
        index += 1
    name = f"{group.family}_{index}"
    new = {m: f"{name}_{split_id(m)[1]}" for m in group.members}
    if any(len(i) > 64 for i in new.values()):
        raise EditError(f"the copies' ids would be longer than 64 characters; give '{group.name}' a shorter name")
    for c, sources in reads.items():
        if c not in group.members and exit_ in sources:
            reads[c] = [new[exit_] if s == exit_ else s for s in sources]
    by_id = {l["id"]: l for l in layers}
    for i, m in enumerate(group.members):
        layer = copy.deepcopy(by_id[m])
        layer["id"] = new[m]
        layers.append(layer)
        reads[new[m]] = [new.get(s, exit_ if s == entry else s) for s in reads[m]]
        hint[new[m]] = hint[exit_] + (i + 1) / (len(group.members) + 1)
    output = output_id(spec)
    out = rebuild(spec, layers, reads, new[exit_] if output == exit_ else output, hint)
    return out, Group(name, tuple(new[m] for m in group.members))


def _remove_copy(spec: dict, group: Group) -> dict:
    layers, reads, hint = graph_parts(spec)
    entry = _entry(group, reads)
    gone = set(group.members)
    for c in list(reads):
        if c in gone:
            del reads[c]
        elif any(s in gone for s in reads[c]):
            kept = [entry if s == group.exit else s for s in reads[c] if s not in gone or s == group.exit]
            reads[c] = list(dict.fromkeys(kept))
    output = output_id(spec)
    return rebuild(spec, [l for l in layers if l["id"] not in gone], reads, entry if output in gone else output, hint)


def copies_of(spec: dict, layer_id: str) -> list[str]:
    """The same layer in every other copy of its block (empty when the layer is in no repeat)."""
    parts = split_id(layer_id)
    if parts is None:
        return []
    run = next((r for r in repeats(spec) if any(g.name == parts[0] for g in r.groups)), None)
    if run is None:
        return []
    return [f"{g.name}_{parts[1]}" for g in run.groups if g.name != parts[0]]


def differing_copies(spec: dict, layer_id: str) -> list[str]:
    """The copies of this layer whose parameters differ from its own."""
    params = {l["id"]: l.get("params") or {} for l in spec["layers"]}
    return [c for c in copies_of(spec, layer_id) if params.get(c) != params.get(layer_id)]


def sync_copies(spec: dict, layer_id: str) -> dict:
    """This layer's parameters given to the same layer in every copy of its block."""
    targets = set(copies_of(spec, layer_id))
    if not targets:
        raise EditError(f"'{layer_id}' is not in a repeated block")
    source = next(l for l in spec["layers"] if l["id"] == layer_id)
    out = copy.deepcopy(spec)
    for layer in out["layers"]:
        if layer["id"] in targets:
            if source.get("params"):
                layer["params"] = copy.deepcopy(source["params"])
            else:
                layer.pop("params", None)
    return out
