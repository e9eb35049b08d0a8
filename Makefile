# Two commands on a fresh machine: `make run` (portal with demo data) and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
FLASK := $(VENV)/bin/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
# Links in e-mails point where the portal listens, unless PORTAL_BASE_URL says otherwise.
PORTAL_BASE_URL ?= http://$(HOST):$(PORT)
RUN_ENV := PORTAL_DEMO=1 PORTAL_BASE_URL=$(PORTAL_BASE_URL)

.PHONY: run dev test setup assets lint format e2e bench clean

# gunicorn, a worker per core (WEB_CONCURRENCY=N for another number); see gunicorn.conf.py.
run: setup
	bash scripts/ensure-system.sh posters
	$(RUN_ENV) $(FLASK) seed prepare
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	$(RUN_ENV) $(VENV)/bin/gunicorn -c gunicorn.conf.py --bind $(HOST):$(PORT) wsgi:app

# Flask's development server: reloads on every code change, shows tracebacks in the browser.
dev: setup
	bash scripts/ensure-system.sh posters
	$(RUN_ENV) $(FLASK) seed prepare
	$(RUN_ENV) $(FLASK) run --debug --host $(HOST) --port $(PORT)

# The tests on every core (TEST_WORKERS=0 for one process), each module's on one worker, in
# order. One file on its own: .venv/bin/pytest tests/test_health.py (no workers unless -n N).
TEST_WORKERS ?= auto
test: setup
	bash scripts/ensure-system.sh
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

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
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: setup
	$(VENV)/bin/python -m bench.directory_pages

clean:
	rm -rf $(VENV) node_modules static/vendor static/css static/images static/.built
