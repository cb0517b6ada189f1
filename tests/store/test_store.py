"""The event store: ingest from files, pages and feeds on a loopback server, dedup, exports, crashes."""

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from marsad.acled.taxonomy import ACLED_COLUMNS
from tests.helpers import run_cli as run

ROOT = Path(__file__).resolve().parents[2]

# Two outlets report one air strike differently; a third report is a different incident (an arrest) in the
# same town on the same day.
REPORT_A = ("شنت طائرات حربية روسية صباح اليوم غارات على مدينة أريحا في ريف إدلب الجنوبي، ما أدى إلى مقتل خمسة "
            "مدنيين بينهم طفلان، بحسب ما أفاد الدفاع المدني.")
REPORT_B = ("قتل أربعة مدنيين على الأقل، اليوم الثلاثاء، في غارات جوية نفذتها الطائرات الحربية الروسية على أحياء "
            "سكنية في مدينة أريحا جنوبي إدلب، وفق مصادر محلية.")
REPORT_C = ("اعتقلت هيئة تحرير الشام، اليوم، ثلاثة ناشطين إعلاميين في مدينة أريحا بريف إدلب بعد مداهمة منازلهم، "
            "بحسب ناشطين محليين.")
PUB = "2021-03-02"  # a Tuesday



def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# --- a loopback web server with fixture pages and feeds ---------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title}</title><meta property="og:site_name" content="موقع الاختبار">
<meta property="article:published_time" content="{date}T09:00:00+03:00"></head>
<body><header><nav>الرئيسية | أخبار | اتصل بنا</nav></header>
<article><h1>{title}</h1><p>{body}</p><p>وأضاف المصدر أن فرق الإسعاف نقلت المصابين إلى المشافي القريبة، فيما تستمر
أعمال البحث عن ناجين تحت الأنقاض في الحي المستهدف.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def feed(base):
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>أخبار الاختبار</title>
<item><title>غارات على أريحا</title><link>{base}/a.html</link><pubDate>Tue, 02 Mar 2021 08:00:00 +0000</pubDate>
<description>غارات روسية على أريحا</description></item>
<item><title>اعتقالات في أريحا</title><link>{base}/c.html</link><pubDate>Tue, 02 Mar 2021 09:00:00 +0000</pubDate>
<description>اعتقالات</description></item>
<item><title>صفحة مفقودة</title><link>{base}/missing.html</link><description>قصير</description></item>
<item><title>ليست صفحة</title><link>{base}/redirect-image</link><description>قصير</description></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path == "/redirect-image":
            self.send_response(302)
            self.send_header("Location", "/image.png")
            self.end_headers()
            return
        route = self.routes.get(self.path)
        if route is None:
            self.send_response(404)
            self.end_headers()
            return
        body, ctype = route
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.routes = {
        "/a.html": (PAGE.format(title="غارات على أريحا", date="2021-03-02", body=REPORT_A).encode("utf-8"),
                    "text/html; charset=utf-8"),
        "/c.html": (PAGE.format(title="اعتقالات في أريحا", date="2021-03-02", body=REPORT_C).encode("utf-8"),
                    "text/html; charset=utf-8"),
        "/b-1256.html": (PAGE.replace('charset="utf-8"', 'charset="windows-1256"').format(
            title="غارات جوية", date="2021-03-02", body=REPORT_B).encode("cp1256"), "text/html"),
        "/feed.xml": (feed(base).encode("utf-8"), "application/rss+xml"),
        "/broken.xml": (b"<?xml version='1.0'?><rss><channel><item><title>x</title></chan", "application/rss+xml"),
        "/image.png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()


def test_feed_pages_encodings_and_failures(capsys, tmp_path, server):
    db = tmp_path / "m.db"
    code, out, err = run(capsys, "ingest", f"{server}/feed.xml", f"{server}/b-1256.html", f"{server}/broken.xml",
                         "--allow-private", "--db", str(db), "-q")
    assert code == 1  # something failed, and the batch went on
    assert "3 new documents" in out
    assert "missing.html: cannot fetch: HTTP 404" in err  # problems go to stderr, the summary to stdout
    assert "redirect-image: not an HTML page (image/png)" in err
    assert "broken.xml: not a valid feed" in err
    assert "failed:" not in out
    con = sqlite3.connect(db)
    docs = con.execute("SELECT url, outlet, published, text FROM documents ORDER BY id").fetchall()
    assert all(d[1] == "موقع الاختبار" and d[2] == "2021-03-02" for d in docs)
    assert any("أريحا" in d[3] and "غارات جوية" in d[3] for d in docs)  # the Windows-1256 page, decoded
    assert not any("جميع الحقوق محفوظة" in d[3] for d in docs)  # boilerplate left out
    code, out, _ = run(capsys, "ingest", f"{server}/feed.xml", f"{server}/b-1256.html", "--db", str(db), "-q",
                          "--allow-private")
    assert "0 new documents" in out and "3 already known" in out


def test_idempotent_and_dedup_across_outlets(capsys, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": REPORT_A, "published": PUB, "outlet": "Outlet A", "url": "https://a.example/1"},
        {"id": "b", "text": REPORT_B, "published": PUB, "outlet": "Outlet B", "url": "https://b.example/9"},
        {"id": "c", "text": REPORT_C, "published": PUB, "outlet": "Outlet A", "url": "https://a.example/2"},
        {"id": "a-again", "text": REPORT_A + "\n", "published": PUB, "outlet": "Outlet A"},  # same text
    ])
    db = tmp_path / "m.db"
    code, out, _ = run(capsys, "ingest", str(src), "--db", str(db), "-q")
    assert code == 0 and "3 new documents" in out and "1 already known" in out
    code, out, _ = run(capsys, "ingest", str(src), "--db", str(db), "-q")
    assert "0 new documents" in out and "4 already known" in out
    code, out, _ = run(capsys, "export", "--db", str(db), "--format", "jsonl")
    events = [json.loads(line) for line in out.splitlines()]
    strikes = [e for e in events if e["sub_event_type"] == "Air/drone strike"]
    arrests = [e for e in events if e["event_type"] in ("Strategic developments", "Violence against civilians")]
    assert len(strikes) == 1 and len(arrests) == 1
    strike = strikes[0]
    assert {s["outlet"] for s in strike["sources"]} == {"Outlet A", "Outlet B"}
    assert strike["fatalities"] == 4  # the most conservative report
    assert strike["event_id"].startswith("EV")
    code, out, _ = run(capsys, "export", "--db", str(db), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    row = dict(zip(rows[0], next(r for r in rows[1:] if "Air/drone" in r[6])))
    assert row["source"] == "Outlet A; Outlet B" and row["country"] == "Syria"


def test_exports_read_back(capsys, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": REPORT_A, "published": PUB, "outlet": "A"},
                                              {"id": "c", "text": REPORT_C, "published": PUB, "outlet": "A"}])
    db = tmp_path / "m.db"
    run(capsys, "ingest", str(src), "--db", str(db), "-q")
    gj = tmp_path / "e.geojson"
    code, _, _ = run(capsys, "export", "--db", str(db), "--format", "geojson", "-o", str(gj))
    data = json.loads(gj.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 2
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert 35.5 < lon < 37 and 35 < lat < 36.5
    import pyarrow as pa
    import pyarrow.parquet as pq

    pqf = tmp_path / "e.parquet"
    code, _, _ = run(capsys, "export", "--db", str(db), "--format", "parquet", "-o", str(pqf))
    table = pq.read_table(pqf)
    assert table.num_rows == 2
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("fatalities").type == pa.int32()
    assert table.schema.field("latitude").type == pa.float64()


def test_filters_stats_and_reprocess_keep_ids(capsys, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": REPORT_A, "published": PUB, "outlet": "A"},
                                              {"id": "c", "text": REPORT_C, "published": PUB, "outlet": "A"}])
    db = tmp_path / "m.db"
    run(capsys, "ingest", str(src), "--db", str(db), "-q")
    _, out, _ = run(capsys, "events", "--db", str(db), "--sub-type", "Air/drone strike", "--format", "jsonl")
    before = [json.loads(line)["event_id"] for line in out.splitlines()]
    assert len(before) == 1
    _, out, _ = run(capsys, "events", "--db", str(db), "--near", "35.81,36.61,15", "--since", "2021-03-01")
    assert "2 events" in out
    _, out, _ = run(capsys, "events", "--db", str(db), "--actor", "Russia", "--admin1", "Idleb")
    assert "1 events" in out
    _, out, _ = run(capsys, "events", "--db", str(db), "--text", "الدفاع المدني")
    assert "1 events" in out
    code, out, _ = run(capsys, "reprocess", "--db", str(db))
    assert code == 0 and "reprocessed 2 documents" in out
    _, out, _ = run(capsys, "events", "--db", str(db), "--sub-type", "Air/drone strike", "--format", "jsonl")
    assert [json.loads(line)["event_id"] for line in out.splitlines()] == before
    _, out, _ = run(capsys, "stats", "--db", str(db))
    assert "documents 2" in out and "Air/drone strike" in out


