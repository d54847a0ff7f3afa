"""The one encoder from result dataclasses to the API's JSON values.

Decimals are money by default: a string with two decimals (`"3600.00"`). A dataclass
field can say otherwise in its metadata (`field(metadata=RATE)` …):

- `RATE`: at least two decimals, more when the value has them (`"1.00"`, `"1.125"`);
- `NUMBER`: the plain number, no trailing zeros (`"1"`, `"0.5"`);
- `QUARTERS`: four amounts as `{"Q1": …, "Q4": …}`;
- `KEYED("license")`: a tuple of dataclasses as a dict keyed by that attribute (left out
  of each value);
- `{"encode": "attr", "attr": "name"}`: the value's attribute `name` only;
- `SKIP`: not part of the answer.

Enums become their values, tuples lists; everything else passes through.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from enum import Enum
from typing import Any

from . import fmt
from .periods import quarter_dict

RATE = {"encode": "rate"}
NUMBER = {"encode": "number"}
QUARTERS = {"encode": "quarters"}
SKIP = {"encode": "skip"}


def KEYED(attribute: str) -> dict[str, str]:  # noqa: N802 (reads as a constant beside the others)
    return {"encode": "keyed", "by": attribute}


def rate_str(rate: Decimal) -> str:
    """At least two decimals (`"1.00"`), more only when the rate has them (`"1.125"`)."""
    if rate == fmt.round_ore(rate):
        return fmt.money_str(rate)
    return format(rate.normalize(), "f")


def number_str(value: Decimal) -> str:
    d = value.normalize()
    return format(d.quantize(Decimal(1)) if d == d.to_integral_value() else d, "f")


def encode(value: Any, how: str | None = None, by: str | None = None) -> Any:
    if how == "quarters":
        return quarter_dict(tuple(value))
    if how == "attr":
        return encode(getattr(value, by))
    if how == "keyed":
        return {encode(getattr(item, by)): {k: v for k, v in encode(item).items() if k != by}
                for item in value}
    if isinstance(value, Decimal):
        if how == "rate":
            return rate_str(value)
        if how == "number":
            return number_str(value)
        return fmt.money_str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            meta_how = f.metadata.get("encode")
            if meta_how == "skip":
                continue
            out[f.name] = encode(getattr(value, f.name), meta_how, f.metadata.get("by", f.metadata.get("attr")))
        return out
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [encode(v, how) for v in value]
    if isinstance(value, dict):
        return {k: encode(v, how) for k, v in value.items()}
    return value
