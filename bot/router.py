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
from functools import partial
from typing import Any, Dict, List

from advice import i18n
from advice.rendering import Message, render_topic
from advice.safety import detect
from bot import forms, handover, language, opening_hours
from bot.hub import Hub
from bot.opening_hours import OpeningHours
from bot.phone import looks_like_a_number, uk_phone
from bot.privacy import log_id
from bot.queue import CLAIMED, NEEDS_NUMBER, NORMAL, URGENT, WAITING, Handover, Queue
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.replies import assemble
from bot.storage import Storage

logger = logging.getLogger(__name__)
PERSON, ASSISTANT, STAFF = "person", "assistant", "staff"


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


def offer_forms(messages: List[Message], code: str) -> None:
    """After an answer about an assessment or the Carers Register, a button to ask for it."""
    for message in messages:
        for kind in forms.offers_for({(message.get("custom") or {}).get("topic")}):
            message["buttons"] = [forms.start_button(kind, code)] + list(message.get("buttons") or [])


def offer_person(held: Handover | None, code: str) -> Message:
    """Already in the queue: say so; otherwise ask consent first."""
    return handover.queued(code) if held and held.state != NEEDS_NUMBER else handover.consent_question(code)


def conversation_key(channel: str, sender: str) -> str:
    return f"{channel}-{sender}"


