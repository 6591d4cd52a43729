"""A union-find over hashable items that remembers why each pair was joined."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)
R = TypeVar("R")


class UnionFind(Generic[T, R]):
    """Disjoint sets in insertion order; `union` keeps the first item's root as the new root.

    >>> uf: UnionFind[str, str] = UnionFind(["Donald Trump", "Trump"])
    >>> uf.union("Donald Trump", "Trump", "surname")
    True
    >>> uf.groups()
    [['Donald Trump', 'Trump']]
    """

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._parent: dict[T, T] = {}
        self.reasons: list[tuple[T, T, R]] = []  # (kept, joined, reason) for every successful union
        for item in items:
            self.add(item)

    def add(self, item: T) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: T) -> T:
        parent = self._parent
        root = parent.setdefault(item, item)
        if root == item:  # most items are their own root: no walk
            return root
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:  # path compression keeps later finds O(1)
            parent[item], item = root, parent[item]
        return root

    def union(self, keep: T, join: T, reason: R) -> bool:
        """Put `join`'s set into `keep`'s; False when they were already one set."""
        a, b = self.find(keep), self.find(join)
        if a == b:
            return False
        self._parent[b] = a
        self.reasons.append((keep, join, reason))
        return True

    def groups(self) -> list[list[T]]:
        """Every set, each in insertion order, sets ordered by their first item."""
        by_root: dict[T, list[T]] = {}
        for item in self._parent:
            by_root.setdefault(self.find(item), []).append(item)
        return list(by_root.values())
