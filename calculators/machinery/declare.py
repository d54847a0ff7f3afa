"""What a calculator declares about itself, once: name, title, fields, example, display.

Every calculator module (or package) in `calculators/` ends with one
`CALCULATOR = Calculator.declare(globals(), name=..., ...)`. The registry finds it (`registry.calculators()`); the API,
the renderer, the form macros and the tests iterate over what is found. Nothing else lists
calculators.

The declaration holds no markup: fields are data (the form template and the input reader
both read them), and the result display is a tuple of blocks (`Facts`, `Table`, `Quarters`,
`Checklist`, `Note`, `Computation`) whose functions turn the API's result into plain text
and values.
`calculators.machinery.view` is the one renderer that turns blocks into HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from .fields import MAX_ROWS, Reader
from .rates import Rates, RatesAt
from .evidence import Quote, Reading
from .result import Finding

T = TypeVar("T")

# --- fields ---------------------------------------------------------------------------

# Field kinds: how the value is read (fields.Reader) and how the form shows it.
DECIMAL = "decimal"    # a non-negative number typed as text («3 600,50»)
INTEGER = "integer"    # a whole number typed as text
TEXT = "text"          # free text, one line
LONG_TEXT = "long_text"  # free text of several lines, kept as typed (a <textarea>)
CHOICE = "choice"      # one of `options` (a <select>)
BOOLEAN = "boolean"    # a checkbox
ROWS = "rows"          # a repeatable group of `fields` (one object per row)
VALUES = "values"      # a repeatable single value (a list of numbers)
GROUP = "group"        # a set of optional `fields` under one key (ORG365's own prices)


@dataclass(frozen=True)
class Field:
    """One input: its API key, its Norwegian label (used by the form and by every error
    message), and what is valid."""

    key: str
    label: str
    kind: str = DECIMAL
    hint: str | Callable[[RatesAt], str] = ""   # a text, or one made from the rates in force
    quotes: tuple[Quote, ...] = ()              # the source's words a hint that cites it rests on
    required: bool = True
    options: tuple[tuple[str, str], ...] = ()   # (value, label shown) for CHOICE
    positive: bool = False                      # DECIMAL: > 0
    minimum: int = 0                            # INTEGER
    maximum: Decimal | int | None = None        # DECIMAL / INTEGER
    example: str = ""                           # INTEGER: named in the «helt tall» message
    inputmode: str = ""                         # form: overrides the kind's default
    show_when: tuple[str, str] | None = None    # form: shown only when field k has value v
    fields: tuple[Field, ...] = ()              # ROWS: the fields of one row; VALUES: the one field
    row_label: str = ""                         # ROWS / VALUES: «Person» → «Person 2»
    add_label: str = ""                         # ROWS / VALUES: «Legg til person»
    max_rows: int = MAX_ROWS
    # DECIMAL / INTEGER: a sane ceiling, not a rule. Above it the figure is still computed,
    # and the reader gets a warning at the field (a mistyped amount: 1 000 000 000 kr).
    plausible: Decimal | int | None = None

    def hint_text(self, rates: RatesAt) -> str:
        return self.hint(rates) if callable(self.hint) else self.hint

    def option_label(self, value: str) -> str:
        return dict(self.options).get(value, value)

    @property
    def form_inputmode(self) -> str:
        if self.inputmode:
            return self.inputmode
        return {INTEGER: "numeric", TEXT: "text", LONG_TEXT: "text"}.get(self.kind, "decimal")


# The example a percentage field's «må være et tall» message gives (not «3 600»): a
# DECIMAL field whose label says «prosent» holds a percentage.
PERCENT_EXAMPLE = "50 eller 87,5"


def decimal_example(f: Field) -> str:
    if f.example:
        return f.example
    return PERCENT_EXAMPLE if "prosent" in f.label.lower() else ""


def read_field(r: Reader, f: Field, suffix: str = "") -> Any:
    """Read `f` from `r` as its kind says; errors name the field by its label (+ suffix,
    e.g. « (rad 2)»). CHOICE returns the option value (a string)."""
    label = f.label + suffix
    if f.kind == DECIMAL:
        return _plausible(r, f, label, r.decimal(
            f.key, label, required=f.required, positive=f.positive,
            maximum=None if f.maximum is None else Decimal(f.maximum), example=decimal_example(f)))
    if f.kind == INTEGER:
        return _plausible(r, f, label, r.integer(
            f.key, label, required=f.required, minimum=f.minimum,
            maximum=None if f.maximum is None else int(f.maximum), example=f.example))
    if f.kind == TEXT:
        return r.text(f.key, label, required=f.required)
    if f.kind == LONG_TEXT:
        return r.long_text(f.key, label, required=f.required)
    if f.kind == BOOLEAN:
        return r.boolean(f.key, label)
    if f.kind == CHOICE:
        return r.option(f.key, label, f.options, required=f.required)
    if f.kind == ROWS:
        return r.rows(f.key, label, required=f.required, max_rows=f.max_rows)
    if f.kind == VALUES:
        return r.values(f.key, label, required=f.required, max_items=f.max_rows)
    raise ValueError(f"unknown field kind {f.kind!r}")


def _plausible(r: Reader, f: Field, label: str, value: Any) -> Any:
    """`value`, with a warning at the field when it is above the field's sane ceiling."""
    if value is not None and f.plausible is not None and value > f.plausible:
        r.warn(f.key, label, value)
    return value


