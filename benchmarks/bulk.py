"""Spark bulk ingest against the single-machine pipeline, on the same articles, in one run.

Anchor (measured in this process): ``Threatgraph.ingest`` (the ``threatgraph ingest`` path: one
process, per-article transactions, resolution and watch checks per batch) into a fresh PostgreSQL schema.
Measured: ``threatgraph.bulk.run_bulk`` (readers and extractor on Spark executors, COPY per partition,
resolution on Spark) into fresh schemas with ``local[1]`` and ``local[2]``, each job in a fresh child process
with its own JVM: PySpark keeps its JVM after ``session.stop()``, so a second job in one process ran on the
first one's compiled code (JIT, the larger half of a cold JVM's CPU) and looked cheaper than any real job.

Articles: ``--synthetic N`` generated news-like articles (names, places, verbs and quotes recombined, each
text unique) and the real dev set (``../shared/data/articles/dev``) repeated ``--dev-repeat`` times, each copy
made unique by one trailing line (so content hashes differ). All are written as JSON lines files.

Cost is CPU time, not wall time: on the shared machine wall time mostly measures the neighbours.
:mod:`cputree` samples the CPU of every process of each path - the driver, the single path's ingest
process, the JVM, Spark's Python workers - and of the PostgreSQL backends of the benchmark database,
so both paths are charged for everything they make the machine do, the store's side included.
``--marginal`` runs each path again on the first half of the articles (the smaller run second, cold, in
a fresh child or Spark session): the difference is the cost per extra article, the rest the fixed
cost of a job (JVM, Python worker start-up and imports, model loads), which a large archive spreads.

Printed: wall time, articles/s and CPU per article of each path (by process kind and stage), the
Spark/single CPU ratio (target <= 1.2 with one executor), the 1 -> 2 executor wall speed-up (target
>= 1.8: only meaningful on a quiet machine) and the CPU local[2] / local[1] (work the second executor
adds), peak memory per executor, the Python worker processes a job started, and a CPU model of the
speed-up at N executors from local[1]'s terms: the partitions' CPU spread over N slots (longest first),
the work around them (driver, JVM, store) either serial or split, resolution split except its largest
block (the serial floor). The issue's full size is ``--synthetic 100000`` (hours on 2 cores).

    TG_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:55432/db .venv/bin/python benchmarks/bulk.py \\
        --synthetic 200 --dev-repeat 1
"""

from __future__ import annotations

import argparse
import functools
import json
import multiprocessing as mp
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, text

import sparklog  # benchmarks/ is on sys.path when run as a script
from cputree import TreeCPU, describe, pg_backends
from threatgraph.app import DEFAULT_HOOKS, Threatgraph, gazetteer_names
from threatgraph.bulk import run_bulk, spark_session
from threatgraph.bulk.session import parse_conf
from threatgraph.store.db import open_store

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("THREATGRAPH_SHARED", ROOT.parent / "shared")) / "data"

GROUPS = ["Fajr Brigade", "Crescent Gate Network", "Liwa al-Nasr", "Harakat Ansar al-Sahel", "Northern Front"]
PLACES = ["Quetta", "Karachi", "Deir ez-Zor", "Mosul", "Gao", "Mogadishu", "Idlib", "Peshawar"]
PEOPLE = ["Abu Khalid", "Umar Farooq", "Hassan Nouri", "Ibrahim Dauda", "Yusuf Karimi", "Samir Haddad"]
OUTLETS = ["Arab News", "Dawn", "Reuters", "The National"]


