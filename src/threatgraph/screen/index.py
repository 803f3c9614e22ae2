"""The screening index: every listed name, tokenised once, with an inverted index on tokens and phonetic keys.

Built from the stored list entries (never from the list files) once per set of current list versions, and
persisted under ``config.home_dir()`` with :mod:`marshal` (plain data only, nothing executable, fast to load),
so a restart loads it instead of re-reading lists. :func:`get_index` keeps it in memory per database and
rebuilds only when a new list version lands.

A query is answered in three steps: *blocking* (names sharing a token, metaphone or consonant skeleton with
the query, voted by how rare the shared key is), *scoring* the best few dozen names with
:func:`compare.compare_names`, and *features* (schema, country, birth date, identifiers) per entity.
"""

from __future__ import annotations

import gc
import hashlib
import json
import marshal
import math
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from followthemoney import model
from sqlalchemy import Engine, update

from threatgraph.config import home_dir
from threatgraph.names import cjk
from threatgraph.names.parts import name_symbols
from threatgraph.names.tokens import NAME, PARTICLE, TERMS_FILE, is_company_name, name_tokens, token_class, token_keys
from threatgraph.names.translit import PartKey, is_latin_name, title_positions
from threatgraph.screen.branches import branch_places
from threatgraph.screen.compare import (
    FEATURES,
    NameScore,
    compare_names,
    dates_compatible,
    identifier_keys,
    identifiers_match,
    schemata_compatible,
)
from threatgraph.screen.orgwords import OrgWords
from threatgraph.screen.orgwords import learn as learn_org_words
from threatgraph.screen.query import MATCH_THRESHOLD, Candidate, Query
from threatgraph.screen.queryprep import (
    joined_pairs,
    latin_block_keys,
    listed_tokens,
    query_names,
    query_tokens,
    script_block_keys,
    spellings_of,
    titled_reading,
    without_acronym,
)
from threatgraph.store.schema import list_versions

__all__ = ["Candidate", "Query", "ScreenIndex", "all_names", "build_index", "get_index", "MATCH_THRESHOLD"]

#: Per token of a Cyrillic name, its Latin spellings (None for a name in another script).
Spellings = tuple[tuple[str, ...], ...] | None

INDEX_FORMAT = 10
NAME_PROPS = ("name", "alias", "previousName", "weakAlias", "abbreviation")
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry", "flag", "birthCountry")
#: How many best-voted names are scored exactly per query.
SCORE_TOP = 32
RARITY_FLOOR = 0.3
KEY_WEIGHTS = {"t": 1.0, "m": 0.7, "s": 0.6, "c": 0.6}
#: The weight share of an unaligned script part read as a title (the weight of a particle).
TITLE_WEIGHT = 0.15
#: A listed name of one word this short is read as an acronym, which no Arabic-script name spells.
ACRONYM_CHARS = 3
#: Name words (not titles, not the article) a script name keeps for a part of it to be read as a title.
MIN_NAME_WORDS = 2
#: A weak or single-word alias alone never reaches the threshold: the score stops here without a birth date
#: or identifier agreeing.
WEAK_NAME_CAP = MATCH_THRESHOLD - 0.05
#: Score an identifier match lifts an entry to when the identifier names one object (vessels, aircraft) or the
#: name agrees at least ID_NAME_SUPPORT.
ID_FLOOR = 0.9
ID_NAME_SUPPORT = 0.5
UNIQUE_ID_SCHEMATA = frozenset({"Vessel", "Airplane"})


def _readings(names: Iterable[str]) -> Iterator[tuple[str, str, bool]]:
    """(query name, what is compared, whether only names of the query's own script are compared) per query
    name: a Chinese-character or Hangul name as each of its Latin readings (:func:`names.cjk.readings`,
    syllables apart; the best reading scores) and as itself against listed names in its own script (a list that
    writes the name in that script is matched letter for letter, whatever system romanises it), any other name
    as itself."""
    for name in names:
        latin = cjk.readings(name)
        for reading in latin:
            yield name, reading, False
        yield name, name, bool(latin)


def _own_script(name: str) -> bool:
    """Whether a listed name is written in Chinese characters or Hangul."""
    return cjk.is_han(name) or cjk.is_hangul(name)


