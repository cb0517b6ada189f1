"""How fast the review desk answers over a large store: the API with filters, and the queue in a browser.

Usage: python bench/api.py [--events 20000] [--db PATH] [--runs 15]

Fills a store with synthetic events through the real store API (`EventStore.add_document`, actors from
the lexicon and places from the gazetteer, spread over two years, with ACLED's dedup running as it
does on ingest), serves it with `marsad serve` (its own process) on a loopback port, then prints:
- `GET /api/events` with two filters (country and event type; sub-event type and a date range), and the
  default queue and a map/timeline call, median and worst of several runs;
- the queue's first page in headless Chromium (navigation to the table drawn), when /usr/bin/chromium
  exists. It prints the machine and the figures; it asserts no time (targets: 200 ms, 1 s).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.acled.taxonomy import EVENT_TYPES  # noqa: E402
from marsad.geo.gazetteer import builtin_gazetteer  # noqa: E402
from marsad.model import ActorMention, Document, Event, Location, Span  # noqa: E402
from marsad.stages.actors import builtin_actor_lexicon  # noqa: E402
from marsad.store.database import EventStore  # noqa: E402

WORDS = "قتل مدنيون في قصف على بلدة في ريف المحافظة اليوم بحسب مصادر محلية واشتباكات بين الفصائل وقوات".split()


def fill(db: Path, n_events: int, seed: int = 7) -> float:
    """Store about `n_events` events (one or two per synthetic article); returns the seconds it took."""
    rng = random.Random(seed)
    actors = [a for a in builtin_actor_lexicon().actors.values()][:300]
    places = [p for p in builtin_gazetteer().places.values() if p.kind not in ("country", "region")][:2000]
    subs = [(t, s) for t, ss in EVENT_TYPES.items() for s in ss]
    start = date(2023, 1, 1)
    store = EventStore(db)
    t0 = time.perf_counter()
    made = n = 0
    try:
        while made < n_events:
            n += 1
            words = " ".join(rng.choice(WORDS) for _ in range(40))
            text = f"{words} {n}."
            day = start + timedelta(days=rng.randrange(730))
            events = []
            for _ in range(1 if rng.random() < 0.7 else 2):
                et, sub = rng.choice(subs)
                place = rng.choice(places)
                a1, a2 = rng.choice(actors), rng.choice(actors)
                loc = Location(place.name, place.name_ar, place.country, place.admin1, place.admin2, place.admin3,
                               place.latitude, place.longitude, rng.choice((1, 1, 2, 3)), text[0:3], 0, 3,
                               place_id=place.id, kind=place.kind)
                events.append(Event(et, sub, day, 1, actor1=ActorMention(4, 9, text[4:9], a1, a1.name),
                                    actor2=ActorMention(10, 15, text[10:15], a2, a2.name), location=loc,
                                    fatalities=rng.choice((0, 0, 1, 2, 3, 5, 12)), notes=f"Synthetic event {n}.",
                                    evidence=[Span(0, len(text))], confidence=round(rng.uniform(0.3, 1.0), 3)))
            doc = Document(f"bench-{n}", text, day, f"Synthetic {n}", f"https://bench.test/{n}",
                           rng.choice(("Enab Baladi", "Al Jazeera", "SANA", "Asharq Al-Awsat")))
            made += store.add_document(doc, events, "bench").events
    finally:
        store.close()
    return time.perf_counter() - t0


def timed_get(url: str, runs: int) -> tuple[float, float, int]:
    times, size = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        with urllib.request.urlopen(url) as resp:
            size = len(resp.read())
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times), size


def browser_first_page(url: str, runs: int = 3) -> list[float] | None:
    if not Path("/usr/bin/chromium").exists():
        return None
    from playwright.sync_api import sync_playwright

    from tests.web.browser import ARGS

    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(runs + 1):  # the first load fills the browser's cache of the scripts
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            t0 = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("body[data-ready=queue]", state="attached", timeout=30000)
            wall = (time.perf_counter() - t0) * 1000
            drawn = page.evaluate("performance.getEntriesByName('queue-drawn')[0]?.startTime")
            out.append((drawn if drawn is not None else wall, wall))
            assert page.locator("table.events tbody tr").count() > 0
            page.close()
        browser.close()
    return out[1:]


@contextmanager
def served(db: Path):
    """`marsad serve` in its own process (as an analyst runs it), on a free loopback port."""
    from tests.web.browser import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db", str(db), "--port", str(port)],
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/api/config").read()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("marsad serve did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=20_000)
    ap.add_argument("--db", help="reuse (or create) this store instead of a temporary one")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = Path(args.db) if args.db else Path(tmp.name) / "bench.db"
    print(f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()}")
    if not db.exists():
        secs = fill(db, args.events)
        print(f"filled {db} with {args.events:,} events through EventStore.add_document in {secs:.1f} s")
    store = EventStore(db)
    total = store.stats()["events"]
    store.close()
    print(f"store: {total:,} events, {db.stat().st_size / 1e6:.1f} MB")
    store = EventStore(db)
    country = store._execute("SELECT country, COUNT(*) FROM events GROUP BY 1 ORDER BY 2 DESC").fetchone()[0]
    store.close()
    two = f"country={urllib.parse.quote(country)}&event_type=Battles"
    with served(db) as base:
        timed_get(base + "/api/stats", 1)  # the first request of a fresh server
        for label, path in (
                ("two filters: country + event type", f"/api/events?{two}"),
                ("two filters: sub-type + date range",
                 "/api/events?sub_event_type=Air%2Fdrone%20strike&since=2024-01-01&until=2024-06-30"),
                ("the default queue (no filter)", "/api/events"),
                ("two filters + free text", f"/api/events?{two}&q=Synthetic%2012"),
                ("map points, two filters", f"/api/events/points?{two}"),
                ("timeline, two filters", f"/api/events/timeline?{two}")):
            med, worst, size = timed_get(base + path, args.runs)
            print(f"GET {label:38} median {med:7.1f} ms  worst {worst:7.1f} ms  ({size / 1e3:,.0f} KB)")
        pages = browser_first_page(f"{base}/#/?{two}")
        if pages is None:
            print("browser: skipped (no /usr/bin/chromium)")
        else:
            drawn, wall = [p[0] for p in pages], [p[1] for p in pages]
            print(f"browser: queue's first page drawn {statistics.median(drawn):.0f} ms after navigation started "
                  f"(median; worst {max(drawn):.0f} ms); seen drawn by the test driver after "
                  f"{statistics.median(wall):.0f} ms (headless Chromium, 1366x768, {len(pages)} loads after a warm-up)")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
