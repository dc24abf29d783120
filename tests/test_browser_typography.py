"""Line breaking follows each script's rules: Korean keeps words whole, Chinese breaks strictly."""

import pytest

# Characters that must never start a line in Chinese text (a subset of the kinsoku rules).
NO_LINE_START = "，。、；：？！）」』》】"

# Every character that starts a visual line inside the elements matched by the selector.
LINE_STARTS_JS = """
(selector) => {
  const starts = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let lastTop = null;
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (let i = 0; i < node.length; i++) {
        if (/\\s/.test(node.data[i])) continue;
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        if (lastTop === null || rect.top > lastTop + 2) starts.push(node.data[i]);
        lastTop = rect.top;
      }
    }
  }
  return starts;
}
"""


def _word_break(page, selector):
    return page.eval_on_selector(selector, "el => getComputedStyle(el).wordBreak")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_keep_all_applies_to_korean_only(live_server, page, demo):
    page.goto(live_server.url + "/")
    assert _word_break(page, "body") == "keep-all"
    page.goto(live_server.url + "/zh-hans/")
    assert _word_break(page, "body") == "normal"
    assert page.eval_on_selector("body", "el => getComputedStyle(el).lineBreak") == "strict"
    page.goto(live_server.url + "/en/")
    assert _word_break(page, "body") == "normal"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    "path", ["/zh-hans/", "/zh-hans/firms/", "/zh-hans/partners/tencent-cloud/"]
)
def test_chinese_lines_never_start_with_closing_punctuation(live_server, page, demo, width, path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + path)
    starts = page.evaluate(LINE_STARTS_JS, "main, footer")
    assert starts, "no text measured"
    bad = [c for c in starts if c in NO_LINE_START]
    assert not bad, f"{path} at {width}px: lines start with {bad}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_chinese_footer_fills_its_first_line(live_server, page, demo):
    """With keep-all the whole Chinese run after "AI" moved to the next line, leaving a gap."""
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + "/zh-hans/")
    filled = page.eval_on_selector(
        ".site-footer p",
        """el => {
          const range = document.createRange();
          range.selectNodeContents(el);
          const rects = [...range.getClientRects()];
          const first = rects.filter(r => Math.abs(r.top - rects[0].top) < 2);
          const width = first.reduce((w, r) => w + r.width, 0);
          return [rects.length > 1 ? width / el.clientWidth : 1, new Set(rects.map(r => Math.round(r.top))).size];
        }""",
    )
    ratio, lines = filled
    assert lines == 1 or ratio > 0.85, f"first footer line only {ratio:.0%} full"
