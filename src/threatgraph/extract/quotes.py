"""Direct and reported speech with the speaker, title, affiliation, cue verb and outlet.

Analysts weigh a claim by who made it: "a research fellow at S. Rajaratnam School of
International Studies, told Arab News" is evidence of a different kind than "multiple sources
at Pakistani intelligence agencies". Direct quotations are found from the quotation marks
(including a quotation that runs over several paragraphs, each reopened with a mark, and an
unattributed paragraph that continues the previous speaker); reported speech from a cue verb
with a clausal complement ("X told the Senate that …") or "according to X". Speakers are
resolved through mentions and pronouns ("he said") with the same actor resolution the events
use; a person's title and affiliation come from appositions and pre-name titles anywhere in
the article ("Interior Minister Jon Vale", "Samir Haddad, a University of Eastfield
researcher"). The cue words live in ``cues.yaml``.

This module assembles the attributions; the parts live beside it: quotation marks and paragraphs
(``quote_marks``), the cue that frames a quotation (``quote_frames``), the content of reported speech
(``quote_content``), nominal attributions such as "X's claim that …" (``quote_nominal``), the speaker behind a
cue (``quote_speakers``, with ``quote_people`` for what the article says about its people), titles,
affiliations and outlets (``quote_profiles``), "Source: content" lines of headlines and transcripts
(``quote_labels``), attitudes held through a predicate adjective ("X is confident that …", ``quote_attitudes``)
and attributions without a source, hedges ("X seemed to …", "X is expected to …") and questions
put by an unnamed asker (``quote_raising``), which are kept with their kind and never shown as anyone's claim.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from threatgraph.extract.events import evidence_bounds
from threatgraph.extract.events_actors import ORG_LABELS, MentionIndex
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.labels import label_config
from threatgraph.extract.quote_attitudes import attitudes
from threatgraph.extract.quote_content import (
    asks,
    finding_content,
    frame_parts,
    fronted_content,
    misread_that,
    own_words,
    question_opener,
    reported_text,
    stance_content,
    stance_preposition,
)
from threatgraph.extract.quote_cues import cues
from threatgraph.extract.quote_frames import (
    channel_of_saying,
    cue_for,
    cue_span,
    is_cue,
    is_term,
    negated,
    unrealised,
)
from threatgraph.extract.quote_kinds import attribution_kind
from threatgraph.extract.quote_labels import label_attribution, label_attributions
from threatgraph.extract.quote_marks import (
    CLOSING_MARKS,
    DATELINE,
    DOUBLE_APOSTROPHE,
    Marked,
    blank,
    inside_marked,
    is_heading,
    is_name,
    is_utterance,
    mark_at,
    marked_spans,
    paragraph_bounds,
    past_heading,
    run_on_quotation,
)
from threatgraph.extract.quote_nominal import colon_attribution, nominal_attributions
from threatgraph.extract.quote_people import surname_mentions
from threatgraph.extract.quote_profiles import affiliation_of, outlet_of, person_profiles, prep_phrase
from threatgraph.extract.quote_raising import hedges, unnamed_questions
from threatgraph.extract.quote_speakers import (
    PERSON_ENTS,
    Attribution,
    attribution_for,
    speaking_quantity,
    speaks_by,
    unnamed_people,
)
from threatgraph.model import Article, Mention, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _quote(text: str, start: int, end: int, att: Attribution | None, **kw: Any) -> Quote:
    speaker = att.speaker if att else None
    name = speaker.text if speaker else None
    if name and (dl := DATELINE.match(name)):  # "ISLAMABAD — Pakistan's army": the dateline is no part of it
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
        q.cue_start, q.cue_end = cue_span(att.cue)
        q.kind = attribution_kind(att.cue, att.speaker_token)
        if att.source is not None:
            q.source_start, q.source_end = att.source
        elif att.speaker_token is not None and (speaker is not None or unnamed_people(att) or speaking_quantity(att)):
            q.source_start, q.source_end = _source_span(att.speaker_token)
        if q.source_start >= 0:
            source = att.cue.doc.char_span(q.source_start, q.source_end, alignment_mode="expand")
            written = source.text if source is not None else ""
            if dl := DATELINE.match(written):
                q.source_start += dl.end()
            if (nl := written.rfind("\n")) >= 0:
                q.source_start = max(q.source_start, source.start_char + nl + 1)
                while q.source_start < q.source_end and written[q.source_start - source.start_char].isspace():
                    q.source_start += 1
        if q.source_start >= 0:
            q.phrase_start, q.phrase_end = _source_phrase(att.cue, q.source_start, q.source_end, start, end)
    return q


def _source_phrase(cue: Token, s_start: int, s_end: int, start: int, end: int) -> tuple[int, int]:
    """The source's whole noun phrase, PARC's and PolNeAR's source span: the subtree of the source's head, with
    its appositions, parentheses and relative clauses ("Ada Roe, a spokeswoman for the ministry,", "officials
    who spoke on condition of anonymity"), in its sentence, never running over the cue, the content
    (``start``..``end``) or a line break; the source span as found when the phrase would."""
    doc = cue.doc
    span = doc.char_span(s_start, s_end, alignment_mode="expand")
    if span is None or not len(span):
        return s_start, s_end
    head = span.root
    first, last = head.left_edge, head.right_edge
    sent = head.sent
    if first.i < sent.start or last.i >= sent.end or first.i <= cue.i <= last.i:
        return s_start, s_end
    p_start, p_end = min(first.idx, s_start), max(last.idx + len(last), s_end)
    if p_start < end and start < p_end or "\n" in doc.text[p_start:p_end]:
        return s_start, s_end
    while p_end > s_end and doc.text[p_end - 1] in " ,;:—–-(":
        p_end -= 1
    while p_start < s_start and doc.text[p_start] in " ,;:—–-)\"“”'":
        p_start += 1
    return p_start, p_end


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
    if tok.ent_type_ not in PERSON_ENTS:  # "a shopkeeper, Halima Yusuf,": the name is part of the source
        named = [c for c in tok.rights if c.dep_ == "appos" and c.ent_type_ in PERSON_ENTS]
        if named:
            last = named[0]
            while (
                last.i + 1 < len(doc) and doc[last.i + 1].ent_iob_ == "I" and doc[last.i + 1].ent_type_ in PERSON_ENTS
            ):
                last = doc[last.i + 1]
    return first.idx, last.idx + len(last)


def parc_record(quote: Quote, text: str) -> dict[str, Any]:
    """One attribution as PARC-style JSON: source, cue and content spans with their text, for scorers
    and exports; a span left unknown is null."""

    def span(start: int, end: int) -> dict[str, Any] | None:
        return {"start": start, "end": end, "text": text[start:end]} if 0 <= start < end else None

    return {
        "source": span(quote.source_start, quote.source_end),
        "source_phrase": span(quote.phrase_start, quote.phrase_end),
        "speaker": quote.speaker,
        "cue": span(quote.cue_start, quote.cue_end),
        "content": span(quote.start, quote.end),
        "type": quote.parc_type,
        "kind": quote.kind,
    }


def _sentence_of(doc: Doc, text: str, pos: int) -> str:
    """``text`` is ``doc.text`` passed in: spaCy rebuilds ``Doc.text`` from every token on each access."""
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return evidence_bounds(text, span.sent.start_char, span.sent.end_char, pos)[0] if span is not None else ""


def _sentence_text(text: str, tok: Token) -> str:
    return evidence_bounds(text, tok.sent.start_char, tok.sent.end_char, tok.idx)[0]


def extract_quotes(doc: Doc, mentions: list[Mention], article: Article) -> list[Quote]:
    """Quotations of one article attributed to speakers, in text order."""
    text = doc.text
    data = cues()
    index = MentionIndex(doc, mentions)
    if surnames := surname_mentions(doc, index):  # "Brook, speaking at …, rejected that." then "…," he said
        index = MentionIndex(doc, [*mentions, *surnames])
    profiles = person_profiles(doc, index)
    paragraphs = paragraph_bounds(text)
    marked = marked_spans(text)
    kept = [
        m
        for m in marked
        if (m.words >= data["min_direct_words"] or is_utterance(text, m)) and not is_name(m) and not is_term(doc, m)
    ]
    quoted = tuple((m.start, m.end) for m in marked)
    quotes: list[Quote] = []

    def para_of(pos: int) -> int:
        return next((i for i, (s, e) in enumerate(paragraphs) if s <= pos < e), -1)

    def finish(q: Quote, att: Attribution | None) -> Quote:
        if att is not None and att.speaker is not None and att.speaker.group >= 0:
            prof = profiles.get(att.speaker.group)
            if prof is not None:
                q.speaker_title, q.speaker_affiliation = prof.title, prof.affiliation
        elif att is not None and att.speaker_token is not None:
            q.speaker_affiliation = affiliation_of(att.speaker_token, index, data["affiliation_labels"]) or prep_phrase(
                att.speaker_token
            )
        return q

    headings = [p for p in paragraphs if is_heading(text, p)]

    def cue_at(tok: Token) -> bool:  # a cue outside quotations and headings
        return is_cue(tok) and not inside_marked(tok.idx, kept) and not any(s <= tok.idx < e for s, e in headings)

    cue_tokens = [t for t in doc if cue_at(t)]  # once per document
    outside = [*((m.start, m.end) for m in kept), *headings]
    asked = unnamed_questions(doc, outside)  # "Asked whether …, X said": the asker goes unnamed
    direct_cues: set[int] = set()
    bodies: set[tuple[str | None, int]] = set()  # speakers of direct quotes that are bodies, not persons
    items: list[tuple[int, Quote]] = []
    previous: tuple[Marked, Token | None] | None = None
    for mk in kept:
        whole = (0, len(text))
        pi, pj = para_of(mk.start), para_of(max(mk.start, mk.end - 1))
        paras = (paragraphs[pi] if pi >= 0 else whole, paragraphs[pj] if pj >= 0 else whole)
        cue = cue_for(cue_tokens, mk, paras, index, text, quoted)
        if (cue is None or cue.idx < mk.start) and previous is not None:
            p_mk, p_cue = previous  # '“…,” X wrote, a Y thought to be Z. “…”': the frame between two parts
            if (
                p_cue is not None
                and pi >= 0
                and para_of(p_mk.start) == pi
                and p_mk.end <= p_cue.idx < mk.start
                and not any(p_cue.idx < t.idx < mk.start for t in cue_tokens)  # another saying came between
            ):
                cue = p_cue
        previous = (mk, cue)
        att: Attribution | None = attribution_for(cue, index, quoted) if cue is not None else None
        if att is None or att.speaker is None:  # 'bears a quotation from X: “…”': the noun names its source
            att = (
                colon_attribution(doc, mk.start, index, quoted)
                or speaker_label(doc, text, mk.start, index, quoted)
                or att
            )
        if cue is not None:
            direct_cues.add(cue.i)
        q = _quote(
            mk.text,
            mk.start,
            mk.end,
            att,
            speaker_title=None,
            speaker_affiliation=None,
            outlet=outlet_of(att.cue, index, article) if att else None,
            direct=True,
            sentence=_sentence_text(text, att.cue) if att else _sentence_of(doc, text, mk.start),
        )
        if att is not None and _body_speaker(att):
            bodies.add((q.speaker, q.speaker_group))
        items.append((mk.start, finish(q, att)))
    for tok in doc:
        if not cue_at(tok):
            continue
        clause = any(c.dep_ == "ccomp" for c in tok.children) or misread_that(tok) is not None
        frame = tok.dep_ == "parataxis" or fronted_content(tok) is not None
        if (tok.i in direct_cues and not clause and not frame) or negated(tok) or unrealised(tok):
            continue  # "did not say whether …", "is expected to say that …" report no claim
        if channel_of_saying(tok, direct_cues):
            continue  # '“…,” X said, according to Reuters': X's own words, passed on by the agency, are X's
        word = lemma(tok)
        if tok.i in asked:
            continue  # "Asked what she would do, X said …": X answers; the asker goes unnamed (kind question below)
        # a verb of stance alone ("rejected the claim that …", "wants the party to …") reports no clause of its
        # subject's beyond a complement of its own: no that-clause found further on is its content
        stance_only = (
            word not in data["cue_verbs"]
            and word not in data["question_verbs"]
            and word not in data["phrasal_cues"]
            and (word in data["stance_verbs"] or stance_preposition(tok) is not None)
        )
        span = None if stance_only and not any(c.dep_ == "ccomp" for c in tok.children) else reported_text(tok)
        question = span is not None and asks(tok, span)
        if question and span is not None and doc[span.start - 1].lower_ in ("whether", "if"):
            span = doc[span.start - 1 : span.end]  # "asked whether …": PARC keeps the question's opener
        if span is None:  # "a new poll shows the mayor with a narrow lead": a finding, reported as such
            span = finding_content(tok)
        stance = span is None and (span := stance_content(tok)) is not None  # "endorsed X", "wants to …"
        stance = stance or stance_only
        if span is None or len(span) < (1 if stance else 3) or (question_opener(span) and not question):
            continue  # "did not say whether …": a question, not a claim
        if tok.i in direct_cues and not clause and own_words(span, kept) < data["min_mixed_words"]:
            continue  # '“…,” X said': the quotation is the whole statement
        if (
            tok.i in direct_cues
            and any(abs(m.end - span.end_char) <= 3 and m.start > span.start_char for m in kept)
            and run_on_quotation(text, span.start_char, span.end_char)
        ):
            continue  # '… in Syria “Xyz continues …,” X said': the stop is missing, the quotation is the content
        if (
            tok.i in direct_cues
            and span.end_char <= tok.idx
            and any(m.start - 1 <= span.start_char <= m.start < m.end < span.end_char for m in kept)
        ):
            continue  # '“…,” a lawyer for X, Ada Roe, said': the quotation, then words of its frame, not content
        covered = sum(max(0, min(span.end_char, m.end) - max(span.start_char, m.start)) for m in kept)
        if covered > 0.5 * (span.end_char - span.start_char) and own_words(span, kept) < data["min_mixed_words"]:
            continue  # the quotation is the content; a clause with words of its own around it is mixed
        att = attribution_for(tok, index, quoted)
        if not speaks_by(tok, att):  # a speaker, or people left unnamed ("they say …")
            continue
        body, b_start, b_end = evidence_bounds(text, span.start_char, span.end_char, tok.idx)
        if b_start < tok.idx:  # content before its cue may have a sub-heading glued on
            b_start = past_heading(text, b_start, min(b_end, tok.idx))
        while b_start < b_end and blank(text[b_start]):
            b_start += 1
        while b_end > b_start and (
            text[b_end - 1] in ' ,.;:“”"' or blank(text[b_end - 1]) or text.endswith(DOUBLE_APOSTROPHE, b_start, b_end)
        ):  # ''…,'' typewriter quotes close the clause as “…,” do
            b_end -= len(DOUBLE_APOSTROPHE) if text.endswith(DOUBLE_APOSTROPHE, b_start, b_end) else 1
        for m in kept:  # a quotation opened in the content closes in it, however the parse cut the clause
            if b_start <= m.start < b_end < m.end:
                b_end = m.end
        if dateline := DATELINE.match(text, b_start, b_end):
            b_start = dateline.end()  # "NAIROBI – On Monday, …": the dateline is nobody's words
        for other in span:  # ", according to X" closing the clause is the attribution, not its content
            if other.i != tok.i and b_start + 10 < other.idx < b_end and other.lower_ in data["according"]:
                b_end = other.idx
                while b_end > b_start and text[b_end - 1] in ' ,.;:“”"':
                    b_end -= 1
                break
        parts = frame_parts(text, tok, b_start, b_end) if tok.i > span.start else [(b_start, b_end)]
        if parts[-1][1] - parts[-1][0] < (2 if stance else 10) or parts[0][1] - parts[0][0] < 2:
            continue
        for p_start, p_end in parts:
            q = _quote(
                text[p_start:p_end],
                p_start,
                p_end,
                att,
                outlet=outlet_of(tok, index, article),
                direct=any(s <= p_start and p_end <= e for s, e in quoted),  # '“We are ready,” said X'
                sentence=_sentence_text(text, tok),
            )
            if stance or question:
                q.kind = "stance" if stance else "question"
            items.append((p_start, finish(q, att)))
    cue_indices = {t.i for t in cue_tokens}
    for att, clause in nominal_attributions(index, quoted):
        noun = att.cue
        if any(s <= noun.idx < e for s, e in headings) or (noun.dep_ == "pobj" and noun.head.head.i in cue_indices):
            continue  # 'X said in her statement that …': the statement is the medium of the verb's attribution
        start, end = clause.start_char, clause.end_char
        direct = any(s <= start and end <= e for s, e in quoted)
        q = _quote(text[start:end], start, end, att, outlet=None, direct=direct, sentence=_sentence_text(text, noun))
        items.append((start, finish(q, att)))
    for att, start, end in label_attributions(doc, text, paragraphs, index, quoted):  # "Ada Roe: the port …"
        q = _quote(text[start:end], start, end, att, outlet=None, direct=False, sentence=_sentence_text(text, att.cue))
        if text[end - 1] == "?":  # "VALE: Do you think …?": a transcript's question states no claim
            q.kind = "question"
        items.append((start, finish(q, att)))
    for verb, (p_start, p_end) in asked.values():  # "Asked whether …, X said": kind question, no source
        if p_start >= p_end:
            continue
        q = _quote(text[p_start:p_end], p_start, p_end, Attribution(verb, None, None), outlet=None, direct=False)
        q.kind, q.sentence = "question", _sentence_text(text, verb)
        items.append((p_start, q))
    for found in attitudes(index, quoted, outside):  # "X is confident that …", "it is unclear whether …"
        p_start, p_end = found.content
        q = _quote(text[p_start:p_end], p_start, p_end, found.att, outlet=None, direct=False)
        q.cue_start, q.cue_end = found.cue  # the copula with its adjective
        q.kind, q.sentence = found.kind, _sentence_text(text, found.att.cue)
        items.append((p_start, finish(q, found.att)))
    for verb, parts in hedges(doc, outside):  # "X seemed to …"
        hedge = Attribution(verb, None, None)
        for p_start, p_end in parts:
            q = _quote(text[p_start:p_end], p_start, p_end, hedge, outlet=None, direct=False)
            q.kind, q.sentence = "hedge", _sentence_text(text, verb)
            items.append((p_start, q))
    items.sort(key=lambda item: item[0])
    seen: set[tuple[int, int]] = set()
    unique = []
    for _pos, q in items:  # '“…,” she said, “…”' is found from its marks and again around its cue: keep one
        if (q.start, q.end) not in seen:
            seen.add((q.start, q.end))
            unique.append(q)
    quotes = _drop_nested(_drop_embedded(unique, text), doc)
    _carry_speakers(quotes, paragraphs, text)
    _unvoice_bodies(quotes, doc, bodies)
    _carry_outlets(quotes)
    return quotes


#: Pronouns by which one person speaks of themself.
_FIRST_SINGULAR = frozenset(("i", "me", "my", "myself", "mine"))


def _body_speaker(att: Attribution) -> bool:
    """Whether an attribution's speaker is a body (a ministry, an armed group, a company, a country) rather
    than a person: named with such a label (a generic organisation only when its name has an organisation
    word, since the tagger types unfamiliar personal names so), or an unnamed noun phrase headed by one."""
    speaker = att.speaker
    if speaker is None:
        return False
    heads = label_config()["heads"]

    def body_word(word: str) -> bool:
        return any(word in heads[kind] for kind in heads) or word in label_config()["group_words"]

    if speaker.label == "Organization":  # the tagger's catch-all: "Ada Roe" typed so is a person all the same
        return any(body_word(w) for w in speaker.text.lower().split())
    if speaker.label in (*ORG_LABELS, "Country", "Location"):
        return True
    if speaker.label == "Person" or speaker.group >= 0 or att.speaker_token is None:
        return False
    tok = att.speaker_token
    return tok.pos_ == "NOUN" and body_word(lemma(tok))


def _speaks_as_one(doc: Doc, start: int, end: int) -> bool:
    """Whether a quotation speaks in the first person singular ("I saw …", "my men") outside any quotation
    nested in it ('He told me, ‘I will …’' keeps the outer "me" only)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    depth = 0
    for tok in span:
        if tok.text in ("‘", "«") or (tok.text == "'" and depth == 0 and tok.whitespace_ == ""):
            depth += 1
        elif tok.text in ("’", "»") and depth > 0 and tok.tag_ != "POS":
            depth -= 1
        elif depth == 0 and tok.pos_ == "PRON" and tok.lower_ in _FIRST_SINGULAR:
            return True
    return False


def _unvoice_bodies(quotes: list[Quote], doc: Doc, bodies: set[tuple[str | None, int]]) -> None:
    """A direct quotation in the first person singular is one person's words: a ministry, an armed group or a
    country named as its source (the cue's subject, or carried on from a quote before) is a misread frame or a
    spokesman left unnamed, and naming the body would put a person's words in its mouth. The quote keeps its
    cue and is left without a speaker (shown as unattributed rather than guessed)."""
    for q in quotes:
        if q.direct and q.speaker and (q.speaker, q.speaker_group) in bodies and _speaks_as_one(doc, q.start, q.end):
            q.speaker, q.speaker_group = None, -1
            q.speaker_title = q.speaker_affiliation = None
            q.source_start = q.source_end = -1


def speaker_label(
    doc: Doc, text: str, start: int, index: MentionIndex, quoted: tuple[tuple[int, int], ...] = ()
) -> Attribution | None:
    """The speaker of a transcript line or headline ('Ada Roe: “…”', 'Poll: “…”'): a line opening with nothing but
    a source label and a colon before the quotation (``quote_labels``); the colon stands for the cue."""
    line_start = text.rfind("\n", 0, start) + 1
    found = label_attribution(doc, text, (line_start, start), index, quoted)
    return found[0] if found is not None and found[1] >= start - 1 else None


def _drop_embedded(quotes: list[Quote], text: str) -> list[Quote]:
    """A direct fragment inside reported speech by the same speaker ("told the Senate that the
    Zainabiyoun were among the militants “found actively involved …”") is part of that mixed
    statement, not a quotation of its own; the fragment may end in the stop the clause leaves out."""
    reported = [q for q in quotes if not q.direct]

    def inside(q: Quote, r: Quote) -> bool:
        return r.start <= q.start and (q.end <= r.end or not text[r.end : q.end].strip(_CLOSING))

    return [q for q in quotes if not (q.direct and any(inside(q, r) and r.speaker == q.speaker for r in reported))]


def _drop_nested(quotes: list[Quote], doc: Doc) -> list[Quote]:
    """An attribution reported inside another speaker's content ("Ada Roe said Jon Vale had told her the deal
    was off") is that speaker's claim about a saying, not a saying the text reports: Vale may deny it. PARC
    nests it under the outer attribution; a flat list of quotes would state it as Vale's own words, so it is
    left out and the outer attribution keeps the whole claim. Nested means the inner cue lies in the outer
    content and is not coordinated on the way up: a saying coordinated with it ("X said the talks failed, and
    Y said …") is a statement of its own, whatever span the parse gave the first."""

    def token(pos: int) -> Token | None:
        span = doc.char_span(pos, pos + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def under(inner: Token, outer: Token) -> bool:  # no coordination between the inner cue and the outer clause
        cur = inner
        for _ in range(24):
            if cur.i == outer.i or cur.head.i == cur.i:
                return True
            if cur.dep_ == "conj":
                return False
            cur = cur.head
        return True

    def nested(q: Quote) -> bool:
        inner = token(q.cue_start) if q.cue_start >= 0 else None
        if inner is None:
            return False
        for o in quotes:
            if (
                o is q
                or o.direct
                or o.kind == "hedge"
                or o.cue_start in (-1, q.cue_start)
                or not o.start <= q.cue_start < o.end
            ):
                continue
            outer = token(o.cue_start)
            if outer is not None and under(inner, outer):
                return True
        return False

    return [q for q in quotes if not nested(q)]


_CLOSING = " .,;:!?“”\"'’"


def _first_char_of(paragraph: tuple[int, int]) -> int:
    return paragraph[0]


def _carry_speakers(quotes: list[Quote], paragraphs: list[tuple[int, int]], text: str) -> None:
    """A direct quote left without speaker takes the speaker of the quote just before it
    (in the same or the previous paragraph), e.g. after a reported "…, he said." paragraph; not a
    quotation whose sentence goes on after it in a frame of its own that was not read as a cue ('“…,” the
    statement read', '“…!” the crowd chanted'): that frame names another voice."""
    opens = {_first_char_of(p) for p in paragraphs}
    for prev, cur in zip(quotes, quotes[1:], strict=False):
        if cur.speaker is None and cur.direct and prev.speaker is not None and cur.start - 1 in opens:
            if _framed_after(text, cur.end) or text[max(0, cur.start - 80) : cur.start - 1].rstrip().endswith(":"):
                continue  # 'What the reporter answered:' introduces someone else's words
            gap = [p for p in paragraphs if prev.start <= p[1] and p[0] <= cur.start]
            if len(gap) <= 2:
                cur.speaker, cur.speaker_group = prev.speaker, prev.speaker_group
                cur.speaker_title, cur.speaker_affiliation = prev.speaker_title, prev.speaker_affiliation
                cur.cue, cur.outlet = cur.cue or prev.cue, cur.outlet or prev.outlet


def _framed_after(text: str, end: int) -> bool:
    """Whether a quotation ending at ``end`` is followed in its sentence by a frame: it closes on a comma (or
    on "?"/"!" with the frame going on lower-case) and words follow its closing mark on the same line."""
    pos = end
    comma = False
    while pos < len(text) and text[pos] in ",?!":
        comma = comma or text[pos] == ","
        pos += 1
    mark = mark_at(text, pos, CLOSING_MARKS)
    if not mark:
        return False
    rest = text[pos + len(mark) : pos + 40].split("\n", 1)[0].lstrip(" \t")
    if not rest or not rest[0].isalpha():
        return False
    return comma or (text[end - 1 : pos].strip()[-1:] in ("?", "!") and rest[0].islower())


def _carry_outlets(quotes: list[Quote]) -> None:
    """An interviewee's later "…, he said" was said to the same outlet as their "told Arab News"."""
    outlets: dict[int, str] = {}
    for q in quotes:
        if q.outlet and q.speaker_group >= 0:
            outlets.setdefault(q.speaker_group, q.outlet)
    for q in quotes:
        if q.outlet is None and q.speaker_group in outlets and q.cue in (None, "said", "says", "added"):
            q.outlet = outlets[q.speaker_group]
