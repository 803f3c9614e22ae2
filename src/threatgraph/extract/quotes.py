"""Direct and reported speech with the speaker, title, affiliation, cue verb and outlet.

Analysts weigh a claim by who made it: "a research fellow at S. Rajaratnam School of
International Studies, told Arab News" is evidence of a different kind than "multiple sources
at Pakistani intelligence agencies". Direct quotations are found from the quotation marks
(including a quotation that runs over several paragraphs, each reopened with a mark, and an
unattributed paragraph that continues the previous speaker); reported speech from a cue verb
with a clausal complement ("X told the Senate that …") or "according to X". Speakers are
resolved through mentions and pronouns ("he said") with the same actor resolution the events
use; a person's title and affiliation come from appositions and pre-name titles anywhere in
the article ("Interior Minister Haroon Aziz Qadir", "Samir Haddad, a University of Eastfield
researcher"). The cue words live in ``cues.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from threatgraph.extract.events import evidence_bounds
from threatgraph.extract.events_actors import ORG_LABELS, Actor, MentionIndex, resolve
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_lexicon import lexicon
from threatgraph.extract.labels import label_config
from threatgraph.extract.quote_cues import cues
from threatgraph.extract.quote_people import (
    INDEFINITE,
    PRONOUN_GENDER,
    context_words,
    genders,
    outside,
    person_spans,
    person_titles,
    phrase,
    quoted_at,
    surname_mentions,
    surname_of,
    titled_people,
)
from threatgraph.model import Article, Mention, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# A paragraph ends at a blank line, or at a line break right after a sentence end (many pages put one
# paragraph per line); a line break inside a sentence is hard wrapping.
_PARAGRAPH = re.compile(r"\n\s*\n|(?<=[.!?:\"”’)])[ \t]*\n\s*")


@dataclass(slots=True)
class _Marked:
    """A stretch of text between quotation marks (possibly several paragraphs long)."""

    start: int  # first character inside the marks
    end: int  # last character inside + 1
    text: str
    words: int


@dataclass(slots=True)
class _Profile:
    title: str | None = None
    affiliation: str | None = None


# --- direct quotations ---------------------------------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _marked_spans(text: str) -> list[_Marked]:
    """Quotation-mark spans; a paragraph that opens a quote without closing it continues into the
    next paragraph when that one reopens with a mark (the multi-paragraph convention)."""
    marks: dict[str, frozenset[str]] = cues()["quote_marks"]
    out: list[_Marked] = []
    pending: list[tuple[int, int]] = []  # unclosed segments of a running multi-paragraph quote
    for p_start, p_end in _paragraphs(text):
        i = p_start
        para_open = False
        while i < p_end:
            ch = text[i]
            if ch not in marks:
                i += 1
                continue
            close = _closing(text, marks[ch], i + 1, p_end)
            if close == -1:  # runs to the paragraph end: continues in the next one if reopened
                pending.append((i + 1, p_end))
                para_open = True
                break
            if pending and i == _first_char(text, p_start):
                pending.append((i + 1, close))
                out.append(_join(text, pending))
                pending = []
            else:
                out.append(_join(text, [(i + 1, close)]))
            i = close + 1
        if not para_open and pending and not _starts_with_mark(text, p_start, marks):
            out.append(_join(text, pending))
            pending = []
    if pending:
        out.append(_join(text, pending))
    return out


def _utterance(text: str, marked: _Marked) -> bool:
    """Whether a short quotation is a whole utterance rather than scare quotes ("cannon fodder"): it opens a
    sentence (at a paragraph or sentence start, or after a colon) with a capital and is closed as speech, by
    its own stop ('“We'll see.”') or by the comma of a frame that follows ('“Meh,” wrote …'). A name or title
    in quotation marks opens after words of its sentence, so it never qualifies."""
    if not marked.text[:1].isupper() or marked.start < 1:
        return False
    before = text[: marked.start - 1].rstrip(" \t")
    opens = not before or before[-1] in ".!?:\n"
    closed = text[marked.end - 1] in ".!?" or text[marked.end : marked.end + 1] == ","
    return opens and closed and "\n" not in marked.text


def _closing(text: str, closers: frozenset[str] | str, start: int, end: int) -> int:
    """The first closing mark of a quotation opened before ``start``; pages mix curly and straight
    marks (“…," he said), so an opening mark accepts every closer listed for it."""
    found = [i for c in closers if (i := text.find(c, start, end)) >= 0]
    return min(found) if found else -1


def _blank(ch: str) -> bool:
    """A space or an invisible format character (a left-to-right mark, a zero-width space pasted from a
    page): never the first or last character of what someone said."""
    return ch.isspace() or unicodedata.category(ch) == "Cf"


def _past_heading(text: str, start: int, end: int) -> int:
    """Where reported content starts when a heading line runs into it: a parser reads a sub-heading
    ("Relief Efforts Along the Border") and the sentence under it as one sentence, but a line without
    end punctuation whose words are all capitalised, followed by a line opening with a capital, is a
    heading, not part of the claim. Hard-wrapped lines (the next line opens lower-case) stay joined."""
    pos = start
    while (nl := text.find("\n", pos, end)) >= 0:
        line = text[pos:nl].strip()
        rest = _first_char(text, nl)
        words = re.findall(r"[^\W\d_][\w'’.-]*", line)
        content = [w for w in words if w.lower() not in _HEADING_JOINERS]
        if (
            not line
            or line[-1] in '.!?:;,"”’'
            or not content
            or not all(w[0].isupper() for w in content)
            or rest >= end
            or not text[rest].isupper()
        ):
            return pos
        pos = rest
    return pos


#: Short words a title-case heading leaves lower-case ("Talks in Geneva", "Strikes Against the Depots").
_HEADING_JOINERS = frozenset(
    ("a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "over", "the", "to")
    + ("under", "with", "against", "after", "before")
)


def _first_char(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _starts_with_mark(text: str, pos: int, marks: dict[str, frozenset[str]]) -> bool:
    first = _first_char(text, pos)
    return first < len(text) and text[first] in marks


def _join(text: str, segments: list[tuple[int, int]]) -> _Marked:
    """One quotation from its segments, trimmed of spaces and the comma before "…, he said"."""
    trimmed = []
    for s, e in segments:
        while s < e and _blank(text[s]):
            s += 1
        while e > s and (_blank(text[e - 1]) or text[e - 1] == ","):
            e -= 1
        trimmed.append((s, e))
    body = "\n\n".join(text[s:e] for s, e in trimmed if e > s)
    return _Marked(trimmed[0][0], trimmed[-1][1], body, len(body.split()))


# --- speakers ------------------------------------------------------------------------------


def _profiles(doc: Doc, index: MentionIndex) -> dict[int, _Profile]:
    """Title and affiliation of each person group, from the first apposition or pre-name title."""
    labels = cues()["affiliation_labels"]
    profiles: dict[int, _Profile] = {}
    for m, span in person_spans(doc, index):
        root = span.root
        prof = profiles.setdefault(m.group, _Profile())
        appos = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos" and index.at(root.head) is None:
            appos.append(root.head)  # "Their lawyer, Faisal Abbasi" -> lawyer
        for ap in appos:
            if prof.title is None and index.at(ap) is None:
                prof.title = _title_phrase(ap, index)
            if prof.affiliation is None:
                prof.affiliation = _affiliation(ap, index, labels)
        if prof.title is None and root.dep_ == "pobj" and root.head.lower_ == "of":
            title_head = root.head.head  # "Senior Superintendent of Police Naveed Chandio"
            if title_head.pos_ in ("NOUN", "PROPN") and index.at(title_head) is None:
                prof.title = doc[title_head.left_edge.i : span.start].text.strip()
        if prof.title is None:
            first = root.left_edge.i
            for t in doc[first : span.start]:
                if "\n" in t.text_with_ws:  # a heading line above the name ("Details") is no title of it
                    first = t.i + 1
            left = [t for t in doc[first : span.start] if t.pos_ not in ("DET", "PUNCT", "SPACE") and t.dep_ != "poss"]
            if left and all(index.at(t) is None or index.at(t).label in labels for t in left):
                prof.title = " ".join(t.text for t in left)
                if prof.affiliation is None:  # "UN aid coordinator Maria Lindqvist": the UN
                    orgs = [m for t in left if (m := index.at(t)) is not None]
                    prof.affiliation = (orgs[0].canonical or orgs[0].text) if orgs else None
    return profiles


def _title_phrase(head: Token, index: MentionIndex) -> str:
    words = [
        t
        for t in head.lefts
        if t.dep_ in ("compound", "amod") and index.at(t) is None and not any(index.at(x) for x in t.subtree)
    ]
    return " ".join(t.text for t in [*words, head])


def _affiliation(head: Token, index: MentionIndex, labels: frozenset[str]) -> str | None:
    stack = [head]
    while stack:
        tok = stack.pop(0)
        m = index.at(tok)
        if m is not None and m.label in labels:
            return m.canonical or m.text
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "acl", "appos", "punct"))
    return None


def _outlet(cue: Token, index: MentionIndex, article: Article) -> str | None:
    data = cues()
    heads = [c for c in cue.children if c.dep_ in ("dobj", "dative", "iobj")]
    heads += [g for c in cue.children if c.dep_ == "prep" and c.lower_ in data["outlet_preps"] for g in c.subtree]
    for tok in heads:
        m = index.at(tok)
        if m is None:
            continue
        name = m.canonical or m.text
        words = {w.lower() for w in re.findall(r"\w+", name)}
        if words & data["outlet_words"] or (article.outlet and name.lower() == article.outlet.lower()):
            return name
    return None


@dataclass(slots=True)
class _Attribution:
    cue: Token
    speaker: Actor | None
    speaker_token: Token | None
    source: tuple[int, int] | None = None  # the source span when it is not the speaker token's phrase


def _speaker(cue: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...] = ()) -> _Attribution:
    """Who speaks through ``cue``; ``quoted`` are the quotation spans, whose names never speak."""
    inverted = _inverted_speaker(cue, index, quoted)
    if inverted is not None:  # the source runs from after the cue to the end of the name, title included
        return _Attribution(cue, _actor(inverted), index.doc[cue.i + 1], (index.doc[cue.i + 1].idx, inverted.end))
    if cue.lower_ in cues()["according"]:
        pobj = [g for c in cue.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        tok = pobj[0] if pobj else None
    elif any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        # "X was told / warned / informed that …": the passive subject heard it; the speaker is the agent
        agent = [g for c in cue.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        tok = agent[0] if agent and not quoted_at(agent[0], quoted) else None
    else:
        subj = [c for c in cue.children if c.dep_ == "nsubj" and not quoted_at(c, quoted)]
        if len(subj) > 1:  # "Background\nAda Roe said", "KABUL (AP) — The group said": a heading or a dateline
            # read as a second subject is nobody; the subject is the one next to its verb
            subj.sort(key=lambda c: ("\n" in c.doc.text[c.idx : cue.idx] or _dateline_token(c), abs(cue.i - c.i)))
        if not subj:
            subj = _governing_subject(cue, quoted)  # "…, saying they had …", "was quoted as saying by AFP"
        if not subj:  # inverted attribution: '…," said Amina Rahimi', '…," said Minister of the Interior X'
            subj = [
                c
                for c in cue.rights
                if c.dep_ in ("dobj", "attr", "npadvmod", "appos", "nsubj")
                and (_is_person(c, index) or _named_person(c, index) is not None)
            ]
        if not subj:  # '…,” a witness, Fatuma Ali, told VOA' parsed with the subject inside the quote's clause
            subj = _between_quote_and_cue(cue, index, quoted)
        tok = subj[0] if subj else None
    if tok is not None and lemma(tok) in cues()["document_nouns"]:
        issuer = _issuer(tok, index)
        if issuer is None or issuer.group < 0:
            issuer = _earlier_issuer(tok, index) or issuer  # "the report" = the report named before
        if issuer is not None:
            return _Attribution(cue, issuer, tok)
    if tok is None:
        return _Attribution(cue, None, None)
    return _Attribution(cue, _speaker_actor(tok, index, quoted) or _unresolved(tok, index, quoted), tok)


def _unresolved(tok: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...]) -> Actor | None:
    """A noun phrase subject that names nobody the article names ("the senator, who spoke on condition of
    anonymity, said", "aides familiar with the matter say"): PARC's source all the same, kept as its own words
    and tied to no actor, so the claim is shown as said by someone unnamed and never credited to a name."""
    if tok.pos_ not in ("NOUN", "PROPN") or quoted_at(tok, quoted) or _dateline_token(tok):
        return None
    m = index.at(tok)
    if m is not None and m.label not in ("Person", *ORG_LABELS):
        return None  # a place or a date is nobody's voice
    return Actor(phrase(tok))


def _governing_subject(cue: Token, quoted: tuple[tuple[int, int], ...]) -> list[Token]:
    """The subject of the verb a participial cue hangs from: "…, saying …" (advcl), "was quoted as
    saying" (pcomp under a passive, whose subject is the passive subject)."""
    tok = cue
    for _ in range(3):
        if tok.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "prep") or tok.head == tok:
            return []
        tok = tok.head
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and not quoted_at(c, quoted)]
        if subj:
            return subj
    return []


