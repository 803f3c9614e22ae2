"""Linking news actors to sanctions-list entries (adverse media → list match).

Each resolved Person/Organization-like entity is screened with all its aliases (every script)
through the screening index (:mod:`threatgraph.screen.index`). Every candidate the matcher flags
is judged (:mod:`threatgraph.resolve.judge`) on the list entry's facts against the articles', and
stored in ``sanction_links`` with its state (``probable`` or ``possible``), the matcher's
explanation and the evidence for and against; links an analyst confirmed or rejected are never
overwritten by a re-screen. Only probable and confirmed links read as sanctioned
(:mod:`threatgraph.store.states`). With several lists loaded, a probable link to an organisation holds for the
same body on the other lists too, by the lists' own shared names (:func:`cross_list_links`).
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from followthemoney.types import registry
from sqlalchemy import Connection, Engine, delete, func, insert, or_, select, update

from threatgraph.extract.places import is_place, place_key
from threatgraph.names.align import ALIGNED, best_name_score, compare_names, place_variants
from threatgraph.names.bodies import public_names
from threatgraph.names.forms import NameForm, family, name_form, script_of, skeleton
from threatgraph.names.parts import plural_fold
from threatgraph.names.vocabulary import fold, vocabulary
from threatgraph.resolve.ages import stated_birth_years
from threatgraph.resolve.designation import reported_designated, role_after, role_before
from threatgraph.resolve.enclosing import enclosing_span, leading_start, proper_words
from threatgraph.resolve.judge import (
    FULL_FEATURES,
    POSSIBLE,
    PROBABLE,
    PUBLIC_NAME,
    SECOND_NAME,
    ActorFacts,
    Judgement,
    LinkedNames,
    SameListed,
    judge,
    one_entry_per_name,
    one_entry_per_person,
)
from threatgraph.resolve.lineage import without_optional_parts
from threatgraph.resolve.listnames import NAME_PROPS as LISTED_NAME_PROPS
from threatgraph.resolve.listnames import ListNames, list_names
from threatgraph.resolve.ties import stated_ties
from threatgraph.screen.index import MATCH_THRESHOLD, Query, ScreenIndex, get_index
from threatgraph.store import work
from threatgraph.store.schema import (
    aliases,
    articles,
    entities,
    events,
    list_versions,
    mentions,
    sanction_links,
)
from threatgraph.store.states import ANALYST_STATES, AUTOMATIC_STATES

log = logging.getLogger(__name__)

#: Entity types screened against lists, and the FtM schema each is screened as.
SCREENED = {
    "Person": "Person",
    "Organization": "Organization",
    "ArmedGroup": "Organization",
    "PublicBody": "PublicBody",
    "Company": "Company",
}
#: Names per entity sent to the matcher (most-used first, every script kept).
MAX_NAMES = 12
BATCH = 500
#: The resolver's own name score a listed name needs (second opinion on the matcher's flag);
#: partial person names ("Hafiz Saeed" for "Hafiz Saeed KHAN") are kept for review at a lower one.
VERIFY_THRESHOLD = 0.88
VERIFY_PERSON_PART = 0.8
NAME_PROPS = ("name", "alias", "weakAlias", "previousName", "abbreviation")
WEAK_PROPS = frozenset({"weakAlias"})
#: The matcher's bar for a person the articles report designated: the judge, not the matcher, then decides
#: (a partial name still needs two corroborations and a full one a reported designation), so a listed
#: name one given name longer than the article's ("Mohammed X" for "Muhammad Sadiq X") is at least judged.
DESIGNATED_PERSON_BAR = 0.7
#: Distinct roles kept per person (the words before its name in each mention).
MAX_ROLES = 20
#: A name part carried by at least this share of the list's names is common ("Ali", "Muhammad", "Hussein").
COMMON_NAME_SHARE = 0.002
#: ... and by at least this many names (on a small list every name part is "frequent").
COMMON_NAME_MIN = 20
#: A full name of at least this many parts, each common on the list, that the list gives to one entry only is no
#: common name: two common parts meet in many people, three or more seldom (:func:`common_name`).
SPECIFIC_PARTS = 3
#: A name glued to its short form's opening bracket by the source text ("... Sadiq Rawandi(Rawandi"):
#: screened without it.
_GLUED_SHORT_FORM = re.compile(r"\s*\([^()]*$")


def strong_person_name(name: str) -> bool:
    """A person name worth screening: two or more name tokens besides kunya parts ("Abu", "Umm").

    A bare surname ("Khan") or a kunya ("Abu Haidar") is shared by many people; screening it
    links a news actor to whoever on the list carries that nickname.
    """
    kunya = vocabulary().kunya
    return len([t for t in name_form(name, "Person").core if t not in kunya]) >= 2


def titled_name(name: str) -> bool:
    """A one-part person name with its title ("Maulawi Zarif", "Qari Shafiq"): screened too, because the list
    records some people exactly so ("ZARIF, Maulawi"). Only the title and the name written as the list writes them
    count as a full name (:func:`threatgraph.resolve.judge.same_words`); otherwise the one part stays partial."""
    voc = vocabulary()
    words = fold(name).replace(",", " ").split()
    core = name_form(name, "Person").core
    return (
        len(core) == 1
        and len(core[0]) >= 4
        and core[0] not in voc.kunya
        and 2 <= len(words) <= 3
        and all(w in voc.honorifics for w in words if w != core[0])
    )


def query_names(names: list[str], schema: str) -> list[str]:
    """The names sent to the matcher: the entity's names plus, for a group named in the plural
    ("Houthis"), the singular the name stack aligns it with (:func:`threatgraph.names.parts.plural_fold`),
    and a group's name with a region word under the region's other names ("Syria"/"the Levant").

    The matcher compares whole words and lists name a group in the singular ("... GROUP"); a candidate found
    through the singular is still verified against the entity's own names.
    """
    if family(schema) == "Person":
        return names
    extra = []
    for n in names:
        form = name_form(n, schema)
        if len(form.core) == 1 and plural_fold(form.core[0]) != form.core[0] and n.casefold().endswith("s"):
            extra.append(n[:-1])
        # a widely reported body's other public names, and a branch under them ("ISIS <Region>")
        public = public_names().other_names(form)
        extra.extend(public)
        # lists name a region one way ("... OF IRAQ AND THE LEVANT"), articles and the public names another
        # ("... and Syria"): the public names too, or "ISIS" would reach the listed "... AND THE LEVANT" only
        # through a name the matcher scores under its bar
        for m in (n, *public):
            extra.extend(place_variants(m, canonical=True))
    return list(dict.fromkeys([*names, *extra]))


def verify(entity_forms: list[NameForm], schema: str, cand: Any) -> tuple[float, str | None]:
    """The resolver's name score between an entity's aliases and a candidate's listed names.

    Also returns the designator of the best listed name ("brigade"), used to prefer
    "HIZBALLAH" over "KATA'IB HIZBALLAH" for a news actor called "Hezbollah".
    """
    props = (getattr(cand, "entity", None) or {}).get("properties") or {}
    listed = [n for p in NAME_PROPS for n in props.get(p) or []]
    matched = (getattr(cand, "explanation", None) or {}).get("matched_name")
    if matched:
        listed.append(matched)
    person = family(schema) == "Person"
    if person:  # a listed name without the lineage chain, kunya or nisba the news leaves out
        listed += [found[0] for found in map(without_optional_parts, listed) if found]
    best, designator = 0.0, None
    for name in dict.fromkeys(listed):
        form = name_form(name, schema)
        score = best_name_score(entity_forms, [form], person).score
        if not person and score < ALIGNED and public_names().one_body(entity_forms, [form]):
            score = ALIGNED  # one body (or branch) under two of its public names (names/bodies.yaml)
        if score > best:
            best, designator = score, form.designator
    return best, designator


def optional_parts_only(entity_forms: list[NameForm], cand: Any) -> str | None:
    """A listed person name that the matcher scored under its bar only for the lineage chain, kunya or nisba the article
    leaves out: without them (:func:`threatgraph.resolve.lineage.without_optional_parts`) every part of one of the
    actor's names of two parts or more aligns with it. Returns that shorter listed name, or None.

    Why: the matcher weighs every word the list writes, and a name of five words of which the article writes two
    ("<Given> bin <Family>" for "<Given> bin <Father> bin <Grandfather> BIN <FAMILY>") scores like a namesake that
    shares two of them, under the bar: the entry was never judged. Only such a candidate is let through, and then
    judged as any person's full name (a name alone never reads as sanctioned)."""
    props = (getattr(cand, "entity", None) or {}).get("properties") or {}
    listed = [str(n) for p in NAME_PROPS if p not in WEAK_PROPS for n in props.get(p) or []]
    forms = [f for f in entity_forms if len(f.core) >= 2]
    for name in dict.fromkeys(listed):
        found = without_optional_parts(name)
        if found is None:
            continue
        lform = name_form(found[0], "Person")
        for form in forms:
            score = compare_names(form, lform, True)
            if score.score >= VERIFY_THRESHOLD and score.feature.split("+")[0] in FULL_FEATURES:
                return found[0]
    return None


