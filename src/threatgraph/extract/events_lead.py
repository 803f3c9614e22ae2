"""The date and place of an article's lead event, carried to later mentions of the same happening.

News and press releases date their main happening once, near the top ("On March 3, the militia
shelled the port …", "Tuesday's raid in Eastport"), and then tell it again without a date
("Near the port, two strikes …", "the raid in Eastport left four dead").
An event that finds no date in its sentence or paragraph takes the lead's date only when it is
the same kind of happening (same PLOVER root) told in the past tense; anything else stays
undated. A carried date is never silent: its ``note`` says where it came from, so a reader sees
an inference, not a stated fact. Places follow the same path, and a dateline ("MOGADISHU,
Somalia —") locates a lead that names no place of its own.

The carry also runs backwards (:func:`retold_later`): a lead that gives no date ("A strike
targeted a commander in the south") is often dated by a later sentence that tells the same
happening again with a bare definite noun ("The strike occurred on December 17 near Eastport").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import lexicon, plover_of
from threatgraph.extract.places import is_country, is_place

if TYPE_CHECKING:
    from spacy.tokens import Token

    from threatgraph.model import DateInterval, Event

LEAD_SENTENCES = 3  # the lead is among the first sentences that hold a trigger at all
# "WASHINGTON —", "SOUTHWEST ASIA —", "MOGADISHU, Somalia –": capitals, an optional ", Region", a dash; a news
# agency's dateline may credit the agency and end in its own mark: "EASTPORT, Ruritania (AP) _", "EASTPORT,
# March 3 (Xinhua) --"
_DATELINE = re.compile(
    r"(?:^|\s)([A-Z][A-Z.'’]{2,}(?: [A-Z][A-Z.'’]+)*)(?:, [A-Z][\w.'’ ]+)?(?: ?\([A-Z][\w.'’ -]{1,30}\))?"
    r"(?:\s*[—–]|\s+--?|\s+_)\s+(?=[A-Z0-9“\"`])",
    re.MULTILINE,
)  # the mark (a dash, a spaced hyphen or two, a wire's underscore) is followed by the body's first sentence
# "Eastport – Today, …": a dateline in title case opens a line and must name a known place, since
# any capitalised word may open a line before a dash
_TITLE_DATELINE = re.compile(
    r"^([A-Z][a-z'’.]+(?: [A-Z][a-z'’.]+){0,2})(?:, [A-Z][\w.'’ ]+)?(?:\s*[—–]|\s+-)\s+(?=[A-Z0-9“\"])",
    re.MULTILINE,
)
_DATELINE_REACH = 400  # a dateline opens the body; a page header may come before it
_PAST_AUX = frozenset({"was", "were", "had"})
_NOT_PAST = frozenset({"will", "would", "may", "might", "could", "should", "must", "can", "shall"})
_EARLIER = frozenset({"previously", "earlier", "already", "formerly", "once", "before", "prior"})


def _past(tok: Token) -> bool | None:
    """The tense verdict one clause head gives: True past, False not past, None no finite verb here."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _NOT_PAST or a.tag_ == "MD" for a in auxes):
        return False
    if tok.tag_ == "VBD":
        return True
    if any(a.lower_ in ("has", "have") for a in auxes):
        return False  # the perfect is background ("has led attacks"), not the story's happening
    if any(a.lower_ in _PAST_AUX for a in auxes):
        return True
    if tok.tag_ in ("VBZ", "VBP"):
        return False
    return None


def told_in_past(tok: Token) -> bool:
    """Whether the trigger's clause is in the simple past, climbing from a noun or an infinitive
    ("managed to wound", "killed in the strike") to the finite verb that carries the tense."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX"):
            verdict = _past(cur)
            if verdict is not None:
                return verdict
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def told_as_earlier(tok: Token) -> bool:
    """Whether the trigger's clause sets its happening before the story ("previously sanctioned",
    "had already designated", "was earlier listed"): an earlier act, not a retelling of the lead."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX"):
            kids = list(cur.children)
            if any(c.dep_ == "advmod" and c.lower_ in _EARLIER for c in kids):
                return True
            # the past perfect ("had designated") sets it before the story's time
            return cur.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in kids)
        if cur.head == cur:
            return False
        cur = cur.head
    return False


