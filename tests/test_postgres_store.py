"""The PostgreSQL store beyond the shared store suite (tests/test_store_sqlite.py runs on both)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from dateline.errors import StoreError
from dateline.ingest import make_article
from dateline.records import ArticleRecord
from dateline.store import open_store
from dateline.store import queries as Q
from dateline.store.postgres import PostgresStore, redacted, to_pyformat
from dateline.store.schema import MIGRATIONS


def test_placeholders_and_redaction_need_no_server() -> None:
    assert to_pyformat("SELECT 1 WHERE a LIKE '%x' AND b = ?") == "SELECT 1 WHERE a LIKE '%%x' AND b = %s"
    assert redacted("postgresql://ana:s3cret@db.example:5432/news") == "postgresql://ana:***@db.example:5432/news"
    assert redacted("postgresql://ana@db/news") == "postgresql://ana@db/news"


def test_an_unreachable_server_is_a_coded_error_without_the_password() -> None:
    with pytest.raises(StoreError, match="PostgreSQL") as caught:
        open_store("postgresql://ana:s3cret@127.0.0.1:1/news")
    assert caught.value.code == "E401" and "s3cret" not in str(caught.value)


def test_migrations_are_recorded_and_applied_once_by_concurrent_openers(pg_url: str) -> None:
    opened: list[Any] = []
    threads = [threading.Thread(target=lambda: opened.append(PostgresStore(pg_url))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(opened) == 3
    assert opened[0].applied_migrations() == [m.name for m in MIGRATIONS]
    assert opened[0].migrate() == []
    kinds = opened[0].rows("SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() "
                           "AND table_name = 'events' AND column_name = 'fatalities_min'")
    assert kinds == [("bigint",)]
    for store in opened:
        store.close()


def test_a_nul_character_is_refused_and_the_batch_rolled_back(pg_url: str) -> None:
    with PostgresStore(pg_url) as store:
        good = ArticleRecord(make_article("Talks resumed in Geneva on Monday."))
        bad = ArticleRecord(make_article("Talks\x00 resumed.", title="NUL"))
        with pytest.raises(StoreError, match="NUL"):
            store.write_batch([good, bad], [])
        assert store.table_counts()["articles"] == 0


def test_full_text_search_uses_the_gin_index_expression(pg_url: str) -> None:
    with PostgresStore(pg_url) as store:
        record = ArticleRecord(make_article("Envoys met in Riyadh to discuss a ceasefire.", title="Riyadh talks"))
        store.write_batch([record], [])
        assert Q.search_articles(store, "riyadh CEASEFIRE") == [(record.article.id, "Riyadh talks")]
        assert Q.search_articles(store, "riyadh geneva") == []
        names = {name for (name,) in store.rows("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")}
        assert {"articles_fts", "quotes_fts"} <= names
