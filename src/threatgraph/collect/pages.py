"""A fetched page to an :class:`Article`, or a failure saying why it is not one.

The text, title, author line, date and site name come from the ingest HTML reader (trafilatura
over the page's metadata). Collection adds what only matters for pages taken from the web:

- a page that *declares* itself paywalled (schema.org ``isAccessibleForFree: false`` in its
  JSON-LD, the markup publishers use to tell search engines so) and shows only a teaser is a
  failure "paywalled", not a short article;
- any page with fewer than ``min_words`` words of article text is a failure (cookie walls,
  "subscribe to read", consent pages and index pages all look like that);
- the page's own canonical URL (``<link rel="canonical">``) becomes ``Article.url``, so the same
  story reached by two addresses is recognised.
"""

from __future__ import annotations

import re

from threatgraph.collect.urls import UrlError, canonical_url
from threatgraph.ingest import InputError
from threatgraph.ingest.html import read_html
from threatgraph.model import Article

_NOT_FREE = re.compile(rb"""["']isAccessibleForFree["']\s*:\s*(?:false|["']false["'])""", re.IGNORECASE)
#: Pages that say they are paywalled but still show at least this many words are kept (metered walls).
PAYWALL_MIN_WORDS = 150


class PageError(ValueError):
    """A fetched page that is not an article; the message is the recorded reason."""


def page_article(body: bytes, url: str, *, min_words: int, outlet: str | None = None) -> Article:
    """The article on a fetched page; ``url`` is where it was fetched from (after redirects)."""
    try:
        article = read_html(body, url)
    except InputError as exc:
        raise PageError(str(exc)) from None
    words = len(article.text.split())
    if _NOT_FREE.search(body) and words < PAYWALL_MIN_WORDS:
        raise PageError(f"paywalled: the page marks its content as not free and shows only {words} words")
    if words < min_words:
        raise PageError(f"only {words} words of article text (fewer than {min_words}): not an article page")
    declared = article.url
    try:
        article.url = canonical_url(declared, url) if declared else canonical_url(url)
    except UrlError:
        article.url = canonical_url(url)
    article.outlet = article.outlet or outlet
    article.source = url
    return article
