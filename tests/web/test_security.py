"""Safety of the desk: logins, roles, CSRF, foreign origins and hosts, size limits, no CORS, text only."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from marsad.cli import main
from marsad.services import auth
from marsad.store.database import EventStore
from marsad.web.app import create_app
from marsad.web.security import Settings
from tests.web.conftest import first_event

XSS = ('قتل خمسة مدنيين في غارة جوية على مدينة أريحا في ريف إدلب اليوم.\n\n<script>window.__pwned=1</script>'
       '<img src=x onerror="window.__pwned=2"> <a href="javascript:alert(1)">رابط</a> \u202eتحذير\u202c')


def _users(db, *users):
    store = EventStore(db)
    try:
        for name, role in users:
            auth.add_user(store, name, f"{name}-password", role)
    finally:
        store.close()


@pytest.fixture
def authed(db, pipeline):
    _users(db, ("ann", "analyst"), ("vic", "viewer"))
    app = create_app(Settings(db=str(db)))
    app.state.pipeline = pipeline
    with TestClient(app, base_url="https://127.0.0.1") as c:
        yield c


def _login(c, name):
    r = c.post("/api/login", json={"name": name, "password": f"{name}-password"})
    assert r.status_code == 200, r.json()
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    return r.json()["csrf"]


def test_with_users_every_request_needs_a_session_and_csrf(authed):
    assert authed.get("/api/events").status_code == 401
    assert authed.post("/api/login", json={"name": "ann", "password": "wrong-password"}).status_code == 401
    csrf = _login(authed, "ann")
    ev = first_event(authed)
    assert authed.patch(f"/api/events/{ev['event_id']}", json={"fatalities": 1}).status_code == 403
    r = authed.patch(f"/api/events/{ev['event_id']}", json={"fatalities": 1}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200
    assert authed.get(f"/api/events/{ev['event_id']}/history").json()[0]["user"] == "ann"
    authed.post("/api/logout", headers={"X-CSRF-Token": csrf})
    assert authed.get("/api/events").status_code == 401


def test_viewers_read_but_do_not_write(authed):
    csrf = _login(authed, "vic")
    ev = first_event(authed)
    r = authed.post(f"/api/events/{ev['event_id']}/review", json={"action": "approve"}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 403 and "analyst" in r.json()["error"]


def test_secure_cookie_off_loopback(db):
    assert Settings(db=str(db), host="0.0.0.0").cookie_secure()
    assert Settings(db=str(db), host="0.0.0.0").allowed_hosts() is None


def test_serving_elsewhere_needs_users(db, capsys):
    assert main(["serve", "--db", str(db), "--host", "0.0.0.0"]) == 2
    assert "marsad users add" in capsys.readouterr().err


def test_foreign_origins_hosts_and_big_bodies_are_refused(client):
    ev = first_event(client)
    r = client.patch(f"/api/events/{ev['event_id']}", json={"fatalities": 2}, headers={"Origin": "https://evil.test"})
    assert r.status_code == 403
    assert client.get("/api/events", headers={"Host": "evil.test"}).status_code == 400  # no DNS rebinding
    assert client.post("/api/extract", content=b"{" + b" " * 3_000_000 + b"}",
                       headers={"content-type": "application/json"}).status_code == 413
    pre = client.options("/api/events", headers={"Origin": "https://evil.test", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers
    page = client.get("/docs")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"


def test_payloads_are_kept_as_text(client, db, tmp_path, capsys):
    r = client.post("/api/documents", json={"text": XSS, "title": "<img src=x onerror=alert(1)>",
                                            "published": "2021-03-02", "url": "javascript:alert(1)"})
    assert r.status_code == 200 and r.json()["new"] == 1
    doc_id = r.json()["results"][0]["document_id"]
    doc = client.get(f"/api/documents/{doc_id}")
    assert doc.headers["content-type"] == "application/json" and doc.json()["text"] == XSS
    (tmp_path / "xss.txt").write_text(XSS.replace("خمسة", "ستة"), encoding="utf-8")
    assert main(["ingest", "--db", str(db), "--published", "2021-03-02", str(tmp_path / "xss.txt")]) == 0
    capsys.readouterr()
    assert client.get("/api/events", params={"q": "<script>"}).json()["total"] >= 1


def test_users_command(db, monkeypatch, capsys):
    monkeypatch.setenv("MARSAD_PASSWORD", "a-long-password")
    assert main(["users", "--db", str(db), "add", "amal", "--role", "admin"]) == 0
    assert main(["users", "--db", str(db), "list"]) == 0
    assert "amal\tadmin" in capsys.readouterr().out
    monkeypatch.setenv("MARSAD_PASSWORD", "short")
    assert main(["users", "--db", str(db), "add", "bad"]) == 2
    assert main(["users", "--db", str(db), "remove", "amal"]) == 0
    store = EventStore(db)
    try:
        assert not auth.has_users(store)
    finally:
        store.close()
