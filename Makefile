# Parcelle: `make run` starts the whole system with demo data, `make test` runs every test.
# Both install what they need: uv (into .tools/ if it is not on PATH), the locked Python
# environment, and the Debian packages listed in scripts/system-packages.txt.

SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
UV := $(or $(shell command -v uv 2>/dev/null),$(CURDIR)/.tools/bin/uv)
RUN := $(UV) run --locked --all-packages --no-sync
BENCHMARKS := bench/pdf_render.py bench/istanza_pdf.py bench/deposito.py bench/scansione.py \
              bench/scansione_pagina.py bench/store_page.py bench/elenchi.py \
              bench/firma_documento.py bench/provvedimento.py bench/flusso.py
MEMBERS := packages/contracts packages/compensi packages/kit packages/testing services/istanze \
           services/acquisizione services/revisione services/firma services/notifiche services/postale \
           gateway tests

.PHONY: help setup run test lint format bench

help:
	@echo "make run    start Parcelle on this machine (http://127.0.0.1:8000) with demo data"
	@echo "make test   run every test (RabbitMQ must answer on 127.0.0.1:5672)"
	@echo "make lint   ruff format --check, ruff check, mypy strict"
	@echo "make bench  run the benchmarks under bench/ and print their figures"

$(CURDIR)/.tools/bin/uv:
	python3 -m venv $(CURDIR)/.tools
	$(CURDIR)/.tools/bin/pip install --quiet uv

setup: $(UV)
	@scripts/system-deps.sh
	@scripts/compose-plugin.sh
	@scripts/frontend.sh
	$(UV) sync --locked --all-packages

run: setup
	$(RUN) parcelle up

test: setup
	$(RUN) pytest

lint: setup
	$(RUN) ruff format --check .
	$(RUN) ruff check .
	@for member in $(MEMBERS) bench; do \
	  echo "mypy $$member"; $(RUN) mypy $$member || exit 1; \
	done

format: setup
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

bench: setup
	@for script in $(BENCHMARKS); do echo "== $$script"; $(RUN) python $$script || exit 1; done
