"""Calculator forms with their build-time result, rendered into pages.

`{{ calculator("org365") }}` finds the calculator in `calculators.machinery.registry`, renders its
Jinja2 template (`templates/forms/<template>.html`; `generic.html` draws any calculator
from its declared fields) filled with its declared example inputs, and the result of
`calculators.api.run` on those inputs drawn by `calculators.machinery.view`, the same renderer the
browser uses. The page is complete with JavaScript off.
"""

from __future__ import annotations

import re

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from calculators import api
from calculators.machinery import fields, fmt, parse, registry, view
from calculators.machinery.declare import PLAN_B, Field
from calculators.machinery.periods import default_year
from calculators.machinery.rates import load, version

HERE = Path(__file__).parent

# One plain line on each calculator: it is guidance; what decides in the end.
GUIDANCE = {
    "circular": "Kalkulatoren er en veiledning. Det som gjelder, er det Fagforbundet faktisk "
                "belaster fagforeningen.",
    "regulation": "Kalkulatoren er en veiledning. Det som gjelder, er det som avgjøres etter "
                  "reglementet, av styret eller av den reglementet gir myndigheten.",
}


def titles() -> dict[str, str]:
    """Every calculator's title by name."""
    return {name: calc.title for name, calc in registry.calculators().items()}


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates" / "forms"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        counties=load().counties,
        month_names=fmt.MONTHS,
        # The frame macro (imported without context) reads each calculator's line here.
        guidance={name: GUIDANCE[calc.source] for name, calc in registry.calculators().items()},
        rates_version=version(),
        # The printed record names the document each calculator rests on, with its date.
        source_document={name: load().documents[calc.source] for name, calc in registry.calculators().items()},
        build_date=fmt.date_no(date.today()),  # replaced by the day it is printed (app.mjs)
        site_root=_site_root(),  # links from the form (to «Personvern»)
        # The browser holds no more text in a field than the calculators accept.
        max_text=fields.MAX_TEXT,
        max_number_text=parse.MAX_TEXT_LENGTH,
    )
    return env


def default_inputs(name: str, today: date | None = None) -> dict[str, Any]:
    """The example inputs of `name`, with `year = "next"` resolved to the next year."""
    next_year = str(default_year(today))

    def resolve(v):
        if isinstance(v, dict):
            return {k: (next_year if (k == "year" and x == "next") else resolve(x)) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [resolve(x) for x in v]
        return v

    return resolve(registry.get(name).example)


def _api_inputs(value: Any) -> Any:
    """What the form would send: empty fields left out (as the browser does)."""
    if isinstance(value, dict):
        return {k: _api_inputs(v) for k, v in value.items() if v != ""}
    if isinstance(value, list):
        return [_api_inputs(v) for v in value]
    return value


_PAGE: dict = {}


def _site_root() -> str:
    """From the page being rendered to the site's root (`kalkulatorer/org365/` → `../../`),
    as Material's own `base` says it, so the browser can pass the same."""
    env = _PAGE.get("env")
    page = getattr(env, "page", None) if env is not None else None
    url = getattr(page, "url", "") or ""
    depth = url.strip("/").count("/") + 1 if url.strip("/") else 0
    return "../" * depth


def _compact(html: str) -> str:
    # One raw-HTML block for Markdown: no blank lines, no indentation that reads as code.
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def _under_title(name: str) -> bool:
    """Whether the calculator's call stands under the page's title (no `##` heading before
    it): the frame then opens with a level-2 heading of its own, so that its level-3
    headings («Resultat») never skip a level."""
    env = _PAGE.get("env")
    text = getattr(env, "markdown", None) if env is not None else None
    if not isinstance(text, str):
        return False
    call = re.search(r"\{\{\s*calculator\(\s*[\"']" + re.escape(name) + r"[\"']", text)
    before = text[:call.start()] if call else text
    levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,6})\s", before, re.MULTILINE)]
    return not levels or levels[-1] == 1


def calculator(name: str) -> Markup:
    """The form of calculator `name`, filled with its example inputs, and their result."""
    calcs = registry.calculators()
    if name not in calcs:
        raise ValueError(f"calculator({name!r}): unknown calculator; known: {', '.join(calcs)}")
    calc = calcs[name]
    d = default_inputs(name)
    output = api.run(name, _api_inputs(d))
    if not output["ok"]:
        raise ValueError(f"calculator({name!r}): its declared example inputs are invalid: {output['errors']}")
    shown = view.render(name, output, root=_site_root())
    rates = load().at(default_year())

    def field(key: str) -> Field:
        # Plan B («Oppsett B») holds the same fields as plan A, under `plan_b.`.
        return calc.field(key.removeprefix(PLAN_B + "."))

    def hint(f: Field) -> str:
        return f.hint_text(rates)

    html = environment().get_template(f"{calc.template}.html").render(
        name=name,
        calc=calc,
        idp=view.id_prefix(name),
        title=calc.title,
        d=d,
        field=field,
        hint=hint,
        rates=rates,
        result_html=Markup(shown["html"]),
        summary=shown["summary"],
        under_title=_under_title(name),
    )
    return Markup(_compact(html))


def readings(name: str) -> Markup:
    """The «Kalkulatorens lesning» table of calculator `name`: every reading it declares."""
    calc = registry.get(name)
    if not calc.readings:
        raise ValueError(f"readings({name!r}): the calculator declares no READINGS")
    return Markup(view.readings_table([r.as_dict() for r in calc.readings], _site_root()))


def register(env) -> None:
    _PAGE["env"] = env
    env.macro(calculator)
    env.macro(readings)
    env.variables["build_date"] = fmt.date_no(date.today())
