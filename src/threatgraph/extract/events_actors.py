"""Turning a token in the parse into an actor: a mention group, or the noun phrase itself.

Events and quotes both need "who is this word": the head of a subject may sit inside a
mention ("Iran's Islamic Revolutionary Guard Corps"), stand for a group through its members
("the group's fighters", "Zainabiyoun fighters", "members of X"), be an apposition ("an
Iran-backed militant outfit" -> the Brigade), a relative pronoun ("that sent…"), or an
anaphor ("the group", "it", "he"). Resolution follows those links; what cannot be tied to a
mention falls back to the plain noun phrase so the event still names its actor.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import lexicon
from threatgraph.extract.events_syntax import parallel_patient, prep_objects
from threatgraph.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Mention labels that can act (do or undergo something); places and dates cannot.
ACTOR_LABELS = frozenset({"Person", "Organization", "ArmedGroup", "PublicBody", "Company", "Country", "Nationality"})
ORG_LABELS = ("ArmedGroup", "Organization", "PublicBody", "Company")
PLACE_LABELS = frozenset({"Country", "Location"})
_GROUP_LABELS = ("ArmedGroup", "Organization")  # what "the group" can stand for
_RELATIVE = frozenset({"that", "who", "which", "whom", "whose"})
_PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "npadvmod", "punct", "nummod"})


@dataclass(frozen=True, slots=True)
class Actor:
    """Who an argument is: canonical name and in-document group (-1 when no mention)."""

    text: str
    group: int = -1
    label: str | None = None


class MentionIndex:
    """Token -> mention lookup for one document, plus the anaphora search over mentions."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        ordered = sorted(mentions, key=lambda m: m.start)
        #: Each mention's tokens (None when its characters fall outside the tokens), aligned with ``mentions``.
        self.spans: list[Span | None] = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in ordered]
        self.mentions = surnames_as_people(ordered, self.spans)
        self.starts = [m.start for m in self.mentions]
        self._by_token: dict[int, Mention] = {}
        for m, span in zip(self.mentions, self.spans, strict=True):
            if span is None:
                continue
            for i in range(span.start, span.end):
                self._by_token.setdefault(i, m)

    def at(self, tok: Token) -> Mention | None:
        return self._by_token.get(tok.i)

    def before(
        self,
        char: int,
        labels: tuple[str, ...],
        window: int = 1500,
        skip: set[int] = frozenset(),
        subject: bool = False,
        naming: str | None = None,
    ) -> Mention | None:
        """The nearest mention before ``char`` whose label ranks first in ``labels``.

        ``skip`` holds token indices to pass over; ``subject`` keeps only mentions in subject
        position; ``naming`` keeps only names that hold that word ("brigade" in "Shah Brigade").
        """
        best: Mention | None = None
        best_rank = len(labels)
        for m in reversed(self.mentions):
            if m.start >= char:
                continue
            if char - m.end > window:
                break
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or span.root.i in skip:
                continue
            if subject and span.root.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if naming is not None and naming not in (lemma(w) for w in span):
                continue
            if m.label in labels:
                rank = labels.index(m.label)
                if rank < best_rank:
                    best, best_rank = m, rank
                if rank == 0:
                    break
        return best


#: Prepositions before which a name is where something happens, not who acts.
_WHERE = frozenset(
    {"in", "at", "near", "from", "into", "across", "inside", "throughout", "within", "outside", "around"}
)


def surnames_as_people(mentions: list[Mention], spans: list[Span | None]) -> list[Mention]:
    """Mentions with a one-word place that is the surname of a person the document names read as
    that person: a release names "Ousmane Diallo" once and then says "Diallo led …", and the tagger,
    knowing a town called Diallo, types the short form as a place. The surname must belong to one
    named person only, and a place preposition before it ("in Diallo") keeps it a place."""
    people: dict[str, set[tuple[int, str]]] = {}
    for m in mentions:
        words = m.text.split()
        if m.label == "Person" and m.group >= 0 and len(words) > 1:
            people.setdefault(words[-1].casefold(), set()).add((m.group, m.canonical or m.text))
    if not people:
        return mentions
    out = []
    for m, span in zip(mentions, spans, strict=True):
        one_word = m.label == "Location" and span is not None and len(span) == 1
        owners = people.get(m.text.casefold()) if one_word else None
        where = span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ in _WHERE
        if owners is not None and len(owners) == 1 and not where:
            group, name = next(iter(owners))
            m = replace(m, label="Person", group=group, canonical=name)
        out.append(m)
    return out


