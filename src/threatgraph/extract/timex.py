"""TIMEX3 readings of temporal expressions: type (DATE, TIME, DURATION, SET) and value.

dates.py turns an expression into an interval an analyst can put on a timeline; other tools and
scorers speak TimeML, where "now" is PRESENT_REF, "20 years" is the duration P20Y, "every day" the
set P1D and "Friday night" 2019-03-08TNI. This module gives that reading beside the interval, from
the expression's words and the interval already worked out, and finds the expressions the
statistical model leaves untagged (references to the present, clock times, frequencies). It also
says when a number is not a date at all (an age, a count, "Decree 4471"), and which way a clause
points an undated "June" or "Monday": the last one in a past tense, the next one in a future, the
nearer one otherwise (:func:`direction`).

The words live in ``timex.yaml``; the numbers words are shared with ``dates.yaml``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from threatgraph.datafiles import load_yaml
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.schemas import DatesFile, TimexFile

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

HERE = Path(__file__).parent
SEASON_CODES = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}
SEASON_NAMES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}


@cache
def grammar() -> dict[str, Any]:
    """timex.yaml with compiled patterns and the number words of dates.yaml."""
    data: dict[str, Any] = load_yaml(HERE / "timex.yaml", TimexFile)
    dates = load_yaml(HERE / "dates.yaml", DatesFile)
    data["numbers"] = dates["numbers"]
    within = "|".join(re.escape(w) for w in sorted([*dates["earlier_words"], *dates["later_words"]], key=len)[::-1])
    data["within"] = re.compile(rf"^(?:{within})\s+(?:this|the)\s+(day|week|month|year)$")
    holidays = [*dates["holidays_fixed"], *dates["holidays_by_rule"], *dates["holidays_from_easter"]]
    data["holidays"] = frozenset(holidays)
    found = [*data["extra_patterns"], *(re.escape(h) for h in sorted(holidays, key=len, reverse=True))]
    data["extra"] = re.compile(r"(?<![\w-])(?:" + "|".join(found) + r")(?![\w-])", re.IGNORECASE)
    # each unit and its plural ("century", "centuries"), read back to the unit by unit_of
    data["unit_of"] = {u: u for u in data["duration_units"]} | {
        (u[:-1] + "ies" if u.endswith("y") and u[-2] not in "aeiou" else u + "s"): u for u in data["duration_units"]
    }
    units = "|".join(sorted(data["unit_of"], key=len, reverse=True))
    amount = "|".join(
        re.escape(w)
        for w in sorted([*data["numbers"], *data["vague_amounts"], *data["fractions"]], key=len, reverse=True)
    )
    amount = f"{_number_words(data)[0]}|{amount}"  # "twenty-four hours" before "twenty" alone
    amount = rf"(?:\d{{1,3}}|{amount})[\s-]+and[\s-]+a[\s-]+half|{amount}"  # "four and a half years"
    lead = "|".join(re.escape(w) for w in sorted(data["duration_lead"], key=len, reverse=True))
    inner = "|".join(re.escape(w) for w in data["duration_inner"])
    # an amount has at most three digits: "the 1988 quarter" is a year's quarter, not 1988 of them
    data["duration"] = re.compile(
        rf"^(?:(?:{lead})\s+)*(?:(\d{{1,3}}(?:\.\d+|\s+1/2)?|{amount})[\s-]+)?(?:(?:{inner})\s+)?({units})"
        r"(\s+and\s+a\s+half)?(?:\s+or\s+so|\s+of\s+(?:the|this|that)\s+(?:year|decade|century))?$"
    )
    named = "|".join([*dates["weekdays"], *(calendar.month_name[i].lower() for i in range(1, 13)), *SEASON_NAMES])
    data["every_named"] = re.compile(rf"^(?:every|each)\s+({named})s?$")
    data["weekdays"] = dates["weekdays"]
    # "two to three weeks", "between two and six days": a length given as a range, read by its first end
    data["length_range"] = re.compile(
        rf"^(?:(?:{lead})\s+)*(?:between\s+)?(\d{{1,3}}|{amount})(?:\s+(?:to|or|and)\s+|(?<=\d)\s*[-–]\s*(?=\d))(?:\d{{1,3}}|{amount})[\s-]+({units})$"
    )
    data["every"] = re.compile(rf"^(?:every|each)(?:\s+single)?\s+(?:(\d+|{amount})\s+)?({units})$")
    data["clock"] = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)
    data["day_part"] = re.compile(r"\b(" + "|".join(data["day_parts"]) + r")\b")
    data["ago"] = re.compile(rf"^(?:\w+\s+)*?(\d+|{amount})\s+weeks?\s+ago$")
    # a length closing a longer phrase ("each of the past three years", "a day earlier", "until twenty years"),
    # read when nothing else gives the phrase a value
    data["length_tail"] = re.compile(
        rf"(?:^|\s)(?:(\d{{1,3}}|{amount})[\s-]+)?(?:(?:{inner})\s+)?({units})(?:\s+(?:earlier|later|before|after|ago))?$"
    )
    return data


def _number_words(g: dict[str, Any]) -> tuple[str, str, str, str, dict[str, int]]:
    """Alternations of the number words by kind (compounds "twenty-four", units, teens, tens) and their
    values; vague amounts ("few") and articles are no digits."""
    words = {w: int(v) for w, v in g["numbers"].items() if w.isalpha() and w not in ("a", "an")}
    words = {w: v for w, v in words.items() if w not in g["vague_amounts"]}
    units = "|".join(w for w, v in words.items() if 1 <= v <= 9)
    teens = "|".join(w for w, v in words.items() if 10 <= v <= 19)
    tens = "|".join(w for w, v in words.items() if v >= 20 and v % 10 == 0)
    return rf"(?:{tens})[\s-]+(?:{units})", units, teens, tens, words


@cache
def _spelled() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]]:
    """Patterns of a spelled-out number below a hundred ("twenty-four", "ninety six") and of a spelled-out
    year ("nineteen ninety-six", "nineteen oh five", "two thousand and one"), from the number words."""
    compound, units, teens, tens, words = _number_words(grammar())
    below_100 = rf"(?:{compound}|{tens}|{teens})"
    number = re.compile(rf"\b{below_100}\b")
    year = re.compile(
        rf"\b(?:(eighteen|nineteen|twenty)[\s-]+({below_100}|(?:oh|o)[\s-]+(?:{units}))"
        rf"|two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?({below_100}|{units}))?)\b"
        r"(?![\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centur))"  # "two thousand years": a length
    )
    return number, year, words


def spelled_number(words: str) -> int | None:
    """The value of a number below a hundred written in words ("twenty-four", "ninety six", "eleven")."""
    number, _year, values = _spelled()
    if not number.fullmatch(words):
        return None
    return sum(values[w] for w in re.split(r"[\s-]+", words))


def spelled_years(text: str) -> str:
    """``text`` (lower-case) with each year written in words in digits, as transcripts of broadcasts spell
    them: "january nineteen ninety-seven" -> "january 1997", "two thousand and one" -> "2001"."""
    _number, year, values = _spelled()

    def digits(m: re.Match[str]) -> str:
        if m[1]:  # "nineteen ninety-six", "nineteen oh five"
            rest = re.sub(r"^(?:oh|o)[\s-]+", "", m[2])
            return str(values[m[1]] * 100 + sum(values[w] for w in re.split(r"[\s-]+", rest)))
        return str(2000 + (sum(values[w] for w in re.split(r"[\s-]+", m[3])) if m[3] else 0))

    return year.sub(digits, text)


def _clean(text: str) -> str:
    s = " ".join(text.lower().replace("’", "'").split()).strip(" .,;:()\"'“”")
    s = re.sub(r"\s+or\s+so(?=\s+(?:ago|earlier|later)$)", "", s)  # "a week or so ago": a week ago
    return re.sub(r"'s$", "", s)


def _amount(word: str | None, g: dict[str, Any]) -> float | None:
    """A number word or digits; None for a vague amount ("several")."""
    if word is None:
        return 1.0
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    if half := re.fullmatch(r"(\d+)\s+1/2", word):  # "5 1/2 hours"
        return float(half[1]) + 0.5
    if (half := re.fullmatch(r"(.+?)[\s-]+and[\s-]+a[\s-]+half", word)) and word not in g["fractions"]:
        whole = _amount(half[1], g)  # "four and a half"
        return whole + 0.5 if whole is not None else None
    if (spelled := spelled_number(word)) is not None:  # "twenty-four"
        return float(spelled)
    if word in g["fractions"]:
        return float(g["fractions"][word])
    if word in g["vague_amounts"]:
        return None
    return float(g["numbers"][word])


def _length(m: re.Match[str], unstated: float | None, g: dict[str, Any]) -> float | None:
    """The count of a duration match: its amount (``unstated`` when it has none), plus a trailing "and a half"."""
    n = _amount(m[1], g) if m[1] else unstated
    return n + 0.5 if n is not None and m[3] else n


def _duration_value(n: float | None, unit: str, g: dict[str, Any]) -> str:
    code = g["duration_units"][g["unit_of"][unit]]
    if n is None:
        return f"P{'T' if code in ('H', 'MIN', 'S') else ''}X{code[0] if code == 'MIN' else code}"  # "hours": PTXH
    if code in g["unit_years"]:  # "two decades": P20Y, "two-and-a-half decades": P25Y, as TimeBank writes them
        n, code = n * g["unit_years"][code], "Y"
    if n != int(n) and code in ("H", "MIN"):  # "5 1/2 hours": PT5H30M, "a minute and a half": PT1M30S
        return f"PT{int(n)}{'H' if code == 'H' else 'M'}{round((n - int(n)) * 60)}{'M' if code == 'H' else 'S'}"
    if n != int(n) and code == "Y" and (n * 12) == int(n * 12):  # "3 1/2 years": P3Y6M, "half a year": P6M
        years, months = divmod(int(n * 12), 12)
        return f"P{f'{years}Y' if years else ''}{months}M"
    if n != int(n):
        return f"P{n:g}{code}"
    time_unit = code in ("H", "MIN", "S")
    return f"P{'T' if time_unit else ''}{int(n)}{code[0] if code == 'MIN' else code}"


def _every_named(name: str, g: dict[str, Any]) -> str:
    """The TIMEX3 set of "every Monday" (XXXX-WXX-1), "each July" (XXXX-07), "every summer" (XXXX-SU)."""
    if name in g["weekdays"]:
        return f"XXXX-WXX-{g['weekdays'].index(name) + 1}"
    if name in SEASON_NAMES:
        return f"XXXX-{SEASON_NAMES[name]}"
    return f"XXXX-{list(calendar.month_name).index(name.capitalize()):02d}"


def without_clock(text: str) -> str | None:
    """The day a clock time is on, without the clock and its time zone ("10 p.m. EST Wednesday" ->
    "Wednesday"), so the day can be dated and the hour kept for the TIMEX3 value; None if there is none."""
    m = grammar()["clock"].search(text)
    if m is None:
        return None
    rest = text[: m.start()] + " " + text[m.end() :]
    rest = re.sub(r"\b[A-Z]{1,2}[SD]?T\b|\b(?:on|at)\b|,", " ", rest)
    rest = " ".join(rest.split())
    return rest or None


def _day_value(start: date, end: date, precision: str) -> str:
    """The calendar value of a closed interval: a day, ISO week, month, quarter, season, year or decade."""
    if start == end:
        return start.isoformat()
    if (end - start).days == 6 and start.weekday() == 0:
        iso = start.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    if (end - start).days == 1 and start.weekday() == 5:
        iso = start.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}-WE"  # a weekend
    if start.year == end.year and start.month == end.month:
        return start.strftime("%Y-%m")
    if precision == "season" and start.month in SEASON_CODES:
        return f"{start.year}-{SEASON_CODES[start.month]}"
    if start.year == end.year and start.day == 1 and (start.month - 1) % 3 == 0 and end.month == start.month + 2:
        return f"{start.year}-Q{(start.month + 2) // 3}"
    if start.year == end.year and start.day == 1 and start.month in (1, 7) and end.month == start.month + 5:
        return f"{start.year}-H{1 if start.month == 1 else 2}"
    if start.year == end.year:
        return str(start.year)
    if start.year // 10 == end.year // 10 and (start.month, end.month) == (1, 12):
        return str(start.year)[:3]  # a decade or part of one ("the mid-1990s": 199)
    if start.year % 100 == 1 and end.year == start.year + 99:
        return f"{start.year // 100:02d}"  # "the 20th century": 1901..2000 is 19
    return ""


def _period_value(unit: str, day: date) -> str:
    """The TIMEX3 value of the day, ISO week, month or year holding ``day``."""
    if unit == "day":
        return day.isoformat()
    if unit == "week":
        iso = day.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    return day.strftime("%Y-%m") if unit == "month" else str(day.year)


def reading(text: str, start: date | None, end: date | None, precision: str, anchor: date | None) -> tuple[str, str]:
    """(TIMEX3 type, value) of one expression; the value is "" when it cannot be stated."""
    g = grammar()
    s = _clean(text)
    s = re.sub(r"^(?:in|on|at(?! least)|during|by|since|the)\s+(?=\S)", "", s) if s not in g["refs"] else s
    if s in g["refs"]:
        return "DATE", g["refs"][s]
    if s in g["set_words"]:
        return "SET", g["set_words"][s]
    if m := g["every_named"].match(s):
        return "SET", _every_named(m[1], g)
    if m := g["every"].match(s):
        n = _amount(m[1], g) if m[1] else 1.0
        return "SET", _duration_value(n, m[2], g)
    if m := g["clock"].search(s):
        hour = int(m[1]) % 12 + (12 if m[3].lower() == "p" else 0)
        day = start.isoformat() if start is not None else (anchor.isoformat() if anchor else "XXXX-XX-XX")
        return "TIME", f"{day}T{hour:02d}:{m[2] or '00'}"  # "3 p.m." is 15:00
    if s in ("noon", "midday") and (start is not None or anchor is not None):
        day = start if start is not None else anchor  # "at noon": twelve o'clock of the day meant, a clock time
        assert day is not None
        return "TIME", f"{day.isoformat()}T12:00"
    if (part := g["day_part"].search(s)) and start is not None and start == end:
        return "TIME", f"{start.isoformat()}T{g['day_parts'][part[1]]}"
    if re.search(r"\bago$", s) and (m := g["ago"].match(s)) and anchor is not None:
        n = _amount(m[1], g)
        if n is not None:
            return "DATE", (anchor - timedelta(days=int(7 * n))).isoformat()
    ranged = g["length_range"].match(s) if not re.search(r"\band a half\b", s) else None  # not "two and a half"
    if (m := ranged) and (n := _amount(m[1], g)) is not None:
        return "DURATION", _duration_value(n, m[2], g)
    if (ahead := re.fullmatch(r"(?:the\s+)?(\w+)\s+ahead", s)) and ahead[1] in g["unit_of"] and ahead[1].endswith("s"):
        return "DURATION", _duration_value(None, ahead[1], g)  # "the weeks ahead": PXW, a stretch from now
    after = re.fullmatch(r"(.+?)\s+(?:later|after)", s)
    if after and (m := g["duration"].match(after[1])) and (m[1] or after[1].endswith("s")):
        # "three days later": TimeML's duration with "later" as its signal (the timeline counts the date)
        return "DURATION", _duration_value(_length(m, None, g), m[2], g)
    relative = re.search(r"\b(?:ago|last|this|next|past|previous|earlier|later)\b", s)
    if (not relative or s.split()[0] in ("the", "past", "last", "next", "coming")) and (m := g["duration"].match(s)):
        lead = s[: m.start(1)] if m[1] else s[: m.start(2)]
        window = re.match(r"(?:the\s+)?(?:past|last)\b", lead) and _clean(text).startswith("the ")  # "the past year"
        one_more = re.search(r"\b(?:another|an additional)\b", lead) and not s.endswith("s")  # "another year": P1Y
        if m[1] or s.endswith("s") or window or one_more or re.search(r"\b(?:for|over|during)\b", lead):
            single = 1.0 if (window or one_more) and not s.endswith("s") else None  # "the past year": one year
            return "DURATION", _duration_value(_length(m, single, g), m[2], g)
    if (within := g["within"].match(s)) and start is not None:
        return "DATE", _period_value(within[1], start)  # "earlier this week": the week, not the days of it so far
    if start is not None and end is not None:
        return "DATE", _day_value(start, end, precision)
    if (length := _length_told(s, g)) is not None:
        return "DURATION", length
    return "DATE", ""


def _length_told(s: str, g: dict[str, Any]) -> str | None:
    """The TIMEX3 duration of a phrase no calendar reading fits that ends in a length: "each of the past three
    years" (P3Y), "a day earlier" with no day to count from (P1D), "just months ago" (PXM). TimeML marks the
    length and leaves the words around it as signals; a phrase without a value is no TIMEX3 at all. A bare
    singular unit ("the third consecutive month", "quarter-century") states no length and gets none."""
    m = g["length_tail"].search(s)
    if m is None or not (m[1] or m[2] != g["unit_of"][m[2]]):
        return None
    return _duration_value(_amount(m[1], g) if m[1] else None, m[2], g)


def without_day_part(text: str) -> str | None:
    """The day an expression names without its part of the day ("late Friday night" -> "Friday"), so
    the day can be dated and the part kept for the TIMEX3 value (2022-09-02TNI); None if it has none."""
    g = grammar()
    if not g["day_part"].search(text.lower()):
        return None
    words = [w for w in text.split() if not g["day_part"].fullmatch(w.lower().strip(".,;:"))]
    while words and words[0].lower() in g["day_part_qualifiers"]:
        words.pop(0)
    rest = " ".join(words).strip()
    return rest or None


def extra_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of expressions the model tends to leave untagged ("now", "8:30 a.m.", "every day")."""
    return [(m.start(), m.end()) for m in grammar()["extra"].finditer(text)]


