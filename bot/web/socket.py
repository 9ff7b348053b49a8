"""The web chat's WebSocket: a live, two-way conversation that survives reloads.

Frames are JSON. The page says {"type": "hello", "token"?, "after"?, "hint"?} first; the
server answers with the conversation's token (a new random one when the page has none
or one the server never issued: the client never chooses it), its language, and the
messages after `after`. Then {"type": "say", "text", "id", "shown"?} sends a message
(`id` is the page's own id, so a resend after a dropped connection is kept once) and
{"type": "language", "code"} changes the language. The server pushes "message",
"status" and "language" events from the hub, and "error" for a frame it cannot take.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from dataclasses import dataclass
from typing import Any, Dict, Set

from sanic import Blueprint
from sanic.request import Request

from advice import i18n
from bot import language
from bot.router import Router, conversation_key, language_event
from bot.web.page import interface

logger = logging.getLogger(__name__)
CHANNEL = "web"
MAX_ID_CHARS = 64
MAX_FRAME_CHARS = 20_000


@dataclass
class Session:
    token: str
    sender: str

    @property
    def conversation_id(self) -> str:
        return conversation_key(CHANNEL, self.sender)


def parse_frame(raw: Any) -> Dict[str, Any] | None:
    if not isinstance(raw, str) or len(raw) > MAX_FRAME_CHARS:
        return None
    try:
        frame = json.loads(raw)
    except ValueError:
        return None
    return frame if isinstance(frame, dict) and isinstance(frame.get("type"), str) else None


def check_say(frame: Dict[str, Any], max_chars: int) -> str | None:
    """What is wrong with a "say" frame (an interface text name), or None."""
    text, client_id = frame.get("text"), frame.get("id")
    if not isinstance(client_id, str) or not client_id or len(client_id) > MAX_ID_CHARS:
        return "empty"
    if not isinstance(text, str) or not text.strip():
        return "empty"
    if len(text) > max_chars:
        return "too_long"
    shown = frame.get("shown")
    if shown is not None and (not isinstance(shown, str) or len(shown) > max_chars):
        return "too_long"
    return None


class WebChat:
    def __init__(self, router: Router, max_chars: int) -> None:
        self.router = router
        self.storage = router.storage
        self.max_chars = max_chars
        self._tasks: Set[asyncio.Task] = set()  # kept so running replies are not garbage-collected

    async def open_session(self, token: Any) -> Session:
        """The session a token opens; a new one (new random token) for anything else."""
        if isinstance(token, str) and 0 < len(token) <= 200:
            conversation_id = await self.storage.run(self.storage.web_conversation, token)
            if conversation_id:
                return Session(token, conversation_id.removeprefix(f"{CHANNEL}-"))
        session = Session(secrets.token_urlsafe(32), secrets.token_hex(16))
        await self.storage.run(self.storage.create_web_session, session.token, session.conversation_id)
        return session

    async def current_language(self, session: Session, hint: Any) -> str:
        stored = await self.storage.run(self.storage.get_language, session.conversation_id)
        if stored:
            return stored.code
        return language.choose(None, "", hint if isinstance(hint, str) else None).code

    def in_background(self, work: Any) -> None:
        """Replies run apart from the socket, so a dropped connection does not lose them."""
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception():
            logger.error("a web chat reply failed", exc_info=task.exception())

    async def serve(self, ws: Any) -> None:
        session: Session | None = None
        hint: str | None = None
        try:
            while True:
                frame = parse_frame(await ws.recv())
                if frame is None:
                    await ws.send(json.dumps({"type": "error", "problem": "bad_frame"}))
                elif frame["type"] == "hello":
                    if session:
                        self.router.hub.unsubscribe(session.conversation_id, ws.send)
                    hint = frame.get("hint") if isinstance(frame.get("hint"), str) else None
                    session = await self.open_session(frame.get("token"))
                    await self.welcome(ws, session, hint, frame.get("after"))
                elif session is None:
                    await ws.send(json.dumps({"type": "error", "problem": "no_session"}))
                else:
                    await self.take(ws, session, frame, hint)
        except Exception as error:  # the connection closed (how depends on the websockets version)
            logger.debug("web chat socket closed: %s", type(error).__name__)
        finally:
            if session:
                self.router.hub.unsubscribe(session.conversation_id, ws.send)

    async def welcome(self, ws: Any, session: Session, hint: str | None, after: Any) -> None:
        # Subscribed before reading the history, so nothing published meanwhile is missed;
        # the page drops any message it already has (by id).
        self.router.hub.subscribe(session.conversation_id, ws.send)
        code = await self.current_language(session, hint)
        after_id = after if isinstance(after, int) and after >= 0 else 0
        history = await self.storage.run(self.storage.transcript, session.conversation_id, after_id)
        await ws.send(json.dumps({"type": "session", "token": session.token, "language": language_event(code)}))
        await ws.send(
            json.dumps({"type": "history", "messages": [m.as_dict() for m in history]}, ensure_ascii=False, default=str)
        )
        await ws.send(json.dumps({"type": "status", "state": await self.router.status(session.conversation_id)}))

    async def take(self, ws: Any, session: Session, frame: Dict[str, Any], hint: str | None) -> None:
        if frame["type"] == "say":
            problem = check_say(frame, self.max_chars)
            if problem:
                code = await self.current_language(session, hint)
                await ws.send(json.dumps(
                    {"type": "error", "problem": problem, "id": frame.get("id"),
                     "text": interface(code, self.max_chars)[problem]},
                    ensure_ascii=False,
                ))
                return
            self.in_background(self.router.handle(
                CHANNEL, session.sender, frame["text"], hint=hint, client_id=frame["id"], shown=frame.get("shown"),
            ))
        elif frame["type"] == "language" and frame.get("code") in i18n.languages():
            self.in_background(self.router.choose_language(CHANNEL, session.sender, frame["code"]))
        else:
            await ws.send(json.dumps({"type": "error", "problem": "bad_frame"}))


def socket_blueprint(router: Router, max_chars: int) -> Blueprint:
    blueprint = Blueprint("web_socket")
    chat = WebChat(router, max_chars)

    @blueprint.websocket("/web/socket")
    async def socket(_: Request, ws: Any) -> None:
        await chat.serve(ws)

    return blueprint
