"""Places of happenings told again: "the ambush", "the raid", "Tuesday's blasts".

A report places its happening once ("gunmen ambushed a convoy on the road into Eastport") and then names it
again with a definite noun and no place of its own ("the ambush left two guards dead", "officials condemned
the raid"). Such a retelling takes the place of the nearest earlier mention of the same kind of happening
(same PLOVER root) that has one, the way a reader carries it, unless a modifier singles out another
happening ("the other raids", "a second blast") or a count leaves open which ones are meant ("the two
raids"). A retelling that comes before any placed mention names the story's happening when the report
later tells it again as known ("the blasts at the depot in Eastport"), never from a new one ("a blast in X").

Only a retelling with no place from its own phrase or sentence is filled: a place read from an earlier
sentence of the paragraph (the last place named there, often some body's seat: "a notice issued by the
ministry's office in Westport") or carried from the lead by kind of happening is a weaker guess than the
happening it names again, so the retold place replaces it. A place the date passes took from another
mention of the same happening (same target, same doer) stays.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from threatgraph.extract.events_lead import told_as_known
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import lexicon, plover_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from threatgraph.model import Event

# where an event's place came from (events.extract_events): its own phrase, elsewhere in its sentence, an
# earlier sentence of its paragraph, the article's lead, its doer's seat (events_places.seat_place), another
# mention of the same happening matched by its target, doer or date (events_lead's date passes), or a
# happening told again (this module)
OWN, SENTENCE, PARAGRAPH, LEAD, SEAT = "own", "sentence", "paragraph", "lead", "seat"
MATCHED, RETOLD = "matched", "retold"
_REPLACEABLE = frozenset({PARAGRAPH, LEAD, SEAT})
# a place read around a mention or from its doer, not from its phrase: lent to no retelling
_GUESSED = frozenset({SENTENCE, PARAGRAPH, SEAT})


def retells(tok: Token) -> bool:
    """Whether a trigger noun names a happening already told: made definite by a determiner or a possessor
    ("the ambush", "these raids", "Tuesday's blasts": :func:`threatgraph.extract.events_lead.told_as_known`) and not
    set apart by a modifier that picks out another one ("the other raids", "the previous ambush")."""
    if tok.pos_ != "NOUN":
        return False
    apart = lexicon().words["apart_modifiers"]
    kids = list(tok.children)
    if any(c.dep_ in ("amod", "advmod", "nummod") and (c.lower_ in apart or lemma(c) in apart) for c in kids):
        return False
    if any(c.dep_ == "nummod" and c.ent_type_ != "DATE" for c in kids):
        return False  # "the two raids": a count may or may not be all that were told ("the May 3 raid" is one)
    return told_as_known(tok)


def retold_places(events: list[Event], tokens: list[Token], origins: list[str | None]) -> list[Event]:
    """Retellings (:func:`retells`) without a place of their own take the place of the nearest earlier
    asserted or claimed event of the same PLOVER root that has one. ``tokens[k]`` is the trigger of
    ``events[k]`` and ``origins[k]`` where its place came from (events in text order); a place from the
    event's own phrase or sentence, or matched to another mention of the happening by the date passes, is kept."""
    out = list(events)
    for j, (ev, tok) in enumerate(zip(events, tokens, strict=True)):
        if not (origins[j] in _REPLACEABLE or (ev.place is None and origins[j] != MATCHED)) or not retells(tok):
            continue
        root = plover_of(ev.type)[0]
        told = [
            k
            for k in range(len(events))
            if tokens[k].i != tok.i
            and out[k].place is not None
            and plover_of(out[k].type)[0] == root
            and out[k].modality in ("asserted", "claimed")
            and origins[k] not in _GUESSED
        ]
        earlier = [k for k in told if tokens[k].i < tok.i]
        # a retelling before any placed mention names the story's happening, which the report places below when
        # it tells it again as known ("the blasts at the depot in Eastport"), not a new one ("a blast in X")
        later = [k for k in told if tokens[k].i > tok.i and origins[k] == OWN and retells(tokens[k])]
        if earlier:
            k = max(earlier, key=lambda k: (tokens[k].i, k))
        elif later:
            k = min(later, key=lambda k: (tokens[k].i, k))
        else:
            continue
        if out[k].place != ev.place:
            out[j] = replace(ev, place=out[k].place)
            origins[j] = RETOLD
    return out


def dateline_speaker(events: list[Event], origins: list[str | None], dateline: str | None) -> list[Event]:
    """Spoken acts (``spoken_types``) with no place, by the doer whose spoken act the dateline placed: a wire
    story's speaker says all he says where the story was filed ("EASTPORT — The president condemned …" and
    later "He also called for …"). Only a spoken act of that same doer (mention group) is placed so; anyone
    else may have spoken elsewhere."""
    spoken = lexicon().words["spoken_types"]
    if dateline is None:
        return events
    here = dateline.title()
    speakers = {
        ev.source_group
        for ev, origin in zip(events, origins, strict=True)
        if origin == LEAD and ev.place == here and ev.type in spoken and ev.source_group >= 0
    }
    if not speakers:
        return events
    out = list(events)
    for j, ev in enumerate(events):
        if ev.place is None and ev.type in spoken and ev.source_group in speakers and ev.modality == "asserted":
            out[j] = replace(ev, place=here)
            origins[j] = LEAD
    return out