def not_a_date(span: Span) -> bool:
    """An age, a count or a document number the model took for a date: "31", "22-year-old",
    "Decree 4471", "No hour"; a reporting word that says what kind a thing is ("quarterly dividend")."""
    g = grammar()
    words = span.text.lower()
    if re.fullmatch(r"\d{1,3}", words) or "-year-old" in words or "years old" in words:
        return True
    if words.startswith("no ") and not re.match(r"no (?:more|less|later|earlier|fewer) than\b", words):
        return True  # "no hour passes without…": no time is meant ("no more than 30 days" is a length)
    kind_words = len(span) == 1 and words in g["kind_adjectives"] or words in g["holidays"]
    if kind_words and span.root.dep_ in ("amod", "compound", "nmod") and span.root.head not in span:
        return span.root.head.pos_ in ("NOUN", "PROPN")  # "a quarterly dividend", "a Christmas market": a kind
    if re.fullmatch(r"\d{5,}", words):
        return True
    if (pair := re.fullmatch(r"(\d{3,4})/(\d{2,4})", words)) and not _consecutive_years(*pair.groups()):
        return True  # "the 1267/1989 Sanctions List", "resolution 2231/2015": numbers, not "2019/20"
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    documents = {str(w).strip("()") for w in g["document_words"]}
    return bool(re.fullmatch(r"\d{4}", words) and before.strip("()") in documents)


