"""Hostile and odd input in the browser: thousands of generated values in every text field
of every calculator, a hostile share-link fragment, and corrupted saved inputs.

What must hold, whatever arrives:
- no uncaught error and no console error (the Watch of conftest; a blocked inline handler
  would also log one, since the pages carry their Content-Security-Policy);
- nothing injected: no new <script>, no element with an on* attribute, no img[src=x],
  and `window.__pwned` (which every markup payload tries to set) stays unset;
- every value stays in its field as typed (as the browser keeps it: an <input type=text>
  has no line breaks, see `kept`);
- where the API rejects a value, a Norwegian message at the field (`.field-error`, tied
  by aria-describedby, naming the field's label in «»), the same messages in the error
  summary, and no stale error anywhere else; where it accepts, the result equals
  CPython's for the same inputs.

The generator is `random.Random` with a fixed seed: a failure replays exactly. The tests
share one visit and move by Material's instant navigation, so Pyodide starts once.
"""

from __future__ import annotations

import base64
import json
import random
import re

import pytest
from playwright.sync_api import Page

from calculators.api import run
from calculators.machinery.view import render
from tests.browser.conftest import wait_live
from tests.browser.helpers import runs, settle, site_root
from tests.conftest import one_page_per_calculator

pytestmark = pytest.mark.warm

SEED = 7_2025
ROUNDS = 40  # per calculator; each round gives every visible text field a value (~3 400 values in all)

# Every calculator on the site, each on one page (found from the pages' calculator calls).
CALCULATORS = one_page_per_calculator()

MARKUP = [
    "<img src=x onerror=window.__pwned=1>",
    '"><script>window.__pwned=1</script>',
    "<script>alert(1)</script>",
    "<svg onload=window.__pwned=1>",
    "</p><iframe srcdoc='<script>parent.__pwned=1</script>'></iframe>",
    "javascript:window.__pwned=1",
    "' onfocus='window.__pwned=1' autofocus='",
    "<a href=# onclick=window.__pwned=1>x</a>",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "</textarea><img src=x onerror=window.__pwned=1>",
    "&lt;img src=x onerror=window.__pwned=1&gt;",
    "<style>*{display:none}</style>",
]
NUMBERS = [
    "3600", "3 600", "3600,50", "3 600,50 kr", "3 600,50", "1 500 000", "0", "-0", "100", "12", "8,5",
    "2025", "2026", "1967", "1", "7", "60", "-1", "-3 600", "-0,01", "1e309", "-1e309", "1e3", "1E3",
    "NaN", "nan", "-NaN", "Infinity", "-Infinity", "inf", "∞", "0x10", "1_000", "0b1", "1,000.50",
    "3.600,50", "3,600.50", "12,", ",5", "+5", "5-", "1 2 3", "1..2", "1,,2", "99999999999999999999999999",
    "1" + "0" * 400, "0," + "0" * 300 + "1", "0,001", "0,005", "2 000", "2000000000000", "12 %", "kr 3 600",
    "3 600 NOK", "3\u00a0600", "3\u202f600", "3\u2009600", "٣٦٠٠",
]
UNICODE_DIGITS = ["١٢٣", "１２３", "۱۲۳", "१२३", "๑๒๓", "𝟙𝟚𝟛", "①②③", "Ⅻ", "²", "½"]
WHITESPACE = ["", " ", "   ", "\t", "\u00a0", "\u2003", "\u200b", "\ufeff", " 12 ", "\t3600\t"]
TABLES = [
    "12\t8,5\n3",
    "Navn\tLønn\nOla\t500 000\r\nKari\t450 000",
    "1\n2\n3\n",
    "3 600\r\n",
    "E1\t3600\tkr\nF3\t1100\tkr",
    "\n\n\n",
]
TEXT = [
    "Oslo", "oslo", "OSLO", "Oslo fylkeskrets", "Møre og Romsdal", "More og Romsdal", "Ostfold", "Narnia",
    "forbund", "Forbund", "Vestland", "tolv", "tusen", "null", "true", "[1,2]", '{"a":1}', "__proto__",
    "constructor", "toString", "hasOwnProperty", "'; DROP TABLE x; --", "%s%n%x", "\x00", "\x00123",
    "\u202eevil", "e\u0301", "👩‍👩‍👧", "😀", "Æøå ÆØÅ", "ǅ", "ﬀ", "İ",
]
LONG = ["9" * 10_000, "a" * 10_000, ("<b>" * 3334)[:10_000], ("3 600,50 kr " * 1000)[:10_000]]


