# Two entry points: `make run` (the app) and `make test` (every test, browser tests included).
# Both create .venv and install pinned packages on first use; `make test` also makes sure
# Debian's chromium and fonts-nanum are present (installing them with apt-get when run as root).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The app's packages (requirements.txt) and the test/benchmark packages (requirements-dev.txt) have their own stamps:
# `make run` and `make validate` install only what the app needs.
APP_STAMP := $(VENV)/.installed-app-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
# `make run PORT=8502 ADDRESS=0.0.0.0`: loopback only unless told otherwise.
PORT ?= 8501
ADDRESS ?= 127.0.0.1
# Workers for the fast tests (pytest-xdist): two fit a 2-core machine.
JOBS ?= 2
# Python may write bytecode here even where the environment says not to: pytest then keeps each test module with its
# assertions rewritten (in git-ignored __pycache__/) instead of rewriting all of them in every worker and child pytest
# (collection 4.9 s -> 2.5 s once cached).
unexport PYTHONDONTWRITEBYTECODE

# Lint and format check (ruff, settings in pyproject.toml), then the unit, query and page tests in parallel,
# then the browser tests.
.PHONY: run cluster lint test test-fast test-browser screenshots bench validate browser haproxy clean

run: $(APP_STAMP)
	@echo "Starting the dashboard: open http://$(ADDRESS):$(PORT)/ (Ctrl+C stops it)"
	$(BIN)/python -m dashboard.serve --server.address $(ADDRESS) --server.port $(PORT)

test: lint test-fast test-browser

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-fast: $(DEV_STAMP)
	$(BIN)/python -m pytest -m "not browser" -n $(JOBS) --dist worksteal

# A line per test as it ends (-vv: pytest.ini's -q takes one v back). Each worker starts its own app and Chromium
# (free ports), so tests run side by side.
test-browser: $(DEV_STAMP) browser haproxy
	$(BIN)/python -m pytest -m "browser and not screenshots" -vv -n $(JOBS) --dist worksteal
	rm -rf test-artifacts

# Every page at 1400 px and 390 px, Korean and English, into docs/screenshots/ (small PNGs) for a person to review.
screenshots: $(DEV_STAMP) browser
	$(BIN)/python -m pytest -m screenshots -p no:xdist
	$(BIN)/python scripts/optimise_screenshots.py

# A new report under bench/results/ (git-ignored); `make bench BENCH=--write` updates docs/performance.md instead.
bench: $(DEV_STAMP) browser
	$(BIN)/python -m bench.run $(BENCH)

# The folder the app reads: $$HUBS_DATA_DIR when set, else data/.
validate: $(APP_STAMP)
	$(BIN)/python -m dashboard.validate

browser:
	@bash scripts/ensure_browser.sh

# `make cluster [REPLICAS=n] [PORT=p] [ADDRESS=a]`: n Streamlit processes (default: one per core) on 127.0.0.1,
# ports p+1.., behind HAProxy on p (default 8500), in the foreground; Ctrl+C stops them all.
REPLICAS ?= $(shell nproc 2>/dev/null || echo 2)
CLUSTER_PORT = $(if $(filter command line environment,$(origin PORT)),$(PORT),8500)
cluster: $(APP_STAMP) haproxy
	$(BIN)/python -m dashboard.cluster --replicas $(REPLICAS) --port $(CLUSTER_PORT) --address $(ADDRESS)

haproxy:
	@bash scripts/ensure_haproxy.sh

NEW_VENV = test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)

$(APP_STAMP): requirements.txt
	$(NEW_VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-app-*
	touch $@

# Both files in one pip run (on a fresh clone about 3 s less than one run each), which also stands for the app's stamp.
$(DEV_STAMP): requirements.txt requirements-dev.txt
	$(NEW_VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	rm -f $(VENV)/.installed-app-*
	rm -f $(VENV)/.installed-dev-*
	touch $(APP_STAMP) $@

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