@cache
def _time_words() -> frozenset[str]:
    """Every word that can make an expression temporal: units (and plurals), months, weekdays, seasons, parts of
    the day, relative days, references, sets, holidays and ``time_words``."""
    g = grammar()
    dates = load_yaml(HERE / "dates.yaml", DatesFile)
    words = {*g["unit_of"], *_calendar_names(), *g["day_parts"]}
    words |= {*g["set_words"], *g["time_words"], *(w for w in dates["relative_days"] if " " not in w)}
    for phrase in [*g["refs"], *g["holidays"]]:
        words |= set(phrase.split())
    words -= {"the", "at", "this", "of", "a", "in", "these", "near", "distant", "foreseeable", "short", "right"}
    return frozenset(str(w) for w in words)


@cache
def _calendar_names() -> frozenset[str]:
    """Month names and abbreviations ("sept" too), weekdays and seasons: the words that name a part of the calendar."""
    dates = load_yaml(HERE / "dates.yaml", DatesFile)
    months = {calendar.month_name[i].lower() for i in range(1, 13)} | {
        calendar.month_abbr[i].lower() for i in range(1, 13)
    }
    return frozenset(str(w) for w in (*months, "sept", *dates["weekdays"], *dates["seasons"]))


@cache
def _named_times() -> frozenset[str]:
    """Words that name a particular time: months, weekdays, seasons, feasts and the names in holidays."""
    g = grammar()
    named = {*_calendar_names(), *g["feast_words"]}
    for phrase in g["holidays"]:
        named |= set(str(phrase).split()) - {"the", "of", "day", "eve", "new", "year", "s"}
    return frozenset(str(w) for w in named)


