"""Machine-readable report; the field names are a stable, documented format."""
from __future__ import annotations

from typing import Any, Iterator

from linter import __version__
from linter.reporters.encode import Lazy, chunks, to_json
from linter.results import Report


def as_dict(report: Report, *, lazy: bool = False) -> dict[str, Any]:
    """The report as JSON data; with ``lazy``, its lists are produced while writing."""
    wrap = Lazy if lazy else list
    return {
        "tool": {"name": "contentlint", "version": __version__},
        "files": wrap(r.to_json() for r in report.files),
        "findings": wrap(f.to_json() for f in report.findings),
        "summary": report.summary(),
    }


def render(report: Report, **_: object) -> str:
    return to_json(as_dict(report))


def render_chunks(report: Report, **_: object) -> Iterator[bytes]:
    """``render``'s text in pieces, never holding the whole report in memory."""
    return chunks(as_dict(report, lazy=True))
