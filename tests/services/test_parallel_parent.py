"""Workers never outlive their parent: after the parent is killed with SIGKILL they end on their own."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
CHILD = """
import os, sys, time
from marsad.model import Document
from marsad.services.parallel import Extractor

def docs():
    n = 0
    while True:
        n += 1
        yield Document(f"d{n}", "قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي. " * 20)

ex = Extractor(workers=2)
for k, _ in enumerate(ex.outcomes(docs())):
    if k == 40:
        print(" ".join(str(p) for p in ex._pool._processes), flush=True)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_the_parent_is_killed():
    env = dict(os.environ, PYTHONPATH=str(SRC))
    proc = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True, env=env)
    try:
        workers = [int(p) for p in proc.stdout.readline().split()]
        assert len(workers) == 2
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 15
        alive = workers
        while alive and time.monotonic() < deadline:
            time.sleep(0.2)
            alive = [p for p in workers if Path(f"/proc/{p}").exists() and "Z" not in
                     Path(f"/proc/{p}/stat").read_text().split()[2]]
        assert not alive, f"workers {alive} outlived their parent"
    finally:
        if proc.poll() is None:
            proc.kill()