# "JOHANNESBURG, August 7 (Xinhua) --", "OSLO, Dec. 2 (Xinhua) --": a wire dateline that states the day it was filed
_DATED_LINE = re.compile(
    r"(?:^|\n)\s*[A-Z][A-Z.'’ -]{2,}, ([A-Z][a-z]{2,8})\.? (\d{1,2}) \([A-Z][\w.'’ -]{1,30}\)\s*(?:[—–]|--?|_)"
)
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_FILED_BEFORE = 7  # days a wire story may sit between its dateline and its publication date


def dateline_day(text: str, published: date | None) -> date | None:
    """The day a wire dateline says the story was filed ("JOHANNESBURG, August 7 (Xinhua) --"), in the year
    of publication; None when the dateline states no day or one that does not fit the publication date (a
    story is filed on its publication day or a few days before). A feed may date the story a day later than
    it was filed: "Friday" and "today" in it are then the dateline's, not the feed's."""
    found = _DATED_LINE.search(text[:_DATELINE_REACH])
    if found is None or published is None:
        return None
    month = found.group(1)[:3].lower()
    if month not in _MONTH_NAMES:
        return None
    for year in (published.year, published.year - 1):  # a story filed Dec. 31, published Jan. 1
        try:
            day = date(year, _MONTH_NAMES.index(month) + 1, int(found.group(2)))
        except ValueError:
            return None
        if 0 <= (published - day).days <= _FILED_BEFORE:
            return day
    return None


def dateline(text: str) -> str | None:
    """The place of a dateline near the top ("WASHINGTON —", "MOGADISHU, Somalia –"), most specific
    part first and title-cased; None when the article has none. Only capitals before a dash count,
    so a heading or an ordinary sentence is never read as a dateline."""
    head = text[:_DATELINE_REACH]
    found = _DATELINE.search(head)
    if found is not None:
        return found.group(1).title()
    titled = _TITLE_DATELINE.search(head)
    if titled is not None and (is_place(titled.group(1)) or is_country(titled.group(1))):
        return titled.group(1)
    return None


@dataclass(slots=True)
class Lead:
    """Tracks the lead events of one article while its triggers are read in text order: for each
    PLOVER root, the first date and the first place given to a trigger of that root in the
    article's first sentences (the dateline standing for the place of the article's first
    happening when it names none)."""

    dateline: str | None = None
    dates: dict[str, DateInterval] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)
    acts: dict[str, DateInterval] = field(default_factory=dict)  # any dated lead, the release's own act too
    first_root: str | None = None  # the story the dateline locates: the article's first happening
    sentences_seen: int = 0
    last_sentence: int = -1

    def see(
        self,
        tok: Token,
        event_type: str,
        date: DateInterval | None,
        place: str | None,
        own_act: bool = False,
        apart: bool = False,
        told_as_fact: bool = True,
    ) -> tuple[DateInterval | None, str | None]:
        """The date and place to give this trigger: its own when it has them (which may make it a
        lead), else the lead's when the trigger retells the lead's kind of happening in the past,
        or names the act the release itself performs (``own_act``: "owing to this
        designation", "today's action"), whatever the tense of the clause around it. A happening
        set apart in time from its clause (``apart``: the object of "after", "since") and not made
        definite ("a week after an attack on a base", not "after the attack") is another one than
        the lead's and takes nothing from it. A happening not ``told_as_fact`` (negated, hypothetical,
        demanded: "the raid on X is not linked with the bombings") lends no place to the lead: the story
        an article is about is one it asserts."""
        if tok.sent.start != self.last_sentence:
            self.last_sentence = tok.sent.start
            self.sentences_seen += 1
        root = plover_of(event_type)[0]
        self.first_root = self.first_root or root
        in_lead = self.sentences_seen <= LEAD_SENTENCES
        if in_lead and root not in self.places and told_as_fact:
            place = place or (self.dateline if root == self.first_root else None)
            if place is not None:
                self.places[root] = place
        if date is not None and in_lead and date.start is not None:
            self.acts.setdefault(root, date)  # "Today, X is designating …": dated by the publication
            if date.note is None:
                self.dates.setdefault(root, date)
        other = apart and not told_as_known(tok)
        retold = own_act or (told_in_past(tok) and not told_as_earlier(tok) and not other)
        if (date is not None and place is not None) or not retold:
            return date, place
        if place is None:
            place = self.places.get(root)
        lead = self.dates.get(root) or (self.acts.get(root) if own_act else None)
        if date is None and lead is not None:
            note = f"date of the article's lead {root.lower()} ({lead.text}), carried to a later undated mention"
            date = replace(lead, note=note)
        return date, place


