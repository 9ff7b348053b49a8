"""Serves the chat page (/), the embeddable widget (/widget.js), the privacy page and
the interface words for a language. The page is complete HTML from the server, so it
reads well before (and without) its script; the script adds the live conversation.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from string import Template
from typing import Dict

from sanic import Blueprint, response
from sanic.request import Request

from advice import i18n
from advice.interface import texts
from advice.rendering import render_topic

STATIC = Path(__file__).resolve().parent / "static"
SCREEN = "web"
# Easy Read is chosen with its own switch, not in the language list.
PICKER_EXCLUDES = {code for code, lang in i18n.languages().items() if lang.easy_read}


def page_language(request: Request) -> str:
    """?lang= when it names one of our languages, then the browser's preference, then English."""
    asked = request.args.get("lang", "")
    if asked in i18n.languages():
        return asked
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower().split("-")[0]
        if code in i18n.languages() and code not in PICKER_EXCLUDES:
            return code
    return i18n.DEFAULT_LANGUAGE


def interface(code: str, max_chars: int) -> Dict[str, str]:
    words = texts(SCREEN, code)
    words["too_long"] = words["too_long"].replace("{max_chars}", str(max_chars))
    return words


def language_options(selected: str) -> str:
    current = i18n.language(selected)
    chosen = i18n.DEFAULT_LANGUAGE if current.easy_read else current.code
    options = []
    for code, lang in i18n.languages().items():
        if code in PICKER_EXCLUDES:
            continue
        mark = " selected" if code == chosen else ""
        attributes = f'value="{code}" lang="{lang.bcp47}" dir="{lang.direction}"{mark}'
        options.append(f"<option {attributes}>{html.escape(lang.native)}</option>")
    return "\n".join(options)


def render_page(template: str, code: str, max_chars: int, embedded: bool) -> str:
    lang = i18n.language(code)
    plain = interface(code, max_chars)
    words = {f"t_{name}": html.escape(text) for name, text in plain.items()}
    # Data for the script; "</" is escaped so no text can end the <script> element.
    words_json = json.dumps(plain, ensure_ascii=False).replace("</", "<\\/")
    return Template(template).substitute(
        words,
        words_json=words_json,
        code=lang.code,
        lang=lang.bcp47,
        dir=lang.direction,
        easy_read="true" if lang.easy_read else "false",
        language_options=language_options(code),
        max_chars=max_chars,
        embedded="embedded" if embedded else "",
    )


def page_blueprint(max_chars: int) -> Blueprint:
    blueprint = Blueprint("web_page")
    chat_template = (STATIC / "chat.html").read_text(encoding="utf-8")
    privacy_template = (STATIC / "privacy.html").read_text(encoding="utf-8")
    blueprint.static("/static", str(STATIC), name="static")

    @blueprint.get("/")
    async def chat_page(request: Request) -> response.HTTPResponse:
        embedded = request.args.get("embed") == "1"
        page = render_page(chat_template, page_language(request), max_chars, embedded)
        return response.html(page, headers=SECURITY_HEADERS)

    @blueprint.get("/privacy")
    async def privacy_page(request: Request) -> response.HTTPResponse:
        code = page_language(request)
        lang = i18n.language(code)
        answer = render_topic("privacy", code, with_buttons=False)
        paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in answer["text"].split("\n") if line.strip())
        words = interface(code, max_chars)
        page = Template(privacy_template).substitute(
            lang=lang.bcp47, dir=lang.direction, code=code, title=html.escape(words["privacy_link"]),
            back=html.escape(words["back_to_chat"]), body=paragraphs,
        )
        return response.html(page, headers=SECURITY_HEADERS)

    @blueprint.get("/web/interface/<code>")
    async def interface_words(_: Request, code: str) -> response.HTTPResponse:
        if code not in i18n.languages():
            return response.json({"error": f"Unknown language '{code}'."}, status=404)
        lang = i18n.language(code)
        return response.json(
            {"code": code, "lang": lang.bcp47, "dir": lang.direction, "easy_read": lang.easy_read,
             "words": interface(code, max_chars)},
            headers={"Access-Control-Allow-Origin": "*"},  # the widget asks from the council's own pages
        )

    @blueprint.get("/favicon.ico")
    async def favicon(_: Request) -> response.HTTPResponse:
        return response.empty()  # no icon, and no 404 in every browser's log

    @blueprint.get("/widget.js")
    async def widget(_: Request) -> response.HTTPResponse:
        return await response.file(STATIC / "widget.js", mime_type="text/javascript; charset=utf-8")

    return blueprint


# No third-party code and no inline script, so a strict policy costs nothing.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
