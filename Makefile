# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/community_test

.DEFAULT_GOAL := help
.PHONY: help run run-production test test-quick test-postgres lint format migrations clean

help:
	@echo "make run            serve the site with demo data on http://127.0.0.1:$(PORT)"
	@echo "make run-production the production stack on this machine's PostgreSQL and Redis, behind nginx"
	@echo "make test           run the whole test suite (SQLite), browser tests included"
	@echo "make test-quick     the suite without the browser and slow tests"
	@echo "make test-postgres  the whole suite against PostgreSQL (DATABASE_URL)"
	@echo "make lint / format  check / fix style with ruff"

# The stamp files reinstall only when pyproject.toml changes.
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-production: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[postgres,redis,s3]"
	@touch $@ $(VENV)/.installed-run

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[test,postgres,redis,s3]"
	@touch $@ $(VENV)/.installed-run $(VENV)/.installed-production

run: $(VENV)/.installed-run
	DJANGO_ENV=$${DJANGO_ENV:-development} $(PY) manage.py migrate --noinput
	DJANGO_ENV=$${DJANGO_ENV:-development} $(PY) manage.py seed_demo
	DJANGO_ENV=$${DJANGO_ENV:-development} $(PY) manage.py ensure_admin
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	DJANGO_ENV=$${DJANGO_ENV:-development} $(PY) manage.py runserver 127.0.0.1:$(PORT)

# gunicorn, the task worker and nginx on PostgreSQL (DATABASE_URL) and Redis (REDIS_URL);
# deploy/run_production.py says what it does and stops everything on Ctrl+C.
run-production: $(VENV)/.installed-production
	$(PY) deploy/run_production.py

test: $(VENV)/.installed-test
	DJANGO_ENV=test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(PY) -m pytest $(PYTEST_ARGS)

# On two processes (each with its own test database): the whole suite stays serial for CI.
test-quick: $(VENV)/.installed-test
	$(PY) -m pytest -m "not browser and not slow" -n 2 $(PYTEST_ARGS)

test-postgres: $(VENV)/.installed-test
	DATABASE_URL=$${DATABASE_URL:-$(POSTGRES_URL)} $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles .test-media .pytest_cache .production-secret-key
