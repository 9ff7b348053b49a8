"""Choosing a conversation's language: the person's choice, then the channel's hint, then detection.

- An explicit choice ("/language pl", or a message that is just a language's name such
  as "Polski" or "Cymraeg") always wins and is never overridden by detection.
- A channel hint (the browser's language, Telegram's language_code) sets the first
  language; detection on a clear, longer message may replace a hint or an earlier
  detection, so a person who simply writes in Polish gets Polish.
- Short or ambiguous messages ("ok", "tak", a postcode) never change the language.
Detection uses lingua, limited to the languages in data/languages.yml
(docs/decisions/0007-language-identification.md).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from lingua import IsoCode639_1, LanguageDetectorBuilder

from advice.i18n import DEFAULT_LANGUAGE, languages
from advice.safety import normalise
from bot.storage import StoredLanguage

EXPLICIT, HINT, DETECTED, DEFAULT = "explicit", "hint", "detected", "default"
MIN_WORDS, MIN_LETTERS = 3, 12
# How sure detection must be: to set a first language (or replace the default), and to
# replace a language that came from a hint or an earlier detection.
CONFIDENCE_TO_SET, CONFIDENCE_TO_SWITCH = 0.6, 0.85
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_COMMAND = re.compile(r"^/lang(?:uage)?\s+(\S+)$")


@dataclass(frozen=True)
class Choice:
    code: str
    source: str
    changed: bool
    explicit: bool = False


def explicit_choice(text: str) -> str | None:
    """The language a message asks for by name or command, or None."""
    cleaned = normalise(text).strip(" .!?,")
    command = _COMMAND.match(cleaned)
    wanted = command.group(1) if command else cleaned
    for code, lang in languages().items():
        if wanted in (code, lang.native.lower(), *lang.names) and (command or wanted != code):
            return code
    return None


@lru_cache(maxsize=1)
def _detector():
    codes = {lang.detect: code for code, lang in languages().items() if lang.detect}
    isos = [IsoCode639_1.from_str(iso) for iso in codes]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*isos).build(), codes


# Unicode name prefixes of the scripts our languages use (ISO 15924 code -> prefix).
_SCRIPT_NAMES = {"Latn": "LATIN", "Cyrl": "CYRILLIC", "Arab": "ARABIC", "Grek": "GREEK", "Hebr": "HEBREW"}


def _scripts_in(text: str) -> set[str]:
    """Non-Latin scripts making up at least 30% of the letters: English words inside a
    Ukrainian or Arabic message must not make it look English."""
    letters = _LETTER.findall(text)
    counts: dict[str, int] = {}
    for letter in letters:
        name = unicodedata.name(letter, "")
        for script, prefix in _SCRIPT_NAMES.items():
            if name.startswith(prefix):
                counts[script] = counts.get(script, 0) + 1
    return {s for s, n in counts.items() if s != "Latn" and n >= 0.3 * len(letters)}


def detect(text: str) -> tuple[str, float] | None:
    """(language code, confidence) for a clear enough message, else None (undecided)."""
    letters = len(_LETTER.findall(text))
    if len(text.split()) < MIN_WORDS or letters < MIN_LETTERS:
        return None
    detector, codes = _detector()
    values = [
        (codes[v.language.iso_code_639_1.name.lower()], v.value)
        for v in detector.compute_language_confidence_values(text)
    ]
    scripts = _scripts_in(text)
    if scripts:
        values = [(code, value) for code, value in values if languages()[code].script in scripts]
        total = sum(value for _, value in values)
        values = [(code, value / total) for code, value in values] if total else []
    if not values or values[0][1] < CONFIDENCE_TO_SET:
        return None
    return values[0]


def choose(stored: StoredLanguage | None, text: str, hint: str | None = None) -> Choice:
    """The language to answer this message in, and whether it changed."""
    current = stored.code if stored else None
    wanted = explicit_choice(text)
    if wanted:
        return Choice(wanted, EXPLICIT, wanted != current, explicit=True)
    if stored and stored.source == EXPLICIT:
        return Choice(stored.code, EXPLICIT, False)
    detected = detect(text)
    if stored:
        needed = CONFIDENCE_TO_SET if stored.source == DEFAULT else CONFIDENCE_TO_SWITCH
        if detected and detected[0] != stored.code and detected[1] >= needed:
            return Choice(detected[0], DETECTED, True)
        return Choice(stored.code, stored.source, False)
    if detected and detected[1] >= CONFIDENCE_TO_SWITCH:
        return Choice(detected[0], DETECTED, True)
    if hint and hint in languages():
        return Choice(hint, HINT, True)
    if detected:
        return Choice(detected[0], DETECTED, True)
    return Choice(DEFAULT_LANGUAGE, DEFAULT, True)
