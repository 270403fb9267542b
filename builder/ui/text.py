"""User text (a network's name, a file's or column's name, an error quoting either) shown through Streamlit's
Markdown as the characters it is: no link, image, colour or heading can be smuggled into the page."""
from __future__ import annotations

import re

from ..errors import cut, page_text

_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$=^&])")
# Where Streamlit reads markup in the text itself, after escapes are undone: after the colon that opens an icon or
# emoji code (":material/home:", ":skull:") or an address ("http://"), before the dot of "www.", after the "@" of an
# e-mail address (GitHub's autolink literals). A zero-width space there breaks each apart.
_IN_TEXT = re.compile(r"(?<=:)(?=[\w+\-/]+:|//)|(?<=[Ww]{3})(?=\.)|(?<=@)(?=\w)")
RUN_CHARS = 200  # the longest run of characters without a space shown whole: a column named by a megabyte of text
_RUN = re.compile(rf"\S{{{RUN_CHARS + 1},}}")


def plain(value) -> str:
    """`value` as text for st.markdown, st.error, widget labels and the like: every Markdown mark escaped with a
    backslash, line breaks and runs of spaces as one space, a run of more than RUN_CHARS characters without a
    space cut in its middle (`errors.cut`), the codes and addresses Streamlit finds in plain text broken by a
    zero-width space, and control characters shown as escapes (`errors.page_text`)."""
    text = _RUN.sub(lambda run: cut(run.group(), RUN_CHARS), " ".join(str(value).split()))
    text = _IN_TEXT.sub("\u200b", page_text(text))
    return _MARKUP.sub(r"\\\1", text)
