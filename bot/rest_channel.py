"""The REST channel: Rasa's REST request and response shape, plus reply metadata.

POST /webhooks/rest/webhook  {"sender": str, "message": str, "metadata"?: {...}}
-> 200 [{"recipient_id", "text", "buttons"?, "custom": {topic, language, source, ...}}]
Bad input gets a 400 with a plain explanation; if Rasa is down the person still gets
an answer (the safety answer when the message is a disclosure) with status 503.
The conversation logic itself is in bot.router.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, Tuple

from sanic import Blueprint, response
from sanic.request import Request

from bot.router import Router

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


def rest_blueprint(router: Router, max_chars: int) -> Blueprint:
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
        # A "language" in the client's metadata is a hint (like a browser's language), not a choice.
        hint = fields["metadata"].get("language")
        reply = await router.handle(CHANNEL, sender, fields["message"], hint=hint, extra=fields["metadata"])
        return response.json([{"recipient_id": sender, **m} for m in reply.messages], status=reply.status)

    return blueprint
