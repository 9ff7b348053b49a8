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

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency

from advice.content import Content, Topic, default_content
from advice.i18n import DEFAULT_LANGUAGE, language, translate
from advice.i18n_extract import message_context, phrase_context

MAX_BUTTONS = 4
MORE_INTENT = "more"

Message = Dict[str, Any]


def _whole_pounds_pattern(locale: str) -> str:
    """The locale's own currency pattern without decimals (£23,250; 23 250 £ in Polish)."""
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    return pattern.split(";")[0].replace(".00", "")


def format_value(name: str, entry: Mapping[str, Any], code: str) -> str:
    """Formats one contacts.yml entry for a person: money and dates follow the locale."""
    locale = language(code).babel
    kind = entry["kind"]
    if kind == "phrases":
        return translate(phrase_context(name), str(entry["value"]), code)
    if kind == "money":
        amount = Decimal(str(entry["amount"]))
        if amount == amount.to_integral_value():
            return format_currency(
                amount, entry["currency"], format=_whole_pounds_pattern(locale), locale=locale, currency_digits=False
            )
        return format_currency(amount, entry["currency"], locale=locale)
    if kind == "dates":
        value = entry["value"]
        date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        return format_date(date, format="long", locale=locale)
    return str(entry["value"])


def fill(text: str, code: str = DEFAULT_LANGUAGE, content: Content | None = None) -> str:
    """Replaces {placeholders} with values from contacts.yml, formatted for the language."""
    content = content or default_content()
    values = {name: format_value(name, entry, code) for name, entry in content.values.items()}
    return text.format_map(values)


def localise(topic_id: str, field: str, english: str, code: str, detail_id: str | None = None) -> str:
    """A content string in the conversation language (English when not translated)."""
    return translate(message_context(topic_id, field, detail_id), english, code)


def detail_payload(topic_id: str, detail_id: str) -> str:
    """The button payload that opens one follow-up detail (Rasa's /intent{entities} form)."""
    return "/" + MORE_INTENT + json.dumps({"detail": f"{topic_id}.{detail_id}"}, separators=(",", ":"))


def topic_payload(topic_id: str) -> str:
    return f"/{topic_id}"


def reply_metadata(topic_id: str, code: str, sources: Iterable[str], checked: dt.date) -> Dict[str, Any]:
    """The machine-readable record on every bot message (topics.md, "Reply metadata")."""
    lang = language(code)
    metadata: Dict[str, Any] = {
        "topic": topic_id,
        "language": lang.bcp47,
        "source": list(dict.fromkeys(sources)),
        "last_checked": checked.isoformat(),
        "direction": lang.direction,
    }
    if lang.easy_read:
        metadata["easy_read"] = True
    return metadata


def buttons_for(
    topic: Topic, content: Content, code: str = DEFAULT_LANGUAGE, skip_detail: str | None = None
) -> List[Dict[str, str]]:
    """Follow-up options: the topic's details first, then related topics."""
    buttons = [
        {
            "title": localise(topic.id, "label", detail.label, code, detail.id),
            "payload": detail_payload(topic.id, detail.id),
        }
        for detail in topic.details
        if detail.id != skip_detail
    ]
    buttons += [
        {"title": localise(related, "label", content.topics[related].label, code), "payload": topic_payload(related)}
        for related in topic.related
        if related in content.topics
    ]
    return buttons[:MAX_BUTTONS]


def render_topic(
    topic_id: str,
    code: str = DEFAULT_LANGUAGE,
    content: Content | None = None,
    with_buttons: bool = True,
) -> Message:
    """The first message for a topic, in the conversation language: answer, next step, follow-up buttons."""
    content = content or default_content()
    topic = content.topic(topic_id)
    message: Message = {
        "text": fill(localise(topic.id, "text", topic.text, code), code, content),
        "custom": reply_metadata(topic.id, code, topic.sources, topic.last_checked),
    }
    buttons = buttons_for(topic, content, code) if with_buttons else []
    if buttons:
        message["buttons"] = buttons
    return message


def render_detail(
    topic_id: str,
    detail_id: str,
    code: str = DEFAULT_LANGUAGE,
    content: Content | None = None,
) -> Message | None:
    """One follow-up detail of a topic, or None when that detail does not exist."""
    content = content or default_content()
    topic = content.topics.get(topic_id)
    detail = topic.detail(detail_id) if topic else None
    if topic is None or detail is None:
        return None
    message: Message = {
        "text": fill(localise(topic.id, "text", detail.text, code, detail.id), code, content),
        "custom": reply_metadata(topic.id, code, detail.sources or topic.sources, topic.last_checked),
    }
    buttons = buttons_for(topic, content, code, skip_detail=detail_id)
    if buttons:
        message["buttons"] = buttons
    return message
