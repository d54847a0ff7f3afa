"""One parser for every number a person types or a JSON document carries.

Accepts JSON numbers and text such as `3600`, `3 600`, `3600,50`, `3 600,50 kr`,
`1.200` (Norwegian thousands dot), `87,5 %`, with ordinary, non-breaking, narrow or thin
spaces. Refuses, with a Norwegian reason, anything else: NaN, infinities, exponents,
non-ASCII digits, booleans, more than one decimal separator, absurdly long values.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

MAX_INTEGER_DIGITS = 12  # a trillion kroner is far beyond any budget line
MAX_TEXT_LENGTH = 40

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_UNIT = re.compile(r"^(kr\.?|nok)\s*|\s*(kr\.?|nok|,-|%|prosent)$", re.IGNORECASE)
_PLAIN = re.compile(r"^[+-]?[0-9]+([.,][0-9]+)?$")
_DOT_GROUPS = re.compile(r"^[+-]?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$")
_DIGITS = re.compile(r"[0-9]")

NOT_A_NUMBER = "må være et tall, for eksempel 3 600 eller 3 600,50"


class ParseError(ValueError):
    """The value is not a number; `reason` completes «<felt> …» in Norwegian."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def parse_number(raw: object) -> Decimal:
    """Return the exact Decimal a value stands for, or raise ParseError."""
    if isinstance(raw, bool) or raw is None:
        raise ParseError(NOT_A_NUMBER)
    if isinstance(raw, int):
        # Compare, never `str()`: Python refuses to print ints above 4300 digits.
        if abs(raw) >= 10**MAX_INTEGER_DIGITS:
            raise ParseError("er for stort")
        return Decimal(raw)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise ParseError(NOT_A_NUMBER)
        return _bounded(Decimal(repr(raw)))
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise ParseError(NOT_A_NUMBER)
        return _bounded(raw)
    if not isinstance(raw, str):
        raise ParseError(NOT_A_NUMBER)
    text = raw.strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise ParseError("er for langt til å være et tall")
    text = _UNIT.sub("", text.strip()).strip()
    text = _UNIT.sub("", text).strip()  # "kr 3 600,-" has a unit at both ends
    text = _SPACES.sub("", text).replace("\u2212", "-")
    if not text:
        raise ParseError("må fylles ut")
    if _DOT_GROUPS.match(text):
        text = text.replace(".", "")
    elif "," in text and "." in text:
        raise ParseError(NOT_A_NUMBER)
    if not _PLAIN.match(text):
        raise ParseError(NOT_A_NUMBER)
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern already guarantees a number
        raise ParseError(NOT_A_NUMBER) from None
    return _bounded(value)


def _bounded(value: Decimal) -> Decimal:
    if value != 0 and value.adjusted() >= MAX_INTEGER_DIGITS:
        raise ParseError("er for stort")
    if value.as_tuple().exponent < -6:  # more decimals than any rate or amount has
        value = value.quantize(Decimal("0.000001"))
    return value + 0  # -0 becomes 0


def looks_blank(raw: object) -> bool:
    """True for a value a person left empty (None or only white space)."""
    return raw is None or (isinstance(raw, str) and not _SPACES.sub("", raw))


def has_digits(raw: str) -> bool:
    return bool(_DIGITS.search(raw))
