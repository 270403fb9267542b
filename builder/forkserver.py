"""The forkserver NetBuilder's processes (run workers, the sandbox) are forked from: it has imported torch and the
engine once, so a new worker starts in milliseconds, and nothing is forked from the server, which runs threads."""
from __future__ import annotations

import multiprocessing

PRELOAD = ["builder.preload"]
PROCESS_PREFIX = "netbuilder-"  # the names of NetBuilder's own processes


def forkserver_context():
    """multiprocessing's forkserver, preloading torch and the engine: a worker is a fork of a process that already
    imported them (a few milliseconds), and nothing is forked from the server, which runs threads."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    _skip_main_module()
    return ctx


def _skip_main_module() -> None:
    """A new multiprocessing child first re-imports the parent's __main__ module, so that functions defined there
    can be unpickled. Ours run functions of the `builder` package only, and the server's __main__ is the page
    script, which must not run in a worker: for NetBuilder's own processes (named netbuilder-…), leave it out."""
    from multiprocessing import spawn
    if getattr(spawn.get_preparation_data, "netbuilder", False):
        return
    original = spawn.get_preparation_data

    def preparation_data(name):
        data = original(name)
        if str(name).startswith(PROCESS_PREFIX):
            data.pop("init_main_from_path", None)
            data.pop("init_main_from_name", None)
        return data

    preparation_data.netbuilder = True
    spawn.get_preparation_data = preparation_data


def warm() -> None:
    """Start the forkserver now and wait until it has imported torch and the engine (seconds), off the first page's
    path: the first Start then forks at once."""
    process = forkserver_context().Process(target=_nothing, name="netbuilder-warm-up")
    process.start()
    process.join()


def _nothing() -> None:
    pass
