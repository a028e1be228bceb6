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
import weakref
from operator import itemgetter
from dataclasses import dataclass
from typing import Any, Generic, Iterator, TypeVar

import ahocorasick_rs
import regex

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


#: Whitespace ``norm`` may hold besides spaces and newlines (``normalize.fold`` turns the
#: rest into spaces). A text without any is scanned for runs with ``str.find``: ``_RUN``
#: costs about 20 ns a character in ``re``, several times the rest of the view.
OTHER_SPACES = "\x0b\x0c\x1c\x1d\x1e\x1f\x85\u1680\u2000\u2001\u2028\u2029\u205f"


def _runs(text: str) -> list[tuple[int, int]]:
    """The spans ``_RUN.finditer(text)`` finds: maximal whitespace runs of two or more
    characters, and lone newlines."""
    if any(c in text for c in OTHER_SPACES):
        return [m.span() for m in _RUN.finditer(text)]
    # Only spaces and newlines: every such run holds a newline or two spaces, and each
    # newline or double space lies in one.
    find, size, out = text.find, len(text), []
    newline, double, i = find("\n"), find("  "), 0
    while newline >= 0 or double >= 0:
        hit = newline if double < 0 or 0 <= newline < double else double
        start = end = hit
        while start > i and text[start - 1] in " \n":
            start -= 1
        while end < size and text[end] in " \n":
            end += 1
        out.append((start, end))
        i = end
        if 0 <= newline < i:
            newline = find("\n", i)
        if 0 <= double < i:
            double = find("  ", i)
    return out


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
    for a, b in _runs(norm):
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

    Every index of the process is scanned by one shared automaton (see ``_Pool``): a
    run holds seven of them, and one pass over an article costs less than half of
    seven passes, each over an automaton the other detectors pushed out of the cache.
    """

    def __init__(self) -> None:
        self._payloads: dict[str, list[T]] = {}
        #: Per pattern number: its length and payloads (the pool reports numbers).
        self._entries: list[tuple[int, list[T]]] = []
        self._built = False
        #: The pool that scans this index and this index's place in it.
        self._pool: _Pool | None = None
        self._slot = 0
        _LIVE.add(self)

    def __getstate__(self) -> dict[str, Any]:
        # The pool's matcher cannot be pickled; a copy joins a pool on first use.
        return {**self.__dict__, "_entries": [], "_built": False, "_pool": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        _LIVE.add(self)

    def add(self, phrase: str, payload: T) -> str:
        key = normalize_phrase(phrase)
        if not key:
            raise ValueError("empty phrase")
        self._payloads.setdefault(key, []).append(payload)
        self._built = False
        self._pool = None  # the pool must learn the new phrase
        return key

    def __len__(self) -> int:
        return len(self._payloads)

    def build(self) -> None:
        """Number the phrases (the automaton itself is built by the pool on first use)."""
        self._entries = [(len(key), payloads) for key, payloads in self._payloads.items()]
        self._built = True

    def find(self, doc: Document) -> Iterator[tuple[int, int, T]]:
        """Yield ``(start, end, payload)`` in original offsets for every match."""
        if not self._payloads:
            return
        if not self._built:
            self.build()
        pool = self._pool
        if pool is None:
            pool = _Pool.rebuild(self)
        sq = squeezed(doc)
        text = sq.text
        size = len(text)
        entries = self._entries
        # All overlapping matches (code-point offsets), in the order callers have always
        # seen: by end, then longest first.
        matches = pool.scan(doc, text)[self._slot]
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


#: Every index of the process (a finished run's are dropped with their rule sets).
_LIVE: weakref.WeakSet[PhraseIndex[Any]] = weakref.WeakSet()


class _Pool:
    """One automaton over the phrases of every live index, scanned once per document.

    With overlapping matching an automaton reports every occurrence of every phrase
    whatever the other phrases are, so each index gets exactly the matches its own
    automaton would find. The pool is built when an index it does not cover is first
    searched (once per process in a run: the indexes are made with the rule set).
    """

    def __init__(self, indexes: list[PhraseIndex[Any]]) -> None:
        numbers: dict[str, int] = {}
        #: Per pool pattern: (index slot, that index's pattern number) of each owner.
        self.owners: list[list[tuple[int, int]]] = []
        for slot, index in enumerate(indexes):
            if not index._built:
                index.build()
            for number, key in enumerate(index._payloads):
                found = numbers.setdefault(key, len(numbers))
                if found == len(self.owners):
                    self.owners.append([])
                self.owners[found].append((slot, number))
            index._pool, index._slot = self, slot
        self.slots = len(indexes)
        # ahocorasick-rs (Rust) scans a 5 KB article about 3x faster than pyahocorasick.
        self.matcher = ahocorasick_rs.AhoCorasick(list(numbers))

    @classmethod
    def rebuild(cls, wanted: PhraseIndex[Any]) -> _Pool:
        """A pool of every live index with phrases, ``wanted`` among them."""
        _LIVE.add(wanted)
        return cls([index for index in list(_LIVE) if index._payloads])

    def scan(self, doc: Document, text: str) -> list[list[tuple[int, int, int]]]:
        """Per index slot, its ``(pattern number, start, stop)`` matches in ``text`` (the
        document's squeezed view), from one pass cached on the document."""
        cached = doc.cache.get("phrase-pool")
        if cached is not None and cached[0] is self:
            return cached[1]
        per_slot: list[list[tuple[int, int, int]]] = [[] for _ in range(self.slots)]
        owners = self.owners
        for pattern, start, stop in self.matcher.find_matches_as_indexes(text, overlapping=True):
            for slot, number in owners[pattern]:
                per_slot[slot].append((number, start, stop))
        doc.cache["phrase-pool"] = (self, per_slot)
        return per_slot


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


# ----- required literals: where a regular expression cannot match -------------------------
# A pattern like "(?:Getty Images|Shutterstock)$" can only match a text that contains one
# of its literals; testing that with ``in`` is far cheaper than running the pattern. The
# parser below understands the syntax rule packs use and gives up on anything else.
#: A counted repeat ``{m}``, ``{m,}``, ``{,n}`` or ``{m,n}`` (the pattern analyses share it).
QUANTIFIER = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_FLAG_GROUP = re.compile(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])")
_ZERO_WIDTH = frozenset("bBAZzGmMK")
_LETTER_ESCAPES = frozenset("wWdDsShHvVX")  # one character of a class
_LIT, _ZERO, _ANY, _GROUP = range(4)
#: Inline flags that change neither what a literal is nor whether it must match.
_SAFE_FLAGS = frozenset("aiLmsuwfr")


