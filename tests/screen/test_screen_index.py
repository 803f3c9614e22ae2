"""The screening index and matcher over the fixture lists: ranking, match flag, features, explanations,
persistence, and property tests on listed names."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threatgraph.screen import index as index_mod
from threatgraph.screen.index import all_names, build_index, get_index
from threatgraph.screen.query import MATCH_THRESHOLD, Query
from threatgraph.screen.queryprep import listed_tokens


def top(loaded, name: str, **kw):
    return get_index(loaded).match(Query([name], **kw))


def test_reference_spellings_find_the_brigade(loaded) -> None:
    for spelling in ("Zainabiyoun Brigade", "Liwa Zainebiyoun", "Zainabiyun", "لواء زینبیون", "ZAYNABIYOUN BRIGADE"):
        found = top(loaded, spelling)
        assert found[0].entry_id == "ofac-100", spelling
        assert found[0].match, (spelling, found[0].score)
        assert found[0].explanation["matched_name"] == "ZAYNABIYOUN BRIGADE"
        assert found[0].explanation["query_name"] == spelling


def test_unrelated_names_are_not_flagged(loaded) -> None:
    for name in ("Emily Clarke", "Toyota Motor Corporation", "Lisbon Bakery", "John Smith", "Northern Lights Cafe"):
        assert not any(c.match for c in top(loaded, name)), name


def test_other_scripts_and_lists(loaded) -> None:
    found = top(loaded, "Пётр Сорокин")
    assert found[0].entry_id == "os-ivanov" and found[0].dataset == "testset"
    found = top(loaded, "حميد يوسف البدري")
    assert found[0].entry_id == "un-QDi.900" and found[0].match
    found = top(loaded, "Kestrel Logistics")
    assert found[0].entry_id == "os-kestrel" and found[0].match


def test_features_move_the_score(loaded) -> None:
    plain = top(loaded, "Karim Qaradaghi")[0]
    assert plain.entry_id == "ofac-102"
    agree = top(loaded, "Karim Qaradaghi", countries=["Iraq"], birth_dates=["1971"])[0]
    assert agree.features["country_match"] > 0 and agree.features["birth_date_match"] > 0
    assert agree.score >= plain.score
    conflict = top(loaded, "Karim Qaradaghi", countries=["FR"], birth_dates=["1990-01-01"])[0]
    assert conflict.features["country_conflict"] < 0 and conflict.features["birth_date_conflict"] < 0
    assert conflict.score < plain.score
    company = [c for c in top(loaded, "Qaradaghi Ltd") if c.entry_id == "ofac-102"][0]
    assert company.features["schema_conflict"] < 0 and not company.match  # a legal form says: not a person
    wrong_kind = top(loaded, "Karim Qaradaghi", schema="Vessel")[0]
    assert wrong_kind.features["schema_conflict"] < 0 and not wrong_kind.match
    by_id = top(loaded, "Northwind", identifiers=["IMO 9123453"])[0]
    assert by_id.entry_id == "ofac-103" and by_id.features["identifier_match"] > 0
    assert by_id.explanation["matched_identifier"] == "IMO9123453"
    total = sum(plain.features.values())
    assert abs(min(1.0, max(0.0, total)) - plain.score) < 1e-3  # features explain the score


def test_candidate_carries_ftm_data(loaded) -> None:
    c = top(loaded, "Zainabiyoun Brigade")[0]
    assert c.entity["schema"] == "Organization"
    assert c.entity["sanction"]["properties"]["program"] == ["SDGT", "IRGC"]
    assert c.to_dict()["features"]["name_similarity"] == c.features["name_similarity"]


def test_threshold_and_limit(loaded) -> None:
    idx = get_index(loaded)
    found = idx.match(Query(["Zainabiyun"]), limit=1, threshold=0.99)
    assert len(found) == 1 and not found[0].match
    assert MATCH_THRESHOLD == 0.8


def test_index_persisted_and_reused(loaded, monkeypatch) -> None:
    idx = get_index(loaded)
    index_mod._CACHE.clear()

    def no_rebuild(*_a, **_k):
        raise AssertionError("index rebuilt instead of loaded from disk")

    monkeypatch.setattr(index_mod, "build_index", no_rebuild)
    again = get_index(loaded)
    assert again is not idx and again.key == idx.key
    assert again.match(Query(["Zainabiyoun"]))[0].entry_id == "ofac-100"


def test_all_names_for_gazetteer(loaded) -> None:
    names = set(all_names(loaded))
    assert ("ZAYNABIYOUN BRIGADE", "Organization") in names
    assert ("Пётр Иванович Сорокин", "Person") in names
    assert ("Abu Hamid", "Person") not in names  # a weak alias (UN quality "Low")
    assert ("Abu Hamid", "Person") in set(all_names(loaded, weak=True))


listed_names = st.lists(
    st.text(alphabet=st.characters(categories=("Lu", "Ll", "Lo", "Zs")), min_size=3, max_size=30).filter(
        lambda s: sum(ch.isalpha() for ch in s) >= 3
    ),
    min_size=1,
    max_size=6,
    unique=True,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(listed_names)
def test_an_exact_alias_always_matches_itself(names: list[str]) -> None:
    entries = [
        {"id": f"e{i}", "schema": "LegalEntity", "dataset": "t", "properties": {"name": [n]}}
        for i, n in enumerate(names)
    ]
    idx = build_index(entries)
    for entry in entries:
        name = entry["properties"]["name"][0]
        if not listed_tokens(name):  # nothing left after normalisation: not indexed, nothing to find
            continue
        found = idx.match(Query([name]), limit=len(entries))
        assert found[0].score == 1.0 and found[0].match
        assert entry["id"] in {c.entry_id for c in found if c.score == 1.0}
        assert all(0.0 <= c.score <= 1.0 for c in found)


def test_joined_query_finds_split_listed_name_and_back() -> None:
    entries = [
        {"id": "a", "schema": "Person", "properties": {"name": ["Abu Obaidah AL-MASRI"]}},
        {"id": "b", "schema": "Person", "properties": {"name": ["Abdulrahman QASSEMI"]}},
        {"id": "c", "schema": "Person", "properties": {"name": ["Obaid MASOUD"]}},
    ]
    index = build_index(entries, "t")
    for query, expected in [
        ("ABUOBAYDAH al-Masri", "a"),
        ("Abdul Rahman Kassemi", "b"),
        ("Abd al-Rahman QASSEMI", "b"),
    ]:
        found = index.match(Query([query]))
        assert found and found[0].entry_id == expected and found[0].match, (query, found[:1])


def test_a_name_the_list_writes_in_arabic_script_is_found_by_itself() -> None:
    # a closing ta marbuta is dropped from a queried script word; the listed script name is read the same way
    for name in ("حمزة", "حمزة علي", "ؠؠة"):
        idx = build_index([{"id": "e1", "schema": "Person", "dataset": "t", "properties": {"name": [name]}}])
        found = idx.match(Query([name]), limit=1)
        assert found and found[0].entry_id == "e1" and found[0].score == 1.0, name


def test_a_name_listed_in_hangul_or_chinese_characters_matches_itself() -> None:
    """A CJK query is compared by its readings and, against names listed in its own script, as itself: a
    romanisation that writes a syllable differently from the index ("나" read "na", indexed "la") must not
    hide the listed name from its own spelling."""
    names = ["가나", "나라", "가탏", "華信船務", "Gana Trading"]
    entries = [{"id": f"e{i}", "schema": "LegalEntity", "properties": {"name": [n]}} for i, n in enumerate(names)]
    index = build_index(entries, "t")
    for i, name in enumerate(names):
        found = index.match(Query([name]), limit=len(names))
        assert found and found[0].entry_id == f"e{i}" and found[0].score == 1.0, (name, found[:2])
