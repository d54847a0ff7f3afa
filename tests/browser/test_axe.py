"""WCAG 2.1 A and AA and axe's best-practice rules (heading order, named dialogs, unique
landmarks, ...) with axe-core (npm, pinned in package.json) on every page the build
produces, in the light and the dark palette (switched on each page with Material's toggle);
on calculator pages also the calculators after they have computed and while they show
input errors. Zero violations, but for one of Material's own markup named in ALLOWED.

The palettes differ only in colours: the toggle sets Material's `data-md-color-*`
attributes, which only colour rules of the style sheets read (ours included), and shows
the other palette's toggle button. So every rule runs in the palette the page opens in,
and in the other one the rules that judge colours run on the whole page, every rule on
the toggle itself (COLOUR_RULES, in_both_palettes): the same findings for a third of
axe's time.

The pages are found by walking the built site, not from a list. axe is injected by content,
which the site's own Content-Security-Policy meta tag would refuse, so these contexts bypass
CSP (the CSP tests cover the policy itself).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

from tests.browser.conftest import open_context, wait_live
from tests.browser.helpers import runs, settle
from tests.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}}
# The rules of those tags that read colours: text contrast, and links told from the text
# around them by colour.
COLOUR_RULES = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
PALETTE_TOGGLE = '[data-md-component="palette"]'
# (rule, CSS selector): a violation is allowed only when every element it names matches.
ALLOWED = [
    # Material's navigation: a section's nested <nav> is labelled by its section's <label>,
    # which holds only the expand icon when the section has an index page
    # (navigation.indexes), so those navs share the empty name. Material's partial
    # (nav-item.html) is too large to override for this.
    ("landmark-unique", 'nav.md-nav[aria-labelledby^="__nav_"]'),
]
# Playwright's colour-scheme emulation -> the Material palette it must select.
SCHEMES = {"light": "default", "dark": "slate"}


def site_pages(site: Path) -> list[str]:
    """URL paths of every HTML file in the built site."""
    out = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        out.append("/" + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel))
    return out


def calculator_pages(site: Path) -> list[str]:
    return [p for p in site_pages(site) if "data-calc=" in (site / (p.lstrip("/") or ".") / ("" if p.endswith(".html") else "index.html")).read_text(encoding="utf-8")]


# The walks go section by section, a test each, so that the suite's workers share them.
SECTIONS = ["/fo/", "/fagforbundet/", "/kalkulatorer/"]
OTHER = "the rest"


def in_section(pages: list[str], section: str) -> list[str]:
    """The pages under `section`, or (OTHER) those under none of SECTIONS: together, every page."""
    if section == OTHER:
        return [p for p in pages if not p.startswith(tuple(SECTIONS))]
    return [p for p in pages if p.startswith(section)]


def axe_violations(page: Page, where: str, options: dict = AXE_OPTIONS, context: object = None) -> list[str]:
    """axe's violations on the page (or in `context`, an axe context such as
    `{"include": [[selector]]}`), as lines to print; none when all is well."""
    # Colours are judged at rest: not halfway through a button's focus transition.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("([context, options]) => axe.run(context ?? document, options)", [context, options])
    lines = []
    for v in result["violations"]:
        allowed = [sel for rule, sel in ALLOWED if rule == v["id"]]
        if allowed and all(page.evaluate("([t, s]) => document.querySelector(t)?.matches(s) ?? false", [node["target"][0], sel])
                           for sel in allowed for node in v["nodes"]):
            continue
        lines.append(f"{where}: {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} element(s)]")
        for node in v["nodes"][:4]:
            summary = " | ".join(s.strip() for s in node["failureSummary"].splitlines()[1:] if s.strip())
            lines.append(f"    {node['target']}: {summary}")
    return lines


@pytest.fixture(params=list(SCHEMES))
def scheme(request) -> str:
    return request.param


@pytest.fixture
def axe_page(browser, server, origin, scheme):
    context, watch = open_context(
        browser, origin, bypass_csp=True, color_scheme=scheme, permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    yield page
    context.close()
    watch.check()


@pytest.fixture
def walk_page(browser, server, origin):
    """For the walks through the site: starts in the light palette; each page is checked in
    both, switched with the palette toggle (no second load)."""
    context, watch = open_context(
        browser, origin, bypass_csp=True, color_scheme="light", permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    yield page
    context.close()
    watch.check()


def in_both_palettes(page: Page, where: str, context: dict | None = None) -> list[str]:
    """axe in the palette shown; then, in the other one (by the toggle), the colour rules
    on the page and every rule on the toggle; and back to the first palette. With an axe
    `context`, only what it includes is checked, in both palettes (the toggle is not)."""
    shown = page.evaluate("() => document.body.dataset.mdColorScheme")
    found = axe_violations(page, f"{shown} {where}", context=context)
    other = switch_palette(page, shown)
    found += axe_violations(page, f"{other} {where}", COLOUR_RULES, context=context)
    if context is None:
        found += axe_violations(page, f"{other} {where} (palette toggle)", context={"include": [[PALETTE_TOGGLE]]})
    switch_palette(page, other)
    return found


def switch_palette(page: Page, shown: str) -> str:
    """Click Material's palette toggle and wait until the page shows the other palette;
    returns its scheme."""
    page.locator('label[for^="__palette"]:visible').click()
    page.wait_for_function("s => document.body.dataset.mdColorScheme !== s", arg=shown)
    colours_settled(page)
    return page.evaluate("() => document.body.dataset.mdColorScheme")


def colours_settled(page: Page) -> None:
    """Wait until no transition runs: a palette switch lets the colours fade over the
    elements' own transitions (up to 0.25 s), and axe must read the colours they end at."""
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")


