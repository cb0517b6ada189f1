"""What keeps the desk safe to run: request size limits, allowed hosts, headers, sessions, CSRF, roles.

- On a loopback address with no users, scripted requests need no login (as Datasette); a browser on
  another site still cannot act: a state-changing request whose `Origin` is not the desk's own is
  refused, bodies must be JSON (which a cross-site form cannot send without a CORS preflight, and no
  CORS is ever allowed), and only loopback `Host` names are answered (no DNS rebinding).
- Once users exist, or when serving on another address, every request needs a session: a secure,
  HTTP-only, SameSite=Strict cookie, and each state-changing request the session's CSRF token in the
  `X-CSRF-Token` header. Viewers read; analysts also write; admins also manage users.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from fastapi import Depends, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marsad.services import auth
from marsad.store import review
from marsad.store.database import EventStore

SESSION_COOKIE = "marsad_session"
CSRF_HEADER = "x-csrf-token"
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass
class Settings:
    db: str = "marsad.db"
    host: str = "127.0.0.1"
    port: int = 8000
    max_body: int = 2_000_000
    tiles: str | None = None  # a tile server URL template the user configured, e.g. http://tiles.local/{z}/{x}/{y}.png
    gazetteer: str | None = None
    secure_cookies: bool | None = None  # default: secure unless serving on loopback
    extra_hosts: list[str] = field(default_factory=list)

    @property
    def loopback(self) -> bool:
        return self.host in LOOPBACK

    def cookie_secure(self) -> bool:
        return (not self.loopback) if self.secure_cookies is None else self.secure_cookies

    def allowed_hosts(self) -> list[str] | None:
        """Host names answered; None when serving on another address (any name the network uses)."""
        if not self.loopback:
            return None
        return [*LOOPBACK, *self.extra_hosts]


class ApiError(Exception):
    """An error answered as JSON: {"error": message, "field": field}."""

    def __init__(self, status: int, message: str, field: str | None = None, **extra: object) -> None:
        super().__init__(message)
        self.status, self.message, self.field, self.extra = status, message, field, extra


class BodyLimit:
    """Refuses request bodies over the limit (413), whether or not the client says their length."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers") or []:
            if name == b"content-length" and (not value.isdigit() or int(value) > self.limit):
                await _plain(send, 413, f"request body over {self.limit:,} bytes")
                return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise ApiError(413, f"request body over {self.limit:,} bytes")
            return message

        await self.app(scope, limited, send)


async def _plain(send: Send, status: int, message: str) -> None:
    import json

    body = json.dumps({"error": message, "field": None}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def security_headers(tiles: str | None) -> dict[str, str]:
    img = "'self' data: blob:"
    if tiles:
        from urllib.parse import urlsplit

        parts = urlsplit(tiles)
        img += f" {parts.scheme}://{parts.netloc}"
    csp = (f"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src {img}; "
           "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
           "form-action 'self'")
    return {"content-security-policy": csp, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
            "x-frame-options": "DENY", "cross-origin-opener-policy": "same-origin",
            "cross-origin-resource-policy": "same-origin"}


def add_headers(headers: dict[str, str]) -> Callable[[Request, Callable], Awaitable]:
    async def middleware(request: Request, call_next: Callable) -> object:
        response = await call_next(request)
        for k, v in headers.items():
            response.headers.setdefault(k, v)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("cache-control", "no-store")
        return response

    return middleware


# --- per-request store and session -------------------------------------------------------------------

def get_store(request: Request):  # noqa: ANN201 - a FastAPI dependency generator
    """One connection per request (WAL, busy timeout), closed when the answer is sent."""
    store = EventStore(request.app.state.settings.db, any_thread=True)
    review.prepare_for_reading(store._execute)
    try:
        yield store
    finally:
        store.close()


LOCAL = auth.Session("local", "admin", "")


def current_session(request: Request, store: EventStore = Depends(get_store)) -> auth.Session:
    """The session of this request; on loopback with no users, the local user (no login, as Datasette)."""
    settings: Settings = request.app.state.settings
    if request.method not in SAFE_METHODS:
        origin = request.headers.get("origin")
        if origin is not None and origin != own_origin(request):
            raise ApiError(403, f"requests from {origin} are not accepted")
    if settings.loopback and not auth.has_users(store):
        return LOCAL
    session = auth.session_for(store, request.cookies.get(SESSION_COOKIE))
    if session is None:
        raise ApiError(401, "log in first (POST /api/login)")
    if request.method not in SAFE_METHODS and request.headers.get(CSRF_HEADER) != session.csrf:
        raise ApiError(403, "missing or wrong X-CSRF-Token header (GET /api/session gives it)")
    return session


def own_origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.headers.get('host', '')}"


def role(needed: str) -> Callable[..., auth.Session]:
    """A dependency: the session, if its role is at least `needed`."""

    def check(session: auth.Session = Depends(current_session)) -> auth.Session:
        if not session.may(needed):
            raise ApiError(403, f"this needs the {needed} role (you are {session.role})")
        return session

    return check


viewer = role("viewer")
analyst = role("analyst")
admin = role("admin")
