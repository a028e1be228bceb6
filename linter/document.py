"""An article read once, with the views every detector shares.

Data flows one way: the engine builds a ``Document`` per file, detectors read its views
(``prose``, ``norm``, lines, paragraphs, sentences, tokens) and return findings. Views
are computed lazily and at most once. Every view has the length of the original text,
so offsets always refer to the original file.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Any

import yaml

from linter import markdown, normalize, sentences
from linter.errors import ContentlintError

Span = tuple[int, int]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_START = itemgetter(0)
_TOKEN = re.compile(r"\w+(?:['\u2019.\-]\w+)*")
_DIRECTIVE = re.compile(
    r"^[ \t]*(?:<!--\s*contentlint[-:]\s*(?P<md>[^\n]*?)\s*-->|#\s*contentlint[-:]\s*(?P<txt>[^\n]*?))[ \t]*$",
    re.M,
)


def _load_yaml(source: str) -> Any:
    """``yaml.safe_load`` through libyaml when present (7x faster on every Markdown file).

    On an error the pure-Python loader parses again, so the message users see does
    not depend on how PyYAML was built.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.load(source, Loader=fast)  # noqa: S506 - the safe C loader
        except yaml.YAMLError:
            pass
    return yaml.safe_load(source)


#: One line of the front matter nearly every Markdown article has ("title: "...",
#: date: 2024-05-01, author: Jane Doe"): a key, then a double-quoted string of printable
#: ASCII without escapes, an ISO date, or plain words holding a space (no YAML 1.1
#: resolver reads those as anything but a string).
_SIMPLE_LINE = re.compile(
    r"([A-Za-z_][A-Za-z0-9_]*): (?:\"([ !#-\[\]-~]*)\"|([0-9]{4})-([0-9]{2})-([0-9]{2})|"
    r"([A-Za-z][A-Za-z0-9.'-]*(?: [A-Za-z0-9.'-]+)+))"
)
#: Keys YAML 1.1 reads as booleans or null, not strings.
_SPECIAL_KEYS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})


def _simple_yaml(source: str) -> dict[str, Any] | None:
    """What ``_load_yaml`` returns for front matter made only of simple lines, else None.

    Loading even three lines through PyYAML costs ~0.15 ms an article (a parser, a
    resolver regex per scalar); these lines need none of it.
    """
    lines = source.split("\n")
    if lines[-1] == "":
        lines.pop()
    if not lines:
        return None
    data: dict[str, Any] = {}
    for line in lines:
        m = _SIMPLE_LINE.fullmatch(line)
        if m is None or m.group(1).lower() in _SPECIAL_KEYS:
            return None
        quoted, year, plain = m.group(2), m.group(3), m.group(6)
        if quoted is not None:
            data[m.group(1)] = quoted
        elif plain is not None:
            data[m.group(1)] = plain
        else:
            try:
                data[m.group(1)] = dt.date(int(year), int(m.group(4)), int(m.group(5)))
            except ValueError:
                return None  # PyYAML reports it
    return data


@dataclass
class Directive:
    """An inline ``contentlint-disable`` style comment: its kind, selectors and span."""

    kind: str
    selectors: tuple[str, ...]
    start: int
    end: int


