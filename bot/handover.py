"""Handing a conversation over to First Point of Contact staff: consent, then the queue.

The gateway, not Rasa, owns this: Rasa recognises that someone wants a person (topic
`talk_to_person`, in any language); on a channel that can carry a staff reply, the
router then asks consent here before anything is shared. The answers to that question
are button payloads the router takes before Rasa sees them.
"""

from __future__ import annotations

from typing import List

from advice.interface import texts
from advice.rendering import Message, render_topic

ASK_TOPIC = "talk_to_person"
YES, NO = "/handover_yes", "/handover_no"
URGENT, NORMAL = 0, 1
# Channels where staff replies reach the person (the others get the phone numbers).
LIVE_CHANNELS = {"web"}


def wants_person(messages: List[Message]) -> bool:
    return any((m.get("custom") or {}).get("topic") == ASK_TOPIC for m in messages)


def consent_question(code: str) -> Message:
    """Who will read the conversation, and a yes/no before it is shared."""
    message = render_topic("handover_consent", code, with_buttons=False)
    words = texts("handover", code)
    message["buttons"] = [
        {"title": words["consent_yes"], "payload": YES},
        {"title": words["consent_no"], "payload": NO},
    ]
    return message


def queued(code: str) -> Message:
    return render_topic("handover_queued", code, with_buttons=False)


def declined(code: str) -> Message:
    return render_topic("handover_declined", code, with_buttons=False)
