"""The date of an event: the trigger's own date, else its sentence's, else the paragraph's, never in silence.

A date counts when it hangs off the trigger (or a verb it shares a clause with), is written
inside a nominal trigger's phrase ("the March 3 raid"), is the one date of its sentence, or is an
earlier date of the paragraph for a past-tense report. The ground of a measure ("designated …
for providing support") keeps only a date of its own words. A statement in the present tense is
dated by the publication date, and says so in the interval's note.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from threatgraph.extract.dates import normalise
from threatgraph.extract.events_args import anchor_verbs
from threatgraph.extract.events_generic import after_measure_for
from threatgraph.extract.events_lead import told_in_past
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import Trigger, lexicon, plover_of
from threatgraph.extract.events_syntax import children, clause_verb, reaches, told_as_now
from threatgraph.extract.events_triggers import trigger_of
from threatgraph.extract.events_year import year_of_day
from threatgraph.model import Article, DateInterval

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


_DURING = frozenset({"during", "amid", "throughout", "amidst"})


def _dates_another_trigger(span: Span, tok: Token) -> bool:
    """Whether a date hangs off a trigger of another type in the sentence ("stands with X after Y's
    May 3 attack"); a date on "the attack" still dates "the attack killed 20"."""
    cur = span.root
    for _ in range(3):
        if cur.head == cur:
            return False
        cur = cur.head
        if cur == tok:
            return False
        other = trigger_of(cur) if cur.pos_ in ("NOUN", "VERB") else None
        if other is not None and cur.dep_ == "pobj" and cur.head.lower_ in _DURING:
            return False  # "during the early 2018 riots, the militia opened fire": the clause happens then too
        if other is not None:
            mine = trigger_of(tok)
            return mine is None or other[0].type != mine[0].type  # "the attack that killed": one happening
    return False


def _said_on(span: Span) -> bool:
    """Whether a date hangs on a verb of saying ("officials said Wednesday"): the day of the saying, which
    dates no happening of a later sentence."""
    head = span.root.head
    while head.pos_ not in ("VERB", "AUX") and head.head != head:
        head = head.head
    return head.pos_ in ("VERB", "AUX") and lemma(head) in lexicon().words["speech_verbs"]


def _dates_the_frame(span: Span, noun: Token) -> bool:
    """Whether a sentence's one date, not hung on a nominal trigger, dates the frame around it: a verb of
    saying ("the toll of the blast has risen, officials said on Monday": the saying's day), or a clause the
    noun's relative clause hangs from when that clause describes another happening ("resumed on Monday
    the talks that the bombing had cut short"; "the last time a strike hit X was in May" is dated by its
    frame). A happening named inside such a clause is at its own time, which that date does not give."""
    if _said_on(span) and not any(span.root in a.subtree for a in noun.subtree if a != noun):
        return True
    for up in noun.ancestors:
        if up.dep_ == "relcl":  # a clause describing another happening ("talks that the bombing cut short")
            other = trigger_of(up.head) if up.head.pos_ == "NOUN" else None
            return other is not None and not (up.left_edge.i <= span.root.i <= up.right_edge.i)
    return False


_PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re"})


def _present_now(tok: Token, announced: bool) -> bool:
    """Whether a verb says what happens as the text is written: the simple present ("Ruritania
    deplores …"), the present progressive ("the Department is designating X", "are being
    designated"), and for announced types the present perfect and the present passive ("has
    designated X", "X is designated for …": in a release, the act the release announces)."""
    auxes = children(tok, "aux", "auxpass")
    if tok.tag_ in ("VBZ", "VBP"):
        return not auxes
    finite = auxes[0].lower_ if auxes else ""
    if tok.tag_ == "VBG":  # "is designating", "are imposing"
        return finite in _PRESENT_BE
    if tok.tag_ != "VBN" or not announced:
        return False
    if finite in ("has", "have"):
        return True
    being = any(a.lower_ == "being" for a in auxes)  # "is being designated"
    return finite in _PRESENT_BE and (being or any(a.dep_ == "auxpass" for a in auxes))


def statement_date(tok: Token, trig: Trigger, article: Article, filed: date | None = None) -> DateInterval | None:
    """The publication date, said as such, for a statement in the present tense (see
    :func:`_present_now`): it happens as the text is published. A nominal trigger takes the tense
    of the verb it is the object of ("Ruritania now imposes its own sanctions on X").
    Anything else without a date in reach has none; the caller asks only for an event stated as
    happening (a present-tense condition, "if X attacks", or plan is not happening now). A wire story
    whose dateline states the day it was filed (``filed``) speaks in the present of that day."""
    if article.published is None:
        return None
    verb = tok if tok.pos_ == "VERB" else (tok.head if tok.dep_ == "dobj" else None)
    if verb is None or verb.pos_ != "VERB":
        return None
    if not _present_now(verb, trig.type in lexicon().words["announced_types"]):
        return None
    day, said = (filed, "dateline date") if filed is not None else (article.published, "publication date")
    return DateInterval(
        text=f"({said})", start=day, end=day, precision="day", note=f"{said}: the statement is in the present tense"
    )


_NP_OPENERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})