@dataclass
class Document:
    """One article: the original text plus metadata and derived views."""

    path: str
    text: str
    is_markdown: bool = False
    meta: dict[str, Any] = field(default_factory=dict)
    front_matter: Span | None = None
    reference_date: dt.date | None = None
    date_source: str = "unknown"
    date_is_lower_bound: bool = False
    language: str | None = None
    languages: tuple[str, ...] = ("en",)
    today: dt.date = field(default_factory=dt.date.today)
    #: Per-document scratch space for views that detectors share (quotes, numbers...).
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_text(cls, text: str, path: str = "<string>", *, is_markdown: bool | None = None) -> Document:
        """Build a document; parses front matter (Markdown only) and raises on bad YAML."""
        if is_markdown is None:
            is_markdown = path.lower().endswith(MARKDOWN_SUFFIXES)
        doc = cls(path=path, text=text, is_markdown=is_markdown)
        if is_markdown:
            doc._read_front_matter()
        return doc

    def _read_front_matter(self) -> None:
        found = markdown.front_matter_span(self.text)
        if not found:
            return
        block_start, block_end, yaml_start, yaml_end = found
        self.front_matter = (block_start, block_end)
        first_line = self.text.count("\n", 0, yaml_start) + 1
        source = self.text[yaml_start:yaml_end]
        try:
            data = _simple_yaml(source)
            if data is None:
                data = _load_yaml(source) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = first_line + mark.line if mark is not None else first_line
            problem = getattr(exc, "problem", None) or "invalid YAML"
            raise ContentlintError(f"front matter: {problem}", self.path, line) from None
        if not isinstance(data, dict):
            raise ContentlintError("front matter must be a mapping", self.path, first_line)
        self.meta = data

    # ----- offsets -------------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based offset; columns count code points."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_text(self, line: int) -> str:
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    @cached_property
    def lines(self) -> list[Span]:
        """Span of each line without its line break."""
        starts = self.line_starts
        out: list[Span] = []
        for i, start in enumerate(starts):
            end = starts[i + 1] - 1 if i + 1 < len(starts) else len(self.text)
            if end > start and self.text[end - 1] == "\r":
                end -= 1
            out.append((start, end))
        return out

    # ----- prose views ---------------------------------------------------------
    @cached_property
    def directives(self) -> list[Directive]:
        out: list[Directive] = []
        if "contentlint" not in self.text:  # nearly every article: skip the line-by-line scan
            return out
        for m in _DIRECTIVE.finditer(self.text):
            body = m.group("md") if m.group("md") is not None else m.group("txt")
            if m.group("txt") is not None and self.is_markdown:
                continue
            parts = body.replace(",", " ").split()
            if not parts:
                continue
            kind = parts[0].lower().removeprefix("contentlint-")
            out.append(Directive(kind, tuple(parts[1:]), m.start(), m.end()))
        return out

    @cached_property
    def markup(self) -> list[Span]:
        """Spans that are not prose: front matter, Markdown syntax, directive comments."""
        spans: list[Span] = []
        if self.front_matter:
            spans.append(self.front_matter)
        if self.is_markdown:
            spans.extend(markdown.markup_spans(self.text))
        spans.extend((d.start, d.end) for d in self.directives)
        if self.text.startswith("\ufeff"):
            spans.append((0, 1))
        return sorted(spans)

    @cached_property
    def prose(self) -> str:
        """The original text with markup blanked to spaces (newlines kept)."""
        if not self.markup:
            return self.text
        # Slices, not a list of characters: this view is built for every Markdown file.
        text = self.text
        pieces: list[str] = []
        last = 0
        for start, end in self.markup:
            start = max(start, last)
            if end <= start:
                continue
            pieces.append(text[last:start])
            markup = text[start:end]
            if "\n" in markup:
                pieces.append("\n".join(" " * len(part) for part in markup.split("\n")))
            else:
                pieces.append(" " * (end - start))
            last = end
        pieces.append(text[last:])
        return "".join(pieces)

    def is_prose(self, start: int, end: int) -> bool:
        """True when no part of ``[start, end)`` is markup."""
        return not any(a < end and start < b for a, b in self.markup)

    @cached_property
    def folded(self) -> str:
        """``prose`` with spaces, quotes and dashes folded to ASCII, case kept."""
        return normalize.fold(self.prose)

    @cached_property
    def norm(self) -> str:
        """``prose`` with typography and case folded: what phrase matchers search."""
        return normalize.lower_same_length(self.folded)

    @cached_property
    def paragraphs(self) -> list[Span]:
        return sentences.paragraphs(self.prose, one_per_line=not self.is_markdown)

    @cached_property
    def sentences(self) -> list[Span]:
        return sentences.paragraph_sentences(self.prose, self.paragraphs)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return list(map(_START, self.sentences))

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence containing ``offset``, if any."""
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        if i >= 0:
            span = self.sentences[i]  # starts at or before ``offset``
            if offset < span[1]:
                return span
        return None

    @cached_property
    def paragraph_starts(self) -> list[int]:
        return list(map(_START, self.paragraphs))

    def paragraph_at(self, offset: int) -> Span | None:
        i = bisect.bisect_right(self.paragraph_starts, offset) - 1
        if i >= 0:
            span = self.paragraphs[i]  # starts at or before ``offset``
            if offset < span[1]:
                return span
        return None

    @cached_property
    def tokens(self) -> list[Span]:
        """Word tokens (letters, digits, inner apostrophes/hyphens/dots)."""
        return [m.span() for m in _TOKEN.finditer(self.prose)]

    @cached_property
    def word_count(self) -> int:
        return len(self.tokens)
