"""The REST channel: Rasa's REST request and response shape, plus reply metadata.

POST /webhooks/rest/webhook  {"sender": str, "message": str, "metadata"?: {...}}
-> 200 [{"recipient_id", "text", "buttons"?, "custom": {topic, language, source, ...}}]
Bad input gets a 400 with a plain explanation; if Rasa is down the person still gets
an answer (the safety answer when the message is a disclosure) with status 503.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Tuple

from sanic import Blueprint, response
from sanic.request import Request

from advice.rendering import DEFAULT_LANGUAGE, render_topic
from advice.safety import detect
from bot.privacy import log_id
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.replies import assemble

logger = logging.getLogger(__name__)
CHANNEL = "rest"
MAX_SENDER_CHARS = 128


def parse_request(body: Any, max_chars: int) -> Tuple[Dict[str, Any] | None, str | None]:
    """Checks a webhook body; returns (fields, None) or (None, what is wrong)."""
    if not isinstance(body, dict):
        return None, "Send a JSON object with 'sender' and 'message'."
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        return None, f"'sender' must be a non-empty text of at most {MAX_SENDER_CHARS} characters."
    if not isinstance(message, str) or not message.strip():
        return None, "'message' must be a non-empty text."
    if len(message) > max_chars:
        return None, (
            f"That message is {len(message)} characters long; the limit is {max_chars}. "
            "Please send it in shorter parts. Nothing was sent on."
        )
    metadata = body.get("metadata") or {}
    if not isinstance(metadata, dict):
        return None, "'metadata' must be a JSON object."
    return {"sender": sender, "message": message, "metadata": metadata}, None


def offline_reply(text: str, recipient_id: str, language: str) -> List[Dict[str, Any]]:
    """What to say when Rasa cannot answer: safety first, otherwise an honest apology."""
    topic = detect(text) or "unavailable"
    message = render_topic(topic, language)
    return [{"recipient_id": recipient_id, **message}]


def rest_blueprint(rasa: RasaClient, max_chars: int) -> Blueprint:
    blueprint = Blueprint("rest", url_prefix="/webhooks/rest")

    @blueprint.get("/")
    async def health(_: Request) -> response.HTTPResponse:
        return response.json({"status": "ok"})

    @blueprint.post("/webhook")
    async def webhook(request: Request) -> response.HTTPResponse:
        try:
            body = request.json
        except Exception:  # Sanic raises InvalidUsage for malformed JSON
            body = None
        fields, problem = parse_request(body, max_chars)
        if problem:
            return response.json({"error": problem}, status=400)
        sender = fields["sender"]
        # Foundation: English only; the language layer will set this per conversation.
        language = DEFAULT_LANGUAGE
        metadata = {**fields["metadata"], "channel": CHANNEL, "language": language}
        try:
            raw = await rasa.send(f"{CHANNEL}-{sender}", fields["message"], metadata)
        except RasaUnavailable as error:
            logger.error("conversation %s: %s", log_id(sender), error)
            return response.json(offline_reply(fields["message"], sender, language), status=503)
        return response.json(assemble(raw, sender, language))

    return blueprint
