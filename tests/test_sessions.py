"""Sessions cannot be taken over: the key that owns a run is a server-signed HttpOnly cookie, never in the address
bar; a key the server did not sign is never adopted; a copied address opens the setup, not the run."""
import asyncio
import subprocess
import sys
import concurrent.futures
import threading

import pytest
from streamlit.testing.v1 import AppTest

from builder import sessions
from builder.ui.server import SessionCookie
from conftest import ROOT

SECRET = b"k" * 32


def test_keys_are_signed_and_only_signed_keys_are_accepted():
    key = sessions.issue(SECRET)
    sid = sessions.verify(SECRET, key)
    assert sid and key.startswith(sid + ".")
    assert sessions.verify(b"another secret, another server", key) is None
    forged = sid + "." + "A" * 24  # a well-formed key, guessed
    for bad in (forged, sid, "", None, "a.b.c", "x" * 300, "../../etc.passwd", sid + ".", "." + key.split(".")[1]):
        assert sessions.verify(SECRET, bad) is None, bad
    assert sessions.issue(SECRET) != key


def test_the_secret_is_kept_so_sessions_survive_a_restart(tmp_path):
    first = sessions.server_secret(str(tmp_path))
    sessions.server_secret.cache_clear()
    assert sessions.server_secret(str(tmp_path)) == first and len(first) >= 32
    assert (tmp_path / ".session-secret").stat().st_mode & 0o077 == 0  # readable by the server only


def _serve(cookie_header: bytes | None, content_type: bytes = b"text/html") -> list[bytes]:
    """The Set-Cookie headers the middleware adds to one response."""
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", content_type)]})
        await send({"type": "http.response.body", "body": b"page"})

    sent = []

    async def send(message):
        sent.append(message)

    headers = [(b"cookie", cookie_header)] if cookie_header is not None else []
    call = SessionCookie(app)({"type": "http", "headers": headers, "scheme": "http"}, None, send)
    # a thread of its own: an event loop left running in this one (Playwright's sync API) must not matter
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, call).result(timeout=30)
    return [v for name, v in sent[0]["headers"] if name == b"set-cookie"]


def test_the_page_sets_an_httponly_cookie_once(monkeypatch):
    from builder.settings import settings
    secret = sessions.server_secret(str(settings().runs_dir))
    [fresh] = _serve(None)
    assert fresh.startswith(f"{sessions.COOKIE}=".encode()) and b"HttpOnly" in fresh and b"SameSite=Lax" in fresh
    key = fresh.split(b";")[0].split(b"=", 1)[1].decode()
    assert sessions.verify(secret, key)
    assert _serve(f"{sessions.COOKIE}={key}".encode()) == []  # a valid cookie is kept
    assert len(_serve(f"{sessions.COOKIE}=forged.key".encode())) == 1  # an invalid one is replaced
    assert _serve(None, b"application/javascript") == []  # only the page itself sets it


def test_the_workers_warm_up_once_per_server_as_it_starts(monkeypatch):
    """The forkserver (torch in a process of its own) starts with the server, once, while Streamlit starts: app.py
    asks for it before it builds the app."""
    from builder import forkserver
    from builder.ui import server
    answers, started = [], threading.Event()
    monkeypatch.setattr(server, "_WORKERS_WARMING", threading.Lock())
    monkeypatch.setattr(forkserver, "warm", lambda: (answers.append("warm"), started.set()))
    server.warm_workers()
    assert started.wait(10)
    server.warm_workers()
    assert answers == ["warm"]
    app = (ROOT / "app.py").read_text()
    assert 0 < app.index("server.warm_workers()") < app.index("st.App(")  # the server wires it, as it starts


APP = str(ROOT / "builder" / "ui" / "main.py")


@pytest.mark.parametrize("query", [{}, {"sid": "guessed-session-key-123456"}])
def test_an_address_never_carries_or_sets_the_session(query):
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception
    assert at.session_state["sid"] != query.get("sid") and "sid" not in at.query_params


def test_the_servers_listening_socket_hands_tcp_nodelay_to_the_connections_it_accepts(monkeypatch):
    """Streamlit binds with protocol 0, so asyncio never sets TCP_NODELAY: a kept-alive response's body then waits
    40 ms for the browser's delayed ACK. The server sets it on its listening sockets once it starts (lifespan)."""
    import asyncio
    import socket

    from builder.ui import server
    listener = socket.socket(family=socket.AF_INET)  # as Streamlit binds it
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    other = socket.socket(family=socket.AF_INET)  # a socket that is not listening is left as it is
    with listener, other:
        assert listener.proto == 0 and not listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        assert server.no_delay_listeners() >= 1
        assert not other.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        with socket.create_connection(listener.getsockname()):
            accepted, _ = listener.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    called = []
    monkeypatch.setattr(server, "no_delay_listeners", lambda: called.append(True))
    monkeypatch.setattr(server, "warm_up", lambda: None)

    async def start():
        async with server.lifespan(None):
            pass
    asyncio.run(start())
    assert called  # the server does it when it starts


def test_the_late_warm_up_waits_for_quiet_after_a_page_has_run(monkeypatch):
    """The warm-up's late imports (torch with the other tabs, seconds holding the interpreter) wait while a run
    trains and until no page has run its script for QUIET_S: a page opened as a run ends is drawn first."""
    import time

    from builder.jobs import JOBS
    from builder.ui import server
    monkeypatch.setattr(server, "QUIET_S", 0.2)
    monkeypatch.setattr(JOBS, "running_count", lambda: 0)
    server.page_drawn()
    assert server._busy()  # a page has just been drawn
    time.sleep(0.3)
    assert not server._busy()
    monkeypatch.setattr(JOBS, "running_count", lambda: 1)
    assert server._busy()  # a run trains


def test_after_the_warm_up_the_first_page_imports_nothing():
    """Every module the first page's script run needs is loaded by the server's warm-up before the first request:
    an import during that run (numpy.ma behind np.unique took 0.2-0.4 s on two cores) delays the first screen."""
    code = f"""import sys
from streamlit.testing.v1 import AppTest
hello = AppTest.from_string("import streamlit as st\\nst.write('hello')", default_timeout=60)
hello.run()  # what AppTest itself loads on its first run
from builder.ui import server
server.warm_first_page()
at = AppTest.from_file({APP!r}, default_timeout=90)
before = set(sys.modules)
at.run()
assert not at.exception, at.exception
print(sorted(set(sys.modules) - before))
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_whole_warm_up_runs_to_its_end():
    """The warm-up thread's every step runs (a failure there would go unseen: a thread's error reaches no page)."""
    code = """import sys, threading
errors = []
threading.excepthook = lambda args: errors.append(args.exc_value)
from builder.ui import server
server.WARM_UP_AFTER_S = server.BROWSER_DRAWS_S = server.IDLE_AFTER_S = server.QUIET_S = 0.0
server.page_drawn()
thread = server.warm_up()
thread.join(240)
assert not thread.is_alive() and not errors, errors
assert "builder.summary" in sys.modules and "torch" in sys.modules  # its last steps ran
print("done")
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "done"
