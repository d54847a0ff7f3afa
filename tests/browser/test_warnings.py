"""A figure far above what is usual: the result is computed all the same, and a note under
the field (read with it) asks the reader to check it; a usual figure takes the note away."""

from __future__ import annotations

import pytest

from playwright.sync_api import expect

from tests.browser.helpers import open_calc, runs, settle
from tests.shown import plain

pytestmark = pytest.mark.warm


def test_a_monthly_pay_of_a_billion_is_computed_with_a_warning_at_the_field(page, origin):
    root = open_calc(page, origin, "fo/lan/", "fo_loan")
    field = root.get_by_label("Bruttolønn per måned (kr)")
    before = runs(page, "fo_loan")
    field.fill("1 000 000 000")
    settle(page, "fo_loan", before)
    note = root.locator("[data-field-warning]")
    expect(note).to_have_count(1)
    assert plain(note.inner_text()) == ("Obs: Tallet i «Bruttolønn per måned (kr)» er uvanlig høyt (1 000 000 000). "
                                        "Sjekk at det er riktig; resultatet er regnet med det.")
    assert note.get_attribute("id") in field.get_attribute("aria-describedby").split()
    expect(root.locator("[data-error-summary]")).to_be_hidden()
    # Still computed: one month's pay, 1 000 000 000 kr.
    assert "1 000 000 000 kr" in plain(root.locator("[data-result]").inner_text())

    before = runs(page, "fo_loan")
    field.fill("50 000")
    settle(page, "fo_loan", before)
    expect(note).to_have_count(0)
    assert "-obs" not in (field.get_attribute("aria-describedby") or "")
