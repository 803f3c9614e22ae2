"""Scoring a mention group against an entity: name alignment plus shared context.

The name part comes from the one name stack (:mod:`threatgraph.names.align`); this module adds what
the articles say: co-occurring actors raise a score, disjoint rich contexts lower it for persons,
and bare or partial person names need several shared co-mentions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from threatgraph.names.align import (
    ALIGNED,
    DIFFERENT_INITIAL,
    MATCH_THRESHOLD,
    NameScore,
    best_name_score,
    compare_names,
    middle_conflict,
)
from threatgraph.names.forms import NameForm
from threatgraph.names.parts import same_person_part

#: Co-mentioned actors a single-token person name must share with an entity to join it.
WEAK_SHARED = 2
#: A context with at least this many items counts as "rich" for the namesake guard.
RICH_CONTEXT = 3
#: A full name with middle names left out, of a name nobody else in the archive carries: one person,
#: trusted as a spelled-out middle initial is ("John Smith"/"John A. Smith").
MIDDLE_EXTRA = 0.93


def _middle_extra(names: list[NameForm], entity_names: list[NameForm]) -> bool:
    """One side is the other's first and last name with middle names left out ("<First> <Last>" and
    "<First> <Father's name> <Last>"), or the other's closing words, two or more, with the given names left
    out ("<Paternal> <Maternal>" for "<First> <Second> <Paternal> <Maternal>"): how one person is named in
    one release and another. The caller still needs the name to be rare. The opening words alone are no
    such form: "<First> <Middle>" of a name is not how its bearer is called."""
    for a in names:
        for b in entity_names:
            short, long_ = (a, b) if len(a.core) < len(b.core) else (b, a)
            if not 2 <= len(short.core) < len(long_.core):
                continue
            ends = ((short.core[0], long_.core[0]), (short.core[-1], long_.core[-1]))
            closing = zip(short.core, long_.core[-len(short.core) :], strict=True)
            if all(same_person_part(x, y) for x, y in ends) or all(same_person_part(x, y) for x, y in closing):
                return True
    return False


def _initials_clash(names: list[NameForm], entity_names: list[NameForm]) -> tuple[str, str] | None:
    """A group's name and an entity's name that are two people by their middle initials
    (:func:`threatgraph.names.align.middle_conflict`), as (group name, entity name); or None."""
    for a in names:
        for b in entity_names:
            if middle_conflict(a, b):
                return a.text, b.text
    return None


def context_overlap(group_ctx: Iterable[str], entity_ctx: Mapping[str, int]) -> float:
    """Overlap coefficient between a group's co-occurring names and an entity's profile, in [0, 1]."""
    g = set(group_ctx)
    if not g or not entity_ctx:
        return 0.0
    shared = sum(1 for k in g if k in entity_ctx)
    return shared / min(len(g), len(entity_ctx))


@dataclass(slots=True)
class GroupScore:
    """How well a mention group fits an entity: combined score and its explanation."""

    score: float
    name: NameScore
    context: float
    weak: bool
    features: dict[str, object] = field(default_factory=dict)


def score_group(
    names: list[NameForm],
    group_ctx: set[str],
    entity_names: list[NameForm],
    entity_ctx: Mapping[str, int],
    person: bool,
    rare: Callable[[list[NameForm]], bool] | None = None,
    prominent: bool = False,
) -> GroupScore:
    """Combine name similarity with context: shared co-occurring actors raise the score, and
    for persons two rich but disjoint contexts lower it (namesakes: "Khan" the minister, seen
    with the interior ministry, is not "Khan" the researcher, seen with a think tank).

    ``rare`` says whether a full name is rare in the archive (no other person shares any of its
    parts): a two-part name that aligns whole and that nobody else carries is one person seen in
    different company (an official quoted across press releases), so the guard weighs it as a
    longer name; and a first and last name that nobody else carries is the same person as the one
    named with middle names too (``middle-extra``), where a shared name alone would need corroboration.

    ``prominent`` says the entity is a public figure of the archive (the caller's :data:`PROMINENT_ARTICLES`
    test): its profile keeps only its most frequent company, so one more article's disjoint company is what such
    a person is seen in, not a sign of a namesake; the guard then weighs a whole full name as it weighs a rare one."""
    if person:
        # A full name is matched on full names only: a shared bare surname ("Khan") says little.
        full_g = [n for n in names if len(n.core) > 1]
        full_e = [n for n in entity_names if len(n.core) > 1]
        if full_g and full_e:
            names, entity_names = full_g, full_e
    name = best_name_score(names, entity_names, person)
    if person and (clash := _initials_clash(names, entity_names)) is not None:
        # A name of the actor says another person by its middle initial: the best pair ("John <Surname>" against
        # an actor named "John <Surname>" and "John Q. <Surname>") does not outweigh it.
        name = NameScore(min(name.score, DIFFERENT_INITIAL), "initial-clash", *clash)
    if person and name.score < MIDDLE_EXTRA and rare is not None and _middle_extra(names, entity_names) and rare(names):
        name = NameScore(MIDDLE_EXTRA, "middle-extra", name.left, name.right)
    ctx = context_overlap(group_ctx, entity_ctx)
    weak = person and all(len(n.core) <= 1 for n in names)
    if weak and name.feature == "exact-single" and rare is not None and rare(names):
        # One word nobody else in a large archive carries ("<Surname>" of a head of state named so in two
        # releases): one person, as a rare full name is; still no merge into an entity read as sanctioned
        # without shared company (the resolver's corroboration of weak names).
        name = NameScore(MIDDLE_EXTRA, "rare-single", name.left, name.right)
        weak = False
    adjust = 0.0
    if ctx > 0:
        adjust = min(0.15, 0.3 * ctx)
    elif person and len(group_ctx) >= RICH_CONTEXT and len(entity_ctx) >= RICH_CONTEXT:
        # Namesake guard. A longer full name is rarer, so it needs less context to be trusted:
        # "Ali Reza" in disjoint company is probably someone else, "Haroon Aziz Qadir" is not.
        tokens = min((len(n.core) for n in names), default=0)
        adjust = -0.15 if tokens <= 2 else -0.05
        aligned = name.score >= ALIGNED - 0.02
        whole = aligned and all(len(n.core) > 1 for n in names)
        if adjust < -0.05 and ((aligned and rare is not None and rare(names)) or (whole and prominent)):
            adjust = -0.05
    score = max(0.0, min(1.0, name.score + adjust))
    shared = len(set(group_ctx) & set(entity_ctx))
    if (weak or (person and name.score < MATCH_THRESHOLD)) and shared < WEAK_SHARED:
        # A bare or partial person name ("Khan", "Hafiz Saeed") is corroborated only by several
        # shared co-mentions, never by one.
        score = min(score, MATCH_THRESHOLD - 0.01)
    features = {
        "name": round(name.score, 3),
        "name_feature": name.feature,
        "matched": [name.left, name.right],
        "context": round(ctx, 3),
        "context_adjust": round(adjust, 3),
    }
    return GroupScore(score, name, ctx, weak, features)


def short_form_in_article(names: list[NameForm], entity_names: list[NameForm], person: bool) -> bool:
    """Whether a group names, the way one article shortens a name it gave in full, an entity that
    article also names: an acronym of one of its names ("QBI" beside "Qandor Bureau of
    Inquiry"), or for a person the first and last parts of a longer full name ("Dorian
    Vellacott" after "Dorian Keth Amsel Vellacott").

    Inside one article the extractor kept the two apart, so this is only a candidate: the caller
    takes it only when exactly one entity of the article fits (two bodies with one acronym, two
    people with one first and last name, stay apart). A person's first name alone or the first two
    parts ("Ahmad Shah" beside "Ahmad Shah Massoud") are not this form: they are names of their own.
    """
    for a in names:
        for b in entity_names:
            if person:
                if 2 <= len(a.core) < len(b.core) and all(
                    same_person_part(x, y) for x, y in ((a.core[0], b.core[0]), (a.core[-1], b.core[-1]))
                ):
                    return True
            elif compare_names(a, b).feature.startswith("acronym"):
                return True
    return False