class Router:
    def __init__(
        self, rasa: RasaClient, storage: Storage, hub: Hub | None = None, hours: OpeningHours | None = None
    ) -> None:
        self.rasa = rasa
        self.hours = hours or opening_hours.load()
        self.storage = storage
        self.hub = hub or Hub()
        self.queue = Queue(storage)
        self.forms = forms.Forms(storage)
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
            return await self._decide(conversation_id, channel, text, choice, extra)

    async def choose_language(self, channel: str, sender: str, code: str) -> Reply:
        """A language picked from a menu or switch: kept, and confirmed in that language."""
        conversation_id = conversation_key(channel, sender)
        async with self._lock(conversation_id):
            await self._set_language(conversation_id, code, language.EXPLICIT)
            return await self._answer(conversation_id, [render_topic("language_changed", code)])

    async def _answer(self, conversation_id: str, messages: List[Message]) -> Reply:
        await self._keep_and_publish(conversation_id, messages)
        return Reply(messages)

    async def _decide(
        self, conversation_id: str, channel: str, text: str, choice: language.Choice, extra: Dict[str, Any] | None
    ) -> Reply:
        code = choice.code
        # Answered here, so Rasa's state (a pending question, the last topic) is untouched.
        if choice.explicit:
            return await self._answer(conversation_id, [render_topic("language_changed", code)])
        held = await self.storage.run(self.queue.open_for, conversation_id)
        if text in handover.CONSENT_PAYLOADS:
            return await self._consent(conversation_id, channel, code, text, held)
        if held and held.state == NEEDS_NUMBER:
            number = uk_phone(text)
            if number:
                await self.storage.run(self.queue.set_call_back_number, held.id, number)
                await self.hub.publish(handover.CONSOLE_FEED, {"type": "queue"})
                return await self._answer(conversation_id, [handover.call_back_booked(code)])
            if looks_like_a_number(text):
                return await self._answer(conversation_id, [handover.notice("number_unclear", code)])
        if text.startswith(forms.START):
            started = await self.storage.run(self.forms.start, conversation_id, text[len(forms.START):], code)
            return await self._answer(conversation_id, started)
        progress = await self.storage.run(self.forms.progress, conversation_id)
        if progress and not (held and held.state == CLAIMED):
            return await self._form_step(conversation_id, channel, text, code, progress)
        if text.strip().lower() in handover.ASK_COMMANDS:
            return await self._answer(conversation_id, [offer_person(held, code)])
        if held and held.state == CLAIMED:
            return await self._while_staff_handle(conversation_id, held, text, code)
        await self.hub.publish(conversation_id, {"type": "status", "state": "typing"})
        try:
            reply = await self._ask_rasa(conversation_id, text, code, {**(extra or {}), "channel": channel})
            offer_forms(reply.messages, code)
            reply.messages = await self._with_handover_offers(conversation_id, reply.messages, held, code)
            await self._keep_and_publish(conversation_id, reply.messages)
        finally:
            # After the last message, so a screen knows the whole reply has arrived.
            await self.hub.publish(conversation_id, {"type": "status", "state": await self.status(conversation_id)})
        return reply

    async def _form_step(
        self, conversation_id: str, channel: str, text: str, code: str, progress: forms.Progress
    ) -> Reply:
        """One answer in a request form; a disclosure gets the safety answer first and the form waits."""
        danger = detect(text)
        if danger:
            question = self.forms.question(progress, code)
            return await self._answer(conversation_id, [render_topic(danger, code, with_buttons=False), question])
        outcome = await self.storage.run(self.forms.take, conversation_id, text, code)
        if outcome.finished is not None:
            await self.storage.run(partial(
                self.queue.add, conversation_id, channel, code, NORMAL, "request", kind=outcome.kind,
                details=outcome.finished, callback_number=outcome.finished.get("phone"), separate=True,
            ))
            await self.hub.publish(handover.CONSOLE_FEED, {"type": "queue"})
        return await self._answer(conversation_id, outcome.messages)

    async def _with_handover_offers(
        self, conversation_id: str, messages: List[Message], held: Handover | None, code: str
    ) -> List[Message]:
        """A person is offered when asked for, after a safety answer, and after two misunderstandings."""
        topics = handover.topics_of(messages)
        if held and held.state == WAITING and not self.hours.is_open():
            # Nobody is left waiting for staff who have gone home: the answer, then a call-back offer.
            await self.storage.run(self.queue.to_call_back, held.id)
            return messages + [handover.closed(code)]
        if handover.ASK_TOPIC in topics:
            return [offer_person(held, code)]
        if topics & handover.SAFETY_TOPICS:
            if held:  # already waiting: staff must see it is urgent now
                await self.storage.run(self.queue.add, conversation_id, held.channel, code, URGENT, "safety")
                return messages
            return messages + [handover.consent_question(code, urgent=True)]
        if handover.FALLBACK_TOPIC in topics and not held:
            previous = await self.storage.run(self.storage.last_message, conversation_id, ASSISTANT)
            if previous and (previous.payload.get("custom") or {}).get("topic") == handover.FALLBACK_TOPIC:
                return messages + [handover.consent_question(code)]
        return messages

    async def _while_staff_handle(self, conversation_id: str, held: Handover, text: str, code: str) -> Reply:
        """Staff are handling it: the assistant stays silent, except that a disclosure gets
        the safety answer at once and makes the item urgent."""
        danger = detect(text)
        if not danger:
            return Reply()
        await self.storage.run(self.queue.add, conversation_id, held.channel, held.language, URGENT, "safety")
        await self.hub.publish(handover.CONSOLE_FEED, {"type": "queue"})
        return await self._answer(
            conversation_id, [render_topic(danger, code, with_buttons=False), handover.notice("safety_raised", code)]
        )

    async def _consent(
        self, conversation_id: str, channel: str, code: str, payload: str, held: Handover | None
    ) -> Reply:
        """The person's answer to "may a person read this conversation?". In hours, on a
        channel staff can reply on, it joins the queue; otherwise staff phone back."""
        if payload == handover.NO:
            if held and held.state != CLAIMED:
                await self.storage.run(self.queue.withdraw, held.id)
                await self.hub.publish(conversation_id, {"type": "status", "state": "idle"})
            return await self._answer(conversation_id, [handover.declined(code)])
        urgency, reason = (URGENT, "safety") if payload == handover.YES_URGENT else (NORMAL, "asked")
        live = channel in handover.LIVE_CHANNELS
        if not live or not self.hours.is_open():
            await self.storage.run(
                self.queue.add, conversation_id, channel, code, urgency, reason, "call_back", NEEDS_NUMBER
            )
            return await self._answer(conversation_id, [handover.closed(code) if live else handover.phone_offer(code)])
        held = await self.storage.run(self.queue.add, conversation_id, channel, code, urgency, reason)
        ahead = await self.storage.run(self.queue.waiting_ahead, held)
        await self.hub.publish(handover.CONSOLE_FEED, {"type": "queue"})
        reply = await self._answer(
            conversation_id, [handover.queued(code), handover.notice("waiting_count", code, waiting=ahead)]
        )
        await self.hub.publish(conversation_id, {"type": "status", "state": "waiting_person"})
        return reply

    async def status(self, conversation_id: str) -> str:
        """What a screen shows in its status line when it (re)connects."""
        held = await self.storage.run(self.queue.open_for, conversation_id)
        if held is None or held.state == NEEDS_NUMBER:
            return "idle"
        return "with_person" if held.state == CLAIMED else "waiting_person"

    # Staff side ---------------------------------------------------------------------------------
    async def staff_says(self, held: Handover, message: Message, author: str = STAFF) -> None:
        """A message from staff (or about them), kept and delivered on the person's own channel."""
        async with self._lock(held.conversation_id):
            await self._keep_and_publish(held.conversation_id, [message], author=author)

    async def staff_joined(self, held: Handover) -> None:
        await self.staff_says(held, handover.notice("staff_joined", held.language), author=ASSISTANT)
        await self.hub.publish(held.conversation_id, {"type": "status", "state": "with_person"})

    async def handed_back(self, held: Handover) -> None:
        await self.staff_says(held, handover.notice("handed_back", held.language), author=ASSISTANT)
        await self.hub.publish(held.conversation_id, {"type": "status", "state": "idle"})

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

    async def _keep_and_publish(
        self, conversation_id: str, messages: List[Message], author: str = ASSISTANT
    ) -> None:
        for message in messages:
            payload = {key: value for key, value in message.items() if key != "text"}
            kept = await self.storage.run(
                self.storage.add_message, conversation_id, author, message.get("text", ""), payload
            )
            await self.hub.publish(conversation_id, {"type": "message", "message": kept.as_dict()})
