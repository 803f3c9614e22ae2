"""Aligning two names part by part: a score in [0, 1] and the feature that decided it.

Like nomenklatura's matchers, a comparison returns a score *and* the named feature that produced it
("aligned", "subset", "acronym", "designator-one-side"...), so a merge or a sanctions link can be
explained rather than only asserted. The scores are graded by kind of agreement, so that callers can
tell "every part aligns" from "part of one name is in the other" (which needs corroboration).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rigour.territories import lookup_territory

from threatgraph.names.acronyms import acronym_fits, looks_like_acronym
from threatgraph.names.body_keys import owners, written_names
from threatgraph.names.forms import NameForm, name_form, written_letters
from threatgraph.names.parts import compound_fold, plural_fold, same_person_part
from threatgraph.names.qualifiers import official_words_left_out, territory_head
from threatgraph.names.romanised import romanised_variant
from threatgraph.names.tokens import romanisation_fold
from threatgraph.names.vocabulary import fold, vocabulary

#: Two names at or above this score are the same on the name.
MATCH_THRESHOLD = 0.88
#: Persons named by a single token ("Khan") need shared context on top of the name.
WEAK_PERSON_NAME = 0.75
#: Name-only scores by kind of agreement. Context adds at most 0.15, so anything below
#: MATCH_THRESHOLD - 0.15 never merges without an analyst, and anything below MATCH_THRESHOLD
#: merges only with shared context (corroboration).
ALIGNED = 0.95  # every part has its partner, or only generic words differ
ACRONYM = 0.9  # "IRGC" for "Islamic Revolutionary Guard Corps"
SHORT_ACRONYM = 0.86  # three letters ("RIM", "KTJ") name many bodies: needs shared context
FUZZY_CAP = 0.9  # a string-similar name is never as good as an aligned one
SINGLE_PERSON_TOKEN = 0.85  # "Omar" = "Omar": needs shared context
PERSON_PART = 0.8  # "Hafiz Saeed" within "Hafiz Saeed Khan": needs shared context
SINGLE_PERSON_PART = 0.75  # "Qadir" within "Haroon Aziz Qadir": needs rich shared context
ORG_BRANCH = 0.6  # "ISIS" within "ISIS-K": another group
SINGLE_WORD_VARIANT = 0.86  # "Hezbollah"/"Hizballah", "Interpol"/"Interpal": needs shared context
ONE_DESIGNATOR = 0.72  # "Hizballah" vs "Kata'ib Hizballah": never on the name
DIFFERENT_DESIGNATOR = 0.6  # "Fajr Brigade" vs "Fajr Army"
MIDDLE_INITIAL = 0.93  # "John A. Smith" vs "John Smith": the initial is compatible with its absence
DIFFERENT_INITIAL = 0.5  # "John A. Smith" vs "John B. Smith": two people
DIFFERENT_HEAD = 0.8  # "X Organization" vs "X Group": merges only with shared context
TERRITORY_DROPPED = 0.86  # "X" vs "X of <Territory>": needs shared context (another country's "X")
REORDERED = 0.6  # "<A> <B> <C>" vs "<C> <B> <A>": a chain of names read the other way is another person
LINEAGE_SWAPPED = 0.5  # "<A> bin <B>" vs "<B> bin <A>": the son and the father
ACRONYMS_DIFFER = 0.6  # "NASA" vs "NSA": two sets of initials, never one body on the name, context or not
#: A spelled-out name this near a body's own ("Jama'at Nasr ..." / "Jama'at Nusrat ...") may be its spelling: the
#: body's acronym still reads it. Unrelated names score nothing at all.
SPELLING_KIN = 0.5
ROMANISED = 0.86  # "Saad Gahtani"/"Saad Qahtani": parts paired only as romanised variants, needs context
ROMANISED_SINGLE = 0.8  # "Gahtani"/"Qahtani": one word, paired only as a romanised variant: rich context


@dataclass(slots=True)
class NameScore:
    """Similarity of two names with the feature that decided it."""

    score: float
    feature: str
    left: str = ""
    right: str = ""


def _token_match(a: str, sa: str, b: str, sb: str, person: bool = False, cross: bool = True) -> bool:
    """Whether two core tokens are one name part.

    Person names written in Latin on both sides meet only as spellings of one name (rigour's name
    symbols, the romanisation fold): their consonant skeleton is no evidence, since "Hassan" and
    "Hussein" share it. Across scripts the skeleton is the bridge. Group names also meet in the
    plural ("Houthis"/"Houthi").
    """
    if a == b:
        return True
    if person and not cross:
        return same_person_part(a, b)
    if not person and _one_word(a, b):
        return True  # a kind word the core keeps, in two languages or spellings ("television"/"tv", "hizb"/"party")
    if not person and plural_fold(a) == plural_fold(b):
        return True
    if (
        not person
        and max(len(a), len(b)) >= 4
        and min(len(a), len(b)) >= 3
        and romanisation_fold(a) == romanisation_fold(b)
    ):
        return True  # "qaida"/"qaeda", "haqq"/"haq": one word under two romanisations
    if not person and _place(a) and _place(a) == _place(b):
        return True  # one region under two names ("sham"/"levant")
    if len(sa) >= 3 and sa == sb:
        return True
    return len(a) >= 5 and fuzz.ratio(a, b) >= 85


def _one_word(a: str, b: str) -> bool:
    """Two forms of one word of the vocabulary's ``words`` (a translation or a spelling): the core keeps the words
    of kind ``term`` as written, so "<Name> Television" and "<NAME> TV" would otherwise differ by a word."""
    words = vocabulary().word_of
    return a in words and b in words and words[a][0] == words[b][0]


def _own_acronym(token: str, text: str) -> bool:
    """Whether a word of a name is the initials of the words right before it ("... Relief Corps (QRC) ...")."""
    words = fold(text).split()
    return len(token) >= 2 and any(
        word == token and "".join(w[0] for w in words[i - len(token) : i]) == token
        for i, word in enumerate(words)
        if i >= len(token)
    )


def _territorial_word(token: str) -> bool:
    """A country, territory or demonym word ("lebanese", "iraq"), or a region of the vocabulary's ``places``."""
    return bool(_place(token)) or lookup_territory(token) is not None


