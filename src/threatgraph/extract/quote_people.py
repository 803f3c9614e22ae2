"""Which person a speaker phrase names, from what the article itself says about its people.

News names a speaker once in full ("Foreign Minister Ada Roe") and then by surname, pronoun or
description ("Roe", "she", "the minister"). This module holds the evidence those references are
resolved with: the titles the article gives each person (a title's domain, "of Police", excluded),
the gender it gives them (a gendered title, a pronoun in a sentence naming that person alone, or a
subject pronoun continuing the one person just named), and the bare surnames the tagger left
unlabelled. Nothing is guessed from a name itself: a person the text says nothing about is
compatible with any pronoun and any title.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from threatgraph.extract.events_actors import MentionIndex
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.labels import label_config
from threatgraph.extract.quote_cues import cues
from threatgraph.model import Mention

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacy.tokens import Doc, Span, Token


def person_spans(doc: Doc, index: MentionIndex) -> Iterator[tuple[Mention, Span]]:
    """Each grouped person mention with its token span: what titles, affiliations and genders are read from."""
    for m in index.mentions:
        if m.label != "Person" or m.group < 0:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            yield m, span


def quoted_at(tok: Token, quoted: tuple[tuple[int, int], ...]) -> bool:
    """A token inside quotation marks: words quoted are never their own attribution ("“Meh,” wrote …")."""
    return any(s <= tok.idx < e for s, e in quoted)


def outside(m: Mention, quoted: tuple[tuple[int, int], ...]) -> bool:
    return not any(s <= m.start < e for s, e in quoted)


@cache
def person_titles() -> frozenset[str]:
    return frozenset(str(w) for w in label_config()["person_titles"])


PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
#: Dependencies of a pronoun that is the object of a verb or preposition: in the clause of a named subject it
#: names someone else, so it is no evidence of the subject's gender.
_OBJECT_DEPS = frozenset(("dobj", "dative", "iobj", "pobj"))


def genders(index: MentionIndex, quoted: tuple[tuple[int, int], ...] = ()) -> dict[int, str]:
    """The gender the article itself gives each person group, where it gives exactly one: a gendered title
    before a mention ("Mr", "Ms", "spokeswoman"), a pronoun in a sentence that names that person alone, or
    a subject pronoun outside quotations in a sentence naming nobody right after one that names that person
    alone (the chain "Ada Roe arrived. '…,' she said." that a later "he said" must not join). Names are
    never guessed from: a group the text says nothing about is compatible with either pronoun."""
    titles = cues()["gendered_titles"]
    seen: dict[int, set[str]] = {}
    titled: dict[int, set[str]] = {}  # what gendered titles say: firmer than any pronoun read around a name
    doc = index.doc
    people_in: dict[int, set[int]] = {}
    named_in: dict[int, list[Token]] = {}  # sentence start -> the root token of each person named there
    topic_of: dict[int, int] = {}  # sentence start -> the person group that is its main clause's subject
    units = sentence_units(doc)
    unit_of = {i: u.start for u in units for i in range(u.start, u.end)}
    roots = {u.start: min(u, key=lambda t: sum(1 for _ in t.ancestors)) for u in units}
    for m, span in person_spans(doc, index):
        unit = unit_of.get(span.start, span.sent.start)
        if outside(m, quoted):  # a name inside a quotation is talked about, not the one talking
            people_in.setdefault(unit, set()).add(m.group)
            named_in.setdefault(unit, []).append(span.root)
            if span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head == roots.get(unit):
                topic_of.setdefault(unit, m.group)
        for t in doc[max(span.sent.start, span.start - 3) : span.start]:
            if t.lower_.strip(".") in titles:
                titled.setdefault(m.group, set()).add(titles[t.lower_.strip(".")])
    last_named: set[int] = set()  # the people of the nearest sentence before that names any (or its subject)
    last_groups: set[int] = set()  # every person that sentence names
    for sent in units:
        groups = people_in.get(sent.start, set())
        named = named_in.get(sent.start, ())
        pronouns = [t for t in sent if t.lower_ in PRONOUN_GENDER and t.pos_ == "PRON" and not quoted_at(t, quoted)]
        # "His lawyer, Ada Roe, said he was innocent": the owner named by "his" is a man the sentence speaks
        # of besides Roe, so its other "he" may be him too and tells nothing of Roe
        others = {PRONOUN_GENDER[t.lower_] for t in pronouns if _owner_of_named(t, named)}
        said = {  # an object pronoun is someone else ("Ada Roe introduced him": never Roe herself)
            PRONOUN_GENDER[t.lower_]
            for t in pronouns
            if t.dep_ not in _OBJECT_DEPS and not _owner_of_named(t, named) and not _commands_named(t, named)
        } - others
        if len(groups) == 1 and len(said) == 1:
            seen.setdefault(next(iter(groups)), set()).update(said)
        elif not groups and len(last_named) == 1:
            # '"…," he said.' after a sentence naming one person: the subject pronoun continues that person
            subjects = {
                PRONOUN_GENDER[t.lower_]
                for t in sent
                if t.lower_ in PRONOUN_GENDER and t.dep_ == "nsubj" and not quoted_at(t, quoted)
            }
            chain = next(iter(last_named))
            known = titled.get(chain) or seen.get(chain, subjects)
            # 'A met B. "…," she said. He said …': with another person in that sentence, the other gender is
            # that person, not the chain going on; with none, the text gives its one person both (no gender)
            switch = not subjects <= known and len(last_groups) > 1
            if len(subjects) == 1 and not switch and subjects <= titled.get(chain, subjects):
                seen.setdefault(chain, set()).update(subjects)
            else:
                last_named = set()  # "Vale objected.": someone the tagger missed may be the topic now
        if groups:  # the main clause's subject is the one a following "she said" continues
            topic = topic_of.get(sent.start)
            other = any(
                t.dep_ in ("nsubj", "nsubjpass") and t.head == roots[sent.start] and index.at(t) is None
                for t in sent
                if not quoted_at(t, quoted)
            )  # "the developer told them that Ada Roe had …": the subject is someone unnamed, not Roe
            last_named = {topic} if topic is not None else (set() if other else groups)
            last_groups = groups
    for g, v in titled.items():  # "Mr. Vale" is a man whatever "she" follows him (the chain was someone else's)
        if len(v) == 1:
            seen[g] = set(v)
        else:
            seen.setdefault(g, set()).update(v)
    return {g: next(iter(v)) for g, v in seen.items() if len(v) == 1}


def _owner_of_named(pron: Token, named: Iterable[Token]) -> bool:
    """Whether a possessive pronoun sits in a named person's own noun phrase ("his rival, Ada Roe,", "Jon Vale,
    her lawyer,", "his deputy Ada Roe"): it names the owner, someone else, so it says nothing of that person's
    gender."""
    if pron.dep_ != "poss":
        return False
    noun = pron.head
    return any(
        noun.i == r.i
        or (noun.head.i == r.i and noun.dep_ in ("appos", "compound"))
        or (r.head.i == noun.i and r.dep_ in ("appos", "compound", "nmod"))
        for r in named
    )


def _commands_named(pron: Token, named: Iterable[Token]) -> bool:
    """Whether a subject pronoun stands over a name in its own clause ("He pointed to Marcus Reed", "she said Jon
    Vale had lied"): a pronoun never refers to a name it precedes and governs, so it is someone else."""
    if pron.dep_ not in ("nsubj", "nsubjpass"):
        return False
    clause = pron.head
    return any(r.i > pron.i and clause.left_edge.i <= r.i <= clause.right_edge.i for r in named)


#: Words that end a title read leftwards from a name: a verb, a conjunction, a pronoun or a determiner.
_CLAUSE_POS = frozenset(("VERB", "AUX", "SCONJ", "CCONJ", "PRON", "DET"))


def sentence_units(doc: Doc) -> list[Span]:
    """The parser's sentences cut again at paragraph breaks: a parser may run the last sentence of one
    paragraph into the quotation opening the next ('… fixed nothing."' / '"She's …," he said.'), and a
    pronoun there must not be read as said in the same sentence as the name before the break."""
    out = []
    for sent in doc.sents:
        start = sent.start
        for t in sent:
            if t.i > start and t.is_space and t.text.count("\n") >= 1 and t.i + 1 < sent.end:
                out.append(doc[start : t.i])
                start = t.i + 1
        out.append(doc[start : sent.end])
    return [u for u in out if len(u)]


_NOT_PERSON_ENTS = frozenset(("GPE", "LOC", "ORG", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"))


def surname_mentions(doc: Doc, index: MentionIndex) -> list[Mention]:
    """Person mentions for the bare surnames the tagger left unlabelled after the full name, so that
    speakers, antecedents of pronouns and descriptions see every place the article names the person."""
    out = []
    for tok in doc:
        if index.at(tok) is not None or tok.ent_type_ in _NOT_PERSON_ENTS:
            continue
        if tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN":
            continue  # "Lake Brook": part of another name
        known = surname_of(tok, index)
        if known is not None:
            out.append(
                Mention(
                    start=tok.idx,
                    end=tok.idx + len(tok),
                    text=tok.text,
                    label="Person",
                    norm=known.norm,
                    sentence=tok.sent.text,
                    sent_start=tok.sent.start_char,
                    group=known.group,
                    canonical=known.canonical or known.text,
                    source="surname",
                )
            )
    return out


def surname_of(tok: Token, index: MentionIndex) -> Mention | None:
    """The person a bare proper noun the tagger left unlabelled names ("Vale said" after "Jon Vale"):
    the one person group whose full name, mentioned earlier, ends in that word; none when it fits no
    group or several (two Vales), or when the word is a name of a place or body in the article."""
    if tok.pos_ != "PROPN" or not tok.is_title or tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ == "PROPN":
        return None
    word = tok.text
    found: dict[int, Mention] = {}
    for m in index.mentions:
        if m.start >= tok.idx:
            break
        parts = m.text.split()
        if m.label == "Person" and m.group >= 0 and len(parts) > 1 and parts[-1] == word:
            found.setdefault(m.group, m)
        elif m.label != "Person" and word in parts:
            return None
    return next(iter(found.values())) if len(found) == 1 else None


INDEFINITE = frozenset(("a", "an", "another", "one"))


def phrase(tok: Token) -> str:
    """A description's own words up to its head ("senior official", "spokesman"), for an unnamed source."""
    words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "punct")]
    if not words:
        return tok.text
    return tok.doc[words[0].i : tok.i + 1].text  # as written: "Ada Roe's advisers", not "Roe 's"


def titled_people(tok: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...]) -> list[Mention]:
    """People named before a description whom the article gave its head noun as a title ("Deputy Sam Ortiz"
    ... "the deputy"), nearest last; the evidence that a common noun is a description of a person at all."""
    want = lemma(tok)
    out, seen = [], set()
    for p in reversed(index.mentions):
        if p.label != "Person" or p.end > tok.idx or tok.idx - p.end >= 3000 or not outside(p, quoted):
            continue
        if p.group in seen:
            continue
        seen.add(p.group)
        if want in title_words(p, index):
            out.append(p)
    return out[::-1]


