"""Inputs of a bulk job: paths on any Hadoop file system to a Spark DataFrame of articles and failures.

Listing goes through Hadoop's ``FileSystem`` on the driver, so ``/local/dir``, ``hdfs://…`` and
``s3a://…`` are walked the same way, with the single-machine walker's rules (a directory yields
only files with a known extension, hidden entries are skipped, a named file is read whatever its
name). Reading uses the single-machine readers on the executors:

- JSON lines files are split by line (``textFile``: large files are read by several tasks), each
  line parsed by :func:`threatgraph.ingest.jsonl.parse_line` and named ``path:line`` as
  ``threatgraph ingest`` names it (the line numbers of all files from one counting job,
  :func:`numbered_lines`);
- every other file is read whole (``binaryFiles``) and goes through
  :func:`threatgraph.ingest.read_bytes`, which sniffs HTML, feeds and text as ingest does.

Each row is an article (``reason`` null) or a failure naming its input and the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from threatgraph.bulk.codec import ITEM_COLUMNS, ITEM_DDL
from threatgraph.ingest import DEFAULT_MAX_BYTES, InputError, read_bytes
from threatgraph.ingest.jsonl import parse_line
from threatgraph.ingest.sniff import extensions, is_candidate
from threatgraph.model import Article, IngestFailure
from threatgraph.store.articles import article_fields

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


def _item(item: Article | IngestFailure) -> tuple[Any, ...]:
    if isinstance(item, IngestFailure):
        row: dict[str, Any] = {**dict.fromkeys(ITEM_COLUMNS), "source": item.source, "reason": item.reason}
    else:
        row = {**article_fields(item), "reason": None}
    return tuple(row[c] for c in ITEM_COLUMNS)  # by name: a column added to the schema cannot shift the rest


def _local(uri: str) -> str:
    """``file:/a/b`` as ``/a/b`` (sources read as ``threatgraph ingest`` writes them); other URIs as they are."""
    return uri[len("file:") :] if uri.startswith("file:") else uri


def _hidden(parts: Iterable[str]) -> bool:
    return any(p.startswith((".", "_")) for p in parts)


def list_inputs(session: SparkSession, paths: Iterable[str]) -> tuple[list[str], list[IngestFailure]]:
    """Files to read (as URIs) and failures for paths that do not exist, through Hadoop's FileSystem."""
    jvm = session.sparkContext._jvm  # type: ignore[attr-defined]
    conf = session.sparkContext._jsc.hadoopConfiguration()  # type: ignore[attr-defined]
    files: list[str] = []
    failures: list[IngestFailure] = []
    for raw in paths:
        path = jvm.org.apache.hadoop.fs.Path(str(raw))
        try:
            fs = path.getFileSystem(conf)
            if not fs.exists(path):
                failures.append(IngestFailure(str(raw), "no such file or directory"))
                continue
            status = fs.getFileStatus(path)
        except Exception as exc:  # noqa: BLE001 - the Java error names the problem (no S3 credentials…)
            failures.append(IngestFailure(str(raw), f"cannot list: {str(exc).splitlines()[0][:300]}"))
            continue
        if status.isFile():
            files.append(str(status.getPath().toUri()))
            continue
        root = str(status.getPath().toUri().getPath()).rstrip("/")
        found = []
        listing = fs.listFiles(path, True)
        while listing.hasNext():
            child = listing.next()
            uri = str(child.getPath().toUri())
            rel = PurePosixPath(str(child.getPath().toUri().getPath())[len(root) :].lstrip("/"))
            if not _hidden(rel.parts) and is_candidate(PurePosixPath(rel.name)):  # type: ignore[arg-type]
                found.append(uri)
        files.extend(sorted(found))
    return files, failures


def is_jsonl(uri: str) -> bool:
    """Whether a file is read line by line (by extension, as the single-machine sniffer decides first)."""
    return extensions().get(PurePosixPath(uri).suffix.lower()) == "jsonl"


def _lines(source: str, max_bytes: int) -> Any:
    def parse(pair: tuple[bytes, int]) -> tuple[Any, ...] | None:
        line, index = pair
        where = f"{source}:{index + 1}"
        if len(line) > max_bytes:
            return _item(IngestFailure(where, f"line is longer than the {max_bytes:,}-byte limit"))
        if not line.strip():
            return None
        try:
            return _item(parse_line(line, where))
        except InputError as exc:
            return _item(IngestFailure(where, str(exc)))

    return parse


