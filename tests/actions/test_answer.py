"""The answer action offline: no Rasa server, real content."""

from __future__ import annotations

from typing import Any, Dict

from rasa_sdk import Tracker

from actions.answer import plan_reply
from advice.content import default_content


def tracker(intent: str, text: str = "", slots: Dict[str, Any] | None = None, entities=None) -> Tracker:
    latest = {
        "intent": {"name": intent, "confidence": 0.9},
        "text": text or f"/{intent}",
        "entities": entities or [],
        "metadata": {"language": "en", "channel": "rest"},
    }
    return Tracker("t", slots or {}, latest, [], False, None, {}, "action_listen")


def topics(reply):
    return [m["custom"]["topic"] for m in reply.messages]


def slots(reply):
    return {e["name"]: e["value"] for e in reply.events}


def test_council_answer_adds_the_area_note_once():
    first = plan_reply(tracker("needs_assessment", "how do i get an assessment"), default_content())
    assert topics(first) == ["needs_assessment", "area_note"]
    again = plan_reply(tracker("needs_assessment", "assessment", {"area_note_given": True}), default_content())
    assert topics(again) == ["needs_assessment"]


def test_outside_the_area_gets_outside_answer_and_remembers():
    reply = plan_reply(
        tracker("direct_payments_overview", "I live in Wrexham, what are direct payments"), default_content()
    )
    assert topics(reply) == ["outside_shropshire"]
    assert slots(reply)["council_area"] == "outside"


def test_known_outside_area_applies_to_later_council_questions_but_not_national_ones():
    known = {"council_area": "outside"}
    assert topics(plan_reply(tracker("home_care", "home care", known), default_content())) == ["outside_shropshire"]
    assert topics(plan_reply(tracker("carers_allowance", "carers allowance", known), default_content())) == [
        "carers_allowance"
    ]


def test_split_district_asks_then_answers_the_waiting_topic():
    asked = plan_reply(tracker("needs_assessment", "assessment please, I'm in TF9"), default_content())
    assert topics(asked) == ["check_council_area"]
    assert slots(asked)["pending_topic"] == "needs_assessment"
    answered = plan_reply(
        tracker("inform_location", "Market Drayton", {"pending_topic": "needs_assessment"}), default_content()
    )
    assert topics(answered) == ["needs_assessment"]
    assert slots(answered)["pending_topic"] is None


def test_safety_answer_keeps_the_waiting_topic():
    reply = plan_reply(
        tracker("safeguarding_concern", "he takes my money", {"pending_topic": "needs_assessment"}), default_content()
    )
    assert topics(reply) == ["safeguarding_concern"]
    assert "pending_topic" not in slots(reply)


def test_unknown_place_asks_again():
    assert topics(plan_reply(tracker("inform_location", "Narnia"), default_content())) == ["location_unknown"]


def test_detail_entity_opens_that_detail():
    entity = [
        {"entity": "detail", "value": "needs_assessment." + default_content().topic("needs_assessment").details[0].id}
    ]
    reply = plan_reply(tracker("more", "/more", entities=entity), default_content())
    assert topics(reply) == ["needs_assessment"]


def test_more_without_a_topic_shows_the_menu():
    assert topics(plan_reply(tracker("more", "tell me more"), default_content())) == ["menu"]
