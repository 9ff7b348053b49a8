"""When First Point of Contact staff read the queue (data/service.yml; FPOC_HOURS overrides)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, FrozenSet, Tuple
from zoneinfo import ZoneInfo

import yaml

SERVICE_FILE = Path(__file__).resolve().parents[1] / "data" / "service.yml"
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class OpeningHours:
    timezone: str = "Europe/London"
    hours: Dict[int, Tuple[dt.time, dt.time]] = field(default_factory=dict)  # weekday -> (open, close)
    closed_on: FrozenSet[dt.date] = frozenset()
    always: bool | None = None  # True/False from FPOC_HOURS overrides the table

    def is_open(self, now: dt.datetime | None = None) -> bool:
        if self.always is not None:
            return self.always
        local = (now or dt.datetime.now(dt.timezone.utc)).astimezone(ZoneInfo(self.timezone))
        if local.date() in self.closed_on or local.weekday() not in self.hours:
            return False
        opens, closes = self.hours[local.weekday()]
        return opens <= local.time() < closes


def _time(value: str, where: str) -> dt.time:
    try:
        return dt.time.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{where}: '{value}' is not a time like 09:00") from None


def load(path: Path = SERVICE_FILE) -> OpeningHours:
    override = os.environ.get("FPOC_HOURS", "").strip().lower()
    if override in ("always", "never"):
        return OpeningHours(always=override == "always")
    fpoc = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("fpoc") or {}
    hours = {}
    for day, span in (fpoc.get("hours") or {}).items():
        if day not in DAYS or not isinstance(span, list) or len(span) != 2:
            raise ValueError(f"{path.name}: fpoc.hours.{day} must be a weekday with [open, close]")
        hours[DAYS.index(day)] = (_time(span[0], f"{path.name} {day}"), _time(span[1], f"{path.name} {day}"))
    ZoneInfo(fpoc.get("timezone", "Europe/London"))  # fails at start-up on a wrong name
    closed = frozenset(
        d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)) for d in fpoc.get("closed_on") or []
    )
    return OpeningHours(fpoc.get("timezone", "Europe/London"), hours, closed)
