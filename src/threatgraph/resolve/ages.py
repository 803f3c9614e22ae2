"""A person's age or birth year as an article states it beside the name: "<Name>, 34, of <City>", "<Name> (34)",
"<Name>, aged 34", "the 34-year-old <Name>", "<Name>, born in 1979", "<Name> (born 1979)".

Why: the list states a listed person's birth date, and a namesake is most often someone else's age. Court and
police releases and news reports give a defendant's or a victim's age in exactly these forms; a man of 24 in 2020
is not the listed person born in 1961, whatever his name and his co-mentioned groups say
(:func:`threatgraph.resolve.judge.judge` reads a contradiction as evidence against). Only an age or a year written
against the name itself counts: a number elsewhere in the sentence belongs to someone or something else.

Each statement becomes a range of birth years: an age at the article's date is one of two years (the birthday may
have passed or not), a stated year is itself.
"""

from __future__ import annotations

import re
from datetime import date

from threatgraph.resolve.designation import role_before

#: Ages outside this range are no person's stated age (a count, a unit number, a list position).
MIN_STATED_AGE, MAX_STATED_AGE = 14, 99
#: An optional bracketed short form right after the name ("<Name> (<Short>), 34, ...").
_SHORT = r"(?:\s*\([^()]{1,60}\))?"
#: ", 34," / ", 34 of" / " (34)" / ", aged 34" right after the name.
_AGE_AFTER = re.compile(
    _SHORT + r"(?:\s*,\s*(?:aged\s+)?(\d{1,2})\s*(?:[,;)]|\s+of\b|\s+(?:was|is|has|had|and|who)\b|$)"
    r"|\s*\(\s*(?:aged\s+|age\s+)?(\d{1,2})\s*\))"
)
#: ", born in 1979" / " (born 1979)" / " (b. 1979)" / ", born on May 5, 1979" right after the name.
_BORN_AFTER = re.compile(
    _SHORT + r"\s*[,(]\s*(?:born|b\.)\s+(?:(?:in|on|circa|c\.|about)\s+)?"
    r"(?:(?:[A-Z][a-z]{2,8}\.?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:[A-Z][a-z]{2,8}\.?,?\s+)?)?(\d{4})\b"
)
#: "34-year-old" among the role words before the name.
_AGE_BEFORE = re.compile(r"\b(\d{1,2})[-\s]year[-\s]old\b", re.IGNORECASE)


def stated_birth_years(sentence: str, start: int, end: int, published: date | None) -> tuple[int, int] | None:
    """The range of birth years (first, last) the sentence states for the name at ``sentence[start:end]``, or None.

    An age needs the article's date (``published``); without one only a stated birth year counts. A year after the
    article's date, or an age outside :data:`MIN_STATED_AGE`..:data:`MAX_STATED_AGE`, is no birth statement."""
    right = sentence[end:]
    born = _BORN_AFTER.match(right)
    if born:
        year = int(born.group(1))
        if published is None or year <= published.year - MIN_STATED_AGE:
            return year, year
        return None
    if published is None:
        return None
    m = _AGE_AFTER.match(right)
    age = int(m.group(1) or m.group(2)) if m else None
    if age is None:
        before = _AGE_BEFORE.search(role_before(sentence, start))
        age = int(before.group(1)) if before else None
    if age is None or not MIN_STATED_AGE <= age <= MAX_STATED_AGE:
        return None
    return published.year - age - 1, published.year - age
