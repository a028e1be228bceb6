"""Machine-readable report; the field names are a stable, documented format."""
from __future__ import annotations

from typing import Any

from linter import __version__
from linter.results import Report
from linter.reporters.layout import Encoded, dumps

#: Indented down to each file's fields and each finding; a finding is one line.
_DEPTH = 4


def as_dict(report: Report) -> dict[str, Any]:
    return {
        "tool": {"name": "contentlint", "version": __version__},
        "files": [r.to_json() for r in report.files],
        "findings": [f.to_json() for f in report.findings],
        "summary": report.summary(),
    }


def render(report: Report, **_: object) -> str:
    """The report of ``as_dict``, each finding encoded once though it appears twice."""
    encoded = {id(f): Encoded(dumps(f.to_json(), 0).rstrip("\n")) for f in report.findings}
    return dumps({
        "tool": {"name": "contentlint", "version": __version__},
        "files": [{**r.header(), "findings": [encoded[id(f)] for f in r.findings]} for r in report.files],
        "findings": [encoded[id(f)] for f in report.findings],
        "summary": report.summary(),
    }, _DEPTH)