def _place(token: str) -> str:
    """The region a name word stands for ("sham" and "levant" give "levant"), or ""."""
    return vocabulary().place_of.get(token, "")


def _heads(form: NameForm) -> frozenset[str]:
    """The kind words heading a body's name, canonical ("Islamic Jihad Organization" -> organization)."""
    voc = vocabulary()
    words = set(form.generic) | {voc.word_of[t][0] for t in form.core if t in voc.word_of}
    return frozenset(words & voc.heads)


def _kinds_differ(a: NameForm, b: NameForm) -> bool:
    """Both names say what kind of body they are, and the kinds differ: a kind word heading each ("... Jihad
    Organization"/"... Jihad Group"), or a kind word on one side and an institution noun on the other ("<X>
    Mobilization Forces"/"<X> Mobilization Committee", "<X> movement"/"<X> Naval College"). Two institution
    nouns alone are not compared here ("Center"/"Centre" are one word spelled twice)."""
    heads_a, heads_b = _heads(a), _heads(b)
    if not (heads_a or heads_b):
        return False
    institutions = vocabulary().institutions
    kinds_a = heads_a | {t for t in a.core if t in institutions}
    kinds_b = heads_b | {t for t in b.core if t in institutions}
    return bool(kinds_a) and bool(kinds_b) and not kinds_a & kinds_b


def place_variants(text: str, new_initial: bool = False, canonical: bool = False) -> list[str]:
    """The name with each region word swapped for the region's other one-word names ("Islamic State
    of Iraq and the Levant" is also "... and Syria"); with ``new_initial`` only the names that
    start with another letter, so an acronym may take either initial (ISIS and ISIL); with
    ``canonical`` only the region's own name (one query per name for the list matcher)."""
    voc = vocabulary()
    words = text.split()
    out: list[str] = []
    for i, word in enumerate(words):
        concept = voc.place_of.get(fold(word).removeprefix("al ").removeprefix("ash "), "")
        if not concept:
            continue
        for other, c in voc.place_of.items():
            if c != concept or " " in other or other == fold(word) or (canonical and other != concept):
                continue
            if not (new_initial and other[0] == fold(word)[:1]):
                out.append(" ".join([*words[:i], other, *words[i + 1 :]]))
    return out


