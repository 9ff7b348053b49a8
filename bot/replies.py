"""Turns Rasa's REST output into the gateway's reply: every message carries its metadata.

Rasa's REST channel splits one bot utterance into separate items: the text (and
buttons), then the custom payload. Our actions put the reply metadata
({topic, language, source, last_checked}) in that custom payload, so here each text
gets the metadata of the custom payload that follows it.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List

logger = logging.getLogger(__name__)
METADATA_KEYS = ("topic", "language", "source")
PASSED_THROUGH = ("text", "buttons", "image", "attachment")


def is_metadata(payload: Any) -> bool:
    return isinstance(payload, dict) and all(key in payload for key in METADATA_KEYS)


def assemble(rasa_messages: List[Dict[str, Any]], language: str) -> List[Dict[str, Any]]:
    """The reply as a list of {text, buttons?, custom}."""
    reply: List[Dict[str, Any]] = []
    waiting: List[Dict[str, Any]] = []
    for item in rasa_messages:
        custom = item.get("custom")
        if is_metadata(custom) and not any(key in item for key in PASSED_THROUGH):
            for message in waiting:
                message["custom"] = dict(custom)
            waiting = []
            continue
        message = {k: item[k] for k in PASSED_THROUGH if k in item}
        if custom is not None:
            message["custom"] = custom
        reply.append(message)
        if not is_metadata(custom):
            waiting.append(message)
    for message in waiting:
        # Only a response that bypassed our actions lands here; label it honestly.
        logger.warning("a bot message came without reply metadata")
        message["custom"] = {"topic": "unlabelled", "language": language, "source": [], **(message.get("custom") or {})}
    return reply
