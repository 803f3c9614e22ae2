"""The longer proper name a mention of a body is written inside ("<X> Supreme Council" around "<X>").

A statistical model, or a gazetteer built from list names, may mark only the listed part of a longer name: the
article writes "the <X> Supreme Council" and the mention is "<X>". The mention then joins the listed body's actor,
and the council reads as the listed body. The article's own text says otherwise: capitalised name words written
straight after the mention, with nothing between, continue one proper name. This module reads that name back
from the mention's sentence so the sanctions judgement can weigh it (:func:`threatgraph.resolve.judge.judge`).
The same holds the other way round (session 17): a model may mark only the generic tail of a firm's name ("Savings
Bank" of "<Town> Savings Bank"), and capitalised name words written straight before it begin the longer name
(:func:`leading_start`; the sanctions stage reads them only for a mention with a kind word).

Only plain running text counts: a headline in title case capitalises every word, a title or office after a group
name ("<X> Secretary General", "<X> Commander") opens a person's name, and a weekday, a month, a country or a
nationality ("struck <X> Tuesday", "<X> Gaza") is no part of a body's name.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence

from sqlalchemy import Connection, select

from threatgraph.extract.places import territory_code
from threatgraph.names.vocabulary import fold, vocabulary
from threatgraph.store.schema import mentions

#: Lower-case words that may join the capitalised words of one name ("Council for <X> Affairs").
CONNECTORS = frozenset({"of", "for", "the", "al", "el"})
#: Words that title case leaves small: a sentence of capitalised words and these only is a headline.
TITLE_SMALL = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "as", "from"}
)
#: At most this many words continue a name.
MAX_WORDS = 5
_WORD = re.compile(r"[ \t]+([^\s,;:.!?()\"“”]+)")
_CALENDAR = frozenset(
    fold(w) for w in [*calendar.day_name, *calendar.month_name, *calendar.day_abbr, *calendar.month_abbr] if w
)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and any(c.islower() for c in word)


def _title_case(sentence: str) -> bool:
    """A headline or a title: every word capitalised but the short function words title case leaves small."""
    words = re.findall(r"[^\W\d_][\w'’-]*", sentence)
    return len(words) >= 3 and all(w[:1].isupper() or w.casefold() in TITLE_SMALL for w in words)


def _stops_a_name(word: str) -> bool:
    """A capitalised word that does not continue a body's name: a title or office, a date word, a country."""
    voc = vocabulary()
    w = fold(word.strip("'’"))
    return (
        w in voc.offices or w in voc.honorifics or w in _CALENDAR or territory_code(word, countries=False) is not None
    )


