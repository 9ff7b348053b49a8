"""UK phone numbers people type for a call-back ("07700 900123", "+44 7700 900123")."""

from __future__ import annotations

import re

_NOISE = re.compile(r"[\s\-().]")
_UK = re.compile(r"^0\d{9,10}$")


def uk_phone(text: str) -> str | None:
    """The number in its national form (07700900123), or None if it is not one."""
    digits = _NOISE.sub("", text.strip())
    for prefix in ("+44", "0044"):
        if digits.startswith(prefix):
            digits = "0" + digits[len(prefix):].lstrip("0")
    return digits if _UK.match(digits) else None


def looks_like_a_number(text: str) -> bool:
    """Mostly digits: someone trying to type a number, perhaps wrongly."""
    stripped = _NOISE.sub("", text).lstrip("+")
    return len(stripped) >= 5 and sum(c.isdigit() for c in stripped) >= 0.8 * len(stripped)
