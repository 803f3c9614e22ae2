"""The place of an event: a place name in a place phrase attached to the trigger, else in its sentence or paragraph.

A Country or Location mention counts when it is the object of a place preposition ("in",
"near", "southwest of") hanging off the trigger or its anchors, renamed ("the capital,
Eastport") or compounded with a kind of place ("the Eastmark region") or a gathering ("the Eastport
summit"); a name used as an actor or as a landmark ("30 km southeast of X") is not where the event happened,
nor is what is aimed at ("targeted at X"), what a spoken act speaks of ("condemned the raid in X": the
condemnation is where its speaker is) or, for any other happening than the motion's own, a goal ("flew to
X"). A place visited is where the visit is, and a country's domestic body ("Ruritanian police") acts at home.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rigour.territories import get_territory

from threatgraph.extract.events_actors import PLACE_LABELS, MentionIndex
from threatgraph.extract.events_args import anchor_verbs
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import lexicon, plover_of
from threatgraph.extract.events_retold import OWN, PARAGRAPH, SENTENCE
from threatgraph.extract.events_syntax import aims_through, told_as_now
from threatgraph.extract.events_triggers import trigger_of
from threatgraph.extract.places import territory_code

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


PLACE_PREPS = frozenset({"in", "at", "inside", "across", "into", "to", "near", "throughout", "within", "on"})
# prepositions of a goal: "sent aid to X" is where the sending went (the sending's own place), never the place
# of another happening told around it
GOAL_PREPS = frozenset({"to", "into"})


def place_prep(t: Token) -> Token | None:
    """The place preposition a place name hangs from, climbing "the megapolis of Karachi", a
    renaming ("the capital, Eastport"), a kind of place ("the Eastmark region") and a direction
    ("65 kilometers southwest of Eastport", whose "of" locates like "near"); "at" after a verb of aiming
    ("targeted at X") names a target, not a place."""
    up = _place_site(t)
    directions = lexicon().words["direction_words"]
    for _ in range(4):
        if up.dep_ != "pobj":
            return None
        prep = up.head
        if aims_through(prep, prep.head):
            return None  # "targeted at X", "aimed at X": what is aimed at, not where
        if prep.lower_ in PLACE_PREPS:
            return prep
        if prep.lower_ != "of":
            return None
        if prep.head.lower_ in directions or prep.head.lower_ == "out":  # "drove them out of X"
            return prep
        up = prep.head
    return None


def _place_site(t: Token) -> Token:
    """The noun whose phrase locates a place name: the name itself, the noun it renames ("the
    capital, Eastport"), the kind of place it names ("the Eastmark region", "Eastport district") or the
    gathering it names by where it met ("at the Eastport summit": what was decided there was decided in Eastport)."""
    kinds = lexicon().words["place_nouns"] | lexicon().words["gathering_nouns"]
    if t.dep_ == "appos" and t.head.pos_ in ("NOUN", "PROPN"):
        return t.head
    if t.dep_ in ("compound", "nmod") and t.head.pos_ == "NOUN" and lemma(t.head) in kinds:
        return t.head
    # "in the Eastport, Ruritania, area": a town and the state it lies in, chained before one kind of place
    up = t
    while up.dep_ in ("compound", "nmod") and up.head.pos_ == "PROPN" and up.head.i > up.i and up.head.ent_type_:
        up = up.head
    if up is not t and up.dep_ in ("compound", "nmod") and up.head.pos_ == "NOUN" and lemma(up.head) in kinds:
        return up.head
    first = t.left_edge.i
    if first >= 2 and t.doc[first - 1].text == "," and t.doc[first - 2].pos_ == "NOUN":
        kind = t.doc[first - 2]  # "the capital, Bangui" however the parser hung the name
        if lemma(kind) in kinds and t.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return kind
    return t


def _place_name(t: Token, index: MentionIndex, actors: set[int]) -> str | None:
    """The place a token names, if any: a Country/Location mention standing as a place phrase's
    object, as a renaming or compounded with a kind of place ("the Eastmark region"); a compound
    elsewhere ("U.S. forces", the first word of "Middle Eastmark") names no place by itself."""
    m = index.at(t)
    if t.i in actors or m is None or m.label not in PLACE_LABELS:
        return None
    if t.dep_ == "compound" and _place_site(t) is t:
        return None
    return m.canonical or m.text


_PHRASE_DEPS = frozenset({"prep", "pobj", "agent", "compound", "nmod", "npadvmod", "poss", "amod"})


def _in_phrase(noun: Token, head: Token) -> bool:
    """Whether ``noun`` belongs to the phrase of ``head`` through prepositions and modifiers only
    ("the attack by X today": X, today), not through an apposition or a clause."""
    cur = noun
    for _ in range(6):
        if cur == head:
            return True
        if cur.dep_ not in _PHRASE_DEPS or cur.head == cur:
            return False
        cur = cur.head
    return False


def _in_other_relative(t: Token, trigger: Token | None) -> bool:
    """Whether a place word sits in a relative clause that does not hold the trigger: "the violence
    the group carries out in X", "the front, which was founded in X," tell where another happening
    is, not where the trigger's is. A relative clause on the trigger's own phrase ("the attack by X
    that struck the airport in Y", however the parser hangs it) or on its object ("attacked a bus
    that was travelling near Y") tells the trigger's own happening."""
    for up in (t, *t.ancestors):
        if up.dep_ != "relcl":
            continue
        if trigger is None:
            return True
        noun = up.head
        holds = up.left_edge.i <= trigger.i <= up.right_edge.i or noun == trigger
        phrase = trigger.pos_ in ("NOUN", "PROPN") and _in_phrase(noun, trigger)
        direct = noun.dep_ == "dobj" and noun.head == trigger
        object_of = noun.dep_ == "pobj" and noun.head.head == trigger
        return not (holds or phrase or direct or object_of)
    return False


def _in_other_happening(t: Token, trigger: Token | None, any_type: bool = False) -> bool:
    """Whether a place word sits in the noun phrase of another kind of happening than a said trigger's
    (``remote_types``): "X on Tuesday deplored the raid on a police post in Eastport" places the
    raid, not the condemnation (made wherever X spoke). An act done on the happening is where it is
    ("suppressed the protests in Eastport"), and a happening of the trigger's own root carries its place
    to it ("killed in the blasts outside the hotel in Eastport"). ``any_type``: for a place looked for
    away from the trigger's own phrases (the sentence fallback), whatever the trigger's type: "the
    leaders met on Monday following the bombing in Eastport" does not say the meeting was in Eastport."""
    mine = trigger_of(trigger) if trigger is not None else None
    remote = mine is not None and mine[0].type in lexicon().words["remote_types"]
    # a noun or gerund may be told through another's phrase ("from kidnapping ... to attacks, a threat to
    # people in X"); a finite verb's clause is its own
    any_type = any_type and trigger is not None and trigger.pos_ == "VERB" and trigger.tag_ != "VBG"
    if mine is None or not (remote or any_type):
        return False
    root = plover_of(mine[0].type)[0]
    for up in t.ancestors:
        if up == trigger or trigger in up.conjuncts:
            return False  # the place hangs on the trigger's own phrase, or one it shares ("X and Y in Z")
        if up.pos_ != "NOUN":
            continue
        if not remote and up.dep_ == "dobj" and up.head == trigger:
            return False  # an act on the happening is where it is ("supported the attacks in X")
        other = trigger_of(up)
        if other is not None and plover_of(other[0].type)[0] != root:
            return True
    return False


def _place_in(
    tokens: Span | list[Token],
    index: MentionIndex,
    actors: set[int],
    near: int,
    landmarks: bool = True,
    trigger: Token | None = None,
    remote: bool = False,
) -> str | None:
    """The place phrase ("in X", "near X") of these tokens nearest to token ``near``, outside speech
    verbs and relative clauses that do not hold ``trigger``; ``landmarks=False`` leaves out places
    named only as a reference ("southeast of X"); ``remote``: the tokens are not the trigger's own
    phrase, so a place inside another kind of happening's phrase is that happening's, never the trigger's."""
    speech = lexicon().words["speech_verbs"]
    directions = lexicon().words["direction_words"]
    best: tuple[bool, int, str] | None = None
    for t in tokens:
        name = _place_name(t, index, actors)
        if name is None or _in_other_relative(t, trigger) or _in_other_happening(t, trigger, any_type=remote):
            continue
        if trigger is not None and _spoken_of(t, trigger):
            continue
        prep = place_prep(t)
        if prep is None and (_premodifier(t) or not _after_place_word(t, index)):
            continue
        said = lemma(prep.head) in speech and not _reported_state(prep.head) if prep is not None else False
        if prep is not None and prep.lower_ in GOAL_PREPS and prep.head != trigger:
            continue  # "handed over to X", "flew to X": where someone went, not where another happening was
        if prep is not None and (said or (not landmarks and prep.head.lower_ in directions)):
            continue
        # "Ceel-Baraf, Somalia": the town its country renames is the more specific place
        key = (not _has_country_appos(t, index), abs(t.i - near), name)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


_SPOKEN_OF_PREPS = frozenset({"of", "on", "against", "over", "about", "for"})


def _spoken_of(t: Token, trigger: Token) -> bool:
    """Whether a place word lies in what a spoken act (``spoken_types``: a condemnation, a call, a threat)
    speaks of: its object ("deplored the acts against the mission in X") or the phrase of its topic ("the
    condemnation of the raid in X"). Such an act happens where its speaker is, not where what it names is."""
    found = trigger_of(trigger)
    if found is None or found[0].type not in lexicon().words["spoken_types"]:
        return False
    for up in t.ancestors:
        if up.head == trigger and up != trigger:
            return up.dep_ in ("dobj", "attr") or (up.dep_ == "prep" and up.lower_ in _SPOKEN_OF_PREPS)
    return False


def _reported_state(verb: Token) -> bool:
    """Whether a speech verb only reports a state in the passive ("were reported dead in X", "was said
    killed in X"): its place phrase tells where the reported happening was, not where anyone spoke."""
    kids = list(verb.children)
    return any(c.dep_ == "auxpass" for c in kids) and any(c.dep_ in ("oprd", "xcomp", "acomp") for c in kids)


def _has_country_appos(t: Token, index: MentionIndex) -> bool:
    """Whether a place name is followed by the larger place it lies in ("Eastport, Ruritania")."""
    for c in t.children:
        m = index.at(c) if c.dep_ == "appos" else None
        if m is not None and m.label in PLACE_LABELS:
            return True
    return False


def _premodifier(t: Token) -> bool:
    """Whether a name modifies a noun after it ("raids on Eastmark border posts", "on Eastmark and
    allied troops"): it says whose posts or troops, not where; the preposition governs the noun."""
    kinds = lexicon().words["place_nouns"]
    # "Eastmark and allied troops" parsed as a name and a plural joined (or two objects of one preposition):
    # the name shares the plural's noun
    if any(c.dep_ == "conj" and c.tag_ == "NNS" for c in t.children):
        return True
    if t.dep_ == "pobj" and any(c.dep_ == "cc" for c in t.children):
        return any(s.dep_ == "pobj" and s.tag_ == "NNS" and s.i > t.i for s in t.head.children)
    return t.dep_ in ("nmod", "compound", "amod") and t.head.i > t.i and lemma(t.head) not in kinds


def _after_place_word(t: Token, index: MentionIndex) -> bool:
    """Whether the place name ``t`` belongs to follows "in"/"near"/… in the text, however it was
    parsed ("*  Near Kandar, two strikes …" at a line start is tagged as a name)."""
    m = index.at(t)
    i = t.i
    while i > 0 and index.at(t.doc[i - 1]) is m:
        i -= 1
    if i > 1 and aims_through(t.doc[i - 1], t.doc[i - 2]):
        return False  # "targeted at X" however parsed
    return i > 0 and t.doc[i - 1].lower_ in PLACE_PREPS


def place_fallback(
    tok: Token, index: MentionIndex, actors: set[int], para: tuple[int, int]
) -> tuple[str | None, str | None]:
    """A place phrase elsewhere in the sentence, else the last one earlier in the paragraph, with where it
    was found (the trigger's own phrase, its sentence or its paragraph): a place read around the trigger is a
    weaker guess, which a happening told again may replace and never lends (:mod:`events_retold`)."""
    found = _place_in(tok.sent, index, actors, tok.i, trigger=tok, remote=True)
    if found is not None:
        # "the slaying of a doctor in the Eastport area": a place inside the trigger's own phrase is its own
        return found, (OWN if found == phrase_place(tok, index, actors) else SENTENCE)
    doc, lo = tok.doc, para[0]
    i = tok.sent.start
    while i > 0 and doc[i - 1].idx >= lo:  # back to the paragraph start only: O(paragraph), not O(doc)
        i -= 1
    found = _place_in(doc[i : tok.sent.start], index, actors, tok.sent.start) if i < tok.sent.start else None
    found = found or (heading_place(tok, index, doc[i : tok.sent.start]) if i < tok.sent.start else None)
    return found, (PARAGRAPH if found is not None else None)


def heading_place(tok: Token, index: MentionIndex, before: Span) -> str | None:
    """The place of a verbless heading the paragraph opens a scene with ("Eastport, two thousand eleven. A car bomb
    rocks the market. Six people are hurt.", "Westport again."), for a trigger told in the present as then
    (:func:`events_syntax.told_as_now`), as a broadcast or a chronology retells past happenings. The scene ends at
    a sentence that gives a date of its own ("And last month, a guard is killed …" is another scene)."""
    if not told_as_now(tok) or any(t.ent_type_ == "DATE" for t in tok.sent):
        return None
    for sent in reversed(list(before.sents)):
        if any(t.pos_ in ("VERB", "AUX") for t in sent):
            if any(t.ent_type_ == "DATE" for t in sent):
                return None  # a dated sentence of its own between the heading and the trigger: another scene
            continue
        for t in sent:
            m = index.at(t)
            if m is not None and m.label in PLACE_LABELS:
                return m.canonical or m.text
    return None


def phrase_place(tok: Token, index: MentionIndex, actors: set[int]) -> str | None:
    """A place phrase inside a nominal trigger's own phrase ("after X's attack on soldiers at the base
    in Eastport"), for a happening told apart from its clause, whose other places are not its own."""
    return _place_in(list(tok.subtree), index, actors, tok.i, trigger=tok)


def place_for(tok: Token, kind: str, index: MentionIndex, actors: set[int], measure: bool = False) -> str | None:
    """A Country/Location mention in a place phrase attached to the trigger (or its purpose clause).

    For a ``measure`` (a sanction, a designation) "on" names what the measure falls on ("sanctions
    on the forces of X"), never where it was taken."""
    anchors = [a for a in anchor_verbs(tok, kind) if not (a != tok and tok.dep_ == "conj")]
    anchors += [c for a in anchors for c in a.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"]
    anchor_ids = {a.i for a in anchors}
    directions = lexicon().words["direction_words"]
    reference: str | None = None
    for t in tok.children:  # "the Eastport truck bombing": a place naming the happening itself
        m = index.at(t)
        if t.dep_ in ("compound", "nmod") and m is not None and m.label in PLACE_LABELS and t.i not in actors:
            return m.canonical or m.text
    for t in tok.sent:
        name = _place_name(t, index, actors)
        prep = place_prep(t) if name is not None else None
        if prep is None or (measure and prep.lower_ == "on"):
            continue
        head = prep.head
        if head.lower_ in directions:  # "30 km southeast of X": X is a landmark, not where it was
            if head.head.i in anchor_ids and reference is None:
                reference = name
            continue
        if _premodifier(t):
            continue  # "raids on Eastmark and allied troops": whose troops, not where
        # a measure's object is placed where it is, not where the measure is taken ("designated leaders in X")
        on_object = not measure and head.dep_ in ("dobj", "pobj", "attr") and head.i not in actors
        if on_object and head.i not in anchor_ids and _in_other_happening(t, tok):
            continue  # "deplored the raid in X": the raid's place, not the condemnation's
        if _spoken_of(t, tok):
            continue  # "deplored the acts against the mission in X": what was deplored is there, not who spoke
        # "ripped through a hotel in X": the place of what a site preposition of the anchor names
        # ("the raid is not linked with the probe into the bombings in X": a happening is not a site)
        through = (
            not measure
            and head.dep_ == "pobj"
            and head.head.lower_ in lexicon().words["site_preps"]
            and trigger_of(head) is None
        )
        if (
            head.i in anchor_ids
            or (on_object and head.head.i in anchor_ids)
            or (through and head.head.head.i in anchor_ids)
        ):
            return name
    if reference is None:
        return _venue(tok, anchor_ids, index, actors)
    # a place named outright in the sentence ("the base in Busayrah, 30 km southeast of X") is nearer the truth
    return _place_in(tok.sent, index, actors, tok.i, landmarks=False) or reference


_VENUE_PREPS = frozenset({"in", "at"})


def _venue(tok: Token, anchor_ids: set[int], index: MentionIndex, actors: set[int]) -> str | None:
    """Where a meeting (``venue_types``) was held when it names a building or a body as its venue: "met in
    the White House", "talks at the United Nations". The named body is where they met, not a party to it
    (it is no actor of the event)."""
    found = trigger_of(tok)
    if found is None or found[0].type not in lexicon().words["venue_types"]:
        return None
    for t in tok.sent:
        m = index.at(t)
        if m is None or t.i in actors or m.label in ("Person", "Date") or t.dep_ != "pobj":
            continue
        if t.head.lower_ in _VENUE_PREPS and t.head.head.i in anchor_ids:
            return m.canonical or m.text
    return None


def target_place(tok: Token, event_type: str, index: MentionIndex, subtype: str | None = None) -> str | None:
    """The place a use of force is aimed at, when its object is a place: "shelled Eastport", "attacked
    the town of Eastport", "stormed the Eastport district", "an attack on the capital, Eastport".
    Force on a town happens in that town; a target that is a body or a person says nothing of where.
    A visit (``visiting_subtypes``) is where the place visited is: "visiting Ruritania and Eastmark"."""
    visit = subtype is not None and subtype in lexicon().words["visiting_subtypes"]
    if event_type not in lexicon().words["thing_target_types"] and not visit:
        return None
    kinds = lexicon().words["place_nouns"]
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    if not visit:
        objects += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "against") for g in c.children]
    for obj in (o for o in objects if o.dep_ in ("dobj", "pobj")):
        m = index.at(obj)
        if m is not None and m.label in PLACE_LABELS:
            return m.canonical or m.text
        if lemma(obj) not in kinds:
            continue
        named = [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        named += [c for c in obj.children if c.dep_ in ("compound", "appos")]
        for t in named:
            m = index.at(t)
            if m is not None and m.label in PLACE_LABELS:
                return m.canonical or m.text
    return None


def aimed_place(target: Token | None, index: MentionIndex, aimed: str) -> str:
    """The place of a use of force (or a visit) aimed at a place (``aimed``, from :func:`target_place`) for one of its
    targets: a place joined to the aimed one by "and" is its own event's place ("air raids on Eastmark and
    Westmark": the raid on Westmark is in Westmark, not in the first place named); any other target keeps
    ``aimed``."""
    first = target
    while first is not None and first.dep_ == "conj" and first.head != first:
        first = first.head
    names = [index.at(t) for t in (target, first) if t is not None]
    if len(names) < 2 or names[0] is None or names[1] is None or target is first:
        return aimed
    own, head = names
    if own.label not in PLACE_LABELS or (head.canonical or head.text) != aimed:
        return aimed
    return own.canonical or own.text


def seat_place(doer: str) -> str | None:
    """The country of a doer that is a country's own domestic body, named by its adjective or possessive:
    "Ruritanian police", "the Eastmark parliament", "Ruritania's courts" (``seated_bodies``). Such a body acts
    at home, so an event it does that names no place of its own happened in its country. A force or an
    official may act abroad ("Ruritanian troops", "Ruritanian officials"), so neither says where."""
    words = doer.replace("’", "'").split()
    if len(words) < 2 or words[-1].lower() not in lexicon().words["seated_bodies"]:
        return None
    if any(not w.islower() for w in words[1:]):
        return None  # "the Ruritanian Supreme Court", "a Ruritanian World Court case": a named body, seated anywhere
    first = words[0].removesuffix("'s")
    code = territory_code(first)
    if code is None:
        return None
    territory = get_territory(code)
    return territory.name if territory is not None else None
