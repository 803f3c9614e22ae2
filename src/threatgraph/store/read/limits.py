"""Bounds that keep every read of one actor fast whatever the archive size (read at call time, so tests
can lower them with ``monkeypatch.setattr(limits, ...)``)."""

#: Newest articles of an entity a dossier lists, and the recent mentions they are taken from.
ARTICLES = 50
RECENT_MENTIONS = 600
#: Evidence sentences shown per article.
SENTENCES_PER_ARTICLE = 3
#: Events per timeline page (and in a dossier), quotes by and about, related entities, aliases.
TIMELINE = 200
QUOTES = 50
RELATED = 30
ALIASES = 100
#: Neighbours expanded on a graph's second hop.
GRAPH_FANOUT = 8
#: Lowest name score a lookup hit needs.
FIND_THRESHOLD = 0.6
