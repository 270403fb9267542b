"""Lessons that hold a goal (builder/lessons.py, lessons/*.json): every lesson reads, its specs check, its solution
keeps the lesson's locked controls and meets its parameter budget, its goal is checked on a run's epoch rows (a
made-up history when a real run would be too slow here; the real runs are marked slow), and a bad lesson file is
refused with what is wrong."""
from __future__ import annotations

import copy

import pytest

from builder.checker import infer_shapes
from builder.errors import DataError
from builder.lessons import (CONTROLS, LESSON_DIR, apply_edit, check_goal, list_lessons, load_lesson, locked_changes,
                             parse_goal)
from builder.summary import summarize
from builder.training import Trainer

LESSONS = list_lessons()
CONCEPTS = {"cost functions", "optimisers", "overfitting and dropout", "batch normalisation", "convolution",
            "vanishing gradients (depth)", "vanishing gradients (time)"}


def _history(goal: dict, value: float, epochs: int = 5) -> list[dict]:
    """Epoch rows whose last row has `value` for the goal's metric (and train = validation: no gap)."""
    name = goal["metric"].split("_", 1)[1]
    return [{"epoch": e, f"train_{name}": value, f"val_{name}": value} for e in range(1, epochs + 1)]


def _beyond(goal: dict, margin: float) -> float:
    """A value `margin` past the goal's bar (negative: short of it)."""
    return goal["at_least"] + margin if "at_least" in goal else goal["at_most"] - margin


def test_every_concept_of_the_issue_has_a_lesson_and_each_reads():
    assert {lesson.concept for lesson in LESSONS.values()} == CONCEPTS
    assert sorted(LESSONS) == sorted(p.stem for p in LESSON_DIR.glob("*.json"))
    for lesson in LESSONS.values():
        assert lesson.title and len(lesson.text) > 100 and lesson.changes and lesson.solution_text
        assert set(lesson.locked) <= set(CONTROLS) and set(lesson.hidden) <= set(CONTROLS)
        infer_shapes(lesson.start).raise_errors()
        infer_shapes(lesson.solution).raise_errors()
        assert lesson.solution != lesson.start


@pytest.mark.parametrize("lid", sorted(LESSONS))
def test_the_solution_keeps_the_locks_and_the_budget(lid):
    lesson = LESSONS[lid]
    assert locked_changes(lesson, lesson.solution) == []
    if "max_params" in lesson.goal:
        assert summarize(lesson.solution).trainable_params <= lesson.goal["max_params"]


@pytest.mark.parametrize("lid", sorted(LESSONS))
def test_the_goal_is_met_past_its_bar_and_not_short_of_it(lid):
    lesson = LESSONS[lid]
    goal = lesson.goal
    epochs = goal.get("max_epochs", 5)
    met, text = check_goal(lesson, _history(goal, _beyond(goal, 0.01), epochs), lesson.solution)
    assert met, text
    met, text = check_goal(lesson, _history(goal, _beyond(goal, -0.01), epochs), lesson.solution)
    assert not met and goal["metric"] in text
    if "max_epochs" in goal:  # reached one epoch too late: not met
        rows = _history(goal, _beyond(goal, -0.01), epochs) + [{**_history(goal, _beyond(goal, 0.01))[0],
                                                                "epoch": epochs + 1}]
        assert not check_goal(lesson, rows, lesson.solution)[0]
    assert not check_goal(lesson, [], lesson.solution)[0]  # nothing measured yet


def test_a_parameter_budget_and_a_locked_control_hold_back_a_met_metric():
    lesson = LESSONS["cost_functions"]
    rows = _history(lesson.goal, 0.99)
    met, text = check_goal(lesson, rows, lesson.start)  # two logits: 6 parameters, over the budget of 3
    assert not met and "6 parameters (goal ≤ 3)" in text
    cheat = copy.deepcopy(lesson.solution)
    cheat["data"]["options"]["noise"] = 0.0  # noiseless moons are easier: the data is locked
    met, text = check_goal(lesson, rows, cheat)
    assert not met and "data.options is locked" in text
    assert check_goal(lesson, rows, lesson.solution)[0]


def test_a_gap_goal_compares_train_and_validation():
    goal = {"metric": "val_loss", "at_most": 0.5, "max_gap": 0.1}
    close = [{"epoch": 1, "train_loss": 0.35, "val_loss": 0.4}]
    apart = [{"epoch": 1, "train_loss": 0.05, "val_loss": 0.4}]
    assert check_goal(goal, close, {"format": "netbuilder/1", "input": {"shape": [2]}, "layers": []})[0]
    met, text = check_goal(goal, apart, {"format": "netbuilder/1", "input": {"shape": [2]}, "layers": []})
    assert not met and "gap 0.350" in text


def test_a_real_short_run_of_a_solution_reaches_its_goal():
    lesson = LESSONS["cost_functions"]
    trainer = Trainer.from_spec(lesson.solution, telemetry=False).run()
    met, text = check_goal(lesson, trainer, lesson.solution)
    assert met, text
    assert check_goal(lesson, trainer.log.snapshot(), lesson.solution) == (met, text)  # a snapshot reads the same


@pytest.mark.slow
@pytest.mark.parametrize("lid", sorted(LESSONS))
def test_each_solution_reaches_its_goal_in_a_real_run(lid):
    lesson = LESSONS[lid]
    trainer = Trainer.from_spec(lesson.solution, telemetry=False).run()
    met, text = check_goal(lesson, trainer, lesson.solution)
    assert met, text


def test_bad_lessons_and_goals_are_refused_with_what_is_wrong(tmp_path):
    good = load_lesson("optimisers")
    assert good.race[2]["spec"]["training"]["optimizer"] == "adam" and good.race[0]["spec"] == good.start
    assert load_lesson(LESSON_DIR / "optimisers.json").id == "optimisers"
    with pytest.raises(DataError, match="netbuilder-lesson/1"):
        load_lesson({"id": "x"})
    raw = {"format": "netbuilder-lesson/1", "id": "x", "title": "t", "concept": "c", "text": "t",
           "start": "logistic_regression", "goal": {"metric": "val_acc", "at_least": 0.9}, "solution": {}}
    assert load_lesson(raw).start == load_lesson(raw).solution
    with pytest.raises(DataError, match="lacks the key 'title'"):
        load_lesson({k: v for k, v in raw.items() if k != "title"})
    with pytest.raises(DataError, match="controls it does not know"):
        load_lesson({**raw, "locked": ["training.colour"]})
    with pytest.raises(DataError, match="one of val_acc"):
        parse_goal({"metric": "accuracy", "at_least": 0.9})
    with pytest.raises(DataError, match="one bar"):
        parse_goal({"metric": "val_acc", "at_least": 0.9, "at_most": 1.0})
    with pytest.raises(DataError, match="max_params must be a whole number"):
        parse_goal({"metric": "val_acc", "at_least": 0.9, "max_params": 2.5})
    with pytest.raises(DataError, match="cannot be read"):
        bad = tmp_path / "bad.json"
        bad.write_text("{", encoding="utf-8")
        load_lesson(bad)
    edited = apply_edit(good.start, {"training": {"lr": 0.5}, "data": {"options": {"noise": 0.3}}})
    assert edited["training"]["lr"] == 0.5 and edited["data"]["options"] == {"n_samples": 400, "noise": 0.3,
                                                                              "seed": 0}
