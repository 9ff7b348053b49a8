"""The words of the channels' own screens, in a person's language (data/content/interface.yml)."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Dict, List

import yaml

from advice.content import PROJECT_ROOT, default_content
from advice.i18n import translate
from advice.i18n_extract import interface_context
from advice.rendering import Message, format_value, reply_metadata

INTERFACE_FILE = PROJECT_ROOT / "data" / "content" / "interface.yml"


@lru_cache(maxsize=1)
def english() -> Dict[str, Dict[str, str]]:
    data = yaml.safe_load(INTERFACE_FILE.read_text(encoding="utf-8")) or {}
    return {group: {name: str(text).strip() for name, text in names.items()} for group, names in data.items()}


class _Keep(dict):
    """Leaves a placeholder the contacts do not fill (such as {max_chars}) for the caller."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@cache
def _translated(group: str, code: str) -> Dict[str, str]:
    # Catalogs and contacts are fixed for the life of the process, and these are asked
    # for on every form step and page, so each (screen, language) is worked out once.
    values = _Keep({name: format_value(name, entry, code) for name, entry in default_content().values.items()})
    return {
        name: translate(interface_context(group, name), text, code).format_map(values)
        for name, text in english()[group].items()
    }


def texts(group: str, code: str) -> Dict[str, str]:
    """Every text of one screen, translated and with contact numbers filled in (a copy: callers may change it)."""
    return dict(_translated(group, code))


def message(text: str, topic: str, code: str, buttons: List[Dict[str, str]] | None = None) -> Message:
    """A message made of screen words (a handover notice, a form question), with reply metadata.

    These words are checked with the handover answers, so they share that answer's date."""
    checked = default_content().topic("handover_queued").last_checked
    made: Message = {"text": text, "custom": reply_metadata(topic, code, [], checked)}
    if buttons:
        made["buttons"] = buttons
    return made
