"""The well-known architecture presets against torchvision's own modules (adapted the same way): per-layer output
shapes and parameter counts as torchinfo reports them, the preset files as the tracer writes them, and one epoch of
training on the digits. Also the layer types they brought: Hardswish, Hardsigmoid, Mul and ceil_mode pooling."""
import json
from collections import defaultdict

import pytest
import torch
from torch import nn

import builder
from builder import architectures
from builder.bundle import write_bundle
from builder.imported import layer_id
from builder.presets import PRESET_DIR, load_preset
from builder.training import Trainer
from conftest import layer, make_spec

ARCHITECTURES = sorted(architectures.ARCHITECTURES)
FUNCTIONAL = {"Add", "Mul", "Concat", "Flatten"}  # operations, not modules: torchinfo has no row for them


@pytest.fixture(scope="module", autouse=True)
def _torchvision():
    try:
        architectures.torchvision_models()
    except ImportError:
        pytest.skip("torchvision (a dev extra) is not installed")


def test_there_are_four_architectures_and_each_is_a_preset():
    assert ARCHITECTURES == ["mobilenet_v3_small_digits", "resnet18_digits", "squeezenet1_1_digits", "vgg11_digits"]
    for stem in ARCHITECTURES:
        assert (PRESET_DIR / f"{stem}.json").is_file()


def torchinfo_rows(module: nn.Module) -> dict[str, list]:
    """Each leaf module's calls, by its path: [(output shape without the batch, parameters), …]."""
    torchinfo = pytest.importorskip("torchinfo")
    stats = torchinfo.summary(module, input_size=(1, *architectures.INPUT_SHAPE), depth=100, verbose=0, device="cpu")
    path_of = {id(m): name for name, m in module.named_modules()}
    rows = defaultdict(list)
    for row in stats.summary_list:
        if row.is_leaf_layer and not isinstance(row.module, nn.Identity):
            rows[path_of[id(row.module)]].append((list(row.output_size)[1:], row.num_params))
    return rows


@pytest.mark.parametrize("stem", ARCHITECTURES)
def test_every_layer_has_torchvisions_shape_and_parameter_count(stem):
    arch = architectures.ARCHITECTURES[stem]
    module = arch.build().eval()
    summary = builder.summarize(load_preset(stem))
    by_id = {row.id: row for row in summary.layers}
    expected = torchinfo_rows(module)
    assert len(expected) > 10
    matched = set()
    for path, calls in expected.items():
        for k, (shape, params) in enumerate(calls):
            lid = layer_id(path) if k == 0 else f"{layer_id(path)}_{k + 1}"  # a module called again (ReLU)
            assert lid in by_id, (stem, path, lid)
            assert by_id[lid].output_shape == shape, (stem, lid)
            assert by_id[lid].params == params, (stem, lid)
            matched.add(lid)
    assert {row.type for row in summary.layers if row.id not in matched} <= FUNCTIONAL
    assert summary.total_params == sum(p.numel() for p in module.parameters())
    assert summary.output_shape == [architectures.CLASSES]


@pytest.mark.parametrize("stem", ARCHITECTURES)
def test_the_preset_file_is_what_the_tracer_writes(stem):
    """`python -m builder.architectures` regenerates the files; a hand edit or a tracer change shows here."""
    traced = architectures.preset(architectures.ARCHITECTURES[stem])
    assert json.loads((PRESET_DIR / f"{stem}.json").read_text()) == json.loads(architectures.preset_json(traced))


@pytest.mark.parametrize("stem", ARCHITECTURES)
def test_the_preset_trains_an_epoch_on_the_digits(stem):
    trainer = Trainer.from_spec(load_preset(stem), epochs=1, telemetry=False).run()
    assert trainer.status == "finished", trainer.log.message
    row = trainer.history()[-1]
    assert row["epoch"] == 1 and torch.isfinite(torch.tensor([row["train_loss"], row["val_loss"]])).all()


