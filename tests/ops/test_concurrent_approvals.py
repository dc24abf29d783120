"""Twenty staff approving one pending change at the same moment: real threads, real database.

On SQLite this runs against a file database (the test database is a file, see settings), so
it exercises WAL, the busy timeout and IMMEDIATE transactions exactly as production does.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client

from directory.accounts.models import ProfileChange
from directory.accounts.services import snapshot
from tests.factories import make_firm, make_member, make_staff

PARALLEL = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_approvals_give_one_success_and_nineteen_clear_messages(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    firm = make_firm(slug="race-ai", name_ko="경쟁에이아이", summary_ko="이전 요약")
    owner = make_member(firm)
    base = snapshot(firm)
    change = ProfileChange.objects.create(
        firm=firm, base=base, data={**base, "summary_ko": "새 요약"}, submitted_by=owner
    )
    clients = []
    for n in range(PARALLEL):
        client = Client(raise_request_exception=False)
        client.force_login(make_staff(username=f"reviewer{n}"))
        clients.append(client)
    start = threading.Barrier(PARALLEL)

    def approve(client: Client):
        try:
            start.wait(timeout=30)
            return client.post(f"/en/staff/reviews/{change.pk}/approve/", follow=True)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        responses = list(pool.map(approve, clients))

    assert [r.status_code for r in responses] == [200] * PARALLEL
    texts = [r.content.decode() for r in responses]
    approved = [t for t in texts if "Approved: the public profile now shows the change." in t]
    refused = [t for t in texts if "This change is no longer pending." in t]
    assert (len(approved), len(refused)) == (1, PARALLEL - 1)
    change.refresh_from_db()
    firm.refresh_from_db()
    assert change.status == ProfileChange.Status.APPROVED
    assert firm.summary_ko == "새 요약"
    # Applied exactly once: one history record for the approval.
    assert firm.history.filter(history_change_reason=f"change #{change.pk}").count() == 1
