"""``type: metric`` - a readability metric outside its bounds.

``metric`` names a textstat function (``flesch_kincaid_grade``, ``lexicon_count``...)
computed per ``scope`` (document, paragraph or sentence). Textstat is slow compared
with the rest of a run, so each unit is gated by ``min_words`` and each value is
computed once per unit however many rules use it.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

import textstat

from linter.detectors.base import Detector, Prepared, make_finding, option
from linter.document import Document
from linter.errors import FieldError
from linter.findings import Finding
from linter.rules import Rule

SCOPES = ("document", "paragraph", "sentence")


def _word_count(text: str) -> float:
    return float(len(text.split()))


#: Cheap metrics we compute ourselves; anything else is looked up in textstat.
BUILTIN: dict[str, Callable[[str], float]] = {"words": _word_count}


def metric_function(name: str) -> Callable[[str], float]:
    if name in BUILTIN:
        return BUILTIN[name]
    func = getattr(textstat, name, None)
    if not callable(func) or name.startswith("_"):
        raise FieldError("metric", f"unknown metric '{name}' (a textstat function or 'words')")
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
        values: dict[tuple[str, int, int], float] = {}
        for rule, spec in self.rules:
            for start, end in self._units(doc, spec["scope"]):
                chunk = doc.prose[start:end]
                if spec["min_words"] and len(chunk.split()) < spec["min_words"]:
                    continue
                key = (spec["name"], start, end)
                if key not in values:
                    values[key] = float(spec["func"](chunk))
                value = values[key]
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
                                           "metric": spec["name"], "excerpt": shown})

    @staticmethod
    def _units(doc: Document, scope: str) -> list[tuple[int, int]]:
        if scope == "sentence":
            return doc.sentences
        if scope == "paragraph":
            return doc.paragraphs
        body = [p for p in doc.paragraphs]
        return [(body[0][0], body[-1][1])] if body else []
