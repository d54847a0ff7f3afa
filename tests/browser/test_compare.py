"""Two plans side by side («Sammenlign med et annet oppsett») on the ORG365 and budget
pages in Chromium: the copy action, plan B's fieldset and focus, the comparison in the
result and the live region, errors named by plan, the share link, «Start på nytt», print,
without JavaScript, and at 320 px. Figures are the case table's, worked out by hand there."""

from __future__ import annotations

import pytest

import re
from pathlib import Path

from tests.browser.conftest import open_context, wait_live
from tests.browser.helpers import calc, fill_org365, fill_text, open_calc, row, runs, set_rows, settle
from tests.browser.test_print import pdf_pages, words
from tests.browser.test_webkit import display, wait_ready, wait_until, webkit  # noqa: F401 (fixtures)
from tests.conftest import load_cases
from tests.shown import missing, plain
from tests.unit.xlsx_reading import Workbook

pytestmark = pytest.mark.warm

CASES = {c["name"]: c for c in load_cases() if "compare_text" in c["expected"]}
TEAMS = CASES["To oppsett: leder og ett styremedlem på E1, resten F3 (A) mot alle i Teams-området på E1 (B)"]
BUDGET = CASES["To budsjettoppsett 2025: B har en tillitsvalgt til på E1, KL*AR likt"]
COPY = "Sammenlign med et annet oppsett"


def plan_b(root):
    return root.get_by_role("group", name="Oppsett B", exact=True)


def fill_holders(page, scope, key: str, holders: list[dict]) -> None:
    """The rows of one plan's holders group (`key`: its data-rows), as a reader sets them."""
    box = scope.locator(f'[data-rows="{key}"]')
    set_rows(page, scope, key, len(holders))
    for i, h in enumerate(holders):
        r = row(box, "holders", i)
        r.get_by_label("Rolle").select_option(h["role"])
        r.get_by_label("Lisenstype").select_option(h["license"])
        r.get_by_label("Skal ha tilgang til fagforeningens felles e-postadresse (felles innboks)").set_checked(
            bool(h.get("needs_shared_mailbox")))
        r.get_by_label("Skal arbeide i fagforeningens fellesområde i Teams").set_checked(bool(h.get("needs_shared_area")))


def compute(page, root, name: str) -> None:
    before = runs(page, name)
    root.get_by_role("button", name="Beregn").click()
    settle(page, name, before)


def live(root) -> str:
    return plain(root.locator("[data-live]").inner_text())


def result_text(root) -> str:
    return plain(root.locator("[data-result]").inner_text())


def open_teams_comparison(page, origin):
    """The ORG365 page with the case's plan A typed, plan B copied from it and edited."""
    root = open_calc(page, origin, "kalkulatorer/org365/", "org365")
    inputs = TEAMS["inputs"]
    fill_org365(page, root, {k: v for k, v in inputs.items() if k != "plan_b"})
    compute(page, root, "org365")
    before = runs(page, "org365")
    root.get_by_role("button", name=COPY).click()
    settle(page, "org365", before)
    b = plan_b(root)
    fill_holders(page, b, "plan_b.holders", inputs["plan_b"]["holders"])
    compute(page, root, "org365")
    return root, b


