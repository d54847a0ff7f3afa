"""A link to a passage of a source page, followed in Chromium: the passage stands out in
both palettes, and the page has no axe violation with it marked."""

from __future__ import annotations

import re

from tests.browser.test_axe import axe_page, axe_violations, goto, scheme  # noqa: F401 (fixtures)


def _luminance(rgb: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", rgb)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


STYLE = """id => {
  const s = getComputedStyle(document.getElementById(id));
  return {outline: s.outlineStyle, outlineColor: s.outlineColor, background: s.backgroundColor,
          color: s.color, page: getComputedStyle(document.body).backgroundColor};
}"""


def test_the_passage_a_link_points_at_stands_out(axe_page, origin, scheme):
    page = axe_page
    goto(page, origin, "/kildene/rundskriv-19-24/#lisenser-kl-ar-3", scheme)
    target = page.evaluate(STYLE, "lisenser-kl-ar-3")
    other = page.evaluate(STYLE, "lisenser-kl-ar-2")
    assert page.evaluate("() => document.querySelector(':target').id") == "lisenser-kl-ar-3"
    assert (target["outline"], other["outline"]) == ("solid", "none")
    assert target["background"] != other["background"]
    # The outline is a visual marker: at least 3:1 against the page.
    assert contrast(target["outlineColor"], target["page"]) >= 3
    assert page.locator("#lisenser-kl-ar-3").is_visible()
    assert axe_violations(page, f"{scheme} targeted passage") == []


def test_the_verbatim_copy_reads_as_utf8(browser, server, origin):
    # A context of its own: a text file has no favicon link, so Chromium asks for
    # /favicon.ico, which the site does not have (the page fixtures fail on that 404).
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(origin + "/kildene/reglement-fo.txt")
        assert page.evaluate("document.characterSet") == "UTF-8"
        assert page.inner_text("body").split("\n")[0].strip() == "Reglement for lønnede tillitsvalgte i FO"
    finally:
        context.close()
