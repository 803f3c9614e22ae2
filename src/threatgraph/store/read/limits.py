"""Bounds that keep every read of one actor fast whatever the archive size (read at call time, so tests
can lower them with ``monkeypatch.setattr(limits, ...)``)."""

#: Newest articles of an entity a dossier lists, and the recent mentions they are taken from.
ARTICLES = 50
RECENT_MENTIONS = 600
#: Evidence sentences shown per article.
SENTENCES_PER_ARTICLE = 3
#: Events in a dossier (its timeline's first page; older pages come from ``timeline(before=...)``), the
#: events the relations graph counts, and a timeline page's default size. 50, not 200: at 1M articles the
#: busiest actor's 200 events were 129 of the dossier's 200 kB and most of its cost on both sides of the
#: wire (the server's JSON, parsing, records, the page's render), for a page that showed 100 of them.
TIMELINE = 50
#: Quotes by and about, related entities, aliases.
QUOTES = 50
RELATED = 30
ALIASES = 100
#: Neighbours expanded on a graph's second hop.
GRAPH_FANOUT = 8
#: Lowest name score a lookup hit needs.
FIND_THRESHOLD = 0.6
