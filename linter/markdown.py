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
#: ``!?\[(?=...)|\](?=\()`` with the optional ``!`` spelled as its own alternative.
_LINK_BRACKET = re.compile(r"!\[(?=[^\]\n]*\]\()|\[(?=[^\]\n]*\]\()|\](?=\()")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[^\n]*$", re.M)
# A pattern whose every alternative opens with a literal character lets ``re`` skip
# straight to the positions holding one; a leading ``\b``, ``^``, lookaround or optional
# item makes it try every position instead (3-10x slower on an article). So the patterns
# below consume the first character, then check what came before it with a lookbehind.
#: ``\b(?:https?://|www\.)...`` with the word boundary after the first letter.
_URL = re.compile(r"(?:h(?<!\w.)ttps?://|w(?<!\w.)ww\.)[^\s<>()\"']+[^\s<>()\"'.,;:!?]")
#: ``^ {0,3}#{1,6}(?=\s)|(?<=\s)#+[ \t]*$``: an opening or closing ATX heading mark.
_HEADING_MARK = re.compile(r"#(?<=^#)#{0,5}(?=\s)| (?<=^ ) {0,2}#{1,6}(?=\s)|#(?<=\s#)#*[ \t]*$", re.M)
# The line patterns below start with the newline before the line (group 1 is the
# markup): they run over "\n" + text, so the first line has a newline too.
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
    for pattern, needles in _PATTERNS:
        if needles and not any(needle in text for needle in needles):
            continue  # a substring test is far cheaper than a regex scan that finds nothing
        if pattern in _LINE_PATTERNS:
            spans.extend((m.start(1) - 1, m.end(1) - 1) for m in pattern.finditer(lined))
        else:
            spans.extend(m.span() for m in pattern.finditer(text))
    return spans


#: Each pattern with the substrings one of which every match contains (empty: always run).
_PATTERNS = (
    (_HTML_COMMENT, ("<!--",)), (_INLINE_CODE, ("`",)), (_AUTOLINK, ("<",)), (_LINK_TARGET, ("](",)),
    (_REF_DEF, ("]:",)), (_URL, ("http://", "https://", "www.")), (_HTML_TAG, ("<",)),
    (_HEADING_MARK, ("#",)), (_BLOCK_MARK, ()), (_RULE_LINE, ()), (_LINK_BRACKET, ("](",)),
    (_EMPHASIS, ("*", "_")),
)
_LINE_PATTERNS = (_BLOCK_MARK, _RULE_LINE)


def _fenced_blocks(text: str) -> list[Span]:
    spans: list[Span] = []
    if "```" not in text and "~~~" not in text:
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