def _between_quote_and_cue(cue: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...]) -> list[Token]:
    """The person named between a closing quotation mark and its cue ('…,” a witness, Ada Roe, told X'),
    whatever the parser attached the phrase to; empty when words other than a noun phrase stand there."""
    doc = cue.doc
    people: list[Token] = []
    for t in reversed(doc[cue.sent.start : cue.i]):
        if t.text in ("”", '"', "»") or (t.text == "’" and t.i > 0 and doc[t.i - 1].text == ","):
            return people[:1]  # the name nearest the cue
        if t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":"):
            return []
        m = index.at(t)
        if m is not None and m.label == "Person":
            people.append(t)
    return []


def _actor(m: Mention) -> Actor:
    return Actor(m.canonical or m.text, m.group, m.label)


def _named_person(tok: Token, index: MentionIndex) -> Mention | None:
    """The person a title phrase names: "Interior Deputy Minister Jon Vale", "Minister of
    the Interior Ada Roe". The name must follow nothing but the title: capitalised words,
    title nouns and their joining words, so "the lawyer for X" does not make X the speaker."""
    doc = tok.doc
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    if doc[start].sent != tok.sent:
        return None
    for i in range(start, end):
        m = index.at(doc[i])
        if m is None or m.label != "Person":
            continue
        owner = doc.char_span(m.start, m.end, alignment_mode="expand")
        if owner is not None and owner.root.dep_ == "poss" and owner.root.i != tok.i:
            return None  # "Ada Roe's advisers", "Roe's spokesman": the name owns the speaker, is not it
        if all(_title_word(t) for t in doc[start:i]):
            return m
        return None
    return None


