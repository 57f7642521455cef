# Two commands for a newcomer: `make run` and `make test`. Both create .venv on first use.
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-12)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

.PHONY: run test lint build-data bench bench-smoke loadtest
run: $(STAMP)
	$(BIN)/streamlit run app.py

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .

build-data: $(STAMP)
	$(BIN)/afdash build-data

# Quality gates (need ../shared/tools and Debian's chromium; see BENCHMARKS.md). `make test` already runs the
# hostile-input tests, a 10-second load-test smoke and the benchmark smoke (every page within 3x the floor);
# `make bench-smoke` runs that smoke alone.
bench: $(STAMP)
	$(BIN)/python -m tools.bench

bench-smoke: $(STAMP)
	$(BIN)/python -m tools.bench --smoke

loadtest: $(STAMP)
	$(BIN)/python -m tools.loadtest
