"""The run summary for a CI log: counts per category and level, top rules, and why the
exit code is what it is.

A failed gate should say in its last lines what failed and why without scrolling back
through thousands of annotations; a passing one should say what it ignored (baseline,
levels below ``--fail-on``) so a green build is not mistaken for a clean archive.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from linter.results import Report
from linter.findings import LEVEL_RANK, LEVELS

#: How many rules the "top rules" line names.
TOP_RULES = 5


@dataclass
class RunFacts:
    """What the report itself does not know about a run."""

    fail_on: str
    exit_code: int
    baselined: int = 0
    stale_baseline: int = 0
    cached: tuple[int, int] | None = None  # (files read from the cache, files linted)
    wrote_baseline: str | None = None
    changed_only: int | None = None


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def exit_reason(report: Report, facts: RunFacts) -> str:
    """One line: the exit code and the findings (or setting) that decided it."""
    code = facts.exit_code
    if facts.wrote_baseline is not None:
        return f"exit {code}: wrote the baseline {facts.wrote_baseline}; no gate on this run"
    if facts.fail_on == "never":
        return f"exit {code}: --fail-on never"
    threshold = LEVEL_RANK[facts.fail_on]
    failing = [f for f in report.findings if LEVEL_RANK[f.level] >= threshold]
    if failing:
        first = failing[0]
        return (f"exit {code}: {_plural(len(failing), 'finding')} at or above {facts.fail_on} "
                f"(--fail-on {facts.fail_on}); first: {first.path}:{first.line}:{first.column} {first.rule}")
    below = len(report.findings)
    tail = f"; {below} below it" if below else ""
    return f"exit {code}: no findings at or above {facts.fail_on} (--fail-on {facts.fail_on}){tail}"


def render(report: Report, facts: RunFacts, *, counts: bool = True) -> str:
    """The summary block; ``counts=False`` leaves out what the text report already says."""
    findings = report.findings
    lines: list[str] = []
    if counts:
        levels = Counter(f.level for f in findings)
        files = len(report.files)
        lines.append(f"{_plural(len(findings), 'finding')} in {_plural(files, 'file')}: "
                     + ", ".join(f"{levels.get(lvl, 0)} {lvl}" for lvl in reversed(LEVELS)))
        by_category: dict[str, Counter[str]] = {}
        for f in findings:
            by_category.setdefault(f.category, Counter())[f.level] += 1
        for category in sorted(by_category):
            per_level = by_category[category]
            detail = ", ".join(f"{per_level[lvl]} {lvl}" for lvl in reversed(LEVELS) if per_level[lvl])
            lines.append(f"  {category}: {sum(per_level.values())} ({detail})")
    top = Counter(f.rule for f in findings).most_common(TOP_RULES)
    if top:
        lines.append("top rules: " + ", ".join(f"{rule} {count}" for rule, count in top))
    notes = []
    if facts.changed_only is not None:
        notes.append(f"{_plural(facts.changed_only, 'changed file')} reported")
    if facts.baselined or facts.stale_baseline:
        notes.append(f"{facts.baselined} accepted by the baseline")
        if facts.stale_baseline:
            notes.append(f"{facts.stale_baseline} baseline entries fixed since (rewrite it to drop them)")
    if facts.cached is not None and facts.cached[1]:
        notes.append(f"{facts.cached[0]} of {facts.cached[1]} files unchanged (cached)")
    if notes:
        lines.append("; ".join(notes))
    lines.append(exit_reason(report, facts))
    return "\n".join(lines) + "\n"
