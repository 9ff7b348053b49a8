"""The second, independent safety net: patterns that spot danger, abuse or neglect.

The trained classifier is the first net. These patterns (data/safety/patterns.yml)
are a different kind of check, so a disclosure the model misreads still gets the
safety answer. They are tuned for recall: a false alarm costs a person one extra
message with phone numbers; a miss could cost far more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Pattern

import yaml

from advice.content import PROJECT_ROOT

SAFETY_DIR = PROJECT_ROOT / "data" / "safety"
# patterns.yml (English) plus patterns_<language>.yml: all apply to every message,
# whatever the conversation language, because people mix languages.
PATTERN_FILES = "patterns*.yml"
# Order matters: when a message matches both, the emergency answer wins.
SAFETY_INTENTS = ("emergency_crisis", "safeguarding_concern")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def normalise(text: str) -> str:
    """Lower-cases, straightens apostrophes and collapses white space."""
    return " ".join(text.translate(_APOSTROPHES).lower().split())


@dataclass(frozen=True)
class SafetyPatterns:
    by_intent: Dict[str, List[Pattern[str]]]
    not_safety: List[Pattern[str]]

    def detect(self, text: str) -> str | None:
        """The safety intent a message discloses, or None."""
        cleaned = normalise(text)
        for pattern in self.not_safety:
            cleaned = pattern.sub(" ", cleaned)
        for intent in SAFETY_INTENTS:
            if any(pattern.search(cleaned) for pattern in self.by_intent.get(intent, [])):
                return intent
        return None


def _compile(raw: object, where: str) -> List[Pattern[str]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ValueError(f"{where}: expected a list of patterns")
    compiled = []
    for pattern in raw:
        try:
            compiled.append(re.compile(str(pattern), re.IGNORECASE))
        except re.error as error:
            raise ValueError(f"{where}: bad pattern {pattern!r}: {error}") from error
    return compiled


def load_patterns(directory: Path = SAFETY_DIR) -> SafetyPatterns:
    by_intent: Dict[str, List[Pattern[str]]] = {intent: [] for intent in SAFETY_INTENTS}
    not_safety: List[Pattern[str]] = []
    for path in sorted(directory.glob(PATTERN_FILES)):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for intent in SAFETY_INTENTS:
            by_intent[intent] += _compile(data.get(intent), f"{path.name}: {intent}")
        not_safety += _compile(data.get("not_safety"), f"{path.name}: not_safety")
    return SafetyPatterns(by_intent=by_intent, not_safety=not_safety)


@lru_cache(maxsize=1)
def default_patterns() -> SafetyPatterns:
    return load_patterns()


def detect(text: str) -> str | None:
    """The safety intent disclosed by `text` according to the project's patterns, or None."""
    return default_patterns().detect(text)
