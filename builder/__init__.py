"""NetBuilder: describe a network as a netbuilder/1 spec, check it, compile it to PyTorch, train it, export it."""
from .codegen import generate_code
from .compiler import Network, build_model
from .errors import BundleError, DataError, SpecError, SpecErrors
from .checker import CheckedSpec, check_spec, infer_shapes
from .registry import REGISTRY
from .spec import Spec, parse_spec
from .summary import Summary, summarize

__all__ = ["load_spec", "summarize", "build_model", "train", "Trainer", "write_bundle", "load", "generate_code",
           "check_spec", "infer_shapes", "parse_spec", "Spec", "Summary", "Network", "CheckedSpec", "SpecError",
           "SpecErrors", "DataError", "BundleError", "REGISTRY", "import_model", "compare"]


def load_spec(source) -> Spec:
    """Read a spec from a path, a JSON string or a dict, and check it fully (raises SpecErrors)."""
    spec = parse_spec(source)
    infer_shapes(spec)
    return spec


def __getattr__(name: str):
    # The training engine and bundles load on first use: checking a spec stays light.
    if name in ("Trainer", "train"):
        from . import training
        return getattr(training, name)
    if name in ("load", "write_bundle"):
        from . import bundle
        return getattr(bundle, name)
    if name == "compare":
        from .variants import compare
        return compare
    if name == "import_model":
        from .imported import import_model
        return import_model
    raise AttributeError(f"module 'builder' has no attribute '{name}'")
