"""A sample of one's own, followed on the Explain tab instead of a validation sample: an image given in the browser
(for a network trained on images), a table's row with values changed ("What if…", for a network trained on a
table), or a text typed in (for a text classifier). Each is then traced, predicted and explained exactly as a
validation sample is."""
from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

import numpy as np
import streamlit as st
import torch

from ..errors import DataError
from ..sandbox import bounded, read_own_image
from ..settings import settings
from ..tables import DATE_PARTS, FLOAT32_MAX, Table
from ..uploads import IMAGE_FORMATS, IMAGE_KINDS, IMAGE_MODES
from ..uploads.image_zip import image_scale, images_read_as
from . import state
from .looks import Looked
from .text import plain

EPOCH = datetime.date(1970, 1, 1)  # a date's "days" part counts from it (tables.DATE_PARTS)


def _day(days: float) -> datetime.date:
    """The calendar day a date's "days" part falls on (its fraction is the time of day)."""
    return EPOCH + datetime.timedelta(days=int(np.floor(days)))
ROW_COLUMNS = 40  # "What if…" offers the first this many columns of a table; the others keep the sample's values


@dataclass(frozen=True)
class OwnSample:
    """What is followed instead of a validation sample."""

    key: str  # what it was made from: an image's digest and how it was read, a row's values
    what: str  # how the page names it (Markdown, its user text escaped)
    x: torch.Tensor | None  # the raw sample, as the dataset holds one; None: refused
    refused: str | None = None  # why the image given was refused
    kind: str = "image"  # "image", "row" or "text"


# ---- what a network can be given -------------------------------------------------------------------------

def image_reading(looked: Looked) -> tuple[tuple[int, int], str] | None:
    """How an image of one's own is read for the run's network: its (height, width) and colours (as the training
    images were; on their scale, `image_scale`), or None when the network was not trained on images (a table's
    pixel columns are a table's)."""
    dataset = looked.trainer.parts.dataset
    return images_read_as(dataset.sample_shape, dataset.dtype, dataset.table is not None)


def row_table(looked: Looked) -> Table | None:
    """The table a network's rows are made from, when its samples are such rows (not a table of pixels read as
    images): its columns are what "What if…" offers to change."""
    dataset = looked.trainer.parts.dataset
    table = dataset.table
    return table if table is not None and tuple(dataset.sample_shape) == (table.width,) else None


def text_encoder(looked: Looked):
    """The encoder a text classifier's texts were made into token ids with (a table's text column, a built-in set of
    texts), or None: not such a network (a language model's windows of a corpus are not texts of their own)."""
    dataset = looked.trainer.parts.dataset
    column = dataset.text
    if column is None or column.texts is None or tuple(dataset.sample_shape) != (column.encoder.seq_len,):
        return None
    return column.encoder


def own_sample(looked: Looked) -> OwnSample | None:
    """The sample of one's own being followed; None when there is none (or it does not fit this run's network)."""
    own = state.session().explain_own
    if own is None or own.x is None:
        return None
    fits = {"image": image_reading, "row": row_table, "text": text_encoder}[own.kind](looked)
    return own if fits is not None and own.x.numel() == int(np.prod(looked.trainer.parts.dataset.sample_shape)) \
        else None


def back_to_validation() -> None:
    ss = state.session()
    ss.explain_own, ss.explain_own_nonce = None, ss.explain_own_nonce + 1  # a new image picker: empty


# ---- the pickers ------------------------------------------------------------------------------------------

def pickers_ui(looked: Looked, x: torch.Tensor | None, where: str) -> str | None:
    """What the network can be given instead of the sample shown (`x`, raw): that row with values changed, a text
    of one's own, or an image of one's own, as the network reads each. Returns why an image given was refused (for
    the caller to say below its row)."""
    if row_table(looked) is not None and x is not None:
        what_if_ui(looked, x, where)
    if text_encoder(looked) is not None:
        text_picker_ui(looked, where)
    return image_picker_ui(looked)


TEXT_CHARS = 2_000  # the longest text of one's own the page takes (a network reads seq_len tokens of it)


