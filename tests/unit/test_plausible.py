"""A figure far above what is usual is still computed, with a warning at its field (the
field's declared `plausible` ceiling); an ordinary figure gets none."""

from __future__ import annotations

from calculators.machinery import registry
from calculators.api import run
from tests.shown import plain


def test_a_monthly_pay_of_a_billion_is_computed_with_a_warning_at_the_field():
    out = run("fo_loan", {"monthly_gross_pay": "1 000 000 000", "fte_percent": "100"})
    assert out["ok"] is True
    assert out["result"]["max_amount"] == "1000000000.00"  # one month's pay, as the rule says
    assert [(w["field"], plain(w["message"])) for w in out["warnings"]] == [(
        "monthly_gross_pay", "Tallet i «Bruttolønn per måned (kr)» er uvanlig høyt (1 000 000 000). "
                             "Sjekk at det er riktig; resultatet er regnet med det.")]


def test_an_eye_examination_of_a_billion_is_covered_with_a_warning_and_rows_name_their_row():
    out = run("fo_glasses", {"confirmed_need": True, "frame_price": "1000", "exam_cost": "1000000000"})
    assert out["ok"] is True and [w["field"] for w in out["warnings"]] == ["exam_cost"]
    pay = run("fo_pay", {"lo_leader_salary": "1 000 000", "positions": [
        {"name": "Kari", "unit": "forbund", "role": "leder", "salary": "900000000"}]})
    assert pay["ok"] is True and [w["field"] for w in pay["warnings"]] == ["positions[0].salary"]
    assert "«Lønnsnivå (kroner per år ved 100 %) (rad 1)»" in plain(pay["warnings"][0]["message"])


def test_the_examples_and_ordinary_figures_get_no_warning():
    for name, calc in registry.calculators().items():
        assert "warnings" not in run(name, calc.example), name
    assert "warnings" not in run("fo_loan", {"monthly_gross_pay": "200 000", "fte_percent": "100"})
