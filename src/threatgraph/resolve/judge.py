"""A sanctions link as a judgement: is this news actor that list entry, and how sure are we?

The screening index proposes list entries whose names look like the actor's. A name is weak
evidence, above all for people: many share one. So each proposal is judged on everything the list
says about the entry against everything the articles say about the actor:

- **name alignment** (the one name stack): every part aligned ("full"), only part of one name
  found in the other ("partial"), or an acronym. A Russian patronymic the news leaves out
  (:func:`without_patronymic`) and a title the list keeps as a name part, written alike on both sides
  (:func:`same_words`), still make a full name;
- **designation reported**: the articles themselves say this actor was designated or sanctioned
  (a SANCTION event with the actor as target, or the cue in its noun phrase, its coordination or a
  passive it is subject of: :mod:`threatgraph.resolve.designation`);
- **affiliation**: a party the list entry is "Linked To" is named alongside the actor, under any name
  the list gives that party (:func:`named_affiliations`), a party whose own Linked To names the entry
  (the list's tie read the other way), the group of the entry's listed post (:func:`named_in_post`),
  or the listed post itself stated as the article's role for the person (:func:`holds_listed_post`:
  office and country). The one corroboration specific to the entry: a reported designation or a
  shared country fits every namesake a release or a country holds;
- **country**: a country of the entry (nationality, citizenship, place of birth) is named
  alongside the actor (weak: shown, never enough alone);
- **against**: a partial name, a list entry tied to groups the articles never name with the actor,
  a group matched only by a kind word and one word ("the Reform Movement") that the articles also call by a
  long name none of the entry's names (:func:`unlisted_long_name`), a longer name of the actor built on the
  listed one that fits none of the entry's names (a branch, a wing: :func:`more_specific_name`),
  a birth date that makes the person a child when the reporting starts, another full name of the actor
  whose given name the entry never carries (a relative who shares the listed family name), a nationality the
  articles state before the person's name ("Somali official", "British financier") or in an apposition after it
  ("<Name>, a Somali national", "a citizen of <Country>") that none of the entry's countries is
  (:func:`foreign_national`), a country of birth ("Somali-born") that is not the entry's (:func:`born_elsewhere`),
  an age or birth year written beside the name that no listed birth year fits (:func:`stated_age_differs`), a
  person's name parts in another order than the listed ones, as a father's or a son's name has them
  (:func:`in_order`); for a body, name words the
  article's name adds to the listed one ("<X> Supreme Council" for "<X>": :func:`added_name_words`), and a body
  the articles write only inside a longer name that is none of the entry's (:func:`only_inside_longer_names`):
  each names another body, and neither a reported designation nor the entry's affiliation makes it the listed one.

States (analysts add ``confirmed`` and ``rejected``, which always win):

- ``probable`` — automatic and corroborated. An organisation needs a full name alignment that is
  not an acronym alone, or its listed name without a place qualifier whose place the articles name
  with it (or a weaker name plus a reported designation or affiliation); a person
  needs a full alignment of at least two name parts *and* a reported designation or affiliation (or, for an entry
  stating no Linked To party and a family the list holds no other member of, both a country the entry states and a
  listed body of one of its programs named alongside: :func:`threatgraph.resolve.sanctions.listed_companion`),
  or a partial one (every part of its name a part of the listed name) with two of designation,
  affiliation and country. A person is never probable on a name alone, nor when the articles also give it
  a given name the entry lacks or a nationality the entry does not state, nor beside a stronger entry for the
  same person (:func:`one_entry_per_person`), nor, with a name made only of parts common on the list, without the
  listed affiliation (:func:`threatgraph.resolve.sanctions.common_name`), nor, with a partial name, when
  the entry's listed party is never named with it.
  Corroboration grows with the name's ambiguity: a name another proposed entry fits as well
  (:func:`one_entry_per_name`), a group named by one word common on the list or a partial person name
  several listed people carry (:mod:`threatgraph.resolve.sanctions`), a group name with words the listed
  one lacks, and an acronym whose listed long form is not the article's (:func:`other_long_name`) need
  the entry's own affiliation or, for groups, at least a reported designation.
  Entries of several loaded lists that the lists themselves show to be one actor (a shared identifier, birth date,
  or a name each list gives that entry only: :func:`threatgraph.resolve.sanctions.same_listed`) are never rivals.
- ``possible`` — a name match only: shown for review, never as sanctioned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from followthemoney.types import registry

from threatgraph.extract.places import country_code, is_place, territory_code
from threatgraph.names.align import ALIGNED, MATCH_THRESHOLD, NameScore, compare_names
from threatgraph.names.bodies import public_names
from threatgraph.names.forms import NameForm, family, name_form
from threatgraph.names.romanised import romanised_variant
from threatgraph.names.vocabulary import fold, vocabulary
from threatgraph.resolve.designation import CITIZENSHIP_NOUNS
from threatgraph.resolve.lineage import without_optional_parts

PROBABLE, POSSIBLE = "probable", "possible"
#: Name-alignment features that mean every part of one name has its partner in the other.
FULL_FEATURES = frozenset(
    {"exact", "aligned", "aligned-cross-script", "skeleton-cross-script", "subset", "joined-particle", "official-name"}
)
#: An acronym this short names many bodies ("RIM", "LH"): it needs corroboration.
SHORT_NAME = 4
#: Listed name properties that are names of the entry, and the weak ones.
NAME_PROPS = ("name", "alias", "previousName", "abbreviation")
WEAK_NAME_PROPS = ("weakAlias",)
#: A partial person name this close (parts of the listed name, in order) may be probable with two
#: corroborations (a reported designation, a named affiliation, a shared country).
PARTIAL_PERSON = 0.8
#: An organisation's long name scoring below this on every listed name is not one of the entry's names.
LONG_NAME_FLOOR = 0.6
#: The evidence line that says the actor carries a second of the entry's names.
SECOND_NAME = "name: the articles also call it"
#: The evidence line that says the article's name is a public name of the listed body (``names/bodies.yaml``).
PUBLIC_NAME = "name: a public name of the listed body"
#: A person this young when the reporting starts is not the one the reporting is about.
MIN_AGE = 14
#: A birth year the articles state (or that an age gives) this far from every listed one names another person;
#: closer, the list's "circa" years and the article's rounding may both be right.
BIRTH_YEAR_SLACK = 2
#: An East Slavic patronymic ("Borisovich", "Arkadyevna", "Oleksandrovych"): the father's name between the given
#: and the family name, which running text leaves out ("Arkady Krasnov" for "Arkady Borisovich KRASNOV").
#: A word of the article's name this close to a word of the listed name is that word spelt otherwise.
ONE_WORD_PARTNER = 0.85
PATRONYMIC = re.compile(r"\w{2,}(?:ovich|evich|ovych|evych|ovna|evna|ivna|ichna)$", re.IGNORECASE)


@dataclass(slots=True)
class Judgement:
    """The state of one proposed link and the evidence behind it, for display and review."""

    state: str
    name_score: float
    name_kind: str  # full | partial | acronym | generic | weak-alias | place-qualified
    matched: tuple[str, str]
    evidence_for: list[str] = field(default_factory=list)
    evidence_against: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "name_score": round(self.name_score, 3),
            "name_kind": self.name_kind,
            "matched": list(self.matched),
            "for": self.evidence_for,
            "against": self.evidence_against,
        }


@dataclass(slots=True)
class ActorFacts:
    """What the articles say about one news actor, as the judge needs it."""

    schema: str
    forms: list[NameForm]
    context: Mapping[str, int]  # co-mentioned names as "<family>:<norm>" keys
    designated: bool = False  # a SANCTION event targets the actor
    first_seen: datetime | None = None
    roles: Sequence[str] = ()  # role words written before the actor's name ("Tajik Defence Minister")
    #: for a body every mention of which the articles write inside a longer name: those longer names
    enclosed: Sequence[str] = ()
    #: for a person, the birth-year ranges the articles state beside its name (:mod:`threatgraph.resolve.ages`)
    born: Sequence[tuple[int, int]] = ()
    #: for a person, the groups the articles state it belongs to (:mod:`threatgraph.resolve.ties`) that the list
    #: carries too: (group as written, role words, the programs of the group's listed entries)
    ties: Sequence[tuple[str, str, frozenset[str]]] = ()
    #: for a body, the legal forms the articles write right after its name ("Corp." of "<Name> Corp.")
    legal: Sequence[str] = ()


def _props(entry: Mapping[str, Any]) -> Mapping[str, list[Any]]:
    return entry.get("properties") or {}


def _listed_names(entry: Mapping[str, Any], extra: Iterable[str]) -> list[tuple[str, bool]]:
    props = _props(entry)
    names = [(str(n), False) for p in NAME_PROPS for n in props.get(p) or []]
    names += [(str(n), True) for p in WEAK_NAME_PROPS for n in props.get(p) or []]
    names += [(n, False) for n in extra if n]
    return list(dict.fromkeys(names))


def _raw_words(name: str) -> list[str]:
    return sorted(fold(name).replace(",", " ").split())


def same_words(news: str, listed: str) -> bool:
    """Whether the article writes a one-part name with its title exactly as the list records it ("Maulawi Zarif"
    for "ZARIF, Maulawi"). The list keeps a title as a name part when the person is known by it; the same title
    and name on both sides is a two-part name, where the bare part ("Zarif") or another title ("Mullah Zarif")
    would be one part only."""
    words = _raw_words(news)
    if len(words) < 2 or words != _raw_words(listed):
        return False
    return len(words) == 2 or in_order(_ordered_words(news), _ordered_words(listed))


def _ordered_words(name: str) -> list[str]:
    return fold(name).replace(",", " ").split()


def in_order(news: Sequence[str], listed: Sequence[str]) -> bool:
    """Whether the article's name parts stand in the listed name's order: a subsequence of the listed parts, or of
    the listed parts with the family name moved from the end to the front or from the front to the end (lists and
    some languages write it first: "RAWANDI Karim Sadiq").

    Why: in an Arabic, Persian or Pashto name the order says who is whose son: "<A> <B> <Family>" is A son of B,
    and his father or son is "<B> <A> <Family>", the same words in another order (a son is often named after his
    grandfather). Compared as a set of parts, the relative's name is the listed name exactly."""
    orders = [list(listed)]
    if len(listed) > 2:
        orders += [[listed[-1], *listed[:-1]], [*listed[1:], listed[0]]]
    for order in orders:
        rest = iter(order)
        if all(any(part == other for other in rest) for part in news):
            return True
    return False