# The palette Material stored for this site (its key is prefixed by the site's scope).
STORED_SCHEME = "JSON.parse(Object.entries(localStorage).find(([k]) => k.endsWith('__palette'))?.[1] || 'null')?.color?.scheme"


def goto(page: Page, origin: str, path: str, scheme: str) -> None:
    page.goto(origin + path)
    # Material's palette component picks the palette matching the colour scheme and stores it.
    page.wait_for_function(f"s => document.body.dataset.mdColorScheme === s && {STORED_SCHEME} === s", arg=SCHEMES[scheme])
    colours_settled(page)


def test_palette_toggle_switches_and_the_choice_is_stored(axe_page, origin, scheme):
    """The palettes checked below are the ones readers get: from the system colour scheme,
    and from the toggle, kept on the next page."""
    goto(axe_page, origin, "/", scheme)
    other = next(s for s in SCHEMES.values() if s != SCHEMES[scheme])
    axe_page.locator('label[for^="__palette"]:visible').click()
    axe_page.wait_for_function(f"s => document.body.dataset.mdColorScheme === s && {STORED_SCHEME} === s", arg=other)
    axe_page.goto(origin + "/fo/")
    assert axe_page.evaluate("() => document.body.dataset.mdColorScheme") == other


def test_the_sections_hold_every_page(built_site):
    pages = site_pages(built_site)
    assert "/" in pages and "/404.html" in pages and len(pages) >= 20
    assert sorted(p for section in [*SECTIONS, OTHER] for p in in_section(pages, section)) == sorted(pages)


@pytest.mark.parametrize("section", [*SECTIONS, OTHER])
def test_every_built_page_has_no_violations(walk_page, built_site, origin, section):
    """Each page as it first appears, in both palettes; on calculator pages that is before
    the calculator has computed: the worker script is held back until axe has run (the
    next page load drops it)."""
    page = walk_page
    held = []
    page.context.route("**/js/worker.mjs", lambda route: held.append(route))
    pages = in_section(site_pages(built_site), section)
    assert pages
    found = []
    for path in pages:
        page.goto(origin + path)
        if page.locator("[data-calc]").count():
            page.wait_for_function("() => [...document.querySelectorAll('[data-calc]')].every(el => el.dataset.enhanced)")
            assert page.evaluate("() => [...document.querySelectorAll('[data-calc]')].every(el => el.dataset.computed !== 'true' && el.dataset.state === 'loading')")
        found += in_both_palettes(page, path)
    if section != OTHER:
        assert held, "calculator pages were not seen before they computed"
    assert not found, "\n".join(found)


