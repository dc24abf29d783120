"""Login throttling: spraying from one address, guessing one account from many, and cool-off."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from directory.ops.throttle import effective_failures, forwarded_client
from tests.factories import make_user

PASSWORD = "correct-horse-battery"
LOGIN = "/accounts/login/"


@pytest.fixture
def throttle(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ACCOUNT_FAILURE_LIMIT = 5
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    settings.AXES_COOLOFF_TIME = 1.0
    settings.TRUSTED_PROXY_COUNT = 0


def _login(username, password="wrong", ip="203.0.113.9", **extra):
    return Client(REMOTE_ADDR=ip, **extra).post(LOGIN, {"username": username, "password": password})


def test_spraying_many_accounts_from_one_address_locks_that_address(throttle, db):
    victim = make_user(username="victim")
    statuses = [_login(f"guess{n}", ip="198.51.100.7").status_code for n in range(6)]
    # The sixth failure (the address limit) is answered with the lockout page.
    assert statuses == [200] * 5 + [429]
    # The address is locked, even for a right password...
    assert _login(victim.username, PASSWORD, ip="198.51.100.7").status_code == 429
    # ...but the accounts are not: the victim logs in from anywhere else.
    assert _login(victim.username, PASSWORD, ip="192.0.2.44").status_code == 302


def test_guessing_one_account_from_many_addresses_locks_the_account(throttle, db):
    victim = make_user(username="victim")
    statuses = [_login(victim.username, ip=f"198.51.100.{n + 1}").status_code for n in range(5)]
    assert statuses == [200] * 4 + [429]
    assert _login(victim.username, PASSWORD, ip="192.0.2.44").status_code == 429
    # Other accounts from those addresses are unaffected.
    other = make_user(username="other")
    assert _login(other.username, PASSWORD, ip="198.51.100.1").status_code == 302


def test_a_person_mistyping_is_locked_at_the_pair_limit(throttle, db):
    user = make_user(username="typist")
    for _ in range(3):
        _login(user.username, ip="192.0.2.10")
    assert _login(user.username, PASSWORD, ip="192.0.2.10").status_code == 429


def test_a_lock_lifts_by_itself_after_the_cool_off(throttle, db):
    victim = make_user(username="victim")
    for n in range(5):
        _login(victim.username, ip=f"198.51.100.{n + 1}")
    assert _login(victim.username, PASSWORD, ip="192.0.2.44").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1, minutes=1))
    assert _login(victim.username, PASSWORD, ip="192.0.2.44").status_code == 302


def test_a_sprayers_own_valid_login_does_not_reset_the_address_count(throttle, db):
    own = make_user(username="sprayer")
    for n in range(4):
        _login(f"guess{n}", ip="198.51.100.7")
    assert _login(own.username, PASSWORD, ip="198.51.100.7").status_code == 302
    _login("guess-a", ip="198.51.100.7")
    _login("guess-b", ip="198.51.100.7")
    assert _login(own.username, PASSWORD, ip="198.51.100.7").status_code == 429


def test_behind_a_proxy_the_forwarded_address_counts_and_spoofed_hops_do_not(
    throttle, db, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    victim = make_user(username="victim")
    for n in range(6):
        # All come through the proxy at 127.0.0.1; each fakes a different leftmost hop.
        _login(
            f"guess{n}",
            ip="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 198.51.100.7",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}
    sprayer = _login(victim.username, PASSWORD, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert sprayer.status_code == 429
    # Another client behind the same proxy is not locked out.
    assert (
        _login(
            victim.username, PASSWORD, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.44"
        ).status_code
        == 302
    )


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([0, 0, 0], 0),
        ([2, 2, 2], 2),  # pair 2/3 → scaled 2
        ([0, 4, 0], 2),  # account 4/5 → 2.4 → 2
        ([3, 3, 3], 3),  # pair limit reached
        ([1, 5, 5], 5),  # account limit reached: at least the common limit
        ([0, 0, 6], 6),
        ([0, 0, 5], 2),
    ],
)
def test_effective_failures_reach_the_common_limit_exactly_at_a_group_limit(counts, expected):
    assert effective_failures(counts, [3, 5, 6], 3) == expected


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        ("203.0.113.1", "", 0, "203.0.113.1"),
        ("203.0.113.1", "1.2.3.4", 0, "203.0.113.1"),  # no proxy: the header is ignored
        ("127.0.0.1", "198.51.100.7", 1, "198.51.100.7"),
        ("127.0.0.1", "6.6.6.6, 198.51.100.7", 1, "198.51.100.7"),
        ("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.0.0.2", 2, "198.51.100.7"),
        ("127.0.0.1", "", 1, "127.0.0.1"),  # bypassed the proxy
    ],
)
def test_forwarded_client_trusts_exactly_the_configured_proxies(
    remote, forwarded, proxies, expected
):
    assert forwarded_client(remote, forwarded, proxies) == expected
