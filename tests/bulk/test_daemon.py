"""The bulk daemon builds the workers' tables before it forks them, and keeps the daemon protocol intact."""

from __future__ import annotations

import os
import struct
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def test_the_daemon_writes_only_its_port_to_standard_output() -> None:
    """Standard output is the daemon's channel to the JVM: the first four bytes are the port it listens on, so a
    warm-up that printed there (a library's notice, a progress line) would break every job. With standard input
    closed the daemon shuts down after announcing its port."""
    pytest.importorskip("pyspark")
    done = subprocess.run(
        [sys.executable, "-m", "threatgraph.bulk.daemon"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert len(done.stdout) == 4, (done.stdout[:200], done.stderr[-2000:])
    (port,) = struct.unpack("!i", done.stdout)
    assert 0 < port < 65536
    assert b"worker tables built" in done.stderr
    # run as ``python -m`` by Spark: the package must not have imported the module first (runpy warns that
    # it then runs a second copy of it)
    assert b"found in sys.modules" not in done.stderr, done.stderr[-2000:]


def test_a_worker_forked_after_the_warm_up_inherits_the_tables_and_can_use_them() -> None:
    """Only the forking thread survives a fork: the warm-up must leave no Python thread behind, and a forked
    worker must find the tables built (not build them again) and use them without deadlocking."""
    import threading

    from threatgraph.bulk.daemon import warm
    from threatgraph.names.parts import name_symbols

    before = set(threading.enumerate())  # a whole test session may have started threads of its own
    warm()
    assert set(threading.enumerate()) <= before
    built = name_symbols.cache_info().currsize
    assert built > 0
    pid = os.fork()
    if pid == 0:  # the worker: its tables are the daemon's, and they work
        code = 1
        try:
            from threatgraph.extract.pipeline import get_extractor
            from threatgraph.model import Article
            from threatgraph.names.align import compare_names
            from threatgraph.names.forms import name_form

            inherited = name_symbols.cache_info().currsize == built
            score = compare_names(name_form("Tolven Marrick", "Person"), name_form("Tolvan Marick", "Person"), True)
            analysis = next(iter(get_extractor().analyse([Article(text="Tolven Marrick left Port Velmar on Friday.")])))
            code = 0 if inherited and 0 < score.score <= 1 and analysis.mentions else 3
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
