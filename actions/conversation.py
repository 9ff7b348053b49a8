"""Reading the conversation state that every action needs, in one place."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from advice.rendering import DEFAULT_LANGUAGE, Message

LANGUAGE_SLOT = "language"


def language_of(tracker: Tracker) -> str:
    """The conversation language: the gateway's metadata, else the stored slot, else English."""
    metadata = tracker.latest_message.get("metadata") or {}
    return metadata.get("language") or tracker.get_slot(LANGUAGE_SLOT) or DEFAULT_LANGUAGE


def intent_of(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def user_text(tracker: Tracker) -> str:
    """What the person typed; empty for button payloads such as '/needs_assessment'."""
    text = tracker.latest_message.get("text") or ""
    return "" if text.startswith("/") else text


def entity_value(tracker: Tracker, name: str) -> str | None:
    value = next(tracker.get_latest_entity_values(name), None)
    return str(value) if value is not None else None


def send(dispatcher: CollectingDispatcher, messages: List[Message]) -> None:
    """Sends rendered messages; the metadata travels as the message's custom payload."""
    for message in messages:
        extra: Dict[str, Any] = {"buttons": message["buttons"]} if message.get("buttons") else {}
        dispatcher.utter_message(text=message["text"], json_message=message["custom"], **extra)