def _token_share(a: NameForm, b: NameForm, person: bool = False) -> float:
    cross = not (a.latin and b.latin)
    pa = list(zip(a.core, a.skeletons, strict=True))
    pb = list(zip(b.core, b.skeletons, strict=True))
    hits = sum(1 for t, s in pa if any(_token_match(t, s, u, v, person, cross) for u, v in pb))
    hits += sum(1 for t, s in pb if any(_token_match(t, s, u, v, person, cross) for u, v in pa))
    return hits / (len(pa) + len(pb))


def _weak_extra(token: str, last: bool, company: bool = False) -> bool:
    """An extra word that does not make a group name another group's ("Private Military Company").

    Generic words are weak; a legal form is weak too unless it ends the name, where legal forms
    stand and tell companies apart ("Qandor Commodities" is not "Qandor Commodities LTD" for sure).
    Between company names (either carries a legal form) only a legal form inside the name is weak: a
    holding, a trading arm and the parent are registered under names one word apart ("X Ltd", "X
    Holdings Ltd"), and the pair set of list aliases shows those words parting different entries.
    """
    voc = vocabulary()
    if company and token not in voc.legal_forms:
        return False
    return token in voc.generic_words and not (last and token in voc.legal_forms)


def _contained(short: NameForm, long_: NameForm, person: bool, cross: bool) -> list[tuple[str, bool]] | None:
    """The long name's tokens left over (with whether each ends the name) when every token of the
    short one is found in it (in order for persons), or None when the short name is not contained."""
    pairs = list(zip(long_.core, long_.skeletons, strict=True))
    used: list[int] = []
    start = 0
    for t, s in zip(short.core, short.skeletons, strict=True):
        pos = next(
            (
                i
                for i in range(start if person else 0, len(pairs))
                if i not in used and _token_match(t, s, *pairs[i], person, cross)
            ),
            None,
        )
        if pos is None:
            return None
        used.append(pos)
        start = pos + 1
    return [(tok, i == len(pairs) - 1) for i, (tok, _) in enumerate(pairs) if i not in used]


@lru_cache(maxsize=262144)
def _compare_cached(a: NameForm, b: NameForm, person: bool) -> tuple[float, str]:
    if not a.core or not b.core:
        return 0.0, "empty"
    cross = not (a.latin and b.latin)
    if not person and not cross and a.norm != b.norm and _written_alike(a, b):
        # One name with a particle glued on or hyphenated ("Hizb-ul-<Name>"/"HIZBUL <NAME>"): the glued word
        # left the vocabulary's reach on one side only, so its kind words and core differ but its letters do not.
        return ALIGNED, "joined-particle"
    # A designator is a name part: "Kata'ib Hizballah" is not "Hizballah", "Fajr Brigade" is not
    # "Fajr Army". Absent on one side, the names may still be one group, but never on the name alone.
    cap, cap_feature = 1.0, ""
    if not person and a.designator != b.designator:
        cap, cap_feature = (
            (DIFFERENT_DESIGNATOR, "designator-differs")
            if a.designator and b.designator
            else (
                ONE_DESIGNATOR,
                "designator-one-side",
            )
        )
    if not person and _kinds_differ(a, b):
        # Both names say what kind of body they are, and the kinds differ: with nothing else
        # differing ("Islamic Jihad Organization"/"Islamic Jihad Group") they may still be two bodies.
        cap, cap_feature = min(cap, DIFFERENT_HEAD), cap_feature or "head-differs"
    best, feature = _name_only(a, b, person, cross)
    if feature == "acronym" and cap_feature == "designator-one-side":
        cap = 1.0  # the spelled-out designator is inside the acronym ("Corps" in "IRGC")
    if best > cap:
        return cap, f"{feature}+{cap_feature}"
    return best, feature


