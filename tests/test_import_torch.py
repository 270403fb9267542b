"""Tracing a person's own PyTorch module (torch.fx) into a spec: the network gives the module's own outputs, layer
ids follow the module's names, and what NetBuilder has no layer for is refused naming the node."""
import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

import builder
from builder.cli import main
from builder.errors import BundleError
from builder.presets import list_presets
from builder.torch_import import load_module
from test_codegen import assert_same_model

ROOT = Path(__file__).resolve().parent.parent

MODULES = textwrap.dedent('''
    import torch
    from torch import nn
    import torch.nn.functional as F


    class Block(nn.Module):
        def __init__(self, channels):
            super().__init__()
            self.conv = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
            self.bn = nn.BatchNorm2d(channels)

        def forward(self, x):
            return F.relu(self.bn(self.conv(x)) + x)


    class Net(nn.Module):
        """A small residual CNN written by hand, with the usual functional idioms."""

        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
            self.blocks = nn.Sequential(Block(8), Block(8))
            self.gate = nn.Conv2d(8, 8, 1)
            self.fc = nn.Linear(8 * 4 * 4 + 8, 10)

        def forward(self, x):
            x = F.max_pool2d(F.relu(self.conv1(x)), 2)
            x = self.blocks(x)
            x = x * torch.sigmoid(self.gate(F.adaptive_avg_pool2d(x, 1)))
            pooled = x.mean((2, 3))
            return self.fc(torch.cat([x.view(x.size(0), -1), pooled], dim=1))


    class Recurrent(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(3, 8, batch_first=True, bidirectional=True)
            self.gru = nn.GRU(16, 6, num_layers=2, batch_first=True)
            self.out = nn.Linear(6, 2)

        def forward(self, x):
            seq, _ = self.lstm(x)
            _, h = self.gru(seq)
            return self.out(h[-1])


    class Names(nn.Module):
        """Layer names that are Python keywords, or the name NetBuilder gives the model input."""

        def __init__(self):
            super().__init__()
            self.add_module("class", nn.Linear(4, 4))
            self.add_module("input", nn.Linear(4, 2))

        def forward(self, x):
            return getattr(self, "input")(torch.tanh(getattr(self, "class")(x)))


    class Einsum(nn.Module):
        def forward(self, x):
            return torch.einsum("bi,bj->bij", x, x)


    class Shared(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(4, 4)

        def forward(self, x):
            return self.fc(self.fc(x))


    class FixedBatch(nn.Module):
        def forward(self, x):
            return torch.relu(x.view(3, -1))


    class SequenceFirst(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(4, 4)

        def forward(self, x):
            return self.lstm(x)[0]


    class OwnWeight(nn.Module):
        def __init__(self):
            super().__init__()
            self.w = nn.Parameter(torch.ones(4, 4))

        def forward(self, x):
            return x @ self.w


    class Broken(nn.Module):
        def __init__(self):
            raise RuntimeError("nope")
''')


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "my_models.py"
    path.write_text(MODULES)
    return path


def test_a_module_file_imports_through_the_cli_and_its_bundle_loads(source, tmp_path, capsys):
    out = tmp_path / "bundle"
    assert main(["import", f"{source}:Net", "--input-shape", "1,8,8", "--out", str(out)]) == 0
    assert "imported Net: " in capsys.readouterr().out
    spec = builder.load_spec(out / "spec.json")
    net = builder.build_model(spec).eval()
    net.load_state_dict(load_file(out / "model.safetensors"), strict=True)
    module = load_module(f"{source}:Net").eval()
    module.load_state_dict({k: v for k, v in zip(module.state_dict(), net.state_dict().values())})
    x = torch.randn(4, 1, 8, 8)
    with torch.no_grad():
        torch.testing.assert_close(net(x), module(x))
        torch.testing.assert_close(builder.load(out)(x), module(x))


