"""The Streamlit page: the only part of NetBuilder that imports streamlit (`app.py` calls `builder.ui.page.main`).

`edits` and `history` are plain Python (spec-dict edits, undo/redo) so they are tested without Streamlit;
every other module here draws part of the page.
"""