def test_plan_b_is_a_copy_with_focus_on_its_first_field_and_the_result_compares(page, origin):
    root = open_calc(page, origin, "kalkulatorer/org365/", "org365")
    fill_org365(page, root, {k: v for k, v in TEAMS["inputs"].items() if k != "plan_b"})
    compute(page, root, "org365")
    copy = root.get_by_role("button", name=COPY)
    assert copy.evaluate("el => el.tagName") == "BUTTON"
    before = runs(page, "org365")
    title_a = root.locator("form [data-plan-a-title]")
    assert title_a.is_hidden() and title_a.inner_text() == "Oppsett A"  # one plan: no name shown
    copy.click()
    settle(page, "org365", before)
    b = plan_b(root)
    assert b.evaluate("el => el.tagName") == "FIELDSET"
    assert title_a.is_visible()
    assert title_a.evaluate("(h, b) => !!(h.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)",
                            b.element_handle())  # over plan A's fields, before plan B
    # Focus on plan B's first field; the copy holds plan A's five rows as they were.
    assert page.evaluate("document.activeElement.id") == b.get_by_label(
        "Første måned med lisenskostnad (1–12)", exact=True).get_attribute("id")
    assert b.locator('[data-rows="plan_b.holders"] [data-row]').count() == 5
    assert row(b.locator('[data-rows="plan_b.holders"]'), "holders", 2).get_by_label("Lisenstype").input_value() == "F3"
    # Two equal plans: A 10 500 kr = B.
    assert live(root).endswith("Oppsett A: 10 500 kr. Oppsett B: 10 500 kr, det samme som oppsett A.")
    fill_holders(page, b, "plan_b.holders", TEAMS["inputs"]["plan_b"]["holders"])
    compute(page, root, "org365")
    text = result_text(root)
    assert not missing(text, TEAMS["expected"]["compare_text"]), missing(text, TEAMS["expected"]["compare_text"])
    assert live(root).endswith(TEAMS["expected"]["compare_summary"])


def test_an_error_in_plan_b_names_the_plan_in_the_summary_and_at_the_field(page, origin):
    root, b = open_teams_comparison(page, origin)
    fill_text(b, "Første måned med lisenskostnad (1–12)", "13")
    before = runs(page, "org365")
    root.get_by_role("button", name="Beregn").click()
    settle(page, "org365", before)
    message = "Oppsett B: «Første måned med lisenskostnad (1–12)» må være mellom 1 og 12."
    summary = root.locator("[data-error-summary]")
    assert plain(summary.locator("li").all_inner_texts()[0]) == message
    field = b.get_by_label("Første måned med lisenskostnad (1–12)", exact=True)
    assert field.get_attribute("aria-invalid") == "true"
    assert message in plain(b.locator(".field-error").first.inner_text())
    # The link in the summary leads to plan B's field, not plan A's.
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == field.get_attribute("id")


def test_the_share_link_carries_plan_b_and_start_again_removes_it(page, origin, browser):
    root, b = open_teams_comparison(page, origin)
    root.get_by_role("button", name="Del lenke").click()
    url = root.locator("[data-share-url]").input_value()
    assert "#inndata-org365=" in url
    # A fresh browser opens the link: both plans, the same comparison.
    context, _ = open_context(browser, origin)
    other = context.new_page()
    other.goto(url)
    wait_live(other, "org365")
    other_root = calc(other, "org365")
    assert other_root.get_by_role("group", name="Oppsett B", exact=True).is_visible()
    assert live(other_root).endswith(TEAMS["expected"]["compare_summary"])
    context.close()
    # «Start på nytt»: one plan again, and plan B is forgotten where inputs are saved.
    saved = page.evaluate("localStorage.getItem('calc:v1:org365')")
    assert '"plan_b":"on"' in saved
    before = runs(page, "org365")
    root.get_by_role("button", name="Start på nytt").click()
    settle(page, "org365", before)
    assert root.locator("[data-plan-b]").count() == 0
    assert "plan_b" not in (page.evaluate("localStorage.getItem('calc:v1:org365')") or "")
    assert root.get_by_role("button", name=COPY).is_visible()
    # The example: 2 × 3 600 + 1 100 = 8 300 kr, one plan.
    assert live(root).endswith("ORG365-lisenser " + re.search(r"\d{4}", live(root)).group(0) + ": 8 300 kr for 12 måneder.")
    page.reload()
    wait_live(page, "org365")
    assert calc(page, "org365").locator("[data-plan-b]").count() == 0


def test_remove_plan_b_returns_focus_to_the_copy_action(page, origin):
    root, b = open_teams_comparison(page, origin)
    before = runs(page, "org365")
    b.get_by_role("button", name="Fjern oppsett B").click()
    settle(page, "org365", before)
    assert root.locator("[data-plan-b]").count() == 0
    assert root.locator("form [data-plan-a-title]").is_hidden()
    assert page.evaluate("document.activeElement.textContent") == COPY
    # 2 × 3 600 + 3 × 1 100 = 10 500 kr, plan A alone.
    assert live(root).endswith("ORG365-lisenser 2025: 10 500 kr for 12 måneder.")


