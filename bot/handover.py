"""Handing a conversation over to First Point of Contact staff: what is said, and when.

The gateway, not Rasa, owns this: Rasa recognises that someone wants a person (topic
`talk_to_person`, in any language); on a channel that can carry a staff reply, the
router then asks consent here before anything is shared. The answers to that question
are button payloads the router takes before Rasa sees them. The queue itself is
bot.queue; the rules for when to offer a person are in bot.router.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Set

from advice import interface
from advice.interface import texts
from advice.rendering import Message, render_topic, reply_metadata
from advice.safety import SAFETY_INTENTS

ASK_TOPIC = "talk_to_person"
FALLBACK_TOPIC = "fallback"
SAFETY_TOPICS = set(SAFETY_INTENTS)
YES, YES_URGENT, NO = "/handover_yes", "/handover_yes_urgent", "/handover_no"
CONSENT_PAYLOADS = (YES, YES_URGENT, NO)
ASK_COMMANDS = ("/person", "/talk_to_person")
# Channels where staff replies reach the person (the others are offered a call-back).
LIVE_CHANNELS = {"web"}
# The hub key the console listens on for "the queue changed".
CONSOLE_FEED = "console:queue"


def topics_of(messages: Iterable[Message]) -> Set[str]:
    return {(m.get("custom") or {}).get("topic") for m in messages} - {None}


def consent_question(code: str, urgent: bool = False) -> Message:
    """Who will read the conversation, and a yes/no before it is shared."""
    message = render_topic("handover_consent", code, with_buttons=False)
    words = texts("handover", code)
    message["buttons"] = [
        {"title": words["consent_yes"], "payload": YES_URGENT if urgent else YES},
        {"title": words["consent_no"], "payload": NO},
    ]
    return message


def queued(code: str) -> Message:
    return render_topic("handover_queued", code, with_buttons=False)


def declined(code: str) -> Message:
    return render_topic("handover_declined", code, with_buttons=False)


def notice(name: str, code: str, **values: object) -> Message:
    """A short handover notice (staff joined, handed back...) in the person's language."""
    text = texts("handover", code)[name]
    return interface.message(text.format(**values) if values else text, f"handover_{name}", code)


def closed(code: str) -> Message:
    """Out of hours (or a channel staff cannot reply on): a call-back, or the urgent numbers."""
    return render_topic("handover_closed", code, with_buttons=False)


def phone_offer(code: str) -> Message:
    """On a channel staff cannot reply on: a call-back instead of a wait."""
    return render_topic("handover_phone_offer", code, with_buttons=False)


def call_back_booked(code: str) -> Message:
    return render_topic("handover_call_back", code, with_buttons=False)


def staff_message(text: str, code: str) -> Message:
    """What a staff member wrote, labelled as theirs (no content source: a person wrote it)."""
    return {"text": text, "custom": reply_metadata("staff_reply", code, [], dt.date.today())}