def test_layer_ids_keep_the_block_structure():
    ids = [l.id for l in load_preset("resnet18_digits").layers]
    assert ids[:3] == ["conv1", "bn1", "relu"]
    assert {"layer1_0_conv1", "layer1_0_bn1", "layer1_0_add", "layer2_0_downsample_0", "fc"} <= set(ids)
    blocks = {i.rsplit("_", 1)[0] for i in ids if i.startswith("layer")}
    assert {"layer1_0", "layer4_1"} <= {b[:8] for b in blocks}


def test_the_traced_network_gives_torchvisions_outputs():
    module = architectures.squeezenet1_1().eval()
    imported = architectures.preset(architectures.ARCHITECTURES["squeezenet1_1_digits"])
    net = builder.build_model(imported).eval()
    net.load_state_dict({f"{layer_id(k.rsplit('.', 1)[0])}.{k.rsplit('.', 1)[1]}": v
                         for k, v in module.state_dict().items()})
    x = torch.randn(4, *architectures.INPUT_SHAPE)
    with torch.no_grad():
        torch.testing.assert_close(net(x), module(x))


# ---- the layer types the architectures brought ----------------------------------------------------------

def test_mul_broadcasts_a_gate_over_an_image_and_refuses_what_does_not_fit():
    gate = [layer("pool", "AdaptiveAvgPool2d", ["input"], output_size=1), layer("act", "Hardsigmoid"),
            layer("scale", "Mul", ["act", "input"])]
    checked = builder.check_spec(make_spec([3, 4, 4], gate))
    assert checked.errors == [] and checked.output_shape == (3, 4, 4)
    wide = [layer("a", "Linear", ["input"], out_features=3), layer("b", "Linear", ["input"], out_features=4),
            layer("m", "Mul", ["a", "b"])]
    errors = builder.check_spec(make_spec([2], wide)).errors
    assert len(errors) == 1 and errors[0].layer_id == "m" and "equal or 1" in str(errors[0])


def test_ceil_mode_pooling_keeps_a_last_partial_window_as_pytorch_does():
    for size, kernel, stride, padding in [(2, 3, 2, 0), (8, 3, 2, 0), (7, 2, 2, 1), (5, 3, 3, 1)]:
        spec = make_spec([1, size, size], [layer("p", "MaxPool2d", kernel_size=kernel, stride=stride, padding=padding,
                                                 ceil_mode=True)])
        module = nn.MaxPool2d(kernel, stride, padding, ceil_mode=True)
        assert list(builder.check_spec(spec).output_shape) == list(module(torch.zeros(1, 1, size, size)).shape[1:])
    too_small = make_spec([1, 1, 1], [layer("p", "MaxPool2d", kernel_size=3, stride=2, ceil_mode=True)])
    errors = builder.check_spec(too_small).errors
    assert len(errors) == 1 and "larger than its input 1×1" in str(errors[0])


@pytest.mark.parametrize("stem", ["mobilenet_v3_small_digits", "squeezenet1_1_digits"])
def test_exports_carry_the_new_layer_types(stem, tmp_path):
    """Hardswish, Hardsigmoid and Mul (MobileNetV3), ceil_mode pooling and Concat (SqueezeNet) in pt2 and
    TorchScript; ONNX is covered by the import round trip, the code export by test_codegen."""
    from builder.export import export_format
    bundle = write_bundle(Trainer.from_spec(load_preset(stem), telemetry=False), tmp_path / "bundle")
    x = torch.rand(3, *architectures.INPUT_SHAPE) * 16
    expected = builder.load(bundle)(x)
    program = torch.export.load(export_format(bundle, "pt2", tmp_path / "m.pt2")).module()
    scripted = torch.jit.load(str(export_format(bundle, "torchscript", tmp_path / "m.ts")))
    for exported in (program, scripted):
        torch.testing.assert_close(exported(x), expected, atol=1e-5, rtol=1e-5)