@pytest.mark.skipif(importlib.util.find_spec("torchvision") is None, reason="torchvision (a dev extra) not installed")
def test_a_module_built_from_torchvisions_definitions_imports(tmp_path):
    """A person's file that builds its network from torchvision's model definitions: `import torchvision` failed
    beside the CPU-only torch (its detection ops' meta kernels), before the file's first line that matters ran. In
    a process of its own, as a person runs it: nothing has imported torchvision yet."""
    path = tmp_path / "resnet_cifar.py"
    path.write_text("from torch import nn\nfrom torchvision.models import resnet18\n\n\n"
                    "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                    "        self.m = resnet18(num_classes=10)\n\n    def forward(self, x):\n        return self.m(x)\n")
    done = subprocess.run([sys.executable, "-m", "builder", "import", f"{path}:Net", "--input-shape", "3,32,32",
                           "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "imported Net: " in done.stdout and "11,181,642 parameters" in done.stdout  # resnet18's, 10 classes


def test_layer_ids_follow_the_module_paths(source):
    imported = builder.import_model(f"{source}:Net", input_shape=(1, 8, 8))
    ids = [l["id"] for l in imported.spec["layers"]]
    assert ids[:3] == ["conv1", "relu", "max_pool2d"]
    assert {"blocks_0_conv", "blocks_0_bn", "blocks_0_add", "blocks_1_relu", "gate", "mul", "cat", "fc"} <= set(ids)
    types = {l["id"]: l["type"] for l in imported.spec["layers"]}
    assert types["mul"] == "Mul" and types["cat"] == "Concat" and types["view"] == "Flatten"


def test_a_recurrent_layer_read_at_its_last_step_returns_only_that(source):
    module = load_module(f"{source}:Recurrent").eval()
    imported = builder.import_model(module, input_shape=(5, 3))
    layers = {l["id"]: l for l in imported.spec["layers"]}
    assert layers["lstm"]["params"] == {"hidden_size": 8, "bidirectional": True, "return_sequences": True}
    assert layers["gru"]["params"] == {"hidden_size": 6, "num_layers": 2}
    net = builder.build_model(imported.spec).eval()
    net.load_state_dict(imported.state)
    x = torch.randn(3, 5, 3)
    with torch.no_grad():
        torch.testing.assert_close(net(x), module(x))


TEXT_IDIOMS = textwrap.dedent('''
    from torch import nn


    class Unpacked(nn.Module):
        """out, (h, c) = lstm(x): the cell state unpacked and never used."""

        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(5, 16, batch_first=True)
            self.fc = nn.Linear(16, 3)

        def forward(self, x):
            out, (h, c) = self.lstm(x)
            return self.fc(h[-1])


    class MeanOfTokens(nn.Module):
        """A text classifier's average over its tokens, [batch, steps, features].mean(1)."""

        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(30, 8)
            self.fc = nn.Linear(8, 2)

        def forward(self, x):
            return self.fc(self.emb(x).mean(dim=1))


    class MeanKept(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(4, 6, batch_first=True)
            self.fc = nn.Linear(6, 2)

        def forward(self, x):
            out, _ = self.lstm(x)
            return self.fc(out.mean(-2, keepdim=True).squeeze(1))


    class Encoder(nn.Module):
        """nn.TransformerEncoder, a stack of two layers and a final norm, as the PyTorch tutorials build it."""

        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(30, 16)
            layer = nn.TransformerEncoderLayer(16, 2, 32, dropout=0.0, batch_first=True)
            self.enc = nn.TransformerEncoder(layer, 2, norm=nn.LayerNorm(16), enable_nested_tensor=False)
            self.fc = nn.Linear(16, 2)

        def forward(self, x):
            return self.fc(self.enc(self.emb(x)).mean(1))
''')


@pytest.mark.parametrize("name, shape, tokens", [("Unpacked", (7, 5), False), ("MeanOfTokens", (6,), True),
                                                 ("MeanKept", (5, 4), False), ("Encoder", (6,), True)])
def test_the_idioms_of_recurrent_and_text_models_import(tmp_path, name, shape, tokens):
    path = tmp_path / "text_models.py"
    path.write_text(TEXT_IDIOMS)
    module = load_module(f"{path}:{name}").eval()
    imported = builder.import_model(module, input_shape=shape)
    net = builder.build_model(imported.spec).eval()
    net.load_state_dict(imported.state)
    x = torch.randint(0, 30, (3, *shape)) if tokens else torch.randn(3, *shape)
    with torch.no_grad():
        torch.testing.assert_close(net(x), module(x))
    if name == "Encoder":
        layers = {l["id"]: l for l in imported.spec["layers"]}
        assert [layers[i]["type"] for i in ("enc_layers_0", "enc_layers_1", "enc_norm")] == \
            ["TransformerEncoderLayer", "TransformerEncoderLayer", "LayerNorm"], list(layers)
        assert layers["enc_layers_1"]["params"]["nhead"] == 2
    if name != "Unpacked":  # the average over the steps: the features first, pooled, then flat (or steps first again)
        types = [l["type"] for l in imported.spec["layers"]]
        assert types[-4:] == ["Permute", "AdaptiveAvgPool1d", "Flatten", "Linear"] or \
            types[-5:] == ["Permute", "AdaptiveAvgPool1d", "Permute", "Flatten", "Linear"], types


def test_keywords_and_the_input_name_are_layer_ids_that_work(source):
    imported = builder.import_model(f"{source}:Names", input_shape="4")
    assert [l["id"] for l in imported.spec["layers"]] == ["class", "tanh", "input_2"]
    assert_same_model(imported.spec)


@pytest.mark.parametrize("name, words", [
    ("Einsum", ["node 'einsum' (function einsum) has no NetBuilder layer", "torch.nn layers"]),
    ("Shared", ["node 'fc_1' (module fc) is called a second time"]),
    ("FixedBatch", ["fails on a batch of 5", "batch size written into its code"]),
    ("SequenceFirst", ["batch_first=True"]),
    ("OwnWeight", ["reads the weight 'w' directly"]),
])
def test_what_has_no_layer_is_refused_naming_the_node(source, name, words):
    shape = (4, 4) if name == "SequenceFirst" else (4,)
    with pytest.raises(BundleError) as refused:
        builder.import_model(f"{source}:{name}", input_shape=shape)
    message = str(refused.value)
    assert message.startswith(f"{name}: ") and "\n" not in message
    for word in words:
        assert word in message, (word, message)


@pytest.mark.parametrize("args, words", [
    ([":Net", "--out", "OUT"], "--input-shape is needed to trace a module"),
    ([":Net", "--input-shape", "1,x,8", "--out", "OUT"], "whole numbers separated by commas"),
    ([":Broken", "--input-shape", "4", "--out", "OUT"], "running it to build Broken() raised RuntimeError: nope"),
    ([":Nope", "--input-shape", "4", "--out", "OUT"], "defines no nn.Module named 'Nope'; it defines Block, Net"),
    ([":Einsum", "--input-shape", "4", "--out", "OUT"], "node 'einsum' (function einsum)"),
    # a sample too big to make is refused before it is made (the checker's limit on one input sample)
    ([":Net", "--input-shape", "100000,100000", "--out", "OUT"], "holds 10,000,000,000 values per sample"),
    ([":Net", "--input-shape", "99999999999999999999", "--out", "OUT"], "NETBUILDER_MAX_INPUT_VALUES"),
])
def test_the_cli_says_what_went_wrong_in_one_line(source, tmp_path, capsys, args, words):
    argv = ["import", str(source) + args[0], *[str(tmp_path / "out") if a == "OUT" else a for a in args[1:]]]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and words in err and "Traceback" not in err, err


def test_the_help_says_the_file_is_run(capsys):
    assert main(["import", "--help"]) == 0
    assert "is run" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("name", sorted(list_presets()))
def test_netbuilders_code_export_traces_back_to_its_spec(name, tmp_path):
    """model.py from `export --format code` copies NetBuilder's own layers (Add, LSTM, …) into itself: they come
    back as those layers, under their ids, with their parameters."""
    spec = list_presets()[name]
    path = tmp_path / "model.py"
    path.write_text(builder.generate_code(spec))
    imported = builder.import_model(f"{path}:Net", input_shape=tuple(spec.input.shape))
    assert builder.load_spec(imported.spec).input == spec.input
    assert wiring(imported.spec) == wiring(spec)


def wiring(spec) -> list[tuple]:
    """Each layer as the checker reads it: id, type, every parameter (defaults filled in) and inputs."""
    checked = builder.check_spec(spec)
    return [(lid, info.type.name, info.params, info.inputs) for lid, info in checked.layers.items()]
