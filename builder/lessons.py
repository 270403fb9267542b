"""Lessons that hold a goal: a short text, a starting setup, what to change, a goal the page checks by itself as the
run trains, a solution one click away, and the controls a teacher locks or hides. Lessons are plain JSON files in
lessons/ (format netbuilder-lesson/1), read through `load_lesson`; goals are small declarative conditions over a
run's epoch rows and the spec (`check_goal`)."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError, SpecErrors, finite_number, short
from .spec import NotJSON, TrainingSpec, decode_json, parse_spec

FORMAT = "netbuilder-lesson/1"
LESSON_DIR = Path(__file__).resolve().parent.parent / "lessons"
# What a lesson (or a teacher's link) may lock or hide: the spec's parts, named by their path in the spec.
CONTROLS = ("layers", "input", "data.dataset", "data.options", "data.val_fraction",
            *(f"training.{name}" for name in TrainingSpec.model_fields))
GOAL_KEYS = {"metric": str, "at_least": float, "at_most": float, "max_params": int, "max_epochs": int,
             "max_gap": float}
METRICS = ("val_acc", "train_acc", "val_r2", "train_r2", "val_loss", "train_loss", "val_mae", "train_mae")


@dataclass
class Lesson:
    """One guided experiment."""

    id: str
    title: str
    concept: str  # the idea it teaches, in a few words
    text: str  # what to read first: the idea and what to try
    start: dict  # the starting spec
    changes: list[str]  # the one or two things to change, in words
    goal: dict  # see `check_goal`
    solution: dict  # a spec that reaches the goal
    solution_text: str  # why the solution works
    locked: list[str] = field(default_factory=list)  # controls the learner cannot change (see CONTROLS)
    hidden: list[str] = field(default_factory=list)  # controls the page does not show
    race: list[dict] = field(default_factory=list)  # [{"label", "spec"}]: variants to train side by side

    def to_dict(self) -> dict:
        return copy.deepcopy(self.__dict__)


# ---- reading lessons --------------------------------------------------------------------------------

def lesson_paths() -> list[Path]:
    """The lesson files, in name order."""
    return sorted(LESSON_DIR.glob("*.json"))


def list_lessons() -> dict[str, Lesson]:
    """Every lesson by id, in file order."""
    return {lesson.id: lesson for lesson in (load_lesson(p) for p in lesson_paths())}


def load_lesson(source) -> Lesson:
    """A lesson from its id, a path or a dict; DataError (naming the lesson) when it is not a valid one."""
    if isinstance(source, str) and not source.endswith(".json") and (LESSON_DIR / f"{source}.json").is_file():
        source = LESSON_DIR / f"{source}.json"
    if isinstance(source, (str, Path)):
        try:
            source = decode_json(Path(source).read_bytes())
        except (OSError, NotJSON) as e:
            raise DataError(f"lesson {short(str(source))}", f"cannot be read ({e})") from None
    if not isinstance(source, dict) or source.get("format") != FORMAT:
        raise DataError("lesson", f"a lesson is a JSON object with \"format\": \"{FORMAT}\"")
    where = f"lesson {short(source.get('id'))}"
    try:
        start = _spec(source["start"])
        return Lesson(id=source["id"], title=source["title"], concept=source["concept"], text=source["text"],
                      start=start, changes=list(source.get("changes", [])), goal=parse_goal(source["goal"], where),
                      solution=apply_edit(start, source["solution"]), solution_text=source.get("solution_text", ""),
                      locked=check_controls(source.get("locked", []), where),
                      hidden=check_controls(source.get("hidden", []), where),
                      race=[{"label": r["label"], "spec": apply_edit(start, r["edit"])}
                            for r in source.get("race", [])])
    except KeyError as e:
        raise DataError(where, f"lacks the key {e}") from None
    except SpecErrors as e:
        raise DataError(where, f"holds an invalid spec: {e}") from None


def _spec(value) -> dict:
    """A lesson's spec: a preset's name, {"preset": name, "edit": an edit of it}, or a spec written out."""
    from .presets import load_preset
    if isinstance(value, str):
        return load_preset(value).to_dict()
    if isinstance(value, dict) and "preset" in value:
        return apply_edit(load_preset(value["preset"]).to_dict(), value.get("edit", {}))
    return parse_spec(value).to_dict()


def apply_edit(spec: dict, edit: dict) -> dict:
    """`spec` with an edit applied: "training" and "data" settings merge in (data options too), "layers" and
    "input" replace the spec's own; {"spec": …} is a whole spec (or a preset's name)."""
    if "spec" in edit:
        return _spec(edit["spec"])
    out = copy.deepcopy(spec)
    for key, value in edit.items():
        if key in ("training", "data"):
            section = out.setdefault(key, {})
            options = {**section.get("options", {}), **value.get("options", {})}
            section.update(copy.deepcopy(value))
            if key == "data":
                section["options"] = options
        else:
            out[key] = copy.deepcopy(value)
    return parse_spec(out).to_dict()


def check_controls(names, where: str = "the controls") -> list[str]:
    """The control names a lesson or a teacher's link locks or hides, checked against CONTROLS."""
    if not isinstance(names, list) or any(n not in CONTROLS for n in names):
        unknown = [n for n in names if n not in CONTROLS] if isinstance(names, list) else names
        raise DataError(where, f"names controls it does not know: {short(unknown)}", f"known: {', '.join(CONTROLS)}")
    return list(names)


