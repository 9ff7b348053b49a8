"""Turns a topic's content into the channel-neutral messages the assistant sends.

A message is a dict: {"text", "buttons"?, "custom": {"topic", "language", "source",
"last_checked"}}. Channel adapters decide how buttons look (numbered on SMS, keyboards
on Telegram); nothing here knows about channels.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Mapping

from babel.dates import format_date
from babel.numbers import format_currency

from advice.content import Content, Topic, default_content

DEFAULT_LANGUAGE = "en"
BABEL_LOCALES = {"en": "en_GB"}
MAX_BUTTONS = 4
MORE_INTENT = "more"

Message = Dict[str, Any]


def babel_locale(language: str) -> str:
    """The Babel locale used to format numbers and dates for a conversation language."""
    return BABEL_LOCALES.get(language, language)


def format_value(entry: Mapping[str, Any], language: str) -> str:
    """Formats one contacts.yml entry for a person: money and dates follow the locale."""
    locale = babel_locale(language)
    kind = entry["kind"]
    if kind == "money":
        amount = Decimal(str(entry["amount"]))
        if amount == amount.to_integral_value():
            # Whole pounds read more easily without ".00" (£23,250, not £23,250.00).
            return format_currency(amount, entry["currency"], format="¤#,##0", locale=locale, currency_digits=False)
        return format_currency(amount, entry["currency"], locale=locale)
    if kind == "dates":
        value = entry["value"]
        date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        return format_date(date, format="long", locale=locale)
    return str(entry["value"])


def fill(text: str, language: str = DEFAULT_LANGUAGE, content: Content | None = None) -> str:
    """Replaces {placeholders} with values from contacts.yml, formatted for the language."""
    content = content or default_content()
    values = {name: format_value(entry, language) for name, entry in content.values.items()}
    return text.format_map(values)


def detail_payload(topic_id: str, detail_id: str) -> str:
    """The button payload that opens one follow-up detail (Rasa's /intent{entities} form)."""
    return "/" + MORE_INTENT + json.dumps({"detail": f"{topic_id}.{detail_id}"}, separators=(",", ":"))


def topic_payload(topic_id: str) -> str:
    return f"/{topic_id}"


def _metadata(topic_id: str, language: str, sources: Iterable[str], checked: dt.date) -> Dict[str, Any]:
    return {
        "topic": topic_id,
        "language": language,
        "source": list(dict.fromkeys(sources)),
        "last_checked": checked.isoformat(),
    }


def buttons_for(topic: Topic, content: Content, skip_detail: str | None = None) -> List[Dict[str, str]]:
    """Follow-up options: the topic's details first, then related topics."""
    buttons = [
        {"title": detail.label, "payload": detail_payload(topic.id, detail.id)}
        for detail in topic.details
        if detail.id != skip_detail
    ]
    buttons += [
        {"title": content.topics[related].label, "payload": topic_payload(related)}
        for related in topic.related
        if related in content.topics
    ]
    return buttons[:MAX_BUTTONS]


def render_topic(
    topic_id: str,
    language: str = DEFAULT_LANGUAGE,
    content: Content | None = None,
    prefix: str = "",
    with_buttons: bool = True,
) -> Message:
    """The first message for a topic: short answer, next step, follow-up buttons.

    `prefix` is an already-filled sentence put before the answer (for example a note
    about which council area the answer is for).
    """
    content = content or default_content()
    topic = content.topic(topic_id)
    text = fill(topic.text, language, content)
    message: Message = {
        "text": f"{prefix} {text}".strip() if prefix else text,
        "custom": _metadata(topic.id, language, topic.sources, topic.last_checked),
    }
    buttons = buttons_for(topic, content) if with_buttons else []
    if buttons:
        message["buttons"] = buttons
    return message


def render_detail(
    topic_id: str,
    detail_id: str,
    language: str = DEFAULT_LANGUAGE,
    content: Content | None = None,
) -> Message | None:
    """One follow-up detail of a topic, or None when that detail does not exist."""
    content = content or default_content()
    topic = content.topics.get(topic_id)
    detail = topic.detail(detail_id) if topic else None
    if topic is None or detail is None:
        return None
    message: Message = {
        "text": fill(detail.text, language, content),
        "custom": _metadata(topic.id, language, detail.sources or topic.sources, topic.last_checked),
    }
    buttons = buttons_for(topic, content, skip_detail=detail_id)
    if buttons:
        message["buttons"] = buttons
    return message
