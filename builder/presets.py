"""Preset architectures: plain netbuilder/1 files in presets/, read through the same loader as uploads."""
from __future__ import annotations

from pathlib import Path

from .spec import Spec, parse_spec

PRESET_DIR = Path(__file__).resolve().parent.parent / "presets"


def preset_paths() -> list[Path]:
    return sorted(PRESET_DIR.glob("*.json"))


def list_presets() -> dict[str, Spec]:
    """Every preset by file stem, parsed (not yet shape-checked)."""
    return {p.stem: parse_spec(p) for p in preset_paths()}


def load_preset(name: str) -> Spec:
    """A preset by its name (a file stem in presets/, nothing else: a name is never a path)."""
    path = PRESET_DIR / f"{name}.json"
    if not isinstance(name, str) or path.stem != name or path.parent != PRESET_DIR or not path.is_file():
        known = ", ".join(p.stem for p in preset_paths())
        raise KeyError(f"no preset '{name}'. Known presets: {known}")
    return parse_spec(path)
