"""Which word frames a quotation as someone's words: the cue.

Cue verbs and "according to" come from ``cues.yaml``; a verb raising its subject ("is said to be") attributes
nothing. A direct quotation's cue is found by where it stands: after the quotation in the sentence it ends
in, a '“…,” he continued' frame whatever its verb, the verb a quotation is woven into ('called it “…”'), or
the verb before a colon ("issued the following statement:").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from threatgraph.extract.events_actors import MentionIndex
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_syntax import FINITE_TAGS
from threatgraph.extract.labels import label_config
from threatgraph.extract.quote_content import characterisation, misread_that, stance_preposition
from threatgraph.extract.quote_cues import cues, prepositional_source
from threatgraph.extract.quote_marks import CLOSING_MARKS, DOUBLE_APOSTROPHE, Marked, mark_at
from threatgraph.extract.quote_people import PRONOUN_GENDER, person_titles
from threatgraph.extract.quote_speakers import PERSON_ENTS, attribution_for

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def is_cue(tok: Token) -> bool:
    if tok.pos_ == "ADP" or tok.lower_ in cues()["according"]:
        return prepositional_source(tok)  # "according to X", "in the latest poll"
    if tok.pos_ != "VERB":
        return False
    lem = lemma(tok)
    particle = cues()["phrasal_cues"].get(lem)
    if particle is not None and any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children):
        return True  # "points out that …"
    if stance_preposition(tok) is not None:
        return not _raised(tok)  # "called for a ban", "argued against intervention"
    if lem in cues()["characterising_verbs"] and lem not in cues()["cue_verbs"]:
        return characterisation(tok) is not None  # "called the ruling a disgrace"; not "called him on Monday"
    if lem in cues()["knowledge_verbs"] and lem not in cues()["cue_verbs"]:
        return knows_clause(tok) and not _raised(tok)  # "realised that …"; not "knew her well", "you know"
    return (lem in cues()["cue_verbs"] or lem in cues()["stance_verbs"] or lem in cues()["question_verbs"]) and not (
        _raised(tok)
    )


def knows_clause(tok: Token) -> bool:
    """Whether a verb of knowledge or perception takes a clause of its own with a finite verb ("knows that the
    deal is dead", "saw the deal was dead"): only then does it attribute a proposition to its subject; "knew Ada
    Roe well", "saw the crowd" and a bare "you know" attribute nothing."""
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None) or misread_that(tok)
    if clause is None:
        return False
    return any(t.tag_ in FINITE_TAGS for t in clause.subtree)


def channel_of_saying(tok: Token, direct_cues: set[int]) -> bool:
    """Whether "according to Y" closes a frame that already names its speaker ('“…,” X said, according to
    Reuters'): it comes after a cue that framed a quotation and has its own subject before it, so Y passed X's
    words on and X is their source. "According to Y, <clause with a quotation>" opening a sentence is Y's claim."""
    head = tok.head
    return (
        tok.lower_ in cues()["according"]
        and head.i != tok.i
        and head.i < tok.i
        and head.i in direct_cues
        and any(c.dep_ == "nsubj" and c.i < head.i for c in head.children)
    )


def _raised(tok: Token) -> bool:
    """A cue verb raising its subject into an infinitive ("a fighter thought to be active", "he is said to have
    fled", "was believed to be hiding"): the noun is what is said of, and whoever says it goes unnamed, so the
    verb attributes nothing to anyone in the text (PARC needs a source)."""
    infinitive = any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children) for c in tok.rights
    )
    if infinitive and _set_off_participle(tok):
        return True  # "Jon Vale, said to be close to …, was detained": parsed as Vale's saying, a reduced passive
    passive = tok.dep_ == "acl" or any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    return passive and infinitive and not any(c.dep_ == "ccomp" for c in tok.children)


def _set_off_participle(tok: Token) -> bool:
    """Whether a verb stands as a bare participle set off by a comma and followed at once by an infinitive's
    "to" ("X, said to be …,", "X, believed to have …,"): the reduced passive of a parenthesis. An active
    saying has its subject or an auxiliary right before the verb ("X said to reporters", "he said to wait")."""
    doc = tok.doc
    return (
        tok.tag_ in ("VBN", "VBD")
        and tok.i > 0
        and doc[tok.i - 1].text == ","
        and tok.i + 1 < len(doc)
        and doc[tok.i + 1].lower_ == "to"
        and doc[tok.i + 1].dep_ == "aux"
    )


