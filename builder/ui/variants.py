"""Try variants (the Explain tab): up to three changes of the setup on screen, each one a variant, trained beside it
from the same initial weights (every layer they share) in the same batch order (builder.variants), so that what
differs between their curves is the change alone. The comparison overlays the curves, sets the runs' decision
boundaries (or confusion matrices) side by side, says what each variant changed and which layers started alike,
downloads as one figure, and travels in the page's address (`?v=`, beside the setup's `?s=`)."""
from __future__ import annotations

import copy
import json

import streamlit as st

from .. import figures
from ..datasets import DATASETS, dataset_options
from ..errors import DataError, SpecErrors
from ..recipes import OPTIMIZERS
from ..registry import REGISTRY
from ..spec import NotJSON, decode_json, parse_sent_spec
from ..checker import check_spec
from ..variants import MAX_VARIANTS, Comparison
from . import state
from .canvas import canvas_ui
from .text import plain
from .widgets import VIEW_FIGURES, view_figure

BASE_LABEL = "as it is"
PENDING_LABEL = "the variant"  # the change in the form, trained at once when no variant was added
CHART = {"displayModeBar": False}
ACTIVATIONS = [t.name for t in REGISTRY.values() if t.category == "Activation" and t.name not in ("Softmax",
                                                                                                  "LogSoftmax")]
DROPOUTS = {t.name for t in REGISTRY.values() if t.category == "Regularisation"}


# ---- one change of the setup: each kind draws its inputs and edits a copy of the spec ------------------------

def _training(new: dict) -> dict:
    return new.setdefault("training", {})


def _learning_rate(new: dict, col) -> str:
    lr = float(_training(new).get("lr", 0.01))
    value = col.number_input("Learning rate", 1e-6, 10.0, min(lr * 10, 10.0), format="%g", key="variant_lr")
    _training(new)["lr"] = float(value)
    return f"lr {value:g}"


def _optimizer(new: dict, col) -> str:
    names = [o for o in OPTIMIZERS if o != _training(new).get("optimizer", "adam")]
    _training(new)["optimizer"] = col.selectbox("Optimizer", names, key="variant_optimizer")
    return _training(new)["optimizer"]


