"""Shared fixtures: the real assistant (Rasa + gateway) started once per test session."""

from __future__ import annotations

import json
import os
import shutil
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "assistant.tar.gz"
SHARED = ROOT.parent / "shared" / "content"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post_json(url: str, body: Any, raw: bytes | None = None) -> Tuple[int, Any]:
    data = raw if raw is not None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, json.load(reply)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


@dataclass
class Assistant:
    url: str
    port: int = 0
    rasa_port: int = 0
    data_dir: Path | None = None
    processes: list | None = None

    def restart_gateway(self) -> None:
        """Kills and restarts the gateway alone (Rasa keeps running), as a crash would."""
        self.stop_gateway()
        self.start_gateway()

    def stop_gateway(self) -> None:
        """Kills the gateway (a crash); the test goes on while it is down."""
        gateway = self.processes[0]
        gateway.kill()
        gateway.wait()

    def start_gateway(self) -> None:
        from bot import launcher

        self.processes[0] = launcher.start_gateway(self.port, self.rasa_port, self.data_dir)
        assert launcher.wait_for(f"{self.url}/health", 60, self.processes[0]), "gateway did not restart"

    def post(self, body: Any = None, raw: bytes | None = None) -> Tuple[int, Any]:
        return post_json(f"{self.url}/webhooks/rest/webhook", body, raw)

    def say(self, sender: str, message: str) -> List[Dict[str, Any]]:
        status, reply = self.post({"sender": sender, "message": message})
        assert status == 200, reply
        assert reply, f"no reply to {message!r}"
        return reply


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory):
    """Starts the trained Rasa server and the gateway as `make run` does, on free ports."""
    if not MODEL.exists():
        pytest.fail(f"No trained model at {MODEL}: run `make test`, which trains it first.")
    from bot import launcher

    port, rasa_port = free_port(), free_port()
    data_dir = tmp_path_factory.mktemp("var")
    # Staff are "working" during the test run, whatever the clock says (out of hours: tests/bot/test_handover.py).
    os.environ["FPOC_HOURS"] = "always"
    processes = launcher.start(port, rasa_port, MODEL, data_dir)
    assert processes, "the assistant did not start"
    assistant = Assistant(f"http://127.0.0.1:{port}", port, rasa_port, data_dir, processes)
    yield assistant
    launcher.stop(assistant.processes)


# Browser tests: a real Chromium (Debian's package) driven by Playwright. A missing browser
# fails the tests; it never skips them.
ARTIFACTS = ROOT / "test-artifacts" / "web"
# Without these, Chromium keeps calling Google's services, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is not installed: `apt-get install chromium` (.ci/run does), or set CHROMIUM_PATH.")
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def artifact(name: str) -> str:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return str(ARTIFACTS / name)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """The gateway's storage on SQLite (the default) and on PostgreSQL (production).

    PostgreSQL comes from TEST_DATABASE_URL (.ci/run starts one and sets REQUIRE_POSTGRES,
    so in CI a missing server fails rather than skips). Each test starts from an empty database.
    """
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'gateway.db'}"
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail("REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not: PostgreSQL was not started.")
        pytest.skip("PostgreSQL: set TEST_DATABASE_URL (.ci/run does)")
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    existing = sa.MetaData()
    existing.reflect(engine)
    existing.drop_all(engine)
    engine.dispose()
    return url
