"""/healthz: {"status": "ok"} when the database and cache answer, 503 without details when not."""

import logging

from django.db import connection

from directory.ops import health


def test_healthz_is_ok_for_anyone(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_refuses_post(client, db):
    assert client.post("/healthz").status_code == 405


def test_healthz_is_503_without_details_when_the_database_is_down(client, db, monkeypatch, caplog):
    class DownDatabase:
        def cursor(self):
            raise connection.Database.OperationalError("could not connect to server")

    monkeypatch.setattr("directory.ops.health.connection", DownDatabase())
    with caplog.at_level(logging.ERROR, logger="directory.ops.health"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error"}
    assert "connect" not in response.content.decode()
    assert "database is not answering" in caplog.text


def test_healthz_is_503_when_the_cache_loses_values(client, db, monkeypatch, caplog):
    monkeypatch.setattr("directory.ops.health.cache.get", lambda *a, **k: None)
    with caplog.at_level(logging.ERROR, logger="directory.ops.health"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error"}


def test_checks_report_each_part(db):
    assert health.run_checks() == {"database": True, "cache": True}


def test_healthz_answers_plain_http_while_pages_redirect_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    assert client.get("/healthz").status_code == 200
    response = client.get("/firms/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
