"""The surface normaliser: one comparable spelling of a mention as written, kind words kept.

Extraction groups mentions inside an article and looks places up with it; it keeps generic and
designator words ("zainabiyoun brigade") because inside one article they tell bodies apart. The
comparison forms of resolution and screening (:mod:`threatgraph.names.forms`,
:mod:`threatgraph.names.tokens`) start from the same cleaning and go further.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.names import normalize_name, remove_person_prefixes

from threatgraph.names.ascii import ascii_fold

LEADING_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")


@lru_cache(maxsize=65536)
def normalise_surface(text: str) -> str:
    """A comparable form of a name: no leading "the", no possessive, no honorific, ASCII, casefolded.

    "The Zainabiyoun Brigade’s" and "ZAINABIYOUN BRIGADE" both give "zainabiyoun brigade".
    Non-Latin scripts are transliterated by rigour so an Arabic and a Latin spelling can meet.
    """
    norm = " ".join(ascii_fold(text).split())
    for _ in range(4):  # strip until stable so that normalising a normalised name changes nothing
        stripped = POSSESSIVE.sub("", LEADING_ARTICLE.sub("", norm))
        stripped = remove_person_prefixes(stripped) or stripped
        stripped = normalize_name(stripped) or ""
        if stripped == norm:
            break
        norm = stripped
    return norm
