"""Machine-readable report; the field names are a stable, documented format."""
from __future__ import annotations

import json

from linter import __version__
from linter.engine import Report


def as_dict(report: Report) -> dict[str, object]:
    return {
        "tool": {"name": "contentlint", "version": __version__},
        "files": [r.to_json() for r in report.files],
        "findings": [f.to_json() for f in report.findings],
        "summary": report.summary(),
    }


def render(report: Report, **_: object) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
