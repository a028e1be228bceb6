"""``type: pattern`` - flag matches of regular expressions.

Patterns use the ``regex`` module (a superset of ``re``) and run with a time limit per
document, so a pathological pattern reports an error instead of hanging a CI job.
They run on the ``folded`` view: typographic quotes, dashes and spaces are plain ASCII,
case is kept, markup is blanked.
"""
from __future__ import annotations

import sys
from typing import Any, Iterable

import regex

from linter.detectors.base import Detector, Prepared, make_finding, option, string_list
from linter.document import Document
from linter.errors import FieldError
from linter.findings import Finding
from linter.rules import Rule

#: Seconds one pattern may spend on one document.
TIME_LIMIT = 1.0


class PatternDetector(Detector):
    name = "pattern"
    fields = {"patterns": True, "ignorecase": False, "group": False}

    @classmethod
    def prepare(cls, rule: Rule) -> dict[str, Any]:
        sources = string_list(rule, "patterns")
        flags = regex.V0 | (regex.IGNORECASE if option(rule, "ignorecase", bool, False) else 0)
        compiled = []
        for source in sources:
            try:
                compiled.append(regex.compile(source, flags))
            except regex.error as exc:
                raise FieldError("patterns", f"bad regular expression {source!r}: {exc}") from None
        group = option(rule, "group", (int, str), 0)
        for pattern in compiled:
            if isinstance(group, int) and group > pattern.groups or (
                isinstance(group, str) and group not in pattern.groupindex
            ):
                raise FieldError("group", f"pattern {pattern.pattern!r} has no group {group!r}")
        return {"patterns": compiled, "group": group}

    def check(self, doc: Document) -> Iterable[Finding]:
        text = doc.folded
        for rule, spec in self.rules:
            group = spec["group"]
            for pattern in spec["patterns"]:
                try:
                    for m in pattern.finditer(text, timeout=TIME_LIMIT):
                        start, end = m.span(group)
                        if start < end:
                            yield make_finding(rule, doc, start, end)
                except TimeoutError:
                    print(f"contentlint: warning: {doc.path}: rule '{rule.id}' pattern "
                          f"{pattern.pattern!r} exceeded {TIME_LIMIT}s and was stopped", file=sys.stderr)
