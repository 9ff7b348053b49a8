"""Every language end to end: the answer comes back in the language it was asked in."""

from __future__ import annotations

import uuid

import pytest

from advice.rendering import render_topic

QUESTIONS = {
    "pl": "Jak mogę poprosić o ocenę potrzeb opiekuńczych dla mojej mamy?",
    "ro": "Cum pot cere o evaluare a nevoilor de îngrijire pentru mama mea?",
    "bg": "Как мога да поискам оценка на нуждите от грижи за майка ми?",
    "uk": "Як мені попросити оцінку потреб у догляді для моєї мами?",
    "ar": "كيف أطلب تقييم احتياجات الرعاية لوالدتي؟",
    "cy": "Sut ydw i'n gofyn am asesiad o anghenion gofal i fy mam?",
}
DISCLOSURES = {
    "en": "my son takes my pension and won't let me see anyone",
    "pl": "syn zabiera mi emeryturę i nie pozwala mi się z nikim widywać",
    "ro": "fiul meu îmi ia pensia și nu mă lasă să văd pe nimeni",
    "bg": "синът ми ми взима пенсията и не ме пуска да виждам никого",
    "uk": "син забирає мою пенсію і не дозволяє мені ні з ким бачитися",
    "ar": "ابني يأخذ راتبي التقاعدي ولا يسمح لي أن أرى أحدا",
    "cy": "mae fy mab yn cymryd fy mhensiwn a dydy o ddim yn gadael i mi weld neb",
}


def sender() -> str:
    return "lang-" + uuid.uuid4().hex


@pytest.mark.parametrize("code", QUESTIONS)
def test_a_question_is_answered_in_its_language(assistant, code):
    first = assistant.say(sender(), QUESTIONS[code])[0]
    assert first["custom"]["language"] == code
    assert first["custom"]["topic"] == "needs_assessment"
    assert first["text"] == render_topic("needs_assessment", code)["text"]
    assert "0345 678 9044" in first["text"]
    assert first["custom"]["direction"] == ("rtl" if code == "ar" else "ltr")


@pytest.mark.parametrize("code", DISCLOSURES)
def test_safety_answer_in_every_language(assistant, code):
    first = assistant.say(sender(), DISCLOSURES[code])[0]
    assert first["custom"]["topic"] == "safeguarding_concern"
    assert first["custom"]["language"] == code
    assert "999" in first["text"] and "0345 678 9040" in first["text"]


def test_explicit_choice_wins_and_keeps_the_place(assistant):
    person = sender()
    asked = assistant.say(person, "I want a needs assessment for my dad, we're in TF9")
    assert asked[0]["custom"]["topic"] == "check_council_area"
    changed = assistant.say(person, "Cymraeg")[0]
    assert (changed["custom"]["topic"], changed["custom"]["language"]) == ("language_changed", "cy")
    resumed = assistant.say(person, "Market Drayton")[0]
    assert (resumed["custom"]["topic"], resumed["custom"]["language"]) == ("needs_assessment", "cy")
    english = assistant.say(person, "How do I ask for a care needs assessment?")[0]
    assert english["custom"]["language"] == "cy", "an explicit choice is not overridden by detection"


def test_short_messages_do_not_flip_the_language(assistant):
    person = sender()
    assert assistant.say(person, QUESTIONS["pl"])[0]["custom"]["language"] == "pl"
    for text in ("ok", "tak", "SY3 8HQ"):
        assert assistant.say(person, text)[0]["custom"]["language"] == "pl"


def test_language_menu_and_command(assistant):
    person = sender()
    menu = assistant.say(person, "can we talk in another language please")[0]
    assert menu["custom"]["topic"] == "change_language"
    payloads = [b["payload"] for b in menu["buttons"]]
    assert "/language ar" in payloads and "/language en-easy" in payloads
    chosen = assistant.say(person, "/language ar")[0]
    assert (chosen["custom"]["language"], chosen["custom"]["direction"]) == ("ar", "rtl")


def test_easy_read(assistant):
    person = sender()
    assistant.say(person, "easy read")
    first = assistant.say(person, "How do I ask for a care needs assessment?")[0]
    assert first["custom"]["language"] == "en" and first["custom"]["easy_read"] is True
    assert first["text"] == render_topic("needs_assessment", "en-easy")["text"]
    assert first["text"] != render_topic("needs_assessment", "en")["text"]


def test_language_survives_a_gateway_restart(assistant):
    person = sender()
    assistant.say(person, "Українська")
    assistant.restart_gateway()
    first = assistant.say(person, "How do I ask for a care needs assessment?")[0]
    assert first["custom"]["language"] == "uk"
