# contentkit developer tasks. Every target installs what it needs into .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := build/demo
DEMO_SEED ?= 2025-11-03__shipping-beats-polishing

.PHONY: help demo test lint check index bench clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

demo: $(STAMP) ## develop an example seed in a scratch copy under build/ and print the draft
	@rm -rf $(DEMO)
	@$(BIN)/contentkit init --quiet $(DEMO)
	@cp seeds/*.md $(DEMO)/seeds/
	@$(BIN)/contentkit -C $(DEMO) develop $(DEMO_SEED)
	@echo
	@cat $(DEMO)/drafts/linkedin/$(DEMO_SEED).md

test: $(STAMP) ## run the whole test suite
	$(BIN)/python -m pytest

lint: $(STAMP) ## ruff and mypy over the package
	$(BIN)/ruff check contentkit tests
	$(BIN)/mypy

check: $(STAMP) ## validate this repo's own seeds and check INDEX.md is fresh
	$(BIN)/contentkit validate
	$(BIN)/contentkit index --check

index: $(STAMP) ## regenerate INDEX.md
	$(BIN)/contentkit index

bench: $(STAMP) ## run the benchmark (see BENCHMARKS.md)
	$(BIN)/python bench/run.py

clean: ## remove the virtualenv and build output
	rm -rf $(VENV) build dist *.egg-info
