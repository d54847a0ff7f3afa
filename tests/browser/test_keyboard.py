"""Every calculator with the keyboard alone: Tab / Shift+Tab to move, typing, arrow keys
for lists and radio buttons, Space for check boxes, Enter for buttons and to submit.

For each calculator: fill it and compare the result with calculators.api.run; add and
remove rows (focus goes to the new row's first field; after a removal to the next row's
remove button, or the add button); an invalid submit moves focus to the error summary,
whose links lead to the fields; copy the share link; download the CSV (budget). Every
focus stop inside a calculator must show a visible focus indicator, and the results must
reach the polite live region.
"""

from __future__ import annotations

import base64
import copy
import json
from contextlib import contextmanager
import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Locator, Page

from calculators.api import run
from calculators.view import render
from macros.forms import _api_inputs, default_inputs
from tests.browser.conftest import open_context, wait_live
from tests.browser.helpers import runs, settle, site_root

# The active element, whether it sits in a calculator and shows a focus indicator, and
# which way the target lies in document (= tab) order.
FOCUS_STATE = """t => {
  const a = document.activeElement;
  const cs = a ? getComputedStyle(a) : null;
  const outline = !!cs && cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
  const shadow = !!cs && !!cs.boxShadow && cs.boxShadow !== 'none';
  return {
    hit: a === t,
    inCalc: !!(a && a.closest('[data-calc]')),
    visible: outline || shadow,
    forward: !t || !a || a === document.body || !!(a.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING),
    desc: a ? a.outerHTML.slice(0, 160) : 'none',
  };
}"""


@dataclass
class Keys:
    """A person at the keyboard, on one calculator."""

    page: Page
    root: Locator
    name: str
    stops: int = 0

    def assert_focus_visible(self) -> None:
        state = self.page.evaluate(FOCUS_STATE, None)
        assert state["visible"], f"no visible focus on {state['desc']}"

    def focus(self, target: Locator, limit: int = 400) -> None:
        """Tab (or Shift+Tab) until `target` has focus; every stop inside a calculator
        must show where the focus is."""
        handle = target.element_handle()
        for _ in range(limit):
            state = self.page.evaluate(FOCUS_STATE, handle)
            if state["inCalc"]:
                self.stops += 1
                assert state["visible"], f"no visible focus on {state['desc']}"
            if state["hit"]:
                return
            self.page.keyboard.press("Tab" if state["forward"] else "Shift+Tab")
        raise AssertionError(f"could not reach {target} with Tab; focus is on {state['desc']}")

    def is_focused(self, target: Locator) -> bool:
        return target.evaluate("el => el === document.activeElement")

    def field(self, label: str, row: str | None = None) -> Locator:
        scope = self.root.get_by_role("group", name=row, exact=True) if row else self.root
        return scope.get_by_label(label, exact=True)

    def type(self, label: str, value: str, row: str | None = None) -> Locator:
        field = self.field(label, row)
        self.focus(field)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(value)
        assert field.input_value() == value
        return field

    def choose(self, label: str, value: str, row: str | None = None) -> None:
        """A <select>: arrow keys until the option with `value` is chosen."""
        select = self.field(label, row)
        self.focus(select)
        options = select.evaluate("el => [...el.options].map(o => o.value)")
        for _ in range(len(options) + 1):
            current = select.input_value()
            if current == value:
                return
            self.page.keyboard.press("ArrowDown" if options.index(value) > options.index(current) else "ArrowUp")
        raise AssertionError(f"{label}: could not choose {value!r} with the arrow keys")

    def radio(self, label: str) -> None:
        target = self.root.get_by_label(label, exact=True)
        group = f'input[type=radio][name="{target.get_attribute("name")}"]'
        checked = self.root.locator(f"{group}:checked")
        self.focus(checked)  # Tab enters a radio group at its checked button
        values = [el.get_attribute("value") for el in self.root.locator(group).all()]
        want = values.index(target.get_attribute("value"))
        for _ in range(len(values) + 1):
            if target.is_checked():
                assert self.is_focused(target)
                return
            now = values.index(checked.get_attribute("value"))
            self.page.keyboard.press("ArrowDown" if want > now else "ArrowUp")
        raise AssertionError(f"could not choose {label!r} with the arrow keys")

    def check(self, label: str, checked: bool, row: str | None = None) -> None:
        box = self.field(label, row)
        self.focus(box)
        if box.is_checked() != checked:
            self.page.keyboard.press("Space")
        assert box.is_checked() == checked

    def button(self, name: str, key: str = "Enter", scope: Locator | None = None) -> None:
        btn = (scope or self.root).get_by_role("button", name=name, exact=True)
        self.focus(btn)
        self.page.keyboard.press(key)

    def submit(self) -> None:
        """Enter in the focused text field submits the form."""
        assert self.page.evaluate("() => document.activeElement.matches('input[type=text]')")
        before = runs(self.page, self.name)
        self.page.keyboard.press("Enter")
        settle(self.page, self.name, before)

    @contextmanager
    def computes(self):
        """The actions inside change the form (no submit): wait for the new result."""
        before = runs(self.page, self.name)
        yield
        settle(self.page, self.name, before)

    def settle_after(self, before: int) -> None:
        settle(self.page, self.name, before)

    def live(self) -> str:
        return self.root.locator("[data-live]").inner_text().strip()