def _title_word(t: Token) -> bool:
    return t.is_title or t.is_upper or t.is_punct or t.lower_ in person_titles() or t.lower_ in cues()["title_joiners"]


def _inverted_speaker(cue: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...] = ()) -> Mention | None:
    """The person named right after an inverted cue ('…," said Deputy Minister of the Interior for
    Border and Customs Security Jon K. Vale.'), read left to right: long titles parse
    badly, but the name is the first person after nothing but title words."""
    doc = cue.doc
    if cue.i == 0 or doc[cue.i - 1].text not in (",", "”", '"', "’") or cue.lower_ in cues()["according"]:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.i < cue.i and not quoted_at(c, quoted) for c in cue.children):
        return None  # "X, speaking at …, said Y had …": the subject before the cue speaks; Y opens the content
    for t in doc[cue.i + 1 : cue.sent.end]:
        m = index.at(t) or surname_of(t, index)
        if m is not None and m.label == "Person":
            return m if not quoted_at(t, quoted) else None
        if not _title_word(t) or t.text in (".", ";", ":"):
            return None
    return None


def _speaker_actor(tok: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...]) -> Actor | None:
    """The speaker a subject stands for: a name, a title phrase around a name, a description ("the
    police chief") or a pronoun resolved to the nearest person named before it outside any quotation."""
    if quoted_at(tok, quoted) or _dateline_token(tok):
        return None  # a name inside the quotation, or the dateline ("ISLAMABAD —"), is nobody's voice
    if tok.pos_ == "PRON" and tok.lower_ in _FIRST_PERSON:
        return None  # "we pledge …" outside quotation marks: the text's own voice (a speech, a statement)
    m = index.at(tok)
    if m is not None and m.label == "Person":
        return _actor(m)
    if m is None and (known := surname_of(tok, index)) is not None:
        return _actor(known)
    named = _named_person(tok, index)
    if named is not None:
        return _actor(named)
    determiners = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
    singular = tok.pos_ == "NOUN" and tok.tag_ != "NNS"
    definite = bool(determiners) and not determiners & INDEFINITE
    titled_before = titled_people(tok, index, quoted) if singular and definite else []
    description = singular and (lemma(tok) in person_titles() or bool(titled_before))
    if description and (apposed := _apposed_person(tok, index, quoted)) is not None:
        return _actor(apposed)
    if description and determiners & INDEFINITE:  # "a senior official said": someone new, left unnamed
        return Actor(phrase(tok))
    body = _body_antecedent(tok, index)
    if body is not None:
        return _actor(body)
    owned = _owned_body(tok, index)
    if owned is not None:
        return owned
    if tok.lower_ in ("they", "them"):
        people = _people_before(tok)
        if people is not None:
            return _unnamed(people, index) or resolve(people, index)
    if tok.tag_ == "NNS" and index.at(tok) is None:
        if any(c.dep_ == "poss" for c in tok.children) and lemma(tok) not in label_config()["heads"]["ArmedGroup"]:
            return Actor(phrase(tok), -1, "Person")  # "Ada Roe's advisers believe": her people, never Roe herself
        return _unnamed(tok, index) or resolve(tok, index)
    if not description and tok.lower_ not in ("he", "she"):
        return resolve(tok, index)
    before = [
        p
        for p in index.mentions
        if p.label == "Person" and p.end <= tok.idx and tok.idx - p.end < 1500 and outside(p, quoted)
    ]
    qualifiers = [c for c in tok.children if c.dep_ in ("poss", "compound", "nmod")] if description else []
    if qualifiers:  # "the police chief": only a person introduced with that title or body is meant
        words = {lemma(tok)} | {w.lower_ for q in qualifiers for w in q.subtree}
        before = [p for p in before if words & context_words(p, index)]
    elif description:  # "the minister said": the person the article titled minister; nobody when it titled none so
        before = [p for p in before if p.group in {t.group for t in titled_before}]
    if tok.lower_ in PRONOUN_GENDER:  # "she said": never a person the article writes of as "he"
        given = genders(index, quoted)
        want = PRONOUN_GENDER[tok.lower_]
        before = [p for p in before if given.get(p.group, want) == want] if before else before
    if before:
        return _actor(_antecedent(before, tok, index))
    return resolve(tok, index) if description else None


def _apposed_person(tok: Token, index: MentionIndex, quoted: tuple[tuple[int, int], ...]) -> Mention | None:
    """The person set off by commas inside a description's phrase ("a spokesman for the group, Ada Roe,"):
    parsers often hang the name on the last noun, but a person cannot be in apposition to a group or a
    place, so the name is the describer's. A name apposed to another person noun ("the lawyer for the
    leader, X") is that person, not the speaker."""
    for t in tok.subtree:
        if t.dep_ != "appos" or t.i <= tok.i or quoted_at(t, quoted):
            continue
        m = index.at(t)
        if m is not None and m.label == "Person" and (t.head.i == tok.i or lemma(t.head) not in person_titles()):
            return m
    return None


def _body_antecedent(tok: Token, index: MentionIndex) -> Mention | None:
    """ "the department said", "the ministry added": a definite singular noun that heads organisation names
    stands for the nearest organisation named with that word before it ("the Treasury Department")."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or index.at(tok) is not None:
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
        return None
    heads = label_config()["heads"]
    word = lemma(tok)
    if not any(word in heads[kind] for kind in ("PublicBody", "ArmedGroup", "Company")):
        return None
    return index.before(tok.idx, ORG_LABELS, window=3000, naming=word)


def _owned_body(tok: Token, index: MentionIndex) -> Actor | None:
    """ "Pakistan's foreign office said": a body word owned by a named actor is that actor's body, its own
    phrase as written (neither the country itself nor nobody)."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or index.at(tok) is not None:
        return None
    heads = label_config()["heads"]
    if lemma(tok) not in heads["PublicBody"] and lemma(tok) not in heads["ArmedGroup"]:
        return None
    owners = [c for c in tok.children if c.dep_ == "poss" and index.at(c) is not None]
    if not owners or index.at(owners[0]).label not in ORG_LABELS + ("Country", "Location"):
        return None
    first = next(t for t in tok.subtree if not t.is_punct)
    return Actor(tok.doc.text[first.idx : tok.idx + len(tok)], -1, "PublicBody")


