"""Find the parts of a Markdown file that are markup, not prose.

We do not render Markdown: we only need the spans a prose rule must not see (front
matter, code, URLs, link targets, HTML comments and tags, syntax markers), so that the
prose view can blank them out while every offset still points into the original file.
"""
from __future__ import annotations

import re

Span = tuple[int, int]

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*$", re.M)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_DEF = re.compile(r"\n( {0,3}\[[^\]\n]+\]:[^\n]*)$", re.M)
# ``re`` finds where a pattern led by a literal character can start with a ``memchr``-like
# scan; a leading class costs a test per character and a leading ``\b``, ``^``,
# lookaround or optional item a match attempt per character (3-10x slower on an
# article). So an alternation is run as one literal-led pattern per alternative and
# the matches merged (see ``_merge``); a ``^`` pattern starts with the newline before
# the line and runs over "\n" + text (group 1 is the markup); a ``\b`` or ``(?<=\s)``
# is checked by a lookbehind after the first character.
#: ``\b(?:https?://|www\.)...``.
_URL_BODY = r"[^\s<>()\"']+[^\s<>()\"'.,;:!?]"
_URL = (re.compile(r"http(?<!\w.{4})s?://" + _URL_BODY), re.compile(r"www\.(?<!\w.{4})" + _URL_BODY))
#: ``!?\[(?=...)|\](?=\()``: the brackets of an inline link or image.
_LINK_BRACKET = (
    re.compile(r"!\[(?=[^\]\n]*\]\()"), re.compile(r"\[(?=[^\]\n]*\]\()"), re.compile(r"\](?=\()"),
)
#: ``^ {0,3}#{1,6}(?=\s)|(?<=\s)#+[ \t]*$``: an opening or closing ATX heading mark.
_HEADING_MARK = (re.compile(r"\n( {0,3}#{1,6})(?=\s)"), re.compile(r"#(?<=\s#)#*[ \t]*$", re.M))
_BLOCK_MARK = re.compile(r"\n( {0,3}(?:>[ \t]?)+| {0,3}(?:[-*+]|\d{1,9}[.)])(?=[ \t]))")
_EMPHASIS = re.compile(r"(?=[*_])(?:(?<![\w*_])(\*{1,3}|_{1,3})(?=\S)|(?<=\S)(\*{1,3}|_{1,3})(?![\w*_]))")
_RULE_LINE = re.compile(r"\n( {0,3}(?:[-*_][ \t]*){3,})$", re.M)

FRONT_MATTER = re.compile(r"\A(\ufeff?)---[ \t]*\r?\n(.*?)(?:^|\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def front_matter_span(text: str) -> tuple[int, int, int, int] | None:
    """Return (block_start, block_end, yaml_start, yaml_end) of a leading YAML block."""
    m = FRONT_MATTER.match(text)
    if not m:
        return None
    return m.start(), m.end(), m.start(2), m.end(2)


def markup_spans(text: str) -> list[Span]:
    """Spans of ``text`` that are Markdown markup rather than prose."""
    spans: list[Span] = []
    spans.extend(_fenced_blocks(text))
    lined = "\n" + text
    for patterns, needles in _PATTERNS:
        if needles and not any(_present(needle, text) for needle in needles):
            continue  # a substring test is far cheaper than a regex scan that finds nothing
        if isinstance(patterns, tuple):
            spans.extend(_merge([span for p in patterns for span in _spans(p, text, lined)]))
        else:
            spans.extend(_spans(patterns, text, lined))
    return spans


def _present(needle: str, text: str) -> bool:
    """``needle in text``, testing its first character first.

    ``in`` finds one character with a ``memchr``-like scan, but a short needle that is
    not there costs ~1 ns a character of a non-Latin-1 text (4 us an article).
    """
    return needle[0] in text and needle in text


def _spans(pattern: re.Pattern[str], text: str, lined: str) -> list[Span]:
    """Match spans of ``pattern`` in ``text``; a line pattern's group 1 in ``lined``."""
    if pattern.pattern.startswith("\\n("):
        return [(m.start(1) - 1, m.end(1) - 1) for m in pattern.finditer(lined)]
    return [m.span() for m in pattern.finditer(text)]


def _merge(spans: list[Span]) -> list[Span]:
    """The matches one scan of the alternation of the patterns would find.

    Where a match starts decides what it matches (the alternatives start with different
    characters, and a heading mark that both an opening and a closing pattern match
    at one place is the same or shorter as an opening), so in order of start, shortest
    first, a match is kept unless it starts inside the one kept before.
    """
    kept: list[Span] = []
    last = 0
    for start, end in sorted(spans):
        if start >= last:
            kept.append((start, end))
            last = end
    return kept


#: Each pattern (or the literal-led patterns of one alternation) with the substrings one
#: of which every match contains (empty: always run).
_PATTERNS: tuple[tuple[re.Pattern[str] | tuple[re.Pattern[str], ...], tuple[str, ...]], ...] = (
    (_HTML_COMMENT, ("<!--",)), (_INLINE_CODE, ("`",)), (_AUTOLINK, ("<",)), (_LINK_TARGET, ("](",)),
    (_REF_DEF, ("]:",)), (_URL, ("https://", "http://", "www.")), (_HTML_TAG, ("<",)),
    (_HEADING_MARK, ("#",)), (_BLOCK_MARK, ()), (_RULE_LINE, ()), (_LINK_BRACKET, ("](",)),
    (_EMPHASIS, ("*", "_")),
)


def _fenced_blocks(text: str) -> list[Span]:
    spans: list[Span] = []
    if not _present("```", text) and not _present("~~~", text):
        return spans
    opening: re.Match[str] | None = None
    for m in _FENCE.finditer(text):
        if opening is None:
            opening = m
        elif m.group(2)[0] == opening.group(2)[0] and len(m.group(2)) >= len(opening.group(2)):
            spans.append((opening.start(), m.end()))
            opening = None
    if opening is not None:
        spans.append((opening.start(), len(text)))
    return spans
