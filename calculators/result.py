"""The API's answer shapes: findings, success and input errors."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

from .fields import Errors


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    code: str
    level: Level
    message: str
    part: str | None = None  # in a combined calculator: which part raised it

    def as_dict(self) -> dict[str, str]:
        d = asdict(self)
        d["level"] = str(self.level)
        if self.part is None:
            del d["part"]
        return d

    def in_part(self, part: str) -> Finding:
        return replace(self, part=part)


def success(result: dict[str, Any], findings: list[Finding] | tuple[Finding, ...] = ()) -> dict[str, Any]:
    return {"ok": True, "result": result, "findings": [f.as_dict() for f in findings]}


def failure(errors: Errors) -> dict[str, Any]:
    return {"ok": False, "errors": list(errors.items)}
