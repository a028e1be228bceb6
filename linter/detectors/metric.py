"""``type: metric`` - a readability metric outside its bounds.

``metric`` names a textstat function (``flesch_kincaid_grade``, ``lexicon_count``...)
or a fast builtin (``words``, ``fk_grade``), computed per ``scope`` (document,
paragraph or sentence). Textstat is slow compared with the rest of a run (about 3 ms
for a whole article), so shipped rules prefer the builtins, each unit is gated by
``min_words`` and each value is computed once per unit however many rules use it.
"""
from __future__ import annotations

import bisect
import math
import importlib
import re
from itertools import accumulate
from operator import itemgetter
from typing import Any, Callable, Iterable

from linter.detectors.base import Detector, Prepared, make_finding, option
from linter.document import Document
from linter.errors import FieldError
from linter.findings import Finding
from linter.normalize import norm_latin1
from linter.rules import Rule

SCOPES = ("document", "paragraph", "sentence")


#: Maps vowels to "a" and everything else to a space: vowel groups become words.
_VOWELS_ONLY = {i: " " for i in range(0x250)} | {ord(v): "a" for v in "aeiouyAEIOUY"}
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s|$)")
_STRIP = ".,;:!?\"'()[]\u201c\u201d\u2018\u2019"
_CLOSERS = "\"'\u201d\u2019)]"
#: A token's code packs four counts in 15-bit fields (word, silent e, vowel groups,
#: sentence end), so summing a paragraph's codes counts everything at once. No count
#: exceeds the text's length, so texts under ``_PACKED_LIMIT`` characters cannot overflow.
_FIELD = 15
_MASK = (1 << _FIELD) - 1
_PACKED_LIMIT = 1 << _FIELD
#: Bound on the token memo, so a long run over new vocabulary cannot grow it forever.
_MEMO_LIMIT = 200_000


def _counts(text: str) -> tuple[int, int, int, int]:
    """Words, silent final e's, vowel groups and sentence ends of ``text``.

    Words are tokens whose first character, quotes and brackets aside, is a letter.
    Vowel groups are the words left after mapping vowels to "a" and every other
    character below U+0250 to a space; none spans whitespace, and no sentence end
    does either, so the counts of a text are the sums of the counts of its tokens.
    """
    tokens = [t.strip(_STRIP).lower() for t in text.split()]
    tokens = [t for t in tokens if t[:1].isalpha()]
    silent = sum(1 for t in tokens if len(t) > 3 and t[-1] == "e" and t[-2] not in "aeiouyl")
    groups = len(text.translate(_VOWELS_ONLY).split())
    return len(tokens), silent, groups, len(_SENTENCE_END.findall(text))


class _TokenCodes(dict[str, int]):
    """Whitespace token -> its packed counts, computed on first sight.

    News vocabulary repeats, so after the first articles nearly every token is one
    dictionary hit, and ``sum(map(...))`` scores a paragraph without a Python-level
    loop over its words (a word-by-word loop cost 0.3 ms an article).
    """

    def __missing__(self, token: str) -> int:
        # ``_counts(token)`` for one whitespace-free token, without its list-building:
        # a run meets a few dozen new tokens an article. Only a token's end can be
        # followed by whitespace, so it holds at most one sentence end.
        stripped = token.strip(_STRIP).lower()
        code = len(token.translate(_VOWELS_ONLY).split()) << 2 * _FIELD
        if stripped[:1].isalpha():
            code |= 1
            if len(stripped) > 3 and stripped[-1] == "e" and stripped[-2] not in "aeiouyl":
                code |= 1 << _FIELD
        if _SENTENCE_END.search(token) is not None:
            code |= 1 << 3 * _FIELD
        if len(self) >= _MEMO_LIMIT:
            self.clear()
        self[token] = code
        return code


_TOKEN_CODES = _TokenCodes()


def _word_count(text: str) -> float:
    return float(len(text.split()))


def fk_grade(text: str, tokens: list[str] | None = None) -> float:
    """Flesch-Kincaid grade level with a fast syllable estimate.

    textstat's version looks every word up in a hyphenation dictionary (about 0.3 ms a
    paragraph); this one counts vowel groups less silent final e's, within a grade or
    so of it - enough to bound copy that is far too dense, which is all a lint rule
    needs - at a small fraction of the cost. ``tokens`` is ``text.split()`` when the
    caller has it already.
    """
    if len(text) < _PACKED_LIMIT:
        code = sum(map(_TOKEN_CODES.__getitem__, text.split() if tokens is None else tokens))
        words, silent = code & _MASK, code >> _FIELD & _MASK
        groups, ends = code >> 2 * _FIELD & _MASK, code >> 3 * _FIELD
    else:
        words, silent, groups, ends = _counts(text)
    if not words:
        return 0.0
    syllables = max(groups - silent, words)
    sentences = max(ends, 1)
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


