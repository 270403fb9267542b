"""This session's runs on disk, drawn by more than one tab: their bundles and checkpoints to download, and Resume for
every run with a checkpoint and epochs left (the Playground shows its latest interrupted one)."""
from __future__ import annotations

import functools
import time

import streamlit as st

from ..store import checkpoint_bytes
from . import runs
from .text import plain


def _bundle_zip(path) -> bytes:
    from ..export import bundle_zip  # torch: imported when a bundle is downloaded, not to draw the list
    return bundle_zip(path)


def _stored_run_ui(run) -> None:
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(run.modified))
    if run.unfinished:
        st.markdown(f":orange-badge[interrupted at epoch {plain(run.epochs)}] **{plain(run.name)}** · {when}")
    else:
        st.markdown(f":gray-badge[{plain(run.status)}] **{plain(run.name)}** · {plain(run.epochs)} epochs · {when}")
    if run.resumable:  # whatever ended it: a restart, a stop, a failure, the out-of-memory killer
        st.button("Resume", key=f"resume_{run.job_id}", on_click=runs.resume_run, args=(run.job_id,),
                  icon=":material/play_arrow:", help="Continue from the last checkpoint, in the same run folder")
    if run.checkpoint is not None:
        st.download_button("Checkpoint", functools.partial(checkpoint_bytes, run.checkpoint),
                           file_name=f"{run.job_id}-last.pt", key=f"ckpt_{run.job_id}", on_click="ignore",
                           icon=":material/download:")
    if run.has_bundle:
        st.download_button("Bundle (.zip)", functools.partial(_bundle_zip, run.path), file_name=f"{run.job_id}.zip",
                           key=f"saved_{run.job_id}", on_click="ignore", icon=":material/download:")


def interrupted_ui() -> None:
    """With no run going: the session's latest run that a restart (or a stop, a failure) left with epochs to train,
    with its Resume, so the Playground never hides it behind a fresh setup."""
    if runs.current_job() is not None:
        return
    run = next((r for r in runs.stored_runs() if r.resumable), None)
    if run is None:
        return
    total = f"/{run.total_epochs}" if run.total_epochs else ""
    with st.container(border=True, key="interrupted"):
        st.markdown(f":orange-badge[{'interrupted' if run.unfinished else plain(run.status)}] **{plain(run.name)}** "
                    f"at epoch {plain(run.epochs)}{total}")
        st.button("Resume", key=f"pg_resume_{run.job_id}", on_click=runs.resume_run, args=(run.job_id,),
                  icon=":material/play_arrow:", type="primary",
                  help="Continue from its last checkpoint, in the same run folder, with its own settings")


def runs_ui() -> None:
    """This session's runs on disk: their bundles and checkpoints to download, and, for every run with a
    checkpoint and epochs left (whatever ended it), Resume."""
    saved = runs.stored_runs()
    if not saved:
        st.caption("Runs are saved on the server as they train (a checkpoint every epoch) and listed here, also "
                   "after a restart.")
        return
    for run in saved[:12]:
        with st.container(horizontal=True, vertical_alignment="center", key=f"run_{run.job_id}"):
            _stored_run_ui(run)
