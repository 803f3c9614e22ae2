"""Walking the inputs: files and directories to a stream of articles and failures.

This is the only place that touches the file system and the only place that turns a reader's
:class:`InputError` into an :class:`IngestFailure`, so every error names its file (and line or
item) the same way, and one bad file never stops the batch.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from threatgraph.ingest.errors import InputError
from threatgraph.ingest.feed import read_feed
from threatgraph.ingest.html import read_html
from threatgraph.ingest.jsonl import read_jsonl
from threatgraph.ingest.limits import MAX_HTML_BYTES
from threatgraph.ingest.sniff import is_candidate, sniff
from threatgraph.ingest.text import read_text
from threatgraph.model import Article, IngestFailure

#: Largest file (or JSON line) we read: 20 MB is far above any article or daily feed and far
#: below what would hurt a laptop.
DEFAULT_MAX_BYTES = 20_000_000
STDIN = "<stdin>"


def _human(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000  # type: ignore[assignment]
    return str(n)  # pragma: no cover


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | IngestFailure]:
    """Files to read, in a stable order: named files as given, directories walked recursively.

    Inside directories only known extensions are read and hidden entries are skipped (a
    README.md or .git folder next to the articles is not an article); symlinked directories are
    not followed, so a link loop cannot hang the walk.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            errors: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=errors.append):
                while errors:  # an unreadable sub-directory is named, and the walk goes on
                    err = errors.pop(0)
                    yield IngestFailure(str(err.filename or root), f"cannot read directory: {err.strerror or err}")
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root) / name
                    if not is_candidate(child):
                        continue
                    if child.is_file():
                        yield child
                    else:  # an article-named entry that cannot be read is named, never skipped in silence
                        yield IngestFailure(str(child), _not_readable(child))
            for err in errors:
                yield IngestFailure(str(err.filename or path), f"cannot read directory: {err.strerror or err}")
        elif path.is_file():
            yield path
        else:
            yield IngestFailure(str(path), _not_readable(path))


def _not_readable(path: Path) -> str:
    """Why a path that is neither a directory nor a regular file cannot be read."""
    if path.is_symlink() and not path.exists():
        try:
            target = os.readlink(path)
        except OSError:  # pragma: no cover - removed meanwhile
            target = "?"
        return f"dangling symbolic link (its target {target} does not exist)"
    if path.exists():
        return "not a regular file or directory"
    return "no such file or directory"


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | IngestFailure]:
    """Articles and failures from one file, whatever its format."""
    source = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
            fmt = sniff(path, head)
            if fmt == "jsonl":  # streamed; the limit applies per line
                fh.seek(0)
                for item in read_jsonl(fh, source, max_bytes):
                    yield item if isinstance(item, Article) else IngestFailure(item[0], str(item[1]))
                return
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                yield IngestFailure(source, f"file is {_human(size)}, over the {_human(max_bytes)} size limit")
                return
            fh.seek(0)
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        yield IngestFailure(source, f"cannot read: {exc.strerror or exc}")
        return
    if len(data) > max_bytes:  # grew while we read it
        yield IngestFailure(source, f"file is over the {_human(max_bytes)} size limit")
        return
    yield from read_bytes(data, source, fmt, max_bytes=max_bytes)


def read_bytes(
    data: bytes, source: str, fmt: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | IngestFailure]:
    """Articles and failures from bytes already in memory (stdin, an upload); ``fmt`` is sniffed if None."""
    if fmt is None:
        fmt = sniff(Path(source), data[:8192])
    if len(data) > max_bytes and fmt != "jsonl":
        yield IngestFailure(source, f"input is {_human(len(data))}, over the {_human(max_bytes)} size limit")
        return
    if fmt == "html" and len(data) > MAX_HTML_BYTES:  # the markup parser needs many times the page's size
        yield IngestFailure(
            source, f"web page is {_human(len(data))}, over the {_human(MAX_HTML_BYTES)} limit for HTML"
        )
        return
    if not data.strip():
        yield IngestFailure(source, "empty file")
        return
    try:
        if fmt == "jsonl":
            for item in read_jsonl(io.BytesIO(data), source, max_bytes):
                yield item if isinstance(item, Article) else IngestFailure(item[0], str(item[1]))
        elif fmt == "feed":
            for item in read_feed(data, source):
                yield item if isinstance(item, Article) else IngestFailure(item[0], str(item[1]))
        elif fmt == "html":
            yield read_html(data, source)
        else:
            yield read_text(data, source)
    except InputError as exc:
        yield IngestFailure(source, str(exc))


def read_stdin(*, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | IngestFailure]:
    """Articles piped in (``threatgraph ingest -``): any format, sniffed by content, as ``<stdin>``."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield IngestFailure(STDIN, f"input is over the {_human(max_bytes)} size limit")
        return
    yield from read_bytes(data, STDIN, max_bytes=max_bytes)


def read_paths(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | IngestFailure]:
    """Every article in ``paths`` (files or directories), with a failure for each bad input.

    ``Article.source`` is ``path`` for one-article files, ``path:line`` for JSON lines and
    ``path#n`` (1-based item) for feeds; failures use the same form. The path ``-`` reads
    standard input.
    """
    for raw in paths:
        if str(raw) == "-":
            yield from read_stdin(max_bytes=max_bytes)
            continue
        for item in iter_files([raw]):
            if isinstance(item, IngestFailure):
                yield item
            else:
                yield from read_file(item, max_bytes=max_bytes)


def partition(items: Iterable[Article | IngestFailure]) -> tuple[list[Article], list[IngestFailure]]:
    """(articles, failures) of a read, for callers that want the whole batch at once (API, tests)."""
    arts: list[Article] = []
    fails: list[IngestFailure] = []
    for item in items:
        (arts if isinstance(item, Article) else fails).append(item)  # type: ignore[arg-type]
    return arts, fails
