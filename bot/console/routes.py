"""The console's routes: sign-in and out, the queue, one conversation, accounts, audit.

Every state-changing request is a POST with the session's CSRF token; sessions are
HttpOnly, SameSite=Strict cookies (Secure unless CONSOLE_SECURE_COOKIES=0), checked
server-side on every request, and end after CONSOLE_IDLE_MINUTES without activity.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Awaitable, Callable

from sanic import Blueprint, response
from sanic.request import Request

from advice.interface import english, texts
from bot import handover
from bot.console import views
from bot.console.accounts import AccountError, Accounts, ConsoleSession
from bot.queue import OUTCOMES, WAITING
from bot.router import Router

STATIC = Path(__file__).resolve().parent / "static"
SESSION_COOKIE, PRE_COOKIE = "console_session", "console_pre"
Handler = Callable[..., Awaitable[response.HTTPResponse]]


class Console:
    def __init__(self, router: Router, secure_cookies: bool, idle_minutes: int, max_chars: int) -> None:
        self.router = router
        self.storage = router.storage
        self.queue = router.queue
        self.accounts = Accounts(router.storage)
        self.secure = secure_cookies
        self.idle = dt.timedelta(minutes=idle_minutes)
        self.max_chars = max_chars

    def cookie(self, reply: response.HTTPResponse, name: str, value: str, path: str = "/console") -> None:
        reply.cookies[name] = value
        reply.cookies[name]["httponly"] = True
        reply.cookies[name]["samesite"] = "Strict"
        reply.cookies[name]["path"] = path
        if self.secure:
            reply.cookies[name]["secure"] = True

    async def current(self, request: Request, touch: bool = True) -> ConsoleSession | None:
        return await self.storage.run(self.accounts.session, request.cookies.get(SESSION_COOKIE), self.idle, touch)

    async def audit(self, session: ConsoleSession, action: str, item_id: int | None = None, detail: str = "") -> None:
        await self.storage.run(self.accounts.audit, session.staff.id, action, item_id, detail)

    def quick_replies(self, code: str) -> dict:
        translated = texts("quick_replies", code)
        return {name: (text, translated[name]) for name, text in english()["quick_replies"].items()}

    async def topics_for(self, items: list) -> dict:
        by_conversation = await self.storage.run(self.queue.topics_of_many, [i.conversation_id for i in items])
        return {item.id: by_conversation[item.conversation_id] for item in items}

    async def queue_html(self) -> tuple:
        items = await self.storage.run(self.queue.open_items)
        names = {m.id: m.display_name for m in await self.storage.run(self.accounts.all)}
        waiting = [i for i in items if i.state == WAITING]
        urgent = sum(1 for i in waiting if i.urgency == 0)
        summary = f"{len(waiting)} waiting, {urgent} urgent, {len(items) - len(waiting)} being handled."
        return views.queue_rows(items, await self.topics_for(items), names), summary


def refused(status: int, text: str) -> response.HTTPResponse:
    return response.html(views.layout("Not allowed", views.error_box(text)), status=status)


def console_blueprint(router: Router, secure_cookies: bool, idle_minutes: int, max_chars: int) -> Blueprint:
    blueprint = Blueprint("console", url_prefix="/console")
    console = Console(router, secure_cookies, idle_minutes, max_chars)
    blueprint.static("/static", str(STATIC), name="console_static")

    def signed_in(admin: bool = False, post: bool = False, touch: bool = True) -> Callable[[Handler], Handler]:
        """Needs a live session (and the admin role, and a valid CSRF token for a POST)."""

        def wrap(handler: Handler) -> Handler:
            async def checked(request: Request, *args, **kwargs) -> response.HTTPResponse:
                session = await console.current(request, touch)
                if session is None:
                    if request.headers.get("accept", "").startswith("application/json"):
                        return response.json({"error": "signed out"}, status=401)
                    return response.redirect("/console/sign-in", status=303)
                if admin and not session.staff.is_admin:
                    return refused(403, "Only an admin can do that.")
                if post and not session.csrf_ok(request.form.get("csrf") or request.headers.get("x-csrf-token")):
                    return refused(
                        403, "This form is out of date or did not come from the console. Go back and try again."
                    )
                return await handler(request, session, *args, **kwargs)

            checked.__name__ = handler.__name__
            return checked

        return wrap

    @blueprint.get("/sign-in")
    async def sign_in_form(_: Request) -> response.HTTPResponse:
        csrf = secrets.token_urlsafe(32)
        reply = response.html(views.sign_in_page(csrf))
        console.cookie(reply, PRE_COOKIE, csrf)
        return reply

    @blueprint.post("/sign-in")
    async def sign_in(request: Request) -> response.HTTPResponse:
        offered, expected = request.form.get("csrf", ""), request.cookies.get(PRE_COOKIE, "")
        if not offered or not expected or not secrets.compare_digest(offered, expected):
            return refused(403, "This sign-in form is out of date. Open the sign-in page again.")
        username = (request.form.get("username") or "").strip()[:80]
        wait = await console.storage.run(console.accounts.seconds_to_wait, username)
        if wait:
            page = views.sign_in_page(
                expected, f"Too many wrong passwords. Wait {wait} seconds, then try again.", username
            )
            return response.html(page, status=429, headers={"Retry-After": str(wait)})
        member = await console.storage.run(
            console.accounts.check_password, username, request.form.get("password") or ""
        )
        if member is None:
            await console.storage.run(console.accounts.audit, None, "sign_in_failed", None, "")
            return response.html(
                views.sign_in_page(expected, "That username or password is not right.", username), status=401
            )
        token = await console.storage.run(console.accounts.start_session, member)
        await console.storage.run(console.accounts.audit, member.id, "signed_in", None, "")
        reply = response.redirect("/console/", status=303)
        console.cookie(reply, SESSION_COOKIE, token)
        console.cookie(reply, PRE_COOKIE, "")
        reply.cookies[PRE_COOKIE]["max-age"] = 0  # the sign-in form's token has done its job
        return reply

    @blueprint.post("/sign-out")
    @signed_in(post=True)
    async def sign_out(request: Request, session: ConsoleSession) -> response.HTTPResponse:
        await console.storage.run(console.accounts.end_session, request.cookies.get(SESSION_COOKIE))
        await console.audit(session, "signed_out")
        reply = response.redirect("/console/sign-in", status=303)
        console.cookie(reply, SESSION_COOKIE, "")
        reply.cookies[SESSION_COOKIE]["max-age"] = 0
        return reply

    @blueprint.get("/")
    @signed_in()
    async def queue_page(_: Request, session: ConsoleSession) -> response.HTTPResponse:
        rows, summary = await console.queue_html()
        return response.html(views.queue_page(session, rows, summary))

    @blueprint.get("/queue.html")
    @signed_in(touch=False)  # polling is not activity: an idle console still times out
    async def queue_fragment(_: Request, session: ConsoleSession) -> response.HTTPResponse:
        rows, summary = await console.queue_html()
        return response.json({"html": rows, "summary": summary})

    async def load(item_id: int) -> tuple:
        item = await console.storage.run(console.queue.get, item_id)
        return item, (
            await console.storage.run(console.accounts.member, item.claimed_by)
        ) if item and item.claimed_by else None

    @blueprint.get("/item/<item_id:int>")
    @signed_in()
    async def item_page(_: Request, session: ConsoleSession, item_id: int) -> response.HTTPResponse:
        item, holder = await load(item_id)
        if item is None:
            return refused(404, f"There is no item {item_id}.")
        await console.audit(session, "opened", item.id)
        transcript = await console.storage.run(console.storage.transcript, item.conversation_id)
        topics = await console.storage.run(console.queue.topics, item.conversation_id)
        page = views.item_page(session, item, transcript, topics, console.quick_replies(item.language), holder)
        return response.html(page)

    @blueprint.get("/item/<item_id:int>/messages.json")
    @signed_in(touch=False)
    async def item_messages(request: Request, session: ConsoleSession, item_id: int) -> response.HTTPResponse:
        item = await console.storage.run(console.queue.get, item_id)
        if item is None:
            return response.json({"error": "no such item"}, status=404)
        after = int(request.args.get("after", "0")) if request.args.get("after", "0").isdigit() else 0
        messages = await console.storage.run(console.storage.transcript, item.conversation_id, after)
        return response.json(
            {
                "state": item.state,
                "urgency": item.urgency,
                "html": views.transcript_items(messages),
                "last": messages[-1].id if messages else after,
            }
        )

    @blueprint.post("/item/<item_id:int>/claim")
    @signed_in(post=True)
    async def claim(_: Request, session: ConsoleSession, item_id: int) -> response.HTTPResponse:
        item, holder = await load(item_id)
        if item is None:
            return refused(404, f"There is no item {item_id}.")
        if not await console.storage.run(console.queue.claim, item_id, session.staff.id):
            item, holder = await load(item_id)
            who = holder.display_name if holder else "someone else"
            return refused(409, f"{who} is already handling item {item_id}. It was not claimed.")
        await console.audit(session, "claimed", item_id)
        await router.staff_joined(item)
        return response.redirect(f"/console/item/{item_id}", status=303)

    async def held_by(session: ConsoleSession, item_id: int):
        item = await console.storage.run(console.queue.get, item_id)
        if item is None or item.claimed_by != session.staff.id or item.state != "claimed":
            return None
        return item

    @blueprint.post("/item/<item_id:int>/reply")
    @signed_in(post=True)
    async def reply(request: Request, session: ConsoleSession, item_id: int) -> response.HTTPResponse:
        item = await held_by(session, item_id)
        if item is None:
            return refused(409, "Claim this conversation before replying.")
        text = (request.form.get("text") or "").strip()
        if not text or len(text) > console.max_chars:
            return refused(400, f"A reply needs some words, up to {console.max_chars} characters. Nothing was sent.")
        await router.staff_says(item, handover.staff_message(text, item.language))
        await console.audit(session, "replied", item_id)
        return response.redirect(f"/console/item/{item_id}#reply", status=303)

    @blueprint.post("/item/<item_id:int>/hand-back")
    @signed_in(post=True)
    async def hand_back(_: Request, session: ConsoleSession, item_id: int) -> response.HTTPResponse:
        return await finish(session, item_id, "handed_back")

    @blueprint.post("/item/<item_id:int>/close")
    @signed_in(post=True)
    async def close(request: Request, session: ConsoleSession, item_id: int) -> response.HTTPResponse:
        outcome = request.form.get("outcome", "")
        if outcome not in OUTCOMES:
            return refused(400, "Choose an outcome from the list.")
        return await finish(session, item_id, outcome)

    async def finish(session: ConsoleSession, item_id: int, outcome: str) -> response.HTTPResponse:
        item = await held_by(session, item_id)
        if item is None or not await console.storage.run(console.queue.close, item_id, session.staff.id, outcome):
            return refused(409, "Only the person handling this conversation can end it.")
        await console.audit(session, "closed", item_id, outcome)
        await router.handed_back(item)
        return response.redirect("/console/", status=303)

    @blueprint.get("/call-backs")
    @signed_in()
    async def call_backs(_: Request, session: ConsoleSession) -> response.HTTPResponse:
        await console.audit(session, "viewed_call_backs")  # the page shows phone numbers
        return response.html(views.call_backs_page(session, await console.storage.run(console.queue.call_backs)))

    @blueprint.get("/staff")
    @signed_in(admin=True)
    async def staff_list(_: Request, session: ConsoleSession) -> response.HTTPResponse:
        return response.html(views.staff_page(session, await console.storage.run(console.accounts.all)))

    @blueprint.post("/staff")
    @signed_in(admin=True, post=True)
    async def staff_add(request: Request, session: ConsoleSession) -> response.HTTPResponse:
        form = {key: request.form.get(key) or "" for key in ("username", "display_name", "password", "role")}
        try:
            member = await console.storage.run(
                console.accounts.create, form["username"], form["display_name"], form["password"], form["role"]
            )
        except AccountError as error:
            page = views.staff_page(session, await console.storage.run(console.accounts.all), str(error))
            return response.html(page, status=400)
        await console.audit(session, "account_created", None, f"{member.username} ({member.role})")
        return response.redirect("/console/staff", status=303)

    @blueprint.get("/audit")
    @signed_in(admin=True)
    async def audit_list(_: Request, session: ConsoleSession) -> response.HTTPResponse:
        return response.html(views.audit_page(session, await console.storage.run(console.accounts.audit_entries)))

    return blueprint
