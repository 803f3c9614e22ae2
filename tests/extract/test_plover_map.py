"""The PLOVER <-> CAMEO / ACLED mapping is consistent data, and every event type we emit has a code."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threatgraph.extract import plover_map as pm
from threatgraph.extract.events_lexicon import event_types, lexicon, plover_of


def test_every_mapping_lands_on_a_plover_root() -> None:
    roots = set(pm.roots())
    assert len(roots) == 16
    data = pm._data()
    for code, value in data["from_cameo"].items():
        assert value is None or value[0] in roots, code
    for subs in data["from_acled"].values():
        for name, value in subs.items():
            assert value is None or value[0] in roots, name
    for key in (*data["to_cameo"], *data["to_acled"]):
        assert key.split("/")[0] in roots, key


def test_each_way_back_is_consistent() -> None:
    data = pm._data()
    for key, code in data["to_cameo"].items():
        root = key.split("/")[0]
        back = pm.from_cameo(code)
        # the code chosen for a root (or root/mode) reads back as that root; 191 blockade is CAMEO's FIGHT family
        assert back is not None and back[0] == root, (key, code, back)
    for key, value in data["to_acled"].items():
        if value is None:
            continue
        back = pm.from_acled(*value)
        assert back is not None and back[0] == key.split("/")[0], (key, value, back)


def test_examples_from_the_codebooks() -> None:
    assert pm.from_cameo("1831") == ("ASSAULT", "suicide")
    assert pm.from_cameo("190") == ("ASSAULT", None)  # conventional fighting is use of force, not posturing
    assert pm.from_cameo("173") == ("COERCE", "arrest")
    assert pm.from_cameo("010") is None  # statements are not PLOVER events
    assert pm.from_acled("Battles", "Armed clash") == ("ASSAULT", "firearms")
    assert pm.from_acled("Explosions/Remote violence", "Air/drone strike") == ("ASSAULT", "aerial")
    assert pm.to_acled("SANCTION") is None  # ACLED codes no sanctions
    assert pm.to_cameo("ASSAULT", "aerial") == "195"
    assert pm.to_cameo("ASSAULT", "no such mode") == "18"


def test_every_event_type_we_emit_has_codes() -> None:
    lex = lexicon()
    for name in event_types():
        for subtype in {t.subtype for t in (*lex.verbs.values(), *lex.nouns.values()) if t.type == name} | {None}:
            codes = pm.codes_for(name, subtype)
            assert codes["plover_root"] in pm.roots(), (name, subtype)
            assert codes["cameo"] is not None, (name, subtype)
    assert plover_of("ARREST") == ("COERCE", "arrest")
    assert pm.codes_for("ASSAULT", "aerial")["acled_sub_event_type"] == "Air/drone strike"


@given(st.text(max_size=6))
def test_bad_codes_are_refused_not_guessed(code: str) -> None:
    try:
        result = pm.from_cameo(code)
    except ValueError:
        return
    assert result is None or result[0] in pm.roots()


def test_unknown_acled_names_are_refused() -> None:
    with pytest.raises(ValueError, match="ACLED"):
        pm.from_acled("Battles", "Armed clashes")
    with pytest.raises(ValueError, match="PLOVER root"):
        pm.to_cameo("FIGHT")
