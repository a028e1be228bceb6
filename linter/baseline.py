"""Baselines: accept today's findings so a CI gate fails only on new ones.

An old archive may hold thousands of findings nobody will fix this week; a baseline
file records their fingerprints (``linter.findings.assign_fingerprints``: rule +
matched text + the text of the line, not its number) so the same findings stay quiet
after lines move or other paragraphs are edited, while any new finding still fails.

Entries are keyed by path relative to the baseline file, so the gate gives the same
answer from any working folder. The file is sorted JSON to keep its diffs readable.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from linter.errors import ConfigError
from linter.findings import Finding

if TYPE_CHECKING:
    from linter.results import FileResult

FORMAT_VERSION = 1


def _key_path(path: str, base: Path) -> str:
    """``path`` relative to the baseline's folder, '/'-separated (portable across checkouts)."""
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).resolve().as_posix()


@dataclass
class Baseline:
    """Accepted findings: (path, fingerprint) -> how many times it was accepted."""

    file: Path
    entries: Counter[tuple[str, str]]

    @classmethod
    def load(cls, file: Path) -> Baseline:
        """Read a baseline written by ``write``; a bad file is one-line config error."""
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError("baseline file not found (create it with --write-baseline)", str(file)) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read baseline: {exc}", str(file)) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"baseline is not valid JSON: {exc.msg}", str(file), exc.lineno) from None
        items = data.get("findings") if isinstance(data, dict) else None
        if not isinstance(items, list) or not all(
                isinstance(i, dict) and isinstance(i.get("path"), str) and isinstance(i.get("fingerprint"), str)
                for i in items):
            raise ConfigError("not a contentlint baseline (expected {\"findings\": [{path, fingerprint}, ...]})",
                              str(file))
        return cls(file, Counter((i["path"], i["fingerprint"]) for i in items))

    def apply(self, results: Iterable[FileResult]) -> int:
        """Drop accepted findings from ``results`` in place; return how many were dropped."""
        budget = Counter(self.entries)
        base = self.file.parent
        dropped = 0
        for result in results:
            kept: list[Finding] = []
            for finding in result.findings:
                key = (_key_path(finding.path, base), finding.fingerprint)
                if budget[key] > 0:
                    budget[key] -= 1
                else:
                    kept.append(finding)
            dropped += len(result.findings) - len(kept)
            result.findings = kept
        return dropped

    def stale(self, findings: Iterable[Finding], linted_paths: Iterable[str]) -> int:
        """Baseline entries of linted files that no longer occur (fixed since)."""
        base = self.file.parent
        linted = {_key_path(p, base) for p in linted_paths}
        current = Counter((_key_path(f.path, base), f.fingerprint) for f in findings)
        return sum(max(0, n - current[key]) for key, n in self.entries.items() if key[0] in linted)


def render(findings: Iterable[Finding], file: Path) -> str:
    """The baseline file's text for ``findings`` (line and match are for readers only)."""
    base = file.parent
    items: list[dict[str, Any]] = [
        {"path": _key_path(f.path, base), "rule": f.rule, "fingerprint": f.fingerprint,
         "line": f.line, "match": f.match}
        for f in findings
    ]
    items.sort(key=lambda i: (i["path"], i["line"], i["rule"], i["fingerprint"]))
    data = {"contentlint_baseline": FORMAT_VERSION, "findings": items}
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
