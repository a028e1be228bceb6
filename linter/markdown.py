"""Find the parts of a Markdown file that are markup, not prose.

We do not render Markdown: we only need the spans a prose rule must not see (front
matter, code, URLs, link targets, HTML comments and tags, syntax markers), so that the
prose view can blank them out while every offset still points into the original file.
"""
from __future__ import annotations

import re
from itertools import repeat

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
# the matches merged (see ``_merge``); a ``^`` pattern is spelled from the newline before
# the line (group 1 is the markup) and tried only where ``_MARKED_LINE`` finds a line
# that may hold its markup; a ``\b`` or ``(?<=\s)`` is checked by a lookbehind after
# the first character.
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

#: Where a line pattern (led by ``\n(``) may match: up to three spaces and the first
#: character of a reference definition, heading, quote, list item or rule after a
#: newline (or at the start). One scan finds these few lines; each pattern is then tried
#: at them alone (a scan of its own costs ~1 ns a character of a non-Latin-1 text).
_MARKED_LINE = re.compile(r"\n {0,3}[\[#>*+\-_\d]")
_MARKED_START = re.compile(r" {0,3}[\[#>*+\-_\d]")

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
    marked = [m.start() + 1 for m in _MARKED_LINE.finditer(text)]
    if _MARKED_START.match(text):
        marked.insert(0, 0)
    links = _all(text, "](")
    for patterns, needles in _PATTERNS:
        if needles and not any(_present(needle, text) for needle in needles):
            continue  # a substring test is far cheaper than a regex scan that finds nothing
        if isinstance(patterns, tuple):
            spans.extend(_merge([span for p in patterns for span in _spans(p, text, marked, links)]))
        else:
            spans.extend(_spans(patterns, text, marked, links))
    return spans


def _all(text: str, needle: str) -> list[int]:
    """Where each ``needle`` of ``text`` starts (each after the one before)."""
    out: list[int] = []
    find, step = text.find, len(needle)
    i = find(needle)
    while i >= 0:
        out.append(i)
        i = find(needle, i + step)
    return out


def _finditer_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[Span]:
    """``[m.span() for m in pattern.finditer(text)]`` for a pattern that matches only at
    ``starts`` (sorted) and never an empty string: tried there alone, a match skipping
    the starts it covers."""
    out: list[Span] = []
    last = 0
    match = pattern.match
    for i in starts:
        if i >= last:
            m = match(text, i)
            if m:
                out.append(m.span())
                last = m.end()
    return out


def _present(needle: str, text: str) -> bool:
    """``needle in text``, testing its first character first.

    ``in`` finds one character with a ``memchr``-like scan, but a short needle that is
    not there costs ~1 ns a character of a non-Latin-1 text (4 us an article).
    """
    return needle[0] in text and needle in text


def _spans(pattern: re.Pattern[str], text: str, marked: list[int], links: list[int]) -> list[Span]:
    """Match spans of ``pattern`` in ``text`` (a line pattern's group 1).

    A line pattern can only match at the start of a line of ``marked`` (and never past
    its end, so ``finditer`` would find one at each where it matches); the link
    patterns are read off the "](" at ``links``; the closing heading mark and emphasis
    start at a "#", "*" or "_", which ``str.find`` reaches far faster than ``re``.
    """
    if pattern.pattern.startswith("\\n("):
        return [m.span(1) for m in map(_AT_LINE_START[pattern].match, repeat(text), marked) if m]
    if pattern is _LINK_TARGET:
        return _finditer_at(pattern, text, links)
    if pattern is _LINK_BRACKET[2]:  # "](" itself
        return [(i, i + 1) for i in links]
    if pattern is _LINK_BRACKET[1] or pattern is _LINK_BRACKET[0]:
        return _link_openers(text, links, pattern is _LINK_BRACKET[0])
    if pattern is _HEADING_MARK[1]:
        return _finditer_at(pattern, text, _all(text, "#"))
    if pattern is _EMPHASIS:
        return _finditer_at(pattern, text, sorted(_all(text, "*") + _all(text, "_")))
    return [m.span() for m in pattern.finditer(text)]


def _link_openers(text: str, links: list[int], bang: bool) -> list[Span]:
    r"""The matches of ``\[(?=[^\]\n]*\]\()`` (or, with ``bang``, ``!\[(?=...)``): a "[" whose
    first "]" or newline after it is the "]" of a "](" - each "[" after the last "]" or
    newline before a "](", and before it."""
    out: list[Span] = []
    find, rfind = text.find, text.rfind
    for i in links:
        line = rfind("\n", 0, i) + 1
        j = find("[", rfind("]", line, i) + 1 or line, i)
        while j >= 0:
            if not bang:
                out.append((j, j + 1))
            elif j and text[j - 1] == "!":
                out.append((j - 1, j + 1))
            j = find("[", j + 1, i)
    return out


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
#: of which every match contains (empty: always run, or found from ``marked``/``links``).
_PATTERNS: tuple[tuple[re.Pattern[str] | tuple[re.Pattern[str], ...], tuple[str, ...]], ...] = (
    (_HTML_COMMENT, ("<!--",)), (_INLINE_CODE, ("`",)), (_AUTOLINK, ("<",)), (_LINK_TARGET, ()),
    (_REF_DEF, ()), (_URL, ("https://", "http://", "www.")), (_HTML_TAG, ("<",)),
    (_HEADING_MARK, ("#",)), (_BLOCK_MARK, ()), (_RULE_LINE, ()), (_LINK_BRACKET, ()),
    (_EMPHASIS, ("*", "_")),
)


#: Each line pattern without its leading newline, to try at the start of a line of the text.
_AT_LINE_START = {pattern: re.compile(pattern.pattern[2:], pattern.flags)
                  for pattern in (_REF_DEF, _HEADING_MARK[0], _BLOCK_MARK, _RULE_LINE)}


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
