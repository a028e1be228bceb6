"""Match many phrases at once over a document's normalised text.

All phrase-like rules of a detector compile into one Aho-Corasick automaton
(ahocorasick-rs), so a pass costs the same for five phrases or five thousand. Matching
runs on the document's ``norm`` view with whitespace runs squeezed to one space (so
"very  unique" matches "very unique") but never across a paragraph break; offsets map
back to the original.
"""
from __future__ import annotations

import bisect
import re
from operator import itemgetter
from dataclasses import dataclass
from typing import Any, Generic, Iterator, TypeVar

import ahocorasick_rs

from linter.document import Document
from linter.normalize import normalize_phrase

T = TypeVar("T")
_RUN = re.compile(r"\s{2,}|\n")


@dataclass
class Squeezed:
    """``norm`` with every whitespace run turned into one space, plus an offset map."""

    text: str
    marks: list[int]
    shifts: list[int]

    def original(self, index: int) -> int:
        """Map an offset in the squeezed text back to the document text."""
        i = bisect.bisect_right(self.marks, index) - 1
        return index + (self.shifts[i] if i >= 0 else 0)


def squeezed(doc: Document) -> Squeezed:
    """The squeezed view of ``doc`` (computed once and cached on the document)."""
    cached = doc.cache.get("squeezed")
    if cached is not None:
        return cached
    norm = doc.norm
    pieces: list[str] = []
    marks: list[int] = []
    shifts: list[int] = []
    removed = 0
    last = 0
    out_len = 0
    # A line break ends a paragraph in plain text, and a blank line does in Markdown:
    # it stays a newline, which no phrase contains, so no match crosses paragraphs.
    breaks = 1 if not doc.is_markdown else 2
    for m in _RUN.finditer(norm):
        a, b = m.span()
        pieces.append(norm[last:a])
        pieces.append("\n" if norm.count("\n", a, b) >= breaks else " ")
        out_len += (a - last) + 1
        removed += (b - a) - 1
        marks.append(out_len)
        shifts.append(removed)
        last = b
    pieces.append(norm[last:])
    result = Squeezed("".join(pieces), marks, shifts)
    doc.cache["squeezed"] = result
    return result


_BY_END_THEN_START = itemgetter(2, 1)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class PhraseIndex(Generic[T]):
    """A set of phrases, each with a payload, matched in one pass.

    Matching is case-, typography- and whitespace-insensitive and respects word
    boundaries at phrase edges that are letters or digits.
    """

    def __init__(self) -> None:
        self._payloads: dict[str, list[T]] = {}
        #: Per pattern number: its length and payloads (the matcher reports numbers).
        self._entries: list[tuple[int, list[T]]] = []
        self._matcher: ahocorasick_rs.AhoCorasick | None = None
        self._built = False

    def __getstate__(self) -> dict[str, Any]:
        # The compiled matcher cannot be pickled; a copy rebuilds it on first use.
        return {**self.__dict__, "_matcher": None, "_entries": [], "_built": False}

    def add(self, phrase: str, payload: T) -> str:
        key = normalize_phrase(phrase)
        if not key:
            raise ValueError("empty phrase")
        self._payloads.setdefault(key, []).append(payload)
        return key

    def __len__(self) -> int:
        return len(self._payloads)

    def build(self) -> None:
        # ahocorasick-rs (Rust) scans a 5 KB article about 3x faster than pyahocorasick,
        # and every phrase-based detector runs one scan per article.
        keys = list(self._payloads)
        self._entries = [(len(key), self._payloads[key]) for key in keys]
        self._matcher = ahocorasick_rs.AhoCorasick(keys) if keys else None
        self._built = True

    def find(self, doc: Document) -> Iterator[tuple[int, int, T]]:
        """Yield ``(start, end, payload)`` in original offsets for every match."""
        if not self._built:
            self.build()
        if self._matcher is None:
            return
        sq = squeezed(doc)
        text = sq.text
        size = len(text)
        entries = self._entries
        # All overlapping matches (code-point offsets), in the order callers have always
        # seen: by end, then longest first.
        matches = self._matcher.find_matches_as_indexes(text, overlapping=True)
        matches.sort(key=_BY_END_THEN_START)
        for number, start, stop in matches:
            payloads = entries[number][1]
            end_index = stop - 1
            if _is_word(text[start]) and start > 0 and _is_word(text[start - 1]):
                continue
            if _is_word(text[end_index]) and stop < size and _is_word(text[stop]):
                continue
            a = sq.original(start)
            b = sq.original(end_index) + 1
            for payload in payloads:
                yield a, b, payload


def leftmost_longest(spans: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """Drop matches that overlap an earlier or longer one (per caller's grouping)."""
    spans = sorted(spans, key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, Any]] = []
    last_end = -1
    for span in spans:
        if span[0] >= last_end:
            kept.append(span)
            last_end = span[1]
    return kept
