"""The data people share is what they meant to share. A bundle holds the model, its spec and its history; the
training data goes in only when the person asks (`train --include-data`, the Export tab's checkbox, whose caption
says what the bundle holds). Before, a bundle downloaded after training on an upload held the whole dataset
(data.safetensors: every row), which its README did not even mention."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import builder
from builder.bundle import BUNDLE_FILES, DATA_FILES, load_bundle, write_bundle
from builder.datasets import Dataset
from builder.export import bundle_zip, export_format
from builder.store import save_dataset, write_run_file
from builder.ui.downloads import BundleFiles
from builder.uploads.csv_file import load_csv

from .helpers import cli, small_spec

PENGUINS = "bill,flipper,mass,species\n" + "".join(
    f"{38 + i % 9}.{i % 10},{180 + i % 30},{3500 + 25 * i},{['Adelie', 'Gentoo', 'Chinstrap'][i % 3]}\n"
    for i in range(60))


def upload() -> Dataset:
    return load_csv(PENGUINS.encode(), "penguins.csv", target="species")


@pytest.fixture(scope="module")
def trainer():
    spec = small_spec(outputs=3)
    spec["input"]["shape"] = [3]
    spec.pop("data")
    return builder.train(spec, dataset=upload(), telemetry=False)


@pytest.fixture(scope="module")
def run_folder(trainer, tmp_path_factory):
    """A finished run's folder as the server leaves it: the bundle, the uploaded data kept to resume, the run
    record and the checkpoints."""
    folder = tmp_path_factory.mktemp("run") / "r1"
    save_dataset(upload(), folder)
    write_bundle(trainer, folder)
    write_run_file(folder, run_id="r1", status="finished", data_source="upload")
    (folder / "checkpoints").mkdir()
    (folder / "checkpoints" / "last.pt").write_bytes(b"checkpoint")
    return folder


def names(zipped: bytes) -> set[str]:
    return set(zipfile.ZipFile(io.BytesIO(zipped)).namelist())


def test_a_bundle_holds_the_model_spec_and_history_only(trainer, tmp_path):
    bundle = write_bundle(trainer, tmp_path / "b")
    assert {p.name for p in bundle.iterdir()} == set(BUNDLE_FILES)


def test_a_bundle_holds_the_training_data_when_asked(trainer, tmp_path):
    bundle = write_bundle(trainer, tmp_path / "b", include_data=True)
    assert {p.name for p in bundle.iterdir()} == {*BUNDLE_FILES, *DATA_FILES}
    head = json.loads((bundle / "data.json").read_text())
    data = Dataset.from_parts(head, (bundle / "data.safetensors").read_bytes())
    assert data.x.shape == (60, 3) and data.class_names == ["Adelie", "Chinstrap", "Gentoo"]
    assert load_bundle(bundle).spec.layers[0].id == "fc1"  # and it loads as any bundle


def test_the_run_folders_data_files_are_the_bundles(tmp_path):
    save_dataset(upload(), tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == set(DATA_FILES)


def test_the_downloaded_bundle_leaves_out_the_data_the_run_folder_keeps(run_folder):
    assert names(bundle_zip(run_folder)) == set(BUNDLE_FILES)  # no data, no run record, no checkpoint
    assert names(bundle_zip(run_folder, include_data=True)) == {*BUNDLE_FILES, *DATA_FILES}
    files = BundleFiles(run_folder)
    assert names(files.read("bundle")) == set(BUNDLE_FILES)
    assert names(files.read("bundle", include_data=True)) == {*BUNDLE_FILES, *DATA_FILES}


def test_exports_made_for_download_go_into_the_bundle_but_nothing_else_does(run_folder, tmp_path):
    export_format(run_folder, "code")
    (run_folder / "notes.txt").write_text("private")
    assert names(bundle_zip(run_folder)) == {*BUNDLE_FILES, "model.py"}


@pytest.mark.parametrize("include", [False, True])
def test_the_cli_writes_the_data_only_with_include_data(tmp_path, capsys, include):
    (tmp_path / "spec.json").write_text(json.dumps({**small_spec(outputs=3), "input": {"shape": [3]}}))
    (tmp_path / "penguins.csv").write_text(PENGUINS)
    args = ["train", tmp_path / "spec.json", "--data", tmp_path / "penguins.csv", "--out", tmp_path / "b"]
    code, _, err = cli(capsys, *args, *(["--include-data"] if include else []))
    assert code == 0, err
    held = {p.name for p in (tmp_path / "b").iterdir() if p.is_file()}
    assert held == ({*BUNDLE_FILES, *DATA_FILES} if include else set(BUNDLE_FILES))


def test_the_cli_help_says_what_include_data_does(capsys):
    code, out, _ = cli(capsys, "train", "--help")
    assert code == 0 and "--include-data" in out and "training data" in out


# ---- the page ----------------------------------------------------------------------------------------

APP = str(Path(__file__).resolve().parents[2] / "builder" / "ui" / "main.py")


def _page_text(at) -> str:
    return " ".join(str(c.value) for c in at.caption)


def test_the_export_tab_asks_before_the_bundle_holds_the_data_and_says_which():
    from builder.jobs import JOBS
    from builder.ui import runs
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.session_state["page"] = "Data"
    at.session_state["data_source"] = "Upload"
    at.run()
    rows = "x1,x2,label\n" + "\n".join(f"{i % 7},{i % 3},{'ab'[i % 2]}" for i in range(40))
    at.file_uploader(key="up_csv").set_value(("mine.csv", rows.encode(), "text/csv")).run()
    at.session_state["page"] = "Training"
    at.run()
    at.number_input(key=f"t{at.session_state['rev']}.epochs").set_value(1).run()
    at.button(key="start").click().run()
    job = JOBS.jobs_for(at.session_state["sid"])[-1]
    assert runs.wait(job, 180) and job.status == "finished", job.message
    at.session_state["page"] = "Export"
    at.run()
    assert not at.exception
    box = at.checkbox(key="dl_include_data")
    assert box.value is False and "not the data you uploaded" in _page_text(at)
    files = at.session_state["bundle_files"][job.id]
    assert names(files.read("bundle")) == set(BUNDLE_FILES)
    box.check().run()
    assert "also the training data" in _page_text(at)
    assert names(files.read("bundle", include_data=True)) == {*BUNDLE_FILES, *DATA_FILES}
