"""Resolution benchmark: full re-resolution of N articles' mentions, flat incremental cost, dossier latency.

Synthetic archive (no third-party text): actors drawn from a Zipf-like popularity curve, each spelled in
several ways (vowel variants, "Liwa X" / "X Brigade", particles, Arabic-script names for some groups), persons
often mentioned by surname only, namesakes with the same surname. Articles are stored with the real
``write_analysis``; everything below is measured in this one process:

- full resolution (``rebuild``, no screening): seconds and articles/s for N articles;
- incremental cost: ``update`` of one new article when 10% and 100% of the archive is resolved, and
  its ratio (flat means ≈ 1×), with the cost of storing the article (``save_analysis``) as anchor;
- dossier p50/p95 of the most-mentioned actors (target: < 50 ms).

Run: ``.venv/bin/python benchmarks/resolve.py [--articles 10000] [--db PATH]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from threatgraph.model import Analysis, Article, Event, Mention, Quote

SYL = ["ba", "da", "fa", "ha", "ja", "ka", "la", "ma", "na", "ra", "sa", "ta", "za", "ri", "mu", "zi", "yo", "qa"]
AR = dict(zip("bdfhjklmnrstzq", "بدفهجكلمنرستزق", strict=True))
GIVEN = "Ahmad Ali Hassan Hussain Omar Umar Abdul Karim Rana Tariq Imran Bilal Farid Jamal Nasir Saeed Yusuf".split()  # noqa: SIM905
FAMILY = "Khan Qadir Karim Jafri Hussain Zaidi Baloch Rahimi Haidari Siddiqui Qureshi Malik Butt Chaudhry".split()  # noqa: SIM905
DESIGNATORS = [("Brigade", "Liwa"), ("Division", "Firqat"), ("Battalion", "Katiba"), ("Front", "Jabhat")]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYL) for _ in range(rng.randint(2, 4))).capitalize()


def variant(name: str, rng: random.Random) -> str:
    """A plausible other spelling: vowel swaps the way transliterations differ."""
    swaps = [("a", "e"), ("i", "y"), ("ou", "u"), ("u", "ou"), ("y", "i")]
    out = name
    for a, b in rng.sample(swaps, 2):
        out = out.replace(a, b, 1)
    return out


def arabic(name: str) -> str:
    return "".join(AR.get(c, "") for c in name.lower() if c not in "aeiouy") or name


def make_actors(rng: random.Random, n_groups: int, n_people: int, n_places: int) -> list[dict]:
    actors: list[dict] = []
    for _ in range(n_groups):
        core = word(rng)
        eng, liwa = rng.choice(DESIGNATORS)
        names = [f"{core} {eng}", f"{liwa} {variant(core, rng)}", f"{variant(core, rng)} {eng}", core]
        if rng.random() < 0.2:
            names.append(f"{arabic(liwa)} {arabic(core)}")
        actors.append({"label": rng.choice(["ArmedGroup", "Organization"]), "names": names})
    for _ in range(n_people):
        full = f"{rng.choice(GIVEN)} {word(rng)} {rng.choice(FAMILY)}"
        actors.append({"label": "Person", "names": [full, full.split()[-1], " ".join(full.split()[1:])]})
    for _ in range(n_places):
        actors.append({"label": rng.choice(["Location", "Country"]), "names": [word(rng)]})
    for k, a in enumerate(actors):
        a["id"] = k
    return actors


def make_article(i: int, actors: list[dict], weights: list[float], rng: random.Random) -> tuple[Analysis, list[int]]:
    chosen: list[dict] = []
    while len(chosen) < rng.randint(6, 16):
        a = rng.choices(actors, weights)[0]
        if a not in chosen:
            chosen.append(a)
    parts: list[str] = []
    mentions: list[Mention] = []
    truth: list[int] = []
    pos = 0
    for grp, a in enumerate(chosen):
        spellings = a["names"] if a["label"] != "Person" else [a["names"][0], a["names"][1]]
        for k in range(rng.randint(1, 3)):
            name = spellings[0] if k == 0 else rng.choice(spellings)
            sentence = f"Report {i}: {name} was mentioned in connection with events."
            start = pos + len(f"Report {i}: ")
            mentions.append(
                Mention(start, start + len(name), name, a["label"], name.casefold(), sentence, pos, grp, spellings[0])
            )
            truth.append(a["id"])
            parts.append(sentence)
            pos += len(sentence) + 1
    text = " ".join(parts)
    events = [
        Event("SUPPORT", "backed", parts[0], 0, len(parts[0]), chosen[0]["names"][0], chosen[1]["names"][0], 0, 1)
    ]
    # One quote spanning the first two sentences (so it names two actors), said by a person if any.
    speaker = next((g for g, a in enumerate(chosen) if a["label"] == "Person"), -1)
    q_end = len(parts[0]) + 1 + len(parts[1]) if len(parts) > 1 else len(parts[0])
    quotes = [Quote(text[:q_end], 0, q_end, chosen[speaker]["names"][0] if speaker >= 0 else None, speaker, cue="said")]
    art = Article(text=text, title=f"Synthetic report {i}", published=date(2020, 1, 1) + timedelta(days=i % 1500))
    return Analysis(article=art, mentions=mentions, events=events, quotes=quotes), truth


def bcubed(engine, truth: dict[tuple[str, int], int]) -> tuple[float, float]:
    """B-cubed precision/recall of the resolved entities against the true actors of each mention."""
    from collections import Counter

    from sqlalchemy import select

    from threatgraph.store.schema import mentions

    with engine.connect() as conn:
        rows = [
            (truth[(a, s)], e)
            for a, s, e in conn.execute(select(mentions.c.article_id, mentions.c.start, mentions.c.entity_id))
        ]
    pair = Counter(rows)
    by_ent = Counter(e for _, e in rows)
    by_true = Counter(t for t, _ in rows)
    precision = sum(c * c / by_ent[e] for (t, e), c in pair.items()) / len(rows)
    recall = sum(c * c / by_true[t] for (t, e), c in pair.items()) / len(rows)
    return precision, recall


def store_articles(engine, analyses: list[Analysis]) -> list[str]:
    from threatgraph.store.articles import write_analysis

    with engine.begin() as conn:
        for a in analyses:
            write_analysis(conn, a)
    return [a.article.id for a in analyses]


def read_side(engine, n: int, rng: random.Random) -> None:
    """Dossier latency on a large archive whose mentions carry their true actor (no resolution run)."""
    from sqlalchemy import func, select

    from threatgraph.store.schema import entities

    actors = make_actors(rng, n_groups=max(50, n // 10), n_people=max(100, n // 4), n_places=max(30, n // 50))
    weights = [1.0 / (1 + k) ** 0.8 for k in range(len(actors))]
    rng.shuffle(weights)
    with engine.connect() as conn:
        existing = conn.execute(select(func.count()).select_from(entities)).scalar()
    if not existing:
        _fill(engine, n, actors, weights, rng)
    else:
        print(f"read side: reusing the {existing} entities already in the store")
    _measure_dossiers(engine, n)


def _fill(engine, n: int, actors: list[dict], weights: list[float], rng: random.Random) -> None:
    from sqlalchemy import func, insert, select, update

    from threatgraph.names.forms import name_form, script_of
    from threatgraph.resolve.cluster import Resolver
    from threatgraph.resolve.decisions import Decisions
    from threatgraph.store.schema import aliases, entities, mentions

    with engine.begin() as conn:
        conn.execute(
            insert(entities),
            [
                {
                    "id": f"ent-bench{a['id']:07d}",
                    "schema": a["label"],
                    "caption": a["names"][0],
                    "norm": name_form(a["names"][0], a["label"]).norm,
                    "props": {},
                }
                for a in actors
            ],
        )
        conn.execute(
            insert(aliases),
            [
                {
                    "entity_id": f"ent-bench{a['id']:07d}",
                    "name": nm,
                    "norm": name_form(nm, a["label"]).norm,
                    "script": script_of(nm),
                    "count": 1,
                }
                for a in actors
                for nm in dict.fromkeys(a["names"])
            ],
        )
    t0 = time.perf_counter()
    for start in range(0, n, 1000):
        batch = []
        for i in range(start, min(n, start + 1000)):
            analysis, truth = make_article(i, actors, weights, rng)
            for m, t in zip(analysis.mentions, truth, strict=True):
                m.entity_id = f"ent-bench{t:07d}"
            batch.append(analysis)
        ids = store_articles(engine, batch)
        with engine.begin() as conn:
            Resolver(conn, Decisions()).link_events(ids)
    print(f"read side: stored {n} articles with their true actors in {time.perf_counter() - t0:.0f}s")
    with engine.begin() as conn:
        counts = conn.execute(
            select(mentions.c.entity_id, func.count(), func.count(mentions.c.article_id.distinct())).group_by(
                mentions.c.entity_id
            )
        ).all()
        for eid, mc, ac in counts:
            conn.execute(update(entities).where(entities.c.id == eid).values(mention_count=mc, article_count=ac))


def _measure_dossiers(engine, n: int) -> None:
    from sqlalchemy import func, select

    from threatgraph.store.read import dossier
    from threatgraph.store.schema import entities

    with engine.connect() as conn:
        top = [r[0] for r in conn.execute(select(entities.c.id).order_by(entities.c.mention_count.desc()).limit(30))]
        some = [r[0] for r in conn.execute(select(entities.c.id).order_by(func.random()).limit(30))]
    for label, ids in (("30 most-mentioned", top), ("30 random", some)):
        times = []
        for eid in ids * 2:
            t = time.perf_counter()
            dossier(engine, eid)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        print(
            f"dossier, {label} actors of {n} articles: p50 {statistics.median(times):.1f} ms,"
            f" p95 {times[int(len(times) * 0.95) - 1]:.1f} ms (target < 50 ms)"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--db", default=None, help="SQLite file to use (default: a temporary one)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--read-only", type=int, default=0, metavar="N", help="only measure dossiers on N articles")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tg-bench-resolve-"))
    os.environ.setdefault("THREATGRAPH_HOME", str(tmp / "home"))
    from threatgraph import resolve
    from threatgraph.store.articles import save_analysis
    from threatgraph.store.db import open_store
    from threatgraph.store.read import dossier, hits

    engine = open_store(args.db or f"sqlite:///{tmp / 'bench.db'}")
    rng = random.Random(args.seed)
    if args.read_only:
        read_side(engine, args.read_only, rng)
        return
    n = args.articles
    actors = make_actors(rng, n_groups=max(50, n // 10), n_people=max(100, n // 4), n_places=max(30, n // 50))
    weights = [1.0 / (1 + k) ** 0.8 for k in range(len(actors))]
    rng.shuffle(weights)
    t0 = time.perf_counter()
    made = [make_article(i, actors, weights, rng) for i in range(n)]
    analyses = [a for a, _ in made]
    extra = [make_article(n + i, actors, weights, rng)[0] for i in range(40)]
    for start in range(0, n, 1000):
        store_articles(engine, analyses[start : start + 1000])
    n_mentions = sum(len(a.mentions) for a in analyses)
    truth = {(a.article.id, m.start): t for a, ts in made for m, t in zip(a.mentions, ts, strict=True)}
    print(
        f"archive: {n} articles, {n_mentions} mentions, {len(actors)} true actors"
        f" (built in {time.perf_counter() - t0:.1f}s)"
    )

    small = max(100, n // 10)
    t = time.perf_counter()
    stats = resolve.rebuild(engine, screen=False)
    full = time.perf_counter() - t
    print(
        f"full resolution: {n} articles / {n_mentions} mentions in {full:.1f}s = {n / full:.0f} articles/s "
        f"({stats.created} entities created, {stats.merged} merges)"
    )

    precision, recall = bcubed(engine, truth)
    print(f"clustering quality (B-cubed over all mentions): precision {precision:.3f}, recall {recall:.3f}")

    def per_article(batch: list[Analysis]) -> tuple[float, float]:
        store_t, res_t = [], []
        for a in batch:
            t1 = time.perf_counter()
            save_analysis(engine, a)
            t2 = time.perf_counter()
            resolve.update(engine, [a.article.id], screen=False)
            t3 = time.perf_counter()
            store_t.append(t2 - t1)
            res_t.append(t3 - t2)
        return statistics.median(store_t) * 1000, statistics.median(res_t) * 1000

    # The same 20 fresh articles resolved against a small archive (a fresh store with 10% of the
    # articles) and against the full one.
    small_db = tmp / "small.db"
    small_engine = open_store(f"sqlite:///{small_db}")
    for start in range(0, small, 1000):
        store_articles(small_engine, analyses[start : min(small, start + 1000)])
    resolve.rebuild(small_engine, screen=False)
    engine_full = engine
    engine = small_engine
    s_store, s_res = per_article(extra[:20])
    engine = engine_full
    f_store, f_res = per_article(extra[:20])
    print(
        f"incremental update, median per new article: {s_res:.2f} ms with {small} articles resolved, "
        f"{f_res:.2f} ms with {n} → ratio {f_res / s_res:.2f}x for {n / small:.0f}x the archive (flat ≈ 1x)"
    )
    print(
        f"anchor: storing the article itself (save_analysis) {s_store:.2f} ms → {f_store:.2f} ms; "
        f"resolve/store ratio {s_res / s_store:.2f}x → {f_res / f_store:.2f}x"
    )

    from sqlalchemy import select

    from threatgraph.store.schema import entities

    with engine.connect() as conn:
        top = [r[0] for r in conn.execute(select(entities.c.id).order_by(entities.c.mention_count.desc()).limit(30))]
    times = []
    for eid in top * 2:
        t = time.perf_counter()
        dossier(engine, eid)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"dossier of the 30 most-mentioned actors: p50 {statistics.median(times):.1f} ms,"
        f" p95 {p95:.1f} ms (target < 50 ms)"
    )
    t = time.perf_counter()
    hits(engine)
    print(f"hits: {(time.perf_counter() - t) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
