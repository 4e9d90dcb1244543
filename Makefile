# Two commands do everything on a fresh machine with Python 3.11: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := build/demo.duckdb

.PHONY: demo test install dev lint typecheck unit slow bench accuracy clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "newsevents needs Python 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev

demo: install
	@mkdir -p build
	@rm -f $(DEMO_DB)
	$(BIN)/newsevents ingest examples --db $(DEMO_DB) --date 2025-11-14
	$(BIN)/newsevents events --db $(DEMO_DB) --format table

lint: dev
	$(BIN)/ruff check src tests benchmarks tools

typecheck: dev
	$(BIN)/mypy

unit: dev
	$(BIN)/pytest

test: lint typecheck unit

slow: dev
	$(BIN)/pytest -m slow

bench: install
	$(BIN)/python benchmarks/speed.py

accuracy: install
	$(BIN)/python benchmarks/accuracy.py

clean:
	rm -rf $(VENV) build .mypy_cache .pytest_cache .ruff_cache
