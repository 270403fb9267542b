"""The core never imports streamlit: only builder.ui (and anything under it) may."""
import ast
import pkgutil
import subprocess
import sys

from conftest import ROOT

BUILDER_DIR = ROOT / "builder"


def is_ui(module_name: str) -> bool:
    return module_name == "builder.ui" or module_name.startswith("builder.ui.")


def core_modules(path=BUILDER_DIR, prefix="builder.") -> list[str]:
    """Every builder submodule, found on disk so a new one is covered without editing this test.

    Unlike pkgutil.walk_packages this imports nothing, so builder.ui is never loaded here.
    """
    names = []
    for m in pkgutil.iter_modules([str(path)], prefix):
        if is_ui(m.name) or m.name == "builder.__main__":  # importing __main__ would run the CLI
            continue
        names.append(m.name)
        if m.ispkg:
            names += core_modules(path / m.name.rpartition(".")[2], m.name + ".")
    return sorted(names)


def test_the_module_list_is_discovered():
    names = core_modules()
    assert {"builder.spec", "builder.registry", "builder.checker", "builder.compiler", "builder.summary", "builder.codegen",
            "builder.cli"} <= set(names)
    assert not any(is_ui(n) for n in names)


def test_importing_the_core_does_not_import_streamlit():
    modules = ["builder", *core_modules()]
    code = (f"import sys\nimport {', '.join(modules)}\n"
            "loaded = sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.'))\n"
            "assert not loaded, loaded[:5]\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]


def streamlit_imports(path) -> list[int]:
    """Line numbers of `import streamlit…` / `from streamlit… import` anywhere in a file, nested ones included."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        if any(n == "streamlit" or n.startswith("streamlit.") for n in names):
            lines.append(node.lineno)
    return lines


def test_no_core_source_file_imports_streamlit():
    files = [p for p in BUILDER_DIR.rglob("*.py")
             if not is_ui("builder." + ".".join(p.relative_to(BUILDER_DIR).with_suffix("").parts))]
    assert len(files) >= 8
    offenders = {str(p.relative_to(ROOT)): lines for p in files if (lines := streamlit_imports(p))}
    assert offenders == {}
    for p in files:
        assert "import streamlit" not in p.read_text(encoding="utf-8"), p  # importlib tricks included


# what checking a spec imports: the CLI's `validate`, and the checker the page runs on every edit
CHECKING = ["builder.spec", "builder.registry", "builder.recipes", "builder.checker", "builder.presets",
            "builder.uploads", "builder.cli"]
NO_TORCH = """import sys
class NoTorch:
    def find_spec(self, name, path=None, target=None):
        if name == "torch" or name.startswith("torch."):
            raise ImportError(f"{name} was imported")
sys.meta_path.insert(0, NoTorch())
"""


def test_checking_a_spec_imports_no_torch():
    """torch takes a second and more to import: `python -m builder validate` answers without it, every preset's
    layers counted (the formulas a test in test_registry_shapes holds to the modules themselves)."""
    presets = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "presets").glob("*.json"))
    code = (NO_TORCH + f"import {', '.join(CHECKING)}\nfrom builder.cli import main\n"
            f"sys.exit(max(main(['validate', p]) for p in {presets!r}))\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.count("ok: ") == len(presets) > 20, done.stdout
    assert "ok: LeNet (digits): 10 layers, output shape [10]" in done.stdout