def without_patronymic(name: str) -> str | None:
    """A listed person name without its East Slavic patronymic, or None when it has none.

    Only a word inside the name (neither its first nor its last) and not written as the family name (the list
    upper-cases that) is a patronymic: "MARKOVICH" in "Pavel Ilyich MARKOVICH" is the family name. Why:
    Russian and Ukrainian names are listed in full ("Given Patronymic FAMILY") and written in the news without
    the patronymic; the article's "Given Family" then names every part a Russian reader would, and is a full
    match, not a partial one (it still needs corroboration like any person's name)."""
    words = name.split()
    keep = [w for i, w in enumerate(words) if i in (0, len(words) - 1) or w.isupper() or not PATRONYMIC.fullmatch(w)]
    return " ".join(keep) if len(keep) < len(words) and len(keep) >= 2 else None


def optional_parts_left_out(entry: Mapping[str, Any], extra: Iterable[str], matched: str) -> tuple[str, str] | None:
    """(the listed name, the optional parts set aside) when ``matched`` is a listed name without its lineage chain or
    kunya (:func:`threatgraph.resolve.lineage.without_optional_parts`) rather than a name the list writes, or None.
    Shown beside the link, so a reviewer sees which listed name was read and what the article left out."""
    for listed, _weak in _listed_names(entry, extra):
        if listed == matched:
            return None
    for listed, _weak in _listed_names(entry, extra):
        found = without_optional_parts(listed)
        if found is not None and found[0] == matched:
            return listed, found[1]
    return None


def _name_evidence(actor: ActorFacts, entry: Mapping[str, Any], schema: str, extra: Iterable[str]) -> Judgement:
    person = family(schema) == "Person"
    generic_words = vocabulary().generic_words
    best: Judgement | None = None
    listed_names = _listed_names(entry, extra)
    if person:
        bare = [(without_patronymic(n), weak) for n, weak in listed_names]
        # the lineage chain and the kunya the news leaves out (:mod:`threatgraph.resolve.lineage`)
        bare += [((without_optional_parts(n) or (None, ""))[0], weak) for n, weak in listed_names]
        listed_names += [(n, weak) for n, weak in bare if n]
    for listed, weak in listed_names:
        lform = name_form(listed, schema)
        if not lform.core:
            continue
        for form in actor.forms:
            score = compare_names(form, lform, person)
            kind = "partial"
            if score.feature.split("+")[0] in FULL_FEATURES and score.score >= MATCH_THRESHOLD:
                kind = "full"
            if score.feature == "acronym" or (len(form.core) == 1 and len(form.core[0]) <= SHORT_NAME):
                kind = "acronym"
            if person and same_words(form.text, listed):
                kind = "full"  # title and name as the list writes them ("Maulawi Zarif")
            elif person and len(form.core) < 2 and kind == "full":
                kind = "partial"  # one name part ("Omar") is shared by thousands
            if not person and kind in ("partial", "acronym") and public_names().one_body([form], [lform]):
                # one body, or one branch of it, under two of its public names (names/bodies.yaml), as an
                # alias on the list would say: "Islamic State in <Region>" for the listed "ISIS-<REGION>". The
                # table holds an acronym only when it names that body alone in news use, so "ISIS" for the
                # listed "... OF IRAQ AND THE LEVANT" is a name, not a short form needing corroboration; an
                # article that spells the acronym out otherwise is caught by :func:`other_body_name`
                kind, score = "full", NameScore(ALIGNED, "public-name", form.text, listed)
            if not person and all(t in generic_words for t in form.core):
                kind = "generic"  # "Hay'at", "the Movement": a kind of body, not a name
            if weak:
                kind = "weak-alias"
            rank = (kind == "full", score.score)
            if best is None or rank > (best.name_kind == "full", best.name_score):
                best = Judgement(POSSIBLE, score.score, kind, (form.text, listed))
    return best or Judgement(POSSIBLE, 0.0, "partial", ("", ""))


def _context_names(context: Mapping[str, int], fam: str) -> list[NameForm]:
    out = []
    for key in context:
        kfam, _, norm = key.partition(":")
        if kfam == fam and norm:
            out.append(name_form(norm, fam))
    return out


def _same_core(listed: NameForm, named: NameForm) -> bool:
    bare = name_form(listed.norm, "Organization") if listed.norm else listed
    return compare_names(bare, named).score >= MATCH_THRESHOLD


#: What the list says about an entry's "Linked To" party: its kind (FtM schema family) and every name the list
#: gives it (name, a.k.a.s, abbreviations), keyed by the link as the entry writes it.
LinkedNames = Mapping[str, tuple[str, Sequence[str]]]


def _distinctive_alias(name: str) -> bool:
    """An a.k.a. that can stand for its group in running text: two name words or more, or an acronym written as
    one capitalised word ("JUD"). A one-word alias ("AL HAYAT") is as often a newspaper or a mosque."""
    form = name_form(name, "Organization")
    if not form.core:
        return False
    return len(form.core) >= 2 or (name.isupper() and " " not in name.strip() and len(form.core[0]) >= 3)


def named_affiliations(actor: ActorFacts, links: Sequence[str], linked: LinkedNames | None = None) -> list[str]:
    """The entry's Linked To parties that the articles name alongside the actor.

    Each party is looked for under every name the list gives it, not only the one the entry's "Linked To"
    happens to use: the list records a group with its a.k.a.s (a second name, an acronym, a translation),
    and an article names the group its own way. A party that is a person is looked for among the people named
    alongside (a financier listed as linked to the man he works for), with every part of a two-part name or
    longer aligned: a shared given name is no tie. Why it matters: the Linked To party is the one piece of
    corroboration specific to the entry; a reported designation or a shared country fits every entry a
    release could name."""
    groups = _context_names(actor.context, "Organization")
    people = [p for p in _context_names(actor.context, "Person") if len(p.core) >= 2]
    hits = []
    for link in links:
        fam, names = (linked or {}).get(link, ("Organization", [link]))
        names = list(dict.fromkeys([link, *names]))
        if fam == "Person":
            forms = [f for f in (name_form(n, "Person") for n in names) if len(f.core) >= 2]
            found = any(
                compare_names(f, p, True).score >= MATCH_THRESHOLD
                and compare_names(f, p, True).feature.split("+")[0] in FULL_FEATURES
                for f in forms
                for p in people
            )
        else:
            forms = [name_form(n, "Organization") for n in names if n == link or _distinctive_alias(n)]
            found = any(_same_core(f, g) for f in forms if f.core for g in groups)
        if found:
            hits.append(link)
    return hits


