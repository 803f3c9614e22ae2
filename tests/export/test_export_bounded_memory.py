"""Whole-archive exports stream: peak memory does not grow with the number of articles.

Each export runs in a clean child process (the CLI under a small launcher that reports its child's
peak RSS, as tests/reliability does: Linux carries peak RSS over fork/exec, so measuring a CLI started
straight from pytest would report pytest's own peak). The same export of an archive several times
larger must peak within a few MB of the small one; an export that held the archive (or the bundle) in
memory grows by tens to hundreds of MB here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from synthetic import fill

from threatgraph.store.db import open_store

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
LAUNCH = """
import resource, subprocess, sys
out = sys.argv.pop(1)
code = subprocess.call([sys.executable, "-m", "threatgraph.cli", *sys.argv[1:]])
open(out, "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""
#: Allowed peak growth from the small to the large archive (allocator and SQLite cache noise).
GROWTH_MB = 20


def _export(tmp: Path, n: int, fmt: str, extra: list[str]) -> tuple[float, dict]:
    db = tmp / f"a{n}.db"
    if not db.exists():
        fill(open_store(f"sqlite:///{db}"), n)
    out = tmp / f"{fmt}-{n}"
    peak = tmp / f"peak-{fmt}-{n}"
    env = {**os.environ, "THREATGRAPH_HOME": str(tmp / "home"), "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-c", LAUNCH, str(peak), "export", "-f", fmt, "-o", str(out), "--json"]
    run = subprocess.run([*cmd, *extra, "--db", f"sqlite:///{db}"], env=env, capture_output=True, timeout=900)
    assert run.returncode == 0, run.stderr.decode()[-3000:]
    return int(peak.read_text()) / 1024, json.loads(run.stdout)


@pytest.mark.parametrize(
    ("fmt", "small", "large", "extra"),
    [
        ("csv", 2_000, 20_000, []),
        ("ftm", 1_000, 6_000, []),
        ("stix", 800, 3_200, []),
        ("stix", 800, 3_200, ["--max-bundle-bytes", "400000"]),
    ],
)
def test_export_peak_memory_does_not_grow_with_the_archive(tmp_path: Path, fmt, small, large, extra) -> None:
    peak_small, _ = _export(tmp_path, small, fmt, extra)
    peak_large, summary = _export(tmp_path, large, fmt, extra)
    assert summary["validated"]
    if fmt == "csv":
        assert summary["counts"]["articles"] == large and summary["counts"]["mentions"] == 6 * large
    elif fmt == "ftm":
        assert summary["counts"]["Article"] == large and summary["counts"]["Event"] == 2 * large
    else:
        assert summary["counts"]["report"] == large
    assert peak_large - peak_small < GROWTH_MB, f"{fmt}: peak {peak_small:.0f} MB -> {peak_large:.0f} MB"
