"""Who did what to whom: PLOVER-typed events from the dependency parse and a lexicon.

A trigger is a verb ("arrested"), a light verb typed by its object ("placed … on its
blacklist"), a nominal form ("the arrests of Zainabiyoun fighters", "financial support from
Iran") or a participle in a hyphenated modifier ("an Iran-backed militant outfit"); finding them
is :mod:`events_triggers` and :mod:`events_candidates`. Its arguments come from the parse with
voice taken into account (:mod:`events_args`), and every argument is turned into an actor by
:mod:`events_actors`. This module assembles the events: each keeps its evidence sentence with
offsets, the date (:mod:`events_dates`) and place (:mod:`events_places`) attached to the trigger,
and whether it is negated or hedged. The words live in ``plover.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from threatgraph.extract.dates import date_spans
from threatgraph.extract.events_actors import PLACE_LABELS, Actor, MentionIndex, resolve, resolve_all
from threatgraph.extract.events_args import (
    Args,
    perpetrators,
    site_targets,
    site_word,
    speaker_groups,
    speaker_heads,
    subject,
)
from threatgraph.extract.events_candidates import listed_kind, trigger_candidates
from threatgraph.extract.events_chooser import choose
from threatgraph.extract.events_coref import Mentioned, link_sources, link_targets
from threatgraph.extract.events_dates import by_publication, coordinated_dates, date_for, sequenced, statement_date
from threatgraph.extract.events_issuer import performed, release_sources, statutory_sources
from threatgraph.extract.events_lead import (
    Lead,
    dateline,
    dateline_day,
    retold_earlier,
    retold_later,
    same_site_dates,
)
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import Trigger, lexicon
from threatgraph.extract.events_modality import modality, unclaimed
from threatgraph.extract.events_places import (
    PLACE_PREPS,
    aimed_place,
    phrase_place,
    place_fallback,
    place_for,
    place_prep,
    seat_place,
    target_place,
)
from threatgraph.extract.events_retold import LEAD, MATCHED, OWN, SEAT, dateline_speaker, retold_places
from threatgraph.extract.events_syntax import aims_through, paragraph_bounds
from threatgraph.extract.events_triggers import trigger_of
from threatgraph.model import Article, Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def _negated(tok: Token) -> bool:
    lex = lexicon()
    for t in (tok, tok.head if tok.dep_ in ("xcomp", "dobj", "pobj") else None):
        if t is None:
            continue
        if any(c.dep_ in ("neg", "advmod", "det") and c.lower_ in lex.words["negators"] for c in t.children):
            return True
        if t != tok and lemma(t) in lex.words["negating_heads"]:
            return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def _hedged(tok: Token, args: Args) -> bool:
    lex = lexicon()
    for c in tok.children:
        if c.dep_ == "aux" and c.lower_ in lex.words["hedge_aux"]:
            return True
        if c.dep_ == "advmod" and c.lower_ in lex.words["hedge_adverbs"]:
            return True
    cur, steps = tok, 0
    while cur.head != cur and steps < 2 and cur.dep_ in ("xcomp", "ccomp", "acomp", "dobj", "pobj", "prep"):
        cur = cur.head
        steps += 1
        if lemma(cur) in lex.words["hedge_heads"] and lemma(cur) not in lex.words["speech_verbs"]:
            return True
    for arg in args.targets + args.sources:
        if any(c.lower_ in lex.words["hedge_modifiers"] for c in arg.children):
            return True
    return False


def _identities(doc: Doc, index: MentionIndex) -> dict[int, Actor]:
    """Unnamed people later identified: "… arrested a number of militants. Police said they were
    Zainabiyoun Brigade members." maps "militants" to the Zainabiyoun Brigade."""
    lex = lexicon()
    out: dict[int, Actor] = {}
    for be in doc:
        if lemma(be) != "be":
            continue
        subj = [c for c in be.children if c.dep_ == "nsubj" and c.lower_ in ("they", "these", "those")]
        attr = [c for c in be.children if c.dep_ == "attr"]
        if not subj or not attr:
            continue
        actor = resolve(attr[0], index)
        if actor is None or actor.group < 0:
            continue
        start = be.sent.start
        if start > 0:
            start = doc[start - 1].sent.start
        speakers = {c.i for a in be.ancestors for c in a.children if c.dep_ == "nsubj"}  # "Police said they…"
        for cand in reversed(doc[start : subj[0].i]):
            known = lemma(cand) in lex.words["actor_nouns"] or lemma(cand) in lex.words["member_nouns"]
            if cand.tag_ == "NNS" and known and index.at(cand) is None and cand.i not in speakers:
                out[cand.i] = actor
                if cand.dep_ == "pobj" and cand.head.lower_ == "of":
                    out[cand.head.head.i] = actor  # "a number of militants": the argument head is "number"
                break
    return out