def result_html(k: Keys) -> str:
    return k.root.locator("[data-result]").inner_html()


def assert_result(k: Keys, inputs: dict) -> None:
    """The result shown is CPython's for `inputs`, and its summary reached the live region."""
    output = run(k.name, inputs)
    assert output["ok"], output
    expected = render(k.name, output, root=site_root(k.page))
    assert result_html(k) == expected["html"]
    assert expected["summary"] in k.live()


def defaults(name: str) -> dict:
    return copy.deepcopy(_api_inputs(default_inputs(name)))


# --- rows ------------------------------------------------------------------------------

def add_row(k: Keys, add_label: str, group: str, n: int) -> None:
    """Enter on the add button: the new row's first field has focus, and it is announced."""
    before = runs(k.page, k.name)
    k.button(add_label)
    new_row = k.root.get_by_role("group", name=f"{group} {n}", exact=True)
    first = new_row.locator("input, select").first
    assert k.is_focused(first), "the new row's first field should have focus"
    k.assert_focus_visible()
    k.settle_after(before)
    assert f"Rad {n} er lagt til." in k.live()


def remove_row(k: Keys, group: str, n: int, rows_left: int, add_label: str) -> None:
    """Space on row n's remove button: focus goes to the next row's remove button, or to
    the add button when no row follows (or the rows left cannot be removed)."""
    before = runs(k.page, k.name)
    row = k.root.get_by_role("group", name=f"{group} {n}", exact=True)
    k.button(f"Fjern {group.lower()} {n}", key="Space", scope=row)
    k.settle_after(before)
    assert k.root.locator("[data-rows] [data-row]").count() == rows_left
    if n <= rows_left and rows_left > 1:
        expected = k.root.get_by_role("group", name=f"{group} {n}", exact=True).get_by_role("button", name=f"Fjern {group.lower()} {n}")
    else:
        expected = k.root.get_by_role("button", name=add_label, exact=True)
    assert k.is_focused(expected), f"after removing {group} {n} focus should be on {expected}"
    k.assert_focus_visible()
    assert f"Rad {n} er fjernet." in k.live()


# --- one scenario per calculator: fill (and rows); returns the inputs the form now holds ---