def _premodifies(span: Span, noun: Token) -> bool:
    """Whether a date is written inside the noun's own phrase, before it: "the March 3, 2017 raid",
    "a January 2016 raid", "the early 2018 riots", "a 2015 rebel offensive". The parser
    often hangs such a date elsewhere (the noun as its apposition), so the words decide: a
    determiner opens the phrase, then the date, then at most three modifiers of the noun."""
    doc = noun.doc
    if not 0 <= noun.i - span.end <= 3 or span.start == 0:
        return False
    opener = span[0] if span[0].lower_ in _NP_OPENERS else doc[span.start - 1]
    if opener.lower_ not in _NP_OPENERS:
        return False
    gap = doc[span.end : noun.i]
    return all(t.pos_ in ("ADJ", "NOUN", "PROPN", "PUNCT") and t.dep_ != "punct" or t.text == "-" for t in gap)


# what follows the day of a wire dateline: the agency in brackets, then a dash ("STRELSAU, March 13 (Reuters) -")
_AFTER_DATELINE_DAY = re.compile(r"\s*\([A-Z][\w.'’ -]{1,30}\)\s*(?:[—–_]|--?)")
_DATELINE_REACH = 400  # characters: a dateline opens the body


def _dateline_day(span: Span) -> bool:
    """Whether a date is the day of a wire dateline, the day the story was filed: it dates the story's
    present tense (``statement_date``), not a happening the sentence after it tells with its own date
    ("STRELSAU, March 13 (Reuters) - Militants attacked a convoy on Thursday": the Thursday)."""
    if span.start_char > _DATELINE_REACH:
        return False
    doc = span.doc
    return _AFTER_DATELINE_DAY.match(doc.text, span.end_char) is not None


def _untagged_premodifier(noun: Token, published: date | None) -> DateInterval | None:
    """A day written before a nominal trigger that the model tagged as no date ("the Oct. 4 Consulate raid",
    tagged an event name): a modifier of the noun, with a number in it, that reads as one whole day."""
    for c in noun.children:
        if c.i > noun.i or c.dep_ not in ("nmod", "compound", "npadvmod") or c.ent_type_ == "DATE":
            continue
        words = noun.doc[c.left_edge.i : c.right_edge.i + 1]
        if not any(t.like_num for t in words):
            continue
        read = normalise(words.text, published)
        if read is not None and read.start is not None and read.precision == "day":
            return read
    return None


_GROUND_PATH = frozenset({"pobj", "pcomp", "dobj", "conj", "prep", "xcomp", "acl", "amod", "compound"})


def _measure_ground(tok: Token) -> bool:
    """Whether a trigger is the ground of a measure ("designated on May 2 for providing support to
    X", "imposed sanctions today for their support to attacks"): the act it is taken for happened
    before it, so the measure's date is not the ground's."""
    measures = lexicon().words["measure_types"]
    cur = tok
    for _ in range(6):
        if cur.head == cur or cur.dep_ not in _GROUND_PATH:
            break
        if cur.lower_ == "for" and cur.dep_ == "prep":
            head = clause_verb(cur) or cur.head
            # the measure is the head, or the noun a light verb takes ("imposed sanctions on X for …")
            heads = [head, *(children(head, "dobj") if head.pos_ == "VERB" else [])]
            found = [trigger_of(h) for h in heads if h.pos_ in ("VERB", "NOUN")]
            return any(f is not None and f[0].type in measures for f in found)
        cur = cur.head
    return after_measure_for(tok, measures)


