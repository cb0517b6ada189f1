"""End to end in a real browser (Playwright driving Debian's Chromium): the desk as an analyst uses it."""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.web.app import create_app
from marsad.web.security import Settings
from tests.web.browser import LiveServer, launch, require_chromium
from tests.web.conftest import ROOT, ingest
from tests.web.test_security import XSS

# The screenshots of the queue, the article view and the map: into docs/ (committed, shown in the README)
# when MARSAD_SCREENSHOTS=docs, else into a temporary folder, so a test run leaves the work tree as it was.
SHOTS_IN_DOCS = os.environ.get("MARSAD_SCREENSHOTS") == "docs"
DOCS = ROOT / "docs" if SHOTS_IN_DOCS else Path(tempfile.mkdtemp(prefix="marsad-shots-"))
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def desk(tmp_path_factory, pipeline):
    require_chromium()
    from playwright.sync_api import sync_playwright

    db = tmp_path_factory.mktemp("browser") / "desk.db"
    ingest(db, pipeline)
    xss = tmp_path_factory.mktemp("xss") / "xss.txt"
    xss.write_text(XSS, encoding="utf-8")
    for source in (ROOT / "examples", xss):
        assert main(["ingest", "--db", str(db), "--published", "2021-03-02", "-q", str(source)]) in (0, 1)
    app = create_app(Settings(db=str(db)))
    app.state.pipeline = pipeline
    with LiveServer(app) as server, sync_playwright() as pw:
        browser = launch(pw)
        outside: list[str] = []
        server.db, server.browser, server.outside = db, browser, outside
        yield server
        browser.close()
    assert not outside, f"requests outside the app's origin: {outside}"


@pytest.fixture
def page(desk):
    context = desk.browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(f"{e} {e.stack}"))
    pg.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("request", lambda r: None if r.url.startswith((desk.url, "data:", "blob:")) else desk.outside.append(r.url))
    pg.errors = errors
    yield pg
    context.close()
    assert not errors, errors


def open_queue(page, desk, query=""):
    page.goto(f"{desk.url}/#/{query}")
    page.wait_for_selector("body[data-ready=queue]", state="attached")


def open_event(page, desk, event_id):
    page.goto(f"{desk.url}/#/event/{event_id}")
    page.wait_for_selector("body[data-ready=event]", state="attached")


def change(page, selector, value):
    """Type into a form field and let the form hear of it (as leaving the field does)."""
    page.fill(selector, value)
    page.dispatch_event(selector, "change")


def api(page, desk, path):
    return page.request.get(f"{desk.url}{path}").json()


def event_of(page, desk, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return api(page, desk, f"/api/events?{query}")["events"][0]


def test_queue_filters_and_keyboard_review(page, desk):
    open_queue(page, desk)
    total = page.locator("table.events tbody tr").count()
    assert total >= 5
    page.wait_for_selector("body[data-map-ready]", state="attached")
    page.screenshot(path=str(DOCS / "queue.png"))
    page.select_option("select[name=sub_event_type]", "Air/drone strike")
    page.click("form.filters button[type=submit]")
    page.wait_for_function("location.hash.includes('sub_event_type=Air')")
    page.wait_for_selector("body[data-ready=queue]", state="attached")
    subs = page.locator("table.events td.sub_event_type").all_inner_texts()
    assert subs and all("Air/drone strike" in s for s in subs) and len(subs) < total
    assert "approve" in page.inner_text("#keys")
    open_queue(page, desk, "?sort=event_date")
    page.click("th[data-key=fatalities]")
    page.wait_for_function("location.hash.includes('sort=fatalities')")
    page.keyboard.press("j")
    first = page.get_attribute("tr.sel", "data-id")
    page.keyboard.press("a")
    page.wait_for_selector(f"tr[data-id={first}].approved")
    second = page.get_attribute("tr.sel", "data-id")
    page.keyboard.press("r")
    page.fill("dialog input[name=reason]", "a report of an earlier attack")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"tr[data-id={second}].rejected")
    assert api(page, desk, f"/api/events/{second}")["review"] == {
        "status": "rejected", "reason": "a report of an earlier attack", "by": "local",
        "at": api(page, desk, f"/api/events/{second}")["review"]["at"]}
    assert re.search(r"approved [1-9]", page.inner_text(".counts"))