def below_bar(verdict: Judgement) -> None:
    """A person the matcher scored below its own bar (judged only because the articles report a designation)
    reads as sanctioned only with the list's own affiliation named alongside: a reported designation and a
    shared country say that *someone* of this name was listed, not that it was this entry."""
    if verdict.state == PROBABLE and not any(x.startswith("affiliation:") for x in verdict.evidence_for):
        verdict.state = POSSIBLE
        verdict.evidence_against.append("name: below the matcher's bar, and no listed affiliation is named with it")


def common_name(verdict: Judgement, index: ScreenIndex) -> None:
    """A person whose matched name is made only of name parts common on the list itself ("Ali", "Mohammed":
    each carried by hundreds of listed names) reads as sanctioned only with the entry's own affiliation named
    alongside. A reported designation says that someone of this name was designated, and with such a name the
    list holds many; only the entry's own Linked To group, named alongside, says which. Commonness is the
    list's own document frequency, so it follows whatever list is loaded rather than a list of names written
    here, counted over every spelling of the part (:func:`spelling_frequency`).

    A full name of ``SPECIFIC_PARTS`` or more parts that the list gives to this entry alone
    (:func:`listed_carriers`) is not such a name, however common each part: the premise, that the list holds
    many people of this name, is false, and a reported designation of that name points at its one carrier.
    Counted per part only, wider spelling alignment (more romanisations summed into each part's frequency) made
    ever longer listed names "common" and sent them to review."""
    if verdict.state != PROBABLE or any(x.startswith("affiliation:") for x in verdict.evidence_for):
        return
    core = name_form(verdict.matched[0], "Person").core
    floor = max(COMMON_NAME_MIN, COMMON_NAME_SHARE * len(index.names))
    if core and all(spelling_frequency(t, index) >= floor for t in core):
        if verdict.name_kind == "full" and len(core) >= SPECIFIC_PARTS and len(listed_carriers(core, index)) == 1:
            # Each part is common, the name is not: the list's one carrier of all of it is this entry.
            verdict.evidence_for.append(
                f"name: the list gives every part of {verdict.matched[0]!r} together to this entry only"
            )
            return
        verdict.state = POSSIBLE
        verdict.evidence_against.append(
            f"name: every part of {verdict.matched[0]!r} is common on the list, and no listed affiliation is named"
        )


def _tokens_by_skeleton(index: ScreenIndex) -> dict[str, list[tuple[str, int]]]:
    """The list's name words with their document frequency, by consonant skeleton; built once per index."""

    def build(index: ScreenIndex) -> dict[str, list[tuple[str, int]]]:
        table: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for token, n in index.df.items():
            table[skeleton(token)].append((token, n))
        return dict(table)

    return _per_index(index, "tokens by skeleton", build)


def spelling_frequency(part: str, index: ScreenIndex) -> int:
    """How many of the list's names carry this name part under any spelling the name stack aligns with it
    ("Omar" and "Umar", "Mohammad", "Muhammad" and "Mohamed"), not only as written.

    Why: the list writes one Arabic, Persian or Pashto name in many romanisations, so its frequency is split over
    them: "omar" and "umar" are each carried by fewer names than make a part common, while together they are as
    common as "ali". Counted per spelling, a name of two such parts read as rare, and a reported designation alone
    made a namesake sanctioned. Only spellings with the part's consonant skeleton that the name stack aligns with
    it as one name part are summed ("Amir", with the skeleton of "Omar", is another name)."""
    return sum(n for _token, n in _spellings(part, index))


def _spellings(part: str, index: ScreenIndex) -> list[tuple[str, int]]:
    """The list's words that spell this name part (:func:`spelling_frequency`), with their document frequency;
    kept per index, since a judgement asks it of each part twice (frequency, then carriers) and each answer costs
    one name comparison per word of the part's skeleton."""
    memo: dict[str, list[tuple[str, int]]] = _per_index(index, "spellings by part", lambda _index: {})
    found = memo.get(part)
    if found is None:
        form = name_form(part, "Person")
        found = memo[part] = [
            (token, n)
            for token, n in _tokens_by_skeleton(index).get(skeleton(part), ())
            if token == part or compare_names(form, name_form(token, "Person"), True).score >= SPELLING_PARTNER
        ]
    return found


def listed_carriers(parts: Sequence[str], index: ScreenIndex) -> set[int]:
    """The list's entries (index positions) with a name carrying every one of these name parts, each under any of
    its spellings (:func:`spelling_frequency`).

    Why: the per-part frequency says how many listed names carry a part, counting an entry once per alias and per
    romanisation the list gives it ("Yusuf", "Yousef", "Youssef" of one person); whether the *name* is common is how
    many entries carry all of it, each entry counted once however many of its names spell it."""
    table = _entries_by_token(index)
    carriers: set[int] | None = None
    for part in dict.fromkeys(parts):
        holders = {e for token, _n in _spellings(part, index) for e in table.get(token, ())}
        carriers = holders if carriers is None else carriers & holders
        if not carriers:
            return set()
    return carriers or set()


def _entries_by_token(index: ScreenIndex) -> dict[str, set[int]]:
    """The list's entries by each word of their names (weak aliases too: a namesake is a namesake); built once per
    index."""

    def build(index: ScreenIndex) -> dict[str, set[int]]:
        table: dict[str, set[int]] = defaultdict(set)
        for ent_idx, _name, tokens, _weights in index.names:
            for token in tokens:
                table[token].add(ent_idx)
        return dict(table)

    return _per_index(index, "entries by token", build)


#: One name part's score against another spelling of it (the name stack's single-part alignment).
SPELLING_PARTNER = 0.85


#: Evidence lines that corroborate a name (a shared country alone does not).
CORROBORATION = ("affiliation:", "the articles report")


def common_word_group(verdict: Judgement, index: ScreenIndex) -> None:
    """A group or company named by one word that the list itself carries in many names ("Hamza", "Islamic")
    reads as sanctioned only with some corroboration (a reported designation, the entry's affiliation named
    alongside): one common word names a mosque, a shop or a brigade anywhere. Commonness is the list's own
    document frequency, as for people (:func:`common_name`).

    A name of several words each common on the list ("National Islamic Army", "State Security Front") is as
    ambiguous: every word of it names bodies in many countries, and their sum is a description a namesake body
    (an army, a ministry, a party elsewhere) carries as well. It needs the same corroboration, or a second of
    the entry's names on the actor (:data:`threatgraph.resolve.judge.SECOND_NAME`): a namesake shares one name,
    seldom two.

    So is a name of two words or more (kind words counted) whose every core word is either common on the list or
    a word groups name themselves with (the vocabulary's ``descriptive`` words: "<Supporters> of <Faith>",
    "<Resistance> Front"): each is rare enough on the list, yet groups in several countries have taken the name.
    A word of the name's own ("<Word> Resistance Front") makes it specific again. A name the public-names table
    gives the listed body (:data:`threatgraph.resolve.judge.PUBLIC_NAME`: "Islamic State") names that body, not a
    description, as a second listed name would."""
    if verdict.state != PROBABLE or any(x.startswith(CORROBORATION) for x in verdict.evidence_for):
        return
    form = name_form(verdict.matched[0], "Organization")
    core = form.core
    floor = max(COMMON_NAME_MIN, COMMON_NAME_SHARE * len(index.names))
    if len(core) == 1 and index.df.get(core[0], 0) >= floor:
        verdict.state = POSSIBLE
        verdict.evidence_against.append(
            f"name: {verdict.matched[0]!r} is one word common on the list, and nothing corroborates it"
        )
    elif (
        len(core) > 1
        and all(index.df.get(t, 0) >= floor for t in core)
        and not any(x.startswith((SECOND_NAME, PUBLIC_NAME)) for x in verdict.evidence_for)
    ):
        verdict.state = POSSIBLE
        verdict.evidence_against.append(
            f"name: every word of {verdict.matched[0]!r} is common on the list, and nothing corroborates it"
        )
    elif (
        core
        and len(core) + len(form.generic) + bool(form.designator) >= 2
        and all(t in vocabulary().descriptive or index.df.get(t, 0) >= floor for t in core)
        and not any(x.startswith((SECOND_NAME, PUBLIC_NAME)) for x in verdict.evidence_for)
    ):
        verdict.state = POSSIBLE
        verdict.evidence_against.append(
            f"name: {verdict.matched[0]!r} is made of words groups in many countries name themselves with, and "
            "nothing corroborates it"
        )


