"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Columns are Unicode code points (``columnKind``), matching the other formats. URIs are
relative to ``%SRCROOT%`` (the working folder) when the file is under it.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from linter import __version__
from linter.findings import Finding, Related
from linter.reporters.encode import Lazy, chunks, to_json
from linter.results import Report

if TYPE_CHECKING:
    from linter.rules import Rule

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://pypi.org/project/contentlint/"


def _help_text(rule: Rule) -> str:
    parts = [rule.description]
    for key in ("why", "known_problems"):
        if rule.docs.get(key):
            parts.append(str(rule.docs[key]).strip())
    example = rule.docs.get("example")
    if isinstance(example, dict):
        if example.get("bad"):
            parts.append(f"Flagged: {example['bad']}")
        if example.get("good"):
            parts.append(f"Better: {example['good']}")
    return "\n\n".join(parts)


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": "".join(w.capitalize() for w in rule.id.replace("-", ".").split(".")),
        "shortDescription": {"text": rule.description},
        "fullDescription": {"text": str(rule.docs.get("why") or rule.description).strip()},
        "help": {"text": _help_text(rule)},
        "defaultConfiguration": {"level": _LEVEL[rule.level]},
        "properties": {"tags": [rule.category, rule.pack], "category": rule.category},
    }


def _artifact(path: str) -> dict[str, Any]:
    if path.startswith("/") or path.startswith("<"):
        uri = Path(path).as_uri() if path.startswith("/") else path
        return {"uri": uri}
    return {"uri": path, "uriBaseId": "SRCROOT"}


def _region(start: int, end: int, line: int, column: int, end_line: int, end_column: int) -> dict[str, Any]:
    return {
        "startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column,
        "charOffset": start, "charLength": end - start,
    }


def _location(path: str, region: dict[str, Any], snippet: str | None = None) -> dict[str, Any]:
    if snippet is not None:
        region = {**region, "snippet": {"text": snippet}}
    return {"physicalLocation": {"artifactLocation": _artifact(path), "region": region}}


def _result(f: Finding, index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": _LEVEL[f.level],
        "message": {"text": f.message},
        "locations": [_location(f.path, _region(f.start, f.end, f.line, f.column, f.end_line, f.end_column), f.match)],
        "partialFingerprints": {"primaryLocationLineHash": f.fingerprint},
    }
    if f.related:
        result["relatedLocations"] = [_related(r, i) for i, r in enumerate(f.related, 1)]
    if f.suggestion is not None:
        result["fixes"] = [{
            "description": {"text": f"Replace with '{f.suggestion}'" if f.suggestion else "Remove"},
            "artifactChanges": [{
                "artifactLocation": _artifact(f.path),
                "replacements": [{
                    "deletedRegion": _region(f.start, f.end, f.line, f.column, f.end_line, f.end_column),
                    "insertedContent": {"text": f.suggestion},
                }],
            }],
        }]
    return result


def _related(r: Related, index: int) -> dict[str, Any]:
    loc = _location(r.path, _region(r.start, r.end, r.line, r.column, r.end_line, r.end_column))
    loc["id"] = index
    loc["message"] = {"text": r.message}
    return loc


def as_dict(report: Report, *, lazy: bool = False) -> dict[str, Any]:
    """The SARIF log as JSON data; with ``lazy``, the results are produced while writing."""
    rules = sorted(report.rules, key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    wrap = Lazy if lazy else list
    results = wrap(_result(f, index[f.rule]) for f in report.findings if f.rule in index)
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "contentlint",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "rules": [_rule(r) for r in rules],
        }},
        "originalUriBaseIds": {"SRCROOT": {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }


def render(report: Report, **_: object) -> str:
    return to_json(as_dict(report))


def render_chunks(report: Report, **_: object) -> Iterator[bytes]:
    """``render``'s text in pieces, never holding the whole log in memory."""
    return chunks(as_dict(report, lazy=True))
