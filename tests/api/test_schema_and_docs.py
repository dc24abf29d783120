"""The OpenAPI schema and the self-hosted docs page."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db

CONTRACT = [
    "/api/firms/",
    "/api/firms/{slug}/",
    "/api/specialties/",
    "/api/partners/",
    "/api/partners/{slug}/",
    "/api/staff/connections/",
    "/api/staff/connections/{id}/stage/",
    "/api/staff/firms/",
    "/api/staff/engagements/",
]


def test_schema_is_valid_openapi_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))


def test_schema_lists_the_contract_with_examples_and_errors(api):
    schema = api.get("/api/schema/?format=json").json()
    assert schema["openapi"].startswith("3.")
    for path in CONTRACT:
        assert path in schema["paths"], path
    firms = schema["paths"]["/api/firms/"]["get"]
    assert {"q", "specialty", "cluster", "market", "size", "partner", "sort", "lang"} <= {
        p["name"] for p in firms["parameters"]
    }
    assert "examples" in firms["responses"]["200"]["content"]["application/json"]
    assert {"400", "429"} <= set(firms["responses"])
    assert "bearerToken" in schema["components"]["securitySchemes"]


def test_docs_page_uses_local_files_and_no_inline_script(client):
    html = client.get("/api/docs/").content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    for url in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        assert finders.find(url), url
    assert "//cdn" not in html and "https://" not in html