def _countries(entry: Mapping[str, Any]) -> set[str]:
    props = _props(entry)
    codes = {str(c) for p in ("nationality", "citizenship", "country", "jurisdiction") for c in props.get(p) or []}
    return codes | _birth_countries(entry)


def _birth_countries(entry: Mapping[str, Any]) -> set[str]:
    """Countries of the entry's places of birth: the country closes a listed place ("<Town>, <Country>")."""
    codes = set()
    for place in _props(entry).get("birthPlace") or []:
        code = registry.country.clean(str(place).rsplit(",", 1)[-1].strip())
        if code:
            codes.add(code)
    return codes


def stated_birth_countries(roles: Sequence[str]) -> set[str]:
    """Countries the articles' roles say a person was born in: "<Nationality>-born" or "<Country>-born" ("Somali-born
    businessman", "Kenya-born")."""
    out = set()
    for role in roles:
        for word in role.split():
            head, sep, tail = word.strip(".,()\"'").rpartition("-")
            if sep and tail.casefold() == "born" and head and "-" not in head:
                code = _country_word(head)
                if code:
                    out.add(code)
    return out


def _unshared(stated: set[str], listed: set[str]) -> tuple[set[str], set[str]] | None:
    """(what the articles state, what the entry states) when both state something and they share nothing: the one
    shape of every contradiction below (birth country, nationality, a body's country, legal form). Either side
    silent says nothing either way."""
    if stated and listed and not stated & listed:
        return stated, listed
    return None


def born_elsewhere(actor: ActorFacts, entry: Mapping[str, Any]) -> tuple[set[str], set[str]] | None:
    """(countries the articles say the person was born in, the entry's countries of birth) when they share none,
    else None.

    Why: "Somali-born" states the one fact the list's place of birth states too, and unlike a nationality it
    never changes; a namesake born in another country is another person. Only the entry's place of birth is
    compared: a person born in one country holds another's nationality often enough."""
    return _unshared(stated_birth_countries(actor.roles), _birth_countries(entry))


def _birth_years(entry: Mapping[str, Any]) -> list[int]:
    years = []
    for value in _props(entry).get("birthDate") or []:
        head = str(value)[:4]
        if head.isdigit():
            years.append(int(head))
    return years


def stated_age_differs(actor: ActorFacts, years: Sequence[int]) -> tuple[int, int] | None:
    """A birth-year range the articles state for the person (an age beside its name, a year of birth) that no listed
    birth year comes within :data:`BIRTH_YEAR_SLACK` of, or None.

    Why: a namesake's age is the one fact about the person that court and news reports state and the list states
    too; a man of 24 is not the listed person born 40 years before, whatever his name and the groups named with
    him. Any one such statement counts (precision first): two ages on one actor that disagree mean two people were
    merged, and the listed one is at best one of them."""
    if not years:
        return None
    for lo, hi in actor.born:
        if all(y < lo - BIRTH_YEAR_SLACK or y > hi + BIRTH_YEAR_SLACK for y in years):
            return lo, hi
    return None


def _within_listed(matched: tuple[str, str], schema: str) -> bool:
    """Whether every part of the article's name is a part of the listed one ("Mohammed Rawandi" in "Muhammad
    Sadiq RAWANDI"), compared on consonant skeletons so transliterations agree. A news name with a part the
    list lacks ("Abdul Karim Faris" against "Abdul KARIM") names someone else at least as often as the
    listed person: its family name is not on the list. For a group or company the same holds of its name words
    (designators and generic words set aside): "X General Trading" is X's trading arm or another firm as often
    as it is X."""
    fam = "Person" if family(schema) == "Person" else "Organization"
    news, listed = name_form(matched[0], fam), name_form(matched[1], schema)
    parts = _as_listed_parts(news, listed)
    if not news.core or not set(parts) <= set(listed.skeletons):
        return False
    # a person's parts in another order name a father or a son (:func:`in_order`)
    return fam != "Person" or in_order(parts, listed.skeletons)


def _romanised(matched: tuple[str, str], schema: str) -> bool:
    """Whether the article's name pairs with the listed one only through romanised variants of some parts."""
    person = family(schema) == "Person"
    fam = "Person" if person else "Organization"
    return compare_names(name_form(matched[0], fam), name_form(matched[1], schema), person).feature == (
        "aligned-romanised"
    )


def _as_listed_parts(news: NameForm, listed: NameForm) -> list[str]:
    """The skeletons of the article's name parts, a part that is a romanised variant of one listed part
    (:func:`threatgraph.names.romanised.romanised_variant`: the qaf written "g", the dhal "d") read as that part's:
    its skeleton differs only by the letters the romanisations disagree on. A name so paired is still a partial one
    (its score is under the merge threshold), so it reads as sanctioned only with two corroborations."""
    out = []
    for token, sk in zip(news.core, news.skeletons, strict=True):
        if sk not in listed.skeletons:
            sk = next(
                (s for t, s in zip(listed.core, listed.skeletons, strict=True) if romanised_variant(token, t)), sk
            )
        out.append(sk)
    return out


def other_given_name(actor: ActorFacts, entry: Mapping[str, Any], extra: Iterable[str] = ()) -> str | None:
    """One of the actor's own full names (two parts or more) that ends in a part of the entry's names (the
    family name) but opens with a part none of them carries: "Karim Sadiq Rawandi" when the listed person is
    "Jamal RAWANDI". Returns that name, or None. A name sharing nothing with the entry (a nom de guerre the
    list does not record) is another name of the same person, not a relative, and is left alone.

    Why: relatives share a family name, and the list holds many families ("X, brother of Y"). An article may
    use a short form ("Rawandi", "Sadiq Rawandi") that sits within a relative's listed name, and that short
    form, corroborated by the family's shared affiliation and country, would read as the relative. The
    article's own fuller name settles it: a given name the entry never carries names another member of the
    family. Compared on consonant skeletons against every name part the entry carries (weak aliases too),
    and against two adjacent parts written joined ("Abdulaziz" for "Abd al-Aziz"), so a transliteration
    ("Mohammed"/"Muhammad") still agrees.
    """
    parts: set[str] = set()
    for name, _ in _listed_names(entry, extra):
        sk = name_form(name, "Person").skeletons
        parts.update(sk)
        parts.update(a + b for a, b in zip(sk, sk[1:], strict=False))
    for form in actor.forms:
        if not form.latin or len(form.core) < 2 or not form.skeletons[0]:
            continue
        if form.skeletons[-1] in parts and form.skeletons[0] not in parts:
            return form.text
    return None


def namesake_name(
    actor: ActorFacts, entry: Mapping[str, Any], matched: tuple[str, str], extra: Iterable[str] = ()
) -> str | None:
    """Another full name of the actor (two parts or more, Latin script) that shares a name part with the matched
    one yet fits none of the entry's names (no alignment, and not every part within one listed name); or None.

    Why: two people who share a given name ("Mohammed", "Ahmad") are merged into one actor more easily than any
    other pair, and the merged actor then carries the listed person's name and a namesake's. The list cannot be
    both: the second name says the actor is, at least in part, someone else, and only the entry's own Linked To
    party named alongside says the listed person is there. A name sharing nothing with the matched one (a nom de
    guerre the list does not record) is left alone, and so is a shorter form within a listed name."""
    listed = [f for f in (name_form(n, "Person") for n, _ in _listed_names(entry, extra)) if f.core]
    mine = set(name_form(matched[0], "Person").skeletons) - {""}
    for form in actor.forms:
        if not form.latin or len(form.core) < 2 or form.text == matched[0] or not mine & set(form.skeletons):
            continue
        if any(set(form.skeletons) <= set(lf.skeletons) for lf in listed):
            continue
        if max((compare_names(form, lf, True).score for lf in listed), default=0.0) < MATCH_THRESHOLD:
            return form.text
    return None