_BREAK = re.compile(r"\n\s*\n")


_EDGE = ' \t\r\n"“”„«»'


def evidence_bounds(text: str, start: int, end: int, pos: int) -> tuple[str, int, int]:
    """``text[start:end]`` cut to the paragraph holding ``pos`` and trimmed of spaces and stray
    quotation marks (the parser sometimes glues the previous paragraph's closing mark on)."""
    for brk in _BREAK.finditer(text, start, end):
        if brk.end() <= pos:
            start = brk.end()
        elif brk.start() >= pos:
            end = brk.start()
            break
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    if text[start:end].count("”") > text[start:end].count("“") and text[end - 1 : end] in ("”", '"'):
        end -= 1  # an unmatched closing mark at the end
        while end > start and text[end - 1].isspace():
            end -= 1
    return text[start:end], start, end


def _sentence_bounds(text: str, sent: Span, pos: int) -> tuple[str, int, int]:
    """``text`` is ``doc.text`` passed in: spaCy rebuilds ``Doc.text`` from every token on each access."""
    return evidence_bounds(text, sent.start_char, sent.end_char, pos)


def _actors(
    heads: list[Token], index: MentionIndex, para: tuple[int, int], things: frozenset[int] | set[int] = frozenset()
) -> list[tuple[Actor, Token]]:
    """Resolved actors, without places (a town never acts, and "in Iraq" is where, not who) and
    without words of another paragraph that a parse ran into ("Dana Orlov, Spokesperson" above a
    statement is its byline, not the subject of its first sentence)."""
    inside = [h for h in heads if para[0] <= h.idx < para[1]]
    for h in heads:
        if not para[0] <= h.idx < para[1]:  # the parse ran a byline into the sentence: its actor is
            inside += [t for t in h.subtree if para[0] <= t.idx < para[1] and index.at(t) is not None][:1]
    out = []
    for actor, t in resolve_all(inside, index, things):
        where = actor.label in PLACE_LABELS and place_prep(t) is not None and not _aimed_at(t)
        if actor.label == "Location" or where:
            continue
        if actor.group < 0 and actor.text.split(" ", 1)[0].lower() in PLACE_PREPS and not _counted(t):
            continue  # "Near Eastport, two strikes …" tagged as a name: a where, never a who
        out.append((actor, t))
    return out


def _name_tail(short: str, long: str) -> bool:
    """Whether a capitalised name is the last words of another ("Front" of "the Kestrel Front"): the short
    form of one party's name, so an act of that party on that target would be the party acting on itself."""
    a, b = short.split(), long.split()
    return 0 < len(a) < len(b) and a[0][:1].isupper() and [w.lower() for w in b[-len(a) :]] == [w.lower() for w in a]


def _counted(head: Token) -> bool:
    """Whether a phrase opens with a bound on its number ("at least four people", "at most 30 guards"): its
    first word is a preposition only in form, modifying the count, so the phrase names people, not a where.
    The parse shows it: the opening word is an adverbial modifier of the number's modifier."""
    first = head.left_edge
    return first.dep_ == "advmod" and first.head.dep_ in ("advmod", "quantmod") and first.head.head.dep_ == "nummod"