def synthetic(n: int, seed: int) -> list[dict]:
    """News-like articles recombining actors, places and verbs; each text is unique."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        g, h = rng.sample(GROUPS, 2)
        p, q = rng.sample(PEOPLE, 2)
        place = rng.choice(PLACES)
        sentences = [
            f"The {g} deployed fighters to {place} on Tuesday, officials said.",
            f"{p}, a commander of the {g}, was arrested in {rng.choice(PLACES)} last month.",
            f'"We will not stop," {q} told {rng.choice(OUTLETS)}, accusing the {h} of recruiting children.',
            f"The {h} denied the claim and said it had met representatives of the {g} in {place}.",
            f"Security forces detained {rng.randint(2, 40)} suspects after the attack, report number {i}.",
        ]
        rng.shuffle(sentences[1:])
        out.append(
            {"title": f"{g} in {place}", "text": " ".join(sentences), "published": f"2026-0{1 + i % 9}-1{i % 10}"}
        )
    return out


def dev_copies(repeat: int) -> list[dict]:
    path = SHARED / "articles" / "dev" / "articles.jsonl"
    if repeat <= 0 or not path.is_file():
        return []
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        {**{k: d.get(k) for k in ("title", "url", "published")}, "text": d["text"] + f"\n\n(copy {k})"}
        for k in range(repeat)
        for d in docs
    ]


def write_inputs(folder: Path, items: list[dict], files: int) -> None:
    for f in range(files):
        with (folder / f"part-{f}.jsonl").open("w", encoding="utf-8") as fh:
            for item in items[f::files]:
                fh.write(json.dumps(item) + "\n")


def fresh_schema(base_url: str) -> str:
    """A new empty schema in the benchmark database; returns a store URL that uses it."""
    base = make_url(base_url)
    schema = f"tg_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    url = base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    open_store(url)
    return url


def drop_schema(base_url: str, url: str) -> None:
    schema = make_url(url).query["options"].split("=", 1)[1]
    admin = create_engine(make_url(base_url))
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


#: What a job stored, table by table, as SQL rows to digest: every column but surrogate keys, clocks and ``seq``
#: (ingest order, which concurrent writers hand out in commit order), with an entity's id replaced by its
#: cluster's first mention (article, offset), since entity ids are made up when a cluster is founded.
STORED = {
    "articles": "SELECT ROW(id, url, outlet, title, author, published, lang, source, md5(text))::text FROM articles",
    "mentions": 'SELECT ROW(article_id, ek.k, grp, start, "end", text, label, norm, canonical, origin, sentence, '
    "sent_start)::text FROM mentions m LEFT JOIN ek ON ek.entity_id = m.entity_id",
    "entities": "SELECT ROW(ek.k, schema, caption, norm, mention_count, article_count, props::text)::text "
    "FROM entities e LEFT JOIN ek ON ek.entity_id = e.id",
    "aliases": "SELECT ROW(ek.k, name, norm, script, count)::text FROM aliases a "
    "LEFT JOIN ek ON ek.entity_id = a.entity_id",
    "resolve_keys": "SELECT ROW(key, ek.k)::text FROM resolve_keys r LEFT JOIN ek ON ek.entity_id = r.entity_id",
    "events": "SELECT ROW(article_id, type, subtype, trigger, source_text, source_grp, s.k, target_text, target_grp, "
    "t.k, place, date_text, date_start, date_end, date_precision, date_note, negated, hedged, modality, sentence, "
    'start, "end")::text FROM events e LEFT JOIN ek s ON s.entity_id = e.source_entity_id '
    "LEFT JOIN ek t ON t.entity_id = e.target_entity_id",
    "quotes": "SELECT ROW(article_id, text, direct, speaker, speaker_grp, ek.k, speaker_title, speaker_affiliation, "
    'cue, outlet, sentence, start, "end", source_text, source_start, source_end, cue_text, cue_start, cue_end)::text '
    "FROM quotes q LEFT JOIN ek ON ek.entity_id = q.speaker_entity_id",
    "sanction_links": "SELECT ROW(ek.k, dataset, entry_id, score, status)::text FROM sanction_links l "
    "LEFT JOIN ek ON ek.entity_id = l.entity_id",
    "alerts": "SELECT ROW(watch_id, article_id, matched, score, sentence)::text FROM alerts",
}
CLUSTER_KEY = (
    "WITH ek AS (SELECT entity_id, min(article_id || ':' || lpad(start::text, 9, '0')) AS k "
    "FROM mentions WHERE entity_id IS NOT NULL GROUP BY entity_id) "
)


def stored_digest(url: str) -> dict[str, tuple[int, str]]:
    """(rows, md5 of the sorted rows) per table of what a run stored: two runs on the same input must agree."""
    engine = create_engine(url)
    out = {}
    with engine.connect() as conn:
        for table, rows in STORED.items():
            agg = "SELECT count(*), md5(coalesce(string_agg(r, '|' ORDER BY r), ''))"
            n, digest = conn.execute(text(f"{CLUSTER_KEY}{agg} FROM ({rows}) x(r)")).one()
            out[table] = (n, digest)
    engine.dispose()
    return out


def same_rows(a: dict[str, tuple[int, str]], b: dict[str, tuple[int, str]]) -> str:
    """'identical' or the tables whose stored rows differ (with their row counts)."""
    diff = [f"{t} ({a[t][0]} vs {b[t][0]} rows)" for t in a if a[t] != b.get(t)]
    return "identical" if not diff else "DIFFER in " + ", ".join(diff)


def fill_table_cache() -> None:
    """Build the tables kept on disk (:mod:`threatgraph.tablecache`) in a child process before any path runs, so
    every path starts as after any earlier run of this code: otherwise the first path measured would build them
    (and write them) and the later ones load them, and local[1] against local[2] would compare unequal work. In
    a child: a table the parent held in memory would reach the forked paths without any cost at all."""
    code = "from threatgraph.extract import places; places._place_names(); places._place_keys()"
    subprocess.run([sys.executable, "-c", code], check=True)


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def timed(hook: Any, spent: list[float]) -> Any:
    """The hook, adding its CPU seconds (this process: the single path runs its hooks inline) to ``spent``."""

    @functools.wraps(hook)
    def run(engine: Any, ids: list[str]) -> Any:
        c0 = time.process_time()
        try:
            return hook(engine, ids)
        finally:
            spent[0] += time.process_time() - c0

    return run


def ms(cpu: float, n: int) -> str:
    return f"{1000 * cpu / max(n, 1):.0f} ms/article"


def _single_child(folder: Path, url: str, send: Any) -> None:
    """The single path in a fresh child: the spaCy model and every cache start cold, as in a new job."""
    hook_cpu = [0.0]
    t0 = time.perf_counter()
    app = Threatgraph(db=url, hooks=[timed(h, hook_cpu) for h in DEFAULT_HOOKS])
    report = app.ingest([folder], batch_size=64)
    send.send((time.perf_counter() - t0, hook_cpu[0], len(report.ingested), [f.reason for f in report.failed[:3]]))


def run_single(folder: Path, n: int, pg: str, urls: list[str]) -> dict[str, Any]:
    """The anchor: ``Threatgraph.ingest`` (one process, resolution and watches per batch) into a fresh schema."""
    url = fresh_schema(pg)
    urls.append(url)
    recv, send = mp.Pipe(duplex=False)
    with TreeCPU(backends=pg_backends(pg)) as meter:
        child = mp.get_context("fork").Process(target=_single_child, args=(folder, url, send))
        child.start()
        wall, hook_cpu, ingested, failed = recv.recv()
        child.join()
    assert ingested == n, (ingested, failed)
    cpu = meter.final.cpu
    print(
        f"single machine (anchor): {wall:8.1f} s wall  {n / wall:6.1f} articles/s  [{load()}]\n"
        f"    CPU {describe(cpu)} = {ms(sum(cpu.values()), n)}; "
        f"of it resolution + watch hooks {hook_cpu:.1f} s (ingest process)"
    )
    return {"wall": wall, "cpu": sum(cpu.values()), "kinds": cpu, "digest": stored_digest(url)}


def lpt(jobs: list[float], slots: int, start: list[float] | None = None) -> float:
    """Makespan of jobs over ``slots`` workers, longest first to the least loaded (Spark hands tasks out greedily);
    ``start``: when each slot can take its first job (the daemons' warm-ups), 0 by default."""
    loads = list(start) if start else [0.0] * slots
    for job in sorted(jobs, reverse=True):
        loads[loads.index(min(loads))] += job
    return max(loads)


def _spark_child(folder: Path, url: str, slots: int, partitions: int | None, conf: dict[str, str], send: Any) -> None:
    """One Spark job in a fresh child: its own JVM, started cold (JIT, class loading) as a real job's is."""
    session = spark_session(f"local[{slots}]", {"spark.sql.shuffle.partitions": str(2 * slots), **conf})
    session.range(1).count()  # JVM and session up: startup is measured apart
    up, up_epoch = time.perf_counter(), time.time()
    rep = run_bulk(
        [str(folder)], url, session=session, partitions=partitions, names=gazetteer_names, hooks=DEFAULT_HOOKS
    )
    wall = time.perf_counter() - up
    jvm = jvm_threads(session)
    session.stop()
    send.send((up, wall, rep, jvm, up_epoch))


def jvm_threads(session: Any) -> dict[str, float]:
    """CPU seconds of the JVM's JIT compiler and garbage collector threads (from /proc, by thread name)."""
    from pyspark import SparkContext

    proc = getattr(SparkContext._gateway, "proc", None)  # the JVM pyspark launched (None under spark-submit)
    out = {"JIT": 0.0, "GC": 0.0}
    if proc is None:
        return out
    for task in Path(f"/proc/{proc.pid}/task").iterdir():
        try:
            raw = (task / "stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        kind = "JIT" if "Compiler" in name else "GC" if ("GC" in name or "G1" in name) else None
        if kind:
            out[kind] += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return out


def run_spark(
    folder: Path,
    n: int,
    pg: str,
    slots: int,
    partitions: int | None,
    urls: list[str],
    conf: dict[str, str],
    timeline: bool = False,
) -> dict[str, Any]:
    """``run_bulk`` on ``local[slots]`` into a fresh schema, in a fresh child process with its own JVM (so
    local[1] and local[2] each pay a cold JVM, as every real job does); session startup measured apart."""
    url = fresh_schema(pg)
    urls.append(url)
    recv, send = mp.Pipe(duplex=False)
    events = Path(tempfile.mkdtemp(prefix="tg-eventlog-")) if timeline else None
    if events is not None:  # Spark's own record of every task, uncompressed (read by sparklog.py)
        conf = {
            **conf,
            "spark.eventLog.enabled": "true",
            "spark.eventLog.dir": events.as_uri(),
            "spark.eventLog.compress": "false",
        }
    with TreeCPU(backends=pg_backends(pg)) as meter:
        child = mp.get_context("fork").Process(target=_spark_child, args=(folder, url, slots, partitions, conf, send))
        child.start()
        meter.drivers.add(child.pid)
        up_at, wall, rep, jvm, up_epoch = recv.recv()
        child.join()
    up = start = up_at - meter._t0
    assert len(rep.ingested) == n, (len(rep.ingested), rep.failed[:3])
    startup = meter.window(0, up)
    total = meter.window(start, start + wall + 1)
    stages = {}
    at = start
    for name, secs in rep.timings.items():
        stages[name] = meter.window(at, at + secs)
        at += secs
    parts = rep.partitions
    part_cpu = [p["cpu_seconds"] for p in parts]
    models = [p["model_cpu_seconds"] for p in parts if p["model_cpu_seconds"] > 0.5]
    workers = meter.processes("python workers")
    first: dict[int, float] = {}
    for p in sorted(parts, key=lambda p: p["started"]):
        first.setdefault(p["pid"], p["cpu_seconds"])
    later = [p["cpu_seconds"] for p in parts if first.get(p["pid"]) != p["cpu_seconds"]]
    by_start = " ".join(f"{p['cpu_seconds']:.1f}" for p in sorted(parts, key=lambda p: p["started"]))
    print(
        f"spark local[{slots}]: {wall:8.1f} s wall  {n / wall:6.1f} articles/s  [{load()}]\n"
        f"    CPU {describe(total)} = {ms(sum(total.values()), n)}; session startup apart: {describe(startup)}\n"
        f"    stages (wall, CPU): "
        + "; ".join(f"{k} {rep.timings[k]:.0f} s, {describe(v)}" for k, v in stages.items())
        + f"\n    partitions {len(parts)}: worker CPU mean {statistics.mean(part_cpu):.1f} s, max {max(part_cpu):.1f} s"
        f" (NLP {sum(p['nlp_cpu_seconds'] for p in parts):.0f} s of {sum(part_cpu):.0f} s); "
        f"extractor built {len(models)}x ({sum(models):.1f} s CPU); "
        f"peak memory per executor {max(p['peak_rss_mb'] for p in parts):.0f} MB; "
        f"resolution blocks {rep.blocks.get('blocks')} (largest {rep.blocks.get('largest_block')} of "
        f"{rep.blocks.get('groups')} groups; {rep.blocks.get('stored_blocks', 0)} reach stored entities: "
        f"{rep.blocks.get('redecided_articles', 0)} articles re-decided with them)\n"
        f"    partition CPU by start order: {by_start}"
        f" s; a worker's first {statistics.mean(first.values()):.1f} s mean, later ones "
        f"{statistics.mean(later) if later else 0:.1f} s mean ({len(first)} workers)\n"
        f"    JVM threads over its life (startup included): JIT compilers {jvm['JIT']:.1f} s, GC {jvm['GC']:.1f} s\n"
        f"    Python worker processes (session included): {len(workers)}, CPU s each: "
        + " ".join(f"{w:.1f}" for w in workers)
        + (
            f"\n    resolution pool's daemon (started with the job, beside the extraction pool's): warm-up "
            f"{rep.resolve_warmup:.1f} s CPU; extraction pool's {_warmup(rep):.1f} s"
            if getattr(rep, "resolve_warmup", None) is not None
            else ""
        )
    )
    if events is not None:
        print("    " + sparklog.describe(sparklog.read_dir(events), up_epoch, up_epoch + wall, slots))
        shutil.rmtree(events, ignore_errors=True)
    return {
        "wall": wall,
        "cpu": sum(total.values()),
        "kinds": total,
        "stages": stages,
        "rep": rep,
        "parts": part_cpu,
        "digest": stored_digest(url),
    }


def _warmup(rep: Any) -> float:
    """CPU seconds the extraction workers' daemon spent warming up (threatgraph/bulk/daemon.py)."""
    return max((p.get("warmup_cpu_seconds", 0.0) for p in rep.partitions), default=0.0)


def _slot_starts(warm: float, rwarm: float, slots: int) -> list[float]:
    """When each slot takes its first partition: after the extraction daemon's warm-up, and one slot after the
    resolution daemon's too (its warm-up task holds that slot; threatgraph/bulk/pools.py). One slot: both, in turn."""
    if slots == 1:
        return [warm + rwarm]
    return [warm, max(warm, rwarm)] + [warm] * (slots - 2)


def model(n: int, r1: dict[str, Any]) -> None:
    """The 1 -> N executor estimate from local[1]'s CPU: what splits over executors and what does not."""
    rep, stages = r1["rep"], r1["stages"]
    ext = sum(stages["extract"].values())
    tasks = sum(r1["parts"])  # Python worker CPU inside the partitions: splits over executors
    # the executor daemons' warm-ups (threatgraph/bulk/daemon.py): before any task of their pool, on one core each;
    # a job without a resolution pool of its own (older code) has it all in the extraction daemon's
    warm = _warmup(rep)
    rwarm = getattr(rep, "resolve_warmup", None) or 0.0
    outside = ext - tasks - warm - rwarm  # driver, JVM (reading, shuffles, Arrow) and PostgreSQL around the tasks
    res = sum(sum(stages[k].values()) for k in ("resolve", "watch") if k in stages)
    largest = res * rep.blocks.get("largest_block", 0) / max(rep.blocks.get("groups", 1), 1)
    driver = sum(stages[k]["driver"] for k in stages)
    print(
        f"CPU model from local[1]: partitions {tasks:.0f} s CPU (split over executors), daemon warm-up {warm:.0f} s "
        f"extraction + {rwarm:.0f} s resolution pool (before any task of theirs; two slots run them at once), "
        f"around them {outside:.0f} s "
        f"(driver {stages['extract']['driver']:.0f}, JVM {stages['extract']['jvm']:.0f}, "
        f"PostgreSQL {stages['extract']['postgres']:.0f}), resolution + watch {res:.0f} s "
        f"(largest block ~{largest:.0f} s: the serial floor)"
    )
    total = warm + rwarm + outside + tasks + res
    serial = max(warm, rwarm) + driver + largest  # on two slots: what no second slot shortens
    print(
        f"Amdahl from local[1] CPU: serial {serial:.1f} s (warm-up not overlapped {max(warm, rwarm):.1f}, driver "
        f"{driver:.1f}, largest resolution block {largest:.1f}) of {total:.1f} s = {100 * serial / total:.0f}%: "
        f"bound at N=2 {total / (serial + (total - serial) / 2):.2f}x"
    )
    for slots in (2, 8, 32):
        starts = _slot_starts(warm, rwarm, slots)
        best = outside / slots + lpt(r1["parts"], slots, starts) + max(res / slots, largest)
        worst = outside + lpt(r1["parts"], slots, starts) + max(res / slots, largest)
        one = warm + rwarm + outside + tasks + res
        print(
            f"  N={slots}: speed-up {one / worst:.2f}x (work around the partitions serial) .. {one / best:.2f}x "
            f"(it splits too), this input of {n} articles in {len(r1['parts'])} partitions"
        )
    # The warm-up is paid once per executor whatever the input; the rest grows with it. On a larger input of the
    # same mix (k times as many partitions like these, blocks k times as large: pessimistic), 1 -> 2 slots:
    for k in (10, 100):
        one = warm + rwarm + k * (outside + tasks + res)
        two = k * (outside / 2 + max(res / 2, largest)) + lpt(r1["parts"] * k, 2, _slot_starts(warm, rwarm, 2))
        print(
            f"  N=2 on {k}x this input ({k * n} articles), warm-up fixed: speed-up {one / two:.2f}x "
            "(work around the partitions split)"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--synthetic", type=int, default=200, help="synthetic articles (issue size: 100000)")
    ap.add_argument("--dev-repeat", type=int, default=1, help="copies of the real dev set")
    ap.add_argument("--files", type=int, default=4, help="JSON lines files the articles are split into")
    ap.add_argument("--partitions", type=int, default=None, help="Spark partitions (default: ~256 articles each)")
    ap.add_argument("--runs", default="single,1,2", help="which paths: single, and Spark slot counts (1, 2)")
    ap.add_argument(
        "--marginal",
        action="store_true",
        help="also run each path on the first half of the articles: cost per extra article and fixed cost",
    )
    ap.add_argument(
        "--conf", action="append", default=[], metavar="KEY=VALUE", help="a Spark setting for the Spark runs"
    )
    ap.add_argument(
        "--timeline",
        action="store_true",
        help="record Spark's event log and print how long 0, 1, 2 ... tasks ran at once (where a slot sat idle)",
    )
    ap.add_argument("--pg", default=os.environ.get("TG_TEST_PG_URL"), help="PostgreSQL database URL")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the benchmark schemas")
    args = ap.parse_args()
    if not args.pg:
        raise SystemExit("needs PostgreSQL: --pg URL or $TG_TEST_PG_URL")
    runs = args.runs.split(",")
    conf = parse_conf(args.conf)
    items = synthetic(args.synthetic, args.seed) + dev_copies(args.dev_repeat)
    n = len(items)
    print(f"articles: {n} ({args.synthetic} synthetic, {n - args.synthetic} dev-set copies); {load()}")
    urls: list[str] = []
    results: dict[str, dict[str, Any]] = {}
    m = len(items[::2])
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder, half = Path(tmp) / "all", Path(tmp) / "half"
            folder.mkdir()
            half.mkdir()
            write_inputs(folder, items, args.files)
            write_inputs(half, items[::2], args.files)  # every other article: the same mix as the whole
            fill_table_cache()
            for which in runs:
                if which == "single":
                    results[which] = run_single(folder, n, args.pg, urls)
                else:
                    results[which] = run_spark(
                        folder, n, args.pg, int(which), args.partitions, urls, conf, args.timeline
                    )
                if args.marginal:  # the smaller run second: its fixed costs are if anything the lower
                    if which == "single":
                        small = run_single(half, m, args.pg, urls)
                    else:
                        small = run_spark(half, m, args.pg, int(which), args.partitions, urls, conf)
                    extra = (results[which]["cpu"] - small["cpu"]) / (n - m)
                    results[which]["marginal"] = extra
                    print(
                        f"  {which}: cost per extra article {1000 * extra:.0f} ms (from {m} to {n} articles); "
                        f"fixed cost {results[which]['cpu'] - n * extra:.0f} s CPU"
                    )
    finally:
        if not args.keep:
            for url in urls:
                drop_schema(args.pg, url)
    single, one, two = results.get("single"), results.get("1"), results.get("2")
    if single and one:
        print(
            f"ratio spark local[1] / single machine, CPU per article: {one['cpu'] / single['cpu']:.2f} "
            f"(target <= 1.2); wall: {one['wall'] / single['wall']:.2f} (load-dependent)"
        )
    if single and one and "marginal" in one and "marginal" in single:
        print(
            f"ratio spark local[1] / single machine, CPU per extra article: {one['marginal'] / single['marginal']:.2f}"
            " (target <= 1.2; the fixed costs - JVM, worker start-up, model loads - spread over a large archive)"
        )
    if one and two:
        print(
            f"speed-up local[1] -> local[2], wall: {one['wall'] / two['wall']:.2f}x (target >= 1.8; needs a quiet "
            f"machine); CPU local[2] / local[1]: {two['cpu'] / one['cpu']:.2f} (1.00: no work added by the 2nd "
            f"executor); 2 cores bound local[2] at >= {two['cpu'] / 2:.0f} s wall"
        )
    if one:
        model(n, one)
    spark_runs = [k for k in runs if k != "single" and k in results]
    if "single" in results and spark_runs:
        print(
            f"stored rows, single machine vs spark local[{spark_runs[0]}]: "
            f"{same_rows(results['single']['digest'], results[spark_runs[0]]['digest'])} "
            "(resolution may differ slightly: one run against independent blocks)"
        )
    differ = [k for k in spark_runs[1:] if results[k]["digest"] != results[spark_runs[0]]["digest"]]
    for k in spark_runs[1:]:
        print(
            f"stored rows, spark local[{spark_runs[0]}] vs local[{k}]: "
            f"{same_rows(results[spark_runs[0]]['digest'], results[k]['digest'])}"
        )
    if differ:
        raise SystemExit("the Spark runs stored different rows: their speed-up compares different work")


if __name__ == "__main__":
    main()