def other_long_name(
    actor: ActorFacts, entry: Mapping[str, Any], schema: str, acronym: str, extra: Iterable[str] = ()
) -> str | None:
    """One of an organisation's own long names (two words or more, not built on the short name itself) that fits
    none of the entry's names, when the entry's own long names spell out the matched listed ``acronym``; or None.
    Meant for a group matched by its acronym alone.

    Why: an acronym names many bodies ("SPC", "MMI"), and a release that designates a new body under an acronym
    the list already gives to another looks, by name and by its reported designation, like that entry. Two
    definitions of the acronym settle it: the list's (a listed long name whose initials it is, "NORTHERN RIVERS
    FRONT" for "NRF") and the article's (its long name for the body, "Nyanza Relief Fund (NRF)"). When they
    differ, the acronym stands for two bodies. When the list spells out no long name for it (it records "HTS"
    as a name of the Nusrah Front in its own right), the article's long name contradicts nothing.
    """
    listed = [f for f in (name_form(n, schema) for n, _ in _listed_names(entry, extra)) if f.core]
    short_form = name_form(acronym, schema)
    spelt_out = any(len(f.core) >= 2 and compare_names(f, short_form).feature == "acronym" for f in listed)
    if not spelt_out:
        return None
    short = {t for f in actor.forms if len(f.core) == 1 for t in f.core}
    generic_words = vocabulary().generic_words
    for form in actor.forms:
        if len(form.core) < 2 or short & set(form.core) or all(t in generic_words for t in form.core):
            continue
        # its initials spelling a listed acronym is the coincidence in question, not a fit
        scores = [compare_names(form, lf) for lf in listed]
        if max((x.score for x in scores if x.feature != "acronym"), default=0.0) < LONG_NAME_FLOOR:
            return form.text
    return None


def public_name(matched: tuple[str, str], entry: Mapping[str, Any], schema: str, extra: Iterable[str] = ()) -> bool:
    """Whether the article's matched name and one of the entry's names are names of one and the same body in the
    public-names table (:mod:`threatgraph.names.bodies`).

    Why: a name whose every word is common on the list ("Islamic State") reads as a description many bodies could
    carry (:func:`threatgraph.resolve.sanctions.common_word_group`), yet the table states it names the one
    listed body in news use, as a second listed name would: it is the entry's own name, not a namesake's."""
    news = name_form(matched[0], schema)
    if not news.core:
        return False
    listed = [f for f in (name_form(n, schema) for n, weak in _listed_names(entry, extra) if not weak) if f.core]
    return public_names().same_body([news], listed)


def other_body_name(
    actor: ActorFacts, entry: Mapping[str, Any], schema: str, matched: tuple[str, str], extra: Iterable[str] = ()
) -> str | None:
    """For a body linked through a short name that the public-names table gives the listed body (``matched``'s news
    side is one word: "ISIS"), one of the actor's own long names (two words or more, not kind words only) that fits
    none of the entry's names and is no public name of the listed body; or None.

    Why: the table says an acronym names one body *in news use*, yet a text may define the same letters as
    another body ("the Institute for <Subject> and <Subject> Security (ISIS)"); the article's own long name then
    says which body the letters stand for, as :func:`other_long_name` says for an acronym the list spells out."""
    news = name_form(matched[0], schema)
    table = public_names()
    if len(news.core) != 1 or news.generic or news.designator:
        return None
    listed = [f for f in (name_form(n, schema) for n, _ in _listed_names(entry, extra)) if f.core]
    if not table.same_body([news], listed):
        return None  # not linked through the table: the acronym rules of the judge apply
    generic_words = vocabulary().generic_words
    for form in actor.forms:
        if len(form.core) < 2 or all(t in generic_words for t in form.core):
            continue
        if any(table.one_body([form], [lf]) for lf in listed):
            continue
        if max((compare_names(form, lf).score for lf in listed), default=0.0) < LONG_NAME_FLOOR:
            return form.text
    return None


def named_in_post(actor: ActorFacts, posts: Sequence[str]) -> tuple[str, str] | None:
    """The listed post ("Secretary General of <group>", "Commander of the <group> <unit>") of an organisation named
    alongside the actor, as (post, organisation), or None.

    Why: many listed people carry no Linked To but a post that names their organisation; the articles naming that
    organisation with the person is evidence as specific to the entry as a Linked To party. Compared on the name
    stack's core words (designators such as "Corps" and "Group" set aside on both sides) and consonant skeletons,
    word run against word run, so "Hezbollah" is found in "... of Hizballah". A one-word organisation must be a
    distinctive word of five letters or more, and no title or office word ("General", "Secretary").
    """
    voc = vocabulary()
    titles = voc.generic_words | voc.honorifics | voc.offices
    groups = [
        g
        for g in _context_names(actor.context, "Organization")
        if g.core and not all(t in titles for t in g.core) and (len(g.core) > 1 or len(g.core[0]) >= 5)
    ]
    for post in posts:
        held = name_form(post, "Organization").skeletons
        for g in groups:
            n = len(g.skeletons)
            if any(held[i : i + n] == g.skeletons for i in range(len(held) - n + 1)):
                return post, g.text
    return None


def _office_words(text: str) -> set[str]:
    return {t for t in fold(text).replace("-", " ").split() if t in vocabulary().offices}


def _role_places(text: str) -> set[str]:
    """Countries a role or a listed post names, by single words and word pairs ("Tajik", "Tajikistan",
    "Syrian Arab Republic" as its words).

    A word that is itself the country's two-letter code ("KH", "IS", "AQ") is not read as the country: in a role
    such letters are a group's acronym ("KH Secretary General", "IS commander"), and a post names its country in
    words."""
    words = [w.strip(".,()") for w in text.split()]
    codes = set()
    for n in (1, 2, 3):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n])
            code = registry.country.clean(phrase)
            if code and phrase.casefold() != code:
                codes.add(code)
    return codes


def _nationality_word(word: str) -> str | None:
    """The country a nationality adjective names ("Iraqi", "Afghan", "Lebanese", "Somali", "British", "Saudi"), or
    None.

    Only an adjective counts, never the country's own name: "Iraq commander" or "Kabul official" says where a person
    works, and a compound ("Iran-backed", "Syrian-born") says something else again; an adjective before a person's
    name ("Pakistani police official") says whose national the person is. An adjective built on the country's name
    (it shares its first four letters with a word of the name and is not that word: "Iraqi") counts, and so does
    any other adjective the territory tables know (:func:`_demonym`): "British", "French", "Swiss", "Saudi"."""
    if not word[:1].isupper() or "-" in word:
        return None
    code = registry.country.clean(word)
    if not code:
        return None
    w = fold(word)
    words = fold(registry.country.caption(code) or "").split()
    if w.endswith(NAME_ENDINGS):
        return None  # a country's name in another spelling than the caption's ("Turkey" for "Türkiye")
    if w not in words and any(len(c) >= 4 and w[:4] == c[:4] for c in words):
        return code
    return _demonym(word, code)


def _demonym(word: str, code: str) -> str | None:
    """``code`` when ``word`` is an adjective of that country that does not share its name's opening ("British",
    "American", "Dutch", "Swiss", "Saudi" of "Saudi Arabia"), else None.

    Why: a namesake of another nationality is the most common false "sanctioned" label, and the 4-letter test of
    :func:`_nationality_word` misses every adjective not built on the name: the rigour territory tables know them
    (a weak name of the territory); a name of the country itself, a city, or the country's two-letter code ("KH",
    "IS": a group's acronym in a role) is no adjective."""
    if territory_code(word) != code:
        return None
    w = fold(word)
    if w == code or country_code(word, codes=False) is not None or is_place(word):
        return None
    # English country names end so ("Korea", "Turkey", "Finland", "Tajikistan"); the adjectives never do
    return None if w.endswith(NAME_ENDINGS) else code


#: Endings of English country names, which no nationality adjective has.
NAME_ENDINGS = ("a", "ey", "land", "stan")


#: Nouns that say the country word before them ("U.S. citizen", "Kenya national") states a nationality, even a
#: country's name ("U.S.") that elsewhere in a role says where a person works.
CITIZEN_NOUNS = CITIZENSHIP_NOUNS | {"passport"}
#: "citizen of <Country>", "national of the <Country>": the country named after a citizenship noun.
_CITIZEN_OF = re.compile(
    r"\b(?:" + "|".join(sorted(CITIZENSHIP_NOUNS)) + r")\s+of\s+(?:the\s+)?([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})"
)


def _country_word(word: str) -> str | None:
    """The country a word names as a name or as an adjective ("U.S.", "Kenya", "Kenyan"), or None: before a
    citizenship noun either states the nationality."""
    if not word[:1].isupper() or "-" in word:
        return None
    return _nationality_word(word) or country_code(word, codes=False)


