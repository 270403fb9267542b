"""The code exporter against the compiled model: same state_dict keys, same outputs, torch only; and the decoding
the generated files share against the engine's."""
import ast
import builtins
import contextlib
import inspect
import io
import json
import keyword
import re
import subprocess
import sys

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from torch import nn

import builder
from builder import build_model, generate_code
from builder.bundle import InferenceModel
from builder.checker import RESERVED_IDS
from builder.codegen import objective_code
from builder.objectives import objective_for
from builder.preprocessing import Normalizer
from builder.recipes import LOSSES
from builder.registry import REGISTRY
from builder.spec import ID_PATTERN
from conftest import CASES, PRESET_PATHS, layer, make_spec, single_layer_spec, spec_batch, valid_specs


def generated_module(spec, class_name="Net"):
    """Exec the generated source in a fresh namespace and return the class it defines."""
    namespace = {"__name__": "generated_net"}
    exec(compile(generate_code(spec, class_name=class_name), "<generated>", "exec"), namespace)
    return namespace[class_name]


def assert_same_model(spec, seed=0):
    compiled = build_model(spec, seed=seed).eval()
    generated = generated_module(spec)().eval()
    generated.load_state_dict(compiled.state_dict(), strict=True)
    x = spec_batch(spec, batch=3, seed=seed)
    with torch.no_grad():
        torch.testing.assert_close(generated(x), compiled(x), rtol=0, atol=0)


def run_as_main(spec) -> str:
    """What the generated source prints when run as a script (its `__main__` demo block), here in this process."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(generate_code(spec), "<generated>", "exec"), {"__name__": "__main__"})
    return printed.getvalue()


@pytest.mark.parametrize("path", PRESET_PATHS, ids=lambda p: p.stem)
def test_generated_code_equals_the_compiled_preset(path):
    assert_same_model(builder.load_spec(path))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_specs)
def test_generated_code_equals_the_compiled_model_for_random_specs(case):
    spec, _ = case
    assert_same_model(spec)


def test_awkward_ids_get_distinct_python_names():
    """Ids that are keywords, start with a digit, or collide with a prefixed name must not share a variable."""
    spec = make_spec([4], [layer("1x", "Linear", out_features=4), layer("h_1x", "Tanh"), layer("class", "Linear", out_features=4),
                           layer("x", "ReLU", ["1x"]), layer("sum", "Add", ["x", "class", "h_1x", "input"])])
    assert_same_model(spec)


def constructor_requirements(cls) -> set[str]:
    """The arguments an __init__ along `cls`'s MRO (its own, or torch's it hands its arguments on to) has no default
    for."""
    required = set()
    for owner in cls.__mro__:
        if "__init__" in vars(owner):
            params = list(inspect.signature(owner.__init__).parameters.values())[1:]  # self left out
            required |= {p.name for p in params
                         if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}
    return required


def at_registry_defaults(type_name, shapes, params, dtype="float"):
    """The case with every argument the registry has a default for left out, so each takes the registry's default."""
    return type_name, shapes, {k: v for k, v in params.items() if REGISTRY[type_name].param(k).required}, dtype


REQUIRING = sorted(t for t in REGISTRY if constructor_requirements(REGISTRY[t].module))
LAYER_CASES = [at_registry_defaults(t, *CASES[t][0]) for t in REQUIRING]
LAYER_CASES += [(t, *case[:2], case[2] if len(case) > 2 else "float") for t in REQUIRING for case in CASES[t]]


def test_the_layer_types_whose_constructors_require_arguments_are_walked():
    assert {"Unflatten", "Linear", "Conv2d", "Embedding", "LSTM", "TransformerEncoderLayer"} <= set(REQUIRING)
    # Unflatten with dim left at the registry's default, 1: torch's Unflatten has no default for it
    assert ("Unflatten", [[12]], {"unflattened_size": [3, 4]}, "float") in LAYER_CASES