def _actor_of(m: Mention) -> Actor:
    return Actor(m.canonical or m.text, m.group, m.label)


def _hyphenated(tok: Token) -> bool:
    return any(t.text in ("-", "‑") for t in tok.subtree)


def _phrase(tok: Token) -> str:
    """The noun phrase headed by ``tok`` without determiners, clauses or hyphenated triggers.

    "Pakistani counterterrorism police" stays whole; "a number of Iran-trained militants" is
    "militants" (the "Iran-trained" modifier is an event of its own).
    """
    left = [t for t in tok.lefts if t.dep_ in _PHRASE_DEPS and not (t.dep_ == "amod" and _hyphenated(t))]
    start = tok.i
    for t in sorted(left, key=lambda t: -t.i):
        if t.right_edge.i + 1 < start and tok.doc[t.right_edge.i + 1 : start].text.strip(" ’'s") != "":
            break
        start = t.left_edge.i
    while start < tok.i and (tok.doc[start].pos_ in ("DET", "PUNCT") or tok.doc[start].dep_ in ("det", "predet")):
        start += 1
    return tok.doc[start : tok.i + 1].text.strip(" ,-—–")


def resolve(tok: Token, index: MentionIndex, depth: int = 0, *, patient: bool = False) -> Actor | None:
    """The actor a token stands for, following mentions, members, appositions and anaphora.
    ``patient``: the token is the object a trigger acts on (see :func:`_measured`)."""
    if depth > 4:
        return None
    lex = lexicon()
    if tok.dep_ == "nsubj" and _dateline_word(tok):
        for body in (c for c in tok.children if c.dep_ == "appos"):
            # "WASHINGTON — The Treasury's OFAC today designated …", parsed with the dateline as the subject
            return resolve(body, index, depth + 1)
    m = index.at(tok)
    if m is not None and (m.label in ACTOR_LABELS or (m.label == "Location" and tok.dep_ == "nsubj")):
        return _actor_of(m)  # a capital as subject speaks for its state: "Washington blamed …"
    if m is not None:
        return None  # a place or a date is not an actor
    low = tok.lower_
    if low == "which" and tok.head.dep_ == "relcl" and lemma(tok.head.head) in lex.words["person_nouns"]:
        return None  # "attacks on civilians, which killed …": "which" is never said of people
    if low in _RELATIVE and tok.head.dep_ in ("relcl", "acl") and tok.head.head != tok:
        named = _name_before(tok, index)
        if named is not None and named is not index.at(tok.head.head):
            return _actor_of(named)  # "strikes against the Front, which has fought …": the Front
        said = _said_of(tok.head.head, index, depth)
        return said if said is not None else resolve(tok.head.head, index, depth + 1)
    if tok.pos_ == "PRON" or low in lex.words["person_pronouns"]:
        return _anaphor(tok, index)
    lem = lemma(tok)
    if lem in lex.words["quantity_nouns"] or (lem == "group" and any(c.lower_ == "a" for c in tok.lefts)):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return resolve(pobj, index, depth + 1)
    for child in tok.children:
        if child.dep_ == "appos":
            found = index.at(child)
            if found is not None and found.label in ACTOR_LABELS:
                return _actor_of(found)
        if child.dep_ == "acl" and lemma(child) in lex.words["naming_verbs"]:
            named = [g for p in child.children if p.lower_ == "as" for g in p.children if g.dep_ == "pobj"]
            found = index.at(named[0]) if named else None
            if found is not None and found.label in ACTOR_LABELS:
                return _actor_of(found)  # "the second man, named as Tariq Mansoor"
    if tok.dep_ == "appos" and tok.head.pos_ in ("PROPN", "NOUN"):
        return resolve(tok.head, index, depth + 1)
    for acl in (c for c in tok.children if c.dep_ == "acl"):
        for be in (x for x in acl.children if x.dep_ == "xcomp" and lemma(x) == "be"):
            for attr in (a for a in be.children if a.dep_ == "attr"):
                named = resolve(attr, index, depth + 1)
                if named is not None and named.group >= 0:
                    return named  # "gunmen believed to be members of X": X, as the text supposes
    person = _person_in_title(tok, index)
    if person is not None:
        return _actor_of(person)  # "Senior Superintendent of Police Naveed Chandio"
    measured = patient and _measured(tok)  # "designated two Front financiers": the financiers, not the Front
    if lem in lex.words["member_nouns"] and not measured:
        for adj in (c for c in tok.children if c.dep_ in ("amod", "acl") and lemma(c) in lex.words["allegiance_words"]):
            for pobj in (g for p in adj.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"):
                found_actor = resolve(pobj, index, depth + 1)
                if found_actor is not None and found_actor.group >= 0:
                    return found_actor  # "militants loyal to X", "fighters affiliated with X"
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "nmod"):
                found_actor = resolve(child, index, depth + 1)
                if found_actor is not None and found_actor.label == "Person" and tok.tag_ == "NNS":
                    continue  # "his followers" are others, not the man: a group stands for its members, he does not
                if found_actor is not None and found_actor.group >= 0:
                    return found_actor
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):  # "fighters from X"
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found_actor = resolve(pobj, index, depth + 1)
                        if found_actor is not None:
                            return found_actor
    for child in () if measured else tok.children:
        found = index.at(child) if child.dep_ in ("compound", "nmod", "amod") else None
        if found is not None and found.label in ORG_LABELS:
            return _actor_of(found)  # "its Basij militia", "an al-Shabaab truck bomb"
    plural = tok.tag_ in ("NNS", "NNPS")  # "the two groups" is not the one group named last
    definite = any(c.lower_ in ("the", "this", "that") for c in tok.lefts)
    if lem in lex.words["company_anaphora"] and definite and not plural:
        found = index.before(tok.idx, ("Company", "Organization"), window=800)
        if found is not None:
            return _actor_of(found)  # "the firm said": the company named before, not the armed group
    if lem in lex.words["group_anaphora"] and definite and not plural:
        anaphor = _anaphor(tok, index)
        if anaphor is not None:
            return anaphor
    if lem in lex.words["militant_nouns"] and definite and plural and not any(c.dep_ == "prep" for c in tok.children):
        found = index.before(tok.idx, ("ArmedGroup",), window=600)
        if found is not None:
            return _actor_of(found)  # "Boko Haram fighters raided X. The militants burned …"
    if tok.pos_ == "NOUN":
        named = _surface_apposition(tok, index) or _predicate_of(tok, index, depth)
        if named is not None:
            return named if isinstance(named, Actor) else _actor_of(named)
    if tok.pos_ == "NOUN" and definite and not plural and not any(c.lower_ == "of" for c in tok.children):
        described = described_before(tok, index)
        if described is not None:
            return _actor_of(described)  # "X is a cleric in Sirte. The cleric has recruited …": X
    if tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and _people_noun(tok, lem, patient)) or _plural_owner(tok):
        return Actor(_phrase(tok))
    return None


