"""English staff and member pages use sentence case for labels and headers ("Kind", not "kind")."""

import pytest

from tests.walk import build_walk, page_text

pytestmark = pytest.mark.django_db

LABEL_TAGS = {"th", "dt", "label", "legend", "h1", "h2", "h3", "button", "summary", "caption"}


def _lower_case_labels(html: str) -> list[str]:
    found = []
    for text, tag, _korean in page_text(html):
        first = text.lstrip("←→·•(#«“\"' ")[:1]
        if tag in LABEL_TAGS and first.isascii() and first.islower():
            found.append(f"<{tag}> {text[:40]}")
    return found


def test_english_staff_and_member_pages_use_sentence_case(client, demo):
    walk = build_walk()
    problems = {}
    for user, paths in ((walk.staff, walk.staff_paths), (walk.member, walk.member_paths)):
        client.force_login(user)
        for path in paths:
            response = client.get("/en" + path)
            assert response.status_code == 200, path
            bad = _lower_case_labels(response.content.decode())
            if bad:
                problems[path] = sorted(set(bad))
    assert not problems, "\n".join(f"{p}: {b}" for p, b in problems.items())