# prepositions that set a happening before or after another one: "following X's attack", "since the raid
# on May 3", "before the vote". The happening named inside is at another time than the clause around it.
_SEQUENCE = frozenset({"after", "following", "since", "before", "until", "till", "preceding"})


def sequenced(tok: Token) -> bool:
    """Whether a nominal trigger is the object of a sequence preposition ("following X's attack on
    civilians", "since the raid"): it happened at its own time and place, which the clause's are not."""
    cur = tok
    while cur.dep_ == "conj" and cur.head != cur:
        cur = cur.head  # "after the attack and the raid"
    return cur.dep_ == "pobj" and cur.head.lower_ in _SEQUENCE


_AFTERMATH_PREPS = frozenset({"of", "into", "from", "for"})


def _aftermath_of(tok: Token) -> bool:
    """Whether a nominal trigger names the happening behind a noun of what it left or set off
    (``aftermath_nouns``: "victims of the bombing", "an inquiry into the attacks"): that happening was
    before the clause around them, so the clause's date is not its own."""
    cur = tok
    while cur.dep_ == "conj" and cur.head != cur:
        cur = cur.head  # "victims of the bombing and the fire"
    prep = cur.head
    if cur.dep_ != "pobj" or prep.lower_ not in _AFTERMATH_PREPS or prep.head == prep:
        return False
    return lemma(prep.head) in lexicon().words["aftermath_nouns"]


def _sequence_clause(tok: Token) -> bool:
    """Whether a verb trigger heads a clause of sequence ("days after gunmen shot a judge", "before
    the rebels withdrew"): its happening is at a time of its own, which a date of the clause above it
    (the sighting's, the report's "Friday") does not give; only a date in its own words does."""
    cur = tok
    while cur.dep_ == "conj" and cur.head != cur:
        cur = cur.head  # "after gunmen stormed the post and killed four": one clause of sequence
    if cur.pos_ not in ("VERB", "AUX") or cur.dep_ != "advcl":
        return False
    return any(c.dep_ == "mark" and c.lower_ in _SEQUENCE for c in cur.children)


def _dates_its_object(span: Span, verb: Token, local: list[tuple[Span, DateInterval]]) -> Token | None:
    """The verb's object a date belongs to, when both the verb and the date after its object hang on the verb
    ("The government Saturday condemned the attacks in X Friday"): a clause happens at one time, so of two
    dates the parser hangs on its verb, the one written straight after a nominal trigger's phrase is that
    happening's. None when the verb has no other date of its own or the date does not follow such an object."""
    if span.root.head != verb or verb.pos_ not in ("VERB", "AUX"):
        return None
    if not any(other.root.head == verb and other.start != span.start for other, _iv in local):
        return None
    for obj in children(verb, "dobj"):
        if obj.right_edge.i + 1 == span.start and obj.pos_ == "NOUN" and trigger_of(obj) is not None:
            return obj
    return None


def _counted_from(span: Span, anchor: Token) -> str | None:
    """The sequence preposition a date reaches its anchor through, when the date dates a happening
    named inside that phrase ("attacks since X's attack on October 7": the 7th dates X's attack,
    and the attacks are counted from it), else None."""
    cur = span.root
    for _ in range(12):
        if cur == anchor or cur.head == cur:
            return None
        own = span.start <= cur.i < span.end or span.root.head == cur  # "since May 3": the date's own word
        if cur.dep_ == "prep" and cur.lower_ in _SEQUENCE and cur.head == anchor and not own:
            return cur.lower_
        cur = cur.head
    return None


def _from_then(interval: DateInterval, published: date | None) -> DateInterval | None:
    """The stretch from a dated happening to publication: what has gone on since it."""
    if interval.start is None or published is None or published < interval.start:
        return None
    note = f"since the happening dated {interval.text}: from then to publication"
    return replace(interval, end=published, precision="range", note=note)


def date_for(
    tok: Token,
    kind: str,
    dated: list[tuple[Span, DateInterval]],
    para: tuple[int, int],
    published: date | None = None,
) -> DateInterval | None:
    """The trigger's own date; else the one date of its sentence; else the paragraph's last date before it.

    Only dates of the trigger's paragraph count (a page header is not the event's date), and the
    publication date is never taken in silence: with no date in reach the event has none. A day of a
    month written without its year takes the year the article gives it, or none (:func:`year_of_day`).
    """
    return year_of_day(_date_for(tok, kind, dated, para, published), dated, published)


