"""Stories: syndicated copies and same-story reports cluster, other stories do not, and the stories
are the same whether the articles arrive in one batch or several (texts written for these tests)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from corpus_records import actor, article, day, fresh_store, place, write

from dateline import corpus
from dateline.corpus import queries as Q
from dateline.corpus import text as T
from dateline.corpus.stories import DUPLICATE, features
from dateline.records import ArticleRecord

STRIKE = (
    "Russian missiles struck a residential district of Kharkiv early on Tuesday, killing at least twelve people "
    "and wounding dozens more, regional governor Oleh Syniehubov said. Rescue crews worked through the night to "
    "pull survivors from the rubble of a nine-storey apartment block, and the city's emergency service said a "
    "school and a power substation were also damaged. President Volodymyr Zelensky called the strike a deliberate "
    "attack on civilians and urged partners to send more air defence systems. Russia's defence ministry said its "
    "forces had hit military targets in the region. Kharkiv, the country's second largest city, lies about thirty "
    "kilometres from the border and has been shelled repeatedly since the war began. Power was restored to most "
    "districts by the afternoon, the city council said.")

# A syndicated copy: another headline and dateline, one word changed, the last sentence cut.
COPY = ("KHARKIV (Wire Service) - " + STRIKE.replace("worked through the night", "worked overnight")
        .rsplit(" Power was restored", 1)[0])

# The same happening, told independently by another outlet.
RETOLD = (
    "At least twelve civilians were killed in Kharkiv on Tuesday when Russian missiles hit an apartment block, "
    "officials said. The regional governor said dozens were wounded and that rescue teams were still searching "
    "the rubble. President Volodymyr Zelensky said the attack showed why Ukraine needs more air defence, while "
    "Russia insisted it had struck military targets. The emergency service said a school was damaged in the "
    "strike on the residential district.")

# A follow-up ten days on: same actors, place and words, but outside the window.
LATER = (
    "Ten days after Russian missiles struck a residential district of Kharkiv, killing twelve people, rescue "
    "crews finished clearing the rubble of the apartment block. President Volodymyr Zelensky visited the "
    "damaged school and again urged partners to send air defence systems, the emergency service said. Russia "
    "said it targets only military sites in the region.")

# Another story the same day.
RATES = (
    "Chile's central bank held its benchmark interest rate at five percent on Tuesday, saying inflation was "
    "easing more slowly than expected. The board voted unanimously, and analysts polled before the meeting had "
    "forecast no change. The peso weakened slightly after the decision, while copper prices, the country's main "
    "export, were steady in Santiago trading. Bank officials said further cuts would depend on wage growth and "
    "on the price of imported fuel over the coming months.")


def strike_record(text: str, title: str, publisher: str, published_at: str) -> ArticleRecord:
    base = article(text, title, publisher, published_at)
    actors = [actor(text, "Russia", "RUS", kind="state", surface="Russia"),
              actor(text, "Volodymyr Zelensky", "UKR")]
    return ArticleRecord(base.article, actors=actors, places=[place(text, "Kharkiv", "UKR")],
                         times=[day(text, published_at[:10])])


def corpus_records() -> list[ArticleRecord]:
    rates = article(RATES, "Chile holds rates", "Andes Daily", "2025-03-11T15:00:00")
    return [
        strike_record(STRIKE, "Missiles hit Kharkiv apartment block", "Wire Service", "2025-03-11T06:00:00"),
        strike_record(COPY, "Twelve killed in Kharkiv strike", "Morning Courier", "2025-03-11T09:30:00"),
        strike_record(RETOLD, "Kharkiv strike kills twelve", "Evening Post", "2025-03-11T18:00:00"),
        ArticleRecord(rates.article, actors=[actor(RATES, "Chile", "CHL", kind="state", surface="Chile")],
                      places=[place(RATES, "Santiago", "CHL")], times=[day(RATES, "2025-03-11")]),
        strike_record(LATER, "Kharkiv clears rubble", "Weekly Review", "2025-03-21T10:00:00"),
    ]


def ids(records: list[ArticleRecord]) -> list[str]:
    return [r.article.id for r in records]


def test_signatures_tell_copies_from_other_texts() -> None:
    copy, other = T.jaccard(T.signature(STRIKE), T.signature(COPY)), T.jaccard(T.signature(STRIKE), T.signature(RATES))
    assert copy >= DUPLICATE
    assert other < 0.05
    assert set(T.band_keys(T.signature(STRIKE))) & set(T.band_keys(T.signature(COPY)))
    assert T.signature("") is None and T.band_keys(None) == []


def test_syndicated_copy_and_retelling_share_a_story_other_news_does_not() -> None:
    records = corpus_records()
    store = fresh_store()
    write(store, records)
    strike, copy, retold, rates, late = ids(records)
    story = Q.story_of(store, strike)
    assert Q.story_of(store, copy) == story and Q.story_of(store, retold) == story
    assert Q.story_of(store, rates) != story and Q.story_of(store, late) != story
    members = {m.article_id: m for m in Q.story(store, story or "")}
    assert members[copy].duplicate_of == strike  # the copy points at the earlier original
    assert members[retold].duplicate_of is None and members[strike].duplicate_of is None
    assert (members[copy].similarity or 0.0) >= DUPLICATE


def test_story_id_comes_from_the_smallest_article_id() -> None:
    from dateline.records import stable_id

    records = corpus_records()
    store = fresh_store()
    write(store, records)
    for story_id, members in Q.stories(store).items():
        assert story_id == stable_id("story", min(members))


def snapshot(store: object) -> list[tuple[object, ...]]:
    from dateline.store.base import Store

    assert isinstance(store, Store)
    return sorted(store.rows("SELECT story_id, article_id, similarity, duplicate_of FROM stories"))


@pytest.mark.parametrize("order", [(0, 1, 2, 3, 4), (4, 3, 2, 1, 0), (2, 0, 4, 1, 3)])
def test_incremental_batches_give_the_same_stories_as_one_batch(order: tuple[int, ...]) -> None:
    records = corpus_records()
    whole = fresh_store()
    write(whole, records)
    pieces = fresh_store()
    shuffled = [records[i] for i in order]
    for size in (1, 2, 2):
        batch, shuffled = shuffled[:size], shuffled[size:]
        write(pieces, batch)
    assert snapshot(pieces) == snapshot(whole)


def test_writing_again_changes_nothing_and_rebuild_gives_the_same() -> None:
    records = corpus_records()
    store = fresh_store()
    write(store, records)
    before = snapshot(store)
    write(store, records)
    assert snapshot(store) == before
    assert corpus.rebuild(store).articles == len(records)
    assert snapshot(store) == before


def test_catch_up_adds_articles_stored_without_the_corpus_step() -> None:
    records = corpus_records()
    store = fresh_store()
    store.write_batch(records, [])
    assert Q.stories(store) == {}
    assert corpus.catch_up(store).articles == len(records)
    assert len(Q.stories(store)) == 3
    assert corpus.catch_up(store).articles == 0


def test_ingest_loop_runs_the_corpus_step(tmp_path: Path) -> None:
    from dateline.store.loader import ingest
    from dateline.store.sqlite import SQLiteStore

    records = {r.article.id: r for r in corpus_records()}
    with SQLiteStore(tmp_path / "c.db") as store:
        ingest([r.article for r in records.values()], store, lambda batch: [records[a.id] for a in batch],
               batch_size=2, fingerprint="test")
        assert sorted(len(m) for m in Q.stories(store).values()) == [1, 1, 3]


def test_features_ignore_batch_context() -> None:
    first, second = corpus_records()[0], corpus_records()[0]
    assert features(first) == features(second)
    assert "person:UKR:zelenski@1" in features(first).actors


def test_pairs_are_symmetric() -> None:
    from dateline.corpus.stories import edge

    found = [features(r) for r in corpus_records()]
    for x, y in itertools.permutations(found, 2):
        assert edge(x, y) == edge(y, x)


def test_stories_commands(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from dateline.cli import app
    from dateline.store.sqlite import SQLiteStore

    db = tmp_path / "c.db"
    with SQLiteStore(db) as store:
        store.write_batch(corpus_records(), [])
    runner = CliRunner()
    done = runner.invoke(app, ["stories", "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert "5 articles added; 3 stories" in done.output
    again = runner.invoke(app, ["stories", "--db", str(db), "--rebuild"])
    assert "5 articles added; 3 stories" in again.output
    lines = tmp_path / "c.jsonl"
    texts = [STRIKE, COPY, RETOLD, RATES, LATER] * 4
    lines.write_text("".join(json.dumps({"text": f"{t} ({i})", "date": "2025-03-11"}) + "\n"
                             for i, t in enumerate(texts)))
    bench = runner.invoke(app, ["stories", "bench", str(lines)])
    assert bench.exit_code == 0, bench.output
    report = json.loads(bench.output)
    assert report["large"]["articles"] == 20 and report["small"]["articles"] == 2
    # text alone (no actors or places in a bench): the copies of each text cluster, the retelling
    # joins the original only through shared actors and places, so four stories
    assert report["large"]["stories"] == 4 and report["large"]["duplicates"] == 20 - 4
    missing = runner.invoke(app, ["stories", "bench", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 2 and "E107" in missing.output


# --- calibration on the demo corpus ---------------------------------------------------------------
# Our judgment, article by article (examples/corpus), of which reports tell one happening:
SAME_STORY_PAIRS = [
    ("01_", "02_"),  # Jeddah: Ukraine backs the 30-day ceasefire (Mar 11); Putin backs it with conditions (Mar 13)
    ("09_", "10_"),  # Khartoum: the army retakes the palace (Mar 21); Burhan declares the capital free (Mar 26)
    ("16_", "17_"),  # Istanbul: the offer of direct talks (May 11); the talks and the 1,000-for-1,000 deal (May 16)
]
# ... and which are different stories although they share actors, places or words:
OTHER_STORY_PAIRS = [
    ("07_", "08_"),  # the Gaza truce takes effect (Jan 19) / collapses two months later (Mar 18)
    ("12_", "19_"),  # the EU's 16th sanctions package (Feb) / its 17th (May)
    ("03_", "Kursk region fully retaken"),  # Sudzha retaken (Mar 14) / all of Kursk (Apr 28)
    ("02_", "03_"),  # a day apart, both on Kursk, but Putin's ceasefire answer is not the recapture
    ("17_", "18_"),  # a day apart, both mention Istanbul: the talks / a drone strike on a bus in Sumy region
    ("15_", "18_"),  # two strikes in Sumy region a month apart
    ("14_", "15_"),  # strikes on Kyiv and on Sumy, ten days apart
    ("09_", "11_"),  # Khartoum recaptured / the Zamzam massacre and the London conference
]
# Left to the rule (we would accept either): 02/04 (Putin's answer to the 30-day ceasefire, then his
# call with Trump on it, five days later) and 05/13 (the Black Sea deals Moscow ties to sanctions
# relief, then Trump's tariff threat over it, six days later); both are linked today.


@pytest.fixture(scope="module")
def demo_stories() -> tuple[dict[str, str], dict[str, str]]:
    """The demo corpus through the configured pipeline and the corpus step: (story of each file key, titles)."""
    from dateline.config import load_config
    from dateline.ingest.sources import read_paths
    from dateline.pipeline.runner import Pipeline
    from dateline.records import Article

    folder = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html", ".jsonl"))
    story: dict[str, str] = {}
    titles: dict[str, str] = {}
    store = fresh_store()
    pipeline = Pipeline(load_config())
    for path in files:
        articles = [a for a in read_paths([path], max_text_bytes=5_000_000) if isinstance(a, Article)]
        records = list(pipeline.process(articles))
        write(store, records)
        for r in records:
            key = path.name[:3] if path.suffix != ".jsonl" else (r.article.title or "")
            titles[key] = r.article.id
    for key, article_id in titles.items():
        story[key] = Q.story_of(store, article_id) or ""
    return story, titles


def _key(story: dict[str, str], wanted: str) -> str:
    return next(k for k in story if k.startswith(wanted) or wanted in k)


@pytest.mark.parametrize(("first", "second"), SAME_STORY_PAIRS)
def test_demo_retellings_share_a_story(demo_stories: tuple[dict[str, str], dict[str, str]], first: str,
                                       second: str) -> None:
    story, _ = demo_stories
    assert story[_key(story, first)] == story[_key(story, second)]


@pytest.mark.parametrize(("first", "second"), OTHER_STORY_PAIRS)
def test_demo_other_stories_stay_apart(demo_stories: tuple[dict[str, str], dict[str, str]], first: str,
                                       second: str) -> None:
    story, _ = demo_stories
    assert story[_key(story, first)] != story[_key(story, second)]


def test_demo_stories_do_not_over_merge(demo_stories: tuple[dict[str, str], dict[str, str]]) -> None:
    story, _ = demo_stories
    sizes = sorted(list(story.values()).count(s) for s in set(story.values()))
    assert sizes[-1] <= 3 and len(sizes) >= 16  # 23 articles: a few pairs and triples, no blob