def _batch_size(new: dict, col) -> str:
    size = int(_training(new).get("batch_size", 32))
    value = int(col.number_input("Batch size", 1, 65536, max(1, size // 4), key="variant_batch"))
    _training(new)["batch_size"] = value
    return f"batch {value}"


def _layers_of(new: dict, types) -> dict[str, dict]:
    """The layers (not the output layer) of these types, by id."""
    return {layer["id"]: layer for layer in new["layers"][:-1] if layer["type"] in types}


def _width(new: dict, col) -> str:
    lid = col.selectbox("Layer", list(_layers_of(new, {"Linear"})), key="variant_layer", format_func=plain)
    params = _layers_of(new, {"Linear"})[lid].setdefault("params", {})
    params["out_features"] = int(col.number_input("Units", 1, 4096, int(params.get("out_features", 8)) * 2,
                                                  key="variant_width"))
    return f"{lid}: {params['out_features']} units"


def _activation(new: dict, col) -> str:
    found = _layers_of(new, set(ACTIVATIONS))
    lid = col.selectbox("Layer", list(found), key="variant_act_layer", format_func=plain)
    found[lid]["type"] = col.selectbox("Activation", [a for a in ACTIVATIONS if a != found[lid]["type"]],
                                       key="variant_activation")
    found[lid].pop("params", None)  # the new type's defaults: another activation's settings may not apply
    return f"{lid}: {found[lid]['type']}"


def _dropout(new: dict, col) -> str:
    found = _layers_of(new, DROPOUTS)
    lid = col.selectbox("Layer", list(found), key="variant_drop_layer", format_func=plain)
    params = found[lid].setdefault("params", {})
    params["p"] = float(col.slider("Dropout rate", 0.0, 0.9, 0.0 if params.get("p", 0.5) else 0.5, 0.05,
                                   key="variant_dropout"))
    return f"{lid}: dropout {params['p']:g}"


def _weight_decay(new: dict, col) -> str:
    value = col.number_input("Weight decay (L2)", 0.0, 1.0, 1e-3 if not _training(new).get("weight_decay") else 0.0,
                             format="%g", key="variant_l2")
    _training(new)["weight_decay"] = float(value)
    return f"L2 {value:g}"


def _noise(new: dict, col) -> str:
    data = new.setdefault("data", {})
    default = {**dataset_options(data["dataset"]), **(data.get("options") or {})}["noise"]
    value = col.slider("Data noise", 0.0, 1.0, min(1.0, float(default) * 2 or 0.2), 0.05, key="variant_noise")
    data["options"] = {**(data.get("options") or {}), "noise": float(value)}
    return f"noise {value:g}"


def _has_noise(spec: dict) -> bool:
    name = (spec.get("data") or {}).get("dataset")
    return name in DATASETS and "noise" in dataset_options(name)


def _anything(new: dict, col) -> str | None:
    """The whole variant as JSON, for a change the other kinds do not offer (a layer added or removed, ...)."""
    text = col.text_area("The variant's spec (JSON)", json.dumps(new, indent=1), height=220, key="variant_json")
    try:
        edited = parse_sent_spec(decode_json(text)).model_dump(mode="json", exclude_none=True, exclude_unset=True)
    except NotJSON as e:
        col.error(plain(f"Not JSON: {e}"))
        return None
    except SpecErrors as e:
        col.error(plain("Not a valid spec: " + "; ".join(str(err) for err in e.errors)))
        return None
    new.clear()
    new.update(edited)
    return "edited spec"


CHANGES = {  # a change of the setup -> (is it on offer for this spec, what draws it and edits the copy)
    "learning rate": (lambda s: True, _learning_rate),
    "optimizer": (lambda s: True, _optimizer),
    "batch size": (lambda s: True, _batch_size),
    "width of a dense layer": (lambda s: bool(_layers_of(s, {"Linear"})), _width),
    "an activation": (lambda s: bool(_layers_of(s, set(ACTIVATIONS))), _activation),
    "a dropout rate": (lambda s: bool(_layers_of(s, DROPOUTS)), _dropout),
    "weight decay (L2)": (lambda s: True, _weight_decay),
    "data noise": (_has_noise, _noise),
    "anything (edit the JSON)": (lambda s: True, _anything),
}


# ---- the variants kept in the session (and the address) ---------------------------------------------------

def _variants() -> list[dict]:
    return state.session().variants


def _add(label: str, spec: dict) -> None:
    taken = {BASE_LABEL, *(v["label"] for v in _variants())}
    name, n = label, 2
    while name in taken:
        name, n = f"{label} ({n})", n + 1
    _variants().append({"label": name, "spec": spec})


def _remove(i: int) -> None:
    del _variants()[i]


def _clear() -> None:
    _variants().clear()


def variant_form_ui(spec: dict) -> tuple[str | None, dict]:
    """Choose one change; "Add variant" keeps it (up to MAX_VARIANTS - 1 beside the setup). Returns the change
    as it stands in the form: its label (None: it does not parse) and the variant's spec."""
    new = copy.deepcopy(spec)
    offered = [name for name, (offer, _) in CHANGES.items() if offer(spec)]
    c1, c2 = st.columns([1, 2])
    kind = c1.selectbox("Change one thing", offered, key="variant_change")
    label = CHANGES[kind][1](new, c2)
    full = len(_variants()) >= MAX_VARIANTS - 1
    st.button("Add variant", key="variant_add", on_click=_add, args=(label, new), icon=":material/add:",
              disabled=full or label is None or new == spec,
              help=f"at most {MAX_VARIANTS - 1} variants beside the setup" if full else
              "the variant is the setup with this change; add up to three, each with one change")
    return label, new


def variants_list_ui() -> None:
    for i, v in enumerate(_variants()):
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(f"**{plain(v['label'])}**")
            st.button("Remove", key=f"variant_remove_{i}", on_click=_remove, args=(i,), icon=":material/close:",
                      type="tertiary")


def start_variants(spec: dict, pending: dict, epochs: int) -> None:
    """Train the setup and its variants side by side, from the same initial weights and in the same batch order;
    with no variant added, the one in the form (`pending`)."""
    ss = state.session()
    if ss.explain_compare is not None:
        ss.explain_compare.stop()
    dataset, error = state.current_dataset()
    if dataset is None:
        state.notify("error", f"Cannot train: {error or 'no dataset'}")
        return
    variants = _variants() or [{"label": PENDING_LABEL, "spec": pending}]
    labels = [BASE_LABEL, *(v["label"] for v in variants)]
    try:
        ss.explain_compare = Comparison.from_specs([spec, *(v["spec"] for v in variants)], dataset=dataset,
                                                   labels=labels, telemetry=True, epochs=epochs).start()
    except (SpecErrors, DataError, ValueError) as e:
        state.notify("error", f"The variants were not trained: {e}")


def variants_ui() -> None:
    spec = state.spec()
    st.caption("Change one thing and train the variant beside the setup from the same initial weights (every layer "
               "they share) and in the same batch order: what differs between the curves is the change alone. Add up "
               "to three variants to train them all side by side; the page's address carries them.")
    label, pending = variant_form_ui(spec)
    variants_list_ui()
    epochs = st.number_input("Epochs for each", 1, 500, min(int((spec.get("training") or {}).get("epochs", 30)), 30),
                             key="variant_epochs")
    n = len(_variants())
    comparison = state.session().explain_compare
    training = comparison is not None and not comparison.done  # a second click would start them all over
    with st.container(horizontal=True):
        st.button(f"Train {n + 1} side by side" if n else "Train both", key="variant_train", type="primary",
                  icon=":material/compare_arrows:", on_click=start_variants, args=(spec, pending, int(epochs)),
                  disabled=training or (not n and (label is None or pending == spec)),
                  help="They are training: stop them first, or wait for their end" if training else None)
        if training:
            st.button("Stop", key="variant_stop", on_click=comparison.stop, icon=":material/stop:")
        st.button("Clear the variants", key="variant_clear", on_click=_clear, disabled=not n, type="tertiary")
    if comparison is not None:
        st.fragment(comparison_ui, run_every=None if comparison.done else 1.0)(not comparison.done)


def _outputs(comparison: Comparison) -> list:
    """Each run's output picture, of the first kind every run has (VIEW_FIGURES' order), or of none."""
    dataset, _ = state.current_dataset()
    snaps = [v.trainer.log.snapshot() for v in comparison.variants]
    for name in VIEW_FIGURES:
        found = [view_figure(name, snap, dataset) for snap in snaps]
        if any(f is not None for f in found):
            return found
    return [None] * len(snaps)


def canvas_marks(variant: dict) -> dict[str, dict]:
    """What a variant changed, for the canvas: layer id -> {"kind": "added" | "changed", "text": its changes}."""
    return {lid: {"kind": kind, "text": "; ".join(line for line in variant["changes"] if f"'{lid}'" in line) or kind}
            for lid, kind in variant["marks"].items()}


def marked_canvas_ui(comparison: Comparison, runs: list[dict]) -> None:
    """A variant's network on a canvas of its own (read-only), with the layers it added or changed marked."""
    changed = [i for i, v in enumerate(runs) if i and (v["marks"] or v["removed"])]
    if not changed:
        return
    label = lambda j: runs[j]["label"]
    state.show_new_label("variant_canvas_pick", changed, label)  # another comparison's variants
    i = st.selectbox("A variant's network, its changes marked", changed, format_func=label, key="variant_canvas_pick")
    if i not in changed:
        return
    spec = comparison.variants[i].spec.model_dump(mode="json", exclude_none=True)
    if runs[i]["removed"]:
        st.caption(f"Removed from the setup: {plain(', '.join(runs[i]['removed']))}")
    canvas_ui(spec, check_spec(spec), height=420, key="variant_canvas", marks=canvas_marks(runs[i]))


def comparison_ui(live: bool) -> None:
    """The runs' status, what each variant changed, which layers started alike, the curves overlaid, and each
    run's decision boundary (or confusion matrix) side by side; the whole as one figure to download."""
    comparison = state.session().explain_compare
    found = comparison.to_dict()
    runs = found["variants"]
    st.markdown(" · ".join(f"**{plain(v['label'])}**: {plain(v['status'])}, epoch {len(v['history'])}" for v in runs))
    for v in runs[1:]:
        st.markdown(f"**{plain(v['label'])}** differs: " + ("; ".join(plain(line) for line in v["changes"])
                                                           or "in nothing"))
        st.caption(f"Same initial weights: {plain(', '.join(v['shared']) or 'none')}"
                   + (f" · initialised on their own: {plain(', '.join(v['own']))}" if v["own"] else ""))
    curves = [{"label": v["label"], "epochs": v["history"]} for v in runs]
    metric = next((k for k in ("val_acc", "val_r2") if any(k in r for r in runs[0]["history"])), None)
    keys = ["val_loss", *([metric] if metric else [])]
    for col, key, name in zip(st.columns(len(keys)), keys, ("variant_loss", "variant_metric")):
        with col:
            st.plotly_chart(figures.compare_figure(curves, key), key=name, config=CHART)
    outputs = _outputs(comparison)
    if any(f is not None for f in outputs):
        for i, (col, fig) in enumerate(zip(st.columns(len(outputs)), outputs)):
            if fig is not None:
                fig.update_layout(title=None, height=260, showlegend=False, margin=dict(l=4, r=4, t=24, b=4))
                col.caption(plain(runs[i]["label"]))
                col.plotly_chart(fig, key=f"variant_output_{i}", config=CHART)
    marked_canvas_ui(comparison, runs)
    if comparison.done:
        st.download_button("Download the comparison (one figure, HTML)", key="variant_download",
                           data=lambda: figures.comparison_figure(curves, keys, outputs).to_html(include_plotlyjs=True),
                           file_name="comparison.html", mime="text/html", on_click="ignore", icon=":material/download:")
    if live and comparison.done:  # redraw the page once, which stops this fragment's timer
        st.rerun()
