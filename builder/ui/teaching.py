"""A teacher's link on the page: the lesson it opens and its goal, checked live, at the top of the Playground, with
the controls it locks (shown, disabled) and hides (not shown); and, beside each lesson, the link a teacher shares."""
from __future__ import annotations

import streamlit as st

from ..errors import DataError
from ..lessons import CONTROLS, METRICS, Lesson, check_goal, list_lessons
from ..share import ShareLinkError, encode_setup, encode_teaching
from . import runs, state
from .text import plain
from .widgets import snapshot


@st.cache_resource(show_spinner=False)
def lessons() -> dict[str, Lesson]:
    """The lessons in lessons/, read once (read-only, shared)."""
    return list_lessons()


def goal_line(goal: dict) -> tuple[bool, str]:
    """Whether the run of the network on screen has reached `goal`, and how far it is, in words."""
    job = runs.shown_job()
    snap = snapshot(job)
    return check_goal(goal, list(snap.epochs) if snap is not None else [], state.spec())


def teaching_ui() -> None:
    """What a teacher's link set: the lesson, its goal (live), and which controls are locked or hidden."""
    found = state.session().teaching
    if not found:
        return
    lesson = lessons().get(found["lesson"]) if found["lesson"] else None
    with st.container(border=True, key="teaching"):
        if lesson is not None:
            st.markdown(f":material/school: **{plain(lesson.title)}**", help=plain(lesson.text))
        if found["goal"]:
            job = runs.current_job()
            st.fragment(_goal_ui, run_every=1.0 if job is not None and job.active else None)(found["goal"])
        names = [*found["locked"], *found["hidden"]]
        if names:  # the locked ones show disabled below: their names on hover keep Start on the first screen
            st.caption(f"{len(names)} setting{'s' * (len(names) != 1)} set by the teacher",
                       help="Set by the teacher: " + plain(", ".join(names)))


def _goal_ui(goal: dict) -> None:
    met, progress = goal_line(goal)
    badge = ":green-badge[goal met]" if met else ":orange-badge[goal]"
    st.markdown(f"{badge} {plain(progress)}")


def goal_ui(lesson: Lesson) -> dict:
    """The goal the link sets: the lesson's own metric and bar, which the teacher may change."""
    own = lesson.goal
    left, right = st.columns(2)
    metric = left.selectbox("Goal", METRICS, index=METRICS.index(own["metric"]), key=f"teach_metric_{lesson.id}")
    bar = "at_most" if metric.endswith(("loss", "mae")) else "at_least"
    value = right.number_input("at most" if bar == "at_most" else "at least", 0.0, 1e6,
                               float(own.get(bar, own.get("at_least", own.get("at_most", 0.9)))), format="%g",
                               key=f"teach_bar_{lesson.id}_{metric}")
    return {**{k: v for k, v in own.items() if k not in ("metric", "at_least", "at_most")}, "metric": metric,
            bar: value}


def teacher_link_ui(lesson: Lesson) -> None:
    """The address that opens this lesson with the controls a teacher locks and hides."""
    with st.popover("Teacher's link", icon=":material/link:",
                    help="A link that opens this lesson with its goal, some controls locked and some hidden"):
        locked = st.multiselect("Locked (shown, cannot be changed)", CONTROLS, default=lesson.locked,
                                key=f"teach_locked_{lesson.id}")
        hidden = st.multiselect("Hidden (not shown)", CONTROLS, default=lesson.hidden, key=f"teach_hidden_{lesson.id}")
        goal = goal_ui(lesson)
        try:
            query = (f"?{state.SHARE_PARAM}={encode_setup(lesson.start)}&{state.TEACH_PARAM}="
                     f"{encode_teaching({'lesson': lesson.id, 'goal': goal, 'locked': locked, 'hidden': hidden})}")
        except (ShareLinkError, DataError) as e:
            st.error(plain(str(e)))
            return
        base = (st.context.url or "").split("?")[0]
        st.code(base + query, language=None, wrap_lines=True)
