# Two commands do all set-up: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000

.PHONY: run dev run-examples serve bench-load test venv venv-dev browser lint migrate demo messages bench clean deploy-check

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PIP) install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

venv: $(VENV)/.runtime
venv-dev: $(VENV)/.dev

migrate: venv
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# The app as users see it: DEBUG off, so refused or missing pages show Gagyo's own 403/404/500
# pages in the active language (static files are still served: WhiteNoise with the finders
# outside production, and `--insecure`). The background worker (django-tasks' database backend:
# large imports) runs beside the server and stops with it.
run: demo
	$(PY) manage.py db_worker --no-reload & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	DEBUG=0 $(PY) manage.py runserver --insecure 127.0.0.1:$(PORT)

# Development: DEBUG on (Django's technical error pages, template debugging), with the worker.
dev: demo
	$(PY) manage.py db_worker --no-reload & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The production stack locally: DEBUG off, collectstatic, migrations, gunicorn on 127.0.0.1:$(PORT).
serve: venv
	PORT=$(PORT) sh scripts/serve.sh

# Load test (Locust, headless, loopback only, fixed duration) against the production stack on
# PostgreSQL with 10,000 synthetic firms; figures in docs/performance.md.
bench-load: venv
	sh bench/load_run.sh

# Django's deployment checks with production settings (as CI runs them).
deploy-check: venv
	GAGYO_ENV=production HTTPS=1 ALLOWED_HOSTS=gagyo.example.org \
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	$(PY) manage.py check --deploy --fail-level WARNING

# The demo plus the example firms of docs/examples/firms-sample.csv (fictional), then serve.
run-examples: migrate
	$(PY) manage.py load_demo --examples
	$(MAKE) run

# Debian's Chromium drives the browser tests; install it when missing and we are root.
browser:
	@sh scripts/ensure_browser.sh

test: venv-dev browser
	$(VENV)/bin/pytest

lint: venv-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

messages: venv
	$(PY) manage.py makemessages -l ko -l zh_Hans -l en --ignore=.venv --ignore=bench
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var .pytest_cache