def _written_alike(a: NameForm, b: NameForm) -> bool:
    """Two names of the same letters as written, particles and kind words included, with a particle joined to
    its word in one and apart in the other (:func:`threatgraph.names.forms.written_letters`). Six letters at
    least: a short name's letters say little."""
    if "".join(a.core) == "".join(b.core):
        return False  # only the breaks between core words differ: :func:`_joined` reads those
    letters = written_letters(a.text)
    return len(letters) >= 6 and letters == written_letters(b.text)


def _initial_fits(initial: str, part: str) -> bool:
    """Whether a one-letter middle part may stand for a written-out one: its letter opens the name under one of its
    spellings ("F." for "Fedorovych", "Y." for "Iosifovich" spelled "Yosifovich"), so only the first letter of the
    part as written and as folded counts."""
    return initial in (part[:1], romanisation_fold(part)[:1])


def _expanded_initials(a: NameForm, b: NameForm, cross: bool) -> tuple[float, str] | None:
    """Two person names of as many parts, equal but for middle parts one side writes as an initial and the other in
    full ("Viktor F. <Surname>"/"Viktor Fedorovych <Surname>"): the initial is that name's when its letter opens it,
    and says another person when it does not ("Viktor A. <Surname>"). The first and last parts must be full on both
    sides: an initial first name ("V. <Surname>") is a partial name, left to the other features."""
    n = len(a.core)
    if n < 3 or len(b.core) != n or not (a.latin and b.latin):
        return None
    ends = (0, n - 1)
    if any(len(a.core[i]) == 1 or len(b.core[i]) == 1 for i in ends):
        return None
    if not all(_token_match(a.core[i], a.skeletons[i], b.core[i], b.skeletons[i], True, cross) for i in ends):
        return None
    expanded = False
    for x, y in zip(a.core[1:-1], b.core[1:-1], strict=True):
        if (len(x) == 1) == (len(y) == 1):
            if x != y and not same_person_part(x, y):
                return None  # another middle name, or another pair of initials: left to the other features
            continue
        initial, part = (x, y) if len(x) == 1 else (y, x)
        if not _initial_fits(initial, part):
            return DIFFERENT_INITIAL, "initial-differs"
        expanded = True
    return (MIDDLE_INITIAL, "initial-expands") if expanded else None


def middle_conflict(a: NameForm, b: NameForm) -> bool:
    """Two Latin person names with the same first and last name whose middle initials say two people: two initials
    that differ ("John Q. <Surname>"/"John R. <Surname>"), or an initial that does not open the other's middle name
    ("John R. <Surname>"/"John Quincy <Surname>").

    Why: "John <Surname>" is compatible with both, so once it joined one of them, the other found it by the bare name
    and joined too: two people in one actor through a name that says less than either. A caller that compares a
    name with all the names an actor already carries (:func:`threatgraph.resolve.compare.score_group`) reads this
    as a contradiction that no other pair outweighs."""
    if not (a.latin and b.latin) or min(len(a.core), len(b.core)) < 3:
        return False
    if not (same_person_part(a.core[0], b.core[0]) and same_person_part(a.core[-1], b.core[-1])):
        return False
    inits_a = [t for t in a.core[1:-1] if len(t) == 1]
    inits_b = [t for t in b.core[1:-1] if len(t) == 1]
    if not (inits_a or inits_b):
        return False
    full_a = [t for t in a.core[1:-1] if len(t) > 1]
    full_b = [t for t in b.core[1:-1] if len(t) > 1]
    if inits_a and inits_b and not full_a and not full_b:
        return inits_a != inits_b
    if len(a.core) == len(b.core):
        return compare_names(a, b, True).feature == "initial-differs"
    return False