def _citizenship_noun(words: Sequence[str], i: int) -> bool:
    """Whether ``words[i]`` is a citizenship noun: written small ("Kenya National Bank" is a name), and "national"
    not an adjective of the word after it ("U.S. national security adviser" says whose security he advises on)."""
    word = words[i]
    if word not in CITIZEN_NOUNS:
        return False
    after = words[i + 1] if i + 1 < len(words) else ""
    return not (word.startswith("national") and after[:1].islower())


def stated_nationalities(roles: Sequence[str]) -> set[str]:
    """Countries the articles' roles for a person state as its nationality ("Somali security official"); a dual
    nationality written as one compound of nationality adjectives ("Somali-Kenyan businessman") states both. Before
    a citizenship noun ("a U.S. citizen", "a dual U.S.-Lebanese citizen") or after it ("a citizen of Kenya") a
    country's name states it too."""
    out = set()
    for role in roles:
        words = [w.strip(".,()\"'") for w in role.split()]
        for i, word in enumerate(words):
            citizen = i + 1 < len(words) and _citizenship_noun(words, i + 1)
            read = _country_word if citizen else _nationality_word
            # "U.S." loses its last stop above; the country tables know it with both
            parts = [read(p + "." if p.count(".") == 1 else p) for p in word.split("-")] if word else [None]
            if all(parts):
                # a nation within a state ("Scottish": gb-sct) is the state's nationality on a list
                out.update(c.split("-")[0] for c in parts if c)
        # "a dual citizen of <A> and <B>": the role ends before "and", so <B> would be lost; say nothing
        dual = "dual" in role.casefold().split()
        for m in [] if dual else _CITIZEN_OF.finditer(role):
            code = country_code(m.group(1).rstrip(".,"), codes=False)
            if code:
                out.add(code)
    return out


def foreign_national(actor: ActorFacts, entry: Mapping[str, Any]) -> tuple[set[str], set[str]] | None:
    """(nationalities the articles state, the entry's countries) when they share no country, else None.

    Why: a namesake is most often a national of another country ("Somali official Mohamed X" beside a listed
    "Mohamed X" of another nationality), and the articles' own adjective before the name is the one fact they
    state about the person that the list states too (nationality, citizenship, place of birth, address). An entry
    that states no country, or a person the articles give no nationality, says nothing either way."""
    return _unshared(stated_nationalities(actor.roles), _countries(entry))


def listed_posts(entry: Mapping[str, Any]) -> list[str]:
    """The posts the list gives a person: its ``position`` and the note clauses that name an office ("Deputy Prime
    Minister", "President since 1979").

    Why: OFAC's older entries state the post only in the remarks, as a clause no loader rule knows, which is kept
    in the notes; read only as ``position``, the office of the listed head of state or minister was never compared
    with the role the articles give the person. A note is a post only when it is short (:data:`MAX_POST_WORDS`)
    and names an office word of the vocabulary."""
    props = _props(entry)
    posts = [str(x) for x in props.get("position") or []]
    for note in props.get("notes") or []:
        note = str(note).strip().rstrip(".")
        if ":" not in note and len(note.split()) <= MAX_POST_WORDS and _office_words(note):
            posts.append(note)
    return list(dict.fromkeys(posts))


#: Listed kinds of body whose names carry a legal form (a group's or a state body's do not).
LEGAL_SCHEMATA = frozenset({"Company", "Organization", "LegalEntity"})
#: A note clause longer than this is a remark, not a post.
MAX_POST_WORDS = 8


#: Families of legal forms: two forms of one family name one kind of company ("Corp."/"Incorporated"), forms of two
#: families two kinds, registered under different laws ("Corp." and "Limited Liability Company"). Multi-word forms
#: are read as word runs. "Company" and "Co." are no legal form of their own (every family's name has them).
LEGAL_FAMILIES: dict[str, tuple[tuple[str, ...], ...]] = {
    "corporation": (("corp",), ("corporation",), ("inc",), ("incorporated",)),
    "limited liability company": (("llc",), ("ooo",), ("fzllc",), ("limited", "liability")),
    "joint-stock company": (("jsc",), ("ojsc",), ("pjsc",), ("cjsc",), ("zao",), ("oao",), ("joint", "stock")),
    "limited company": (("ltd",), ("coltd",), ("plc",), ("limited",)),
    "gmbh": (("gmbh",),),
    "llp": (("llp",),),
    "sarl": (("sarl",),),
    "srl": (("srl",),),
    "spa": (("spa",),),
    "bhd": (("bhd",),),
    "pte": (("pte",),),
    "pvt": (("pvt",),),
    "free zone establishment": (("fze",), ("fzco",), ("fzc",)),
}


def legal_families(name: str) -> set[str]:
    """The legal-form families a company name's words carry ("<Name> Corp." -> corporation; "LIMITED LIABILITY
    COMPANY <NAME>" -> limited liability company, not also limited company: a longer form's words are its own)."""
    words = [w for w in fold(name).replace(".", " ").replace(",", " ").split() if w]
    out: set[str] = set()
    taken: set[int] = set()
    forms = sorted(((f, fam) for fam, fs in LEGAL_FAMILIES.items() for f in fs), key=lambda x: -len(x[0]))
    for form, fam in forms:
        n = len(form)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == form and not taken & set(range(i, i + n)):
                out.add(fam)
                taken |= set(range(i, i + n))
    return out


def other_legal_form(actor: ActorFacts, entry: Mapping[str, Any], extra: Iterable[str] = ()) -> tuple[set, set] | None:
    """(the legal-form families the articles write the body with, the entry's) when both are stated and share none,
    else None.

    Why: a firm's distinctive words ("<Word> Holding") are shared by firms in many countries, and the legal form the
    articles write after them ("<Word> Holding Corp.") is the firm's registered form, under one country's company
    law; a listed "Limited Liability Company <Word>" with the a.k.a. "<WORD> HOLDING" is registered under another.
    A name written without a legal form, or an entry that states none, says nothing either way."""
    mine: set[str] = set()
    for name in [*(f.text for f in actor.forms), *actor.enclosed, *actor.legal]:
        mine |= legal_families(name)
    listed: set[str] = set()
    for name, weak in _listed_names(entry, extra):
        if not weak:
            listed |= legal_families(name)
    return _unshared(mine, listed)


def stated_body_countries(roles: Sequence[str]) -> set[str]:
    """Countries the articles' roles for a body state as its own: a nationality adjective ("the Russian firm", "a
    Kenyan company") or a country's name before a word written small ("a U.S. lender", "a Kenya firm").
    A compound ("Iran-backed", "<City>-based") says who backs it or where it sits, not whose body it is, and is
    not read."""
    out = set()
    for role in roles:
        words = [w.strip(",()\"'") for w in role.split()]
        for i, word in enumerate(words):
            bare = word.rstrip(".")
            spelled = bare + "." if word.endswith(".") and bare.count(".") == 1 else bare  # "U.S." keeps its stop
            nxt = words[i + 1] if i + 1 < len(words) else ""
            code = _nationality_word(bare) or (_country_word(spelled) if nxt[:1].islower() else None)
            if code:
                out.add(code.split("-")[0])
    return out


def foreign_body(actor: ActorFacts, entry: Mapping[str, Any]) -> tuple[set[str], set[str]] | None:
    """(countries the articles give a body, the entry's countries) when they share none, else None.

    Why: a company's name is shared by firms in many countries ("<Word> Holding", "<Word> Trading"), and the list
    states the listed one's country (its registration or tax number's country, its address); the articles' own
    "a <Country> company" or "the <Nationality> bank" names another body, as a nationality names another person.
    An entry that states no country, or a body the articles give none, says nothing either way."""
    return _unshared(stated_body_countries(actor.roles), _countries(entry))


def _programs(entry: Mapping[str, Any]) -> set[str]:
    sanction = entry.get("sanction") or {}
    return {str(p) for p in (sanction.get("properties") or {}).get("program") or []}