def reveal_alternatives(root: Locator) -> None:
    """Choose the last option of every radio group that shows or hides fields, and open
    every <details>, so that axe sees the fields normally hidden."""
    radios = root.locator("input[type=radio][data-ui-key]")
    names = list(dict.fromkeys(radios.nth(i).get_attribute("name") for i in range(radios.count())))
    for name in names:
        root.locator(f'input[type=radio][name="{name}"]').last.check()
    root.evaluate("el => el.querySelectorAll('details').forEach(d => { d.open = true; })")


def navigate(page: Page, origin: str, path: str, scheme: str) -> None:
    """Go to `path` as a reader clicking a link does: by Material's instant navigation, which
    keeps the one calculator worker of the visit (the first page is loaded in full)."""
    if not page.evaluate("() => typeof window.__pages === 'number'"):
        goto(page, origin, path, scheme)
        page.evaluate("() => { window.__pages = 0; document$.subscribe(() => { window.__pages++; }); }")
        return
    n = page.evaluate("() => window.__pages")
    page.evaluate("""href => { const a = document.createElement('a'); a.href = href;
                                document.body.append(a); a.click(); a.remove(); }""", path)
    # Only the same document counts a new page: a full load would leave the counter undefined.
    page.wait_for_function("n => window.__pages > n", arg=n)
    assert page.evaluate("() => location.pathname") == path


def test_calculator_pages_lie_in_the_sections(built_site):
    pages = calculator_pages(built_site)
    assert "/kalkulatorer/org365/" in pages and "/fo/lan/" in pages
    assert not in_section(pages, OTHER)


# What changes when a calculator computes or shows errors is inside it: the rest of the
# page is the one test_every_built_page_has_no_violations checked. axe judges the
# calculators (every one on the page) in their page: colours against what lies behind
# them, ids and the heading order against the whole document.
CALCULATORS = {"include": [["[data-calc]"]]}


@pytest.mark.parametrize("section", SECTIONS)
def test_calculators_computed_and_with_errors_have_no_violations(walk_page, built_site, origin, section):
    page = walk_page
    scheme = "light"  # the first page's; each page is then checked in both palettes
    pages = in_section(calculator_pages(built_site), section)
    assert pages
    found = []
    for path in pages:
        navigate(page, origin, path, scheme)
        names = [el.get_attribute("data-calc") for el in page.locator("[data-calc]").all()]
        for name in names:
            wait_live(page, name)
        for name in names:
            root = page.locator(f'[data-calc="{name}"]')
            root.evaluate("el => el.querySelectorAll('details').forEach(d => { d.open = true; })")
            root.get_by_role("button", name="Del lenke").click()
            page.wait_for_function("el => el.querySelector('[data-live]').textContent.includes('Lenken')", arg=root.element_handle())
        found += in_both_palettes(page, f"{path} (computed, share link shown)", CALCULATORS)

        for name in names:
            root = page.locator(f'[data-calc="{name}"]')
            before = runs(page, name)
            reveal_alternatives(root)
            fields = root.locator("form input[type=text][data-key]:visible")
            assert fields.count() > 0
            for field in fields.all():
                field.fill("abc")
            fields.last.press("Enter")
            settle(page, name, before)
            summary = root.locator("[data-error-summary]")
            assert summary.is_visible(), f"{path} {name}: no error summary"
            assert root.locator(".field-error").count() > 0
        found += in_both_palettes(page, f"{path} (input errors)", CALCULATORS)
        # The bad inputs were saved for reload; the next page's calculator must start from its defaults.
        page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('calc:')).forEach(k => localStorage.removeItem(k))")
    assert not found, "\n".join(found)
