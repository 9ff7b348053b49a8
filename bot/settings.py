"""Gateway settings, from the environment, with defaults that need no credentials."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    try:
        return int(raw) if raw else default
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}") from None


def data_dir() -> Path:
    """Where local state lives (SQLite files); DATA_DIR to change."""
    path = Path(os.environ.get("DATA_DIR") or PROJECT_ROOT / "var")
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    rasa_url: str
    rasa_timeout_seconds: float
    max_message_chars: int
    database_url: str
    console_secure_cookies: bool = True
    console_idle_minutes: int = 30

    @classmethod
    def from_env(cls) -> Settings:
        rasa_port = _int("RASA_PORT", 5005)
        return cls(
            host=os.environ.get("HOST", "127.0.0.1"),
            port=_int("PORT", 8000),
            rasa_url=os.environ.get("RASA_URL", f"http://127.0.0.1:{rasa_port}"),
            rasa_timeout_seconds=float(_int("RASA_TIMEOUT_SECONDS", 30)),
            max_message_chars=_int("MAX_MESSAGE_CHARS", 2000),
            database_url=os.environ.get("DATABASE_URL") or f"sqlite:///{data_dir() / 'gateway.db'}",
            # Browsers keep Secure cookies on http://localhost too; 0 only for another plain-HTTP host.
            console_secure_cookies=os.environ.get("CONSOLE_SECURE_COOKIES", "1") != "0",
            console_idle_minutes=_int("CONSOLE_IDLE_MINUTES", 30),
        )