def test_bad_near_and_missing_store(capsys, tmp_path):
    code, _, err = run(capsys, "events", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "no store here" in err
    db = tmp_path / "m.db"
    write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": REPORT_A, "published": PUB}])
    run(capsys, "ingest", str(tmp_path / "in.jsonl"), "--db", str(db), "-q")
    code, _, err = run(capsys, "events", "--db", str(db), "--near", "somewhere")
    assert code == 2 and "--near expects LAT,LON,KM" in err


def _many_articles(n):
    towns = ["أريحا", "سراقب", "معرة النعمان", "كفرنبل", "جسر الشغور", "سرمين", "بنش", "تفتناز"]
    for k in range(n):
        town = towns[k % len(towns)]
        yield {"id": f"doc-{k}", "published": "2021-03-02", "outlet": f"Outlet {k % 3}",
               "text": f"قصفت قوات النظام بالمدفعية الثقيلة صباح اليوم بلدة {town} في ريف إدلب، ما أدى إلى مقتل "
                       f"{k % 7 + 1} مدنيين، بحسب ما أفاد مراسل محلي في تقرير رقم {k}."}


def _count(db, table):
    try:
        con = sqlite3.connect(db, timeout=30)
        n = con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        con.close()
        return n
    except sqlite3.OperationalError:
        return 0


def test_sigkill_loses_nothing_committed(tmp_path):
    src = write_jsonl(tmp_path / "many.jsonl", list(_many_articles(400)))
    db = tmp_path / "m.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-m", "marsad.cli", "ingest", str(src), "--db", str(db), "-q"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while _count(db, "documents") < 40 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    first = _count(db, "documents")
    assert 0 < first < 400, "the kill must land in the middle of the batch"
    # every stored document has its events: no half-written document
    con = sqlite3.connect(db)
    orphans = con.execute("SELECT COUNT(*) FROM documents d WHERE NOT EXISTS "
                          "(SELECT 1 FROM reports r WHERE r.document_id = d.id)").fetchone()[0]
    assert orphans == 0
    con.close()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"{400 - first} new documents" in done.stdout and f"{first} already known" in done.stdout
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM documents").fetchone() == (400, 400)
    assert con.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 400
    con.close()


def test_two_ingests_at_once_do_not_corrupt(tmp_path):
    a = write_jsonl(tmp_path / "a.jsonl", list(_many_articles(60)))
    b = write_jsonl(tmp_path / "b.jsonl", [dict(r, id="b" + r["id"], text=r["text"] + " (نسخة ثانية)")
                                           for r in _many_articles(60)])
    db = tmp_path / "m.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    procs = [subprocess.Popen([sys.executable, "-m", "marsad.cli", "ingest", str(p), "--db", str(db), "-q"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for p in (a, b)]
    for p in procs:
        p.wait(timeout=120)
        assert p.returncode == 0, p.stderr.read()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 120
    con.close()
