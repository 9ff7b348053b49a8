"""With Rasa unreachable the gateway still answers: the safety answer first."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.launcher import PROJECT_ROOT, stop, wait_for
from tests.conftest import free_port, post_json


@pytest.fixture(scope="module")
def lonely_gateway():
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "RASA_URL": f"http://127.0.0.1:{free_port()}",
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    process = subprocess.Popen([sys.executable, "-m", "bot.server"], cwd=PROJECT_ROOT, env=env)
    assert wait_for(f"http://127.0.0.1:{port}/health", 60, process), "gateway did not start"
    yield f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    stop([process])


def test_disclosure_still_gets_safety_numbers(lonely_gateway):
    status, reply = post_json(lonely_gateway, {"sender": "a", "message": "he hits me and takes my money"})
    assert status == 503
    assert reply[0]["custom"]["topic"] == "safeguarding_concern"
    assert "0345 678 9040" in reply[0]["text"]


def test_other_messages_get_an_honest_apology(lonely_gateway):
    status, reply = post_json(lonely_gateway, {"sender": "a", "message": "what is a direct payment"})
    assert status == 503
    assert reply[0]["custom"]["topic"] == "unavailable"
    assert "0345 678 9044" in reply[0]["text"]
