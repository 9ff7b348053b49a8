"""A terminal chat with the running gateway (`make chat`), for staff and developers."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import urllib.error
import urllib.request
from typing import Any, Dict, List


def post(url: str, sender: str, text: str) -> List[Dict[str, Any]]:
    body = json.dumps({"sender": sender, "message": text}).encode("utf-8")
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return json.load(reply)
    except urllib.error.HTTPError as error:
        payload = json.load(error)
        if isinstance(payload, list):
            return payload
        return [{"text": f"(error) {payload.get('error', error.reason)}", "custom": {}}]


def show(messages: List[Dict[str, Any]]) -> List[str]:
    """Prints bot messages; returns the button payloads so the person can type a number."""
    payloads: List[str] = []
    for message in messages:
        topic = (message.get("custom") or {}).get("topic", "?")
        print(f"\nassistant [{topic}]: {message.get('text', '')}")
        for button in message.get("buttons", []):
            payloads.append(button["payload"])
            print(f"  {len(payloads)}. {button['title']}")
    return payloads


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default=f"http://localhost:{os.environ.get('PORT', 8000)}/webhooks/rest/webhook")
    args = parser.parse_args()
    sender = "terminal-" + secrets.token_hex(8)
    print("Type a question (a number picks an option; Ctrl-D or 'quit' to leave).")
    payloads: List[str] = []
    for line in sys.stdin:
        text = line.strip()
        if text.lower() in {"quit", "exit"}:
            break
        if not text:
            continue
        if text.isdigit() and 0 < int(text) <= len(payloads):
            text = payloads[int(text) - 1]
        try:
            payloads = show(post(args.url, sender, text))
        except (urllib.error.URLError, OSError) as error:
            print(f"Cannot reach the assistant at {args.url} ({error}). Is `make run` running?")
    return 0


if __name__ == "__main__":
    sys.exit(main())
