"""Scoring a pair of names, and a mention group against an entity, with the features behind it.

Like nomenklatura's matchers, a comparison returns a score in [0, 1] *and* the named features
that produced it, so a merge can be explained ("zaynabiyun ~ zynbywn: skeleton znbn, cross-script")
rather than only asserted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from threatgraph.names.forms import NameForm

#: A group joins an entity at or above this combined score.
MATCH_THRESHOLD = 0.88
#: Persons named by a single token ("Khan") need shared context on top of the name.
WEAK_PERSON_NAME = 0.75
#: A context with at least this many items counts as "rich" for the namesake guard.
RICH_CONTEXT = 3


@dataclass(slots=True)
class NameScore:
    """Similarity of two names with the feature that decided it."""

    score: float
    feature: str
    left: str = ""
    right: str = ""


def _token_match(a: str, sa: str, b: str, sb: str) -> bool:
    if a == b:
        return True
    if len(sa) >= 3 and sa == sb:
        return True
    return len(a) >= 5 and fuzz.ratio(a, b) >= 85


def _token_share(a: NameForm, b: NameForm) -> float:
    pa = list(zip(a.core, a.skeletons, strict=True))
    pb = list(zip(b.core, b.skeletons, strict=True))
    hits = sum(1 for t, s in pa if any(_token_match(t, s, u, v) for u, v in pb))
    hits += sum(1 for t, s in pb if any(_token_match(t, s, u, v) for u, v in pa))
    return hits / (len(pa) + len(pb))


@lru_cache(maxsize=262144)
def _compare_cached(a: NameForm, b: NameForm, person: bool) -> tuple[float, str]:
    if not a.core or not b.core:
        return 0.0, "empty"
    if a.norm == b.norm:
        return 1.0, "exact"
    cross = not (a.latin and b.latin)
    best, feature = 0.0, "fuzzy"
    ratio = max(fuzz.ratio(a.norm, b.norm), fuzz.token_sort_ratio(a.norm, b.norm)) / 100.0
    if len(a.core) > 1 or len(b.core) > 1:
        # String ratios forgive an extra or a different word ("... Guard Corps" vs "... Guard Corps
        # Air Force", "Jamal Zada Baloch" vs "Jamal Tala Baloch"): cap them by the share of tokens
        # that found a partner on the other side.
        ratio = min(ratio, _token_share(a, b))
    if cross:
        ratio *= 0.9  # transliterations disagree on vowels by nature; the skeleton decides
    best = ratio
    skel_a, skel_b = a.skel, b.skel
    if skel_a and skel_a == skel_b and len(a.core) == len(b.core):
        # Latin spellings also carry vowels: they must still look alike ("Hezbollah"/"Hizballah"
        # 0.78, "Qadir"/"Kadir" 0.8), unlike an Arabic-script name's vowel-less transliteration.
        if cross or (len(skel_a) >= 4 and ratio >= 0.7) or (len(skel_a) == 3 and ratio >= 0.8):
            score = 0.95 if cross else 0.92
            if score > best:
                best, feature = score, "skeleton-cross-script" if cross else "skeleton"
    elif cross and skel_a and skel_b:
        score = fuzz.ratio(skel_a, skel_b) / 100.0 * 0.9
        if score > best:
            best, feature = score, "skeleton-fuzzy"
    # One name's tokens all within the other's: "Khan" in "Rana Sanaullah Khan".
    short, long_ = (a, b) if len(a.core) <= len(b.core) else (b, a)
    if len(short.core) < len(long_.core):
        pairs = list(zip(long_.core, long_.skeletons, strict=True))
        if all(
            any(_token_match(t, s, lt, ls) for lt, ls in pairs)
            for t, s in zip(short.core, short.skeletons, strict=True)
        ):
            if person:
                score = WEAK_PERSON_NAME if len(short.core) == 1 else MATCH_THRESHOLD
            else:
                score = 0.8 if len(short.core) == 1 else 0.86
            if score > best:
                best, feature = score, "subset"
    if not person:
        for x, y in ((a, b), (b, a)):
            acronym = bool(x.acronym) and len(x.acronym) >= 3 and len(y.core) == 1 and y.core[0] == x.acronym
            if acronym and best < 0.9:
                best, feature = 0.9, "acronym"
    return min(1.0, best), feature


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
) -> GroupScore:
    """Combine name similarity with context: shared co-occurring actors raise the score, and
    for persons two rich but disjoint contexts lower it (namesakes: "Khan" the minister, seen
    with the interior ministry, is not "Khan" the researcher, seen with a think tank)."""
    if person:
        # A full name is matched on full names only: a shared bare surname ("Khan") says little.
        full_g = [n for n in names if len(n.core) > 1]
        full_e = [n for n in entity_names if len(n.core) > 1]
        if full_g and full_e:
            names, entity_names = full_g, full_e
    name = best_name_score(names, entity_names, person)
    ctx = context_overlap(group_ctx, entity_ctx)
    weak = person and all(len(n.core) <= 1 for n in names)
    adjust = 0.0
    if ctx > 0:
        adjust = min(0.15, 0.3 * ctx)
    elif person and len(group_ctx) >= RICH_CONTEXT and len(entity_ctx) >= RICH_CONTEXT:
        # Namesake guard. A longer full name is rarer, so it needs less context to be trusted:
        # "Ali Reza" in disjoint company is probably someone else, "Rana Sanaullah Khan" is not.
        tokens = min((len(n.core) for n in names), default=0)
        adjust = -0.15 if tokens <= 2 else -0.05
    score = max(0.0, min(1.0, name.score + adjust))
    if weak and ctx == 0:
        score = min(score, MATCH_THRESHOLD - 0.01)
    features = {
        "name": round(name.score, 3),
        "name_feature": name.feature,
        "matched": [name.left, name.right],
        "context": round(ctx, 3),
        "context_adjust": round(adjust, 3),
    }
    return GroupScore(score, name, ctx, weak, features)