def org365(k: Keys) -> dict:
    inputs = defaults("org365")
    k.type("Budsjettår", "2026")
    k.type("Første måned med lisenskostnad (1–12)", "7")
    k.check("Skal ha tilgang til fagforeningens felles e-postadresse (felles innboks)", False, row="Person 2")
    k.check("Skal arbeide i fagforeningens fellesområde i Teams", False, row="Person 2")
    k.choose("Lisenstype", "E3", row="Person 3")
    k.focus(k.root.locator("summary", has_text="Endre prisene"))
    k.page.keyboard.press("Enter")  # opens the <details>
    k.type("Pris per år for E1 – normal bruk (kr)", "3 700")
    k.submit()
    inputs.update(year="2026", start_month="7", prices={"E1": "3 700"})
    inputs["holders"][1].update(needs_shared_mailbox=False, needs_shared_area=False)
    inputs["holders"][2]["license"] = "E3"
    assert_result(k, inputs)

    add_row(k, "Legg til person", "Person", 4)
    with k.computes():
        k.choose("Lisenstype", "F3", row="Person 4")
    inputs["holders"].append({"role": "tillitsvalgt", "license": "F3", "needs_shared_mailbox": False,
                              "needs_shared_area": False})
    assert_result(k, inputs)
    remove_row(k, "Person", 2, 3, "Legg til person")
    inputs["holders"].pop(1)
    assert_result(k, inputs)
    remove_row(k, "Person", 3, 2, "Legg til person")
    inputs["holders"].pop(2)
    assert_result(k, inputs)
    return inputs


def klar(k: Keys) -> dict:
    k.type("År", "2026")
    k.type("Fylkeskrets", "Vestland")
    k.radio("Ett tall per måned")
    assert k.root.get_by_label("Januar", exact=True).is_visible()
    assert not k.root.get_by_label("Yrkesaktive medlemmer", exact=True).is_visible()
    k.radio("Ett tall for hele året")
    k.type("Yrkesaktive medlemmer", "300")
    k.type("Sats per yrkesaktivt medlem per måned (kr, valgfritt)", "1,5")
    k.submit()
    inputs = {"year": "2026", "county": "Vestland", "members": "300", "rate": "1,5"}
    assert_result(k, inputs)
    return inputs


def budget(k: Keys) -> dict:
    inputs = defaults("budget")
    k.type("Budsjettår", "2026")
    k.choose("Rolle", "styremedlem", row="Person 3")
    k.type("Fylkeskrets", "Innlandet")
    k.type("Yrkesaktive medlemmer", "120")
    k.submit()
    inputs["year"] = "2026"
    inputs["org365"]["holders"][2]["role"] = "styremedlem"
    inputs["klar"].update(county="Innlandet", members="120")
    assert_result(k, inputs)

    add_row(k, "Legg til person", "Person", 4)
    inputs["org365"]["holders"].append({"role": "tillitsvalgt", "license": "E1", "needs_shared_mailbox": False,
                                        "needs_shared_area": False})
    assert_result(k, inputs)
    remove_row(k, "Person", 4, 3, "Legg til person")
    inputs["org365"]["holders"].pop(3)
    assert_result(k, inputs)
    return inputs


def fo_pay(k: Keys) -> dict:
    inputs = defaults("fo_pay")
    k.type("LO-leders årslønn (kr)", "1 600 000")
    k.type("Stillingsprosent (frikjøp)", "60", row="Tillitsvalgt 8")
    k.submit()
    inputs["lo_leader_salary"] = "1 600 000"
    inputs["positions"][7]["fte_percent"] = "60"
    assert_result(k, inputs)

    add_row(k, "Legg til tillitsvalgt", "Tillitsvalgt", 9)
    k.type("Navn", "Sekretær Vestland", row="Tillitsvalgt 9")
    k.type("Enhet", "Vestland", row="Tillitsvalgt 9")
    k.choose("Verv", "sekretaer", row="Tillitsvalgt 9")
    k.choose("Lønnsnivået oppgis som", "percent_of_lo", row="Tillitsvalgt 9")
    k.type("Lønnsnivå", "65", row="Tillitsvalgt 9")
    k.submit()
    inputs["positions"].append({"name": "Sekretær Vestland", "unit": "Vestland", "role": "sekretaer", "percent_of_lo": "65"})
    assert_result(k, inputs)
    remove_row(k, "Tillitsvalgt", 4, 8, "Legg til tillitsvalgt")
    inputs["positions"].pop(3)
    assert_result(k, inputs)
    remove_row(k, "Tillitsvalgt", 8, 7, "Legg til tillitsvalgt")
    inputs["positions"].pop(7)
    assert_result(k, inputs)
    return inputs