def stated_listed_tie(
    actor: ActorFacts, entry: Mapping[str, Any], links: Sequence[str]
) -> tuple[str, str, set[str]] | None:
    """(group, role, shared programs) when the articles state the person belongs to a group the list carries under
    a program this entry is listed under too (:mod:`threatgraph.resolve.ties`), and the entry lists no Linked To
    party of its own; else None.

    Why: the tie is the article's, not the list's, and the program is shared by thousands of entries; an entry that
    states its own parties says which group its person belongs to, and a tie to another group contradicts that
    rather than corroborates it."""
    if links:
        return None
    programs = _programs(entry)
    for group, role, tied in actor.ties:
        shared = programs & set(tied)
        if shared:
            return group, role, shared
    return None


def holds_listed_post(
    actor: ActorFacts, posts: Sequence[str], nationality: Iterable[str] = ()
) -> tuple[str, str] | None:
    """A listed post ("Minister of Defence of Tajikistan") that a role the articles give the actor ("Tajik Defence
    Minister") states too: the same office word and the same country. Returns (post, role) or None. A post that
    names no country ("Deputy Prime Minister") is an office of the state the entry's ``nationality`` names (its
    nationality or citizenship): a state's office is held by its own nationals.

    Why: an office is held by one person per country at a time, so the office and the country an article writes
    before a name (the same office words, no more and no fewer), with every part of the name aligned, single out the
    listed office holder among namesakes. A
    role sharing only the office ("the President") or only the country says too little."""
    for post in posts:
        offices, places = _office_words(post), _role_places(post) or set(nationality)
        if not offices or not places:
            continue
        for role in actor.roles:
            if offices == _office_words(role) and places & _role_places(role):
                return post, role
    return None


def heads_listed_state(actor: ActorFacts, entry: Mapping[str, Any]) -> tuple[str, str] | None:
    """(role, country) when the articles call the person the head of a state the entry is a national of, a citizen
    of or was born in: a role of exactly a nationality adjective and a head-of-state word ("Ruritanian leader",
    "Freedonian President"; ``state_heads`` in ``names/vocabulary.yaml``). Else None.

    Why: a list entry of a head of state often states no post, only nationality or place of birth and a birth date
    (the post was the reason for the listing, not a field of it), so :func:`holds_listed_post` never sees the office
    the news names him by. A state has one head at a time, so the head of the entry's own state under the entry's
    name singles the entry out among namesakes. Only the bare two-word role counts: any other word ("rebel leader",
    "opposition leader", "Kurdish leader", "former president", "vice president") names one of many."""
    countries = _countries(entry)
    if not countries:
        return None
    heads = vocabulary().state_heads
    for role in actor.roles:
        words = [w.strip(".,()\"'") for w in role.split()]
        if len(words) != 2 or fold(words[1]) not in heads:
            continue
        code = _nationality_word(words[0])
        if code is not None and code.split("-")[0] in countries:
            return role, code
    return None


