"""bench/fuzz.py itself: its workers run, count and keep examples (a few inputs, so the long run does not rot)."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "fuzz.py"


@pytest.fixture(scope="module")
def fuzz():
    spec = importlib.util.spec_from_file_location("bench_fuzz", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.NICE = 0  # not the test process
    return module


def test_api_worker_counts_every_input(fuzz):
    tally = fuzz.api_worker((0, 40))
    counts = tally["counts"]
    crashes = sum(n for k, n in counts.items() if k.startswith("crash"))
    assert counts.get("inputs", 0) + crashes + counts.get("hang over 2 s", 0) >= 40
    assert tally["worst"][0] > 0 and tally["worst"][1]["seed"] in range(40)
    for kind, examples in tally["examples"].items():
        assert examples and all("seed" in e for e in examples), kind


def test_cli_worker_checks_one_line_per_record(fuzz):
    tally = fuzz.cli_worker((0, 30, 30))
    assert tally["counts"]["lines"] == 30
    assert not [k for k in tally["counts"] if k in ("cli crash", "cli lost output lines", "cli schema")]
