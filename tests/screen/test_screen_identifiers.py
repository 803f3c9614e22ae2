"""Identifiers retrieve entries whatever their names; weak and single-word aliases never flag alone (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatgraph.screen.index import WEAK_NAME_CAP, build_index
from threatgraph.screen.query import MATCH_THRESHOLD, Query


def entry(entry_id: str, schema: str, **props: list[str]) -> dict:
    return {"id": entry_id, "schema": schema, "properties": props, "dataset": "test"}


@pytest.fixture(scope="module")
def index():
    return build_index(
        [
            entry("v1", "Vessel", name=["NORTHERN STAR"], imoNumber=["IMO 9187629"], previousName=["SEA BREEZE"]),
            entry("p1", "Person", name=["Yusuf Karim HADDAD"], alias=["HADDAD"], weakAlias=["ABU KARIM"],
                  passportNumber=["K4455667"], birthDate=["1970-02-03"]),
            entry("p2", "Person", name=["Omar Faruq NASIR"], alias=["Omar Faruq al-Nasiri"]),
            entry("o1", "Organization", name=["HAMZA"], alias=["HAMZA GROUP"]),
        ]
    )  # fmt: skip


def top(index, query: Query):
    return index.match(query, limit=1)[0]


def test_renamed_vessel_found_by_imo(index) -> None:
    hit = top(index, Query(["Ocean Pearl"], schema="Vessel", identifiers=["9187629"]))
    assert hit.entry_id == "v1" and hit.match and hit.explanation["matched_identifier"] == "IMO 9187629"
    assert hit.features["name_similarity"] < 0.5 and hit.score >= 0.9


def test_person_identifier_needs_a_like_name_to_flag(index) -> None:
    alike = top(index, Query(["Yousuf Haddad"], schema="Person", identifiers=["K4455667"]))
    assert alike.entry_id == "p1" and alike.match
    other = top(index, Query(["Maria Lopez"], schema="Person", identifiers=["K4455667"]))
    assert other.entry_id == "p1" and not other.match  # found and shown, not flagged: a number alone is not a person


def test_weak_and_single_word_aliases_never_flag_alone(index) -> None:
    for name in ("Abu Karim", "Haddad"):
        hit = top(index, Query([name], schema="Person"))
        assert hit.entry_id == "p1" and not hit.match and hit.score <= WEAK_NAME_CAP < MATCH_THRESHOLD
        assert hit.explanation["weak_name"] and hit.features["weak_name"] < 0
    corroborated = top(index, Query(["Haddad"], schema="Person", birth_dates=["1970"]))
    assert corroborated.entry_id == "p1" and corroborated.match
    assert top(index, Query(["Yusuf Karim Haddad"])).match  # the full name is no weak alias
    assert top(index, Query(["Hamza"], schema="Organization")).match  # an organisation's one-word name is its name


@pytest.mark.slow
def test_real_sdn_single_word_alias_and_renamed_vessel(shared_data: Path) -> None:
    from threatgraph.screen.formats import parse_files

    path = shared_data / "sanctions" / "ofac" / "sdn.csv"
    if not path.is_file():
        pytest.skip("real SDN list not present")
    (plist,) = parse_files([path])
    real = build_index([{**e, "dataset": plist.dataset} for e in plist.entries])
    soleimani = real.match(Query(["Soleimani"]), limit=3)
    assert not any(c.match for c in soleimani)  # Said ARIF a.k.a. 'SOULEIMAN' no longer flags (was 0.878)
    ebano = real.match(Query(["Ocean Pearl"], schema="Vessel", identifiers=["IMO 7406784"]), limit=1)[0]
    assert (ebano.caption, ebano.match) == ("EBANO", True)
