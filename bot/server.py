"""Runs the gateway alone: python -m bot.server (the launcher runs it beside Rasa)."""

from __future__ import annotations

import logging

from bot.app import create_app
from bot.settings import Settings


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s gateway %(levelname)s %(message)s")
    settings = Settings.from_env()
    app = create_app(settings)
    app.run(host=settings.host, port=settings.port, access_log=False, motd=False)


if __name__ == "__main__":
    main()
