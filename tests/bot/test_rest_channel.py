import pytest

from bot.rest_channel import parse_request
from bot.router import offline_messages


@pytest.mark.parametrize(
    "body, problem",
    [
        ([], "JSON object"),
        ({"sender": "", "message": "hi"}, "'sender'"),
        ({"sender": "s" * 200, "message": "hi"}, "'sender'"),
        ({"sender": "s", "message": 3}, "'message'"),
        ({"sender": "s", "message": "x" * 11}, "limit is 10"),
    ],
)
def test_bad_requests_are_explained(body, problem):
    fields, message = parse_request(body, max_chars=10)
    assert fields is None and problem in message


def test_good_request():
    fields, problem = parse_request({"sender": "s", "message": "hello"}, max_chars=10)
    assert problem is None and fields["metadata"] == {}


def test_offline_reply_puts_safety_first():
    assert offline_messages("he hits me", "en")[0]["custom"]["topic"] == "safeguarding_concern"
    assert offline_messages("hello", "en")[0]["custom"]["topic"] == "unavailable"
