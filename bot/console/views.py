"""The console's HTML. Plain server-rendered forms (each works without script); every
value from a person or the database is escaped here. The console is in English: it is
the staff's working language; what staff send a person is translated (quick replies)."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Dict, Iterable, List, Sequence

from advice import i18n
from advice.interface import english
from bot.console.accounts import ConsoleSession, StaffMember
from bot.queue import CLAIMED, OUTCOMES, URGENT, WAITING, Handover
from bot.storage import StoredMessage

AUTHORS = {"person": "Person", "assistant": "Assistant", "staff": "Staff"}


def csrf_field(session_or_token: ConsoleSession | str) -> str:
    token = session_or_token if isinstance(session_or_token, str) else session_or_token.csrf_token
    return f'<input type="hidden" name="csrf" value="{escape(token)}">'


def layout(title: str, body: str, session: ConsoleSession | None = None, script: bool = False) -> str:
    nav = ""
    if session:
        links = ['<li><a href="/console/">Queue</a></li>', '<li><a href="/console/call-backs">Call-backs</a></li>']
        if session.staff.is_admin:
            links += [
                '<li><a href="/console/staff">Staff accounts</a></li>',
                '<li><a href="/console/audit">Audit log</a></li>',
            ]
        nav = (
            f'<nav aria-label="Console"><ul class="console-nav">{"".join(links)}</ul></nav>'
            f'<form method="post" action="/console/sign-out" class="sign-out">{csrf_field(session)}'
            f"<span>Signed in as {escape(session.staff.display_name)}</span> "
            '<button class="button button-secondary" type="submit">Sign out</button></form>'
        )
    js = '<script src="/console/static/console.js" defer></script>' if script else ""
    return f"""<!doctype html>
<html lang="en-GB" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} - FPOC console</title>
<link rel="stylesheet" href="/static/chat.css"><link rel="stylesheet" href="/console/static/console.css">{js}</head>
<body>
<header class="masthead"><div class="masthead-inner"><p class="council">Shropshire Council - First Point of Contact</p>
{nav}</div></header>
<main id="main" class="console">
<h1>{escape(title)}</h1>
{body}
</main>
</body>
</html>"""


def error_box(error: str | None) -> str:
    return f'<p class="error" role="alert">{escape(error)}</p>' if error else ""


def sign_in_page(csrf: str, error: str | None = None, username: str = "") -> str:
    body = f"""{error_box(error)}
<form method="post" action="/console/sign-in" class="stack">
{csrf_field(csrf)}
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required value="{escape(username)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button class="button button-primary" type="submit">Sign in</button>
</form>"""
    return layout("Sign in", body)


def urgency_label(item: Handover) -> str:
    return "Urgent" if item.urgency == URGENT else "Normal"


def waiting_for(item: Handover) -> str:
    minutes = item.waiting_minutes
    return "under a minute" if minutes < 1 else f"{minutes} min"


def queue_rows(items: Sequence[Handover], topics: Dict[int, List[str]], names: Dict[int, str]) -> str:
    if not items:
        return '<p id="queue-empty">Nobody is waiting.</p>'
    rows = []
    for item in items:
        urgency = '<strong class="urgent">Urgent</strong>' if item.urgency == URGENT else urgency_label(item)
        state = "Waiting" if item.state == WAITING else f"With {escape(names.get(item.claimed_by, '?'))}"
        rows.append(
            f'<tr data-id="{item.id}"><td>{urgency}</td><td>{waiting_for(item)}</td><td>{escape(item.kind)}</td>'
            f"<td>{escape(item.channel)}</td><td>{escape(i18n.language(item.language).native)}</td>"
            f"<td>{escape(', '.join(topics.get(item.id, [])) or '-')}</td><td>{state}</td>"
            f'<td><a href="/console/item/{item.id}">Open item {item.id}</a></td></tr>'
        )
    return (
        '<table class="queue"><caption>Most urgent first, then longest waiting</caption><thead><tr>'
        '<th scope="col">Urgency</th><th scope="col">Waiting</th><th scope="col">Type</th><th scope="col">Channel</th>'
        '<th scope="col">Language</th><th scope="col">Topics so far</th><th scope="col">State</th>'
        f'<th scope="col">Item</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def queue_page(session: ConsoleSession, rows_html: str, summary: str) -> str:
    body = f"""<p id="queue-summary" role="status">{escape(summary)}</p>
