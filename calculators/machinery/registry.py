"""Finds the calculators: every module or package in `calculators/rules/` that declares
`CALCULATOR = declare.Calculator(...)`. Adding a calculator is adding such a module."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from .declare import Calculator


@cache
def calculators() -> dict[str, Calculator]:
    """Every declared calculator by name, in their declared order."""
    rules = importlib.import_module(f"{__package__.rpartition('.')[0]}.rules")
    package, path = rules.__name__, rules.__path__

    found: dict[str, Calculator] = {}
    for info in pkgutil.iter_modules(path):
        module = importlib.import_module(f"{package}.{info.name}")
        calc = getattr(module, "CALCULATOR", None)
        if not isinstance(calc, Calculator):
            continue
        if calc.name in found:
            raise ValueError(f"two calculators are named {calc.name!r}")
        found[calc.name] = calc
    return dict(sorted(found.items(), key=lambda item: (item[1].order, item[0])))


def get(name: str) -> Calculator:
    return calculators()[name]
