"""English and Chinese staff and member pages hold no Korean outside firm-provided content.

Korean shown on purpose is marked: a fallback for a missing translation sits in lang="ko" (with
the visible "(Korean)" / [KO] marker), and the language switcher names 한국어 in Korean.
"""

import re

import pytest

from tests.walk import build_walk, page_text

pytestmark = pytest.mark.django_db

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
ALLOWED = {"한국어"}


def _stray_korean(html: str) -> list[str]:
    return [
        text[:60]
        for text, tag, korean in page_text(html)
        # Form fields hold the data being edited (a Korean summary stays Korean).
        if not korean
        and tag != "textarea"
        and "[KO]" not in text
        and text not in ALLOWED
        and HANGUL.search(text)
    ]


@pytest.mark.parametrize("prefix", ["/en", "/zh-hans"])
def test_translated_staff_and_member_pages_show_no_stray_korean(client, demo, prefix):
    walk = build_walk()
    problems = {}
    for user, paths in ((walk.staff, walk.staff_paths), (walk.member, walk.member_paths)):
        client.force_login(user)
        for path in paths:
            response = client.get(prefix + path)
            assert response.status_code == 200, path
            stray = _stray_korean(response.content.decode())
            if stray:
                problems[path] = sorted(set(stray))
    assert not problems, "\n".join(f"{p}: {s}" for p, s in problems.items())