_ANAPHORIC_DETS = frozenset({"the", "this", "that"})


def _retells(tok: Token) -> bool:
    """Whether a trigger noun refers back to a happening already told: a singular noun with a
    definite determiner and nothing else of its own ("the strike", "this attack"). A modifier,
    a possessor or a phrase ("the 2019 attack", "the previous raid", "the attack on the embassy")
    may single out another happening, so only the bare phrase counts."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN":
        return False
    kids = list(tok.children)
    return len(kids) == 1 and kids[0].dep_ == "det" and kids[0].lower_ in _ANAPHORIC_DETS


def retold_later(events: list[Event], tokens: list[Token]) -> list[Event]:
    """Undated events dated by a later retelling of the same happening.

    ``tokens[k]`` is the trigger of ``events[k]`` (events in text order). A retelling is a bare
    definite singular noun (:func:`_retells`) of a later sentence whose date is its own (no note:
    written in its clause, not carried). Its antecedent is the nearest earlier asserted or claimed
    event of the same PLOVER root told by a verb or a singular noun (a plural "attacks" is not the
    one "the attack" refers to); when that happening has no date, all its events take the
    retelling's date, with a note saying so, and its place when they have none."""
    out = list(events)
    for j, (ev, tok) in enumerate(zip(events, tokens, strict=True)):
        if ev.date is None or ev.date.start is None or ev.date.note is not None or not _retells(tok):
            continue
        root = plover_of(ev.type)[0]
        earlier = [
            k
            for k in range(j)
            if tokens[k].i < tok.sent.start
            and plover_of(events[k].type)[0] == root
            and events[k].modality in ("asserted", "claimed")
            and tokens[k].tag_ != "NNS"
        ]
        if not earlier:
            continue
        antecedent = tokens[max(earlier, key=lambda k: tokens[k].i)]
        same = [k for k in earlier if tokens[k] == antecedent]
        if any(out[k].date is not None for k in same):
            continue  # the happening referred back to has a date already
        note = f"date of a later sentence telling the same {root.lower()} again ({ev.date.text})"
        for k in same:
            out[k] = replace(out[k], date=replace(ev.date, note=note), place=out[k].place or ev.place)
    return out


def _owned(tok: Token) -> bool:
    """Whether a trigger is a singular noun with its doer as possessor ("X's attack", "the group's
    raid"): a definite description that picks out the one such happening the reader knows."""
    return tok.pos_ == "NOUN" and tok.tag_ == "NN" and any(c.dep_ == "poss" for c in tok.children)