<div id="queue" data-poll="/console/queue.html">{rows_html}</div>"""
    return layout("Queue", body, session, script=True)


def transcript_items(messages: Iterable[StoredMessage]) -> str:
    items = []
    for m in messages:
        custom = m.payload.get("custom") or {}
        lang = custom.get("language", "en") if m.author != "person" else ""
        direction = custom.get("direction", "auto") if m.author != "person" else "auto"
        lang_attr = f' lang="{escape(lang)}"' if lang else ""
        items.append(
            f'<li class="message message-{escape(m.author)}" data-id="{m.id}"{lang_attr} dir="{escape(direction)}">'
            f'<p class="who" lang="en" dir="ltr">{AUTHORS.get(m.author, m.author)}, '
            f"{m.created_at.replace(tzinfo=dt.timezone.utc):%H:%M}</p>"
            f"<p>{escape(m.text)}</p></li>"
        )
    return "".join(items)


def request_facts(item: Handover) -> str:
    """A call-back number and a request form's answers, as the person gave them."""
    words = english()["forms"]
    rows = ""
    if item.callback_number:
        number = escape(item.callback_number)
        rows += f"<dt>Phone to call</dt><dd><a href='tel:{number}'>{number}</a></dd>"
    for name, answer in item.answers.items():
        if name != "phone":
            rows += f"<dt>{escape(words.get(name, name))}</dt><dd>{escape(words.get(answer, answer))}</dd>"
    return rows


def call_backs_page(session: ConsoleSession, items: Sequence[Handover]) -> str:
    rows = "".join(
        f"<tr><td>{urgency_label(i)}</td><td>{waiting_for(i)}</td>"
        f"<td>{escape(i.kind)}</td><td>{escape(i18n.language(i.language).native)}</td>"
        f"<td><a href='tel:{escape(i.callback_number)}'>{escape(i.callback_number)}</a></td>"
        f'<td><a href="/console/item/{i.id}">Open item {i.id}</a></td></tr>'
        for i in items
    )
    body = (
        "<p>People who asked to be phoned back (out of hours, or from a request form). Claim the item, phone,"
        " then close it with the outcome.</p>"
        '<table><caption>Most urgent first, then longest waiting</caption><thead><tr><th scope="col">Urgency</th>'
        '<th scope="col">Waiting</th><th scope="col">Type</th><th scope="col">Language</th>'
        f'<th scope="col">Phone</th><th scope="col">Item</th></tr></thead><tbody>{rows}</tbody></table>'
        if items
        else "<p>No call-backs to make.</p>"
    )
    return layout("Call-backs", body, session)


