"""``type: metric`` - a readability metric outside its bounds.

``metric`` names a textstat function (``flesch_kincaid_grade``, ``lexicon_count``...)
or a fast builtin (``words``, ``fk_grade``), computed per ``scope`` (document,
paragraph or sentence). Textstat is slow compared with the rest of a run (about 3 ms
for a whole article), so shipped rules prefer the builtins, each unit is gated by
``min_words`` and each value is computed once per unit however many rules use it.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable

import textstat

from linter.detectors.base import Detector, Prepared, make_finding, option
from linter.document import Document
from linter.errors import FieldError
from linter.findings import Finding
from linter.rules import Rule

SCOPES = ("document", "paragraph", "sentence")


#: Maps vowels to "a" and everything else to a space: vowel groups become words.
_VOWELS_ONLY = {i: " " for i in range(0x250)} | {ord(v): "a" for v in "aeiouyAEIOUY"}
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s|$)")
_STRIP = ".,;:!?\"'()[]\u201c\u201d\u2018\u2019"


def _word_count(text: str) -> float:
    return float(len(text.split()))


def fk_grade(text: str) -> float:
    """Flesch-Kincaid grade level with a fast syllable estimate.

    textstat's version looks every word up in a hyphenation dictionary (about 0.3 ms a
    paragraph); this one counts vowel groups less silent final e's, within a grade or
    so of it - enough to bound copy that is far too dense, which is all a lint rule
    needs - at a tenth of the cost.
    """
    tokens = [t.strip(_STRIP).lower() for t in text.split()]
    tokens = [t for t in tokens if t[:1].isalpha()]
    if not tokens:
        return 0.0
    groups = len(text.translate(_VOWELS_ONLY).split())
    silent = sum(1 for t in tokens if len(t) > 3 and t[-1] == "e" and t[-2] not in "aeiouyl")
    syllables = max(groups - silent, len(tokens))
    sentences = max(len(_SENTENCE_END.findall(text)), 1)
    return 0.39 * len(tokens) / sentences + 11.8 * syllables / len(tokens) - 15.59


#: Cheap metrics we compute ourselves; anything else is looked up in textstat.
BUILTIN: dict[str, Callable[[str], float]] = {"words": _word_count, "fk_grade": fk_grade}


def metric_function(name: str) -> Callable[[str], float]:
    if name in BUILTIN:
        return BUILTIN[name]
    func = getattr(textstat, name, None)
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

    def check(self, doc: Document) -> Iterable[Finding]:
        by_scope: dict[str, list[Prepared]] = {}
        for rule, spec in self.rules:
            by_scope.setdefault(spec["scope"], []).append((rule, spec))
        for scope, rules in by_scope.items():
            for start, end in self._units(doc, scope):
                # Each unit is sliced, counted and measured once for all rules of its scope.
                chunk = doc.prose[start:end]
                words = len(chunk.split())
                values: dict[str, float] = {"words": float(words)}
                for rule, spec in rules:
                    if words < spec["min_words"]:
                        continue
                    name = spec["name"]
                    if name not in values:
                        values[name] = float(spec["func"](chunk))
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