class UnknownSyntax(Exception):
    """The pattern uses syntax the analyses do not understand."""


def required_literals(pattern: Any) -> tuple[str, ...] | None:
    """Literals, one of which occurs in every match of compiled ``pattern`` (compare
    them case-folded: case-insensitive parts are not told apart), or None."""
    src = pattern.pattern
    if pattern.flags & (regex.VERBOSE | regex.V1):
        return None
    try:
        alternatives, end = _alternatives(src, 0)
        if end != len(src):
            return None
        found = _union(alternatives)
    except (UnknownSyntax, IndexError):
        return None
    return tuple(sorted(found)) if found else None


def _alternatives(src: str, i: int) -> tuple[list[list[tuple]], int]:
    """The ``|``-separated sequences of items from ``i`` to the group's ``)`` (or the
    end); items are (kind, literal character or sub-alternatives, least repeats,
    quantified)."""
    alternatives: list[list[tuple]] = [[]]
    while i < len(src) and src[i] != ")":
        if src[i] == "|":
            alternatives.append([])
            i += 1
            continue
        (kind, value), i = _atom(src, i)
        low, quantified, i = _quantifier(src, i)
        alternatives[-1].append((kind, value, low, quantified))
    return alternatives, i


def _atom(src: str, i: int) -> tuple[tuple, int]:
    """The item starting at ``i`` and the index after it."""
    c = src[i]
    if c == "\\":
        e = src[i + 1]
        if e in _ZERO_WIDTH:
            return (_ZERO, None), i + 2
        if e in _LETTER_ESCAPES:
            return (_ANY, None), i + 2
        if e in "pPN":
            if src[i + 2] == "{":
                return (_ANY, None), src.index("}", i) + 1
            return (_ANY, None), i + 3
        if e.isascii() and e.isalnum():
            raise UnknownSyntax  # hex/octal escapes, backreferences, named lists...
        return (_LIT, e), i + 2
    if c == "[":
        return (_ANY, None), _class_end(src, i)
    if c == "(":
        return _group(src, i)
    if c in "^$":
        return (_ZERO, None), i + 1
    if c == ".":
        return (_ANY, None), i + 1
    if c in "*+?{":
        raise UnknownSyntax  # a quantifier with nothing to repeat, or a fuzzy constraint
    return (_LIT, c), i + 1


