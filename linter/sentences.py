"""Split prose into paragraphs and sentences with offsets, fast and dependency-free.

News copy is full of abbreviations ("U.S.", "Mr.", "Jan.") and decimals; a boundary is
terminal punctuation, optional closing quotes or brackets, whitespace, then something
that can start a sentence - unless the word before the dot is a known abbreviation or
a single initial.
"""
from __future__ import annotations

import re

Span = tuple[int, int]

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr rev gen lt col maj capt cmdr sgt adm gov sen rep pres
    hon fr mt ft no nos vol vols pp p fig figs ed eds approx est dept univ inc ltd co corp
    plc llc bros vs etc e.g i.e cf al jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun u.s u.k u.n e.u u.s.a a.m p.m d.c
    ave blvd rd hwy sq""".split()
)

_BOUNDARY = re.compile(
    r"(?:[.!?\u2026]+|\.\.\.)[\"'\u201d\u2019\u00bb)\]]*(?=\s+[\"'\u201c\u2018\u00ab(\[]?[A-Z0-9\u00C0-\u024F\u0400-\u04FF])"
)
_DOTTED_ACRONYM = re.compile(r"(?:\w\.)+\w")


def paragraphs(text: str, one_per_line: bool) -> list[Span]:
    """Paragraph spans: blank-line separated blocks, or every non-blank line.

    Plain-text articles pasted from the web usually put one paragraph per line, while
    Markdown hard-wraps paragraphs and separates them with blank lines.
    """
    spans: list[Span] = []
    if one_per_line:
        pos = 0
        for line in text.split("\n"):
            stripped = line.strip()
            if stripped:
                lead = len(line) - len(line.lstrip())
                spans.append((pos + lead, pos + lead + len(stripped)))
            pos += len(line) + 1
        return spans
    for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text):
        chunk = m.group().rstrip()
        spans.append((m.start(), m.start() + len(chunk)))
    return spans


def sentences(text: str, span: Span) -> list[Span]:
    """Sentence spans inside one paragraph span of ``text``."""
    start, end = span
    chunk = text[start:end]
    out: list[Span] = []
    cursor = 0
    for m in _BOUNDARY.finditer(chunk):
        if m.group().startswith(".") and not m.group().startswith("..") and _is_abbreviation(chunk, m.start()):
            continue
        stop = m.end()
        if stop > cursor:
            out.append(_trim(chunk, cursor, stop, start))
        cursor = stop
    if cursor < len(chunk) and chunk[cursor:].strip():
        out.append(_trim(chunk, cursor, len(chunk), start))
    return [s for s in out if s[1] > s[0]]


def _is_abbreviation(chunk: str, dot: int) -> bool:
    word = _word_before(chunk, dot).lower().rstrip(".")
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    # A single initial ("J. Smith") or a dotted acronym ("U.S.") is not an end.
    return len(word) == 1 and word.isalpha() or bool(_DOTTED_ACRONYM.fullmatch(word))


def _word_before(chunk: str, dot: int) -> str:
    """The run of word characters and dots that ends at ``dot`` (or just before a newline).

    Scanning backwards costs the length of the word; a ``[\\w.]+$`` search up to ``dot``
    would cost the length of the paragraph at every full stop.
    """
    end = dot - 1 if dot > 0 and chunk[dot - 1] == "\n" else dot
    start = end
    while start > 0:
        ch = chunk[start - 1]
        if ch.isalnum() or ch == "_" or ch == ".":
            start -= 1
        else:
            break
    return chunk[start:end]


def _trim(chunk: str, a: int, b: int, base: int) -> Span:
    piece = chunk[a:b]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    return base + a + lead, base + b - trail
