"""Every calculator page at phone and desktop widths, by computed geometry: nothing wider
than the window, result table cells whose text never runs into a neighbour's, figures
right-aligned under their headers; on a wide screen the result stays in view beside the
form while the reader edits it (a form holding a table of rows takes the whole width, and
the result's one-line summary stays in view instead); on a phone a one-line summary above
the form links to the result.

The pages are found by walking the built site (every page holding a calculator), not
from a list."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, TimeoutError

from tests.browser.conftest import open_context, wait_live

WIDTHS = (320, 390, 1280)
HEIGHT = 720
# Text of two cells side by side closer than this reads as one word («Beløp1. kvartal»).
MIN_GAP = 4


def calculator_pages(site: Path) -> list[str]:
    pages = []
    for f in sorted(site.rglob("*.html")):
        if "data-calc=" in f.read_text(encoding="utf-8"):
            rel = f.relative_to(site).as_posix()
            pages.append("/" + rel.removesuffix("index.html"))
    return pages


@pytest.fixture
def sized_page(browser, server, origin):
    context, watch = open_context(browser, origin, viewport={"width": WIDTHS[0], "height": HEIGHT})
    page = context.new_page()
    yield page
    context.close()
    watch.check()


def open_all(page: Page, origin: str, path: str) -> list[str]:
    page.goto(origin + path)
    names = [el.get_attribute("data-calc") for el in page.locator("[data-calc]").all()]
    assert names, path
    for name in names:
        wait_live(page, name)
    return names


# Problems in the result tables of the page, as text. Each cell's text box is the
# bounding box of a Range over its contents.
TABLE_PROBLEMS = """() => {
  const problems = [];
  const box = (cell) => { const r = document.createRange(); r.selectNodeContents(cell); return r.getBoundingClientRect(); };
  const text = (cell) => cell.textContent.trim();
  const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  for (const table of document.querySelectorAll('[data-calc] [data-result] table')) {
    // A visually hidden heading row (the table shown as blocks on a phone) is not seen.
    const grid = [...table.rows].filter((tr) => !(tr.parentElement.tagName === 'THEAD' && tr.parentElement.getBoundingClientRect().width <= 2)).map((tr) => [...tr.cells].map((cell) => ({ cell, b: box(cell), t: text(cell) })).filter((c) => c.t));
    const cells = grid.flat();
    for (let i = 0; i < cells.length; i++) {
      for (let j = i + 1; j < cells.length; j++) {
        if (meets(cells[i].b, cells[j].b)) problems.push(`«${cells[i].t}» overlaps «${cells[j].t}»`);
      }
    }
    for (const row of grid) {
      const line = [...row].sort((a, b) => a.b.left - b.b.left);
      for (let i = 0; i + 1 < line.length; i++) {
        const [a, b] = [line[i].b, line[i + 1].b];
        const sameLine = a.top < b.bottom && b.top < a.bottom;
        if (sameLine && b.left - a.right < %(gap)d) problems.push(`«${line[i].t}» runs into «${line[i + 1].t}» (${(b.left - a.right).toFixed(1)} px apart)`);
      }
    }
    // Figures right-aligned under a right-aligned header: the same right edge in each column.
    const head = table.tHead?.rows[0];
    if (head && table.tHead.getBoundingClientRect().width > 2) {  // shown as blocks (a phone), the headings are not
      [...head.cells].forEach((th, col) => {
        if (!th.classList.contains('num')) return;
        const right = box(th).right;
        for (const tr of table.tBodies[0].rows) {
          const td = tr.cells[col];
          if (td && text(td) && Math.abs(box(td).right - right) > 1) problems.push(`«${text(td)}» is not aligned under «${text(th)}»`);
        }
      });
    }
    const wrap = table.closest('.calc-table-wrap');
    if (wrap && getComputedStyle(table).fontVariantNumeric !== 'tabular-nums') problems.push('figures not in tabular digits');
  }
  return problems;
}""" % {"gap": MIN_GAP}


def test_nothing_overflows_and_no_cells_overlap(sized_page, built_site, origin):
    """Each page loaded once, then seen at each width in turn (as a window resized or a
    phone turned)."""
    page = sized_page
    pages = calculator_pages(built_site)
    assert "/kalkulatorer/budsjett/" in pages and "/kalkulatorer/fo-lonn/" in pages and len(pages) >= 10
    found = []
    for path in pages:
        page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
        open_all(page, origin, path)
        for w in WIDTHS:
            page.set_viewport_size({"width": w, "height": HEIGHT})
            # Measured at rest: Material's sidebars slide when the layout changes.
            page.wait_for_function("w => innerWidth === w && document.getAnimations().every(a => a.playState !== 'running')", arg=w)
            width = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
            if width[0] > width[1]:
                found.append(f"{path} at {w} px: the page is {width[0]} px wide in a {width[1]} px window")
            assert page.locator("[data-calc] [data-result] table").count() + page.locator("[data-calc] [data-result] dl").count() > 0, path
            found += [f"{path} at {w} px: {p}" for p in page.evaluate(TABLE_PROBLEMS)]
    assert not found, "\n".join(found)


@pytest.fixture
def wide_page(browser, server, origin):
    context, watch = open_context(browser, origin, viewport={"width": 1280, "height": HEIGHT})
    page = context.new_page()
    yield page
    context.close()
    watch.check()


def test_result_stays_in_view_beside_the_form_while_editing(wide_page, built_site, origin):
    page = wide_page
    found = []
    for path in calculator_pages(built_site):
        for name in open_all(page, origin, path):
            root = page.locator(f'[data-calc="{name}"]')
            fields = root.locator("form").locator("input[type=text], select, input[type=checkbox], input[type=radio]")
            last = [f for f in fields.all() if f.is_visible()][-1]
            last.focus()
            # The reader at the last field, with it at the bottom of the window.
            last.evaluate("el => el.scrollIntoView({ block: 'end', behavior: 'instant' })")
            geo = root.evaluate("""(root) => {
                const rect = (el) => el.getBoundingClientRect().toJSON();
                return { panel: rect(root.querySelector('.calc-panel')), title: rect(root.querySelector('.calc-result-title')),
                         form: rect(root.querySelector('form')), header: rect(document.querySelector('.md-header')),
                         field: rect(document.activeElement), height: innerHeight, calc: rect(root),
                         summary: rect(root.querySelector('.calc-summary')), table: !!root.querySelector('.calc-rows--table') };
            }""")
            where = f"{path} {name}"
            if not (geo["field"]["bottom"] <= geo["height"] + 1 and geo["field"]["top"] >= geo["header"]["bottom"]):
                found.append(f"{where}: the last field is not in view")
            if geo["table"]:
                # A form holding a table of rows takes the whole width (the table needs it);
                # the result follows the form, and its one-line summary stays in view.
                s = geo["summary"]
                if not (geo["header"]["bottom"] - 1 <= s["top"] and s["bottom"] <= geo["height"] and s["height"] > 0):
                    found.append(f"{where}: the result's summary is out of view (top {s['top']:.0f} px)")
                if geo["form"]["width"] < geo["calc"]["width"] * 0.9 or geo["panel"]["top"] < geo["form"]["bottom"]:
                    found.append(f"{where}: the table form does not take the width, with the result below it")
                continue
            if not (geo["header"]["bottom"] - 1 <= geo["title"]["top"] and geo["title"]["bottom"] <= geo["height"]):
                found.append(f"{where}: the result's heading is out of view (top {geo['title']['top']:.0f} px)")
            if geo["panel"]["left"] < geo["form"]["right"]:
                found.append(f"{where}: the result is not beside the form")
    assert not found, "\n".join(found)


@pytest.fixture
def phone_page(browser, server, origin):
    context, watch = open_context(browser, origin, viewport={"width": 390, "height": 844}, has_touch=True)
    page = context.new_page()
    yield page
    context.close()
    watch.check()


def test_summary_above_the_form_links_to_the_result(phone_page, built_site, origin):
    page = phone_page
    for path in calculator_pages(built_site):
        for name in open_all(page, origin, path):
            root = page.locator(f'[data-calc="{name}"]')
            live = root.locator("[aria-live]")
            # The summary is the calculator's one live region, inside the link: nothing is announced twice.
            assert live.count() == 1, f"{path}: {live.count()} live regions"
            link = root.locator("a:has([data-live])")
            assert link.count() == 1 and link.is_visible(), f"{path} {name}: no visible summary link"
            summary = live.inner_text().strip()
            assert summary and summary in link.inner_text(), f"{path} {name}: the link does not show the summary"
            above = root.evaluate("(root) => root.querySelector('a:has([data-live])').getBoundingClientRect().bottom <= root.querySelector('form').getBoundingClientRect().top")
            assert above, f"{path} {name}: the summary is not above the form"
            # Material may write the link out in full: it must stay on this page.
            href = urlsplit(urljoin(page.url, link.get_attribute("href")))
            assert href.path == path and href.fragment, f"{path} {name}: the link goes to {href.geturl()}"
            target = root.locator(f"[id='{href.fragment}']")
            assert target.count() == 1, f"{path} {name}: #{href.fragment} names nothing in the calculator"
            assert root.evaluate("""(root, id) => { const panel = document.getElementById(id).closest('.calc-panel');
                                                     return !!panel && panel.contains(root.querySelector('[data-result]')); }""",
                                 href.fragment), f"{path} {name}: #{href.fragment} is not the result"
            page.evaluate("() => { window.__samePage = true; }")
            link.click()
            # The result's panel comes into view below the header and takes the focus, so the
            # keyboard and a screen reader continue in the result.
            in_view = """id => { const el = document.getElementById(id); if (!el) return false;
                           const r = el.getBoundingClientRect(), panel = el.closest('.calc-panel');
                           return document.activeElement === panel
                                  && r.top >= document.querySelector('.md-header').getBoundingClientRect().bottom - 1
                                  && r.bottom <= innerHeight; }"""
            try:
                page.wait_for_function(in_view, arg=href.fragment, polling=100, timeout=10_000)
            except TimeoutError:
                state = target.evaluate("el => [document.activeElement.className, scrollY, el.getBoundingClientRect().top]")
                pytest.fail(f"{path} {name}: following the summary link leaves the result out of view or unfocused: {state}")
            assert page.evaluate("() => location.pathname") == path
            assert page.evaluate("() => window.__samePage === true"), f"{path}: following the link loaded a page"
