# Two commands for a newcomer: `make run` and `make test`. Both create .venv on first use.
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-12)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

.PHONY: run serve-room test lint build-data bench bench-events bench-smoke loadtest loadtest-events
# This machine only (http://127.0.0.1:8501; .streamlit/config.toml sets server.address).
run: $(STAMP)
	$(BIN)/streamlit run app.py

# A briefing room: every network interface, so other machines on the LAN can open the dashboard. The welcome
# banner stays off because, for a wildcard address, Streamlit would look up the machine's public IP online.
serve-room: $(STAMP)
	@echo "Serving the room on every interface: http://$$(hostname):8501 (Ctrl+C to stop)"
	$(BIN)/streamlit run app.py --server.address 0.0.0.0 --logger.hideWelcomeMessage true

# Lint, the layer contracts, then every test tier in three workers (browser tests spend much of their time waiting
# on Chromium, so three keep two cores busy; costly fixtures are built once per run and shared by the workers,
# see tests/conftest.py shared_folder). Nothing timed: of the perf tier only the short load-test run (untimed) is
# here; the timed tests (export budgets, a million imported events, the benchmark smoke)
# run in `make bench`.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest -n 3 --durations=15 -m "not bench and (not perf or loadtest)"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

build-data: $(STAMP)
	$(BIN)/afdash build-data

# Quality gates (need ../shared/tools and Debian's chromium; see BENCHMARKS.md). `make test` already runs the
# hostile-input tests and a short load-test run; the timed gates are here: `make bench-smoke` (every page within
# 3x the floor on one load), `make bench` (the full benchmark into BENCHMARKS.md), `make loadtest`.
bench: $(STAMP)
	$(BIN)/python -m tools.bench
	$(BIN)/pytest -m "perf and not loadtest and not bench"

# The same, with the imported-events views timed over a store you name (e.g. a million rows made by
# `python -m tools.bench_events --rows 1000000 --keep /tmp/ev1m`): make bench-events EVENTS=/tmp/ev1m
bench-events: $(STAMP)
	$(BIN)/python -m tools.bench --events-dir $(EVENTS)

bench-smoke: $(STAMP)
	$(BIN)/python -m tools.bench --smoke

loadtest: $(STAMP)
	$(BIN)/python -m tools.loadtest

# The four imported-events views under load, over a store you name (e.g. one made by
# `python -m tools.bench_events --rows 1000000 --keep /tmp/ev1m`): make loadtest-events EVENTS=/tmp/ev1m
EVENTS ?= $(HOME)/.local/share/afdash/events
loadtest-events: $(STAMP)
	$(BIN)/python -m tools.loadtest --events-dir $(EVENTS) --link '/security-trends?view=imported' \
		--link '/security-trends?view=imported-map' --link '/security-trends?view=imported-actors' \
		--link '/security-trends?view=imported-overlay'