def _date_for(
    tok: Token,
    kind: str,
    dated: list[tuple[Span, DateInterval]],
    para: tuple[int, int],
    published: date | None = None,
) -> DateInterval | None:
    """The date :func:`date_for` gives, before the year of a bare day of a month is settled."""
    sent = tok.sent
    lo, hi = para
    usable = [(span, iv) for span, iv in dated if lo <= span.start_char < hi]
    same_day = _same_day(tok, kind, usable)
    if same_day is not None:
        return same_day  # "condemned on Friday the blasts that killed 12 earlier in the day": Friday
    local = [(span, iv) for span, iv in usable if sent.start <= span.root.i < sent.end]
    own_words = [(span, iv) for span, iv in local if not _dateline_day(span)]
    if own_words:
        local = own_words  # the day the story was filed dates no one's happening when the sentence has another
    if kind == "noun":
        for span, interval in local:
            if _premodifies(span, tok):
                return _as_period(tok, interval)
        untagged = _untagged_premodifier(tok, published)
        if untagged is not None:
            return _as_period(tok, untagged)
        for span, interval in local:
            if _dates_its_object(span, tok.head, local) == tok:
                return _as_period(tok, interval)  # "condemned Saturday the attacks in X Friday": Friday
    in_sentence = bool(local)
    everything, local = local, [(span, iv) for span, iv in local if not _dates_another_trigger(span, tok)]
    ground = (
        _measure_ground(tok) or (kind == "noun" and (sequenced(tok) or _aftermath_of(tok))) or _sequence_clause(tok)
    )
    for anchor in [tok] if ground else anchor_verbs(tok, kind):
        for span, interval in everything:  # a date of another happening counts only to count from it
            if not reaches(span.root, anchor) or _dates_its_object(span, anchor, everything) is not None:
                continue  # not this clause's date, or its object's ("condemned Saturday the attacks … Friday")
            counted = _counted_from(span, anchor)
            if counted == "since":
                return _from_then(interval, published)  # "attacks since X's raid on May 3": May 3 to now
            if counted is not None or (span, interval) not in local:
                continue  # "after X's raid on May 3": the raid's date, not this happening's
            return _as_period(tok, interval)  # an unanchored date stays: it says the date is not known
    if ground:
        return None  # the ground of a measure, a happening before or after the clause's: only its own date
    usable = [(span, iv) for span, iv in usable if iv.start is not None]
    local = [(span, iv) for span, iv in local if iv.start is not None]
    if kind == "noun" and len(local) == 1 and _dates_the_frame(local[0][0], tok):
        return None  # "talks that the bombing interrupted ... on Monday", "the toll of the blast rose, X said Monday"
    if len(local) == 1:
        return _as_period(tok, local[0][1])
    if local:
        return None  # several dates in the sentence and none attached: not ours to pick
    if in_sentence:
        return None  # the sentence's dates belong to its other happenings: an earlier one is further still
    narrative = _narrative_dates([(span, iv) for span, iv in usable if span.start_char < sent.start_char])
    if published is not None:  # "... left alone this summer,' he said. Police stopped a march": not the summer to come
        narrative = [(span, iv) for span, iv in narrative if iv.start is not None and iv.start <= published]
    before = [iv for _span, iv in narrative]
    if before and _scene_heading(narrative[-1][0]) and told_as_now(tok):
        note = f"date of a heading of the paragraph ({before[-1].text}), told in the present as then"
        return replace(before[-1], note=note)  # "Strelsau, 2011. A car bomb rocks the market. Six die."
    if not before or not told_in_past(tok):
        return None  # "X is accused of …", "has pledged …": a present state is not dated by an earlier past
    if at_own_time(tok):
        return None  # "He later sent …", "had previously sent …", "After his release, he …": not then
    if _other_episode(tok, dated, para, published, before[-1]):
        return None  # "met on Wednesday after the bombings. Twelve died in the bombing": not Wednesday's
    note = f"date of an earlier sentence of the paragraph ({before[-1].text}); this sentence gives none"
    return replace(before[-1], note=note)


def _scene_heading(span: Span) -> bool:
    """Whether a date stands in a sentence without a verb ("Strelsau, two thousand eleven.", "March 2012.
    Strelsau again."): a heading that sets the time of what the paragraph tells next, as a broadcast or a
    chronology retells past happenings in the present."""
    return not _dateline_day(span) and not any(t.pos_ in ("VERB", "AUX") for t in span.sent)