def _antecedent(before: list[Mention], tok: Token, index: MentionIndex) -> Mention:
    """The nearest compatible antecedent of a pronoun or description: the people of the closest
    sentence that names any, and among them the one that is a clause subject (the topic the next
    sentence continues: "Maria Lopez met Tom Hardy. 'We will …,' she said" is Lopez), else the last."""
    doc = index.doc
    last = before[-1]
    span = doc.char_span(last.start, last.end, alignment_mode="expand")
    if span is None:
        return last
    sent = span.sent
    if sent.start <= tok.i < sent.end:  # the pronoun's own sentence: only the names before it
        same = [p for p in before if sent.start_char <= p.start]
    else:
        same = [p for p in before if sent.start_char <= p.start < sent.end_char]
    subjects = []
    for p in same:
        ps = doc.char_span(p.start, p.end, alignment_mode="expand")
        if ps is not None and ps.root.dep_ in ("nsubj", "nsubjpass"):
            subjects.append(p)
    return subjects[-1] if subjects else last


def _dateline_token(tok: Token) -> bool:
    """A token of the dateline opening its paragraph ("ISLAMABAD — Pakistan's army said …", "KABUL,
    Afghanistan (AP) — The Taliban said …", "ISLAMABAD: …"): a place and an agency, nobody's voice."""
    doc = tok.doc
    first = tok.i  # the first token of the line (Doc.text is rebuilt on each access: read the line's tokens)
    while first > 0 and "\n" not in doc[first - 1].text_with_ws:
        first -= 1
    while first < tok.i and doc[first].is_space:
        first += 1
    line = doc[first : tok.i + 1]
    found = _DATELINE.match(line.text)
    return found is not None and tok.idx - line.start_char < found.end()


def _unnamed(tok: Token, index: MentionIndex) -> Actor | None:
    """ "Western intelligence officials", "diplomatic sources": people left unnamed are their own phrase,
    not the country or body that qualifies them, so no named actor is credited with their words."""
    if lemma(tok) not in lexicon().words["actor_nouns"] and lemma(tok) not in cues()["source_nouns"]:
        return None
    words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "punct")]
    return Actor(" ".join(t.text for t in words) if words else tok.text)


def _people_before(tok: Token) -> Token | None:
    """The nearest plural noun for people ("officials", "sources") in this or the two sentences
    before: what "they" refers to in "…, they said" when people, not a group, were named last."""
    doc = tok.doc
    start = tok.sent.start
    for _ in range(2):
        if start > 0:
            start = doc[start - 1].sent.start
    words = lexicon().words["actor_nouns"] | cues()["source_nouns"]
    for cand in reversed(doc[start : tok.i]):
        if cand.tag_ == "NNS" and lemma(cand) in words:
            return cand
    return None


def _earlier_issuer(doc_noun: Token, index: MentionIndex) -> Actor | None:
    """The named issuer of an earlier document of the same kind ("a report by UN monitors" … "the report")."""
    want = lemma(doc_noun)
    for tok in reversed(doc_noun.doc[: doc_noun.i]):
        if tok.pos_ == "NOUN" and lemma(tok) == want:
            found = _issuer(tok, index)
            if found is not None and (found.group >= 0 or found.text[:1].isupper()):
                return found  # a mention, or a name the tagger missed ("a DoD news release")
    return None


def _is_person(tok: Token, index: MentionIndex) -> bool:
    m = index.at(tok)
    return m is not None and m.label == "Person"


def _issuer(doc_noun: Token, index: MentionIndex) -> Actor | None:
    """Who issued a report or statement: its possessor, compound or "by"/"from"/"of" phrase."""
    heads = [c for c in doc_noun.children if c.dep_ in ("poss", "compound", "nmod")]
    frames = [doc_noun, *(c for c in doc_noun.children if c.dep_ == "acl")]  # "a report released by X"
    heads += [
        g
        for f in frames
        for c in f.children
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if doc_noun.dep_ == "dobj" and lemma(doc_noun.head) in cues()["issuing_verbs"]:
        heads += [c for c in doc_noun.head.children if c.dep_ == "nsubj"]  # "X issued a statement"
    for head in heads:
        found = resolve(head, index)
        if found is not None:
            return found
    return None


def _inside(pos: int, spans: list[_Marked]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def _is_cue(tok: Token) -> bool:
    if tok.lower_ in cues()["according"]:
        return any(c.lower_ == "to" for c in tok.children)
    if tok.pos_ != "VERB":
        return False
    lem = lemma(tok)
    particle = cues()["phrasal_cues"].get(lem)
    if particle is not None and any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children):
        return True  # "points out that …"
    return lem in cues()["cue_verbs"] and not _raised(tok)


def _raised(tok: Token) -> bool:
    """A cue verb raising its subject into an infinitive ("a fighter thought to be active", "he is said to have
    fled", "was believed to be hiding"): the noun is what is said of, and whoever says it goes unnamed, so the
    verb attributes nothing to anyone in the text (PARC needs a source)."""
    passive = tok.dep_ == "acl" or any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    return (
        passive
        and not any(c.dep_ == "ccomp" for c in tok.children)
        and any(c.dep_ == "xcomp" and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children) for c in tok.rights)
    )


def _cue_for(
    cue_tokens: list[Token],
    marked: _Marked,
    paragraphs: tuple[tuple[int, int], tuple[int, int]],
    index: MentionIndex,
    text: str,
    quoted: tuple[tuple[int, int], ...] = (),
) -> Token | None:
    """The cue verb of a direct quote: after it in the paragraph it ends in ('…," X said'), else
    before it in the paragraph it starts in ('X said: "…'); ``text`` is ``doc.text`` passed in (spaCy
    rebuilds it from every token on each access)."""
    first, last = paragraphs
    paragraph = last
    doc = index.doc
    after = [t for t in cue_tokens if marked.end <= t.idx < paragraph[1]]
    # the attribution must sit in the sentence the quote ends in (or the one right after it)
    if after:
        end_sent = doc.char_span(marked.end - 1, marked.end, alignment_mode="expand")
        limit = end_sent.sent.end_char if end_sent is not None else paragraph[1]
        after = [t for t in after if t.idx < limit or t.sent.start_char <= marked.end + 3]
        for cue in after:  # '…," said X, a senior analyst …, told Y': the cue that has a speaker
            if _speaker(cue, index, quoted).speaker is not None:
                return cue
        if after:
            return after[0]
    framed = _frame_verb(doc, text, marked) or _woven_cue(doc, text, marked)
    if framed is not None:
        return framed
    before = [t for t in cue_tokens if first[0] <= t.idx < marked.start]
    return before[-1] if before else _colon_frame(doc, marked)


