"""What a run produces: one ``FileResult`` per file, gathered in a ``Report``.

Kept apart from the engine because everything downstream of linting (the cache, the
reporters, baselines, the summary) needs these records but not the rule machinery:
a run served from the cache imports this module and never the detectors.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from linter.findings import LEVEL_RANK, Finding
from linter.suppression import Suppressions

if TYPE_CHECKING:
    from linter.rules import Rule


@dataclass
class FileResult:
    """Everything the reporters need about one file (picklable, JSON-friendly)."""

    path: str
    language: str | None
    date: str | None
    date_source: str
    date_is_lower_bound: bool = False
    findings: list[Finding] = field(default_factory=list)
    extracts: dict[str, Any] = field(default_factory=dict, repr=False)
    suppressions: Suppressions = field(default_factory=Suppressions, repr=False)

    def __reduce__(self) -> tuple[Any, ...]:
        # A constructor call rather than a field-by-field state (see ``Finding``).
        return (type(self), (self.path, self.language, self.date, self.date_source, self.date_is_lower_bound,
                             self.findings, self.extracts, self.suppressions))

    def header(self) -> dict[str, Any]:
        """The file's own fields, without its findings."""
        return {
            "path": self.path,
            "language": self.language,
            "date": self.date,
            "date_source": self.date_source,
            "date_is_lower_bound": self.date_is_lower_bound,
        }

    def to_json(self) -> dict[str, Any]:
        return {**self.header(), "findings": [f.to_json() for f in self.findings]}


@dataclass
class Report:
    """The result of a run over many files."""

    files: list[FileResult]
    rules: list[Rule]

    @cached_property
    def findings(self) -> list[Finding]:
        """Every file's findings in order (gathered once: a report is built after the run)."""
        return [f for result in self.files for f in result.findings]

    def summary(self) -> dict[str, Any]:
        findings = self.findings
        levels = Counter(f.level for f in findings)
        return {
            "files": len(self.files),
            "findings": len(findings),
            "by_level": {lvl: levels.get(lvl, 0) for lvl in ("error", "warning", "info")},
            "by_category": dict(sorted(Counter(f.category for f in findings).items())),
            "by_rule": dict(Counter(f.rule for f in findings).most_common()),
        }

    def exit_code(self, fail_on: str) -> int:
        if fail_on == "never":
            return 0
        threshold = LEVEL_RANK[fail_on]
        return int(any(LEVEL_RANK[f.level] >= threshold for f in self.findings))
