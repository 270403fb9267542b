"""The secret that signs session keys is never one anyone could guess: an empty or short `.session-secret` (a
first write cut short) is replaced whole by a new one, and a folder standing where the file goes leaves the server
answering every request with a secret of its own process (said on stderr), not a 500 on every page."""
from __future__ import annotations

import asyncio
import concurrent.futures
import os
import stat

import pytest

from builder import sessions
from builder.ui.server import SessionCookie

SECRET = ".session-secret"


@pytest.fixture(autouse=True)
def fresh_cache():
    sessions.server_secret.cache_clear()
    yield
    sessions.server_secret.cache_clear()


@pytest.mark.parametrize("content", [b"", b"x", b"k" * 31, b"\n"])
def test_a_short_secret_file_is_replaced_by_a_whole_new_one(tmp_path, content):
    (tmp_path / SECRET).write_bytes(content)
    secret = sessions.server_secret(str(tmp_path))
    assert len(secret) >= 32 and secret != content and (tmp_path / SECRET).read_bytes() == secret
    assert stat.S_IMODE((tmp_path / SECRET).stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [SECRET]  # no temporary file left behind


def test_a_key_signed_with_an_empty_secret_is_not_accepted(tmp_path):
    (tmp_path / SECRET).write_bytes(b"")
    forged = sessions.issue(b"")  # what anyone could sign while the server used the empty file as its key
    assert sessions.verify(sessions.server_secret(str(tmp_path)), forged) is None


def test_a_folder_where_the_secret_goes_gives_a_secret_for_this_process_and_says_so(tmp_path, capsys):
    (tmp_path / SECRET).mkdir()
    secret = sessions.server_secret(str(tmp_path))
    assert len(secret) >= 32 and (tmp_path / SECRET).is_dir()
    err = capsys.readouterr().err
    assert err.startswith("warning: ") and str(tmp_path / SECRET) in err and "sessions end when the server stops" in err
    assert sessions.server_secret(str(tmp_path)) == secret  # one secret for the life of the process


def test_a_runs_folder_that_cannot_be_made_gives_a_secret_for_this_process(tmp_path, capsys):
    (tmp_path / "file").write_text("in the way")
    secret = sessions.server_secret(str(tmp_path / "file" / "runs"))
    assert len(secret) >= 32 and "cannot keep the session secret" in capsys.readouterr().err


def test_two_servers_starting_at_once_agree_on_the_secret(tmp_path):
    start = sessions.server_secret.__wrapped__  # each call as a fresh server process would make it
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        secrets_seen = set(pool.map(lambda _: start(str(tmp_path)), range(16)))
    assert secrets_seen == {(tmp_path / SECRET).read_bytes()}


def _status(runs_dir, monkeypatch) -> tuple[int, list[bytes]]:
    """The status and Set-Cookie headers the page's middleware gives one request (the health check's path)."""
    monkeypatch.setenv("NETBUILDER_RUNS_DIR", str(runs_dir))
    from builder import settings as settings_module
    settings_module.reload()
    sent = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.body", "body": b"ok"})

    async def send(message):
        sent.append(message)

    call = SessionCookie(app)({"type": "http", "path": "/_stcore/health", "headers": [], "scheme": "http"}, None,
                              send)
    try:
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, call).result(timeout=30)
    finally:
        monkeypatch.undo()
        settings_module.reload()
    return sent[0]["status"], [v for k, v in sent[0]["headers"] if k == b"set-cookie"]


@pytest.mark.parametrize("damage", ["folder", "empty"])
def test_every_request_is_answered_whatever_the_secret_file(tmp_path, monkeypatch, damage):
    (tmp_path / SECRET).mkdir() if damage == "folder" else (tmp_path / SECRET).write_bytes(b"")
    status, cookies = _status(tmp_path, monkeypatch)
    assert status == 200 and len(cookies) == 1 and b"HttpOnly" in cookies[0]
    key = cookies[0].split(b";")[0].split(b"=", 1)[1].decode()
    assert sessions.verify(sessions.server_secret(str(tmp_path)), key)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_secret_file_is_replaced(tmp_path):
    (tmp_path / SECRET).write_bytes(b"s" * 32)
    (tmp_path / SECRET).chmod(0)
    secret = sessions.server_secret(str(tmp_path))
    assert len(secret) >= 32 and (tmp_path / SECRET).read_bytes() == secret
