"""The built web app ships in the package and loads nothing from outside the app's own origin."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from marsad.web.app import DOCS_PAGE, STATIC


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.refs += [v for k, v in attrs if k in ("src", "href") and v]


def _refs(html: str) -> list[str]:
    parser = _Refs()
    parser.feed(html)
    return parser.refs


def test_built_assets_are_in_the_package():
    index = (STATIC / "index.html").read_text(encoding="utf-8")
    refs = _refs(index)
    assert any(r.endswith(".js") for r in refs) and any(r.endswith(".css") for r in refs)
    for ref in refs:
        if ref.startswith("/static/"):
            assert (STATIC / ref.removeprefix("/static/")).is_file(), ref
    for name in ("outlines/countries.json", "outlines/admin1-index.json", "outlines/admin1/SY.json",
                 "swagger/swagger-ui-bundle.js",
                 "swagger/swagger-ui.css", "swagger/docs-init.js"):
        assert (STATIC / name).stat().st_size > 100, name


def test_pages_reference_only_the_apps_origin():
    for html in ((STATIC / "index.html").read_text(encoding="utf-8"), DOCS_PAGE):
        for ref in _refs(html):
            assert ref.startswith("/") and not ref.startswith("//") or ref.startswith(("#", "data:")), ref
    for css in (STATIC / "assets").glob("*.css"):
        for url in re.findall(r"url\(([^)]*)\)", css.read_text(encoding="utf-8")):
            url = url.strip("'\"")
            assert not re.match(r"^(https?:)?//", url), (css.name, url)


def test_the_app_is_served(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    script = next(r for r in _refs(page.text) if r.endswith(".js"))
    assert client.get(script).status_code == 200
    assert client.get("/docs").status_code == 200
    assert client.get("/static/../pyproject.toml").status_code == 404
