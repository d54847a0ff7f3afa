"""Limits and refusals on the page: the 200-row cap of a group (the add button is disabled
there; a link with more rows is refused), and the budget's CSV asked for while the form
has an error (no file; the error summary shows)."""

from __future__ import annotations

import pytest

import base64
import json

from tests.browser.conftest import wait_live
from tests.browser.helpers import calc, fill_text, open_calc, runs, settle
from tests.shown import plain

pytestmark = pytest.mark.warm

ORG365 = "kalkulatorer/org365/"
ADD = "Legg til person"


def link(origin: str, name: str, path: str, snapshot: dict) -> str:
    data = base64.urlsafe_b64encode(json.dumps(snapshot).encode("utf-8")).decode("ascii").rstrip("=")
    return f"{origin}/{path}#inndata-{name}={data}"


def holders_snapshot(n: int) -> dict:
    leader = {"role": "leder", "license": "E1", "needs_shared_mailbox": True, "needs_shared_area": False}
    other = {"role": "tillitsvalgt", "license": "F3", "needs_shared_mailbox": False, "needs_shared_area": False}
    return {"fields": {"year": "2025", "start_month": ""}, "rows": {"holders": [leader] + [other] * (n - 1)}}


def test_the_form_holds_at_most_two_hundred_rows(page, origin):
    page.goto(link(origin, "org365", ORG365, holders_snapshot(200)))
    wait_live(page, "org365", timeout=60_000)
    root = calc(page, "org365")
    assert root.locator('[data-rows="holders"]').get_attribute("data-max-rows") == "200"
    rows = root.locator('[data-rows="holders"] [data-row-list] > [data-row]')
    assert rows.count() == 200
    add = root.get_by_role("button", name=ADD)
    assert add.is_disabled()
    # 1 × E1 3 600 + 199 × F3 1 100 = 218 900 → 222 500 kr for 2025
    text = plain(root.locator("[data-result]").inner_text())
    assert "218 900 kr" in text and "222 500 kr" in text
    add.dispatch_event("click")  # a click that reaches the disabled button adds nothing
    assert rows.count() == 200

    before = runs(page, "org365")
    root.get_by_role("group", name="Person 200", exact=True).get_by_role("button", name="Fjern").click()
    settle(page, "org365", before)
    assert rows.count() == 199 and add.is_enabled()
    before = runs(page, "org365")
    add.click()
    settle(page, "org365", before)
    assert rows.count() == 200 and add.is_disabled()
    assert "Rad 200 er lagt til." in root.locator("[data-live]").inner_text()


def test_a_link_with_more_rows_than_the_form_holds_is_refused(page, origin):
    page.goto(link(origin, "org365", ORG365, holders_snapshot(201)))
    wait_live(page, "org365", timeout=60_000)
    root = calc(page, "org365")
    assert root.locator("[data-notice]").inner_text() == "Lenken du åpnet, inneholdt ugyldige inndata og ble ikke brukt."
    rows = root.locator('[data-rows="holders"] [data-row-list] > [data-row]')
    assert rows.count() == 3  # the example: leader, board member, one more
    assert root.get_by_role("button", name=ADD).is_enabled()


def test_csv_with_an_error_in_the_form_gives_no_file_and_shows_the_error(page, origin):
    downloads = []
    page.on("download", lambda d: downloads.append(d))
    root = open_calc(page, origin, "kalkulatorer/budsjett/", "budget")
    before = runs(page, "budget")
    fill_text(root, "Fylkeskrets", "Atlantis")
    settle(page, "budget", before)  # the form computes as it is typed in: the error is known
    before = runs(page, "budget")
    root.get_by_role("button", name="Last ned CSV").click()
    page.wait_for_function(  # the CSV answer is applied as a result: one more run
        "([n]) => Number(document.querySelector('[data-calc=\"budget\"]').dataset.runs) > n", arg=[before])
    summary = root.locator("[data-error-summary]")
    assert summary.is_visible()
    assert "Fylkeskrets" in summary.inner_text()
    assert summary.evaluate("el => el === document.activeElement")  # the reader is taken to it
    assert root.get_by_label("Fylkeskrets").get_attribute("aria-invalid") == "true"
    assert "CSV-filen er lastet ned." not in root.locator("[data-live]").inner_text()
    assert downloads == []  # the answer came and was applied without a file