def read_into(r: Reader, cls: Callable[..., T], *fields: Field) -> T | None:
    """`cls` of the fields read by key, or None after any field error; a blank optional
    field is left out, so that it takes its default in `cls`."""
    values = {f.key: read_field(r, f) for f in fields}
    if r.errors or any(values[f.key] is None for f in fields if f.required):
        return None
    return cls(**{key: value for key, value in values.items() if value is not None})


def row_suffix(i: int) -> str:
    """How a message names row i (0-based) after a field's label: « (rad 3)»."""
    return f" (rad {i + 1})"


# --- result display (no markup: calculators.machinery.view draws these) -------------------------

# Cell and value kinds: "text", "money" (3 600 kr), "rate" (every decimal: 0,125 kr),
# "number" (1 200), "percent" (87,5 %), "bool" (Ja/Nei), "weeks", "days", "months", "km",
# "flagged" (a pair: a text and a mark under it in words, or "" for none: the row of an
# official a broken principle names).
Cell = tuple[str, Any]


@dataclass(frozen=True)
class Fact:
    label: str
    value: str | Callable[[dict], Any]   # the result's key, or result → value
    kind: str = "text"
    after: Callable[[dict], str] = lambda r: ""   # result → a plain note after the value

    def of(self, r: dict) -> Any:
        return r[self.value] if isinstance(self.value, str) else self.value(r)


@dataclass(frozen=True)
class Facts:
    items: tuple[Fact, ...]


@dataclass(frozen=True)
class Table:
    caption: Callable[[dict], str]
    head: Callable[[dict], tuple[str, ...]]
    rows: Callable[[dict], list[list[Cell]]]
    foot: Callable[[dict], list[list[Cell]]] = lambda r: []
    numeric_from: int = 1
    when: Callable[[dict], bool] = lambda r: True


@dataclass(frozen=True)
class Quarters:
    """The amount per quarter (`result[key]` = {"Q1": …, …, "Q4": …})."""
    caption: Callable[[dict], str]
    key: str = "by_quarter"


@dataclass(frozen=True)
class Checklist:
    """Numbered rules with a status each: `items(result)` → [{"rule", "status", "message"}]."""
    heading: Callable[[dict], str]
    items: Callable[[dict], list[dict]]


@dataclass(frozen=True)
class Note:
    text: Callable[[dict, list], str | None]   # (result, findings) → a sentence or None
    quotes: tuple[Quote, ...] = ()             # the source's words a note that cites it rests on


@dataclass(frozen=True)
class PrintSlot:
    """Words only the printed record carries, filled in by the page just before printing
    from one of the form's record fields (saved and shared with the inputs, never sent to
    the calculator, which therefore never knows them): `given`, with `{}` where the text
    the reader typed goes, or `missing` when the field is empty."""
    field: str     # the record field's `data-ui-key`
    given: str     # «(gjelder fra {})»
    missing: str   # «(dato ikke oppgitt)»


@dataclass(frozen=True)
class Step:
    """One line of «Slik er det regnet ut»: the computation with its figures, and the ids of
    the rates it uses (the renderer links each to its guidance page, with its date); `slot`
    adds words from a record field after the line on paper."""
    text: str
    rates: tuple[str, ...] = ()
    slot: PrintSlot | None = None


@dataclass(frozen=True)
class Computation:
    """«Slik er det regnet ut»: `steps(result)`; rates are dated for `year(result)` (the
    default year for calculators that ask none)."""
    steps: Callable[[dict], list[Step]]
    year: Callable[[dict], int | None] = lambda r: r.get("year")


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal          # the bar's length, against the chart's largest value
    text: str               # the value as the reader reads it («2 825 kr», «95 %»)
    group: str = ""         # bars are grouped under a heading when this changes
    marked: bool = False    # drawn as flagged (an official a broken principle names)


@dataclass(frozen=True)
class Bars:
    """A horizontal bar chart (SVG, styled by the site's CSS); the table beside it is the
    text alternative, so the chart only carries a title."""
    title: Callable[[dict], str]
    bars: Callable[[dict], list[Bar]]
    when: Callable[[dict], bool] = lambda r: True


@dataclass(frozen=True)
class LetterPart:
    """One part of a letter: `kind` is "to" (an address line), "subject", "p" (a paragraph;
    line breaks kept), "quote" (the source's words, with `quotes` naming the passage),
    "heading" or "item" (a line of a checklist)."""
    kind: str
    text: str
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Letter:
    """A letter drafted from the result: `parts(result)`, marked as a draft on the page
    and in print; the reader copies its text or prints it."""
    title: Callable[[dict], str]
    parts: Callable[[dict], list[LetterPart]]


