"""SQLAlchemy Core tables: the one schema for SQLite (default) and PostgreSQL.

Alembic migrations under ``store/migrations`` are generated from this module
(``scripts/regen-migration``); the store refuses to run on a database that is not at head.
Columns hold plain values and JSON so that both backends behave the same.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(40), primary_key=True),  # content hash
    Column("url", Text),
    Column("outlet", String(255)),
    Column("title", Text),
    Column("author", Text),
    Column("published", Date),
    Column("lang", String(16), nullable=False, default="en"),
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("seq", Integer, nullable=False),  # ingest order, for incremental watchers
)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_seq", articles.c.seq, unique=True)  # concurrent writers never share a seq

entities = Table(
    "entities",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("schema", String(32), nullable=False),  # model.ENTITY_TYPES
    Column("caption", Text, nullable=False),
    Column("norm", Text, nullable=False),
    Column("mention_count", Integer, nullable=False, default=0),
    Column("article_count", Integer, nullable=False, default=0),
    Column("first_seen", DateTime(timezone=True)),
    Column("last_seen", DateTime(timezone=True)),
    Column("props", JSON, nullable=False, default=dict),
)
Index("ix_entities_norm", entities.c.norm)
Index("ix_entities_schema", entities.c.schema)

aliases = Table(
    "aliases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(64), ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("norm", Text, nullable=False),
    Column("script", String(16), nullable=False, default="Latin"),
    Column("count", Integer, nullable=False, default=0),
    UniqueConstraint("entity_id", "name", name="uq_aliases_entity_name"),
)
Index("ix_aliases_norm", aliases.c.norm)
Index("ix_aliases_entity", aliases.c.entity_id)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", String(64), ForeignKey("entities.id", ondelete="SET NULL")),
    Column("grp", Integer, nullable=False),  # in-document alias group
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(32), nullable=False),
    Column("norm", Text, nullable=False),
    Column("canonical", Text, nullable=False),
    Column("origin", String(16), nullable=False, default="model"),
    Column("sentence", Text, nullable=False),
    Column("sent_start", Integer, nullable=False),
)
Index("ix_mentions_article", mentions.c.article_id)
# An entity's newest mentions: "entity_id = ? ORDER BY id DESC LIMIT n" is one bounded backwards range scan.
# SQLite's index on entity_id alone is already in id order (the rowid ends every entry); PostgreSQL's is not,
# and chose between sorting all of a heavy actor's mentions and walking the primary key back until it had
# found n, which for an actor last seen long ago reads most of the table. The same holds for the role
# indexes of events and quotes below.
Index("ix_mentions_entity_id", mentions.c.entity_id, mentions.c.id)
# The mentions of one entity in given articles (quotes about it in its recent articles): a seek per article.
Index("ix_mentions_entity_article", mentions.c.entity_id, mentions.c.article_id)
Index("ix_mentions_norm", mentions.c.norm)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(32), nullable=False),
    Column("subtype", String(64)),
    Column("trigger", Text, nullable=False),
    Column("source_text", Text),
    Column("source_grp", Integer),
    Column("source_entity_id", String(64), ForeignKey("entities.id", ondelete="SET NULL")),
    Column("target_text", Text),
    Column("target_grp", Integer),
    Column("target_entity_id", String(64), ForeignKey("entities.id", ondelete="SET NULL")),
    Column("place", Text),
    Column("date_text", Text),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(16)),
    # why a date is not the sentence's own: the publication date of a present-tense statement, the
    # article lead's date carried to a retelling; null when the sentence gives the date
    Column("date_note", Text),
    Column("negated", Boolean, nullable=False, default=False),
    Column("hedged", Boolean, nullable=False, default=False),
    # asserted | negated | hypothetical | demanded | claimed: only asserted events are drawn as facts
    Column("modality", String(16), nullable=False, default="asserted", server_default="asserted"),
    Column("sentence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)
Index("ix_events_article", events.c.article_id)
Index("ix_events_source_entity_id", events.c.source_entity_id, events.c.id)
Index("ix_events_target_entity_id", events.c.target_entity_id, events.c.id)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("text", Text, nullable=False),
    Column("direct", Boolean, nullable=False, default=True),
    Column("speaker", Text),
    Column("speaker_grp", Integer),
    Column("speaker_entity_id", String(64), ForeignKey("entities.id", ondelete="SET NULL")),
    Column("speaker_title", Text),
    Column("speaker_affiliation", Text),
    Column("cue", String(64)),
    Column("outlet", Text),
    Column("sentence", Text, nullable=False, default=""),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    # PARC-style spans (character offsets into the article text; NULL when unknown): the source as
    # written ("he", "the police chief", "Ada Roe") and the cue words; the content is start..end
    Column("source_text", Text),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("cue_text", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    # the attribution's kind (extract/quote_kinds.py): speech | written | according | belief | report (0007)
    Column("kind", String(16), nullable=False, default="speech", server_default="speech"),
    # the source's whole noun phrase as PARC writes it, appositions and relative clauses included (0007)
    Column("source_phrase_text", Text),
    Column("source_phrase_start", Integer),
    Column("source_phrase_end", Integer),
)
Index("ix_quotes_article", quotes.c.article_id)
Index("ix_quotes_speaker_entity_id", quotes.c.speaker_entity_id, quotes.c.id)

# --- sanctions lists ---------------------------------------------------------------------

list_versions = Table(
    "list_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset", String(64), nullable=False),  # e.g. "us_ofac_sdn", "un_sc_sanctions" (screen/datasets.yaml)
    Column("format", String(32), nullable=False),
    Column("source", Text, nullable=False),
    Column("digest", String(64), nullable=False),  # sha256 of the input file(s)
    Column("published", Date),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("entry_count", Integer, nullable=False, default=0),
    Column("added", Integer, nullable=False, default=0),
    Column("removed", Integer, nullable=False, default=0),
    Column("changed", Integer, nullable=False, default=0),
    Column("index_path", Text),  # persisted screening index for this version
)
Index("ix_list_versions_dataset", list_versions.c.dataset)

list_entries = Table(
    "list_entries",
    metadata,
    Column("dataset", String(64), primary_key=True),
    Column("entry_id", String(128), primary_key=True),
    Column("schema", String(32), nullable=False),
    Column("caption", Text, nullable=False),
    Column("data", JSON, nullable=False),  # FtM entity dict (to_dict())
    Column("digest", String(64), nullable=False),
    Column("first_version_id", Integer, ForeignKey("list_versions.id"), nullable=False),
    Column("last_version_id", Integer, ForeignKey("list_versions.id"), nullable=False),
    Column("removed_version_id", Integer, ForeignKey("list_versions.id")),
)

list_changes = Table(
    "list_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("version_id", Integer, ForeignKey("list_versions.id", ondelete="CASCADE"), nullable=False),
    Column("dataset", String(64), nullable=False),
    Column("entry_id", String(128), nullable=False),
    Column("change", String(16), nullable=False),  # added | removed | changed
    Column("caption", Text, nullable=False),
    Column("detail", JSON),  # changed properties: {prop: {"old": [...], "new": [...]}}
)
Index("ix_list_changes_version", list_changes.c.version_id)

# --- resolution, links, watches -----------------------------------------------------------

sanction_links = Table(
    "sanction_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(64), ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("dataset", String(64), nullable=False),
    Column("entry_id", String(128), nullable=False),
    Column("score", Float, nullable=False),
    Column("explanation", JSON, nullable=False),
    # resolve/states.py: confirmed | rejected (analyst) | probable | possible (automatic)
    Column("status", String(16), nullable=False, default="possible"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("entity_id", "dataset", "entry_id", name="uq_sanction_links_pair"),
)
Index("ix_sanction_links_entity", sanction_links.c.entity_id)

resolve_decisions = Table(
    "resolve_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # A user judgement that two names/entities are (merge) or are not (split) the same actor.
    # Keys are stable across re-resolution: "<schema>:<norm>" alias keys, not entity ids.
    Column("left_key", Text, nullable=False),
    Column("right_key", Text, nullable=False),
    Column("judgement", String(16), nullable=False),  # merge | split
    Column("note", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Blocking keys of resolved entities (token, phonetic and consonant-skeleton keys of every alias):
# lets resolve find candidate entities for a new mention group with one indexed lookup.
resolve_keys = Table(
    "resolve_keys",
    metadata,
    Column("key", String(160), primary_key=True),
    Column("entity_id", String(64), ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
)
Index("ix_resolve_keys_entity", resolve_keys.c.entity_id)

watches = Table(
    "watches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("entity_id", String(64), ForeignKey("entities.id", ondelete="SET NULL")),
    Column("schema", String(32)),
    Column("threshold", Float, nullable=False, default=0.85),
    Column("note", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seq", Integer, nullable=False, default=0),  # articles.seq already checked
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("watch_id", Integer, ForeignKey("watches.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("matched", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("sentence", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("delivered_at", DateTime(timezone=True)),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("last_error", Text),
    UniqueConstraint("watch_id", "article_id", name="uq_alerts_watch_article"),
)
Index("ix_alerts_created", alerts.c.created_at)

# --- work state: what a killed run left undone, and write locks -------------------------

# Work still owed to stored data, written in the same transaction as the data that needs it and
# deleted in the transaction that does it, so a re-run after kill -9 finds exactly what is left:
# kind "resolve"/"watch" with an article id as key, kind "screen" with a dataset-independent key.
pending_work = Table(
    "pending_work",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("key", String(128), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# One row per named critical section; a transaction that must not interleave with another writer
# (sequence allocation, resolution) first bumps its row, which takes the write lock on SQLite and a
# row lock on PostgreSQL until it commits.
store_locks = Table(
    "store_locks",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("n", Integer, nullable=False, default=0),
)
# --- live collection (threatgraph.collect) ------------------------------------------------

collect_sources = Table(
    "collect_sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(16), nullable=False),  # feed | sitemap | urls | gdelt
    Column("location", Text, nullable=False),  # URL, or a local file for urls_file / gdelt
    Column("config", JSON, nullable=False, default=dict),  # the source's other settings (every, content, ...)
    Column("origin", String(16), nullable=False, default="file"),  # file | web | cli
    Column("enabled", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("etag", Text),  # validators of the last good fetch, sent back as a conditional GET
    Column("last_modified", Text),
    Column("last_fetch_at", DateTime(timezone=True)),
    Column("last_success_at", DateTime(timezone=True)),
    Column("last_status", String(16)),  # ok | unchanged | failed
    Column("last_http_status", Integer),
    Column("last_error", Text),
    Column("failures", Integer, nullable=False, default=0),  # consecutive failed polls
    Column("last_new", Integer, nullable=False, default=0),  # URLs new in the last poll
    Column("next_due_at", DateTime(timezone=True)),
    UniqueConstraint("name", name="uq_collect_sources_name"),
)

collect_urls = Table(
    "collect_urls",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),  # canonical form: the dedupe key
    Column("source_id", Integer, ForeignKey("collect_sources.id", ondelete="SET NULL")),
    Column("status", String(16), nullable=False),  # pending | done | duplicate | failed | disallowed
    Column("attempts", Integer, nullable=False, default=0),
    Column("discovered_at", DateTime(timezone=True), nullable=False),
    Column("fetched_at", DateTime(timezone=True)),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("http_status", Integer),
    Column("final_url", Text),  # after redirects, or the page's declared canonical URL
    Column("article_id", String(40)),  # content hash of the stored (or already stored) article
    Column("error", Text),
    UniqueConstraint("url", name="uq_collect_urls_url"),
)
# robots.txt per host as last fetched (RFC 9309 lets a crawler reuse it for up to 24 hours), so a poll
# with nothing new costs one conditional request per source, not one more per host.
collect_hosts = Table(
    "collect_hosts",
    metadata,
    Column("host", String(300), primary_key=True),  # scheme://host[:port]
    Column("robots_status", Integer, nullable=False),  # HTTP status of /robots.txt (0: unreachable)
    Column("robots_text", Text),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
)

Index("ix_collect_urls_status", collect_urls.c.status, collect_urls.c.id)
Index("ix_collect_urls_source", collect_urls.c.source_id)
Index("ix_collect_urls_final", collect_urls.c.final_url)
