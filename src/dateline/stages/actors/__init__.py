"""The ``actors`` stage: people, states, institutions, media and groups, with merged mentions.

Order of work on one article:

1. people by name (brackets, PERSON entities, names after titles, known surnames) with the roles
   their pre-modifiers and appositions give (:mod:`.persons`, :mod:`.roles`);
2. institutions, media, groups and states in the words not already taken (:mod:`.collective`);
3. people merged by name, then titles and pronouns resolved to them (:mod:`.corefer`);
4. everything turned into :class:`~dateline.records.Actor` with stable ids (:mod:`.assemble`).

The dictionaries (:func:`dateline.knowledge.actors.load_lexicon`) are loaded once per worker.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dateline.config import Config
from dateline.knowledge.actors import Lexicon, load_lexicon
from dateline.pipeline.registry import StageFn, register
from dateline.records import Actor, ArticleRecord
from dateline.stages.actors.assemble import (
    attach_refs,
    cluster_people,
    collective_actors,
    person_actor,
    role_organizations,
)
from dateline.stages.actors.collective import collective_mentions
from dateline.stages.actors.corefer import media_refs, pronoun_refs, title_refs
from dateline.stages.actors.model import CollectiveMention, Doc, PersonCluster, words
from dateline.stages.actors.persons import person_mentions
from dateline.stages.actors.roles import prefix_start

__all__ = ["extract_actors", "make_actors", "one_owner_per_span"]


def _taken_tokens(doc: Doc, people: list[Any], lex: Lexicon) -> set[int]:
    """Tokens of names and of their pre-modifiers: "Ukrainian" in "Ukrainian President ..." is no state."""
    names = {i for m in people for i in range(*m.tokens)}
    taken = set(names)
    for m in people:
        start = prefix_start(doc, m.tokens[0], names, lex)
        taken.update(range(start, m.tokens[0]))
    spans = [r.org_span for m in people for r in m.roles if r.org_span]
    if spans:
        taken.update(i for i, idx in enumerate(words(doc).starts) for a, b in spans if a <= idx < b)
    return taken


def extract_actors(doc: Doc, text: str, published_at: str | None, lex: Lexicon) -> list[Actor]:
    """All actors of one article, people first, each with its mentions in text order."""
    people = person_mentions(doc, lex)
    taken = _taken_tokens(doc, people, lex)
    collective = collective_mentions(doc, lex, taken)
    clusters = cluster_people(people)
    attach_refs(clusters, [*title_refs(doc, clusters, lex), *pronoun_refs(doc, clusters, lex)])
    persons = [person_actor(c, lex, text, published_at) for c in clusters]
    named = [*collective, *role_organizations(clusters, text, lex)]
    others = collective_actors([*named, *media_refs(doc, [*named, *_person_spans(clusters)])], text)
    return one_owner_per_span(_unique([*persons, *others]))


def _person_spans(clusters: list[PersonCluster]) -> list[CollectiveMention]:
    """People's mentions as placeholders, so that "the outlet" never overlaps a person's words."""
    ranges = [(m.start, m.end) for c in clusters for m in c.mentions] + [(r.start, r.end) for c in clusters
                                                                          for r in c.refs]
    return [CollectiveMention(a, b, "person", "", None, None, ("person",), 0.0) for a, b in ranges]


def one_owner_per_span(actors: list[Actor]) -> list[Actor]:
    """A piece of text is a mention of one actor: where mentions of two actors overlap ("Duma" inside
    "State Duma"), the longer one is kept (the earlier actor on a tie); an actor left without mentions goes."""
    spans = sorted((m.start, m.end, k) for k, a in enumerate(actors) for m in a.mentions)
    active: list[tuple[int, int]] = []  # (end, actor) of the spans still open
    clash = False
    for start, end, k in spans:
        active = [(e, o) for e, o in active if e > start]
        if any(o != k for _, o in active):
            clash = True
            break
        active.append((end, k))
    if not clash:
        return actors
    kept: list[tuple[int, int, int]] = []
    for start, end, k in sorted(spans, key=lambda s: (s[0] - s[1], s[2], s[0])):
        if all(k == o or end <= a or start >= b for a, b, o in kept):
            kept.append((start, end, k))
    keep = {(k, a, b) for a, b, k in kept}
    out = []
    for k, actor in enumerate(actors):
        mentions = [m for m in actor.mentions if (k, m.start, m.end) in keep]
        if mentions:
            out.append(actor if len(mentions) == len(actor.mentions) else replace(actor, mentions=mentions))
    return out


def _unique(actors: list[Actor]) -> list[Actor]:
    """Two clusters that resolve to the same id (spelling variants) become one actor."""
    by_id: dict[str, Actor] = {}
    for actor in actors:
        if actor.id in by_id:
            kept = by_id[actor.id]
            mentions = sorted({(s.start, s.end): s for s in [*kept.mentions, *actor.mentions]}.values(),
                              key=lambda s: s.start)
            aliases = sorted(set(kept.aliases) | set(actor.aliases) | {actor.name} - {kept.name})
            by_id[actor.id] = replace(kept, mentions=mentions, aliases=aliases,
                                      roles=kept.roles + [r for r in actor.roles if r not in kept.roles])
        else:
            by_id[actor.id] = actor
    return sorted(by_id.values(), key=lambda a: a.mentions[0].start if a.mentions else 0)


VERSION = "2"  # 2: official long state names, pronouns past a sentence naming nobody


@register("actors", version=VERSION, requires=("doc",), produces=("actors",))
def make_actors(config: Config) -> StageFn:
    lex = load_lexicon()

    def actors(doc: Any, record: ArticleRecord) -> ArticleRecord:
        article = record.article
        return replace(record, actors=extract_actors(doc, article.text, article.published_at, lex))

    return actors
