"""The web chat's WebSocket: frames checked offline, and the token rules against the real gateway."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import websockets

from bot.web.socket import check_say, parse_frame


def test_frames_that_are_not_json_objects_are_refused():
    assert parse_frame("not json") is None
    assert parse_frame("[1, 2]") is None
    assert parse_frame('{"no": "type"}') is None
    assert parse_frame(b"bytes") is None
    assert parse_frame('{"type": "say"}') == {"type": "say"}


def test_say_frames_are_checked():
    assert check_say({"text": "hello", "id": "a1"}, 10) is None
    assert check_say({"text": "   ", "id": "a1"}, 10) == "empty"
    assert check_say({"text": "hello", "id": ""}, 10) == "empty"
    assert check_say({"text": "x" * 11, "id": "a1"}, 10) == "too_long"
    assert check_say({"text": "/x", "id": "a1", "shown": 5}, 10) == "too_long"


async def _talk(url: str, frames: list, wanted: int) -> list:
    """Sends frames and collects `wanted` events (skipping status and language events)."""
    received = []
    async with websockets.connect(url.replace("http", "ws") + "/web/socket") as socket:
        for frame in frames:
            await socket.send(json.dumps(frame))
        while len(received) < wanted:
            event = json.loads(await asyncio.wait_for(socket.recv(), 60))
            if event["type"] not in ("status", "language"):
                received.append(event)
    return received


def talk(url: str, frames: list, wanted: int) -> list:
    # In a thread of its own: Playwright's sync API keeps an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, _talk(url, frames, wanted)).result()


def test_the_server_issues_the_token_and_a_made_up_one_is_not_taken(assistant):
    made_up = "my-own-token"
    session, _history = talk(assistant.url, [{"type": "hello", "token": made_up}], 2)
    token = session["token"]
    assert token != made_up and len(token) >= 40
    # The issued token opens the same conversation again, with its history.
    said = {"type": "say", "id": "m1", "text": "What is a carer's assessment?"}
    events = talk(assistant.url, [{"type": "hello", "token": token}, said], 4)
    assert events[0]["token"] == token
    mine, answer = events[2]["message"], events[3]["message"]
    assert (mine["author"], mine["client_id"]) == ("person", "m1")
    assert answer["custom"]["topic"] == "carers_assessment"
    again = talk(assistant.url, [{"type": "hello", "token": token}], 2)
    texts = [m["text"] for m in again[1]["messages"]]
    assert "What is a carer's assessment?" in texts


def test_a_resent_message_is_kept_once(assistant):
    session, _ = talk(assistant.url, [{"type": "hello"}], 2)
    said = {"type": "say", "id": "same-id", "text": "hello"}
    hello = {"type": "hello", "token": session["token"]}
    talk(assistant.url, [hello, said], 4)
    _, history = talk(assistant.url, [hello, said, hello], 4)[2:4]
    people = [m for m in history["messages"] if m["author"] == "person"]
    assert len(people) == 1


def test_bad_frames_get_a_clear_error_not_a_crash(assistant):
    events = talk(assistant.url, [{"type": "say", "id": "x", "text": "hi"}], 1)
    assert events[0] == {"type": "error", "problem": "no_session"}
    events = talk(assistant.url, [{"type": "hello"}, {"type": "say", "id": "x", "text": "x" * 5000}], 3)
    assert events[2]["problem"] == "too_long" and "2000" in events[2]["text"]