def _things(tok: Token, trig: Trigger, kind: str, args: Args) -> set[int]:
    """Target heads that may stand as their own phrase when they name no known actor: a violent
    act's object may be a thing ("shelled the silo"); a measure's verb object is a party however it
    is worded ("sanctioned numerous entities", "designated two firms"), when it is someone in
    particular: a bare plural is anyone of the kind ("the power to designate persons")."""
    words = lexicon().words
    if trig.type in words["thing_target_types"]:
        return {h.i for h in args.targets}
    if trig.type in words["party_object_types"] and kind == "verb":
        told = ("det", "nummod", "poss", "amod", "compound")
        return {
            h.i
            for h in args.targets
            if h.head == tok and h.dep_ in ("dobj", "nsubjpass") and any(c.dep_ in told for c in h.lefts)
        }
    return set()


def _groups_in(head: Token, index: MentionIndex) -> set[int]:
    """Mention groups named anywhere in a phrase ("the Ruritanian government": Ruritania too)."""
    out = set()
    for t in head.subtree:
        m = index.at(t)
        if m is not None and m.group >= 0:
            out.add(m.group)
    return out


def _not_doers(tok: Token, event_type: str, index: MentionIndex, earlier: list[Event]) -> set[int]:
    """Actors the learned chooser must never make the doer of a use of force, whatever their score: whoever
    speaks of it ("X deplored the bombing", "the minister said the bombings show ..."; an armed group's own
    spokesman aside, as its word may be a claim), whoever an earlier event of the same root hit (a victim
    of the attack is not its author), whoever the act is the passive agent of ("were affected by the
    blasts": what befell them) and a name describing a place of the sentence ("in the Ruritanian
    capital"). The text says who or what they are, and it is not the doer."""
    if event_type not in lexicon().words["thing_target_types"]:
        return set()
    out: set[int] = set()
    remote = lexicon().words["remote_types"]
    for up in tok.ancestors:
        found = trigger_of(up) if up.pos_ in ("VERB", "NOUN") else None
        if found is not None and found[0].type in remote:
            out |= {g for s in subject(up) for g in _groups_in(s, index)}
    speech = lexicon().words["speech_verbs"]  # "X said that bombings ...", however the parse hangs the clause on
    above = [s for up in tok.ancestors if up.pos_ == "VERB" and lemma(up) in speech for s in subject(up)]
    for head in speaker_heads(tok) + above:
        m = index.at(head)
        if m is None or m.label != "ArmedGroup":
            out |= _groups_in(head, index)
    # a victim of an attack the text pins on nobody is no later attack's doer; one hit by a named doer may hit back
    out |= {e.target_group for e in earlier if e.target_group >= 0 and e.type == event_type and e.source is None}
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":  # "no South Africans were affected by the blasts"
        out |= {g for s in tok.head.head.children if s.dep_ == "nsubjpass" for g in _groups_in(s, index)}
    # a name describing a place in the sentence ("in the Ruritanian capital") says where, never who
    kinds = lexicon().words["place_nouns"]
    for t in tok.sent:
        m = index.at(t)
        if m is not None and m.group >= 0 and t.dep_ in ("amod", "compound") and lemma(t.head) in kinds:
            out.add(m.group)
    return out


def _own_objects(tok: Token, args: Args) -> bool:
    """Whether a trigger's targets include its own object ("attacked the convoy", "an attack on the post"),
    not only the victims of a result clause ("exploded, killing 40"): an object says what was hit, so a
    structure it happened near is only where ("attacked the convoy near the embassy")."""
    own = [t for t in args.targets if t.head == tok or (t.head.dep_ in ("prep", "agent") and t.head.head == tok)]
    return any(t.ent_type_ not in ("DATE", "TIME") for t in own)  # "on Friday" is when, not what was hit


_AIMING_PREPS = frozenset({"at", "against"})