def test_article_highlights_the_evidence_of_a_field(page, desk):
    ev = event_of(page, desk, sub_event_type="Air/drone strike")
    open_event(page, desk, ev["event_id"])
    page.hover("tr[data-field=location]")
    lit = page.locator(".article.lit-location .seg.f-location")
    assert lit.count() >= 1
    assert lit.first.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 213, 79)"
    detail = api(page, desk, f"/api/events/{ev['event_id']}")
    shown = page.get_attribute(".tabs button.on", "data-doc")
    words = {e["text"] for e in detail["evidence"] if e["field"] == "location" and str(e["document_id"]) == shown}
    assert "".join(lit.all_inner_texts()) in words
    page.hover(".seg.f-actor1")
    assert page.get_attribute("tr[data-field=actor1]", "class") == "lit" or "lit" in page.get_attribute(
        "tr[data-field=actor1]", "class")
    page.wait_for_selector(".candidates li")
    page.screenshot(path=str(DOCS / "article.png"))


def test_edit_survives_reprocess(page, desk, capsys):
    ev = event_of(page, desk, sub_event_type="Shelling/artillery/missile attack")
    open_event(page, desk, ev["event_id"])
    page.keyboard.press("e")
    change(page, "#edit-form input[name=fatalities]", "9")
    change(page, "#edit-form textarea[name=notes]", "Checked against the civil defence's report.")
    page.click("#save")
    page.wait_for_selector(".message.ok")
    assert main(["reprocess", "--db", str(desk.db)]) == 0
    capsys.readouterr()
    open_event(page, desk, ev["event_id"])
    assert page.inner_text("tr[data-field=fatalities] td") == "9"
    assert "civil defence" in page.inner_text("tr[data-field=notes] td")
    assert "edited" in page.get_attribute("tr[data-field=fatalities]", "class")


def test_pin_and_place_picker_set_the_location(page, desk):
    ev = event_of(page, desk, sub_event_type="Armed clash")
    open_event(page, desk, ev["event_id"])
    page.keyboard.press("e")
    page.fill(".edit-row .picker input[aria-label=location]", "ariha")
    page.click(".picks li >> text=Ariha")
    page.wait_for_timeout(600)  # the map pans to the place picked
    page.locator("#mini-map").scroll_into_view_if_needed()
    box = page.locator(".leaflet-marker-icon.pin").bounding_box()
    page.mouse.move(box["x"] + 11, box["y"] + 11)
    page.mouse.down()
    page.mouse.move(box["x"] + 60, box["y"] + 40, steps=5)
    page.mouse.up()
    page.click("#save")
    page.wait_for_selector(".message.ok")
    loc = api(page, desk, f"/api/events/{ev['event_id']}")["location"]
    assert loc["name"] == "Ariha" and loc["geo_precision"] == 1
    assert (loc["latitude"], loc["longitude"]) != (35.8137, 36.6096)  # moved by the pin


def test_select_words_as_evidence_and_learn_an_alias(page, desk, tmp_path, monkeypatch):
    from marsad.resource_files import clear_caches

    monkeypatch.setenv("MARSAD_HOME", str(tmp_path))
    clear_caches()
    try:
        ev = event_of(page, desk, sub_event_type="Air/drone strike")
        open_event(page, desk, ev["event_id"])
        page.evaluate("""() => {
            const seg = [...document.querySelectorAll('.article .seg')].find(s => s.textContent.includes('طائرات'));
            const i = seg.textContent.indexOf('طائرات حربية');
            const r = document.createRange();
            r.setStart(seg.firstChild, i);
            r.setEnd(seg.firstChild, i + 'طائرات حربية'.length);
            getSelection().removeAllRanges();
            getSelection().addRange(r);
        }""")
        page.dispatch_event(".article", "mouseup")
        page.select_option("#evidence-field", "actor1")
        page.click("#set-evidence")
        page.wait_for_selector("#accept-offer")
        page.click("#accept-offer")
        page.wait_for_selector(".message.ok")
        detail = api(page, desk, f"/api/events/{ev['event_id']}")
        assert any(e["source"] == "analyst" and e["text"] == "طائرات حربية" for e in detail["evidence"])
        page.goto(f"{desk.url}/#/resources")
        page.wait_for_selector("body[data-ready=resources]", state="attached")
        assert "طائرات حربية" in page.inner_text("#resources")
        page.click("#resources button")
        page.wait_for_selector("#resources >> text=Nothing added yet.")
    finally:
        monkeypatch.undo()
        clear_caches()


