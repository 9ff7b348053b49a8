"""Serves Rasa's custom actions (package actions/) inside the gateway process.

Same wire protocol as rasa_sdk's own action server, so Rasa's endpoints.yml just
points at http://127.0.0.1:$PORT/actions/webhook.
"""

from __future__ import annotations

import logging

from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException
from sanic import Blueprint, response
from sanic.request import Request

logger = logging.getLogger(__name__)


def action_blueprint(package: str = "actions") -> Blueprint:
    executor = ActionExecutor()
    executor.register_package(package)
    blueprint = Blueprint("actions", url_prefix="/actions")

    @blueprint.post("/webhook")
    async def webhook(request: Request) -> response.HTTPResponse:
        call = request.json
        if not isinstance(call, dict):
            return response.json({"error": "expected a JSON object"}, status=400)
        try:
            result = await executor.run(call)
        except ActionExecutionRejection as error:
            return response.json({"error": error.message, "action_name": error.action_name}, status=400)
        except ActionNotFoundException as error:
            logger.error("unknown action %s", error.action_name)
            return response.json({"error": error.message, "action_name": error.action_name}, status=404)
        return response.json(result)

    @blueprint.get("/")
    async def list_actions(_: Request) -> response.HTTPResponse:
        return response.json([{"name": name} for name in executor.actions])

    return blueprint