def generate(rng: random.Random, default: str) -> str:
    kind = rng.random()
    if kind < 0.18:
        return default
    if kind < 0.42:
        return rng.choice(NUMBERS)
    if kind < 0.52:
        return rng.choice(MARKUP)
    if kind < 0.58:
        return rng.choice(UNICODE_DIGITS)
    if kind < 0.66:
        return rng.choice(WHITESPACE)
    if kind < 0.71:
        return rng.choice(TABLES)
    if kind < 0.80:
        return rng.choice(TEXT)
    if kind < 0.82:
        return rng.choice(LONG)
    if kind < 0.92:  # a number with noise around it
        return rng.choice(["", " ", "-", "+", "kr ", "≈"]) + rng.choice(NUMBERS[:20]) + rng.choice(["", " ", " kr", "%", ",", "e5"])
    pool = "0123456789 ,.-+e kr\t<>\"'&;/\\=()[]{}%æøåÆØÅ١２\u00a0\u200b😀"
    return "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def kept(value: str, typed: bool = False) -> str:
    """What an <input type=text> keeps of a value. Set as `.value` (a script, or restored
    inputs), line breaks are stripped; typed or pasted (Playwright's fill), trailing line
    breaks are dropped and every other line break becomes a space (measured in Chromium)."""
    if not typed:
        return value.replace("\r", "").replace("\n", "")
    return re.sub(r"\r\n|\r|\n", " ", re.sub(r"(\r\n|\r|\n)+$", "", value))


# Every visible text field of the calculator: its API path (as calculators.api names it),
# label, value, and the field errors tied to it by aria-describedby.
FIELDS_JS = """root => {
  const form = root.querySelector('form');
  const out = [];
  for (const el of form.querySelectorAll('input[type=text][data-key]')) {
    if (el.disabled || el.closest('[hidden]') || el.closest('details:not([open])')) continue;
    const row = el.closest('[data-row]');
    let key = el.dataset.key;
    if (el.dataset.keyFrom) key = (row || form).querySelector(`[data-ui-key="${el.dataset.keyFrom}"]`).value;
    let path = key;
    if (row) {
      const box = row.closest('[data-rows]');
      const i = [...box.querySelectorAll('[data-row]')].indexOf(row);
      path = box.dataset.scalar !== undefined ? `${box.dataset.rows}[${i}]` : `${box.dataset.rows}[${i}].${key}`;
    }
    // A field whose API name follows a chooser (the pay level: kroner or percent) answers to each choice.
    const chooser = el.dataset.keyFrom && (row || form).querySelector(`[data-ui-key="${el.dataset.keyFrom}"]`);
    const aliases = chooser ? [...chooser.options].map(o => path.replace(/[^.\\]]+$/, o.value)) : [path];
    const label = form.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent.trim() || '';
    const ids = (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
    const errors = ids.map(id => document.getElementById(id))
      .filter(e => e && e.classList.contains('field-error')).map(e => e.textContent);
    out.push({id: el.id, path, aliases, label, value: el.value, maxLength: el.maxLength, invalid: el.getAttribute('aria-invalid') === 'true', errors});
  }
  return out;
}"""

STATE_JS = """async root => {
  const { apiInputs } = await import(new URL('/js/form-state.mjs', location.href).href);
  const summary = root.querySelector('[data-error-summary]');
  const onAttrs = [...document.querySelectorAll('*')].flatMap(el => [...el.attributes].filter(a => /^on/i.test(a.name)).map(a => `${el.tagName}[${a.name}]`));
  return {
    inputs: apiInputs(root.querySelector('form')),
    summaryShown: !summary.hidden,
    summaryItems: [...summary.querySelectorAll('li')].map(li => li.textContent),
    invalidCount: root.querySelectorAll('[aria-invalid="true"]').length,
    fieldErrors: root.querySelectorAll('.field-error').length,
    result: root.querySelector('[data-result]').innerHTML,
    stale: root.querySelector('[data-result]').classList.contains('calc-result--stale'),
    pwned: window.__pwned,
    scripts: document.scripts.length,
    onAttrs,
    injected: document.querySelectorAll('img[src="x"], iframe, object, embed, [data-result] script, [data-result] img, [data-result] style').length,
  };
}"""

