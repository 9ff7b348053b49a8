from advice.rendering import detail_payload, fill, render_detail, render_topic


def test_money_and_dates_are_formatted_by_babel():
    assert fill("{carers_allowance_weekly}") == "£83.30"
    assert fill("{upper_capital_limit}") == "£23,250"
    assert fill("{carers_allowance_effective}") == "7 April 2025"


def test_topic_message_has_metadata_and_buttons():
    message = render_topic("needs_assessment")
    assert message["custom"]["topic"] == "needs_assessment"
    assert message["custom"]["language"] == "en"
    assert message["custom"]["source"] and message["custom"]["last_checked"]
    assert 0 < len(message["buttons"]) <= 4
    assert "{" not in message["text"]


def test_detail_payload_round_trip():
    topic = "needs_assessment"
    first = render_topic(topic)["buttons"][0]
    assert first["payload"].startswith('/more{"detail":"needs_assessment.')
    detail_id = first["payload"].split(".")[1].rstrip('"}')
    assert render_detail(topic, detail_id)["custom"]["topic"] == topic
    assert detail_payload("a", "b") == '/more{"detail":"a.b"}'


def test_unknown_detail_is_none():
    assert render_detail("needs_assessment", "nope") is None
    assert render_detail("nope", "nope") is None
