"""Ingest sources: bad records, encodings and size limits before decoding or decompressing."""

import gzip
import json
import sqlite3
import subprocess
import sys

import pytest

from marsad.cli import main
from marsad.io.sources import Fetcher, IngestProblem, iter_source
from marsad.model import Document

ARTICLE = ("قصفت قوات النظام بالمدفعية الثقيلة بلدة كفرنبل في ريف إدلب الجنوبي، ما أدى إلى مقتل ثلاثة مدنيين وإصابة "
           "آخرين بجروح، بحسب الدفاع المدني الذي قال إن فرقه انتشلت الجثث من تحت الأنقاض وسط استمرار القصف.")


def ingest(capsys, *argv):
    code = main(["ingest", *argv, "-q"])
    out, err = capsys.readouterr()
    return code, out, err


def stored(db):
    with sqlite3.connect(db) as con:
        return sorted(r[0] for r in con.execute("SELECT ext_id FROM documents"))


def test_ingest_refuses_bad_fields_and_keeps_the_rest(capsys, tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [{"id": "sur", "text": ARTICLE + "\ud800", "published": "2021-03-04"},
             {"id": "url", "text": ARTICLE + " 1", "url": 5},
             {"id": "outlet", "text": ARTICLE + " 2", "outlet": ["x"]},
             {"id": "ok", "text": ARTICLE, "published": "2021-03-04"}]
    src.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    code, out, err = ingest(capsys, str(src), "--db", str(tmp_path / "s.db"))
    assert code == 1 and "Traceback" not in out + err
    assert stored(tmp_path / "s.db") == ["ok"]
    for field in ("text", "url", "outlet"):
        assert f"field '{field}'" in out + err


def test_ingest_latin1_text_is_refused_and_1256_is_a_warning(capsys, tmp_path):
    (tmp_path / "latin.txt").write_bytes("ÃÕÑÌÍÎÏÐ ÒÓÔ ØÙÚÛ ÝÞß ãäåæ Müller ìíîï Größe".encode("latin-1"))
    (tmp_path / "arabic.txt").write_bytes(ARTICLE.encode("cp1256"))
    items = list(iter_source(str(tmp_path), Fetcher()))
    assert [d.text for d in items if isinstance(d, Document)] == [ARTICLE]
    assert any(p.warning and "cp1256 (a guess" in p.reason for p in items if isinstance(p, IngestProblem))
    assert any(not p.warning and "not UTF-8" in p.reason for p in items if isinstance(p, IngestProblem))


@pytest.mark.parametrize("name", ["long.txt", "long.txt.gz", "long.html", "long.html.gz", "long.jsonl"])
def test_max_chars_applies_to_every_file_type(tmp_path, name):
    text = ARTICLE * 40  # about 8,000 characters
    body = (json.dumps({"id": "l", "text": text}, ensure_ascii=False) + "\n" if ".jsonl" in name
            else f"<html><body><article><p>{text}</p></article></body></html>" if ".html" in name else text)
    data = body.encode("utf-8")
    (tmp_path / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    items = list(iter_source(str(tmp_path / name), Fetcher(), max_chars=1000))
    assert not [d for d in items if isinstance(d, Document)]
    assert "over the limit" in items[0].reason or "longer than" in items[0].reason


def test_gzip_bomb_is_refused_at_the_limit_with_little_memory(tmp_path):
    """A 390 KB .html.gz that expands to 400 MB: refused once the limit is passed, memory stays small."""
    member = gzip.compress(b"<p>" + b"a" * (1 << 20) + b"</p>", compresslevel=9)  # gzip members concatenate
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(member * 400)
    assert bomb.stat().st_size < 500_000
    probe = ("import resource, subprocess, sys\n"
             "p = subprocess.run([sys.executable, '-m', 'marsad.cli', 'ingest', sys.argv[1], '--db', sys.argv[2],"
             " '-q'], capture_output=True, text=True, timeout=120)\n"
             "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
             "print(p.stdout + p.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", probe, str(bomb), str(tmp_path / "s.db")], capture_output=True,
                          text=True, timeout=180)
    first, output = proc.stdout.split("\n", 1)
    code, max_rss_kb = (int(x) for x in first.split())
    assert code == 1 and "over the limit" in output and "Traceback" not in output
    assert max_rss_kb < 300_000, f"{max_rss_kb / 1000:.0f} MB"
