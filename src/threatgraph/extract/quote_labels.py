"""Label attributions: a line that opens with its source and a colon ("Ada Roe: the port will reopen").

Headlines put the source first and a colon for the verb ("Vale: Port Deal Is Dead", "Poll: Roe leads in Ohio"),
and transcripts mark each speaker's turn so ("VALE: I think the deal is dead"). PARC and PolNeAR annotate the
colon as the cue, the label as the source and the rest of the line as the content. A colon after a line's first
words is also a dateline ("KABUL: The ministry said …"), a field ("Note:", "Photo:") or a heading, so the label
must be a source by what it names: a person or a body the article names (never a place or a date), a word for
people or for a poll or document ("Vale camp", "Poll", "Report"), or, written in capitals as transcripts write
speakers, the surname of a person named in the article. Sources and words come from the mentions and
``cues.yaml``; nothing is guessed from the shape of the line alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from threatgraph.extract.events_actors import ORG_LABELS, Actor, MentionIndex
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.labels import label_config
from threatgraph.extract.quote_cues import cues
from threatgraph.extract.quote_people import person_titles, quoted_at
from threatgraph.extract.quote_speakers import Attribution, source_actor
from threatgraph.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Most words a label has ("Republican pollster Ada Roe", "Montclair State University professor Jon Vale").
_LABEL_WORDS = 7
#: Parts of speech a label may hold: a noun phrase, coordinated names ("Roe and Vale") and abbreviated titles.
_LABEL_POS = frozenset(("PROPN", "NOUN", "ADJ", "DET", "CCONJ", "PART", "PUNCT", "NUM", "ADP"))
#: Fewest words the content after the colon has: a field ("Photo: AFP") is no statement.
_MIN_CONTENT_WORDS = 3


def label_span(doc: Doc, text: str, line_start: int, line_end: int) -> tuple[Span, Token] | None:
    """The label and its colon when a line opens with a short noun phrase and a colon followed by words."""
    colon_at = text.find(":", line_start, min(line_end, line_start + 120))
    if colon_at <= line_start or "\n" in text[line_start:colon_at]:
        return None
    colon = doc.char_span(colon_at, colon_at + 1)
    label = doc.char_span(line_start, colon_at, alignment_mode="contract")
    if colon is None or label is None or not len(label):
        return None
    words = [t for t in label if not (t.is_punct or t.is_space)]
    if not words or len(words) > _LABEL_WORDS or any(t.pos_ not in _LABEL_POS for t in label):
        return None
    root = label.root
    if root.pos_ not in ("PROPN", "NOUN") or any(t.i not in {s.i for s in root.subtree} for t in words):
        return None  # one noun phrase: not "Follow Ada Roe on Twitter", whose last name is no source
    return label, colon[0]


def label_head(label: Span) -> Token:
    """The word a label names its source by: the head of its noun phrase ("Ada Roe", "Vale camp", "Poll")."""
    return label.root


def capital_surname(tok: Token, index: MentionIndex) -> Mention | None:
    """The person a speaker written in capitals names, as a transcript writes turns ("VALE:"): a person whose full
    name (two words or more) the article gives ends in that word, in any case; a dateline ("KABUL:") is no one's
    surname."""
    if not tok.text.isupper() or len(tok.text) < 3:
        return None
    word = tok.text.lower()
    return next(
        (
            m
            for m in index.mentions
            if m.label == "Person" and len(names := m.text.lower().split()) > 1 and names[-1] == word
        ),
        None,
    )


def is_label_source(label: Span, index: MentionIndex) -> bool:
    """Whether a line's label names a source: a person or body named in it (the mention ends where the label
    does), a noun for people, a poll or a document at its head, or a capitalised surname of a person the article
    names. A place, a date or a field word is no source."""
    head = label_head(label)
    m = index.at(head)
    if m is not None and (m.label == "Person" or m.label in ORG_LABELS) and m.end >= head.idx + len(head):
        if head.text.isupper():  # "PESHAWAR:" typed a person is a dateline unless a full name ends in it
            return capital_surname(head, index) is not None
        return m.start >= label.start_char
    if m is not None and m.label not in ("Person", *ORG_LABELS):
        return capital_surname(head, index) is not None  # "VALE" typed a place by the tagger; "KABUL" no one's surname
    if head.pos_ == "NOUN":
        data = cues()
        word = lemma(head).lower()
        return (
            word in data["report_nouns"]
            or word in data["document_nouns"]
            or word in data["people_collectives"]
            or word in person_titles()
            or word in label_config()["person_nouns"]
        )
    return capital_surname(head, index) is not None


def label_attribution(
    doc: Doc, text: str, line: tuple[int, int], index: MentionIndex, quoted: tuple[tuple[int, int], ...]
) -> tuple[Attribution, int] | None:
    """The attribution of a line opened by a source label, and where its content starts (after the colon)."""
    found = label_span(doc, text, *line)
    if found is None:
        return None
    label, colon = found
    if not is_label_source(label, index) or any(quoted_at(t, quoted) for t in label):
        return None
    start = colon.idx + 1
    while start < line[1] and text[start].isspace():
        start += 1
    head = label_head(label)
    person = capital_surname(head, index)
    if person is not None:  # "FALLIN:" is Mary Fallin, named so before
        speaker: Actor | None = Actor(person.canonical or person.text, person.group, person.label)
    else:
        speaker = source_actor(head, index, quoted) or Actor(label.text)
    return Attribution(colon, speaker, head, (label.start_char, label.end_char)), start


def label_attributions(
    doc: Doc,
    text: str,
    paragraphs: list[tuple[int, int]],
    index: MentionIndex,
    quoted: tuple[tuple[int, int], ...],
) -> list[tuple[Attribution, int, int]]:
    """Each paragraph of one line opened by a source label and a colon, with its content span: the rest of the
    line without its stop. A content that is a quotation the quotation marks already found is left to them
    (its source is read by ``label_attribution`` there), as is a content with no verb (a field's value)."""
    out = []
    for p_start, p_end in paragraphs:
        body_end = p_end
        while body_end > p_start and text[body_end - 1].isspace():
            body_end -= 1
        if "\n" in text[p_start:body_end]:
            continue
        found = label_attribution(doc, text, (p_start, body_end), index, quoted)
        if found is None:
            continue
        att, start = found
        end = body_end
        while end > start and text[end - 1] in " .;,":
            end -= 1
        if any(s <= start + 1 and end - 1 <= e for s, e in quoted):
            continue  # 'Vale: “…”': the quotation is found from its marks
        content = doc.char_span(start, end, alignment_mode="expand")
        if content is None or sum(1 for t in content if t.is_alpha) < _MIN_CONTENT_WORDS:
            continue
        if not any(t.pos_ in ("VERB", "AUX") for t in content) and text[start] not in "“\"'‘":
            continue
        out.append((att, start, end))
    return out
