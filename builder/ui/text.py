"""User text (a network's name, a file's or column's name, an error quoting either) shown through Streamlit's
Markdown as the characters it is: no link, image, colour or heading can be smuggled into the page."""
from __future__ import annotations

import re

_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$=^&])")


def plain(value) -> str:
    """`value` as text for st.markdown, st.error and the like: every Markdown mark escaped with a backslash,
    line breaks and runs of spaces as one space. Streamlit's icon codes (":material/home:") survive escaping,
    so a zero-width space keeps their colon from the name."""
    text = _MARKUP.sub(r"\\\1", " ".join(str(value).split()))
    return text.replace("\\:material/", "\\:\u200bmaterial/")