def parse_goal(goal, where: str = "the goal") -> dict:
    """A goal checked: {"metric": one of METRICS, "at_least" or "at_most": a number, and optionally
    "max_params", "max_epochs" (reached by this epoch), "max_gap" (train metric − validation metric)}."""
    if not isinstance(goal, dict) or goal.get("metric") not in METRICS:
        raise DataError(where, f"a goal names a metric, one of {', '.join(METRICS)}. Received: {short(goal)}")
    for key, value in goal.items():
        kind = GOAL_KEYS.get(key)
        if kind is None:
            raise DataError(where, f"unknown goal key {short(key)}", f"known: {', '.join(GOAL_KEYS)}")
        number = finite_number(value)
        if kind is not str and (not number or (kind is int and not isinstance(value, int)) or value < 0):
            raise DataError(where, f"{key} must be a {'whole ' * (kind is int)}number ≥ 0. Received: "
                                   f"{key}={short(value)}")
    if ("at_least" in goal) == ("at_most" in goal):
        raise DataError(where, "a goal has one bar: at_least or at_most")
    return dict(goal)


# ---- checking a goal ----------------------------------------------------------------------------

def check_goal(lesson: Lesson | dict, run, spec) -> tuple[bool, str]:
    """Has the run reached the goal? `lesson`: a Lesson, or a goal alone; `run`: its epoch rows, a run-log
    Snapshot or a Trainer; `spec`: the spec it trains. Returns (met, progress in words). A lesson's locked
    controls must keep the lesson's values."""
    goal = lesson.goal if isinstance(lesson, Lesson) else parse_goal(lesson)
    rows = _rows(run)
    if "max_epochs" in goal:
        rows = [r for r in rows if r.get("epoch", 0) <= goal["max_epochs"]]
    checks = [_metric_check(goal, rows)]
    if "max_gap" in goal:
        checks.append(_gap_check(goal, rows))
    if "max_params" in goal:
        checks.append(_params_check(goal, spec))
    if isinstance(lesson, Lesson):
        checks += [(False, line) for line in locked_changes(lesson, spec)]
    return all(ok for ok, _ in checks), "; ".join(text for _, text in checks)


def _rows(run) -> list[dict]:
    if isinstance(run, list):
        return run
    if hasattr(run, "epochs"):
        return list(run.epochs)  # a run-log Snapshot
    return run.history()