def test_budget_compares_two_plans_on_screen_and_in_print(page, origin):
    root = open_calc(page, origin, "kalkulatorer/budsjett/", "budget")
    inputs = BUDGET["inputs"]
    fill_text(root, "Budsjettår", inputs["year"])
    a_org365 = root.locator("fieldset.calc-part").nth(0)
    fill_org365(page, a_org365, inputs["org365"], prefix="org365.")
    a_klar = root.locator("fieldset.calc-part").nth(1)
    fill_text(a_klar, "Fylkeskrets", inputs["klar"]["county"])
    fill_text(a_klar, "Yrkesaktive medlemmer", inputs["klar"]["members"])
    before = runs(page, "budget")
    root.get_by_role("button", name=COPY).click()
    settle(page, "budget", before)
    b = plan_b(root)
    # Plan B's first field is its ORG365 part's first month.
    assert page.evaluate("document.activeElement.closest('[data-plan-b]') !== null")
    fill_holders(page, b, "plan_b.org365.holders", inputs["plan_b"]["org365"]["holders"])
    compute(page, root, "budget")
    text = result_text(root)
    assert not missing(text, BUDGET["expected"]["compare_text"]), missing(text, BUDGET["expected"]["compare_text"])
    assert live(root).endswith(BUDGET["expected"]["compare_summary"])
    # The Excel file the page offers holds both plans and their difference.
    with page.expect_download() as info:
        root.get_by_role("button", name="Last ned Excel-fil").click()
    assert Workbook(Path(info.value.path()).read_bytes()).sheet_names == [
        "Inndata", "Resultat", "Inndata B", "Oppsett B", "Forskjell"]
    printed = words(" ".join(pdf_pages(page)))
    assert not missing(printed, ["Sammenligning av oppsett A og B", "Oppsett A: 8 700 kr. Oppsett B: 12 300 kr",
                                 "+3 600 kr", "+900 kr", "Merknader for begge oppsettene"]), printed