def _people_noun(tok: Token, lem: str, patient: bool) -> bool:
    """Whether an unnamed noun can stand for whoever acted or was acted on: a body or role that acts
    (``actor_nouns``), or a noun for people (``person_nouns``, the one list entity typing reads too):
    "clashed with demonstrators", "villagers attacked the post". A bare plural object of a noun for
    people is anyone of the kind ("the council may add persons of any kind to its list"), unless it is the
    thing a violent act is done to (``patient``, as :func:`resolve_all` passes it): a subject tells who did
    it, and "fired on demonstrators" whom it hit."""
    words = lexicon().words
    if lem in words["actor_nouns"]:
        return True
    if lem not in words["person_nouns"]:
        return False
    bare = tok.tag_ == "NNS" and not any(c.dep_ in ("det", "nummod", "poss", "amod", "compound") for c in tok.children)
    return patient or not bare or tok.dep_ in ("nsubj", "nsubjpass")


#: How far back (characters) a definite description looks for the name it was said of.
DESCRIPTION_WINDOW = 1500


def described_before(tok: Token, index: MentionIndex) -> Mention | None:
    """The named actor a definite description repeats: "X is a cleric in Sirte. The cleric has
    recruited …", "Y, a money exchange, … The exchange moved funds". A text introduces someone
    with a common noun (predicate, apposition or title) and then refers back with that noun: the
    actor the same noun was said of is the antecedent (compatible by the noun itself). A noun said
    of nobody named, or of two different actors within reach, resolves to no one: a wrong doer is
    worse than none."""
    lem = lemma(tok)
    found: Mention | None = None
    for m, span in zip(reversed(index.mentions), reversed(index.spans), strict=True):
        if span is None or span.end > tok.i:
            continue
        if tok.idx - m.end > DESCRIPTION_WINDOW:
            break
        if m.label not in ACTOR_LABELS or m.label in PLACE_LABELS or m.label == "Nationality":
            continue
        if not any(lemma(d) == lem for d in _descriptions(span.root) if not span.start <= d.i < span.end):
            continue
        if found is not None and (m.group < 0 or m.group != found.group):
            return None  # two clerics named before "the cleric": which one is not said
        found = found or m
    return found


