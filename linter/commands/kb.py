"""``contentlint kb``: import officeholders from Wikidata and audit the knowledge base."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import List, Optional

import typer

from linter.config import parse_date
from linter.errors import ConfigError, ContentlintError

kb_app = typer.Typer(help="Officeholder knowledge base: import from Wikidata, check.", no_args_is_help=True)


@kb_app.command("import")
def kb_import(
    file: Path = typer.Argument(..., help="Wikidata SPARQL result as JSON (P39 with P580/P582 qualifiers); '-' reads stdin."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the KB YAML to FILE instead of stdout."),
    place: str = typer.Option("unknown", "--place", help="Place id of the offices (e.g. us, ru, eu; see places.yaml)."),
    office_id: Optional[str] = typer.Option(None, "--office-id", help="Office id when the result holds one position."),
    title: Optional[List[str]] = typer.Option(None, "--title", help="Title variant writers use (repeatable)."),
) -> None:
    """Turn a Wikidata SPARQL JSON result into officeholder KB YAML."""
    # Imported per command: ``contentlint check`` must not pay for the KB tools.
    from linter.kb.wikidata import SparqlFormatError, convert

    if str(file) == "-":
        raw, name = sys.stdin.read(), "<stdin>"
    else:
        if not file.is_file():
            raise ConfigError("file not found", str(file))
        try:
            raw, name = file.read_text(encoding="utf-8-sig"), file.name
        except (OSError, UnicodeDecodeError) as exc:
            raise ContentlintError(f"cannot read: {exc}", str(file)) from None
    try:
        result = convert(raw, place=place, office_id=office_id, titles=title or None, source_name=name)
    except SparqlFormatError as exc:
        raise ContentlintError(str(exc), str(file)) from None
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(result.yaml, encoding="utf-8")
    else:
        sys.stdout.write(result.yaml)
    for reason in result.skipped:
        sys.stderr.write(f"left out: {reason}\n")
    note = " (set --place to a place id from places.yaml)" if place == "unknown" else ""
    sys.stderr.write(f"{result.holders} terms in {result.offices} offices imported, {len(result.skipped)} rows left out{note}\n")


@kb_app.command("check")
def kb_check(
    paths: Optional[List[Path]] = typer.Argument(None, help="KB folders or files (default: the shipped KB)."),
    today: Optional[str] = typer.Option(None, "--today", help="Treat this date (YYYY-MM-DD) as today."),
) -> None:
    """Validate the KB: overlapping terms, bad or future dates, missing sources."""
    from linter.kb.check import audit
    from linter.kb.load import builtin_kb_dir, load_kb

    # An extension file is read with the shipped places and title sets it may refer to.
    kb = load_kb(list(paths) if paths else None, base=[builtin_kb_dir()])
    now = parse_date(today, "--today") if today else dt.date.today()
    problems = audit(kb, now)
    for problem in problems:
        sys.stdout.write(problem.render() + "\n")
    terms = sum(len(o.terms) for o in kb.offices.values())
    sys.stderr.write(f"{len(kb.offices)} offices, {terms} terms in {len(kb.files)} files: {len(problems)} problems\n")
    raise typer.Exit(1 if problems else 0)
