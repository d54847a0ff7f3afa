"""Every statement about a source carries the source's words, and the words stand there.

The quotes are collected from where they are declared (every calculator module's
constants, the fields' hints, the display notes, the readings) and from every answer the
case table and the forms' examples produce. Each must stand word for word (whitespace
aside) in the passage its anchor names on the site's page of the source, which a test of
its own checks against the repository's copy of the source.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

import calculators
from calculators import api
from calculators.machinery import registry
from calculators.machinery.declare import Field, Note
from calculators.machinery.evidence import Quote, Reading
from calculators.machinery.rates import load
from macros import sources
from tests.conftest import load_cases

CITES = re.compile(r"rundskriv|reglement|kilden", re.IGNORECASE)
SAYS_READING = re.compile(r"kalkulatorens lesning|kalkulatorens valg", re.IGNORECASE)


def squash(text: str) -> str:
    return " ".join(text.split())


def modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(calculators.__path__, "calculators."):
        yield importlib.import_module(info.name)


def declared(value: Any, seen: set[int]) -> Iterator[Quote]:
    """The quotes in a module-level value: a Quote, a Reading's, or those inside tuples,
    lists, dicts and declarations (fields, notes)."""
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Quote):
        yield value
    elif isinstance(value, Reading):
        yield value.quote
    elif isinstance(value, (Field, Note)):
        yield from value.quotes
        if isinstance(value, Field):
            for f in value.fields:
                yield from declared(f, seen)
    elif isinstance(value, (tuple, list)):
        for v in value:
            yield from declared(v, seen)
    elif isinstance(value, dict):
        for v in value.values():
            yield from declared(v, seen)


def all_declared_quotes() -> list[tuple[str, Quote]]:
    out = []
    seen: set[int] = set()
    for module in modules():
        for name, value in vars(module).items():
            for q in declared(value, seen):
                out.append((f"{module.__name__}.{name}", q))
    for calc in registry.calculators().values():
        for q in declared(calc.readings, seen):
            out.append((f"{calc.name}.readings", q))
    return out


def answers() -> Iterator[tuple[str, dict]]:
    for case in load_cases():
        yield case["name"], api.run(case["calculator"], case["inputs"])
    for calc in registry.calculators().values():
        yield f"{calc.name} example", api.run(calc.name, dict(calc.example))


def answered_items() -> list[tuple[str, dict]]:
    """Every finding and every checked principle of every answer."""
    out = []
    for where, answer in answers():
        if not answer.get("ok"):
            continue
        for f in answer["findings"]:
            out.append((f"{where}: {f['code']}", f))
        for p in answer["result"].get("principles", []):
            out.append((f"{where}: prinsipp {p['rule']}", p))
    return out


def answered_quotes() -> list[tuple[str, dict]]:
    out = []
    for where, item in answered_items():
        for q in item.get("quotes", []):
            out.append((where, q))
        if item.get("reading"):
            out.append((where, item["reading"]["quote"]))
    return out


def test_the_collection_finds_quotes():
    assert len(all_declared_quotes()) >= 10
    assert len(answered_quotes()) >= 10


@pytest.mark.parametrize("where, q", all_declared_quotes(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_declared_quote_stands_in_its_passage(where, q):
    passages = sources.passages(q.document)
    assert q.anchor in passages, f"{where}: no passage #{q.anchor} in the {q.document}"
    assert squash(q.words) in passages[q.anchor], (
        f"{where}: «{q.words}» is not word for word in #{q.anchor}: «{passages[q.anchor]}»")


def test_every_answered_quote_stands_in_its_passage():
    for where, q in answered_quotes():
        passages = sources.passages(q["document"])
        assert q["anchor"] in passages, f"{where}: no passage #{q['anchor']}"
        assert squash(q["words"]) in passages[q["anchor"]], f"{where}: «{q['words']}» not in #{q['anchor']}"


def test_a_message_that_names_a_source_carries_its_words():
    bare = [(where, item["message"]) for where, item in answered_items()
            if CITES.search(item["message"]) and not item.get("quotes") and not item.get("reading")]
    assert not bare, "\n".join(f"{w}: {m}" for w, m in bare)


def test_a_message_that_says_it_is_a_reading_declares_one():
    bare = [(where, item["message"]) for where, item in answered_items()
            if SAYS_READING.search(item["message"]) and not item.get("reading")]
    assert not bare, "\n".join(f"{w}: {m}" for w, m in bare)


def fields_with_hints() -> Iterator[tuple[str, Field, str]]:
    for year in (2025, 2026, 2027):
        rates = load().at(year)
        for calc in registry.calculators().values():
            stack = list(calc.fields)
            while stack:
                f = stack.pop()
                stack.extend(f.fields)
                yield f"{calc.name}.{f.key} ({year})", f, f.hint_text(rates)


def test_a_hint_that_names_a_source_shows_its_words():
    """A hint has no room for a folded quote: it carries the source's words in its own text."""
    faults = []
    for where, f, hint in fields_with_hints():
        if CITES.search(hint) and not f.quotes:
            faults.append(f"{where}: names a source without a quote: {hint}")
        for q in f.quotes:
            if squash(q.words) not in squash(hint):
                faults.append(f"{where}: the hint does not show «{q.words}»: {hint}")
    assert not faults, "\n".join(faults)


def test_every_reading_is_listed_with_its_quote():
    for calc in registry.calculators().values():
        for r in calc.readings:
            assert r.topic and r.text and r.quote.words, f"{calc.name}: {r}"
