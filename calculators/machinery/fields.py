"""Reading raw JSON-like inputs into validated values, collecting every field error.

A `Reader` wraps one input object (a dict, or anything else, which then reads as empty)
and a shared error list. Each method returns the validated value, or None after
recording a Norwegian message for the field. The calculators call these at the API
boundary only; their rule functions take the validated types and never re-check.

Field paths: `year`, `holders`, `holders[2].license`, `klar.county` (nested readers).
Messages name the field by its Norwegian label: «Budsjettår» må være et helt tall …
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from .parse import NOT_A_NUMBER, ParseError, looks_blank, parse_number

E = TypeVar("E", bound=StrEnum)

MAX_ROWS = 200
MAX_TEXT = 200
MAX_LONG_TEXT = 4000   # free text kept with its line breaks (a letter's explanation)
MAX_YEAR = 2100  # sanity bound on any year input (not a rule figure)


@dataclass
class Errors:
    items: list[dict[str, str]] = field(default_factory=list)
    # Warnings at fields (a figure above its field's sane ceiling): they never stop the
    # calculation; the answer carries them as `warnings`, shown at their fields.
    warnings: list[dict[str, str]] = field(default_factory=list)

    def add(self, path: str, message: str) -> None:
        self.items.append({"field": path, "message": message})

    def __bool__(self) -> bool:
        return bool(self.items)


class Reader:
    def __init__(self, data: Any, errors: Errors | None = None, prefix: str = ""):
        self.data = data if isinstance(data, dict) else {}
        self.errors = errors if errors is not None else Errors()
        self.prefix = prefix

    # -- helpers ---------------------------------------------------------------
    def path(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def fail(self, key: str, label: str, reason: str) -> None:
        self.errors.add(self.path(key), f"«{label}» {reason}.")

    def warn(self, key: str, label: str, value: Decimal | int) -> None:
        """A figure that is allowed but unusually large: said at the field, still computed."""
        from .fmt import number

        self.errors.warnings.append({"field": self.path(key), "message": (
            f"Tallet i «{label}» er uvanlig høyt ({number(value)}). Sjekk at det er riktig; "
            "resultatet er regnet med det.")})

    def present(self, key: str) -> bool:
        return not looks_blank(self.data.get(key))

    def _missing(self, key: str, label: str, required: bool) -> bool:
        if self.present(key):
            return False
        if required:
            self.fail(key, label, "må fylles ut")
        return True

    # -- scalar fields ---------------------------------------------------------
    def decimal(
        self,
        key: str,
        label: str,
        *,
        required: bool = True,
        positive: bool = False,
        maximum: Decimal | None = None,
        example: str = "",
    ) -> Decimal | None:
        """A non-negative amount, rate or percentage (> 0 when `positive`). `example`
        replaces the amounts the not-a-number message gives as examples (a percentage)."""
        if self._missing(key, label, required):
            return None
        try:
            value = parse_number(self.data[key])
        except ParseError as e:
            reason = f"må være et tall, for eksempel {example}" if example and e.reason == NOT_A_NUMBER else e.reason
            self.fail(key, label, reason)
            return None
        if value < 0:
            self.fail(key, label, "kan ikke være negativ")
            return None
        if positive and value == 0:
            self.fail(key, label, "må være større enn 0")
            return None
        if maximum is not None and value > maximum:
            self.fail(key, label, f"kan ikke være større enn {_plain(maximum)}")
            return None
        return value

    def integer(
        self,
        key: str,
        label: str,
        *,
        required: bool = True,
        minimum: int = 0,
        maximum: int | None = None,
        example: str = "",
    ) -> int | None:
        if self._missing(key, label, required):
            return None
        hint = f", for eksempel {example}" if example else ""
        try:
            value = parse_number(self.data[key])
        except ParseError as e:
            reason = f"må være et helt tall{hint}" if "for eksempel" in e.reason else e.reason
            self.fail(key, label, reason)
            return None
        if value != value.to_integral_value():
            self.fail(key, label, f"må være et helt tall{hint}")
            return None
        number = int(value)
        if number < minimum or (maximum is not None and number > maximum):
            span = f"mellom {minimum} og {maximum}" if maximum is not None else f"minst {minimum}"
            self.fail(key, label, f"må være {span}")
            return None
        return number

    def boolean(self, key: str, label: str, *, default: bool = False) -> bool | None:
        raw = self.data.get(key)
        if raw is None or raw == "":
            return default
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in {"true", "ja", "on", "1"}:
            return True
        if isinstance(raw, str) and raw.strip().lower() in {"false", "nei", "off", "0"}:
            return False
        if isinstance(raw, int) and raw in (0, 1):
            return bool(raw)
        self.fail(key, label, "må være ja eller nei")
        return None

    def text(self, key: str, label: str, *, required: bool = True) -> str | None:
        if self._missing(key, label, required):
            return None if required else ""
        raw = self.data[key]
        if not isinstance(raw, (str, int)) or isinstance(raw, bool):
            self.fail(key, label, "må være tekst")
            return None
        if isinstance(raw, int) and abs(raw) >= 10**MAX_TEXT:  # str() refuses huge ints
            self.fail(key, label, f"kan ha høyst {MAX_TEXT} tegn")
            return None
        value = " ".join(str(raw).split())
        if len(value) > MAX_TEXT:
            self.fail(key, label, f"kan ha høyst {MAX_TEXT} tegn")
            return None
        return value

    def long_text(self, key: str, label: str, *, required: bool = True) -> str | None:
        """Free text kept as typed: its line breaks stay (as «\n»), spaces at the ends of
        lines and blank lines at either end go."""
        if self._missing(key, label, required):
            return None if required else ""
        raw = self.data[key]
        if not isinstance(raw, str):
            self.fail(key, label, "må være tekst")
            return None
        value = "\n".join(line.rstrip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        value = value.strip("\n")
        if len(value) > MAX_LONG_TEXT:
            self.fail(key, label, "kan ha høyst 4 000 tegn")
            return None
        return value

    def choice(self, key: str, label: str, enum: type[E], *, required: bool = True,
               names: dict[str, str] | None = None) -> E | None:
        """One of an enum's values (case-insensitive). `names` maps the values to
        the Norwegian words listed in the message."""
        if self._missing(key, label, required):
            return None
        raw = self.data[key]
        if isinstance(raw, str):
            wanted = raw.strip().lower()
            for member in enum:
                if member.value.lower() == wanted:
                    return member
        shown = ", ".join((names or {}).get(m.value, m.value) for m in enum)
        self.fail(key, label, f"må være en av: {shown}")
        return None

    def option(self, key: str, label: str, options: tuple[tuple[str, str], ...], *,
               required: bool = True) -> str | None:
        """One of `options` (value, label shown), matched case-insensitively on the value;
        the message lists the labels the form shows."""
        if self._missing(key, label, required):
            return None
        raw = self.data[key]
        if isinstance(raw, str):
            wanted = raw.strip().lower()
            for value, _ in options:
                if value.lower() == wanted:
                    return value
        self.fail(key, label, f"må være en av: {', '.join(shown for _, shown in options)}")
        return None

    # -- structure -------------------------------------------------------------
    def rows(self, key: str, label: str, *, required: bool = True, min_rows: int = 1,
             max_rows: int = MAX_ROWS) -> list[Reader] | None:
        """A list of objects, each read by its own Reader with the path `key[i].`."""
        raw = self._list(key, label, required, (None, ""), "må ha minst én rad")
        if raw is None:
            return None
        if len(raw) < min_rows:
            self.fail(key, label, "må ha minst én rad")
            return None
        if len(raw) > max_rows:
            self.fail(key, label, f"kan ha høyst {max_rows} rader")
            return None
        readers = []
        for i, item in enumerate(raw):
            if not isinstance(item, dict):
                self.errors.add(f"{self.path(key)}[{i}]", f"Rad {i + 1} i «{label}» er ikke gyldig.")
                continue
            readers.append(Reader(item, self.errors, prefix=f"{self.path(key)}[{i}]."))
        return readers

    def values(self, key: str, label: str, *, required: bool = True, length: int | None = None,
               max_items: int = MAX_ROWS) -> list[tuple[Reader, str]] | None:
        """A list of scalars. Returns one `(reader, key)` pair per item, to be read with the
        ordinary methods (`reader.integer(key, …)`), so that errors land at `key[i]`."""
        raw = self._list(key, label, required, (None, "", []), "må fylles ut")
        if raw is None:
            return None
        if length is not None and len(raw) != length:
            self.fail(key, label, f"må ha nøyaktig {length} verdier (har {len(raw)})")
            return None
        if len(raw) > max_items:
            self.fail(key, label, f"kan ha høyst {max_items} verdier")
            return None
        return [(Reader({f"{key}[{i}]": item}, self.errors, self.prefix), f"{key}[{i}]")
                for i, item in enumerate(raw)]

    def _list(self, key: str, label: str, required: bool, blank: tuple, missing: str) -> list | None:
        """The list at `key`, or None: blank (`missing` is the message if required) or no list."""
        raw = self.data.get(key)
        if raw in blank:
            if required:
                self.fail(key, label, missing)
            return None
        if not isinstance(raw, list):
            self.fail(key, label, "må være en liste")
            return None
        return raw

    def nested(self, key: str) -> Reader:
        return Reader(self.data.get(key), self.errors, prefix=f"{self.path(key)}.")


def _plain(value: Decimal) -> str:
    from .fmt import number

    return number(value)
