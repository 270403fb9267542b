"""The Streamlit page: the only part of NetBuilder that imports streamlit (`app.py` serves `main.py`).

Plain Python, tested without Streamlit: `edits` (spec-dict edits, undo/redo), `wiring` (canvas edits and layout)
and `canvas_data` (what the canvas draws). `page` draws the tabs, one module each, side by side (no tab imports
another): `playground` (the landing view), `build` (the Layers list), `data`, `train`, `presets`, `export`. What more
than one tab draws is in `widgets` (controls, live fragment, fit, editor, runs, figures); `canvas` draws the network
canvas, `forms` a layer's registry-generated form, `settings_form` the training settings, `downloads` a run's bundle
files. `state` declares and holds the session's state (`state.Session`), `runs` its runs; `server` is the ASGI side
(session cookie, warm-up).
"""
