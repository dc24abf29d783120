"""Timeline events are stored as data and read in the reader's language."""

import pytest
from django.utils import translation

from directory.partners.models import Connection, ConnectionEvent
from directory.partners.services import update_connection
from tests.factories import make_connection, make_engagement, make_staff

pytestmark = pytest.mark.django_db


def test_owner_and_next_step_change_is_data_and_reads_in_each_language():
    staff = make_staff(first_name="Jieun", last_name="Kim")
    connection = make_connection()
    update_connection(connection, staff, owner=staff, next_step="Send the deck")
    event = connection.events.get(kind="note")
    assert event.text == ""
    assert event.data == {"changes": {"owner": "Jieun Kim", "next_step": "Send the deck"}}
    with translation.override("en"):
        assert event.sentence() == "Owner: Jieun Kim; Next step: Send the deck"
    with translation.override("zh-hans"):
        assert event.sentence() == "负责人: Jieun Kim; 下一步: Send the deck"
    with translation.override("ko"):
        assert event.sentence().startswith("담당자: Jieun Kim; ")


def test_created_from_an_engagement_names_it_in_the_readers_language(client):
    engagement = make_engagement(title_ko="방문", title_en="The visit", title_zh="访问")
    connection = make_connection(source_engagement=engagement)
    event = ConnectionEvent.objects.create(
        connection=connection, kind="created", data={"engagement": engagement.pk}
    )
    with translation.override("en"):
        assert event.sentence() == "From the engagement: The visit"
        assert connection.origin_text == "The visit"
    with translation.override("zh-hans"):
        assert event.sentence() == "来自交流活动：访问"
        assert connection.origin_text == "访问"


def test_old_events_with_text_only_stay_readable():
    event = ConnectionEvent.objects.create(
        connection=make_connection(), kind="note", text="소유자: 김; 다음 단계: 자료 발송"
    )
    with translation.override("en"):
        assert event.sentence() == "소유자: 김; 다음 단계: 자료 발송"


def test_connection_page_shows_the_change_in_english_and_chinese(client, demo):
    staff = make_staff(username="timeline")
    connection = Connection.objects.get(firm__slug="hancom")
    update_connection(connection, staff, next_step="Call back")
    client.force_login(staff)
    english = client.get(f"/en/staff/connections/{connection.pk}/").content.decode()
    assert "Next step: Call back" in english
    assert "From the engagement: Delegation visit to Tencent Cloud, Shanghai" in english
    chinese = client.get(f"/zh-hans/staff/connections/{connection.pk}/").content.decode()
    assert "下一步: Call back" in chinese
    assert "来自交流活动：访问腾讯云上海分公司" in chinese
