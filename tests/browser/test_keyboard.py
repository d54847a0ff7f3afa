"""Every calculator with the keyboard alone: Tab / Shift+Tab to move, typing, arrow keys
for lists and radio buttons, Space for check boxes, Enter for buttons and to submit.

For each calculator (its steps are data: keyboard_scenarios.toml, played by
`run_scenario`): fill it and compare the result with calculators.api.run; add and
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
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

from calculators.api import run
from calculators.machinery.view import render
from macros.forms import _api_inputs, default_inputs
from tests.browser.conftest import wait_live
from tests.browser.helpers import result_markup, runs, settle, site_root
from tests.conftest import calculator_page, calculator_pages
from tests.shown import plain

pytestmark = pytest.mark.warm

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
    return result_markup(k.root)


def assert_result(k: Keys, inputs: dict) -> None:
    """The result shown is CPython's for `inputs`, and its summary reached the live region."""
    output = run(k.name, inputs)
    assert output["ok"], output
    expected = render(k.name, output, root=site_root(k.page))
    assert result_html(k) == expected["html"]
    assert plain(expected["summary"]) in plain(k.live())


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


# --- the scenarios, as data (keyboard_scenarios.toml), and their one driver ------------------

SCENARIOS = tomllib.loads((Path(__file__).with_name("keyboard_scenarios.toml")).read_text(encoding="utf-8"))["scenario"]
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _path(path: str) -> list:
    """`org365.holders[2].role` → ["org365", "holders", 2, "role"]."""
    return [int(i) if i else key for key, i in _STEP.findall(path)]


def _at(inputs, steps: list):
    for step in steps:
        inputs = inputs[step]
    return inputs


def _set(inputs: dict, path: str, value) -> None:
    *parent, last = _path(path)
    _at(inputs, parent)[last] = copy.deepcopy(value)


def run_scenario(k: Keys, scenario: dict) -> dict:
    """Play the scenario's steps at the keyboard; returns the inputs the form now holds."""
    start = scenario["start"]
    inputs = defaults(k.name) if start == "example" else copy.deepcopy(start)
    for step in scenario["steps"]:
        row = step.get("row")
        if "type" in step:
            k.type(*step["type"], row=row)
        elif "keys" in step:
            k.page.keyboard.type(step["keys"])
        elif "choose" in step:
            if step.get("computes"):
                with k.computes():
                    k.choose(*step["choose"], row=row)
            else:
                k.choose(*step["choose"], row=row)
        elif "check" in step:
            k.check(*step["check"], row=row)
        elif "radio" in step:
            k.radio(step["radio"])
        elif "open" in step:
            k.focus(k.root.locator("summary", has_text=step["open"]))
            k.page.keyboard.press("Enter")  # opens the <details>
        elif "visible" in step:
            label, shown = step["visible"]
            assert k.root.get_by_label(label, exact=True).is_visible() is shown, step
        elif "submit" in step:
            k.submit()
        elif "add_row" in step:
            add_row(k, *step["add_row"])
        elif "remove_row" in step:
            group, n, rows_left, add_label = step["remove_row"]
            remove_row(k, group, n, rows_left, add_label)
        elif "set" in step:
            for path, value in step["set"].items():
                _set(inputs, path, value)
        elif "append" in step:
            path, value = step["append"]
            _at(inputs, _path(path)).append(copy.deepcopy(value))
        elif "pop" in step:
            path, index = step["pop"]
            _at(inputs, _path(path)).pop(index)
        elif "expect_inputs" in step:
            inputs = copy.deepcopy(step["expect_inputs"])
        elif "expect_result" in step:
            assert_result(k, inputs)
        else:
            raise AssertionError(f"{k.name}: unknown step {step}")
    return inputs


CALCULATORS = sorted({name for _, name in calculator_pages()})


@pytest.fixture
def kb_page(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    return page


def test_every_calculator_on_the_site_has_a_scenario(built_site):
    """New calculators (a `calculator(...)` on any page) must get a keyboard scenario, and
    every calculator the built site shows is one the pages call."""
    found = set()
    for f in built_site.rglob("*.html"):
        found |= set(re.findall(r'data-calc="([^"]+)"', f.read_text(encoding="utf-8")))
    assert found == set(CALCULATORS) == set(SCENARIOS)


def test_every_scenario_step_is_known():
    known = {"type", "keys", "choose", "check", "radio", "open", "visible", "submit", "add_row", "remove_row",
             "set", "append", "pop", "expect_inputs", "expect_result"}
    for name, scenario in SCENARIOS.items():
        assert scenario["start"] == "example" or isinstance(scenario["start"], dict), name
        assert any("expect_result" in step for step in scenario["steps"]), name
        for step in scenario["steps"]:
            assert len(set(step) & known) == 1 and set(step) <= known | {"row", "computes"}, (name, step)


def first_text_field(k: Keys) -> Locator:
    """The first field that takes a number (where «tolv» is an error; a name field takes it)."""
    return k.root.locator("form input[type=text][data-key]:not([inputmode=text]):visible").first


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


@pytest.mark.parametrize("name", CALCULATORS)
def test_calculator_with_the_keyboard_alone(kb_page, origin, name):
    page = kb_page
    page.goto(f"{origin}/{calculator_page(name, guidance_first=False)}")
    wait_live(page, name)
    root = page.locator(f'[data-calc="{name}"]')
    live = root.locator("[data-live]")
    assert live.get_attribute("aria-live") == "polite" and live.get_attribute("role") == "status"

    k = Keys(page, root, name)
    inputs = run_scenario(k, SCENARIOS[name])
    error_summary_leads_to_the_field(k)
    share_link_is_copied(k, inputs)
    if root.get_by_role("button", name="Last ned CSV").count():
        csv_is_downloaded(k)
    assert k.stops > 0
