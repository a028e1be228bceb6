"""Run the rules over documents: read -> views -> detectors -> suppressions -> findings.

``Linter`` is the library API. It loads and validates every pack once, builds one
detector per type for the selected rules, and lints text, files or whole corpora.
Cross-article (corpus) detectors get a small summary of each document and run once
all files are read.
"""
from __future__ import annotations

import datetime as dt
import gc
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from linter import dates, parallel, suppression
from linter.config import Settings
from linter.detectors import registry
from linter.detectors.base import Detector
from linter.discovery import STDIN, discover, read_text
from linter.document import Document
from linter.errors import ContentlintError, FieldError, RuleError
from linter.findings import Finding, assign_fingerprints
from linter.gcpause import paused
from linter.results import FileResult, Report
from linter.rules import Rule, builtin_rules_dir, field_error, load_rules
from linter.selection import check_selectors, is_selected, level_for

__all__ = ["FileResult", "Linter", "Report"]

if TYPE_CHECKING:
    from linter.cache import Cache


class Linter:
    """Load rule packs once; lint many documents with them."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        folders: list[Path] = []
        if self.settings.builtin_rules:
            folders.append(builtin_rules_dir())
        folders.extend(self.settings.rule_dirs)
        types = registry()
        loaded = load_rules(folders)
        check_selectors(self.settings.select, loaded, "--select")
        check_selectors(self.settings.ignore, loaded, "--ignore")
        check_selectors(self.settings.levels, loaded, "levels")
        self.all_rules = [r.with_level(level_for(r, self.settings.levels)) for r in loaded]
        prepared: dict[str, list[tuple[Rule, Any]]] = defaultdict(list)
        for rule in self.all_rules:
            cls = types.get(rule.type)
            if cls is None:
                raise RuleError(f"rule '{rule.id}': unknown type '{rule.type}' (known: {', '.join(sorted(types))})",
                                str(rule.source), rule.field_line("type"))
            _check_keys(rule, cls)
            try:
                compiled = cls.prepare(rule)
            except FieldError as exc:
                raise field_error(rule, exc) from None
            if is_selected(rule, self.settings.select, self.settings.ignore):
                prepared[rule.type].append((rule, compiled))
        self.rules = [r for group in prepared.values() for r, _ in group]
        self.detectors: list[Detector] = []
        for name, group in prepared.items():
            detector = types[name](group)
            detector.settings = self.settings  # type: ignore[attr-defined]
            self.detectors.append(detector)
        self.timings: dict[str, float] = defaultdict(float)
        #: Seconds per rule id, filled by ``lint_document(profile=True)`` (see linter.profiling).
        self.rule_timings: dict[str, float] = defaultdict(float)
        self._prepared = dict(prepared)
        self._alone: dict[str, Detector] | None = None

    # ----- single documents ------------------------------------------------------
    def document(self, text: str, path: str = "<string>", *, is_markdown: bool | None = None) -> Document:
        """Build a document with its metadata, language and reference date resolved."""
        doc = Document.from_text(text, path, is_markdown=is_markdown)
        settings = self.settings
        doc.today = settings.today
        per_file = doc.meta.get("contentlint") if isinstance(doc.meta.get("contentlint"), dict) else {}
        language = doc.meta.get("language") or doc.meta.get("lang") or per_file.get("language")
        doc.languages = tuple(settings.languages)
        doc.language = str(language) if language else None
        try:
            doc.reference_date, doc.date_source, doc.date_is_lower_bound = dates.resolve(
                doc.prose, option=settings.date, front_matter=doc.meta.get("date", per_file.get("date")),
                default=settings.default_date, today=settings.today)
        except ValueError as exc:
            raise ContentlintError(str(exc), path) from None
        return doc

    def lint_document(self, doc: Document, *, profile: bool = False) -> FileResult:
        findings: list[Finding] = []
        extracts: dict[str, Any] = {}
        if profile:
            self._time_views(doc)
        for detector in self.detectors:
            started = time.perf_counter() if profile else 0.0
            findings.extend(detector.check(doc))
            if detector.corpus:
                extracts[detector.name] = detector.extract(doc)
            if profile:
                self.timings[detector.name] += time.perf_counter() - started
        if profile:
            self._time_rules(doc)
        silenced = suppression.collect(doc)
        kept = [f for f in findings if not silenced.silences(f)]
        kept.sort(key=Finding.sort_key)
        assign_fingerprints(kept, {f.line: doc.line_text(f.line) for f in kept})
        if doc.language is None:
            doc.language = doc.languages[0] if doc.languages else None
        return FileResult(
            path=doc.path,
            language=doc.language,
            date=doc.reference_date.isoformat() if doc.reference_date else None,
            date_source=doc.date_source,
            date_is_lower_bound=doc.date_is_lower_bound,
            findings=kept,
            extracts=extracts,
            suppressions=silenced,
        )

    def _time_views(self, doc: Document) -> None:
        """Build the shared views up front so their cost is not billed to one detector."""
        started = time.perf_counter()
        # Views most detectors read; ``tokens`` is left to the few that use it.
        for view in ("prose", "folded", "norm", "paragraphs", "sentences", "line_starts"):
            getattr(doc, view)
        self.timings["(document views)"] += time.perf_counter() - started

    def _time_rules(self, doc: Document) -> None:
        """Re-run each selected rule alone on ``doc`` (profiling only; findings dropped)."""
        if self._alone is None:
            types = registry()
            self._alone = {}
            for name, group in self._prepared.items():
                for rule, compiled in group:
                    single = types[name]([(rule, compiled)])
                    single.settings = self.settings  # type: ignore[attr-defined]
                    self._alone[rule.id] = single
        for rule_id, single in self._alone.items():
            started = time.perf_counter()
            for _ in single.check(doc):
                pass
            if single.corpus:
                single.extract(doc)
            self.rule_timings[rule_id] += time.perf_counter() - started

    def lint_text(self, text: str, path: str = "<string>", *, is_markdown: bool | None = None) -> FileResult:
        """Lint one article given as a string (no corpus checks)."""
        return self.lint_document(self.document(text, path, is_markdown=is_markdown))

    def lint_file(self, path: str, *, stdin_name: str = "<stdin>", profile: bool = False) -> FileResult:
        if path == STDIN:
            text = sys.stdin.read()
            return self.lint_document(self.document(text, stdin_name), profile=profile)
        started = time.perf_counter()
        doc = self.document(read_text(path), path)
        if profile:
            self.timings["(read, front matter, date)"] += time.perf_counter() - started
        return self.lint_document(doc, profile=profile)

    # ----- many documents --------------------------------------------------------
    def files(self, paths: Iterable[str]) -> list[str]:
        return discover(paths, self.settings.include, self.settings.exclude)

    def lint_files(self, files: Sequence[str], *, stdin_name: str = "<stdin>", jobs: int = 1,
                   cache: Cache | None = None, advance: Callable[[int], None] | None = None) -> list[FileResult]:
        """Lint discovered files; results come in the order of ``files`` whatever ``jobs`` is.

        ``cache`` (``linter.cache.Cache``) skips unchanged files, ``jobs`` > 1 lints the
        rest in worker processes (``linter.parallel``), ``advance(n)`` hears of finished files.
        """
        return parallel.lint_files(lambda: self, files, stdin_name=stdin_name, jobs=jobs, cache=cache,
                                   advance=advance)

    def lint_paths(self, paths: Sequence[str], *, corpus: bool | None = None) -> Report:
        """Lint files and folders; cross-article checks run when more than one file is read."""
        results = self.lint_files(self.files(paths))
        self.run_corpus(results, corpus=corpus)
        return Report(results, self.rules)

    def run_corpus(self, results: list[FileResult], *, corpus: bool | None = None) -> None:
        """Cross-article checks over per-file extracts; findings join their files."""
        if corpus is None:
            corpus = len(results) > 1
        if not corpus:
            return
        # The cyclic GC would rescan every result and summary held so far each time the
        # corpus indexes grow; those records outlive the checks, so park them meanwhile,
        # and let the indexes, which hold no cycles, grow without collections.
        gc.freeze()
        try:
            with paused():
                self._run_corpus(results)
        finally:
            gc.unfreeze()

    def _run_corpus(self, results: list[FileResult]) -> None:
        by_path = {r.path: r for r in results}
        for detector in self.detectors:
            if not detector.corpus:
                continue
            started = time.perf_counter()
            items = [(r.path, r.extracts.get(detector.name)) for r in results if detector.name in r.extracts]
            new: dict[str, list[Finding]] = defaultdict(list)
            for finding in detector.check_corpus(items):
                target = by_path.get(finding.path)
                if target is not None and not target.suppressions.silences(finding):
                    new[finding.path].append(finding)
            for path, found in new.items():
                assign_fingerprints(found, {f.line: f.match for f in found})
                target = by_path[path]
                target.findings.extend(found)
                target.findings.sort(key=Finding.sort_key)
            self.timings[f"{detector.name} (corpus)"] += time.perf_counter() - started


def _check_keys(rule: Rule, cls: type[Detector]) -> None:
    for key in rule.options:
        if key not in cls.fields:
            allowed = ", ".join(sorted(cls.fields)) or "none"
            raise RuleError(f"rule '{rule.id}': unknown key '{key}' for type '{rule.type}' (allowed: {allowed})",
                            str(rule.source), rule.field_line(key))
    for key, required in cls.fields.items():
        if required and key not in rule.options:
            raise RuleError(f"rule '{rule.id}': type '{rule.type}' requires key '{key}'",
                            str(rule.source), rule.line)
