"""The one record every detector produces and every reporter consumes."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

LEVELS: tuple[str, ...] = ("info", "warning", "error")
LEVEL_RANK: dict[str, int] = {name: rank for rank, name in enumerate(LEVELS)}


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding refers to (the other article in a cross-article check)."""

    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    message: str

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as a constructor call: the generic state protocol of frozen slotted
        # dataclasses runs in Python and was most of reading a cached result back.
        return (Related, (self.path, self.start, self.end, self.line, self.column, self.end_line,
                          self.end_column, self.message))

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "start": self.start, "end": self.end, "line": self.line,
                "column": self.column, "end_line": self.end_line, "end_column": self.end_column,
                "message": self.message}


@dataclass(slots=True)
class Finding:
    """One problem at one span of one file.

    Slotted: a run over an archive holds every finding until the report is written,
    and a slotted record takes about a third of the memory of one with a ``__dict__``.

    Offsets (``start``/``end``) are 0-based code-point offsets into the decoded file
    text, end exclusive; ``line``/``column`` are 1-based, end column exclusive. These
    names are part of the JSON report format that ``shared/eval/score.py`` reads.
    """

    rule: str
    category: str
    level: str
    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    match: str
    suggestion: str | None = None
    fingerprint: str = ""
    fixable: bool = False
    related: tuple[Related, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)

    def __reduce__(self) -> tuple[Any, ...]:
        # A constructor call, like ``Related``: the default protocol for slotted
        # records sets each of the 17 fields by name, a quarter slower to read back
        # (a warm run reads every finding back; worker processes send every one).
        return (type(self), (self.rule, self.category, self.level, self.path, self.start, self.end, self.line,
                             self.column, self.end_line, self.end_column, self.message, self.match,
                             self.suggestion, self.fingerprint, self.fixable, self.related, self.data))

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.start, self.end, self.rule)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category,
            "level": self.level,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "message": self.message,
            "match": self.match,
            "suggestion": self.suggestion,
            "fingerprint": self.fingerprint,
            "fixable": self.fixable,
        }
        if self.related:
            out["related"] = [r.to_json() for r in self.related]
        if self.data:
            out["data"] = self.data
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        """Rebuild a finding from its JSON form (used by the cache and worker processes)."""
        related = tuple(Related(**r) for r in data.get("related", ()))
        keys = {k: v for k, v in data.items() if k not in ("related",)}
        return cls(related=related, **keys)


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def assign_fingerprints(findings: list[Finding], line_text: dict[int, str]) -> None:
    """Give each finding a fingerprint that survives line shifts and unrelated edits.

    The hash covers the rule, the matched text and the whitespace-folded text of the
    line it starts on - not the line number or offset - plus an occurrence counter so
    that identical findings on identical lines stay distinct.
    """
    seen: dict[str, int] = {}
    for finding in sorted(findings, key=Finding.sort_key):
        basis = "\x1f".join(
            (finding.rule, _squash(finding.match), _squash(line_text.get(finding.line, "")))
        )
        digest = hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]
        count = seen.get(digest, 0)
        seen[digest] = count + 1
        finding.fingerprint = f"{digest}:{count}"
