"""Cross-article identity: one person under transliterated spellings, different people kept apart,
one proposal across articles, one event from several outlets with its conflicting claims kept
side by side (texts written for these tests)."""

from __future__ import annotations

import pytest
from corpus_records import actor, article, event, fresh_store, place, proposal, write

from dateline.corpus import queries as Q
from dateline.corpus.names import PersonName, same_person_name, translit
from dateline.errors import RecordNotFound
from dateline.records import ArticleRecord
from dateline.store.sqlite import SQLiteStore


def test_transliteration_keys() -> None:
    assert translit("Zelenskyy") == translit("Zelensky") == translit("Zelenskiy")
    assert translit("Sergey") == translit("Sergei")
    assert PersonName.parse("President Volodymyr Zelenskyy") == PersonName("volodimir", "zelenski")


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy", True),
    ("Sergei Lavrov", "Sergey Lavrov", True),
    ("Volodymyr Zelenskyy", "Vladimir Zelensky", True),
    ("Zelensky", "Volodymyr Zelenskyy", False),  # a lone surname could chain two people together
    ("S. Lavrov", "Sergey Lavrov", True),
    ("Boris Johnson", "Alan Johnson", False),
    ("Sergei Lavrov", "Sergei Shoigu", False),
])
def test_person_name_rule(a: str, b: str, same: bool) -> None:
    assert (same_person_name(a, b) >= 0.85) is same


def said(name: str, country: str, publisher: str, when: str) -> ArticleRecord:
    text = f"{name} spoke to reporters in the capital on {when}, officials said, according to {publisher}."
    base = article(text, f"{name} speaks", publisher, when)
    return ArticleRecord(base.article, actors=[actor(text, name, country)])


def aliased_store() -> tuple[SQLiteStore, list[ArticleRecord]]:
    records = [
        said("Volodymyr Zelensky", "UKR", "Wire Service", "2025-03-10"),
        said("Volodymyr Zelenskyy", "UKR", "Kyiv Herald", "2025-03-11"),
        said("Sergei Lavrov", "RUS", "Wire Service", "2025-03-10"),
        said("Sergey Lavrov", "RUS", "Evening Post", "2025-03-12"),
        said("Mohamed Hassan", "EGY", "Cairo Daily", "2025-03-10"),
        said("Mohammed Hasan", "SOM", "Horn Review", "2025-03-11"),
        said("Boris Johnson", "GBR", "London Letter", "2025-03-10"),
        said("Alan Johnson", "GBR", "London Letter", "2025-03-11"),
    ]
    store = fresh_store()
    for record in records:  # one article per batch: merging must not need them together
        write(store, [record])
    return store, records


def actor_id(record: ArticleRecord) -> str:
    return record.actors[0].id


def test_spellings_of_one_person_merge_across_articles() -> None:
    store, records = aliased_store()
    zel, zel2, lav, lav2 = (actor_id(r) for r in records[:4])
    assert Q.canonical_actor(store, zel) == Q.canonical_actor(store, zel2) == min(zel, zel2)
    assert Q.canonical_actor(store, lav) == Q.canonical_actor(store, lav2)
    merged = Q.merged_actor(store, zel2)
    assert merged.id == min(zel, zel2) and set(merged.ids) == {zel, zel2}
    assert {"Volodymyr Zelensky", "Volodymyr Zelenskyy"} <= set(merged.aliases)
    assert {e.article_id for e in merged.evidence} == {records[0].article.id, records[1].article.id}
    first = merged.evidence[0]
    assert first.publisher == "Wire Service" and first.record["mentions"][0]["text"] == "Volodymyr Zelensky"


def test_different_people_stay_apart() -> None:
    store, records = aliased_store()
    egy, som, boris, alan = (actor_id(r) for r in records[4:])
    assert same_person_name("Mohamed Hassan", "Mohammed Hasan") >= 0.85  # the names match: the countries do not
    assert Q.canonical_actor(store, egy) == egy and Q.canonical_actor(store, som) == som
    assert Q.canonical_actor(store, boris) == boris and Q.canonical_actor(store, alan) == alan
    assert Q.actor_ids(store, boris) == [boris]
    with pytest.raises(RecordNotFound):
        Q.merged_actor(store, "actor:nobody")