def _woven_cue(doc: Doc, text: str, marked: _Marked) -> Token | None:
    """The verb a quotation woven into its sentence hangs from ('who called it “a disaster …”', 'described
    the ruling as “…”'): the nearest verb before the opening mark in the same sentence, when it is a cue or
    a verb that characterises in someone's words (``characterising_verbs``) and has a subject of its own; a
    cue earlier in the paragraph belongs to another sentence's attribution."""
    opening = doc.char_span(marked.start - 1, marked.start, alignment_mode="expand")
    if opening is None or opening.start <= opening.sent.start:
        return None
    sent = opening.sent
    if text[max(0, marked.start - 40) : marked.start - 1].rstrip()[-1:] in (":", "") or not any(
        not t.is_punct and not t.is_space for t in doc[sent.start : opening.start]
    ):
        return None  # the quotation opens its sentence (or follows a colon): not woven in
    for tok in reversed(doc[sent.start : opening.start]):
        if tok.pos_ != "VERB":
            continue
        if not (_is_cue(tok) or lemma(tok) in cues()["characterising_verbs"]):
            return None
        return tok if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) else None
    return None


def _frame_verb(doc: Doc, text: str, marked: _Marked) -> Token | None:
    """The verb of a '“…,” he VERBed' frame: a quotation whose sentence goes on after its closing mark
    (it ends in a comma, "?" or "!" inside the mark) and is followed at once by a subject and its verb, or a
    verb and its subject, attributes the quotation through that verb whatever the verb is ("he continued",
    "she laughed", "recalled Jon Vale"): the frame's syntax is the cue, not the word."""
    close = marked.end
    while close < len(text) and text[close] in ",?!":
        close += 1
    if close >= len(text) or text[close] not in '”"’»' or not (close > marked.end or text[marked.end - 1] in "?!"):
        return None  # '“….” Next sentence': the quotation ends its sentence; no frame follows
    start = doc.char_span(close, close + 1, alignment_mode="expand")
    if start is None:
        return None
    words = [t for t in doc[start.end : min(len(doc), start.end + 6)] if not t.is_punct and not t.is_space]
    if not words:
        return None
    first = words[0]
    if first.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.i > first.i and _animate(c) for c in first.children):
        return first  # '“…,” recalled Jon Vale'
    if first.dep_ == "nsubj" or first.i < first.head.i and first.head.dep_ == "nsubj":
        subj = first if first.dep_ == "nsubj" else first.head
        verb = subj.head
        between = doc[subj.right_edge.i + 1 : verb.i]
        if (
            verb.pos_ == "VERB"
            and verb.i > subj.i
            and _animate(subj)
            and all(t.pos_ in ("AUX", "ADV", "PART") for t in between)
        ):
            return verb  # '“…,” he continued', '“…,” the spokesman laughed'
    return None


def _animate(subj: Token) -> bool:
    """A subject that can speak through any verb: a personal pronoun, a person's name or a noun for a person
    ("the spokesman laughed"); "the report began" quotes a text through a verb that reports no speech."""
    if subj.pos_ == "PRON":
        return subj.lower_ in PRONOUN_GENDER or subj.lower_ in ("they", "i", "we", "who")
    if subj.ent_type_ in _PERSON_ENTS:
        return True
    word = lemma(subj)
    return word in person_titles() or word in label_config()["person_nouns"] or word in cues()["source_nouns"]


def _colon_frame(doc: Doc, marked: _Marked) -> Token | None:
    """ "X issued the following statement: “…”": a quotation opened right after a colon belongs to the
    verb whose object is a statement-like document; that verb is the cue and its subject the source."""
    head = doc.char_span(marked.start - 1, marked.start, alignment_mode="expand")
    if head is None or head.start < 2:
        return None
    prev = next((t for t in reversed(doc[: head.start]) if not (t.is_space or t.text in ("“", '"', "«", "„"))), None)
    if prev is None or prev.text != ":":
        return None
    for tok in reversed(doc[prev.sent.start : prev.i]):
        if _is_cue(tok):
            return tok  # 'Analyst Ada Roe said:' closing the paragraph before the quotation
        if tok.dep_ == "dobj" and lemma(tok) in cues()["document_nouns"] and tok.head.pos_ == "VERB":
            return tok.head
    return None


# --- assembly ------------------------------------------------------------------------------


def _quote(text: str, start: int, end: int, att: _Attribution | None, **kw: Any) -> Quote:
    speaker = att.speaker if att else None
    name = speaker.text if speaker else None
    if name and (dl := _DATELINE.match(name)):  # "ISLAMABAD — Pakistan's army": the dateline is no part of it
        name = name[dl.end() :] or None
    if name and "\n" in name:  # a name never runs over a line break: a heading the tagger glued on
        name = name.rsplit("\n", 1)[-1].strip() or None
    q = Quote(
        text=text,
        start=start,
        end=end,
        speaker=name,
        speaker_group=speaker.group if speaker else -1,
        cue=("according to" if att and att.cue.lower_ in cues()["according"] else att.cue.text.lower())
        if att
        else None,
        **kw,
    )
    if att is not None:
        q.cue_start, q.cue_end = _cue_span(att.cue)
        if att.source is not None:
            q.source_start, q.source_end = att.source
        elif att.speaker_token is not None and speaker is not None:
            q.source_start, q.source_end = _source_span(att.speaker_token)
        if q.source_start >= 0:
            source = att.cue.doc.char_span(q.source_start, q.source_end, alignment_mode="expand")
            written = source.text if source is not None else ""
            if dl := _DATELINE.match(written):
                q.source_start += dl.end()
            if (nl := written.rfind("\n")) >= 0:
                q.source_start = max(q.source_start, source.start_char + nl + 1)
                while q.source_start < q.source_end and written[q.source_start - source.start_char].isspace():
                    q.source_start += 1
    return q


def _cue_span(cue: Token) -> tuple[int, int]:
    """The cue's words: the verb with its particle or "to" ("according to", "pointed out")."""
    end_tok = cue
    for child in cue.children:
        if child.i == end_tok.i + 1 and (child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ == "to")):
            end_tok = child
    return cue.idx, end_tok.idx + len(end_tok)


