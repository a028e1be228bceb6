"""``type: metric`` - a readability metric outside its bounds.

``metric`` names a textstat function (``flesch_kincaid_grade``, ``lexicon_count``...)
or a fast builtin (``words``, ``fk_grade``), computed per ``scope`` (document,
paragraph or sentence). Textstat is slow compared with the rest of a run (about 3 ms
for a whole article), so shipped rules prefer the builtins, each unit is gated by
``min_words`` and each value is computed once per unit however many rules use it.
"""
from __future__ import annotations

import math
import importlib
import re
from typing import Any, Callable, Iterable

from linter.detectors.base import Detector, Prepared, make_finding, option
from linter.document import Document
from linter.errors import FieldError
from linter.findings import Finding
from linter.matching import OTHER_SPACES
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
        self.plans = [(scope, rules, min(_fewest_words(spec) for _, spec in rules))
                      for scope, rules in by_scope.items()]

    def check(self, doc: Document) -> Iterable[Finding]:
        prose = doc.prose
        for scope, rules, fewest in self.plans:
            for start, end in _candidates(doc, self._units(doc, scope), fewest):
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

    @staticmethod
    def _units(doc: Document, scope: str) -> list[tuple[int, int]]:
        if scope == "sentence":
            return doc.sentences
        if scope == "paragraph":
            return doc.paragraphs
        body = [p for p in doc.paragraphs]
        return [(body[0][0], body[-1][1])] if body else []


def _candidates(doc: Document, units: list[tuple[int, int]], fewest: int) -> list[tuple[int, int]]:
    """The ``units`` that may hold ``fewest`` words, without splitting any of them.

    n words take at least 2n - 1 characters, and n - 1 whitespace characters between
    them. Every whitespace character of ``prose`` is one in ``norm`` too (folding makes
    the odd ones spaces), so when ``norm`` holds no whitespace but spaces and newlines,
    counting those two (a C scan, no strings built) bounds the words of a unit: most
    sentences and paragraphs are shown short of the bound without being split.
    """
    if fewest <= 1:
        return units
    least = 2 * fewest - 1
    norm = doc.norm
    if any(c in norm for c in OTHER_SPACES):
        return [u for u in units if u[1] - u[0] >= least]
    gaps, count = fewest - 1, norm.count
    return [u for u in units if u[1] - u[0] >= least
            and count(" ", u[0], u[1]) + count("\n", u[0], u[1]) >= gaps]


def _fewest_words(spec: dict[str, Any]) -> int:
    """Words a unit needs before ``spec`` can flag it: its ``min_words``, or for a word
    count with only an upper bound, one more than the bound."""
    if spec["name"] == "words" and spec["min"] is None and spec["max"] is not None:
        return max(spec["min_words"], math.floor(spec["max"]) + 1)
    return spec["min_words"]
