"""The Export tab: the spec and its code, the trained model in every format, continuing from a spec or a
bundle, and the share link."""
from __future__ import annotations

import functools
import hashlib
import json
import re
from pathlib import Path

import streamlit as st

from ..codegen import generate_code
from ..errors import BundleError, DataError, SpecErrors
from ..export import holds_data
from ..sandbox import bounded, read_bundle, read_onnx, read_spec
from ..settings import settings
from . import runs, state
from .downloads import DOWNLOADS, BundleFiles
from .text import plain
from .stored_runs import runs_ui

MIME = {".json": "application/json", ".py": "text/x-python", ".csv": "text/csv", ".zip": "application/zip"}


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "network"


def network_downloads_ui(spec: dict) -> None:
    checked = state.checked()
    slug = _slug(spec.get("name", "network"))
    with st.container(horizontal=True):
        st.download_button("Spec (.json)", json.dumps(spec, indent=2), file_name=f"{slug}.json", mime=MIME[".json"],
                           key="dl_spec", icon=":material/data_object:", on_click="ignore")
        st.download_button("PyTorch code (.py)", generate_code(checked) if checked.ok else "", file_name=f"{slug}.py",
                           mime=MIME[".py"], key="dl_code_spec", disabled=not checked.ok, icon=":material/code:",
                           on_click="ignore", help="A standalone nn.Module (fresh weights) that imports only torch")
    if not checked.ok:
        st.caption("The code download needs a network without errors.")


def model_downloads_ui() -> None:
    job = runs.current_job()
    if job is None:
        st.info("Train the network on the Playground or the Training tab; its downloads appear here when the run "
                "ends.")
        return
    if job.active:  # the page has no Stop: Reset stops a run (its weights so far are saved)
        st.info(f"{plain(job.label)} is {job.status}. Let it finish, or Reset it on the Playground (it stops where "
                "it is), to download the trained model.")
        return
    folder = Path(job.meta.get("run_dir", ""))
    if not (folder / "model.safetensors").is_file():
        st.warning(plain(f"{job.label} ended ({job.status}) without a saved model: {job.message}"))
        return
    files = state.session().bundle_files.setdefault(job.id, BundleFiles(folder))
    st.caption(plain(f"{job.label} · {job.status}: {job.message}"))
    if not runs.trains_this_network(job):  # the downloads below are the run's network, not the one edited since
        st.caption(":orange[:material/edit:] The network on screen has changed since this run: these downloads "
                   "hold the network it trained. Train the network on screen to export it.")
    include = include_data_ui(folder)
    with st.container(horizontal=True):
        for what, (label, file_name, _) in DOWNLOADS.items():
            st.download_button(label, functools.partial(files.read, what, include_data=include), file_name=file_name,
                               mime=MIME.get(Path(file_name).suffix, "application/octet-stream"), key=f"dl_{what}",
                               on_click="ignore", icon=":material/download:")
    for what, error in files.errors.items():
        st.error(plain(f"{DOWNLOADS[what][0]} export failed: {error}"))


def include_data_ui(folder: Path) -> bool:
    """Whether the bundle download holds the training data: only when the person ticks the box (a run keeps an
    uploaded file's data in its folder to resume; a bundle is for sharing). Says beside it what the bundle holds."""
    if not holds_data(folder):
        st.caption("The bundle (.zip) holds the trained model, its spec and its history; the data it was trained on "
                   "is a built-in set, named in the spec.")
        return False
    include = st.checkbox("Include the training data in the bundle", key="dl_include_data", value=False,
                          help="Adds data.safetensors and data.json: every row of the file you uploaded")
    st.caption("The bundle (.zip) holds the trained model, its spec and its history, and **also the training data** "
               "(every row you uploaded): share it only where the data may go." if include else
               "The bundle (.zip) holds the trained model, its spec and its history; not the data you uploaded.")
    return include


def _read_upload(upload) -> None:
    """A spec or a bundle, read in memory in a bounded check process (time and memory limits)."""
    data = upload.getvalue()
    if upload.name.lower().endswith(".onnx"):
        limit = settings().max_upload_bytes
        if len(data) > limit:
            raise BundleError(f"{upload.name}: the file is {len(data):,} bytes; at most {limit:,} are read "
                              "(NETBUILDER_MAX_UPLOAD_MB)")
        imported = bounded(read_onnx, upload.name, data, what=upload.name)
        current = state.spec()  # an ONNX file holds a network only: the data and training settings stay
        spec = {**imported.info["spec"], **{k: current[k] for k in ("data", "training") if k in current}}
        state.session().start_weights = {"layers": spec["layers"], "input": spec["input"], "state": imported.state}
        notes = "".join(f" Note: {n}." for n in imported.info.get("notes") or [])
        state.load(spec, f"the ONNX file {upload.name}: the next run starts from its weights.{notes}")
    elif upload.name.lower().endswith(".zip"):
        bundle = bounded(read_bundle, upload.name, data, what=upload.name)
        spec = bundle.info["spec"]
        state.session().start_weights = {"layers": spec["layers"], "input": spec["input"], "state": bundle.state}
        state.load(spec, f"the bundle {upload.name}: the next run starts from its trained weights")
    else:
        state.load(bounded(read_spec, upload.name, data, what=upload.name), f"the spec {upload.name}")
        state.session().start_weights = None


def continue_ui() -> None:
    upload = st.file_uploader("Spec (.json), bundle (.zip) or ONNX model (.onnx)", type=["json", "zip", "onnx"],
                              key="continue_upload")
    st.caption("An ONNX file is read as data: its graph becomes a network on the canvas with its weights, and "
               "nothing in it runs. The page never runs uploaded Python; to import your own PyTorch module, use "
               "`python -m builder import module.py:ClassName --input-shape …` on your machine.")
    if upload is None:
        return
    digest, ss = hashlib.sha256(upload.getvalue()).hexdigest(), state.session()
    if ss.continue_digest == digest:
        return
    ss.continue_digest = digest
    try:
        _read_upload(upload)
        st.rerun()
    except SpecErrors as e:
        st.error(f"{plain(upload.name)} is not a valid spec:\n\n" + "\n".join(f"- {plain(err)}" for err in e.errors))
    except (BundleError, DataError) as e:
        st.error(plain(e))


def share_ui() -> None:
    link = state.share_link()
    if link is None:
        st.warning("This setup is too large for a link; download the spec instead.")
        return
    base = (st.context.url or "").split("?")[0] or "http://localhost:8501/"
    st.code(f"{base}?{state.SHARE_PARAM}={link}", language=None, wrap_lines=True)
    st.caption("The link holds the network, its layout, the data choice and the training settings (not uploaded "
               "files or trained weights). The address bar holds the same link, so copying it is safe: it opens the "
               "setup, never your runs.")


def export_page() -> None:
    spec = state.spec()
    st.subheader("The network")
    network_downloads_ui(spec)
    st.subheader("The trained model")
    model_downloads_ui()
    st.subheader("Saved runs")
    runs_ui()
    st.subheader("Continue from a file")
    continue_ui()
    st.subheader("Share this setup")
    share_ui()
