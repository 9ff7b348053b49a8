"""Talks to Rasa's REST webhook on loopback."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import aiohttp


class RasaUnavailable(RuntimeError):
    """Rasa did not answer in time or answered with an error."""


class RasaClient:
    def __init__(self, base_url: str, timeout_seconds: float) -> None:
        self._url = base_url.rstrip("/") + "/webhooks/rest/webhook"
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=self._timeout)

    async def close(self) -> None:
        if self._session:
            await self._session.close()

    async def send(self, sender: str, text: str, metadata: Dict[str, Any]) -> List[Dict[str, Any]]:
        """Sends one user message; returns Rasa's list of bot messages."""
        assert self._session is not None, "RasaClient.start() was not awaited"
        body = {"sender": sender, "message": text, "metadata": metadata}
        try:
            async with self._session.post(self._url, json=body) as response:
                if response.status != 200:
                    raise RasaUnavailable(f"Rasa answered HTTP {response.status}")
                messages = await response.json()
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            raise RasaUnavailable(f"Rasa could not be reached: {error!r}") from error
        if not isinstance(messages, list):
            raise RasaUnavailable("Rasa's reply was not a list")
        return messages