def names_a_time(text: str) -> bool:
    """The words name a particular time, a month, weekday, season or feast ("during Ramadan", "that
    March"), not only a unit or a reference ("the third straight month", "the night of")."""
    named = _named_times()
    words = {w.strip(".,;:()\"'").removesuffix("'s") for w in re.split(r"[\s-]+", text.lower().replace("’", "'"))}
    return any(w in named or (w.endswith("s") and w[:-1] in named) for w in words)


def no_time_word(text: str) -> bool:
    """The words hold no digit and none of :func:`_time_words` ("Paralympic", a surname, "the comparable")."""
    s = spelled_years(text.lower().replace("’", "'"))  # "nineteen ninety-six" is a year
    if re.search(r"\d", s):
        return False
    words = {w.strip(".,;:()\"'").removesuffix("'s") for w in re.split(r"[\s-]+", s)}
    known = _time_words()
    return not any(w in known or (w.endswith("s") and w[:-1] in known) for w in words)


def _consecutive_years(first: str, second: str) -> bool:
    """ "2019/2020", "2019/20": a season or fiscal year written as two consecutive years."""
    year = int(first)
    return len(first) == 4 and int(second) in (year + 1, (year + 1) % 100)


def _governor(span: Span) -> Token:
    """The verb the expression hangs from (its own root when the sentence has none above it)."""
    head = span.root
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head


