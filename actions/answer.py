"""The main action: answer the topic the person asked about, from the content files.

Council-specific answers depend on where the person lives, so this action also reads
places out of the message: outside the area gets the outside_shropshire answer; a
postcode district or name that spans councils gets a clarifying question, and the
topic waits in `pending_topic` until the person says where they live.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import entity_value, intent_of, language_of, send, user_text
from advice import places
from advice.content import Content, default_content
from advice.i18n import languages
from advice.rendering import Message, render_detail, render_topic
from advice.safety import SAFETY_INTENTS

LANGUAGE_INTENT = "change_language"
LOCATION_INTENT = "inform_location"
MORE_INTENT = "more"
FALLBACK_TOPIC = "fallback"


class ActionAnswer(Action):
    def name(self) -> str:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        reply = plan_reply(tracker, default_content())
        send(dispatcher, reply.messages)
        return reply.events


class Reply:
    """Messages to send and slot changes to make."""

    def __init__(self, messages: List[Message], **slots: Any) -> None:
        self.messages = messages
        self.events: List[EventType] = [SlotSet(name, value) for name, value in slots.items()]


def plan_reply(tracker: Tracker, content: Content) -> Reply:
    """Decides what to say; kept free of I/O so it is easy to test."""
    intent = intent_of(tracker) or FALLBACK_TOPIC
    language = language_of(tracker)
    if intent in SAFETY_INTENTS:
        # Safety answers never wait on anything else, and keep any pending question.
        return Reply([render_topic(intent, language, content)], last_topic=intent, fallback_count=0)
    if intent == MORE_INTENT:
        return _more(tracker, content, language)
    if intent == LANGUAGE_INTENT:
        return Reply([language_menu(language, content)], last_topic=intent, fallback_count=0)
    place = places.resolve(user_text(tracker))
    pending = tracker.get_slot("pending_topic")
    if intent == LOCATION_INTENT or (pending and place.status != places.UNKNOWN):
        return _location(place, pending, content, language)
    if intent not in content.topics:
        return Reply([render_topic(FALLBACK_TOPIC, language, content)])
    return _answer(intent, place, tracker, content, language)


def language_menu(code: str, content: Content) -> Message:
    """The change_language answer with one button per language, each in its own name.

    The gateway acts on "/language <code>" itself, so the person's place is kept."""
    message = render_topic(LANGUAGE_INTENT, code, content, with_buttons=False)
    message["buttons"] = [{"title": lang.native, "payload": f"/language {key}"} for key, lang in languages().items()]
    return message


def _answer(topic_id: str, place: places.PlaceAnswer, tracker: Tracker, content: Content, language: str) -> Reply:
    topic = content.topic(topic_id)
    known_area = tracker.get_slot("council_area")
    if topic.area != "shropshire":
        return Reply(
            [render_topic(topic_id, language, content)], last_topic=topic_id, pending_topic=None, fallback_count=0
        )
    status = place.status if place.status != places.UNKNOWN else known_area
    if status == places.OUTSIDE:
        return Reply(
            [render_topic("outside_shropshire", language, content)],
            last_topic="outside_shropshire",
            council_area=places.OUTSIDE,
            pending_topic=topic_id,
            fallback_count=0,
        )
    if status == places.UNCLEAR:
        return _ask_where(topic_id, content, language)
    messages = [render_topic(topic_id, language, content)]
    slots: Dict[str, Any] = {"last_topic": topic_id, "pending_topic": None, "fallback_count": 0}
    if status == places.INSIDE:
        slots["council_area"] = places.INSIDE
    elif not tracker.get_slot("area_note_given"):
        # Once a conversation: say who this advice is for and invite a correction.
        messages.append(render_topic("area_note", language, content, with_buttons=False))
        slots["area_note_given"] = True
    return Reply(messages, **slots)


def _ask_where(topic_id: str | None, content: Content, language: str) -> Reply:
    question = render_detail("check_council_area", "split", language, content)
    return Reply([question], pending_topic=topic_id, fallback_count=0)


def _location(place: places.PlaceAnswer, pending: str | None, content: Content, language: str) -> Reply:
    if place.status == places.UNKNOWN:
        return Reply([render_topic("location_unknown", language, content)], fallback_count=0)
    if place.status == places.UNCLEAR:
        return _ask_where(pending, content, language)
    if place.status == places.OUTSIDE:
        return Reply(
            [render_topic("outside_shropshire", language, content)],
            council_area=places.OUTSIDE,
            last_topic="outside_shropshire",
            fallback_count=0,
        )
    if pending and pending in content.topics:
        return Reply(
            [render_topic(pending, language, content)],
            council_area=places.INSIDE,
            last_topic=pending,
            pending_topic=None,
            fallback_count=0,
        )
    return Reply(
        [render_topic("check_council_area", language, content)],
        council_area=places.INSIDE,
        last_topic="check_council_area",
        fallback_count=0,
    )


def _more(tracker: Tracker, content: Content, language: str) -> Reply:
    """A detail button, or "tell me more" about the last topic."""
    requested = entity_value(tracker, "detail") or ""
    topic_id, _, detail_id = requested.partition(".")
    detail = render_detail(topic_id, detail_id, language, content) if detail_id else None
    if detail:
        return Reply([detail], last_topic=topic_id, fallback_count=0)
    last = tracker.get_slot("last_topic")
    if last in content.topics and content.topics[last].details:
        options = render_topic(last, language, content)
        message = render_topic(MORE_INTENT, language, content, with_buttons=False)
        message["buttons"] = options.get("buttons", [])
        message["custom"]["topic"] = last
        return Reply([message], fallback_count=0)
    return Reply([render_topic("menu", language, content)], last_topic="menu", fallback_count=0)
