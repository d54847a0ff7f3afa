"""The printed record of a budget or pay check: the union's or department's name and the
meeting date the reader typed (saved with the inputs, never sent to the calculator), the
day it was printed and the guidance line, on paper."""

from __future__ import annotations

import pytest

import io
from datetime import datetime

from pypdf import PdfReader

from tests.browser.helpers import fill_text, open_calc

pytestmark = pytest.mark.warm


def printed_text(page) -> str:
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    return "\n".join(p.extract_text() for p in pdf.pages)


def test_the_budget_record_carries_the_union_and_the_meeting(page, origin):
    page.clock.install(time=datetime(2031, 1, 8, 12, 0))
    root = open_calc(page, origin, "kalkulatorer/budsjett/", "budget")
    fill_text(root, "Fagforeningens navn", "Fagforbundet Eksempel")
    fill_text(root, "Møtedato", "15. januar 2031")
    text = " ".join(printed_text(page).split())
    assert "Lisensbudsjett for årsmøtet – Fagforbundet Eksempel" in text
    assert "Møtedato: 15. januar 2031. Laget 8. januar 2031 med kalkulatoren" in text
    assert "Kalkulatoren er en veiledning. Det som gjelder, er det Fagforbundet faktisk belaster fagforeningen." in text
    assert "Slik er det regnet ut" in text


def test_the_pay_check_record_says_when_no_meeting_date_is_given(page, origin):
    root = open_calc(page, origin, "kalkulatorer/fo-lonn/", "fo_pay")
    fill_text(root, "Avdelingens eller forbundets navn", "FO Oslo")
    text = " ".join(printed_text(page).split())
    assert "Lønnssjekk for lønnede tillitsvalgte i FO – FO Oslo" in text
    assert "Møtedato: ikke oppgitt." in text
    assert "Kalkulatoren er en veiledning." in text
