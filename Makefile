# The two commands of the README: `make run` and `make test`. Both set up what
# they need on a fresh machine (Debian packages, virtualenv, pinned packages,
# the demo database).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB := data/wijkdashboard.duckdb
PORT ?= 8501
ADDRESS ?= localhost

.PHONY: run test demo check lint fmt system-deps clean

run: $(VENV)/.runtime $(DB)
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS)

# Lint first (fast), then the whole suite: unit, AppTest and browser tests.
test: $(VENV)/.dev system-deps
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

demo: $(VENV)/.runtime
	$(PY) -m dashboard demo

# the configured database (WIJKDASHBOARD_DB or data/wijkdashboard.duckdb)
check: $(VENV)/.runtime
	$(PY) -m dashboard check

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# A virtualenv counts as made only when its pip works; a half-made one is removed.
$(VENV)/bin/pip:
	@scripts/install-system-deps.sh venv
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV) || (rm -rf $(VENV); exit 1)

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.runtime $@

# Browser tests use Debian's chromium (Playwright's own browser download does not work offline).
system-deps:
	@scripts/install-system-deps.sh browser

$(DB): | $(VENV)/.runtime
	$(PY) -m dashboard demo

clean:
	rm -rf $(VENV) $(DB) data/wijkdashboard.v*.duckdb test-artifacts
