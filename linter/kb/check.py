"""Audit the officeholder KB: the problems loading accepts but a careful editor would not.

Loading already rejects malformed files (bad YAML, unknown keys, unparseable dates, an
end before its start). ``audit`` looks across entries: terms of one office that
certainly overlap (unless the office is ``concurrent``), dates before 1900 or after
today, a missing source, and a term listed twice.
"""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from linter.kb.model import KnowledgeBase, Term, person_key

EARLIEST = dt.date(1900, 1, 1)


class Problem(NamedTuple):
    """One audit complaint, located in its file."""

    file: str
    line: int
    message: str

    def render(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def certainly_overlap(a: Term, b: Term) -> bool:
    """True when two terms share a day however their coarse dates are read.

    Consecutive terms share the hand-over day ("to 2025-01-20", "from 2025-01-20"):
    that is not an overlap.
    """
    a_end = a.end.earliest if a.end else dt.date.max
    b_end = b.end.earliest if b.end else dt.date.max
    return a.start.latest < b_end and b.start.latest < a_end


def audit(kb: KnowledgeBase, today: dt.date) -> list[Problem]:
    """Every problem found, in file order."""
    problems: list[Problem] = []
    for office in kb.offices.values():
        if not office.source and any(not t.source for t in office.terms):
            problems.append(Problem(office.file, office.line, f"office '{office.id}' has no source"))
        terms = sorted(office.terms, key=lambda t: t.start.earliest)
        for term in terms:
            where = f"'{term.name}' in '{office.id}'"
            if not term.source:
                problems.append(Problem(term.file, term.line, f"{where}: no source"))
            if term.start.earliest < EARLIEST:
                problems.append(Problem(term.file, term.line, f"{where}: start {term.start.text} is before {EARLIEST.year}"))
            if term.start.earliest > today:
                problems.append(Problem(term.file, term.line, f"{where}: start {term.start.text} is in the future"))
            if term.end is not None and term.end.earliest > today:
                problems.append(Problem(term.file, term.line,
                                        f"{where}: end {term.end.text} is in the future (leave 'end' out while the term runs)"))
        for i, a in enumerate(terms):
            for b in terms[i + 1:]:
                same = person_key(a.name) == person_key(b.name)
                if same and a.start == b.start:
                    problems.append(Problem(b.file, b.line, f"'{b.name}' in '{office.id}': term listed twice (see line {a.line})"))
                elif not office.concurrent and certainly_overlap(a, b):
                    problems.append(Problem(b.file, b.line,
                                            f"'{b.name}' ({b.span_text()}) overlaps '{a.name}' ({a.span_text()}) "
                                            f"in '{office.id}' (line {a.line}); mark the office 'concurrent: true' if both held it at once"))
    problems.sort(key=lambda p: (p.file, p.line))
    return problems
