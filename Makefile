# Two commands do everything on a fresh machine with Python 3.11: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
# The newest Python supported, for the install-and-code check (pyenv's, where its shim is not on PATH).
PYTHON313 ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13) $(shell command -v python3.13))
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := build/demo.duckdb
# The dashboard's front end: npm packages (web/package-lock.json) built into the Python package, which
# serves them (src/newsevents/api/static, git-ignored, in the wheel as package data).
WEB := web
ASSETS := src/newsevents/api/static/index.html
CHROMIUM ?= $(shell command -v chromium || echo /usr/bin/chromium)

# The tests' PostgreSQL: a throwaway cluster under build/pg on a unix socket (.ci/pg-server), unless
# NEWSEVENTS_TEST_PG already names a server. Empty when none could be started: those tests are skipped.
PG_DIR := build/pg
TEST_PG = NEWSEVENTS_TEST_PG="$${NEWSEVENTS_TEST_PG:-$$(.ci/pg-server start $(PG_DIR))}"

.PHONY: demo test install dev lint typecheck unit slow bench accuracy lexicon clean constraints pg pg-stop wordnet

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert (3, 11) <= sys.version_info[:2] < (3, 14), "newsevents needs Python 3.11 to 3.13"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.dev: pyproject.toml constraints.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,dask,postgres]"
	touch $@

$(WEB)/node_modules/.installed: $(WEB)/package.json $(WEB)/package-lock.json
	cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(ASSETS): $(WEB)/node_modules/.installed $(WEB)/build.mjs $(WEB)/index.html $(wildcard $(WEB)/src/*)
	cd $(WEB) && node build.mjs

assets: $(ASSETS)

# The browser tests drive Debian's Chromium headless (Playwright's own browser download is not used).
browser:
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

install: $(VENV)/.installed $(ASSETS)

dev: $(VENV)/.dev $(ASSETS)

demo: install
	@mkdir -p build
	@rm -f $(DEMO_DB)
	$(BIN)/newsevents ingest examples --db $(DEMO_DB) --date 2025-11-14
	$(BIN)/newsevents events --db $(DEMO_DB) --format table

lint: dev
	$(BIN)/ruff check src tests benchmarks tools

typecheck: dev
	$(BIN)/mypy

unit: dev browser wordnet
	$(TEST_PG) $(BIN)/pytest

test: lint typecheck unit

slow: dev browser wordnet
	$(TEST_PG) $(BIN)/pytest -m slow

# Start (and print the URL of) the tests' PostgreSQL, or stop it.
pg:
	@.ci/pg-server start $(PG_DIR)

pg-stop:
	@.ci/pg-server stop $(PG_DIR)

bench: install
	$(BIN)/python benchmarks/speed.py

accuracy: install
	$(BIN)/python benchmarks/accuracy.py

# Regenerate events/data/wordnet_verbs.yaml from tools/lexicon_seeds.yaml and WordNet 3.0 (build time only:
# the package never reads WordNet). Debian's wordnet-base holds the database in /usr/share/wordnet; the unit
# tests install it too, so that CI checks the committed file is what the seeds give.
wordnet:
	@test -f /usr/share/wordnet/index.verb || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base; }

lexicon: dev wordnet
	$(BIN)/python tools/expand_lexicon.py

# The wheel installed with each Python's bundled pip (not upgraded), then --version and one article coded
# from outside the repository: 3.11 (pip 23.2) and 3.13. CI runs it after the suite.
wheel-check: install
	tools/wheel_check.sh $(PYTHON) $(BIN)/python
	tools/wheel_check.sh $(PYTHON313) $(BIN)/python

# pyproject's lowest allowed versions of every direct dependency, and the fast suite under them (docs/install.md).
lowest:
	$(PYTHON) tools/check_lowest.py

clean: pg-stop
	rm -rf $(VENV) build .mypy_cache .pytest_cache .ruff_cache $(WEB)/node_modules src/newsevents/api/static

# Re-pin constraints.txt from a fresh environment built from pyproject's ranges (newest allowed versions).
constraints:
	rm -rf build/pin && $(PYTHON) -m venv build/pin
	build/pin/bin/python -m pip install --quiet --upgrade "pip==25.3"
	build/pin/bin/python -m pip install --quiet -e ".[dev,dask,postgres]"
	{ echo "# Exact versions that make and CI install (pip install -c constraints.txt); pyproject.toml gives the ranges."; \
	  echo "# Regenerate after changing a range: make constraints."; \
	  build/pin/bin/python -m pip freeze --exclude-editable | sort -f; } > constraints.txt