def _metric_check(goal: dict, rows: list[dict]) -> tuple[bool, str]:
    metric, by = goal["metric"], goal.get("max_epochs")
    bar = f"≥ {goal['at_least']:g}" if "at_least" in goal else f"≤ {goal['at_most']:g}"
    when = f" by epoch {by}" if by else ""
    value = rows[-1].get(metric) if rows else None
    if value is None:
        return False, f"{metric}: not measured yet (goal {bar}{when})"
    ok = value >= goal["at_least"] if "at_least" in goal else value <= goal["at_most"]
    return ok, f"{metric} {value:.3f} at epoch {rows[-1].get('epoch', len(rows))} (goal {bar}{when})"


def _gap_check(goal: dict, rows: list[dict]) -> tuple[bool, str]:
    metric = goal["metric"]
    name = metric.split("_", 1)[1]
    if not rows or rows[-1].get(f"train_{name}") is None or rows[-1].get(f"val_{name}") is None:
        return False, f"train − validation {name}: not measured yet (goal ≤ {goal['max_gap']:g})"
    gap = rows[-1][f"train_{name}"] - rows[-1][f"val_{name}"]
    if metric.endswith("loss"):
        gap = -gap
    return gap <= goal["max_gap"], f"train − validation {name} gap {gap:.3f} (goal ≤ {goal['max_gap']:g})"


def _params_check(goal: dict, spec) -> tuple[bool, str]:
    from .summary import summarize
    try:
        params = summarize(parse_spec(spec)).trainable_params
    except SpecErrors:
        return False, "the network does not check out: fix it first"
    return params <= goal["max_params"], f"{params:,} parameters (goal ≤ {goal['max_params']:,})"


def locked_changes(lesson: Lesson, spec) -> list[str]:
    """The locked controls `spec` changed from the lesson's start, in words."""
    return changed_controls(lesson.locked, lesson.start, spec, "the lesson")


def changed_controls(names, before: dict, after, by: str) -> list[str]:
    """The controls among `names` whose value differs between the spec `before` and the spec `after`, in words
    ("{name} is locked by {by} at {its value before}")."""
    after = parse_spec(after).to_dict()
    return [f"{name} is locked by {by} at {_value_text(value_at(before, name))}" for name in names
            if value_at(after, name) != value_at(before, name)]


def _value_text(value) -> str:
    """A setting's value as a person reads it: a dict of options as "n_samples 600, noise 0.2", not Python's."""
    if isinstance(value, dict) and value:
        return ", ".join(f"{str(key)[:40]} {short(v, 40)}" for key, v in list(value.items())[:8]) + \
            (" …" if len(value) > 8 else "")
    return short(value)


def teaching(raw, where: str = "the teacher's link") -> dict:
    """What a teacher's link sets, checked: {"lesson": a lesson's id or None, "goal": a goal or None, "locked" and
    "hidden": control names (see CONTROLS)}. A lesson named without a goal, locks or hides brings its own."""
    if not isinstance(raw, dict) or set(raw) - {"lesson", "goal", "locked", "hidden"}:
        raise DataError(where, 'holds {"lesson", "goal", "locked", "hidden"} and nothing else. Received: '
                               f"{short(raw)}")
    lesson = raw.get("lesson")
    if lesson is not None and (not isinstance(lesson, str) or lesson not in list_lessons()):
        raise DataError(where, f"names the lesson {short(lesson)}, which does not exist",
                        f"the lessons: {', '.join(list_lessons())}")
    own = list_lessons()[lesson] if lesson is not None else None
    goal = raw.get("goal", own.goal if own else None)
    return {"lesson": lesson, "goal": None if goal is None else parse_goal(goal, where),
            "locked": check_controls(raw.get("locked", own.locked if own else []), where),
            "hidden": check_controls(raw.get("hidden", own.hidden if own else []), where)}


def value_at(spec: dict, path: str):
    """The value of the control `path` ("training.lr", "data.dataset", "layers") in a spec dict (a training
    setting the spec leaves out: its default)."""
    value = spec
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if path.startswith("training.") and value is None:
        value = TrainingSpec.model_fields[path.split(".", 1)[1]].default
    return value
