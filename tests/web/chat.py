"""Helpers for driving the chat page like a person does."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# WCAG 1.4.12: what a person's own style sheet may set; nothing may be cut off or overlap.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""


def assistant_count(page) -> int:
    return page.locator(".message-assistant").count()


def wait_for_reply(page, before: int, timeout: float = 60_000) -> str:
    """Waits until the whole reply has arrived (new messages, and the assistant no longer
    writing); returns the text of every new assistant message."""
    page.wait_for_function(
        """n => document.querySelectorAll('.message-assistant').length > n
               && document.getElementById('status').dataset.state !== 'typing'""",
        arg=before, timeout=timeout,
    )
    return "\n".join(page.locator(".message-assistant").all_inner_texts()[before:])


def ask(page, text: str) -> str:
    before = assistant_count(page)
    page.fill("#message", text)
    page.press("#message", "Enter")
    return wait_for_reply(page, before)


def axe_violations(page) -> list:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return results.response["violations"]


def describe(violations: list) -> str:
    return "\n".join(
        f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:5]}" for v in violations
    )


def no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


@contextmanager
def opened(browser, url: str, **context_options) -> Iterator:
    """The chat page in a fresh browser context (its own size, storage and settings)."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.goto(url)
    try:
        yield page
    finally:
        context.close()
