# Two entry points: `make run` (the app) and `make test` (every test, browser tests included).
# Both create .venv and install pinned packages on first use; `make test` also makes sure
# Debian's chromium and fonts-nanum are present (installing them with apt-get when run as root).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: run test test-fast bench validate browser clean

run: $(STAMP)
	$(BIN)/python -m dashboard.serve

test: $(STAMP) browser
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not e2e"

bench: $(STAMP) browser
	$(BIN)/python -m bench.run

validate: $(STAMP)
	$(BIN)/python -m dashboard.validate data

browser:
	@bash scripts/ensure_browser.sh

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
