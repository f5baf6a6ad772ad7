# contentkit developer tasks. Every target installs what it needs into .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
LATEST := .venv-latest
DEMO := build/demo
DEMO_VENV := build/demo-venv
DEMO_STAMP := $(DEMO_VENV)/.installed
DEMO_SEED ?= 2025-11-03__shipping-beats-polishing

.PHONY: help demo test test-fast test-latest lint lock check index docs bench clean browser screenshots

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# The venv gets the exact versions of the committed lock, then contentkit itself (editable, no deps).
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

# The demo's own light venv: contentkit and its runtime dependencies only, at the lock's versions
# (the lock constrains; the dev tools and the extras are not installed).
$(DEMO_STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(DEMO_VENV)
	$(DEMO_VENV)/bin/python -m pip install --quiet -c $(LOCK) .
	@touch $@

demo: $(DEMO_STAMP) ## develop an example seed in a scratch copy under build/ and print the draft
	@rm -rf $(DEMO)
	@$(DEMO_VENV)/bin/contentkit init --quiet $(DEMO)
	@cp seeds/*.md $(DEMO)/seeds/
	@$(DEMO_VENV)/bin/contentkit -C $(DEMO) develop $(DEMO_SEED)
	@echo
	@cat $(DEMO)/drafts/linkedin/$(DEMO_SEED).md

test: $(STAMP) ## run the whole test suite, in parallel on every core (pytest-xdist)
	$(BIN)/python -m pytest -n auto

test-fast: $(STAMP) ## the suite without the slow integration tests (real pre-commit, browser, kills, wheel, README)
	$(BIN)/python -m pytest -n auto -m "not slow"

test-latest: ## the whole suite in a fresh venv with the newest releases pyproject.toml allows
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[dev]'
	$(LATEST)/bin/python -m pip list --format=freeze | grep -iE '^(click|jinja2|markdown-it-py|pyyaml)=='
	$(LATEST)/bin/python -m pytest -n auto

lock: $(STAMP) ## regenerate requirements.lock (exact versions, every extra) from pyproject.toml
	$(BIN)/uv pip compile pyproject.toml --all-extras --universal --python-version 3.10 \
		--custom-compile-command 'make lock' --quiet -o $(LOCK)

lint: $(STAMP) ## ruff and mypy over the package
	$(BIN)/ruff check contentkit tests
	$(BIN)/mypy

browser: ## install Debian's chromium for the browser tests (skips apt when /usr/bin/chromium exists)
	@test -x /usr/bin/chromium || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

screenshots: $(STAMP) browser ## remake the docs/img screenshots (preview, dashboard; phone and desktop) from the browser tests
	CONTENTKIT_SCREENSHOTS=$(CURDIR)/docs/img $(BIN)/python -m pytest tests/test_browser.py tests/test_browser_layout.py

check: $(STAMP) ## validate this repo's own seeds and check INDEX.md is fresh
	$(BIN)/contentkit validate
	$(BIN)/contentkit index --check

docs: $(STAMP) ## regenerate docs/CLI.md from the commands' own --help
	$(BIN)/python -m contentkit.cli.reference docs/CLI.md

index: $(STAMP) ## regenerate INDEX.md
	$(BIN)/contentkit index

bench: $(STAMP) ## run the benchmark against python-frontmatter in a fresh venv of its own (see BENCHMARKS.md)
	$(BIN)/python bench/run.py

clean: ## remove the virtualenv and build output
	rm -rf $(VENV) $(LATEST) build dist *.egg-info
