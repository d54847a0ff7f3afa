"""The one number parser (`calculators.machinery.parse`) and the field reader (`calculators.machinery.fields`)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.machinery.fields import Errors, Reader
from calculators.machinery.parse import ParseError, looks_blank, parse_number


@pytest.mark.parametrize("raw, value", [
    (3600, "3600"), ("3600", "3600"), ("3 600", "3600"), ("3600,50", "3600.50"),
    ("3 600,50 kr", "3600.50"), ("kr 3 600,-", "3600"), ("3\u00a0600", "3600"),
    ("3\u202f600", "3600"), ("1.200", "1200"), ("1.200,5", "1200.5"), ("87,5 %", "87.5"),
    ("0,125", "0.125"), ("-5", "-5"), ("\u22125", "-5"), ("-0", "0"), (12.5, "12.5"),
    (Decimal("1.10"), "1.10"), ("1.5", "1.5"), ("  42  ", "42"), ("100 prosent", "100"),
    ("NOK 10", "10"),
])
def test_parse_number_accepts(raw, value):
    assert parse_number(raw) == Decimal(value)


@pytest.mark.parametrize("raw", [
    "NaN", "nan", "Infinity", "-Infinity", "inf", "1e309", "1E5", "0x10", "1_000", "٣", "½",
    "1,2,3", "1.2.3,4,5", "1.200.5", "abc", "12 kr 13", True, False, None, [1], {"a": 1},
    float("nan"), float("inf"), Decimal("NaN"), Decimal("Infinity"), "9" * 41,
])
def test_parse_number_refuses(raw):
    with pytest.raises(ParseError):
        parse_number(raw)


@pytest.mark.parametrize("raw", [10**12, -(10**12), 10**5000, "1 000 000 000 000", 1e300, Decimal("1e999999")],
                         ids=["1e12", "-1e12", "10**5000", "text 1e12", "1e300", "Decimal 1e999999"])
def test_parse_number_refuses_absurdly_large_values(raw):
    with pytest.raises(ParseError) as info:
        parse_number(raw)
    assert info.value.reason == "er for stort"


def test_parse_number_blank_text_must_be_filled_in():
    with pytest.raises(ParseError) as info:
        parse_number("  ")
    assert info.value.reason == "må fylles ut"


def test_looks_blank():
    assert looks_blank(None) and looks_blank("") and looks_blank(" \u00a0")
    assert not looks_blank(0) and not looks_blank("0") and not looks_blank([])


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-(10**11), max_value=10**11, places=2))
def test_parse_number_reads_norwegian_formatting_back(value):
    from calculators.machinery import fmt
    assert parse_number(fmt.number(value, 2)) == value
    assert parse_number(fmt.kr(value)) == fmt.round_ore(value)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=50), st.integers(), st.floats(), st.none(), st.booleans()))
def test_parse_number_returns_a_finite_decimal_or_parse_error(raw):
    try:
        value = parse_number(raw)
    except ParseError as e:
        assert e.reason
    else:
        assert isinstance(value, Decimal) and value.is_finite()


# -- Reader ------------------------------------------------------------------------------

def test_reader_collects_every_error_with_labels_and_paths():
    errors = Errors()
    r = Reader({"a": "x", "b": -1, "rows": [{"c": "nei"}, 5], "n": {"d": "1,5"}}, errors)
    assert r.decimal("a", "Beløp") is None
    assert r.integer("b", "Antall") is None
    rows = r.rows("rows", "Rader")
    assert rows[0].boolean("c", "Valg") is False
    assert r.nested("n").integer("d", "Heltall") is None
    assert r.text("missing", "Tekst") is None
    assert [e["field"] for e in errors.items] == ["a", "b", "rows[1]", "n.d", "missing"]
    assert errors.items[0]["message"] == "«Beløp» må være et tall, for eksempel 3 600 eller 3 600,50."
    assert errors.items[1]["message"] == "«Antall» må være minst 0."


def test_reader_values_reads_scalar_lists_with_item_paths():
    errors = Errors()
    r = Reader({"m": [1, "2", "x"]}, errors)
    items = r.values("m", "Måneder", length=3)
    assert [reader.integer(key, f"Måned {i + 1}") for i, (reader, key) in enumerate(items)] == [1, 2, None]
    assert errors.items == [{"field": "m[2]", "message": "«Måned 3» må være et helt tall."}]
    assert Reader({"m": [1]}, errors).values("m", "Måneder", length=3) is None
    assert errors.items[-1]["field"] == "m"


def test_reader_text_refuses_huge_ints_without_crashing():
    errors = Errors()
    assert Reader({"t": 10**5000}, errors).text("t", "Navn") is None
    assert errors.items[0]["field"] == "t"


def test_reader_treats_non_dict_input_as_empty():
    for raw in (None, [], "tekst", 5):
        errors = Errors()
        assert Reader(raw, errors).integer("year", "År") is None
        assert errors.items == [{"field": "year", "message": "«År» må fylles ut."}]


def test_a_percentage_field_gives_a_percentage_as_its_example():
    from calculators.api import run

    out = run("fo_pay", {"lo_leader_salary": "tusen", "positions": [
        {"name": "Kari", "unit": "forbund", "role": "leder", "percent_of_lo": "mye", "fte_percent": "full"}]})
    messages = {e["field"]: e["message"] for e in out["errors"]}
    assert messages["positions[0].fte_percent"] == "«Stillingsprosent (frikjøp) (rad 1)» må være et tall, for eksempel 50 eller 87,5."
    assert messages["positions[0].percent_of_lo"].endswith("må være et tall, for eksempel 50 eller 87,5.")
    assert messages["lo_leader_salary"].endswith("må være et tall, for eksempel 3 600 eller 3 600,50.")
    loan = run("fo_loan", {"monthly_gross_pay": "50 000", "fte_percent": "halv"})
    assert loan["errors"][0]["message"].endswith("må være et tall, for eksempel 50 eller 87,5.")
