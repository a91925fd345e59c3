# The two commands of the README: `make run` and `make test`. Both set up what
# they need on a fresh machine (virtualenv, pinned packages, Debian's chromium
# for the browser tests, the demo database).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB := data/wijkdashboard.duckdb
PORT ?= 8501

.PHONY: run test demo check lint fmt system-deps clean

run: $(VENV)/.runtime $(DB)
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: $(VENV)/.dev system-deps
	$(PY) -m pytest

demo: $(VENV)/.runtime
	$(PY) -m dashboard demo

check: $(VENV)/.runtime $(DB)
	$(PY) -m dashboard check

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.runtime $@

# Browser tests use Debian's chromium (Playwright's own browser download does not work offline).
system-deps:
	@scripts/install-system-deps.sh

$(DB): | $(VENV)/.runtime
	$(PY) -m dashboard demo

clean:
	rm -rf $(VENV) $(DB) test-artifacts
