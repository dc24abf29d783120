"""The admin keeps the connection timeline honest."""

import pytest

from directory.partners.models import ConnectionEvent, Stage
from tests.factories import make_connection, make_user

pytestmark = pytest.mark.django_db


def test_stage_change_in_admin_is_recorded_in_the_timeline(client):
    admin = make_user(is_staff=True, is_superuser=True)
    client.force_login(admin)
    connection = make_connection(stage=Stage.MET)
    response = client.post(
        f"/admin/partners/connection/{connection.pk}/change/",
        {
            "firm": connection.firm.pk,
            "partner": connection.partner.pk,
            "stage": "agreement",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = connection.events.get()
    assert (event.kind, event.from_stage, event.to_stage, event.author) == (
        ConnectionEvent.Kind.STAGE,
        "met",
        "agreement",
        admin,
    )