def item_page(
    session: ConsoleSession,
    item: Handover,
    messages: Sequence[StoredMessage],
    topics: List[str],
    quick_replies: Dict[str, tuple],
    holder: StaffMember | None,
    error: str | None = None,
) -> str:
    language = i18n.language(item.language)
    mine = item.state == CLAIMED and item.claimed_by == session.staff.id
    facts = (
        f"<dl class='facts'><dt>Urgency</dt><dd>{urgency_label(item)}</dd>"
        f"<dt>Type</dt><dd>{escape(item.kind)}</dd><dt>Channel</dt><dd>{escape(item.channel)}</dd>"
        f"<dt>Language</dt><dd>{escape(language.native)} ({escape(item.language)})</dd>"
        f"<dt>Waiting</dt><dd>{waiting_for(item)}</dd><dt>Topics so far</dt><dd>{escape(', '.join(topics) or '-')}</dd>"
        f"{request_facts(item)}"
        f"<dt>State</dt><dd id='item-state'>{escape(item.state)}"
        f"{' by ' + escape(holder.display_name) if holder else ''}</dd></dl>"
    )
    actions = ""
    if item.state == WAITING:
        actions = (
            f'<form method="post" action="/console/item/{item.id}/claim">{csrf_field(session)}'
            '<button class="button button-primary" type="submit" id="claim">Claim this conversation</button></form>'
        )
    elif mine:
        quick = "".join(
            f'<li><button class="button button-secondary" type="submit" name="text" value="{escape(text)}" '
            f'lang="{escape(language.bcp47)}" dir="{escape(language.direction)}">{escape(text)}</button>'
            + (f' <span class="hint" lang="en">(in English: {escape(english)})</span>' if english != text else "")
            + "</li>"
            for english, text in quick_replies.values()
        )
        outcomes = "".join(
            f'<option value="{o}">{o.replace("_", " ")}</option>' for o in OUTCOMES if o != "handed_back"
        )
        actions = f"""
<form method="post" action="/console/item/{item.id}/reply" class="stack">{csrf_field(session)}
<label for="reply">Reply to the person (it goes to their {escape(item.channel)} chat)</label>
<textarea id="reply" name="text" rows="3" autofocus></textarea>
<button class="button button-primary" type="submit" id="send-reply">Send reply</button>
<h2>Quick replies, in {escape(language.native)}</h2>
<ul class="quick">{quick}</ul>
</form>
<form method="post" action="/console/item/{item.id}/hand-back">{csrf_field(session)}
<button class="button button-secondary" type="submit" id="hand-back">Hand back to the assistant</button></form>
<form method="post" action="/console/item/{item.id}/close" class="stack">{csrf_field(session)}
<label for="outcome">Outcome</label><select id="outcome" name="outcome">{outcomes}</select>
<button class="button button-secondary" type="submit" id="close">Close with this outcome</button></form>"""
    body = f"""{error_box(error)}{facts}
<h2 id="transcript-heading">Conversation</h2>
<div role="log" aria-labelledby="transcript-heading"><ol id="transcript" class="transcript"
    data-poll="/console/item/{item.id}/messages.json">{transcript_items(messages)}</ol></div>
{actions}"""
    return layout(f"Item {item.id}", body, session, script=True)


def staff_page(session: ConsoleSession, members: Sequence[StaffMember], error: str | None = None) -> str:
    rows = "".join(
        f"<tr><td>{escape(m.username)}</td><td>{escape(m.display_name)}</td><td>{escape(m.role)}</td></tr>"
        for m in members
    )
    body = f"""{error_box(error)}
<table><caption>Accounts</caption><thead><tr><th scope="col">Username</th><th scope="col">Name</th>
<th scope="col">Role</th></tr></thead><tbody>{rows}</tbody></table>
<h2>Add an account</h2>
<form method="post" action="/console/staff" class="stack">{csrf_field(session)}
<label for="new-username">Username</label><input id="new-username" name="username" required>
<label for="new-name">Name shown to colleagues</label><input id="new-name" name="display_name" required>
<label for="new-password">First password (12 characters or more)</label>
<input id="new-password" name="password" type="password" autocomplete="new-password" required>
<label for="new-role">Role</label>
<select id="new-role" name="role"><option>staff</option><option>admin</option></select>
<button class="button button-primary" type="submit">Add account</button></form>"""
    return layout("Staff accounts", body, session)


def audit_page(session: ConsoleSession, entries: Sequence) -> str:
    rows = "".join(
        f"<tr><td>{e.created_at:%Y-%m-%d %H:%M:%S}</td><td>{escape(e.username or '-')}</td>"
        f"<td>{escape(e.action)}</td><td>{e.handover_id or '-'}</td><td>{escape(e.detail or '')}</td></tr>"
        for e in entries
    )
    body = (
        '<table><caption>Newest first (times UTC)</caption><thead><tr><th scope="col">When</th>'
        '<th scope="col">Who</th><th scope="col">Action</th><th scope="col">Item</th><th scope="col">Detail</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    return layout("Audit log", body, session)
