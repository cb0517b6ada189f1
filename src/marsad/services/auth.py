"""Users, passwords and sessions of the review desk.

Passwords are hashed with Argon2id (argon2-cffi); a session is a random token whose SHA-256 alone is
stored, so a copied database gives no one a live session. Each session carries its own CSRF token,
which every state-changing request must echo in a header. Roles: a viewer reads, an analyst also
edits, reviews and ingests, an admin also manages users.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from marsad.store import review
from marsad.store.database import EventStore

SESSION_SECONDS = 12 * 3600
ROLE_RANK = {role: n for n, role in enumerate(review.ROLES)}
USER_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
_HASHER = PasswordHasher()


class AuthError(ValueError):
    """A user or password that cannot be accepted (the message says why)."""


@dataclass(frozen=True)
class Session:
    user: str
    role: str
    csrf: str

    def may(self, role: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


def add_user(store: EventStore, name: str, password: str, role: str) -> None:
    if not USER_NAME.match(name):
        raise AuthError("a user name is 1-64 letters, digits or . _ @ -")
    if role not in ROLE_RANK:
        raise AuthError(f"role must be one of {', '.join(review.ROLES)}")
    if len(password) < 8:
        raise AuthError("a password needs at least 8 characters")
    store._execute("INSERT INTO users VALUES (?,?,?,?) ON CONFLICT(name) DO UPDATE SET "
                   "password_hash = excluded.password_hash, role = excluded.role",
                   (name, _HASHER.hash(password), role, review.now()))


def remove_user(store: EventStore, name: str) -> bool:
    store._execute("DELETE FROM sessions WHERE user = ?", (name,))
    return store._execute("DELETE FROM users WHERE name = ?", (name,)).rowcount > 0


def list_users(store: EventStore) -> list[dict[str, str]]:
    return [{"name": r[0], "role": r[1], "created_at": r[2]}
            for r in store._execute("SELECT name, role, created_at FROM users ORDER BY name")]


def has_users(store: EventStore) -> bool:
    return store._execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def login(store: EventStore, name: str, password: str) -> tuple[str, Session]:
    """A new session token for a user whose password is right; AuthError otherwise (same message either way)."""
    row = store._execute("SELECT password_hash, role FROM users WHERE name = ?", (name,)).fetchone()
    try:
        if row is None:
            _HASHER.hash(password)  # the same work whether or not the user exists
            raise VerificationError
        _HASHER.verify(row[0], password)
    except (VerificationError, InvalidHashError):
        raise AuthError("wrong user name or password") from None
    token = secrets.token_urlsafe(32)
    session = Session(name, row[1], secrets.token_urlsafe(24))
    store._execute("DELETE FROM sessions WHERE expires_at < ?", (time.time(),))
    store._execute("INSERT INTO sessions VALUES (?,?,?,?)",
                   (_token_hash(token), name, session.csrf, time.time() + SESSION_SECONDS))
    return token, session


def session_for(store: EventStore, token: str | None) -> Session | None:
    if not token:
        return None
    row = store._execute("SELECT s.user, u.role, s.csrf FROM sessions s JOIN users u ON u.name = s.user "
                         "WHERE s.token_hash = ? AND s.expires_at > ?", (_token_hash(token), time.time())).fetchone()
    return Session(row[0], row[1], row[2]) if row else None


def logout(store: EventStore, token: str | None) -> None:
    if token:
        store._execute("DELETE FROM sessions WHERE token_hash = ?", (_token_hash(token),))
