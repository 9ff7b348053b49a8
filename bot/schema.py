"""The gateway's tables. Changes go through a migration in bot/migrations/versions/."""

from __future__ import annotations

import sqlalchemy as sa

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

# A web chat conversation is reached by a random token the server issued; only its hash is kept.
web_sessions = sa.Table(
    "web_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("conversation_id", sa.String(200), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("last_seen_at", sa.DateTime, nullable=False),
)

# The whole transcript of every conversation, on every channel: staff read it at handover.
messages = sa.Table(
    "messages",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("conversation_id", sa.String(200), nullable=False, index=True),
    sa.Column("author", sa.String(20), nullable=False),  # person, assistant, staff
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("payload", sa.Text, nullable=True),  # JSON: buttons and reply metadata
    sa.Column("client_id", sa.String(64), nullable=True),  # the sender's id, so a resend is not stored twice
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("conversation_id", "client_id", name="uq_messages_client_id"),
)

# The queue for First Point of Contact staff: one open item per conversation at most.
handovers = sa.Table(
    "handovers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("conversation_id", sa.String(200), nullable=False, index=True),
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("language", sa.String(20), nullable=False),
    sa.Column("urgency", sa.Integer, nullable=False),  # 0 urgent (safety), 1 normal: the queue sorts on it
    sa.Column("reason", sa.String(30), nullable=False),  # asked, not_understood, safety
    sa.Column("state", sa.String(20), nullable=False),  # waiting, claimed, closed
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)
