# Two entry points (see README): `make serve` installs, builds and serves the site;
# `make test` installs everything the tests need and runs them all.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get

.PHONY: install build serve check install-test test benchmark

install:
	@$(PYTHON) -c "import ensurepip" 2>/dev/null || ($(APT) update -qq && $(APT) install -y -qq python3-venv)
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	@# Bytecode now, as pip does for an installed package (an editable install leaves it to the first run).
	$(BIN)/python -m compileall -q src >/dev/null

build: install
	$(BIN)/tei-edition build --strict

serve: install
	$(BIN)/tei-edition serve --strict

check: install
	$(BIN)/tei-edition check

# The real tools: Debian's chromium and Java (for the Nu Html Checker), npm's axe-core and
# vnu-jar from the committed lock (its optional JDK download stays off: --ignore-scripts).
install-test: install
	@missing=""; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	  command -v npm >/dev/null || missing="$$missing npm"; \
	  if [ -n "$$missing" ]; then $(APT) update -qq && $(APT) install -y -qq --no-install-recommends $$missing; fi
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

test: install-test
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy
	@# Two processes (pytest-xdist); the browser tests in one of them, one at a time (tests/conftest.py),
	@# and what measures the machine's speed by itself, last.
	$(BIN)/python -m pytest -n 2 --dist loadgroup -m "not alone"
	$(BIN)/python -m pytest -m alone

# Speed and memory figures (not a test): this edition vs the TEI Stylesheets on Saxon-HE, collections.
benchmark: install
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[bench]'
	$(BIN)/python scripts/benchmark.py