SET_JS = """(root, values) => {
  for (const [id, value] of Object.entries(values)) {
    const el = document.getElementById(id);
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }
}"""


NORWEGIAN = re.compile(r"\b(må|kan|er|ikke|skal|mellom|minst|høyst)\b")


def quoted_names(message: str) -> list[str]:
    return re.findall(r"«([^»]*)»", message)


def check_round(page: Page, name: str, typed: dict[str, str], baseline_scripts: int, by_fill: bool) -> None:
    root = page.locator(f'[data-calc="{name}"]')
    fields = root.evaluate(FIELDS_JS)
    state = root.evaluate(STATE_JS)

    # Nothing ran, nothing was injected.
    assert state["pwned"] is None, "a payload ran"
    assert state["scripts"] == baseline_scripts, "a <script> element appeared"
    assert not state["onAttrs"], f"elements with event-handler attributes: {state['onAttrs']}"
    assert state["injected"] == 0, "an injected element appeared"

    # Every value is still in its field as typed: typed, no more than the field's
    # maxlength (the calculators' own limit, in UTF-16 code units as the browser counts).
    by_id = {f["id"]: f for f in fields}
    for fid, value in typed.items():
        if fid not in by_id:
            continue
        field, expected = by_id[fid], kept(value, by_fill)
        assert field["maxLength"] in (40, 200), f"{field['label']}: no maxlength"
        if by_fill and utf16_len(expected) > field["maxLength"]:
            assert expected.startswith(field["value"]) and utf16_len(field["value"]) <= field["maxLength"], field["label"]
            if expected.isascii():
                assert field["value"] == expected[:field["maxLength"]], field["label"]
        else:
            assert field["value"] == expected, f"{field['label']}: value changed"

    # The same answer as CPython for the same inputs, shown where the reader looks.
    output = run(name, json.loads(json.dumps(state["inputs"])))
    if output["ok"]:
        assert not state["summaryShown"] and state["invalidCount"] == 0 and state["fieldErrors"] == 0
        assert not state["stale"]
        # Serialised by the browser like the page's (innerHTML writes U+00A0 as &nbsp;).
        expected = page.evaluate("html => { const t = document.createElement('template'); t.innerHTML = html; return t.innerHTML; }",
                                 render(name, output, root=site_root(page))["html"])
        assert state["result"] == expected
        return
    messages = [e["message"] for e in output["errors"]]
    assert state["summaryShown"], messages
    assert state["summaryItems"] == messages
    assert state["stale"]
    by_path = {alias: f for f in fields for alias in f["aliases"]}
    error_paths = set()
    for err in output["errors"]:
        path, message = err["field"], err["message"]
        field = by_path.get(path)
        if field is None:
            # A group error (e.g. a list) must not stand in for fields the reader filled.
            members = [f for f in fields if f["path"].startswith(path + "[")]
            assert not any(f["value"].strip() for f in members), f"{path}: {message!r} is not shown at the fields"
            continue
        error_paths.add(field["path"])
        assert field["invalid"], f"{field['label']}: rejected ({message!r}) but not marked invalid"
        assert any(message in e for e in field["errors"]), f"{field['label']}: message {message!r} not tied to the field"
        assert any(field["label"].lower() in q.lower() for q in quoted_names(message)), \
            f"{field['label']}: the message {message!r} does not name the field in «»"
        assert NORWEGIAN.search(message), f"{field['label']}: {message!r} does not read as Norwegian"
    for f in fields:
        if f["path"] not in error_paths:
            assert not f["invalid"] and not f["errors"], f"{f['label']}: marked invalid, but the API accepts it"


def open_calculator(page: Page, origin: str, path: str, name: str):
    page.goto(f"{origin}/{path}")
    wait_live(page, name)
    return page.locator(f'[data-calc="{name}"]')


REVEAL_JS = """(root, pick) => {
  // Open optional sections, and choose an option in every radio group that shows or hides
  // fields (the monthly member counts), so that every field gets its share of values.
  root.querySelectorAll('details').forEach(d => { d.open = true; });
  const groups = [...new Set([...root.querySelectorAll('input[type=radio][data-ui-key]')].map(r => r.name))];
  for (const name of groups) {
    const radios = [...root.querySelectorAll(`input[type=radio][name="${CSS.escape(name)}"]`)];
    const radio = radios[Math.floor(pick * radios.length)];
    if (!radio.checked) radio.click();
  }
}"""


ORG365 = "kalkulatorer/org365/"


