"""The console's security over real HTTP against the running gateway."""

from __future__ import annotations

import pytest

from tests.console.staff import ConsoleClient, accounts_for, make_staff
from tests.web.test_socket import talk


def queued_item(assistant) -> int:
    """A web chat person who asked for a person and said yes: their queue item's id."""
    session, _ = talk(assistant.url, [{"type": "hello"}], 2)
    hello = {"type": "hello", "token": session["token"]}
    talk(assistant.url, [hello, {"type": "say", "id": "p1", "text": "/person"}], 4)
    talk(assistant.url, [hello, {"type": "say", "id": "p2", "text": "/handover_yes", "shown": "Yes"}], 4)
    from bot.queue import Queue

    queue = Queue(accounts_for(assistant).storage)
    return [i for i in queue.open_items() if i.conversation_id.startswith("web-")][-1].id


@pytest.fixture
def staff_a(assistant) -> ConsoleClient:
    make_staff(assistant, "alex")
    client = ConsoleClient(assistant.url)
    assert client.sign_in("alex") == 303
    return client


def test_session_cookie_is_httponly_secure_samesite(assistant):
    make_staff(assistant, "sam")
    client = ConsoleClient(assistant.url)
    token = client.form_token("/console/sign-in")
    status, _, headers = client.request(
        "/console/sign-in", {"csrf": token, "username": "sam", "password": "a-long-test-password"}
    )
    assert status == 303
    cookie = [v for k, v in headers.items() if k.lower() == "set-cookie" and "console_session=" in v][0].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=strict" in cookie
    assert {c.name for c in client.jar} == {"console_session"}, "the sign-in form's cookie is cleared"



def test_signing_in_without_the_form_token_is_refused(assistant):
    make_staff(assistant, "sam")
    client = ConsoleClient(assistant.url)
    status, _, _ = client.request("/console/sign-in", {"username": "sam", "password": "a-long-test-password"})
    assert status == 403


def test_five_wrong_passwords_slow_down_the_sixth_try(assistant):
    make_staff(assistant, "pat")
    client = ConsoleClient(assistant.url)
    for _ in range(5):
        assert client.sign_in("pat", "wrong password!") == 401
    token = client.form_token("/console/sign-in")
    status, page, headers = client.request(
        "/console/sign-in", {"csrf": token, "username": "pat", "password": "a-long-test-password"}
    )
    assert status == 429 and int(headers["Retry-After"]) >= 1
    assert "Wait" in page
    assert accounts_for(assistant).seconds_to_wait("pat") >= 1


def test_forged_or_missing_csrf_is_refused_and_a_second_claim_fails(assistant, staff_a):
    item = queued_item(assistant)
    assert staff_a.request(f"/console/item/{item}/claim", {})[0] == 403
    assert staff_a.request(f"/console/item/{item}/claim", {"csrf": "forged"})[0] == 403
    assert staff_a.request(f"/console/item/{item}/claim", {"csrf": staff_a.csrf})[0] == 303
    make_staff(assistant, "blake")
    staff_b = ConsoleClient(assistant.url)
    assert staff_b.sign_in("blake") == 303
    status, page, _ = staff_b.request(f"/console/item/{item}/claim", {"csrf": staff_b.csrf})
    assert status == 409 and "Alex is already handling" in page
    # Only the holder can reply or end it.
    assert staff_b.request(f"/console/item/{item}/reply", {"csrf": staff_b.csrf, "text": "hi"})[0] == 409
    assert staff_a.request(f"/console/item/{item}/hand-back", {"csrf": staff_a.csrf})[0] == 303


def test_sign_out_ends_the_session_on_the_server(assistant, staff_a):
    cookies = list(staff_a.jar)
    assert staff_a.request("/console/sign-out", {"csrf": staff_a.csrf})[0] == 303
    assert not [c for c in staff_a.jar if c.name == "console_session"], "the browser's copy is cleared too"
    replay = ConsoleClient(assistant.url)
    for cookie in cookies:
        replay.jar.set_cookie(cookie)  # the old cookie, as a thief would hold it
    status, _, headers = replay.request("/console/")
    assert status == 303 and headers["Location"].endswith("/console/sign-in")


def test_staff_cannot_manage_accounts_but_admins_can(assistant, staff_a):
    assert staff_a.request("/console/staff")[0] == 403
    make_staff(assistant, "ada", role="admin")
    admin = ConsoleClient(assistant.url)
    assert admin.sign_in("ada") == 303
    form = {
        "csrf": admin.csrf,
        "username": "new.person",
        "display_name": "New Person",
        "password": "short",
        "role": "staff",
    }
    status, page, _ = admin.request("/console/staff", form)
    assert status == 400 and "12 characters" in page
    form["password"] = "long-enough-password"
    assert admin.request("/console/staff", form)[0] == 303
    assert "new.person" in admin.request("/console/staff")[1]
    assert "account_created" in admin.request("/console/audit")[1]
