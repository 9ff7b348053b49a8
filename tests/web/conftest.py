"""The chat page in a fresh browser context for each test (the browser is shared: tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def page(browser, assistant):
    context = browser.new_context(viewport={"width": 1024, "height": 900}, locale="en-GB")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, f"script errors on the page: {errors}"
