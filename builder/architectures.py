"""The well-known architectures as presets: torchvision's own definitions, adapted to the built-in 8×8 digits as
CIFAR-sized versions adapt them, traced into netbuilder/1 specs. Architectures only: no weights are downloaded.

torchvision is a dev extra: it is needed to write the preset files (`python -m builder.architectures`) and to test
them against torchvision's modules, never to run NetBuilder.
"""
from __future__ import annotations

import json
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from torch import nn

INPUT_SHAPE = (1, 8, 8)  # the built-in digits
CLASSES = 10
TRAINING = {"loss": "cross_entropy", "optimizer": "adam", "lr": 0.001, "batch_size": 64, "epochs": 10, "seed": 0}


def let_torchvision_import() -> None:
    """Make `import torchvision` work beside the CPU-only torch NetBuilder pins (for its model definitions).

    torchvision's wheel registers meta kernels for its C++ detection ops (nms, roi_align) when it is imported; beside a
    torch built without those ops that import fails ("operator torchvision::nms does not exist"). The model
    definitions are plain Python and use none of them, so the one module that registers them is stood in for by an
    empty one (a detection op itself, called, still says it is missing). Also used before running a person's module
    file for `import module.py:Class`, which may build its network from torchvision's definitions.
    """
    if "torchvision" not in sys.modules:
        sys.modules.setdefault("torchvision._meta_registrations", types.ModuleType("torchvision._meta_registrations"))


def torchvision_models():
    """torchvision.models, importable beside the CPU-only torch NetBuilder pins (see let_torchvision_import)."""
    let_torchvision_import()
    try:
        import torchvision.models as models
    except ImportError:
        raise ImportError("the architecture presets are made from torchvision's definitions: "
                          "pip install -c requirements.lock torchvision (a dev extra)") from None
    return models


def resnet18() -> nn.Module:
    """ResNet-18 with the CIFAR stem: a 3×3 convolution at stride 1 and no max pool, so 8×8 becomes 8, 4, 2, 1."""
    m = torchvision_models().resnet18(num_classes=CLASSES)
    m.conv1 = nn.Conv2d(1, 64, kernel_size=3, stride=1, padding=1, bias=False)
    m.maxpool = nn.Identity()
    return m


def vgg11() -> nn.Module:
    """VGG-11 with its last two max pools left out (8×8 is 1×1 after three) and a 512-wide classifier for the
    512 features that remain (torchvision's pools to 7×7 and widens to 4,096 for ImageNet's 224×224)."""
    m = torchvision_models().vgg11(num_classes=CLASSES)
    m.features[0] = nn.Conv2d(1, 64, kernel_size=3, padding=1)
    m.features[15] = nn.Identity()
    m.features[20] = nn.Identity()
    m.avgpool = nn.Identity()
    m.classifier = nn.Sequential(nn.Linear(512, 512), nn.ReLU(True), nn.Dropout(), nn.Linear(512, 512), nn.ReLU(True),
                                 nn.Dropout(), nn.Linear(512, CLASSES))
    return m


def mobilenet_v3_small() -> nn.Module:
    """MobileNetV3-Small with a stride-1 stem for one grey channel: its four stride-2 blocks take 8×8 to 1×1."""
    m = torchvision_models().mobilenet_v3_small(num_classes=CLASSES)
    m.features[0][0] = nn.Conv2d(1, 16, kernel_size=3, stride=1, padding=1, bias=False)
    return m


def squeezenet1_1() -> nn.Module:
    """SqueezeNet 1.1 with a 3×3 stride-1 stem, so its three ceil-mode max pools take 8×8 to 4, 2 and 1."""
    m = torchvision_models().squeezenet1_1(num_classes=CLASSES)
    m.features[0] = nn.Conv2d(1, 64, kernel_size=3, stride=1, padding=1)
    return m


@dataclass(frozen=True)
class Architecture:
    stem: str  # the preset's file name
    name: str
    description: str
    build: Callable[[], nn.Module]  # torchvision's module, adapted to the digits


