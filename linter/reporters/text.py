"""Human-readable report: ``path:line:col: level rule-id message``, grouped by file."""
from __future__ import annotations

from linter.results import Report

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD = "\033[1m"
_RESET = "\033[0m"


def summary_line(report: Report) -> str:
    s = report.summary()
    levels = s["by_level"]
    noun = "file" if s["files"] == 1 else "files"
    return (f"{s['findings']} finding{'s' if s['findings'] != 1 else ''} in {s['files']} {noun}: "
            f"{levels['error']} error, {levels['warning']} warning, {levels['info']} info")


def render(report: Report, *, color: bool = False, quiet: bool = False, **_: object) -> str:
    out: list[str] = []
    for result in report.files:
        if not result.findings:
            continue
        if not quiet:
            out.append(f"{_BOLD}{result.path}{_RESET}" if color else result.path)
        for f in result.findings:
            level = f"{_COLOURS[f.level]}{f.level}{_RESET}" if color else f.level
            line = f"{f.path}:{f.line}:{f.column}: {level} {f.rule} {f.message}"
            if f.suggestion and not quiet:
                line += f" (suggestion: {f.suggestion})"
            out.append(line)
        if not quiet:
            out.append("")
    out.append(summary_line(report))
    if not quiet:
        by_category = report.summary()["by_category"]
        if by_category:
            out.append("by category: " + ", ".join(f"{k} {v}" for k, v in by_category.items()))
    return "\n".join(out) + "\n"
