"""Conversation languages and their gettext catalogs.

Languages are data (data/languages.yml); translations are Babel-compiled catalogs
under translations/. English source text is the msgid, so a missing or stale
translation falls back to English rather than to nothing.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Dict, Tuple

import yaml
from babel import Locale
from babel.support import Translations

from advice.content import PROJECT_ROOT

LANGUAGES_FILE = PROJECT_ROOT / "data" / "languages.yml"
TRANSLATIONS_DIR = PROJECT_ROOT / "translations"
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str
    native: str
    babel: str
    bcp47: str
    catalog: str | None = None
    domain: str = "messages"
    detect: str | None = None
    easy_read: bool = False
    names: Tuple[str, ...] = field(default_factory=tuple)
    script: str = "Latn"

    @property
    def direction(self) -> str:
        """ "rtl" or "ltr", from Babel's locale data."""
        return Locale.parse(self.babel).text_direction


def load_languages(path: Path = LANGUAGES_FILE) -> Dict[str, Language]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    languages = {}
    for code, entry in (data.get("languages") or {}).items():
        try:
            Locale.parse(entry["babel"])
        except (KeyError, ValueError) as error:
            raise ValueError(f"{path.name}: language '{code}' needs a valid 'babel' locale") from error
        languages[code] = Language(
            code=code,
            native=str(entry.get("native", code)),
            babel=entry["babel"],
            bcp47=str(entry.get("bcp47", code)),
            catalog=entry.get("catalog"),
            domain=entry.get("domain", "messages"),
            detect=entry.get("detect"),
            easy_read=bool(entry.get("easy_read", False)),
            names=tuple(str(n).lower() for n in entry.get("names") or ()),
            script=str(entry.get("script", "Latn")),
        )
    if DEFAULT_LANGUAGE not in languages:
        raise ValueError(f"{path.name}: '{DEFAULT_LANGUAGE}' must be listed")
    return languages


@lru_cache(maxsize=1)
def languages() -> Dict[str, Language]:
    return load_languages()


def language(code: str | None) -> Language:
    """The language for a code, English for anything unknown."""
    table = languages()
    return table.get(code or DEFAULT_LANGUAGE) or table[DEFAULT_LANGUAGE]


@cache
def translator(code: str) -> gettext.NullTranslations:
    """The compiled catalog for a language (English source text when there is none)."""
    lang = language(code)
    if not lang.catalog:
        return gettext.NullTranslations()
    return Translations.load(str(TRANSLATIONS_DIR), [lang.catalog], domain=lang.domain)


def translate(context: str, english: str, code: str) -> str:
    return translator(code).pgettext(context, english)