def _initials(a: NameForm, b: NameForm, cross: bool) -> tuple[float, str] | None:
    """Two person names that are one name apart from middle initials: an initial on one side only
    is compatible with its absence ("John A. Smith"/"John Smith"), a different one is not, and an initial
    is compatible with a middle name it opens (:func:`_expanded_initials`)."""
    if (expanded := _expanded_initials(a, b, cross)) is not None:
        return expanded
    full_a = [(t, k) for t, k in zip(a.core, a.skeletons, strict=True) if len(t) > 1]
    full_b = [(t, k) for t, k in zip(b.core, b.skeletons, strict=True) if len(t) > 1]
    init_a = [t for t in a.core[1:-1] if len(t) == 1]
    init_b = [t for t in b.core[1:-1] if len(t) == 1]
    if len(full_a) + len(init_a) != len(a.core) or len(full_b) + len(init_b) != len(b.core):
        return None  # an initial first or last ("A. Smith") is not a middle initial
    if not (init_a or init_b) or len(full_a) < 2 or len(full_a) != len(full_b):
        return None
    if not all(_token_match(t, s, u, v, True, cross) for (t, s), (u, v) in zip(full_a, full_b, strict=True)):
        return None
    if init_a and init_b:
        return (1.0, "initials-agree") if init_a == init_b else (DIFFERENT_INITIAL, "initial-differs")
    return MIDDLE_INITIAL, "initial-one-side"


def _territory_dropped(a: NameForm, b: NameForm) -> bool:
    """One name is the other without its territorial qualifier (:mod:`threatgraph.names.qualifiers`),
    and what is left is a name of two words or more ("Islamic State", not "Bank")."""
    for x, y in ((a, b), (b, a)):
        head = territory_head(x.text) if len(y.core) >= 2 and len(x.core) > len(y.core) else None
        if head and name_form(head).core == y.core:
            return True
    return False


def _joined(a: NameForm, b: NameForm, person: bool = False) -> tuple[float, str] | None:
    """Two names that differ only in where the words break: a compound written as one word or two
    ("Ansar Allah"/"Ansarallah", "Abdul Rahman"/"Abdulrahman"). Transliteration joins and splits such
    compounds freely; the letters, in order, are the same name. Person names are compared with their
    Arabic compounds folded (:func:`threatgraph.names.parts.compound_fold`: "Abd al-Rahman"/"Abdul
    Rahman", "Nasrullah"/"Nasrallah"), the surname included, so a whole name still has to agree."""
    if not (a.latin and b.latin):
        return None
    if person:
        ja, jb = compound_fold(a.core), compound_fold(b.core)
    elif len(a.core) == len(b.core):
        return None
    else:
        ja, jb = "".join(a.core), "".join(b.core)
    if len(ja) < 6 or (ja != jb and romanisation_fold(ja) != romanisation_fold(jb)):
        return None
    return ALIGNED, "joined"


_OF = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)


def _inverted(a: NameForm, b: NameForm) -> bool:
    """Whether ``a`` is "<Head> of <Tail>" and ``b`` is "<Tail> <Head>": English names a body both ways
    ("Ministry of Defence"/"Defence Ministry", "Bureau of Statistics"/"Statistics Bureau"). Only that
    one turn of the words: the same words in another order are no evidence ("Iran Bank"/"Bank Iran").
    """
    parts = _OF.split(a.text)
    if len(parts) != 2 or len(a.core) < 2 or len(a.core) != len(b.core) or not all(parts):
        return False
    return name_form(f"{parts[1]} {parts[0]}").core == b.core


def _reordered(a: NameForm, b: NameForm, cross: bool) -> tuple[float, str] | None:
    """Two person names made of the same parts in another order, scored by what the order means.

    Why: a person's name is a chain - given name, father's name, grandfather's or family name - so the same
    parts read the other way name another member of the family ("<A> bin <B>", the son, and "<B> bin <A>", the
    father). String ratios that sort the words (``token_sort_ratio``) scored such pairs 0.9, at the merge
    threshold. One reordering is a habit of writing rather than another person: the family name moved from
    the end to the front (East Asian and Hungarian order), a rotation of the chain, left to the string score
    as before (among benchmarks/pairs.py's list pairs, 19 pairs of one SDN entry's names are rotations and
    none of the hard negatives is). A patronymic word in the name ("bin", "ould") fixes who is whose son, so
    no reordering of such a name is the same person. ``None`` when the parts do not pair one to one, pair in
    order, or pair as a rotation without a patronymic."""
    n = len(a.core)
    if len(b.core) != n or n < 2:
        return None
    pa = list(zip(a.core, a.skeletons, strict=True))
    pb = list(zip(b.core, b.skeletons, strict=True))
    free = list(range(n))
    for t, s in pa:
        pos = next((i for i in free if _token_match(t, s, *pb[i], True, cross)), None)
        if pos is None:
            return None  # some part has no partner: not a reordering
        free.remove(pos)
    if all(_token_match(*pa[i], *pb[i], True, cross) for i in range(n)):
        return None  # the parts pair in order as well
    if set(vocabulary().patronymics) & {*a.core, *b.core}:
        return LINEAGE_SWAPPED, "lineage-swapped"
    if any(all(_token_match(*pa[i], *pb[(k + i) % n], True, cross) for i in range(n)) for k in range(1, n)):
        return None
    return REORDERED, "reordered"


