"""Per-article limits that keep one input from taking the machine down.

Extraction memory grows with the length of one article (spaCy parses an article as one document,
and the events, quotes and alias grouping look across all of it): about 500 MB of peak RSS for
100,000 characters, over 3 GB for a 950 KB text, and time to match. News articles are far
shorter: the longest of the 75 real dev texts has under 11,000 characters. So an article longer
than :data:`MAX_ARTICLE_CHARS` is refused with a failure that says how to proceed, before it
reaches the extractor, on every path (files, standard input, the API).
"""

from __future__ import annotations

from threatgraph.model import Article

#: Largest web page read (bytes): parsing markup costs far more than its size (a 19 MB page took 585 MB
#: and 105 s in trafilatura, a 5 MB page 190 MB); real article pages are well under 5 MB.
MAX_HTML_BYTES = 5_000_000
#: Longest article text extracted (characters): 5x the longest real news text we have, and small
#: enough that one article's extraction stays well under 500 MB of peak memory.
MAX_ARTICLE_CHARS = 50_000


def oversize_reason(article: Article, max_chars: int = MAX_ARTICLE_CHARS) -> str | None:
    """Why ``article`` is too long to extract, or None when it is within ``max_chars``."""
    n = len(article.text)
    if n <= max_chars:
        return None
    return (
        f"article text is {n:,} characters, over the {max_chars:,}-character limit per article "
        "(split the document into its articles, or raise --max-chars on a machine with memory to spare)"
    )
