"""The home page as a new reader meets it on a phone: the tasks («Hva vil du gjøre?») come
first, before any table; the pages about the calculators name the Excel file as well as
the CSV file, in a treasurer's words."""

from __future__ import annotations

import re


def test_the_tasks_come_before_any_table_on_the_home_page(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    tasks = article.index("Hva vil du gjøre?")
    assert "<table" not in article[:tasks]
    assert len(re.findall(r"<p>", article[:tasks])) <= 1  # one sentence of introduction


def test_the_budget_and_the_calculators_index_name_the_excel_file():
    from tests.conftest import ROOT

    for page in ("docs/kalkulatorer/budsjett.md", "docs/kalkulatorer/index.md"):
        text = (ROOT / page).read_text(encoding="utf-8")
        assert "Excel-fil" in text and "CSV-fil" in text, page
    assert "Python" not in (ROOT / "docs/kalkulatorer/index.md").read_text(encoding="utf-8")