def b64url(data: str | bytes) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def org365_form_state(page: Page) -> dict:
    root = page.locator('[data-calc="org365"]')
    return root.evaluate("""root => ({
      values: [...root.querySelectorAll('form [data-key], form [data-ui-key]')].map(el => el.type === 'checkbox' ? el.checked : el.value),
      rows: root.querySelectorAll('[data-row]').length,
      result: root.querySelector('[data-result]').innerHTML,
    })""")


class Visit:
    """One visit to the site, moving between pages by Material's instant navigation (as a
    reader clicking links does), so that the calculator worker starts only once."""

    def __init__(self, page: Page, watch, origin: str):
        self.page, self.watch, self.origin = page, watch, origin
        page.goto(f"{origin}/{ORG365}")
        wait_live(page, "org365")
        page.evaluate("() => { window.__pages = 0; document$.subscribe(() => { window.__pages++; }); }")
        self.defaults = org365_form_state(page)

    def navigate(self, href: str) -> None:
        n = self.page.evaluate("() => window.__pages")
        self.page.evaluate("""href => { const a = document.createElement('a'); a.href = href;
                                        document.body.append(a); a.click(); a.remove(); }""", href)
        self.page.wait_for_function("n => window.__pages > n", arg=n)

    def open(self, path: str, name: str, fragment: str = "", stored: str | None = None):
        """Leave for a page without calculators, set (or clear) the saved inputs of `name`,
        and come to `path`, with a share-link fragment if given."""
        self.navigate(f"{self.origin}/kalkulatorer/")
        self.page.evaluate("([k, v]) => v === null ? localStorage.removeItem(k) : localStorage.setItem(k, v)",
                           [f"calc:v1:{name}", stored])
        self.navigate(f"{self.origin}/{path}" + (f"#inndata-{name}={fragment}" if fragment else ""))
        wait_live(self.page, name)
        return self.page.locator(f'[data-calc="{name}"]')

    def open_org365(self, fragment: str = "", stored: str | None = None) -> None:
        self.open(ORG365, "org365", fragment, stored)

    def assert_clean(self) -> None:
        assert not self.watch.page_errors, self.watch.page_errors
        assert not self.watch.console_errors, self.watch.console_errors
        assert self.page.evaluate("() => window.__pwned === undefined && ({}).polluted === undefined")
        assert self.page.locator('img[src="x"]').count() == 0


@pytest.fixture(scope="module")
def visit(browser, server, origin):
    from tests.browser.conftest import open_context

    context, watch = open_context(browser, origin)
    v = Visit(context.new_page(), watch, origin)
    yield v
    context.close()
    watch.check()


@pytest.mark.parametrize(("path", "name"), CALCULATORS, ids=[c[1] for c in CALCULATORS])
def test_generated_values_in_every_field(visit, path, name):
    page = visit.page
    rng = random.Random(f"{SEED}-{name}")
    root = visit.open(path, name)
    baseline_scripts = page.evaluate("() => document.scripts.length")
    root.evaluate(REVEAL_JS, 0)
    defaults = {f["id"]: f["value"] for f in root.evaluate(FIELDS_JS)}
    sent = 0
    typed: dict[str, str] = {}
    for round_no in range(ROUNDS):
        root.evaluate(REVEAL_JS, rng.random())
        fields = root.evaluate(FIELDS_JS)
        chaos = rng.random() < 0.5  # else: defaults with one or two odd values
        odd = set(rng.sample(range(len(fields)), k=min(len(fields), rng.randint(1, 2))))
        values = {
            f["id"]: generate(rng, defaults.get(f["id"], "")) if (chaos or i in odd) else defaults.get(f["id"], f["value"])
            for i, f in enumerate(fields)
        }
        before = runs(page, name)
        by_fill = round_no % 8 == 0
        if by_fill:
            # Now and then through Playwright's own typing path, one field at a time.
            for fid, value in values.items():
                page.locator(f"#{fid}").fill(value)
        else:
            root.evaluate(SET_JS, values)
        if round_no % 3 == 0:
            page.locator(f"#{next(iter(values))}").press("Enter")  # submit: the summary takes focus
        settle(page, name, before)
        check_round(page, name, values, baseline_scripts, by_fill)
        typed = {f["id"]: f["value"] for f in root.evaluate(FIELDS_JS) if f["id"] in values}
        sent += len(values)
    assert sent >= 2 * ROUNDS

    visit.assert_clean()

    # What was typed last is restored on the next visit to the page (inputs survive
    # a reload; a full reload is tested below and in test_calculators).
    visit.navigate(f"{visit.origin}/kalkulatorer/")
    visit.navigate(f"{visit.origin}/{path}")
    wait_live(page, name)
    after = {f["id"]: f["value"] for f in root.evaluate(FIELDS_JS)}
    for fid, value in typed.items():
        if fid in after:
            assert after[fid] == value
    assert root.locator("[data-notice]").is_hidden()