def _acronym_part(a: NameForm, b: NameForm, cross: bool) -> float | None:
    """Two body names equal but for a run of words one of them writes as its initials ("U.N. Security Council" /
    "United Nations Security Council", "EU Naval Force" / "European Union Naval Force"): scored as an acronym, two
    letters as a short one (needs shared context), since a country's two initials name several countries ("SA").
    None when the names are not so related: every other word must find its partner, in order."""
    for short, long_ in ((a, b), (b, a)):
        if len(short.core) < 2 or len(long_.core) <= len(short.core):
            continue
        extra = len(long_.core) - len(short.core) + 1  # the words one initialism stands for
        for i, token in enumerate(short.core):
            if len(token) != extra or not token.isalpha():
                continue
            run = long_.core[i : i + extra]
            if "".join(w[0] for w in run) != token:
                continue
            rest_s = [*zip(short.core, short.skeletons, strict=True)]
            rest_l = [*zip(long_.core, long_.skeletons, strict=True)]
            del rest_s[i]
            del rest_l[i : i + extra]
            if all(_token_match(t, k, u, v, False, cross) for (t, k), (u, v) in zip(rest_s, rest_l, strict=True)):
                return ACRONYM if extra >= 3 else SHORT_ACRONYM
    return None


def _other_initials(a: NameForm, b: NameForm) -> bool:
    """Two Latin one-word names, each written as an acronym, with other letters ("NASA"/"NSA", "DHS"/"DHHS").

    Why: each letter of an acronym is a whole word of the name it stands for, so one letter more or less is
    another name, not another spelling; string similarity (three letters of four shared) and a little shared
    company lifted such pairs over the merge threshold, and a space agency joined a signals-intelligence agency.
    The plural of one acronym ("NGO"/"NGOs") is no other name."""
    return (
        len(a.core) == 1
        and len(b.core) == 1
        and a.latin
        and b.latin
        and looks_like_acronym(a.text)
        and looks_like_acronym(b.text)
        and plural_fold(a.core[0]) != plural_fold(b.core[0])
        and a.core[0].removesuffix("s") != b.core[0].removesuffix("s")
    )


def _romanised_aligned(a: NameForm, b: NameForm, person: bool) -> bool:
    """Two Latin names of as many parts that pair in order, some parts only as romanised variants of one
    Arabic-origin word (:func:`threatgraph.names.romanised.romanised_variant`: "Gahtani"/"Qahtani").

    Why a feature of its own: the variant's letter classes are looser than the romanisation fold ("Kamal" would be
    "Gamal" under them, were short words not left out), so such a name is evidence that needs shared context
    (:data:`ROMANISED` is under the merge threshold), never an equal name."""
    if len(a.core) != len(b.core):
        return False
    variant = False
    for (t, s), (u, v) in zip(
        zip(a.core, a.skeletons, strict=True), zip(b.core, b.skeletons, strict=True), strict=True
    ):
        if _token_match(t, s, u, v, person, False):
            continue
        if not romanised_variant(t, u):
            return False
        variant = True
    return variant