def retold_earlier(events: list[Event], tokens: list[Token]) -> list[Event]:
    """Undated events that name again, by their doer's possessive ("X's attack"), a happening of the
    same kind and doer told earlier with a date of its own words: they take that date and, when
    they have none, its place, with a note saying so.

    ``tokens[k]`` is the trigger of ``events[k]`` (events in text order). A plural ("X's attacks")
    or a bare noun does not single out one happening, so neither is dated this way."""
    out = list(events)
    for j, (ev, tok) in enumerate(zip(events, tokens, strict=True)):
        if ev.date is not None or ev.source_group < 0 or not _owned(tok):
            continue
        root = plover_of(ev.type)[0]
        told = [
            k
            for k in range(j)
            if tokens[k].i < tok.sent.start
            and events[k].source_group == ev.source_group
            and plover_of(events[k].type)[0] == root
            and tokens[k].tag_ != "NNS"
            and events[k].date is not None
            and events[k].date.start is not None
            and events[k].date.note is None
        ]
        if not told:
            continue
        first = events[max(told, key=lambda k: tokens[k].i)]
        note = f"date of the same {root.lower()} told earlier ({first.date.text})"
        out[j] = replace(ev, date=replace(first.date, note=note), place=ev.place or first.place)
    return out


def _site_key(text: str | None) -> str | None:
    """A target phrase folded to its head word, singular: "the two U.S. embassies" and "the embassy"
    name the same kind of thing hit; what tells them apart is left to the place and the date."""
    if not text:
        return None
    words = re.findall(r"[\w'’]+", text.lower())
    if not words:
        return None
    head = words[-1]
    for plural, single in (("ies", "y"), ("ses", "s"), ("s", "")):
        if head.endswith(plural) and len(head) > len(plural) + 2:
            return head[: -len(plural)] + single
    return head


def _named_sites(tok: Token) -> set[str]:
    """The kinds of structure a nominal trigger's own compound names ("the embassy bombings", "a hotel
    blast"): what was hit, even when the sentence's object is the toll ("... bombings killed 40")."""
    if tok.pos_ != "NOUN":
        return set()
    kinds = lexicon().words["site_nouns"]
    return {lemma(c) for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN" and lemma(c) in kinds}


def _says(ev: Event) -> bool:
    """Whether an event's place is written in its own sentence (not carried there from the lead): only a
    place the sentence names can tie a mention to another attack there."""
    return ev.place is not None and ev.place.casefold() in ev.sentence.casefold()


def _carried(ev: Event) -> bool:
    """Whether an event is undated, or dated only by the lead's carry (a guess by kind of happening)."""
    return ev.date is None or ev.date.start is None or (ev.date.note or "").startswith("date of the article's lead")


def _lead_guess(ev: Event) -> bool:
    """Whether an event's date is the lead's carry and its place is not written in its own sentence: both came
    with the carry (:class:`Lead`), a guess by kind of happening that a mention of the same site overrides
    ("the strikes on the camps on Thursday ... linking the camps with the embassy attacks": not Thursday's)."""
    return (
        ev.date is not None
        and (ev.date.note or "").startswith("date of the article's lead")
        and ev.place is not None
        and not _says(ev)
    )


_DEFINITE = frozenset({"the", "this", "these", "that", "those"})
# the note of a date read from an earlier sentence of the trigger's paragraph (events_dates.date_for): the
# paragraph's own date for its story ("On May 3, X met Y. The two sat in a cafe as a device blew up")
_PARAGRAPH_NOTE = "date of an earlier sentence of the paragraph"


def told_as_known(tok: Token) -> bool:
    """Whether a mention refers to a happening the report has in view: a noun made definite by its
    determiner or possessor ("the blasts", "these senseless acts", "last Friday's bombings"). A bare plural
    ("attacks, which pose threats") names a kind, and a verb ("gunmen attacked a market") may tell a new
    happening: neither refers back."""
    return tok.pos_ == "NOUN" and any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in tok.children
    )


def _names_several(tok: Token) -> bool:
    """Whether a definite mention names several happenings at once: a plural noun ("the blasts", "the two
    bombings", "these senseless acts"). Where a report's dated attacks struck two places on one day, such a
    mention refers to them together, so their one date is its date; a singular one would have to pick one."""
    return tok.pos_ == "NOUN" and tok.tag_ == "NNS"


