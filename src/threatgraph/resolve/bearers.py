"""A bare surname and the actors that bear it: which known people a one-word person name may be, and when the
evidence picks none of them.

A bare surname ("<Surname> said") is a short form of a full name. The resolver scores it against every entity filed
under the word; this module reads those scores against who *bears* the word as the surname of a full name
(:func:`threatgraph.resolve.surnames.bears`), so that one-word entities that earlier undecided mentions formed are
neither rivals nor a home while a bearer fits, and two bearers with no clear sign for one leave the name apart.
"""

from __future__ import annotations

from threatgraph.names.forms import NameForm
from threatgraph.resolve.compare import GroupScore
from threatgraph.resolve.groups import Profile
from threatgraph.resolve.surnames import bears

#: A surname-only person must beat the runner-up's context by this much, else it stays apart.
WEAK_MARGIN = 0.1


def bearers_first(forms: list[NameForm], scored: list[tuple[GroupScore, Profile]]) -> list[tuple[GroupScore, Profile]]:
    """For a bare one-word person name, the scored entities that bear it as the surname of a full name
    (:func:`threatgraph.resolve.surnames.bears`), when any does; else all of them.

    Why: a bare surname is a short form of a full name. An entity that carries the word only alone (one made by
    earlier bare mentions that joined nobody) or only inside a body's name mistyped as a person is no bearer: as a
    rival it made a surname with one known bearer look shared ("do not guess"), and as the best-scored entity it
    took the mention from the full-named actor, so the bare mentions of one public figure piled up in dozens of
    one-word entities beside it. Two bearers that fit are still two rivals (:data:`WEAK_MARGIN`)."""
    words = _bare_words(forms)
    bearing = [x for x in scored if _bears_any(words, x[1])]
    return bearing or scored


def other_bearer(
    forms: list[NameForm], best: tuple[GroupScore, Profile], fits: list[tuple[GroupScore, Profile]]
) -> bool:
    """Whether another bearer of a bare surname may be the one meant, so that the best-scored bearer is no safe
    guess: one whose shared company comes within :data:`WEAK_MARGIN` of the best's (whether or not it passed the
    bar itself). (A veto for the bearer the archive calls by the bare word less often was tried and dropped: it
    overrode clear company, a bare name among a minister's colleagues left apart because a namesake is named so
    more often.)

    Why: only the bearers that passed the bar were rivals, and a small profile passes on little company (overlap
    is measured against the smaller side), so a bare name in a family member's company joined that relative while
    the public figure the archive calls so hundreds of times missed the bar by a hair. Precision first: two people
    of one surname and no clear evidence for one of them leave the bare name apart."""
    gs, prof = best
    words = _bare_words(forms)
    if not _bears_any(words, prof):
        return False
    bearers = [(o, p) for o, p in fits if p.id != prof.id and _bears_any(words, p)]
    if not bearers:
        return False
    return any(o.context + WEAK_MARGIN > gs.context for o, _ in bearers)


def _bare_words(forms: list[NameForm]) -> set[str]:
    """The words a group names a person by alone (its one-word forms)."""
    return {f.core[0] for f in forms if len(f.core) == 1}


def _bears_any(words: set[str], prof: Profile) -> bool:
    """Whether an entity bears one of these words as the surname of a full name."""
    return any(bears(w, prof.forms()) for w in words)
