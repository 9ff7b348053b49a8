"""The whole staff journey in real browsers: a resident in the web chat, FPOC staff in the console."""

from __future__ import annotations

import re

import pytest

from tests.console.staff import PASSWORD, ConsoleClient, make_staff
from tests.web.chat import ask, assistant_count, wait_for_reply
from tests.web.test_chat_browser import check_axe

pytestmark = pytest.mark.browser


def person_waiting(browser, assistant):
    """A resident who asked for a person and agreed to share the conversation."""
    context = browser.new_context(viewport={"width": 900, "height": 900})
    person = context.new_page()
    person.goto(assistant.url)
    ask(person, "My mum keeps falling and I want to speak to a real person")
    before = assistant_count(person)
    person.get_by_role("button", name="Yes, pass it on").click()
    wait_for_reply(person, before)
    person.wait_for_function("() => document.getElementById('status').dataset.state === 'waiting_person'")
    return context, person


def sign_in(browser, assistant, username: str):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    staff = context.new_page()
    staff.goto(f"{assistant.url}/console/")
    check_axe(staff, "console-sign-in")
    staff.fill("#username", username)
    staff.fill("#password", PASSWORD)
    staff.get_by_role("button", name="Sign in").click()
    staff.wait_for_url(re.compile(r"/console/$"))
    return context, staff


def newest_item_link(staff):
    staff.wait_for_selector("#queue a")  # the queue refreshes itself; no reload
    return staff.locator("#queue a").last


def test_staff_take_a_conversation_reply_and_hand_back(browser, assistant):
    make_staff(assistant, "fran")
    person_context, person = person_waiting(browser, assistant)
    staff_context, staff = sign_in(browser, assistant, "fran")
    link = newest_item_link(staff)
    check_axe(staff, "console-queue")
    link.click()
    check_axe(staff, "console-item-waiting")
    before = assistant_count(person)
    staff.click("#claim")
    assert "joined this chat" in wait_for_reply(person, before)
    person.wait_for_function("() => document.getElementById('status').dataset.state === 'with_person'")
    check_axe(staff, "console-item-claimed")

    # The person writes: staff see it without reloading; the assistant stays silent.
    person.fill("#message", "Thank you. She fell twice this week.")
    person.keyboard.press("Enter")
    staff.wait_for_selector("#transcript li:has-text('She fell twice this week')", timeout=15_000)
    person.wait_for_timeout(1500)
    assert assistant_count(person) == before + 1, "the assistant must stay silent while staff handle it"

    # Staff reply, and a quick reply: both arrive in the person's chat as staff messages.
    staff.fill("#reply", "I am sorry to hear that. I can arrange an assessment.")
    staff.click("#send-reply")
    person.wait_for_selector(".message-staff:has-text('arrange an assessment')", timeout=15_000)
    staff.locator(".quick button").first.click()
    person.wait_for_selector(".message-staff:has-text('First Point of Contact team')", timeout=15_000)
    assert "Council staff" in person.locator(".message-staff").first.inner_text()

    # Hand back: the assistant answers again.
    before = assistant_count(person)
    staff.click("#hand-back")
    assert "back with the automated assistant" in wait_for_reply(person, before)
    assert "0345 678 9044" in ask(person, "How do I ask for a care needs assessment?")
    staff_context.close()
    person_context.close()


def test_a_disclosure_during_a_handover_is_urgent_and_answered_at_once(browser, assistant):
    make_staff(assistant, "gene")
    person_context, person = person_waiting(browser, assistant)
    staff_context, staff = sign_in(browser, assistant, "gene")
    newest_item_link(staff).click()
    staff.click("#claim")
    person.wait_for_function("() => document.getElementById('status').dataset.state === 'with_person'")
    reply = ask(person, "my son takes my pension and won't let me see anyone")
    assert "0345 678 9040" in reply and "999" in reply
    # The safety answer comes first; the note that staff were told follows it.
    person.wait_for_selector(".message-assistant:has-text('told the staff this is urgent')", timeout=15_000)
    staff.wait_for_selector("#transcript li:has-text('takes my pension')", timeout=15_000)
    staff.reload()
    assert "Urgent" in staff.locator(".facts").inner_text()
    staff_context.close()
    person_context.close()


def test_restarting_the_gateway_mid_handover_loses_no_message(browser, assistant):
    make_staff(assistant, "hal")
    person_context, person = person_waiting(browser, assistant)
    staff = ConsoleClient(assistant.url)
    assert staff.sign_in("hal") == 303
    item = int(re.findall(r"/console/item/(\d+)", staff.request("/console/")[1])[-1])
    assert staff.request(f"/console/item/{item}/claim", {"csrf": staff.csrf})[0] == 303
    person.wait_for_function("() => document.getElementById('status').dataset.state === 'with_person'")

    assistant.stop_gateway()
    person.fill("#message", "Are you still there?")  # written while the gateway is down
    person.keyboard.press("Enter")
    assistant.start_gateway()
    # Person to staff: the waiting message arrives once the page reconnects.
    person.wait_for_function("() => document.querySelectorAll('.pending').length === 0", timeout=30_000)
    page = staff.request(f"/console/item/{item}")[1]
    assert page.count("Are you still there?") == 1
    # Staff to person, after the restart, on the same conversation.
    assert staff.request(f"/console/item/{item}/reply", {"csrf": staff.csrf, "text": "Yes, I am here."})[0] == 303
    person.wait_for_selector(".message-staff:has-text('Yes, I am here.')", timeout=15_000)
    # And a reload shows the whole conversation once.
    person.reload()
    person.wait_for_selector(".message-staff:has-text('Yes, I am here.')")
    assert person.locator(".message-person:has-text('Are you still there?')").count() == 1
    person_context.close()


def test_request_forms_and_call_backs_reach_the_console(browser, assistant):
    # A carer joins the Carers Register over the REST channel (no live replies there).
    sender = "register-test"
    for text in ["/form carers_register", "Sam", "Ludlow", "07700 900456", "/form_send"]:
        reply = assistant.say(sender, text)
    assert "gone to First Point of Contact" in reply[0]["text"]
    make_staff(assistant, "ada", role="admin")
    context, staff = sign_in(browser, assistant, "ada")
    staff.goto(f"{assistant.url}/console/call-backs")
    assert "07700900456" in staff.locator("table").inner_text()
    check_axe(staff, "console-call-backs")
    staff.get_by_role("link", name=re.compile("Open item")).last.click()
    facts = staff.locator(".facts").inner_text()
    assert "carers_register" in facts and "Ludlow" in facts and "Sam" in facts
    check_axe(staff, "console-request-item")
    for page, state in [("/console/staff", "console-staff"), ("/console/audit", "console-audit")]:
        staff.goto(assistant.url + page)
        check_axe(staff, state)
    assert "viewed_call_backs" in staff.locator("table").inner_text()
    context.close()
