"""Machine-readable report; the field names are a stable, documented format."""
from __future__ import annotations

from typing import Any

from linter import __version__
from linter.reporters.encode import to_json
from linter.results import Report


def as_dict(report: Report) -> dict[str, Any]:
    return {
        "tool": {"name": "contentlint", "version": __version__},
        "files": [r.to_json() for r in report.files],
        "findings": [f.to_json() for f in report.findings],
        "summary": report.summary(),
    }


def render(report: Report, **_: object) -> str:
    return to_json(as_dict(report))
