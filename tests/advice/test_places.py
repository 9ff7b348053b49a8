import pytest

from advice.places import INSIDE, OUTSIDE, UNCLEAR, UNKNOWN, resolve


@pytest.mark.parametrize(
    "text, status",
    [
        ("I live in Ludlow", INSIDE),
        ("SY3 8HQ", INSIDE),
        ("sy11", INSIDE),
        ("Shrewsbury, Shropshire SY3 8HQ", INSIDE),
        ("we're near Bishop's Castle", INSIDE),
        ("I live in Telford", OUTSIDE),
        ("Newport", OUTSIDE),
        ("my mum lives in Wrexham and needs care", OUTSIDE),
        ("TF1 2AB", OUTSIDE),
        ("B15 2TT", OUTSIDE),
        ("TF9", UNCLEAR),
        ("I live in Shrewsbury but mum is in Telford", UNCLEAR),
        ("Hi, I'm Ashley", UNKNOWN),
        ("how do I get an assessment", UNKNOWN),
        ("my son takes my pension", UNKNOWN),
    ],
)
def test_where_people_live(text, status):
    assert resolve(text).status == status


def test_place_names_in_long_messages_need_a_cue():
    # "wem" as a word in a long message is not read as the town without "in"/"near".
    assert resolve("what does the care act say about wem and other things in general").status == UNKNOWN
