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
handovers.append_column(sa.Column("kind", sa.String(30), nullable=False, server_default="handover"))
handovers.append_column(sa.Column("claimed_by", sa.Integer, nullable=True))
handovers.append_column(sa.Column("claimed_at", sa.DateTime, nullable=True))
handovers.append_column(sa.Column("outcome", sa.String(30), nullable=True))
handovers.append_column(sa.Column("closed_at", sa.DateTime, nullable=True))

# FPOC staff accounts: argon2id hashes only; role "staff" or "admin" (manages accounts).
staff = sa.Table(
    "staff",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(80), nullable=False, unique=True),
    sa.Column("display_name", sa.String(120), nullable=False),
    sa.Column("password_hash", sa.String(200), nullable=False),
    sa.Column("role", sa.String(10), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# Console sessions live on the server, so signing out really ends them.
staff_sessions = sa.Table(
    "staff_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("staff_id", sa.Integer, nullable=False),
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("last_seen_at", sa.DateTime, nullable=False),
    sa.Column("ended_at", sa.DateTime, nullable=True),
)

# Failed sign-ins per username, so guessing is slowed down across restarts.
sign_in_failures = sa.Table(
    "sign_in_failures",
    metadata,
    sa.Column("username", sa.String(80), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("last_failed_at", sa.DateTime, nullable=False),
)

# Who opened and did what in the console.
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("staff_id", sa.Integer, nullable=True),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("handover_id", sa.Integer, nullable=True),
    sa.Column("detail", sa.String(300), nullable=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
)
handovers.append_column(sa.Column("callback_number", sa.String(20), nullable=True))  # only for call-backs
handovers.append_column(sa.Column("details", sa.Text, nullable=True))  # JSON: a request form's answers

# Request forms in progress, one per conversation: the step reached and the answers so far.
forms = sa.Table(
    "forms",
    metadata,
    sa.Column("conversation_id", sa.String(200), primary_key=True),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("step", sa.Integer, nullable=False),
    sa.Column("answers", sa.Text, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)
