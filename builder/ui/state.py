"""One browser session's state: the spec being edited (a plain netbuilder/1 dict), its undo history, the
session key in the URL, and the share link kept in the URL as the spec changes."""
from __future__ import annotations

import json
import re
import secrets

import streamlit as st

from ..errors import SpecErrors
from ..graph import CheckedSpec, check_spec
from ..jobs import JOBS
from ..share import ShareLinkError, decode_setup, encode_setup
from ..spec import parse_spec
from ..summary import Summary, summarize
from .edits import History, default_spec

SID_PARAM = "sid"  # the session key: a reload finds the session's running job with it
SHARE_PARAM = "s"  # the setup, compressed (builder.share)
_SID_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def init() -> None:
    """Set up this session's state on its first run (a no-op afterwards)."""
    ss = st.session_state
    ss.setdefault("sid", _session_key())
    ss.setdefault("notices", [])
    if "spec" not in ss:
        ss.spec = _initial_spec(ss.sid)
    ss.setdefault("history", History())
    ss.setdefault("rev", 0)  # bumped when the whole spec is replaced, so every form re-reads it
    ss.setdefault("selected", ss.spec["layers"][-1]["id"])
    ss.setdefault("field_errors", {})
    ss.setdefault("dnd_version", 0)


def _session_key() -> str:
    sid = st.query_params.get(SID_PARAM, "")
    if not _SID_PATTERN.fullmatch(sid):
        sid = secrets.token_urlsafe(18)
        st.query_params[SID_PARAM] = sid
    return sid


def _initial_spec(sid: str) -> dict:
    """A shared setup from the URL, else the spec of this session's last run (after a reload), else the default."""
    link = st.query_params.get(SHARE_PARAM)
    if link:
        try:
            return decode_setup(link)
        except ShareLinkError as e:
            notify("error", f"Could not open the shared setup: {e}. Showing the default network instead.")
            return default_spec()
    jobs = JOBS.jobs_for(sid)
    if jobs and isinstance(jobs[-1].meta.get("spec"), dict):
        return json.loads(json.dumps(jobs[-1].meta["spec"]))
    return default_spec()


def notify(kind: str, text: str) -> None:
    """A message shown once at the top of the next page run (kind: error, warning, success, info)."""
    st.session_state.setdefault("notices", []).append((kind, text))


def show_notices() -> None:
    for kind, text in st.session_state.get("notices", []):
        getattr(st, kind)(text)
    st.session_state.notices = []


def spec() -> dict:
    return st.session_state.spec


def spec_key(spec_dict: dict) -> str:
    return json.dumps(spec_dict, sort_keys=True, separators=(",", ":"))


@st.cache_resource(max_entries=256, show_spinner=False)
def checked_for(key: str) -> CheckedSpec:
    """A spec (given as its `spec_key`) checked; cached by content and shared read-only across sessions."""
    return check_spec(json.loads(key))


@st.cache_resource(max_entries=256, show_spinner=False)
def _summary(key: str) -> Summary | None:
    checked = checked_for(key)
    return summarize(checked) if checked.ok else None


def checked() -> CheckedSpec:
    """The current spec, checked."""
    return checked_for(spec_key(spec()))


def summary() -> Summary | None:
    """The current spec's summary, or None while it has errors."""
    return _summary(spec_key(spec()))


def commit(new: dict, *, reload_forms: bool = False) -> bool:
    """Make `new` the current spec, remembering the old one for undo.

    A spec whose structure is broken (pydantic would reject it) is refused with a notice, so the page
    always holds a spec that could be saved and opened again.
    """
    try:
        parse_spec(new)
    except SpecErrors as e:
        notify("error", "That change was not applied: " + "; ".join(str(err) for err in e.errors))
        reload()  # the widget that made the change shows the spec's value again
        return False
    ss = st.session_state
    ss.history.record(ss.spec)
    ss.spec = new
    if reload_forms:
        reload()
    return True


def reload() -> None:
    """Widgets re-read the spec (after undo, redo, a preset or a drag)."""
    st.session_state.rev += 1
    st.session_state.dnd_version += 1
    st.session_state.field_errors = {}


def load(new: dict, what: str) -> bool:
    """Replace the whole setup (a preset, an upload); undo brings the old one back."""
    if not commit(new, reload_forms=True):
        return False
    st.session_state.selected = new["layers"][-1]["id"]
    notify("success", f"Loaded {what}. Undo brings back the previous network.")
    return True


def undo() -> None:
    ss = st.session_state
    previous = ss.history.undo(ss.spec)
    if previous is not None:
        ss.spec = previous
        reload()


def redo() -> None:
    ss = st.session_state
    following = ss.history.redo(ss.spec)
    if following is not None:
        ss.spec = following
        reload()


def share_link(spec_dict: dict | None = None) -> str | None:
    """The share string for the spec, or None when it is too large for a link."""
    try:
        return encode_setup(spec_dict or spec())
    except (ShareLinkError, SpecErrors):
        return None


def sync_url() -> None:
    """Keep the URL holding the current setup, so reloading or copying the address keeps it."""
    link = share_link()
    if st.query_params.get(SHARE_PARAM) != link:
        if link:
            st.query_params[SHARE_PARAM] = link
        elif SHARE_PARAM in st.query_params:
            del st.query_params[SHARE_PARAM]


def remembered(widget, label: str, key: str, default, **kw):
    """A widget whose value survives page switches.

    Streamlit forgets a widget's state on any run that does not draw it (the other tabs); the value lives
    under `key`, and the widget under a private key mirrors it.
    """
    ss = st.session_state
    ss.setdefault(key, default)
    ss[f"_{key}"] = ss[key]
    return widget(label, key=f"_{key}", on_change=_remember, args=(key,), **kw)


def _remember(key: str) -> None:
    st.session_state[key] = st.session_state[f"_{key}"]
