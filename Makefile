# `make run` builds the warehouse from sources/; `make test` is what CI runs (.ci/run).
VENV := .venv
PYTHON := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
export DAGSTER_HOME := $(CURDIR)/.dagster_home

.PHONY: install run test lint dev clean

install: $(INSTALLED)

# Reinstalls only when pyproject.toml changes; the stamp makes a repeated `make` instant.
$(INSTALLED): pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	touch $@

# An empty dagster.yaml: the default local instance, without Dagster's warning that it is missing.
$(DAGSTER_HOME)/dagster.yaml:
	mkdir -p $(DAGSTER_HOME)
	touch $@

run: install $(DAGSTER_HOME)/dagster.yaml
	$(PYTHON) -m pipelines.cli run

lint: install
	$(VENV)/bin/ruff check .

test: install lint
	$(PYTHON) -m pytest

dev: install $(DAGSTER_HOME)/dagster.yaml
	$(VENV)/bin/dagster dev -w workspace.yaml

clean:
	rm -rf warehouse .dagster_home
