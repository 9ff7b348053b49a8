"""Staff accounts, console sessions, sign-in failures and the audit log, in SQL.

Passwords are stored as argon2id hashes (argon2-cffi's defaults, RFC 9106). Sessions are
random tokens kept server-side by their hash, so signing out or timing out really ends
them; each has its own CSRF token.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from dataclasses import dataclass
from typing import Any, List

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.schema import audit_log, sign_in_failures, staff, staff_sessions
from bot.storage import Storage, token_hash, utcnow

ROLES = ("staff", "admin")
FREE_TRIES = 5  # wrong passwords before each further try must wait
MAX_WAIT_SECONDS = 300
MIN_PASSWORD_CHARS = 12
_hasher = PasswordHasher()  # argon2id
# Verified against when the username does not exist, so timing does not tell which usernames do.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class StaffMember:
    id: int
    username: str
    display_name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class ConsoleSession:
    staff: StaffMember
    csrf_token: str

    def csrf_ok(self, offered: str | None) -> bool:
        return bool(offered) and hmac.compare_digest(self.csrf_token, offered)


def _member(row: Any) -> StaffMember:
    return StaffMember(row.id, row.username, row.display_name, row.role)


class AccountError(ValueError):
    """A request to create an account that cannot be met, with the reason for a person."""


def wait_after(failures: int) -> int:
    """Seconds to wait before the next try: none for the first five, then doubling."""
    if failures < FREE_TRIES:
        return 0
    return min(MAX_WAIT_SECONDS, 2 ** (failures - FREE_TRIES + 1))


class Accounts:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.engine = storage.engine

    # Accounts ------------------------------------------------------------------------------------
    def create(self, username: str, display_name: str, password: str, role: str = "staff") -> StaffMember:
        username = username.strip().lower()
        if not username or len(username) > 80 or not username.replace(".", "").replace("-", "").isalnum():
            raise AccountError("A username is letters and numbers (dots and dashes allowed), up to 80.")
        if role not in ROLES:
            raise AccountError(f"The role must be one of: {', '.join(ROLES)}.")
        if len(password) < MIN_PASSWORD_CHARS:
            raise AccountError(f"A password needs at least {MIN_PASSWORD_CHARS} characters.")
        with self.engine.begin() as connection:
            if connection.execute(sa.select(staff.c.id).where(staff.c.username == username)).first():
                raise AccountError(f"There is already an account called {username}.")
            new_id = connection.execute(staff.insert().values(
                username=username, display_name=display_name.strip() or username, password_hash=_hasher.hash(password),
                role=role, active=True, created_at=utcnow(),
            )).inserted_primary_key[0]
        return StaffMember(new_id, username, display_name.strip() or username, role)

    def all(self) -> List[StaffMember]:
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(staff).order_by(staff.c.username)).all()
        return [_member(row) for row in rows]

    def member(self, staff_id: int) -> StaffMember | None:
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(staff).where(staff.c.id == staff_id)).first()
        return _member(row) if row else None

    # Signing in ----------------------------------------------------------------------------------
    def seconds_to_wait(self, username: str) -> int:
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(sign_in_failures).where(sign_in_failures.c.username == username.strip().lower())
            ).first()
        if not row:
            return 0
        waited = (utcnow() - row.last_failed_at).total_seconds()
        return max(0, int(wait_after(row.count) - waited + 0.999))

    def check_password(self, username: str, password: str) -> StaffMember | None:
        """The member if the password is right; a wrong one is counted."""
        username = username.strip().lower()
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(staff).where((staff.c.username == username) & staff.c.active)
            ).first()
        try:
            _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
            if row is None:
                raise VerificationError("no such account")
        except (VerificationError, InvalidHashError):
            self._count_failure(username)
            return None
        self._clear_failures(username)
        return _member(row)

    def _count_failure(self, username: str) -> None:
        table = sign_in_failures
        with self.engine.begin() as connection:
            updated = connection.execute(
                table.update().where(table.c.username == username)
                .values(count=table.c.count + 1, last_failed_at=utcnow())
            ).rowcount
            if not updated:
                connection.execute(table.insert().values(username=username, count=1, last_failed_at=utcnow()))

    def _clear_failures(self, username: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(sign_in_failures.delete().where(sign_in_failures.c.username == username))

    # Sessions ------------------------------------------------------------------------------------
    def start_session(self, member: StaffMember) -> str:
        token = secrets.token_urlsafe(32)
        now = utcnow()
        with self.engine.begin() as connection:
            connection.execute(staff_sessions.insert().values(
                token_hash=token_hash(token), staff_id=member.id, csrf_token=secrets.token_urlsafe(32),
                created_at=now, last_seen_at=now,
            ))
        return token

    def session(self, token: str | None, idle: dt.timedelta, touch: bool = True) -> ConsoleSession | None:
        """The live session for a cookie; an idle one is ended here. `touch` counts it as activity."""
        if not token:
            return None
        table = staff_sessions
        with self.engine.begin() as connection:
            row = connection.execute(
                sa.select(table).where((table.c.token_hash == token_hash(token)) & table.c.ended_at.is_(None))
            ).first()
            if not row:
                return None
            if utcnow() - row.last_seen_at > idle:
                connection.execute(table.update().where(table.c.token_hash == row.token_hash).values(ended_at=utcnow()))
                return None
            if touch:
                connection.execute(
                    table.update().where(table.c.token_hash == row.token_hash).values(last_seen_at=utcnow())
                )
        member = self.member(row.staff_id)
        return ConsoleSession(member, row.csrf_token) if member else None

    def end_session(self, token: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                staff_sessions.update()
                .where(staff_sessions.c.token_hash == token_hash(token))
                .values(ended_at=utcnow())
            )

    # Audit ---------------------------------------------------------------------------------------
    def audit(self, staff_id: int | None, action: str, handover_id: int | None = None, detail: str = "") -> None:
        with self.engine.begin() as connection:
            connection.execute(audit_log.insert().values(
                staff_id=staff_id, action=action, handover_id=handover_id, detail=detail[:300], created_at=utcnow()
            ))

    def audit_entries(self, limit: int = 200) -> list:
        with self.engine.connect() as connection:
            return connection.execute(
                sa.select(audit_log, staff.c.username)
                .select_from(audit_log.outerjoin(staff, staff.c.id == audit_log.c.staff_id))
                .order_by(audit_log.c.id.desc())
                .limit(limit)
            ).all()