# --- hostile share links and saved inputs ---------------------------------------------

def hostile(fields=None, rows=None, **extra) -> str:
    return json.dumps({**({"fields": fields} if fields is not None else {}), **({"rows": rows} if rows is not None else {}), **extra})


# Each must be refused as a whole: notice shown, defaults kept, nothing run.
REJECTED_LINKS = {
    "not base64": "!!!<img src=x onerror=window.__pwned=1>",
    "markup, percent-encoded": "%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E",
    "broken percent-encoding": "%E0%A4%A",
    "lone percent": "%",
    "base64 of garbage": b64url(b"\xff\xfe\x00garbage"),
    "not JSON": b64url("{fields: 1"),
    "JSON null": b64url("null"),
    "JSON array": b64url("[1, 2, 3]"),
    "JSON string": b64url('"<script>window.__pwned=1</script>"'),
    "JSON number": b64url("1e309"),
    "fields not an object": b64url(hostile(fields=[1, 2])),
    "field value an object": b64url(hostile(fields={"year": {"toString": "x"}})),
    "field value a number": b64url(hostile(fields={"year": 2026})),
    "field value null": b64url(hostile(fields={"year": None})),
    "field value too long": b64url(hostile(fields={"year": "9" * 10_001})),
    "rows not an object": b64url(hostile(rows="holders")),
    "rows not a list": b64url(hostile(rows={"holders": {"0": {"role": "leder"}}})),
    "row not an object": b64url(hostile(rows={"holders": ["leder", "E1"]})),
    "too many rows": b64url(hostile(rows={"holders": [{}] * 201})),
    "prototype pollution": b64url('{"fields": {"__proto__": {"polluted": "yes"}}, "rows": {}}'),
    "constructor pollution": b64url('{"fields": {}, "rows": {"holders": [{"constructor": {"prototype": {"polluted": "yes"}}}]}}'),
    "huge": "A" * 200_001,
}


def test_a_good_share_link_is_used_and_leaves_the_address(visit):
    """The harness works: a real link from the page is applied without a notice."""
    page = visit.page
    root = page.locator('[data-calc="org365"]')
    visit.open_org365()
    year = root.get_by_label("Budsjettår", exact=True)
    year.fill("2031")
    root.get_by_role("button", name="Del lenke").click()
    link = root.locator("[data-share-url]").input_value()
    year.fill(visit.defaults["values"][0])
    visit.open_org365(link.split("#inndata-org365=", 1)[1])
    assert year.input_value() == "2031"
    assert root.locator("[data-notice]").is_hidden()
    assert "#inndata" not in page.url
    visit.assert_clean()


@pytest.mark.parametrize("fragment", list(REJECTED_LINKS.values()), ids=list(REJECTED_LINKS))
def test_hostile_share_link_is_refused_with_a_notice(visit, fragment):
    visit.open_org365(fragment)
    root = visit.page.locator('[data-calc="org365"]')
    notice = root.locator("[data-notice]")
    assert notice.is_visible()
    assert "Lenken du åpnet" in notice.inner_text()
    assert org365_form_state(visit.page) == visit.defaults
    assert "#inndata" not in visit.page.url
    visit.assert_clean()


def test_share_link_with_markup_values_shows_them_as_text(visit):
    """A well-formed link may carry any text a person could have typed: it is shown as
    text, never run, and explained at the field; choices it does not know are not made."""
    payload = "<img src=x onerror=window.__pwned=1>"
    snap = {"fields": {"year": payload, "start_month": '"><script>window.__pwned=1</script>', "__proto__": "x"},
            "rows": {"holders": [{"role": "<b>leder</b>", "license": "E9", "needs_shared_mailbox": "yes", "x": payload}],
                     "__proto__": [{}], "nope": [{}]}}
    visit.open_org365(b64url(json.dumps(snap)))
    page = visit.page
    root = page.locator('[data-calc="org365"]')
    before = runs(page, "org365")
    root.get_by_role("button", name="Beregn").click()
    settle(page, "org365", before)
    assert root.get_by_label("Budsjettår", exact=True).input_value() == payload
    assert root.locator("[data-row]").count() == 1
    row = root.get_by_role("group", name="Person 1", exact=True)
    assert row.get_by_label("Rolle").input_value() == "leder"
    assert row.get_by_label("Lisenstype").input_value() == "E1"
    assert "«Budsjettår»" in root.locator(".field-error").first.inner_text()
    visit.assert_clean()


