"""The system check that warns when PostgreSQL's LC_CTYPE would hide Hangul from pg_trgm."""

import pytest
from django.db import connection

from directory.search.checks import W001, check_trigram_locale, ctype_warning


@pytest.mark.parametrize("ctype", ["C", "POSIX", " c "])
def test_c_locale_gives_a_warning(ctype):
    warning = ctype_warning(ctype, "default")
    assert warning is not None
    assert warning.id == W001
    assert "default" in str(warning.msg)


@pytest.mark.parametrize("ctype", ["C.UTF-8", "ko_KR.UTF-8", "en_US.utf8", None])
def test_utf8_locales_and_other_databases_pass(ctype):
    assert ctype_warning(ctype) is None


@pytest.mark.django_db
def test_check_passes_on_this_database():
    assert check_trigram_locale(databases=["default"]) == []
    if connection.vendor != "postgresql":
        assert check_trigram_locale(databases=["default"]) == []
