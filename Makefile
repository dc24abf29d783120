# Two commands do all set-up: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000

.PHONY: run dev test venv venv-dev browser lint migrate demo messages bench clean

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
# pages in the active language. `--insecure` lets runserver serve static files without DEBUG
# (fine on 127.0.0.1; a deployment serves them otherwise).
run: demo
	DEBUG=0 $(PY) manage.py runserver --insecure 127.0.0.1:$(PORT)

# Development: DEBUG on (Django's technical error pages, template debugging).
dev: demo
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

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