def same_site_dates(
    events: list[Event], types: frozenset[str] | set[str] | list[str], tokens: list[Token] | None = None
) -> list[Event]:
    """Undated uses of force dated by the document's own-dated use of force on the same thing or place (a
    date of its own words, or of its paragraph's earlier sentence).

    A report names one attack many times, most without a date: "X deplored the raid on a police post"
    in the lead, "bombs exploded outside the embassy on Friday" below. A mention with no date of its own
    (or only the lead's carried one) takes the date that the document's dated mentions of its root give
    for the same target (its head word, or the same actor) or, when one of the two names no target, the
    same place written in the dated mention's sentence; only when those mentions agree on one date, and
    never across two places. A mention that ties to none of them but refers to a known happening (a
    definite noun: :func:`told_as_known`) takes the date when every dated mention of its root in the
    report gives the same one, at no two places or kinds of site (``tokens[k]`` is the trigger of
    ``events[k]``); it lends no place. The date
    keeps a note saying it was carried, so a reader sees the inference."""
    dated = [
        e
        for e in events
        if e.type in types
        and e.date is not None
        and e.date.start is not None
        and (e.date.note is None or e.date.note.startswith(_PARAGRAPH_NOTE))
        and e.modality in ("asserted", "claimed")
    ]
    out = list(events)
    # the structures each mention's own compound names ("the embassy bombings ... killed 40": an embassy was hit
    # though the sentence's object is the dead)
    named = {id(e): _named_sites(t) for e, t in zip(events, tokens, strict=True)} if tokens is not None else {}
    for k, ev in enumerate(events):
        if ev.type not in types or not _carried(ev) or ev.modality in ("hypothetical", "demanded"):
            continue
        root = plover_of(ev.type)[0]
        key = _site_key(ev.target)
        mine = named.get(id(ev), set()) | ({key} if key is not None else set())
        # a place the lead's carry brought with its date is as much a guess as the date: it bars no match
        where = None if _lead_guess(ev) else ev.place
        same = [
            d
            for d in dated
            if plover_of(d.type)[0] == root
            and not (where and d.place and where != d.place)
            and (
                (key is not None and (_site_key(d.target) == key or 0 <= ev.target_group == d.target_group))
                or bool(named.get(id(ev)) and mine & (named.get(id(d), set()) | {_site_key(d.target)}))
                or ((key is None or d.target is None) and ev.place is not None and d.place == ev.place and _says(d))
            )
        ]
        sites = [named.get(id(d), set()) | {_site_key(d.target)} for d in same]
        what = "target" if any(mine & found for found in sites) else "place"
        if not same and tokens is not None and told_as_known(tokens[k]):
            same = [d for d in dated if plover_of(d.type)[0] == root]
            sites = {_site_key(d.target) for d in same} | {key}
            places = {d.place for d in same} | {ev.place}
            several = len(sites & set(lexicon().words["site_nouns"])) > 1 or len(places - {None}) > 1
            if several and not _names_several(tokens[k]):
                continue  # two places or two kinds of site struck: more than one attack, none singled out
            what = "report"  # every dated mention of the root gives one date: the report's one attack
        spans = {(d.date.start, d.date.end) for d in same if d.date is not None}
        if len(spans) != 1:
            continue
        first = same[0]
        assert first.date is not None
        if ev.date is not None and (ev.date.start, ev.date.end) in spans:
            continue
        if what == "report":
            note = f"date the report gives its only dated {root.lower()} ({first.date.text}), told here again"
        else:
            note = f"date of the same {root.lower()} on the same {what} told elsewhere ({first.date.text})"
        place = where or (first.place if what != "report" else ev.place)
        out[k] = replace(ev, date=replace(first.date, note=note), place=place)
    return out
