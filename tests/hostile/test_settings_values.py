"""A NETBUILDER_* variable set to nothing (or only spaces) counts as unset, for every setting alike: the default
applies; spaces around a value are dropped. Before, `NETBUILDER_RUNS_DIR=` silently became the working directory
(and `NETBUILDER_RUNS_DIR=" /data"` a folder named " "), while `NETBUILDER_MAX_JOBS=` stopped the server: one rule
now, said in settings.py's docstring and the README. A bad value is still refused by name."""
from __future__ import annotations

import pytest

from builder import settings as settings_module
from builder.settings import Settings, SettingsError

from .helpers import cli

FIELDS = list(Settings.model_fields)


@pytest.fixture
def environ(monkeypatch):
    """Set NETBUILDER_* variables for one test; the settings are read again before and after."""
    def set_values(**values):
        for name, value in values.items():
            monkeypatch.setenv(f"NETBUILDER_{name.upper()}", value)
        return settings_module.reload()

    yield set_values
    monkeypatch.undo()
    settings_module.reload()


@pytest.mark.parametrize("blank", ["", "   ", "\t", " \n "])
@pytest.mark.parametrize("name", FIELDS)
def test_a_blank_variable_means_the_default(environ, name, blank):
    assert getattr(environ(**{name: blank}), name) == Settings.model_fields[name].default


def test_a_blank_runs_folder_is_the_projects_runs_folder_not_the_working_directory(environ, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runs = environ(runs_dir="").runs_dir
    assert runs.is_absolute() and runs.name == "runs" and runs != tmp_path


@pytest.mark.parametrize("name, value, expected", [("runs_dir", " /tmp/netbuilder-runs \t", "/tmp/netbuilder-runs"),
                                                   ("max_jobs", " 3 ", 3), ("debug", " true\n", True),
                                                   ("stop_timeout", "\t2.5 ", 2.5)])
def test_spaces_around_a_value_are_not_part_of_it(environ, name, value, expected):
    got = getattr(environ(**{name: value}), name)
    assert (str(got) if name == "runs_dir" else got) == expected


@pytest.mark.parametrize("name, value, words", [("max_jobs", " 0 ", "greater than or equal to 1"),
                                                ("debug", "maybe", "valid boolean"),
                                                ("stop_timeout", "-1", "greater than 0")])
def test_values_that_are_not_blank_are_still_checked(environ, name, value, words):
    with pytest.raises(SettingsError, match=f"NETBUILDER_{name.upper()}: .*{words}"):
        environ(**{name: value})


def test_the_cli_runs_with_blank_variables(environ, capsys):
    environ(**{name: "" for name in FIELDS})
    code, out, err = cli(capsys, "presets")
    assert code == 0 and "lenet" in out.lower() and err == ""