def test_split_and_merge(page, desk):
    ev = event_of(page, desk, sub_event_type="Air/drone strike", q="أريحا")
    reports = api(page, desk, f"/api/events/{ev['event_id']}")["reports"]
    assert len(reports) >= 2
    lowest = min(r["fatalities"] for r in reports if r["fatalities"] > 0)
    open_event(page, desk, ev["event_id"])
    page.click("#reports .report:nth-child(2) button.split")
    page.wait_for_selector(".message.ok:text('Split')")
    new_id = re.search(r"EV[0-9A-F]{12}", page.inner_text(".message")).group(0)
    assert len(api(page, desk, f"/api/events/{ev['event_id']}")["reports"]) == len(reports) - 1
    page.check(f"#merge input[data-id={new_id}]")
    page.click("#merge-button")
    page.wait_for_selector(".message.ok:text('Merged')")
    merged = api(page, desk, f"/api/events/{ev['event_id']}")
    assert len(merged["reports"]) == len(reports) and merged["fatalities"] == lowest  # ACLED's rule again


def test_export_the_filtered_view_as_csv(page, desk):
    open_queue(page, desk, "?sub_event_type=Air%2Fdrone%20strike")
    with page.expect_download() as dl:
        page.click("a[data-format=csv]")
    rows = list(csv.DictReader(io.StringIO(Path(dl.value.path()).read_text(encoding="utf-8"))))
    shown = api(page, desk, "/api/events?sub_event_type=Air/drone%20strike")["total"]
    assert rows and len(rows) == shown and all(r["sub_event_type"] == "Air/drone strike" for r in rows)
    assert rows[0]["event_id_cnty"].startswith("SYR")


def test_an_xss_article_executes_nothing(page, desk):
    hit = api(page, desk, "/api/events?q=%3Cscript%3E")
    assert hit["total"] >= 1
    open_event(page, desk, hit["events"][0]["event_id"])
    page.click(".tabs button:text('xss.txt')")
    page.wait_for_selector(".article >> text=window.__pwned")
    text = page.inner_text(".article")
    assert "<script>window.__pwned=1</script>" in text and "⟦U+202E⟧" in text
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".article img, .article script, a[href^='javascript']").count() == 0
    open_queue(page, desk, "?q=%3Cscript%3E")
    assert page.evaluate("window.__pwned") is None


def test_map_and_timeline_filter_the_table(page, desk):
    page.goto(f"{desk.url}/#/map")
    page.wait_for_selector("body[data-map-ready]", state="attached")
    page.wait_for_timeout(500)
    page.screenshot(path=str(DOCS / "map.png"))
    page.locator(".leaflet-interactive").first.click(force=True)
    assert page.locator("tr.sel").count() == 1
    box = page.locator("svg.timeline").bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 30)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 30, steps=4)
    page.mouse.up()
    page.wait_for_function("location.hash.includes('until=')")
    page.wait_for_selector("body[data-ready=queue]", state="attached")
    dates = [d for d in page.locator("td.event_date").all_inner_texts() if d != "?"]
    until = re.search(r"until=([0-9-]+)", page.evaluate("location.hash")).group(1)
    assert all(d <= until for d in dates)


def test_two_analysts_at_once_lose_no_update(desk):
    one = desk.browser.new_context(viewport={"width": 1366, "height": 768})
    two = desk.browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        a, b = one.new_page(), two.new_page()
        ev = a.request.get(f"{desk.url}/api/events?sub_event_type=Abduction/forced%20disappearance").json()["events"][0]
        other = a.request.get(f"{desk.url}/api/events?sub_event_type=Peaceful%20protest").json()["events"][0]
        for pg in (a, b):
            open_event(pg, desk, ev["event_id"])
            pg.keyboard.press("e")
        change(a, "#edit-form input[name=fatalities]", "2")
        change(b, "#edit-form textarea[name=notes]", "Second analyst's note.")
        a.click("#save")
        a.wait_for_selector(".message.ok")
        b.click("#save")
        b.wait_for_selector(".message.error")
        assert "Another analyst" in b.inner_text(".message")
        assert b.inner_text("tr[data-field=fatalities] td") == "2"  # the newer event is shown
        b.keyboard.press("e")
        change(b, "#edit-form textarea[name=notes]", "Second analyst's note.")
        b.click("#save")
        b.wait_for_selector(".message.ok")
        final = a.request.get(f"{desk.url}/api/events/{ev['event_id']}").json()
        assert final["fatalities"] == 2 and final["notes"] == "Second analyst's note."
        open_event(a, desk, other["event_id"])
        a.keyboard.press("a")
        a.wait_for_selector("#status:text('approved')")
    finally:
        one.close()
        two.close()


def test_api_docs_work_offline(page, desk):
    page.goto(f"{desk.url}/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 20
    assert "PATCH" in page.inner_text("#swagger-ui")
