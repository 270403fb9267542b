"""Uploading a file and choosing how it is read: the Data tab and the Playground's "Upload" popover both draw
this. The files and the choices live in the session (state.py) until another file replaces them."""
from __future__ import annotations

import hashlib

import streamlit as st

from ..datasets import Dataset, corpus_steps
from ..errors import DataError
from ..settings import settings
from ..sandbox import bounded
from ..uploads import IMAGE_MODES, UPLOAD_FORMATS, one_of, parse_files
from ..tables import guess_columns
from ..uploads.common import warnings_in
from ..uploads.csv_file import csv_columns, csv_evidence
from . import state
from .edits import set_field
from .text import plain
from .widgets import GAPS_PROMPT

MISSING_WORDS = {None: "refuse (name the gaps)", "drop": "drop those rows",
                 "impute": "impute (fill from the training rows)"}  # the CLI's --missing words, explained


def _parse_upload(key: str, files: list[tuple[str, bytes]], options: dict) -> Dataset:
    """Parse the upload in a bounded check process (time and memory limits): a hostile file cannot stall or
    flood the server."""
    return bounded(parse_files, key, files, options, what=files[0][0])


def _files_ui(key: str, where: str) -> list[tuple[str, bytes]]:
    """One file picker per file the format takes (IDX: images and labels), offering its file name endings; the
    files newly given, as (name, bytes)."""
    fmt = UPLOAD_FORMATS[key]
    types = [s.lstrip(".") for s in fmt.suffixes]
    if len(fmt.parts) == 1:
        one = st.file_uploader(f"{fmt.title} (.{', .'.join(types)})", type=types, key=f"{where}up_{key}",
                               max_upload_size=settings().max_upload_mb)
        files = [one] if one is not None else []
    else:
        files = [col.file_uploader(f"{part.capitalize()} file", key=f"{where}up_{key}_{part}",
                                   max_upload_size=settings().max_upload_mb)
                 for col, part in zip(st.columns(len(fmt.parts)), fmt.parts)]
    return [(f.name, f.getvalue()) for f in files] if files and all(f is not None for f in files) else []


def default_options(key: str, files: list[tuple[str, bytes]]) -> dict:
    """A new upload's reader options: for a CSV, the target its columns suggest (by their names, or a column of
    labels beside a column of messages), and that text column when there is nothing else to learn from; for a
    language model's text, windows as long as the network's input."""
    if key == "corpus":
        steps = corpus_steps(state.spec())
        return {"steps": steps} if steps is not None else {}
    if "target" not in UPLOAD_FORMATS[key].options:
        return {}
    try:
        target, text = guess_columns(csv_evidence(files[0][1], files[0][0]))
    except DataError:  # said by the parser, with the rest of what is wrong
        target, text = None, None
    return {"target": target, "task": None, "missing": None, "ignore": [], **({"text": text} if text else {})}


UPLOADABLE = one_of(f.short for f in UPLOAD_FORMATS.values())  # what a person may upload, said in a few words
OPTION_KEYS = ("target", "task", "missing", "ignore", "mode", "text", "tokens", "seq_len")  # the option widgets' keys are up_<name>


def _choice(widget, label: str, name: str, options: list, **kw):
    """A widget over one of the upload's options. Its value lives in the session (`upload_options`), which
    outlives the widget: Streamlit forgets a widget's state on every run of another tab."""
    chosen, key, ss = state.session().upload_options, f"up_{name}", st.session_state
    if key in ss and ss[key] in options:  # the person's latest choice
        chosen[name] = ss[key]
    if name not in chosen or chosen[name] not in options:
        chosen[name] = options[0] if options else None
    if chosen[name] is None:  # Streamlit reads None in a widget's state as "nothing chosen": the option None is
        state.reset_widgets(key)  # chosen by the index instead
    else:
        ss[key] = chosen[name]
    index = options.index(None) if chosen[name] is None and None in options else (0 if options else None)
    chosen[name] = widget(label, options, index=index, key=key, **kw)


def _leave_out(columns: list[str]) -> None:
    chosen, ss = state.session().upload_options, st.session_state
    offered = [c for c in columns if c != chosen.get("target")]
    picked = ss["up_ignore"] if "up_ignore" in ss else chosen.get("ignore") or []
    ss["up_ignore"] = chosen["ignore"] = [c for c in picked if c in offered]
    chosen["ignore"] = st.multiselect(
        "Leave out", offered, key="up_ignore", placeholder="columns not to learn from, such as an id",
        help="Text columns with more distinct values than can be one-hot encoded (names, tickets, free text) are left "
             "out by themselves; the summary names them")


def _upload_options(key: str, files: list[tuple[str, bytes]]) -> None:
    """The widgets for the options the format's reader takes; the choices live in the session."""
    options, chosen = UPLOAD_FORMATS[key].options, state.session().upload_options
    if "target" in options:
        try:
            columns = csv_columns(files[0][1], files[0][0])
        except DataError:  # said by the parser below, with the rest of what is wrong
            columns = []
        _choice(st.radio, "Missing values", "missing", [None, "impute", "drop"], horizontal=True,
                format_func=MISSING_WORDS.get,
                help="impute: the training rows' median for numbers, the most frequent value for text; the same "
                     "values fill gaps when the trained model predicts")
        c1, c2 = st.columns(2)
        with c1:
            _choice(st.selectbox, "Target column", "target", columns)
        with c2:
            _choice(st.selectbox, "Task", "task", [None, "classification", "regression", "reconstruction"],
                    format_func=lambda t: t or "decide from the target")
        _leave_out(columns)
        _text_options([c for c in columns if c != chosen.get("target")])
    elif "size" in options:
        c1, c2 = st.columns(2)
        size = c1.number_input("Resize images to (pixels)", 4, 256, int((chosen.get("size") or (28,))[0]),
                               key="up_size")
        chosen["size"] = (int(size), int(size))
        with c2:
            _choice(st.selectbox, "Colour", "mode", list(IMAGE_MODES), format_func=IMAGE_MODES.get)