def judge(
    actor: ActorFacts,
    entry: Mapping[str, Any],
    entry_schema: str,
    extra_names: Iterable[str] = (),
    place_qualified: str | None = None,
    linked: LinkedNames | None = None,
    linking: LinkedNames | None = None,
) -> Judgement:
    """Judge whether ``actor`` is the list ``entry`` (an FtM-shaped dict with ``properties`` and the
    list's ``links``); ``extra_names`` are names the matcher matched that the entry dict lacks;
    ``place_qualified`` is set when a group's name is the listed one without its place qualifier and
    the articles name that place with the group (:func:`threatgraph.resolve.sanctions.place_qualified`);
    ``linked`` gives the kind and the listed names of the entry's Linked To parties (:func:`named_affiliations`),
    ``linking`` those of the entries the list ties to this one (their Linked To names it)."""
    extra_names = list(extra_names)
    j = _name_evidence(actor, entry, entry_schema, extra_names)
    person = family(actor.schema) == "Person"
    if place_qualified and not person and j.name_kind != "full":
        j.name_kind = "place-qualified"
        j.evidence_for.append(f"name: {place_qualified}")
    if j.name_kind == "full":
        j.evidence_for.append(f"name: every part of {j.matched[0]!r} aligns with the listed {j.matched[1]!r}")
        left_out = optional_parts_left_out(entry, extra_names, j.matched[1]) if person else None
        if left_out is not None:
            j.evidence_for.append(
                f"name: the list writes {left_out[0]!r}; the article leaves out {left_out[1]!r}, a lineage chain, "
                "kunya or nisba that running text omits"
            )
    elif j.name_kind == "acronym":
        j.evidence_for.append(f"name: {j.matched[0]!r} matches the listed {j.matched[1]!r} as a short name only")
    elif j.name_kind == "generic":
        j.evidence_against.append(f"name: {j.matched[0]!r} is only a generic word")
    elif j.name_kind == "place-qualified":
        pass  # its evidence is written above
    elif j.name_kind == "weak-alias":
        j.evidence_against.append(f"name: matched only the list's weak alias {j.matched[1]!r}")
    elif _romanised(j.matched, entry_schema):
        j.evidence_against.append(
            f"name: {j.matched[0]!r} aligns with the listed {j.matched[1]!r} only as another romanisation of its "
            "letters (the qaf written g, the dhal d...), which other names share too"
        )
    else:
        j.evidence_against.append(f"name: only part of {j.matched[0]!r} matches the listed {j.matched[1]!r}")
    corroborated = False
    designated = actor.designated
    if designated:
        corroborated = True
        j.evidence_for.append("the articles report this actor designated or sanctioned")
    links = [str(x) for x in entry.get("links") or []]
    if links:
        # Context keys hold core names without their designator ("Kata'ib Hizballah" is kept as
        # "hizballah"), so a linked group is compared on its core tokens, part by part.
        hits = named_affiliations(actor, links, linked)
        if hits:
            corroborated = True
            j.evidence_for.append(f"affiliation: listed as linked to {', '.join(hits)}, named with this actor")
        else:
            j.evidence_against.append(f"affiliation: listed as linked to {', '.join(links)}, never named with it")
    tied = named_affiliations(actor, list(linking or {}), linking) if linking else []
    if tied:
        corroborated = True
        j.evidence_for.append(f"affiliation: the list ties {', '.join(tied)} to this entry, named with this actor")
    posts = listed_posts(entry) if person else [str(x) for x in _props(entry).get("position") or []]
    post = named_in_post(actor, posts)
    if post is not None:
        corroborated = True
        j.evidence_for.append(f"affiliation: listed as {post[0]!r}, and {post[1]!r} is named with this actor")
    nationality = {str(c) for p in ("nationality", "citizenship") for c in _props(entry).get(p) or []}
    held = holds_listed_post(actor, posts, nationality) if person else None
    if held is not None:
        corroborated = True
        j.evidence_for.append(f"affiliation: listed as {held[0]!r}, and the articles call this person {held[1]!r}")
    head = heads_listed_state(actor, entry) if person and held is None else None
    if head is not None:
        corroborated = True
        j.evidence_for.append(
            f"affiliation: the articles call this person {head[0]!r}, the head of "
            f"{registry.country.caption(head[1]) or head[1]}, a country the entry states"
        )
    tie = stated_listed_tie(actor, entry, links) if person else None
    if tie is not None:
        corroborated = True
        j.evidence_for.append(
            f"tie: the articles call this person {tie[1]!r} of {tie[0]!r}, a group the list carries under "
            f"{', '.join(sorted(tie[2]))} as it does this entry"
        )
    countries = _countries(entry)
    if countries:
        places = {registry.country.clean(f.text) for f in _context_names(actor.context, "Place")} - {None}
        shared = sorted(countries & places)
        if shared:
            j.evidence_for.append(f"country: {', '.join(registry.country.caption(c) or c for c in shared)}")
    years = _birth_years(entry)
    if person and years and actor.first_seen is not None:
        youngest = max(years)
        if actor.first_seen.year - youngest < MIN_AGE:
            j.evidence_against.append(
                f"age: born {youngest}, a child when the reporting starts ({actor.first_seen.year})"
            )
    other_age = stated_age_differs(actor, years) if person else None
    if other_age is not None:
        j.evidence_against.append(
            f"age: the articles give a birth in {other_age[0]}"
            + (f"-{other_age[1]}" if other_age[1] != other_age[0] else "")
            + f", the entry states {', '.join(str(y) for y in sorted(set(years)))}"
        )
    too_young = any(e.startswith("age:") for e in j.evidence_against)
    foreign = foreign_national(actor, entry) if person else None
    if foreign is not None:
        j.evidence_against.append(
            "nationality: the articles call this person "
            f"{', '.join(registry.country.caption(c) or c for c in sorted(foreign[0]))}, the entry states "
            f"{', '.join(registry.country.caption(c) or c for c in sorted(foreign[1]))}"
        )
    elsewhere = born_elsewhere(actor, entry) if person else None
    if elsewhere is not None:
        foreign = elsewhere
        j.evidence_against.append(
            "place of birth: the articles say this person was born in "
            f"{', '.join(registry.country.caption(c) or c for c in sorted(elsewhere[0]))}, the entry in "
            f"{', '.join(registry.country.caption(c) or c for c in sorted(elsewhere[1]))}"
        )
    if person:
        # A partial name (parts of the listed name, in order) needs two independent corroborations.
        strong = sum(
            (
                designated,
                any(x.startswith("affiliation") for x in j.evidence_for),
                any(x.startswith("country") for x in j.evidence_for),
            )
        )
        contained = j.name_kind == "partial" and _within_listed(j.matched, entry_schema)
        if j.name_kind == "partial" and not contained:
            swapped = set(name_form(j.matched[0], "Person").skeletons) <= set(
                name_form(j.matched[1], "Person").skeletons
            )
            j.evidence_against.append(
                f"name: the parts of {j.matched[0]!r} stand in another order than in the listed {j.matched[1]!r}, "
                "as a father's or a son's name does"
                if swapped
                else f"name: {j.matched[0]!r} has name parts the listed {j.matched[1]!r} lacks"
            )
        # A partial name whose entry is tied to parties the articles never name with it: the one fact specific
        # to the entry disagrees, and what is left (a designation, a country) fits every namesake of a release.
        unaffiliated = bool(links) and not any(x.startswith("affiliation") for x in j.evidence_for)
        named = j.name_kind == "full" or (
            contained and j.name_score >= PARTIAL_PERSON and strong >= 2 and not unaffiliated
        )
        relative = other_given_name(actor, entry, extra_names)
        if relative is not None:
            j.evidence_against.append(
                f"name: the articles also call this person {relative!r}, a given name the entry never carries"
            )
        other = None if relative is not None else namesake_name(actor, entry, j.matched, extra_names)
        affiliated = any(x.startswith("affiliation") for x in j.evidence_for)
        if other is not None:
            j.evidence_against.append(
                f"name: the articles also call this person {other!r}, which shares a name part with "
                f"{j.matched[0]!r} but fits none of the entry's names"
            )
        probable = (
            named
            and corroborated
            and not too_young
            and relative is None
            and foreign is None
            and (other is None or affiliated)
        )
    else:
        defined = (
            other_long_name(actor, entry, entry_schema, j.matched[1], extra_names) if j.name_kind == "acronym" else None
        )
        if defined is not None:
            j.evidence_against.append(
                f"name: the articles also call it {defined!r}, which is none of the entry's names: "
                f"{j.matched[0]!r} stands for another body"
            )
        affiliated = any(x.startswith("affiliation") for x in j.evidence_for)
        spelt = other_body_name(actor, entry, entry_schema, j.matched, extra_names) if j.name_kind == "full" else None
        if spelt is not None:
            j.evidence_against.append(
                f"name: {j.matched[0]!r} is a public name of the listed body, but the articles also call it "
                f"{spelt!r}, none of the entry's names nor of the body's: the short name stands for another body"
            )
        elsewhere_body = foreign_body(actor, entry)
        if elsewhere_body is not None:
            j.evidence_against.append(
                "country: the articles call it "
                f"{', '.join(registry.country.caption(c) or c for c in sorted(elsewhere_body[0]))}, the entry states "
                f"{', '.join(registry.country.caption(c) or c for c in sorted(elsewhere_body[1]))}"
            )
        # A partial name with words the listed one lacks needs the entry's own affiliation: a reported
        # designation fits a newly designated namesake (the listed firm's new sister company) just as well.
        extra_words = j.name_kind == "partial" and not _within_listed(j.matched, entry_schema)
        if extra_words:
            j.evidence_against.append(f"name: {j.matched[0]!r} has name words the listed {j.matched[1]!r} lacks")
        probable = j.name_kind in ("full", "place-qualified") or (
            j.name_kind in ("acronym", "partial")
            and corroborated
            and ((defined is None and not extra_words) or affiliated)
        )
        if elsewhere_body is not None:
            probable = False  # another country's body of this name, whatever else agrees
        if spelt is not None and not affiliated:
            probable = False
        legal = other_legal_form(actor, entry, extra_names) if entry_schema in LEGAL_SCHEMATA else None
        if legal is not None:
            probable = False
            j.evidence_against.append(
                f"name: the articles write it as a {', '.join(sorted(legal[0]))}, the list as a "
                f"{', '.join(sorted(legal[1]))}: another firm of this name"
            )
        added = added_name_words(j.matched, entry_schema) if j.name_kind in ("full", "partial") else []
        inside = only_inside_longer_names(actor, entry, entry_schema, extra_names)
        if inside:
            probable = False
            j.evidence_against.append(
                f"name: the articles write {j.matched[0]!r} only inside {', '.join(repr(n) for n in inside)}, a "
                "longer name that is none of the entry's: another body named after it"
            )
        if added:
            probable = False
            j.evidence_against.append(
                f"name: the articles' {j.matched[0]!r} adds {', '.join(repr(w) for w in added)} to the listed "
                f"{j.matched[1]!r}: another body named after it (a council, a branch, a foundation)"
            )
        narrower = more_specific_name(actor, entry, entry_schema, j.matched, extra_names)
        if narrower is not None and not affiliated:
            probable = False
            j.evidence_against.append(
                f"name: the articles also call it {narrower!r}, a more specific body than the listed "
                f"{j.matched[1]!r} and none of the entry's names"
            )
        # Two of the entry's names on one actor say more than one: a namesake body shares one name, seldom two.
        second = (
            second_listed_name(actor, entry, entry_schema, j.matched, extra_names) if j.name_kind == "full" else None
        )
        if second:
            j.evidence_for.append(f"{SECOND_NAME} {second!r}, another of the entry's names")
        if j.name_kind == "full" and public_name(j.matched, entry, entry_schema, extra_names):
            j.evidence_for.append(
                f"{PUBLIC_NAME}: {j.matched[0]!r} names {j.matched[1]!r} and no other body in news use"
            )
        if probable and j.name_kind == "full" and not second and descriptive_name(j.matched[1], entry_schema):
            placed = any(x.startswith("country") for x in j.evidence_for)
            own = unlisted_long_name(actor, entry, entry_schema, j.matched, extra_names)
            if own and not (affiliated or placed):
                probable = False
                j.evidence_against.append(
                    f"name: {j.matched[1]!r} is a kind of body and one word, a name many bodies carry, and the "
                    f"articles also call it {own!r}, none of the entry's names"
                )
    j.state = PROBABLE if probable else POSSIBLE
    return j


def descriptive_name(listed: str, schema: str) -> bool:
    """A listed group name made of a kind word and one word more ("HARAKAT AL-ISLAH", the Reform Movement): a
    description as much as a name, which bodies in many countries carry (a network in one country, a party in
    another, a movement in a third), spelt alike once transliterated."""
    form = name_form(listed, schema)
    return len(form.core) == 1 and bool(form.generic)


def unlisted_long_name(
    actor: ActorFacts, entry: Mapping[str, Any], schema: str, matched: tuple[str, str], extra: Iterable[str] = ()
) -> str | None:
    """One of the actor's own names of two words or more, sharing no word with the matched one, that fits none of
    the entry's names ("Southern Reform Party" beside "Harakat al-Islah"), or None: the articles' own
    statement of which body the description stands for."""
    listed = [f for f in (name_form(n, schema) for n, _ in _listed_names(entry, extra)) if f.core]
    words = set(name_form(matched[0], schema).core)
    generic_words = vocabulary().generic_words
    for form in actor.forms:
        if len(form.core) < 2 or words & set(form.core) or all(t in generic_words for t in form.core):
            continue
        if max((compare_names(form, lf).score for lf in listed), default=0.0) < LONG_NAME_FLOOR:
            return form.text
    return None


