"""The database schema as named migrations, applied in order and recorded in ``migrations``.

Each :class:`Migration` has portable statements (plain ``TEXT``/``INTEGER``/``REAL`` columns, valid
in SQLite and PostgreSQL) and optional per-dialect statements (SQLite FTS5 with its sync triggers;
PostgreSQL tsvector GIN indexes).  A migration is never edited once
released: a change is a new migration appended to :data:`MIGRATIONS`.

Layout: queryable columns (ids, types, dates, countries, actor ids) are real columns; beside them
``record_json`` holds the record exactly as the contract gives it, so reads reproduce it.

- per corpus (upserted by stable id): ``actors``, ``places``, ``proposals``
- per article (replaced when the article is re-written; key ``(article_id, ord)`` keeps the
  record's own order): ``actor_mentions``, ``actor_roles``, ``quotes``, ``times``,
  ``place_mentions``, ``events``, ``event_actors``, ``proposal_mentions``, ``stances``
- bookkeeping: ``skipped`` (one row per input path, code and reason; cleared for a path once an
  article from it is stored), ``runs`` (one row per ingest run)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Dialect = Literal["sqlite", "postgres"]


@dataclass(frozen=True)
class Migration:
    name: str
    statements: tuple[str, ...]
    sqlite: tuple[str, ...] = ()
    postgres: tuple[str, ...] = ()

    def for_dialect(self, dialect: Dialect) -> tuple[str, ...]:
        if dialect == "sqlite":
            return self.statements + self.sqlite
        return tuple(postgres_ddl(s) for s in self.statements) + self.postgres


def postgres_ddl(statement: str) -> str:
    """A portable statement for PostgreSQL: ``INTEGER`` is 64-bit in SQLite, so it is ``BIGINT`` there."""
    return re.sub(r"\bINTEGER\b", "BIGINT", statement)


_PER_ARTICLE = "article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, ord INTEGER NOT NULL"

_CORE = (
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY, url TEXT, title TEXT, subtitle TEXT, publisher TEXT, authors TEXT NOT NULL,
        language TEXT, published_at TEXT, updated_at TEXT, published_tz_known INTEGER NOT NULL,
        text TEXT NOT NULL, text_sha256 TEXT NOT NULL, pipeline_version TEXT NOT NULL, source_path TEXT,
        schema_version TEXT NOT NULL, fingerprint TEXT, run_id TEXT, stored_at TEXT NOT NULL)""",
    "CREATE INDEX articles_published ON articles(published_at)",
    "CREATE INDEX articles_sha ON articles(text_sha256)",
    """CREATE TABLE actors (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT, sector TEXT,
        aliases TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    "CREATE INDEX actors_country ON actors(country)",
    f"""CREATE TABLE actor_mentions ({_PER_ARTICLE}, actor_id TEXT NOT NULL REFERENCES actors(id),
        mention_count INTEGER NOT NULL, record_json TEXT NOT NULL, PRIMARY KEY (article_id, ord))""",
    "CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id)",
    f"""CREATE TABLE actor_roles ({_PER_ARTICLE}, actor_id TEXT NOT NULL, title TEXT, organization TEXT,
        as_of TEXT, PRIMARY KEY (article_id, ord))""",
    "CREATE INDEX actor_roles_actor ON actor_roles(actor_id)",
    f"""CREATE TABLE quotes ({_PER_ARTICLE}, id TEXT NOT NULL, kind TEXT NOT NULL, speaker_actor_id TEXT,
        speaker_text TEXT, anonymous INTEGER NOT NULL, cue_lemma TEXT, channel_kind TEXT, said_on TEXT,
        text TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL, record_json TEXT NOT NULL,
        PRIMARY KEY (article_id, ord))""",
    "CREATE INDEX quotes_id ON quotes(id)",
    "CREATE INDEX quotes_speaker ON quotes(speaker_actor_id)",
    f"""CREATE TABLE times ({_PER_ARTICLE}, id TEXT NOT NULL, value TEXT NOT NULL, type TEXT NOT NULL,
        granularity TEXT, anchor TEXT NOT NULL, record_json TEXT NOT NULL, PRIMARY KEY (article_id, ord))""",
    "CREATE INDEX times_id ON times(id)",
    "CREATE INDEX times_value ON times(value)",
    """CREATE TABLE places (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, feature TEXT NOT NULL, country TEXT, admin1 TEXT,
        lat DOUBLE PRECISION, lon DOUBLE PRECISION, precision INTEGER NOT NULL, updated_at TEXT NOT NULL)""",
    "CREATE INDEX places_country ON places(country)",
    f"""CREATE TABLE place_mentions ({_PER_ARTICLE}, place_id TEXT NOT NULL REFERENCES places(id),
        mention_count INTEGER NOT NULL, record_json TEXT NOT NULL, PRIMARY KEY (article_id, ord))""",
    "CREATE INDEX place_mentions_place ON place_mentions(place_id)",
    """CREATE TABLE proposals (
        id TEXT PRIMARY KEY, label TEXT NOT NULL, kind TEXT NOT NULL, proposed_by TEXT NOT NULL,
        terms TEXT NOT NULL, updated_at TEXT NOT NULL)""",
    f"""CREATE TABLE proposal_mentions ({_PER_ARTICLE}, proposal_id TEXT NOT NULL REFERENCES proposals(id),
        record_json TEXT NOT NULL, PRIMARY KEY (article_id, ord))""",
    "CREATE INDEX proposal_mentions_proposal ON proposal_mentions(proposal_id)",
    f"""CREATE TABLE events ({_PER_ARTICLE}, id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, cameo TEXT,
        acled_event_type TEXT, place_id TEXT, when_value TEXT, reported_in TEXT, proposal_id TEXT,
        fatalities_min INTEGER, fatalities_max INTEGER, confidence DOUBLE PRECISION NOT NULL, record_json TEXT NOT NULL,
        PRIMARY KEY (article_id, ord))""",
    "CREATE INDEX events_id ON events(id)",
    "CREATE INDEX events_type ON events(type)",
    "CREATE INDEX events_when ON events(when_value)",
    "CREATE INDEX events_place ON events(place_id)",
    f"""CREATE TABLE event_actors ({_PER_ARTICLE}, event_ord INTEGER NOT NULL, event_id TEXT NOT NULL,
        actor_id TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (article_id, ord))""",
    "CREATE INDEX event_actors_actor ON event_actors(actor_id)",
    f"""CREATE TABLE stances ({_PER_ARTICLE}, id TEXT NOT NULL, actor_id TEXT NOT NULL, proposal_id TEXT NOT NULL,
        position TEXT NOT NULL, as_of TEXT, confidence DOUBLE PRECISION NOT NULL, record_json TEXT NOT NULL,
        PRIMARY KEY (article_id, ord))""",
    "CREATE INDEX stances_proposal ON stances(proposal_id)",
    "CREATE INDEX stances_actor ON stances(actor_id)",
    """CREATE TABLE skipped (
        id TEXT PRIMARY KEY, path TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL, stage TEXT,
        article_id TEXT, run_id TEXT, at TEXT NOT NULL)""",
    "CREATE INDEX skipped_path ON skipped(path)",
    """CREATE TABLE runs (
        id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, pipeline_version TEXT NOT NULL,
        model TEXT, stages TEXT, stored INTEGER NOT NULL DEFAULT 0, unchanged INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL)""",
)

_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid')",
    """CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END""",
    """CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        END""",
    """CREATE TRIGGER articles_fts_au AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END""",
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='rowid')",
    """CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text); END""",
    """CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END""",
)

# PostgreSQL: expression GIN indexes; queries.py matches on the same expressions.  'simple' (no
# stemming) like FTS5's default tokenizer; the text is cut at 200,000 characters because a tsvector
# holds at most 1 MB.
ARTICLES_TSVECTOR = "to_tsvector('simple', COALESCE(title, '') || ' ' || LEFT(text, 200000))"
QUOTES_TSVECTOR = "to_tsvector('simple', LEFT(text, 200000))"
_POSTGRES_FTS = (
    f"CREATE INDEX articles_fts ON articles USING GIN (({ARTICLES_TSVECTOR}))",
    f"CREATE INDEX quotes_fts ON quotes USING GIN (({QUOTES_TSVECTOR}))",
)

# Corpus stages (dateline.corpus): stories with their persisted LSH/entity index, and cross-article
# identity.  Group ids are derived from the smallest member id, so re-running changes no row.
_CORPUS = (
    """CREATE TABLE stories (
        story_id TEXT NOT NULL, article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        similarity DOUBLE PRECISION, duplicate_of TEXT, added_at TEXT NOT NULL)""",
    "CREATE INDEX stories_story ON stories(story_id)",
    """CREATE TABLE story_features (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, day INTEGER, sort_key TEXT NOT NULL,
        signature TEXT, keywords TEXT NOT NULL, actors TEXT NOT NULL, places TEXT NOT NULL, dates TEXT NOT NULL)""",
    """CREATE TABLE story_keys (
        key TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, day INTEGER,
        PRIMARY KEY (key, article_id))""",
    "CREATE INDEX story_keys_article ON story_keys(article_id)",
    """CREATE TABLE actor_aliases (
        actor_id TEXT PRIMARY KEY, canonical_id TEXT NOT NULL, score DOUBLE PRECISION NOT NULL,
        added_at TEXT NOT NULL)""",
    "CREATE INDEX actor_aliases_canonical ON actor_aliases(canonical_id)",
    """CREATE TABLE proposal_aliases (
        proposal_id TEXT PRIMARY KEY, canonical_id TEXT NOT NULL, score DOUBLE PRECISION NOT NULL,
        added_at TEXT NOT NULL)""",
    "CREATE INDEX proposal_aliases_canonical ON proposal_aliases(canonical_id)",
    """CREATE TABLE event_clusters (
        cluster_id TEXT NOT NULL, event_id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, type TEXT NOT NULL, day INTEGER,
        place_id TEXT, sources TEXT NOT NULL, targets TEXT NOT NULL, added_at TEXT NOT NULL)""",
    "CREATE INDEX event_clusters_cluster ON event_clusters(cluster_id)",
    "CREATE INDEX event_clusters_type_day ON event_clusters(type, day)",
    "CREATE INDEX event_clusters_article ON event_clusters(article_id)",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_core_tables", _CORE),
    Migration("0002_full_text_search", (), sqlite=_SQLITE_FTS, postgres=_POSTGRES_FTS),
    Migration("0003_corpus_identity", _CORPUS),
    # `dateline load` looks up stored articles by input path (is a skipped input resolved since?)
    Migration("0004_articles_source_path",
              ("CREATE INDEX articles_source_path ON articles(source_path, fingerprint)",)),
)

# Tables holding extracted data (what "the same input twice changes no row" is about).
DATA_TABLES = (
    "articles", "actors", "actor_mentions", "actor_roles", "quotes", "times", "places", "place_mentions",
    "proposals", "proposal_mentions", "events", "event_actors", "stances", "skipped",
)

# Per-article tables, deleted and rewritten when an article is stored again (children first).
PER_ARTICLE_TABLES = (
    "actor_mentions", "actor_roles", "quotes", "times", "place_mentions", "proposal_mentions",
    "events", "event_actors", "stances",
)

MIGRATIONS_TABLE = "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