def _descriptions(root: Token) -> list[Token]:
    """The common nouns a name is described by: its appositions ("X, a cleric"), the noun it is in
    apposition to ("a cleric, X"), its copula predicate ("X is a cleric and a trader") and a title
    before it ("cleric X")."""
    out = [c for c in root.children if c.dep_ in ("appos", "compound") and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        out.append(root.head)
    if root.dep_ in ("nsubj", "nsubjpass") and lemma(root.head) in _COPULAS:
        for attr in (c for c in root.head.children if c.dep_ == "attr"):
            out += [attr, *(c for c in attr.conjuncts if c.pos_ == "NOUN")]
    return out


def _measured(tok: Token) -> bool:
    """Whether a common noun is what a measure is imposed on ("designated two Front financiers",
    "the Front's treasurer was sanctioned"): a measure on members is not one on their group, so the
    noun keeps its own phrase rather than standing for the group, as it does when members act
    ("Front fighters raided …"). A group's listing read into a member's would flag the group."""
    head = tok
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    if tok.pos_ != "NOUN" or head.dep_ not in ("dobj", "nsubjpass") or head.head.pos_ != "VERB":
        return False
    lex = lexicon()
    trig = lex.verbs.get(lemma(head.head))
    return trig is not None and trig.type in lex.words["issued_types"]


_DASHES = frozenset({"-", "–", "—", "--"})


def _dateline_word(tok: Token) -> bool:
    """Whether ``tok`` is a dateline opening a line ("WASHINGTON —", "MOGADISHU, Somalia –"): a word
    in capitals at the start of a line, a dash within the next few tokens. A dateline says where a
    release was issued; it never acts, so a parse that makes it the subject has the body as its
    apposition."""
    doc = tok.doc
    if (
        not tok.is_upper
        or len(tok.text) < 3
        or (tok.i > 0 and "\n" not in doc[tok.i - 1].whitespace_ + doc[tok.i - 1].text)
    ):
        return False
    return any(t.text in _DASHES for t in doc[tok.i + 1 : tok.i + 5])


def _plural_owner(tok: Token) -> bool:
    """A plural common noun as possessor ("the proxies' attacks", "the smugglers' network"): only
    beings and bodies own acts and things, so it is someone, kept as its phrase (it links to no
    entity). A time is no owner ("the last weeks' raids")."""
    return tok.dep_ == "poss" and tok.tag_ == "NNS" and tok.ent_type_ not in ("DATE", "TIME")


def thing_antecedent(pronoun: Token) -> Token | None:
    """What "which" refers to when the parse hung its clause on a people noun: "attacks on
    civilians, which killed …", "fired on soldiers, which wounded …". "Which" is said of things,
    so the clause is about the act the people noun is the object of (through one preposition)."""
    clause = pronoun.head
    noun = clause.head
    if pronoun.lower_ != "which" or clause.dep_ != "relcl" or lemma(noun) not in lexicon().words["person_nouns"]:
        return None
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "VERB"):
        return noun.head.head
    if noun.dep_ == "dobj":
        return noun.head
    return None


def _name_before(tok: Token, index: MentionIndex) -> Mention | None:
    """The actor named right before ``tok``, punctuation aside ("the Front — which …"). A relative
    pronoun after a name refers to it whatever noun the parser hung the clause on."""
    doc = tok.doc
    i = tok.i - 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    m = index.at(doc[i]) if i >= 0 else None
    if m is None or m.label not in (*ORG_LABELS, "Person"):
        return None  # "… near Dunmore, Eastland, which left …": a place ends the phrase, it does not act
    person = m.label == "Person"  # "who" is said of people, "which" of things and bodies
    if (tok.lower_ in ("who", "whom") and not person) or (tok.lower_ == "which" and person):
        return None
    return m


