"""The router's handover rules, offline: real storage and content, Rasa replaced by a
recorder that answers with a chosen topic (the real Rasa is in tests/console and tests/web)."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import pytest

from advice.rendering import render_topic
from bot.hub import Hub
from bot.opening_hours import OpeningHours
from bot.queue import NEEDS_NUMBER, URGENT, WAITING
from bot.router import Router
from bot.storage import Storage


class RecordingRasa:
    """Answers every message with one topic's first message, and records what it was asked."""

    def __init__(self) -> None:
        self.topic = "greet"
        self.asked: List[str] = []

    async def send(self, conversation_id: str, text: str, metadata: Dict[str, Any]) -> List[Dict[str, Any]]:
        self.asked.append(text)
        message = render_topic(self.topic, metadata["language"])
        return [{"text": message["text"]}, {"custom": message["custom"]}]


@pytest.fixture
def world(database_url):
    rasa = RecordingRasa()
    storage = Storage(database_url)
    return rasa, Router(rasa, storage, Hub(), OpeningHours(always=True))


def say(router: Router, text: str, sender: str = "p1", channel: str = "web") -> List[dict]:
    return asyncio.run(router.handle(channel, sender, text)).messages


def topics(messages: List[dict]) -> List[str]:
    return [m["custom"]["topic"] for m in messages]


def test_asking_for_a_person_asks_consent_first(world):
    rasa, router = world
    rasa.topic = "talk_to_person"
    reply = say(router, "can I talk to a human")
    assert topics(reply) == ["handover_consent"]
    assert [b["payload"] for b in reply[0]["buttons"]] == ["/handover_yes", "/handover_no"]
    assert router.queue.open_for("web-p1") is None, "nothing is shared before consent"
    reply = say(router, "/handover_yes")
    assert topics(reply) == ["handover_queued", "handover_waiting_count"]
    assert "People waiting before you: 0" in reply[1]["text"]
    assert router.queue.open_for("web-p1").state == WAITING


def test_no_shares_nothing(world):
    _, router = world
    assert topics(say(router, "/person")) == ["handover_consent"]
    assert topics(say(router, "/handover_no")) == ["handover_declined"]
    assert router.queue.open_for("web-p1") is None


def test_two_misunderstandings_in_a_row_offer_a_person(world):
    rasa, router = world
    rasa.topic = "fallback"
    assert topics(say(router, "blah")) == ["fallback"]
    assert topics(say(router, "blah blah")) == ["fallback", "handover_consent"]


def test_a_disclosure_offers_an_urgent_handover(world):
    rasa, router = world
    rasa.topic = "safeguarding_concern"
    reply = say(router, "my carer hits me")
    assert topics(reply) == ["safeguarding_concern", "handover_consent"]
    assert reply[1]["buttons"][0]["payload"] == "/handover_yes_urgent"
    say(router, "/handover_yes_urgent")
    assert router.queue.open_for("web-p1").urgency == URGENT


def test_while_staff_handle_it_the_assistant_is_silent_but_safety_still_answers(world):
    rasa, router = world
    say(router, "/person")
    say(router, "/handover_yes")
    held = router.queue.open_for("web-p1")
    assert router.queue.claim(held.id, staff_id=1)
    asked = len(rasa.asked)
    assert say(router, "thanks, my dad needs help washing") == []
    reply = say(router, "he said he will kill himself tonight")
    assert topics(reply)[0] == "emergency_crisis" and "999" in reply[0]["text"]
    assert len(rasa.asked) == asked, "Rasa is not asked while staff handle the conversation"
    assert router.queue.open_for("web-p1").urgency == URGENT


def test_out_of_hours_takes_a_call_back_number(world):
    rasa, _ = world
    router = Router(rasa, world[1].storage, Hub(), OpeningHours(always=False))
    say(router, "/person", sender="night")
    reply = say(router, "/handover_yes", sender="night")
    assert topics(reply) == ["handover_closed"] and "0345 678 9040" in reply[0]["text"]
    assert router.queue.open_for("web-night").state == NEEDS_NUMBER
    assert router.queue.open_items() == [], "not in the staff queue until there is a number"
    assert topics(say(router, "0770 09", sender="night")) == ["handover_number_unclear"]
    assert topics(say(router, "+44 7700 900123", sender="night")) == ["handover_call_back"]
    item = router.queue.open_for("web-night")
    assert (item.state, item.callback_number, item.kind) == (WAITING, "07700900123", "call_back")
    assert [i.id for i in router.queue.call_backs()] == [item.id]


def test_a_needs_assessment_request_starts_from_what_matters_and_ends_in_the_queue(world):
    rasa, router = world
    rasa.topic = "needs_assessment"
    answer = say(router, "how do I get a needs assessment", channel="rest")
    assert answer[0]["buttons"][0]["payload"] == "/form needs_assessment"
    first = say(router, "/form needs_assessment", channel="rest")
    assert "what matters most to you" in first[1]["text"]
    say(router, "Getting out to see my friends again", channel="rest")
    assert [b["title"] for b in say(router, "/form_choice for_me", channel="rest")[0]["buttons"]] == ["Stop"]
    say(router, "Oswestry", channel="rest")
    assert "does not look like a UK phone number" in say(router, "07", channel="rest")[0]["text"]
    consent = say(router, "07700 900123", channel="rest")
    assert [b["payload"] for b in consent[0]["buttons"]] == ["/form_send", "/form_stop"]
    assert router.queue.open_items() == [], "nothing is sent before the person says yes"
    sent = say(router, "/form_send", channel="rest")
    assert "gone to First Point of Contact" in sent[0]["text"] and "0345 678 9044" in sent[0]["text"]
    item = router.queue.open_items()[0]
    assert (item.kind, item.channel, item.callback_number) == ("needs_assessment", "rest", "07700900123")
    assert item.answers == {
        "what_matters": "Getting out to see my friends again", "for_whom": "for_me", "where": "Oswestry",
        "phone": "07700900123",
    }


def test_a_form_can_be_stopped_and_safety_comes_first_inside_it(world):
    _, router = world
    say(router, "/form carers_register")
    reply = say(router, "he hits me when I try to leave")
    assert topics(reply)[0] == "safeguarding_concern" and "999" in reply[0]["text"]
    assert "What name should the team use" in reply[1]["text"], "the form waits; it is not lost"
    assert "Nothing was sent" in say(router, "/form_stop")[0]["text"]
    assert router.forms.progress("web-p1") is None and router.queue.open_items() == []


def test_a_channel_staff_cannot_reply_on_offers_a_call_back(world):
    _, router = world
    assert topics(say(router, "/person", channel="rest")) == ["handover_consent"]
    reply = say(router, "/handover_yes", channel="rest")
    assert topics(reply) == ["handover_phone_offer"] and "cannot reply in this chat" in reply[0]["text"]
    assert topics(say(router, "07700 900789", channel="rest")) == ["handover_call_back"]
    assert router.queue.open_for("rest-p1").callback_number == "07700900789"


def test_someone_still_waiting_when_the_team_stops_is_offered_a_call_back(world):
    rasa, router = world
    say(router, "/person", sender="late")
    say(router, "/handover_yes", sender="late")
    router.hours = OpeningHours(always=False)  # five o'clock comes
    rasa.topic = "carers_assessment"
    reply = say(router, "what is a carers assessment", sender="late")
    assert topics(reply) == ["carers_assessment", "handover_closed"], "the answer, then the honest news"
    assert router.queue.open_for("web-late").state == NEEDS_NUMBER
    assert topics(say(router, "07700 900321", sender="late")) == ["handover_call_back"]
