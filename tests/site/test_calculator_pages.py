"""Calculators are found, not listed: the pages that call `{{ calculator("name") }}` are
exactly the built pages with a `data-calc` root, and every registered calculator has one."""

from __future__ import annotations

import re
from pathlib import Path

from calculators.machinery import registry
from tests.conftest import calculator_pages, page_url

DATA_CALC = re.compile(r'<div\b[^>]*\bdata-calc="([^"]+)"')


def built_pairs(site: Path) -> list[tuple[str, str]]:
    out = set()
    for html in site.rglob("index.html"):
        url = page_url(html.with_suffix(".md"), site)
        for name in DATA_CALC.findall(html.read_text(encoding="utf-8")):
            out.add((url, name))
    return sorted(out)


def test_the_built_calculators_are_exactly_the_ones_the_pages_call(built_site):
    assert built_pairs(built_site) == calculator_pages()


def test_every_registered_calculator_has_a_page():
    on_pages = {name for _, name in calculator_pages()}
    assert set(registry.calculators()) <= on_pages, sorted(set(registry.calculators()) - on_pages)
    assert on_pages <= set(registry.calculators()), sorted(on_pages - set(registry.calculators()))


def test_pages_are_found_in_any_markdown_file(tmp_path):
    docs = tmp_path / "docs"
    (docs / "fo").mkdir(parents=True)
    (docs / "kalkulatorer").mkdir()
    (docs / "fo" / "lan.md").write_text('# Lån\n\n{{ calculator("fo_loan") }}\n', encoding="utf-8")
    (docs / "kalkulatorer" / "index.md").write_text("{{calculator('budget')}} and {{ calculator( \"klar\" ) }}\n",
                                                    encoding="utf-8")
    (docs / "index.md").write_text("calculator(\"org365\") is named, not called\n", encoding="utf-8")
    assert calculator_pages(docs) == [("fo/lan/", "fo_loan"), ("kalkulatorer/", "budget"), ("kalkulatorer/", "klar")]
