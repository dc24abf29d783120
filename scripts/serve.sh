#!/bin/sh
# `make serve`: the production stack on this machine. GAGYO_ENV=production with DEBUG off,
# migrations, collectstatic (hashed, compressed files served by WhiteNoise) and gunicorn on
# 127.0.0.1:$PORT. SQLite under var/ unless DATABASE_URL is set. For local use it passes a
# locally generated SECRET_KEY (var/serve_secret_key) and loopback ALLOWED_HOSTS explicitly,
# as a real server's environment file would (docs/deployment.md).
set -eu
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export GAGYO_ENV=production
export DEBUG=0
mkdir -p var
if [ -z "${SECRET_KEY:-}" ]; then
    if [ ! -s var/serve_secret_key ]; then
        (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' > var/serve_secret_key)
    fi
    SECRET_KEY=$(cat var/serve_secret_key)
    export SECRET_KEY
fi
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export PORT="${PORT:-8000}"
"$PY" manage.py migrate --noinput
"$PY" manage.py collectstatic --noinput -v 0
echo "Gagyo (production stack) on http://127.0.0.1:$PORT/ — health: http://127.0.0.1:$PORT/healthz"
exec .venv/bin/gunicorn -c python:directory.gunicorn_conf directory.wsgi
