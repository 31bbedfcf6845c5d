# `make run` builds the warehouse from sources/; `make test` is what CI runs (.ci/run).
VENV := .venv
PYTHON := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
export DAGSTER_HOME := $(CURDIR)/.dagster_home

.PHONY: install run ingest test lint dev clean

install: $(INSTALLED)

# Reinstalls only when pyproject.toml changes; the stamp makes a repeated `make` instant.
$(INSTALLED): pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	touch $@

# The instance's settings (telemetry off, one publishing run at a time): copied again whenever
# dagster_instance.yaml changes.
$(DAGSTER_HOME)/dagster.yaml: dagster_instance.yaml
	mkdir -p $(DAGSTER_HOME)
	cp $< $@

run: install $(DAGSTER_HOME)/dagster.yaml
	$(PYTHON) -m pipelines.cli run

# What the inbox sensor does, once, without the daemon: stage only new or changed documents.
ingest: install $(DAGSTER_HOME)/dagster.yaml
	$(PYTHON) -m pipelines.cli ingest

lint: install
	$(VENV)/bin/ruff check .

test: install lint
	$(PYTHON) -m pytest

dev: install $(DAGSTER_HOME)/dagster.yaml
	$(VENV)/bin/dagster dev -w workspace.yaml

clean:
	rm -rf warehouse .dagster_home
