"""GitHub Actions workflow commands: one annotation per finding."""
from __future__ import annotations

from linter.results import Report

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, **_: object) -> str:
    lines = []
    for f in report.findings:
        lines.append(
            f"::{_LEVEL[f.level]} file={_prop(f.path)},line={f.line},col={f.column},"
            f"endLine={f.end_line},endColumn={f.end_column},title={_prop(f.rule)}::{_data(f.message)}"
        )
    return "\n".join(lines) + ("\n" if lines else "")
