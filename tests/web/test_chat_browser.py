"""The residents' web chat in a real Chromium, against the real gateway and Rasa."""

from __future__ import annotations

import pytest

from tests.conftest import artifact
from tests.web.chat import (
    TEXT_SPACING,
    ask,
    assistant_count,
    axe_violations,
    describe,
    no_sideways_scrolling,
    opened,
    wait_for_reply,
)

pytestmark = pytest.mark.browser


def check_axe(page, state: str) -> None:
    page.screenshot(path=artifact(f"{state}.png"), full_page=True)
    violations = axe_violations(page)
    assert not violations, f"axe, state '{state}':\n{describe(violations)}"


def focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")


def test_keyboard_only_conversation(page, assistant):
    page.goto(assistant.url)
    # Tab from the top of the page reaches the message box, past every control, with no trap.
    for _ in range(15):
        page.keyboard.press("Tab")
        if focused(page) == "message":
            break
    assert focused(page) == "message", "Tab never reached the message box"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused box has no visible focus indicator"
    page.keyboard.type("How do I ask for a care needs assessment?")
    before = assistant_count(page)
    page.keyboard.press("Enter")
    reply = wait_for_reply(page, before)
    assert "0345 678 9044" in page.locator(".message-assistant").nth(before).inner_text(), reply
    assert focused(page) == "message", "focus must stay in the message box after sending"
    # Shift+Tab from the box reaches the newest options; Enter on one asks it.
    option = None
    for _ in range(6):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.closest('.options') !== null"):
            option = focused(page)
            break
    assert option, "no option button reachable by keyboard"
    before = assistant_count(page)
    page.keyboard.press("Enter")
    wait_for_reply(page, before)
    assert page.locator(".message-person").last.inner_text().endswith(option)
    assert focused(page) == "message", "focus goes back to the message box after choosing an option"
    # And onwards: Tab leaves the box (no trap) to Send.
    page.keyboard.press("Tab")
    assert focused(page) == "send"


def test_no_axe_violations_empty_and_after_replies(page, assistant):
    page.goto(assistant.url)
    page.wait_for_function("() => document.getElementById('status').textContent === ''")
    check_axe(page, "empty")
    ask(page, "How do I ask for a care needs assessment?")
    assert page.locator(".options button").count() > 0
    page.click("#emergency-toggle")
    check_axe(page, "after-replies-with-options")


def test_arabic_is_right_to_left_and_clean(page, assistant):
    page.goto(f"{assistant.url}/?lang=ar")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    reply = ask(page, "كيف أطلب تقييم احتياجات الرعاية لأمي؟")
    assert "0345 678 9044" in reply
    newest = page.locator(".message-assistant").last
    assert (newest.get_attribute("lang"), newest.get_attribute("dir")) == ("ar", "rtl")
    assert page.locator("#send").inner_text() != "Send", "the page's own words must be Arabic too"
    check_axe(page, "arabic")


def test_small_phone_320px(browser, assistant):
    with opened(browser, assistant.url, viewport={"width": 320, "height": 640}) as page:
        ask(page, "can i get money to pay my own carer")
        assert no_sideways_scrolling(page)
        for selector in ["#talk-to-person", "#emergency-toggle", "#send", ".options button"]:
            box = page.locator(selector).first.bounding_box()
            assert box["width"] >= 24 and box["height"] >= 24, f"{selector} is smaller than 24 by 24 px"
        check_axe(page, "320px")


def test_400_percent_zoom_reflows(browser, assistant):
    # 400% zoom of a 1280 x 1024 screen is a 320 x 256 CSS px viewport.
    with opened(browser, assistant.url, viewport={"width": 320, "height": 256}) as page:
        ask(page, "what is a carers assessment")
        assert no_sideways_scrolling(page)
        assert page.locator("#talk-to-person").is_visible()


def test_text_spacing_overrides(browser, assistant):
    # A person's own style sheet (browser extension) is not bound by the page's CSP; the test's is.
    with opened(browser, assistant.url, viewport={"width": 1024, "height": 900}, bypass_csp=True) as page:
        ask(page, "What are direct payments?")
        page.add_style_tag(content=TEXT_SPACING)
        assert no_sideways_scrolling(page)
        clipped = page.evaluate(
            """[...document.querySelectorAll('button, label, p, h1')].filter(e =>
                 e.scrollHeight > e.clientHeight + 2 && getComputedStyle(e).overflowY === 'hidden').length"""
        )
        assert clipped == 0, "text is cut off with the WCAG text spacing applied"
        check_axe(page, "text-spacing")


def test_reduced_motion_is_honoured(page, assistant):
    page.emulate_media(reduced_motion="reduce")
    page.goto(assistant.url)
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"


def test_conversation_survives_reload(page, assistant):
    page.goto(assistant.url)
    ask(page, "What is the Shropshire Carers Register?")
    token = page.evaluate("localStorage.getItem('chat.token')")
    before = page.locator(".message").count()
    page.reload()
    page.wait_for_function("n => document.querySelectorAll('.message').length >= n", arg=before)
    assert page.locator(".message").count() == before, "the transcript came back once, not twice"
    assert page.evaluate("localStorage.getItem('chat.token')") == token
    assert "Carers Register" in page.locator(".message-person").first.inner_text()