def group_spans(person: Mention, index: MentionIndex) -> Iterator[Span]:
    """The token spans of every mention of a person's group (the person alone when ungrouped): what the
    readers of titles, context and past offices look around. Mentions that fall off token boundaries are
    skipped rather than guessed."""
    for m in index.mentions:
        if m.group != person.group or (person.group < 0 and m is not person):
            continue
        span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            yield span


def title_words(person: Mention, index: MentionIndex) -> set[str]:
    """Lemmas of the titles the article gives a person's group: the words right before a mention
    ("Foreign Minister Ada Roe") and its apposition on either side ("the army chief, Jon Vale," /
    "Jon Vale, the army chief,"); unlike the context window, a neighbour's title is not included."""
    doc, out = index.doc, set()
    for span in group_spans(person, index):
        abbreviations = cues()["title_abbreviations"]
        words: list[str] = []
        for t in reversed(doc[max(span.sent.start, span.start - 6) : span.start]):
            if (t.is_punct and t.text not in ("-", ".")) or t.pos_ in _CLAUSE_POS:
                break  # a title runs up to the name: "told supporters that X" gives X no title
            if t.pos_ == "ADP":  # "Superintendent of Police": the words after "of" are the domain, not the title
                words = []
                continue
            words.append(abbreviations.get(t.lower_.rstrip("."), lemma(t)))
        out.update(words)
        if span.end < span.sent.end and doc[span.end].text == ",":
            for t in doc[span.end + 1 : min(span.sent.end, span.end + 12)]:
                if t.is_punct or t.pos_ == "ADP":  # "X, the head of the ministry,": head
                    break
                out.add(lemma(t))
        root = span.root
        if root.dep_ == "appos" and root.head.i < span.start:
            out.update(lemma(t) for t in doc[root.head.left_edge.i : root.head.i + 1])
    return out


def context_words(person: Mention, index: MentionIndex) -> set[str]:
    """Lower-cased words around every mention of a person's group: how the article introduced them."""
    doc, out = index.doc, set()
    for span in group_spans(person, index):
        window = doc[max(span.sent.start, span.start - 6) : min(span.sent.end, span.end + 8)]
        out.update(t.lower_ for t in window)
        out.update(lemma(t) for t in window)
    return out
