"""builder.lazy: the one place a table's "module:attribute" names are imported, and every such name resolves."""
import inspect

import pytest
import torch

import builder
from builder import lazy
from builder.registry import REGISTRY
from builder.uploads import UPLOAD_FORMATS


def test_a_name_resolves_to_the_thing_itself_absolute_relative_and_dotted():
    assert lazy.resolve("torch.nn:Linear") is torch.nn.Linear
    assert lazy.resolve("torch:optim.lr_scheduler.StepLR") is torch.optim.lr_scheduler.StepLR
    assert lazy.resolve(".csv_file:load_csv", "builder.uploads") is UPLOAD_FORMATS["csv"].read


@pytest.mark.parametrize("name", ["torch.nn.Linear", "torch.nn:", ":Linear"])
def test_a_name_not_written_module_colon_attribute_is_refused_by_name(name):
    with pytest.raises(ValueError, match="not written 'module:attribute'"):
        lazy.resolve(name)


def test_a_misspelt_name_fails_loudly_not_with_none():
    with pytest.raises(AttributeError, match="Lineer"):
        lazy.resolve("torch.nn:Lineer")
    with pytest.raises(ModuleNotFoundError):
        lazy.resolve("torch.nnn:Linear")


def test_every_name_the_tables_write_resolves():
    """A typo in a table would otherwise surface only when that layer, reader or public name is first used."""
    for layer in REGISTRY.values():
        assert inspect.isclass(layer.module) and issubclass(layer.module, torch.nn.Module), layer.name
    for upload in UPLOAD_FORMATS.values():
        assert callable(upload.read) and upload.options is not None, upload.key
    for name in builder.__all__:
        assert getattr(builder, name) is not None, name