def text_picker_ui(looked: Looked, where: str) -> None:
    """For a text classifier: a text of one's own, tokenised with the run's vocabulary, followed instead."""
    encoder = text_encoder(looked)
    with st.popover("Your own text", icon=":material/edit_note:",
                    help="Follow a text of your own through the network: which words does its answer rest on?"):
        with st.form(f"explain_text_{where}", border=False):
            text = st.text_area(f"A text, split into {encoder.kind} as the training texts were (the first "
                                f"{encoder.seq_len} kept)", max_chars=TEXT_CHARS, key=f"explain_text_{where}_area")
            follow = st.form_submit_button("Follow this text", icon=":material/arrow_forward:")
    if follow and text.strip():
        encoded = encoder.encode([text])
        shown = " ".join(text.split())
        what = f"your text “{plain(shown[:60])}{'…' if len(shown) > 60 else ''}”"
        if encoded.unknown:
            what += f" ({encoded.unknown} of its {encoded.tokens} tokens new to the network)"
        state.session().explain_own = OwnSample(f"text:{hashlib.sha256(text.encode()).hexdigest()}", what,
                                                encoded.ids[0], kind="text")
        st.rerun()


def image_picker_ui(looked: Looked) -> str | None:
    """For a network that takes images: a popover to give an image of one's own, followed instead of the
    validation samples. Returns why the image given was refused, if it was."""
    reading = image_reading(looked)
    if reading is None:
        return None
    (height, width), mode = reading
    ss = state.session()
    with st.popover("Your own image", icon=":material/add_photo_alternate:",
                    help="Follow an image of your own through the network: why does it get the answer it gets?"):
        upload = st.file_uploader(f"An image ({IMAGE_KINDS}), read as the training images were: resized to "
                                  f"{height}×{width}, {IMAGE_MODES[mode]}", type=sorted(s[1:] for s in IMAGE_FORMATS),
                                  key=f"explain_own_{ss.explain_own_nonce}", max_upload_size=settings().max_upload_mb)
    own = ss.explain_own if ss.explain_own is not None and ss.explain_own.kind == "image" else None
    if upload is None:
        if own is not None:  # emptied with its ×: the validation samples again
            ss.explain_own = None
            if own.x is not None:
                st.rerun()
        return None
    data = upload.getvalue()
    mean = looked.trainer.parts.normalizer.x_mean
    scale = image_scale(None if mean is None else mean.detach().cpu().numpy())  # the training images' scale
    key = f"{hashlib.sha256(data).hexdigest()}:{height}x{width}:{mode}:{scale:g}"
    if own is None or own.key != key:
        what = f"your image **{plain(upload.name)}**"
        try:  # read in a bounded check process, as every upload is: a hostile file cannot stall or flood the server
            read = bounded(read_own_image, upload.name, data, (height, width), mode, what=upload.name)
            ss.explain_own = own = OwnSample(key, what, read.state["x"] * scale)
        except DataError as e:  # kept too: the same file is not read again at every run
            ss.explain_own = own = OwnSample(key, what, None, str(e))
        if own.x is not None:
            st.rerun()  # what this run drew above the picker was the sample before
    return own.refused


def what_if_ui(looked: Looked, x: torch.Tensor, where: str) -> None:
    """A popover with the row's values, one field per column (a number, a category, a date), to change and follow
    again: what would the network say of this passenger ten years older?"""
    table = row_table(looked)
    values = np.asarray(x.detach().cpu(), dtype=np.float64).reshape(-1)
    digest = hashlib.sha256(values.tobytes()).hexdigest()[:12]  # the fields start at this row's values
    with st.popover("What if…", icon=":material/tune:", help="Change this sample's values and follow it again"):
        with st.form(f"explain_row_{where}_{digest}", border=False):
            edited, at = values.copy(), 0
            for k, column in enumerate(table.columns):
                part = values[at:at + column.width]
                if k < ROW_COLUMNS:
                    edited[at:at + column.width] = _field(column, part, f"explain_row_{digest}_{k}")
                at += column.width
            if len(table.columns) > ROW_COLUMNS:
                st.caption(f"The other {len(table.columns) - ROW_COLUMNS:,} columns keep this sample's values.")
            follow = st.form_submit_button("Follow this row", icon=":material/arrow_forward:")
    if follow:
        changes = [change for column, change in zip(table.columns, _changes(table, values, edited)) if change]
        what = "your row: " + ("; ".join(changes[:4]) + (f"; {len(changes) - 4} more" if len(changes) > 4 else "")
                               if changes else "the sample unchanged")
        row = torch.tensor(edited, dtype=torch.float32)
        state.session().explain_own = OwnSample(f"row:{hashlib.sha256(edited.tobytes()).hexdigest()}", what, row,
                                                kind="row")
        st.rerun()