#: Cheap metrics we compute ourselves; anything else is looked up in textstat.
BUILTIN: dict[str, Callable[[str], float]] = {"words": _word_count, "fk_grade": fk_grade}


#: textstat metrics a rule may name without textstat being imported to check the name:
#: its import costs about 25 ms of every run's start-up, and the shipped rule that uses
#: it is opt-in. Other names are looked up in textstat itself.
TEXTSTAT_METRICS = frozenset({
    "automated_readability_index", "coleman_liau_index", "dale_chall_readability_score",
    "difficult_words", "flesch_kincaid_grade", "flesch_reading_ease", "gunning_fog",
    "lexicon_count", "linsear_write_formula", "polysyllabcount", "sentence_count",
    "smog_index", "syllable_count", "text_standard",
})


class _Textstat:
    """A textstat function by name, importing textstat on the first call (picklable)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, text: str) -> float:
        return getattr(importlib.import_module("textstat"), self.name)(text)


def metric_function(name: str) -> Callable[[str], float]:
    if name in BUILTIN:
        return BUILTIN[name]
    if name in TEXTSTAT_METRICS:
        return _Textstat(name)
    func = getattr(importlib.import_module("textstat"), name, None)
    if not callable(func) or name.startswith("_"):
        raise FieldError("metric", f"unknown metric '{name}' (a textstat function, 'words' or 'fk_grade')")
    return func


class MetricDetector(Detector):
    name = "metric"
    fields = {"metric": True, "scope": False, "min": False, "max": False, "min_words": False}

    @classmethod
    def prepare(cls, rule: Rule) -> dict[str, Any]:
        name = option(rule, "metric", str)
        if name is None:
            raise FieldError("metric", "'metric' is required")
        func = metric_function(name)
        scope = option(rule, "scope", str, "document")
        if scope not in SCOPES:
            raise FieldError("scope", f"'scope' must be one of {', '.join(SCOPES)}")
        low = option(rule, "min", (int, float))
        high = option(rule, "max", (int, float))
        if low is None and high is None:
            raise FieldError("metric", "a metric rule needs 'min' or 'max'")
        min_words = option(rule, "min_words", int, 0)
        return {"name": name, "func": func, "scope": scope, "min": low, "max": high, "min_words": min_words}

    def __init__(self, rules: list[Prepared]) -> None:
        super().__init__(rules)
        by_scope: dict[str, list[Prepared]] = {}
        for rule, spec in self.rules:
            by_scope.setdefault(spec["scope"], []).append((rule, spec))
        #: Per scope: its rules, and the fewest words a unit needs before any of them can
        #: fire - most sentences are under the long-sentence bound, and are skipped as
        #: soon as they are counted.
        self.plans = [(scope, rules, min(_fewest_words(spec) for _, spec in rules),
                       all(_boundable(spec) for _, spec in rules))
                      for scope, rules in by_scope.items()]

    def check(self, doc: Document) -> Iterable[Finding]:
        prose = doc.prose
        bounds = _Bounds(doc)
        for scope, rules, fewest, boundable in self.plans:
            for start, end, most in bounds.candidates(scope, fewest):
                if boundable and bounds.silent(rules, start, end, most):
                    continue
                # Each unit is sliced, counted and measured once for all rules of its scope.
                chunk = prose[start:end]
                tokens = chunk.split()
                words = len(tokens)
                if words < fewest:
                    continue
                values: dict[str, float] = {"words": float(words)}
                for rule, spec in rules:
                    if words < spec["min_words"]:
                        continue
                    name = spec["name"]
                    if name not in values:
                        func = spec["func"]
                        values[name] = float(fk_grade(chunk, tokens) if func is fk_grade else func(chunk))
                    value = values[name]
                    bound = None
                    if spec["max"] is not None and value > spec["max"]:
                        bound = spec["max"]
                    elif spec["min"] is not None and value < spec["min"]:
                        bound = spec["min"]
                    if bound is None:
                        continue
                    shown = doc.text[start:end]
                    if len(shown) > 80:
                        shown = shown[:77] + "..."
                    yield make_finding(rule, doc, start, end, match=doc.text[start:end],
                                       values={"value": int(value) if value.is_integer() else round(value, 1), "bound": bound,
                                               "metric": name, "excerpt": shown})



def _units(doc: Document, scope: str) -> list[tuple[int, int]]:
    if scope == "sentence":
        return doc.sentences
    if scope == "paragraph":
        return doc.paragraphs
    body = doc.paragraphs
    return [(body[0][0], body[-1][1])] if body else []


def _byte_map(pick: Callable[[str], str]) -> bytes:
    """A ``bytes.translate`` table: each Latin-1 byte to the class ``pick`` gives its character."""
    return bytes(ord(pick(chr(b))) for b in range(256))


#: Latin-1 bytes of ``prose`` (see ``_Bounds``) to token classes: " " for whitespace (what
#: ``str.split`` splits on), "a" for a letter, "q" for ASCII punctuation ``_STRIP`` takes
#: off a token's start, "x" for anything else - "?" too, which also stands for every
#: character past Latin-1.
_CLASSES = _byte_map(lambda c: " " if c.isspace() else "a" if c.isalpha() else
                     "q" if c in _STRIP and c != "?" else "x")
#: Latin-1 bytes to " " for whitespace, "x" for anything else: tokens start at " x".
_SPACES = _byte_map(lambda c: " " if c.isspace() else "x")
#: Latin-1 bytes to "v" for a vowel ``_VOWELS_ONLY`` keeps, " " for anything else.
_VOWEL_MAP = _byte_map(lambda c: "v" if c in "aeiouyAEIOUY" else " ")
#: How far below a bound a value bound by byte counts must stay to be taken as below it:
#: the bound and the value round differently in their last bits.
_SLACK = 1e-6
_LETTER, _VOWEL = ord("a"), ord("v")
_STOP = itemgetter(1)


class _Bounds:
    """Upper bounds on a unit's words and Flesch-Kincaid grade from byte counts.

    Nearly every paragraph of news reads far below the dense-paragraph grade, yet
    scoring one splits it and looks each word up (~0.1 ms an article). Counting in
    Latin-1 bytes of the text (one byte a character, so offsets hold; "?" for every
    wider character) bounds both without building a string: a unit shown silent for
    every rule of its scope is skipped, any other is measured exactly as before.

    * words: tokens start after whitespace. ``norm`` splits wherever ``prose`` does
      (and at the zero-width spaces folding makes spaces); only a whitespace character
      past Latin-1 hides a token start from its bytes, and few texts have one.
    * sentence ends: a sentence of the ``sentences`` view ending in ``.!?``, or in one
      of them and a closer, ends a token ``_SENTENCE_END`` finds (other full stops, as
      in "Mr.", only add to the real count).
    * words that count for the grade (first character, leading punctuation aside, a
      letter): tokens of ``prose`` that start with a letter, or with one or two ASCII
      marks and a letter.
    * vowel groups: runs of vowels in the bytes of ``prose``, plus one for each "?" (a
      character past U+024F is a group of its own or joins one).
    """

    __slots__ = ("doc", "spaces", "wide", "raw", "classes", "vowels", "_words", "_ends", "_stops")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        norm = norm_latin1(doc)
        self.spaces = norm.translate(_SPACES)
        #: The bytes of ``norm`` when it holds whitespace past Latin-1 (each "?" may
        #: then start a token), else empty.
        self.wide = b""
        text, find = doc.norm, norm.find
        i = find(b"?")
        while i >= 0:
            if text[i].isspace():
                self.wide = norm
                break
            i = find(b"?", i + 1)
        #: Bytes of ``prose`` and their classes, built when a unit is first graded.
        self.raw = self.classes = self.vowels = b""
        self._words: dict[tuple[int, int], int] = {}
        #: Per sentence of the document, how many of the sentences before it end in a way
        #: ``_SENTENCE_END`` counts, and where each ends (built on first use).
        self._ends: list[int] = []
        self._stops: list[int] = []

    def words(self, start: int, end: int) -> int:
        """At least ``len(prose[start:end].split())`` (remembered: a sentence rule's
        paragraphs are those of a paragraph rule)."""
        key = (start, end)
        words = self._words.get(key)
        if words is None:
            words = 1 + self.spaces.count(b" x", start, end)
            if self.wide:
                words += self.wide.count(b"?", start, end)
            self._words[key] = words
        return words

    def candidates(self, scope: str, fewest: int) -> list[tuple[int, int, int]]:
        """The units of ``scope`` that may hold ``fewest`` words (n words take 2n - 1
        characters), each with its bound on words. A sentence is counted only when its
        paragraph may hold that many."""
        doc, least, words = self.doc, 2 * fewest - 1, self.words
        if scope == "sentence" and fewest > 1:
            sentences, starts = doc.sentences, doc.sentence_starts
            out: list[tuple[int, int, int]] = []
            if not self.wide:
                # No whitespace past Latin-1: tokens start at " x" alone, and the words of
                # a paragraph's sentences add up to its own. Once those left cannot reach
                # ``fewest``, no later sentence of it can (a short one holds at least one).
                count = self.spaces.count
                for a, b, left in self.candidates("paragraph", fewest):
                    first = bisect.bisect_left(starts, a)
                    for c, d in sentences[first:bisect.bisect_left(starts, b, first)]:
                        if left < fewest:
                            break
                        if d - c < least:
                            left -= 1
                            continue
                        n = count(b" x", c, d) + 1
                        left -= n
                        if n >= fewest:
                            out.append((c, d, n))
                return out
            for a, b, _ in self.candidates("paragraph", fewest):
                first = bisect.bisect_left(starts, a)
                last = bisect.bisect_left(starts, b, first)
                out += [(c, d, n) for c, d in sentences[first:last] if d - c >= least
                        for n in (words(c, d),) if n >= fewest]
            return out
        return [(a, b, n) for a, b in _units(doc, scope) if b - a >= least for n in (words(a, b),) if n >= fewest]

    def silent(self, rules: list[Prepared], start: int, end: int, words: int) -> bool:
        """True when no rule (each ``_boundable``) can flag ``[start, end)`` of at most
        ``words`` words."""
        grade: float | None = None
        refined = False
        for _, spec in rules:
            if words < spec["min_words"]:
                continue
            if spec["name"] == "words":
                if words > spec["max"]:
                    return False
                continue
            limit = spec["max"] - _SLACK
            if grade is None:
                grade = self.grade(start, end, words, False)
            if grade > limit and not refined:
                grade, refined = self.grade(start, end, words, True), True
            if grade > limit:
                return False
        return True

    def grade(self, start: int, end: int, words: int, refined: bool) -> float:
        """At least ``fk_grade(prose[start:end])``, for a unit of at most ``words`` words
        that starts with a non-space character (inf when the counts cannot tell).
        ``refined`` also counts words that open with punctuation (most do not)."""
        if not self.raw:
            self.raw = self.doc.prose.encode("latin-1", "replace")
            self.classes = self.raw.translate(_CLASSES)
            self.vowels = self.raw.translate(_VOWEL_MAP)
        classes = self.classes
        count = classes.count
        scored = count(b" a", start, end) + (classes[start] == _LETTER)
        if refined:
            first = classes[start:start + 3]
            scored += (count(b" qa", start, end) + count(b" qqa", start, end)
                       + (first[:2] == b"qa" or first == b"qqa"))
        if not scored:
            return math.inf
        groups = (self.vowels.count(b" v", start, end) + (self.vowels[start] == _VOWEL)
                  + self.raw.count(b"?", start, end))
        syllables = max(groups, scored)
        return 0.39 * words / self._sentence_ends(start, end) + 11.8 * syllables / scored - 15.59

    def _sentence_ends(self, start: int, end: int) -> int:
        """At least the sentence ends ``fk_grade`` counts in ``[start, end)``, and 1."""
        ends, stops, doc = self._ends, self._stops, self.doc
        if not ends:
            prose = doc.prose
            stops += map(_STOP, doc.sentences)
            ends += accumulate((prose[stop - 1] in ".!?" or (prose[stop - 1] in _CLOSERS and stop >= 2
                                                             and prose[stop - 2] in ".!?") for stop in stops),
                               initial=0)
        first = bisect.bisect_left(doc.sentence_starts, start)
        return max(ends[bisect.bisect_right(stops, end, first)] - ends[first], 1)


def _boundable(spec: dict[str, Any]) -> bool:
    """True for a rule ``_Bounds.silent`` can clear: an upper bound on words or the grade."""
    return spec["name"] in ("words", "fk_grade") and spec["min"] is None and spec["max"] is not None \
        and spec["func"] is BUILTIN[spec["name"]]


def _fewest_words(spec: dict[str, Any]) -> int:
    """Words a unit needs before ``spec`` can flag it: its ``min_words``, or for a word
    count with only an upper bound, one more than the bound."""
    if spec["name"] == "words" and spec["min"] is None and spec["max"] is not None:
        return max(spec["min_words"], math.floor(spec["max"]) + 1)
    return spec["min_words"]