def _aimed_at(t: Token) -> bool:
    """Whether a country is what an act is aimed at, not where it happens: "an attack on X",
    "sanctions on X", "war on X". A country is a surface one is "in"; what comes "on" it is
    directed at it (an island state read as a place is the rare exception). So is one a verb of aiming
    points at ("attacks targeted at X", ``aiming_verbs``)."""
    if t.dep_ != "pobj":
        return False
    prep = t.head
    return prep.lower_ in ("on", "upon") or aims_through(prep, prep.head, _AIMING_PREPS)


def _unresolved(heads: list[Token], index: MentionIndex) -> bool:
    """Whether the parse gave a trigger a proper-noun doer that is no known name ("IS strikes" with
    "IS" unknown): the text says who acted, so the trigger must not borrow another's doer. A name
    set aside as a place (a list item "Outside X, a raid hit …" parsed with the town as subject), a third-person
    pronoun or a common noun ("the raid that hit …") does not count; "I", "we" and "you" name the speaker or
    the addressee even when nobody in the text is resolved to them ("I authorized a strike")."""
    return any(index.at(h) is None and (h.pos_ == "PROPN" or h.lower_ in _PERSONAL or _owner(h)) for h in heads)


def _owner(h: Token) -> bool:
    """A common noun possessing a nominal trigger ("the proxies' attacks"): the text says whose act it
    is, even when that noun names no known actor, so the act must not borrow another's doer."""
    return h.dep_ == "poss" and h.pos_ == "NOUN" and h.ent_type_ not in ("DATE", "TIME")


_PERSONAL = frozenset({"i", "we", "you", "me", "us"})


def _claimants(doc: Doc, index: MentionIndex, breaks: str) -> list[tuple[tuple[int, int], Actor]]:
    """Who claims responsibility, and in which paragraph: "The Kestrel Front claimed responsibility."
    Only named groups (a mention) count; "nobody has claimed responsibility" names nobody."""
    lex = lexicon()
    out: list[tuple[tuple[int, int], Actor]] = []
    for tok in doc:
        if tok.dep_ != "dobj" or lemma(tok) not in lex.words["responsibility_nouns"]:
            continue
        verb = tok.head
        if lemma(verb) not in lex.words["claiming_verbs"] or _negated(verb):
            continue
        para = paragraph_bounds(doc.text, tok.idx, breaks)
        out += [(para, actor) for actor, _t in _actors(subject(verb), index, para) if actor.group >= 0]
    return out


def _claimed(tok: Token, claims: list[tuple[tuple[int, int], Actor]]) -> bool:
    """Whether the trigger's paragraph credits a claimant (:func:`_attribute_claims` then decides)."""
    return any(lo <= tok.idx < hi for (lo, hi), _a in claims)


def _attribute_claims(events: list[Event], claims: list[tuple[tuple[int, int], Actor]]) -> list[Event]:
    """Attacks of a paragraph with no named doer take the group that claimed them in that paragraph
    ("Two bombs exploded … The Kestrel Front claimed responsibility."). The doer then rests on the
    group's own word, so the event is a claim, not a fact."""
    assault = lexicon().words["claimable_types"]
    out = []
    for ev in events:
        found = [a for (lo, hi), a in claims if lo <= ev.start < hi] if ev.source is None else []
        if found and ev.type in assault and found[0].group != ev.target_group:
            ev = replace(ev, source=found[0].text, source_group=found[0].group, modality="claimed")
        out.append(ev)
    return out


def _modifier_doers(tok: Token, trig: Trigger, found: list[tuple[Actor, Token]]) -> list[tuple[Actor, Token]]:
    """Doers of a violent act named by a name modifying it, kept only when the name can act by
    force: "the Front attack" is the Front's, but "the Northwind Club bombing" (an association, a
    firm, a site) names what was hit, and a doer read into it would be a false attribution. An
    unknown name there is left undecided (no doer) for the same reason, and a name on a happening nobody
    performs ("the Eastport blast", ``agentless_nouns``) says where it was."""
    if trig.type not in lexicon().words["thing_target_types"]:
        return found
    hit = lexicon().words["patient_modifier_labels"]
    caused = lemma(tok) in lexicon().words["agentless_nouns"]  # "the Eastport blast": where, not who
    return [
        (a, t)
        for a, t in found
        if not (t.head == tok and t.dep_ in ("compound", "nmod") and (caused or a.label in hit or a.group < 0))
    ]


