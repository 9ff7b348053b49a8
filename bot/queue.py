"""The handover queue for First Point of Contact staff, in SQL.

One open item per conversation at most; urgency only ever rises (0 urgent, 1 normal);
the queue is ordered most urgent first, then longest waiting. Claiming is one UPDATE
that only succeeds on an unclaimed item, so two staff can never hold the same one.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Dict, List

import sqlalchemy as sa

from bot.schema import handovers, messages
from bot.storage import Storage, utcnow

URGENT, NORMAL = 0, 1
NEEDS_NUMBER, WAITING, CLAIMED, CLOSED = "needs_number", "waiting", "claimed", "closed"
QUEUE_STATES = (WAITING, CLAIMED)  # what staff see
OPEN_STATES = (NEEDS_NUMBER, WAITING, CLAIMED)  # a call-back waiting for its number is not yet in the queue
OUTCOMES = ("answered", "referred", "called_back", "no_reply", "handed_back", "withdrawn")


@dataclass(frozen=True)
class Handover:
    id: int
    conversation_id: str
    channel: str
    language: str
    urgency: int
    reason: str
    state: str
    kind: str
    created_at: dt.datetime
    claimed_by: int | None = None
    outcome: str | None = None
    callback_number: str | None = None
    details: str | None = None

    @property
    def answers(self) -> dict:
        return json.loads(self.details) if self.details else {}

    @property
    def waiting_minutes(self) -> int:
        return max(0, int((utcnow() - self.created_at).total_seconds() // 60))


def _handover(row) -> Handover:
    return Handover(**{name: row._mapping[name] for name in Handover.__dataclass_fields__})


class Queue:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.engine = storage.engine

    def open_for(self, conversation_id: str) -> Handover | None:
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(handovers)
                .where((handovers.c.conversation_id == conversation_id) & handovers.c.state.in_(OPEN_STATES))
                .order_by(handovers.c.id.desc())
            ).first()
        return _handover(row) if row else None

    def get(self, handover_id: int) -> Handover | None:
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(handovers).where(handovers.c.id == handover_id)).first()
        return _handover(row) if row else None

    def add(
        self, conversation_id: str, channel: str, language: str, urgency: int, reason: str, kind: str = "handover",
        state: str = WAITING, details: dict | None = None, callback_number: str | None = None,
        separate: bool = False,
    ) -> Handover:
        """Puts a conversation in the queue; one already there keeps its place (and takes
        the higher urgency). A request form's item is `separate`: it is always its own."""
        existing = None if separate else self.open_for(conversation_id)
        now = utcnow()
        with self.engine.begin() as connection:
            if existing:
                connection.execute(
                    handovers.update()
                    .where(handovers.c.id == existing.id)
                    .values(urgency=min(urgency, existing.urgency), updated_at=now)
                )
            else:
                connection.execute(handovers.insert().values(
                    conversation_id=conversation_id, channel=channel, language=language, urgency=urgency,
                    reason=reason, state=state, kind=kind, created_at=now, updated_at=now,
                    details=json.dumps(details, ensure_ascii=False) if details else None,
                    callback_number=callback_number,
                ))
        return self.open_for(conversation_id)

    def waiting_ahead(self, handover: Handover) -> int:
        """How many unclaimed items staff will see before this one."""
        with self.engine.connect() as connection:
            return connection.execute(
                sa.select(sa.func.count()).select_from(handovers).where(
                    (handovers.c.state == WAITING) & (handovers.c.id != handover.id) & (
                        (handovers.c.urgency < handover.urgency)
                        | ((handovers.c.urgency == handover.urgency) & (handovers.c.created_at <= handover.created_at))
                    )
                )
            ).scalar_one()

    def open_items(self) -> List[Handover]:
        """Most urgent first, then longest waiting."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(handovers)
                .where(handovers.c.state.in_(QUEUE_STATES))
                .order_by(handovers.c.urgency, handovers.c.created_at, handovers.c.id)
            ).all()
        return [_handover(row) for row in rows]

    def set_call_back_number(self, handover_id: int, number: str) -> None:
        """The number arrived: the call-back joins the queue (its waiting time starts now)."""
        with self.engine.begin() as connection:
            connection.execute(
                handovers.update()
                .where((handovers.c.id == handover_id) & (handovers.c.state == NEEDS_NUMBER))
                .values(callback_number=number, state=WAITING, created_at=utcnow(), updated_at=utcnow())
            )

    def to_call_back(self, handover_id: int) -> None:
        """The team stopped working while this person waited: a call-back instead, once they give a number."""
        with self.engine.begin() as connection:
            connection.execute(
                handovers.update()
                .where((handovers.c.id == handover_id) & (handovers.c.state == WAITING))
                .values(state=NEEDS_NUMBER, kind="call_back", updated_at=utcnow())
            )

    def withdraw(self, handover_id: int) -> None:
        """The person changed their mind before anyone picked it up."""
        with self.engine.begin() as connection:
            connection.execute(
                handovers.update()
                .where((handovers.c.id == handover_id) & handovers.c.state.in_((NEEDS_NUMBER, WAITING)))
                .values(state=CLOSED, outcome="withdrawn", closed_at=utcnow(), updated_at=utcnow())
            )

    def call_backs(self) -> List[Handover]:
        """Call-backs still to make, oldest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(handovers)
                .where(handovers.c.state.in_(QUEUE_STATES) & handovers.c.callback_number.is_not(None))
                .order_by(handovers.c.urgency, handovers.c.created_at)
            ).all()
        return [_handover(row) for row in rows]

    def claim(self, handover_id: int, staff_id: int) -> bool:
        """True if this staff member now holds the item; False if anyone else got there first."""
        with self.engine.begin() as connection:
            claimed = connection.execute(
                handovers.update()
                .where((handovers.c.id == handover_id) & (handovers.c.state == WAITING))
                .values(state=CLAIMED, claimed_by=staff_id, claimed_at=utcnow(), updated_at=utcnow())
            ).rowcount
        return claimed == 1

    def close(self, handover_id: int, staff_id: int, outcome: str) -> bool:
        """Ends an item held by this staff member, with its outcome."""
        with self.engine.begin() as connection:
            closed = connection.execute(
                handovers.update()
                .where((handovers.c.id == handover_id) & (handovers.c.state == CLAIMED)
                       & (handovers.c.claimed_by == staff_id))
                .values(state=CLOSED, outcome=outcome, closed_at=utcnow(), updated_at=utcnow())
            ).rowcount
        return closed == 1

    def topics(self, conversation_id: str) -> List[str]:
        """The topics the assistant answered so far, in order, each once."""
        return self.topics_of_many([conversation_id])[conversation_id]

    def topics_of_many(self, conversation_ids: List[str]) -> Dict[str, List[str]]:
        """topics() for a whole queue page in one query (the page refreshes every few seconds)."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(messages.c.conversation_id, messages.c.payload).where(
                    messages.c.conversation_id.in_(conversation_ids) & (messages.c.author == "assistant")
                ).order_by(messages.c.id)
            ).all()
        found: Dict[str, Dict[str, None]] = {cid: {} for cid in conversation_ids}
        for cid, payload in rows:
            topic = json.loads(payload or "{}").get("custom", {}).get("topic")
            if topic and not topic.startswith("handover_"):
                found[cid][topic] = None
        return {cid: list(topics) for cid, topics in found.items()}