def _said_of(noun: Token, index: MentionIndex, depth: int) -> Actor | None:
    """The named subject a relative clause's noun is predicated of: "X was a militia commander who
    spoke for the movement …", "X was one of some forty recruits who drilled with …". The clause
    tells what X did; the noun's own modifiers (the militia) only say whose commander X was."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and lemma(noun.head.head) in lexicon().words["quantity_nouns"]:
        noun = noun.head.head  # "one of N who …"
    if noun.dep_ != "attr" or lemma(noun.head) not in _COPULAS or noun.tag_ not in ("NN", "NNP", "CD"):
        return None
    copula = noun.head
    subjects = [c for c in copula.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and copula.dep_ == "conj":  # "X was considered … and was one of …"
        subjects = [c for c in copula.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    for subj in subjects:
        actor = resolve(subj, index, depth + 1)
        if actor is not None and actor.group >= 0:
            return actor
    return None


def _predicate_of(tok: Token, index: MentionIndex, depth: int) -> Actor | None:
    """The named subject a predicate noun is said of: "X is a militia leader, tasked with …", "X is a
    group that provides training": the leader, the group, is X. A copula equates its subject and its
    predicate, so what the predicate noun does, the subject does; only a named subject counts."""
    if tok.dep_ != "attr" or lemma(tok.head) not in _COPULAS:
        return None
    for subj in tok.head.children:
        if subj.dep_ == "nsubj":
            actor = resolve(subj, index, depth + 1)
            if actor is not None and actor.group >= 0:
                return actor
    return None


_COPULAS = frozenset({"be", "become", "remain"})


def _surface_apposition(tok: Token, index: MentionIndex) -> Mention | None:
    """A name set off by a comma right after a common noun phrase: "a splinter group, the Northern
    Lions." The parser often hangs such a name elsewhere; the comma still says it is the same
    thing. Only a name that closes the phrase (comma, stop or end) counts, not a list item."""
    doc = tok.doc
    i = tok.right_edge.i + 1
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    while i < len(doc) and doc[i].dep_ == "det":
        i += 1
    m = index.at(doc[i]) if i < len(doc) else None
    if m is None or m.label not in ACTOR_LABELS:
        return None
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.start > i:
        return None
    after = doc[span.end] if span.end < len(doc) else None
    return m if after is None or after.text in (",", ".", ";", ")", "—", "–") else None


def _person_in_title(tok: Token, index: MentionIndex) -> Mention | None:
    """A person named inside a title phrase headed by ``tok`` (through "of" and compounds only)."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    stack = [c for c in tok.children if c.dep_ in ("prep", "compound") and (c.dep_ != "prep" or c.lower_ == "of")]
    while stack:
        cur = stack.pop()
        m = index.at(cur)
        if m is not None and m.label == "Person":
            return m
        stack.extend(c for c in cur.children if c.dep_ in ("pobj", "compound", "prep") and c.lower_ != "at")
    return None


def _plural_subject_before(tok: Token) -> Token | None:
    """The nearest plural actor noun in subject position in this or the two previous sentences."""
    lex = lexicon()
    start = tok.sent.start
    for _ in range(2):
        if start > 0:
            start = tok.doc[start - 1].sent.start
    for cand in reversed(tok.doc[start : tok.i]):
        if (
            cand.dep_ in ("nsubj", "nsubjpass")
            and cand.tag_ == "NNS"
            and (lemma(cand) in lex.words["actor_nouns"] or lemma(cand) in lex.words["member_nouns"])
        ):
            return cand
    return None


def _speakers_of(tok: Token) -> set[int]:
    """Tokens that are the subject of a speech verb above ``tok``: a speaker rarely calls himself "he"."""
    speech = lexicon().words["speech_verbs"]
    out: set[int] = set()
    for anc in tok.ancestors:
        if anc.pos_ == "VERB" and lemma(anc) in speech:
            for subj in anc.children:
                if subj.dep_ == "nsubj":  # "A spokesman, Mark Ellison, said …": both words are the speaker
                    out.add(subj.i)
                    out.update(c.i for c in subj.children if c.dep_ == "appos")
    return out


# pronouns that refer to nobody in the text: a free relative ("whoever fired") or an indefinite ("someone
# planted a bomb") says who acted is not known, so no earlier name is its antecedent
_INDEFINITE = frozenset(
    {"whoever", "whomever", "someone", "somebody", "anyone", "anybody", "no one", "nobody", "one", "none"}
)


