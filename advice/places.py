"""Works out, from what a person wrote, whether they live in the Shropshire Council area.

Shropshire Council is not the council for Telford & Wrekin, Wales or the English
neighbours, and postcode districts cross those boundaries. The answer is one of:
inside, outside, unclear (a split district, an ambiguous name, or places that
disagree: ask a clarifying question) or unknown (no place mentioned). A wrong
"outside" would turn a resident away, so anything doubtful is "unclear".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Mapping, Tuple

import yaml

from advice.content import CONTENT_DIR
from advice.safety import normalise

PLACES_FILE = CONTENT_DIR / "places.yml"
HOME_COUNCIL = "shropshire"
INSIDE, OUTSIDE, UNCLEAR, UNKNOWN = "inside", "outside", "unclear", "unknown"

_POSTCODE = re.compile(r"\b([a-z]{1,2}[0-9][0-9a-z]?)(?:\s*([0-9][a-z]{2}))?\b")
# A place name counts when the message is short (an answer to "where do you live?")
# or when it is introduced as a place: "in Ludlow", "near Wem", "Telford council".
_CUE_BEFORE = re.compile(r"\b(in|near|at|from|around|live|lives|living|based|moved to|outside|of)\s*$")
_CUE_AFTER = re.compile(r"^\s*(council|area|county|way|district|postcode)\b")
# "I'm Ashley", "my name is Kerry": a person's name, not where they live.
_NAME_CUE = re.compile(r"\b(i'm|im|i am|my name is|name's|called|this is|it's|its)\s*$")
SHORT_MESSAGE_WORDS = 5


@dataclass(frozen=True)
class PlaceAnswer:
    status: str
    councils: Tuple[str, ...] = ()
    mentions: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Gazetteer:
    councils: Mapping[str, Mapping[str, object]]
    districts: Mapping[str, Tuple[str, ...]]
    places: Mapping[str, Tuple[str, ...]]

    def _postcode_councils(self, text: str) -> List[Tuple[str, Tuple[str, ...]]]:
        found = []
        for match in _POSTCODE.finditer(text):
            district, inward = match.group(1).upper(), match.group(2)
            if district in self.districts:
                found.append((match.group(0), self.districts[district]))
            elif inward:
                # A full postcode from a district we do not list is another council's.
                found.append((match.group(0), ("elsewhere",)))
        return found

    def _name_councils(self, text: str) -> List[Tuple[str, Tuple[str, ...]]]:
        short = len(text.split()) <= SHORT_MESSAGE_WORDS
        found: List[Tuple[str, Tuple[str, ...]]] = []
        taken: List[Tuple[int, int]] = []
        for name in sorted(self.places, key=len, reverse=True):
            for match in re.finditer(rf"(?<![\w']){re.escape(name)}(?![\w'])", text):
                start, end = match.span()
                if any(start < t_end and end > t_start for t_start, t_end in taken):
                    continue
                if _NAME_CUE.search(text[:start]):
                    continue
                if short or _CUE_BEFORE.search(text[:start]) or _CUE_AFTER.match(text[end:]):
                    taken.append((start, end))
                    found.append((name, self.places[name]))
        return found

    def resolve(self, text: str) -> PlaceAnswer:
        cleaned = normalise(text)
        mentions = self._postcode_councils(cleaned) + self._name_councils(cleaned)
        if not mentions:
            return PlaceAnswer(UNKNOWN)
        names = tuple(name for name, _ in mentions)
        definite = {options[0] for _, options in mentions if len(options) == 1}
        # "Shrewsbury, Shropshire SY3": a definite town settles an ambiguous county name,
        # as long as every ambiguous mention allows that council.
        settled = len(definite) == 1 and all(definite <= set(options) for _, options in mentions)
        councils = (
            tuple(sorted(definite)) if settled else tuple(dict.fromkeys(c for _, options in mentions for c in options))
        )
        if not settled:
            return PlaceAnswer(UNCLEAR, councils, names)
        status = INSIDE if councils == (HOME_COUNCIL,) else OUTSIDE
        return PlaceAnswer(status, councils, names)

    def council_name(self, council_id: str) -> str | None:
        entry = self.councils.get(council_id)
        return str(entry.get("name")) if entry else None


def _as_tuple(value: object) -> Tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(f"expected a council id or a list of them, got {value!r}")


def load_gazetteer(path: Path = PLACES_FILE) -> Gazetteer:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    councils: Dict[str, Mapping[str, object]] = data.get("councils") or {}
    places = {normalise(str(name)): _as_tuple(council) for name, council in (data.get("places") or {}).items()}
    for name, options in (data.get("ambiguous_places") or {}).items():
        places[normalise(str(name))] = _as_tuple(options)
    districts = {str(d).upper().replace(" ", ""): _as_tuple(c) for d, c in (data.get("districts") or {}).items()}
    unknown = {c for options in [*places.values(), *districts.values()] for c in options} - set(councils)
    if unknown:
        raise ValueError(f"{path.name}: councils used but not defined: {sorted(unknown)}")
    return Gazetteer(councils=councils, districts=districts, places=places)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return load_gazetteer()


def resolve(text: str) -> PlaceAnswer:
    """Where the places mentioned in `text` are, as far as the project's data can tell."""
    return default_gazetteer().resolve(text)
