"""Layout in a real browser at desktop (1280 px) and phone (390 px) widths, in three languages.

No page scrolls sideways, no text overflows its box, no number or firm name wraps inside itself,
the search placeholder fits its box and the footer reaches the window's bottom on short pages.
Screenshots of every page are saved under var/screenshots/ (gitignored) for a human to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from directory.firms.models import Firm
from directory.matching.models import Shortlist, ShortlistEntry
from directory.partners.models import OverseasPartner
from tests.factories import make_member, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"

PROBLEMS_JS = r"""
() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth + 1) {
    problems.push(`page scrolls sideways: ${doc.scrollWidth} > ${window.innerWidth}`);
  }
  const lines = (range) => new Set([...range.getClientRects()].filter(r => r.width > 0)
    .map(r => Math.round(r.top))).size;
  // Boxes whose text is wider than the box (and that do not scroll on purpose).
  for (const el of document.querySelectorAll("main *, footer *, header *")) {
    const style = getComputedStyle(el);
    if (style.display === "inline" || style.display === "none" || style.overflowX !== "visible") continue;
    if (el.closest(".table-wrap, .visually-hidden, .ac-list")) continue;
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && el.tagName !== "METER") {
      problems.push(`overflow in <${el.tagName.toLowerCase()} class="${el.className}">: ${el.textContent.trim().slice(0, 40)}`);
    }
  }
  // Numbers (31.5, 1,070, 80%) on one line.
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest(".visually-hidden, script, style")) continue;
    for (const m of node.data.matchAll(/\d+(?:[.,]\d+)*%?/g)) {
      if (m[0].length < 2) continue;
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      if (lines(range) > 1) problems.push(`number wraps: ${m[0]}`);
    }
  }
  // Labels that must stay on one line, and firm names that may wrap between words only.
  for (const el of document.querySelectorAll(".completeness-label, .score-text")) {
    const range = document.createRange(); range.selectNodeContents(el);
    if (lines(range) > 1) problems.push(`wraps: ${el.textContent.trim()}`);
  }
  for (const el of document.querySelectorAll(".firm-name-cell a, .firm-name")) {
    const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (texts.nextNode()) {
      const node = texts.currentNode;
      for (const m of node.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        if (lines(range) > 1) problems.push(`word wraps inside: ${m[0]}`);
      }
    }
  }
  // Search placeholders fit their box.
  const canvas = document.createElement("canvas").getContext("2d");
  for (const input of document.querySelectorAll("input[placeholder]")) {
    if (!input.offsetParent) continue;
    const style = getComputedStyle(input, "::placeholder");
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const inner = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const needed = canvas.measureText(input.placeholder).width;
    if (needed > inner + 1) problems.push(`placeholder cut off: ${input.placeholder} (${Math.round(needed)} > ${Math.round(inner)})`);
  }
  // The footer reaches the bottom of the window when the page is shorter than the window.
  const footer = document.querySelector(".site-footer");
  if (footer && doc.scrollHeight <= window.innerHeight) {
    const bottom = footer.getBoundingClientRect().bottom;
    if (bottom < window.innerHeight - 1) problems.push(`footer ends at ${Math.round(bottom)} of ${window.innerHeight}`);
  }
  return problems;
}
"""


def _log_in(page, live_server, client, user):
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _shortlist(author) -> Shortlist:
    shortlist = Shortlist.objects.create(
        name="텐센트 클라우드 후보",
        partner=OverseasPartner.objects.get(slug="tencent-cloud"),
        brief={},
        author=author,
    )
    for position, (slug, score) in enumerate(
        [("hancom", 31.456), ("megazone-cloud", 20.86), ("hypernology", 9.5)], start=1
    ):
        ShortlistEntry.objects.create(
            shortlist=shortlist,
            firm=Firm.objects.get(slug=slug),
            score=score,
            reasons={},
            position=position,
        )
    return shortlist


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("prefix", ["", "/en", "/zh-hans"])
def test_pages_fit_at_desktop_and_phone_widths(page, live_server, client, demo, prefix, width):
    page.set_viewport_size({"width": width, "height": 900})
    hancom = Firm.objects.get(slug="hancom")
    member = make_member(hancom, username="layout-member")
    staff = make_staff(username="layout-staff")
    shortlist = _shortlist(staff)
    visits = [
        (None, "home", "/"),
        (None, "firms", "/firms/"),
        (None, "firm", "/firms/hancom/"),
        (None, "partner", "/partners/tencent-cloud/"),
        (None, "login", "/accounts/login/"),
        (member, "my", "/my/"),
        (member, "my-firm", "/my/firms/hancom/"),
        (staff, "staff", "/staff/"),
        (staff, "shortlist", f"/staff/match/shortlists/{shortlist.pk}/"),
        (staff, "connections", "/staff/connections/"),
    ]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    language = prefix.strip("/") or "ko"
    found = {}
    current = None
    for user, name, path in visits:
        if user is not current:
            page.context.clear_cookies()
            if user is not None:
                _log_in(page, live_server, client, user)
            current = user
        page.goto(live_server.url + prefix + path)
        page.screenshot(path=str(SCREENSHOTS / f"{language}-{width}-{name}.png"), full_page=True)
        problems = page.evaluate(PROBLEMS_JS)
        if problems:
            found[path] = problems
    assert not found, "\n".join(f"{p}: {v}" for p, v in found.items())