def _field(column, part: np.ndarray, key: str) -> np.ndarray:
    """One column's field, starting at the row's value; returns its features as the network reads them."""
    label = plain(column.name)
    if column.categories is not None:
        known = np.isfinite(part).all()
        chosen = st.selectbox(label, range(len(column.categories)), index=int(np.argmax(part)) if known else None,
                              format_func=lambda c: plain(column.categories[c]), key=key, placeholder="(missing)")
        return np.eye(len(column.categories))[chosen] if chosen is not None else part
    if not column.dates:
        value = st.number_input(label, -FLOAT32_MAX, FLOAT32_MAX, float(part[0]) if np.isfinite(part[0]) else None,
                                format="%g", key=key, placeholder="(missing)")  # a value float32 holds
        return np.array([value if value is not None else np.nan])
    found = {p: float(v) if np.isfinite(v) else 0.0 for p, v in zip(column.parts, part)}
    hour = found.get("hour")
    if column.dates == "time":
        picked = st.number_input(f"{label} ({DATE_PARTS['hour']})", 0.0, 24.0, float(hour), format="%g", key=key)
        return np.array([picked])
    day = _day(found["days"])
    c1, c2 = st.columns(2) if hour is not None else (st.container(), None)
    date = c1.date_input(label, day, min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31), key=key)
    hours = c2.number_input(f"{label}: hour", 0.0, 24.0, float(hour), format="%g", key=f"{key}_h") \
        if c2 is not None else 0.0
    days = (date - EPOCH).days
    made = {"days": days + hours / 24, "month": date.month, "weekday": date.weekday(), "hour": hours}
    return np.array([made[p] for p in column.parts])


def _changes(table: Table, before: np.ndarray, after: np.ndarray) -> list[str]:
    """Per column, what changed from the row to the edited row, in words ("" where nothing did)."""
    out, at = [], 0
    for column in table.columns:
        old, new = before[at:at + column.width], after[at:at + column.width]
        at += column.width
        if np.array_equal(old, new, equal_nan=True):
            out.append("")
        elif column.categories is not None:
            said = [plain(column.categories[int(np.argmax(v))]) if np.isfinite(v).all() else "(missing)"
                    for v in (old, new)]
            out.append(f"**{plain(column.name)}** {said[0]} → {said[1]}")
        elif column.dates and column.dates != "time":
            days = [_day(v[0]).isoformat() if np.isfinite(v[0]) else "(missing)" for v in (old, new)]
            out.append(f"**{plain(column.name)}** {days[0]} → {days[1]}")
        else:
            out.append(f"**{plain(column.name)}** {old[0]:g} → {new[0]:g}")
    return out


def own_controls_ui(looked: Looked, own: OwnSample) -> None:
    """While a sample of one's own is followed: the way back to the validation samples, what it is, and another
    (another image, or this row changed again)."""
    with st.container(horizontal=True, vertical_alignment="center", key="explain_own_controls"):
        st.button("Validation samples", key="explain_back", on_click=back_to_validation,
                  icon=":material/arrow_back:", help="Follow the validation samples again")
        st.caption({"image": "read as the training images were", "row": "change it again: What if…",
                    "text": "tokenised with the training texts' vocabulary"}[own.kind])
        refused = pickers_ui(looked, own.x, "own")
    if refused:
        st.error(plain(refused))
