"""«Slik er det regnet ut»: each line names the rates it used, and says when the source
gives them. The expected lines are written by hand from the two sources and the inputs:

- the circular gives the ORG365 prices with no year («Ca 3600 kr per bruker i året»);
- it gives the KL*AR rate for 2025 only («Lisenskostnad for 2025 er kr 1 …»);
- the regulation applies from 1 April 2025 («Gjeldende fra 1.4.2025»).

A rate's name must read as a noun phrase inside the line, and no figure is typed into a
name: a name with a figure takes it from the rates file (`{other.id}`).
"""

from __future__ import annotations

import re

import pytest

from calculators.api import run
from calculators.machinery.rates import load
from calculators.machinery.view import render
from tests.shown import visible_text


def steps(name: str, inputs: dict) -> list[str]:
    html = render(name, run(name, inputs))["html"]
    block = re.search(r'<ol class="calc-steps">(.*?)</ol>', html, re.S)
    assert block, f"{name}: no «Slik er det regnet ut»"
    return [re.sub(r"[ \u00a0\u202f]+", " ", visible_text(li)).strip()
            for li in re.findall(r"<li>(.*?)</li>", block.group(1), re.S)]


LEADER_E1 = [{"role": "leder", "license": "E1"}, {"role": "styremedlem", "license": "E1"}]


@pytest.mark.parametrize("name,inputs,line", [
    # 2 × 3 600 = 7 200; the circular gives the price without a year.
    ("org365", {"year": 2025, "holders": LEADER_E1},
     "2 × E1 à ca. 3 600 kr × 12/12 måneder = 7 200 kr "
     "(Pris for ORG365-lisens for normal bruk (E1), oppgitt uten årstall i rundskrivet)"),
    # The same price for a later year: still no year the circular gives it for.
    ("org365", {"year": 2027, "holders": LEADER_E1},
     "2 × E1 à ca. 3 600 kr × 12/12 måneder = 7 200 kr "
     "(Pris for ORG365-lisens for normal bruk (E1), oppgitt uten årstall i rundskrivet)"),
    # 250 × 12 × 1 = 3 000; the rate is the circular's for 2025, used for 2026.
    ("klar", {"year": 2026, "county": "Oslo", "members": 250},
     "250 yrkesaktive medlemmer × 12 måneder × 1 kr = 3 000 kr "
     "(KL*AR-sats per yrkesaktivt medlem per måned, oppgitt for 2025, brukt for 2026)"),
    # Oslo from the third quarter of 2025: July–December, 6 × 100 × 1 = 600.
    ("klar", {"year": 2025, "county": "Oslo", "members": 100},
     "Oslo belastes fra juli 2025: 6 måneder (Første år med KL*AR-belastning)"),
    ("klar", {"year": 2025, "county": "Oslo", "members": 100},
     "100 yrkesaktive medlemmer × 6 måneder × 1 kr = 600 kr "
     "(KL*AR-sats per yrkesaktivt medlem per måned, gjelder fra 1. januar 2025)"),
    # Frame 2 500 kr, covered up to 2 000 kr.
    ("fo_glasses", {"confirmed_need": True, "frame_price": "2500", "exam_cost": "0", "lens_cost": "0",
                    "fitting_cost": "0"},
     "Innfatning: 2 500 kr, dekket inntil grensen = 2 000 kr "
     "(Høyeste dekning for innfatningen til databriller, gjelder fra 1. april 2025)"),
    ("fo_loan", {"monthly_gross_pay": "50000", "fte_percent": "100"},
     "100 % frikjøp: kan søke om lån (Minste frikjøp for å kunne søke om lån, gjelder fra 1. april 2025)"),
    ("fo_loan", {"monthly_gross_pay": "50000", "fte_percent": "100"},
     "50 000 kr × 1 = 50 000 kr (Lånebeløp i måneders bruttolønn, gjelder fra 1. april 2025)"),
    ("fo_severance", {"monthly_pay": "50000", "months": "3", "consecutive_terms": "1"},
     "50 000 kr × 3 måneder = 150 000 kr (Lengste etterlønn i vanlige tilfeller, gjelder fra 1. april 2025)"),
    ("fo_training", {"group": "avdeling", "role": "ovrig", "term_years": "4", "used": "5000"},
     "30 000 kr − 5 000 kr = 25 000 kr (Høyeste opplæringsstøtte per årsmøteperiode i avdelingene og "
     "per landsmøteperiode i forbundsledelsen, gjelder fra 1. april 2025)"),
    # LO's leader 1 200 000 → 1 248 000 from June: Anne 95 % → 1 185 600; 45 600 / 12 × 5 = 19 000.
    ("fo_pay", {"lo_leader_salary": "1200000", "new_lo_leader_salary": "1248000", "adjustment_month": 6,
                "positions": [{"name": "Anne", "unit": "forbund", "role": "leder", "percent_of_lo": 95}]},
     "Anne: etterbetaling (1 185 600 kr − 1 140 000 kr) × 5/12 = 19 000 kr "
     "(Virkningsmåned for den årlige lønnsreguleringen, gjelder fra 1. april 2025)"),
])
def test_a_computation_line_names_its_rate_and_when_the_source_gives_it(name, inputs, line):
    assert line in steps(name, inputs)


@pytest.mark.parametrize("year", [2025, 2026, 2030])
def test_no_line_dates_the_org365_prices(year):
    for line in steps("org365", {"year": year, "holders": [*LEADER_E1, {"role": "tillitsvalgt", "license": "F3"},
                                                          {"role": "tillitsvalgt", "license": "E3"}]}):
        if "à ca." in line:
            assert "uten årstall i rundskrivet" in line and "2025" not in line, line


# A name cut off before its object («… inntil», «Lån: tilsvarende bruttolønn for»), or a
# sentence instead of a name, reads broken inside «(…, gjelder fra …)».
DANGLING = re.compile(r"\b(for|fra|med|inntil|til|i|på|av|om|innen|som)$|:")
NUMBER_WORDS = re.compile(r"\b(én|ett|to|tre|fire|fem|seks|sju|åtte|ni|ti)\b", re.I)
# Words that hold a number but are a condition the source names, not a figure of the rates file.
NOT_FIGURES = re.compile(r"\bto boliger\b")


def test_every_rate_name_is_a_whole_noun_phrase_with_no_typed_figure():
    for pid, p in load().params.items():
        label = p.label
        assert not DANGLING.search(label), f"{pid}: «{label}» stops mid-phrase or is two phrases"
        assert label[:1].isupper(), f"{pid}: «{label}»"
        without_codes = NOT_FIGURES.sub("", re.sub(r"\{[^}]+\}|\b[EF]\d\b|KL\*AR|ORG365|OneDrive", "", label))
        assert not re.search(r"\d", without_codes), f"{pid}: a figure typed into «{label}»"
        assert not NUMBER_WORDS.search(without_codes), f"{pid}: a figure typed into «{label}»"
