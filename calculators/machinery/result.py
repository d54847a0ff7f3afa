"""The API's answer shapes: findings, success and input errors."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from .evidence import Quote, Reading
from .fields import Errors


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One message about the inputs. A message that says what a source says carries the
    source's words (`quotes`); one that rests on the calculator's own reading of a passage
    carries that `reading` (whose quote is the passage it interprets)."""

    code: str
    level: Level
    message: str
    part: str | None = None  # in a combined calculator: which part raised it
    quotes: tuple[Quote, ...] = ()
    reading: Reading | None = None

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"code": self.code, "level": str(self.level), "message": self.message}
        if self.part is not None:
            d["part"] = self.part
        if self.quotes:
            d["quotes"] = [q.as_dict() for q in self.quotes]
        if self.reading is not None:
            d["reading"] = self.reading.as_dict()
        return d

    def in_part(self, part: str) -> Finding:
        return replace(self, part=part)


def success(result: dict[str, Any], findings: list[Finding] | tuple[Finding, ...] = ()) -> dict[str, Any]:
    return {"ok": True, "result": result, "findings": [f.as_dict() for f in findings]}


def failure(errors: Errors) -> dict[str, Any]:
    return {"ok": False, "errors": list(errors.items)}
