"""Corpus stages, run after each stored batch: stories (near-duplicates and same-story clusters)
and cross-article identity (actor aliases, proposal aliases, event clusters).

:func:`update` is the ingest loop's hook; :func:`catch_up` adds stored articles that the hook has
not seen (a run killed between the batch and the hook); :func:`rebuild` starts over from the
stored records.  Reads are in :mod:`dateline.corpus.queries`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dateline.records import ArticleRecord
from dateline.store.base import Store

# Records read back from the store per step in catch_up / rebuild.
PAGE = 500


@dataclass(frozen=True)
class CorpusUpdate:
    articles: int  # articles added to stories


def update(store: Store, records: Sequence[ArticleRecord]) -> CorpusUpdate:
    """Assign ``records`` (already written) to stories and link their actors, proposals and events."""
    from dateline.corpus import identity, stories
    from dateline.corpus.db import sql_store

    if not records:
        return CorpusUpdate(0)
    sql = sql_store(store)
    added = stories.update(sql, records)
    identity.update(sql, records)
    return CorpusUpdate(added)


def catch_up(store: Store, on_progress: Callable[[int], None] | None = None) -> CorpusUpdate:
    """Run :func:`update` over every stored article not yet in a story (in id order)."""
    from dateline.store.queries import get_record

    todo = [aid for (aid,) in store.rows(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_features) ORDER BY id")]
    added = 0
    for i in range(0, len(todo), PAGE):
        records = [r for aid in todo[i : i + PAGE] if (r := get_record(store, aid)) is not None]
        added += update(store, records).articles
        if on_progress is not None:
            on_progress(len(records))
    return CorpusUpdate(added)


def rebuild(store: Store, on_progress: Callable[[int], None] | None = None) -> CorpusUpdate:
    """Forget the corpus tables and build them again from the stored records."""
    from dateline.corpus.db import execute, sql_store

    sql = sql_store(store)
    with sql.transaction():
        for table in CORPUS_TABLES:
            execute(sql, f"DELETE FROM {table}")
    return catch_up(store, on_progress)


CORPUS_TABLES = ("stories", "story_keys", "story_features", "actor_aliases", "proposal_aliases", "event_clusters")

__all__ = ["CORPUS_TABLES", "CorpusUpdate", "catch_up", "rebuild", "update"]