def _shared_sources(
    cands: list[tuple[Token, Trigger, str, Args, tuple[int, int]]],
    own: list[list[tuple[Actor, Token]]],
    index: MentionIndex,
    claims: list[tuple[tuple[int, int], Actor]],
    breaks: str,
) -> dict[int, Actor]:
    """Doers that triggers naming none share with another event mention (see :mod:`events_coref`);
    a paragraph whose attack is claimed keeps the claimant instead (:func:`_attribute_claims`)."""
    text = index.doc.text
    mentioned = [
        Mentioned(tok, trig.type, kind, bool(found) or _unresolved(args.sources, index), [a for a, _t in found])
        for (tok, trig, kind, args, _para), found in zip(cands, own, strict=True)
    ]
    return link_sources(
        mentioned,
        lambda heads: [a for h in heads for a, _t in _actors([h], index, paragraph_bounds(text, h.idx, breaks))],
        lambda tok: any(lo <= tok.idx < hi for (lo, hi), _a in claims),
    )


def _several(sites: list[Token]) -> bool:
    """Whether the structures an act hit are several: two phrases, or one plural ("the embassies")."""
    return len(sites) > 1 or any(t.tag_ in ("NNS", "NNPS") or t.lower_.endswith("ies") for t in sites)


def _own_targets(
    cand: tuple[Token, Trigger, str, Args, tuple[int, int]], index: MentionIndex, identified: dict[int, Actor]
) -> tuple[Args, list[tuple[Actor, Token]]]:
    """A trigger's arguments with the structure hit added for a violent act that names no object of its own
    ("exploded outside the embassy, killing 40": the structure is hit, the victims of the result too), and the
    targets they resolve to. Computed for every trigger before any is assembled, so a repeated mention can
    borrow the targets of the first (:func:`events_coref.link_targets`)."""
    tok, trig, kind, args, para = cand
    if trig.type in lexicon().words["thing_target_types"] and not _own_objects(tok, args):
        args = Args(sources=args.sources, targets=args.targets + site_targets(tok))
    things = _things(tok, trig, kind, args)
    heads = perpetrators(args.targets, trig.type)
    return args, [(identified.get(t.i, a), t) for a, t in _actors(heads, index, para, things)]


def _same_happening(told: tuple[tuple | None, str | None], new: tuple[tuple | None, str | None]) -> bool:
    """Whether two mentions of one type with the same actors in one sentence tell one happening: unless
    both are dated and the dates differ, or both are placed and the places differ ("the blast in X came
    minutes before a second device tore through a depot in Y": two attacks, neither side named)."""
    (w, p), (when, place) = told, new
    return (w is None or when is None or w == when) and (p is None or place is None or p == place)


