"""The server's own defences, against the real `streamlit run app.py`: XSRF protection on uploads, the upload
size limit, and the pinned Streamlit release."""
from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request

import pytest

from .helpers import ROOT, open_app

pytestmark = pytest.mark.browser


def _put(url: str, body: bytes, headers: dict | None = None) -> tuple[int, str]:
    boundary = "netbuilderboundary"
    data = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n").encode() + body + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(url, data=data, method="PUT", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_an_upload_without_the_xsrf_token_is_refused(app_url, page):
    status, text = _put(f"{app_url}/_stcore/upload_file/any-session/any-file", b"a,b\n1,2\n")
    assert status == 403 and "XSRF" in text
    open_app(page, app_url)
    token = next((c["value"] for c in page.context.cookies() if c["name"] == "_streamlit_xsrf"), None)
    assert token, "the page must set the XSRF cookie"
    response = page.context.request.put(f"{app_url}/_stcore/upload_file/any-session/any-file", headers={
        "X-Xsrftoken": token}, multipart={"file": {"name": "a.csv", "mimeType": "text/csv", "buffer": b"a,b\n1,2\n"}})
    assert response.status != 403, "with the page's own token the request passes the XSRF check"


def test_upload_size_and_xsrf_are_configured():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["fileWatcherType"] == "none"
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["runner"]["postScriptGC"] is False  # a full collection after each live redraw halved training
    # the upload limit lives in one place, NETBUILDER_MAX_UPLOAD_MB, and app.py hands it to Streamlit
    assert "maxUploadSize" not in config["server"]
    program = ("import runpy; from streamlit import config; runpy.run_path('app.py'); "
               "print(config.get_option('server.maxUploadSize'))")
    done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NETBUILDER_MAX_UPLOAD_MB": "7"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "7"
    bad = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "NETBUILDER_MAX_UPLOAD_MB": "lots"})
    assert bad.returncode != 0 and "error: NETBUILDER_MAX_UPLOAD_MB" in bad.stderr and "Traceback" not in bad.stderr


def test_streamlit_is_pinned_to_a_release_with_server_side_upload_type_checks():
    import streamlit
    pins = dict(line.split("==") for line in (ROOT / "requirements.lock").read_text().splitlines()
                if "==" in line and not line.startswith("#"))
    assert pins["streamlit"].startswith("1.67.") and streamlit.__version__ == pins["streamlit"]
