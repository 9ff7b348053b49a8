"""Live delivery: pushes events to every open connection of a conversation.

The web chat subscribes its WebSockets here; the router publishes replies (and, with
handover, staff messages) so they reach the person without them asking again. Nothing
is kept here: what must survive a restart is in the transcript (bot.storage).
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from typing import Any, Awaitable, Callable, Dict, Set

logger = logging.getLogger(__name__)
Send = Callable[[str], Awaitable[Any]]


class Hub:
    def __init__(self) -> None:
        self._listeners: Dict[str, Set[Send]] = defaultdict(set)

    def subscribe(self, conversation_id: str, send: Send) -> None:
        self._listeners[conversation_id].add(send)

    def unsubscribe(self, conversation_id: str, send: Send) -> None:
        listeners = self._listeners.get(conversation_id)
        if listeners is not None:
            listeners.discard(send)
            if not listeners:
                del self._listeners[conversation_id]

    def listening(self, conversation_id: str) -> bool:
        return bool(self._listeners.get(conversation_id))

    async def publish(self, conversation_id: str, event: Dict[str, Any]) -> None:
        frame = json.dumps(event, ensure_ascii=False, default=str)
        for send in list(self._listeners.get(conversation_id, ())):
            try:
                await send(frame)
            except Exception:  # a closed socket: drop it; the transcript keeps the message
                self.unsubscribe(conversation_id, send)
