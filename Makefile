# okr1on1: `make serve` builds and serves the site, `make test` runs every test.
# Each target sets up what it needs (venv, pip, npm, Chromium) by itself.

PYTHON_VERSION ?= 3.13
# Material prints an end-of-life notice on every build; we have read it (see README).
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve build test bench dev check lint clean setup system-deps

serve: build
	$(PY) -m okr1on1.cli serve --host $(HOST) --port $(PORT)

build: $(VENV)/.installed node_modules/.installed
	$(PY) -m okr1on1.cli build

# Live-reloading preview of one edition while editing content (Dutch; `make dev LANG_EDITION=en`):
# a created, edited, renamed or deleted content file shows in the next rebuild.
dev: $(VENV)/.installed node_modules/.installed
	$(VENV)/bin/mkdocs serve -a $(HOST):$(PORT) $(if $(filter en,$(LANG_EDITION)),-f mkdocs.en.yml,)

# Check the content without building: every error at once, and the texts that lack a language.
check: $(VENV)/.installed
	$(PY) -m okr1on1.cli check

# The linters first: a lint or type error fails `make test` (and so CI) before the slow tests run.
test: lint system-deps
	$(PY) -m pytest

bench: $(VENV)/.installed node_modules/.installed system-deps
	$(PY) bench/run.py

# Every check that reads the code without running it, one command a line (settings in pyproject.toml,
# eslint.config.js, jsconfig.json); the JS tools come from node_modules (npm ci), so lint needs no network.
lint: $(VENV)/.installed node_modules/.installed
	$(VENV)/bin/ruff check src tests macros overrides/hooks bench
	$(VENV)/bin/mypy
	node_modules/.bin/eslint .
	node_modules/.bin/tsc -p jsconfig.json

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	@PY_BIN=$$(command -v python$(PYTHON_VERSION) || (command -v pyenv >/dev/null && pyenv which python$(PYTHON_VERSION) 2>/dev/null) || command -v python3); \
	  echo "Creating $(VENV) with $$PY_BIN"; \
	  $$PY_BIN -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { echo "Python >= 3.12 is needed (found $$($$PY_BIN --version))"; exit 1; }; \
	  [ -x $(PY) ] || $$PY_BIN -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian's Chromium for the browser tests (Playwright's own browser download does not work here),
# LibreOffice, which opens the downloads the way a reader's office suite does, and poppler-utils
# (pdftoppm), which renders printed pages to images.
SYSTEM_PACKAGES := chromium libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing $(SYSTEM_PACKAGES) from Debian"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	  else echo "Install Debian's packages first: sudo apt-get install $(SYSTEM_PACKAGES)"; exit 1; fi; \
	fi

clean:
	rm -rf site .cache
