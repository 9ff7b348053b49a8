"""The conversation router: every channel's messages go through here.

It keeps the transcript, settles the conversation's language, then passes the message
to Rasa (and, with the handover work, to staff instead while a person is handling it).
Replies are kept and published to the conversation's live connections. Channel adapters
only parse and format; they never talk to Rasa themselves.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from dataclasses import dataclass, field
from typing import Any, Dict, List

from advice import i18n
from advice.rendering import Message, render_topic
from advice.safety import detect
from bot import handover, language
from bot.hub import Hub
from bot.privacy import log_id
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.replies import assemble
from bot.storage import Storage

logger = logging.getLogger(__name__)
PERSON, ASSISTANT = "person", "assistant"


@dataclass
class Reply:
    messages: List[Message] = field(default_factory=list)
    status: int = 200  # 503: Rasa could not answer and the gateway answered alone
    duplicate: bool = False  # the same client message came again; it was answered the first time


def offline_messages(text: str, code: str) -> List[Message]:
    """What to say when Rasa cannot answer: safety first, otherwise an honest apology."""
    return [render_topic(detect(text) or "unavailable", code)]


def language_event(code: str) -> Dict[str, Any]:
    """What a screen needs to follow a language change: code, BCP 47 tag, direction."""
    lang = i18n.language(code)
    return {"code": lang.code, "lang": lang.bcp47, "dir": lang.direction, "easy_read": lang.easy_read}


def conversation_key(channel: str, sender: str) -> str:
    return f"{channel}-{sender}"


class Router:
    def __init__(self, rasa: RasaClient, storage: Storage, hub: Hub | None = None) -> None:
        self.rasa = rasa
        self.storage = storage
        self.hub = hub or Hub()
        # One message at a time per conversation, so replies keep the order of questions.
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    def _lock(self, conversation_id: str) -> asyncio.Lock:
        lock = self._locks.get(conversation_id)
        if lock is None:
            lock = self._locks[conversation_id] = asyncio.Lock()
        return lock

    async def handle(
        self,
        channel: str,
        sender: str,
        text: str,
        hint: str | None = None,
        extra: Dict[str, Any] | None = None,
        client_id: str | None = None,
        shown: str | None = None,
    ) -> Reply:
        """One message from a person. `shown` is what they saw when `text` is a button's payload."""
        conversation_id = conversation_key(channel, sender)
        async with self._lock(conversation_id):
            kept = await self.storage.run(
                self.storage.add_message, conversation_id, PERSON, shown or text,
                {"payload": text} if shown else None, client_id,
            )
            if kept is None:
                return Reply(duplicate=True)
            await self.hub.publish(conversation_id, {"type": "message", "message": kept.as_dict()})
            stored = await self.storage.run(self.storage.get_language, conversation_id)
            choice = language.choose(stored, text, hint)
            if choice.changed:
                await self._set_language(conversation_id, choice.code, choice.source)
            # Answered here, so Rasa's state (a pending question, the last topic) is untouched.
            if choice.explicit:
                return await self._answer(conversation_id, [render_topic("language_changed", choice.code)])
            if text in (handover.YES, handover.NO):
                return await self._consent(conversation_id, channel, choice.code, text == handover.YES)
            await self.hub.publish(conversation_id, {"type": "status", "state": "typing"})
            try:
                reply = await self._ask_rasa(conversation_id, text, choice.code, {**(extra or {}), "channel": channel})
                if channel in handover.LIVE_CHANNELS and handover.wants_person(reply.messages):
                    reply.messages = [await self._offer_person(conversation_id, choice.code)]
                await self._keep_and_publish(conversation_id, reply.messages)
            finally:
                # After the last message, so a screen knows the whole reply has arrived.
                await self.hub.publish(conversation_id, {"type": "status", "state": await self.status(conversation_id)})
            return reply

    async def choose_language(self, channel: str, sender: str, code: str) -> Reply:
        """A language picked from a menu or switch: kept, and confirmed in that language."""
        conversation_id = conversation_key(channel, sender)
        async with self._lock(conversation_id):
            await self._set_language(conversation_id, code, language.EXPLICIT)
            reply = Reply([render_topic("language_changed", code)])
            await self._keep_and_publish(conversation_id, reply.messages)
            return reply

    async def _answer(self, conversation_id: str, messages: List[Message]) -> Reply:
        await self._keep_and_publish(conversation_id, messages)
        return Reply(messages)

    async def _offer_person(self, conversation_id: str, code: str) -> Message:
        waiting = await self.storage.run(self.storage.open_handover, conversation_id)
        return handover.queued(code) if waiting else handover.consent_question(code)

    async def _consent(self, conversation_id: str, channel: str, code: str, given: bool) -> Reply:
        """The person's answer to "may a person read this conversation?"."""
        if not given:
            return await self._answer(conversation_id, [handover.declined(code)])
        await self.storage.run(
            self.storage.queue_handover, conversation_id, channel, code, handover.NORMAL, "asked"
        )
        reply = await self._answer(conversation_id, [handover.queued(code)])
        await self.hub.publish(conversation_id, {"type": "status", "state": "waiting_person"})
        return reply

    async def status(self, conversation_id: str) -> str:
        """What a screen shows in its status line when it (re)connects."""
        waiting = await self.storage.run(self.storage.open_handover, conversation_id)
        if waiting is None:
            return "idle"
        return "with_person" if waiting.state == "claimed" else "waiting_person"

    async def _set_language(self, conversation_id: str, code: str, source: str) -> None:
        await self.storage.run(self.storage.set_language, conversation_id, code, source)
        await self.hub.publish(conversation_id, {"type": "language", **language_event(code)})

    async def _ask_rasa(self, conversation_id: str, text: str, code: str, metadata: Dict[str, Any]) -> Reply:
        try:
            raw = await self.rasa.send(conversation_id, text, {**metadata, "language": code})
        except RasaUnavailable as error:
            logger.error("conversation %s: %s", log_id(conversation_id), error)
            return Reply(offline_messages(text, code), status=503)
        return Reply(assemble(raw, code))

    async def _keep_and_publish(self, conversation_id: str, messages: List[Message]) -> None:
        for message in messages:
            payload = {key: value for key, value in message.items() if key != "text"}
            kept = await self.storage.run(
                self.storage.add_message, conversation_id, ASSISTANT, message.get("text", ""), payload
            )
            await self.hub.publish(conversation_id, {"type": "message", "message": kept.as_dict()})