def test_without_javascript_the_form_is_one_plan(browser, server, origin):
    context, _ = open_context(browser, origin, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{origin}/kalkulatorer/org365/")
    root = calc(page, "org365")
    assert not root.get_by_role("button", name=COPY).is_visible()
    assert root.locator("[data-plan-b]").count() == 0
    assert root.get_by_label("Første måned med lisenskostnad (1–12)", exact=True).count() == 1
    context.close()


def test_at_320_px_the_two_plans_stack(page, origin):
    page.set_viewport_size({"width": 320, "height": 800})
    root, b = open_teams_comparison(page, origin)
    a_box = root.locator('[data-rows="holders"]').bounding_box()
    b_box = b.bounding_box()
    assert b_box["y"] >= a_box["y"] + a_box["height"]  # plan B below plan A
    assert b_box["x"] + b_box["width"] <= 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


# --- WebKit (Safari's engine): the same path, driven as tests/browser/test_webkit.py does ---

WEBKIT_EDIT = """
// Plan B's third holder gets E1, as a reader chooses it.
const [name] = arguments;
const select = document.querySelector(`[data-calc="${name}"] [data-plan-b] [data-rows$="holders"] [data-row]:nth-child(3) select[data-key="license"]`);
select.value = "E1";
select.dispatchEvent(new Event("input", { bubbles: true }));
select.dispatchEvent(new Event("change", { bubbles: true }));
return true;
"""
LIVE = "return document.querySelector(`[data-calc='${arguments[0]}'] [data-live]`).textContent;"


def test_plan_b_in_webkit_with_its_share_link(webkit, built_site):
    from site_build.serve import serve_in_thread

    srv = serve_in_thread(built_site, 0, csp=True)
    origin = f"http://127.0.0.1:{srv.server_port}"
    try:
        for path, name in (("kalkulatorer/org365/", "org365"), ("kalkulatorer/budsjett/", "budget")):
            webkit.get(f"{origin}/{path}")
            before = wait_ready(webkit, name)
            webkit.find_element("css selector", f'[data-calc="{name}"] [data-compare]').click()
            copied = wait_ready(webkit, name, before["runs"])
            assert webkit.execute_script("return !!document.activeElement.closest('[data-plan-b]')")
            assert webkit.find_element("css selector", "[data-plan-b] legend").text == "Oppsett B"
            webkit.execute_script(WEBKIT_EDIT, name)
            wait_ready(webkit, name, copied["runs"])
            # The example's plan A: leader and board member on E1, one F3. Plan B puts the
            # F3 holder on E1: 3 600 − 1 100 = 2 500 kr more, in ORG365 and in the budget.
            said = plain(webkit.execute_script(LIVE, name))
            assert said.endswith("2 500 kr mer enn oppsett A."), said
            webkit.find_element("css selector", f'[data-calc="{name}"] [data-share]').click()
            url = wait_until(webkit, lambda: webkit.execute_script(
                "return document.querySelector('[data-share-url]').value;"))
            webkit.get(f"{origin}/ordliste/")
            webkit.get(url)
            wait_ready(webkit, name)
            assert webkit.find_elements("css selector", "[data-plan-b]")
            said = plain(webkit.execute_script(LIVE, name))
            assert said.endswith("2 500 kr mer enn oppsett A."), said
    finally:
        srv.shutdown()


def test_both_plans_and_their_errors_have_no_axe_violations(browser, server, origin):
    from tests.browser.test_axe import in_both_palettes

    # axe is injected as an inline script: the page's policy is bypassed, as in test_axe.py.
    context, watch = open_context(browser, origin, bypass_csp=True, color_scheme="light")
    page = context.new_page()
    found = []
    for path, name in (("kalkulatorer/org365/", "org365"), ("kalkulatorer/budsjett/", "budget")):
        root = open_calc(page, origin, path, name)
        before = runs(page, name)
        root.get_by_role("button", name=COPY).click()
        settle(page, name, before)
        root.evaluate("el => el.querySelectorAll('details').forEach(d => { d.open = true; })")
        found += in_both_palettes(page, f"{path} (two plans)")
        before = runs(page, name)
        for field in plan_b(root).locator("input[type=text][data-key]:visible").all():
            field.fill("abc")
        root.get_by_role("button", name="Beregn").click()
        settle(page, name, before)
        messages = root.locator("[data-error-summary] li").all_inner_texts()
        assert messages and all(m.startswith(("Oppsett B: ", "Oppsett B, rad ")) for m in messages), messages
        found += in_both_palettes(page, f"{path} (errors in plan B)")
        page.evaluate("() => localStorage.clear()")
    context.close()
    watch.check()
    assert not found, "\n".join(found)


def test_plan_b_with_the_keyboard_alone(page, origin):
    root = open_calc(page, origin, "kalkulatorer/org365/", "org365")
    root.get_by_role("button", name=COPY).focus()
    before = runs(page, "org365")
    page.keyboard.press("Enter")
    settle(page, "org365", before)
    b = plan_b(root)
    start = b.get_by_label("Første måned med lisenskostnad (1–12)", exact=True)
    assert page.evaluate("document.activeElement.id") == start.get_attribute("id")
    before = runs(page, "org365")
    page.keyboard.type("7")
    page.keyboard.press("Enter")
    settle(page, "org365", before)
    # The example: 2 × E1 + 1 × F3 = 8 300 kr a year; plan B from July: 8 300 × 6/12 = 4 150 kr.
    assert live(root).endswith("Oppsett A: 8 300 kr. Oppsett B: 4 150 kr, 4 150 kr mindre enn oppsett A.")
    b.get_by_role("button", name="Fjern oppsett B").focus()
    before = runs(page, "org365")
    page.keyboard.press("Space")
    settle(page, "org365", before)
    assert page.evaluate("document.activeElement.textContent") == COPY
    assert "Oppsett B er fjernet." in live(root)
