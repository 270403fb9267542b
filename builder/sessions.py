"""Session keys the server issues and can recognise: a random id signed with the server's secret.

The key that proves who owns a run lives in an HttpOnly cookie, never in the address bar, so a copied address
gives its recipient the setup (the share link) but not the run. A key the server did not sign is never adopted.
The secret is kept in the runs folder, so a browser's session (and its interrupted runs) survives a restart.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

COOKIE = "netbuilder_session"
MAX_AGE_S = 180 * 24 * 3600
_ID = re.compile(r"[A-Za-z0-9_-]{22,64}")


def _sign(secret: bytes, session_id: str) -> str:
    mac = hmac.new(secret, session_id.encode(), hashlib.sha256).digest()[:18]
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def issue(secret: bytes) -> str:
    """A new session key: `<id>.<signature>`."""
    session_id = secrets.token_urlsafe(18)
    return f"{session_id}.{_sign(secret, session_id)}"


def verify(secret: bytes, key: str | None) -> str | None:
    """The session id inside a key the server issued, or None (absent, malformed, or signed by someone else)."""
    if not isinstance(key, str) or key.count(".") != 1 or len(key) > 200:
        return None
    session_id, signature = key.split(".")
    if not _ID.fullmatch(session_id) or not hmac.compare_digest(signature, _sign(secret, session_id)):
        return None
    return session_id


@functools.cache
def server_secret(folder: str) -> bytes:
    """The signing secret, kept in `folder/.session-secret` (created once, readable by the server only). Where
    that folder cannot be written, a secret for this process alone: sessions then end with the server."""
    path = Path(folder) / ".session-secret"
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except OSError:
        pass
    secret = secrets.token_bytes(32)
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(secret)
    except FileExistsError:
        return path.read_bytes()
    except OSError:
        pass
    return secret
