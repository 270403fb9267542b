"""One browser session's state: every key it keeps, declared once (`Session`); the spec being edited (a plain
netbuilder/1 dict), its undo history, the session key (from the server-signed cookie, never from the address bar),
the data it trains on, and the share link kept in the URL."""
from __future__ import annotations

import json
import secrets
import traceback
import typing
from dataclasses import MISSING, dataclass, field, fields

import streamlit as st

from ..checker import CheckedSpec, check_spec
from ..datasets import Dataset, load_dataset
from ..errors import DataError, SpecErrors
from ..jobs import JOBS
from ..sandbox import CheckLimitError, bounded, check_spec_dict
from ..sessions import COOKIE, server_secret, verify
from ..settings import settings
from ..lessons import changed_controls, list_lessons
from ..share import ShareLinkError, decode_setup, decode_teaching, decode_variants, encode_setup, encode_variants
from ..spec import parse_spec
from ..summary import Summary, network_params, summarize
from .edits import History, default_spec
from .text import plain

if typing.TYPE_CHECKING:
    from .downloads import BundleFiles

SHARE_PARAM = "s"  # the setup, compressed (builder.share)
TEACH_PARAM = "t"  # a teacher's lesson, goal, locked and hidden controls, compressed (builder.share)
VARIANTS_PARAM = "v"  # the variants of the setup a comparison tries, compressed (builder.share)
OLD_SESSION_PARAM = "sid"  # an address from before session cookies: ignored and taken out of the address bar
BUILT_IN, UPLOAD = "Built-in", "Upload"  # the two sources of data (Session.data_source)


@dataclass
class Session:
    """Every key this session keeps in `st.session_state`, with its type and default; `init` sets them all on the
    session's first run, so the page reads them as attributes (`session().spec`) and never with a default of its own.
    Widgets' values live under their widget keys, which Streamlit owns."""

    # the network
    sid: str = ""  # the session key; init: from the server-signed cookie (see session_key)
    notices: list[tuple[str, str]] = field(default_factory=list)  # (kind, Markdown), shown once at the next run's top
    notices_shown: list[tuple[str, str]] = field(default_factory=list)  # those the last run showed (see keep_notices)
    spec: dict = field(default_factory=default_spec)  # the network being edited; init: a share link's, the last run's
    history: History = field(default_factory=History)  # undo and redo
    rev: int = 0  # bumped when the whole spec is replaced, so every form re-reads it
    version: int = 0  # bumped on every change of the spec
    selected: str | None = None  # the layer whose form is open (None: none); init: the output layer
    field_errors: dict[str, str] = field(default_factory=dict)  # widget key → why its text could not be read
    # the canvas
    fit_token: int = 0  # the canvas fits its view when this changes
    direction: str = "TB"  # the auto-layout's direction: TB (top to bottom) or LR (left to right)
    canvas_nonce: object = None  # the nonce of the last canvas event applied (each is applied once)
    canvas_message: str | None = None  # why the last canvas edit was refused, said on the canvas
    canvas_positions: dict[str, list[float]] = field(default_factory=dict)  # where the person sees each node
    canvas_drawn: bool = False  # the canvas has said its nodes are on screen (see canvas.first_screen)
    page_runs: int = 0  # the whole-page script runs of this session so far
    collapsed: set[str] = field(default_factory=set)  # the canvas's blocks shown as one node ("group:…", "repeat:…")
    page_version: int = -1  # the spec version the whole page was last drawn at (an edit in a fragment redraws it)
    # the data
    data_source: str = BUILT_IN  # which data the page trains on: BUILT_IN (the spec's dataset) or UPLOAD
    upload: Dataset | None = None  # the uploaded dataset, parsed
    upload_kind: str = "csv"  # the upload's file type (a key of UPLOAD_FORMATS)
    upload_kind_offered: str = "csv"  # the file type the page last chose for the network on screen: while upload_kind
    # is still that one, the person has not chosen another, and the next network's default replaces it
    upload_files: list[tuple[str, bytes]] = field(default_factory=list)  # (name, bytes), kept until replaced
    upload_options: dict = field(default_factory=dict)  # its reader's options (target, task, missing, ignore...)
    upload_digest: str | None = None  # what the upload was parsed from (files and options), so it is parsed once
    upload_error: str | None = None  # why the upload could not be read
    # the runs
    start_weights: dict | None = None  # an opened bundle's network and weights: that network's next run starts there
    hidden_run: str | None = None  # the run Reset took off the screen
    live_job: tuple | None = None  # the run's state as the page last drew it (widgets.job_state)
    bundle_files: dict[str, BundleFiles] = field(default_factory=dict)  # job id → its downloads, made on request
    continue_digest: str | None = None  # the spec or bundle file last opened on the Export tab, so it is read once
    generated: tuple[str, str] | None = None  # (job id, text) a finished language model last wrote
    temperature: float = 0.8  # a language model's live samples are written at this temperature (textwatch)
    # choices of widgets that are not drawn on every run (see `remembered`)
    log_loss: bool = False  # the loss curve on a log scale
    show_test: bool = False  # the decision boundary also shows the held-out (test) points, hollow
    discretize: bool = False  # the decision boundary drawn flat per class, not blended by probability
    hist_layer: str | None = None  # the layer whose histograms are shown (None: the first)
    act_layer: str | None = None  # the layer whose activations are shown (None: the first)
    compare_key: str = "val_loss"  # the curve the runs are compared by
    # the Explain tab
    explain_sample: int | None = None  # the validation sample followed through the network (None: the first picked)
    explain_misclassified: bool = False  # step through the misclassified samples only
    explain_method: str = "saliency"  # the attribution shown (builder.attribution.METHODS)
    explain_conv: str | None = None  # Grad-CAM's convolution layer (None: the last one)
    explain_compare: object | None = None  # the variants training side by side (a builder.variants.Comparison)
    explain_own: object | None = None  # a sample of one's own followed instead (an own_sample.OwnSample)
    explain_own_nonce: int = 0  # the own-image picker's key: a new one empties it
    variants: list[dict] = field(default_factory=list)  # the variants of the setup tried ({"label", "spec"}); init: ?v=
    weight_edit: dict | None = None  # the last weight set on a paused run (builder.ui.weight_edit), with its job
    teaching: dict | None = None  # a teacher's link: lesson, goal, locked and hidden controls (lessons.teaching)
    follow: dict | None = None  # the sample last clicked on a run's chart, traced under it (builder.ui.follow)
    follow_charts: bool = False  # the Playground's followed sample: each layer's charts under the chart too


