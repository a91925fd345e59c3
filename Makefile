# The two commands of the README: `make run` and `make test`. Both set up what
# they need on a fresh machine (Debian packages, virtualenv, pinned packages,
# the demo database).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB := data/wijkdashboard.duckdb
PORT ?= 8501
ADDRESS ?= localhost
# Hash-pinned lock files of the whole dependency tree, made by `make lock` from
# requirements.txt and requirements-dev.txt.
LOCK := requirements.lock.txt
DEV_LOCK := requirements-dev.lock.txt
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes
PIP_TOOLS := pip-tools==7.6.2
PIP_COMPILE_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links $(LOCK_ARGS)

.PHONY: run test test-fast static demo check lint fmt lock messages system-deps runtime-deps clean

# runtime-deps: chromium and fonts for the exports (PDF, PowerPoint, PNG) of the app
run: runtime-deps $(VENV)/.runtime $(DB)
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS)

# Static checks first (fast), then the whole suite: unit, AppTest and browser tests.
test: static system-deps
	$(PY) -m pytest

# The edit loop: static checks and the tests without a browser and without the slow ones.
test-fast: static
	$(PY) -m pytest -m "not e2e and not slow"

# Lint, formatting, the layer rule of docs/ARCHITECTURE.md (import-linter) and the types (mypy).
static: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

demo: $(VENV)/.runtime
	$(PY) -m dashboard demo

# the configured database (WIJKDASHBOARD_DB or data/wijkdashboard.duckdb)
check: $(VENV)/.runtime
	$(PY) -m dashboard check

lint: static

fmt: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# A virtualenv counts as made only when its pip works; a half-made one is removed.
$(VENV)/bin/pip:
	@scripts/install-system-deps.sh venv
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV) || (rm -rf $(VENV); exit 1)

# The app and `python -m dashboard` run from the checkout, so only the dependencies are
# installed, not the project itself (`pip install .` gives the `wijkdashboard` command).
$(VENV)/.runtime: $(LOCK) | $(VENV)/bin/pip
	$(PIP_INSTALL) -r $(LOCK)
	touch $@

$(VENV)/.dev: $(LOCK) $(DEV_LOCK) | $(VENV)/bin/pip
	$(PIP_INSTALL) -r $(DEV_LOCK)
	touch $(VENV)/.runtime $@

# Regenerates both lock files after a change to requirements*.txt, with pip-tools in a
# throwaway virtualenv. Pins already in the lock files stay unless they must change;
# `make lock LOCK_ARGS=--upgrade` moves every unpinned dependency to its newest version.
lock:
	@scripts/install-system-deps.sh venv
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp" && \
	"$$tmp/bin/python" -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS) && \
	export CUSTOM_COMPILE_COMMAND="make lock" && \
	"$$tmp/bin/pip-compile" $(PIP_COMPILE_FLAGS) --output-file $(LOCK) requirements.txt && \
	"$$tmp/bin/pip-compile" $(PIP_COMPILE_FLAGS) --constraint $(LOCK) \
		--output-file $(DEV_LOCK) requirements-dev.txt

# The English switch (docs/STACK_NOTES.md "Translations"): extract the Dutch texts of the code
# into the template, then merge it into the English catalogue for the translator (new texts
# come in with an empty msgstr, which tests/test_i18n.py refuses).
POT := dashboard/locale/messages.pot
messages: $(VENV)/.dev
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ --no-location --sort-output -w 100 -o $(POT) \
		--project Wijkdashboard --copyright-holder "Wijkdashboard" dashboard app.py pages
	$(VENV)/bin/pybabel update -i $(POT) -d dashboard/locale -l en --no-fuzzy-matching -w 100

# Browser tests and the exports use Debian's chromium (Playwright's and kaleido's own browser
# downloads do not work offline); the export tests read PDFs back with poppler-utils.
system-deps:
	@scripts/install-system-deps.sh test

runtime-deps:
	@scripts/install-system-deps.sh runtime

$(DB): | $(VENV)/.runtime
	$(PY) -m dashboard demo

clean:
	rm -rf $(VENV) $(DB) data/wijkdashboard.v*.duckdb test-artifacts