def direction(span: Span, signals: bool = True) -> str:
    """Which way an undated expression points (:func:`_clause_direction`); "soon" for the day of a deadline, a
    payment or a record date in a past clause ("explained the June 3 deadline", "declared a dividend payable
    June 2"): the clause's tense says when the day was set, not when it falls, so it is the next one when that
    comes within a few months, the last one otherwise ("the deadline of Feb. 9 passed" in October)."""
    way = _clause_direction(span, signals)
    return "soon" if way == "past" and _set_by_its_noun(span, grammar()) else way


def _clause_direction(span: Span, signals: bool = True) -> str:
    """Which way an undated "June", "Dec. 7" or "Monday" points from the publication date, read from
    its clause: "future" ("will meet in June", "is scheduled for April 7"), "past" when the verb it
    hangs from is in a past tense ("met on Monday", "was killed in June", "has lived there since May"),
    and "open" otherwise: a present tense, an infinitive, no verb or a verb that sets a date ("plans to
    announce on Nov. 6", "payable Dec. 7", "the team planned to leave on Thursday", "extended the offer to
    Nov. 20"), where the nearer occurrence is meant. Without ``signals`` a bound's "until", "by" do not
    make it open: only its verb does ("held the town until March 6" is past)."""
    if future_clause(span):
        return "future"
    g = grammar()
    k = span.start - 1
    while k > 0 and span.doc[k].ent_type_ == "TIME" and span[0].ent_type_ != "TIME":
        k -= 1  # "until 8 a.m. Friday": the signal stands before the clock time on the day
    before = span.doc[k].lower_ if k >= 0 else ""
    if signals and (span[0].lower_ in g["deadline_signals"] or before in g["deadline_signals"]):
        return "open"  # "extended the loans through January", "asked it to reply by Oct. 31": a bound may lie ahead
    if _planned_noun(span, g):
        return "open"  # "talked about the slated visit in September": the plan's month, whatever the talking's tense
    verb = _governor(span)
    while verb.dep_ in ("advcl", "conj") and verb.tag_ == "VBG" and verb.head.i != verb.i:
        verb = verb.head  # "has fluctuated, rising to a high in June": the participle takes its clause's tense
    if verb.pos_ not in ("VERB", "AUX") or lemma(verb) in g["deadline_verbs"]:
        return "open"  # no verb, or one that sets a date ("extended the offer to Nov. 20"): the nearer one
    if verb.tag_ == "VBD":
        return "past"
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "VBD" or a.lower_ in g["perfect_aux"] for a in auxiliaries):
        return "past"  # "was killed", "did not say", "has met", "had left"
    if verb.tag_ == "VBN" and not auxiliaries and verb.dep_ in ("acl", "ROOT", "relcl"):
        return "past"  # "a man killed Monday": a reduced past clause
    return "open"