def session() -> Session:
    """This session's state, typed: `st.session_state` holds every `Session` key once `init` has run."""
    return typing.cast(Session, st.session_state)


def init() -> None:
    """Set up this session's state on its first run (a no-op afterwards): every `Session` key at its default, then
    the three that come with the request (session key, spec, selected layer)."""
    ss = st.session_state
    if "spec" not in ss:
        for f in fields(Session):
            if f.name not in ss:  # a test harness may have set one (a reload's session key)
                ss[f.name] = f.default_factory() if f.default_factory is not MISSING else f.default
        ss.sid = ss.sid or session_key()
        ss.teaching = _teaching()
        ss.variants = _variants()
        ss.spec = _initial_spec(ss.sid)
        ss.selected = ss.spec["layers"][-1]["id"]
    if OLD_SESSION_PARAM in st.query_params:
        del st.query_params[OLD_SESSION_PARAM]


def session_key() -> str:
    """This browser's session id: the one in the server-signed cookie (set on the first page load), so a reload
    and a new tab find the session's run. Without a valid cookie (a browser that refuses cookies, the AppTest
    harness), a key for this Streamlit session alone. A key the server did not sign is never adopted."""
    cookie = st.context.cookies.get(COOKIE) if st.context.cookies else None
    sid = verify(server_secret(str(settings().runs_dir)), cookie)
    return sid or secrets.token_urlsafe(18)


def _teaching() -> dict | None:
    """What a teacher's link in the URL sets (None without one; a damaged one is said and ignored)."""
    link = st.query_params.get(TEACH_PARAM)
    if not link:
        return None
    try:
        return decode_teaching(link)
    except ShareLinkError as e:
        notify("error", f"Could not open the teacher's link: {e}. Every control is open.")
        return None


def _variants() -> list[dict]:
    """The variants a comparison link in the URL tries ([] without one; a damaged one is said and ignored)."""
    link = st.query_params.get(VARIANTS_PARAM)
    if not link:
        return []
    try:
        return decode_variants(link)
    except ShareLinkError as e:
        notify("error", f"Could not open the comparison's variants: {e}.")
        return []


def _initial_spec(sid: str) -> dict:
    """A shared setup from the URL, else the teacher's lesson's start, else the spec of this session's last run
    (after a reload), else the default."""
    link = st.query_params.get(SHARE_PARAM)
    lesson = (session().teaching or {}).get("lesson")
    if not link and lesson:
        return json.loads(json.dumps(list_lessons()[lesson].start))
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
    """A message shown once at the top of the next page run (kind: error, warning, success, info). `text` is plain
    text, shown as the characters it is: a notice quotes names, files and errors, never Markdown of ours."""
    session().notices.append((kind, plain(text)))


def show_notices() -> None:
    ss = session()
    for kind, text in ss.notices:
        getattr(st, kind)(text)
    ss.notices_shown, ss.notices = ss.notices, []


def keep_notices(ss: Session) -> None:
    """The next run shows again what the last one showed: a run the page asks for by itself (the canvas's first
    drawing) redraws the same screen, and a notice the person has not had time to read must not vanish with it."""
    ss.notices = ss.notices_shown + ss.notices


def spec() -> dict:
    return session().spec


