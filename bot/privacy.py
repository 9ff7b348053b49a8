"""Keeping personal data out of logs: identifiers are logged as short keyed hashes."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

# A per-process random key: log lines can be correlated within a run, never reversed.
_LOG_KEY = os.environ.get("LOG_HASH_KEY", "").encode() or secrets.token_bytes(16)


def log_id(value: str) -> str:
    """A short, stable-per-run pseudonym for a sender id or phone number."""
    return hmac.new(_LOG_KEY, value.encode("utf-8"), hashlib.sha256).hexdigest()[:12]