#: Tables derived from the screening index, kept for the index they were built from (the latest one only).
_PER_INDEX: dict[tuple[str, str], Any] = {}


def _per_index(index: ScreenIndex, name: str, build: Callable[[ScreenIndex], Any]) -> Any:
    """The table ``build`` derives from ``index``, built once per index: an index that changed (a list
    loaded) drops the tables of the one before."""
    table = _PER_INDEX.get((index.key, name))
    if table is None:
        for key in [k for k in _PER_INDEX if k[0] != index.key]:
            del _PER_INDEX[key]
        table = _PER_INDEX[(index.key, name)] = build(index)
    return table


def _people_by_part(index: ScreenIndex) -> dict[str, set[int]]:
    """Listed people by the consonant skeleton of each part of each of their (not weak) names; built once per
    index."""

    def build(index: ScreenIndex) -> dict[str, set[int]]:
        table: dict[str, set[int]] = {}
        for pos, (ent_idx, name, _tokens, _weights) in enumerate(index.names):
            if family(index.entities[ent_idx][2]) != "Person" or index.name_props[pos] in WEAK_PROPS:
                continue
            for sk in name_form(name, "Person").skeletons:
                if sk:
                    table.setdefault(sk, set()).add(ent_idx)
        return table

    return _per_index(index, "people by part", build)


def partial_of_many(verdict: Judgement, index: ScreenIndex) -> None:
    """A partial person name ("Hafiz Saeed" for a listed "Hafiz Saeed KHAN") that the names of several listed
    people contain reads as sanctioned only with the entry's own affiliation named alongside.

    Why: the name left out is what tells those people apart, and a reported designation or a shared country
    fits each of them; only the entry's Linked To party says which one the article means. The count is the
    list's own: people any of whose names carries every part of the article's name."""
    if verdict.state != PROBABLE or verdict.name_kind != "partial":
        return
    if any(x.startswith("affiliation:") for x in verdict.evidence_for):
        return
    parts = [sk for sk in name_form(verdict.matched[0], "Person").skeletons if sk]
    if not parts:
        return
    table = _people_by_part(index)
    people = set.intersection(*(table.get(sk, set()) for sk in parts))
    if len(people) > 1:
        verdict.state = POSSIBLE
        verdict.evidence_against.append(
            f"name: {len(people)} listed people carry every part of {verdict.matched[0]!r}, "
            "and no listed affiliation says which"
        )


def _place_keys(text: str) -> set[str]:
    """A place word's identities: its country code, its region ("Syria", "Sham" and "the Levant" are one), and for a
    known city or province its own name, on the key its romanisations share ("Raqqah", "Raqqa")."""
    word = fold(text).removeprefix("the ").strip()
    keys = {f"region:{vocabulary().place_of[word]}"} if word in vocabulary().place_of else set()
    code = registry.country.clean(word)
    if code:
        keys.add(f"country:{code}")
    if word and is_place(word):
        keys.add(f"place:{place_key(word)}")
    return keys


def _listed_names(cand: Any) -> list[str]:
    """A candidate's names as its list writes them (name, a.k.a.s and former names; no weak alias), each once."""
    props = (getattr(cand, "entity", None) or {}).get("properties") or {}
    return list(dict.fromkeys(str(n) for p in LISTED_NAME_PROPS for n in props.get(p) or []))


#: Words that join a listed group's name to the place that qualifies it: "X OF <places>", "X IN <place>".
QUALIFIER_WORDS = (" of ", " in ")


def place_qualified(forms: list[NameForm], cand: Any, schema: str, context: Mapping[str, int]) -> str | None:
    """A group named without the place its listed name ends in: "X" for the listed "X OF <places>" or "X IN
    <place>", when every word after "of"/"in" is a place (a country, a region, a known city or province) and the
    articles name one of those places with the actor.

    Why: groups drop their territorial qualifier in running text ("the Islamic Movement" for "... of
    Uzbekistan"; a branch listed as "<Group> IN <City>" is called "<Group>" by reporters in that city), and the
    matcher, scoring the missing words, proposes the entry below its bar. The core name must be the listed one
    exactly, and the place named alongside stands for the qualifier, so a namesake group elsewhere ("the Islamic
    Movement" in Nigeria) stays unlinked; where the articles name the places of two listed branches, both links
    rival each other and go to review (:func:`threatgraph.resolve.judge.one_entry_per_name`). Returns the
    evidence, or None.
    """
    listed = _listed_names(cand)
    named: set[str] = set()
    for key in context:
        fam, _, norm = key.partition(":")
        if fam in ("Place", "Location", "Country") and norm:
            named |= _place_keys(norm)
    if not named:
        return None
    for name, joint in ((n, j) for n in listed for j in QUALIFIER_WORDS):
        head, sep, tail = name.casefold().rpartition(joint)
        if not sep or not head:
            continue
        pieces = [x.strip() for x in re.split(r",|\band\b|&", tail) if x.strip()]
        keys = [_place_keys(x) for x in pieces]
        if not pieces or not all(keys):
            continue
        hform = name_form(head, schema)
        if len(hform.core) < 2 or not any(f.core == hform.core and f.designator == hform.designator for f in forms):
            continue
        if named & set().union(*keys):
            return f"{name!r} without its place qualifier, whose place the articles name with the actor"
    return None


#: A kind-trimmed match needs at least this many name words left: one word ("Dilmun" for "DILMUN BANK")
#: names too many bodies.
MIN_TRIMMED_WORDS = 2


def _kind_words() -> frozenset[str]:
    """Words that say what kind of body a name is (generic and legal-form words, institutions: "Company",
    "Airlines", "Group", "LLC"), from the one vocabulary."""
    voc = vocabulary()
    return voc.generic_words | voc.legal_forms | voc.institutions


def kind_trimmed(forms: list[NameForm], cand: Any, schema: str) -> str | None:
    """A body the articles name by its listed name without the kind words that end it ("Fly Dilmun" for the
    listed "FLY DILMUN AIRLINES COMPANY"), or None.

    Why: running text names a firm or a group by its distinctive words and leaves off what kind of body it is,
    while the list records the registered name in full; the name scorer, weighing the missing words, drops such
    a candidate below its bar, so the judge never saw it. Only trailing kind words may be missing, and at least
    two name words must be left and equal the article's name word for word. The candidate is then judged like
    any partial name: a body read as sanctioned on it needs a reported designation or the entry's affiliation
    named alongside (:func:`threatgraph.resolve.judge.judge`), and a second entry sharing the words sends both to
    review (:func:`threatgraph.resolve.judge.one_entry_per_name`)."""
    listed = _listed_names(cand)
    kinds = _kind_words()
    news = {f.core for f in forms if len(f.core) >= MIN_TRIMMED_WORDS}
    for name in listed:
        core = list(name_form(name, schema).core)
        trimmed = len(core)
        while trimmed and core[trimmed - 1] in kinds:
            trimmed -= 1
        if trimmed < len(core) and trimmed >= MIN_TRIMMED_WORDS and tuple(core[:trimmed]) in news:
            return name
    return None


