"""The assistant end to end: real Rasa server and gateway, real HTTP."""

from __future__ import annotations

import re
import uuid

import pytest

from advice.content import default_content
from advice.rendering import fill

FPOC = "0345 678 9044"
EWST = "0345 678 9040"


def sender() -> str:
    return "test-" + uuid.uuid4().hex


def known_numbers() -> set[str]:
    content = default_content()
    return {fill("{" + name + "}") for name, entry in content.values.items() if entry["kind"] == "phones"}


def test_needs_assessment_question_gets_the_fpoc_answer(assistant):
    reply = assistant.say(sender(), "How do I ask for a care needs assessment?")
    first = reply[0]
    assert first["custom"]["topic"] == "needs_assessment"
    assert first["custom"]["language"] == "en"
    assert first["custom"]["source"], "an answer must name its sources"
    assert FPOC in first["text"]
    assert len(first["text"]) <= 500
    assert first.get("buttons"), "follow-up options for the detail"


def test_every_message_carries_reply_metadata(assistant):
    for text in ("hello", "what is a direct payment", "asdfgh qwerty", "thanks bye"):
        for message in assistant.say(sender(), text):
            assert {"topic", "language", "source"} <= set(message["custom"]), message


SAFEGUARDING = "my son takes my pension and won't let me see anyone"


def test_safeguarding_disclosure_gets_the_safety_answer(assistant):
    first = assistant.say(sender(), SAFEGUARDING)[0]
    assert first["custom"]["topic"] == "safeguarding_concern"
    assert EWST in first["text"] and "999" in first["text"]


def test_safety_answer_interrupts_a_clarifying_question_and_the_question_survives(assistant):
    person = sender()
    asked = assistant.say(person, "I want a needs assessment for my dad, we're in TF9")
    assert asked[0]["custom"]["topic"] == "check_council_area", "a split district gets a question"
    safety = assistant.say(person, SAFEGUARDING)[0]
    assert safety["custom"]["topic"] == "safeguarding_concern"
    assert EWST in safety["text"] and "999" in safety["text"]
    resumed = assistant.say(person, "Market Drayton")[0]
    assert resumed["custom"]["topic"] == "needs_assessment"
    assert FPOC in resumed["text"]


def test_safety_answer_after_a_follow_up_button(assistant):
    person = sender()
    first = assistant.say(person, "what is a direct payment")[0]
    assistant.say(person, first["buttons"][0]["payload"])
    assert assistant.say(person, SAFEGUARDING)[0]["custom"]["topic"] == "safeguarding_concern"


def test_emergency_disclosure(assistant):
    first = assistant.say(sender(), "I don't want to be alive anymore")[0]
    assert first["custom"]["topic"] == "emergency_crisis"
    assert "999" in first["text"] and "116 123" in first["text"]


def test_passport_is_out_of_scope_with_no_invented_answer(assistant):
    reply = assistant.say(sender(), "How do I renew my passport?")
    assert reply[0]["custom"]["topic"] == "out_of_scope"
    numbers = {n for m in reply for n in re.findall(r"\d[\d ]{1,12}\d|\d", m["text"])}
    assert numbers <= known_numbers(), f"numbers not from contacts.yml: {numbers - known_numbers()}"


def test_someone_in_telford_is_sent_to_their_own_council(assistant):
    first = assistant.say(sender(), "I live in Telford, how do I get a care assessment?")[0]
    assert first["custom"]["topic"] == "outside_shropshire"
    assert "Telford & Wrekin" in first["text"]


def test_a_town_in_the_area_is_confirmed(assistant):
    assert assistant.say(sender(), "I live in Ludlow")[0]["custom"]["topic"] == "check_council_area"


def test_children_go_to_childrens_services(assistant):
    reply = assistant.say(sender(), "I'm worried about a child at my son's school, who do I tell")
    assert reply[0]["custom"]["topic"] == "childrens_services"


def test_not_understood_twice_offers_a_person(assistant):
    person = sender()
    first = assistant.say(person, "blorp zzzkt fnarr")[0]
    assert first["custom"]["topic"] == "fallback"
    second = assistant.say(person, "qwxz plimf vrrn")[0]
    assert second["custom"]["topic"] == "fallback"
    assert FPOC in second["text"] and "person" in second["text"].lower()


def test_detail_button_opens_the_detail(assistant):
    person = sender()
    first = assistant.say(person, "How do I ask for a care needs assessment?")[0]
    assert first["buttons"][0]["payload"] == "/form needs_assessment", "asking for one is the first option"
    opens_detail = [b["payload"] for b in first["buttons"] if b["payload"].startswith("/more")][0]
    detail = assistant.say(person, opens_detail)[0]
    assert detail["custom"]["topic"] == "needs_assessment"
    assert detail["text"] != first["text"]


def test_tell_me_more_offers_the_last_topics_details(assistant):
    person = sender()
    assistant.say(person, "what is a direct payment")
    more = assistant.say(person, "tell me more")[0]
    assert more["custom"]["topic"] == "direct_payments_overview"
    assert more["buttons"]


@pytest.mark.parametrize(
    "body, raw, expected",
    [
        (None, b"{not json", "JSON object"),
        ({"sender": "x"}, None, "'message'"),
        ({"sender": "x", "message": "   "}, None, "'message'"),
        ({"message": "hello"}, None, "'sender'"),
        ({"sender": "x", "message": "hi", "metadata": "no"}, None, "'metadata'"),
        ({"sender": "x", "message": "a" * 5000}, None, "limit is 2000"),
    ],
)
def test_bad_input_gets_a_clear_message(assistant, body, raw, expected):
    status, reply = assistant.post(body, raw)
    assert status == 400
    assert expected in reply["error"]
