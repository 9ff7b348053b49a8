"""What the assistant says when it is not sure: say so, offer topics and a person."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import language_of, send
from advice.content import default_content
from advice.rendering import render_detail, render_topic

# After this many misunderstandings in a row the reply leads with a person.
OFFER_PERSON_AFTER = 2


class ActionFallback(Action):
    """Runs for low-confidence NLU (intent nlu_fallback)."""

    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        count = int(tracker.get_slot("fallback_count") or 0) + 1
        language = language_of(tracker)
        content = default_content()
        if count >= OFFER_PERSON_AFTER:
            message = render_detail("fallback", "second", language, content)
        else:
            message = render_topic("fallback", language, content)
        send(dispatcher, [message])
        return [SlotSet("fallback_count", count)]


class ActionDefaultFallback(ActionFallback):
    """Replaces Rasa's built-in fallback (dialogue uncertainty) with the same honest reply."""

    def name(self) -> str:
        return "action_default_fallback"