def official_name(forms: list[NameForm], cand: Any, schema: str) -> bool:
    """Whether a body the matcher scored under its bar is named by the articles as the list names it but for its
    state's official long name ("<Country> army" for the listed "<COUNTRY> <OFFICIAL WORD> ARMY"): the name stack
    aligns them in full (:func:`threatgraph.names.qualifiers.official_words_left_out`), while the matcher, weighing
    every listed word, counts the official word as a word of another name. Judged then as any full name."""
    listed = _listed_names(cand)
    return any(compare_names(f, name_form(n, schema)).feature == "official-name" for n in listed for f in forms)


#: Identifier properties that two lists record alike for one listed person or body.
ID_PROPS = ("passportNumber", "idNumber", "registrationNumber", "taxNumber", "innCode", "ogrnCode", "swiftBic")


def _identifiers(props: Mapping[str, Any]) -> set[str]:
    return {re.sub(r"\W", "", str(v)).upper() for p in ID_PROPS for v in props.get(p) or []} - {""}


def _full_dates(props: Mapping[str, Any]) -> set[str]:
    return {str(v) for v in props.get("birthDate") or [] if len(str(v)) == 10}


def _birth_years(props: Mapping[str, Any]) -> set[str]:
    return {str(v)[:4] for v in props.get("birthDate") or [] if str(v)[:4].isdigit()}


#: Birth years a list gives an entry that lie at most this far apart are read as a range ("between 1970 and 1973").
MAX_YEAR_SPAN = 5


def _years_agree(a: set[str], b: set[str]) -> bool:
    """Whether two lists' birth years for an entry agree: a year both give, or a year of one inside the other's
    range. A list that knows a birth year only roughly records the ends of a range ("between 1970 and 1973", the
    UN list) where another records the year it settled on (1972); their sets share no year, yet they agree."""
    if a & b:
        return True
    for one, other in ((a, b), (b, a)):
        years = sorted(int(y) for y in other)
        if years and years[-1] - years[0] <= MAX_YEAR_SPAN and any(years[0] <= int(y) <= years[-1] for y in one):
            return True
    return False


def _written_names(props: Mapping[str, Any]) -> set[str]:
    """A listed person's names (not weak aliases) as sorted words: "AMEEN, Abu" and "Abu Ameen" are one."""
    return {_name_key(str(n)) for p in ("name", "alias") for n in props.get(p) or []} - {""}


def same_listed(cands: list[Any], names: ListNames | None) -> SameListed:
    """Pairs of proposed entries (by entry id) that are one actor listed on two loaded lists.

    Why: a deployment loads several lists (OFAC, the UN), and the same person or body is on more than one. Judged
    one by one, each is a full-name match, and the rules that send a name shared by several entries back to review
    (:func:`threatgraph.resolve.judge.one_entry_per_name`, :func:`~threatgraph.resolve.judge.one_entry_per_person`)
    read the two entries of one actor as rival namesakes: loading a second list took the sanctioned label off
    actors named on both. Two entries of different lists are one actor when the lists say so themselves: a shared
    identifier (a passport or registration number), for people a shared full birth date or a name both write alike
    with a birth year both give (a "circa" date and a list of possible years agree on it), for organisations a
    name each list gives to that one entry only (:class:`threatgraph.resolve.listnames.ListNames`). Entries of one
    list are never joined: one list naming two entries alike means two actors."""
    pairs: set[frozenset[str]] = set()
    for i, a in enumerate(cands):
        for b in cands[i + 1 :]:
            if a.dataset == b.dataset or family(a.schema) != family(b.schema):
                continue
            pa = (getattr(a, "entity", None) or {}).get("properties") or {}
            pb = (getattr(b, "entity", None) or {}).get("properties") or {}
            same = bool(_identifiers(pa) & _identifiers(pb))
            if not same and family(a.schema) == "Person":
                same = bool(_full_dates(pa) & _full_dates(pb)) or bool(
                    _written_names(pa) & _written_names(pb) and _years_agree(_birth_years(pa), _birth_years(pb))
                )
            if not same and family(a.schema) != "Person" and names is not None:
                ka, kb = f"{a.dataset}/{a.entry_id}", f"{b.dataset}/{b.entry_id}"
                same = any({ka, kb} <= names.entries(k) for k in names.names_of.get(ka, ()))
            if same:
                pairs.add(frozenset((a.entry_id, b.entry_id)))
    return frozenset(pairs)


def _name_key(name: str) -> str:
    """A listed name's words in sorted order: the "Linked To" text writes a party as the list's source record
    does ("PRIGOZHIN, Yevgeniy Viktorovich", "... CO., LTD"), its caption may order and punctuate it otherwise."""
    return " ".join(sorted(re.findall(r"\w+", name.casefold())))


_PARTIES: dict[str, dict[str, list[int]]] = {}


def linked_parties(index: ScreenIndex, links: Iterable[str]) -> LinkedNames:
    """The kind and every (not weak) listed name of each "Linked To" party of an entry, found on the loaded
    lists by its name; a party the lists do not carry keeps only the name the link gives."""
    table = _PARTIES.get(index.key)
    if table is None:
        table = {}
        for pos, (ent_idx, name, _tokens, _weights) in enumerate(index.names):
            if index.name_props[pos] not in WEAK_PROPS:
                table.setdefault(_name_key(name), []).append(ent_idx)
        _PARTIES.clear()
        _PARTIES[index.key] = table
    out: dict[str, tuple[str, list[str]]] = {}
    for link in links:
        found = sorted(set(table.get(_name_key(link), [])))
        if not found:
            continue
        fams = {family(index.entities[i][2]) for i in found}
        if len(fams) != 1:
            continue  # a person and a company of one name: the link does not say which
        out[link] = (fams.pop(), _entity_names(index, found))
    return out


_LINKED_FROM: dict[str, dict[str, list[int]]] = {}
#: At most this many entries tied to one entry are looked for alongside an actor (a group such as HIZBALLAH is
#: the Linked To party of hundreds; a person or a company of a few).
MAX_LINKING = 200


def linking_parties(index: ScreenIndex, entry: Any) -> LinkedNames:
    """The entries whose "Linked To" names this entry (under any of its names), with their kind and listed names:
    the reverse of :func:`linked_parties`, keyed by each party's caption.

    Why: the list records a tie on one side only ("KAMA GOLD ... Linked To: VORONIN, Yuri"), and the
    article may name the other side: a release on a man's companies names the companies. A party the list ties to
    this entry, named alongside the actor, is as specific to the entry as its own Linked To party."""
    table = _LINKED_FROM.get(index.key)
    if table is None:
        table = {}
        for ent_idx in range(len(index.entities)):
            if '"links"' not in index.data[ent_idx]:
                continue
            for link in index.entity_data(ent_idx).get("links") or []:
                table.setdefault(_name_key(str(link)), []).append(ent_idx)
        _LINKED_FROM.clear()
        _LINKED_FROM[index.key] = table
    props = (getattr(entry, "get", None) and entry.get("properties")) or {}
    names = [str(n) for p in NAME_PROPS if p not in WEAK_PROPS for n in props.get(p) or []]
    found = sorted({i for n in names for i in table.get(_name_key(n), [])})
    if len(found) > MAX_LINKING:
        return {}
    return {str(index.entities[i][3]): (family(index.entities[i][2]), _entity_names(index, [i])) for i in found}


def _entity_names(index: ScreenIndex, found: list[int]) -> list[str]:
    names: list[str] = []
    for ent_idx in found:
        props = (index.entity_data(ent_idx).get("properties")) or {}
        names += [str(n) for p in NAME_PROPS if p not in WEAK_PROPS for n in props.get(p) or []]
    return list(dict.fromkeys(names))


def _index(engine: Engine) -> ScreenIndex | None:
    """The screening index, or None when no list is loaded."""
    with engine.connect() as conn:
        if not conn.execute(select(func.count()).select_from(list_versions)).scalar():
            return None
    try:
        return get_index(engine)
    except Exception as exc:  # noqa: BLE001 - linking is best effort; ingest must go on
        log.warning("screening index unavailable, sanctions links skipped: %s", exc)
        return None