def _name_only(a: NameForm, b: NameForm, person: bool, cross: bool) -> tuple[float, str]:
    if a.norm == b.norm:
        if person and len(a.core) == 1:
            return SINGLE_PERSON_TOKEN, "exact-single"
        return 1.0, "exact"
    if not person and _other_initials(a, b):
        return ACRONYMS_DIFFER, "other-initials"
    if person and (initials := _initials(a, b, cross)) is not None:
        return initials
    best, feature = 0.0, "fuzzy"
    if len(a.core) == len(b.core) and all(
        _token_match(t, s, u, v, person, cross)
        for (t, s), (u, v) in zip(
            zip(a.core, a.skeletons, strict=True), zip(b.core, b.skeletons, strict=True), strict=True
        )
    ):
        # Every part has its partner, in order: spellings of one name ("Mohammed Vellar"/"Muhammad Vellar").
        if len(a.core) == 1 and a.core[0] != b.core[0] and _place(a.core[0]) == _place(b.core[0]) != "":
            return 0.0, "place-names"  # a region's names align inside a group's name, never alone
        if person and len(a.core) == 1:
            return SINGLE_PERSON_TOKEN, "aligned-single"
        if (
            len(a.core) == 1
            and not cross
            and plural_fold(a.core[0]) != plural_fold(b.core[0])
            and romanisation_fold(a.core[0]) != romanisation_fold(b.core[0])
        ):
            # A one-word Latin name is all the identity there is: one vowel apart is another name
            # as often as another spelling ("Interpol"/"Interpal"), so it needs shared context.
            return SINGLE_WORD_VARIANT, "aligned-single-word"
        return ALIGNED, "aligned-cross-script" if cross else "aligned"
    if not person and (_inverted(a, b) or _inverted(b, a)):
        return ALIGNED, "inverted"
    if person and (reordered := _reordered(a, b, cross)) is not None:
        return reordered
    if (joined := _joined(a, b, person)) is not None:
        return joined
    ratio = max(fuzz.ratio(a.norm, b.norm), fuzz.token_sort_ratio(a.norm, b.norm)) / 100.0
    if len(a.core) > 1 or len(b.core) > 1 or person:
        # String ratios forgive an extra or a different word ("... Guard Corps" vs "... Guard Corps
        # Air Force", "Jamal Zada Baloch" vs "Jamal Tala Baloch"): cap them by the share of tokens
        # that found a partner on the other side.
        ratio = min(ratio, _token_share(a, b, person))
    if cross:
        ratio *= 0.9  # transliterations disagree on vowels by nature; the skeleton decides
    best = min(ratio, FUZZY_CAP)
    skel_a, skel_b = a.skel, b.skel
    if cross and skel_a and skel_a == skel_b and len(a.core) == len(b.core):
        if best < 0.95:
            best, feature = 0.95, "skeleton-cross-script"
    elif cross and skel_a and skel_b:
        score = fuzz.ratio(skel_a, skel_b) / 100.0 * 0.9
        if score > best:
            best, feature = score, "skeleton-fuzzy"
    if not person and best < TERRITORY_DROPPED and _territory_dropped(a, b):
        best, feature = TERRITORY_DROPPED, "territory-dropped"
    # One name's tokens all within the other's: "Qadir" in "Haroon Aziz Qadir", "ISIS" in "ISIS-K".
    short, long_ = (a, b) if len(a.core) <= len(b.core) else (b, a)
    if len(short.core) < len(long_.core):
        extra = _contained(short, long_, person, cross)
        legal = vocabulary().legal_forms
        # registered names open or close with their legal form ("X Holdings Ltd", "LLC X"); "Private
        # Military Company X" describes a group and is no registration
        company = any(f.core[0] in legal or f.core[-1] in legal for f in (short, long_))
        if extra is not None:
            kind = "subset"
            if person:
                # A partial person name is someone else as often as not: it needs corroboration.
                score = PERSON_PART if len(short.core) > 1 else SINGLE_PERSON_PART
            elif all(_weak_extra(t, last, company) for t, last in extra):
                score = ALIGNED
            elif (len(short.core) > 1 or short.designator) and official_words_left_out(
                short.core, long_.core, [i for i, t in enumerate(long_.core) if t in {x for x, _ in extra}]
            ):
                # "Iran <Body>" for the listed "ISLAMIC REPUBLIC OF IRAN <BODY>": the state's official name left out
                score, kind = ALIGNED, "official-name"
            else:
                # "ISIS-K", "al-Qaida in the Islamic Maghreb": a branch, not the parent.
                score = ORG_BRANCH
                # a lower-case word describes ("<Name> gang"); the name's own acronym repeats it ("... Corps (QRC)")
                own = [t for t, _ in extra if t not in long_.text.split() and not _own_acronym(t, long_.text)]
                if feature == "fuzzy" and best > ORG_BRANCH and own and not any(_territorial_word(t) for t in own):
                    # A long parent's name is most of its branch's ("<Parent> Guard Corps" / "<Parent> Guard
                    # Corps – <Branch> Force"), so the string ratio forgives the branch's own name word that
                    # makes it another body. A country word is not such a word ("<Country>'s <Body>"), nor a
                    # word written in lower case ("<Name> gang"): those are left to the ratio.
                    best, feature = ORG_BRANCH, "subset"
            if score > best:
                best, feature = score, kind
    if best < ROMANISED and not cross and _romanised_aligned(a, b, person):
        best = ROMANISED_SINGLE if person and len(a.core) == 1 else ROMANISED
        feature = "aligned-romanised"
    if not person and best < ACRONYM and (part := _acronym_part(a, b, cross)) is not None:
        best, feature = part, "acronym-part"
    if not person:
        for x, y in ((a, b), (b, a)):
            letters = "".join(y.core)
            if len(letters) < 3 or len(y.core) > len(x.core) + 1:
                continue
            # Plain initials ("IRGC"), or an acronym as groups really form them ("LeT", "TTP", "<X>-GS":
            # particles given or skipped, a parent's acronym kept whole), for a name written as one.
            acronym = (len(y.core) == 1 and letters == x.acronym) or (
                looks_like_acronym(y.text)
                and any(acronym_fits(y.text, t) for t in (x.text, *place_variants(x.text, new_initial=True)))
            )
            value = ACRONYM if len(letters) >= 4 else SHORT_ACRONYM
            if acronym and best < value and not _anothers_acronym(y, x):
                best, feature = value, "acronym"
    return min(1.0, best), feature


