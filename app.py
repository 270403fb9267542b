"""NetBuilder's server: `streamlit run app.py` (or `make run`). The page is builder/ui/main.py."""
import sys

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config

from builder.settings import SettingsError, settings

try:
    settings()  # a bad NETBUILDER_* variable stops the server here, with its name in the message
except SettingsError as e:
    sys.exit("\n".join(f"error: {line}" for line in str(e).splitlines()))

from builder.ui import server  # noqa: E402  (after the settings are known to be good)

# the training workers' forkserver (a process of its own) imports torch on the other core while Streamlit starts
server.warm_workers()

# one upload limit: the server refuses what the page's parsers would refuse anyway
config.set_option("server.maxUploadSize", settings().max_upload_mb, "NETBUILDER_MAX_UPLOAD_MB")

app = st.App(server.PAGE, middleware=[Middleware(server.SessionCookie)], lifespan=server.lifespan)
