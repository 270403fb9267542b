# NetBuilder: `make run` opens the app, `make test` runs every test. Both set up what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: setup run test test-fast browser-deps bench clean

# The package's bytecode compiled here, once (a second run checks it in milliseconds): where the environment says
# PYTHONDONTWRITEBYTECODE, every process (the server, the training workers' forkserver, each CLI call) would
# otherwise compile the package's modules again as it imports them, half a second each.
setup: $(STAMP)
	@$(BIN)/python -m compileall -q builder canvas/netbuilder_canvas

# Re-installs only when the pins or the package metadata change, so a second run takes seconds. The canvas is its
# own small package (canvas/) that ships its built JavaScript: no Node is needed.
$(STAMP): requirements.lock pyproject.toml canvas/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ./canvas -e ".[dev]"
	touch $(STAMP)

run: setup
	$(BIN)/streamlit run app.py --server.port $(PORT)

# Debian's Chromium for the browser tests (Playwright cannot download browsers here).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# In three parts: the tests that need no browser on two workers (one after another they leave a core idle much of the
# time, in subprocesses, servers and waits: 615 s alone, 350-380 s on two workers of one torch thread each here); the
# GPU's own tests (marked cuda; each skips without one); then the browser suites one after another (a second Chromium
# and server beside them would only slow both down). Every part always runs; make fails if any did. JUNIT_DIR=<folder>
# writes each part's JUnit report. The first part sees no GPU (CUDA_VISIBLE_DEVICES=): many of its tests compare a
# model with a reference computed on the CPU, and a device left at "auto" would put the model on a GPU where there is
# one. benchmarks/gpu.sh runs that part on a GPU too.
CPU_ONLY := CUDA_VISIBLE_DEVICES=
test: setup browser-deps
	@status=0; \
	$(CPU_ONLY) $(BIN)/python -m pytest -q -n 2 -m "not browser and not cuda" $${JUNIT_DIR:+--junitxml=$$JUNIT_DIR/no-browser.xml} || status=$$?; \
	$(BIN)/python -m pytest -q -m cuda tests $${JUNIT_DIR:+--junitxml=$$JUNIT_DIR/cuda.xml} || status=$$?; \
	$(BIN)/python -m pytest -q -m browser $${JUNIT_DIR:+--junitxml=$$JUNIT_DIR/browser.xml} || status=$$?; \
	exit $$status

test-fast: setup
	$(CPU_ONLY) $(BIN)/python -m pytest -q -n 2 -m "not browser and not slow and not cuda"

# Every figure of the performance table, measured side by side as ratios, with the machine's load.
bench: setup
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis runs
