"""``check --fix`` / ``--diff``: delete flagged boilerplate residue from article files.

Only findings of the ``boilerplate`` category whose rule is marked ``fixable`` are
applied. A finding that covers all the prose of its lines removes those lines (with
their line breaks, and one of the blank lines that separated them, so paragraphs stay
one blank line apart); a finding inside a line removes just its span and the blanks
before it. Everything else stays byte-identical: the file is decoded and re-encoded as
UTF-8 with its BOM and its newline style untouched, and written atomically (a reader
never sees half a file; the file keeps its permissions). Before editing, each finding's
text is compared with the file: if the file changed since it was read, it is skipped.
"""
from __future__ import annotations

import bisect
import difflib
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence, TypeVar

from linter.discovery import STDIN, read_text
from linter.document import Document
from linter.errors import ConfigError
from linter.findings import Finding

R = TypeVar("R")

CATEGORY = "boilerplate"
BOM = "\ufeff"
_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")
Span = tuple[int, int]


@dataclass
class FileFix:
    """The planned fix of one file."""

    path: str
    original: str
    fixed: str
    applied: int

    def diff(self) -> str:
        """A unified diff of the change (line endings shown as in the file)."""
        before, after = _lines(self.original), _lines(self.fixed)
        relative = not Path(self.path).is_absolute()
        old, new = (f"a/{self.path}", f"b/{self.path}") if relative else (self.path, self.path)
        lines = list(difflib.unified_diff(before, after, old, new))
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def fixable(findings: Iterable[Finding]) -> list[Finding]:
    """The findings ``--fix`` may apply."""
    return [f for f in findings if f.category == CATEGORY and f.fixable]


def plan_fixes(results: Iterable[object], files: Sequence[str] = ()) -> list[FileFix]:
    """One ``FileFix`` per file whose fixable findings change it (nothing is written).

    ``files`` are the paths that were linted: standard input cannot be rewritten, and
    its reported name (``--stdin-filename``) may even be a real file's.
    """
    if STDIN in files:
        raise ConfigError("--fix and --diff work on files, not on standard input")
    fixes: list[FileFix] = []
    for result in results:
        path: str = getattr(result, "path")
        chosen = fixable(getattr(result, "findings"))
        if not chosen:
            continue
        original = read_text(path)
        if any(original[f.start:f.end] != f.match for f in chosen):
            continue  # the file changed since it was linted: offsets are no longer valid
        fixed = fix_text(original, chosen, path)
        if fixed != original:
            fixes.append(FileFix(path, original, fixed, len(chosen)))
    return fixes


def apply_fixes(fixes: Sequence[FileFix], results: list[R], relint: Callable[[list[str]], list[R]]) -> list[R]:
    """Write ``fixes`` and return ``results`` with the fixed files linted again."""
    for fix in fixes:
        write_fixed(fix)
    if not fixes:
        return results
    count = sum(f.applied for f in fixes)
    sys.stderr.write(f"contentlint: fixed {count} finding(s) in {len(fixes)} file(s)\n")
    again = {getattr(r, "path"): r for r in relint([f.path for f in fixes])}
    return [again.get(getattr(r, "path"), r) for r in results]


def fix_text(text: str, findings: Sequence[Finding], path: str = "<string>") -> str:
    """``text`` with the residue of ``findings`` removed."""
    prose = Document.from_text(text, path).prose
    starts = _line_starts(text)
    whole: set[int] = set()
    partial: list[Span] = []
    for finding in findings:
        first = _line_of(starts, finding.start)
        last = _line_of(starts, max(finding.start, finding.end - 1))
        head = prose[starts[first]:finding.start]
        tail = prose[finding.end:_line_end(text, starts, last)]
        if not head.strip() and not tail.strip():
            whole.update(range(first, last + 1))
        else:
            partial.append((finding.start, finding.end))
    cuts = _tidy(text, starts, whole)
    for start, end in partial:
        if not any(a <= start < b for a, b in cuts):
            while start > 0 and text[start - 1] in " \t\u00a0":
                start -= 1
            cuts.append((start, end))
    pieces: list[str] = []
    kept_from = 0
    for start, end in _merged(cuts):
        pieces.append(text[kept_from:start])
        kept_from = end
    pieces.append(text[kept_from:])
    out = "".join(pieces)
    if text.startswith(BOM) and not out.startswith(BOM):
        out = BOM + out
    if not text.endswith("\n") and out.endswith("\n"):
        out = out[:-2] if out.endswith("\r\n") else out[:-1]
    return out


def _merged(spans: list[Span]) -> list[Span]:
    """Sorted spans with overlapping or touching ones joined (two rules may flag one piece)."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def _lines(text: str) -> list[str]:
    """Lines with their endings, split at "\n" only (as the linter counts lines)."""
    return _LINE.findall(text)


def _line_end(text: str, starts: list[int], line: int) -> int:
    """End of ``line`` without its line break."""
    end = starts[line + 1] - 1 if line + 1 < len(starts) else len(text)
    return end - 1 if end > starts[line] and text[end - 1] == "\r" else end


def _tidy(text: str, starts: list[int], whole: set[int]) -> list[Span]:
    """Spans of deleted lines, with the blank lines that separated residue blocks."""
    if not whole:
        return []
    count = len(starts)
    blank = [not text[starts[i]:_line_end(text, starts, i)].strip(" \t\ufeff") for i in range(count)]
    if count and starts[-1] == len(text):
        blank[-1] = False  # the empty "line" after a final newline is not a line
    gone = set(whole)
    ordered = sorted(gone)
    # Blank lines between two residue blocks go with them.
    for a, b in zip(ordered, ordered[1:]):
        if b - a > 1 and all(blank[i] for i in range(a + 1, b)):
            gone.update(range(a + 1, b))
    groups: list[list[int]] = []
    for line in sorted(gone):
        if groups and groups[-1][-1] == line - 1:
            groups[-1].append(line)
        else:
            groups.append([line])
    real_end = count - 1 if starts[-1] < len(text) else count - 2
    for group in groups:
        first, last = group[0], group[-1]
        before = [i for i in range(first) if not blank[i] and i not in gone]
        after = [i for i in range(last + 1, real_end + 1) if not blank[i] and i not in gone]
        if not before:  # residue at the top: drop the blank lines under it
            gone.update(i for i in range(last + 1, (after[0] if after else real_end + 1)))
        elif not after:  # residue at the bottom: drop the blank lines above it
            gone.update(range(before[-1] + 1, first))
        elif first > 0 and blank[first - 1] and last + 1 <= real_end and blank[last + 1]:
            gone.add(last + 1)  # keep one blank line between the paragraphs around it
    spans: list[Span] = []
    for line in sorted(gone):
        start = starts[line]
        end = starts[line + 1] if line + 1 < count else len(text)
        if start == 0 and text.startswith(BOM):
            start = 1
        if spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def write_fixed(fix: FileFix) -> None:
    """Replace the file atomically, keeping encoding, BOM, newlines and permissions."""
    target = Path(fix.path).resolve()
    mode = target.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(fix.fixed.encode("utf-8"))
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
