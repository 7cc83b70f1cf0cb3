"""Groups kept as connected components in a table (story, alias group, event cluster).

Each member row names its group; a group's id comes from its smallest member id, so the groups
are the same whatever order the links arrive in: linking two groups relabels the one whose id
is not the smaller member's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from dateline.corpus.db import execute, rows_in
from dateline.store.base import SqlStore


@dataclass(frozen=True)
class GroupTable:
    table: str
    member: str
    group: str
    group_id: Callable[[str], str]  # the group id of a group whose smallest member is this id


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        if parent != item:
            parent = self.parent[item] = self.find(parent)
        return parent

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def components(self) -> list[list[str]]:
        found: dict[str, list[str]] = {}
        for item in sorted(self.parent):
            found.setdefault(self.find(item), []).append(item)
        return list(found.values())


def link(store: SqlStore, spec: GroupTable, edges: Iterable[tuple[str, str]]) -> int:
    """Merge the groups of every edge's two members (both must have rows); returns groups relabelled."""
    pairs = list(edges)
    if not pairs:
        return 0
    sql = f"SELECT {spec.member}, {spec.group} FROM {spec.table} WHERE {spec.member} IN ({{marks}})"
    group_of = dict(rows_in(store, sql, [m for pair in pairs for m in pair]))
    groups = UnionFind()
    for a, b in pairs:
        groups.union(group_of[a], group_of[b])
    return sum(_merge(store, spec, component) for component in groups.components() if len(component) > 1)


def _merge(store: SqlStore, spec: GroupTable, groups: list[str]) -> int:
    sql = f"SELECT MIN({spec.member}) FROM {spec.table} WHERE {spec.group} IN ({{marks}})"
    smallest = min(str(row[0]) for row in rows_in(store, sql, groups))
    target = spec.group_id(smallest)
    stale = [g for g in groups if g != target]
    for group in stale:
        execute(store, f"UPDATE {spec.table} SET {spec.group} = ? WHERE {spec.group} = ?", (target, group))
    return len(stale)