def enclosing_span(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the longer name around a mention at ``start``..``end`` of ``sentence`` begins and ends: the mention
    and the capitalised words written straight after it ("<X> Supreme Council", "Ministry of <X> Affairs"), or
    None when the mention ends its name (or ends in a full stop: a sentence the splitter ran on)."""
    if not (0 <= start < end <= len(sentence)) or sentence[end - 1] == "." or _title_case(sentence):
        return None
    pos, tail, words = end, end, 0
    while words < MAX_WORDS:
        m = _WORD.match(sentence, pos)
        if not m or "\n" in sentence[pos : m.start(1)]:
            break
        word = m.group(1)
        if word.casefold() in CONNECTORS and words:
            nxt = _WORD.match(sentence, m.end())
            if nxt and _capitalised(nxt.group(1)) and not _stops_a_name(nxt.group(1)):
                pos = m.end()
                continue
            break
        if not _capitalised(word) or word.endswith(("'s", "’s")) or _stops_a_name(word):
            break
        words += 1
        pos = tail = m.end()
    if not words:
        return None
    head = start
    before = re.search(r"((?:[A-Z][\w'’-]*[ \t]+)+(?:of|for)[ \t]+(?:the[ \t]+)?)$", sentence[:start])
    if before:
        head = before.start(1)
    return head, tail


#: A word of a capitalised run before a mention: letters, digits and the joiners a name keeps ("O'Hara", "Al-Noor").
_BEFORE = re.compile(r"([^\s,;:.!?()\"“”]+)[ \t]+$")
#: A capitalised word written after a small word or a punctuation mark inside a sentence: there the capital is
#: the word's own, not the sentence's.
_INSIDE = re.compile(r"(?:[a-z,;:]|\b(?:a|an|the|of|at|to|by|in|on))[ \t]+([A-Z][\w&-]*)")


def _leading_word(word: str) -> bool:
    """A capitalised word that can begin a body's name written before the rest of it: not a function word, an
    abbreviation, a possessive, a title, a date word or a country, nor a hyphenated description whose last part is
    small ("Iran-backed", "Gaza-based": they describe the name after them)."""
    if not _capitalised(word) or "." in word or word.endswith(("'s", "’s")) or word.casefold() in TITLE_SMALL:
        return False
    last = word.rsplit("-", 1)[-1]
    return not (len(last) > 2 and last[:1].islower()) and not _stops_a_name(word)


def proper_words(text: str) -> frozenset[str]:
    """The words an article writes capitalised inside a sentence (after a small word or a comma): proper words,
    whose capital is their own. A sentence's first word is capitalised whatever it is; it counts as a name word
    before a mention only when the article also writes it so inside a sentence."""
    return frozenset(_INSIDE.findall(text))


def leading_start(sentence: str, start: int, proper: frozenset[str] | None) -> int | None:
    """Where the capitalised name words written straight before a body's mention begin ("<Town> Savings Bank"
    around "Savings Bank"), or None when the mention begins its name.

    Why: the model marked only the tail of a longer name, and the tail alone ("Savings Bank", "Trust Company")
    can be a listed body's name or alias; the words before it are the article's own statement that it names
    another body. A headline (every word capitalised) says nothing, and a sentence's first word counts only when
    the article writes it capitalised inside a sentence too (``proper``, :func:`proper_words`; None: count it, to
    learn whether the article's words are needed at all)."""
    if not (0 < start <= len(sentence)) or _title_case(sentence):
        return None
    head, words = start, 0
    while words < MAX_WORDS:
        m = _BEFORE.search(sentence, 0, head)
        if not m or not _leading_word(m.group(1)):
            break
        first = not sentence[: m.start(1)].strip(" \t\"“‘'(")
        if first and proper is not None and m.group(1) not in proper:
            break
        head, words = m.start(1), words + 1
        if first:
            break
    return head if words else None


def enclosing_name(sentence: str, start: int, end: int) -> str | None:
    """The longer name around a mention (:func:`enclosing_span`) as written, or None."""
    span = enclosing_span(sentence, start, end)
    return None if span is None else " ".join(sentence[span[0] : span[1]].split())


def cut_names(conn: Connection, mention_ids: Sequence[int]) -> list[str]:
    """The longer names that every one of these mentions (one in-document group) is cut out of, or [] when any
    of them ends its name or the further words belong to another mention ("<X> <Given> <Family>": a group's name
    before a person's).

    Why: a group made only of such cut mentions names the longer body ("the <X> Relief Council"), not "<X>"; joined
    to the listed body's entity, its mentions would read as sanctioned (:meth:`threatgraph.resolve.cluster.Resolver`
    keeps it apart from an entity read as sanctioned)."""
    if not mention_ids:
        return []
    rows = conn.execute(
        select(
            mentions.c.id,
            mentions.c.article_id,
            mentions.c.sentence,
            mentions.c.sent_start,
            mentions.c.start,
            mentions.c.end,
        ).where(mentions.c.id.in_(list(mention_ids)))
    ).all()
    names: set[str] = set()
    own = set(mention_ids)
    for _mid, art, sentence, sent_start, start, end in rows:
        span = enclosing_span(sentence or "", start - sent_start, end - sent_start)
        if span is None:
            return []
        added = [(lo, hi) for lo, hi in ((span[0] + sent_start, start), (end, span[1] + sent_start)) if lo < hi]
        for lo, hi in added:
            other = conn.execute(
                select(mentions.c.id).where(
                    mentions.c.article_id == art, mentions.c.start < hi, mentions.c.end > lo, mentions.c.id.not_in(own)
                )
            ).first()
            if other is not None:
                return []
        names.add(" ".join((sentence or "")[span[0] : span[1]].split()))
    return sorted(names)
