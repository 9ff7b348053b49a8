"""The conversation router: every channel's messages go through here.

It settles the conversation's language, then passes the message to Rasa (and, with
the handover work, to staff instead while a person is handling it). Channel adapters
only parse and format; they never talk to Rasa themselves.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Dict, List

from advice.rendering import Message, render_topic
from advice.safety import detect
from bot import language
from bot.privacy import log_id
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.replies import assemble
from bot.storage import Storage

logger = logging.getLogger(__name__)


@dataclass
class Reply:
    messages: List[Message]
    status: int = 200  # 503: Rasa could not answer and the gateway answered alone


def offline_messages(text: str, code: str) -> List[Message]:
    """What to say when Rasa cannot answer: safety first, otherwise an honest apology."""
    return [render_topic(detect(text) or "unavailable", code)]


class Router:
    def __init__(self, rasa: RasaClient, storage: Storage) -> None:
        self.rasa = rasa
        self.storage = storage

    async def handle(
        self, channel: str, sender: str, text: str, hint: str | None = None, extra: Dict[str, Any] | None = None
    ) -> Reply:
        conversation_id = f"{channel}-{sender}"
        stored = await self.storage.run(self.storage.get_language, conversation_id)
        choice = language.choose(stored, text, hint)
        if choice.changed:
            await self.storage.run(self.storage.set_language, conversation_id, choice.code, choice.source)
        if choice.explicit:
            # Answered here, so Rasa's state (a pending question, the last topic) is untouched.
            return Reply([render_topic("language_changed", choice.code)])
        metadata = {**(extra or {}), "channel": channel, "language": choice.code}
        try:
            raw = await self.rasa.send(conversation_id, text, metadata)
        except RasaUnavailable as error:
            logger.error("conversation %s: %s", log_id(conversation_id), error)
            return Reply(offline_messages(text, choice.code), status=503)
        return Reply(assemble(raw, choice.code))