class ScreenIndex:
    """An in-memory index over the current list entries, answering :class:`Query` in about a millisecond."""

    __slots__ = (
        "key",
        "entities",
        "data",
        "names",
        "postings",
        "df",
        "name_props",
        "_idf_norm",
        "_name_weight",
        "_masks",
        "_ids",
        "_ent_names",
        "_org_words",
        "_places",
    )

    def __init__(
        self,
        key: str,
        entities: list[tuple],
        data: list[str],
        names: list[tuple],
        postings: dict[str, bytes],
        df: dict[str, int],
        name_props: list[str] | None = None,
    ) -> None:
        self.key = key
        #: per entity: (entry_id, dataset, schema, caption, countries, birth_dates, identifiers)
        self.entities = entities
        #: per entity: the FtM entity dict as JSON text, decoded only for returned candidates
        self.data = data
        #: per name: (entity index, name as listed, tokens, weights); postings: key -> int32 name positions
        self.names = names
        self.postings = postings
        self.df = df
        #: per name: the FtM property it came from (name, alias, previousName, weakAlias, abbreviation)
        self.name_props = name_props if name_props is not None else ["name"] * len(names)
        self._idf_norm = math.log(max(len(names), 2) + 1)
        self._name_weight = np.array([sum(n[3]) for n in names], dtype=np.float64)
        self._masks: dict[frozenset[str], np.ndarray] = {}
        self._ids: dict[str, list[int]] | None = None
        self._ent_names: dict[int, list[int]] | None = None
        self._org_words: OrgWords | None = None
        self._places: dict[int, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self.entities)

    def warm(self) -> None:
        """Load now what the first query comparing two given names would otherwise load: rigour's name-symbol
        table behind :func:`names.parts.name_symbols` (seconds of CPU, once per process).

        Not called by :func:`get_index`: the table costs ~150 MB, which a CLI ingest that never compares two given
        names should not pay. Servers load it at startup through ``Threatgraph.warm``; benchmarks call this so a
        one-off load is no query's time."""
        name_symbols("a")

    # --- weights ----------------------------------------------------------------------

    def token_weight(self, token: str) -> float:
        """Base weight of the token's class, scaled by rarity: RARITY_FLOOR for the commonest token, 1 for unseen
        ones, so that "pharmaceutical technology" shared by two companies does not outweigh their own names."""
        return token_class(token) * self._rarity(self.df.get(token, 0))

    def _rarity(self, df: int) -> float:
        """The share of its class a word found in ``df`` listed names weighs: RARITY_FLOOR to 1."""
        rarity = math.log((len(self.names) + 1) / (df + 1)) / self._idf_norm
        return RARITY_FLOOR + (1 - RARITY_FLOOR) * min(1.0, max(0.0, rarity))

    @property
    def org_words(self) -> OrgWords:
        """The organisation words of the listed names (:mod:`screen.orgwords`), learnt once."""
        if self._org_words is None:
            self._org_words = learn_org_words(
                (name, tokens, self.entities[ent_idx][2] != "Person") for ent_idx, name, tokens, _w in self.names
            )
        return self._org_words

    def prepare(
        self, qname: str, schema: str | None
    ) -> tuple[tuple[str, ...], list[float], tuple[PartKey, ...] | None, Spellings]:
        """A query name's tokens, their weights, (Arabic-script names) part keys and (Cyrillic names) each
        token's Latin spellings.

        A Latin name's misspelt organisation words are spelt right first (:meth:`OrgWords.correct`); in an
        organisation's name (by its schema, or an unambiguous legal form in it) legal forms such as "AO" weigh
        as generic words, as they do in the listed organisations' names ("Hua PAO" may be a person).
        A script part that spells a title in the script ("حاجی" / Haji: :func:`names.translit.title_words`)
        where titles stand (before the name, :func:`names.translit.title_positions`) weighs as a particle
        until it aligns with a Latin word (then it weighs what that word weighs): Latin names drop their
        titles, so an unaligned title must not count against the match, but a title word is a given name too
        ("Hafiz", "Sayed", listed as the name), so it is never dropped outright; a part is read as a title
        only where MIN_NAME_WORDS other words are left (a person's name is not one word and a title)."""
        q_tokens, q_keys = query_tokens(qname)
        if q_keys is None:
            corrected = self.org_words.correct(qname)
            if corrected is not None:
                q_tokens = name_tokens(corrected) or q_tokens
        weights = [self.token_weight(t) for t in q_tokens]
        if q_keys is not None:
            titles = title_positions(q_keys)
            names_left = sum(1 for k, title in zip(q_keys, titles, strict=True) if not title and not k.article)
            if names_left >= MIN_NAME_WORDS:  # "سعيد زماني" is a name of two words, not a title and one word
                weights = [w * TITLE_WEIGHT if t else w for w, t in zip(weights, titles, strict=True)]
            # a function word of the script ("و", "د") weighs as a particle: no name part
            weights = [w * PARTICLE if k.function else w for w, k in zip(weights, q_keys, strict=True)]
            # a patronymic ("بن", "ولد") weighs what the list's Latin word for it weighs ("bin", "ould")
            weights = [
                min(w, self.token_weight(k.patronymic)) if k.patronymic else w
                for w, k in zip(weights, q_keys, strict=True)
            ]
        elif (schema is not None and schema != "Person") or (schema is None and is_company_name(qname)):
            weights = [self.org_words.weight(t, w) for t, w in zip(q_tokens, weights, strict=True)]
        return q_tokens, weights, q_keys, spellings_of(qname)

    # --- matching ---------------------------------------------------------------------

    def match(
        self,
        query: Query,
        limit: int = 5,
        threshold: float | None = None,
        skip_names: frozenset[int] = frozenset(),
        datasets: Iterable[str] | None = None,
    ) -> list[Candidate]:
        """Ranked candidates for ``query``, best first, at most ``limit``; ``match`` set at ``threshold``
        (default :data:`MATCH_THRESHOLD`). ``datasets`` restricts to those lists; ``skip_names`` hides
        listed names by position (for leave-one-out evaluation)."""
        top = self.rank(query, threshold, skip_names, datasets)[:limit]
        for cand in top:  # entity data is decoded only for what is returned
            cand.entity = self.entity_data(cand.entity["_idx"])
        return top

    def rank(
        self,
        query: Query,
        threshold: float | None = None,
        skip_names: frozenset[int] = frozenset(),
        datasets: Iterable[str] | None = None,
        keep: Callable[[int], bool] | None = None,
    ) -> list[Candidate]:
        """Every scored candidate, best first, with ``entity`` holding only ``{"_idx": i}`` (decode with
        :meth:`entity_data`): callers that count matches beyond a page (yente's ``total``) or filter on entity
        facts (``keep(entity index)``) see all of them before the page is cut."""
        threshold = MATCH_THRESHOLD if threshold is None else threshold
        mask = self._dataset_mask(frozenset(datasets)) if datasets is not None else None
        best: dict[int, tuple[float, str, int, Any]] = {}
        for form in self._forms(query):
            qname, _, _, q_tokens, q_weights, q_keys, q_spelled, ordered = form
            seen: dict[tuple, NameScore | None] = {}
            for name_idx in self._block(q_tokens, q_weights, skip_names, mask, q_keys, q_spelled):
                ent_idx, listed, a_tokens, a_weights = self.names[name_idx]
                if keep is not None and not keep(ent_idx):
                    continue
                short = len(a_tokens) == 1 and len(a_tokens[0]) <= ACRONYM_CHARS
                if q_keys is not None and short and is_latin_name(listed):
                    continue  # an acronym ("BIM") is Latin initials: a script name does not spell it
                ns = self._compare(form, name_idx, query.schema, seen)
                if ns is None:
                    continue
                titled = titled_reading(listed) if q_keys is not None else None
                if titled is not None:  # a word the list dropped as a title may be the script name's name word
                    t_tokens, t_weights = self._titled(titled, a_weights)
                    person = self._is_person(query.schema, ent_idx)
                    alt = compare_names(
                        q_tokens,
                        q_weights,
                        t_tokens,
                        t_weights,
                        q_keys,
                        ordered,
                        person=person,
                        given_names=self._listed_person(ent_idx),
                    )
                    ns = alt if alt.score > ns.score else ns
                prev = best.get(ent_idx)
                if prev is None or ns.score > prev[0]:
                    best[ent_idx] = (ns.score, qname, name_idx, ns)
        for ent_idx in self._by_identifier(query.identifiers, mask, keep):
            if ent_idx not in best:  # listed under another name (a renamed vessel): its closest name is scored
                hit = self._best_name(query, ent_idx)
                if hit is not None:
                    best[ent_idx] = hit
        candidates = [self._candidate(query, ent_idx, *hit, threshold) for ent_idx, hit in best.items()]
        candidates.sort(key=lambda c: (-c.score, -c.features["name_similarity"], c.entry_id))
        return candidates

    def _titled(
        self, titled: tuple[tuple[str, ...], tuple[bool, ...]], a_weights: tuple[float, ...]
    ) -> tuple[tuple[str, ...], list[float]]:
        """A listed name's titled reading (:func:`queryprep.titled_reading`) with weights: its own tokens
        weigh as indexed, the title words it dropped as name words of their rarity."""
        tokens, dropped = titled
        kept = iter(a_weights)
        return tokens, [self.token_weight(t) if d else next(kept) for t, d in zip(tokens, dropped, strict=True)]

    def _by_identifier(
        self, identifiers: list[str], mask: np.ndarray | None, keep: Callable[[int], bool] | None
    ) -> list[int]:
        """Entities listing one of the queried identifiers (IMO, passport, registration numbers…), whatever
        their names: an identifier finds the entry a changed name no longer does."""
        if not identifiers:
            return []
        if self._ids is None:
            ids: dict[str, list[int]] = {}
            for ent_idx, entity in enumerate(self.entities):
                for key in {k for raw in entity[6] for k in identifier_keys(raw)}:
                    ids.setdefault(key, []).append(ent_idx)
            self._ids = ids
        allowed = None
        if mask is not None:
            allowed = {self.names[int(i)][0] for i in np.flatnonzero(mask)}
        found: list[int] = []
        for raw in identifiers:
            for key in identifier_keys(raw):
                for ent_idx in self._ids.get(key, ()):
                    if ent_idx in found or (allowed is not None and ent_idx not in allowed):
                        continue
                    if keep is None or keep(ent_idx):
                        found.append(ent_idx)
        return found

    def _forms(self, query: Query) -> Iterator[tuple]:
        """Each form of the query's names to compare, prepared: (query name, what is compared, whether only
        names of its own script are compared, tokens, weights, part keys, spellings, whether its word order is
        marked). A name that leaves no token is skipped."""
        for qname, reading, own_script in _readings(query_names(query.names)):
            q_tokens, q_weights, q_keys, q_spelled = self.prepare(reading, query.schema)
            if not q_tokens:
                continue
            if reading != qname:  # every syllable of a name is a name part, however common it is as a word
                q_weights = [NAME] * len(q_tokens)
            yield qname, reading, own_script, q_tokens, q_weights, q_keys, q_spelled, is_latin_name(qname)

    def _is_person(self, schema: str | None, ent_idx: int) -> bool:
        """Whether names are compared as a person's: the query's schema, else the listed entity's."""
        return (schema or self.entities[ent_idx][2]) == "Person"

    def _listed_person(self, ent_idx: int) -> bool:
        """Whether the listed entity is a person: only then is a given-name conflict looked for (:meth:`_candidate`
        reads it nowhere else)."""
        return self.entities[ent_idx][2] == "Person"

    def _compare(
        self, form: tuple, name_idx: int, schema: str | None, seen: dict[tuple, NameScore | None] | None = None
    ) -> NameScore | None:
        """One prepared query form (:meth:`_forms`) against one listed name; None where the form is compared
        only with names of its own script and this one is not. A given-name conflict is looked for only
        against a listed person (:meth:`_candidate` reads it nowhere else). ``seen``: the form's comparisons so
        far, by what a comparison reads of the listed name - names listed twice alike ("X LLC", "X, LLC"; one
        name under two entries) are compared once per query."""
        qname, reading, own_script, q_tokens, q_weights, q_keys, q_spelled, ordered = form
        ent_idx, listed, a_tokens, a_weights = self.names[name_idx]
        if own_script and not _own_script(listed):
            return None
        a_spelled = spellings_of(listed)
        person = self._is_person(schema, ent_idx)
        given = self._listed_person(ent_idx)
        key = (a_tokens, a_weights, a_spelled, person, given)
        if seen is not None and key in seen:
            return seen[key]
        ns = compare_names(
            q_tokens, q_weights, a_tokens, a_weights, q_keys, ordered, q_spelled, a_spelled, reading != qname, person,
            given,
        )  # fmt: skip
        if seen is not None:
            seen[key] = ns
        return ns

    def _best_name(self, query: Query, ent_idx: int) -> tuple[float, str, int, Any] | None:
        """The best (score, query name, listed name position, alignment) between the query and one entity."""
        best = None
        for form in self._forms(query):
            for pos in self._names_of(ent_idx):
                ns = self._compare(form, pos, query.schema)
                if ns is not None and (best is None or ns.score > best[0]):
                    best = (ns.score, form[0], pos, ns)
        return best

    def _dataset_mask(self, datasets: frozenset[str]) -> np.ndarray:
        mask = self._masks.get(datasets)
        if mask is None:
            in_sets = np.array([e[1] in datasets for e in self.entities] or [False], dtype=bool)
            mask = in_sets[np.array([n[0] for n in self.names], dtype=np.int64)] if self.names else in_sets[:0]
            self._masks[datasets] = mask
        return mask

    def _block(
        self,
        q_tokens: tuple[str, ...],
        q_weights: list[float],
        skip: frozenset[int],
        mask: np.ndarray | None = None,
        q_keys: tuple[PartKey, ...] | None = None,
        q_spelled: Spellings = None,
    ) -> list[int]:
        """Names worth scoring: votes from every shared key, weighted by key kind and rarity, divided by the
        name's total weight (so, like the final score, short close names beat long names sharing one word).
        A script query also votes by the consonant keys of its parts, alone and joined; a Cyrillic query by the
        keys of every spelling of its words (each key once per word)."""
        arrays: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for keys, weight in script_block_keys(q_keys, q_weights) if q_keys is not None else ():
            for key in keys:
                raw = self.postings.get(f"c:{key}")
                if raw:
                    posting = np.frombuffer(raw, dtype=np.int32)
                    arrays.append(posting)
                    # a script part's weight knows nothing of how common it is (its abjad token is no listed
                    # word): the names sharing the key say it, as a Latin token's own frequency does
                    w = weight * self._rarity(len(posting))
                    w *= KEY_WEIGHTS["c"] * (1.0 + 1.0 / math.log(len(posting) + 2))
                    weights.append(np.full(len(posting), w))
        # Adjacent query words joined ("abu seta" -> "abuseta") find names that write them as one word, and
        # listed names' joined pairs (indexed the same way) are found by a query that writes them as one.
        pairs = joined_pairs(q_tokens)
        pair_weights = [(a + b) / 2 for a, b in zip(q_weights, q_weights[1:], strict=False)] if pairs else []
        spelled = q_spelled or [(t,) for t in q_tokens]
        for variants, weight in zip((*spelled, *((p,) for p in pairs)), (*q_weights, *pair_weights), strict=True):
            if not variants[0]:
                continue
            for key in dict.fromkeys(k for v in variants for k in token_keys(v)):
                raw = self.postings.get(key)
                if not raw:
                    continue
                posting = np.frombuffer(raw, dtype=np.int32)
                w = weight * KEY_WEIGHTS[key[0]] * (1.0 + 1.0 / math.log(len(posting) + 2))
                arrays.append(posting)
                weights.append(np.full(len(posting), w))
        if not arrays:
            return []
        votes = np.bincount(np.concatenate(arrays), weights=np.concatenate(weights), minlength=len(self.names))
        votes /= self._name_weight + sum(q_weights)
        if mask is not None:
            votes[~mask] = 0.0
        if skip:
            votes[list(skip)] = 0.0
        hits = np.flatnonzero(votes)
        if len(hits) > SCORE_TOP:
            hits = hits[np.argpartition(-votes[hits], SCORE_TOP)[:SCORE_TOP]]
        return hits.tolist()

    def _candidate(
        self, query: Query, ent_idx: int, name_score: float, qname: str, name_idx: int, ns: Any, threshold: float
    ) -> Candidate:
        entry_id, dataset, schema, caption, countries, birth_dates, identifiers = self.entities[ent_idx]
        features: dict[str, float] = {"name_similarity": round(name_score, 4)}
        if not schemata_compatible(query.schema, schema):
            features["schema_conflict"] = FEATURES["schema_conflict"]
        elif query.schema is None and schema == "Person" and is_company_name(qname):
            features["schema_conflict"] = FEATURES["schema_conflict"]  # "Green Ltd" is not the person "GREEN"
        if query.countries and countries:
            if set(query.countries) & set(countries):
                features["country_match"] = FEATURES["country_match"]
            else:
                features["country_conflict"] = FEATURES["country_conflict"]
        if query.birth_dates and birth_dates:
            if any(dates_compatible(q, e) for q in query.birth_dates for e in birth_dates):
                features["birth_date_match"] = FEATURES["birth_date_match"]
            else:
                features["birth_date_conflict"] = FEATURES["birth_date_conflict"]
        matched_id = identifiers_match(query.identifiers, identifiers)
        if matched_id:
            features["identifier_match"] = FEATURES["identifier_match"]
            # An identifier made for one object (a hull's IMO number) or agreeing with a like name is the entry
            # itself: it flags even when the name has changed. Elsewhere it only adds to the name.
            if schema in UNIQUE_ID_SCHEMATA or name_score >= ID_NAME_SUPPORT:
                rest = sum(v for k, v in features.items() if k != "identifier_match")
                features["identifier_match"] = round(max(FEATURES["identifier_match"], ID_FLOOR - rest), 4)
        if ns.given_conflict and schema == "Person" and not matched_id:
            # Two persons whose given names are different names are two persons, however much of the rest
            # agrees (a father's and a family name are shared by brothers): never flagged on the name alone.
            excess = sum(features.values()) - WEAK_NAME_CAP
            if excess > 0:
                features["given_name_conflict"] = round(-excess, 4)
        weak = self._weak_name(name_idx, schema)
        corroborated = {"birth_date_match", "identifier_match"} & set(features)  # a country is shared by millions
        if weak and not corroborated:
            excess = sum(features.values()) - WEAK_NAME_CAP
            if excess > 0:
                features["weak_name"] = round(-excess, 4)
        excess = sum(features.values()) - WEAK_NAME_CAP
        if excess > 0 and schema != "Person" and not corroborated and self._place_only(ent_idx, ns):
            # the query names the place a listed branch operates in ("Khorasan", "West Africa"), not the branch
            features["branch_place_only"] = round(-excess, 4)
        if "schema_conflict" in features:
            # A person is never a company, whatever else agrees: an identifier or a birth date shared with an
            # entry of another kind does not make it the queried party (the caller's schema is the caller's
            # knowledge; a generic schema - Thing, LegalEntity - conflicts with nothing).
            excess = sum(features.values()) - WEAK_NAME_CAP
            if excess > 0:
                features["schema_conflict"] = round(features["schema_conflict"] - excess, 4)
        score = round(min(1.0, max(0.0, sum(features.values()))), 4)
        explanation = {
            "query_name": qname,
            "matched_name": self.names[name_idx][1],
            "token_pairs": [list(p) for p in ns.pairs],
            "joined": ns.joined,
        }
        if matched_id:
            explanation["matched_identifier"] = matched_id
        if weak:
            explanation["weak_name"] = weak
        if ns.given_conflict and "given_name_conflict" in features:
            explanation["given_name_conflict"] = list(ns.given_conflict)
        return Candidate(
            entry_id=entry_id,
            dataset=dataset,
            caption=caption,
            schema=schema,
            score=score,
            match=score >= threshold,
            features=features,
            explanation=explanation,
            entity={"_idx": ent_idx},
        )

    def _place_only(self, ent_idx: int, ns: Any) -> bool:
        """Whether every name word the alignment matched is a word of the place the listed body's branch
        operates in, read from its own names (:func:`screen.branches.branch_places`)."""
        words = [listed for _q, listed, _s in ns.pairs if token_class(listed) == NAME]
        if not words or ns.joined:
            return False
        places = self._places.get(ent_idx)
        if places is None:
            places = frozenset().union(*(branch_places(self.names[pos][1]) for pos in self._names_of(ent_idx)))
            self._places[ent_idx] = places
        return all(w in places for w in words)

    def _names_of(self, ent_idx: int) -> list[int]:
        """Positions of the entity's listed names."""
        if self._ent_names is None:
            by_entity: dict[int, list[int]] = {}
            for pos, name in enumerate(self.names):
                by_entity.setdefault(name[0], []).append(pos)
            self._ent_names = by_entity
        return self._ent_names.get(ent_idx, [])

    def _weak_name(self, name_idx: int, schema: str) -> str | None:
        """Why the listed name matched cannot flag on its own, or None: a weak alias (OFAC's "low quality"
        a.k.a., the UN's low-quality aliases), or a person's alias of a single name word ("SOULEIMAN"), which
        many other people share."""
        prop = self.name_props[name_idx]
        if prop == "weakAlias":
            return "weak alias"
        if schema == "Person" and prop != "name":
            words = [t for t in self.names[name_idx][2] if token_class(t) == NAME]
            if len(words) <= 1:
                return "single-word alias"
        return None

    def entity_data(self, ent_idx: int) -> dict[str, Any]:
        """The FtM entity dict (with its Sanction and links) of the entity at ``ent_idx``."""
        return json.loads(self.data[ent_idx])

    # --- persistence ------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write atomically (temp file + rename) so a crash never leaves a half index behind."""
        payload = (
            INDEX_FORMAT,
            self.key,
            self.entities,
            self.data,
            self.names,
            self.postings,
            self.df,
            self.name_props,
        )
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(marshal.dumps(payload))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> ScreenIndex | None:
        """The index in ``path``, or None when it is missing, unreadable or of another format."""
        try:
            payload = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if not isinstance(payload, tuple) or len(payload) != 8 or payload[0] != INDEX_FORMAT:
            return None
        return cls(*payload[1:])


