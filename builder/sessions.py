"""Session keys the server issues and can recognise: a random id signed with the server's secret.

The key that proves who owns a run lives in an HttpOnly cookie, never in the address bar, so a copied address
gives its recipient the setup (the share link) but not the run. A key the server did not sign is never adopted.
The secret is kept in the runs folder, so a browser's session (and its interrupted runs) survives a restart.
"""
from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import hmac
import os
import re
import secrets
import sys
import tempfile
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


SECRET_BYTES = 32  # a shorter secret (an empty file: a first write cut short) would let anyone sign a key


@functools.cache
def server_secret(folder: str) -> bytes:
    """The signing secret, kept in `folder/.session-secret` (readable by the server only), so a browser's session
    survives a restart. A missing, short or unreadable file is replaced whole by a new secret. Where no secret can
    be kept (the folder cannot be written, or a folder stands where the file goes), a secret for this process
    alone, said once on stderr: sessions then end with the server, and every page still answers."""
    path = Path(folder) / ".session-secret"
    kept = _read_secret(path)
    if kept is not None:
        return kept
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return _keep_new_secret(path)
    except OSError as e:
        print(f"warning: {path}: cannot keep the session secret there ({e.strerror or e}); sessions end when "
              "the server stops", file=sys.stderr)
        return secrets.token_bytes(SECRET_BYTES)


def _read_secret(path: Path) -> bytes | None:
    """The secret in `path`, or None when there is none worth using (missing, short, unreadable, not a file)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if len(data) >= SECRET_BYTES else None


def _keep_new_secret(path: Path) -> bytes:
    """A new secret, written whole to a temporary file (mode 0600) and then put in place in one step, so no reader
    ever sees part of one. Of two servers starting at once on an empty folder, both keep the first one's."""
    secret = secrets.token_bytes(SECRET_BYTES)
    fd, tmp = tempfile.mkstemp(prefix=".session-secret.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(secret)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)  # only where no file is
            return secret
        except FileExistsError:
            kept = _read_secret(path)  # another server's, written a moment ago
            if kept is not None:
                return kept
        except OSError:
            pass  # a file system without hard links
        os.replace(tmp, path)  # over a short or unreadable file
        return secret
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
