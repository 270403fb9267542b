"""One browser session's state: the spec being edited (a plain netbuilder/1 dict), its undo history, the session
key (from the server-signed cookie, never from the address bar), and the share link kept in the URL."""
from __future__ import annotations

import json
import secrets
import traceback

import streamlit as st

from ..checker import CheckedSpec, check_spec
from ..errors import DataError
from ..sandbox import CheckLimitError, bounded, check_spec_dict
from ..errors import SpecErrors
from ..jobs import JOBS
from ..sessions import COOKIE, server_secret, verify
from ..settings import settings
from ..share import ShareLinkError, decode_setup, encode_setup
from ..spec import parse_spec
from ..summary import Summary, summarize
from .edits import History, default_spec

SHARE_PARAM = "s"  # the setup, compressed (builder.share)
OLD_SESSION_PARAM = "sid"  # an address from before session cookies: ignored and taken out of the address bar


def init() -> None:
    """Set up this session's state on its first run (a no-op afterwards)."""
    ss = st.session_state
    ss.setdefault("sid", session_key())
    ss.setdefault("notices", [])
    if "spec" not in ss:
        ss.spec = _initial_spec(ss.sid)
    ss.setdefault("history", History())
    ss.setdefault("rev", 0)  # bumped when the whole spec is replaced, so every form re-reads it
    ss.setdefault("version", 0)  # bumped on every change of the spec
    ss.setdefault("selected", ss.spec["layers"][-1]["id"])
    ss.setdefault("field_errors", {})
    ss.setdefault("fit_token", 0)  # the canvas fits its view when this changes
    if OLD_SESSION_PARAM in st.query_params:
        del st.query_params[OLD_SESSION_PARAM]


def session_key() -> str:
    """This browser's session id: the one in the server-signed cookie (set on the first page load), so a reload
    and a new tab find the session's run. Without a valid cookie (a browser that refuses cookies, the AppTest
    harness), a key for this Streamlit session alone. A key the server did not sign is never adopted."""
    cookie = st.context.cookies.get(COOKIE) if st.context.cookies else None
    sid = verify(server_secret(str(settings().runs_dir)), cookie)
    return sid or secrets.token_urlsafe(18)


def _initial_spec(sid: str) -> dict:
    """A shared setup from the URL, else the spec of this session's last run (after a reload), else the default."""
    link = st.query_params.get(SHARE_PARAM)
    if link:
        try:
            shared = decode_setup(link)
        except ShareLinkError as e:
            notify("error", f"Could not open the shared setup: {e}. Showing the default network instead.")
            return default_spec()
        return shared if within_bounds(shared) else default_spec()
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


LARGE_SPEC_CHARS = 100_000  # a spec this long is first checked in a bounded process (see builder.sandbox)


@st.cache_resource(max_entries=256, show_spinner=False)
def checked_for(key: str) -> CheckedSpec:
    """A spec (given as its `spec_key`) checked; cached by content and shared read-only across sessions."""
    return check_spec(json.loads(key))


def within_bounds(spec_dict: dict) -> bool:
    """A large spec is first checked in a bounded process (time and memory), so none can stall the server; False
    (with a notice) when it runs out of either."""
    if len(spec_key(spec_dict)) <= LARGE_SPEC_CHARS:
        return True
    try:
        bounded(check_spec_dict, spec_dict, what="the spec")
        return True
    except (CheckLimitError, DataError) as e:
        notify("error", f"That network was not loaded: {e}")
        return False


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
    if not within_bounds(new):
        reload()
        return False
    ss = st.session_state
    if new == ss.spec:
        return True
    ss.history.record(ss.spec)
    ss.spec = new
    ss.version += 1
    if reload_forms:
        reload()
    return True


def reload() -> None:
    """Widgets re-read the spec (after undo, redo, a preset or a drag)."""
    st.session_state.rev += 1
    st.session_state.field_errors = {}


def refit() -> None:
    """The canvas fits its view to the network again (a new network, a new layout)."""
    st.session_state.fit_token = st.session_state.get("fit_token", 0) + 1


def load(new: dict, what: str) -> bool:
    """Replace the whole setup (a preset, an upload); undo brings the old one back."""
    if not commit(new, reload_forms=True):
        return False
    st.session_state.selected = new["layers"][-1]["id"]
    refit()
    notify("success", f"Loaded {what}. Undo brings back the previous network.")
    return True


def undo() -> None:
    ss = st.session_state
    previous = ss.history.undo(ss.spec)
    if previous is not None:
        ss.spec = previous
        ss.version += 1
        reload()


def redo() -> None:
    ss = st.session_state
    following = ss.history.redo(ss.spec)
    if following is not None:
        ss.spec = following
        ss.version += 1
        reload()


def share_link(spec_dict: dict | None = None) -> str | None:
    """The share string for the spec, or None when it is too large for a link."""
    try:
        return encode_setup(spec_dict or spec())
    except (ShareLinkError, SpecErrors):
        return None


def sync_url() -> None:
    """Keep the URL holding the current setup, so reloading or copying the address keeps it (never the session
    key: a copied address opens the setup, not the run)."""
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


def report_bug(error: Exception) -> None:
    """A bug of ours, said plainly on the page (the traceback goes to the server's log only); Streamlit's own
    control-flow exceptions (rerun, stop) pass through."""
    if type(error).__name__ in ("RerunException", "StopException", "FragmentHandledException"):
        raise error
    traceback.print_exc()
    st.error(f"Something went wrong on NetBuilder's side ({type(error).__name__}). Your network is kept; reload the "
             "page, or undo the last change.")
