# Two commands do all the set-up on a fresh machine: `make book` and `make test`.
# Everything is installed from pinned versions: Python packages from requirements.lock,
# JavaScript from assets/package-lock.json.

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
# Where the book is written: $(OUT)/_build/html. Another folder lets two builds run side by side.
OUT ?= .
KOMMUN ?= exempelstad
# Debian's Chromium, which the browser tests drive (tests/browser.py).
CHROMIUM ?= chromium
JB_FLAGS := -W -n --keep-going

# The computer's own Python, found before the venv's bin folder comes first on PATH.
HOST_PYTHON := $(shell command -v $(PYTHON))
export PATH := $(BIN):$(PATH)
# Python writes each module's compiled form (.pyc) the first time it imports it. Some
# environments turn that off (PYTHONDONTWRITEBYTECODE); then every process, every test worker
# and every notebook kernel compiles pandas, SQLAlchemy and Jupyter again: 8.5 s instead of
# 2.9 s for the exercises' imports. The compiled files go in .venv and in ignored __pycache__.
unexport PYTHONDONTWRITEBYTECODE
export KOMMUN
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export MPLBACKEND := Agg

.PHONY: all book checks node-packages test test-system test-all durations bench serve lock clean check-python check-postgres check-chromium pdf FORCE

all: book

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 eller nyare behövs (hittade %s)." % sys.version.split()[0])'

