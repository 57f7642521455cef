# Two commands for a newcomer: `make run` and `make test`. Both create .venv on first use.
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-12)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

.PHONY: run serve-room test lint build-data bench bench-smoke loadtest
# This machine only (http://127.0.0.1:8501; .streamlit/config.toml sets server.address).
run: $(STAMP)
	$(BIN)/streamlit run app.py

# A briefing room: every network interface, so other machines on the LAN can open the dashboard. The welcome
# banner stays off because, for a wildcard address, Streamlit would look up the machine's public IP online.
serve-room: $(STAMP)
	@echo "Serving the room on every interface: http://$$(hostname):8501 (Ctrl+C to stop)"
	$(BIN)/streamlit run app.py --server.address 0.0.0.0 --logger.hideWelcomeMessage true

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