def extract_events(doc: Doc, mentions: list[Mention], article: Article, choose_doers: bool = True) -> list[Event]:
    """Events of one article with actors resolved to mention groups.

    A trigger whose arguments and linked mentions name no doer gets the learned chooser's doer
    (:mod:`events_chooser`) when it is sure enough; ``choose_doers=False`` gives the rules alone
    (the chooser's training script compares against them).

    Events with neither a source nor a target are dropped (they link nothing) unless their type
    is a happening in its own right (``standalone_types``: an attack by unnamed gunmen) with a
    place or a date, as are
    events whose source and target are the same actor.
    """
    index = MentionIndex(doc, mentions)
    filed = dateline_day(doc.text, article.published)  # a wire story's own day, when its dateline states one
    dated = date_spans(doc, filed or article.published)
    identified = _identities(doc, index)
    events: list[Event] = []
    triggers: list[Token] = []  # the trigger token of each event
    origins: list[str | None] = []  # where each event's place came from (events_retold)
    seen: dict[tuple, list[tuple[tuple | None, str | None]]] = {}
    text = doc.text  # once: Doc.text joins all tokens on every access
    standalone = lexicon().words["standalone_types"]
    breaks = "\n\n" if "\n\n" in text else "\n"
    lead = Lead(dateline=dateline(text))
    claims = _claimants(doc, index, breaks)
    cands = [(*c, paragraph_bounds(text, c[0].idx, breaks)) for c in trigger_candidates(doc)]
    own = [
        _modifier_doers(c[0], c[1], [(identified.get(t.i, a), t) for a, t in _actors(c[3].sources, index, c[4])])
        for c in cands
    ]
    shared = _shared_sources(cands, own, index, claims, breaks)
    measures = [(c[0], c[1].type, [a for a, _t in f]) for c, f in zip(cands, own, strict=True)]
    shared |= release_sources(measures, shared)
    shared |= statutory_sources(measures, shared)
    hits = [_own_targets(c, index, identified) for c in cands]
    lent = link_targets(
        [
            Mentioned(
                tok,
                trig.type,
                kind,
                True,
                [],
                [a for a, _t in hit],
                bool(args.targets),
                [a for a, t in hit if site_word(t)],
                _several([t for _a, t in hit if site_word(t)]),
            )
            for (tok, trig, kind, _a, _p), (args, hit) in zip(cands, hits, strict=True)
        ]
    )
    for (tok, trig, kind, _args, para), found, (args, targets) in zip(cands, own, hits, strict=True):
        sources = found or ([(shared[tok.i], None)] if tok.i in shared else [])
        if not targets and tok.i in lent:  # "the shooting" told again: aimed at whom it was the first time
            doers = {a.group for a, _t in sources if a is not None and a.group >= 0}
            targets = [(a, None) for a in lent[tok.i] if a.group < 0 or a.group not in doers]
        if not targets and kind == "verb" and trig.type in lexicon().words["partner_types"] and len(found) > 1:
            sources, targets = found[:1], found[1:]  # "X and Y met again": the two sides of one meeting
        exists = bool(targets) or trig.type in standalone  # a fill never makes an event the rules would drop
        if not sources and exists and choose_doers and not args.sources and not _claimed(tok, claims):
            exclude = {a.group for a, _t in targets if a.group >= 0} | _not_doers(tok, trig.type, index, events)
            chosen = choose(tok, trig.type, kind, index, exclude)
            sources = [(chosen, None)] if chosen is not None else []
        sources = sources or [(None, None)]
        if trig.subtype == "statement":  # a reported accusation must name whom it accuses
            accusable = lexicon().words["accusable_labels"]
            targets = [(a, t) for a, t in targets if a.group >= 0 and a.label in accusable]
            if not targets:
                continue
        targets = targets or [(None, None)]
        actor_tokens = {t.i for _a, t in sources + targets if t is not None}
        sentence, start, end = _sentence_bounds(text, tok.sent, tok.idx)
        mode = modality(tok, climb=kind != "compound", act=trig.type == "THREATEN")
        date = date_for(tok, kind, dated, para, article.published)
        if date is None and mode in ("asserted", "claimed"):  # "if X attacks", "is considering sanctions": not now
            date = statement_date(tok, trig, article, filed)
        # a measure is taken where its issuer is (the dateline, carried by the lead), not where the
        # places named around its targets and grounds are ("designated leaders of militias in X")
        issued = trig.type in lexicon().words["issued_types"]
        place = place_for(tok, kind, index, actor_tokens, measure=issued)
        aimed = target_place(tok, trig.type, index, trig.subtype) if place is None else None
        place = place or aimed
        # the object of "after", "since": "following X's attack on Y, Z moved to W" is not in W, and "a week
        # after an attack on a base" may be another happening than the lead's
        apart = kind == "noun" and sequenced(tok)
        origin = OWN if place is not None else None
        if apart:
            place = place or phrase_place(tok, index, actor_tokens)
            origin = OWN if place is not None else None
        elif not issued and place is None:
            place, origin = place_fallback(tok, index, actor_tokens, para)
        own_act = trig.type in lexicon().words["issued_types"] and performed(tok)
        negated, hedged = mode == "negated" or (_negated(tok) and not unclaimed(tok)), _hedged(tok, args)
        if negated and mode == "asserted":
            mode = "negated"
        fact = mode in ("asserted", "claimed")
        date, place = lead.see(tok, trig.type, date, place, own_act=own_act, apart=apart, told_as_fact=fact)
        origin = origin or (LEAD if place is not None else None)
        speakers = speaker_groups(tok, index) if mode == "asserted" and kind != "compound" else set()
        # "listed X as a rebel group in 1994, and as a terrorist group in 2003": one verb, two happenings
        told = [date, *coordinated_dates(tok, kind, date, dated, para)]
        if mode not in ("hypothetical", "demanded"):
            told = [by_publication(d, article.published) for d in told]
        pairs = [(t, d) for t in targets for d in told]
        if len(told) == len(targets) > 1 and any(t.lower_ == "respectively" for t in tok.sent):
            pairs = list(zip(targets, told, strict=True))  # "listed X and Y in 2014 and 2019, respectively"
        for (src, _st), (tgt, tt), date in ((s, t, d) for s in sources for t, d in pairs):
            # "raided Eastport and Westport": force on two towns, each event where its own town is
            where = aimed_place(tt, index, aimed) if aimed is not None else place
            seat = seat_place(src.text) if where is None and src is not None else None  # "Ruritanian police"
            where = where or seat
            if src is None and tgt is None and (trig.type not in standalone or (where is None and date is None)):
                continue  # an actorless happening needs a where or a when to be worth a line
            if src is not None and tgt is not None and (src.text == tgt.text or 0 <= src.group == tgt.group):
                continue
            if src is not None and tgt is not None and _name_tail(tgt.text, src.text):
                src = None  # "strikes on Front camps" given "the Kestrel Front" as doer: one party both sides
            key = (start, trig.type, src.text if src else None, tgt.text if tgt else None, listed_kind(tok, kind))
            when = (date.start, date.end) if date is not None and date.start is not None else None
            if key in seen and any(_same_happening(told, (when, where)) for told in seen[key]):
                continue  # one happening told twice; two dates or two places in one sentence are two happenings
            seen.setdefault(key, []).append((when, where))
            events.append(
                Event(
                    type=trig.type,
                    subtype=trig.subtype,
                    trigger=tok.text,
                    sentence=sentence,
                    start=start,
                    end=end,
                    source=src.text if src else None,
                    target=tgt.text if tgt else None,
                    source_group=src.group if src else -1,
                    target_group=tgt.group if tgt else -1,
                    place=where,
                    date=date,
                    negated=negated,
                    hedged=hedged,
                    # "the group's newsletter said its soldiers attacked …": the doer's own word is a claim
                    modality="claimed" if src is not None and src.group >= 0 and src.group in speakers else mode,
                )
            )
            triggers.append(tok)
            origins.append(origin if seat is None else SEAT)
    placed = [e.place for e in events]
    events = retold_earlier(retold_later(events, triggers), triggers)
    events = same_site_dates(events, lexicon().words["thing_target_types"], triggers)
    # after the date passes, whose place from the same happening's other mention (same target, same doer) is kept;
    # a place carried to a retelling is a guess that must not bar their matches by place
    origins = [o if e.place == p else MATCHED for o, e, p in zip(origins, events, placed, strict=True)]
    events = dateline_speaker(retold_places(events, triggers, origins), origins, lead.dateline)
    return _attribute_claims(events, claims) if claims else events
