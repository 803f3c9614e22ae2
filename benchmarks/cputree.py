"""CPU time of a process tree (and of one database's PostgreSQL backends), sampled from /proc.

On a shared machine wall time measures the neighbours as much as the code: a run at load 8 takes
several times as long as the same run at load 1. CPU time does not: it is what the work itself cost,
whoever else was running. A bulk job spreads its work over the driver, a JVM, forked Python workers
and PostgreSQL backends; most of them live only for the job, and a process that has exited cannot be
asked any more (``RUSAGE_CHILDREN`` only covers children that were waited for, and Spark's workers are
grandchildren of the driver, reaped by the JVM). So a sampler thread reads ``/proc/<pid>/stat`` of
every descendant of this process, and of every backend connected to the benchmark's database, every
``interval`` seconds, and keeps each process's last figure: the total is exact for processes alive at
the last sample and misses at most one interval of CPU for a process that exited in between.

Processes are keyed by (pid, start time), so a reused pid is a new process. Figures are deltas from
the moment the meter started (a JVM kept from an earlier session counts only what it did since).
The sampler's own thread CPU is measured and subtracted from the driver's figure.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")
KINDS = ("driver", "jvm", "python workers", "other children", "postgres")


def _stat(pid: int) -> tuple[int, int, float] | None:
    """(ppid, start time in ticks, CPU seconds) of a process, None if it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return None
    rest = raw[raw.rfind(b")") + 2 :].split()  # the command name may hold spaces and parentheses
    # fields after the name: state(0) ppid(1) ... utime(11) stime(12) ... starttime(19)
    return int(rest[1]), int(rest[19]), (int(rest[11]) + int(rest[12])) / TICK


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@dataclass
class Sample:
    """Cumulative CPU seconds per kind of process at one moment (seconds since the meter started)."""

    at: float
    cpu: dict[str, float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.cpu.values())


class TreeCPU:
    """Samples the CPU time of this process's tree and of a database's backends; use as a context manager.

    ``backends`` returns the PostgreSQL backend pids to count (the benchmark passes a query on
    ``pg_stat_activity`` for its database, run on a connection whose own backend it excludes).
    """

    def __init__(self, interval: float = 0.5, backends: Callable[[], list[int]] | None = None) -> None:
        self.root = os.getpid()
        #: Child processes that drive a job of their own (a Spark job run in a fresh child): counted as the driver.
        self.drivers: set[int] = set()
        self.interval = interval
        self.backends = backends
        self.kind: dict[tuple[int, int], str] = {}
        self.base: dict[tuple[int, int], float] = {}
        self.last: dict[tuple[int, int], float] = {}
        self.samples: list[Sample] = []
        self.own = 0.0  # the sampler thread's CPU seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._t0 = 0.0
        self._first = True

    # -- one pass over /proc
    def _classify(self, pid: int, ppid_kind: str | None) -> str:
        if pid == self.root or pid in self.drivers:
            return "driver"
        cmd = _cmdline(pid)
        if "java" in cmd.split(" ", 1)[0]:
            return "jvm"
        if "pyspark" in cmd or "threatgraph.bulk.daemon" in cmd or ppid_kind == "python workers":
            return "python workers"
        return "other children"

    def _pass(self) -> None:
        stats: dict[int, tuple[int, int, float]] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                s = _stat(int(entry.name))
                if s is not None:
                    stats[int(entry.name)] = s
        children: dict[int, list[int]] = {}
        for pid, (ppid, _, _) in stats.items():
            children.setdefault(ppid, []).append(pid)
        todo: list[tuple[int, str | None]] = [(self.root, None)]
        seen: list[tuple[int, str]] = []
        while todo:
            pid, parent_kind = todo.pop()
            key = (pid, stats[pid][1]) if pid in stats else None
            if key is None:
                continue
            # classified on every pass: spark-submit's shell becomes the JVM by exec, under the same pid
            kind = self._classify(pid, parent_kind)
            seen.append((pid, kind))
            todo.extend((c, kind) for c in children.get(pid, []))
        for pid in self.backends() if self.backends else []:
            if pid in stats:
                seen.append((pid, "postgres"))
        for pid, kind in seen:
            _, start, cpu = stats[pid]
            key = (pid, start)
            if key not in self.base:
                # a process alive when the meter started counts from then; a later one from its birth
                self.base[key] = cpu if self._first else 0.0
            self.kind[key] = kind
            self.last[key] = cpu
        self._first = False
        totals = dict.fromkeys(KINDS, 0.0)
        for key, cpu in self.last.items():
            totals[self.kind[key]] += cpu - self.base[key]
        totals["driver"] -= self.own
        self.samples.append(Sample(time.perf_counter() - self._t0, totals))

    def _loop(self) -> None:
        c0 = time.thread_time()
        while not self._stop.wait(self.interval):
            self._pass()
            self.own = time.thread_time() - c0

    def __enter__(self) -> TreeCPU:
        self._t0 = time.perf_counter()
        self._pass()
        self._thread = threading.Thread(target=self._loop, name="cpu-sampler", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        assert self._thread is not None
        self._thread.join()
        self._pass()  # the last figure: exact for everything still alive

    # -- reading
    @property
    def final(self) -> Sample:
        return self.samples[-1]

    def at(self, seconds: float) -> Sample:
        """The last sample taken at or before ``seconds`` after the start (the first if none)."""
        best = self.samples[0]
        for s in self.samples:
            if s.at <= seconds:
                best = s
            else:
                break
        return best

    def processes(self, kind: str) -> list[float]:
        """CPU seconds of each process of one kind (largest first): how many workers a job started."""
        return sorted((self.last[k] - self.base[k] for k, v in self.kind.items() if v == kind), reverse=True)

    def window(self, start: float, end: float) -> dict[str, float]:
        """CPU seconds per kind spent between two moments (seconds since the start)."""
        a, b = self.at(start), self.at(end) if end < self.final.at else self.final
        return {k: b.cpu.get(k, 0.0) - a.cpu.get(k, 0.0) for k in KINDS}


def pg_backends(url: str) -> Callable[[], list[int]]:
    """A function listing the backend pids of ``url``'s database, except the one it asks on."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url, pool_size=1)
    conn = engine.connect()

    def pids() -> list[int]:
        rows = conn.execute(
            text("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        )
        conn.rollback()
        return [r[0] for r in rows]

    return pids


def describe(cpu: dict[str, float]) -> str:
    """'12.3 s CPU (driver 1.0, jvm 2.0, ...)' leaving out kinds that used nothing."""
    parts = ", ".join(f"{k} {v:.1f}" for k, v in cpu.items() if v >= 0.05)
    return f"{sum(cpu.values()):.1f} s CPU ({parts})"