def _source_span(tok: Token) -> tuple[int, int]:
    """The source as written: the speaker's noun phrase up to its head ("Interior Deputy Minister Jon
    Vale", "the police chief", "he"), titles before the name included, clauses after it left out; a
    document source keeps the phrase naming its issuer ("a statement from the Nigerian Army")."""
    doc = tok.doc
    first = doc[max(tok.left_edge.i, tok.sent.start)]
    while first.i < tok.i and (first.is_punct or first.is_space):  # '…,” Ada Roe's spokesman': not the mark
        first = doc[first.i + 1]
    if lemma(tok) in cues()["document_nouns"]:
        issuer = [c for c in tok.rights if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of")]
        if issuer:
            last = issuer[-1].right_edge
            return first.idx, last.idx + len(last)
    last = tok
    while last.i + 1 < len(doc) and doc[last.i + 1].dep_ in ("compound", "flat") and doc[last.i + 1].head.i > last.i:
        last = doc[last.i + 1]
    if tok.ent_type_ not in _PERSON_ENTS:  # "a shopkeeper, Halima Yusuf,": the name is part of the source
        named = [c for c in tok.rights if c.dep_ == "appos" and c.ent_type_ in _PERSON_ENTS]
        if named:
            last = named[0]
            while (
                last.i + 1 < len(doc) and doc[last.i + 1].ent_iob_ == "I" and doc[last.i + 1].ent_type_ in _PERSON_ENTS
            ):
                last = doc[last.i + 1]
    return first.idx, last.idx + len(last)


_PERSON_ENTS = ("PERSON", "Person")
#: Subjects that are the voice of the text itself when they stand outside quotation marks.
_FIRST_PERSON = frozenset(("i", "we"))


def parc_record(quote: Quote, text: str) -> dict[str, Any]:
    """One attribution as PARC-style JSON: source, cue and content spans with their text, for scorers
    and exports; a span left unknown is null."""

    def span(start: int, end: int) -> dict[str, Any] | None:
        return {"start": start, "end": end, "text": text[start:end]} if 0 <= start < end else None

    return {
        "source": span(quote.source_start, quote.source_end),
        "speaker": quote.speaker,
        "cue": span(quote.cue_start, quote.cue_end),
        "content": span(quote.start, quote.end),
        "type": quote.parc_type,
    }


def _sentence_of(doc: Doc, text: str, pos: int) -> str:
    """``text`` is ``doc.text`` passed in: spaCy rebuilds ``Doc.text`` from every token on each access."""
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return evidence_bounds(text, span.sent.start_char, span.sent.end_char, pos)[0] if span is not None else ""


def _sentence_text(text: str, tok: Token) -> str:
    return evidence_bounds(text, tok.sent.start_char, tok.sent.end_char, tok.idx)[0]


def _reported_text(cue: Token) -> Span | None:
    """The reported clause of a cue verb: its complement, or for a parenthetical ("…, experts say")
    the clause it interrupts, or for "according to X" the rest of its clause."""
    doc = cue.doc
    comp = [c for c in cue.children if c.dep_ == "ccomp"]
    if not comp and (that := _that_clause(cue)) is not None:
        comp = [that]
    if comp:
        toks = list(comp[0].subtree)
        if len(toks) > 2 and toks[0].pos_ == "ADV" and toks[1].lower_ == "that" and toks[1].dep_ != "nsubj":
            toks = toks[1:]  # "said only that …", "said simply that …": the adverb qualifies the saying
        if toks and (toks[0].dep_ == "mark" or (toks[0].lower_ == "that" and toks[0].dep_ != "nsubj")):
            toks = toks[1:]  # the complementiser is no part of what was said (PARC), however it was parsed
        if toks and toks[0].i == cue.i + 1 and toks[0].dep_ in ("prep", "npadvmod"):
            # "said on Monday it had …": with no "that", a phrase right after the cue and before the clause's
            # subject is when or where the saying happened, not part of what was said
            subj = [c for c in comp[0].children if c.dep_ in ("nsubj", "nsubjpass") and c.i > toks[0].i]
            if subj:
                toks = [t for t in toks if t.i >= subj[0].left_edge.i]
        if toks and toks[0].tag_ == "WP" and toks[0].i < cue.i < toks[-1].i:
            # "in what X said was <content>": the free relative and its copula frame the content after them
            toks = [t for t in toks if t.i > cue.i]
            while toks and (toks[0].i == comp[0].i and lemma(toks[0]) == "be"):
                toks = toks[1:]
        return doc[toks[0].i : toks[-1].i + 1] if toks else None
    misread = _misread_that(cue)
    if misread is not None:  # "said that the raid …" with "that" taken for the object and the clause under it
        toks = [t for t in misread.subtree if t.i != misread.i and not t.is_space]
        return doc[toks[0].i : toks[-1].i + 1] if toks else None
    fronted = _fronted_content(cue)
    if fronted is not None:
        return fronted
    if cue.dep_ == "parataxis" or _as_clause(cue) or (cue.lower_ in cues()["according"] and cue.head != cue):
        head = cue.head
        skip = {t.i for t in cue.subtree}
        toks = [t for t in head.subtree if t.i not in skip]
        while toks and (toks[0].is_punct or toks[0].is_space):  # a stray mark before "According to X,"
            toks.pop(0)
        if toks and _interrupts(cue, toks):  # "The talks, X said, will resume": both sides (two parts)
            pass
        elif toks and cue.i > toks[0].i:  # "…, according to X.": the content ends where the attribution starts
            toks = [t for t in toks if t.i < cue.i] or toks
        elif toks and _as_clause(cue):  # "As X said yesterday, <clause>": the content starts after the comma
            comma = next((t.i for t in toks if t.text == "," and t.i < head.i), None)
            toks = [t for t in toks if comma is None or t.i > comma] or toks
        return doc[toks[0].i : toks[-1].i + 1] if toks else None
    return None


def _interrupts(cue: Token, toks: list[Token]) -> bool:
    """Whether a parenthetical attribution interrupts its content ("The talks, X said, will resume"; "The
    ceasefire, according to X, is holding"): content words stand before the frame and the clause's head
    verb after it, so the content is the two sides, not the words before the cue alone."""
    head = cue.head
    return toks[0].i < cue.left_edge.i and head.i > cue.right_edge.i and head.pos_ in ("VERB", "AUX")


def _frame_parts(text: str, cue: Token, start: int, end: int) -> list[tuple[int, int]]:
    """The content on each side of an interrupting frame (source and cue) inside ``text[start:end]``; the
    whole span when the frame is not inside it."""
    f_start, f_end = cue.left_edge.idx, cue.right_edge.idx + len(cue.right_edge)
    if not (start < f_start and f_end < end):
        return [(start, end)]
    parts = []
    for s, e in ((start, f_start), (f_end, end)):
        while s < e and (text[s] in " ,;:–—-" or _blank(text[s])):
            s += 1
        while e > s and (text[e - 1] in " ,;:–—-" or _blank(text[e - 1])):
            e -= 1
        parts.append((s, e))
    return parts


def _fronted_content(cue: Token) -> Span | None:
    """ "<content>, X said.": the sentence up to the comma before the subject of a sentence-final cue, however
    the parser hung the content (often as the cue's object); only the subject and auxiliaries or adverbs may
    stand between that comma and the cue."""
    doc = cue.doc
    subj = [c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i]
    if cue.dep_ != "ROOT" or not subj or any(c.dep_ == "ccomp" for c in cue.children):
        return None
    objects = ("dobj", "xcomp", "attr", "acomp", "oprd")
    if lemma(cue) != "tell" and any(c.dep_ in objects for c in cue.rights):
        return None  # "…, X announced a curfew": the cue has content of its own (told's object is the audience)
    between = doc[subj[0].right_edge.i + 1 : cue.i]
    if any(t.pos_ not in ("AUX", "ADV", "PART") for t in between):
        return None
    j = subj[0].left_edge.i - 1
    while j >= cue.sent.start and doc[j].text in ("”", '"', "’", "»"):
        j -= 1
    if j <= cue.sent.start or doc[j].text != ",":
        return None
    start = cue.sent.start
    while start < j and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if doc[j + 1].text in ("”", '"', "»") and _opens_sentence_quote(doc, start, j):
        return None  # '… “Xyz …,” X said' with no stop before the mark: the quotation is what was said
    content = doc[start:j]
    if doc[start].pos_ in ("SCONJ", "ADP") or doc[start].dep_ == "mark":
        return None  # "When the fighters left, X said …": a fronted adverbial clause, not what was said
    finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in content)
    return content if j - start >= 3 and finite else None  # "In March 2015, X pledged": no clause, no content