def _query(names: list[str], schema: str) -> Query:
    return Query(names=names, schema=schema)


def _explanation(cand: Any, names: list[str]) -> dict[str, Any]:
    features = getattr(cand, "features", None) or {}
    expl = getattr(cand, "explanation", None)
    out: dict[str, Any] = {
        "caption": getattr(cand, "caption", None),
        "schema": getattr(cand, "schema", None),
        "features": {k: v for k, v in dict(features).items() if isinstance(v, str | int | float | bool | None)},
        "query_names": names,
    }
    if isinstance(expl, dict):
        out["explanation"] = {str(k): v for k, v in expl.items()}
    elif expl is not None:
        out["explanation"] = str(expl)
    return out


def entity_names(conn: Connection, entity_ids: list[str]) -> dict[str, tuple[str, list[str]]]:
    """entity id → (schema, names to screen), only for screened types."""
    out: dict[str, tuple[str, list[str]]] = {}
    for i in range(0, len(entity_ids), BATCH):
        chunk = entity_ids[i : i + BATCH]
        rows = conn.execute(
            select(entities.c.id, entities.c.schema, entities.c.caption).where(
                entities.c.id.in_(chunk), entities.c.schema.in_(list(SCREENED))
            )
        ).all()
        names: dict[str, list[tuple[int, str]]] = {r[0]: [] for r in rows}
        for eid, name, count in conn.execute(
            select(aliases.c.entity_id, aliases.c.name, aliases.c.count).where(aliases.c.entity_id.in_(list(names)))
        ):
            names[eid].append((count, name))
        for eid, schema, caption in rows:
            ranked = [n for _, n in sorted(names[eid], key=lambda x: (-x[0], x[1]))]
            # A person's bare surname ("Khan") would match half a list: screen full names only.
            person = family(schema) == "Person"
            chosen: list[str] = []
            for n in [_GLUED_SHORT_FORM.sub("", x).strip() for x in [caption, *ranked]]:
                if n in chosen or len(n) <= 2 or not name_form(n, schema).core:
                    continue
                if not person or strong_person_name(n) or titled_name(n):
                    chosen.append(n)
            # keep every script represented even when a script's alias is rare
            scripts = {script_of(n) for n in chosen[:MAX_NAMES]}
            extra = [n for n in chosen[MAX_NAMES:] if script_of(n) not in scripts]
            out[eid] = (schema, (chosen[:MAX_NAMES] + extra[:2]))
    return out


#: A legal form written after a body's name ("Corp.", "Inc", "Ltd."): the name's apposition begins after it.
_LEGAL_FORM_AFTER = re.compile(r"^(?:\s*,)?\s+([A-Z][A-Za-z]{1,12})\.?(?=[\s,;:)]|$)")


def past_legal_form(sentence: str, end: int) -> int:
    """Where a body's name ends once the legal form written after the mention is read with it ("<Name> Corp., a
    <Country> company"): the model's mention often stops before "Corp.", and the apposition that describes the
    body follows the legal form. Legal forms are the vocabulary's."""
    m = _LEGAL_FORM_AFTER.match(sentence[end:])
    if m and fold(m.group(1)) in vocabulary().legal_forms:
        return end + m.end()
    return end


#: An abbreviation written with stops ("U.S.", "U.K."): its stops end no phrase.
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")


def body_roles(sentence: str, start: int, end: int) -> list[str]:
    """The role words the articles write around a body's name, before it ("the <Nationality> firm") and in an
    apposition after it and its legal form ("<Name> Corp., a <Country> company"), as for a person
    (:func:`threatgraph.resolve.designation.role_before`, :func:`~threatgraph.resolve.designation.role_after`).
    The stops of an abbreviation ("U.S.") are read as letters, so the country it names stays in the role."""
    masked = _DOTTED.sub(lambda m: m.group(0).replace(".", "\x00"), sentence)
    roles = (role_before(masked, start), role_after(masked, past_legal_form(masked, end)))
    return [r.replace("\x00", ".") for r in roles if r]


#: Mentions that may stand in the name words before a body's mention and still be part of its longer name: a
#: place or a body ("<Region> Department of <X>", "<Firm> <Place> National Bank" split by the model).
_NAME_BEFORE = frozenset({"Place", "Organization"})


def _reads_before(sentence: str, start: int, end: int) -> bool:
    """Whether name words before this mention are read at all (:func:`_around`): it has a kind word."""
    kinds = _kind_words()
    return any(w in kinds for w in name_form(sentence[start:end], "Organization").core)


def _around(
    sentence: str, start: int, end: int, proper: frozenset[str], reads_before: bool
) -> tuple[tuple[int, int] | None, bool]:
    """The longer name a body's mention is written inside: capitalised name words after it
    (:func:`enclosing_span`: "<X> Supreme Council") or before it (:func:`leading_start`: "<Town> Savings Bank"),
    or None when the mention is a whole name; and whether words before it were read by :func:`leading_start`.

    Words before are read only for a mention with a kind word ("Bank", "Front", "Holding"): a name made of generic
    words is what a model cuts from a longer one ("<Town> Savings Bank"), while a group's own name after a
    capitalised descriptor ("Separatist <Group>", "Shiite <Group>") is still that group (``reads_before``:
    :func:`_reads_before` of this mention, which the caller has already asked)."""
    span = enclosing_span(sentence, start, end)
    lead = leading_start(sentence, start, proper) if reads_before else None
    if lead is None:
        return span, False
    return ((min(lead, span[0]), span[1]) if span is not None else (lead, end)), True


def _enclosing(conn: Connection, bodies: list[str], enclosed: dict[str, set[str]], bare: set[str]) -> None:
    """For each body's mention, the longer name it is written inside (:func:`_around`) into ``enclosed``,
    or the body into ``bare`` when a mention is a whole name. A longer name whose further words another mention
    covers (a person's name after a group's: "<X> <Given> <Family>") is no longer name of this body."""
    rows = conn.execute(
        select(
            mentions.c.entity_id,
            mentions.c.article_id,
            mentions.c.sentence,
            mentions.c.sent_start,
            mentions.c.start,
            mentions.c.end,
        ).where(mentions.c.entity_id.in_(bodies))
    ).all()
    # An article's text is read only where a sentence's first word may begin the longer name (:func:`proper_words`)
    proper: dict[str, frozenset[str]] = {}
    reads = [_reads_before(r[2] or "", r[4] - r[3], r[5] - r[3]) for r in rows]
    needed = sorted(
        {
            r[1]
            for r, read in zip(rows, reads, strict=True)
            if read
            and leading_start(r[2] or "", r[4] - r[3], None) != leading_start(r[2] or "", r[4] - r[3], frozenset())
        }
    )
    for i in range(0, len(needed), BATCH):
        for art, text in conn.execute(
            select(articles.c.id, articles.c.text).where(articles.c.id.in_(needed[i : i + BATCH]))
        ):
            proper[art] = proper_words(text or "")
    around = [
        _around(r[2] or "", r[4] - r[3], r[5] - r[3], proper.get(r[1], frozenset()), read)
        for r, read in zip(rows, reads, strict=True)
    ]
    others: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    arts = sorted({r[1] for r, (span, _) in zip(rows, around, strict=True) if span is not None})
    for i in range(0, len(arts), BATCH):
        for art, start, end, label in conn.execute(
            select(mentions.c.article_id, mentions.c.start, mentions.c.end, mentions.c.label).where(
                mentions.c.article_id.in_(arts[i : i + BATCH])
            )
        ):
            others[art].append((start, end, family(label)))
    for (eid, art, sentence, sent_start, start, end), (span, lead) in zip(rows, around, strict=True):
        if span is None:
            bare.add(eid)
            continue
        before, after = (span[0] + sent_start, start), (end, span[1] + sent_start)  # the words around the mention
        # Name words before the mention that the model marked as a place or a body of their own still begin its
        # longer name; a person's name there does not ("<Leader> <Body>").
        ended = any(
            s < hi and e > lo and not (lead and (lo, hi) == before and fam in _NAME_BEFORE)
            for s, e, fam in others.get(art, ())
            for lo, hi in (before, after)
            if lo < hi
        )
        if ended:
            bare.add(eid)  # the further words are another mention's
        elif len(enclosed[eid]) < MAX_ROLES:
            enclosed[eid].add(" ".join(sentence[span[0] : span[1]].split()))


