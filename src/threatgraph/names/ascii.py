"""ASCII folding that reads any text: rigour's transliteration, character by character where ICU refuses a run.

ICU's transliterator rejects some sequences outright (a Japanese iteration mark after a rare CJK ideograph raises
"Unmappable input sequence"), and one such pair in an article would stop extraction, resolution or a screening
query. Read alone, each of those characters transliterates (or folds to nothing), so the text is then folded one
character at a time: the rest of the name keeps its reading and nothing raises.
"""

from __future__ import annotations

from functools import lru_cache

import icu
from rigour.text import ascii_text


@lru_cache(maxsize=65536)
def ascii_fold(text: str) -> str:
    """``text`` in ASCII as rigour transliterates it; one character at a time where ICU rejects the run."""
    try:
        return ascii_text(text)
    except icu.ICUError:
        return "".join(_fold_char(char) for char in text)


def _fold_char(char: str) -> str:
    try:
        return ascii_text(char)
    except icu.ICUError:  # a character ICU cannot read even alone has no Latin reading to keep
        return ""