def _opens_sentence_quote(doc: Doc, start: int, comma: int) -> bool:
    """Whether a quotation closing at token ``comma`` opens, after words of the sentence, a sentence of
    its own whose stop the page left out ('… in Syria “Xyz continues …,” X said')."""
    return _run_on_quotation(doc.text, doc[start].idx, doc[comma].idx)


def _run_on_quotation(text: str, lo: int, hi: int) -> bool:
    """Whether the last quotation opened in ``text[lo:hi]`` is a sentence of its own run on to the words
    before it: it opens with a capital after a word that neither introduces speech ("that", a colon) nor
    weaves it into the sentence (a quotation woven in opens lower-case: 'called it “a betrayal,”')."""
    opening = max(text.rfind(mark, lo, hi) for mark in ("“", '"', "«"))
    if opening <= lo:
        return False
    first = _first_char(text, opening + 1)
    before = text[lo:opening].rstrip()
    last_word = before.rsplit(None, 1)[-1].lower() if before else ""
    return (
        first < hi
        and text[first].isupper()
        and bool(before)
        and before[-1] not in ":,;"
        and last_word.strip("'’") not in ("that", "as", "said", "says", "saying", "told", "added")
    )


def _misread_that(cue: Token) -> Token | None:
    """The complementiser "that" a parser took for the cue's object, with the reported clause hung under it."""
    return next((c for c in cue.rights if c.lower_ == "that" and c.dep_ == "dobj" and any(c.rights)), None)


def _as_clause(cue: Token) -> bool:
    """ "As X noted (in …), <clause>" / "<clause>, as X said": a cue in an adverbial clause opened by "as"
    attributes the clause it modifies (PARC's source-cue frame around the content)."""
    return cue.dep_ == "advcl" and cue.head != cue and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)


def _own_words(span: Span, marked: list[_Marked]) -> int:
    """Words of a reported clause outside every quotation: a mixed quotation has some of its own."""
    return sum(1 for t in span if t.is_alpha and not any(m.start - 1 <= t.idx < m.end + 1 for m in marked))


def _that_clause(cue: Token) -> Token | None:
    """The reported clause a parser hung elsewhere ("wrote in a report that …" parsed as a clause on
    "report", "was quoted as saying by AFP that …"): the first "that" clause after the cue in its
    sentence, when only the cue's own phrases (audience, medium, outlet, time) stand between them."""
    doc = cue.doc
    media = cues()["document_nouns"] | cues()["medium_nouns"]
    for t in doc[cue.i + 1 : cue.sent.end]:
        # "that" as a clause mark, or read as a relative pronoun on the medium ("in a paper that the
        # militia had split"): after a cue, a that-clause on its medium is what was said
        relative = t.dep_ in ("dobj", "nsubj") and t.head.dep_ in ("relcl", "acl") and lemma(t.head.head) in media
        if t.lower_ == "that" and (t.dep_ == "mark" or relative) and t.head.pos_ in ("VERB", "AUX") and t.head.i > t.i:
            between = doc[cue.i + 1 : t.i]
            if len(between) <= 8 and not any(b.pos_ in ("VERB", "AUX") or b.text in (".", ";", ":") for b in between):
                return t.head
            return None
        if t.text in (".", ";", ":") or (t.pos_ == "VERB" and t.dep_ in ("ccomp", "conj")):
            return None
    return None


def extract_quotes(doc: Doc, mentions: list[Mention], article: Article) -> list[Quote]:
    """Quotations of one article attributed to speakers, in text order."""
    text = doc.text
    data = cues()
    index = MentionIndex(doc, mentions)
    if surnames := surname_mentions(doc, index):  # "Brook, speaking at …, rejected that." then "…," he said
        index = MentionIndex(doc, [*mentions, *surnames])
    profiles = _profiles(doc, index)
    paragraphs = _paragraphs(text)
    marked = _marked_spans(text)
    kept = [m for m in marked if m.words >= data["min_direct_words"] or _utterance(text, m)]
    quoted = tuple((m.start, m.end) for m in marked)
    quotes: list[Quote] = []

    def para_of(pos: int) -> int:
        return next((i for i, (s, e) in enumerate(paragraphs) if s <= pos < e), -1)

    def finish(q: Quote, att: _Attribution | None) -> Quote:
        if att is not None and att.speaker is not None and att.speaker.group >= 0:
            prof = profiles.get(att.speaker.group)
            if prof is not None:
                q.speaker_title, q.speaker_affiliation = prof.title, prof.affiliation
        elif att is not None and att.speaker_token is not None:
            q.speaker_affiliation = _affiliation(att.speaker_token, index, data["affiliation_labels"]) or _prep_phrase(
                att.speaker_token
            )
        return q

    cue_tokens = [t for t in doc if _is_cue(t) and not _inside(t.idx, kept)]  # once per document
    direct_cues: set[int] = set()
    items: list[tuple[int, Quote]] = []
    previous: tuple[_Marked, Token | None] | None = None
    for mk in kept:
        whole = (0, len(text))
        pi, pj = para_of(mk.start), para_of(max(mk.start, mk.end - 1))
        paras = (paragraphs[pi] if pi >= 0 else whole, paragraphs[pj] if pj >= 0 else whole)
        cue = _cue_for(cue_tokens, mk, paras, index, text, quoted)
        if (cue is None or cue.idx < mk.start) and previous is not None:
            p_mk, p_cue = previous  # '“…,” X wrote, a Y thought to be Z. “…”': the frame between two parts
            if p_cue is not None and pi >= 0 and para_of(p_mk.start) == pi and p_mk.end <= p_cue.idx < mk.start:
                cue = p_cue
        previous = (mk, cue)
        att: _Attribution | None = _speaker(cue, index, quoted) if cue is not None else None
        if cue is not None:
            direct_cues.add(cue.i)
        q = _quote(
            mk.text,
            mk.start,
            mk.end,
            att,
            speaker_title=None,
            speaker_affiliation=None,
            outlet=_outlet(att.cue, index, article) if att else None,
            direct=True,
            sentence=_sentence_text(text, att.cue) if att else _sentence_of(doc, text, mk.start),
        )
        items.append((mk.start, finish(q, att)))
    for tok in doc:
        if not _is_cue(tok) or _inside(tok.idx, kept):
            continue
        clause = any(c.dep_ == "ccomp" for c in tok.children) or _misread_that(tok) is not None
        frame = tok.dep_ == "parataxis" or _fronted_content(tok) is not None
        if (tok.i in direct_cues and not clause and not frame) or _negated(tok):
            continue  # "did not say whether …" reports no claim
        span = _reported_text(tok)
        opener = {span[0].lower_, doc[span.start - 1].lower_} if span is not None and span.start > 0 else set()
        if span is None or len(span) < 3 or opener & {"whether", "if"}:
            continue  # "did not say whether …": a question, not a claim
        if tok.i in direct_cues and not clause and _own_words(span, kept) < data["min_mixed_words"]:
            continue  # '“…,” X said': the quotation is the whole statement
        if (
            tok.i in direct_cues
            and any(abs(m.end - span.end_char) <= 3 and m.start > span.start_char for m in kept)
            and _run_on_quotation(text, span.start_char, span.end_char)
        ):
            continue  # '… in Syria “Xyz continues …,” X said': the stop is missing, the quotation is the content
        covered = sum(max(0, min(span.end_char, m.end) - max(span.start_char, m.start)) for m in kept)
        if covered > 0.5 * (span.end_char - span.start_char) and _own_words(span, kept) < data["min_mixed_words"]:
            continue  # the quotation is the content; a clause with words of its own around it is mixed
        att = _speaker(tok, index, quoted)
        if att.speaker is None or not _speaks_by(tok, att):
            continue
        body, b_start, b_end = evidence_bounds(text, span.start_char, span.end_char, tok.idx)
        if b_start < tok.idx:  # content before its cue may have a sub-heading glued on
            b_start = _past_heading(text, b_start, min(b_end, tok.idx))
        while b_start < b_end and _blank(text[b_start]):
            b_start += 1
        while b_end > b_start and (text[b_end - 1] in ' ,.;:“”"' or _blank(text[b_end - 1])):
            b_end -= 1
        for m in kept:  # a quotation opened in the content closes in it, however the parse cut the clause
            if b_start <= m.start < b_end < m.end:
                b_end = m.end
        if dateline := _DATELINE.match(text, b_start, b_end):
            b_start = dateline.end()  # "NAIROBI – On Monday, …": the dateline is nobody's words
        for other in span:  # ", according to X" closing the clause is the attribution, not its content
            if other.i != tok.i and b_start + 10 < other.idx < b_end and other.lower_ in data["according"]:
                b_end = other.idx
                while b_end > b_start and text[b_end - 1] in ' ,.;:“”"':
                    b_end -= 1
                break
        parts = _frame_parts(text, tok, b_start, b_end) if tok.i > span.start else [(b_start, b_end)]
        if parts[-1][1] - parts[-1][0] < 10 or parts[0][1] - parts[0][0] < 2:
            continue
        for p_start, p_end in parts:
            q = _quote(
                text[p_start:p_end],
                p_start,
                p_end,
                att,
                outlet=_outlet(tok, index, article),
                direct=any(s <= p_start and p_end <= e for s, e in quoted),  # '“We are ready,” said X'
                sentence=_sentence_text(text, tok),
            )
            items.append((p_start, finish(q, att)))
    items.sort(key=lambda item: item[0])
    seen: set[tuple[int, int]] = set()
    unique = []
    for _pos, q in items:  # '“…,” she said, “…”' is found from its marks and again around its cue: keep one
        if (q.start, q.end) not in seen:
            seen.add((q.start, q.end))
            unique.append(q)
    quotes = _drop_embedded(unique, text)
    _carry_speakers(quotes, paragraphs)
    _carry_outlets(quotes)
    return quotes


