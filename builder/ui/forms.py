"""Parameter forms generated from the layer registry: one widget per Param, chosen by its kind.

Each widget writes back through an on_change callback, so the page that follows already shows the edit,
checked. A value the widget cannot show (e.g. out of range in an uploaded spec) falls back to a text field.
"""
from __future__ import annotations

import json
import math

import streamlit as st

from ..registry import Param
from ..spec import NotJSON, decode_json
from . import state
from .edits import format_value, parse_ints, set_param
from .text import plain


def _key(layer_id: str, name: str) -> str:
    return f"f{state.session().rev}.{layer_id}.{name}"


def _on_change(layer_id: str, param: Param, key: str) -> None:
    raw = st.session_state[key]
    try:
        value = CONVERT[param.kind](param, raw)
    except ValueError as e:
        state.session().field_errors[key] = str(e)
        return
    state.session().field_errors.pop(key, None)
    state.commit(set_param(state.spec(), layer_id, param.name, value))


# ---- converting what a widget holds into a spec value ------------------------------------------

def _from_text(param: Param, raw):
    """Text fields: sizes, shapes, padding, and the fallback for any value a typed widget cannot hold."""
    if isinstance(raw, str):
        if raw.strip() == "" and not param.required:
            return None  # blank: the registry default applies
        if param.kind in ("size", "padding", "shape"):
            words = ("same", "valid") if param.kind == "padding" else ()
            return parse_ints(raw, param.name, words=words, as_list=param.kind == "shape")
        try:
            return decode_json(raw)
        except NotJSON:  # text, checked as the parameter's kind says
            return raw
    return raw


def _number(param: Param, raw):
    if isinstance(raw, str):
        return _from_text(param, raw)
    if raw is None:
        return None
    return int(raw) if param.kind in ("int", "optional_int") else float(raw)


CONVERT = {
    "int": _number, "optional_int": _number, "float": _number,
    "bool": lambda p, raw: bool(raw), "choice": lambda p, raw: raw,
    "size": _from_text, "padding": _from_text, "shape": _from_text,
}


# ---- widgets ------------------------------------------------------------------------------------

def _can_show(param: Param, value) -> bool:
    """Whether a number widget can show `value` (right type, inside the bounds)."""
    if value is None:
        return param.kind == "optional_int"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if param.kind != "float" and not isinstance(value, int):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return (param.min is None or value >= param.min) and (param.max is None or value <= param.max)


def _float_step(value) -> float:
    if not value:
        return 0.01
    return 10.0 ** (math.floor(math.log10(abs(value))) - 1)


def _number_widget(param: Param, value, **kw):
    if not _can_show(param, value):
        return _text_widget(param, value, **kw)
    if param.kind == "float":
        bounds = {"min_value": float(param.min) if param.min is not None else None,
                  "max_value": float(param.max) if param.max is not None else None}
        return st.number_input(value=float(value), step=_float_step(value), format="%g", **bounds, **kw)
    bounds = {"min_value": int(param.min) if param.min is not None else None,
              "max_value": int(param.max) if param.max is not None else None}
    return st.number_input(value=value, step=1, placeholder="blank: none", **bounds, **kw)


def _text_widget(param: Param, value, **kw):
    text = format_value(value) if param.kind in ("size", "padding", "shape") or value is None else json.dumps(value)
    return st.text_input(value=text, **kw)


def _bool_widget(param: Param, value, **kw):
    if not isinstance(value, bool):
        return _text_widget(param, value, **kw)
    return st.toggle(value=value, **kw)


def _choice_widget(param: Param, value, **kw):
    if value not in param.choices:
        return _text_widget(param, value, **kw)
    return st.selectbox(options=list(param.choices), index=list(param.choices).index(value), **kw)


WIDGETS = {
    "int": _number_widget, "optional_int": _number_widget, "float": _number_widget,
    "bool": _bool_widget, "choice": _choice_widget,
    "size": _text_widget, "padding": _text_widget, "shape": _text_widget,
}


def param_ui(layer_id: str, param: Param, value, disabled: bool = False) -> None:
    """One parameter's widget; its error (if the text could not be read) right under it."""
    key = _key(layer_id, param.name)
    label = param.name + ("" if not param.required else " *")
    help_text = param.help + (f" (default {format_value(param.default)})" if not param.required else " (required)")
    WIDGETS[param.kind](param, value, label=label, key=key, help=help_text,
                        on_change=_on_change, args=(layer_id, param, key), disabled=disabled)
    errors = state.session().field_errors
    if key in errors:
        st.error(plain(errors[key]))


def params_ui(layer: dict, ltype, disabled: bool = False) -> None:
    """The whole form for one layer: every registry parameter, two per row (`disabled`: shown, not editable)."""
    given = layer.get("params", {})
    params = list(ltype.params)
    for start in range(0, len(params), 2):
        for col, param in zip(st.columns(2), params[start:start + 2]):
            with col:
                value = given.get(param.name, None if param.required else param.default)
                param_ui(layer["id"], param, value, disabled)
