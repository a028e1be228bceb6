"""The ``contentlint`` command: wiring only; the work happens in the library.

Every user error ends as one line on stderr and exit code 2; findings at or above
``--fail-on`` give exit code 1.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, List, Optional

import typer

from linter import __version__
from linter.baseline import Baseline
from linter.baseline import render as render_baseline
from linter.cache import Cache
from linter.discovery import discover
from linter.cache import clean as clean_cache
from linter.commands.kb import kb_app
from linter.commands.quotes import quotes_command
from linter.config import FAIL_ON, Settings, apply_config, find_config, parse_date
from linter.results import FileResult, Report
from linter.errors import ConfigError, ContentlintError
from linter.gcpause import paused
from linter.profiling import profile_table
from linter.parallel import cpu_count, lint_files
from linter.progress import Progress
from linter.progress import wanted as progress_wanted
from linter.reporters import FORMATS
from linter.reporters import chunks as report_chunks
from linter.summary import RunFacts
from linter.summary import render as run_summary

if TYPE_CHECKING:
    from linter.engine import Linter
    from linter.rules import Rule

app = typer.Typer(
    name="contentlint",
    help="Lint articles for boilerplate, stale officials, inconsistent numbers, "
    "unattributed quotes and translation artifacts.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"contentlint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """contentlint: a linter for the content quality and credibility of articles."""


def _split(values: Optional[List[str]]) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def build_settings(
    config: Optional[Path] = None,
    rules: Optional[List[Path]] = None,
    select: Optional[List[str]] = None,
    ignore: Optional[List[str]] = None,
    date: Optional[str] = None,
    fail_on: Optional[str] = None,
    language: Optional[List[str]] = None,
    no_config: bool = False,
) -> Settings:
    """Defaults, then the config file, then command-line options."""
    settings = Settings()
    if config is not None:
        if not config.is_file():
            raise ConfigError("config file not found", str(config))
        apply_config(settings, config)
    elif not no_config:
        found = find_config(Path.cwd())
        if found is not None:
            apply_config(settings, found)
    for folder in rules or []:
        if not folder.exists():
            raise ConfigError("rules folder not found", str(folder))
        settings.rule_dirs.append(folder)
    if select:
        settings.select = _split(select)
    settings.ignore.extend(_split(ignore))
    if date:
        settings.date = parse_date(date, "--date")
    if fail_on:
        if fail_on not in FAIL_ON:
            raise ConfigError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not '{fail_on}'")
        settings.fail_on = fail_on
    if language:
        settings.languages = _split(language)
    return settings


def _use_color(no_color: bool, stream: object) -> bool:
    if no_color or os.environ.get("NO_COLOR") or os.environ.get("CI"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def write_atomic(path: Path, content: str | Iterable[bytes]) -> None:
    """Write a report (text, or UTF-8 pieces) so a reader never sees half a file; a
    failure is a one-line error."""
    try:
        _write_atomic(path, (content.encode("utf-8"),) if isinstance(content, str) else content)
    except OSError as exc:
        raise ContentlintError(f"cannot write the report: {exc.strerror or exc}", str(path)) from None


def _write_atomic(path: Path, pieces: Iterable[bytes]) -> None:
    if path.is_dir():
        raise IsADirectoryError(21, "is a folder")
    if path.exists() and not path.is_file():
        # A device or pipe (/dev/null, /dev/stdout, a shell's process substitution):
        # write into it. Renaming a file over it would replace the device itself.
        with open(path, "wb") as handle:
            handle.writelines(pieces)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(pieces)
        # mkstemp creates 0600; a report should get the usual permissions for new files.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _parse_report_spec(spec: str) -> tuple[str, Path]:
    fmt, sep, target = spec.partition(":")
    if not sep or fmt not in FORMATS or not target:
        raise ConfigError(f"--report takes FORMAT:FILE with FORMAT one of {', '.join(FORMATS)}, not '{spec}'")
    return fmt, Path(target)


def _changed_files(rev: str) -> set[str]:
    from linter import git  # runs git: only for --changed-since

    return git.changed_files(rev)


class _RuleSet:
    """The run's ``Linter``, built only when something needs it.

    Building one (loading, validating and compiling every pack) is most of a warm run's
    cost. When the cache holds the rules of this exact rule set, an earlier run built
    and validated it, so a run whose files are all cached never builds it; otherwise it
    is built at once, so a bad pack or selector is reported even when no file is linted.
    """

    def __init__(self, settings: Settings, cache: Cache | None) -> None:
        self.settings = settings
        self.cache = cache
        self._linter: Linter | None = None
        stored = cache.stored_rules() if cache is not None else None
        self.rules: list[Rule] = stored if stored is not None else self().rules

    def __call__(self) -> Linter:
        if self._linter is None:
            from linter.engine import Linter  # the detectors' imports, paid only when linting

            self._linter = Linter(self.settings)
            if self.cache is not None:
                self.cache.store_rules(self._linter.rules)
        return self._linter


@app.command()
def check(
    paths: List[str] = typer.Argument(None, help="Files or folders to lint; '-' reads standard input."),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text, json, sarif or github."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to FILE instead of stdout."),
    report_to: Optional[List[str]] = typer.Option(None, "--report", help="Also write FORMAT:FILE (repeatable)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Config file (default: nearest .contentlint.yaml or pyproject.toml)."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore config files."),
    rules: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule pack folder or file (repeatable)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Rule ids, prefixes, categories or packs to run."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Rule ids, prefixes, categories or packs to skip."),
    date: Optional[str] = typer.Option(None, "--date", help="Reference date YYYY-MM-DD for every article."),
    language: Optional[List[str]] = typer.Option(None, "--language", help="Expected article language(s), e.g. en."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Exit 1 on findings at or above: error, warning, info, never."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only findings and the summary line."),
    no_color: bool = typer.Option(False, "--no-color", help="Never colour the text report."),
    stdin_filename: str = typer.Option("<stdin>", "--stdin-filename", help="Name to report for '-' (its suffix picks Markdown)."),
    profile: bool = typer.Option(False, "--profile", help="Print time per detector type and per rule to stderr (one process, no cache)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=0, help="Worker processes (default: the CPU count; 1: this process only)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the result cache (.contentlint_cache/)."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Report only findings not recorded in this baseline file."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="Record every finding of this run in FILE as accepted, and exit 0."),
    changed_since: Optional[str] = typer.Option(None, "--changed-since", metavar="REV", help="Report only files changed since git revision REV (committed, uncommitted or untracked)."),
    corpus: Optional[bool] = typer.Option(None, "--corpus/--no-corpus", help="Cross-article checks (default: when more than one file is linted); with --changed-since, --corpus checks changed files against all others."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar on stderr (default: on a terminal, for runs over a few seconds)."),
    fix: bool = typer.Option(False, "--fix", help="Remove fixable boilerplate residue from the files (atomic; encoding, BOM and newlines kept)."),
    diff: bool = typer.Option(False, "--diff", help="Print the changes --fix would make as a unified diff; write nothing."),
) -> None:
    """Lint articles and report findings."""
    if fmt not in FORMATS:
        raise ConfigError(f"--format must be one of {', '.join(FORMATS)}, not '{fmt}'")
    extra_reports = [_parse_report_spec(s) for s in report_to or []]
    settings = build_settings(config, rules, select, ignore, date, fail_on, language, no_config)
    cache = None if no_cache or profile else Cache.for_settings(settings)
    rule_set = _RuleSet(settings, cache)
    if not paths:
        raise ConfigError("no paths given (use '.' for the current folder or '-' for standard input)")
    if write_baseline is not None and changed_since is not None:
        raise ConfigError("--write-baseline records a whole run; it cannot be combined with --changed-since")
    accepted = Baseline.load(baseline) if baseline is not None else None
    files = discover(paths, settings.include, settings.exclude)
    changed = _changed_files(changed_since) if changed_since is not None else None
    if changed is not None and not corpus:
        files = [f for f in files if f in changed]
    started = time.perf_counter()
    if profile:  # in this process and uncached, so every second is seen and counted
        results = [rule_set().lint_file(p, stdin_name=stdin_filename, profile=True) for p in files]
        rule_set().run_corpus(results, corpus=corpus)
    elif cache is None:
        results = _lint(rule_set, files, stdin_filename, jobs, None, progress)
        rule_set().run_corpus(results, corpus=corpus)
    elif (stored := cache.load_run(files, corpus=corpus)) is not None:
        results = stored
    else:
        results = _lint(rule_set, files, stdin_filename, jobs, cache, progress)
        cache.run_corpus(rule_set, results, corpus=corpus)
    if changed is not None:
        results = [r for r in results if r.path in changed]
    if fix or diff:
        from linter.fix import apply_fixes, plan_fixes

        planned = plan_fixes(results, files)
        if diff:
            sys.stdout.write("".join(p.diff() for p in planned))
            raise typer.Exit(1 if planned else 0)
        results = apply_fixes(planned, results, lambda again: rule_set().lint_files(again, stdin_name=stdin_filename))
    facts = RunFacts(settings.fail_on, 0, cached=(cache.hits, len(files)) if cache else None,
                     changed_only=len(results) if changed is not None else None)
    if write_baseline is not None:
        write_atomic(write_baseline, render_baseline((f for r in results for f in r.findings), write_baseline))
        facts.wrote_baseline = str(write_baseline)
    if accepted is not None:
        facts.stale_baseline = accepted.stale((f for r in results for f in r.findings), (r.path for r in results))
        facts.baselined = accepted.apply(results)
    if profile:
        sys.stderr.write(profile_table(rule_set().timings, rule_set().rule_timings, articles=len(results),
                                       wall=time.perf_counter() - started))
    report = Report(results, rule_set.rules)
    with paused():  # a report is built from records that outlive it: nothing to collect
        for extra_fmt, target in extra_reports:
            write_atomic(target, report_chunks(extra_fmt, report, color=False, quiet=False))
        color = output is None and _use_color(no_color, sys.stdout)
        content = report_chunks(fmt, report, color=color, quiet=quiet)
        if output is not None:
            write_atomic(output, content)
        else:
            _write_stdout(content)
    facts.exit_code = 0 if write_baseline is not None else report.exit_code(settings.fail_on)
    if not quiet:
        sys.stderr.write(run_summary(report, facts, counts=not (fmt == "text" and output is None)))
    raise typer.Exit(facts.exit_code)


def _write_stdout(pieces: Iterable[bytes]) -> None:
    """Report pieces to standard output as UTF-8, whatever the locale's encoding (JSON
    and SARIF must be UTF-8; the bytes are written as they are, never decoded again)."""
    stream = sys.stdout
    stream.flush()
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (an embedding application's)
        stream.writelines(piece.decode("utf-8") for piece in pieces)
        stream.flush()
        return
    buffer.writelines(pieces)
    buffer.flush()


def _lint(rule_set: _RuleSet, files: list[str], stdin_name: str, jobs: int | None, cache: Cache | None,
          progress: bool | None) -> list[FileResult]:
    with Progress(len(files), enabled=progress_wanted(progress)) as bar:
        return lint_files(rule_set, files, stdin_name=stdin_name, jobs=jobs or cpu_count(), cache=cache,
                          advance=bar.advance)


cache_app = typer.Typer(help="Manage the result cache.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")
app.command("quotes")(quotes_command)
app.add_typer(kb_app, name="kb")


@cache_app.command("clean")
def cache_clean() -> None:
    """Delete the result cache (.contentlint_cache/ here, or $CONTENTLINT_CACHE_DIR)."""
    try:
        removed = clean_cache()
    except OSError as exc:
        raise ConfigError(str(exc)) from None
    typer.echo(f"removed {removed}" if removed else "no cache to remove")


def _rule_table(rules: list[Rule]) -> str:
    width = max((len(r.id) for r in rules), default=10)
    cat_width = max((len(r.category) for r in rules), default=8)
    lines = [f"{r.id:<{width}}  {r.category:<{cat_width}}  {r.level:<7}  {r.description}" for r in rules]
    return "\n".join(lines) + "\n"


@app.command("rules")
def list_rules(
    config: Optional[Path] = typer.Option(None, "--config", help="Config file."),
    rules: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule pack folder or file (repeatable)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
    all_rules: bool = typer.Option(False, "--all", help="Include rules that are not selected."),
    no_config: bool = typer.Option(False, "--no-config", help="Ignore config files."),
) -> None:
    """List loaded rules: id, category, level, one-line description."""
    from linter.engine import Linter

    linter = Linter(build_settings(config, rules, no_config=no_config))
    chosen = sorted(linter.all_rules if all_rules else linter.rules, key=lambda r: r.id)
    if fmt == "json":
        typer.echo(json.dumps([_rule_json(r) for r in chosen], indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(_rule_table(chosen))


def _rule_json(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.id, "category": rule.category, "level": rule.level, "type": rule.type,
        "pack": rule.pack, "description": rule.description, "fixable": rule.fixable,
        "enabled": rule.enabled, "file": str(rule.source), "line": rule.line, **rule.docs,
    }


@app.command()
def explain(
    rule_id: str = typer.Argument(..., help="The rule id, e.g. boilerplate.adblock-wall."),
    rules: Optional[List[Path]] = typer.Option(None, "--rules", help="Extra rule pack folder or file (repeatable)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """Print a rule's full documentation and an example."""
    from linter.engine import Linter

    linter = Linter(build_settings(None, rules, no_config=True))
    found = {r.id: r for r in linter.all_rules}.get(rule_id)
    if found is None:
        close = [r.id for r in linter.all_rules if r.id.startswith(rule_id)]
        hint = f" (did you mean: {', '.join(close[:5])})" if close else ""
        raise ConfigError(f"unknown rule '{rule_id}'{hint}")
    if fmt == "json":
        typer.echo(json.dumps(_rule_json(found), indent=2, ensure_ascii=False, default=str))
        return
    typer.echo(explain_text(found))