Block = Facts | Table | Quarters | Checklist | Note | Computation | Bars | Letter


# --- two plans side by side ------------------------------------------------------------

# The inputs' key that holds a second plan («Oppsett B»): the same fields as the first,
# without the year (both plans are for the year the first one asks).
PLAN_B = "plan_b"
PLAN_NAMES = ("Oppsett A", "Oppsett B")


@dataclass(frozen=True)
class Comparable:
    """A calculator whose inputs may carry a second plan (`PLAN_B`): the runner computes
    both by the calculator's own rules and compares them. `total(result)` is a plan's
    total; `lines(result)` its amounts line by line as `(label, amount)` (per licence type,
    per quarter), in the order the comparison lists them; `group(label)` the breakdown a
    line belongs to («Per kvartal»): each breakdown is its own table, and those in
    `partial` do not add up to the total (they get no sum row). `title(result)` names what
    both plans are of, from plan A's result («Lisenskostnader 2026»: the plans share the
    year). Results are as encoded (money as text)."""
    total: Callable[[dict], Any]
    lines: Callable[[dict], list[tuple[str, Any]]]
    group: Callable[[str], str]
    title: Callable[[dict], str]
    partial: frozenset[str] = frozenset()


# --- the calculator -----------------------------------------------------------------------

# What `Calculator.declare` takes from the module, by the name the module gives it.
MODULE_NAMES = {"fields": "FIELDS", "example": "EXAMPLE", "display": "DISPLAY", "read": "read",
                "calculate": "calculate", "findings": "findings", "summary": "summary", "year": "read_year",
                "readings": "READINGS"}


@dataclass(frozen=True)
class Calculator:
    """One calculator, declared once.

    - `read(r, rates_at)`: validated inputs, or None after every field error is in `r.errors`.
    - `calculate(inputs, rates_at)`: the result (a dataclass; `encode` makes it JSON).
    - `findings(inputs, result, rates_at)`: the findings, each citing its rule.
    - `year(r, rates)`: the year the inputs ask for (read first, so the other fields are read
      with the rates in force that year); None for calculators that ask no year, which use
      `periods.default_year()`.
    """

    name: str
    title: str
    source: str                       # "circular" | "regulation": whose rules these are
    fields: tuple[Field, ...]
    example: Mapping[str, Any]        # the form's example inputs (as typed; "next" = next year)
    read: Callable[[Reader, RatesAt], Any]
    calculate: Callable[[Any, RatesAt], Any]
    findings: Callable[[Any, Any, RatesAt], list[Finding]]
    display: tuple[Block, ...]
    summary: Callable[[dict], str]
    year: Callable[[Reader, Rates], int | None] | None = None
    template: str = "generic"         # macros/templates/forms/<template>.html
    actions: tuple[str, ...] = ()     # extra buttons: "csv", "xlsx", "print"
    order: int = 100                  # place in lists of calculators
    csv: Callable[[dict], tuple[str, str]] | None = None   # result → (file name, CSV text)
    # {"result": result, "inputs": inputs as sent} → (file name, .xlsx bytes); see calculators.machinery.xlsx
    xlsx: Callable[[dict], tuple[str, bytes]] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    # Every reading the calculator makes where its source is silent or open, each with the
    # passage it interprets: the calculator page's «Kalkulatorens lesning» table lists them.
    readings: tuple[Reading, ...] = ()
    # result → the figures another calculator may take over on this device (the budget's
    # year and total for the application for coverage); the page keeps them with the inputs.
    handover: Callable[[dict], dict[str, Any]] | None = None
    # Set for a calculator whose reader may compare two plans (see `Comparable`).
    comparable: Comparable | None = None

    @classmethod
    def declare(cls, module: Mapping[str, Any], **declared: Any) -> Calculator:
        """The calculator of a module: `CALCULATOR = Calculator.declare(globals(), name=…,
        title=…, source=…, order=…)`. The rest is the module's own, by name, unless given:
        `FIELDS`, `EXAMPLE`, `DISPLAY`, and the functions `read`, `calculate`, `findings`,
        `summary` (and `read_year`, if it asks a year, and `READINGS`)."""
        for key, name in MODULE_NAMES.items():
            if key not in declared and name in module:
                declared[key] = module[name]
        return cls(**declared)

    def field(self, key: str) -> Field:
        """The field `key` (dotted for fields inside rows or parts: `holders.license`)."""
        fields = self.fields
        found: Field | None = None
        for part in key.split("."):
            found = next((f for f in fields if f.key == part), None)
            if found is None:
                raise KeyError(f"{self.name}: no field {key!r}")
            fields = found.fields
        assert found is not None
        return found

    @property
    def labels(self) -> dict[str, str]:
        """Every field's label by key, rows' fields included (as the messages name them)."""
        out: dict[str, str] = {}

        def walk(fields: tuple[Field, ...]) -> None:
            for f in fields:
                out.setdefault(f.key, f.label)
                walk(f.fields)
        walk(self.fields)
        return out
