"""The gateway's own state, in SQL: SQLite by default, any SQLAlchemy URL by DATABASE_URL.

Rasa keeps its trackers in its own store; the gateway keeps what belongs to
channels and people (for now: each conversation's language, so a restart keeps it).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, TypeVar

import sqlalchemy as sa

T = TypeVar("T")
metadata = sa.MetaData()

conversation_languages = sa.Table(
    "conversation_languages",
    metadata,
    sa.Column("conversation_id", sa.String(200), primary_key=True),
    sa.Column("language", sa.String(20), nullable=False),
    # explicit (the person chose), hint (channel), detected, or default
    sa.Column("source", sa.String(20), nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)


@dataclass(frozen=True)
class StoredLanguage:
    code: str
    source: str


class Storage:
    def __init__(self, url: str) -> None:
        self.engine = sa.create_engine(url, future=True)
        metadata.create_all(self.engine)

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """Runs blocking database work off the event loop."""
        return await asyncio.get_running_loop().run_in_executor(None, partial(function, *args))

    def get_language(self, conversation_id: str) -> StoredLanguage | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(conversation_languages.c.language, conversation_languages.c.source).where(
                    conversation_languages.c.conversation_id == conversation_id
                )
            ).first()
        return StoredLanguage(row.language, row.source) if row else None

    def set_language(self, conversation_id: str, code: str, source: str) -> None:
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        table = conversation_languages
        with self.engine.begin() as connection:
            updated = connection.execute(
                table.update()
                .where(table.c.conversation_id == conversation_id)
                .values(language=code, source=source, updated_at=now)
            ).rowcount
            if not updated:
                connection.execute(
                    table.insert().values(conversation_id=conversation_id, language=code, source=source, updated_at=now)
                )