# The progress store's tests start a real PostgreSQL server (Debian's postgresql package).
PG_BIN ?= $(lastword $(sort $(wildcard /usr/lib/postgresql/*/bin)))
export PG_BIN
check-postgres:
	@test -x "$(PG_BIN)/initdb" -a -x "$(PG_BIN)/pg_ctl" || { echo "PostgreSQL behövs för testerna: installera Debians paket (sudo apt-get install postgresql) eller ange PG_BIN=<mapp med initdb och pg_ctl>." >&2; exit 1; }

# uv installs the locked packages in seconds; pip takes minutes, mostly byte-compiling every
# file of every package. pip fetches uv itself, pinned. Behind a mirror, uv reads UV_INDEX_URL
# (and UV_NATIVE_TLS=1 trusts the computer's own certificates), pip PIP_INDEX_URL.
# The venv gets no pip of its own (ensurepip alone takes 8 s): the computer's pip puts uv in it
# (pip 22.3 or newer, --python). Without such a pip, the venv's own pip from ensurepip does.
UV_VERSION := 0.13.9
UV := $(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps
PIP_UV := install --quiet --disable-pip-version-check uv==$(UV_VERSION)
$(VENV)/.installed: requirements.lock pyproject.toml | check-python
	$(PYTHON) -m venv --without-pip $(VENV)
	$(HOST_PYTHON) -m pip --python $(BIN)/python $(PIP_UV) 2>/dev/null || \
	  { $(BIN)/python -m ensurepip >/dev/null && $(BIN)/python -m pip $(PIP_UV); }
	$(UV) -r requirements.lock
	$(UV) --no-build-isolation -e .
	touch $@

# The book serves files of three locked npm packages (require.js, the ipywidgets HTML manager,
# MathJax): scripts/vendor_assets.py fetches just those tarballs with `npm pack`, checks them
# against the lock's hashes and copies the files into _vendor/offline (standard library only,
# so it starts before the venv exists).
_vendor/offline/.copied: assets/package-lock.json assets/widgets-paths.js scripts/vendor_assets.py | check-python
	$(PYTHON) scripts/vendor_assets.py
	touch $@

# Every locked npm package, in assets/node_modules: axe-core for the accessibility tests and
# configurable-http-proxy for JupyterHub (deploy/README.md).
node-packages: assets/node_modules/.package-lock.json
assets/node_modules/.package-lock.json: assets/package.json assets/package-lock.json
	cd assets && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

# The executed book. Notebooks run on every build in which they, or the toolkit and the
# case bank they read, changed (see book/_ext/toolkit_deps.py); a failing cell fails the build.
# The build itself runs only when something it reads is newer than the last good build: a
# file of the book, the toolkit or the case bank, the configuration, the packages, or the
# settings in the environment (KOMMUN, HANDBOK_*), which .book-env records. A failed build
# leaves no stamp, so the next `make book` builds again.
BOOK_INPUTS := _config.yml _toc.yml $(shell find book toolkit casebank -type f -not -path '*/_build/*' \
	-not -path '*/__pycache__/*' -not -path '*/.ipynb_checkpoints/*' 2>/dev/null)
BOOK_STAMP := $(OUT)/_build/.book-built
BOOK_ENV := $(OUT)/_build/.book-env

book: $(BOOK_STAMP)
	@echo "Boken finns i $(OUT)/_build/html/index.html"

$(BOOK_STAMP): $(BOOK_INPUTS) $(BOOK_ENV) $(VENV)/.installed _vendor/offline/.copied
	$(BIN)/jupyter-book build . --builder html --path-output $(OUT) $(JB_FLAGS)
	@$(BOOK_SETTINGS) > $(BOOK_ENV)
	touch $@

# What the build read from the environment, and whether the built book is there. The file is
# rewritten only when that changes, so that only then is it newer than the stamp. HANDBOK_CACHE
# only says where parsed files are kept, so it changes nothing in the book.
BOOK_SETTINGS = { echo "KOMMUN=$(KOMMUN)"; env | grep '^HANDBOK_' | grep -v '^HANDBOK_CACHE=' | sort; \
	test -f $(OUT)/_build/html/index.html && echo "byggd"; true; }
$(BOOK_ENV): FORCE
	@mkdir -p $(@D)
	@$(BOOK_SETTINGS) > $@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

FORCE:

# The browser tests need Debian's Chromium: installed here when run as root, else a clear
# message. They never skip silently; HANDBOK_TILLAT_HOPPA_OVER_WEBBLASARE=1 allows skipping them.
check-chromium:
	@if ! command -v $(CHROMIUM) >/dev/null 2>&1; then \
	  if [ "$${HANDBOK_TILLAT_HOPPA_OVER_WEBBLASARE:-}" = 1 ]; then \
	    echo "Chromium saknas: webbläsartesterna hoppas över (HANDBOK_TILLAT_HOPPA_OVER_WEBBLASARE=1)."; \
	  elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installerar Debians chromium för webbläsartesterna ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium saknas, och webbläsartesterna behöver det. Installera det med"; \
	    echo "  sudo apt-get install chromium"; \
	    echo "eller kör make test som root. (HANDBOK_TILLAT_HOPPA_OVER_WEBBLASARE=1 hoppar över testerna.)"; \
	    exit 1; \
	  fi; \
	fi

# `make test`: lint and types, the parameters and case bank, unit, property and golden tests,
# the exercises, the built book's pages, and nbval over every notebook: in the same pytest run,
# so that its kernel starts beside the other tests and writes to the tests' own progress store.
# Only the app's notebook has code (the exercise pages are text). scripts/bench.py times nbval
# alone, in one process without the faker and hypothesis plug-ins (NBVAL_FLAGS).
# `make test-system`: the tests that start browsers, servers or many processes: Chromium
# (axe on every page, the app, JupyterHub), PostgreSQL, writers racing for the store, a
# rebuild of the book, an installed copy. `make test-all` runs both; CI (.ci/run) does.
NBVAL_FLAGS := -p no:faker -p no:hypothesispytest --nbval-lax
SYSTEM := browser or build or system
# Lint and types need only the Python packages: make runs them beside the book's build.
# `parameters check` and `casebank check` run in pytest on the real rule values, case bank and
# book (tests/test_cli_contract.py, tests/test_casebank_guard.py), so they are not run twice here. Last, pytest collects
# the tests while the book is still building: a test module that does not import fails here,
# and the compiled test modules and packages it leaves spare both pytest workers compiling the
# same files at once (about 10 s of a fresh clone's `make test`).
checks: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest --collect-only -qq -p no:cacheprovider -m "not ($(SYSTEM))" tests

# Two workers, each test file whole in one of them, the longest files first (tests/durations.py).
XDIST := -n 2 --dist loadfile --no-loadscope-reorder
test:
	@$(MAKE) --no-print-directory -j3 --output-sync=target checks book
	$(BIN)/python -m pytest $(XDIST) -m "not ($(SYSTEM))" --nbval-lax tests book

test-system: check-postgres check-chromium book node-packages
	$(BIN)/python -m pytest $(XDIST) -m "$(SYSTEM)" tests

test-all: test test-system

# Measure how long each test file takes, for the order in which the workers get them
# (tests/durations.json, kept in git). Run after adding or changing slow tests.
durations: book check-postgres check-chromium node-packages
	$(BIN)/python -m pytest $(XDIST) -m "not ($(SYSTEM))" --nbval-lax --store-durations tests book
	$(BIN)/python -m pytest $(XDIST) -m "$(SYSTEM)" --store-durations tests

bench: book
	$(BIN)/python scripts/bench.py

# The handbook as one PDF, printed offline by Debian's Chromium from a single-page build in
# its own folder: $(OUT)/_build/pdf/handbok.pdf. Not part of `make test` (it takes a minute).
pdf: $(VENV)/.installed _vendor/offline/.copied
	$(BIN)/jupyter-book build . --builder singlehtml --path-output $(OUT)/_build/pdf-build $(JB_FLAGS)
	$(BIN)/python scripts/book_pdf.py $(OUT)/_build/pdf-build/_build/singlehtml $(OUT)/_build/pdf/handbok.pdf

# The exercises as a local web app for trainees (Voilà, only on this computer).
# Voilà on 127.0.0.1 serving book/app/ovningar.ipynb with a template that loads nothing from
# another host; the feedback links to the built book when `make book` has run.
serve: $(VENV)/.installed
	$(BIN)/python -m toolkit.exercises.app --port 8866

# Re-resolve requirements.in into requirements.lock (every version pinned). Run by a
# maintainer, never by the build. The lock is complete (with setuptools and wheel, which the
# editable install needs), so it is installed with --no-deps.
# It leaves out rfc3987-syntax and lark, which jsonschema's optional IRI format check pulls in
# (jupyter-events asks for it): importing it builds a grammar and adds 2 s to every process that
# imports nbformat or jupyter_server (the book build, each test worker, the app), and nothing
# here validates IRIs.
LOCK_LEFT_OUT := -e '^rfc3987-syntax==' -e '^lark=='
lock: check-python
	rm -rf /tmp/handbok-lock-venv
	$(PYTHON) -m venv /tmp/handbok-lock-venv
	/tmp/handbok-lock-venv/bin/python -m pip install --quiet -r requirements.in
	( echo "# Generated by 'make lock' from requirements.in. Do not edit by hand."; \
	  /tmp/handbok-lock-venv/bin/python -m pip freeze --all --exclude-editable | grep -v -e '^pip==' $(LOCK_LEFT_OUT) ) > requirements.lock

clean:
	rm -rf _build _vendor