def _anaphor(tok: Token, index: MentionIndex) -> Actor | None:
    """The antecedent of a pronoun or "the group": nearest preceding mention of a fitting kind."""
    lex = lexicon()
    low = tok.lower_
    if low in _INDEFINITE:
        return None  # "whoever fired the shot", "someone planted a bomb": the text says the doer is not known
    wanted = ("Person",) if low in lex.words["person_pronouns"] else ORG_LABELS
    # "The army said it had killed …": a body's "it" is itself. A speaker's "he" is left to the
    # search below, which passes over speakers ("police said he …" is someone else).
    reporter = _reporting_subject(tok, index) if low in ("it", "its") else None
    if reporter is not None and (reporter.group < 0 or reporter.label in (*ORG_LABELS, "Country")):
        return reporter  # "the army said it had shelled …": the one who says "it" did it
    if tok.pos_ == "PRON" and (tok.sent.root.i < tok.i or tok.dep_ != "nsubj"):
        # Subjects are the likeliest antecedents: "The US Treasury placed X on its blacklist".
        for subj in tok.sent.root.children:
            found = index.at(subj) if subj.dep_ == "nsubj" and subj.i < tok.i else None
            if found is not None and found.label in wanted and low not in ("they", "them", "their"):
                return _actor_of(found)
    if low in lex.words["person_pronouns"]:
        exclude = _speakers_of(tok)
        continued, settled = _continued_subject(tok, index)
        if settled and continued is None:
            return None  # the pronoun continues a subject that is no known person: no other person is it
        m = continued or index.before(tok.idx, ("Person",), skip=exclude)
    elif low in ("we", "us", "our", "ours"):
        return _quoted_speaker(tok, index) or _author_body(tok, index)
    elif low in ("i", "you", "me", "my", "your", "what", "this", "these", "those", "that"):
        return None
    elif low in ("they", "them", "their"):
        m = index.before(tok.idx, ("ArmedGroup", "Organization"), window=600)
        people = _plural_subject_before(tok)
        if people is not None and (m is None or people.idx > m.start):
            # "The men were arrested … They target boys": the people just named, a group only through them
            return resolve(people, index, depth=3) or Actor(_phrase(people))
    elif tok.pos_ != "PRON":  # "the group", "the battalion": the nearest group it can name
        m = _group_antecedent(tok, index)
    else:
        m = index.before(tok.idx, ORG_LABELS)
    return _actor_of(m) if m is not None else None


def _continued_subject(tok: Token, index: MentionIndex, reach: int = 6) -> tuple[Mention | None, bool]:
    """The person a subject "he"/"she" continues: the subject of the sentences before, through a
    chain of such pronouns ("X was Y's deputy. He was … He was … For decades, he was …" is X, not
    the nearer Y). A text keeps talking about its subject (centering): a pronoun subject most
    likely continues the previous sentence's subject. Only when no person is named in the
    pronoun's own sentence before it, and only as far as the chain of subjects holds. A chain that
    ends on a proper name the mentions do not hold as an actor (a surname typed as a place, an
    unknown name) settles the question without an answer: the pronoun is that name's, and no other
    person's. Returns (the person, whether the chain settled who it is)."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.lower_ not in ("he", "she"):
        return None, False
    sent = tok.sent
    if any((m := index.at(t)) is not None and m.label == "Person" for t in tok.doc[sent.start : tok.i]):
        return None, False
    doc = tok.doc
    for _ in range(reach):
        if sent.start == 0:
            return None, False
        sent = doc[sent.start - 1].sent
        subjects = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) != 1:
            return None, False
        subj = subjects[0]
        if subj.lower_ == tok.lower_:
            continue  # the chain goes on
        found = index.at(subj)
        if found is not None and found.label == "Person":
            return found, True
        # "X has taken part in … He led …" with the surname X read as a town: the pronoun still
        # continues that subject, so the nearest named person would be someone else
        return None, (found is None and subj.pos_ == "PROPN") or (found is not None and found.label not in ACTOR_LABELS)
    return None, False


_QUOTES = frozenset('"“”')


def _reporting_subject(tok: Token, index: MentionIndex) -> Actor | None:
    """The subject of the speech verb whose reported clause holds ``tok`` as its subject: "the army
    said it had killed …" -> the army's actor. Only a subject of that clause, so "X said the police
    arrested its members" does not make X the arrester."""
    if tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
        return None
    clause = tok.head if tok.dep_ != "poss" else tok.head.head
    if clause.dep_ != "ccomp" or lemma(clause.head) not in lexicon().words["speech_verbs"]:
        return None
    if tok.dep_ == "poss" and tok.head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for subj in clause.head.children:
        if subj.dep_ == "nsubj" and subj.i < tok.i:
            return resolve(subj, index, depth=3)
    return None


def _author_body(tok: Token, index: MentionIndex) -> Actor | None:
    """Who "we" is outside any quotation: the body a statement opens with ("The ministry deplores
    … We back …"). Only the subject of one of the first sentences counts, and only
    when no quotation mark is anywhere in the paragraph, since a quote may run over sentences."""
    doc = tok.doc
    para = _paragraph(tok)
    if any(t.text in _QUOTES for t in para):
        return None
    for n, sent in enumerate(doc.sents):
        if n >= 2 or sent.start > tok.i:
            break
        for subj in (c for c in sent.root.children if c.dep_ == "nsubj"):
            m = index.at(subj)
            if m is not None and m.label in ("Country", "PublicBody", "Organization"):
                return _actor_of(m)
    return None