def entity_names(data: dict[str, Any]) -> list[str]:
    """All names of an entry dict, in property order, without duplicates (script kept)."""
    return [name for name, _prop in entity_name_props(data)]


def entity_name_props(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, property) for all names of an entry dict, strongest property first, without duplicates."""
    props = data.get("properties", {})
    seen: dict[str, str] = {}
    for prop in NAME_PROPS:
        for value in props.get(prop, []):
            seen.setdefault(value, prop)
    return list(seen.items())


def _identifiers(schema_name: str, props: dict[str, list[str]]) -> tuple[str, ...]:
    schema = model.get(schema_name)
    if schema is None:
        return ()
    out = []
    for prop, values in props.items():
        p = schema.properties.get(prop)
        if p is not None and p.type.name == "identifier":
            out.extend(values)
    return tuple(out)


def build_index(entries: Iterable[dict[str, Any]], key: str = "") -> ScreenIndex:
    """Index entry dicts (as stored in ``list_entries.data`` plus ``"dataset"``)."""
    entities: list[tuple] = []
    data: list[str] = []
    raw_names: list[tuple[int, str, tuple[str, ...]]] = []
    name_props: list[str] = []
    df: dict[str, int] = {}
    for entry in entries:
        props = entry.get("properties", {})
        ent_idx = len(entities)
        named = entity_name_props(entry)
        caption = named[0][0] if named else entry["id"]
        countries = tuple(sorted({c for p in COUNTRY_PROPS for c in props.get(p, [])}))
        entities.append(
            (
                entry["id"],
                entry.get("dataset", ""),
                entry["schema"],
                caption,
                countries,
                tuple(props.get("birthDate", [])),
                _identifiers(entry["schema"], props),
            )
        )
        plain = {k: entry[k] for k in ("id", "schema", "properties") if k in entry} | _extras(entry)
        data.append(json.dumps(plain, ensure_ascii=False, separators=(",", ":")))
        # a name closed by its own acronym is also listed without it (queryprep.without_acronym)
        shorts = [(short, prop) for name, prop in named if (short := without_acronym(name))]
        for name, prop in named + [sp for sp in shorts if sp[0] not in {n for n, _p in named}]:
            tokens = listed_tokens(name)
            if not tokens:
                continue
            raw_names.append((ent_idx, name, tokens))
            name_props.append(prop)
            for tok in set(tokens):
                df[tok] = df.get(tok, 0) + 1
    index = ScreenIndex(key, entities, data, [], {}, df, name_props)
    index.names = [(e, n, t, ()) for e, n, t in raw_names]
    index._idf_norm = math.log(max(len(raw_names), 2) + 1)
    org_words = index.org_words
    postings: dict[str, list[int]] = {}
    names: list[tuple] = []
    for name_idx, (ent_idx, name, tokens) in enumerate(raw_names):
        weights = tuple(round(index.token_weight(t), 4) for t in tokens)
        if entities[ent_idx][2] != "Person":
            weights = tuple(org_words.weight(t, w) for t, w in zip(tokens, weights, strict=True))
        names.append((ent_idx, name, tokens, weights))
        words = (*tokens, *joined_pairs(tokens), *(v for sp in spellings_of(name) or () for v in sp))
        titled = titled_reading(name)
        if titled is not None:  # the words its tokens dropped as titles are found too (a script query's name)
            words = (*words, *(t for t, dropped in zip(*titled, strict=True) if dropped))
        keys = {k for t in words if t for k in (*token_keys(t), *latin_block_keys(t))}
        for k in keys:
            postings.setdefault(k, []).append(name_idx)
    index.names = names
    index.postings = {k: np.asarray(v, dtype=np.int32).tobytes() for k, v in postings.items()}
    index._name_weight = np.array([sum(n[3]) for n in names], dtype=np.float64)
    index._masks = {}
    index._ids = index._ent_names = None
    index._org_words = org_words
    return index


def _extras(entry: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if entry.get("sanction"):
        out["sanction"] = entry["sanction"]
    if entry.get("links"):
        out["links"] = entry["links"]
    for stamp in ("first_seen", "last_seen", "last_change"):
        if entry.get(stamp):
            out[stamp] = entry[stamp]
    return out


# --- the per-store cached index ---------------------------------------------------------

_CACHE: dict[str, ScreenIndex] = {}
_LOCK = threading.Lock()


def current_versions(engine: Engine) -> list[tuple[str, int, str]]:
    """(dataset, newest version id, its file digest) for every loaded dataset."""
    from threatgraph.screen.lists import current_lists

    return _versions(current_lists(engine))


def _versions(lists: Iterable[Any]) -> list[tuple[str, int, str]]:
    """(dataset, version id, digest) of :class:`threatgraph.screen.lists.CurrentList` rows, sorted: the index key."""
    return sorted((c.dataset, c.version_id, c.digest) for c in lists)


def index_key(versions: list[tuple[str, int, str]]) -> str:
    """Identifies an index by list versions and their content digests (so stores sharing a home directory
    never mix indexes), the index format and the term list it was normalised with."""
    terms = hashlib.sha256(TERMS_FILE.read_bytes()).hexdigest()[:12]
    raw = f"{INDEX_FORMAT}|{terms}|" + ",".join(f"{d}:{v}:{g}" for d, v, g in versions)
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def index_path(engine: Engine, key: str) -> Path:
    url = engine.url.render_as_string(hide_password=True)
    return home_dir(url) / f"screen-index-{key}.marshal"


def get_index(engine: Engine, lists: Iterable[Any] | None = None) -> ScreenIndex:
    """The index over the current list versions: from memory, else from its persisted file, else built
    from the stored entries (and persisted). Cheap to call per request: one small query when nothing changed,
    none when the caller read the current versions already (``lists``: :func:`threatgraph.screen.lists.current_lists`,
    which a screening request reads once for the index and for the lists' ages)."""
    from threatgraph.screen.lists import active_entries

    versions = current_versions(engine) if lists is None else _versions(lists)
    key = index_key(versions)
    cache_key = engine.url.render_as_string(hide_password=False)
    cached = _CACHE.get(cache_key)
    if cached is not None and cached.key == key:
        return cached
    with _LOCK:
        cached = _CACHE.get(cache_key)
        if cached is not None and cached.key == key:
            return cached
        path = index_path(engine, key)
        index = ScreenIndex.load(path)
        if index is None or index.key != key:
            index = build_index(active_entries(engine), key)
            index.save(path)
            if versions:
                with engine.begin() as conn:
                    conn.execute(
                        update(list_versions)
                        .where(list_versions.c.id.in_([v for _d, v, _g in versions]))
                        .values(index_path=str(path))
                    )
        _CACHE[cache_key] = index
        gc.collect()
        gc.freeze()  # the index is long-lived: keep its ~10^5 objects out of full GC passes (latency spikes)
        return index


def all_names(engine: Engine, weak: bool = False) -> Iterator[tuple[str, str]]:
    """(name, schema) for every listed name and alias, for the extraction gazetteer.

    Weak aliases (OFAC's "low quality" a.k.a.s such as "HAMZA" or "BILAL") are left out unless ``weak``:
    tagging every "Hamza" in the news as a listed person would flood the gazetteer.
    """
    index = get_index(engine)
    for (ent_idx, name, _tokens, _weights), prop in zip(index.names, index.name_props, strict=True):
        if weak or prop != "weakAlias":
            yield name, index.entities[ent_idx][2]
