"""Report formats: one module each, all with ``render(report, **opts) -> str``."""
from __future__ import annotations

from typing import Callable

from linter.reporters import github, json_report, sarif, text

FORMATS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
}