# A dateline: an upper-case place, optionally ", Country" and "(Agency)", then a dash or a colon.
_DATELINE = re.compile(
    r"[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+)*(?:,(?: [A-Z][\w'’.-]*)+)?(?: \([^)\n]{1,40}\))?(?:\s[-–—]+\s*|:\s)"
)


def _speaks_by(cue: Token, att: _Attribution) -> bool:
    """Whether a reported clause under ``cue`` is this speaker's statement: any speaker of a speech verb; for
    a verb of mind ("believes") only a person; for the other weak verbs ("reported") a named actor or a state
    body described by its head word ("the Somali government", "the ministry")."""
    data = cues()
    lem = lemma(cue)
    speaker = att.speaker
    if speaker is None:
        return False
    if lem in data["mind_verbs"]:
        return speaker.label == "Person"
    if lem not in data["weak_cue_verbs"] or speaker.group >= 0:
        return True
    head = att.speaker_token
    bodies = label_config()["heads"]["PublicBody"]
    if head is not None and lemma(head) in data["document_nouns"] and lem not in data["mind_verbs"]:
        return True  # "the report found that …", "a new poll shows that …": a document states its findings
    return head is not None and (head.lower_ in bodies or head.lower_ in label_config()["state_forces"])


def _negated(cue: Token) -> bool:
    """A cue under negation, itself or through the verb it is coordinated with ("did not confirm … or say")."""
    heads = [cue, cue.head] if cue.dep_ == "conj" else [cue]
    return any(c.dep_ == "neg" for h in heads for c in h.children)


def _prep_phrase(tok: Token) -> str | None:
    """ "sources at Pakistani intelligence agencies" -> "Pakistani intelligence agencies"."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("at", "in", "with", "from", "within", "for"):
            pobj = [g for g in child.children if g.dep_ == "pobj"]
            if pobj:
                sub = list(pobj[0].subtree)
                return tok.doc[sub[0].i : sub[-1].i + 1].text
    return None


def _drop_embedded(quotes: list[Quote], text: str) -> list[Quote]:
    """A direct fragment inside reported speech by the same speaker ("told the Senate that the
    Zainabiyoun were among the militants “found actively involved …”") is part of that mixed
    statement, not a quotation of its own; the fragment may end in the stop the clause leaves out."""
    reported = [q for q in quotes if not q.direct]

    def inside(q: Quote, r: Quote) -> bool:
        return r.start <= q.start and (q.end <= r.end or not text[r.end : q.end].strip(_CLOSING))

    return [q for q in quotes if not (q.direct and any(inside(q, r) and r.speaker == q.speaker for r in reported))]


_CLOSING = " .,;:!?“”\"'’"


def _first_char_of(paragraph: tuple[int, int]) -> int:
    return paragraph[0]


def _carry_speakers(quotes: list[Quote], paragraphs: list[tuple[int, int]]) -> None:
    """A direct quote left without speaker takes the speaker of the quote just before it
    (in the same or the previous paragraph), e.g. after a reported "…, he said." paragraph."""
    opens = {_first_char_of(p) for p in paragraphs}
    for prev, cur in zip(quotes, quotes[1:], strict=False):
        if cur.speaker is None and cur.direct and prev.speaker is not None and cur.start - 1 in opens:
            gap = [p for p in paragraphs if prev.start <= p[1] and p[0] <= cur.start]
            if len(gap) <= 2:
                cur.speaker, cur.speaker_group = prev.speaker, prev.speaker_group
                cur.speaker_title, cur.speaker_affiliation = prev.speaker_title, prev.speaker_affiliation
                cur.cue, cur.outlet = cur.cue or prev.cue, cur.outlet or prev.outlet


def _carry_outlets(quotes: list[Quote]) -> None:
    """An interviewee's later "…, he said" was said to the same outlet as their "told Arab News"."""
    outlets: dict[int, str] = {}
    for q in quotes:
        if q.outlet and q.speaker_group >= 0:
            outlets.setdefault(q.speaker_group, q.outlet)
    for q in quotes:
        if q.outlet is None and q.speaker_group in outlets and q.cue in (None, "said", "says", "added"):
            q.outlet = outlets[q.speaker_group]