@pytest.mark.parametrize("type_name,shapes,params,dtype", LAYER_CASES,
                         ids=lambda v: v if isinstance(v, str) else None)
def test_generated_code_passes_every_argument_a_constructor_requires(type_name, shapes, params, dtype):
    """Each registry type whose constructor requires arguments, its arguments spelt out or left at the registry's
    defaults (Unflatten's dim=1 is the registry's default, but torch has none): the generated module builds, its
    demo block runs, and it computes what the compiled layer computes."""
    spec = single_layer_spec(type_name, shapes, params, dtype)
    assert_same_model(spec)
    assert run_as_main(spec).strip().splitlines()[-1].startswith("torch.Size([2")


# Layer ids a forward() could trip over: builtins (getattr is what the generated code calls), keywords, the names
# the generated code binds or reads, names its prefixing makes, and ids that are not plain attribute names.
GENERATED_NAMES = {"x", "self", "torch", "nn", "F", "getattr", "super", "print", "model", "Net", "Add", "Concat",
                   "Reshape", "h_x", "h_getattr", "h__b", "h_h_x", "out"}
ODD_IDS = {"_b", "__b", "_", "__", "__init__x", "1x", "0", "9_", "_getattr", "getattr_", "h_1x"}
AWKWARD_IDS = sorted(i for i in {*dir(builtins), *keyword.kwlist, *keyword.softkwlist, *GENERATED_NAMES, *ODD_IDS}
                     if re.fullmatch(ID_PATTERN, i) and i not in RESERVED_IDS)


@st.composite
def awkward_id_specs(draw):
    """Up to six layers of width 4 with awkward ids, each reading the input or earlier layers (so an id's variable
    is read again after later ones are bound)."""
    any_id = st.from_regex(r"\A[A-Za-z0-9_]{1,8}\Z").filter(lambda i: i not in RESERVED_IDS)
    ids = draw(st.lists(st.sampled_from(AWKWARD_IDS) | any_id, min_size=2, max_size=6, unique=True))
    layers = []
    for i, lid in enumerate(ids):
        earlier = ["input", *ids[:i]]
        kind = draw(st.sampled_from(["Linear", "ReLU", "Add"] if len(earlier) > 1 else ["Linear", "ReLU"]))
        reads = draw(st.lists(st.sampled_from(earlier), min_size=2 if kind == "Add" else 1,
                              max_size=2 if kind == "Add" else 1, unique=True))
        layers.append(layer(lid, kind, reads, **({"out_features": 4} if kind == "Linear" else {})))
    return make_spec([4], layers)


def forward_bindings(source: str) -> set[str]:
    """The names the generated forward() binds."""
    forward = next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.FunctionDef) and n.name == "forward")
    return {t.id for n in ast.walk(forward) if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}


