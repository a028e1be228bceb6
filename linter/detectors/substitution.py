"""``type: substitution`` - flag a phrase and suggest its replacement.

``swap`` maps each phrase to the wording to use instead; the suggestion keeps the
matched text's capitalisation so it can be pasted back as is.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from linter.detectors.base import Detector, Prepared, make_finding
from linter.document import Document
from linter.errors import FieldError
from linter.findings import Finding
from linter.matching import PhraseIndex, leftmost_longest
from linter.rules import Rule


def match_case(original: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation pattern of ``original``."""
    letters = [c for c in original if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return replacement.upper()
    if letters and original.lstrip()[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class SubstitutionDetector(Detector):
    name = "substitution"
    fields = {"swap": True}

    @classmethod
    def prepare(cls, rule: Rule) -> dict[str, str]:
        swap = rule.options.get("swap")
        if not isinstance(swap, dict) or not swap:
            raise FieldError("swap", "'swap' must be a mapping of phrase: replacement")
        for key, value in swap.items():
            if not isinstance(key, str) or not key.strip() or not isinstance(value, str):
                raise FieldError("swap", f"'swap' entry '{key}' must map a phrase to a string")
        return dict(swap)

    def __init__(self, rules: list[Prepared]) -> None:
        super().__init__(rules)
        self.index: PhraseIndex[tuple[Rule, str]] = PhraseIndex()
        for rule, swap in rules:
            for phrase, replacement in swap.items():
                self.index.add(phrase, (rule, replacement))
        self.index.build()

    def check(self, doc: Document) -> Iterable[Finding]:
        by_rule: dict[str, list[tuple[int, int, tuple[Rule, str]]]] = defaultdict(list)
        for start, end, payload in self.index.find(doc):
            by_rule[payload[0].id].append((start, end, payload))
        for spans in by_rule.values():
            for start, end, (rule, replacement) in leftmost_longest(spans):
                suggestion = match_case(doc.text[start:end], replacement)
                yield make_finding(rule, doc, start, end, suggestion=suggestion)
