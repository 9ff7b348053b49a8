"""The gateway's own state, in SQL: SQLite by default, any SQLAlchemy URL by DATABASE_URL.

Rasa keeps its trackers in its own store; the gateway keeps what belongs to channels
and people: each conversation's language, web chat sessions and the whole transcript.
The schema is brought up to date by Alembic migrations when the gateway starts.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Callable, Dict, List, TypeVar

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from bot.schema import conversation_languages, messages, web_sessions

T = TypeVar("T")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StoredLanguage:
    code: str
    source: str


@dataclass(frozen=True)
class StoredMessage:
    id: int
    author: str
    text: str
    payload: Dict[str, Any]
    created_at: dt.datetime
    client_id: str | None = None

    def as_dict(self) -> Dict[str, Any]:
        found = {"id": self.id, "author": self.author, "text": self.text, **self.payload}
        if self.client_id:
            found["client_id"] = self.client_id
        return found


def _stored(row: Any) -> StoredMessage:
    return StoredMessage(row.id, row.author, row.text, json.loads(row.payload or "{}"), row.created_at, row.client_id)


def migrate(engine: sa.engine.Engine) -> None:
    """Applies every migration not yet applied (a no-op on an up-to-date database)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Storage:
    def __init__(self, url: str) -> None:
        self.engine = sa.create_engine(url, future=True)
        migrate(self.engine)

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """Runs blocking database work off the event loop."""
        return await asyncio.get_running_loop().run_in_executor(None, partial(function, *args))

    # Languages ---------------------------------------------------------------------------
    def get_language(self, conversation_id: str) -> StoredLanguage | None:
        table = conversation_languages
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(table.c.language, table.c.source).where(table.c.conversation_id == conversation_id)
            ).first()
        return StoredLanguage(row.language, row.source) if row else None

    def set_language(self, conversation_id: str, code: str, source: str) -> None:
        table = conversation_languages
        values = {"language": code, "source": source, "updated_at": utcnow()}
        with self.engine.begin() as connection:
            updated = connection.execute(
                table.update().where(table.c.conversation_id == conversation_id).values(**values)
            ).rowcount
            if not updated:
                connection.execute(table.insert().values(conversation_id=conversation_id, **values))

    # Web chat sessions ----------------------------------------------------------------------
    def create_web_session(self, token: str, conversation_id: str) -> None:
        now = utcnow()
        with self.engine.begin() as connection:
            connection.execute(
                web_sessions.insert().values(
                    token_hash=token_hash(token), conversation_id=conversation_id, created_at=now, last_seen_at=now
                )
            )

    def web_conversation(self, token: str) -> str | None:
        """The conversation a token opens, or None for a token the server never issued."""
        table = web_sessions
        with self.engine.begin() as connection:
            found = connection.execute(
                sa.select(table.c.conversation_id).where(table.c.token_hash == token_hash(token))
            ).scalar()
            if found:
                connection.execute(
                    table.update().where(table.c.token_hash == token_hash(token)).values(last_seen_at=utcnow())
                )
        return found

    # Transcripts ------------------------------------------------------------------------------
    def add_message(
        self, conversation_id: str, author: str, text: str, payload: Dict[str, Any] | None = None,
        client_id: str | None = None,
    ) -> StoredMessage | None:
        """Keeps one message; None when this client id was already kept (a resend)."""
        now = utcnow()
        with self.engine.begin() as connection:
            if client_id and connection.execute(
                sa.select(messages.c.id).where(
                    (messages.c.conversation_id == conversation_id) & (messages.c.client_id == client_id)
                )
            ).first():
                return None
            new_id = connection.execute(
                messages.insert().values(
                    conversation_id=conversation_id, author=author, text=text,
                    payload=json.dumps(payload or {}, ensure_ascii=False), client_id=client_id, created_at=now,
                )
            ).inserted_primary_key[0]
        return StoredMessage(new_id, author, text, payload or {}, now, client_id)

    def last_message(self, conversation_id: str, author: str) -> StoredMessage | None:
        """The newest message by one author (the one before the reply now being made)."""
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(messages)
                .where((messages.c.conversation_id == conversation_id) & (messages.c.author == author))
                .order_by(messages.c.id.desc())
                .limit(1)
            ).first()
        return _stored(row) if row else None

    def transcript(self, conversation_id: str, after_id: int = 0) -> List[StoredMessage]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(messages)
                .where((messages.c.conversation_id == conversation_id) & (messages.c.id > after_id))
                .order_by(messages.c.id)
            ).all()
        return [_stored(row) for row in rows]