def test_language_picker_keeps_the_place(page, assistant):
    page.goto(assistant.url)
    ask(page, "What are direct payments?")
    before = assistant_count(page)
    page.select_option("#language", "pl")
    reply = wait_for_reply(page, before)
    assert page.evaluate("document.documentElement.lang") == "pl"
    assert page.locator(".message-assistant").last.get_attribute("lang") == "pl"
    assert reply and page.locator("#send").inner_text() != "Send"
    # Easy Read: the switch is pressed, the answers say easy_read in their metadata.
    before = assistant_count(page)
    page.click("#easy-read")
    wait_for_reply(page, before)
    assert page.get_attribute("#easy-read", "aria-pressed") == "true"
    assert page.evaluate("document.documentElement.lang") == "en"


def test_talk_to_a_person_and_emergency_numbers_are_one_step_away(page, assistant):
    page.goto(assistant.url)
    assert page.locator("#emergency").is_hidden()
    page.click("#emergency-toggle")
    numbers = page.locator("#emergency").inner_text()
    assert "999" in numbers and "0345 678 9040" in numbers
    assert page.locator("#emergency a[href='tel:999']").count() == 1
    before = assistant_count(page)
    page.click("#talk-to-person")
    question = wait_for_reply(page, before)
    assert "First Point of Contact" in question and "whole conversation" in question
    # Saying no shares nothing and gives the number instead.
    before = assistant_count(page)
    page.get_by_role("button", name="No, thank you").click()
    assert "0345 678 9044" in wait_for_reply(page, before)
    assert page.get_attribute("#status", "data-state") == "idle"


def test_waiting_for_a_person(page, assistant):
    page.goto(assistant.url)
    ask(page, "can I speak to a real person please")
    before = assistant_count(page)
    page.get_by_role("button", name="Yes, pass it on").click()
    reply = wait_for_reply(page, before)
    assert "waiting for a person" in reply
    assert "Waiting for a person" in page.locator("#status").inner_text()
    assert page.evaluate("document.activeElement.id") == "message"
    check_axe(page, "waiting-for-person")
    page.reload()
    page.wait_for_function("() => document.getElementById('status').dataset.state === 'waiting_person'")
    # Asking again does not queue twice: it says the chat is already waiting.
    assert "waiting for a person" in ask(page, "I want to talk to someone")


def test_text_size_control(page, assistant):
    page.goto(assistant.url)
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.click("#larger")
    page.click("#larger")
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= size * 1.4
    page.reload()
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= size * 1.4, "kept on reload"


def test_too_long_message_is_refused_and_kept(page, assistant):
    page.goto(assistant.url)
    text = "word " * 500  # 2,500 characters; the limit is 2,000
    page.fill("#message", text)
    page.click("#send")
    assert "2000" in page.locator("#message-error").inner_text()
    assert page.input_value("#message") == text, "nothing the person wrote is lost"
    assert page.locator(".message-person").count() == 0


def test_save_the_conversation(page, assistant):
    page.goto(assistant.url)
    ask(page, "What is a carer's assessment?")
    with page.expect_download() as download:
        page.click("#save")
    saved = open(download.value.path(), encoding="utf-8").read()
    assert "carer's assessment" in saved and "Assistant:" in saved


def test_dropped_connection_loses_nothing(page, assistant):
    page.goto(assistant.url)
    ask(page, "hello")
    assistant.stop_gateway()
    page.wait_for_function("() => document.getElementById('status').textContent !== ''")
    page.fill("#message", "What is a needs assessment?")
    page.keyboard.press("Enter")
    assert "Not sent yet" in page.locator(".message-person").last.inner_text()
    before = assistant_count(page)
    assistant.start_gateway()
    reply = wait_for_reply(page, before)
    assert "assessment" in reply.lower()
    assert page.locator(".pending").count() == 0
    assert page.locator(".message-person").count() == 2, "the waiting message was sent once"


def council_page(script_url: str):
    """A stand-in council web page on its own origin, with the one line that embeds the chat."""
    import http.server
    import threading

    body = (f'<!doctype html><html lang="pl"><head><title>Council</title></head><body><h1>Council page</h1>'
            f'<script src="{script_url}" defer></script></body></html>').encode()

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_widget_is_one_script_line(page, assistant):
    server = council_page(f"{assistant.url}/widget.js")
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/")
        opener = page.locator(".sc-chat-open")
        opener.wait_for()
        page.wait_for_function(
            "() => document.querySelector('.sc-chat-open').textContent !== 'Chat about care and support'"
        )
        opener.click()
        frame = page.frame_locator(".sc-chat-panel iframe")
        frame.locator("#message").wait_for()
        assert frame.locator("html").get_attribute("lang") == "pl"
        page.keyboard.press("Enter")  # focus is on Close
        assert page.locator(".sc-chat-panel").is_hidden()
        assert page.evaluate("document.activeElement.className") == "sc-chat-open"
    finally:
        server.shutdown()
