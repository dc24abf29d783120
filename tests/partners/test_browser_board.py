"""The pipeline board in a real browser: drag a card to another column, or use its Move form."""

from __future__ import annotations

import pytest

from directory.partners.models import ConnectionEvent, Stage
from tests.factories import make_connection, make_firm, make_partner, make_staff


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_drag_and_keyboard_move_change_the_stage(live_server, page):
    make_staff(username="board", password="correct-horse-battery")
    partner = make_partner(name_ko="텐센트 클라우드")
    dragged = make_connection(
        firm=make_firm(name_ko="한글과컴퓨터"), partner=partner, stage=Stage.MET
    )
    keyed = make_connection(firm=make_firm(name_ko="이니텍"), partner=partner, stage=Stage.PROPOSED)
    page.goto(f"{live_server.url}/accounts/login/?next=/staff/connections/board/")
    page.fill("input[name=username]", "board")
    page.fill("input[name=password]", "correct-horse-battery")
    page.click("form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/connections/board/")

    # Drag: the card lands in the agreement column and the stage service records it.
    card = page.locator(f".board-card[data-pk='{dragged.pk}']")
    # Grab the card by its text, not its link or select (those would drag themselves).
    card.drag_to(
        page.locator(".board-column[data-stage='agreement']"),
        source_position={"x": 12, "y": 30},
    )
    page.wait_for_selector(
        f".board-column[data-stage='agreement'] .board-card[data-pk='{dragged.pk}']"
    )
    page.wait_for_function("document.getElementById('board-status').textContent.length > 0")
    dragged.refresh_from_db()
    assert dragged.stage == Stage.AGREEMENT
    assert dragged.events.filter(kind=ConnectionEvent.Kind.STAGE).count() == 1

    # Keyboard: choose the stage in the card's select and press Move (a plain form post).
    page.focus(f"#move-{keyed.pk}")
    page.select_option(f"#move-{keyed.pk}", "introduced")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(
        f".board-column[data-stage='introduced'] .board-card[data-pk='{keyed.pk}']"
    )
    keyed.refresh_from_db()
    assert keyed.stage == Stage.INTRODUCED
