"""Call-back numbers and request details on queue items; request forms in progress.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    with op.batch_alter_table("handovers") as batch:
        batch.add_column(sa.Column("callback_number", sa.String(20), nullable=True))
        batch.add_column(sa.Column("details", sa.Text, nullable=True))
    op.create_table(
        "forms",
        sa.Column("conversation_id", sa.String(200), primary_key=True),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("step", sa.Integer, nullable=False),
        sa.Column("answers", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("forms")
    with op.batch_alter_table("handovers") as batch:
        batch.drop_column("details")
        batch.drop_column("callback_number")
