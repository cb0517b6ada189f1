"""`marsad batch`: partitions that add up to `marsad extract`, a manifest that lets a killed run resume."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from marsad.services.batch import MANIFEST, BatchError, BatchOptions, run_batch
from tests.helpers import run_cli as run
from tests.services.articles import documents, write_jsonl

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


class Stop(Exception):
    """Stands for the process being killed right after a partition was committed."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    big = write_jsonl(folder / "big.jsonl", documents(30))
    small = write_jsonl(folder / "small.jsonl", documents(34)[30:])
    return [str(big), str(small)]


@pytest.fixture(scope="module")
def extracted(corpus):
    cmd = [sys.executable, "-m", "marsad.cli", "extract", *corpus, "--format", "jsonl", "--workers", "1"]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=ENV)
    assert out.returncode == 0, out.stderr
    return out.stdout


def joined(out_dir: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(out_dir.glob("part-*.jsonl")))


def manifest(out_dir: Path) -> dict:
    return json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))


def _stop_after(n: int, seen: list[str]):
    def hook(part):
        seen.append(part.id)
        if len(seen) == n:
            raise Stop
    return hook


def test_partitions_add_up_to_extract_and_a_stopped_run_resumes(corpus, extracted, tmp_path):
    out = tmp_path / "out"
    opts = BatchOptions(chunk=4)
    first: list[str] = []
    with pytest.raises(Stop):
        run_batch(corpus, out, opts, workers=2, on_partition=_stop_after(3, first))
    m = manifest(out)
    assert not m["complete"] and sorted(m["partitions"]) == sorted(first)
    second: list[str] = []
    summary = run_batch(corpus, out, opts, workers=2, on_partition=second.append)
    assert not set(first) & {p.id for p in second}  # nothing done twice
    assert len(first) + len(second) == summary.partitions == 8 + 1  # 30 records by 4, then the small file
    assert summary.done_before == 3 and summary.records == 34 and summary.failed == 0
    assert joined(out) == extracted and manifest(out)["complete"]
    assert summary.events == sum(len(json.loads(line)["events"]) for line in extracted.splitlines())


def test_a_partition_written_but_not_in_the_manifest_is_redone_once(corpus, extracted, tmp_path):
    out = tmp_path / "out"
    run_batch(corpus, out, BatchOptions(chunk=10), workers=1)
    m = manifest(out)
    del m["partitions"]["0000-big-00001"]  # killed between the file's rename and the manifest's
    m["complete"] = False
    (out / MANIFEST).write_text(json.dumps(m), encoding="utf-8")
    (out / "part-0000-big-00002.jsonl.123.tmp").write_text("half a partition", encoding="utf-8")
    redone: list = []
    run_batch(corpus, out, BatchOptions(chunk=10), workers=1, on_partition=redone.append)
    assert [p.id for p in redone] == ["0000-big-00001"]
    assert joined(out) == extracted and not list(out.glob("*.tmp"))


def test_a_folder_of_another_run_is_refused_unless_restarted(corpus, tmp_path):
    out = tmp_path / "out"
    run_batch(corpus[1:], out, BatchOptions(chunk=10), workers=1)
    with pytest.raises(BatchError, match="holds another run .*options"):
        run_batch(corpus[1:], out, BatchOptions(chunk=3), workers=1)
    with pytest.raises(BatchError, match="inputs"):
        run_batch(corpus, out, BatchOptions(chunk=10), workers=1)
    summary = run_batch(corpus[1:], out, BatchOptions(chunk=3), workers=1, restart=True)
    assert summary.partitions == 2 and len(list(out.glob("part-*"))) == 2


def test_parquet_partitions_hold_one_row_per_event(corpus, extracted, tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet")
    code, _, err = run(capsys, "batch", *corpus, "-o", tmp_path / "pq", "--format", "parquet", "--chunk", "16",
                       "--workers", "1", "-q")
    assert code == 0 and "3 partitions" in err
    rows = sum(pq.read_table(p).num_rows for p in (tmp_path / "pq").glob("part-*.parquet"))
    assert rows == sum(len(json.loads(line)["events"]) for line in extracted.splitlines()) > 0


def test_a_killed_command_resumes_to_the_same_output(corpus, extracted, tmp_path):
    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "marsad.cli", "batch", *corpus, "-o", str(out), "--chunk", "1", "--workers", "2", "-q"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if manifest(out)["partitions"]:
                break
        except (OSError, ValueError):
            pass
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)  # the command and its workers, at once
    proc.wait()
    done = len(manifest(out)["partitions"])
    assert 0 < done < 34, "the run was not stopped half-way"
    again = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert again.returncode == 0 and f"({done} done by an earlier run)" in again.stderr
    assert joined(out) == extracted


def test_on_a_dask_local_cluster_of_two_workers(corpus, extracted, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setenv("MARSAD_CACHE", "on")  # the workers load the pipeline the first one built
    out = tmp_path / "dask"
    first: list[str] = []
    with pytest.raises(Stop):
        run_batch(corpus, out, BatchOptions(chunk=4), workers=2, scheduler="local",
                  on_partition=_stop_after(2, first))
    summary = run_batch(corpus, out, BatchOptions(chunk=4), workers=2, scheduler="local")
    assert summary.done_before == 2 and summary.partitions == 9
    assert joined(out) == extracted


def test_without_dask_the_scheduler_option_says_how_to_install_it(corpus, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    with pytest.raises(BatchError, match=r"marsad\[dask\]"):
        run_batch(corpus, tmp_path / "x", BatchOptions(), workers=2, scheduler="local")
