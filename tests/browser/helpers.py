"""Acting on calculator forms as a person would: by Norwegian labels and buttons."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, Page

from tests.browser.conftest import wait_live

ROW_GROUP = {"holders": "Person", "positions": "Tillitsvalgt", "trips": "Tur"}
ADD_BUTTON = {"holders": "Legg til person", "positions": "Legg til tillitsvalgt", "trips": "Legg til tur"}


def calc(page: Page, name: str) -> Locator:
    return page.locator(f'[data-calc="{name}"]')


def result_markup(root: Locator) -> str:
    """The result's markup as the renderer wrote it: the browser serialises the no-break
    spaces the site joins figures with (U+00A0) as `&nbsp;`."""
    return root.locator("[data-result]").inner_html().replace("&nbsp;", "\u00a0")


def runs(page: Page, name: str) -> int:
    return int(calc(page, name).get_attribute("data-runs") or 0)


def settle(page: Page, name: str, after: int) -> None:
    """Wait until the calculator has computed again after `after` runs and is idle."""
    page.wait_for_function(
        """([name, after]) => { const el = document.querySelector(`[data-calc="${name}"]`);
             return Number(el.dataset.runs || 0) > after && el.dataset.busy === "false"; }""",
        arg=[name, after], timeout=15_000,
    )


def submit(page: Page, root: Locator, name: str, fill) -> None:
    """`fill()` the form, press «Beregn», and wait for the calculator's answer."""
    before = runs(page, name)
    fill()
    root.get_by_role("button", name="Beregn").click()
    settle(page, name, before)


def save_download(page: Page, root: Locator, button: str, filename: str, dest: Path) -> Path:
    """Press `button`, check the file the browser is offered is called `filename`, and
    save it as `dest`."""
    with page.expect_download() as info:
        root.get_by_role("button", name=button).click()
    download = info.value
    assert download.suggested_filename == filename
    download.save_as(dest)
    return dest


def set_rows(page: Page, root: Locator, key: str, n: int) -> None:
    rows = root.locator(f'[data-rows="{key}"] [data-row-list] > [data-row]')
    while rows.count() < n:
        root.get_by_role("button", name=ADD_BUTTON[key.split(".")[-1]]).click()
    while rows.count() > n:
        rows.last.get_by_role("button", name="Fjern").click()


def fill_text(scope: Locator, label: str, value) -> None:
    field = scope.get_by_label(label, exact=True)
    field.fill("" if value is None else str(value))


def row(root: Locator, key: str, i: int) -> Locator:
    return root.get_by_role("group", name=f"{ROW_GROUP[key.split('.')[-1]]} {i + 1}", exact=True)


def fill_org365(page: Page, root: Locator, inputs: dict, prefix: str = "") -> None:
    if "year" in inputs:
        fill_text(root, "Budsjettår", inputs["year"])
    fill_text(root, "Første måned med lisenskostnad (1–12)", inputs.get("start_month", ""))
    holders = inputs["holders"]
    set_rows(page, root, prefix + "holders", len(holders))
    for i, h in enumerate(holders):
        r = row(root.locator(f'[data-rows="{prefix}holders"]'), "holders", i)
        r.get_by_label("Rolle").select_option(h["role"])
        r.get_by_label("Lisenstype").select_option(h["license"])
        r.get_by_label("Skal ha tilgang til fagforeningens felles e-postadresse (felles innboks)").set_checked(
            bool(h.get("needs_shared_mailbox")))
        r.get_by_label("Skal arbeide i fagforeningens fellesområde i Teams").set_checked(bool(h.get("needs_shared_area")))
    prices = inputs.get("prices", {})
    if prices:
        root.get_by_text("Endre prisene (valgfritt)").click()
    for lic, label in (("E1", "E1 – normal bruk"), ("F3", "F3 – enkel bruk"), ("E3", "E3 – avansert bruk")):
        if lic in prices or root.get_by_label(f"Pris per år for {label} (kr)").is_visible():
            fill_text(root, f"Pris per år for {label} (kr)", prices.get(lic, ""))


def open_calc(page: Page, origin: str, path: str, name: str) -> Locator:
    page.goto(f"{origin}/{path}")
    wait_live(page, name)
    return calc(page, name)


def choose_members_mode(root: Locator, monthly: bool) -> None:
    root.get_by_label("Ett tall per måned" if monthly else "Ett tall for hele året").check()


MONTHS = ("Januar", "Februar", "Mars", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Desember")


def fill_klar(page: Page, root: Locator, inputs: dict) -> None:
    if "year" in inputs:
        fill_text(root, "År", inputs["year"])
    fill_text(root, "Fylkeskrets", inputs.get("county", ""))
    if "members_by_month" in inputs:
        choose_members_mode(root, True)
        for label, value in zip(MONTHS, inputs["members_by_month"], strict=True):
            fill_text(root, label, value)
    else:
        choose_members_mode(root, False)
        fill_text(root, "Yrkesaktive medlemmer", inputs.get("members", ""))
    fill_text(root, "Sats per yrkesaktivt medlem per måned (kr, valgfritt)", inputs.get("rate", ""))


def fill_fo_pay(page: Page, root: Locator, inputs: dict) -> None:
    fill_text(root, "LO-leders årslønn (kr)", inputs["lo_leader_salary"])
    positions = inputs["positions"]
    set_rows(page, root, "positions", len(positions))
    for i, p in enumerate(positions):
        r = row(root, "positions", i)
        fill_text(r, "Navn", p.get("name", ""))
        fill_text(r, "Enhet", p.get("unit", ""))
        r.get_by_label("Verv").select_option(p["role"])
        kind = "percent_of_lo" if "percent_of_lo" in p else "salary"
        r.get_by_label("Lønnsnivået oppgis som").select_option(kind)
        fill_text(r, "Lønnsnivå", p.get(kind, ""))
        fill_text(r, "Stillingsprosent (frikjøp)", p.get("fte_percent", ""))
        fill_text(r, "Egen ordinær lønn per år (kr)", p.get("own_salary", ""))
    fill_text(root, "Ny årslønn for LO-leder (kr)", inputs.get("new_lo_leader_salary", ""))
    fill_text(root, "Måned da ny lønn utbetales første gang (1–12)", inputs.get("adjustment_month", ""))


def fill_budget(page: Page, root: Locator, inputs: dict) -> None:
    fill_text(root, "Budsjettår", inputs["year"])
    fill_org365(page, root.locator("fieldset.calc-part").nth(0), inputs["org365"], prefix="org365.")
    fill_klar(page, root.locator("fieldset.calc-part").nth(1), inputs["klar"])


def site_root(page: Page) -> str:
    """The site's root URL for the page (the worker links results to the guidance from it)."""
    return re.match(r"https?://[^/]+/", page.url).group(0)