CORRUPT_STORAGE = {
    "not JSON": "{",
    "empty": "",
    "JSON null": "null",
    "JSON array": "[]",
    "JSON string": '"<img src=x onerror=window.__pwned=1>"',
    "JSON true": "true",
    "fields a number": '{"fields": 5}',
    "field value an object": '{"fields": {"year": {"a": 1}}}',
    "field value too long": json.dumps({"fields": {"year": "1" * 10_001}}),
    "rows a string": '{"fields": {}, "rows": {"holders": "x"}}',
    "row a number": '{"fields": {}, "rows": {"holders": [1, 2]}}',
    "too many rows": json.dumps({"rows": {"holders": [{}] * 201}}),
    "prototype pollution": '{"fields": {"__proto__": {"polluted": "yes"}}}',
    "truncated": '{"fields": {"year": "2026"}, "rows": {"holders": [{"role": "le',
}


@pytest.mark.parametrize("stored", list(CORRUPT_STORAGE.values()), ids=list(CORRUPT_STORAGE))
def test_corrupted_saved_inputs_are_dropped_with_a_notice(visit, stored):
    visit.open_org365(stored=stored)
    root = visit.page.locator('[data-calc="org365"]')
    notice = root.locator("[data-notice]")
    assert notice.is_visible()
    assert "Lagrede inndata" in notice.inner_text()
    assert org365_form_state(visit.page) == visit.defaults
    # The bad copy is gone: the next visit starts clean, without the notice.
    assert visit.page.evaluate("() => localStorage.getItem('calc:v1:org365')") is None
    visit.assert_clean()
    visit.navigate(f"{visit.origin}/kalkulatorer/")
    visit.navigate(f"{visit.origin}/{ORG365}")
    wait_live(visit.page, "org365")
    assert root.locator("[data-notice]").is_hidden()


def test_a_value_longer_than_the_limit_does_not_wipe_the_saved_inputs(page, origin, watch):
    """A value of more than 10 000 characters in a field (typing stops at the field's
    maxlength, but a script or an autofill may put in more) must not make the saved inputs
    'corrupt' at the next reload: the rest is restored and the long value kept up to the limit."""
    root = open_calculator(page, origin, ORG365, "org365")
    year = root.get_by_label("Budsjettår", exact=True)
    year.fill("9" * 10_001)
    assert year.input_value() == "9" * 40  # typed: no more than a number can have
    root.get_by_label("Første måned med lisenskostnad (1–12)", exact=True).fill("7")
    year.evaluate("""el => { el.value = "9".repeat(10001); el.dispatchEvent(new Event("input", {bubbles: true})); }""")
    page.reload()
    wait_live(page, "org365")
    assert root.locator("[data-notice]").is_hidden()
    assert root.get_by_label("Første måned med lisenskostnad (1–12)", exact=True).input_value() == "7"
    assert root.get_by_label("Budsjettår", exact=True).input_value() == "9" * 10_000


@pytest.mark.parametrize("fragment", ["%E0%A4%A", "!!!<img src=x onerror=window.__pwned=1>", b64url('{"fields": {"__proto__": {"polluted": 1}}, "rows": 5}')],
                         ids=["broken percent-encoding", "markup", "pollution"])
def test_hostile_share_link_opened_in_a_new_tab(page, origin, watch, fragment):
    """The same as above on a full page load, as when the link arrives in an e-mail."""
    root = open_calculator(page, origin, f"{ORG365}#inndata-org365={fragment}", "org365")
    assert "Lenken du åpnet" in root.locator("[data-notice]").inner_text()
    assert root.get_by_label("Budsjettår", exact=True).input_value() == root.get_by_label("Budsjettår", exact=True).get_attribute("value")
    assert root.locator("[data-row]").count() == 3
    assert page.evaluate("() => window.__pwned === undefined && ({}).polluted === undefined")
    assert "#inndata" not in page.url
