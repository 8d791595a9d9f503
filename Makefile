# Every target sets up what it needs on first use: a virtual environment from
# requirements.txt (runtime) and requirements-dev.txt (tests), and a browser and Java
# (tools/prerequisites.py: it uses those already installed, and installs only where allowed).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
DIR ?= out
export NO_MKDOCS_2_WARNING := 1

RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
ENGINES := $(VENV)/.engines-installed

# The site engine: mkdocs (the default), properdocs or zensical (tools/engines.py). The other two
# are installed from requirements-engines.txt only when named: `make build ENGINE=zensical`.
ENGINE ?= mkdocs
ENGINE_DEPS := $(if $(filter mkdocs,$(ENGINE)),,$(ENGINES))

# Addresses: SITE_URL and REPO_URL in the environment (or `make build SITE_URL=...`) reach
# mkdocs.yml; without them the site is built for the local preview.
BASE ?= origin/main
HEAD ?= HEAD

.PHONY: serve build parity browser-core check export schema lint format golden test browser bench clean sources review diff screenshot lighthouse

# The generator is installed as a package (editable: edits to hooks/explainer apply at once);
# its entry point registers the MkDocs plugin `explainer` that mkdocs.yml names.
$(RUNTIME): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(DEV): requirements-dev.txt $(RUNTIME)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(ENGINES): requirements-engines.txt $(RUNTIME)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-engines.txt
	touch $@

## serve: preview with live reload on http://127.0.0.1:8000 (edits to content/ rebuild);
## --dirty: a rebuild renders only the pages an edit changes (explainer.mkdocs.dirty_serve);
## ENGINE=zensical: the generator stages again on each change and `zensical serve` reloads
serve: $(RUNTIME) $(ENGINE_DEPS)
ifeq ($(ENGINE),mkdocs)
	$(BIN)/mkdocs serve --dirty --livereload --strict -a $(HOST):$(PORT)
else
	$(PY) -m tools.engines serve $(ENGINE) -a $(HOST):$(PORT)
endif

## build: check the content, build into site.new/, and replace site/ only on success (ENGINE=...: another engine)
build: check $(ENGINE_DEPS)
	rm -rf site.new
	$(PY) -m tools.engines build $(ENGINE) site.new
	rm -rf site.old; if [ -d site ]; then mv site site.old; fi; mv site.new site; rm -rf site.old

## parity: build with every engine and compare pages, links, anchors, main text, structured data and data files
parity: $(RUNTIME) $(ENGINES)
	$(PY) -m tools.parity

## check: validate all content; every problem as path:line:column: field: message
check: $(RUNTIME)
	$(BIN)/explainer check

## export: write every generated page as plain Markdown into DIR (make export DIR=out)
export: $(RUNTIME)
	$(BIN)/explainer export $(DIR)

## schema: regenerate content/schemas/*.json from the model
schema: $(RUNTIME)
	$(BIN)/explainer schema

## sources: check every source address (network; never part of a build): dead, moved, changed
sources: $(RUNTIME)
	$(BIN)/explainer check-sources --output .cache/source-report.json

## review: the review queue (facts past review_after, forecasts past due, stale topics;
## dead addresses too after `make sources`)
review: $(RUNTIME)
	@if [ -f .cache/source-report.json ]; then \
		$(BIN)/explainer review --sources .cache/source-report.json; \
	else \
		$(BIN)/explainer review; \
	fi

## diff: what a change does to the content (make diff BASE=main HEAD=my-branch)
diff: $(RUNTIME)
	$(BIN)/explainer diff $(BASE) $(HEAD)

## lint: ruff (lint and format check), mypy --strict on the package, actionlint on the workflows,
## and the layers contract (lint-imports: imports only go down; only explainer.mkdocs knows MkDocs)
lint: $(DEV)
	$(BIN)/ruff check hooks tests bench tools
	$(BIN)/ruff format --check hooks tests bench tools
	$(BIN)/mypy
	$(BIN)/actionlint
	$(BIN)/lint-imports --no-cache

## golden: after an intended change to generated output, rewrite tests/golden/expected/ (then review and commit)
golden: $(DEV)
	UPDATE_GOLDEN=1 $(PY) -m pytest -q tests/golden

## format: apply ruff's formatting and safe fixes
format: $(DEV)
	$(BIN)/ruff check --fix hooks tests bench tools
	$(BIN)/ruff format hooks tests bench tools

## browser: find the browser the tests use (CHROMIUM_PATH, then Chromium or Chrome on PATH or in
## macOS's Applications) and Java for the Nu HTML Checker; install Debian's packages when missing,
## as root or through sudo, or say how to install them
browser:
	@$(PYTHON) -m tools.prerequisites

## test: every test, browser tests and the engines' parity (tests/engines) included; at the end, how long set-up and each test folder took
test:
	@SECONDS=0; $(MAKE) --no-print-directory $(DEV) $(ENGINES) browser && \
		SETUP_SECONDS=$$SECONDS $(PY) -m pytest

## browser-core: the browser suite's core (reading, previews, charts, accessibility, search) on ENGINE's build;
## under Zensical without the phone search test: Zensical's styles do not yet open the box over the page there
browser-core: $(DEV) $(ENGINE_DEPS) browser
	SITE_ENGINE=$(ENGINE) $(PY) -m pytest -q tests/browser/test_browser_reading.py tests/browser/test_browser_previews.py \
		tests/browser/test_browser_charts.py tests/browser/test_browser_a11y.py tests/browser/test_browser_search.py $(if $(filter zensical,$(ENGINE)),-k "not phone")

## bench: time builds of 100, 1,000 and 10,000 synthetic items against plain MkDocs; table + bench/results/latest.json
bench: $(RUNTIME)
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) site site.new site.old out .cache build

## screenshot: rewrite the README's picture of the home page (.github/screenshot.png) in Debian's Chromium
screenshot: $(DEV) browser
	$(PY) -m tools.screenshot

## lighthouse: Lighthouse 12 scores (median of RUNS=3) of home, a topic, an actor and the timeline, served gzipped; needs Node.js
lighthouse: $(DEV) browser
	$(PY) -m tools.lighthouse
