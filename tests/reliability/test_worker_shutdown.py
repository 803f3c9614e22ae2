"""Stopping a parallel ingest (issue 10 item 8) and kill -9 of a real run (items 1, 7): real processes, real model.

``threatgraph ingest -j 2`` on a few hundred articles forks two spaCy workers. Whatever stops the
parent (SIGTERM, Ctrl-C, kill -9), no worker may outlive it and nothing may hang; the re-run must
then store and resolve everything, exactly like an uninterrupted run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from faults import snapshot

from threatgraph.store.db import open_store

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
N_ARTICLES = 300


def _corpus(path: Path, shared: Path, n: int = N_ARTICLES) -> Path:
    """``n`` distinct real texts: the dev articles, each numbered so their hashes differ."""
    docs = [json.loads(line) for line in (shared / "articles" / "dev" / "articles.jsonl").open()]
    with path.open("w") as fh:
        for i in range(n):
            d = docs[i % len(docs)]
            fh.write(json.dumps({"title": f"{d['title']} ({i})", "text": f"Item {i}.\n\n{d['text']}"}) + "\n")
    return path


def _children(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start(db: Path, corpus: Path, home: Path, *opts: str) -> subprocess.Popen:
    env = {**os.environ, "THREATGRAPH_HOME": str(home), "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "threatgraph.cli", "ingest", str(corpus), "--db", f"sqlite:///{db}"]
    return subprocess.Popen([*cmd, *(opts or ("-j", "2", "--batch-size", "128")), "--json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)  # fmt: skip


def _workers_up(proc: subprocess.Popen, timeout: float = 240) -> set[int]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        kids = _children(proc.pid)
        if len(kids) >= 2:
            time.sleep(3)  # let them take work
            return _children(proc.pid)
        assert proc.poll() is None, proc.stderr.read().decode()
        time.sleep(0.2)
    pytest.fail("the workers never started")


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT", "SIGKILL"])
def test_stopping_a_parallel_ingest_leaves_no_worker(tmp_path: Path, shared_data: Path, how: str) -> None:
    corpus = _corpus(tmp_path / "in.jsonl", shared_data)
    proc = _start(tmp_path / "s.db", corpus, tmp_path / "home")
    workers = _workers_up(proc)
    os.kill(proc.pid, getattr(signal, how))
    try:
        code = proc.wait(timeout=30)  # one signal is enough: no hang
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert code in (-getattr(signal, how), 128 + getattr(signal, how)), proc.stderr.read().decode()[-2000:]
    end = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < end:
        time.sleep(0.2)
    orphans = [w for w in workers if _alive(w)]
    for w in orphans:  # never leave ~250 MB processes behind, even when the test fails
        os.kill(w, signal.SIGKILL)
    assert not orphans, "workers outlived the parent"
    if how != "SIGKILL":
        assert "run the same command again" in proc.stderr.read().decode()


def test_kill_9_then_rerun_equals_uninterrupted(tmp_path: Path, shared_data: Path) -> None:
    """A real process killed -9 mid-run (model loaded, articles stored, batches in flight), then run again."""
    corpus = _corpus(tmp_path / "in.jsonl", shared_data, n=24)
    opts = ("-j", "1", "--batch-size", "4")
    ref = _start(tmp_path / "r.db", corpus, tmp_path / "h1", *opts)  # the uninterrupted run
    assert ref.wait(timeout=1200) == 0, ref.stderr.read().decode()[-2000:]
    db = tmp_path / "k.db"
    for attempt in range(2):  # killed twice at different points, then left to finish
        proc = _start(db, corpus, tmp_path / "h2", *opts)
        end = time.monotonic() + 600
        start = len(snapshot(open_store(f"sqlite:///{db}"))["articles"]) if db.exists() else 0
        while time.monotonic() < end and proc.poll() is None:
            time.sleep(0.5)
            if db.exists() and len(snapshot(open_store(f"sqlite:///{db}"))["articles"]) >= start + 4 + 4 * attempt:
                break
        assert proc.poll() is None, "the run ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    again = _start(db, corpus, tmp_path / "h2", *opts)
    assert again.wait(timeout=1200) == 0, again.stderr.read().decode()[-2000:]
    got, want = snapshot(open_store(f"sqlite:///{db}")), snapshot(open_store(f"sqlite:///{tmp_path / 'r.db'}"))
    for part in ("articles", "pending", "links", "alerts"):  # what the store's work state must make identical
        assert got[part] == want[part], part
    assert got["pending"] == []
    if got != want:
        # The extractor's gazetteer is built from the entities already resolved in the store, so a run that
        # starts on a half-filled store tags later articles differently (issue 10 item 4, fixed with issue 14).
        differing = sorted(k for k in got if got[k] != want[k])
        assert set(differing) <= {"mentions", "aliases", "entities"}, differing
        pytest.xfail(f"extraction depends on the store's earlier output (issue 10 item 4): {differing} differ")
