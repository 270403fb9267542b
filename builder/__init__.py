"""NetBuilder: describe a network as a netbuilder/1 spec, check it, compile it to PyTorch, train it, export it."""
from __future__ import annotations

__all__ = ["load_spec", "summarize", "build_model", "train", "Trainer", "write_bundle", "load", "generate_code",
           "check_spec", "infer_shapes", "parse_spec", "Spec", "Summary", "Network", "CheckedSpec", "SpecError",
           "SpecErrors", "DataError", "BundleError", "REGISTRY", "import_model", "compare"]

# Every public name loads its module on first use: `import builder.settings` (the server, before it answers its
# health check) stays free of torch, which the compiler and the engine import.
_HOMES = {"generate_code": "codegen", "Network": "compiler", "build_model": "compiler", "BundleError": "errors",
          "DataError": "errors", "SpecError": "errors", "SpecErrors": "errors", "CheckedSpec": "checker",
          "check_spec": "checker", "infer_shapes": "checker", "REGISTRY": "registry", "Spec": "spec",
          "parse_spec": "spec", "Summary": "summary", "summarize": "summary", "Trainer": "training",
          "train": "training", "load": "bundle", "write_bundle": "bundle", "compare": "variants",
          "import_model": "imported"}


def load_spec(source):
    """Read a spec from a path, a JSON string or a dict, and check it fully (raises SpecErrors)."""
    from .checker import infer_shapes
    from .spec import parse_spec
    spec = parse_spec(source)
    infer_shapes(spec)
    return spec


def __getattr__(name: str):
    if name in _HOMES:
        from .lazy import resolve
        return resolve(f".{_HOMES[name]}:{name}", __name__)
    raise AttributeError(f"module 'builder' has no attribute '{name}'")