def _paragraph(tok: Token) -> Span:
    """The tokens of the paragraph (between blank lines, else line breaks) holding ``tok``."""
    doc = tok.doc
    lo, hi = tok.i, tok.i
    while lo > 0 and "\n" not in doc[lo - 1].text:
        lo -= 1
    while hi < len(doc) - 1 and "\n" not in doc[hi + 1].text:
        hi += 1
    return doc[lo : hi + 1]


def _quoted_speaker(tok: Token, index: MentionIndex) -> Actor | None:
    """Who "we"/"our" is in a quotation: the body that says it in the same sentence ("“Our brigade
    shelled the depot,” the Front said"). Outside quotation marks, or with a person as speaker (whose
    "we" may be a government, a unit or a family), it stays unresolved."""
    sent = tok.sent
    if not any(t.text in _QUOTES for t in sent):
        return None
    speech = lexicon().words["speech_verbs"]
    verbs = [v for v in (sent.root, *(c for c in sent.root.children if c.dep_ == "parataxis")) if lemma(v) in speech]
    for subj in (c for v in verbs for c in v.children if c.dep_ == "nsubj"):
        if subj.left_edge.i <= tok.i <= subj.right_edge.i:
            continue
        actor = resolve(subj, index, depth=3)
        if actor is not None and actor.group >= 0 and actor.label in ORG_LABELS:
            return actor
    return None


def _group_antecedent(tok: Token, index: MentionIndex) -> Mention | None:
    """The antecedent of a definite group noun, by compatibility then recency, never by frequency.

    A name that carries the noun itself comes first ("the brigade" -> the Northern Lions Brigade,
    even past a nearer group); then the nearest armed group or organisation that was a subject,
    since "the group" continues the story of whoever acted; then the nearest one in any position;
    then the nearest organisation of any kind (a ministry, a company).
    """
    named = index.before(tok.idx, ORG_LABELS, window=3000, naming=lemma(tok))
    if named is not None:
        return named
    for subject in (True, False):
        found = [index.before(tok.idx, (label,), subject=subject) for label in _GROUP_LABELS]
        nearest = max((m for m in found if m is not None), key=lambda m: m.start, default=None)
        if nearest is not None:
            return nearest
    return index.before(tok.idx, ORG_LABELS)


def expand(tok: Token) -> list[Token]:
    """A coordinated argument as its parts ("the IRGC and its Basij militia" -> both heads)."""
    out = [tok]
    if not tok.conjuncts:
        return out
    # "designated A for supporting X and B for recruiting": B is no second X (see parallel_patient)
    cut = {p.i for f in tok.sent if f.lower_ == "for" and (p := parallel_patient(f)) is not None}
    for conj in tok.conjuncts:
        if conj.i in cut:
            break
        if conj.pos_ in ("NOUN", "PROPN", "PRON") and conj.i > tok.i:
            out.append(conj)
    return out


def thing(tok: Token, index: MentionIndex) -> Actor | None:
    """What a violent act was aimed at when it is no actor: "shelled the grain silo",
    "a raid on an army post", "fired on a crowd of shoppers". Only a common noun
    outside any mention that names no happening, means, time or amount; kept as its phrase, so it
    links to no entity."""
    lex = lexicon()
    lem = lemma(tok)
    if tok.pos_ != "NOUN" or index.at(tok) is not None or tok.ent_type_ in _NOT_THINGS:
        return None
    if lem in lex.words["quantity_nouns"] or tok.lower_ in lex.words["quantity_nouns"]:
        of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        return (resolve(of[0], index) or thing(of[0], index)) if of else None
    if lem in lex.nouns or lem in lex.words["assessment_nouns"]:
        return None
    if lem in lex.words["instrument_nouns"] and not _means_told_apart(tok):
        return None
    if tok.dep_ == "pobj" and tok.head.head.pos_ in ("VERB", "AUX"):
        verb = tok.head.head  # "attacked the convoy on the road": the road is where, not what
        # a structure the act went off at, outside or through ("exploded outside the embassy") is hit
        site = tok.head.lower_ in lex.words["site_preps"] and lem in lex.words["site_nouns"]
        if any(c.dep_ == "dobj" and not _means(c) for c in verb.children) or (
            tok.head.lower_ not in ("against", "at", "upon") and not site
        ):
            return None
    return Actor(_phrase(tok))


