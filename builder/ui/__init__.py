"""The Streamlit page: the only part of NetBuilder that imports streamlit (`app.py` serves `main.py`).

Plain Python, tested without Streamlit: `edits` (spec-dict edits, undo/redo), `wiring` (canvas edits and layout)
and `canvas_data` (what the canvas draws). Each of the others draws part of the page: `page` (the tabs),
`playground` (the landing view), `canvas`, `build` (the Layers list), `data`, `train`, `presets`, `export`;
`forms` draws a layer's registry-generated form and `downloads` a run's bundle files; `state`, `runs` and
`settings_form` hold the session's state, its runs and the settings widgets; `server` is the ASGI side (session
cookie, warm-up).
"""