ARCHITECTURES = {a.stem: a for a in (
    Architecture("resnet18_digits", "ResNet-18 (digits)", (
        "ResNet-18 as torchvision defines it, with the stem CIFAR versions use (a 3×3 convolution, no max pool) so "
        "8×8 digits shrink to 8, 4, 2 and 1 through its four stages. Each stage holds two basic blocks (layer1_0, "
        "layer1_1, …): two 3×3 convolutions with BatchNorm whose output an Add sums with the block's input, so a "
        "block learns only a correction; where a stage halves the size and doubles the channels, a strided 1×1 "
        "convolution (downsample) reshapes the skip. Eleven million weights are far more than 1,800 digits need: "
        "watch how fast it fits the training set and where the validation accuracy stops."), resnet18),
    Architecture("vgg11_digits", "VGG-11 (digits)", (
        "VGG-11 as torchvision defines it: eight 3×3 convolutions with ReLU, doubling the channels from 64 to 512 "
        "while max pools halve the image, then a classifier of Linear, ReLU and Dropout. The idea is depth from one "
        "small repeated piece: two stacked 3×3 convolutions see as far as one 5×5 with fewer weights. An 8×8 digit "
        "is 1×1 after three pools, so the last two are left out, and the classifier is 512 wide instead of 4,096. "
        "There is no BatchNorm: compare how it trains with ResNet-18."), vgg11),
    Architecture("mobilenet_v3_small_digits", "MobileNetV3-Small (digits)", (
        "MobileNetV3-Small as torchvision defines it, with a stride-1 stem for one grey channel. It is built for "
        "phones: each inverted residual block widens the channels with a 1×1 convolution, filters each channel on "
        "its own with a depthwise 3×3 or 5×5 convolution (groups equal to the channels) and narrows them again. "
        "Squeeze-and-excitation blocks pool each channel to one number, pass it through two 1×1 convolutions and a "
        "Hardsigmoid, and Mul scales the channels by the result; Hardswish is a cheap SiLU. Compare its weights "
        "and FLOPs with ResNet-18's."), mobilenet_v3_small),
    Architecture("squeezenet1_1_digits", "SqueezeNet 1.1 (digits)", (
        "SqueezeNet 1.1 as torchvision defines it, with a 3×3 stride-1 stem for 8×8 digits. Its Fire modules squeeze "
        "the channels with a 1×1 convolution, then expand them with a 1×1 and a 3×3 convolution side by side whose "
        "outputs a Concat joins: AlexNet's accuracy with fifty times fewer weights. There is no Linear layer at all: "
        "a 1×1 convolution gives one map per class and global average pooling turns each map into its score. Its "
        "max pools round up (ceil_mode), so 8×8 becomes 4, 2 and 1."), squeezenet1_1),
)}


def preset(arch: Architecture) -> dict:
    """The architecture traced into a complete preset spec on the digits."""
    from .torch_import import import_module

    spec = import_module(arch.build(), INPUT_SHAPE, name=arch.name).spec
    return {"format": spec["format"], "name": arch.name, "description": arch.description,
            "input": {"shape": spec["input"]["shape"]},
            "layers": spec["layers"], "data": {"dataset": "digits", "options": {}, "val_fraction": 0.2},
            "training": dict(TRAINING)}


def preset_json(spec: dict) -> str:
    """A preset as the other preset files are written: one line per layer."""
    head = {k: v for k, v in spec.items() if k not in ("layers", "data", "training")}
    lines = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    layers = ",\n".join(f"    {json.dumps(layer)}" for layer in spec["layers"])
    return ("{\n" + "\n".join(lines) + f'\n  "layers": [\n{layers}\n  ],\n'
            f'  "data": {json.dumps(spec["data"])},\n  "training": {json.dumps(spec["training"])}\n}}\n')


def write_presets(folder: Path | None = None) -> list[Path]:
    from .presets import PRESET_DIR

    folder = folder or PRESET_DIR
    paths = []
    for arch in ARCHITECTURES.values():
        path = folder / f"{arch.stem}.json"
        path.write_text(preset_json(preset(arch)), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_presets():
        print(f"wrote {written}")