def _context_groups(conn: Connection, eid: str) -> list[str]:
    """The groups named alongside a person (its context's organisation names), as the tie reader looks for them."""
    props = conn.execute(select(entities.c.props).where(entities.c.id == eid)).scalar()
    keys = ((props or {}).get("context") or {}) if isinstance(props, dict) else {}
    return [norm for fam, _, norm in (k.partition(":") for k in keys) if fam == "Organization" and norm]


#: At most this many listed entries are read per group a person is tied to.
TIE_CANDIDATES = 3


def listed_ties(
    index: ScreenIndex, ties: Sequence[tuple[str, str, frozenset[str]]]
) -> tuple[tuple[str, str, frozenset[str]], ...]:
    """The ties to groups the list carries, each with the programs of the listed entries its name aligns with in
    full (:func:`verify`); a group named by one word common on the list ("Islamic") is no listed group's name.

    Why: a group the articles tie a person to corroborates the person's entry only when the group is itself listed
    under a program the entry shares (:func:`threatgraph.resolve.judge.stated_listed_tie`)."""
    out = []
    floor = max(COMMON_NAME_MIN, COMMON_NAME_SHARE * len(index.names))
    for group, role, _ in ties:
        form = name_form(group, "Organization")
        if not form.core or (len(form.core) == 1 and index.df.get(form.core[0], 0) >= floor):
            continue
        programs: set[str] = set()
        for c in index.match(_query(query_names([group], "Organization"), "Organization"), limit=TIE_CANDIDATES):
            # the matcher's flag, or the resolver's own name score (the context keeps a group's name without its
            # designator, "<Name>" of "<Name> Front"; a listed name may add a place qualifier the article leaves out)
            if getattr(c, "match", False) or verify([form], "Organization", c)[0] >= VERIFY_THRESHOLD:
                sanction = (getattr(c, "entity", None) or {}).get("sanction") or {}
                programs |= {str(p) for p in (sanction.get("properties") or {}).get("program") or []}
        if programs:
            out.append((group, role, frozenset(programs)))
    return tuple(out)


#: At most this many groups named alongside a person are looked up on the list for :func:`listed_companion`
#: (the most often named first).
MAX_COMPANIONS = 40
#: A one-word body name this short is an acronym that names many bodies ("RIM", "MSC"): no companion.
SHORT_COMPANION = 4
#: The evidence line :func:`listed_companion` writes.
COMPANION = "companion:"


def companion_bodies(index: ScreenIndex, context: Mapping[str, int]) -> tuple[tuple[str, frozenset[str]], ...]:
    """The bodies named alongside an actor that the list carries, each with the programs of the listed entries its
    name aligns with in full (the resolver's own name score, :func:`verify`, or a listed name of the same core
    words) or as a listed name without its place
    qualifier whose place the articles name (:func:`place_qualified`). A body named by one word common on the list
    ("Islamic") or by a short acronym names many bodies and is left out."""
    floor = max(COMMON_NAME_MIN, COMMON_NAME_SHARE * len(index.names))
    groups = sorted(
        ((n, norm) for key, n in context.items() for fam, _, norm in [key.partition(":")] if fam == "Organization"),
        key=lambda x: (-x[0], x[1]),
    )
    out = []
    for _n, group in groups[:MAX_COMPANIONS]:
        form = name_form(group, "Organization")
        if not form.core or (
            len(form.core) == 1 and (index.df.get(form.core[0], 0) >= floor or len(group) <= SHORT_COMPANION)
        ):
            continue
        programs: set[str] = set()
        for c in index.match(_query(query_names([group], "Organization"), "Organization"), limit=TIE_CANDIDATES):
            if family(c.schema) == "Person":
                continue
            # the context keeps a body's name without its designator ("<Name>" of "<Name> Front"): a listed name
            # with the very same core words is the body's full name
            full = verify([form], "Organization", c)[0] >= VERIFY_THRESHOLD or any(
                name_form(n, c.schema).core == form.core for n in _listed_names(c)
            )
            if full or place_qualified([form], c, "Organization", context):
                sanction = (getattr(c, "entity", None) or {}).get("sanction") or {}
                programs |= {str(p) for p in (sanction.get("properties") or {}).get("program") or []}
        if programs:
            out.append((group, frozenset(programs)))
    return tuple(out)


def listed_relatives(entry: Mapping[str, Any], index: ScreenIndex, own: int | None) -> int:
    """How many other listed people carry the entry's family name (its ``lastName``, or the last word of its name),
    under any spelling with the same consonant skeletons.

    Why: a family the list holds several members of (a ruler's sons, brothers and cousins) is where a namesake in
    the news is most likely: a father and the grandson named after him share given and family name, and the
    country and the programs besides. ``own`` is the entry's position in the index (not counted)."""
    props = entry.get("properties") or {}
    last = [str(x) for x in props.get("lastName") or []] or [str(n).split()[-1] for n in props.get("name") or [] if n]
    table = _people_by_part(index)
    carriers: set[int] = set()
    for name in last:
        parts = [sk for sk in name_form(name, "Person").skeletons if sk]
        if parts:
            carriers |= set.intersection(*(table.get(sk, set()) for sk in parts))
    return len(carriers - {own}) if own is not None else max(len(carriers) - 1, 0)


def listed_companion(
    verdict: Judgement,
    entry: Mapping[str, Any],
    companions: Callable[[], Sequence[tuple[str, frozenset[str]]]],
    index: ScreenIndex,
    own: int | None = None,
) -> None:
    """A person's full-name link, left for review for want of corroboration, reads as sanctioned when the articles
    name alongside the person both a country the entry states (its nationality or place of birth) and a body the
    list carries under a sanctions program the entry is listed under too, and nothing speaks against it.

    Why: many entries state no Linked To party, only a birth date, a place of birth and the program (a militant
    designated with his group on one day, each on his own entry); an article on the attack names the person, the
    group and the country, never a designation. Each of those is weak alone: a full name is shared by namesakes,
    a country by millions, a program by thousands of entries, and terrorism reporting names listed groups all the
    time. Together (the entry's own full name, its country, and a listed body of its program in one report) they
    are what an analyst reads the link from. Held back where a name is weakest: an entry that states Linked To
    parties (then those are the test), a family the list holds other members of (:func:`listed_relatives`: a father
    named like his listed grandson), and any evidence against. The line is written as a companion, not as the
    listed affiliation: a name of common parts (:func:`common_name`) and a name several entries share
    (:func:`threatgraph.resolve.judge.one_entry_per_name`) still need the entry's own party."""
    if verdict.state != POSSIBLE or verdict.name_kind != "full" or verdict.evidence_against:
        return
    if not any(x.startswith("country:") for x in verdict.evidence_for) or entry.get("links"):
        return
    sanction = entry.get("sanction") or {}
    programs = {str(p) for p in (sanction.get("properties") or {}).get("program") or []}
    if not programs or listed_relatives(entry, index, own):
        return
    for group, listed in companions():
        shared = programs & listed
        if shared:
            verdict.state = PROBABLE
            verdict.evidence_for.append(
                f"{COMPANION} {group!r}, named alongside, is listed under {', '.join(sorted(shared))} as this entry is"
            )
            return