def cue_for(
    cue_tokens: list[Token],
    marked: Marked,
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
    woven = _woven_cue(doc, text, marked)
    if woven is not None and _frame_verb(doc, text, marked) is None and not any(_frames(t, marked) for t in after):
        return woven  # 'X called it “a betrayal” and promised …', then 'Y warned that …': the clause it is woven in
    # the attribution must sit in the sentence the quote ends in (or the one right after it, for a quotation
    # that opens its sentence: one woven into its sentence is never framed by the next sentence's cue)
    inside = _sentence_before(doc, text, marked)
    if after:
        end_sent = doc.char_span(marked.end - 1, marked.end, alignment_mode="expand")
        limit = end_sent.sent.end_char if end_sent is not None else paragraph[1]
        after = [t for t in after if t.idx < limit or (inside is None and t.sent.start_char <= marked.end + 3)]
        for cue in after:  # '…," said X, a senior analyst …, told Y': the cue that has a speaker
            if attribution_for(cue, index, quoted).speaker is not None:
                return cue
        if after:
            return after[0]
    framed = _frame_verb(doc, text, marked) or _woven_cue(doc, text, marked)
    if framed is not None:
        return framed
    before = [t for t in cue_tokens if first[0] <= t.idx < marked.start]
    if inside is not None:  # 'X said … . Her slogan, “…,” was mocked': a quotation inside its sentence is
        before = [t for t in before if t.sent.start == inside.start]  # framed by a cue of that sentence only
    return before[-1] if before else _colon_frame(doc, marked)


def _sentence_before(doc: Doc, text: str, marked: Marked) -> Span | None:
    """The sentence a quotation stands inside, when words of that sentence come before its opening mark (not
    a colon): such a quotation is woven into its own sentence, so an earlier sentence's cue is not its frame.
    None when the quotation opens its sentence ('X said the talks failed. “There is no trust left.”')."""
    opening = doc.char_span(marked.start - 1, marked.start, alignment_mode="expand")
    if opening is None or text[max(0, marked.start - 40) : marked.start - 1].rstrip()[-1:] in (":", ""):
        return None
    sent = opening.sent
    words = [t for t in doc[sent.start : opening.start] if not t.is_punct and not t.is_space]
    return sent if words else None


def is_term(doc: Doc, marked: Marked) -> bool:
    """Whether a quotation modifies the noun right after its closing mark ('the “one country, two systems”
    formula', 'his “shoot first, ask later” policy'): a term someone coined, named by that noun, not words
    anyone is reported saying here."""
    inner = doc.char_span(marked.start, marked.end, alignment_mode="expand")
    if inner is None or inner.end + 1 >= len(doc):
        return False
    close, after = doc[inner.end], doc[inner.end + 1]
    if close.text not in CLOSING_MARKS or after.pos_ not in ("NOUN", "PROPN") or not after.is_lower:
        return False
    return any(t.head.i == after.i for t in inner)


def _frames(cue: Token, marked: Marked) -> bool:
    """Whether a cue after a quotation is its frame ('“…,” her office said'): in the quotation's sentence,
    with nothing but a noun phrase between the closing mark and the cue."""
    doc = cue.doc
    between = [t for t in doc[cue.sent.start : cue.i] if t.idx >= marked.end]
    return cue.sent.start_char < marked.end and not any(t.pos_ in ("VERB", "AUX") for t in between)


def _woven_cue(doc: Doc, text: str, marked: Marked) -> Token | None:
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
        if not (is_cue(tok) or lemma(tok) in cues()["characterising_verbs"]):
            return None
        return tok if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) else None
    return None


