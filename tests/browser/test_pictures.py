"""The pictures in the results can be read: every text in the budget's quarter bars and the
FO pay ladder is at least 12 px high as rendered (measured on the text itself, so a picture
scaled down to fit would fail), on a phone, on a desktop and on paper; the chart fills the
result it stands in; on a phone each label stands above its bar."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_context, wait_live

PAGES = {"budget": "/kalkulatorer/budsjett/", "fo_pay": "/kalkulatorer/fo-lonn/"}

# The rendered height of every text in the chart (a Range over each text node), the
# chart's width against the result's, and each row's label and bar boxes.
MEASURE = """(name) => {
  const chart = document.querySelector(`[data-calc="${name}"] [data-result] .calc-chart`);
  if (!chart) return null;
  const texts = [];
  const walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    for (const r of rects) texts.push({ text: node.textContent.trim(), height: r.height });
  }
  const result = chart.closest("[data-result]");
  const style = getComputedStyle(result);
  const inner = result.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const rows = [...chart.querySelectorAll(".calc-chart__row")].map((row) => {
    const label = row.querySelector(".calc-chart__label").getBoundingClientRect();
    const bar = row.querySelector("svg").getBoundingClientRect();
    return { labelBottom: label.bottom, barTop: bar.top, labelTop: label.top };
  });
  return { texts, chartWidth: chart.getBoundingClientRect().width, resultWidth: inner, rows };
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_chart_text_is_at_least_12_px_and_the_chart_fills_its_result(browser, server, origin, name, width):
    context, watch = open_context(browser, origin, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(origin + PAGES[name])
        wait_live(page, name)
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            m = page.evaluate(MEASURE, name)
            assert m is not None, "no chart in the result"
            assert len(m["texts"]) >= 4
            small = [t for t in m["texts"] if t["height"] < 12]
            assert not small, (media, small)
            assert m["chartWidth"] >= 0.95 * m["resultWidth"], (media, m["chartWidth"], m["resultWidth"])
            if media == "screen" and width == 390:
                # On a phone the label stands above its bar.
                assert all(r["labelBottom"] <= r["barTop"] + 1 for r in m["rows"]), m["rows"]
            if media == "screen" and width == 1280 and name == "fo_pay":
                # In the wide pay result, label and bar share a line.
                assert all(r["labelTop"] < r["barTop"] + 16 and r["labelBottom"] > r["barTop"] for r in m["rows"]), m["rows"]
    finally:
        context.close()
    watch.check()