def actor_facts(conn: Connection, todo: dict[str, tuple[str, list[str]]]) -> dict[str, ActorFacts]:
    """What the articles say about each entity: names, co-mentions, reported designations, first seen."""
    ids = list(todo)
    out: dict[str, ActorFacts] = {}
    group_context: dict[str, list[str]] = {}
    designated: set[str] = set()
    roles: dict[str, list[str]] = defaultdict(list)
    born: dict[str, list[tuple[int, int]]] = defaultdict(list)
    stated: dict[str, list[tuple[str, str]]] = defaultdict(list)  # a person's groups, as the articles state them
    legal: dict[str, list[str]] = defaultdict(list)  # a body's legal forms written after its name
    enclosed: dict[str, set[str]] = defaultdict(set)
    bare: set[str] = set()
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        designated |= {
            r[0]
            for r in conn.execute(
                select(events.c.target_entity_id)
                .where(events.c.target_entity_id.in_(chunk), events.c.type == "SANCTION", events.c.negated.is_(False))
                .distinct()
            )
        }
        # "U.S.-designated <role> <Name>": the designation reported inside a noun phrase, where no event is built;
        # and the role written before a person's name ("Tajik Defence Minister <Name>"), for the listed post
        people = [e for e in chunk if family(todo[e][0]) == "Person"]
        # and in an apposition after it ("<Name>, a Kenyan national, ...")
        # and the age or birth year written beside it ("<Name>, 34, of <City>"), against the listed birth date;
        # for a body, the same roles ("the <Nationality> firm <Name>", "<Name> Corp., a <Country> company")
        for eid, sentence, sent_start, start, end, published in conn.execute(
            select(
                mentions.c.entity_id,
                mentions.c.sentence,
                mentions.c.sent_start,
                mentions.c.start,
                mentions.c.end,
                articles.c.published,
            )
            .join(articles, articles.c.id == mentions.c.article_id)
            .where(mentions.c.entity_id.in_(chunk))
        ):
            person = eid in people
            if not person:
                for role in body_roles(sentence or "", start - sent_start, end - sent_start):
                    if role not in roles[eid] and len(roles[eid]) < MAX_ROLES:
                        roles[eid].append(role)
                after = past_legal_form(sentence or "", end - sent_start)
                form = (sentence or "")[end - sent_start : after].strip(" ,.")
                if form and form not in legal[eid]:
                    legal[eid].append(form)
                continue
            for role in (role_before(sentence, start - sent_start), role_after(sentence or "", end - sent_start)):
                if role and role not in roles[eid] and len(roles[eid]) < MAX_ROLES:
                    roles[eid].append(role)
            years = stated_birth_years(sentence or "", start - sent_start, end - sent_start, published)
            if years is not None and years not in born[eid] and len(born[eid]) < MAX_ROLES:
                born[eid].append(years)
            groups = group_context.get(eid)
            if groups is None:
                groups = group_context[eid] = _context_groups(conn, eid)
            for tie in stated_ties(sentence or "", start - sent_start, groups) if groups else ():
                if tie not in stated[eid] and len(stated[eid]) < MAX_ROLES:
                    stated[eid].append(tie)
        # a body's mentions each written inside a longer name ("<X>" of "the <X> Supreme Council")
        bodies = [e for e in chunk if family(todo[e][0]) != "Person"]
        _enclosing(conn, bodies, enclosed, bare)
        for eid, sentence, sent_start, start, end in conn.execute(
            select(mentions.c.entity_id, mentions.c.sentence, mentions.c.sent_start, mentions.c.start, mentions.c.end)
            .where(mentions.c.entity_id.in_(chunk))
            .where(
                or_(
                    mentions.c.sentence.icontains("designated"),
                    mentions.c.sentence.icontains("sanctioned"),
                    mentions.c.sentence.contains("SDGT"),
                )
            )
        ):
            if eid not in designated and reported_designated(sentence, start - sent_start, end - sent_start):
                designated.add(eid)
        for eid, props, first_seen in conn.execute(
            select(entities.c.id, entities.c.props, entities.c.first_seen).where(entities.c.id.in_(chunk))
        ):
            schema, names = todo[eid]
            out[eid] = ActorFacts(
                schema=schema,
                forms=[name_form(n, schema) for n in names],
                context=dict((props or {}).get("context") or {}),
                designated=eid in designated,
                first_seen=first_seen,
                roles=tuple(roles.get(eid, ())),
                enclosed=() if eid in bare else tuple(sorted(enclosed.get(eid, ()))),
                born=tuple(born.get(eid, ())),
                ties=tuple((g, r, frozenset()) for g, r in stated.get(eid, ())),
                legal=tuple(legal.get(eid, ())),
            )
    return out


def linked_in(conn: Connection, entity_ids: Iterable[str]) -> set[str]:
    """The entities among these that carry a sanctions link in any state (possible included).

    Why: screening was owed only to an entity with a new name, since the matcher proposes entries by name. But the
    judge also reads what the articles say about the actor (the role before its name, a nationality beside it, a
    reported designation, co-mentioned parties), and those come with mentions: a later article giving the listed
    person the listed post under a name the entity already had never reached the judge, nor one giving an age the
    listed birth date contradicts. An entity with no link has no entry its names reach, and new mentions of the
    same names reach none either; one with a link is judged again. Blocks small enough to re-open were judged again
    anyway (their entities come back with every name new); on a large archive nearly every block is too large to
    re-open."""
    query = select(sanction_links.c.entity_id).distinct()
    out: set[str] = set()
    ordered = sorted(set(entity_ids))
    for i in range(0, len(ordered), BATCH):
        out.update(eid for (eid,) in conn.execute(query.where(sanction_links.c.entity_id.in_(ordered[i : i + BATCH]))))
    return out


def screen_entities(engine: Engine, entity_ids: Iterable[str], *, replace: bool = True) -> tuple[int, int]:
    """Screen these entities and store links above the matcher's threshold.

    Returns (entities screened, links stored). With no index (no list loaded, or the screen stage
    absent) nothing happens. Existing automatic links of a screened entity are replaced; links
    with status confirmed/rejected are kept as the analyst left them.
    """
    ids = sorted(set(entity_ids))
    if not ids:
        return 0, 0
    index = _index(engine)
    if index is None:  # nothing to screen against; loading a list marks every entity for screening
        with engine.begin() as conn:
            work.done(conn, work.SCREEN, ids)
        return 0, 0
    screened = linked = 0
    several_lists = len({e[1] for e in index.entities}) > 1
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        with engine.begin() as conn:
            work.done(conn, work.SCREEN, chunk)
            todo = entity_names(conn, chunk)
            kept = {
                (e, d, x)
                for e, d, x in conn.execute(
                    select(sanction_links.c.entity_id, sanction_links.c.dataset, sanction_links.c.entry_id).where(
                        sanction_links.c.entity_id.in_(list(todo)), sanction_links.c.status.in_(ANALYST_STATES)
                    )
                )
            }
            if replace and todo:
                conn.execute(
                    delete(sanction_links).where(
                        sanction_links.c.entity_id.in_(list(todo)),
                        sanction_links.c.status.in_(AUTOMATIC_STATES),
                    )
                )
            facts = actor_facts(conn, todo)
            rows = []
            for eid, (schema, names) in todo.items():
                if not names:
                    continue  # nothing distinctive to screen (a bare surname or kunya)
                screened += 1
                actor = facts[eid]
                person = family(schema) == "Person"
                if person and actor.ties:
                    actor.ties = listed_ties(index, actor.ties)
                bar = DESIGNATED_PERSON_BAR if person and actor.designated else None
                try:
                    cands = index.match(_query(query_names(names, schema), SCREENED[schema]), limit=5, threshold=bar)
                except Exception as exc:  # noqa: BLE001 - one bad entity must not stop the batch
                    log.warning("screening %s failed: %s", eid, exc)
                    continue
                forms = [name_form(n, schema) for n in names]
                designators = {f.designator for f in forms}
                # looked up once per actor, and only when a link needs it
                companions = functools.cache(functools.partial(companion_bodies, index, actor.context))
                checked = []
                qualified: dict[str, str] = {}
                chained: set[str] = set()  # under the matcher's bar only for the optional parts left out
                for c in cands:
                    if person and float(c.score) < MATCH_THRESHOLD and optional_parts_only(forms, c):
                        chained.add(c.entry_id)
                        checked.append((c, *verify(forms, schema, c)))
                        continue
                    if getattr(c, "match", False):
                        score, designator = verify(forms, schema, c)
                        if score >= VERIFY_THRESHOLD or (person and score >= VERIFY_PERSON_PART):
                            checked.append((c, score, designator))
                            continue
                    if not person:
                        found = place_qualified(forms, c, schema, actor.context)
                        if found:
                            qualified[c.entry_id] = found
                            checked.append((c, 1.0, None))
                        elif kind_trimmed(forms, c, schema):  # judged as a partial name: needs corroboration
                            checked.append((c, verify(forms, schema, c)[0], None))
                        elif official_name(forms, c, schema):  # the listed name is the state's official one
                            checked.append((c, *verify(forms, schema, c)))
                # Same core name, different kind of group: keep the ones whose designator agrees.
                if any(d in designators for _, _, d in checked):
                    checked = [x for x in checked if x[2] in designators]
                verdicts: dict[str, Judgement] = {}
                for c, score, _ in checked:
                    key = (eid, c.dataset, c.entry_id)
                    if key in kept:
                        continue
                    kept.add(key)
                    matched = (getattr(c, "explanation", None) or {}).get("matched_name")
                    data = getattr(c, "entity", None) or {}
                    verdict = judge(
                        actor,
                        data,
                        c.schema,
                        [matched] if matched else [],
                        place_qualified=qualified.get(c.entry_id),
                        linked=linked_parties(index, [str(x) for x in data.get("links") or []]),
                        linking=linking_parties(index, data),
                    )
                    if person:
                        listed_companion(verdict, data, companions, index, _position(index, c.dataset, c.entry_id))
                    if person and float(c.score) < MATCH_THRESHOLD and c.entry_id not in chained:
                        below_bar(verdict)
                    if person:
                        common_name(verdict, index)
                        partial_of_many(verdict, index)
                    else:
                        common_word_group(verdict, index)
                    verdicts[c.entry_id] = verdict
                    rows.append(
                        {
                            "entity_id": eid,
                            "dataset": c.dataset,
                            "entry_id": c.entry_id,
                            "score": float(c.score),
                            "explanation": {
                                **_explanation(c, names),
                                "resolver_name_score": round(score, 3),
                                "judgement": verdict.as_dict(),
                            },
                            "status": verdict.state,
                            "created_at": datetime.now(UTC),
                        }
                    )
                if len(verdicts) > 1:
                    # judged one by one above; rival entries of one name, and of one person, are settled together,
                    # the entries of one actor on several lists counting as one
                    judged = [c for c, _, _ in checked if c.entry_id in verdicts]
                    several = len({c.dataset for c in judged}) > 1
                    same = same_listed(judged, list_names(conn) if several and not person else None)
                    one_entry_per_name(verdicts, same)
                    if person:
                        one_entry_per_person(verdicts, same)
                    for row in rows[len(rows) - len(verdicts) :]:
                        row["status"] = verdicts[row["entry_id"]].state
                        row["explanation"]["judgement"] = verdicts[row["entry_id"]].as_dict()
                if several_lists and not person and any(j.state == PROBABLE for j in verdicts.values()):
                    mine = [r for r in rows[len(rows) - len(verdicts) :] if r["entity_id"] == eid]
                    rows += cross_list_links(eid, verdicts, mine, index, list_names(conn), kept)
            if rows:
                conn.execute(insert(sanction_links), rows)
                linked += len(rows)
    return screened, linked