def _class_end(src: str, i: int) -> int:
    """The index after the character class starting at ``i``."""
    j = i + 1
    if src[j] == "^":
        j += 1
    if src[j] == "]":
        j += 1
    while src[j] != "]":
        if src[j] == "[":
            raise UnknownSyntax  # nested sets or POSIX classes: not worth the risk
        j += 2 if src[j] == "\\" else 1
    return j + 1


def group_head(src: str, i: int) -> tuple[str, int]:
    """How the group opening at ``i`` reads, for every pattern analysis: ``("look+"
    or "look-", body start)`` for a positive or negative lookaround, ``("empty", index
    after it)`` for a comment or inline flags, ``("group", body start)`` otherwise."""
    if not src.startswith("(?", i):
        return "group", i + 1
    head = src[i + 2:i + 4]
    if head[:1] in "=!":
        return ("look+" if head[:1] == "=" else "look-"), i + 3
    if head in ("<=", "<!"):
        return ("look+" if head == "<=" else "look-"), i + 4
    if head[:1] == "#":
        return "empty", src.index(")", i) + 1
    if head[:1] in ":>|":
        return "group", i + 3
    if head[:1] == "P" and src[i + 3] == "<" or head[:1] == "<":
        return "group", src.index(">", i) + 1
    m = _FLAG_GROUP.match(src, i)
    if m is None or not set(m.group(1) + (m.group(2) or "")) <= _SAFE_FLAGS:
        raise UnknownSyntax  # conditionals, recursion, verbose or version switches
    return ("empty", m.end()) if m.group(3) == ")" else ("group", m.end())


def _group(src: str, i: int) -> tuple[tuple, int]:
    """The group starting at ``i``: lookarounds, comments and inline flags match no
    characters; other groups carry their alternatives."""
    kind, start = group_head(src, i)
    if kind == "empty":
        return (_ZERO, None), start
    alternatives, j = _alternatives(src, start)
    if kind != "group":
        return (_ZERO, None), j + 1
    if src[j] != ")":
        raise UnknownSyntax
    return (_GROUP, alternatives), j + 1


def _quantifier(src: str, i: int) -> tuple[int, bool, int]:
    """The least number of repeats the quantifier at ``i`` allows (1 if none), whether
    there is one, and the index after it (a lazy or possessive suffix included)."""
    if i >= len(src):
        return 1, False, i
    c = src[i]
    if c in "?*+":
        low, i = (1 if c == "+" else 0), i + 1
    elif c == "{":
        m = QUANTIFIER.match(src, i)
        if m is None or (not m.group(2) and not m.group(1)):
            raise UnknownSyntax  # fuzzy matching ({e<=1}) or a literal brace
        low, i = int(m.group(1) or 0), m.end()
    else:
        return 1, False, i
    if i < len(src) and src[i] in "?+":
        i += 1
    return low, True, i


def _union(alternatives: list[list[tuple]]) -> set[str] | None:
    """Literals one of which every match of any of ``alternatives`` contains."""
    out: set[str] = set()
    for items in alternatives:
        best = _best(items)
        if best is None:
            return None
        out |= best
    return out


def _best(items: list[tuple]) -> set[str] | None:
    """The most selective requirement of a sequence: a run of literal characters it
    always matches, or a group it always matches, whichever has the longest shortest
    literal."""
    candidates: list[set[str]] = []
    run = ""
    for kind, value, low, quantified in items:
        if kind == _LIT and low >= 1 and not quantified:
            run += value
            continue
        if kind == _LIT and low >= 1:
            run += value  # at least once, but repeated: nothing after it is adjacent
        if run:
            candidates.append({run})
            run = ""
        if kind == _GROUP and low >= 1:
            found = _union(value)
            if found:
                candidates.append(found)
    if run:
        candidates.append({run})
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))
