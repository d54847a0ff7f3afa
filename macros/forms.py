"""Calculator forms with their build-time result, rendered into pages.

`{{ calculator("org365") }}` renders the Jinja2 template `templates/forms/<name>.html`
filled with the example inputs of `defaults.toml`, and the result of
`calculators.api.run` on those inputs drawn by `calculators.view` — the same renderer the
browser worker uses. The page is complete with JavaScript off.
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from calculators import (
    api, budget, fmt, fo_glasses, fo_holidays, fo_loan, fo_pay, fo_severance, fo_training, klar, org365, view,
)
from calculators.rates import load

from .figures import fig

HERE = Path(__file__).parent

# One plain line on each calculator: it is guidance; what decides in the end.
_GUIDANCE_CIRCULAR = ("Kalkulatoren er en veiledning. Det som gjelder, er det Fagforbundet faktisk "
                      "belaster fagforeningen.")
_GUIDANCE_REGULATION = ("Kalkulatoren er en veiledning. Det som gjelder, er det som avgjøres etter "
                        "reglementet, av styret eller av den reglementet gir myndigheten.")
GUIDANCE = {
    "org365": _GUIDANCE_CIRCULAR, "klar": _GUIDANCE_CIRCULAR, "budget": _GUIDANCE_CIRCULAR,
    "fo_pay": _GUIDANCE_REGULATION, "fo_holidays": _GUIDANCE_REGULATION, "fo_bicycle": _GUIDANCE_REGULATION,
    "fo_loan": _GUIDANCE_REGULATION, "fo_training": _GUIDANCE_REGULATION, "fo_severance": _GUIDANCE_REGULATION,
    "fo_glasses": _GUIDANCE_REGULATION,
}

TITLES = {
    "org365": "Budsjett for ORG365-lisenser",
    "klar": "KL*AR-belastning",
    "budget": "Lisensbudsjett for årsmøtet",
    "fo_pay": "Lønnssjekk for lønnede tillitsvalgte i FO",
    "fo_holidays": "Ferie og K-dager",
    "fo_bicycle": "Sykkelgodtgjørelse",
    "fo_loan": "Lån til tillitsvalgte",
    "fo_training": "Støtte til opplæring",
    "fo_severance": "Etterlønn",
    "fo_glasses": "Databriller",
}

# The FO extras' fields: key (API name), kind (text | select | checkbox), hint. The label
# of each is the one its calculator names in error messages (the module's LABELS), so a
# message always quotes what the form shows.
_EXTRA_FIELD_SPECS: dict[str, list[dict[str, Any]]] = {
    "fo_holidays": [
        {"key": "birth_year", "inputmode": "numeric"},
        {"key": "year", "inputmode": "numeric"},
    ],
    "fo_loan": [
        {"key": "monthly_gross_pay"},
        {"key": "fte_percent", "hint": "Heltid er 100."},
    ],
    "fo_training": [
        {"key": "group", "kind": "select",
         "options": [("forbund", "Forbundsledelsen"), ("avdeling", "Tillitsvalgt i avdeling")]},
        {"key": "role", "kind": "select", "show_when": ("group", "avdeling"),
         "options": [(r.value, fo_pay.ROLE_CHOICES[r]) for r in fo_training.DEPARTMENT_ROLES]},
        {"key": "term_years", "inputmode": "numeric",
         "hint": f"Med vervet «{fo_pay.ROLE_CHOICES[fo_pay.Role.OVRIG]}» og en valgperiode på "
                 f"{fmt.words(load().integer('fo.training.short_term_years'))} år er grensen lavere "
                 "(kalkulatorens lesning av reglementet)."},
        {"key": "used", "hint": "Tomt felt betyr 0."},
    ],
    "fo_severance": [
        {"key": "monthly_pay"},
        {"key": "months", "inputmode": "numeric"},
        {"key": "consecutive_terms", "inputmode": "numeric", "hint": "Tomt felt betyr 1."},
    ],
    "fo_glasses": [
        {"key": "confirmed_need", "kind": "checkbox"},
        {"key": "frame_price"},
        {"key": "exam_cost", "hint": "Tomt felt betyr 0."},
        {"key": "lens_cost", "hint": "Tomt felt betyr 0."},
        {"key": "fitting_cost", "hint": "Tomt felt betyr 0."},
    ],
}

_LABELS = {
    "fo_holidays": fo_holidays.LABELS, "fo_loan": fo_loan.LABELS, "fo_training": fo_training.LABELS,
    "fo_severance": fo_severance.LABELS, "fo_glasses": fo_glasses.LABELS,
}

EXTRA_FIELDS: dict[str, list[dict[str, Any]]] = {
    name: [{**spec, "label": _LABELS[name][spec["key"]]} for spec in specs]
    for name, specs in _EXTRA_FIELD_SPECS.items()
}


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
        fig=fig,
        counties=load().counties,
        first_year=load().integer("klar.first_year"),
        adjustment_from_month=load().integer("fo.adjustment_from_month"),
        month_names=fmt.MONTHS,
        guidance=GUIDANCE,
        # Field labels as the calculators name them in error messages.
        labels={"org365": org365.LABELS, "klar": klar.LABELS, "fo_pay": fo_pay.LABELS, "budget": budget.LABELS},
    )
    return env


def default_inputs(name: str, today: date | None = None) -> dict[str, Any]:
    """The example inputs of `name`, with `year = "next"` resolved to the next year."""
    raw = tomllib.loads((HERE / "defaults.toml").read_text(encoding="utf-8"))[name]
    next_year = str((today or date.today()).year + 1)

    def resolve(v):
        if isinstance(v, dict):
            return {k: (next_year if (k == "year" and x == "next") else resolve(x)) for k, x in v.items()}
        if isinstance(v, list):
            return [resolve(x) for x in v]
        return v

    return resolve(raw)


def _api_inputs(value: Any) -> Any:
    """What the form would send: empty fields left out (as the browser does)."""
    if isinstance(value, dict):
        return {k: _api_inputs(v) for k, v in value.items() if v != ""}
    if isinstance(value, list):
        return [_api_inputs(v) for v in value]
    return value


def _compact(html: str) -> str:
    # One raw-HTML block for Markdown: no blank lines, no indentation that reads as code.
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def calculator(name: str) -> Markup:
    """The form of calculator `name`, filled with its example inputs, and their result."""
    if name not in TITLES:
        raise ValueError(f"calculator({name!r}): unknown calculator; known: {', '.join(TITLES)}")
    d = default_inputs(name)
    output = api.run(name, _api_inputs(d))
    if not output["ok"]:
        raise ValueError(f"calculator({name!r}): the example inputs in macros/defaults.toml are invalid: {output['errors']}")
    shown = view.render(name, output)
    template = name if name in ("org365", "klar", "budget", "fo_pay", "fo_bicycle") else "extra"
    html = environment().get_template(f"{template}.html").render(
        name=name,
        idp=f"calc-{name.replace('_', '-')}",
        title=TITLES[name],
        d=d,
        fields=EXTRA_FIELDS.get(name, []),
        result_html=Markup(shown["html"]),
        summary=shown["summary"],
    )
    return Markup(_compact(html))


def register(env) -> None:
    env.macro(calculator)
    env.variables["build_date"] = fmt.date_no(date.today())