def fo_bicycle(k: Keys) -> dict:
    k.type("Kilometer", "15", row="Tur 1")
    k.submit()
    assert_result(k, {"trips": ["15", "8,5"]})
    add_row(k, "Legg til tur", "Tur", 3)
    k.page.keyboard.type("3,5")
    k.submit()
    assert_result(k, {"trips": ["15", "8,5", "3,5"]})
    remove_row(k, "Tur", 1, 2, "Legg til tur")
    assert_result(k, {"trips": ["8,5", "3,5"]})
    remove_row(k, "Tur", 2, 1, "Legg til tur")  # one row left: it cannot be removed
    assert_result(k, {"trips": ["8,5"]})
    return {"trips": ["8,5"]}


def fo_holidays(k: Keys) -> dict:
    k.type("Fødselsår", "1966")
    k.type("Året det gjelder", "2026")
    k.submit()
    inputs = {"birth_year": "1966", "year": "2026"}
    assert_result(k, inputs)
    return inputs


def fo_loan(k: Keys) -> dict:
    k.type("Bruttolønn per måned (kr)", "40 000")
    k.type("Frikjøp i prosent av full stilling", "40")
    k.submit()
    inputs = {"monthly_gross_pay": "40 000", "fte_percent": "40"}
    assert_result(k, inputs)
    return inputs


def fo_training(k: Keys) -> dict:
    k.choose("Verv i avdelingen", "leder")
    k.type("Valgperiodens lengde i år", "2")
    k.submit()
    assert_result(k, {"group": "avdeling", "role": "leder", "term_years": "2", "used": "5 000"})
    k.choose("Hvem søker", "forbund")
    assert not k.root.get_by_label("Verv i avdelingen").is_visible()
    k.type("Allerede innvilget i perioden (kr)", "35 000")
    k.submit()
    inputs = {"group": "forbund", "term_years": "2", "used": "35 000"}
    assert_result(k, inputs)
    return inputs


def fo_severance(k: Keys) -> dict:
    k.type("Måneder med etterlønn det søkes om", "5")
    k.type("Sammenhengende valgperioder i vervet", "2")
    k.submit()
    inputs = {"monthly_pay": "50 000", "months": "5", "consecutive_terms": "2"}
    assert_result(k, inputs)
    return inputs


def fo_glasses(k: Keys) -> dict:
    k.check("Optiker eller øyelege har bekreftet behov for databriller", False)
    k.type("Pris for innfatning (kr)", "1 500")
    k.submit()
    inputs = {**defaults("fo_glasses"), "confirmed_need": False, "frame_price": "1 500"}
    assert_result(k, inputs)
    return inputs


CALCULATORS = [
    ("kalkulatorer/org365/", "org365", org365),
    ("kalkulatorer/klar/", "klar", klar),
    ("kalkulatorer/budsjett/", "budget", budget),
    ("kalkulatorer/fo-lonn/", "fo_pay", fo_pay),
    ("fo/arbeidstid-ferie/", "fo_holidays", fo_holidays),
    ("fo/godtgjorelser/", "fo_bicycle", fo_bicycle),
    ("fo/lan/", "fo_loan", fo_loan),
    ("fo/opplaering/", "fo_training", fo_training),
    ("fo/etterlonn/", "fo_severance", fo_severance),
    ("fo/arbeidsmiljo/", "fo_glasses", fo_glasses),
]