def _anothers_acronym(acronym: NameForm, name: NameForm) -> bool:
    """Whether an acronym is the public name of one widely reported body (``bodies.yaml``) that the name it happens
    to spell is not: "ISIS" is the Islamic State's, so a think tank whose initials spell it is no reading of it,
    though the letters fit. A name of that body, or any spelling near one of its spelled-out names
    (:data:`SPELLING_KIN`: transliterations differ), keeps the acronym."""
    found = owners([acronym])
    if len(found) != 1 or owners([name]) == found:
        return False
    (body,) = found
    # the body's spelled-out names only (an acronym-like name would bring this question back), word by word
    owns = [name_form(w, "Organization") for w in written_names(body) if not looks_like_acronym(w)]
    return not any(len(own.core) > 1 and _spelled_alike(name, own) for own in owns)


def _spelled_alike(a: NameForm, b: NameForm) -> bool:
    """Whether two spelled-out names may be spellings of one (:func:`compare_names` at :data:`SPELLING_KIN`). Neither
    looks like an acronym, so no acronym reading brings the question back."""
    return compare_names(a, b).score >= SPELLING_KIN


def compare_names(a: NameForm, b: NameForm, person: bool = False) -> NameScore:
    """Similarity of two names in [0, 1]; symmetric; an identical normalised name scores 1."""
    if (a.norm, a.latin) > (b.norm, b.latin):
        a, b = b, a
    score, feature = _compare_cached(a, b, person)
    return NameScore(score, feature, a.text, b.text)


def best_name_score(left: Iterable[NameForm], right: Iterable[NameForm], person: bool = False) -> NameScore:
    """The best pair between two sets of names (a mention group's names and an entity's aliases)."""
    right = list(right)
    best = NameScore(0.0, "none")
    for a in left:
        for b in right:
            s = compare_names(a, b, person)
            if s.score > best.score:
                best = s
                if best.score >= 1.0:
                    return NameScore(best.score, best.feature, a.text, b.text)
    return best
