"""Names in another script inside English articles: parenthetical spellings, transliteration matches,
list names, and the end-to-end path to an entity alias with its script."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threatgraph.extract.grouping import group_mentions
from threatgraph.extract.mentions import build_mentions
from threatgraph.extract.pipeline import Extractor, extract_mentions
from threatgraph.extract.scripts import foreign_runs, foreign_script, model_guess_in_foreign_script
from threatgraph.model import Analysis, Article, Mention


@pytest.fixture(scope="module")
def extractor(nlp) -> Extractor:
    return Extractor(nlp=nlp)


def _analyse(extractor: Extractor, text: str) -> Analysis:
    return next(extractor.analyse([Article(text=text)]))


def _mention(analysis: Analysis, text: str) -> Mention:
    found = [m for m in analysis.mentions if m.text == text]
    assert found, f"no mention {text!r} in {[m.text for m in analysis.mentions]}"
    return found[0]


def test_parenthetical_arabic_spelling_joins_the_group_and_type(extractor: Extractor) -> None:
    text = "Liwa al-Fajr (لواء الفجر), an Iran-backed militia, recruited men in Quetta."
    analysis = _analyse(extractor, text)
    arabic = _mention(analysis, "لواء الفجر")
    latin = _mention(analysis, "Liwa al-Fajr")
    assert (arabic.group, arabic.label, arabic.source) == (latin.group, "ArmedGroup", "script")
    assert arabic.canonical == "Liwa al-Fajr"  # the alias never becomes the name shown for the group
    assert text[arabic.start : arabic.end] == arabic.text


def test_native_name_first_with_the_latin_name_in_parentheses(extractor: Extractor) -> None:
    analysis = _analyse(extractor, "لواء الفجر (Liwa al-Fajr) recruited fighters in Quetta in 2019.")
    arabic = _mention(analysis, "لواء الفجر")
    assert arabic.group == _mention(analysis, "Liwa al-Fajr").group and arabic.label == "ArmedGroup"
    # more than a name in the parentheses: no pairing
    other = _analyse(extractor, "Officials read أخبار الصباح (Liwa al-Fajr and its allies) aloud in Quetta.")
    assert not [m for m in other.mentions if not m.text.isascii()]


def test_parenthetical_spelling_of_a_person_and_a_cyrillic_name(extractor: Extractor) -> None:
    text = "Amina Rahimi (آمنه رحیمی), a senior analyst, met envoys of the Wagner Group (Группа Вагнера) in Damascus."
    analysis = _analyse(extractor, text)
    person = _mention(analysis, "آمنه رحیمی")
    assert person.label == "Person" and person.group == _mention(analysis, "Amina Rahimi").group
    wagner = _mention(analysis, "Группа Вагнера")
    assert wagner.group == _mention(analysis, "Wagner Group").group and wagner.label == "ArmedGroup"


def test_standalone_spelling_matching_a_named_actor_by_transliteration(extractor: Extractor) -> None:
    text = (
        "The Zainabiyoun Brigade recruited Pakistani Shia fighters. Banners in Parachinar read زینبیون "
        "above the mosque door."
    )
    analysis = _analyse(extractor, text)
    persian = _mention(analysis, "زینبیون")
    assert persian.group == _mention(analysis, "Zainabiyoun Brigade").group
    assert persian.label == "ArmedGroup"


def test_untyped_foreign_phrase_is_not_an_entity(extractor: Extractor) -> None:
    # Arabic for "the morning news": no partner, no list, so nothing is guessed.
    analysis = _analyse(extractor, "The broadcaster aired أخبار الصباح every day, officials in Quetta said.")
    assert not [m for m in analysis.mentions if not m.text.isascii()]


def test_standalone_list_name_in_arabic_script_is_typed_by_the_gazetteer() -> None:
    # A private pipeline: extra list names must not leak into the shared one.
    extractor = Extractor(extra_names=[("حزب الشهداء", "Organization")])
    analysis = _analyse(extractor, "Posters signed حزب الشهداء appeared in Basra overnight, police said.")
    listed = _mention(analysis, "حزب الشهداء")
    assert listed.label == "Organization" and listed.source == "gazetteer"


def test_runs_stop_at_latin_words_punctuation_and_trusted_entities(nlp) -> None:
    doc = nlp("Liwa al-Fajr (لواء الفجر) and زینبیون met in Москва.")
    runs = [run.text for run in foreign_runs(doc)]
    assert "لواء الفجر" in runs and "زینبیون" in runs
    assert "Москва" in runs  # the model's GPE guess on Cyrillic does not hide it
    trusted = {t.i for e in doc.ents if not model_guess_in_foreign_script(e) for t in e}
    for run in foreign_runs(doc):
        assert all(tok.i not in trusted and foreign_script(tok.text) for tok in run)


_LATIN = st.text(st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x24F), min_size=1, max_size=12)
_ARABIC = st.text(
    st.characters(min_codepoint=0x0621, max_codepoint=0x064A, whitelist_categories=("Lo",)), min_size=1, max_size=12
)


@given(_LATIN)
def test_latin_words_are_never_foreign(word: str) -> None:
    assert not foreign_script(word)


@given(_ARABIC, st.sampled_from(["", "(", ")", "،", "-", "1"]))
def test_arabic_words_are_foreign_with_or_without_punctuation(word: str, mark: str) -> None:
    assert foreign_script(word + mark)
    assert not foreign_script(word + "a")  # one Latin letter makes it a mixed token, not a foreign name


def test_reference_article_is_unaffected(extractor: Extractor, shared_data: Path) -> None:
    """The reference article has no foreign-script name: the new step adds and regroups nothing."""
    text = (shared_data / "articles" / "arabnews-zainabiyoun.txt").read_text(encoding="utf-8")
    doc = extractor.nlp(text)
    without = [(m.start, m.end, m.label, m.group, m.canonical) for m in group_mentions(build_mentions(doc))]
    with_scripts = [(m.start, m.end, m.label, m.group, m.canonical) for m in extract_mentions(doc)]
    assert with_scripts == without


def test_samples_give_the_fajr_entity_an_arabic_alias(store) -> None:
    """Real pipeline, resolve hook and dossier: the Arabic spelling is an alias of Liwa al-Fajr."""
    from threatgraph.app import Threatgraph
    from threatgraph.ingest.samples import samples_dir
    from threatgraph.store.read import dossier, find_entities

    report = Threatgraph(store).ingest(
        [samples_dir() / "fajr-brigade-designation.txt", samples_dir() / "karachi-arrests.txt"]
    )
    assert not report.failed, report.failed
    found = find_entities(store, "Liwa al-Fajr")
    assert found, "no entity for Liwa al-Fajr"
    d = dossier(store, found[0].id)
    assert d is not None
    assert {"name": "لواء الفجر", "script": "Arabic"} in [{"name": a.name, "script": a.script} for a in d.aliases]
    assert "Arabic" in d.scripts and "Latin" in d.scripts


def test_model_label_on_a_foreign_script_name_is_not_kept(extractor: Extractor, nlp) -> None:
    text = "Protesters marched in Москва on Friday."
    assert any(e.text == "Москва" for e in nlp(text).ents), "the model no longer tags it: pick another example"
    assert not [m for m in _analyse(extractor, text).mentions if not m.text.isascii()]
    paired = _analyse(extractor, "Moscow (Москва) hosted the talks on Friday.")
    assert _mention(paired, "Москва").group == _mention(paired, "Moscow").group
