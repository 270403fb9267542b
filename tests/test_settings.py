"""One settings object: every NETBUILDER_* variable typed, bounded and documented in one place; a bad value stops the
CLI and the server at start with a message that names it; the README's table is made from it."""
import os
import subprocess
import sys

import pytest

from builder import settings as settings_module
from builder.settings import Settings, SettingsError, markdown_table
from conftest import ROOT


def run(args, **env):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, **env})


@pytest.mark.parametrize("name, value, words", [
    ("NETBUILDER_MAX_JOBS", "0", "greater than or equal to 1"),
    ("NETBUILDER_MAX_JOBS", "four", "valid integer"),
    ("NETBUILDER_MAX_PARAMS", "-5", "greater than or equal to 1"),
    ("NETBUILDER_STOP_TIMEOUT", "soon", "valid number"),
    ("NETBUILDER_DEBUG", "perhaps", "valid boolean"),
])
def test_a_bad_value_names_the_variable(monkeypatch, name, value, words):
    monkeypatch.setenv(name, value)
    try:
        with pytest.raises(SettingsError) as e:
            settings_module.reload()
        assert str(e.value).startswith(f"{name}: ") and words in str(e.value) and repr(value) in str(e.value)
    finally:
        monkeypatch.delenv(name)
        settings_module.reload()


def test_the_cli_stops_at_start_on_a_bad_value():
    done = run(["-m", "builder", "presets"], NETBUILDER_MAX_JOBS="0")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: NETBUILDER_MAX_JOBS: ")


def test_the_server_stops_at_start_on_a_bad_value():
    done = run(["-c", "import app"], NETBUILDER_MAX_LAYERS="lots")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "error: NETBUILDER_MAX_LAYERS: " in done.stderr


def test_values_are_read_and_used(monkeypatch):
    monkeypatch.setenv("NETBUILDER_MAX_LAYERS", "3")
    try:
        settings_module.reload()
        from builder.checker import check_spec
        spec = {"format": "netbuilder/1", "input": {"shape": [2]},
                "layers": [{"id": f"a{i}", "type": "ReLU"} for i in range(4)]}
        assert "NETBUILDER_MAX_LAYERS" in str(check_spec(spec).errors[0])
    finally:
        monkeypatch.delenv("NETBUILDER_MAX_LAYERS")
        settings_module.reload()


def test_one_upload_limit_for_the_server_and_the_parsers():
    from builder.uploads.common import Limits
    assert Limits().max_bytes == Settings().max_upload_bytes == Settings().max_upload_mb * 2**20
    assert "maxUploadSize" not in (ROOT / ".streamlit" / "config.toml").read_text()  # app.py sets it from here


def test_a_file_over_the_upload_limit_says_the_setting_in_its_own_megabytes(monkeypatch, tmp_path):
    from builder.errors import DataError
    from builder.uploads.common import Limits
    from builder.uploads.csv_file import load_csv
    monkeypatch.setenv("NETBUILDER_MAX_UPLOAD_MB", "1")
    settings_module.reload()
    try:
        path = tmp_path / "big.csv"
        path.write_bytes(b"a,y\n" + b"1,0\n" * 400_000)  # 1.5 MB as Streamlit counts (2**20 bytes)
        for data in (path, path.read_bytes()):
            with pytest.raises(DataError, match=r"big.csv: is 1\.5 MB; the limit is 1\.0 MB — keep fewer samples "
                                                r"\(rows, images\), or raise the limit with NETBUILDER_MAX_UPLOAD_MB"):
                load_csv(data, "big.csv", limits=Limits())  # the server's limits, read as it starts
    finally:
        monkeypatch.delenv("NETBUILDER_MAX_UPLOAD_MB")
        settings_module.reload()


def test_the_readme_table_is_made_from_the_settings():
    readme = (ROOT / "README.md").read_text()
    assert markdown_table() in readme
    for name in Settings.model_fields:
        assert f"NETBUILDER_{name.upper()}" in readme
