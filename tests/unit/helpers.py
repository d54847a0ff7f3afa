"""Small helpers shared by the unit tests of the licence and pay calculators."""

from __future__ import annotations

from importlib import resources

from calculators.machinery import rates


def codes(answer: dict) -> list[str]:
    return [f["code"] for f in answer["findings"]]


def finding(answer: dict, code: str) -> dict:
    return next(f for f in answer["findings"] if f["code"] == code)


def error_fields(answer: dict) -> list[str]:
    assert answer["ok"] is False, answer
    return [e["field"] for e in answer["errors"]]


def rates_text() -> str:
    return resources.files("calculators").joinpath("rates.toml").read_text(encoding="utf-8")


def rates_with(old: str, new: str) -> rates.Rates:
    """The shipped rates with one exact piece of text replaced (asserted to exist once)."""
    text = rates_text()
    assert text.count(old) == 1, f"{old!r} must occur exactly once in rates.toml"
    return rates.parse(text.replace(old, new))


def param_block(param_id: str) -> str:
    """The text of one `[params."<id>"]` block, to edit a value in it."""
    text = rates_text()
    start = text.index(f'[params."{param_id}"]')
    end = text.find("\n[", start + 1)
    return text[start:end if end != -1 else len(text)]


def rates_with_param_values(param_id: str, values: str) -> rates.Rates:
    """The shipped rates with `values = [...]` of one parameter replaced."""
    block = param_block(param_id)
    line = next(ln for ln in block.splitlines() if ln.startswith("values"))
    return rates_with(block, block.replace(line, f"values = {values}"))
