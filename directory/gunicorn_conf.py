"""gunicorn settings for Gagyo (`gunicorn -c python:directory.gunicorn_conf directory.wsgi`).

Every value can be overridden on the command line or with GUNICORN_CMD_ARGS; the worker count
follows WEB_CONCURRENCY, as gunicorn's own default does.
"""

import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Sync workers: a request that waits for the database holds one worker, so a small multiple
# of the cores. Each worker keeps its own in-memory indexes (docs/performance.md).
workers = int(os.environ.get("WEB_CONCURRENCY", str(min((os.cpu_count() or 1) + 1, 4))))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that slow growth of a process never becomes an outage.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Request line and headers are small here; refuse oversized ones early.
limit_request_line = 8190
limit_request_fields = 100
# Access log to stdout (journald in production); errors to stderr.
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "1") != "0" else None
errorlog = "-"
# Behind nginx on the same host, X-Forwarded-* from the loopback are trusted (Django uses
# SECURE_PROXY_SSL_HEADER and TRUSTED_PROXY_COUNT for what it trusts itself).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "gagyo"

# The application and its in-memory indexes (facet index, reference data, match profiles) are
# built once in the master before the workers are forked: no worker serves a request before
# they exist, and the workers share their memory copy-on-write (docs/architecture.md,
# docs/performance.md). GAGYO_WARM=0 skips it (e.g. a migration-only container).
preload_app = True


def when_ready(server):
    if os.environ.get("GAGYO_WARM", "1") == "0":
        return
    from directory.warmup import before_fork, warm

    warm()
    before_fork()