def _narrative_dates(earlier: list[tuple[Span, DateInterval]]) -> list[tuple[Span, DateInterval]]:
    """The paragraph's earlier dates a later sentence may go on from: all but the day of a saying, which is
    no happening's."""
    return [(span, iv) for span, iv in earlier if not _said_on(span)]


def _other_episode(
    tok: Token,
    dated: list[tuple[Span, DateInterval]],
    para: tuple[int, int],
    published: date | None,
    last: DateInterval,
) -> bool:
    """Whether the paragraph's last date belongs to another happening than the one ``tok`` tells again.

    A paragraph's date is written for the happening it dates. When an earlier sentence of the paragraph
    has told a happening of the trigger's kind (same PLOVER root), an undated later mention tells that
    episode again ("met on Wednesday after the bombings. Twelve people died in the bombing"). If that
    earlier mention is set apart in time from the clause around it (the object of "after", "following",
    "since", or a clause inside it; the ground of a measure; the past perfect, "earlier") or has a date of
    its own other than ``last``, the paragraph's date is another happening's and the later mention does not take it.
    A mention set apart does not speak for the others: when a mention of the kind is dated ``last`` in its
    own sentence ("attacked a market on Monday, a week after an attack on a base. The attack killed 12"),
    the paragraph's date is that happening's and the later mention tells it again."""
    mine = trigger_of(tok)
    if mine is None:
        return False
    root = plover_of(mine[0].type)[0]
    apart = False
    for prev in reversed(tok.doc[: tok.sent.start]):
        if prev.idx < para[0]:
            break
        found = trigger_of(prev) if prev.pos_ in ("NOUN", "VERB", "PROPN") else None
        if found is None or plover_of(found[0].type)[0] != root:
            continue
        own = date_for(prev, found[1], dated, para, published)
        if own is not None and own.note is None and (own.start, own.end) == (last.start, last.end):
            return False  # "attacked a market on Monday, a week after an attack": Monday is this kind's
        if _measure_ground(prev) or at_own_time(prev) or any(sequenced(t) for t in (prev, *prev.ancestors)):
            apart = True  # "following the bombings, which killed 250": that happening and what it did
            continue
        return apart if own is None or own.start is None else (own.start, own.end) != (last.start, last.end)
    return apart


# "earlier in the day", "later in the day": a happening on the day of the one its clause leans on
_WITHIN_DAY = frozenset({"earlier", "later", "early", "late"})


def _within_day_mark(verb: Token) -> Token | None:
    """The "in" of "earlier/later in the day" said of a verb, or None. The model tags the phrase as a time,
    a date ("the day", not understood) or nothing, so the parse decides; the adverb hangs on the verb
    with "in" under it, or on "in" ("earlier in the day" as a phrase of the verb)."""
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in _WITHIN_DAY:
            preps = [p for p in c.children if p.dep_ == "prep" and p.lower_ == "in"]
        elif c.dep_ == "prep" and c.lower_ == "in" and any(a.lower_ in _WITHIN_DAY for a in c.children):
            preps = [c]
        else:
            continue
        for prep in preps:
            for day in prep.children:
                if day.dep_ == "pobj" and day.lower_ == "day" and any(d.lower_ == "the" for d in day.children):
                    return prep
    return None


