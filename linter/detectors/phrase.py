"""``type: phrase`` - flag any of a list of phrases.

Matching is case-, typography- and whitespace-insensitive. With ``fuzzy: N`` (0-100) a
run of words whose rapidfuzz ratio to a phrase reaches N also matches, which catches
near-misses such as misspelt widget labels.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Iterator

from rapidfuzz import fuzz, process

from linter.detectors.base import Detector, Prepared, make_finding, option, string_list
from linter.document import Document
from linter.errors import FieldError
from linter.findings import Finding
from linter.matching import PhraseIndex, leftmost_longest
from linter.normalize import normalize_phrase
from linter.rules import Rule


class PhraseDetector(Detector):
    name = "phrase"
    fields = {"phrases": True, "fuzzy": False, "exceptions": False}

    @classmethod
    def prepare(cls, rule: Rule) -> dict[str, Any]:
        phrases = string_list(rule, "phrases")
        fuzzy = option(rule, "fuzzy", (int, float))
        if fuzzy is not None and not 50 <= fuzzy <= 100:
            raise FieldError("fuzzy", "'fuzzy' must be a score between 50 and 100")
        exceptions = [normalize_phrase(p) for p in string_list(rule, "exceptions", required=False)]
        return {"phrases": phrases, "fuzzy": fuzzy, "exceptions": exceptions}

    def __init__(self, rules: list[Prepared]) -> None:
        super().__init__(rules)
        self.index: PhraseIndex[Rule] = PhraseIndex()
        self.exceptions: PhraseIndex[Rule] = PhraseIndex()
        self.fuzzy: dict[int, list[tuple[str, Rule, float]]] = defaultdict(list)
        for rule, spec in rules:
            for phrase in spec["phrases"]:
                key = self.index.add(phrase, rule)
                if spec["fuzzy"] is not None:
                    self.fuzzy[key.count(" ") + 1].append((key, rule, float(spec["fuzzy"])))
            for phrase in spec["exceptions"]:
                self.exceptions.add(phrase, rule)
        self.index.build()
        self.exceptions.build()

    def check(self, doc: Document) -> Iterable[Finding]:
        by_rule: dict[str, list[tuple[int, int, Rule]]] = defaultdict(list)
        for start, end, rule in self.index.find(doc):
            by_rule[rule.id].append((start, end, rule))
        for start, end, rule in self._fuzzy_matches(doc):
            by_rule[rule.id].append((start, end, rule))
        if not by_rule:
            return
        excepted: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for start, end, rule in self.exceptions.find(doc):
            excepted[rule.id].append((start, end))
        for rule_id, spans in by_rule.items():
            for start, end, rule in leftmost_longest(spans):
                if any(a <= start and end <= b for a, b in excepted.get(rule_id, ())):
                    continue
                yield make_finding(rule, doc, start, end)

    def _fuzzy_matches(self, doc: Document) -> Iterator[tuple[int, int, Rule]]:
        if not self.fuzzy:
            return
        tokens = doc.tokens
        norm = doc.norm
        for width, entries in self.fuzzy.items():
            if len(tokens) < width:
                continue
            windows = [(tokens[i][0], tokens[i + width - 1][1]) for i in range(len(tokens) - width + 1)]
            texts = [" ".join(norm[a:b].split()) for a, b in windows]
            for phrase, rule, threshold in entries:
                for _, _, col in process.extract(phrase, texts, scorer=fuzz.ratio,
                                                 score_cutoff=threshold, limit=None):
                    a, b = windows[col]
                    yield a, b, rule
