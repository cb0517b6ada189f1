"""Fetching pages and feeds safely: http(s) only, public addresses only, bounded in time and size.

Feed links and redirects come from the outside, so every hop is checked: its scheme (http or https,
never ftp or file), and every address its host name resolves to (no loopback, link-local, private,
shared, multicast, reserved or unspecified address unless `allow_private` is given for an intranet
feed). The connection goes to the address that was checked, so a second DNS answer cannot swap it,
and redirects are followed here, one checked hop at a time. A fetch has a total deadline (a server
that sends one byte a second is cut at it, not just a per-read timeout), a run has one too, and a page
is read only up to its size cap.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

FETCH_TIMEOUT_S = 15.0  # one read or connect
FETCH_DEADLINE_S = 30.0  # one page, all hops and retries included
RUN_DEADLINE_S = 1800.0  # all fetches of one run
FETCH_RETRIES = 2
MAX_REDIRECTS = 5
MAX_PAGE_BYTES = 5_000_000
READ_CHUNK = 1 << 16
USER_AGENT = "marsad/0.1 (+conflict event extraction; respects robots of its users)"
REDIRECTS = (301, 302, 303, 307, 308)

Resolver = Callable[[str, int], list[str]]
AddressCheck = Callable[[str, bool], str | None]


class FetchRefused(OSError):
    """A URL or address the fetch policy does not allow: not retried."""


@dataclass
class Fetched:
    url: str
    body: bytes
    content_type: str


def system_resolver(host: str, port: int) -> list[str]:
    """Every address a host name resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise OSError(f"cannot resolve {host}: {exc.strerror or exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_problem(address: str, allow_private: bool = False) -> str | None:
    """Why an address may not be fetched, or None."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_multicast or ip.is_unspecified:
        return f"{ip} is a multicast or unspecified address"
    if ip.is_global or allow_private:
        return None
    kind = ("loopback" if ip.is_loopback else "link-local" if ip.is_link_local else
            "reserved" if ip.is_reserved else "private" if ip.is_private else "non-public")
    return f"{ip} is a {kind} address (give --allow-private to fetch from an intranet)"


class _Watchdog:
    """Shuts a connection's socket down at a deadline, so no slow read can outlive it."""

    def __init__(self, conn: http.client.HTTPConnection, seconds: float) -> None:
        self.conn = conn
        self.fired = False
        self.timer = threading.Timer(max(seconds, 0.0), self._fire)
        self.timer.daemon = True
        self.timer.start()

    def _fire(self) -> None:
        self.fired = True
        sock = self.conn.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cancel(self) -> None:
        self.timer.cancel()


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to an address already checked, with the certificate verified for the host name."""

    def __init__(self, host: str, address: str, port: int, timeout: float, context: ssl.SSLContext) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._address = address
        self._ctx = context

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._ctx.wrap_socket(sock, server_hostname=self.host)


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class Fetcher:
    """HTTP(S) GET with the checks above, a few retries and a size cap; counts what it fetched."""

    def __init__(self, limit: int | None = None, timeout: float = FETCH_TIMEOUT_S,
                 deadline: float = FETCH_DEADLINE_S, run_deadline: float = RUN_DEADLINE_S,
                 allow_private: bool = False, max_bytes: int = MAX_PAGE_BYTES, resolver: Resolver | None = None,
                 check_address: AddressCheck = address_problem) -> None:
        self.limit = limit
        self.timeout = timeout
        self.deadline = deadline
        self.run_deadline = run_deadline
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.resolver = resolver or system_resolver
        self.check_address = check_address
        self.count = 0
        self.started: float | None = None
        self._ssl = ssl.create_default_context()

    def get(self, url: str) -> Fetched:
        if self.limit is not None and self.count >= self.limit:
            raise FetchRefused(f"the per-run fetch limit of {self.limit} pages is reached (raise it with --limit)")
        now = time.monotonic()
        self.started = self.started if self.started is not None else now
        run_left = self.run_deadline - (now - self.started)
        if run_left <= 0:
            raise FetchRefused(f"the fetch time of this run ({self.run_deadline:g} s) is used up")
        self.count += 1
        until = now + min(self.deadline, run_left)
        last: Exception | None = None
        for attempt in range(FETCH_RETRIES + 1):
            try:
                return self._follow(url, until)
            except FetchRefused:
                raise
            except _HTTPStatus as exc:
                last = exc
                if exc.code < 500:
                    break  # 404 and the like do not get better with retries
            except (OSError, http.client.HTTPException) as exc:
                last = exc
            pause = 0.2 * (attempt + 1)
            if time.monotonic() + pause >= until:
                break
            time.sleep(pause)
        if time.monotonic() >= until:
            raise OSError(f"cannot fetch: no complete answer within {until - now:.0f} s")
        raise OSError(f"cannot fetch: {last}")

    def _follow(self, url: str, until: float) -> Fetched:
        for _hop in range(MAX_REDIRECTS + 1):
            status, headers, body = self._request(url, until)
            if status in REDIRECTS:
                location = headers.get("Location")
                if not location:
                    raise OSError(f"HTTP {status} redirect without a Location")
                url = urljoin(url, location.strip())
                continue
            if status >= 400:
                raise _HTTPStatus(status, headers.get("reason", ""))
            return Fetched(url, body, headers.get("Content-Type", ""))
        raise FetchRefused(f"more than {MAX_REDIRECTS} redirects")

    def _target(self, url: str) -> tuple[str, str, int, str]:
        """(scheme, host, port, path) of a URL the policy allows; FetchRefused otherwise."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchRefused(f"only http and https URLs are fetched, not {parts.scheme or 'this'}: {url[:200]}")
        if not parts.hostname:
            raise FetchRefused(f"no host in {url[:200]}")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise FetchRefused(f"bad port in {url[:200]}") from None
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return parts.scheme, parts.hostname, port, path

    def _addresses(self, host: str, port: int) -> list[str]:
        addresses = self.resolver(host, port)
        if not addresses:
            raise OSError(f"cannot resolve {host}")
        for address in addresses:
            why = self.check_address(address, self.allow_private)
            if why:
                raise FetchRefused(f"not fetched: {host} resolves to {why}")
        return addresses

    def _request(self, url: str, until: float) -> tuple[int, dict[str, str], bytes]:
        scheme, host, port, path = self._target(url)
        address = self._addresses(host, port)[0]
        left = until - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline reached")
        timeout = min(self.timeout, left)
        conn: http.client.HTTPConnection = (_PinnedHTTPS(host, address, port, timeout, self._ssl)
                                            if scheme == "https" else _PinnedHTTP(host, address, port, timeout))
        watchdog = _Watchdog(conn, left)
        try:
            conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
                                               "Connection": "close"})
            resp = conn.getresponse()
            headers = {k.title(): v for k, v in resp.getheaders()}
            headers["reason"] = resp.reason
            body = b"" if resp.status in REDIRECTS or resp.status >= 400 else self._read(resp, until)
            return resp.status, headers, body
        except (OSError, http.client.HTTPException):
            if watchdog.fired or time.monotonic() >= until:
                raise TimeoutError("deadline reached") from None
            raise
        finally:
            watchdog.cancel()
            conn.close()

    def _read(self, resp: http.client.HTTPResponse, until: float) -> bytes:
        length = resp.getheader("Content-Length")
        if length and length.isdigit() and int(length) > self.max_bytes:
            raise FetchRefused(f"page larger than {self.max_bytes // 1_000_000} MB")
        parts, size = [], 0
        while True:
            chunk = resp.read1(READ_CHUNK) if hasattr(resp, "read1") else resp.read(READ_CHUNK)
            if time.monotonic() >= until:
                raise TimeoutError("deadline reached")
            if not chunk:
                return b"".join(parts)
            parts.append(chunk)
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchRefused(f"page larger than {self.max_bytes // 1_000_000} MB")


class _HTTPStatus(OSError):
    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"HTTP {code} {reason}".strip())
        self.code = code