def test_a_layer_called_getattr_does_not_break_the_layers_after_it():
    spec = make_spec([4], [layer("getattr", "Linear", out_features=4), layer("_b", "ReLU"),
                           layer("out", "Linear", out_features=2)])
    assert_same_model(spec)
    assert forward_bindings(generate_code(spec)) == {"h_getattr", "h__b", "out"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(awkward_id_specs())
def test_no_layer_id_shadows_a_builtin_or_a_name_the_generated_code_uses(spec):
    source = generate_code(spec)
    assert not forward_bindings(source) & {*dir(builtins), "x", "self", "torch", "nn", "F"}
    assert_same_model(spec)
    run_as_main(spec)


def test_the_demo_block_draws_token_ids_every_embedding_can_look_up():
    """The demo's example ids stay below the smallest vocabulary (an Embedding of one entry takes id 0 alone)."""
    spec = make_spec([64], [layer("small", "Embedding", ["input"], num_embeddings=1, embedding_dim=3),
                            layer("big", "Embedding", ["input"], num_embeddings=50, embedding_dim=3),
                            layer("sum", "Add", ["small", "big"]), layer("flat", "Flatten"),
                            layer("out", "Linear", out_features=2)], dtype="long")
    assert run_as_main(spec).strip().endswith("torch.Size([2, 2])")
    assert "torch.randint(0, 1, (2, 64))" in generate_code(spec)
    big_only = make_spec([64], [layer("e", "Embedding", num_embeddings=50, embedding_dim=3), layer("f", "Flatten")],
                         dtype="long")
    assert "torch.randint(0, 50, (2, 64))" in generate_code(big_only)


def test_generated_code_imports_only_torch_and_runs_standalone(tmp_path):
    spec = builder.load_spec(PRESET_PATHS[0].parent / "resnet_digits.json")
    source = generate_code(spec)
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module.split(".")[0])
    assert imported == {"torch"}
    path = tmp_path / "net.py"
    path.write_text(source)
    block = "import sys; sys.modules.update(builder=None, networkx=None, pydantic=None); import runpy; "
    done = subprocess.run([sys.executable, "-c", block + f"runpy.run_path({str(path)!r}, run_name='__main__')"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("torch.Size([2, 10])")


def test_generated_code_documents_the_network():
    spec = builder.load_spec(PRESET_PATHS[0].parent / "lenet_digits.json")
    source = generate_code(spec, class_name="LeNet")
    assert source.startswith('# LeNet (digits): generated by NetBuilder')
    assert "# Input: a batch of shape [batch, 1, 8, 8] (torch.float32)." in source
    assert "self.c1 = nn.Conv2d(in_channels=1, out_channels=6, kernel_size=3, padding=1)" in source
    assert "class LeNet(nn.Module):" in source
    compile(source, "<generated>", "exec")


class Fixed(nn.Module):
    """A network that answers every batch with the same outputs."""

    def __init__(self, out):
        super().__init__()
        self.out = out

    def forward(self, x):
        return self.out


@pytest.mark.parametrize("task,loss", [(task, loss) for loss, entry in LOSSES.items() for task in entry.tasks])
def test_the_generated_decoding_equals_the_engines(task, loss):
    """model.py's and the script's decode(), reading the objective's description, give the engine's predictions."""
    objective = objective_for(task, loss)
    g = torch.Generator().manual_seed(0)
    sample = [1, 4, 4] if task == "reconstruction" else [4]
    x = torch.randn(20, *sample, generator=g) * 3 + 1
    y = torch.randn(20, 2, generator=g) * 50 + 100
    norm = Normalizer.from_samples(x, y if objective.scales_targets else None)
    width = {"reconstruction": sample, "regression": [2]}.get(task, [1 if objective.decoding == "second_class" else 3])
    out = torch.randn(20, *width, generator=g)
    namespace = {"torch": torch}
    exec(compile(objective_code(objective), "<generated>", "exec"), namespace)
    stats = json.loads(json.dumps(norm.to_dict()))  # as normalizer.json and spec.json hold them
    assert namespace["OBJECTIVE"] == json.loads(json.dumps(objective.describe()))  # plain data
    generated = namespace["decode"](out, stats)
    torch.testing.assert_close(generated, objective.decode(out, norm), rtol=0, atol=0)
    exported = InferenceModel(Fixed(out), torch.zeros(1), torch.ones(1), *objective.output_transform(norm))
    torch.testing.assert_close(generated, objective.decode_exported(exported(x)), rtol=0, atol=0)
    torch.testing.assert_close(namespace["standardise"](x, stats), norm.apply(x), rtol=0, atol=0)
    if objective.task != "classification":  # in the data's units: neither z-scores nor left as logits
        assert not torch.equal(generated, out)


@pytest.mark.parametrize("name", ["print", "nn", "torch", "Add", "F", "class", "1Net"])
def test_a_class_name_the_generated_code_already_uses_is_refused(name):
    with pytest.raises(ValueError, match="class_name"):
        generate_code(make_spec([4], [layer("out", "Linear", out_features=2)]), class_name=name)
