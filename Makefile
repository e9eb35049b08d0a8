# Two commands on a fresh machine: `make run` (portal with demo data) and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
FLASK := $(VENV)/bin/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test setup assets lint format e2e bench clean

run: setup
	bash scripts/ensure-system.sh posters
	PORTAL_DEMO=1 $(FLASK) seed prepare
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	PORTAL_DEMO=1 $(FLASK) run --host $(HOST) --port $(PORT)

test: setup
	bash scripts/ensure-system.sh
	$(VENV)/bin/pytest $(PYTEST_ARGS)

setup: $(VENV)/.installed static/.built

$(VENV)/.installed: requirements.txt
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

static/.built: package.json package-lock.json scripts/build-assets.sh $(wildcard assets/*.scss assets/images/*)
	bash scripts/build-assets.sh
	touch $@

assets:
	bash scripts/build-assets.sh

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: setup
	$(VENV)/bin/python -m bench.directory_pages

clean:
	rm -rf $(VENV) node_modules static/vendor static/css static/images static/.built
