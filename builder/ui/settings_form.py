"""Training settings as widgets, generated from the TrainingSpec fields and the recipe tables (their choices and
help); each writes back into the spec through an on_change callback."""
from __future__ import annotations

import math
import types
import typing

import streamlit as st

from ..recipes import LOSSES, OPTIMIZERS, SCHEDULERS
from ..spec import TrainingSpec
from . import state
from .edits import set_field

MAIN = ("lr", "batch_size", "epochs", "optimizer")  # on the playground; the rest are one click away
LABELS = {"weight_decay": "L2 (weight decay)", "l1_penalty": "L1"}  # TF Playground's names beside ours
CHOICE_HELP = {"loss": LOSSES, "optimizer": OPTIMIZERS, "scheduler": SCHEDULERS}


def float_step(value: float | None) -> float:
    """A step size one tenth of the value's order of magnitude (0.001 → 0.0001); 0.01 for none."""
    if not value:
        return 0.01
    return 10.0 ** (math.floor(math.log10(abs(value))) - 1)


def _bounds(field) -> dict:
    """number_input bounds from a field's inclusive constraints (exclusive ones are checked on commit)."""
    out = {}
    for m in field.metadata:
        if getattr(m, "ge", None) is not None:
            out["min_value"] = m.ge
        if getattr(m, "le", None) is not None:
            out["max_value"] = m.le
    return out


def _set_setting(name: str, key: str) -> None:
    state.commit(set_field(state.spec(), ("training", name), st.session_state[key]))


def _choice_help(name: str, field) -> str:
    table = CHOICE_HELP.get(name)
    if not table:
        return field.description or ""
    return (field.description or "") + "\n\n" + "\n".join(f"- **{k}**: {v.help}" for k, v in table.items())


def setting_ui(name: str, value, key: str, label: str | None = None) -> None:
    """The widget of one training setting (disabled when a teacher's link locks it)."""
    field = TrainingSpec.model_fields[name]
    base, optional = field.annotation, False
    if typing.get_origin(base) in (typing.Union, types.UnionType):  # X | None: an optional setting
        optional = type(None) in typing.get_args(base)
        base = next(a for a in typing.get_args(base) if a is not type(None))
    kw = dict(key=key, help=_choice_help(name, field), on_change=_set_setting, args=(name, key),
              disabled=state.control(f"training.{name}") == "locked")
    label = label or LABELS.get(name, name.replace("_", " "))
    if typing.get_origin(base) is typing.Literal:
        options = ([None] if optional else []) + list(typing.get_args(base))
        st.selectbox(label, options, index=options.index(value) if value in options else 0,
                     format_func=lambda o: "auto (from the task)" if o is None else o, **kw)
    elif base is bool:
        st.toggle(label, value=bool(value), **kw)
    elif base is float:
        st.number_input(label, value=None if value is None else float(value), step=float_step(value), format="%g",
                        placeholder="off", **{k: float(v) for k, v in _bounds(field).items()}, **kw)
    else:
        st.number_input(label, value=None if value is None else int(value), step=1, placeholder="off",
                        **{k: int(v) for k, v in _bounds(field).items()}, **kw)


def training_values(spec: dict) -> dict:
    return {**TrainingSpec().model_dump(), **(spec.get("training") or {})}


def settings_grid(spec: dict, names, columns: int, prefix: str) -> None:
    """The named settings, `columns` per row (those a teacher's link hides left out)."""
    values, rev = training_values(spec), state.session().rev
    names = [n for n in names if state.control(f"training.{n}") != "hidden"]
    for start in range(0, len(names), columns):
        for col, name in zip(st.columns(columns), names[start:start + columns]):
            with col:
                setting_ui(name, values.get(name), f"{prefix}{rev}.{name}")


def other_settings() -> list[str]:
    return [n for n in TrainingSpec.model_fields if n not in MAIN]
