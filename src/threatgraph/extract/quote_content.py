"""What was said: the content span of a reported (indirect or mixed) attribution.

The cue's clausal complement without its complementiser or the time of the saying; the clause a
parenthetical "X said" or "according to X" interrupts (then in two parts); the sentence fronted before a
sentence-final "…, X said"; a that-clause a parser hung on the medium ("wrote in a report that …").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.events_syntax import FINITE_TAGS
from threatgraph.extract.quote_cues import cues, prepositional_source
from threatgraph.extract.quote_marks import CLOSING_MARKS, Marked, blank, run_on_quotation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def reported_text(cue: Token) -> Span | None:
    """The reported clause of a cue verb: its complement, or for a parenthetical ("…, experts say")
    the clause it interrupts, or for "according to X" the rest of its clause."""
    doc = cue.doc
    comp = [c for c in cue.children if c.dep_ == "ccomp"]
    if len(comp) > 1 and comp[0].i < cue.i < comp[-1].i and not _ends_in_comma(comp[0]):
        # "The talks ended a day after X said his forces were ready" read with the main clause as a second
        # complement of "said": a fronted content ends in the comma before its source; this one runs into it
        comp = comp[-1:]
    if not comp and (that := _that_clause(cue)) is not None:
        comp = [that]
    if comp and not any(t.pos_ in ("VERB", "AUX") for t in comp[0].subtree):
        return None  # "the court found him guilty", "declared the area a closed zone": a verbless small clause
        # is the subject's own predication or act, not a statement it reports (PARC content is a clause)
    if comp:
        toks = list(comp[0].subtree)
        if (second := coordinated_saying(comp[0])) is not None:
            toks = [t for t in toks if t.i < second.i]  # "said X and added that Y": Y is a saying of its own
            while toks and (toks[-1].dep_ == "cc" or toks[-1].is_punct or toks[-1].is_space):
                toks.pop()
        if len(toks) > 2 and toks[0].pos_ == "ADV" and toks[1].lower_ == "that" and toks[1].dep_ != "nsubj":
            toks = toks[1:]  # "said only that …", "said simply that …": the adverb qualifies the saying
        if toks and ((toks[0].dep_ == "mark" and not conditional(toks[0], comp[0])) or opening_that(toks[0])):
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
    if (small := characterisation(cue)) is not None:
        return small  # "X called the ruling a disgrace": what X holds the ruling to be
    misread = misread_that(cue)
    if misread is not None:  # "said that the raid …" with "that" taken for the object and the clause under it
        toks = [t for t in misread.subtree if t.i != misread.i and not t.is_space]
        return doc[toks[0].i : toks[-1].i + 1] if toks else None
    fronted = fronted_content(cue)
    if fronted is not None:
        return fronted
    if cue.dep_ == "parataxis" or _as_clause(cue) or (prepositional_source(cue) and cue.head != cue):
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


def characterisation(cue: Token) -> Span | None:
    """The small clause a verb of characterising takes: its object and what the subject calls it ("called the
    ruling a disgrace", "described the plan as a gimmick"). That is the subject's claim about the object, PARC's
    content, though no clause with a verb reports it. Not a naming ("a group called the River Trust", "called
    him Bob": a proper name is what something is called, not a view of it), nor a verb with a clause of its own
    (its clause is the content)."""
    if lemma(cue) not in cues()["characterising_verbs"] or cue.dep_ in ("acl", "relcl", "amod"):
        return None
    if any(c.dep_ == "ccomp" for c in cue.children):
        return None
    objects = [c for c in cue.children if c.dep_ in ("dobj", "oprd") and c.i > cue.i]
    if not objects:
        return None
    obj = objects[0]
    predicate: Token | None = None
    for c in cue.children:
        if c.i <= obj.i:
            continue
        if c.dep_ == "oprd":
            predicate = c
            break
        if c.dep_ == "prep" and c.lower_ == "as":
            predicate = next((g for g in c.children if g.dep_ == "pobj"), None)
            break
    if predicate is None or predicate.pos_ in ("PROPN", "NUM") or predicate.ent_type_:
        return None
    doc = cue.doc
    end = predicate.right_edge.i
    while end > obj.i and (doc[end].is_punct and doc[end].text not in CLOSING_MARKS or doc[end].is_space):
        end -= 1
    return doc[obj.left_edge.i : end + 1]


def _ends_in_comma(clause: Token) -> bool:
    """Whether a clause is followed by a comma (or a closing mark and a comma), as fronted content is."""
    doc, j = clause.doc, clause.right_edge.i + 1
    while j < len(doc) and doc[j].text in CLOSING_MARKS:
        j += 1
    return j < len(doc) and doc[j].text == ","


def _interrupts(cue: Token, toks: list[Token]) -> bool:
    """Whether a parenthetical attribution interrupts its content ("The talks, X said, will resume"; "The
    ceasefire, according to X, is holding"): content words stand before the frame and the clause's head
    verb after it, so the content is the two sides, not the words before the cue alone."""
    head = cue.head
    return toks[0].i < cue.left_edge.i and head.i > cue.right_edge.i and head.pos_ in ("VERB", "AUX")


def frame_parts(text: str, cue: Token, start: int, end: int) -> list[tuple[int, int]]:
    """The content on each side of an interrupting frame (source and cue) inside ``text[start:end]``; the
    whole span when the frame is not inside it."""
    f_start, f_end = cue.left_edge.idx, cue.right_edge.idx + len(cue.right_edge)
    if not (start < f_start and f_end < end):
        return [(start, end)]
    parts = []
    for s, e in ((start, f_start), (f_end, end)):
        while s < e and (text[s] in " ,;:–—-" or blank(text[s])):
            s += 1
        while e > s and (text[e - 1] in " ,;:–—-" or blank(text[e - 1])):
            e -= 1
        parts.append((s, e))
    return parts


def fronted_content(cue: Token) -> Span | None:
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
    if cue.i + 1 < len(doc) and doc[cue.i + 1].text == ":":
        return None  # "Asked about the vote, X said: “…”": the content follows the colon; the words before frame it
    between = doc[subj[0].right_edge.i + 1 : cue.i]
    if any(t.pos_ not in ("AUX", "ADV", "PART") for t in between):
        return None
    j = subj[0].left_edge.i - 1
    while j >= cue.sent.start and doc[j].text in CLOSING_MARKS:
        j -= 1
    if j <= cue.sent.start or doc[j].text != ",":
        return None
    start = cue.sent.start
    while start < j and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if doc[j + 1].text in ("”", '"', "»", "''") and _opens_sentence_quote(doc, start, j):
        return None  # '… “Xyz …,” X said' with no stop before the mark: the quotation is what was said
    content = doc[start:j]
    if doc[start].pos_ in ("SCONJ", "ADP") or doc[start].dep_ == "mark":
        return None  # "When the fighters left, X said …": a fronted adverbial clause, not what was said
    # "In March 2015, X pledged": no clause; "Asked about the vote, X said": a participle clause frames the saying
    return content if j - start >= 3 and _finite_clause(content) else None


def _finite_clause(span: Span) -> bool:
    """Whether a span can be a fronted statement: it holds a finite verb, and does not open with a participle
    heading a clause of its own ("Asked about the vote", "Speaking in Dayton"), which sets the scene of the
    saying; "Rising prices hurt", with the participle inside its noun phrase, is a statement."""
    first = span[0]
    if first.tag_ in ("VBN", "VBG") and not span.start <= first.head.i < span.end:
        return False
    return any(t.tag_ in FINITE_TAGS for t in span)


def _opens_sentence_quote(doc: Doc, start: int, comma: int) -> bool:
    """Whether a quotation closing at token ``comma`` opens, after words of the sentence, a sentence of
    its own whose stop the page left out ('… in Syria “Xyz continues …,” X said')."""
    return run_on_quotation(doc.text, doc[start].idx, doc[comma].idx)


def misread_that(cue: Token) -> Token | None:
    """The complementiser "that" a parser took for the cue's object, with the reported clause hung under it."""
    return next((c for c in cue.rights if c.lower_ == "that" and c.dep_ == "dobj" and any(c.rights)), None)


def _as_clause(cue: Token) -> bool:
    """ "As X noted (in …), <clause>" / "<clause>, as X said": a cue in an adverbial clause opened by "as"
    attributes the clause it modifies (PARC's source-cue frame around the content)."""
    return cue.dep_ == "advcl" and cue.head != cue and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)


def own_words(span: Span, marked: list[Marked]) -> int:
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


#: Dependents that open a stance's content: the object, an infinitive (with or without its own subject), a
#: predicate or a clause the parser hung as the object's.
_STANCE_OPENERS = frozenset(("dobj", "xcomp", "ccomp", "oprd", "dative"))


def stance_content(cue: Token) -> Span | None:
    """What a verb of stance (``stance_verbs``) takes a position on when it has no reported clause: its object
    or infinitive with the complements that complete it ("endorsed Ada Vale", "wants to cut taxes", "urged the
    council to act", "accused the mayor of lying"), from the first such dependent after the verb to the last
    that follows it without a break. Only a verb with its own subject before it takes a position: a participle
    or infinitive on a noun ("voters supporting X") has no source of its own, and a passive ("was endorsed by") or a
    relative pronoun object alone is no content of the subject's; a participle set off after its clause ("X ran a
    quiet campaign, refusing to criticise the council") is the stance of its subject (``adjunct_participle``)."""
    data = cues()
    through = stance_preposition(cue)
    if (lemma(cue) not in data["stance_verbs"] and through is None) or any(
        c.dep_ in ("auxpass", "nsubjpass") for c in cue.children
    ):
        return None
    if not any(c.dep_ == "nsubj" and c.i < cue.i for c in cue.children) and not adjunct_participle(cue):
        return None  # "voters supporting X": a participle on a noun; whose stance it is, nothing here says
    doc = cue.doc
    taken: list[Token] = []
    rights = list(cue.rights)
    if lemma(cue) in data["intent_verbs"] and not any(c.dep_ == "xcomp" and c.i > cue.i for c in rights):
        return None  # "planned the attack": a deed; "plans to run": a position
    if through is not None:  # "called for the ban": the preposition's object onwards; the preposition is the cue's
        objects = [g for g in through.children if g.dep_ == "pobj"]
        if not objects:
            return None
        taken.append(objects[0])
        rights = [c for c in rights if c.i > through.i]
    for child in rights:
        opener = child.dep_ in _STANCE_OPENERS
        completes = child.dep_ == "prep" and child.lower_ in data["stance_preps"]
        if not taken:
            if opener or (completes and child.lower_ in ("for", "against")):  # "called for", "argued against"
                taken.append(child)
                continue
            if child.dep_ in ("prt", "advmod", "prep", "npadvmod"):
                continue  # "announced on Monday his candidacy": the time of the stance is its frame
            return None
        if opener or completes:
            taken.append(child)
            continue
        break
    if not taken:
        return None
    first, last = taken[0].left_edge, taken[-1].right_edge
    if first.i <= cue.i:
        return None
    if through is not None and through.lower_ not in ("for", "against") and not _has_infinitive(first, last):
        return None  # "called on the mayor at home": a visit; "called on the mayor to resign": a position
    while last.i > first.i and (last.is_punct or last.is_space):
        last = doc[last.i - 1]
    span = doc[first.i : last.i + 1]
    if len(span) == 1 and span[0].pos_ == "PRON" and span[0].tag_ not in ("PRP",):
        return None  # "which", "what": the relative or question word stands for content elsewhere
    return span


def adjunct_participle(verb: Token) -> bool:
    """Whether a verb is a participle set off by a comma after the clause it hangs on, that clause having a subject
    of its own ("The senator emailed supporters, vowing to compete …"): the participle's act or stance is that
    subject's, as a saying participle's is ("…, saying the port was closed"). A participle on a noun ("voters
    supporting the levy") or opening its sentence is none."""
    head = verb.head
    return (
        verb.tag_ == "VBG"
        and verb.dep_ == "advcl"
        and head.i < verb.i
        and verb.i > 0
        and verb.doc[verb.i - 1].text == ","
        and any(c.dep_ == "nsubj" for c in head.children)
    )


def _has_infinitive(first: Token, last: Token) -> bool:
    """Whether a "to" infinitive stands between two tokens of a content ("the council to act")."""
    doc = first.doc
    return any(t.lower_ == "to" and t.dep_ == "aux" and t.head.pos_ in ("VERB", "AUX") for t in doc[first.i : last.i])


def finding_content(cue: Token) -> Span | None:
    """What a poll, study or set of records finds when it takes a noun phrase rather than a clause ("a new poll
    shows the mayor with a narrow lead", "the survey found broad support for the ferry"): the verb's object with
    the complements that follow it without a break. Only a verb of ``finding_verbs`` whose own subject before it
    is a finding source (``report_nouns``): "the court found him guilty" and "she showed courage" are no
    report's finding."""
    data = cues()
    if lemma(cue) not in data["finding_verbs"] or any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        return None
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i]
    if not subjects or lemma(subjects[0]).lower() not in data["report_nouns"]:
        return None
    taken: list[Token] = []
    for child in cue.rights:
        if not taken:
            if child.dep_ == "dobj":
                taken.append(child)
            elif child.dep_ not in ("advmod", "npadvmod", "prep"):
                return None
            continue
        if child.dep_ in ("prep", "oprd", "xcomp", "ccomp", "acomp", "advmod"):
            taken.append(child)
            continue
        break
    if not taken:
        return None
    doc = cue.doc
    first, last = taken[0].left_edge, taken[-1].right_edge
    while last.i > first.i and (last.is_punct or last.is_space):
        last = doc[last.i - 1]
    return doc[first.i : last.i + 1] if first.i > cue.i else None


def stance_preposition(cue: Token) -> Token | None:
    """The preposition a verb of ``stance_phrasal`` takes a position through ("called for", "argued against"),
    right after the verb (or its object: "pushed hard for"); None when the verb has no such preposition."""
    words = cues()["stance_phrasal"].get(lemma(cue)) if cue.pos_ == "VERB" else None
    if words is None:
        return None
    return next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ in words and c.i <= cue.i + 3), None)


