"""Inline suppressions: which findings the author has silenced in the file itself.

Markdown uses HTML comments and plain text uses ``# contentlint:`` lines:

    <!-- contentlint-disable boilerplate -->  ...  <!-- contentlint-enable -->
    <!-- contentlint-disable-next-line attribution.vague-source -->
    # contentlint: disable-line units

Front matter ``contentlint: {ignore: [...]}`` silences rules for the whole file. With no
selector a directive applies to every rule.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from linter.errors import ContentlintError
from linter.findings import Finding
from linter.selection import matches_any

if TYPE_CHECKING:
    from linter.document import Document

KINDS = ("disable", "enable", "disable-next-line", "disable-line")
ALL: tuple[str, ...] = ("ALL",)


@dataclass
class Suppressions:
    """Offset ranges with the selectors silenced in them; small and picklable."""

    ranges: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)
    file_ignore: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        # A constructor call rather than a field-by-field state (see ``Finding``).
        return (type(self), (self.ranges, self.file_ignore))

    def silences(self, finding: Finding) -> bool:
        if self.file_ignore and matches_any(finding.rule, finding.category, self.file_ignore):
            return True
        return any(
            start <= finding.start < end and matches_any(finding.rule, finding.category, selectors)
            for start, end, selectors in self.ranges
        )


def collect(doc: Document) -> Suppressions:
    """Read every directive of ``doc`` (and its front matter) into ``Suppressions``."""
    result = Suppressions(file_ignore=_front_matter_ignore(doc))
    open_ranges: dict[tuple[str, ...], int] = {}
    for directive in doc.directives:
        line, _ = doc.position(directive.start)
        if directive.kind not in KINDS:
            raise ContentlintError(
                f"unknown contentlint directive '{directive.kind}' (use {', '.join(KINDS)})", doc.path, line)
        selectors = directive.selectors or ALL
        if directive.kind == "disable":
            open_ranges.setdefault(selectors, directive.end)
        elif directive.kind == "enable":
            for key in list(open_ranges):
                if not directive.selectors or set(key) & set(directive.selectors):
                    result.ranges.append((open_ranges.pop(key), directive.start, key))
        elif directive.kind == "disable-line":
            a, b = doc.lines[line - 1]
            result.ranges.append((a, b + 1, selectors))
        else:
            target = _next_content_line(doc, line)
            if target is not None:
                a, b = doc.lines[target - 1]
                result.ranges.append((a, b + 1, selectors))
    for key, start in open_ranges.items():
        result.ranges.append((start, len(doc.text) + 1, key))
    return result


def _next_content_line(doc: Document, line: int) -> int | None:
    for number in range(line + 1, len(doc.lines) + 1):
        a, b = doc.lines[number - 1]
        if doc.text[a:b].strip():
            return number
    return None


def _front_matter_ignore(doc: Document) -> tuple[str, ...]:
    block = doc.meta.get("contentlint")
    if block is None:
        return ()
    if not isinstance(block, dict):
        raise ContentlintError("front matter 'contentlint' must be a mapping", doc.path, 1)
    ignore = block.get("ignore", [])
    if isinstance(ignore, str):
        ignore = [ignore]
    if not isinstance(ignore, list) or not all(isinstance(s, str) for s in ignore):
        raise ContentlintError("front matter 'contentlint.ignore' must be a list of rule ids", doc.path, 1)
    return tuple(ignore)