def _text_options(columns: list[str]) -> None:
    """A text column to learn from (reviews, messages), how to split it into tokens, and how many tokens per text."""
    chosen = state.session().upload_options
    c1, c2, c3 = st.columns(3)
    with c1:
        _choice(st.selectbox, "Text column", "text", [None, *columns],
                format_func=lambda c: "none (a table of features)" if c is None else c,
                help="Learn from this column's text alone: its words (or characters, or subwords) become token ids, "
                     "with a vocabulary learnt from the training rows only")
    if chosen.get("text") is None:
        for name in ("text", "tokens", "seq_len"):
            chosen.pop(name, None)
        return
    with c2:
        _choice(st.selectbox, "Tokens", "tokens", ["words", "chars", "subwords"],
                help="subwords: pieces of words learnt from the training rows (byte-pair encoding)")
    with c3:
        length = st.number_input("Tokens per text (0: the 95th percentile)", 0, 1024, int(chosen.get("seq_len") or 0),
                                 key="up_seq_len", help="Longer texts are cut, shorter ones padded")
    chosen["seq_len"] = int(length) or None


def _parse(kind: str, files: list[tuple[str, bytes]], options: dict) -> None:
    """Read the upload (once per files and options); a table whose only fault is its gaps is not refused: the
    person is asked how to fill them."""
    ss = state.session()
    try:
        ss.upload, ss.upload_error = _parse_upload(kind, files, options), None
    except DataError as e:
        ss.upload, ss.upload_error = None, str(e)
        if options.get("missing") is None and "target" in options and _parses_with_gaps_filled(kind, files, options):
            ss.upload_error = GAPS_PROMPT + str(e)
    except Exception as e:  # a parser bug must still read as a message, never a traceback
        ss.upload = None
        ss.upload_error = f"{files[0][0]}: could not be read ({type(e).__name__}: {e})"
    if ss.upload is not None:
        name_after_upload(ss.upload.name)


def _parses_with_gaps_filled(kind: str, files, options: dict) -> bool:
    try:
        _parse_upload(kind, files, {**options, "missing": "impute"})
        return True
    except Exception:
        return False


def name_after_upload(file_name: str) -> None:
    """A network trained on an upload is named after it (one undoable edit), not after the preset it began as."""
    stem = file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0][:60] or "uploaded data"
    if stem not in state.spec().get("name", ""):
        state.commit(set_field(state.spec(), ("name",), f"{stem} network"))


def upload_ui(where: str = "") -> None:
    """Upload a file and choose how it is read. The files and the choices live in the session until another
    file replaces them, so leaving the tab loses nothing. `where`: a key prefix (the Playground's popover)."""
    ss = state.session()
    if not ss.upload_files and ss.upload_kind == ss.upload_kind_offered:  # no file, no type chosen by the person
        # a language model's network: a text of one's own is what it learns from; other networks, a table
        ss.upload_kind = ss.upload_kind_offered = "corpus" if corpus_steps(state.spec()) is not None else "csv"
    kind = state.remembered(st.selectbox, "File type", "upload_kind", options=list(UPLOAD_FORMATS),
                            format_func=lambda key: UPLOAD_FORMATS[key].title)
    st.caption(UPLOAD_FORMATS[kind].help + " Uploaded data stays in this browser session and is not part of share "
                                           "links.")
    given = _files_ui(kind, where)
    if given and given != ss.upload_files:  # a new file: its own defaults, not the last file's choices
        ss.upload_files, ss.upload_options, ss.upload_digest = given, default_options(kind, given), None
        ss.data_source = state.UPLOAD
        state.reset_widgets(*(f"up_{name}" for name in OPTION_KEYS))
    files = ss.upload_files
    if not files:
        return
    if not given:
        st.caption(plain(f"In use: {', '.join(n for n, _ in files)} (kept for this session; upload another file "
                         "to replace it)"))
    _upload_options(kind, files)
    digest = hashlib.sha256(b"".join(hashlib.sha256(b).digest() for _, b in files)
                            + repr((kind, sorted(ss.upload_options.items(), key=str))).encode()).hexdigest()
    if ss.upload_digest != digest:
        ss.upload_digest = digest
        _parse(kind, files, dict(ss.upload_options))
        st.rerun()  # what this run drew before the popover (the data choice, the fit check, the network) was the old data
    if ss.upload_error and ss.upload_error.startswith(GAPS_PROMPT):
        st.warning(plain(ss.upload_error), icon=":material/help:")
    elif ss.upload_error:
        st.error(plain(ss.upload_error))
    elif ss.upload is not None:
        said, warnings = warnings_in(ss.upload.description)
        st.success(plain(said))
        for warning in warnings:
            st.warning(plain(warning))