def _same_day(tok: Token, kind: str, usable: list[tuple[Span, DateInterval]]) -> DateInterval | None:
    """The day of "earlier/later in the day" said of the trigger's clause: the day of the happening that
    clause leans on, the nearest clause above it with a date of a day ("South Africa deplored on Friday
    the blasts that killed 40 earlier in the day": Friday), else the paragraph's last such date before
    the sentence. A noun's own relative clause of the same kind ("the blasts that killed 40 earlier in
    the day") dates the noun. None when the trigger's clause has no such phrase or nothing gives a day."""
    verbs = list(anchor_verbs(tok, kind))
    if kind == "noun":
        mine = trigger_of(tok)
        root = plover_of(mine[0].type)[0] if mine is not None else None
        for rel in (c for c in tok.children if c.dep_ == "relcl"):
            theirs = trigger_of(rel)
            if theirs is not None and plover_of(theirs[0].type)[0] == root:
                verbs += [rel, *(c for c in rel.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    marked = next((v for v in verbs if v.pos_ in ("VERB", "AUX") and _within_day_mark(v) is not None), None)
    if marked is None:
        return None
    days = [(span, iv) for span, iv in usable if iv.start is not None and iv.start == iv.end]
    sent = marked.sent
    for up in marked.ancestors:
        for span, iv in days:
            if sent.start <= span.root.i < sent.end and reaches(span.root, up):
                return replace(iv, text=f"the day of {iv.text}", note=None)
    before = [iv for span, iv in days if span.end <= sent.start]
    return replace(before[-1], text=f"the day of {before[-1].text}", note=None) if before else None


def at_own_time(tok: Token) -> bool:
    """Whether a trigger's clause sets its happening at a time of its own, apart from the one the
    paragraph has just dated: an adverb that shifts it ("later", "previously": ``time_shift_adverbs``),
    the past perfect ("had sent": before the story's time), a clause or phrase of sequence ("after his
    release", "before he fled"), or a relative clause in a sentence that is not narrating ("X is a
    member of Y, which attacked …" describes Y). Such a clause keeps no inherited date."""
    shift = lexicon().words["time_shift_adverbs"]
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX"):
            break
        if cur.head == cur:
            return False
        cur = cur.head
    else:
        return False
    if cur.pos_ not in ("VERB", "AUX"):
        return False
    if cur.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in cur.children):
        return True  # the past perfect
    for verb in (cur, cur.head) if cur.dep_ == "conj" else (cur,):  # "later became … and sent": one clause
        for c in verb.children:
            if c.dep_ == "advmod" and c.lower_ in shift:
                return True
            if c.dep_ == "prep" and c.lower_ in _SEQUENCE:
                return True  # "after his release, he attacked …"
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _SEQUENCE for m in c.children):
                return True  # "after he was released, he attacked …"
    return cur.dep_ == "relcl" and not told_in_past(cur.head)


def coordinated_dates(
    tok: Token, kind: str, first: DateInterval | None, dated: list[tuple[Span, DateInterval]], para: tuple[int, int]
) -> list[DateInterval]:
    """The further dates of one verb told as coordinated happenings ("listed X as a rebel group in
    May 1994, and as a terrorist group in June 2003", "in May 2014 and June 2019,
    respectively"): dates hanging off the trigger itself, a later one joined to an earlier by "and"
    (a conjunct on the way up). Each is a happening of its own; the first is ``first``."""
    if kind != "verb" or first is None or first.start is None or first.note is not None:
        return []
    sent = tok.sent
    lo, hi = para
    mine = [
        (span, iv)
        for span, iv in dated
        if lo <= span.start_char < hi and sent.start <= span.root.i < sent.end and iv.start is not None
        if iv.note is None and reaches(span.root, tok)
    ]
    if len(mine) < 2 or (mine[0][1].start, mine[0][1].end) != (first.start, first.end):
        return []
    out = []
    for span, iv in mine[1:]:
        path = [span.root, *span.root.ancestors]
        path = path[: path.index(tok)] if tok in path else []
        if any(t.dep_ == "conj" for t in path) and (iv.start, iv.end) != (first.start, first.end):
            out.append(iv)
    return out


def by_publication(interval: DateInterval | None, published: date | None) -> DateInterval | None:
    """A happening told as real (asserted, claimed, negated) took place by the time it is reported:
    "this week's strikes" in a Thursday piece ran from Monday to Thursday, not to Sunday. The end of
    an interval reaching past publication is cut back to it; a plan or a demand keeps its future."""
    if interval is None or published is None or interval.start is None or interval.end is None:
        return interval
    if not interval.start <= published < interval.end:
        return interval
    return replace(interval, end=published)  # the expression's precision stays what it wrote


def _as_period(tok: Token, interval: DateInterval) -> DateInterval:
    """A plural happening ("attacks", "strikes") dated by a stretch of time longer than a day
    ("since 2019", "the last several weeks") is many events over a period: the interval is
    kept, with a note that it is no single event's date."""
    if tok.tag_ != "NNS" or interval.start is None or interval.end is None or interval.note is not None:
        return interval
    if interval.end <= interval.start:
        return interval
    return replace(interval, note=f"a period ({interval.text}) over which several events happened, not one's date")