def more_specific_name(
    actor: ActorFacts, entry: Mapping[str, Any], schema: str, matched: tuple[str, str], extra: Iterable[str] = ()
) -> str | None:
    """One of the actor's own names that holds every word of the matched name and more name words besides (not
    kind words such as "Group", not places or nationality adjectives), and that fits none of the entry's names;
    or None. "<Group> Northern Province" or "<Group> Executive Council" beside "<Group>".

    Why: a longer name built on the listed one names a branch, a wing or a council of the listed body, or another
    body that carries its name (a regional affiliate listed on its own, or not at all). When one actor carries
    both, either the article's actor is that narrower body or two bodies were merged into one actor; in both
    cases the listed name does not say which body the article means, and the entry's own Linked To party named
    alongside is the one evidence that does. A place or a nationality adjective ("<Group> in <Country>",
    "Lebanese <Group>") says where the listed body acts, not that it is another."""
    voc = vocabulary()
    kinds = voc.generic_words | voc.legal_forms | voc.institutions
    words = set(name_form(matched[0], schema).core)
    if not words:
        return None
    listed = [f for f in (name_form(n, schema) for n, _ in _listed_names(entry, extra)) if f.core]
    for form in actor.forms:
        if not words < set(form.core):
            continue
        more = [t for t in set(form.core) - words if t not in kinds and t not in voc.place_of]
        if not [t for t in more if registry.country.clean(t) is None]:
            continue
        if max((compare_names(form, lf).score for lf in listed), default=0.0) < MATCH_THRESHOLD:
            return form.text
    return None


def second_listed_name(
    actor: ActorFacts, entry: Mapping[str, Any], schema: str, matched: tuple[str, str], extra: Iterable[str] = ()
) -> str | None:
    """Another of the entry's names (not the one matched) that one of the actor's other names aligns with in full,
    an acronym included ("HI" beside "Harakat al-Islah"), or None. Two of an entry's names on one actor say more
    than one: a namesake body shares the description, seldom the second name as well."""
    for listed, weak in _listed_names(entry, extra):
        if weak or listed == matched[1]:
            continue
        lform = name_form(listed, schema)
        if not lform.core:
            continue
        for form in actor.forms:
            if form.text == matched[0] or not form.core:
                continue
            score = compare_names(form, lform)
            if score.score >= MATCH_THRESHOLD and score.feature.split("+")[0] in (*FULL_FEATURES, "acronym"):
                return listed
    return None


def _name_rank(j: Judgement) -> tuple[bool, bool, float]:
    return (j.name_kind == "full", j.name_kind in ("full", "place-qualified"), j.name_score)


#: Pairs of proposed entries (their keys in a verdicts mapping) that are one real-world actor listed on two lists.
SameListed = frozenset[frozenset[str]]


def one_entry_per_name(verdicts: Mapping[str, Judgement], same: SameListed = frozenset()) -> None:
    """A probable link whose name fits another proposed list entry at least as well stays probable only with
    that entry's own Linked To party named alongside; otherwise it goes back to review.

    Why: when a name (a person's two parts, a company's words, an acronym) is carried by several entries, the
    name does not say which entry the actor is, and neither does a reported designation or a shared country:
    a release designates, and a country holds, every namesake alike. Only evidence specific to one entry, its
    listed affiliation, picks it. People and organisations alike; the rival need not itself be probable (a
    rival left for review is still a namesake). An entry that is the same actor on another loaded list (``same``:
    :func:`threatgraph.resolve.sanctions.same_listed`) is no rival: two lists naming one body alike is agreement,
    not ambiguity."""
    for key, j in verdicts.items():
        if j.state != PROBABLE or any(x.startswith("affiliation") for x in j.evidence_for):
            continue
        rivals = sorted(
            k
            for k, o in verdicts.items()
            if k != key and _name_rank(o) >= _name_rank(j) and frozenset((k, key)) not in same
        )
        if rivals:
            j.state = POSSIBLE
            j.evidence_against.append(
                f"name: fits {', '.join(rivals)} as well, and no listed affiliation tells the entries apart"
            )


def _strength(j: Judgement) -> tuple[bool, bool, float]:
    return (j.name_kind == "full", any(x.startswith("affiliation") for x in j.evidence_for), j.name_score)


def one_entry_per_person(verdicts: Mapping[str, Judgement], same: SameListed = frozenset()) -> None:
    """A person is at most one list entry: when several entries read as this person, only a single strongest
    one (a full name before a partial one, then the listed affiliation named alongside, then the name score)
    stays probable; the others, or all of them on a tie, go back to review.

    Why: common name parts ("Muhammad", "Faqir") make a news name align with several listed people, and the
    same corroboration (a reported designation, a shared country) is counted for each. Two entries cannot
    both be the one person, so at least one of them is a false "sanctioned"; when the evidence cannot tell
    them apart, neither is shown as sanctioned.

    The person's entries on several loaded lists (``same``: one UN and one OFAC entry sharing a passport number
    or a full birth date) are one entry here: they stand or fall together.
    """
    probable = {k: j for k, j in verdicts.items() if j.state == PROBABLE}
    if len(probable) < 2:
        return
    groups: list[set[str]] = []
    for key in probable:
        joined = [g for g in groups if any(frozenset((key, k)) in same for k in g)]
        merged = {key}.union(*joined)
        groups = [g for g in groups if g not in joined] + [merged]
    if len(groups) < 2:
        return

    def strength(g: set[str]) -> tuple[bool, bool, float]:
        return max(_strength(probable[k]) for k in g)

    ranked = sorted(groups, key=strength, reverse=True)
    keep = ranked[0] if strength(ranked[0]) > strength(ranked[1]) else set()
    for g in ranked:
        if g is keep:
            continue
        for key in sorted(g):
            j = probable[key]
            j.state = POSSIBLE
            others = ", ".join(k for k in sorted(probable) if k not in g)
            j.evidence_against.append(
                f"another list entry ({others}) fits this person {'better' if keep else 'as well'}: a person is one "
                "entry"
            )


def added_name_words(matched: tuple[str, str], schema: str) -> list[str]:
    """The article's name words (of the matched pair) that have no partner in the listed name and that name a
    body of their own: neither a kind word heading a group's name ("Movement", "Group", "Hizb"), nor a legal form,
    nor a place or a nationality adjective ("in Kenya", "Kenyan"). Compared word by word on the name stack's core
    words, consonant skeletons and transliteration; empty for an acronym or a name in another script, which are
    compared as wholes.

    Why: a body is often named after another ("<X> Supreme Council", "Ministry of <X> Affairs", "<X> Relief
    Foundation", "<X> Trading"), and the name stack lets a kind word such as "Council" or "Foundation" fall away
    so that the two names align. The listed name is then found whole inside the article's, and every piece of
    corroboration the listed body has (its reported designation, its sponsors named alongside) fits the council,
    the ministry or the charity as well. The words the article adds are the article's own statement that it
    means another body, as a given name the entry lacks is for a person."""
    voc = vocabulary()
    news, listed = name_form(matched[0], schema), name_form(matched[1], schema)
    if not news.latin or not listed.core or len(news.core) < 2:
        return []
    if public_names().one_body([news], [listed]):
        return []  # the added words are another public name of the listed body ("Islamic State" for "ISIS")
    partners = [name_form(t, schema) for t in listed.core]
    added = []
    for token, skel in zip(news.core, news.skeletons, strict=True):
        canonical = voc.word_of.get(token, (token, ""))[0]
        if canonical in voc.heads or token in voc.legal_forms or token in voc.place_of:
            continue
        if registry.country.clean(token) is not None or _nationality_word(token.capitalize()) is not None:
            continue
        if any(
            token == p.core[0]
            or (len(skel) >= 3 and skel == p.skeletons[0])
            or compare_names(name_form(token, schema), p).score >= ONE_WORD_PARTNER
            for p in partners
        ):
            continue
        added.append(token)
    return added


def only_inside_longer_names(
    actor: ActorFacts, entry: Mapping[str, Any], schema: str, extra: Iterable[str] = ()
) -> list[str]:
    """The longer names the articles write every mention of the actor inside (``actor.enclosed``: "<X> Supreme
    Council" around each "<X>"), when none of them is one of the entry's names: they add name words to every
    listed name (:func:`added_name_words`). Empty when the actor is also written on its own, or when a longer
    name is listed too.

    Why: a mention cut out of a longer name ("<X>" of "the <X> Supreme Council") matches the listed "<X>" in full,
    and the link would be as strong as the listed body's own. The article never names the listed body: only a
    body named after it."""
    if not actor.enclosed:
        return []
    listed = [n for n, weak in _listed_names(entry, extra) if not weak]
    if any(not added_name_words((name, n), schema) for name in actor.enclosed for n in listed):
        return []
    return list(actor.enclosed)
