import pytest

from bot.language import DEFAULT, DETECTED, EXPLICIT, HINT, choose, explicit_choice
from bot.storage import StoredLanguage


@pytest.mark.parametrize(
    "text, code",
    [
        ("Polski", "pl"),
        ("/language ar", "ar"),
        ("Cymraeg", "cy"),
        ("easy read", "en-easy"),
        ("  українська! ", "uk"),
        ("English", "en"),
        ("uk", None),
        ("tak", None),
        ("how do I get help", None),
    ],
)
def test_explicit_choice(text, code):
    assert explicit_choice(text) == code


def test_choice_wins_over_detection_and_is_kept():
    stored = StoredLanguage("pl", EXPLICIT)
    choice = choose(stored, "How do I ask for a care needs assessment for my mother?", hint="en")
    assert (choice.code, choice.changed) == ("pl", False)


@pytest.mark.parametrize("text", ["ok", "tak", "SY3 8HQ", "da", "dzięki"])
def test_short_messages_do_not_flip_the_language(text):
    assert choose(StoredLanguage("ro", DETECTED), text).code == "ro"
    assert choose(StoredLanguage("en", DEFAULT), text).code == "en"


def test_hint_sets_the_first_language():
    choice = choose(None, "ok", hint="uk")
    assert (choice.code, choice.source) == ("uk", HINT)


def test_clear_message_in_another_language_replaces_a_hint():
    choice = choose(StoredLanguage("en", HINT), "Jak mogę dostać ocenę potrzeb dla mojej mamy?")
    assert (choice.code, choice.source, choice.changed) == ("pl", DETECTED, True)


def test_unknown_hint_falls_back_to_english():
    assert choose(None, "hi", hint="xx").code == "en"
