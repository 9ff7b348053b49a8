"""Builds the gateway's Sanic application from its parts."""

from __future__ import annotations

from sanic import Sanic, response
from sanic.request import Request

from advice.content import default_content
from bot import forms
from bot.action_endpoint import action_blueprint
from bot.console.routes import console_blueprint
from bot.hub import Hub
from bot.rasa_client import RasaClient
from bot.rest_channel import rest_blueprint
from bot.router import Router
from bot.settings import Settings
from bot.storage import Storage
from bot.web.page import page_blueprint
from bot.web.socket import socket_blueprint


def create_app(settings: Settings, name: str = "gateway") -> Sanic:
    default_content()  # fail at start-up, not mid-conversation, if content is broken
    forms.specs()  # likewise the request forms and their words
    app = Sanic(name)
    rasa = RasaClient(settings.rasa_url, settings.rasa_timeout_seconds)
    router = Router(rasa, Storage(settings.database_url), Hub())
    app.blueprint(action_blueprint())
    app.blueprint(rest_blueprint(router, settings.max_message_chars))
    app.blueprint(page_blueprint(settings.max_message_chars))
    app.blueprint(socket_blueprint(router, settings.max_message_chars))
    app.blueprint(console_blueprint(
        router, settings.console_secure_cookies, settings.console_idle_minutes, settings.max_message_chars
    ))

    @app.before_server_start
    async def open_client(*_: object) -> None:
        await rasa.start()

    @app.after_server_stop
    async def close_client(*_: object) -> None:
        await rasa.close()

    @app.get("/health")
    async def health(_: Request) -> response.HTTPResponse:
        return response.json({"status": "ok"})

    return app