def _position(index: ScreenIndex, dataset: str, entry_id: str) -> int | None:
    """An entry's position in the index, by (dataset, entry id); the table is built once per index."""
    table = _per_index(index, "positions", lambda ix: {(str(e[1]), str(e[0])): i for i, e in enumerate(ix.entities)})
    return table.get((dataset, entry_id))


def same_body_elsewhere(entry: str, names: ListNames) -> dict[str, set[str]]:
    """Entries of the other loaded lists ("<dataset>/<entry id>") that are the same organisation as ``entry`` by
    the lists' own names, each with the names they share: a name each list gives to that one entry only
    (:class:`threatgraph.resolve.listnames.ListNames`). A list sharing names with two of its entries names neither:
    the lists disagree on which body this is."""
    dataset = entry.partition("/")[0]
    out: dict[str, set[str]] = defaultdict(set)
    for key in names.names_of.get(entry, ()):
        for other in names.entries(key):
            if other.partition("/")[0] != dataset:
                out[other].add(key.partition(":")[2])
    # a list that shares names with two of its entries does not say which one is this body
    per_list = Counter(other.partition("/")[0] for other in out)
    return {other: shared for other, shared in out.items() if per_list[other.partition("/")[0]] == 1}


def cross_list_links(
    eid: str,
    verdicts: dict[str, Judgement],
    rows: list[dict[str, Any]],
    index: ScreenIndex,
    names: ListNames,
    kept: set[tuple[str, str, str]],
) -> list[dict[str, Any]]:
    """Links to the same organisation on the other loaded lists, for each probable link of this actor.

    Why: lists record one body under different names. A list that lacks the name the news uses (its snapshot
    never recorded the a.k.a. "<Relief Foundation>" the other list gives the body) leaves the actor unlinked
    there, although the other list's entry, which the article's name does match, is the same body by the lists'
    own statement: a name both lists give to that one entry only. The probable link then holds for that entry too,
    with the same evidence and the shared names said. An entry judged possible on its own name is raised to
    probable the same way only when its own judgement found nothing against (precision first: the lists agree that
    the two entries are one body, not that this actor is it); analysts' decisions are never touched. Returns the
    new link rows; ``rows`` (this actor's rows) are updated in place."""
    by_entry = {r["entry_id"]: r for r in rows}
    new: list[dict[str, Any]] = []
    for key, j in list(verdicts.items()):
        src = by_entry.get(key)
        if j.state != PROBABLE or src is None:
            continue
        for other, shared in sorted(same_body_elsewhere(f"{src['dataset']}/{key}", names).items()):
            dataset, _, entry_id = other.partition("/")
            said = (
                f"list: the same body as {key} ({src['dataset']}), whose link is probable: both lists give it "
                f"{', '.join(repr(n) for n in sorted(shared))}"
            )
            if entry_id in verdicts:
                o = verdicts[entry_id]
                # the lists agree on the body, not on this actor: an entry judged with evidence against stays
                if o.state != PROBABLE and not o.evidence_against and entry_id in by_entry:
                    o.state = PROBABLE
                    o.evidence_for.append(said)
                    by_entry[entry_id]["status"] = PROBABLE
                    by_entry[entry_id]["explanation"]["judgement"] = o.as_dict()
                continue
            pos = _position(index, dataset, entry_id)
            if (eid, dataset, entry_id) in kept or pos is None:
                continue
            kept.add((eid, dataset, entry_id))
            verdicts[entry_id] = Judgement(
                PROBABLE, j.name_score, j.name_kind, j.matched, [said, *j.evidence_for], list(j.evidence_against)
            )
            new.append(
                {
                    "entity_id": eid,
                    "dataset": dataset,
                    "entry_id": entry_id,
                    "score": src["score"],
                    "explanation": {
                        "caption": index.entities[pos][3],
                        "schema": index.entities[pos][2],
                        "features": {},
                        "query_names": src["explanation"].get("query_names", []),
                        "same_body_as": {"dataset": src["dataset"], "entry_id": key},
                        "judgement": verdicts[entry_id].as_dict(),
                    },
                    "status": PROBABLE,
                    "created_at": datetime.now(UTC),
                }
            )
    return new


def relink_all(engine: Engine) -> tuple[int, int]:
    """Re-screen every screened-type entity (after a new list version is loaded)."""
    started = datetime.now(UTC)
    with engine.connect() as conn:
        ids = [r[0] for r in conn.execute(select(entities.c.id).where(entities.c.schema.in_(list(SCREENED))))]
    result = screen_entities(engine, ids)
    with engine.begin() as conn:  # every entity that existed when this began is screened now
        work.done_all(conn, work.SCREEN, before=started)
    return result


def set_status(engine: Engine, entity_id: str, dataset: str, entry_id: str, status: str) -> bool:
    """An analyst's judgement on one link (confirmed | rejected); ``auto`` hands the link back to the
    automatic judgement (re-screened now). False if no such link."""
    if status not in ("auto", *ANALYST_STATES):
        raise ValueError(f"link status must be confirmed, rejected or auto, not {status!r}")
    with engine.begin() as conn:
        res = conn.execute(
            update(sanction_links)
            .where(
                sanction_links.c.entity_id == entity_id,
                sanction_links.c.dataset == dataset,
                sanction_links.c.entry_id == entry_id,
            )
            .values(status="possible" if status == "auto" else status)
        )
        found = bool(res.rowcount)
    if found and status == "auto":
        screen_entities(engine, [entity_id])
    return found