@pytest.fixture
def kb_page(browser, server, origin):
    context, watch = open_context(browser, origin, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()
    watch.check()


def test_every_calculator_on_the_site_is_covered(built_site):
    """New calculators (a `calculator(...)` on any page) must get a keyboard scenario."""
    found = set()
    for f in built_site.rglob("*.html"):
        found |= set(re.findall(r'data-calc="([^"]+)"', f.read_text(encoding="utf-8")))
    assert found == {name for _, name, _ in CALCULATORS}


def first_text_field(k: Keys) -> Locator:
    return k.root.locator("form input[type=text][data-key]:visible").first


def error_summary_leads_to_the_field(k: Keys) -> None:
    field = first_text_field(k)
    good = field.input_value()
    k.focus(field)
    k.page.keyboard.press("Control+A")
    k.page.keyboard.type("tolv")
    k.submit()
    summary = k.root.locator("[data-error-summary]")
    assert summary.is_visible()
    assert k.is_focused(summary), "an invalid submit must move focus to the error summary"
    k.assert_focus_visible()
    assert "feil" in k.live()

    k.page.keyboard.press("Tab")
    link = summary.get_by_role("link").first
    assert k.is_focused(link)
    k.assert_focus_visible()
    field_id = field.get_attribute("id")
    assert link.get_attribute("href") == f"#{field_id}"
    label = k.root.locator(f'label[for="{field_id}"]').inner_text().strip()
    assert label in link.inner_text()
    url = k.page.url
    k.page.keyboard.press("Enter")
    assert k.is_focused(field), "the summary link must move focus to its field"
    k.assert_focus_visible()
    assert field.get_attribute("aria-invalid") == "true"
    assert k.page.url == url, "the link must not navigate"

    k.page.keyboard.press("Control+A")
    k.page.keyboard.type(good)
    k.submit()
    assert not summary.is_visible()
    assert field.get_attribute("aria-invalid") is None


def share_link_is_copied(k: Keys, inputs: dict) -> None:
    k.button("Del lenke")
    k.page.wait_for_function("el => el.querySelector('[data-live]').textContent.includes('Lenken er kopiert')", arg=k.root.element_handle())
    url_field = k.root.locator("[data-share-url]")
    url = url_field.input_value()
    assert f"#inndata-{k.name}=" in url
    assert k.page.evaluate("() => navigator.clipboard.readText()") == url
    assert k.is_focused(url_field)
    k.assert_focus_visible()
    # The link carries what the form holds (restoring it is tested in test_calculators).
    fragment = url.split(f"#inndata-{k.name}=", 1)[1]
    snap = json.loads(base64.urlsafe_b64decode(fragment + "=" * (-len(fragment) % 4)))
    typed = [v for v in snap["fields"].values() if isinstance(v, str)]
    typed += [v for rows in snap["rows"].values() for r in rows for v in r.values() if isinstance(v, str)]
    for value in _strings(inputs):
        assert value in typed, f"{value!r} missing from the share link"


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def csv_is_downloaded(k: Keys) -> None:
    with k.page.expect_download() as info:
        k.button("Last ned CSV")
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    data = open(download.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Lisenskostnader ORG365" in data.decode("utf-8-sig")
    k.page.wait_for_function("el => el.querySelector('[data-live]').textContent.includes('CSV-filen er lastet ned')", arg=k.root.element_handle())
    k.assert_focus_visible()


@pytest.mark.parametrize(("path", "name", "scenario"), CALCULATORS, ids=[c[1] for c in CALCULATORS])
def test_calculator_with_the_keyboard_alone(kb_page, origin, path, name, scenario):
    page = kb_page
    page.goto(f"{origin}/{path}")
    wait_live(page, name)
    root = page.locator(f'[data-calc="{name}"]')
    live = root.locator("[data-live]")
    assert live.get_attribute("aria-live") == "polite" and live.get_attribute("role") == "status"

    k = Keys(page, root, name)
    inputs = scenario(k)
    error_summary_leads_to_the_field(k)
    share_link_is_copied(k, inputs)
    if root.get_by_role("button", name="Last ned CSV").count():
        csv_is_downloaded(k)
    assert k.stops > 0