def test_one_batch_gives_the_same_aliases() -> None:
    store, records = aliased_store()
    together = fresh_store()
    write(together, records)
    query = "SELECT actor_id, canonical_id FROM actor_aliases ORDER BY actor_id"
    assert together.rows(query) == store.rows(query)


# --- one event, several outlets, conflicting claims ------------------------------------------------


def strike_report(text: str, publisher: str, published: str, dead: int, name: str = "Volodymyr Zelensky",
                  kind: str = "ASSAULT") -> ArticleRecord:
    base = article(text, f"Strike on Kharkiv ({publisher})", publisher, published)
    russia = actor(text, "Russia", "RUS", "state", "Russian")
    ukraine = actor(text, "Ukraine", "UKR", "state", "Ukraine")
    kharkiv = place(text, "Kharkiv", "UKR")
    leader = actor(text, name, "UKR", surface=name.split()[-1])
    hit = event(text, base.article.id, "ASSAULT" if kind == "ASSAULT" else "PROTEST", [russia], [ukraine], kharkiv,
                "2025-03-11", "struck", (dead, dead))
    return ArticleRecord(base.article, actors=[russia, ukraine, leader], places=[kharkiv], events=[hit])


REPORT_A = ("Russian missiles struck Kharkiv on Tuesday, killing 12 people, officials in Ukraine said. "
            "President Zelensky condemned the attack.")
REPORT_B = ("Fifteen people died when Russian forces struck Kharkiv overnight, Ukraine's emergency service "
            "said on Wednesday. Zelenskyy called for more air defence.")
REPORT_C = ("Russian drones struck the port of Odesa, Ukraine said, hours after the attack on Kharkiv. "
            "Zelensky visited the city.")


def test_one_event_from_two_outlets_keeps_both_casualty_claims() -> None:
    a = strike_report(REPORT_A, "Wire Service", "2025-03-11T08:00:00", 12)
    b = strike_report(REPORT_B, "Evening Post", "2025-03-12T07:00:00", 15, name="Volodymyr Zelenskyy")
    c_base = strike_report(REPORT_C, "Port News", "2025-03-11T20:00:00", 3)
    odesa = place(REPORT_C, "Odesa", "UKR")
    c = ArticleRecord(c_base.article, actors=c_base.actors, places=[odesa],
                      events=[event(REPORT_C, c_base.article.id, "ASSAULT", c_base.actors[:1], c_base.actors[1:2],
                                    odesa, "2025-03-11", "struck", (3, 3))])
    store = fresh_store()
    write(store, [a])
    write(store, [b, c])
    cluster = Q.event_cluster(store, a.events[0].id)
    assert cluster.type == "ASSAULT"
    assert [m.article_id for m in cluster.mentions] == [a.article.id, b.article.id]
    dead = [(claim.value, claim.publisher, claim.article_id) for claim in cluster.claims if claim.field == "fatalities"]
    assert dead == [({"min": 12, "max": 12}, "Wire Service", a.article.id),
                    ({"min": 15, "max": 15}, "Evening Post", b.article.id)]
    assert cluster.conflicting
    assert Q.event_cluster_id(store, c.events[0].id) != cluster.cluster_id  # another place: another event
    assert Q.event_cluster(store, cluster.cluster_id).mentions == cluster.mentions
    together = fresh_store()
    write(together, [c, b, a])
    query = "SELECT cluster_id, event_id FROM event_clusters ORDER BY event_id"
    assert together.rows(query) == store.rows(query)


def test_corpus_step_needs_a_sql_store() -> None:
    from dateline import corpus
    from dateline.errors import StoreError

    with pytest.raises(StoreError) as caught:
        corpus.update(object(), [said("Sergei Lavrov", "RUS", "Wire Service", "2025-03-10")])  # type: ignore[arg-type]
    assert caught.value.code == "E401"


def test_unknown_cluster_is_a_coded_error() -> None:
    with pytest.raises(RecordNotFound) as caught:
        Q.event_cluster(fresh_store(), "evcluster:none")
    assert caught.value.code == "E402"


