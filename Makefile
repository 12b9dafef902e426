# The two commands a new user runs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
DB ?= examples.duckdb

.PHONY: demo test lint install clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $(STAMP)

$(DEVSTAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,ray]'
	touch $(DEVSTAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DB)
	$(BIN)/eventscope run examples/ --db $(DB)
	$(BIN)/eventscope events --db $(DB)
	@echo "Dashboard and API: $(BIN)/eventscope serve --db $(DB)   then open http://127.0.0.1:8000"

test: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks scripts training
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py --help

clean:
	rm -rf $(VENV) *.duckdb build src/*.egg-info