def coordinated_saying(clause: Token) -> Token | None:
    """A second saying verb the parser coordinated with the head of a reported clause rather than with the cue:
    in "X said the ferry would run in May and warned that fares would rise" "warned" hangs as a conjunct of "run",
    yet it has no subject of its own and takes X's, so it is X's second attribution, not part of the first content
    (and "the ferry" is not its source). Coordinated clauses with their own subject ("said the mill had closed and
    the workers had gone home") are one content."""
    data = cues()
    sayings = data["cue_verbs"] | data["question_verbs"]
    for conj in clause.conjuncts:
        if (
            conj.i > clause.i
            and conj.pos_ == "VERB"
            and lemma(conj) in sayings
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children)
        ):
            return conj
    return None


def saying_above(cue: Token) -> Token | None:
    """The saying verb whose reported clause a subjectless conjunct cue was coordinated into (see
    ``coordinated_saying``): its subject is the conjunct's."""
    if cue.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return None
    for clause in (cue.head, *cue.head.conjuncts):
        second = coordinated_saying(clause) if clause.dep_ == "ccomp" else None
        if second is not None and second.i == cue.i:
            return clause.head
    return None


def opening_that(first: Token) -> bool:
    """Whether the first word of a reported clause is its complementiser "that", however a parser labelled it (a
    mark, or by mistake a determiner or an object): PARC 3.0 leaves it out of the content, so every reading of a
    content (a verb's clause here, an adjective's in ``quote_attitudes``) strips it by this one test. A "that"
    that is the clause's subject ("said that was wrong") is what was said."""
    return first.lower_ == "that" and first.dep_ != "nsubj"