# --- one proposal across articles ------------------------------------------------------------------


def test_one_proposal_across_articles() -> None:
    text_a = "Turkey proposed a ceasefire in the Black Sea to protect grain shipping, Russia and Ukraine said."
    text_b = "Russia and Ukraine weighed a Black Sea ceasefire covering grain shipping and port safety."
    text_c = "Russia and Ukraine discussed a prisoner exchange ceasefire along the front line."
    found = []
    for text, label, terms in ((text_a, "ceasefire in the Black Sea", ["black sea", "grain shipping"]),
                               (text_b, "Black Sea ceasefire", ["grain shipping", "black sea", "port safety"]),
                               (text_c, "prisoner exchange ceasefire", ["prisoner exchange", "front line"])):
        base = article(text, label, "Wire Service", "2025-03-11")
        parties = [actor(text, "Russia", "RUS", "state"), actor(text, "Ukraine", "UKR", "state")]
        found.append(ArticleRecord(base.article, actors=parties, proposals=[proposal(text, label, "ceasefire",
                                                                                      parties, terms)]))
    store = fresh_store()
    for record in found:
        write(store, [record])
    first, second, other = (r.proposals[0].id for r in found)
    assert first != second
    assert Q.canonical_proposal(store, first) == Q.canonical_proposal(store, second) == min(first, second)
    assert Q.canonical_proposal(store, other) == other


def _proposal_record(text: str, label: str, kind: str, terms: list[str], published: str,
                     parties: list[tuple[str, str, str]]) -> ArticleRecord:
    base = article(text, label, "Wire Service", published)
    actors = [actor(text, name, country, kind=k) for name, country, k in parties]  # type: ignore[arg-type]
    return ArticleRecord(base.article, actors=actors,
                         proposals=[proposal(text, label, kind, actors, terms)])  # type: ignore[arg-type]


def test_thirty_day_ceasefire_is_one_proposal_and_sanctions_packages_stay_apart() -> None:
    from dateline.store import api_queries as A

    a = "Ukraine backed an immediate temporary 30-day ceasefire proposed by the United States on Tuesday."
    b = "The 30-day ceasefire was discussed again on Thursday by officials in Moscow."
    c = "A ceasefire was declared in Gaza on Sunday after months of talks."
    d = "The European Union adopted its 16th sanctions package against Russia on Monday."
    e = "The European Union adopted its 17th sanctions package against Russia in May."
    found = [
        _proposal_record(a, "immediate temporary 30-day ceasefire", "ceasefire", ["immediate", "30-day"],
                         "2025-03-11", [("United States", "USA", "state"), ("Ukraine", "UKR", "state")]),
        _proposal_record(b, "30-day ceasefire", "ceasefire", ["30-day"], "2025-03-13", []),
        _proposal_record(c, "ceasefire", "ceasefire", ["full"], "2025-01-19", []),
        _proposal_record(d, "16th sanctions package", "sanctions", ["16th"], "2025-02-24",
                         [("European Union", None, "organization")]),  # type: ignore[list-item]
        _proposal_record(e, "17th sanctions package", "sanctions", ["17th"], "2025-03-10",
                         [("European Union", None, "organization")]),  # type: ignore[list-item]
    ]
    store = fresh_store()
    for record in found:
        write(store, [record])
    first, second, gaza, sixteenth, seventeenth = (r.proposals[0].id for r in found)
    assert Q.canonical_proposal(store, first) == Q.canonical_proposal(store, second)
    assert Q.canonical_proposal(store, gaza) == gaza
    assert Q.canonical_proposal(store, sixteenth) != Q.canonical_proposal(store, seventeenth)
    rows = A.list_proposals(store, None, 50, 0)
    assert rows.total == 4
    merged = next(i for i in rows.items if len(i["ids"]) == 2)
    assert merged["article_count"] == 2 and set(merged["labels"]) == {"30-day ceasefire",
                                                                       "immediate temporary 30-day ceasefire"}
    assert A.count_canonical(store, "proposal") == 4