def _frame_verb(doc: Doc, text: str, marked: Marked) -> Token | None:
    """The verb of a '“…,” he VERBed' frame: a quotation whose sentence goes on after its closing mark
    (it ends in a comma, "?" or "!" inside the mark) and is followed at once by a subject and its verb, or a
    verb and its subject, attributes the quotation through that verb whatever the verb is ("he continued",
    "she laughed", "recalled Jon Vale"): the frame's syntax is the cue, not the word."""
    close = marked.end
    while close < len(text) and text[close] in ",?!":
        close += 1
    if not mark_at(text, close, CLOSING_MARKS) or not (close > marked.end or text[marked.end - 1] in "?!"):
        return None  # '“….” Next sentence': the quotation ends its sentence; no frame follows
    start = doc.char_span(close, close + 1, alignment_mode="expand")
    if start is None:
        return None
    words = [t for t in doc[start.end : min(len(doc), start.end + 6)] if not t.is_punct and not t.is_space]
    if not words or "\n" in text[close : words[0].idx]:
        return None  # '…?”' closing its paragraph: the next paragraph's "X said …" frames its own words
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
    if subj.ent_type_ in PERSON_ENTS:
        return True
    word = lemma(subj)
    return word in person_titles() or word in label_config()["person_nouns"] or word in cues()["source_nouns"]


#: Opening quotation marks as the tokeniser splits them off.
_OPENING_MARKS = frozenset(("“", '"', "«", "„", DOUBLE_APOSTROPHE))


def _colon_frame(doc: Doc, marked: Marked) -> Token | None:
    """ "X issued the following statement: “…”": a quotation opened right after a colon belongs to the
    verb whose object is a statement-like document; that verb is the cue and its subject the source."""
    head = doc.char_span(marked.start - 1, marked.start, alignment_mode="expand")
    if head is None or head.start < 2:
        return None
    prev = next((t for t in reversed(doc[: head.start]) if not (t.is_space or t.text in _OPENING_MARKS)), None)
    if prev is None or prev.text != ":":
        return None
    for tok in reversed(doc[prev.sent.start : prev.i]):
        if is_cue(tok):
            return tok  # 'Analyst Ada Roe said:' closing the paragraph before the quotation
        if tok.dep_ == "dobj" and lemma(tok) in cues()["document_nouns"] and tok.head.pos_ == "VERB":
            return tok.head
    return _colon_verb(prev)


def _colon_verb(colon: Token) -> Token | None:
    """The verb of a 'X continued:' frame: a colon closing a clause whose verb has a subject that can speak
    (``_animate``) and nothing after it but its own words ("Vale continued:", "The mayor turned to the crowd:")
    introduces the quotation after it through that verb, whatever the verb is, as '“…,” he continued' does
    (``_frame_verb``): the frame's syntax is the cue, not the word."""
    verb = colon.head
    if verb.pos_ != "VERB" or verb.i >= colon.i:
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "advcl") and verb.i < c.i < colon.i for c in verb.children):
        return None  # "She said she would go on:": the clause after the verb is its own saying or act (a parser
        # may hang the quotation after the colon on the verb too: that is the content, not a clause of the frame)
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if not subjects or not _animate(subjects[0]):
        return None
    return verb


def cue_span(cue: Token) -> tuple[int, int]:
    """The cue's words: the verb with its particle or "to" ("according to", "pointed out"), or the preposition
    a stance is taken through ("called for")."""
    end_tok = cue
    through = stance_preposition(cue)
    for child in cue.children:
        if child.i == end_tok.i + 1 and (
            child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ == "to") or child == through
        ):
            end_tok = child
    return cue.idx, end_tok.idx + len(end_tok)


def negated(cue: Token) -> bool:
    """A cue under negation, itself or through the verb it is coordinated with ("did not confirm … or say")."""
    heads = [cue, cue.head] if cue.dep_ == "conj" else [cue]
    if cue.dep_ == "xcomp" and lemma(cue.head) in cues()["refusal_verbs"]:
        return True  # "declined to say how …", "refused to confirm that …": nothing was said
    return any(c.dep_ == "neg" for h in heads for c in h.children)


def unrealised(cue: Token) -> bool:
    """A saying the text does not report as made: under a modal of possibility or the future ("may argue",
    "will say"), the infinitive of expectation or intent ("is expected to say", "plans to announce"), or in a
    condition ("if she says"). Stating its content as the speaker's claim would put words in a mouth that has
    not said them."""
    data = cues()
    if any(c.dep_ == "aux" and c.lower_ in data["prospective_modals"] for c in cue.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in data["condition_marks"] for c in cue.children):
        return True
    return cue.dep_ == "xcomp" and lemma(cue.head) in data["prospective_verbs"]