def conditional(mark: Token, clause: Token) -> bool:
    """Whether ``mark`` ("if", "unless", "once") opens a condition inside the reported clause headed by ``clause``
    rather than the clause itself: in "said if the river rises, the town will flood" the "if" marks the adverbial
    clause "the river rises", whose head hangs below ``clause``, so the condition is part of the claim (PARC and
    PolNeAR keep it in the content); in "did not say whether/if the plant would close" it marks ``clause`` and
    makes it an indirect question, which states no claim."""
    return mark.head.i != clause.i and mark.head.dep_ == "advcl" and clause in mark.head.ancestors


def question_opener(content: Span) -> bool:
    """Whether a reported clause is an indirect question: "whether"/"if" right before it or opening it marks its
    own head ("did not say whether …"), not a condition inside a claim ("said if X, Y"; see ``conditional``)."""
    doc = content.doc
    root = content.root
    for tok in (content[0], doc[content.start - 1] if content.start > 0 else None):
        if tok is None or tok.lower_ not in ("whether", "if"):
            continue
        if tok.lower_ == "whether" or not conditional(tok, root):
            return True
    return False


def asks(cue: Token, content: Span) -> bool:
    """Whether ``content`` is a question ``cue`` asks: a verb of ``question_verbs`` with its own subject, and a
    clause opened by "whether"/"if" or a wh- word ("asked whether the mill would close", "wondered who had
    paid"); "Asked if …, X said" leaves the asker unnamed, and is no one's question here."""
    if lemma(cue) not in cues()["question_verbs"] or not any(c.dep_ == "nsubj" for c in cue.children):
        return False
    doc = cue.doc
    before = doc[content.start - 1] if content.start > 0 else None
    return (before is not None and before.lower_ in ("whether", "if")) or content[0].tag_ in ("WP", "WRB", "WDT")