def current_dataset() -> tuple[Dataset | None, str | None]:
    """(dataset, error): the uploaded dataset when one is in use, else the spec's built-in one."""
    ss = session()
    if ss.data_source == UPLOAD:  # never the built-in data under an upload that was refused or not given yet
        return ss.upload, None if ss.upload is not None else ss.upload_error or "no file uploaded yet"
    data = spec().get("data")
    if not data:
        return None, "the spec has no data section: choose a dataset (Data, above, or on the Data tab)"
    try:
        return load_dataset(data.get("dataset"), data.get("options") or {}), None
    except DataError as e:
        return None, str(e)


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


def total_params() -> int | None:
    """The current network's parameter count, or None while it has errors: the summary's figure without its FLOP
    count, whose first use costs seconds, which no first screen should wait for."""
    current = checked()
    return network_params(current) if current.ok else None


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
    ss = session()
    locked = changed_controls(control_names("locked"), ss.spec, new, "the teacher's link") if ss.teaching else []
    if locked:
        notify("warning", "That change was not applied: " + "; ".join(locked) + ".")
        reload()
        return False
    if new == ss.spec:
        return True
    ss.history.record(ss.spec)
    ss.spec = new
    ss.version += 1
    if reload_forms:
        reload()
    return True


def control_names(kind: str) -> list[str]:
    """The controls a teacher's link locks (`kind` "locked") or hides ("hidden")."""
    return list((session().teaching or {}).get(kind) or [])


def control(name: str) -> str:
    """How the page offers the control `name` (builder.lessons.CONTROLS): "hidden", "locked" or "open"."""
    return "hidden" if name in control_names("hidden") else "locked" if name in control_names("locked") else "open"


def reload() -> None:
    """Widgets re-read the spec (after undo, redo, a preset or a drag)."""
    session().rev += 1
    session().field_errors = {}


def refit() -> None:
    """The canvas fits its view to the network again (a new network, a new layout)."""
    session().fit_token += 1


def load(new: dict, what: str) -> bool:
    """Replace the whole setup (a preset, an upload); undo brings the old one back."""
    if not commit(new, reload_forms=True):
        return False
    session().selected = new["layers"][-1]["id"]
    refit()
    notify("success", f"Loaded {what}. Undo brings back the previous network.")
    return True


def undo() -> None:
    ss = session()
    previous = ss.history.undo(ss.spec)
    if previous is not None:
        ss.spec = previous
        ss.version += 1
        reload()


def redo() -> None:
    ss = session()
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
    _set_param(SHARE_PARAM, share_link())
    _set_param(VARIANTS_PARAM, variants_link())


def variants_link() -> str | None:
    """The share string of the variants tried (None: none, or too large for a link)."""
    try:
        return encode_variants(session().variants) if session().variants else None
    except ShareLinkError:
        return None


def _set_param(name: str, link: str | None) -> None:
    if st.query_params.get(name) != link:
        if link:
            st.query_params[name] = link
        elif name in st.query_params:
            del st.query_params[name]


def reset_widgets(*keys: str) -> None:
    """Forget what these widgets hold, so they draw their defaults next time (widget state, not session keys)."""
    for key in keys:
        if key in st.session_state:
            del st.session_state[key]


def remembered(widget, label: str, key: str, **kw):
    """A widget whose value survives page switches.

    Streamlit forgets a widget's state on any run that does not draw it (the other tabs); the value lives
    under `key` (a `Session` field: its default is the widget's first value), and the widget under a private key
    mirrors it. A value no longer among the widget's options gives way to the first, as Streamlit would show it.
    """
    ss = st.session_state
    options = kw.get("options")
    if options and ss[key] not in options:
        ss[key] = options[0]
    ss[f"_{key}"] = ss[key]
    return widget(label, key=f"_{key}", on_change=_remember, args=(key,), **kw)


def _remember(key: str) -> None:
    st.session_state[key] = st.session_state[f"_{key}"]


def show_new_label(key: str, options, format_func) -> bool:
    """Call before drawing the selectbox under `key`; returns whether its value was set again (then pass no `index`).

    The browser keeps a selectbox's choice by its label. When the chosen value's label changes (another file's name,
    another run's class names) it would go on showing the old label; setting the same value again sends the new."""
    ss = st.session_state
    if key not in ss or ss[key] not in options:
        return False
    label, seen = format_func(ss[key]), f"_{key}.label"  # a widget's private key, as `remembered` keeps
    changed = seen in ss and ss[seen] != label
    ss[seen] = label
    if changed:
        ss[key] = ss[key]
    return changed


def report_bug(error: Exception) -> None:
    """A bug of ours, said plainly on the page (the traceback goes to the server's log only); Streamlit's own
    control-flow exceptions (rerun, stop) pass through."""
    if type(error).__name__ in ("RerunException", "StopException", "FragmentHandledException"):
        raise error
    traceback.print_exc()
    st.error(f"Something went wrong on NetBuilder's side ({type(error).__name__}). Your network is kept; reload the "
             "page, or undo the last change.")
