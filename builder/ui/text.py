"""User text (a network's name, a file's or column's name, an error quoting either) shown through Streamlit's
Markdown as the characters it is: no link, image, colour or heading can be smuggled into the page."""
from __future__ import annotations

import re

_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$=^&])")
_SHORTCODE = re.compile(r":(?=[\w+\-/]+:)")  # the colon that opens an icon or emoji code (":material/home:", ":skull:")


def plain(value) -> str:
    """`value` as text for st.markdown, st.error, widget labels and the like: every Markdown mark escaped with a
    backslash, line breaks and runs of spaces as one space. Streamlit reads icon and emoji codes in the text
    after escapes are undone, so a zero-width space after the opening colon keeps them apart."""
    text = _SHORTCODE.sub(":\u200b", " ".join(str(value).split()))
    return _MARKUP.sub(r"\\\1", text)
