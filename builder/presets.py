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


def preset_path(name: str) -> Path | None:
    """The file of the preset called `name` (a file stem in presets/, nothing else: a name is never a path), or None."""
    if not isinstance(name, str) or not name:
        return None
    path = PRESET_DIR / f"{name}.json"
    return path if path.stem == name and path.parent == PRESET_DIR and path.is_file() else None


def load_preset(name: str) -> Spec:
    """A preset by its name (see `preset_path`)."""
    path = preset_path(name)
    if path is None:
        known = ", ".join(p.stem for p in preset_paths())
        raise KeyError(f"no preset '{name}'. Known presets: {known}")
    return parse_spec(path)
