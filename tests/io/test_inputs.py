"""Input records checked field by field, strict decoding, and the reading of every file type."""

import gzip
import json
import subprocess
import sys

import pytest

from marsad.cli import main
from marsad.io.inputs import InputProblem, read_inputs, read_jsonl, read_txt
from marsad.model import Document

ARTICLE = ("قتل ثلاثة مدنيين وأصيب خمسة آخرون، أمس الأربعاء، جراء غارات شنتها طائرات حربية روسية على بلدة "
           "كفرنبل في ريف إدلب الجنوبي.")


def records(tmp_path, *lines, name="in.jsonl", encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes("".join(line + "\n" for line in lines).encode(encoding))
    return p


def read(path, **kw):
    return list(read_jsonl(path, None, kw.pop("max_chars", 500_000), **kw))


def problems(items, warnings=False):
    return [str(i) for i in items if isinstance(i, InputProblem) and i.warning == warnings]


def docs(items):
    return [i for i in items if isinstance(i, Document)]


@pytest.mark.parametrize("record, field, words", [
    ({"id": "t", "text": ARTICLE, "title": 5}, "title", "must be a string, not a number"),
    ({"id": "t", "text": ARTICLE, "title": ["a"]}, "title", "not a list"),
    ({"id": "t", "text": ARTICLE, "url": 7}, "url", "not a number"),
    ({"id": "t", "text": ARTICLE, "outlet": {"n": 1}}, "outlet", "not an object"),
    ({"id": "t", "text": ARTICLE + "\ud800"}, "text", "lone surrogate"),
    ({"id": "t", "text": ARTICLE, "title": "x\udfff"}, "title", "lone surrogate"),
    ({"id": "t", "text": ARTICLE, "published": 0}, "published", "must be a date string"),
    ({"id": "t", "text": ARTICLE, "published": 20180305}, "published", "must be a date string"),
])
def test_fields_of_the_wrong_type_are_refused_naming_the_field(tmp_path, record, field, words):
    items = read(records(tmp_path, json.dumps(record)))
    assert docs(items) == []
    [problem] = [i for i in items if not i.warning]
    assert f"field '{field}'" in problem.message and words in problem.message
    assert problem.id == "t"  # the record still gets its (error) output line


@pytest.mark.parametrize("rid, words", [(["x"], "not a list"), ({"a": 1}, "not an object"), (1.5, "not a number"),
                                        (True, "not true/false"), ("\ud800", "lone surrogate")])
def test_bad_ids_are_refused_not_turned_into_text(tmp_path, rid, words):
    items = read(records(tmp_path, json.dumps({"id": rid, "text": ARTICLE})))
    assert docs(items) == [] and "field 'id'" in items[0].message and words in items[0].message
    assert items[0].id is None


def test_whole_number_ids_are_kept_as_text(tmp_path):
    [doc] = docs(read(records(tmp_path, json.dumps({"id": 17, "text": ARTICLE}))))
    assert doc.id == "17"


def test_duplicate_ids_are_reported_across_files(tmp_path):
    a = records(tmp_path, json.dumps({"id": "d", "text": ARTICLE}), name="a.jsonl")
    b = records(tmp_path, json.dumps({"id": "d", "text": ARTICLE}), name="b.jsonl")
    items = list(read_inputs([str(a), str(b)], None, 500_000))
    assert len(docs(items)) == 2
    assert problems(items, warnings=True) == [f"{b}:1: id 'd' repeats the record at {a}:1"]


def test_no_arabic_warning_for_records_too(tmp_path):
    items = read(records(tmp_path, json.dumps({"id": "e", "text": "Three civilians were killed."})))
    assert len(docs(items)) == 1 and "no Arabic" in problems(items, warnings=True)[0]


def test_json_error_message_reads_well(tmp_path):
    items = read(records(tmp_path, '{"id": "x", "text": "abc'))
    assert problems(items) == [f"{tmp_path / 'in.jsonl'}:1: not JSON (Unterminated string starting at column 21)"]


@pytest.mark.parametrize("line, words", [("[" * 100_000, "nested too deeply"), ("1" * 5000, "not usable JSON")])
def test_json_that_python_cannot_hold_is_a_line_error(tmp_path, line, words):
    items = read(records(tmp_path, line, json.dumps({"id": "ok", "text": ARTICLE})))
    assert words in problems(items)[0] and [d.id for d in docs(items)] == ["ok"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_jsonl_in_utf8_or_with_a_bom_is_read(tmp_path, encoding):
    line = json.dumps({"id": "u", "text": ARTICLE}, ensure_ascii=False)
    found = docs(read(records(tmp_path, line, line.replace('"u"', '"v"'), encoding=encoding)))
    assert [d.id for d in found] == ["u", "v"] and found[0].text == ARTICLE


@pytest.mark.parametrize("encoding", ["cp1256", "latin-1"])
def test_jsonl_in_another_encoding_is_an_error_not_garbled_text(tmp_path, encoding):
    text = ARTICLE if encoding == "cp1256" else "Größe über Ärger Öl Übung Straße"
    p = records(tmp_path, json.dumps({"id": "w", "text": text}, ensure_ascii=False), encoding=encoding)
    items = read(p)
    assert docs(items) == [] and str(p) in problems(items)[0] and "--encoding" in problems(items)[0]


def test_jsonl_with_an_explicit_encoding(tmp_path):
    p = records(tmp_path, json.dumps({"id": "w", "text": ARTICLE}, ensure_ascii=False), encoding="cp1256")
    [doc] = docs(read(p, encoding="cp1256"))
    assert doc.text == ARTICLE and "\ufffd" not in doc.text


def test_unknown_encoding_is_one_error(tmp_path):
    p = records(tmp_path, json.dumps({"id": "w", "text": ARTICLE}))
    assert problems(read_inputs([str(p)], None, 1000, "klingon")) == [
        "--encoding: --encoding: unknown encoding 'klingon' (e.g. utf-8, cp1256, latin-1)"]


def test_latin1_text_file_is_not_taken_as_windows_1256(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("ÃÕÑÌÍÎÏÐ ÒÓÔ ØÙÚÛ ÝÞß ãäåæ Müller ìíîï Größe ðñòó Über".encode("latin-1"))
    items = list(read_txt(p, None, 500_000))
    assert docs(items) == [] and "not UTF-8" in problems(items)[0]


def test_windows_1256_text_file_is_decoded_with_a_warning(tmp_path):
    p = tmp_path / "arabic.txt"
    p.write_bytes(ARTICLE.encode("cp1256"))
    items = list(read_txt(p, None, 500_000))
    assert docs(items)[0].text == ARTICLE
    assert "decoded as cp1256 (a guess" in problems(items, warnings=True)[0]


def test_text_file_with_an_explicit_encoding(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("ÃÕÑÌÍÎÏÐ Müller Größe".encode("latin-1"))
    assert docs(read_txt(p, None, 500_000, "latin-1"))[0].text == "ÃÕÑÌÍÎÏÐ Müller Größe"


def test_surrogate_record_does_not_stop_the_batch(capsys, tmp_path):
    p = records(tmp_path, json.dumps({"id": "s", "text": "\ud800"}), json.dumps({"id": "\ud800", "text": ARTICLE}),
                json.dumps({"id": "ok", "text": ARTICLE, "published": "2021-03-04"}, ensure_ascii=False))
    code = main(["extract", str(p), "--format", "jsonl"])
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and [r["id"] for r in rows] == ["s", "ok"] and rows[1]["events"]
    assert "lone surrogate" in rows[0]["error"] and f"{p}:2: field 'id' contains a lone surrogate" in err


def test_jsonl_gz_truncated_or_not_gzip_is_one_line(tmp_path):
    good = tmp_path / "in.jsonl.gz"
    with gzip.open(good, "wt", encoding="utf-8") as fh:
        for n in range(2000):
            fh.write(json.dumps({"id": f"r{n}", "text": ARTICLE + str(n) * 50}, ensure_ascii=False) + "\n")
    data = good.read_bytes()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    items = read(cut)
    assert 0 < len(docs(items)) < 2000
    [problem] = problems(items)
    assert "gzip data is truncated" in problem and "records before it were read" in problem
    plain = records(tmp_path, json.dumps({"id": "p", "text": ARTICLE}), name="plain.jsonl.gz")
    assert problems(read(plain)) == [f"{plain}:1: cannot read on: not gzip data, though the name ends in .gz; "
                                     "the records before it were read"]


def test_max_chars_bounds_a_jsonl_line_before_it_is_parsed(tmp_path):
    p = records(tmp_path, json.dumps({"id": "big", "text": "ب" * 200_000}), json.dumps({"id": "ok", "text": ARTICLE}))
    items = read(p, max_chars=1000)
    assert "line longer than" in problems(items)[0] and [d.id for d in docs(items)] == ["ok"]


def test_closed_standard_input_is_one_line():
    proc = subprocess.run([sys.executable, "-m", "marsad.cli", "extract", "-", "--format", "jsonl"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
                          preexec_fn=lambda: __import__("os").close(0))
    assert proc.returncode == 1 and "standard input is closed" in proc.stderr and "Traceback" not in proc.stderr
