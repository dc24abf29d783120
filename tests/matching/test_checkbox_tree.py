"""The brief's specialty and country pickers are a checkbox tree with a filter box."""

import pytest

from directory.firms.models import Specialty
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def test_tree_nests_children_under_parents_and_lists_ticked_ones(client, demo):
    client.force_login(make_staff())
    child = Specialty.objects.filter(parent__isnull=False).select_related("parent").first()
    page = client.get("/en/staff/match/", {"specialties": [child.pk], "countries": ["CN"]})
    html = page.content.decode()
    assert page.status_code == 200
    assert '<select name="specialties"' not in html
    assert '<select name="countries"' not in html
    assert f'type="checkbox" name="specialties" value="{child.pk}"' in html
    assert f'value="{child.pk}" id="id_specialties_' in html
    # Ticked items are listed above the tree, so they never scroll out of sight.
    assert f'<span class="tag">{child.name_en}</span>' in html
    assert 'name="countries" value="CN"' in html and "checked" in html
    # The filter box is for browsers with JavaScript; the script is a static file.
    assert "data-tree-filter hidden" in html
    assert 'src="/static/js/checkbox-tree.js"' in html
    assert "<script>" not in html


def test_ticking_without_javascript_submits_the_brief(client, demo):
    client.force_login(make_staff())
    vision = (
        Specialty.objects.get(slug="industrial-vision")
        if Specialty.objects.filter(slug="industrial-vision").exists()
        else Specialty.objects.filter(parent__isnull=False).first()
    )
    page = client.get("/en/staff/match/", {"specialties": [vision.pk]})
    assert page.status_code == 200
    assert page.context["form"].is_valid()
    assert vision in page.context["form"].cleaned_data["specialties"]


def test_unknown_values_are_a_form_error_not_a_500(client, demo):
    client.force_login(make_staff())
    page = client.get("/en/staff/match/", {"specialties": ["999999", "x"], "countries": ["ZZ"]})
    assert page.status_code == 200
    assert not page.context["form"].is_valid()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_filter_box_narrows_the_tree_and_ticked_list_follows(page, live_server, client, demo):
    client.force_login(make_staff(username="tree"))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + "/en/staff/match/")
    tree = page.locator(".field-specialties [data-checkbox-tree]")
    box = tree.locator("[data-tree-filter]")
    assert box.is_visible()
    child = Specialty.objects.filter(parent__isnull=False).select_related("parent").first()
    box.fill(child.name_en[:4])
    visible = tree.locator(".tree li:visible .tree-label").all_inner_texts()
    assert child.name_en in visible
    assert len(visible) < Specialty.objects.count()
    tree.locator(f"input[value='{child.pk}']").check()
    assert child.name_en in tree.locator("[data-tree-selected]").inner_text()
