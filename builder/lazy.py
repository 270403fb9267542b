"""Import a thing by its name when it is first used.

The tables that describe NetBuilder (layer types, losses and optimisers, upload formats, the page's tabs) name the
classes and functions they use instead of importing them, so that reading a table — checking a spec, drawing the
settings form, answering the server's health check — needs no torch (a second or more to import). Every such name
is written "module:attribute" and resolved here, once.
"""
from __future__ import annotations

import functools
import importlib


@functools.cache
def resolve(name: str, package: str | None = None):
    """`resolve("torch.nn:Linear")` is torch.nn.Linear; `resolve(".csv_file:load_csv", "builder.uploads")` is
    relative to a package; the attribute may be dotted ("torch:optim.lr_scheduler.StepLR")."""
    module, sep, attribute = name.partition(":")
    if not (module and sep and attribute):
        raise ValueError(f"{name!r} is not written 'module:attribute'")
    return functools.reduce(getattr, attribute.split("."), importlib.import_module(module, package))