def explain_text(rule: Rule) -> str:
    """The text ``contentlint explain`` prints: header, then the documentation sections."""
    fix = "yes" if rule.fixable else "no"
    out = [
        f"{rule.id}",
        f"  category: {rule.category}   level: {rule.level}   type: {rule.type}   pack: {rule.pack}   fixable: {fix}",
        f"  defined in {rule.source}:{rule.line}",
        "",
        rule.description,
    ]
    titles = {"why": "Why", "known_problems": "Known problems", "fix_safety": "Fix safety"}
    for key, title in titles.items():
        if rule.docs.get(key):
            out += ["", f"{title}:", "  " + str(rule.docs[key]).strip().replace("\n", "\n  ")]
    example = rule.docs.get("example")
    out += ["", "Example:"]
    if isinstance(example, dict):
        if example.get("bad"):
            out.append(f"  flagged: {example['bad']}")
        if example.get("good"):
            out.append(f"  better:  {example['good']}")
    elif example:
        out.append(f"  {example}")
    else:
        sample = next(iter(rule.options.get("phrases", []) or rule.options.get("swap", {}) or []), None)
        out.append(f"  flagged: {sample}" if sample else "  (no example given)")
    sources = rule.docs.get("sources")
    if sources:
        out += ["", "Sources:"] + [f"  - {s}" for s in (sources if isinstance(sources, list) else [sources])]
    return "\n".join(out)


def main() -> None:
    """Entry point: run the app and turn every failure into one line and an exit code."""
    try:
        code = app(standalone_mode=False)
    except ContentlintError as exc:
        _fail(exc.render())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as exc:  # never a traceback for users; CONTENTLINT_DEBUG=1 shows it
        # Click's exceptions are matched by shape: typer vendors click in newer releases.
        name = type(exc).__name__
        ctx = getattr(exc, "ctx", None)
        if name == "NoArgsIsHelpError":
            if ctx is not None and "Usage" not in str(exc):
                typer.echo(ctx.get_help())
            sys.exit(0)
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            _fail(exc.format_message().strip().splitlines()[0])
        if name == "Abort":
            _fail("aborted")
        if os.environ.get("CONTENTLINT_DEBUG"):
            raise
        _fail(f"internal error: {name}: {exc} (set CONTENTLINT_DEBUG=1 for details)")
    sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str) -> None:
    sys.stderr.write(f"contentlint: error: {message}\n")
    sys.exit(2)
