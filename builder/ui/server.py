"""The server around the page: a session cookie for every browser, and what is warmed up at start.

`app.py` builds the ASGI app from these (`streamlit run app.py` serves it); the page itself is PAGE.
"""
from __future__ import annotations

import contextlib
import os
import socket
import stat
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path

from ..sessions import COOKIE, MAX_AGE_S, issue, server_secret, verify
from ..settings import settings

PAGE = str(Path(__file__).with_name("main.py"))


class SessionCookie:
    """ASGI middleware: a page served to a browser without a valid session cookie sets one (signed by the server,
    HttpOnly, never in the address bar). The page reads it back to know whose runs are whose."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        secret = server_secret(str(settings().runs_dir))
        if verify(secret, _cookie(scope)):
            return await self.app(scope, receive, send)
        secure = "; Secure" if scope.get("scheme") == "https" else ""
        value = f"{COOKIE}={issue(secret)}; Path=/; Max-Age={MAX_AGE_S}; HttpOnly; SameSite=Lax{secure}"

        async def send_with_cookie(message):
            if message["type"] == "http.response.start" and _is_html(message):
                message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", value.encode())]}
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def _cookie(scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            jar = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed Cookie header is as good as none
                return None
            morsel = jar.get(COOKIE)
            return morsel.value if morsel else None
    return None


def _is_html(message) -> bool:
    return any(name == b"content-type" and value.startswith(b"text/html") for name, value in message.get("headers", []))


FIRST_PAGE = threading.Event()  # set once a page's script has run: the last of the warm-up waits for it
WARM_UP_AFTER_S = 5.0  # (or this long)
BROWSER_DRAWS_S = 0.75  # then gives the browser a head start on drawing that page (two cores go fast unshared)
IDLE_AFTER_S = 10.0  # the rest (other tabs, the FLOP counter) waits this long after that, and for no run training
QUIET_S = 3.0  # … and for this long without a page's script run (a page opened as a run ends is drawn first)
_LAST_PAGE = [0.0]  # time.monotonic() of the latest page script run's end


def page_drawn() -> None:
    _LAST_PAGE[0] = time.monotonic()
    FIRST_PAGE.set()


def _busy() -> bool:
    from ..jobs import JOBS
    return bool(JOBS.running_count()) or time.monotonic() - _LAST_PAGE[0] < QUIET_S


def warm_up() -> threading.Thread:
    """In the background, once per server, so the health check answers at once: what the first page imports (the
    page, its landing tab, what Streamlit loads late: no torch, see `builder.datasets.Dataset`) and a check of the
    default network, which the first page would otherwise wait for (it waits for them only if it comes first); after
    the first page is drawn, what no first screen needs: the job reaper; later, while no run trains, the other tabs'
    modules (torch with them) and the FLOP counter (the Layers tab's summary), whose first use loads torch._dynamo:
    seconds holding the interpreter, which a first page and a first Start clicked at once must not share, nor a page
    opened as a run ends (they wait until no page has run its script for QUIET_S). (The
    workers' forkserver is started with the server, `warm_workers`.)"""
    def work() -> None:
        warm_first_page()
        if FIRST_PAGE.wait(WARM_UP_AFTER_S):
            time.sleep(BROWSER_DRAWS_S)
        from ..jobs import JOBS, start_reaper
        from ..presets import load_preset
        from ..summary import summarize
        from .page import import_tabs
        start_reaper(JOBS, grace_s=120.0)
        time.sleep(IDLE_AFTER_S)
        while _busy():
            time.sleep(0.5)
        import_tabs()
        summarize(load_preset("lenet_digits"))

    thread = threading.Thread(target=work, name="netbuilder-warm-up", daemon=True)
    thread.start()
    return thread


def warm_first_page() -> None:
    """What the first page would otherwise load or compute during its script run (a test checks that after this,
    its run imports no module): the landing tab, what Streamlit and numpy load late, the default network's check."""
    from .page import PAGES, import_tabs
    import_tabs(next(iter(PAGES)))  # the landing tab
    _import_what_streamlit_loads_late()
    from ..checker import check_spec
    from .state import default_spec
    check_spec(default_spec())


def _import_what_streamlit_loads_late() -> None:
    """What Streamlit itself imports only when the first page's script asks for it: its emoji catalog (a large regex
    compiled on import), to look for a leading emoji in a non-ASCII label (the Features pills: X₁²). (Pandas, which
    it imports to look for data frames in a component's data, the first page no longer needs: the canvas sends its
    graph as a list, see netbuilder_canvas.network_canvas.) And the look at the call stack that its first element in
    a process takes (to tell a REPL apart): `inspect` then finds the file of every loaded module, once. And numpy's
    submodules it loads on first use, which the first page's data preview uses."""
    import inspect

    import numpy.ma  # noqa: F401  (numpy loads it on first use: np.unique, in the data preview)
    import numpy.random  # noqa: F401
    import streamlit.emojis  # noqa: F401
    import streamlit.material_icon_names  # noqa: F401  (to check an icon's name: a table of thousands)
    inspect.stack()


_WORKERS_WARMING = threading.Lock()  # held for good once the workers' warm-up has started


def warm_workers() -> None:
    """Start, once per server, the forkserver that starts training workers: a process of its own that imports torch
    and the engine (seconds, on the other core; a thread here only waits for it), so that the first Start never
    waits for a warm-up the server could have done already. app.py starts it as the server starts: it then uses the
    core Streamlit's own start leaves idle."""
    if _WORKERS_WARMING.acquire(blocking=False):
        from ..forkserver import warm
        threading.Thread(target=warm, name="netbuilder-warm-workers", daemon=True).start()


def no_delay_listeners() -> int:
    """Give this process's listening TCP sockets TCP_NODELAY, which the connections they accept inherit (Linux,
    macOS); returns how many it set. Streamlit binds the server's socket with protocol 0, so asyncio's own TCP_NODELAY
    for TCP transports never applies: on a kept-alive connection each response's body then waits for the browser's
    delayed ACK, 40 ms for each of the ~90 script files a first page loads over six connections (and the same for a
    hello-world app). Measured on a warm server: a kept-alive request 44 ms, 2 ms after this."""
    fd_dir = next((d for d in ("/proc/self/fd", "/dev/fd") if os.path.isdir(d)), None)
    if fd_dir is None:
        return 0
    done = 0
    for name in os.listdir(fd_dir):
        try:
            fd = int(name)
            if not stat.S_ISSOCK(os.fstat(fd).st_mode):
                continue
            with socket.socket(fileno=os.dup(fd)) as sock:  # a duplicate: closing it leaves the server's open
                if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM and \
                        sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    done += 1
        except (ValueError, OSError):  # not a number, closed meanwhile, not a socket this can ask
            continue
    return done


@contextlib.asynccontextmanager
async def lifespan(app):
    settings()  # a bad NETBUILDER_* variable stops the server here, with its name in the message
    no_delay_listeners()
    warm_up()
    yield {}
