"""Bounded memos: readings of short texts kept by the text, for the life of a process.

Articles and archives repeat short stretches of text (the words before a name, a
caption label, a title), and several readers are pure functions of such a stretch, so
a worker keeps their results. An archive has no end, so neither may a memo: it starts
afresh once full. Callers look up inline with ``memo.get(key, UNSEEN)`` (a hit costs no
call) and store a miss through ``keep``.
"""
from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

#: What ``get`` returns for a key not kept (None and False are real readings).
UNSEEN = object()


class Memo(dict[K, V]):
    """A dict of readings by their input, emptied when it reaches ``limit`` entries."""

    def __init__(self, limit: int = 50_000) -> None:
        super().__init__()
        self.limit = limit

    def keep(self, key: K, value: V) -> V:
        """Store ``value`` for ``key`` (making room first) and return it."""
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
