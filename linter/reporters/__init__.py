"""Report formats: one module each, all with ``render(report, **opts) -> str``.

Formats that can be large (JSON, SARIF) also have ``render_chunks``, the same text in
UTF-8 pieces; ``chunks`` picks it when there is one, so a run over an archive streams
its report to the file instead of holding it in memory.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

from linter.reporters import github, json_report, sarif, text
from linter.results import Report

FORMATS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
}

_CHUNKED: dict[str, Callable[..., Iterator[bytes]]] = {
    "json": json_report.render_chunks,
    "sarif": sarif.render_chunks,
}


def chunks(fmt: str, report: Report, **opts: Any) -> Iterator[bytes]:
    """The report in format ``fmt`` as pieces of UTF-8 text, ready for a file or pipe."""
    if fmt in _CHUNKED:
        return _CHUNKED[fmt](report, **opts)
    return iter((FORMATS[fmt](report, **opts).encode("utf-8"),))