def _means(obj: Token) -> bool:
    """Whether a verb's object is what it hit with, not what it hit ("fired mortar shells at the post",
    "hurled grenades at a checkpoint"): a means object leaves the verb's aiming phrase ("at", "against")
    to say what was hit, where any other object ("attacked the convoy at the crossing") makes it a where."""
    return lemma(obj) in lexicon().words["instrument_nouns"]


def _means_told_apart(tok: Token) -> bool:
    """Whether a word that can name a means ("car", "truck", "vehicle") is what was hit because its
    verb names the means apart: "the patrol car was hit with petrol bombs", "attacked the truck with
    rockets". A verb takes one means, so with a "with" phrase of a means its object or passive subject is
    the one acted on; without one ("a car was detonated") the word stays the means."""
    if tok.dep_ not in ("dobj", "nsubjpass") or tok.head.pos_ != "VERB":
        return False
    return any(_means(g) for g in prep_objects(tok.head, ("with",)))


_NOT_THINGS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})


#: Words that refer back to a number of people named together: "the pair", "the two", "both".
_GROUP_COUNTS = {"pair": 2, "duo": 2, "both": 2, "two": 2, "trio": 3, "three": 3}


def plural_antecedents(tok: Token, index: MentionIndex) -> list[Token]:
    """The names a plural anaphor refers back to: "Police named the gunmen as X and Y. The pair
    opened fire" -> X and Y; "X and Y run an exchange. Both have moved funds", "the two men". The
    antecedent is the nearest coordination of named people, in this or the two sentences before,
    with as many names as the anaphor counts; anything else leaves the anaphor alone."""
    count = _anaphor_count(tok)
    if count is None:
        return []
    doc = tok.doc
    start = tok.sent.start
    for _ in range(2):
        if start > 0:
            start = doc[start - 1].sent.start
    for cand in reversed(doc[start : tok.i]):
        m = index.at(cand)
        if m is None or m.label != "Person" or cand.dep_ == "conj" or tok.left_edge.i <= cand.i <= tok.right_edge.i:
            continue
        named = [cand, *(c for c in cand.conjuncts if c.i > cand.i)]
        people = [c for c in named if (p := index.at(c)) is not None and p.label == "Person"]
        if len(people) >= 2:
            return people if len(people) == count == len(named) else []  # the nearest list decides
    return []


def _anaphor_count(tok: Token) -> int | None:
    """How many people a plural anaphor counts: "the pair", "the two", "both", "the two men"; None otherwise."""
    low = tok.lower_
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
    if low in ("pair", "duo", "trio") and definite:
        return _GROUP_COUNTS[low]
    if low in ("two", "three") and definite and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
        return _GROUP_COUNTS[low]  # "the two have …"
    if low == "both" and tok.dep_ in ("nsubj", "nsubjpass"):
        return 2
    if tok.tag_ == "NNS" and lemma(tok) in lexicon().words["person_nouns"]:
        counts = [
            c for c in tok.children if c.dep_ in ("nummod", "det", "predet") and c.lower_ in ("two", "three", "both")
        ]
        if counts and (definite or counts[0].lower_ == "both"):
            return _GROUP_COUNTS[counts[0].lower_]  # "the two men", "both brothers"
    return None


def resolve_all(
    heads: list[Token], index: MentionIndex, things: frozenset[int] | set[int] = frozenset()
) -> list[tuple[Actor, Token]]:
    """Actors of coordinated heads; bare noun phrases are dropped when a sibling is a mention
    ("Zainabiyoun militants and their families" -> the Zainabiyoun only). A head whose index is in
    ``things`` (a trigger's own object, not a doer put in its place) may be the thing acted on
    (see :func:`thing`)."""
    out: list[tuple[Actor, Token]] = []
    for head in heads:
        kept = head.i in things
        named = plural_antecedents(head, index)  # "the pair", "both": the people named together before
        if named:
            out.extend((a, head) for a in (resolve(n, index) for n in named) if a is not None)
            continue
        parts = [
            (resolve(part, index, patient=kept) or (thing(part, index) if kept else None), part)
            for part in expand(head)
        ]
        found = [(a, p) for a, p in parts if a is not None]
        if any(a.group >= 0 for a, _p in found):
            found = [(a, p) for a, p in found if a.group >= 0]
        out.extend(found)
    return out