def _whole(max_bytes: int) -> Any:
    def read(pair: tuple[str, bytes]) -> Iterator[tuple[Any, ...]]:
        uri, data = pair
        for item in read_bytes(bytes(data), _local(uri), max_bytes=max_bytes):
            yield _item(item)

    return read


def first_lines(owners: list[int], counts: list[int]) -> list[int]:
    """Each partition's first line number within its file, from the file (``owners``) and line count of every
    partition, in order (a file's partitions are consecutive and in the file's order)."""
    first: list[int] = []
    at, previous = 0, None
    for owner, n in zip(owners, counts, strict=True):
        if owner != previous:
            at, previous = 0, owner
        first.append(at)
        at += n
    return first


def numbered_lines(session: SparkSession, uris: list[str], max_bytes: int) -> Any:
    """The parsed lines of JSON lines files, each named ``path:line``, as an RDD of item tuples.

    A line's number needs the line counts of the partitions before it in its file. ``zipWithIndex`` per file counted
    them in a Spark job per file, one after another on the driver (an archive of many files: as many serial jobs);
    here one job counts the lines of every partition of every file at once, and the driver turns the counts into
    each partition's first line number. Partitions split where ``textFile`` splits (a line belongs to the split
    it starts in), so the numbers are the ones ``zipWithIndex`` gave.
    """
    sc = session.sparkContext
    files = [sc.textFile(uri, use_unicode=False) for uri in uris]
    owners = [i for i, rdd in enumerate(files) for _ in range(rdd.getNumPartitions())]
    lines = sc.union(files)  # every file's partitions, file after file, each file's in order
    first = first_lines(owners, lines.mapPartitions(_count).collect())
    sources = [_local(uri) for uri in uris]

    def parse(index: int, rows: Iterator[bytes]) -> Iterator[tuple[Any, ...]]:
        line = _lines(sources[owners[index]], max_bytes)
        for k, raw in enumerate(rows, start=first[index]):
            item = line((raw, k))
            if item is not None:
                yield item

    return lines.mapPartitionsWithIndex(parse)


def _count(rows: Iterator[Any]) -> Iterator[int]:
    yield sum(1 for _ in rows)


def read_inputs(session: SparkSession, paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> DataFrame:
    """Every article and failure in ``paths`` as a DataFrame with the columns of ``ITEM_DDL``."""
    sc = session.sparkContext
    files, missing = list_inputs(session, paths)
    rdds = []
    if missing:
        rdds.append(sc.parallelize([_item(f) for f in missing], 1))
    whole = [f for f in files if not is_jsonl(f)]
    if whole:
        rdds.append(sc.binaryFiles(",".join(whole)).flatMap(_whole(max_bytes)))
    jsonl = [f for f in files if is_jsonl(f)]
    if jsonl:
        rdds.append(numbered_lines(session, jsonl, max_bytes))
    if not rdds:
        return session.createDataFrame([], ITEM_DDL)
    return session.createDataFrame(sc.union(rdds), ITEM_DDL)


def id_frame(
    spark: SparkSession, article_ids: Iterable[str] | DataFrame, count: int | None = None
) -> tuple[DataFrame, int]:
    """Article ids as a one-column (``id``) DataFrame, each once, and how many there are.

    A job passes the ids its executors stored as a DataFrame of its own output, where each id is once
    already (the extract stage partitions by id and reports each article once), so they never gather on
    the driver (a million ids would, and would then be sent back out); a list is for callers that hold a
    few ids, repeats allowed. A job also knows how many ids its frame holds (its tally of the extract stage's
    rows): given as ``count``, it saves a Spark job that would only count them (``count()`` is a full pass over
    the job's output, one for resolution and one for the watch checks).
    """
    from pyspark.sql import DataFrame as SparkFrame

    if isinstance(article_ids, SparkFrame):
        frame = article_ids.select("id")
        return frame, frame.count() if count is None else count
    ids = sorted(set(article_ids))
    return spark.createDataFrame([(i,) for i in ids], "id string"), len(ids)
