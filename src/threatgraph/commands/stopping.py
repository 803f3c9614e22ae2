"""Stopping a parallel ingest cleanly: no orphaned workers, no hang, nothing lost.

spaCy's parallel ``nlp.pipe`` forks worker processes (~250 MB each) that wait on queues from the
parent. Three ways to stop the parent used to go wrong:

- ``kill -9``: the workers never learn that the parent is gone and wait forever. Each forked child
  now asks the kernel to kill it when its parent dies (Linux ``PR_SET_PDEATHSIG``).
- ``SIGTERM``: the default action ends the parent without unwinding, with the same orphans. It is
  now handled like Ctrl-C.
- Ctrl-C: after the workers died, multiprocessing's queue feeder threads wait at exit to flush
  into pipes nobody reads, until a second Ctrl-C. Now the workers are terminated first and the
  process leaves without waiting for those threads.

Leaving hard is safe because every article is stored in its own transaction and what it still
needs is recorded with it (:mod:`threatgraph.store.work`): the next run finishes it.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

#: prctl(2) option: signal delivered to this process when its parent exits.
_PR_SET_PDEATHSIG = 1
_bound = False


class Stopped(BaseException):
    """SIGTERM or SIGINT arrived; ``signum`` says which (a BaseException, like KeyboardInterrupt)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _die_with_parent() -> None:
    """In a forked child: be killed when the parent dies, and leave now if it already has."""
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: no kernel help, the parent's handlers still stop workers
        return
    if parent == 1 or os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def bind_children_to_parent() -> None:
    """From now on every child forked by this process dies with it (idempotent)."""
    global _bound
    if not _bound and sys.platform.startswith("linux"):
        os.register_at_fork(after_in_child=_die_with_parent)
        _bound = True


def stop_children() -> None:
    """Terminate this process's multiprocessing children, then kill the ones still alive after a second."""
    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(1.0)
        if child.is_alive():
            child.kill()


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    stop_children()  # first, so spaCy's clean-up does not wait for workers busy on a batch
    raise Stopped(signum)


@contextmanager
def stoppable(on_stop: Callable[[Stopped], None]) -> Iterator[None]:
    """Run the body with workers bound to this process and SIGTERM/SIGINT turned into :class:`Stopped`.

    On a stop, ``on_stop`` reports (it must not raise), the workers are ended and the process exits
    at once with 128 + the signal number, as a shell expects of a process killed by that signal.
    """
    bind_children_to_parent()
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    previous = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    except (Stopped, KeyboardInterrupt) as exc:
        stopped = exc if isinstance(exc, Stopped) else Stopped(signal.SIGINT)
        for sig in previous:  # a second signal during the report must not interrupt it
            signal.signal(sig, signal.SIG_IGN)
        stop_children()
        on_stop(stopped)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(128 + stopped.signum)  # not sys.exit: queue feeder threads would wait for dead readers
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
