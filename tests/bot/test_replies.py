from bot.replies import assemble

META = {"topic": "needs_assessment", "language": "en", "source": ["CA2014"]}


def test_text_parts_take_the_metadata_that_follows_them():
    raw = [
        {"recipient_id": "r", "text": "part one"},
        {"recipient_id": "r", "text": "part two", "buttons": [{"title": "x", "payload": "/x"}]},
        {"recipient_id": "r", "custom": META},
        {"recipient_id": "r", "text": "note"},
        {"recipient_id": "r", "custom": {**META, "topic": "area_note"}},
    ]
    reply = assemble(raw, "en")
    assert [m["text"] for m in reply] == ["part one", "part two", "note"]
    assert [m["custom"]["topic"] for m in reply] == ["needs_assessment", "needs_assessment", "area_note"]
    assert reply[1]["buttons"]


def test_a_message_without_metadata_is_labelled_not_dropped():
    reply = assemble([{"recipient_id": "r", "text": "hello"}], "en")
    assert reply[0]["text"] == "hello"
    assert reply[0]["custom"]["topic"] == "unlabelled"