def _planned_noun(span: Span, g: dict[str, Any]) -> bool:
    """The expression dates a noun its modifier calls planned or awaited ("the slated visit of X in September",
    "the upcoming vote in May", "a planned summit on June 3"): the day is the plan's, which the tense of the
    clause around the noun (when it was talked about) does not settle, so the nearer occurrence is meant."""
    head = span.root
    while head.head.i != head.i and head.head.pos_ not in ("VERB", "AUX"):
        head = head.head
        if head not in span and head.pos_ == "NOUN":
            return any(c.dep_ == "amod" and c.lower_ in g["future_words"] for c in head.children)
    return False


def _set_by_its_noun(span: Span, g: dict[str, Any]) -> bool:
    """The expression is the day of a deadline, a payment or a record date ("the June 3 deadline", "payable June 2",
    "a deadline of June 3"): a word of ``deadline_nouns`` stands between it and the verb of its clause."""
    head = span.root
    while head.head.i != head.i and head.head.pos_ not in ("VERB", "AUX"):
        head = head.head  # up through the nouns, adjectives and prepositions above the day, to its clause
        if head not in span and head.lower_ in g["deadline_nouns"]:
            return True
    return False


def future_clause(span: Span) -> bool:
    """The expression's clause speaks of the future: "will meet in June", "the upcoming Monday", "is
    scheduled for April 7", "are expected to resume in June" (a plan's or expectation's participle)."""
    g = grammar()
    if any(t.lower_ in g["future_words"] for t in span):
        return True
    verbs = [_governor(span)]
    while verbs[-1].dep_ == "xcomp" and len(verbs) < 4:  # "talks are expected to resume in June"
        verbs.append(verbs[-1].head)
    for below, verb in zip(verbs, verbs[1:], strict=False):
        to = any(c.dep_ == "aux" and c.lower_ == "to" for c in below.children)
        if to and verb.tag_ in ("VBZ", "VBP") and verb.lemma_ == "be":
            return True  # "is to reopen on Friday", "are to vote in June": a plan, told in the present
    for verb in verbs:
        if verb.lower_ in g["future_aux"] or any(
            c.dep_ == "aux" and c.lower_ in g["future_aux"] for c in verb.children
        ):
            return True
        if verb.lower_ in g["future_words"] and verb.tag_ == "VBN":
            # "scheduled for April 7", "expected in June": a plan or an expectation, unless it is told in the
            # past ("a service planned for Saturday was cancelled", "had been scheduled to expire Friday")
            pluperfect = any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
            return not (pluperfect or verb.dep_ == "acl" and _past(_governor_of(verb.head)))
    return False


def _governor_of(token: Token) -> Token:
    """The verb a word hangs from (the word itself when none is above it)."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head


def _past(verb: Token) -> bool:
    """A verb in a past tense, or with a past auxiliary ("was cancelled", "had left")."""
    if verb.tag_ == "VBD":
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)
