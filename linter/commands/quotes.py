"""``contentlint quotes``: the "quotes and who said them" table editors ask for.

It prints every direct quote of each article with its speaker, the cue that ties them
("said", "according to", "dash", "colon", ...) and a status: attributed, vague (only an
anonymous source) or unattributed. Scare quotes and titles are left out unless
``--all`` is given. The data is the same ``extract_quotes`` result the attribution
rules report from, so the table and the findings always agree.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, List

import typer

from linter.config import Settings, apply_config, find_config
from linter.discovery import STDIN, discover, read_text
from linter.errors import ConfigError

if TYPE_CHECKING:  # imported when the command runs: every other command skips their cost
    from linter.document import Document
    from linter.quotes import Quote

_EXCERPT = 70
_SPEAKER_WIDTH = 44


def status(quote: Quote) -> str:
    """attributed, vague, unattributed - or the kind for scare quotes and titles."""
    from linter.quotes import SPEECH

    if quote.kind != SPEECH:
        return quote.kind
    if quote.vague is not None:
        return "vague"
    return "attributed" if quote.speaker is not None else "unattributed"


def quote_json(doc: Document, quote: Quote) -> dict[str, Any]:
    line, column = doc.position(quote.start)
    end_line, end_column = doc.position(quote.end)
    return {
        "line": line, "column": column, "end_line": end_line, "end_column": end_column,
        "start": quote.start, "end": quote.end, "text": quote.text, "kind": quote.kind,
        "status": status(quote), "speaker": quote.speaker, "cue": quote.attribution,
        "vague": quote.vague,
    }


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return "\u201c" + (text if len(text) <= _EXCERPT else text[: _EXCERPT - 1].rstrip() + "\u2026") + "\u201d"


def render_text(tables: list[tuple[Document, list[Quote]]]) -> str:
    """One block per file: location, status, speaker (cue), quote excerpt."""
    out: list[str] = []
    for doc, quotes in tables:
        out.append(doc.path)
        if not quotes:
            out += ["  (no quotes)", ""]
            continue
        rows = []
        for q in quotes:
            line, column = doc.position(q.start)
            who = q.speaker or "-"
            if q.attribution:
                who += f" ({q.attribution})"
            if len(who) > _SPEAKER_WIDTH:
                who = who[: _SPEAKER_WIDTH - 1] + "\u2026"
            rows.append((f"{line}:{column}", status(q), who, _excerpt(q.text)))
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        for loc, state, who, text in rows:
            out.append(f"  {loc:<{widths[0]}}  {state:<{widths[1]}}  {who:<{widths[2]}}  {text}")
        counts = {s: sum(1 for r in rows if r[1] == s) for s in ("attributed", "vague", "unattributed")}
        out.append("  " + ", ".join(f"{n} {s}" for s, n in counts.items()))
        out.append("")
    return "\n".join(out)


def quotes_command(
    paths: List[str] = typer.Argument(None, help="Article files or folders; '-' reads standard input."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    show_all: bool = typer.Option(False, "--all", help="Also list scare quotes and titles."),
    stdin_filename: str = typer.Option("<stdin>", "--stdin-filename", help="Name to report for '-' (its suffix picks Markdown)."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore config files (their include/exclude globs)."),
) -> None:
    """List the quotes of each article and who said them."""
    from linter.document import Document
    from linter.quotes import SPEECH, extract_quotes

    if fmt not in ("text", "json"):
        raise ConfigError(f"--format must be text or json, not '{fmt}'")
    if not paths:
        raise ConfigError("no paths given (use '.' for the current folder or '-' for standard input)")
    settings = Settings()
    found = None if no_config else find_config(Path.cwd())
    if found is not None:
        apply_config(settings, found)
    tables: list[tuple[Document, list[Quote]]] = []
    for path in discover(paths, settings.include, settings.exclude):
        if path == STDIN:
            doc = Document.from_text(sys.stdin.read(), stdin_filename)
        else:
            doc = Document.from_text(read_text(path), path)
        quotes = [q for q in extract_quotes(doc) if show_all or q.kind == SPEECH]
        tables.append((doc, quotes))
    if fmt == "json":
        payload = {"files": [{"path": doc.path, "quotes": [quote_json(doc, q) for q in quotes]} for doc, quotes in tables]}
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_text(tables))
